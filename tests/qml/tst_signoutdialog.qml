import QtQuick
import QtQuick.Controls
import QtTest
import Concierge.Core
import Concierge.Test
import Concierge.Ui

// Sign out asks first: the dialog names the account and says what is deleted from this computer;
// Cancel (the default), Escape and Return on Cancel change nothing; only "Sign out" signs out.
Item {
    id: root
    width: 1000
    height: 700

    RoomListPage {
        id: page
        anchors.fill: parent
        services: TestBackend.services
    }

    TestCase {
        name: "SignOutDialog"
        when: windowShown

        function child(item, name) {
            const found = findChild(item, name)
            verify(found, "item " + name)
            return found
        }
        function dialog() {
            return child(page, "signOutDialog")
        }
        function openDialog() {
            mouseClick(child(page, "signOutButton"))
            tryCompare(dialog(), "opened", true)
        }
        // Still signed in, the rooms still listed: nothing was signed out.
        function verifyStillSignedIn() {
            compare(TestBackend.services.session.state, Session.SignedIn)
            compare(TestBackend.services.roomModel.count, 1)
        }

        function init() {
            TestBackend.reset()
            TestBackend.script("/_matrix/client/versions", [{ status: 200, body: '{"versions":["v1.11"]}' }])
            TestBackend.script("/_matrix/client/v3/account/whoami",
                               [{ status: 200, body: JSON.stringify({ user_id: TestBackend.userId, device_id: "D" }) }])
            TestBackend.services.signIn(TestBackend.baseUrl(), "syt_token")
            tryCompare(TestBackend.services.session, "state", Session.SignedIn, 5000)
            verify(TestBackend.applySync(JSON.stringify({ rooms: { join: { "!a:example.org": {
                state: { events: [{ type: "m.room.name", state_key: "", content: { name: "Alpha" } }] } } } } })))
            compare(TestBackend.services.roomModel.count, 1)
        }
        function cleanup() {
            dialog().close()
            tryCompare(dialog(), "visible", false)
            TestBackend.services.signOut()
        }

        // What the dialog says: the account, the remembered session, the saved rooms and history.
        function test_says_what_is_deleted() {
            openDialog()
            const d = dialog()
            compare(d.header.text, "Sign out of " + TestBackend.userId)
            compare(d.header.textFormat, Text.PlainText)
            const text = child(d.contentItem, "signOutExplanation").text
            verify(text.indexOf(TestBackend.userId) >= 0, text)
            verify(text.indexOf("remembered session") >= 0, text)
            verify(text.indexOf("deletes this account's saved room list and room history from this computer") >= 0, text)
            compare(child(d.contentItem, "signOutExplanation").textFormat, Text.PlainText)
            compare(child(d.footer, "signOutConfirmButton").text, "Sign out")
            compare(child(d.footer, "signOutCancelButton").text, "Cancel")
            verifyStillSignedIn() // opening it did nothing
        }

        // Cancel has the focus: Return cancels; so do Escape and the Cancel button.
        function test_cancel_changes_nothing() {
            openDialog()
            tryVerify(() => child(dialog().footer, "signOutCancelButton").activeFocus)
            keyClick(Qt.Key_Return)
            tryCompare(dialog(), "visible", false)
            verifyStillSignedIn()

            openDialog()
            keyClick(Qt.Key_Escape)
            tryCompare(dialog(), "visible", false)
            verifyStillSignedIn()

            openDialog()
            mouseClick(child(dialog().footer, "signOutCancelButton"))
            tryCompare(dialog(), "visible", false)
            verifyStillSignedIn()
        }

        // Only confirming signs out: the session ends and the account's rooms are gone.
        function test_confirm_signs_out() {
            openDialog()
            mouseClick(child(dialog().footer, "signOutConfirmButton"))
            tryCompare(dialog(), "visible", false)
            compare(TestBackend.services.session.state, Session.SignedOut)
            compare(TestBackend.services.roomModel.count, 0)
        }

        // By keyboard: Tab from Cancel to Sign out, then Return.
        function test_confirm_by_keyboard() {
            openDialog()
            tryVerify(() => child(dialog().footer, "signOutCancelButton").activeFocus)
            keyClick(Qt.Key_Tab)
            tryVerify(() => child(dialog().footer, "signOutConfirmButton").activeFocus)
            keyClick(Qt.Key_Return)
            tryCompare(dialog(), "visible", false)
            compare(TestBackend.services.session.state, Session.SignedOut)
        }
    }
}
