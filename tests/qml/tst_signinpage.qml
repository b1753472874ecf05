import QtQuick
import QtQuick.Controls
import QtTest
import Concierge.Core
import Concierge.Test
import Concierge.Ui

// The sign-in page with services that do not use the keychain (as with --no-keychain).
Item {
    id: root
    width: 1000
    height: 700

    SignInPage {
        id: page
        anchors.fill: parent
        services: TestBackend.services
    }

    TestCase {
        name: "SignInPage"
        when: windowShown

        function child(name) {
            const found = findChild(page, name)
            verify(found, "item " + name)
            return found
        }

        // Defect 8: without a keychain "Remember me (system keychain)" is off, cannot be
        // ticked, and the page says why.
        function test_no_keychain_disables_remember_me() {
            compare(TestBackend.services.credentials.keychainAvailable, false)
            const remember = child("rememberCheck")
            verify(remember.visible)
            compare(remember.checked, false)
            compare(remember.enabled, false)
            mouseClick(remember)
            compare(remember.checked, false)
            keyClick(Qt.Key_Space)
            compare(remember.checked, false)

            const notice = child("keychainNotice")
            verify(notice.visible)
            verify(notice.text.indexOf("No system keychain") >= 0, notice.text)
            verify(notice.text.indexOf("--no-keychain") >= 0, notice.text)
            compare(remember.Accessible.description, notice.text)
        }

        // Defect 10: a server that never answers cannot hold the page: Cancel ends the sign-in,
        // nothing more is sent, and every control is usable again.
        function test_a_silent_server_can_be_cancelled() {
            TestBackend.script("/_matrix/client/versions", [{stall: true}])
            const homeserver = child("homeserverField")
            const token = child("tokenField")
            homeserver.text = TestBackend.baseUrl()
            token.text = "syt_token"
            mouseClick(child("signInButton"))
            const cancel = child("cancelSignInButton")
            tryVerify(() => page.busy && cancel.visible, 5000)
            verify(!homeserver.enabled)
            tryVerify(() => TestBackend.requestCount("/_matrix/client/versions") === 1, 5000)
            mouseClick(cancel)
            compare(TestBackend.services.session.state, Session.SignedOut)
            verify(TestBackend.services.session.error.isError)
            verify(!page.busy)
            verify(!cancel.visible)
            verify(homeserver.enabled)
            verify(child("signInButton").enabled)
            verify(child("signInError").text.indexOf("cancelled") >= 0, child("signInError").text)
            wait(300) // nothing else goes out afterwards (no whoami with the token)
            compare(TestBackend.requestCount("/_matrix/client/v3/account/whoami"), 0)
            token.text = ""
        }

        // The one way to be remembered without a keychain stays available, and is opt-in.
        function test_file_store_is_offered_instead() {
            const file = child("fileStoreCheck")
            verify(file.visible)
            verify(file.enabled)
            compare(file.checked, TestBackend.services.credentials.useFileStore)
        }
    }
}
