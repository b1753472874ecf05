import QtQuick
import QtQuick.Controls
import QtTest
import Concierge.Core
import Concierge.Test
import Concierge.Ui

Item {
    id: root
    width: 800
    height: 600

    ListModel {
        id: suggestions
        ListElement { userId: "@bob:example.org"; displayName: "Bob <b>Builder</b>"; avatarSource: ""; typed: false }
        ListElement { userId: "@bobby:example.org"; displayName: ""; avatarSource: ""; typed: false }
    }

    InviteDialog {
        id: dialog
        suggestions: suggestions
    }

    SignalSpy { id: inviteSpy; target: dialog; signalName: "inviteRequested" }
    SignalSpy { id: searchSpy; target: dialog; signalName: "searchEdited" }
    SignalSpy { id: stopSpy; target: dialog; signalName: "stopRequested" }
    SignalSpy { id: manySpy; target: dialog; signalName: "inviteManyRequested" }
    SignalSpy { id: listSpy; target: dialog; signalName: "listRequested" }

    TestCase {
        name: "InviteDialog"
        when: windowShown

        function field(name) {
            const item = findChild(dialog.contentItem, name) || findChild(dialog.footer, name)
                      || findChild(dialog.header, name) || (dialog.header.objectName === name ? dialog.header : null)
            verify(item, "item " + name)
            return item
        }
        function typeText(text) {
            for (let i = 0; i < text.length; ++i)
                keyClick(text[i])
        }

        readonly property string invitePath: "/_matrix/client/v3/rooms/%21room%3Aexample.org/invite"

        // What the page does with inviteRequested: run the invite, give the dialog its operation.
        function inviteAsPage() {
            compare(inviteSpy.count, 1)
            const args = inviteSpy.signalArguments[0]
            dialog.operation = TestBackend.services.membership.invite(args[0], args[1], args[2])
            verify(dialog.operation)
            return dialog.operation
        }

        function initTestCase() {
            TestBackend.connectToServer()
        }
        function init() {
            dialog.openFor("!room:example.org", "<i>Team</i> room")
            tryCompare(dialog, "opened", true)
            inviteSpy.clear()
            searchSpy.clear()
            stopSpy.clear()
            manySpy.clear()
            listSpy.clear()
        }
        function cleanup() {
            if (dialog.operation)
                dialog.operation.cancel()
            tryVerify(() => !dialog.busy)
            dialog.serverError = ""
            dialog.close()
            tryCompare(dialog, "visible", false)
        }

        function test_title_is_plain_text() {
            const title = field("inviteDialogTitle")
            compare(title.text, "Invite to <i>Team</i> room")
            compare(title.textFormat, Text.PlainText)
        }

        function test_typing_searches_and_requires_a_user_id() {
            tryVerify(() => field("inviteSearchField").activeFocus)
            typeText("bo")
            compare(searchSpy.count, 2)
            compare(searchSpy.signalArguments[1][0], "bo")
            compare(field("inviteConfirmButton").enabled, false)
            verify(field("inviteUserError").text.length > 0)
            keyClick(Qt.Key_Return)
            compare(inviteSpy.count, 0)
        }

        function test_invalid_user_id_explains() {
            typeText("@bob")
            compare(field("inviteConfirmButton").enabled, false)
            verify(field("inviteUserError").visible)
            verify(field("inviteUserError").text.length > 0)
        }

        function test_pick_suggestion_and_invite() {
            const list = field("inviteSuggestions")
            tryCompare(list, "count", 2)
            const suggestion = findChild(list, "suggestion:@bob:example.org")
            verify(suggestion)
            mouseClick(suggestion)
            // Picked: shown with its name, the search starts again for the next person.
            compare(dialog.picked.length, 1)
            compare(dialog.picked[0].userId, "@bob:example.org")
            verify(field("picked:@bob:example.org").visible)
            compare(field("inviteSearchField").text, "")
            compare(searchSpy.signalArguments[searchSpy.count - 1][0], "")
            tryVerify(() => field("inviteSearchField").activeFocus)
            verify(field("inviteConfirmButton").enabled)
            compare(field("inviteConfirmButton").text, "Invite")
            mouseClick(field("inviteReasonField"))
            typeText("welcome")
            mouseClick(field("inviteConfirmButton"))
            compare(inviteSpy.count, 1)
            compare(inviteSpy.signalArguments[0][0], "!room:example.org")
            compare(inviteSpy.signalArguments[0][1], "@bob:example.org")
            compare(inviteSpy.signalArguments[0][2], "welcome")
        }

        function test_keyboard_down_enter_picks() {
            tryVerify(() => field("inviteSearchField").activeFocus)
            keyClick(Qt.Key_Down)
            keyClick(Qt.Key_Down)
            keyClick(Qt.Key_Return)
            compare(dialog.picked.map(p => p.userId), ["@bobby:example.org"])
            tryVerify(() => field("inviteSearchField").activeFocus)
            keyClick(Qt.Key_Return) // Enter with nothing typed invites who was picked
            compare(inviteSpy.count, 1)
            compare(inviteSpy.signalArguments[0][1], "@bobby:example.org")
        }

        function test_typed_full_id_enter_invites() {
            typeText("@carol:example.org")
            verify(field("inviteConfirmButton").enabled)
            keyClick(Qt.Key_Return) // added to the people to invite
            compare(inviteSpy.count, 0)
            compare(dialog.picked.map(p => p.userId), ["@carol:example.org"])
            compare(field("inviteSearchField").text, "")
            keyClick(Qt.Key_Return)
            compare(inviteSpy.count, 1)
            compare(inviteSpy.signalArguments[0][1], "@carol:example.org")
        }

        function test_suggestion_names_are_plain_text() {
            const list = field("inviteSuggestions")
            tryCompare(list, "count", 2)
            const suggestion = findChild(list, "suggestion:@bob:example.org")
            verify(suggestion.Accessible.name.indexOf("Bob <b>Builder</b>") === 0)
        }

        function test_running_operation_disables_the_form() {
            TestBackend.script(invitePath, [{ stall: true }])
            typeText("@carol:example.org")
            mouseClick(field("inviteConfirmButton"))
            const op = inviteAsPage()
            verify(dialog.busy)
            compare(field("inviteConfirmButton").enabled, false)
            compare(field("inviteSearchField").enabled, false)
            compare(field("inviteConfirmButton").text, "Inviting…")
            tryCompare(op, "state", Operation.Running)
            compare(op.kind, Operation.Invite)
            compare(op.userId, "@carol:example.org")
        }

        function test_failed_operation_shows_the_servers_error() {
            TestBackend.script(invitePath,
                               [{ status: 403, body: '{"errcode":"M_FORBIDDEN","error":"You are not allowed to invite"}' }])
            typeText("@carol:example.org")
            mouseClick(field("inviteConfirmButton"))
            const op = inviteAsPage()
            tryCompare(op, "state", Operation.Failed)
            verify(!dialog.busy)
            verify(dialog.visible)
            verify(field("inviteServerError").visible)
            compare(field("inviteServerError").text, op.error.summary)
            verify(field("inviteServerError").text.indexOf("M_FORBIDDEN") >= 0)
            verify(field("inviteConfirmButton").enabled)
        }

        function test_succeeded_operation_closes() {
            TestBackend.script(invitePath, [{ status: 200, body: "{}" }])
            typeText("@dave:example.org")
            mouseClick(field("inviteConfirmButton"))
            const op = inviteAsPage()
            tryCompare(dialog, "visible", false)
            compare(op.state, Operation.Succeeded)
            const body = JSON.parse(TestBackend.lastRequestBody(invitePath))
            compare(body.user_id, "@dave:example.org")
        }

        function test_waiting_operation_offers_stop() {
            TestBackend.script(invitePath,
                               [{ status: 503, body: '{"errcode":"M_UNKNOWN","error":"Restarting"}' }])
            typeText("@erin:example.org")
            mouseClick(field("inviteConfirmButton"))
            const op = inviteAsPage()
            tryCompare(op, "state", Operation.Waiting)
            compare(op.waitReason, Operation.ServerUnavailable)
            verify(field("inviteWaiting").visible)
            verify(field("inviteWaiting").text.indexOf("does not answer") >= 0)
            mouseClick(field("inviteStopButton"))
            compare(stopSpy.count, 1)
            op.cancel() // what the page does
            tryCompare(op, "state", Operation.Cancelled)
            verify(!dialog.busy)
            verify(field("inviteServerError").text.length > 0)
        }

        function test_server_error_text_is_plain() {
            dialog.serverError = "M_FORBIDDEN: You are <b>not</b> allowed to invite (HTTP 403)"
            verify(field("inviteServerError").visible)
            compare(field("inviteServerError").textFormat, Text.PlainText)
            verify(dialog.visible)
        }

        function test_escape_closes_without_inviting() {
            keyClick(Qt.Key_Escape)
            tryCompare(dialog, "visible", false)
            compare(inviteSpy.count, 0)
        }
    
        // Several people: picked from the suggestions and typed, one removed again; one Invite
        // asks for one bulk job with all of them.
        function test_several_people_one_invite() {
            const list = field("inviteSuggestions")
            tryCompare(list, "count", 2)
            mouseClick(findChild(list, "suggestion:@bob:example.org"))
            mouseClick(findChild(list, "suggestion:@bobby:example.org"))
            typeText("@carol:example.org")
            keyClick(Qt.Key_Return)
            typeText("@dave:example.org")
            compare(dialog.picked.map(p => p.userId), ["@bob:example.org", "@bobby:example.org", "@carol:example.org"])
            // The typed one counts too.
            compare(field("inviteConfirmButton").text, "Invite 4 people")
            // Picking the same person twice keeps one.
            mouseClick(findChild(list, "suggestion:@bob:example.org"))
            compare(dialog.picked.length, 3)
            // Remove bobby with the chip's button.
            const remove = field("remove:@bobby:example.org")
            compare(remove.Accessible.name, "Remove @bobby:example.org")
            // By keyboard: the chips move while the row lays out again after the picks (a click
            // at where the button was could land beside it).
            remove.forceActiveFocus(Qt.TabFocusReason)
            keyClick(Qt.Key_Space)
            compare(dialog.picked.map(p => p.userId), ["@bob:example.org", "@carol:example.org"])
            compare(field("inviteConfirmButton").text, "Invite 2 people")
            mouseClick(field("inviteReasonField"))
            typeText("team")
            mouseClick(field("inviteConfirmButton"))
            compare(inviteSpy.count, 0)
            compare(manySpy.count, 1)
            compare(manySpy.signalArguments[0][0], "!room:example.org")
            compare(manySpy.signalArguments[0][1], ["@bob:example.org", "@carol:example.org"])
            compare(manySpy.signalArguments[0][2], "team")
        }

        // What the page does with inviteManyRequested: one job of the queue, one invite each.
        function test_several_people_become_one_job() {
            verify(TestBackend.openJobs())
            TestBackend.script(invitePath, [{ status: 200, body: "{}" }])
            typeText("@erin:example.org")
            keyClick(Qt.Key_Return)
            typeText("@frank:example.org")
            keyClick(Qt.Key_Return)
            keyClick(Qt.Key_Return)
            compare(manySpy.count, 1)
            const args = manySpy.signalArguments[0]
            const sent = TestBackend.requestCount(invitePath)
            const job = TestBackend.services.jobs.inviteUsers(args[0], args[1], args[2], "Invite 2 people")
            verify(job, TestBackend.services.jobs.lastError)
            tryCompare(job, "state", Job.Finished, 10000)
            compare(job.done, 2)
            compare(TestBackend.requestCount(invitePath), sent + 2)
            const bodies = TestBackend.requestBodies(invitePath).slice(sent).map(b => JSON.parse(b).user_id).sort()
            compare(bodies, ["@erin:example.org", "@frank:example.org"])
            TestBackend.closeJobs()
        }

        function test_paste_a_list_asks_for_invite_many() {
            mouseClick(field("inviteListButton"))
            compare(listSpy.count, 1)
            compare(listSpy.signalArguments[0][0], "!room:example.org")
            compare(listSpy.signalArguments[0][1], "<i>Team</i> room")
        }
    }
}
