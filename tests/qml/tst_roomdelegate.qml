import QtQuick
import QtQuick.Controls
import QtTest
import Concierge.Core
import Concierge.Ui

Item {
    id: root
    width: 800
    height: 600

    Component {
        id: delegateComponent
        RoomDelegate {
            width: 700
        }
    }

    TestCase {
        name: "RoomDelegate"
        when: windowShown

        property var spy: null
        property var cancelSpy: null
        property var hideSpy: null

        function make(overrides) {
            const props = {
                index: 0,
                roomId: "!abc:example.org",
                displayName: "Design team",
                canonicalAlias: "#design:example.org",
                topic: "Mockups",
                avatarSource: "",
                membership: Membership.Join,
                section: RoomSection.Joined,
                sectionStart: false,
                sectionCount: 1,
                joinedMemberCount: 12,
                inviterId: "",
                inviterName: "",
                pendingAction: -1,
                operationState: -1,
                waitReason: Operation.NotWaiting,
                lastError: "",
                selected: false,
                isSpace: false,
                isDirect: false,
                spaceNames: [],
                successorToJoin: ""
            }
            for (const key in overrides)
                props[key] = overrides[key]
            const item = createTemporaryObject(delegateComponent, root, props)
            verify(item)
            spy = createTemporaryObject(spyComponent, root, { target: item, signalName: "actionRequested" })
            cancelSpy = createTemporaryObject(spyComponent, root, { target: item, signalName: "cancelRequested" })
            hideSpy = createTemporaryObject(spyComponent, root, { target: item, signalName: "hideLeftRequested" })
            return item
        }
        function child(item, name) {
            const found = findChild(item, name)
            verify(found, "item " + name)
            return found
        }
        // The section header a row draws (a removed one may linger until deleted, hidden).
        function shownHeader(item, name) {
            const found = findChild(item, name)
            return found !== null && found.visible ? found : null
        }
        function shown(item, name) {
            const c = findChild(item, name)
            return c !== null && c.visible && c.width > 0
        }

        Component {
            id: spyComponent
            SignalSpy {}
        }

        function test_invite_row() {
            const row = make({ membership: Membership.Invite, section: RoomSection.Invites,
                               inviterId: "@bob:example.org", inviterName: "Bob" })
            verify(shown(row, "acceptButton"))
            verify(shown(row, "declineButton"))
            verify(!shown(row, "inviteButton"))
            verify(!shown(row, "leaveButton"))
            verify(!shown(row, "rejoinButton"))
            compare(child(row, "roomInviter").text, "Invited by Bob (@bob:example.org)")
            mouseClick(child(row, "acceptButton"))
            compare(spy.count, 1)
            compare(spy.signalArguments[0][0], Operation.Join)
            mouseClick(child(row, "declineButton"))
            compare(spy.signalArguments[1][0], Operation.Leave)
        }

        function test_joined_row() {
            const row = make({})
            verify(shown(row, "inviteButton"))
            verify(shown(row, "leaveButton"))
            verify(!shown(row, "acceptButton"))
            verify(!shown(row, "roomInviter"))
            compare(child(row, "roomAddress").text, "#design:example.org  ·  12 members")
            mouseClick(child(row, "inviteButton"))
            mouseClick(child(row, "leaveButton"))
            compare(spy.count, 2)
            compare(spy.signalArguments[0][0], Operation.Invite)
            compare(spy.signalArguments[1][0], Operation.Leave)
        }

        function test_left_row() {
            const row = make({ membership: Membership.Leave, section: RoomSection.Left,
                               joinedMemberCount: -1, canonicalAlias: "" })
            verify(shown(row, "rejoinButton"))
            verify(shown(row, "forgetButton"))
            verify(!shown(row, "leaveButton"))
            // No alias, unknown member count: the room ID alone.
            compare(child(row, "roomAddress").text, "!abc:example.org")
            mouseClick(child(row, "rejoinButton"))
            mouseClick(child(row, "forgetButton"))
            compare(spy.signalArguments[0][0], Operation.Join)
            compare(spy.signalArguments[1][0], Operation.Forget)
        }

        // Every row offers its history; the button only asks for it.
        function test_history_button_emits_intent() {
            for (const membership of [Membership.Invite, Membership.Join, Membership.Leave]) {
                const row = make({ membership: membership })
                const history = createTemporaryObject(spyComponent, root, { target: row, signalName: "historyRequested" })
                verify(shown(row, "historyButton"))
                compare(child(row, "historyButton").Accessible.name, "History of Design team")
                mouseClick(child(row, "historyButton"))
                compare(history.count, 1)
                compare(spy.count, 0)
            }
        }

        // A left room says why it is left (plain text), also to screen readers; other rows never
        // show a summary.
        function test_left_row_shows_its_latest_change() {
            const row = make({ membership: Membership.Leave, section: RoomSection.Left,
                               historySummary: "Kicked by @mod:example.org: <b>spam</b>" })
            const summary = child(row, "roomHistorySummary")
            verify(shown(row, "roomHistorySummary"))
            compare(summary.text, "Kicked by @mod:example.org: <b>spam</b>")
            compare(summary.textFormat, Text.PlainText)
            verify(row.Accessible.name.indexOf("left, Kicked by @mod:example.org: <b>spam</b>") >= 0, row.Accessible.name)
            compare(child(row, "toolTipSummary").text, summary.text)
            compare(child(row, "toolTipSummary").textFormat, Text.PlainText)

            const joinedRow = make({ historySummary: "You joined" })
            verify(!shown(joinedRow, "roomHistorySummary"))
            verify(joinedRow.Accessible.name.indexOf("You joined") < 0)
            const nothingSaved = make({ membership: Membership.Leave, section: RoomSection.Left })
            verify(!shown(nothingSaved, "roomHistorySummary"))
        }

        function test_pending_shows_progress_and_blocks_buttons() {
            const row = make({ pendingAction: Operation.Leave, operationState: Operation.Running })
            verify(shown(row, "busyRow"))
            verify(child(row, "roomBusy").running)
            compare(child(row, "roomPendingText").text, "Leaving…")
            verify(!shown(row, "buttonRow"))
            verify(!shown(row, "cancelButton")) // on its way: nothing to cancel here
            verify(!shown(row, "roomWaitingText"))
            mouseClick(row)
            compare(spy.count, 0)
            verify(row.Accessible.name.indexOf("Leaving") >= 0)
        }

        function test_pending_decline_is_named_so() {
            const row = make({ membership: Membership.Invite, section: RoomSection.Invites,
                               pendingAction: Operation.Leave, operationState: Operation.Running })
            compare(child(row, "roomPendingText").text, "Declining…")
        }

        function test_waiting_offers_cancel() {
            const row = make({ pendingAction: Operation.LeaveAndForget, operationState: Operation.Waiting,
                               waitReason: Operation.ServerUnavailable })
            verify(shown(row, "busyRow"))
            verify(shown(row, "roomWaitingText"))
            verify(child(row, "roomWaitingText").text.indexOf("server") >= 0)
            verify(shown(row, "cancelButton"))
            verify(!shown(row, "buttonRow"))
            mouseClick(child(row, "cancelButton"))
            compare(cancelSpy.count, 1)
            compare(spy.count, 0)
            verify(row.Accessible.name.indexOf("Waiting for the server") >= 0)

            const limited = make({ pendingAction: Operation.Join, operationState: Operation.Waiting,
                                   waitReason: Operation.RateLimited })
            verify(child(limited, "roomWaitingText").text.indexOf("Rate limited") >= 0)
        }

        function test_error_is_shown_inline() {
            const row = make({ lastError: "M_FORBIDDEN: You are not invited to this room. (HTTP 403)",
                               operationState: Operation.Failed })
            verify(shown(row, "roomError"))
            verify(child(row, "roomError").text.indexOf("M_FORBIDDEN") >= 0)
            compare(child(row, "roomError").textFormat, Text.PlainText)
            verify(shown(row, "buttonRow")) // the buttons stay: trying again is one click
        }

        function test_html_name_is_literal() {
            const row = make({ displayName: "<b>x</b><img src=x>" })
            compare(child(row, "roomName").text, "<b>x</b><img src=x>")
            compare(child(row, "roomName").textFormat, Text.PlainText)
            compare(child(row, "roomAddress").textFormat, Text.PlainText)
        }

        function test_name_falls_back_to_alias_then_id() {
            let row = make({ displayName: "" })
            compare(child(row, "roomName").text, "#design:example.org")
            row = make({ displayName: "", canonicalAlias: "" })
            compare(child(row, "roomName").text, "!abc:example.org")
        }

        function test_one_member() {
            const row = make({ joinedMemberCount: 1 })
            compare(child(row, "roomAddress").text, "#design:example.org  ·  1 member")
        }

        function test_keyboard_actions() {
            compare(make({ membership: Membership.Invite }).primaryAction, Operation.Join)
            compare(make({ membership: Membership.Invite }).secondaryAction, Operation.Leave)
            compare(make({ membership: Membership.Join }).primaryAction, Operation.Invite)
            compare(make({ membership: Membership.Join }).secondaryAction, Operation.Leave)
            compare(make({ membership: Membership.Leave }).primaryAction, Operation.Join)
            compare(make({ membership: Membership.Leave }).secondaryAction, Operation.Forget)
        }

        function test_section_header_only_on_the_first_row() {
            let row = make({})
            compare(shownHeader(row, "section:Joined"), null)
            row = make({ sectionStart: true, sectionCount: 6 })
            const header = child(row, "section:Joined")
            compare(child(header, "sectionTitle").text, "Joined  (6)")
            verify(!shown(header, "hideLeftButton"))
            // The row's own content sits below its header.
            verify(child(row, "roomName").mapToItem(row, 0, 0).y >= header.height)
        }

        function test_section_header_follows_roles() {
            // A delegate keeps its item while its roles change (a section that disappears and
            // comes back): the header must follow.
            const row = make({ membership: Membership.Invite, section: RoomSection.Invites,
                               sectionStart: true, sectionCount: 1 })
            compare(child(child(row, "section:Invites"), "sectionTitle").text, "Invites  (1)")
            row.section = RoomSection.Joined
            row.sectionCount = 3
            compare(child(child(row, "section:Joined"), "sectionTitle").text, "Joined  (3)")
            row.sectionStart = false
            compare(shownHeader(row, "section:Joined"), null)
            compare(row.topInset, 0)
        }

        function test_left_header_offers_hide() {
            const row = make({ membership: Membership.Leave, section: RoomSection.Left,
                               sectionStart: true, sectionCount: 2 })
            const header = child(row, "section:Left")
            compare(child(header, "sectionTitle").text, "Left  (2)")
            verify(shown(header, "hideLeftButton"))
            mouseClick(child(header, "hideLeftButton"))
            compare(hideSpy.count, 1)
            // A click on the header is not a click on the row.
            const clicked = createTemporaryObject(spyComponent, root, { target: row, signalName: "clicked" })
            mouseClick(child(header, "sectionTitle"))
            compare(clicked.count, 0)
        }
    
        // Selection for bulk actions: Ctrl+click and the check box ask to toggle, Shift+click
        // to extend; a plain click or a click on a button asks neither.
        function test_modifier_clicks_ask_for_selection() {
            const row = make({})
            const toggle = createTemporaryObject(spyComponent, root, { target: row, signalName: "toggleSelectRequested" })
            const range = createTemporaryObject(spyComponent, root, { target: row, signalName: "rangeSelectRequested" })
            const clicked = createTemporaryObject(spyComponent, root, { target: row, signalName: "clicked" })
            const name = child(row, "roomName")
            const p = name.mapToItem(row, 4, name.height / 2)
            mouseClick(row, p.x, p.y)
            compare(clicked.count, 1)
            compare(toggle.count, 0)
            compare(range.count, 0)
            mouseClick(row, p.x, p.y, Qt.LeftButton, Qt.ControlModifier)
            compare(toggle.count, 1)
            compare(range.count, 0)
            mouseClick(row, p.x, p.y, Qt.LeftButton, Qt.ShiftModifier)
            compare(range.count, 1)
            compare(toggle.count, 1)
            mouseClick(child(row, "selectBox"))
            compare(toggle.count, 2)
            // The check box follows `selected`, not the click: the page decides.
            verify(!child(row, "selectBox").checked)
            mouseClick(child(row, "leaveButton"), 5, 5, Qt.LeftButton, Qt.ControlModifier)
            compare(toggle.count, 2)
            compare(spy.count, 1)
        }

        function test_selected_row_is_shown_and_named_so() {
            const row = make({})
            verify(!child(row, "selectedMark").visible)
            verify(row.Accessible.name.indexOf("selected") < 0)
            row.selected = true
            verify(child(row, "selectedMark").visible)
            verify(child(row, "selectBox").checked)
            verify(Qt.colorEqual(child(row, "rowBackground").color, Theme.selectionBackground))
            verify(row.Accessible.name.indexOf(", selected") > 0, row.Accessible.name)
            compare(child(row, "selectBox").Accessible.name, "Select Design team")
            // The keyboard's current row: a frame, told apart from the selection's tint.
            row.selected = false
            row.highlighted = true
            compare(child(row, "rowBackground").border.width, 2)
            verify(!Qt.colorEqual(child(row, "rowBackground").color, Theme.selectionBackground))
        }

        // Issue 16, item 4: the row's buttons are not Tab stops, so its description says how the
        // keyboard reaches its actions: what Enter and Delete do, and the context menu.
        function test_description_says_how_to_reach_the_actions_data() {
            return [
                { tag: "invite", membership: Membership.Invite,
                  description: "Enter to accept, Delete to decline, Menu or Shift+F10 for actions",
                  buttons: ["acceptButton", "declineButton"] },
                { tag: "joined", membership: Membership.Join,
                  description: "Enter to invite someone, Delete to leave, Menu or Shift+F10 for actions",
                  buttons: ["inviteButton", "leaveButton"] },
                { tag: "left", membership: Membership.Leave,
                  description: "Enter to rejoin, Delete to forget, Menu or Shift+F10 for actions",
                  buttons: ["rejoinButton", "forgetButton"] },
                { tag: "requested", membership: Membership.Knock,
                  description: "Delete to withdraw your request, Menu or Shift+F10 for actions",
                  buttons: ["withdrawButton"] },
            ]
        }
        function test_description_says_how_to_reach_the_actions(data) {
            const row = make({ membership: data.membership })
            compare(row.Accessible.description, data.description)
            // Busy: Enter and Delete do nothing, the menu still offers History and Select.
            row.pendingAction = Operation.Leave
            row.operationState = Operation.Running
            compare(row.Accessible.description, "Menu or Shift+F10 for actions")
            // The buttons the row shows stay out of the Tab chain: the menu offers each of them.
            // (A row builds only its membership's buttons: test_only_the_memberships_buttons_are_built.)
            row.pendingAction = -1
            for (const name of data.buttons.concat(["historyButton", "selectBox"])) {
                verify(shown(row, name), name + " is shown")
                verify(!child(row, name).activeFocusOnTab, name + " is no Tab stop")
            }
        }

        // Issue 10 (relaunch): a row builds only the buttons of its membership, and the busy row
        // only while an operation runs; a row whose membership changes (the view keeps the
        // delegate) swaps its buttons, and they still ask for the right operation.
        function test_only_the_memberships_buttons_are_built() {
            const all = ["acceptButton", "declineButton", "inviteButton", "leaveButton",
                         "withdrawButton", "rejoinButton", "forgetButton"]
            // In the row's item tree (a set swapped out leaves it at once, its deletion deferred).
            const inTree = (item, name) => {
                for (let i = 0; i < item.children.length; ++i) {
                    const c = item.children[i]
                    if (c.objectName === name || inTree(c, name))
                        return true
                }
                return false
            }
            const built = row => all.filter(name => inTree(row, name))
            const row = make({})
            compare(built(row), ["inviteButton", "leaveButton"])
            compare(findChild(row, "busyRow"), null)
            compare(findChild(row, "cancelButton"), null)

            row.membership = Membership.Invite
            compare(built(row), ["acceptButton", "declineButton"])
            verify(shown(row, "acceptButton"))
            compare(child(row, "acceptButton").Accessible.name, "Accept invitation to Design team")
            row.displayName = "Renamed"
            compare(child(row, "declineButton").Accessible.name, "Decline invitation to Renamed")
            mouseClick(child(row, "declineButton"))
            compare(spy.count, 1)
            compare(spy.signalArguments[0][0], Operation.Leave)

            // Left and requested rooms share a set: Rejoin and Forget, or Withdraw alone.
            row.membership = Membership.Leave
            compare(built(row), ["withdrawButton", "rejoinButton", "forgetButton"])
            verify(!shown(row, "withdrawButton"))
            verify(shown(row, "rejoinButton"))
            row.membership = Membership.Knock
            verify(shown(row, "withdrawButton"))
            verify(!shown(row, "rejoinButton"))
            verify(!shown(row, "forgetButton"))
            compare(child(row, "withdrawButton").Accessible.name, "Withdraw your request to join Renamed")
            mouseClick(child(row, "withdrawButton"))
            compare(spy.signalArguments[1][0], Operation.Leave)

            // Busy: the busy row is built and follows the operation; done, it is gone again.
            row.pendingAction = Operation.Leave
            row.operationState = Operation.Waiting
            row.waitReason = Operation.RateLimited
            verify(shown(row, "busyRow"))
            verify(shown(row, "cancelButton"))
            compare(child(row, "cancelButton").Accessible.name, "Stop waiting and cancel: Leaving…")
            compare(child(row, "roomBusy").Accessible.name, "Leaving…")
            row.operationState = Operation.Running
            verify(!shown(row, "cancelButton"))
            verify(!shown(row, "roomWaitingText"))
            row.pendingAction = -1
            row.operationState = Operation.Succeeded
            verify(!shown(row, "busyRow"))
            verify(shown(row, "buttonRow"))
            verify(shown(row, "withdrawButton"))
        }

        // Issue 16, item 4: a right-click on the row, or on one of its buttons, asks for the
        // context menu where the pointer is, and presses nothing.
        function test_right_click_asks_for_the_context_menu() {
            const row = make({})
            const menu = createTemporaryObject(spyComponent, root, { target: row, signalName: "contextMenuRequested" })
            const name = child(row, "roomName")
            const p = name.mapToItem(row, 7, name.height / 2)
            mouseClick(row, p.x, p.y, Qt.RightButton)
            compare(menu.count, 1)
            compare(menu.signalArguments[0][0], p.x)
            compare(menu.signalArguments[0][1], p.y)
            const leave = child(row, "leaveButton")
            mouseClick(leave, 3, 4, Qt.RightButton)
            compare(menu.count, 2)
            const q = leave.mapToItem(row, 3, 4)
            compare(menu.signalArguments[1][0], q.x)
            compare(menu.signalArguments[1][1], q.y)
            compare(spy.count, 0) // the button was not pressed
        }

        // --- Spaces and direct chats (issue 15) ---
        function test_a_plain_room_has_no_kind_line() {
            const item = make({})
            verify(!child(item, "roomKind").visible)
            verify(!child(item, "roomKindMarker").visible)
        }

        function test_spaces_and_direct_chats_are_marked_in_words() {
            const space = make({ isSpace: true, spaceNames: ["Work", "<b>Guild</b>"] })
            const kind = child(space, "roomKind")
            verify(kind.visible)
            compare(kind.text, "Space  ·  In Work, <b>Guild</b>")
            compare(kind.textFormat, Text.PlainText) // a space's name is the server's text
            verify(child(space, "roomKindMarker").visible)
            compare(child(space, "roomKindMarker").text, "▦")
            verify(space.Accessible.name.indexOf("Space") > 0)

            const dm = make({ isDirect: true, membership: Membership.Invite,
                              section: RoomSection.Invites })
            compare(child(dm, "roomKind").text, "Direct chat")
            compare(child(dm, "roomKindMarker").text, "@")
            verify(dm.Accessible.name.indexOf("Direct chat") > 0)
        }
    }
}
