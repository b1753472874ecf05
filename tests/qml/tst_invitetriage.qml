import QtQuick
import QtQuick.Controls
import QtTest
import Concierge.Core
import Concierge.Test
import Concierge.Ui

// The invite triage page over the real services (TestBackend): the store's invites grouped by
// inviter and by server, what each group's buttons submit to the real bulk queue (checked on the
// requests the fake server received: exactly the group's rooms), ignoring and unignoring
// (read-modify-write of m.ignored_user_list), and the Block all invites switch.
Item {
    id: root
    width: 900
    height: 900

    InviteTriagePage {
        id: page
        anchors.fill: parent
        services: TestBackend.services
    }
    SignalSpy { id: jobSpy; target: page; signalName: "jobStarted" }
    SignalSpy { id: closedSpy; target: page; signalName: "closed" }

    TestCase {
        name: "InviteTriagePage"
        when: windowShown

        readonly property string me: TestBackend.userId
        readonly property string ignoredPath: "/_matrix/client/v3/user/" + encodeURIComponent(me)
                                              + "/account_data/m.ignored_user_list"
        readonly property string permissionPath: "/_matrix/client/v3/user/" + encodeURIComponent(me)
                                                 + "/account_data/m.invite_permission_config"
        readonly property string notFound: JSON.stringify({ errcode: "M_NOT_FOUND", error: "Not found" })

        function child(name) {
            const found = findChild(page, name)
            verify(found, "item " + name)
            return found
        }
        function groupItem(key) {
            return child("triageGroup:" + key)
        }
        function groupChild(key, name) {
            const found = findChild(groupItem(key), name)
            verify(found, "item " + name + " of " + key)
            return found
        }
        function leavePath(roomId) {
            return "/_matrix/client/v3/rooms/" + encodeURIComponent(roomId).replace(/!/g, "%21") + "/leave"
        }
        function inviteRoom(inviter, name) {
            const events = [
                { type: "m.room.member", state_key: inviter, sender: inviter,
                  content: { membership: "join", displayname: name } },
                { type: "m.room.member", state_key: me, sender: inviter,
                  content: { membership: "invite" } }
            ]
            return { invite_state: { events: events } }
        }
        // @spam:spam.example (3 invites, calls itself "<b>Prizes</b>"), @x2:spam.example (1),
        // @friend:known.org (2; a hero of a joined room on known.org).
        function fill() {
            const invite = {}
            for (const n of [1, 2, 3])
                invite["!s" + n + ":spam.example"] = inviteRoom("@spam:spam.example", "<b>Prizes</b>")
            invite["!t:spam.example"] = inviteRoom("@x2:spam.example", "")
            invite["!f1:known.org"] = inviteRoom("@friend:known.org", "Friend")
            invite["!f2:known.org"] = inviteRoom("@friend:known.org", "Friend")
            const join = {
                "!j:known.org": { summary: { "m.heroes": ["@friend:known.org"], "m.joined_member_count": 4 } }
            }
            verify(TestBackend.applySync(JSON.stringify({ rooms: { join: join, invite: invite } })))
        }
        function loadBlocking(ignoredBody, permissionBody) {
            TestBackend.script(ignoredPath, [ignoredBody])
            TestBackend.script(permissionPath, [permissionBody])
            const blocking = TestBackend.services.blocking
            blocking.load()
            tryVerify(() => !blocking.busy && blocking.invitePermission !== UserBlocking.PermissionUnknown)
        }

        function initTestCase() {
            TestBackend.connectToServer()
            TestBackend.services.blocking.setUserId(me)
            TestBackend.script("/_matrix/client/v3/rooms/", [{ status: 200, body: "{}" }])
        }
        function init() {
            TestBackend.reset()
            verify(TestBackend.openJobs())
            TestBackend.services.inviteGroups.groupBy = InviteGroupsModel.ByInviter
            page.statusText = ""
            page.actionError = ""
            loadBlocking({ status: 404, body: notFound }, { status: 404, body: notFound })
            TestBackend.reset()
            jobSpy.clear()
            closedSpy.clear()
            fill()
        }

        function test_groups_by_inviter() {
            compare(child("triageSummary").text, "Pending invites: 6, from 3 inviters.")
            compare(groupChild("@spam:spam.example", "triageGroupTitle").text,
                    "3 invites from @spam:spam.example")
            compare(groupChild("@friend:known.org", "triageGroupTitle").text,
                    "2 invites from @friend:known.org")
            compare(groupChild("@x2:spam.example", "triageGroupTitle").text,
                    "1 invite from @x2:spam.example")
            // Largest first (once the layout has placed the new rows).
            tryVerify(() => groupItem("@spam:spam.example").y < groupItem("@friend:known.org").y
                            && groupItem("@friend:known.org").y < groupItem("@x2:spam.example").y)
            // Server text stays text.
            const name = groupChild("@spam:spam.example", "triageGroupName")
            compare(name.text, "Calls themselves “<b>Prizes</b>”")
            compare(name.textFormat, Text.PlainText)
            // The signals as plain text.
            compare(groupChild("@spam:spam.example", "triageGroupSignals").text,
                    "Shares no room with you · A server new to you")
            verify(!groupChild("@friend:known.org", "triageGroupSignals").visible)
        }

        function test_groups_by_server() {
            const toggle = child("triageByServerSwitch")
            mouseClick(toggle)
            compare(TestBackend.services.inviteGroups.groupBy, InviteGroupsModel.ByServer)
            compare(child("triageSummary").text, "Pending invites: 6, from 2 server(s).")
            compare(groupChild("spam.example", "triageGroupTitle").text, "4 invites from spam.example")
            compare(groupChild("known.org", "triageGroupTitle").text, "2 invites from known.org")
            compare(groupChild("spam.example", "triageGroupSignals").text,
                    "None of the 2 inviters shares a room with you · A server new to you")
            verify(groupChild("spam.example", "triageDeclineServerButton").visible)
            verify(!groupChild("spam.example", "triageDeclineButton").visible)
            verify(!groupChild("spam.example", "triageDeclineIgnoreButton").visible)
        }

        function test_decline_all_from_user_submits_exactly_those_rooms() {
            mouseClick(groupChild("@spam:spam.example", "triageDeclineButton"))
            compare(jobSpy.count, 1)
            const job = jobSpy.signalArguments[0][0]
            verify(job)
            compare(job.total, 3)
            tryCompare(job, "state", Job.Finished)
            compare(job.done, 3)
            const sent = TestBackend.requestPaths("/_matrix/client/v3/rooms/").sort()
            compare(sent, [leavePath("!s1:spam.example"), leavePath("!s2:spam.example"),
                           leavePath("!s3:spam.example")].sort())
            // Nobody was ignored.
            compare(TestBackend.requestCount(ignoredPath), 0)
        }

        function test_decline_all_and_ignore() {
            TestBackend.script(ignoredPath, [{ status: 200, body: JSON.stringify({ ignored_users: { "@old:x.org": {} } }) },
                                             { status: 200, body: "{}" }])
            mouseClick(groupChild("@x2:spam.example", "triageDeclineIgnoreButton"))
            compare(jobSpy.count, 1)
            const job = jobSpy.signalArguments[0][0]
            tryCompare(job, "state", Job.Finished)
            compare(TestBackend.requestPaths("/_matrix/client/v3/rooms/"), [leavePath("!t:spam.example")])
            tryVerify(() => TestBackend.requestCount(ignoredPath) === 2)
            compare(TestBackend.requestMethods(ignoredPath), ["GET", "PUT"])
            compare(JSON.parse(TestBackend.requestBodies(ignoredPath)[1]),
                    { ignored_users: { "@old:x.org": {}, "@x2:spam.example": {} } })
            tryVerify(() => findChild(page, "triageIgnored:@x2:spam.example") !== null)
            verify(findChild(page, "triageIgnored:@old:x.org") !== null)
            compare(child("triageIgnoredTitle").text, "Ignored users (2)")
        }

        function test_decline_all_from_server() {
            mouseClick(child("triageByServerSwitch"))
            mouseClick(groupChild("spam.example", "triageDeclineServerButton"))
            compare(jobSpy.count, 1)
            tryCompare(jobSpy.signalArguments[0][0], "state", Job.Finished)
            const sent = TestBackend.requestPaths("/_matrix/client/v3/rooms/").sort()
            compare(sent, [leavePath("!s1:spam.example"), leavePath("!s2:spam.example"),
                           leavePath("!s3:spam.example"), leavePath("!t:spam.example")].sort())
        }

        function test_a_refused_job_is_an_alert() {
            TestBackend.closeJobs()
            mouseClick(groupChild("@spam:spam.example", "triageDeclineButton"))
            compare(jobSpy.count, 0)
            const error = child("triageError")
            verify(error.visible)
            verify(error.text !== "")
            compare(error.Accessible.role, Accessible.AlertMessage)
            compare(TestBackend.requestCount("/_matrix/client/v3/rooms/"), 0)
        }

        function test_block_all_invites_switch() {
            const toggle = child("triageBlockSwitch")
            verify(!toggle.checked)
            compare(child("triageBlockState").text, "Invites are allowed.")
            TestBackend.script(permissionPath, [{ status: 404, body: notFound }, { status: 200, body: "{}" }])
            mouseClick(toggle)
            tryCompare(TestBackend.services.blocking, "invitePermission", UserBlocking.InvitesBlocked)
            compare(TestBackend.requestMethods(permissionPath), ["GET", "PUT"])
            compare(JSON.parse(TestBackend.requestBodies(permissionPath)[1]), { default_action: "block" })
            tryVerify(() => toggle.enabled)
            verify(toggle.checked)
            verify(child("triageBlockState").text.indexOf("Invites are blocked") === 0)
        }

        function test_block_switch_shows_the_server_state_and_errors() {
            loadBlocking({ status: 404, body: notFound }, { status: 200, body: JSON.stringify({ default_action: "block" }) })
            const toggle = child("triageBlockSwitch")
            verify(toggle.checked)
            TestBackend.script(permissionPath, [{ status: 200, body: JSON.stringify({ default_action: "block" }) },
                                                { status: 403, body: JSON.stringify({ errcode: "M_FORBIDDEN", error: "No <b>way</b>" }) }])
            mouseClick(toggle)
            const error = child("triageError")
            tryVerify(() => error.visible)
            verify(error.text.indexOf("No <b>way</b>") >= 0, error.text)
            compare(error.textFormat, Text.PlainText)
            compare(error.Accessible.role, Accessible.AlertMessage)
            // Still blocked: the switch shows what the server holds.
            tryVerify(() => toggle.enabled)
            verify(toggle.checked)
            compare(TestBackend.services.blocking.invitePermission, UserBlocking.InvitesBlocked)
        }

        function test_unignore() {
            loadBlocking({ status: 200, body: JSON.stringify({ ignored_users: { "@a:x.org": {}, "@b:x.org": {} } }) },
                         { status: 404, body: notFound })
            verify(!child("triageIgnoredEmpty").visible)
            const row = child("triageIgnored:@a:x.org")
            TestBackend.script(ignoredPath, [{ status: 200, body: JSON.stringify({ ignored_users: { "@a:x.org": {}, "@b:x.org": {} } }) },
                                             { status: 200, body: "{}" }])
            const button = findChild(row, "triageUnignoreButton")
            verify(button)
            compare(button.Accessible.name, "Unignore @a:x.org")
            mouseClick(button)
            tryVerify(() => findChild(page, "triageIgnored:@a:x.org") === null)
            // After the load's GET: a fresh GET, then the PUT.
            compare(TestBackend.requestMethods(ignoredPath).slice(-2), ["GET", "PUT"])
            compare(JSON.parse(TestBackend.requestBodies(ignoredPath).slice(-1)[0]), { ignored_users: { "@b:x.org": {} } })
            verify(findChild(page, "triageIgnored:@b:x.org") !== null)
        }

        function test_activateFocusesTheFirstControl() {
            page.activate()
            verify(child("triageByServerSwitch").activeFocus)
            // Shift+Tab from there reaches Close, and Tab comes back: the page is no stop.
            keyClick(Qt.Key_Tab, Qt.ShiftModifier)
            verify(child("triageCloseButton").activeFocus)
            keyClick(Qt.Key_Tab)
            verify(child("triageByServerSwitch").activeFocus)
        }

        function test_keyboard() {
            const close = child("triageCloseButton")
            close.forceActiveFocus(Qt.TabFocusReason)
            keyClick(Qt.Key_Tab)
            verify(child("triageByServerSwitch").activeFocus)
            keyClick(Qt.Key_Tab)
            const decline = groupChild("@spam:spam.example", "triageDeclineButton")
            verify(decline.activeFocus)
            keyClick(Qt.Key_Return)
            compare(jobSpy.count, 1)
            compare(jobSpy.signalArguments[0][0].total, 3)
            keyClick(Qt.Key_Escape)
            compare(closedSpy.count, 1)
        }
    }
}
