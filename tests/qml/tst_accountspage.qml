import QtQuick
import QtQuick.Controls
import QtTest
import Concierge.Core
import Concierge.Test
import Concierge.Ui

// The accounts overview over a real AccountManager whose accounts sign in (by token) against the
// fake server: one row per account with its user ID, counts and health; Switch, Sign out and Add
// account are intents, reachable by keyboard; the notice is shown.
Item {
    id: root
    width: 900
    height: 600

    AccountsPage {
        id: page
        anchors.fill: parent
        accounts: TestBackend.accounts
    }
    // A page too short for its rows (a small window).
    Component {
        id: shortPage
        AccountsPage {
            width: 600
            height: 170
            accounts: TestBackend.accounts
        }
    }
    SignalSpy { id: switchSpy; target: page; signalName: "switchRequested" }
    SignalSpy { id: addSpy; target: page; signalName: "addRequested" }
    SignalSpy { id: signOutSpy; target: page; signalName: "signOutRequested" }
    SignalSpy { id: closedSpy; target: page; signalName: "closed" }

    TestCase {
        name: "AccountsPage"
        when: windowShown

        readonly property string alice: "@alice:example.org"
        readonly property string bob: "@bob:example.org"

        function child(item, name) {
            const found = findChild(item, name)
            verify(found, "item " + name)
            return found
        }
        function signIn(services, userId) {
            TestBackend.script("/_matrix/client/versions", [{ status: 200, body: '{"versions":["v1.11"]}' }])
            TestBackend.script("/_matrix/client/v3/account/whoami",
                               [{ status: 200, body: JSON.stringify({ user_id: userId, device_id: "DEV" }) }])
            services.signIn(TestBackend.baseUrl(), "token-of-" + userId)
            tryCompare(services.session, "state", Session.SignedIn, 5000)
        }
        function initTestCase() {
            const accounts = TestBackend.accounts
            signIn(accounts.current, alice)
            accounts.addAccount()
            compare(accounts.count, 2)
            verify(accounts.adding)
            signIn(accounts.current, bob)
            verify(!accounts.adding)
            // Bob has an invite and a joined room; Alice has nothing yet.
            verify(TestBackend.applySyncTo(accounts.current, JSON.stringify({
                rooms: {
                    invite: { "!inv:example.org": { invite_state: { events: [
                        { type: "m.room.name", state_key: "", sender: "@x:example.org", content: { name: "Invite" } },
                        { type: "m.room.member", state_key: bob, sender: "@x:example.org", content: { membership: "invite" } }] } } },
                    join: { "!joined:example.org": { state: { events: [
                        { type: "m.room.member", state_key: bob, sender: bob, content: { membership: "join" } }] } } }
                }
            })))
        }
        function init() {
            switchSpy.clear()
            addSpy.clear()
            signOutSpy.clear()
            closedSpy.clear()
        }

        function test_one_row_per_account_with_counts_and_health() {
            const aliceRow = child(page, "account_" + alice)
            const bobRow = child(page, "account_" + bob)
            compare(child(aliceRow, "accountUserId").text, alice)
            compare(child(aliceRow, "accountUserId").textFormat, Text.PlainText)
            compare(child(bobRow, "accountSummary").text, "1 pending invite · 1 joined · 0 left")
            compare(child(aliceRow, "accountSummary").text, "0 pending invites · 0 joined · 0 left")
            // Signed in; its sync is not running in this test: not yet "Up to date".
            compare(child(bobRow, "accountHealth").text, "○ Connecting…")
            // The account shown says so and cannot be switched to again.
            verify(bobRow.current)
            verify(child(bobRow, "shownLabel").visible)
            verify(!child(bobRow, "switchAccountButton").visible)
            verify(child(aliceRow, "switchAccountButton").visible)
            verify(!child(aliceRow, "shownLabel").visible)
            compare(child(aliceRow, "switchAccountButton").Accessible.name, "Switch to " + alice)
            verify(bobRow.Accessible.description.indexOf("1 pending invite") >= 0, bobRow.Accessible.description)
        }

        // Tab reaches Close, Add account, then each account's buttons; Enter presses them.
        function test_keyboard_switch_and_add() {
            page.activate()
            const close = child(page, "accountsCloseButton")
            verify(close.activeFocus)
            keyClick(Qt.Key_Tab)
            const add = child(page, "addAccountButton")
            verify(add.activeFocus)
            keyClick(Qt.Key_Return)
            compare(addSpy.count, 1)
            const aliceSwitch = child(child(page, "account_" + alice), "switchAccountButton")
            for (let i = 0; i < 6 && !aliceSwitch.activeFocus; ++i)
                keyClick(Qt.Key_Tab)
            verify(aliceSwitch.activeFocus, "Tab reaches Alice's Switch")
            keyClick(Qt.Key_Return)
            compare(switchSpy.count, 1)
            compare(switchSpy.signalArguments[0][0], TestBackend.accounts.indexOf(alice))
            keyClick(Qt.Key_Escape)
            compare(closedSpy.count, 1)
        }

        // Tab through a page that shows less than its rows: each focused button is scrolled into
        // view, down to the last row's and back up with Shift+Tab.
        function test_tab_scrolls_the_focused_button_into_view() {
            const small = createTemporaryObject(shortPage, root)
            verify(small)
            small.activate()
            const flick = child(small, "accountsScroll").contentItem
            verify(flick instanceof Flickable, "the page scrolls a Flickable")
            tryVerify(() => flick.contentHeight > flick.height, 2000, "the rows do not fit")
            function shown(button) {
                const y = button.mapToItem(flick, 0, 0).y
                return y >= 0 && y + button.height <= flick.height
            }
            const rows = [child(small, "account_" + alice), child(small, "account_" + bob)]
            const last = child(rows[1], "signOutAccountButton")
            let seen = 0
            for (let i = 0; i < 8 && !last.activeFocus; ++i) {
                keyClick(Qt.Key_Tab)
                const focused = small.Window.activeFocusItem
                if (focused && (focused.objectName === "switchAccountButton"
                                || focused.objectName === "signOutAccountButton")) {
                    verify(shown(focused), focused.objectName + " is in view")
                    ++seen
                }
            }
            verify(last.activeFocus, "Tab reaches the last row's Sign out")
            verify(seen >= 3)
            verify(flick.contentY > 0, "the list scrolled")
            verify(shown(last))
            const first = child(rows[0], "signOutAccountButton")
            for (let i = 0; i < 8 && !first.activeFocus; ++i)
                keyClick(Qt.Key_Tab, Qt.ShiftModifier)
            verify(first.activeFocus)
            verify(shown(first), "Shift+Tab scrolls back up")
        }

        // Sign out asks first (what is deleted from this computer); only its confirmation emits.
        function test_sign_out_asks_first() {
            const bobRow = child(page, "account_" + bob)
            mouseClick(child(bobRow, "signOutAccountButton"))
            const dialog = child(page, "signOutDialog")
            tryCompare(dialog, "opened", true)
            compare(dialog.userId, bob)
            compare(signOutSpy.count, 0)
            mouseClick(child(dialog.footer, "signOutConfirmButton"))
            compare(signOutSpy.count, 1)
            compare(signOutSpy.signalArguments[0][0], TestBackend.accounts.indexOf(bob))
            compare(signOutSpy.signalArguments[0][1], false)
            tryCompare(dialog, "visible", false)
            // The focus is somewhere a keyboard user can go on from (the row may be gone).
            tryVerify(() => child(page, "accountsCloseButton").activeFocus)
        }
    }
}
