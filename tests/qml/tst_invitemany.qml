import QtQuick
import QtQuick.Controls
import QtTest
import Concierge.Core
import Concierge.Test
import Concierge.Ui

// "Invite many people": a pasted list is previewed against the room's members (from the fake
// homeserver's /members), and Invite submits one job to the real queue with exactly the valid
// people who are not in the room yet.
Item {
    id: root
    width: 900
    height: 800

    InviteManyDialog {
        id: dialog
        services: TestBackend.services
    }

    SignalSpy { id: startedSpy; target: dialog; signalName: "jobStarted" }

    TestCase {
        name: "InviteManyDialog"
        when: windowShown

        readonly property string roomPath: "/_matrix/client/v3/rooms/%21team%3Aexample.org"
        readonly property string list: "# the new team\n"
                                       + "@alice:example.org\n"
                                       + "@joined:example.org\n"
                                       + "@invited:example.org\n"
                                       + "bob\n"
                                       + "@alice:example.org\n"
                                       + "Carol <@carol:example.org>\n"
                                       + "@banned:example.org\n"

        function field(name) {
            const item = findChild(dialog.contentItem, name) || findChild(dialog.footer, name)
                      || findChild(dialog.header, name) || (dialog.header.objectName === name ? dialog.header : null)
            verify(item, "item " + name)
            return item
        }
        function member(userId, membership) {
            return { type: "m.room.member", state_key: userId, sender: "@me:example.org",
                     content: { membership: membership } }
        }
        function scriptMembers() {
            TestBackend.script(roomPath + "/members", [{ body: JSON.stringify({ chunk: [
                member("@joined:example.org", "join"),
                member("@invited:example.org", "invite"),
                member("@banned:example.org", "ban"),
                member("@me:example.org", "join")] }) }])
        }
        function paste(text) {
            field("inviteManyText").text = text
        }

        function initTestCase() {
            TestBackend.connectToServer()
        }
        function init() {
            TestBackend.reset()
            verify(TestBackend.openJobs())
            startedSpy.clear()
        }
        function cleanup() {
            // The members request has been answered: it cannot reach the next test's server.
            tryCompare(dialog, "checkingMembers", false)
            dialog.close()
            tryCompare(dialog, "visible", false)
        }

        function test_opens_with_the_list_focused_and_closes_on_escape() {
            scriptMembers()
            dialog.openFor("!team:example.org", "<b>Team</b>")
            tryCompare(dialog, "opened", true)
            compare(field("inviteManyDialogTitle").text, "Invite many people to <b>Team</b>")
            compare(field("inviteManyDialogTitle").textFormat, Text.PlainText)
            tryVerify(() => field("inviteManyText").activeFocus)
            compare(field("inviteManySummary").text, "Nobody listed yet.")
            compare(field("inviteManyConfirmButton").enabled, false)
            tryCompare(dialog, "checkingMembers", false)
            keyClick(Qt.Key_Escape)
            tryCompare(dialog, "visible", false)
            compare(TestBackend.requestCount(roomPath + "/invite"), 0)
        }

        function test_typing_previews_each_line() {
            scriptMembers()
            dialog.openFor("!team:example.org", "Team")
            tryCompare(dialog, "opened", true)
            tryVerify(() => field("inviteManyText").activeFocus)
            for (const c of "@dave:example.org")
                keyClick(c)
            const preview = field("inviteManyPreview")
            tryCompare(preview, "count", 1)
            compare(field("inviteManySummary").text, "1 will be invited")
            tryVerify(() => field("inviteManyConfirmButton").enabled)
            compare(field("inviteManyConfirmButton").text, "Invite 1 person")
        }

        function test_paste_previews_counts_and_reasons() {
            scriptMembers()
            dialog.openFor("!team:example.org", "Team")
            tryCompare(dialog, "opened", true)
            paste(list)
            tryCompare(field("inviteManySummary"), "text",
                       "2 will be invited · 1 already in the room · 1 already invited · 1 banned · 1 invalid · 1 listed twice")
            compare(TestBackend.requestCount(roomPath + "/members"), 1)
            const preview = field("inviteManyPreview")
            compare(preview.count, 7)
            // Each row says its line, the entry and what happens to it, as plain text.
            const bob = findChild(preview, "inviteManyRow:3")
            verify(bob)
            verify(bob.Accessible.name.indexOf("Line 5: bob — Invalid: ") === 0, bob.Accessible.name)
            const dup = findChild(preview, "inviteManyRow:4")
            compare(dup.Accessible.name, "Line 6: @alice:example.org — Listed twice: Already listed on line 2.")
            const carol = findChild(preview, "inviteManyRow:5")
            compare(carol.Accessible.name, "Line 7: @carol:example.org — Will be invited")
            compare(field("inviteManyConfirmButton").text, "Invite 2 people")
            verify(field("inviteManyEta").text.indexOf(dialog.durationText(TestBackend.services.jobs.estimateSeconds(2))) > 0)
        }

        function test_invite_submits_exactly_the_valid_non_members() {
            scriptMembers()
            TestBackend.script(roomPath + "/invite", [{ status: 200, body: "{}" }])
            dialog.openFor("!team:example.org", "Team")
            tryCompare(dialog, "opened", true)
            paste(list)
            tryVerify(() => field("inviteManyConfirmButton").enabled)
            field("inviteManyReasonField").text = "welcome aboard"
            mouseClick(field("inviteManyConfirmButton"))
            compare(startedSpy.count, 1)
            const job = startedSpy.signalArguments[0][0]
            verify(job)
            compare(job.total, 2)
            compare(job.title, "Invite 2 people to Team")
            tryCompare(dialog, "visible", false)
            tryCompare(job, "state", Job.Finished, 15000)
            compare(job.done, 2)
            compare(job.results.map(r => r.userId), ["@alice:example.org", "@carol:example.org"])
            compare(job.results.map(r => r.target), ["!team:example.org", "!team:example.org"])
            // The server got those two invitations and no other.
            const bodies = TestBackend.requestBodies(roomPath + "/invite").map(b => JSON.parse(b))
            compare(bodies.map(b => b.user_id), ["@alice:example.org", "@carol:example.org"])
            compare(bodies.map(b => b.reason), ["welcome aboard", "welcome aboard"])
        }

        function test_members_that_cannot_be_checked_are_said_and_invite_stays_possible() {
            TestBackend.script(roomPath + "/members", [
                { status: 403, body: '{"errcode":"M_FORBIDDEN","error":"You are not in the room"}' },
                { body: JSON.stringify({ chunk: [member("@joined:example.org", "join")] }) }])
            dialog.openFor("!team:example.org", "Team")
            tryCompare(dialog, "opened", true)
            paste("@joined:example.org\n@new:example.org")
            const notice = field("inviteManyMembersNotice")
            tryVerify(() => notice.text.indexOf("M_FORBIDDEN") >= 0, 5000, notice.text)
            verify(notice.visible)
            compare(field("inviteManySummary").text, "2 will be invited")
            verify(field("inviteManyConfirmButton").enabled)
            // Asking again marks the member.
            const retry = field("inviteManyRetryMembers")
            verify(retry.visible)
            mouseClick(retry)
            tryCompare(field("inviteManySummary"), "text", "1 will be invited · 1 already in the room")
            verify(!notice.visible)
        }

        function test_a_refused_job_is_an_alert_and_the_dialog_stays() {
            scriptMembers()
            dialog.openFor("!team:example.org", "Team")
            tryCompare(dialog, "opened", true)
            paste("@alice:example.org")
            tryVerify(() => field("inviteManyConfirmButton").enabled)
            TestBackend.closeJobs() // the queue refuses every job now (nothing is sent)
            mouseClick(field("inviteManyConfirmButton"))
            compare(startedSpy.count, 0)
            const alert = field("inviteManyError")
            verify(alert.visible)
            verify(alert.text.length > 0)
            compare(alert.text, TestBackend.services.jobs.lastError)
            compare(alert.Accessible.role, Accessible.AlertMessage)
            compare(alert.textFormat, Text.PlainText)
            verify(dialog.visible)
            compare(TestBackend.requestCount(roomPath + "/invite"), 0)
            // Opening it again starts clean.
            dialog.close()
            tryCompare(dialog, "visible", false)
            dialog.openFor("!team:example.org", "Team")
            tryCompare(dialog, "opened", true)
            verify(!alert.visible)
            compare(field("inviteManyText").text, "")
        }

        function test_tab_goes_through_the_dialog() {
            scriptMembers()
            dialog.openFor("!team:example.org", "Team")
            tryCompare(dialog, "opened", true)
            paste("@alice:example.org")
            tryVerify(() => field("inviteManyConfirmButton").enabled)
            field("inviteManyText").forceActiveFocus(Qt.TabFocusReason)
            keyClick(Qt.Key_Tab)
            verify(field("inviteManyLoadButton").activeFocus)
            compare(field("inviteManyText").text, "@alice:example.org") // no tab typed
            keyClick(Qt.Key_Tab)
            verify(field("inviteManyPreview").activeFocus)
            keyClick(Qt.Key_Tab)
            verify(field("inviteManyReasonField").activeFocus)
            keyClick(Qt.Key_Tab)
            verify(field("inviteManyConfirmButton").activeFocus)
            keyClick(Qt.Key_Tab)
            verify(field("inviteManyCancelButton").activeFocus)
            keyClick(Qt.Key_Tab)
            verify(field("inviteManyText").activeFocus)
        }
    }
}
