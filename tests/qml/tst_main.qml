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
        // no sign-in page. Once asked, and no session is being restored, it builds and shows it.
        function test_the_sign_in_page_is_built_when_it_is_shown() {
            const win = createTemporaryObject(windowComponent, root, { restorePending: true })
            verify(win)
            compare(win.signInShown, false)
            compare(page(win, "signInPage"), null)
            verify(page(win, "roomListPage"), "the room list page is built at once")

            win.restorePending = false
            compare(win.signInShown, true)
            const signIn = page(win, "signInPage")
            verify(signIn, "built once it is to be shown")
            verify(signIn.visible)
            compare(page(win, "roomListPage").visible, false)
            // Its form: the homeserver field filled, as built at launch before.
            verify(findChild(signIn, "homeserverField").text !== "")
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
