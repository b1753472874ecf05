import QtQuick
import QtQuick.Controls
import QtTest
import Concierge.Core
import Concierge.Test
import Concierge.Ui

// A room's membership history in the UI: the left room's row says why it is left, its History
// button (or Ctrl+H) opens the dialog listing every change with its date and time, as plain text,
// reachable by keyboard; Escape closes it; a room with nothing saved says so.
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
        name: "HistoryDialog"
        when: windowShown

        readonly property string kicked: "!kicked:example.org"
        readonly property string joined: "!joined:example.org"
        readonly property string quiet: "!quiet:example.org"
        readonly property double joinedAt: new Date(2026, 2, 1, 9, 30).getTime()
        readonly property double kickedAt: new Date(2026, 2, 2, 17, 5).getTime()

        function nameEvent(name) {
            return { type: "m.room.name", state_key: "", content: { name: name } }
        }
        function sync(rooms) {
            verify(TestBackend.applySync(JSON.stringify({ rooms: rooms })))
        }
        function list() {
            return child(page, "roomList")
        }
        function child(item, name) {
            const found = findChild(item, name)
            verify(found, "item " + name)
            return found
        }
        function dialog() {
            return child(page, "historyDialog")
        }
        function rowOf(id) {
            const view = list()
            const rooms = TestBackend.services.rooms
            for (let i = 0; i < rooms.count; ++i) {
                if (rooms.get(i).roomId === id) {
                    view.positionViewAtIndex(i, ListView.Contain)
                    const item = view.itemAtIndex(i)
                    verify(item, "row of " + id)
                    return item
                }
            }
            fail("no row for " + id)
            return null
        }
        // The dialog's rows, top to bottom, as their sentences.
        function shownTexts() {
            const entries = child(dialog().contentItem, "historyList")
            const texts = []
            for (let i = 0; i < entries.count; ++i) {
                entries.positionViewAtIndex(i, ListView.Contain)
                tryVerify(() => entries.itemAtIndex(i) !== null, 1000, "history row " + i)
                const entry = entries.itemAtIndex(i)
                texts.push(child(entry, "historyText").text)
            }
            return texts
        }
        function openHistoryOf(id) {
            mouseClick(child(rowOf(id), "historyButton"))
            tryCompare(dialog(), "opened", true)
        }

        function initTestCase() {
            TestBackend.connectToServer()
        }
        function init() {
            TestBackend.reset()
            const rooms = { join: {}, leave: {} }
            rooms.join[joined] = { state: { events: [nameEvent("Still here")] } }
            rooms.leave[kicked] = { state: { events: [nameEvent("Moderated <b>room</b>")] } }
            rooms.leave[quiet] = { state: { events: [nameEvent("Quiet one")] } }
            sync(rooms)
            tryCompare(list(), "count", 3)
            TestBackend.addHistory(kicked, [
                { ts: joinedAt, membership: Membership.Join, sender: TestBackend.userId, eventId: "$j" },
                { ts: kickedAt, membership: Membership.Leave, sender: "@mod:example.org",
                  reason: "spam <img src=x>", eventId: "$k" }])
            TestBackend.addHistory(joined, [
                { ts: joinedAt, membership: Membership.Invite, sender: "@bob:example.org", eventId: "$i" },
                { ts: kickedAt, membership: Membership.Join, sender: TestBackend.userId, eventId: "$j2" }])
        }
        function cleanup() {
            dialog().close()
            tryCompare(dialog(), "visible", false)
        }

        // The left room's row says why it is left, as plain text, in its accessible name and
        // tooltip too; a joined room's row does not repeat its history.
        function test_left_row_says_why() {
            const row = rowOf(kicked)
            const summary = child(row, "roomHistorySummary")
            tryCompare(summary, "text", "Kicked by @mod:example.org: spam <img src=x>")
            verify(summary.visible)
            compare(summary.textFormat, Text.PlainText)
            verify(row.Accessible.name.indexOf("Kicked by @mod:example.org") >= 0, row.Accessible.name)
            const tip = child(row, "toolTipSummary")
            compare(tip.text, summary.text)
            compare(tip.textFormat, Text.PlainText)
            verify(!child(rowOf(joined), "roomHistorySummary").visible)
            // No history saved: no line.
            verify(!child(rowOf(quiet), "roomHistorySummary").visible)
        }

        // A change arriving from a later sync updates the row.
        function test_row_follows_new_history() {
            const summary = child(rowOf(kicked), "roomHistorySummary")
            tryCompare(summary, "text", "Kicked by @mod:example.org: spam <img src=x>")
            TestBackend.addHistory(kicked, [{ ts: kickedAt + 1000, membership: Membership.Ban,
                                              sender: "@mod:example.org", reason: "again", eventId: "$b" }])
            tryCompare(summary, "text", "Banned by @mod:example.org: again")
        }

        // The History button opens the dialog: every change oldest first with its local date and
        // time, the server's text shown literally.
        function test_history_of_a_left_room() {
            openHistoryOf(kicked)
            const d = dialog()
            compare(d.header.objectName, "historyDialogTitle")
            compare(d.header.text, "History of Moderated <b>room</b>")
            compare(d.header.textFormat, Text.PlainText)
            compare(TestBackend.services.history.roomId, kicked)
            compare(shownTexts(), ["You joined", "Kicked by @mod:example.org: spam <img src=x>"])
            const entries = child(d.contentItem, "historyList")
            const last = entries.itemAtIndex(1)
            compare(child(last, "historyText").textFormat, Text.PlainText)
            compare(child(last, "historyTime").text,
                    new Date(kickedAt).toLocaleString(Qt.locale(), Locale.ShortFormat))
            compare(child(entries.itemAtIndex(0), "historyTime").text,
                    new Date(joinedAt).toLocaleString(Qt.locale(), Locale.ShortFormat))
            verify(last.Accessible.name.indexOf("Kicked by @mod:example.org") === 0, last.Accessible.name)
            verify(last.Accessible.name.indexOf(child(last, "historyTime").text) > 0, last.Accessible.name)
            // A kick is marked as an error; our own join is not.
            verify(Qt.colorEqual(child(last, "historyMarker").color, Theme.errorText))
            verify(Qt.colorEqual(child(entries.itemAtIndex(0), "historyMarker").color, Theme.okColor))
            verify(!child(d.contentItem, "historyEmpty").visible)
        }

        // Keyboard: the list has the focus on the latest change, arrows move, Tab reaches Close,
        // Escape closes.
        function test_keyboard() {
            openHistoryOf(joined)
            const d = dialog()
            const entries = child(d.contentItem, "historyList")
            compare(shownTexts(), ["Invited by @bob:example.org", "You joined"])
            tryVerify(() => entries.activeFocus)
            compare(entries.currentIndex, 1)
            tryVerify(() => entries.itemAtIndex(1).highlighted, 1000, "the current change is shown as such")
            keyClick(Qt.Key_Up)
            compare(entries.currentIndex, 0)
            verify(entries.itemAtIndex(0).highlighted)
            keyClick(Qt.Key_Tab)
            const close = child(d.footer, "historyCloseButton")
            tryVerify(() => close.activeFocus)
            keyClick(Qt.Key_Tab)
            tryVerify(() => entries.activeFocus)
            keyClick(Qt.Key_Escape)
            tryCompare(d, "visible", false)
        }

        // Ctrl+H opens the history of the current row; Close closes.
        function test_shortcut_and_close() {
            const view = list()
            const rooms = TestBackend.services.rooms
            view.currentIndex = -1 // (the list was emptied and filled again by init())
            for (let i = 0; i < rooms.count; ++i)
                if (rooms.get(i).roomId === kicked)
                    view.currentIndex = i
            verify(view.currentItem)
            view.forceActiveFocus()
            // Shortcuts work in the active window only.
            root.Window.window.requestActivate()
            tryVerify(() => root.Window.window.active)
            keySequence("Ctrl+H")
            tryCompare(dialog(), "opened", true)
            compare(dialog().roomId, kicked)
            compare(shownTexts().length, 2)
            const close = child(dialog().footer, "historyCloseButton")
            mouseClick(close)
            tryCompare(dialog(), "visible", false)
        }

        // Nothing saved for a room: the dialog says so, and Close has the focus.
        function test_empty_state() {
            openHistoryOf(quiet)
            const d = dialog()
            const empty = child(d.contentItem, "historyEmpty")
            verify(empty.visible)
            compare(child(empty, "historyEmptyText").text, "No history saved for this room yet")
            verify(!child(d.contentItem, "historyList").visible)
            tryVerify(() => child(d.footer, "historyCloseButton").activeFocus)
            keyClick(Qt.Key_Escape)
            tryCompare(d, "visible", false)
        }

        // Opened on one room, then another: only that room's changes; new ones show while open.
        function test_rooms_apart_and_live() {
            openHistoryOf(joined)
            compare(shownTexts(), ["Invited by @bob:example.org", "You joined"])
            TestBackend.addHistory(joined, [{ ts: kickedAt + 5000, membership: Membership.Leave,
                                              sender: TestBackend.userId, reason: "", eventId: "$l" }])
            tryCompare(child(dialog().contentItem, "historyList"), "count", 3)
            compare(shownTexts()[2], "You left")
            dialog().close()
            tryCompare(dialog(), "visible", false)
            openHistoryOf(kicked)
            compare(shownTexts(), ["You joined", "Kicked by @mod:example.org: spam <img src=x>"])
        }
    }
}
