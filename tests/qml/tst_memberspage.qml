import QtQuick
import QtQuick.Controls
import QtTest
import Concierge.Core
import Concierge.Test
import Concierge.Ui

// The members page with real services: the real RoomMembersModel asks the fake homeserver
// (tst_qml.cpp) for the room's members and power levels; the page shows them in sections, offers
// only the actions the user may take (the others disabled with the reason), and runs a kick
// through the real MembershipService (POST /rooms/{roomId}/kick), showing the server's error.
Item {
    id: root
    width: 1000
    height: 700

    MembersPage {
        id: page
        anchors.fill: parent
        services: TestBackend.services
        roomName: "Team"
    }

    SignalSpy {
        id: closedSpy
        target: page
        signalName: "closed"
    }

    TestCase {
        id: test
        name: "MembersPage"
        when: windowShown

        readonly property string roomId: "!members:example.org"
        readonly property string roomPath: "/_matrix/client/v3/rooms/%21members%3Aexample.org"
        readonly property RoomMembersModel members: TestBackend.services.members

        function event(userId, membership, name, reason) {
            const content = { membership: membership }
            if (name)
                content.displayname = name
            if (reason)
                content.reason = reason
            return { type: "m.room.member", state_key: userId, sender: userId, content: content }
        }
        // The room: me (TestBackend.userId) at `myLevel`, an admin at 100, Bob joined, a knocking
        // Dave and a banned Eve; kick and ban need 50.
        function scriptRoom(myLevel) {
            const users = { "@admin:example.org": 100 }
            users[TestBackend.userId] = myLevel
            TestBackend.script(roomPath + "/members", [{ status: 200, body: JSON.stringify({ chunk: [
                event(TestBackend.userId, "join", "Me"),
                event("@admin:example.org", "join", "Ann"),
                event("@bob:example.org", "join", "<b>Bob</b>"),
                event("@dave:example.org", "knock", "Dave", "please"),
                event("@eve:example.org", "ban", "", "spam"),
            ] }) }])
            TestBackend.script(roomPath + "/state/m.room.power_levels/", [{ status: 200, body: JSON.stringify(
                { users: users, users_default: 0, kick: 50, ban: 50, invite: 0 }) }])
            TestBackend.script(roomPath + "/state/m.room.create/", [{ status: 200, body: JSON.stringify(
                { room_version: "10" }) }])
        }
        function load(myLevel) {
            scriptRoom(myLevel)
            members.roomId = roomId
            page.activate()
            tryCompare(members, "loading", false)
            tryCompare(list(), "count", 5)
        }

        function child(item, name) {
            const found = findChild(item, name)
            verify(found, "item " + name)
            return found
        }
        function list() {
            return child(page, "membersList")
        }
        function row(userId) {
            const r = findChild(list(), "memberRow:" + userId)
            verify(r, "row " + userId)
            return r
        }
        function typeText(text) {
            for (let i = 0; i < text.length; ++i)
                keyClick(text[i])
        }

        function initTestCase() {
            TestBackend.connectToServer()
        }
        function init() {
            TestBackend.reset()
            closedSpy.clear()
            page.operation = null
        }
        function cleanup() {
            const dialog = child(page, "moderationDialog")
            dialog.close()
            tryCompare(dialog, "visible", false)
        }

        function test_rows_from_a_members_answer() {
            load(50)
            // One GET for the members (left ones not asked for), one for each state event.
            compare(TestBackend.requestMethods(roomPath + "/members"), ["GET"])
            compare(TestBackend.requestQueries(roomPath + "/members"), ["not_membership=leave"])
            compare(TestBackend.requestCount(roomPath + "/state/m.room.power_levels/"), 1)
            compare(child(page, "membersTitle").text, "Members of Team")
            // Server text shown as it is, never as markup.
            const bob = row("@bob:example.org")
            compare(child(bob, "memberName").text, "<b>Bob</b>")
            compare(child(bob, "memberName").textFormat, Text.PlainText)
            compare(child(bob, "memberDetail").text, "@bob:example.org")
            verify(child(row("@admin:example.org"), "memberDetail").text.indexOf("Power level 100") >= 0)
            compare(child(row("@eve:example.org"), "memberName").text, "@eve:example.org")
            compare(child(row("@eve:example.org"), "memberReason").text, "Banned by @eve:example.org: spam")
            compare(child(row("@dave:example.org"), "memberReason").text, "Says: please")
            // Sections in order, with their counts.
            compare(members.get(0).userId, "@admin:example.org")
            compare(members.get(4).userId, "@eve:example.org")
            compare(child(list(), "membersSection:0").text, "Joined  (3)")
            compare(child(page, "membersOwnLevel").text, "Your power level: 50")
            // The right actions per membership.
            verify(child(bob, "memberKick").visible)
            verify(child(bob, "memberBan").visible)
            verify(!child(bob, "memberUnban").visible)
            verify(child(row("@dave:example.org"), "memberAccept").visible)
            verify(child(row("@dave:example.org"), "memberDeny").visible)
            verify(child(row("@eve:example.org"), "memberUnban").visible)
            // The filter narrows it by name or ID.
            const filter = child(page, "membersFilterField")
            filter.text = "ANN"
            tryCompare(list(), "count", 1)
            filter.text = ""
            tryCompare(list(), "count", 5)
        }

        function test_low_power_actions_disabled_with_reasons() {
            load(0)
            const kick = child(row("@bob:example.org"), "memberKick")
            verify(!kick.allowed)
            verify(!kick.button.enabled)
            compare(kick.reason, "Needs power level 50; you have 0.")
            compare(kick.button.Accessible.description, "Needs power level 50; you have 0.")
            compare(kick.ToolTip.text, "Needs power level 50; you have 0.")
            verify(!child(row("@bob:example.org"), "memberBan").button.enabled)
            // The admin ranks above me: the same reason (I lack the level in the first place).
            compare(child(row("@admin:example.org"), "memberBan").reason, "Needs power level 50; you have 0.")
            // Accepting a knock needs only the invite level (0).
            verify(child(row("@dave:example.org"), "memberAccept").button.enabled)
            verify(!child(row("@dave:example.org"), "memberDeny").button.enabled)
            verify(!child(row("@eve:example.org"), "memberUnban").button.enabled)
            // The row says why, too (its buttons cannot take the focus when disabled).
            verify(row("@bob:example.org").Accessible.description.indexOf("Needs power level 50; you have 0.") >= 0)
            // A disabled action does nothing when clicked.
            mouseClick(kick)
            verify(!child(page, "moderationDialog").visible)
        }

        function test_kick_with_a_reason_sends_it() {
            load(50)
            TestBackend.script(roomPath + "/kick", [{ status: 200, body: "{}" }])
            const kick = child(row("@bob:example.org"), "memberKick")
            verify(kick.button.enabled)
            mouseClick(kick)
            const dialog = child(page, "moderationDialog")
            tryCompare(dialog, "opened", true)
            compare(dialog.title, "Kick <b>Bob</b> (@bob:example.org) from Team?")
            const field = child(dialog.contentItem, "moderationReasonField")
            tryVerify(() => field.activeFocus)
            typeText("too loud")
            keyClick(Qt.Key_Return)
            tryCompare(dialog, "visible", false)
            tryVerify(() => TestBackend.requestCount(roomPath + "/kick") === 1, 10000)
            compare(TestBackend.requestMethods(roomPath + "/kick"), ["POST"])
            const body = JSON.parse(TestBackend.lastRequestBody(roomPath + "/kick"))
            compare(body.user_id, "@bob:example.org")
            compare(body.reason, "too loud")
            // The page follows the operation to its end.
            tryVerify(() => page.operation !== null && page.operation.state === Operation.Succeeded, 10000)
            verify(child(page, "membersOperationText").text.indexOf("done") >= 0)
        }

        function test_escape_cancels_the_dialog() {
            load(50)
            mouseClick(child(row("@bob:example.org"), "memberBan"))
            const dialog = child(page, "moderationDialog")
            tryCompare(dialog, "opened", true)
            compare(dialog.title, "Ban <b>Bob</b> (@bob:example.org) from Team?")
            keyClick(Qt.Key_Escape)
            tryCompare(dialog, "visible", false)
            compare(TestBackend.requestCount(roomPath + "/ban"), 0)
            verify(page.operation === null)
        }

        function test_server_error_shown_exactly() {
            load(50)
            TestBackend.script(roomPath + "/kick", [{ status: 403, body: JSON.stringify(
                { errcode: "M_FORBIDDEN", error: "You cannot kick user @bob:example.org." }) }])
            mouseClick(child(row("@bob:example.org"), "memberKick"))
            const dialog = child(page, "moderationDialog")
            tryCompare(dialog, "opened", true)
            mouseClick(child(dialog.footer, "moderationConfirmButton"))
            tryVerify(() => TestBackend.requestCount(roomPath + "/kick") === 1)
            const text = child(page, "membersOperationText")
            tryVerify(() => page.operation !== null && page.operation.state === Operation.Failed, 10000)
            verify(text.visible)
            verify(text.text.indexOf("M_FORBIDDEN: You cannot kick user @bob:example.org.") >= 0, text.text)
            compare(text.Accessible.role, Accessible.AlertMessage)
            compare(text.textFormat, Text.PlainText)
        }

        function test_failing_load_is_an_alert() {
            TestBackend.script(roomPath + "/members", [{ status: 403, body: JSON.stringify(
                { errcode: "M_FORBIDDEN", error: "User not in room" }) }])
            members.roomId = roomId
            tryCompare(members, "loading", false)
            const error = child(page, "membersError")
            tryVerify(() => error.visible)
            verify(error.text.indexOf("M_FORBIDDEN: User not in room") >= 0, error.text)
            compare(error.Accessible.role, Accessible.AlertMessage)
            verify(child(page, "membersRetryButton").visible)
        }

        function test_escape_goes_back() {
            load(50)
            const filter = child(page, "membersFilterField")
            tryVerify(() => filter.activeFocus)
            keyClick(Qt.Key_Escape)
            compare(closedSpy.count, 1)
        }
    }
}
