import QtQuick
import QtQuick.Controls
import QtTest
import Concierge.Core
import Concierge.Test
import Concierge.Ui

// The room list page with real services: rooms from /sync JSON in the real RoomStore, actions
// through the real MembershipService to the fake homeserver (tst_qml.cpp).
Item {
    id: root
    width: 1000
    height: 700

    RoomListPage {
        id: page
        anchors.fill: parent
        services: TestBackend.services
    }
    // A page of its own, for what a page does when it is new.
    Component {
        id: newPage
        RoomListPage {
            anchors.fill: parent
            services: TestBackend.services
        }
    }

    TestCase {
        id: test
        name: "RoomListPage"
        when: windowShown

        readonly property int joinedRooms: 30
        // By section value (RoomSection's values are the list's order, and it may gain sections:
        // the rooms of these tests are in these three).
        readonly property var sectionNames: {
            const names = {}
            names[RoomSection.Invites] = "Invites"
            names[RoomSection.Joined] = "Joined"
            names[RoomSection.Left] = "Left"
            return names
        }

        function roomId(name) {
            return "!" + name + ":example.org"
        }
        // A room ID as one path segment, the way the client sends it.
        function enc(id) {
            return encodeURIComponent(id).replace(/!/g, "%21")
        }
        function nameEvent(name) {
            return { type: "m.room.name", state_key: "", content: { name: name } }
        }
        function invite(id, name) {
            const rooms = { invite: {} }
            rooms.invite[roomId(id)] = { invite_state: { events: [nameEvent(name), {
                type: "m.room.member", state_key: TestBackend.userId, sender: "@bob:example.org",
                content: { membership: "invite" } }] } }
            return rooms
        }
        function sync(rooms) {
            verify(TestBackend.applySync(JSON.stringify({ rooms: rooms })))
        }
        function moveTo(section, id, name) {
            const rooms = {}
            rooms[section] = {}
            rooms[section][roomId(id)] = { state: { events: [nameEvent(name)] } }
            sync(rooms)
        }
        function loadRooms() {
            sync(invite("inv1", "Alpha invitation"))
            const rooms = { join: {}, leave: {} }
            for (let i = 1; i <= joinedRooms; ++i) {
                const n = (i < 10 ? "0" : "") + i
                rooms.join[roomId("j" + n)] = { summary: { "m.joined_member_count": 3 },
                                                 state: { events: [nameEvent("Joined room " + n)] } }
            }
            rooms.leave[roomId("l1")] = { state: { events: [nameEvent("Old one")] } }
            rooms.leave[roomId("l2")] = { state: { events: [nameEvent("Old two")] } }
            sync(rooms)
            tryCompare(list(), "count", joinedRooms + 3)
        }

        function list() {
            const found = findChild(page, "roomList")
            verify(found, "roomList")
            return found
        }
        function child(item, name) {
            const found = findChild(item, name)
            verify(found, "item " + name)
            return found
        }
        function dialog(name) {
            const found = findChild(page, name)
            verify(found, "dialog " + name)
            return found
        }
        // The page builds a dialog when it is first opened: one never built is not shown.
        function shown(name) {
            const found = findChild(page, name)
            return found !== null && found.visible
        }
        // The delegates the view has created and shows.
        function rows() {
            const result = []
            const items = list().contentItem.children
            for (let i = 0; i < items.length; ++i)
                if (items[i].objectName.startsWith("room:") && items[i].visible)
                    result.push(items[i])
            return result
        }
        // The row of a room in the page's list (or in otherView, another page's list).
        function rowOf(id, otherView) {
            const view = otherView || list()
            const rooms = TestBackend.services.rooms
            for (let i = 0; i < rooms.count; ++i) {
                if (rooms.get(i).roomId === roomId(id)) {
                    view.positionViewAtIndex(i, ListView.Contain)
                    const item = view.itemAtIndex(i)
                    verify(item, "row of " + id)
                    return item
                }
            }
            fail("no row for " + id)
            return null
        }
        // The row that starts a section (and draws its header), scrolled into view.
        function sectionStartRow(section) {
            const view = list()
            const rooms = TestBackend.services.rooms
            for (let i = 0; i < rooms.count; ++i) {
                if (rooms.get(i).section === section) {
                    view.positionViewAtIndex(i, ListView.Beginning)
                    return view.itemAtIndex(i)
                }
            }
            fail("no " + sectionNames[section] + " section")
            return null
        }
        function headerText(row, section) {
            const header = findChild(row, "section:" + sectionNames[section])
            return header && header.visible ? child(header, "sectionTitle").text : ""
        }

        // Every header the list shows, as "Title  (count)" in list order; checks on the way that
        // each section's first row (and only it) draws the header, with the label of its own
        // section, wherever the section is scrolled to.
        function shownHeaders() {
            const view = list()
            const rooms = TestBackend.services.rooms
            const result = []
            let previous = -1
            for (let i = 0; i < rooms.count; ++i) {
                const section = rooms.get(i).section
                if (section === previous)
                    continue
                previous = section
                view.positionViewAtIndex(i, ListView.Beginning)
                const row = view.itemAtIndex(i)
                verify(row, "row " + i)
                const text = headerText(row, section)
                verify(text !== "", "section " + sectionNames[section] + " has its header at row " + i)
                result.push(text)
                // No other row that exists draws a header (of any section) unless it starts one.
                for (const other of rows()) {
                    const starts = other.index === 0 || rooms.get(other.index - 1).section !== other.section
                    for (const s of [RoomSection.Invites, RoomSection.Joined, RoomSection.Left]) {
                        const h = headerText(other, s)
                        if (s !== other.section || !starts)
                            compare(h, "", "row " + other.index + " draws no " + sectionNames[s] + " header")
                    }
                }
            }
            view.positionViewAtBeginning()
            return result
        }

        function initTestCase() {
            TestBackend.connectToServer()
        }
        function init() {
            TestBackend.reset()
            tryCompare(list(), "count", 0)
            loadRooms()
            list().currentIndex = -1
        }
        function cleanup() {
            for (const name of ["leaveDialog", "joinDialog", "inviteDialog", "forgetDialog"]) {
                const d = findChild(page, name)
                if (d) {
                    d.close()
                    tryCompare(d, "visible", false)
                }
            }
            const rooms = TestBackend.services.rooms
            for (let i = 0; i < rooms.count; ++i) {
                const op = TestBackend.services.membership.operationFor(rooms.get(i).roomId)
                if (op)
                    op.cancel()
            }
        }

        // Defect 5: headers follow sections that disappear and come back (filter, clear, decline
        // the last invite, hide and show Left); a filter shows the matching count.
        function test_section_headers_follow_filter_and_decline() {
            compare(shownHeaders(), ["Invites  (1)", "Joined  (30)", "Left  (2)"])

            // Only Joined rooms match: one header, with the matching count.
            TestBackend.services.rooms.filterText = "room 1"
            verify(list().count >= 10)
            compare(shownHeaders(), ["Joined  (" + list().count + ")"])
            TestBackend.services.rooms.filterText = "joined room"
            compare(shownHeaders(), ["Joined  (30)"])

            // Clear the filter: the other sections are back, each with its own label.
            TestBackend.services.rooms.filterText = ""
            compare(shownHeaders(), ["Invites  (1)", "Joined  (30)", "Left  (2)"])

            // Decline the last invite (the server accepts; the next sync shows the room left).
            TestBackend.script("/_matrix/client/v3/rooms/" + enc(roomId("inv1")) + "/leave",
                               [{ status: 200, body: "{}" }])
            mouseClick(child(rowOf("inv1"), "declineButton"))
            const op = TestBackend.services.membership.operationFor(roomId("inv1"))
            verify(op)
            compare(op.kind, Operation.Leave)
            tryCompare(op, "state", Operation.Succeeded)
            verify(!shown("leaveDialog")) // declining asks nothing
            moveTo("leave", "inv1", "Alpha invitation")
            compare(shownHeaders(), ["Joined  (30)", "Left  (3)"])

            // Hide Left with its header's button, show it again from the bar below the list.
            mouseClick(child(sectionStartRow(RoomSection.Left), "hideLeftButton"))
            compare(TestBackend.services.rooms.showLeft, false)
            compare(shownHeaders(), ["Joined  (30)"])
            const bar = child(page, "leftHiddenBar")
            verify(bar.visible)
            mouseClick(child(bar, "showLeftButton"))
            compare(shownHeaders(), ["Joined  (30)", "Left  (3)"])

            // A new invitation brings the Invites section back.
            sync(invite("inv2", "Beta invitation"))
            compare(shownHeaders(), ["Invites  (1)", "Joined  (30)", "Left  (3)"])
            // The first joined room becomes an invite's neighbour: still one header per section.
            moveTo("join", "inv2", "Beta invitation")
            compare(shownHeaders(), ["Joined  (31)", "Left  (3)"])
        }

        // Defect 9: after a filter was cleared and the list scrolled, the first click on a row's
        // button does what it says instead of selecting row 0 and jumping to the top.
        function test_first_click_after_scrolling_opens_the_dialog() {
            const field = child(page, "filterField")
            mouseClick(field)
            tryVerify(() => field.activeFocus)
            keyClick("x")
            keyClick("y")
            keyClick(Qt.Key_Backspace)
            keyClick(Qt.Key_Backspace)
            compare(TestBackend.services.rooms.filterText, "")
            verify(!list().activeFocus)
            compare(list().currentIndex, -1)

            // Scroll with the wheel, as a user would, well past the first rows.
            const view = list()
            for (let i = 0; i < 6 && view.contentY < 600; ++i)
                mouseWheel(view, view.width / 2, view.height / 2, 0, -360)
            tryVerify(() => !view.moving && view.contentY > 300, 5000, "scrolled")
            const scrolled = view.contentY

            // A row in the middle of the viewport.
            const target = view.itemAt(view.width / 2, view.contentY + view.height / 2)
            verify(target, "a row in the middle")
            const button = child(target, "leaveButton")
            verify(button.visible)
            mouseClick(button)
            const leave = dialog("leaveDialog")
            tryCompare(leave, "opened", true)
            compare(leave.roomId, target.roomId)
            compare(view.contentY, scrolled)
            compare(view.currentIndex, target.index)
        }

        // A new page builds none of its dialogs or its menu (launch does not pay for them); each
        // is built when first opened, and opened again it is the same one.
        function test_dialogs_are_built_when_first_opened() {
            const fresh = createTemporaryObject(newPage, root)
            verify(fresh)
            const popups = ["roomContextMenu", "spaceHierarchyDialog", "leaveSpaceDialog", "joinDialog",
                            "inviteDialog", "leaveDialog", "forgetDialog", "bulkConfirmDialog", "jobsPanel",
                            "historyDialog", "signOutDialog"]
            const view = findChild(fresh, "roomList")
            tryCompare(view, "count", joinedRooms + 3)
            for (const name of popups)
                compare(findChild(fresh, name), null, name + " is not built with the page")

            const row = rowOf("j02", view)
            mouseClick(child(row, "leaveButton"))
            const leave = findChild(fresh, "leaveDialog")
            verify(leave, "opening builds the dialog")
            tryCompare(leave, "opened", true)
            compare(leave.roomId, roomId("j02"))
            // Only what was opened is built.
            for (const name of popups)
                if (name !== "leaveDialog")
                    compare(findChild(fresh, name), null, name + " is still not built")
            leave.close()
            tryCompare(leave, "visible", false)

            mouseClick(child(row, "leaveButton"))
            tryCompare(leave, "opened", true)
            compare(findChild(fresh, "leaveDialog"), leave)
            leave.close()
            tryCompare(leave, "visible", false)
        }

        // Keyboard focus arriving in a scrolled list selects a row on screen, not row 0.
        function test_focus_selects_a_visible_row() {
            const view = list()
            view.positionViewAtIndex(20, ListView.Beginning)
            const scrolled = view.contentY
            verify(scrolled > 0)
            view.forceActiveFocus()
            verify(view.currentIndex >= 20, "current " + view.currentIndex)
            compare(view.contentY, scrolled)
            // Enter acts on that row: a joined room's first button is Invite….
            keyClick(Qt.Key_Return)
            const invite = dialog("inviteDialog")
            tryCompare(invite, "opened", true)
            compare(invite.roomId, view.currentItem.roomId)
        }

        // Leave on a joined room asks first; the dialog's "also forget" is one operation.
        function test_leave_and_forget_is_one_operation() {
            const path = "/_matrix/client/v3/rooms/" + enc(roomId("j05"))
            TestBackend.script(path + "/leave", [{ status: 200, body: "{}" }])
            TestBackend.script(path + "/forget", [{ status: 200, body: "{}" }])
            mouseClick(child(rowOf("j05"), "leaveButton"))
            const leave = dialog("leaveDialog")
            tryCompare(leave, "opened", true)
            mouseClick(child(leave.contentItem, "leaveForgetCheck"))
            mouseClick(child(leave.footer, "leaveConfirmButton"))
            tryCompare(leave, "visible", false)
            const op = TestBackend.services.membership.operationFor(roomId("j05"))
            verify(op)
            compare(op.kind, Operation.LeaveAndForget)
            tryCompare(op, "state", Operation.Succeeded)
            compare(TestBackend.requestCount(path + "/leave"), 1)
            compare(TestBackend.requestCount(path + "/forget"), 1)
            // Forgotten: gone from the list.
            tryCompare(list(), "count", joinedRooms + 2)
        }

        // A row whose action waits for the server says so and offers Cancel, which stops it.
        function test_waiting_row_can_be_cancelled() {
            const path = "/_matrix/client/v3/rooms/" + enc(roomId("inv1")) + "/leave"
            TestBackend.script(path, [{ status: 503, body: '{"errcode":"M_UNKNOWN","error":"Restarting"}' }])
            const row = rowOf("inv1")
            mouseClick(child(row, "declineButton"))
            const op = TestBackend.services.membership.operationFor(roomId("inv1"))
            tryCompare(op, "state", Operation.Waiting)
            compare(op.waitReason, Operation.ServerUnavailable)
            const cancel = child(row, "cancelButton")
            tryCompare(cancel, "visible", true)
            verify(child(row, "roomWaitingText").visible)
            verify(!child(row, "buttonRow").visible)

            // The status bar: the countdown line, the waiting icon, no error colour.
            const status = child(page, "membershipStatus")
            verify(status.text.indexOf("waiting") >= 0, status.text)
            compare(child(page, "membershipStatusIcon").text, "↻")
            verify(!Qt.colorEqual(status.color, Theme.errorText))

            mouseClick(cancel)
            tryCompare(op, "state", Operation.Cancelled)
            tryCompare(child(row, "buttonRow"), "visible", true)
            verify(!cancel.visible)
            const sent = TestBackend.requestCount(path)
            wait(1500) // the retry it was waiting for would have gone out by now
            compare(TestBackend.requestCount(path), sent)
            compare(TestBackend.services.membership.statusState, Operation.Cancelled)
        }

        // The status bar colours an error from the typed state, never from its text: an unknown
        // outcome ("outcome unknown", no "failed" in it) is an error too.
        function test_status_bar_colour_comes_from_the_state() {
            const status = child(page, "membershipStatus")
            const icon = child(page, "membershipStatusIcon")

            // Failed (refused by the service: not a room ID).
            const refused = TestBackend.services.membership.leave("not-a-room", "", false)
            tryCompare(refused, "state", Operation.Failed)
            tryCompare(TestBackend.services.membership, "statusState", Operation.Failed)
            verify(Qt.colorEqual(status.color, Theme.errorText))
            compare(icon.text, "⚠")

            // Succeeded: no error colour.
            const path = "/_matrix/client/v3/rooms/" + enc(roomId("j07"))
            TestBackend.script(path + "/leave", [{ status: 200, body: "{}" }])
            const ok = TestBackend.services.membership.leave(roomId("j07"), "", false)
            tryCompare(ok, "state", Operation.Succeeded)
            verify(!Qt.colorEqual(status.color, Theme.errorText))
            compare(icon.text, "✓")

            // Unknown: the request was on its way when cancelled and the check found nothing.
            TestBackend.script(path + "/invite", [{ stall: true }])
            TestBackend.script(path + "/state", [{ status: 500, body: '{"errcode":"M_UNKNOWN","error":"boom"}' }])
            const unknown = TestBackend.services.membership.invite(roomId("j07"), "@zed:example.org", "")
            tryCompare(unknown, "state", Operation.Running)
            tryVerify(() => TestBackend.requestCount(path + "/invite") === 1)
            unknown.cancel()
            tryCompare(unknown, "state", Operation.Unknown, 10000)
            tryCompare(TestBackend.services.membership, "statusState", Operation.Unknown)
            verify(status.text.indexOf("failed") < 0, status.text)
            verify(Qt.colorEqual(status.color, Theme.errorText))
            compare(icon.text, "⚠")
        }
    

        // Issue 16: the page's tab stops under item (visible, enabled, activeFocusOnTab).
        function tabStops(item, out) {
            if (!item.visible || !item.enabled)
                return out
            if (item.activeFocusOnTab)
                out.push(item)
            for (let i = 0; i < item.children.length; ++i)
                tabStops(item.children[i], out)
            return out
        }
        // Tabs round the page from the filter: each stop once, back to the filter; returns the
        // objectNames reached.
        function tabRound() {
            const stops = tabStops(page, [])
            const field = child(page, "filterField")
            field.forceActiveFocus(Qt.TabFocusReason)
            const seen = []
            for (let i = 0; i < stops.length; ++i) {
                keyClick(Qt.Key_Tab)
                let item = page.Window.activeFocusItem
                // The list passes its focus on to its current row.
                if (item && item.objectName.startsWith("room:") && item.ListView.view === list())
                    item = list()
                verify(stops.indexOf(item) >= 0, "Tab lands on a control: " + (item ? item.objectName : "none"))
                verify(seen.indexOf(item) < 0, item.objectName + " reached twice in one round; stops: "
                       + stops.map(stop => stop.objectName) + "; reached: " + seen.map(stop => stop.objectName))
                seen.push(item)
            }
            verify(field.activeFocus, "the round ends on the filter")
            return seen.map(item => item.objectName)
        }

        // Issue 16, item 2: Tab reaches every control once: the header, the error banner's
        // Dismiss, the list, the Left section's Hide and (once hidden) the Show button.
        function test_tab_reaches_every_control() {
            page.bannerText = "Could not join #x:example.org"
            list().positionViewAtEnd() // the Left section's header row exists
            tryVerify(() => findChild(page, "hideLeftButton") !== null && findChild(page, "hideLeftButton").visible)
            let reached = tabRound()
            for (const name of ["filterField", "jobsButton", "joinButton", "signOutButton",
                                "bannerDismissButton", "roomList", "hideLeftButton"])
                verify(reached.indexOf(name) >= 0, "Tab reaches " + name + " (reached: " + reached + ")")

            TestBackend.services.rooms.showLeft = false
            tryCompare(child(page, "showLeftButton"), "visible", true)
            // The Left rows (and the header's Hide) go once the view has let go of them.
            tryVerify(() => tabStops(page, []).every(item => item.objectName !== "hideLeftButton"
                                                             && item.objectName !== ""), 5000)
            reached = tabRound()
            verify(reached.indexOf("showLeftButton") >= 0, "Tab reaches Show (reached: " + reached + ")")
            // Dismiss by keyboard: Return on the focused button.
            child(page, "bannerDismissButton").forceActiveFocus(Qt.TabFocusReason)
            keyClick(Qt.Key_Return)
            compare(page.bannerText, "")
            child(page, "showLeftButton").forceActiveFocus(Qt.TabFocusReason)
            keyClick(Qt.Key_Return)
            compare(TestBackend.services.rooms.showLeft, true)
        }

        // The list is a focus scope: once the focus has left it from the Left header's Hide
        // button, Tab must come back to the list's current row, not to Hide again.
        function test_tab_comes_back_to_the_list_after_hide() {
            const view = list()
            view.positionViewAtEnd() // the Left section's header row exists
            tryVerify(() => findChild(page, "hideLeftButton") !== null && findChild(page, "hideLeftButton").visible)
            const hide = child(page, "hideLeftButton")
            view.forceActiveFocus(Qt.TabFocusReason)
            for (let i = 0; i < 30 && !hide.activeFocus; ++i)
                keyClick(Qt.Key_Tab)
            verify(hide.activeFocus, "Tab reaches Hide")
            keyClick(Qt.Key_Tab)
            verify(!view.activeFocus, "Tab leaves the list after Hide")
            for (let i = 0; i < 30 && !view.activeFocus; ++i)
                keyClick(Qt.Key_Tab)
            verify(view.activeFocus, "Tab comes back to the list")
            verify(!hide.activeFocus, "…to its current row, not to Hide")
            verify(view.currentItem && view.currentItem.activeFocus)
        }

        // Qt 6.4's AT-SPI Press action does nothing on a Button unless the button handles it.
        function test_press_action_presses_the_buttons() {
            const signOut = child(page, "signOutButton")
            signOut.Accessible.pressAction()
            tryCompare(dialog("signOutDialog"), "opened", true)
            dialog("signOutDialog").close()
            tryCompare(dialog("signOutDialog"), "visible", false)
        }

        // Issue 16, item 3: the banner's failure is an alert.
        function test_banner_is_an_alert() {
            page.bannerText = "Could not join #x:example.org: Forbidden"
            const text = child(page, "bannerText")
            verify(text.visible)
            compare(text.Accessible.role, Accessible.AlertMessage)
            compare(text.Accessible.name, "Could not join #x:example.org: Forbidden")
            compare(text.textFormat, Text.PlainText)
            page.bannerText = ""
        }

        // Issue 16, item 5: Home, End, Page Down and Page Up move the current row.
        function test_home_end_page_keys() {
            const view = list()
            view.forceActiveFocus(Qt.TabFocusReason)
            verify(view.currentIndex >= 0)
            keyClick(Qt.Key_End)
            compare(view.currentIndex, view.count - 1)
            keyClick(Qt.Key_Home)
            compare(view.currentIndex, 0)
            keyClick(Qt.Key_PageDown)
            const page1 = view.currentIndex
            verify(page1 > 1, "Page Down moves more than a row: " + page1)
            verify(view.currentItem.y + view.currentItem.height <= view.contentY + view.height + 1, "the row is shown")
            keyClick(Qt.Key_PageDown)
            verify(view.currentIndex > page1)
            keyClick(Qt.Key_PageUp)
            compare(view.currentIndex, page1)
            keyClick(Qt.Key_PageUp)
            compare(view.currentIndex, 0)
            keyClick(Qt.Key_PageUp) // stays on the first row
            compare(view.currentIndex, 0)
        }

        // Issue 16, item 5: the list has focus when the rooms arrive (just after sign-in): it
        // gets a current row.
        function test_rooms_arriving_get_a_current_row() {
            TestBackend.reset()
            tryCompare(list(), "count", 0)
            list().forceActiveFocus()
            compare(list().currentIndex, -1)
            loadRooms()
            verify(list().activeFocus)
            tryVerify(() => list().currentIndex >= 0, 5000, "a current row")
            verify(list().currentItem.highlighted)
        }

        // Issue 16, item 6: a room that moves to Left (left here or elsewhere) stays the current
        // row: the next Enter or Delete acts on it, not on a neighbour.
        function test_current_row_stays_on_a_room_that_moves() {
            const view = list()
            view.forceActiveFocus(Qt.TabFocusReason)
            const start = rowOf("j05").index
            view.currentIndex = start
            compare(view.currentItem.roomId, roomId("j05"))
            // Leave it by keyboard: Delete, then Return in the dialog; the server agrees.
            const path = "/_matrix/client/v3/rooms/" + enc(roomId("j05"))
            TestBackend.script(path + "/leave", [{ status: 200, body: "{}" }])
            keyClick(Qt.Key_Delete)
            const leave = dialog("leaveDialog")
            tryCompare(leave, "opened", true)
            keyClick(Qt.Key_Return)
            tryCompare(leave, "visible", false)
            const op = TestBackend.services.membership.operationFor(roomId("j05"))
            tryCompare(op, "state", Operation.Succeeded)
            // (The window gives focus back to the page when the dialog closes; this test's window
            // has no focus chain down to the page.)
            view.forceActiveFocus()
            compare(view.currentItem.roomId, roomId("j05"))
            // The next sync shows it left: its row moves to the Left section.
            moveTo("leave", "j05", "Joined room 05")
            tryVerify(() => TestBackend.services.rooms.get(view.currentIndex).section === RoomSection.Left,
                      5000, "current row in Left: " + view.currentIndex)
            compare(view.currentItem.roomId, roomId("j05"))
            verify(view.currentIndex !== start)
            // …and the move is said (an alert), naming the room and where it is now.
            compare(child(page, "announcement").Accessible.name, "Left Joined room 05; it is now under Left")
            verify(child(page, "announcement").visible)
            // Rooms coming before it do not move the current row off it either.
            sync(invite("inv2", "Another invitation"))
            tryCompare(view, "count", joinedRooms + 4)
            compare(view.currentItem.roomId, roomId("j05"))
            // Delete acts on it: a left room is forgotten, after asking.
            keyClick(Qt.Key_Delete)
            const forget = dialog("forgetDialog")
            tryCompare(forget, "opened", true)
            compare(forget.roomId, roomId("j05"))
        }

        // Issue 16, item 8: the status bar names the room by its name, not its ID; the spinners
        // have a role.
        function test_status_bar_names_rooms() {
            const path = "/_matrix/client/v3/rooms/" + enc(roomId("j07"))
            TestBackend.script(path + "/leave", [{ status: 200, body: "{}" }])
            const op = TestBackend.services.membership.leave(roomId("j07"), "", false)
            tryCompare(op, "state", Operation.Succeeded)
            const status = child(page, "membershipStatus")
            verify(status.text.indexOf("Joined room 07") >= 0, status.text)
            verify(status.text.indexOf(roomId("j07")) < 0, status.text)
        }
        // --- Spaces and direct chats (issue 15) ---
        // A space "Workspace" with two joined rooms and a sub-space "Corner" with the invite;
        // Joined room 03 is a direct chat.
        function loadSpaces() {
            const join = {}
            const child = id => ({ type: "m.space.child", state_key: roomId(id), content: { via: ["example.org"] } })
            const space = (name, children) => ({ state: { events: [
                { type: "m.room.create", state_key: "", content: { type: "m.space" } },
                nameEvent(name)].concat(children.map(child)) } })
            join[roomId("sp1")] = space("Workspace", ["j01", "j02", "sp2"])
            join[roomId("sp2")] = space("Corner", ["inv1"])
            const direct = {}
            direct["@bob:example.org"] = [roomId("j03")]
            verify(TestBackend.applySync(JSON.stringify({
                rooms: { join: join },
                account_data: { events: [{ type: "m.direct", content: direct }] } })))
        }
        // A space row's Leave asks about the space's rooms (the leave-space dialog), not the
        // plain leave dialog.
        function test_leave_on_a_space_row_opens_the_leave_space_dialog() {
            loadSpaces()
            mouseClick(child(rowOf("sp2"), "leaveButton"))
            const leaveSpace = dialog("leaveSpaceDialog")
            tryCompare(leaveSpace, "opened", true)
            verify(!shown("leaveDialog"))
            leaveSpace.close()
            tryCompare(leaveSpace, "visible", false)
        }
        function test_space_picker_shows_a_view_of_the_list() {
            loadSpaces()
            const picker = child(page, "spacePicker")
            const spaces = TestBackend.services.spaces
            tryCompare(spaces, "count", 5) // All, Direct chats, Not in a space, Workspace, Corner
            compare(picker.currentIndex, 0)
            verify(picker.displayText.indexOf("All rooms") === 0)
            const all = spaces.get(0)
            verify(all.joinedCount > 0)
            // The closed box shows the counts as they are now, not as they were when it first drew.
            verify(picker.displayText.indexOf(all.joinedCount + " joined · " + all.inviteCount
                                              + " invited · " + all.leftCount + " left") > 0,
                   picker.displayText)
            const leftBefore = all.leftCount
            compare(picker.Accessible.name, "Rooms to show")
            // By keyboard: Tab reaches it; Down moves to the next view, which applies at once.
            verify(tabRound().indexOf("spacePicker") >= 0)
            picker.forceActiveFocus(Qt.TabFocusReason)
            keyClick(Qt.Key_Down)
            compare(TestBackend.services.rooms.spaceScope, "dm")
            tryCompare(list(), "count", 1)
            verify(rowOf("j03"))
            // The space: its rooms, the sub-space and the sub-space's invite, with counts.
            picker.currentIndex = -1
            const row = spaces.rowOfScope(roomId("sp1"))
            picker.activated(row)
            compare(TestBackend.services.rooms.spaceScope, roomId("sp1"))
            tryCompare(list(), "count", 4)
            compare(picker.currentIndex, row)
            verify(picker.displayText.indexOf("Workspace") === 0)
            verify(picker.displayText.indexOf("3 joined · 1 invited · 0 left") > 0, picker.displayText)
            verify(picker.displayText.indexOf("requested") < 0, picker.displayText)
            // A request to join one of its rooms is counted too (said only when there is one).
            const more = { join: {}, knock: {} }
            more.join[roomId("sp1")] = { state: { events: [{ type: "m.space.child", state_key: roomId("kn1"),
                                                             content: { via: ["example.org"] } }] } }
            more.knock[roomId("kn1")] = { knock_state: { events: [nameEvent("Asked"), {
                type: "m.room.member", state_key: TestBackend.userId, sender: TestBackend.userId,
                content: { membership: "knock" } }] } }
            verify(TestBackend.applySync(JSON.stringify({ rooms: more })))
            tryVerify(() => picker.displayText.indexOf("3 joined · 1 invited · 0 left · 1 requested") > 0,
                      1000, picker.displayText)
            tryCompare(list(), "count", 5)
            // The filter applies within the view.
            TestBackend.services.rooms.filterText = "is:invite"
            tryCompare(list(), "count", 1)
            TestBackend.services.rooms.filterText = ""
            // The rows say what they are.
            compare(child(rowOf("j01"), "roomKind").text, "In Workspace")
            compare(child(rowOf("sp2"), "roomKind").text, "Space  ·  In Workspace")
            // Leaving the space: the list shows every room again.
            moveTo("leave", "sp1", "Workspace")
            tryCompare(TestBackend.services.rooms, "spaceScope", "")
            compare(picker.currentIndex, 0)
            tryCompare(list(), "count", joinedRooms + 3 + 2 + 1) // and the request to join
            tryVerify(() => picker.displayText.indexOf(" · " + (leftBefore + 1) + " left") > 0,
                      1000, picker.displayText)
        }
    }
}
