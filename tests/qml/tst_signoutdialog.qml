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
        // A pasted token: the dialog asks whether to invalidate it on the server; by default it
        // is only forgotten here (it may be another app's token), and nothing is sent.
        function test_pasted_token_is_only_forgotten_by_default() {
            TestBackend.script("/_matrix/client/v3/logout", [{ status: 200, body: "{}" }])
            openDialog()
            const check = child(dialog().contentItem, "invalidateTokenCheck")
            verify(check.visible)
            compare(check.checked, false)
            verify(!child(dialog().contentItem, "signOutDeviceNote").visible)
            mouseClick(child(dialog().footer, "signOutConfirmButton"))
            tryCompare(TestBackend.services.session, "state", Session.SignedOut)
            wait(300) // nothing goes out afterwards
            compare(TestBackend.requestCount("/_matrix/client/v3/logout"), 0)
        }

        // Ticked (by keyboard: Tab from Sign out reaches it): the token is invalidated on the server.
        function test_pasted_token_invalidated_when_asked() {
            TestBackend.script("/_matrix/client/v3/logout", [{ status: 200, body: "{}" }])
            openDialog()
            tryVerify(() => child(dialog().footer, "signOutCancelButton").activeFocus)
            keyClick(Qt.Key_Tab)
            tryVerify(() => child(dialog().footer, "signOutConfirmButton").activeFocus)
            keyClick(Qt.Key_Tab)
            const check = child(dialog().contentItem, "invalidateTokenCheck")
            tryVerify(() => check.activeFocus)
            keyClick(Qt.Key_Space)
            compare(check.checked, true)
            mouseClick(child(dialog().footer, "signOutConfirmButton"))
            tryCompare(TestBackend.services.session, "state", Session.SignedOut)
            tryVerify(() => TestBackend.requestCount("/_matrix/client/v3/logout") === 1, 5000)
        }

        // A password session: no question, the dialog says the device is signed out on the server,
        // and it is.
        function test_password_session_is_signed_out_on_the_server() {
            TestBackend.services.signOut()
            TestBackend.script("/_matrix/client/v3/login",
                               [{ status: 200, body: JSON.stringify({ user_id: TestBackend.userId, access_token: "syt_pw", device_id: "NEW" }) }])
            TestBackend.script("/_matrix/client/v3/logout", [{ status: 200, body: "{}" }])
            TestBackend.services.signInWithPassword(TestBackend.baseUrl(), "me", "secret")
            tryCompare(TestBackend.services.session, "state", Session.SignedIn, 5000)
            verify(TestBackend.services.session.createdDevice)
            openDialog()
            verify(child(dialog().contentItem, "signOutDeviceNote").visible)
            verify(!child(dialog().contentItem, "invalidateTokenCheck").visible)
            mouseClick(child(dialog().footer, "signOutConfirmButton"))
            tryCompare(TestBackend.services.session, "state", Session.SignedOut)
            tryVerify(() => TestBackend.requestCount("/_matrix/client/v3/logout") === 1, 5000)
        }
    }
}
