import QtQuick
import QtQuick.Controls
import QtTest
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

        function make(overrides) {
            const props = {
                index: 0,
                roomId: "!abc:example.org",
                displayName: "Design team",
                canonicalAlias: "#design:example.org",
                topic: "Mockups",
                avatarSource: "",
                membership: "join",
                joinedMemberCount: 12,
                inviterId: "",
                inviterName: "",
                pendingAction: "",
                lastError: ""
            }
            for (const key in overrides)
                props[key] = overrides[key]
            const item = createTemporaryObject(delegateComponent, root, props)
            verify(item)
            spy = createTemporaryObject(spyComponent, root, { target: item })
            return item
        }
        function child(item, name) {
            const found = findChild(item, name)
            verify(found, "item " + name)
            return found
        }
        function shown(item, name) {
            const c = child(item, name)
            return c.visible && c.width > 0
        }

        Component {
            id: spyComponent
            SignalSpy { signalName: "actionRequested" }
        }

        function test_invite_row() {
            const row = make({ membership: "invite", inviterId: "@bob:example.org", inviterName: "Bob" })
            verify(shown(row, "acceptButton"))
            verify(shown(row, "declineButton"))
            verify(!shown(row, "inviteButton"))
            verify(!shown(row, "leaveButton"))
            verify(!shown(row, "rejoinButton"))
            compare(child(row, "roomInviter").text, "Invited by Bob (@bob:example.org)")
            mouseClick(child(row, "acceptButton"))
            compare(spy.count, 1)
            compare(spy.signalArguments[0][0], "accept")
            compare(spy.signalArguments[0][1], "!abc:example.org")
            compare(spy.signalArguments[0][2], "Design team")
            mouseClick(child(row, "declineButton"))
            compare(spy.signalArguments[1][0], "decline")
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
            compare(spy.signalArguments[0][0], "invite")
            compare(spy.signalArguments[1][0], "leave")
        }

        function test_left_row() {
            const row = make({ membership: "leave", joinedMemberCount: -1, canonicalAlias: "" })
            verify(shown(row, "rejoinButton"))
            verify(shown(row, "forgetButton"))
            verify(!shown(row, "leaveButton"))
            // No alias, unknown member count: the room ID alone.
            compare(child(row, "roomAddress").text, "!abc:example.org")
            mouseClick(child(row, "rejoinButton"))
            mouseClick(child(row, "forgetButton"))
            compare(spy.signalArguments[0][0], "rejoin")
            compare(spy.signalArguments[1][0], "forget")
        }

        function test_pending_shows_progress_and_blocks_buttons() {
            const row = make({ pendingAction: "leave" })
            verify(shown(row, "busyRow"))
            verify(child(row, "roomBusy").running)
            verify(!shown(row, "buttonRow"))
            mouseClick(row)
            compare(spy.count, 0)
            verify(row.Accessible.name.indexOf("Leaving") >= 0)
        }

        function test_error_is_shown_inline() {
            const row = make({ lastError: "M_FORBIDDEN: You are not invited to this room. (HTTP 403)" })
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
            compare(make({ membership: "invite" }).primaryAction, "accept")
            compare(make({ membership: "invite" }).secondaryAction, "decline")
            compare(make({ membership: "join" }).secondaryAction, "leave")
            compare(make({ membership: "leave" }).secondaryAction, "forget")
        }
    }
}
