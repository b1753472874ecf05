import QtQuick
import QtQuick.Controls
import QtTest
import Concierge.Core
import Concierge.Test
import Concierge.Ui

// "Ban from all rooms where I can" (issue 12) from the members page, with real services: a
// member's "Ban everywhere…" opens the dialog and the real BanEverywhere checks the account's
// joined rooms on the fake homeserver (tst_qml.cpp); the dialog lists where the ban applies, with
// their membership, and where not, with the reason; one reason for all; "Ban in N rooms" submits
// one job of the real bulk queue, which sends exactly those bans. A refused job is an alert and
// nothing is sent; Escape sends nothing.
Item {
    id: root
    width: 1100
    height: 760

    MembersPage {
        id: page
        anchors.fill: parent
        services: TestBackend.services
        roomName: "Team"
    }

    TestCase {
        id: test
        name: "BanEverywhere"
        when: windowShown

        readonly property string membersRoom: "!members:example.org"
        readonly property string spammer: "@bob:example.org"
        readonly property string spammerSegment: "%40bob%3Aexample.org"
        readonly property BanEverywhere plan: TestBackend.services.banEverywhere

        function roomPath(roomId) {
            return "/_matrix/client/v3/rooms/" + encodeURIComponent(roomId).replace(/!/g, "%21")
        }
        function event(userId, membership, name) {
            return { type: "m.room.member", state_key: userId, sender: userId,
                     content: { membership: membership, displayname: name } }
        }
        // A joined room of the account's: my level, and Bob's membership there (none: never).
        function scriptRoom(roomId, myLevel, membership) {
            const users = {}
            users[TestBackend.userId] = myLevel
            TestBackend.script(roomPath(roomId) + "/state/m.room.power_levels/", [{ status: 200, body: JSON.stringify(
                { users: users, users_default: 0, kick: 50, ban: 50 }) }])
            TestBackend.script(roomPath(roomId) + "/state/m.room.create/", [{ status: 200, body: JSON.stringify(
                { type: "m.room.create", state_key: "", sender: "@founder:example.org", content: { room_version: "10" } }) }])
            TestBackend.script(roomPath(roomId) + "/state/m.room.member/" + spammerSegment,
                               membership ? [{ status: 200, body: JSON.stringify({ membership: membership }) }]
                                          : [{ status: 404, body: JSON.stringify({ errcode: "M_NOT_FOUND", error: "not found" }) }])
        }
        // Three joined rooms (Alpha: Bob joined; Bravo: never there; Charlie: no power) and an
        // invitation (not checked); the members page of a room with Bob in it.
        function setUp() {
            TestBackend.restoreRooms([
                { roomId: "!c:example.org", name: "Charlie <i>room</i>", membership: Membership.Join },
                { roomId: "!a:example.org", name: "Alpha", membership: Membership.Join },
                { roomId: "!b:example.org", name: "Bravo", membership: Membership.Join },
                { roomId: "!i:example.org", name: "Invited", membership: Membership.Invite },
            ])
            scriptRoom("!a:example.org", 100, "join")
            scriptRoom("!b:example.org", 100, "")
            scriptRoom("!c:example.org", 0, "join")
            TestBackend.script(roomPath(membersRoom) + "/members", [{ status: 200, body: JSON.stringify({ chunk: [
                event(TestBackend.userId, "join", "Me"), event(spammer, "join", "Bob") ] }) }])
            TestBackend.script(roomPath(membersRoom) + "/state/m.room.power_levels/", [{ status: 200, body: JSON.stringify(
                { users: { "@me:example.org": 100 }, users_default: 0, kick: 50, ban: 50 }) }])
            TestBackend.script(roomPath(membersRoom) + "/state/m.room.create/", [{ status: 200, body: "{}" }])
            TestBackend.script(roomPath("!a:example.org") + "/ban", [{ status: 200, body: "{}" }])
            TestBackend.script(roomPath("!b:example.org") + "/ban", [{ status: 200, body: "{}" }])
            TestBackend.services.members.roomId = membersRoom
            page.activate()
            tryCompare(TestBackend.services.members, "loading", false)
            compare(TestBackend.services.members.error, "")
            tryCompare(child(page, "membersList"), "count", 2)
        }
        function child(item, name) {
            const found = findChild(item, name)
            verify(found, "item " + name)
            return found
        }
        function dialog() {
            return child(page, "banEverywhereDialog")
        }
        // Opens the dialog from Bob's row and waits for the plan.
        function openForBob() {
            const row = findChild(child(page, "membersList"), "memberRow:" + spammer)
            verify(row, "Bob's row")
            const action = child(row, "memberBanEverywhere")
            verify(action.button.enabled)
            compare(action.button.Accessible.name, "Ban Bob from all rooms where I can")
            mouseClick(action)
            tryCompare(dialog(), "opened", true)
            tryCompare(plan, "ready", true, 10000)
        }
        function banCount() {
            let n = 0
            for (const prefix of ["!a", "!b", "!c", "!i"])
                n += TestBackend.requestCount(roomPath(prefix + ":example.org") + "/ban")
            return n
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
            verify(TestBackend.openJobs())
        }
        function cleanup() {
            dialog().close()
            tryCompare(dialog(), "visible", false)
        }

        function test_the_plan_lists_where_and_where_not() {
            setUp()
            openForBob()
            const d = dialog()
            compare(d.title, "Ban Bob (@bob:example.org) from all rooms where you can?")
            // Only the joined rooms were checked, Bob's membership read in each.
            compare(TestBackend.requestCount(roomPath("!i:example.org")), 0)
            compare(TestBackend.requestMethods(roomPath("!b:example.org") + "/state/m.room.member/"), ["GET"])
            compare(plan.total, 3)
            compare(plan.checked, 3)
            const banList = child(d.contentItem, "banEverywhereBanList")
            const otherList = child(d.contentItem, "banEverywhereOtherList")
            compare(banList.count, 2)
            compare(otherList.count, 1)
            compare(child(d.contentItem, "banEverywhereBanHeader").text, "Banned in 2 rooms")
            compare(child(d.contentItem, "banEverywhereOtherHeader").text, "Not banned in 1 room")
            // By name, with the membership; a pre-emptive ban where Bob never was.
            banList.currentIndex = 0
            compare(banList.currentItem.text, "Alpha — Joined")
            banList.currentIndex = 1
            compare(banList.currentItem.text, "Bravo — Never a member")
            otherList.currentIndex = 0
            // A room name is shown as it is, never as markup; the reason from the power levels.
            compare(otherList.currentItem.text, "Charlie <i>room</i> (Joined) — Needs power level 50; you have 0.")
            compare(otherList.currentItem.textFormat, Text.PlainText)
            compare(otherList.currentItem.Accessible.name, otherList.currentItem.text)
            compare(child(d.footer, "banEverywhereConfirmButton").text, "Ban in 2 rooms")
            verify(child(d.footer, "banEverywhereConfirmButton").enabled)
            // Nothing was sent by planning.
            compare(banCount(), 0)
            // The focus starts on Cancel: Enter alone bans nobody.
            tryVerify(() => child(d.footer, "banEverywhereCancelButton").activeFocus)
        }

        function test_ban_in_n_rooms_runs_one_job_with_one_reason() {
            setUp()
            openForBob()
            const d = dialog()
            const field = child(d.contentItem, "banEverywhereReasonField")
            field.forceActiveFocus(Qt.TabFocusReason)
            typeText("spam")
            keyClick(Qt.Key_Return)
            tryCompare(d, "visible", false)
            const jobs = TestBackend.services.jobs.jobs
            compare(jobs.length, 1)
            const job = jobs[0]
            compare(job.kind, "ban")
            compare(job.total, 2)
            tryCompare(job, "state", Job.Finished, 15000)
            compare(job.done, 2)
            for (const id of ["!a:example.org", "!b:example.org"]) {
                compare(TestBackend.requestMethods(roomPath(id) + "/ban"), ["POST"])
                const body = JSON.parse(TestBackend.lastRequestBody(roomPath(id) + "/ban"))
                compare(body.user_id, spammer)
                compare(body.reason, "spam")
            }
            compare(TestBackend.requestCount(roomPath("!c:example.org") + "/ban"), 0)
        }

        function test_a_refused_job_is_an_alert_and_sends_nothing() {
            setUp()
            openForBob()
            TestBackend.closeJobs()
            const d = dialog()
            mouseClick(child(d.footer, "banEverywhereConfirmButton"))
            const error = child(d.contentItem, "banEverywhereError")
            tryVerify(() => error.visible)
            verify(error.text !== "")
            compare(error.Accessible.role, Accessible.AlertMessage)
            compare(error.textFormat, Text.PlainText)
            verify(d.visible)
            compare(banCount(), 0)
        }

        function test_escape_sends_nothing_and_clears_the_plan() {
            setUp()
            openForBob()
            keyClick(Qt.Key_Escape)
            tryCompare(dialog(), "visible", false)
            compare(plan.ready, false)
            compare(plan.total, 0)
            compare(banCount(), 0)
            compare(TestBackend.services.jobs.jobs.length, 0)
        }

        function test_progress_while_checking_and_stop() {
            setUp()
            // Alpha's power levels never come: the check stays under way until stopped.
            TestBackend.script(roomPath("!a:example.org") + "/state/m.room.power_levels/", [{ stall: true }])
            const row = findChild(child(page, "membersList"), "memberRow:" + spammer)
            mouseClick(child(row, "memberBanEverywhere"))
            const d = dialog()
            tryCompare(d, "opened", true)
            const progress = child(d.contentItem, "banEverywhereProgress")
            tryVerify(() => progress.visible)
            tryCompare(plan, "checked", 2, 10000)
            const bar = child(d.contentItem, "banEverywhereProgressBar")
            compare(bar.Accessible.name, "Checking your power in 2 of 3 rooms…")
            verify(!child(d.footer, "banEverywhereConfirmButton").enabled)
            mouseClick(child(d.footer, "banEverywhereStopButton"))
            tryCompare(plan, "ready", true)
            verify(!progress.visible)
            // Alpha could not be checked: not banned there, and said so.
            compare(child(d.contentItem, "banEverywhereOtherList").count, 2)
            compare(child(d.footer, "banEverywhereConfirmButton").text, "Ban in 1 room")
            compare(banCount(), 0)
        }
    }
}
