import QtQuick
import QtQuick.Controls
import QtTest
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

        function init() {
            dialog.openFor("!room:example.org", "<i>Team</i> room")
            tryCompare(dialog, "opened", true)
            inviteSpy.clear()
            searchSpy.clear()
        }
        function cleanup() {
            dialog.busy = false
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
            compare(field("inviteSearchField").text, "@bob:example.org")
            compare(searchSpy.signalArguments[searchSpy.count - 1][0], "@bob:example.org")
            verify(field("inviteConfirmButton").enabled)
            tryVerify(() => field("inviteReasonField").activeFocus)
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
            compare(field("inviteSearchField").text, "@bobby:example.org")
            keyClick(Qt.Key_Return) // Enter in the reason field submits
            compare(inviteSpy.count, 1)
            compare(inviteSpy.signalArguments[0][1], "@bobby:example.org")
        }

        function test_typed_full_id_enter_invites() {
            typeText("@carol:example.org")
            verify(field("inviteConfirmButton").enabled)
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

        function test_busy_and_server_error() {
            typeText("@carol:example.org")
            dialog.busy = true
            compare(field("inviteConfirmButton").enabled, false)
            compare(field("inviteSearchField").enabled, false)
            dialog.busy = false
            dialog.serverError = "M_FORBIDDEN: You are not allowed to invite (HTTP 403)"
            verify(field("inviteServerError").visible)
            verify(dialog.visible)
        }

        function test_escape_closes_without_inviting() {
            keyClick(Qt.Key_Escape)
            tryCompare(dialog, "visible", false)
            compare(inviteSpy.count, 0)
        }
    }
}
