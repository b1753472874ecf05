import QtQuick
import QtTest
import Concierge.Core
import Concierge.Test
import Concierge.Ui

// The window (Main.qml): which pages it builds, and when (TestBackend's services are signed out).
Item {
    id: root
    width: 400
    height: 300

    Component {
        id: windowComponent
        Main {
            services: TestBackend.services
            visible: false
        }
    }

    TestCase {
        name: "Main"
        when: windowShown

        function page(win, name) {
            return findChild(win.contentItem, name)
        }

        // A relaunch: while main.cpp has yet to ask the remembered sessions back, the window builds
        // no sign-in page. Once asked, with no saved rooms to show, it builds and shows it.
        function test_the_sign_in_page_is_built_when_it_is_shown() {
            const win = createTemporaryObject(windowComponent, root, { restorePending: true, visible: true })
            verify(win)
            win.requestActivate()
            tryCompare(win, "active", true)
            compare(win.signInShown, false)
            compare(page(win, "signInPage"), null)
            verify(page(win, "roomListPage"), "the room list page is built at once")

            win.restorePending = false
            compare(win.signInShown, true)
            const signIn = page(win, "signInPage")
            verify(signIn, "built once it is to be shown")
            verify(signIn.visible)
            compare(page(win, "roomListPage").visible, false)
            // Its form takes the focus, as when it was built with the window.
            tryVerify(() => findChild(signIn, "homeserverField").activeFocus
                            || findChild(signIn, "userField").activeFocus
                            || findChild(signIn, "passwordField").activeFocus
                            || findChild(signIn, "tokenField").activeFocus)
        }

        // A first launch (nothing remembered): the sign-in page is there when the window is.
        function test_a_first_launch_builds_it_at_once() {
            const win = createTemporaryObject(windowComponent, root)
            verify(win)
            const signIn = page(win, "signInPage")
            verify(signIn)
            verify(signIn.visible)
        }
    }
}
