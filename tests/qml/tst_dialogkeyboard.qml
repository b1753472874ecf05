import QtQuick
import QtQuick.Controls
import QtTest
import Concierge.Core
import Concierge.Test
import Concierge.Ui

// Keyboard and screen-reader behaviour every dialog shares (issue 16): Enter/Return presses the
// focused button, focus is drawn by a ring of its own (also when it was given from code), Tab
// reaches every control, warnings are the dialog's description, server errors are alerts.
Item {
    id: root
    width: 900
    height: 700

    LeaveDialog { id: leave }
    ForgetDialog { id: forget }
    SignOutDialog { id: signOut }
    JoinDialog { id: join }
    InviteDialog { id: invite }
    BulkConfirmDialog { id: bulk }
    Main {
        id: mainWindow
        services: TestBackend.services
        visible: false
    }
    Avatar {
        id: avatar
        name: "General"
    }

    SignalSpy { id: leaveSpy; target: leave; signalName: "leaveRequested" }
    SignalSpy { id: forgetSpy; target: forget; signalName: "forgetRequested" }
    SignalSpy { id: signOutSpy; target: signOut; signalName: "signOutRequested" }
    SignalSpy { id: joinSpy; target: join; signalName: "joinRequested" }

    TestCase {
        name: "DialogKeyboard"
        when: windowShown

        function child(item, name) {
            const found = findChild(item, name)
            verify(found, "item " + name)
            return found
        }
        function button(dialog, name) {
            return child(dialog.footer, name)
        }
        function focused() {
            return root.Window.activeFocusItem
        }
        function openDialog(dialog, open) {
            open()
            tryCompare(dialog, "opened", true)
        }
        function closeDialog(dialog) {
            dialog.close()
            tryCompare(dialog, "visible", false)
        }
        // The controls a Tab can stop at under item: visible, enabled, activeFocusOnTab.
        function tabStops(item, out) {
            if (!item.visible || !item.enabled)
                return out
            if (item.activeFocusOnTab)
                out.push(item)
            for (let i = 0; i < item.children.length; ++i)
                tabStops(item.children[i], out)
            return out
        }
        function describe(item) {
            return item ? (item.objectName || item.text || String(item)) : "nothing"
        }
        // Tab from the control with focus round the dialog: every stop gets focus exactly once
        // per round, and the round ends where it began.
        function checkTabRound(dialog) {
            const popupItem = dialog.contentItem.parent
            const stops = tabStops(popupItem, [])
            verify(stops.length >= 2, "tab stops of " + dialog.objectName)
            // A list passes its focus on to its current row: the row stands for the list.
            const stopOf = item => {
                for (let p = item; p; p = p.parent)
                    if (stops.indexOf(p) >= 0)
                        return p
                return item
            }
            const start = stopOf(focused())
            verify(stops.indexOf(start) >= 0, "focus starts on a tab stop: " + describe(start))
            const seen = []
            for (let i = 0; i < stops.length; ++i) {
                keyClick(Qt.Key_Tab)
                const item = stopOf(focused())
                verify(stops.indexOf(item) >= 0, "Tab lands on a control of the dialog: " + describe(item))
                verify(seen.indexOf(item) < 0, describe(item) + " reached twice in one round; stops: "
                       + stops.map(describe) + "; reached: " + seen.map(describe))
                seen.push(item)
            }
            compare(stopOf(focused()), start, "the round ends where it began")
            for (const stop of stops)
                verify(seen.indexOf(stop) >= 0, "Tab reaches " + describe(stop))
        }

        function cleanup() {
            for (const d of [leave, forget, signOut, join, invite, bulk])
                closeDialog(d)
            leaveSpy.clear()
            forgetSpy.clear()
            signOutSpy.clear()
            joinSpy.clear()
        }

        // Item 7: Enter and Return press the focused push button, in every dialog.
        function test_return_presses_the_focused_button() {
            openDialog(leave, () => leave.openFor("!a:example.org", "Alpha"))
            button(leave, "leaveCancelButton").forceActiveFocus(Qt.TabFocusReason)
            keyClick(Qt.Key_Return)
            tryCompare(leave, "visible", false)
            compare(leaveSpy.count, 0)

            openDialog(leave, () => leave.openFor("!a:example.org", "Alpha"))
            button(leave, "leaveConfirmButton").forceActiveFocus(Qt.TabFocusReason)
            keyClick(Qt.Key_Enter) // the keypad's Enter
            compare(leaveSpy.count, 1)
            compare(leaveSpy.signalArguments[0][0], "!a:example.org")
            tryCompare(leave, "visible", false)

            openDialog(forget, () => forget.openFor("!b:example.org", "Beta"))
            button(forget, "forgetConfirmButton").forceActiveFocus(Qt.TabFocusReason)
            keyClick(Qt.Key_Return)
            compare(forgetSpy.count, 1)
            tryCompare(forget, "visible", false)

            openDialog(join, () => join.openWith("#room:example.org", false))
            button(join, "joinCancelButton").forceActiveFocus(Qt.TabFocusReason)
            keyClick(Qt.Key_Return)
            tryCompare(join, "visible", false)
            compare(joinSpy.count, 0)

            openDialog(join, () => join.openWith("#room:example.org", false))
            button(join, "joinConfirmButton").forceActiveFocus(Qt.TabFocusReason)
            keyClick(Qt.Key_Return)
            compare(joinSpy.count, 1)
            compare(joinSpy.signalArguments[0][0], "#room:example.org")
        }

        // Item 1: Forget opens with focus on Cancel, given from code: the ring shows it, around
        // Cancel and not around the highlighted Forget; Tab moves the ring.
        function test_focus_ring_shows_focus_given_from_code() {
            openDialog(forget, () => forget.openFor("!b:example.org", "Beta"))
            const cancel = button(forget, "forgetCancelButton")
            const confirm = button(forget, "forgetConfirmButton")
            tryVerify(() => cancel.activeFocus)
            verify(!cancel.visualFocus, "focus came from code (no visualFocus): the ring must not rely on it")
            verify(confirm.highlighted)
            const ring = child(forget.footer, "focusRing")
            verify(ring.visible)
            const around = (item) => {
                const p = item.mapToItem(ring.parent, 0, 0)
                return ring.x < p.x && ring.y < p.y && ring.x + ring.width > p.x + item.width
                       && ring.y + ring.height > p.y + item.height
            }
            verify(around(cancel), "the ring is around Cancel")
            verify(!around(confirm), "the ring is not around Forget")
            keyClick(Qt.Key_Tab)
            verify(confirm.activeFocus)
            verify(around(confirm), "the ring follows focus to Forget")
            verify(!around(cancel))
            // Drawn in the focus colour, not in the highlighted button's fill.
            verify(ring.border.width >= 2)
            verify(Qt.colorEqual(ring.border.color, Theme.focusFrame))
        }

        // Item 2: Tab reaches every control of each dialog exactly once per round.
        function test_tab_reaches_every_control() {
            openDialog(leave, () => leave.openFor("!a:example.org", "Alpha"))
            tryVerify(() => child(leave.contentItem, "leaveReasonField").activeFocus)
            checkTabRound(leave)
            closeDialog(leave)

            openDialog(forget, () => forget.openFor("!b:example.org", "Beta"))
            tryVerify(() => button(forget, "forgetCancelButton").activeFocus)
            checkTabRound(forget)
            closeDialog(forget)

            openDialog(signOut, () => signOut.openFor("@me:example.org"))
            tryVerify(() => button(signOut, "signOutCancelButton").activeFocus)
            checkTabRound(signOut)
            closeDialog(signOut)

            openDialog(join, () => join.openWith("#room:example.org", false))
            tryVerify(() => child(join.contentItem, "joinAddressField").activeFocus)
            checkTabRound(join)
            closeDialog(join)

            openDialog(invite, () => invite.openFor("!a:example.org", "Alpha"))
            tryVerify(() => child(invite.contentItem, "inviteSearchField").activeFocus)
            checkTabRound(invite)
            closeDialog(invite)

            openDialog(bulk, () => bulk.openFor("leave", ["!a:example.org", "!b:example.org"], ["Alpha", "Beta"], 12))
            tryVerify(() => button(bulk, "bulkCancelButton").activeFocus)
            checkTabRound(bulk)
            closeDialog(bulk)
            openDialog(bulk, () => bulk.openFor("invite", ["!a:example.org"], ["Alpha"], 2))
            checkTabRound(bulk)
        }

        // Item 8: the warnings of Leave and Forget are the dialogs' descriptions, read even when
        // focus opens on a button.
        function test_warning_is_the_dialog_description() {
            openDialog(forget, () => forget.openFor("!b:example.org", "Beta"))
            const forgetText = child(forget.contentItem, "forgetExplanation").text
            verify(forgetText.indexOf("cannot be undone") >= 0)
            compare(forget.contentItem.parent.Accessible.description, forgetText)

            openDialog(leave, () => leave.openFor("!a:example.org", "Alpha"))
            const leaveText = child(leave.contentItem, "leaveExplanation").text
            verify(leaveText !== "")
            compare(leave.contentItem.parent.Accessible.description, leaveText)
        }

        // Item 3: server errors in the join and invite dialogs are alerts (a Text keeps the role).
        function test_server_errors_are_alerts() {
            openDialog(join, () => join.openWith("#room:example.org", false))
            join.serverError = "Forbidden"
            const joinError = child(join.contentItem, "joinServerError")
            verify(joinError.visible)
            compare(joinError.Accessible.role, Accessible.AlertMessage)
            compare(joinError.Accessible.name, "Forbidden")
            compare(joinError.textFormat, Text.PlainText)
            // A hint is not an alert.
            compare(child(join.contentItem, "joinViaError").Accessible.role, Accessible.StaticText)

            openDialog(invite, () => invite.openFor("!a:example.org", "Alpha"))
            invite.serverError = "<b>Blocked</b>"
            const inviteError = child(invite.contentItem, "inviteServerError")
            verify(inviteError.visible)
            compare(inviteError.Accessible.role, Accessible.AlertMessage)
            compare(inviteError.Accessible.name, "<b>Blocked</b>")
            compare(inviteError.textFormat, Text.PlainText)
        }

        // Item 8: an avatar's initials are not read as a label ("G"); the avatar is named by its room.
        function test_avatar_initials_are_not_labels() {
            const initials = child(avatar, "avatarInitials")
            compare(initials.text, "G")
            compare(initials.Accessible.ignored, true)
            compare(avatar.Accessible.name, "General")
            compare(avatar.Accessible.role, Accessible.Graphic)
        }
    

        // Item 10: the title does not repeat the application's name: the platform appends the
        // display name ("@alice:localhost — Concierge"), so the title is the account alone, and
        // the display name itself when signed out (which the platform leaves as it is).
        function test_window_title_names_the_app_once() {
            compare(mainWindow.titleFor("@alice:localhost", "Concierge"), "@alice:localhost")
            compare(mainWindow.titleFor("", "Concierge"), "Concierge")
            compare(mainWindow.titleFor("", ""), "Concierge")
            compare(TestBackend.services.session.state, Session.SignedOut)
            compare(mainWindow.title, Qt.application.displayName)
            verify(mainWindow.title.indexOf(" — ") < 0, mainWindow.title)
        }
    }
}
