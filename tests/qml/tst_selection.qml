import QtQuick
import QtQuick.Controls
import QtTest
import Concierge.Core
import Concierge.Test
import Concierge.Ui

// Selecting rooms in the room list for bulk actions, by mouse and keyboard, with the real
// services (rooms from /sync JSON, the real RoomSelection): Ctrl+click, Shift+click, the row's
// check box, Space, Shift+arrows, Ctrl+A (what the filter shows), Escape; rows that re-sort keep
// their selection; the selection bar offers only the actions that apply.
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
        id: test
        name: "Selection"
        when: windowShown

        readonly property RoomSelection selection: TestBackend.services.selection

        function roomId(name) {
            return "!" + name + ":example.org"
        }
        function nameEvent(name) {
            return { type: "m.room.name", state_key: "", content: { name: name } }
        }
        function sync(rooms) {
            verify(TestBackend.applySync(JSON.stringify({ rooms: rooms })))
        }
        // Invites i1, i2; joined j01…j08 ("Joined room 01"…); left l1.
        function loadRooms() {
            const rooms = { invite: {}, join: {}, leave: {} }
            for (const id of ["i1", "i2"])
                rooms.invite[roomId(id)] = { invite_state: { events: [nameEvent("Invite " + id), {
                    type: "m.room.member", state_key: TestBackend.userId, sender: "@bob:example.org",
                    content: { membership: "invite" } }] } }
            for (let i = 1; i <= 8; ++i)
                rooms.join[roomId("j0" + i)] = { state: { events: [nameEvent("Joined room 0" + i)] } }
            rooms.leave[roomId("l1")] = { state: { events: [nameEvent("Old room")] } }
            sync(rooms)
            tryCompare(list(), "count", 11)
        }

        function list() {
            const found = findChild(page, "roomList")
            verify(found, "roomList")
            return found
        }
        function child(item, name) {
            const found = findChild(item, name)
            verify(found, "item " + name)
            return found
        }
        function rowIndex(id) {
            const rooms = TestBackend.services.rooms
            for (let i = 0; i < rooms.count; ++i)
                if (rooms.get(i).roomId === roomId(id))
                    return i
            fail("no row for " + id)
            return -1
        }
        function rowOf(id) {
            const i = rowIndex(id)
            list().positionViewAtIndex(i, ListView.Contain)
            const item = list().itemAtIndex(i)
            verify(item, "row of " + id)
            return item
        }
        // Clicks a row on its name (not on a button), with modifiers.
        function clickRow(id, modifiers) {
            const row = rowOf(id)
            const name = child(row, "roomName")
            const p = name.mapToItem(row, 4, name.height / 2)
            mouseClick(row, p.x, p.y, Qt.LeftButton, modifiers)
        }
        function selectedIds() {
            return selection.roomIds.slice().sort()
        }
        function ids(names) {
            return names.map(n => roomId(n)).sort()
        }
        function bar() {
            return child(page, "selectionBar")
        }
        // The selection bar's buttons that are shown, by objectName.
        function shownActions() {
            const names = ["bulkLeaveButton", "bulkLeaveForgetButton", "bulkForgetButton", "bulkAcceptButton",
                           "bulkDeclineButton", "bulkInviteButton", "bulkInviteManyButton", "bulkClearButton"]
            return names.filter(n => child(bar(), n).visible)
        }

        function initTestCase() {
            TestBackend.connectToServer()
        }
        function init() {
            TestBackend.reset()
            tryCompare(list(), "count", 0)
            loadRooms()
            list().currentIndex = -1
            compare(selection.count, 0)
        }

        function test_ctrl_click_toggles_and_plain_click_keeps_the_selection() {
            clickRow("j02", Qt.ControlModifier)
            clickRow("j05", Qt.ControlModifier)
            compare(selectedIds(), ids(["j02", "j05"]))
            verify(rowOf("j02").selected)
            verify(!rowOf("j03").selected)
            // Again: unselected.
            clickRow("j02", Qt.ControlModifier)
            compare(selectedIds(), ids(["j05"]))
            verify(!rowOf("j02").selected)
            // A plain click makes the row current, nothing more.
            clickRow("j07", Qt.NoModifier)
            compare(list().currentIndex, rowIndex("j07"))
            compare(selectedIds(), ids(["j05"]))
        }

        function test_shift_click_selects_a_range_from_the_anchor() {
            clickRow("j02", Qt.ControlModifier)
            clickRow("j05", Qt.ShiftModifier)
            compare(selectedIds(), ids(["j02", "j03", "j04", "j05"]))
            for (const n of ["j02", "j03", "j04", "j05"])
                verify(rowOf(n).selected, n)
            verify(!rowOf("j06").selected)
        }

        function test_check_box_toggles() {
            mouseClick(child(rowOf("l1"), "selectBox"))
            compare(selectedIds(), ids(["l1"]))
            verify(child(rowOf("l1"), "selectBox").checked)
            mouseClick(child(rowOf("l1"), "selectBox"))
            compare(selection.count, 0)
            verify(!child(rowOf("l1"), "selectBox").checked)
        }

        function test_keyboard_space_shift_arrows_ctrl_a_escape() {
            const view = list()
            view.forceActiveFocus()
            view.currentIndex = rowIndex("j01")
            keyClick(Qt.Key_Space)
            compare(selectedIds(), ids(["j01"]))
            keyClick(Qt.Key_Down)
            keyClick(Qt.Key_Down)
            keyClick(Qt.Key_Space)
            compare(selectedIds(), ids(["j01", "j03"]))
            // Space again: off.
            keyClick(Qt.Key_Space)
            compare(selectedIds(), ids(["j01"]))
            // Shift+Down extends from the anchor (j03, the last row toggled).
            keyClick(Qt.Key_Down, Qt.ShiftModifier)
            compare(view.currentIndex, rowIndex("j04"))
            compare(selectedIds(), ids(["j01", "j03", "j04"]))
            // Escape clears.
            keyClick(Qt.Key_Escape)
            compare(selection.count, 0)
            // Ctrl+Shift+A is not Ctrl+A (the window opens the accounts overview with it).
            keyClick(Qt.Key_A, Qt.ControlModifier | Qt.ShiftModifier)
            compare(selection.count, 0)
            // Ctrl+A: every row the filter shows; Space takes the current one out again.
            keyClick(Qt.Key_A, Qt.ControlModifier)
            compare(selection.count, 11)
            keyClick(Qt.Key_Space)
            compare(selection.count, 10)
            keyClick(Qt.Key_Space)
            compare(selection.count, 11)
            keyClick(Qt.Key_Escape)
            compare(selection.count, 0)
        }

        function test_ctrl_a_selects_what_the_filter_shows_and_hidden_ones_are_counted() {
            TestBackend.services.rooms.filterText = "joined room 0"
            tryCompare(list(), "count", 8)
            list().forceActiveFocus()
            keyClick(Qt.Key_A, Qt.ControlModifier)
            compare(selection.count, 8)
            compare(selection.joinedCount, 8)
            compare(selection.hiddenCount, 0)
            TestBackend.services.rooms.filterText = "joined room 01"
            tryCompare(selection, "hiddenCount", 7)
            const count = child(bar(), "selectionCount")
            compare(count.text, "8 selected · 7 hidden by the filter")
            compare(count.Accessible.name, "8 rooms selected")
            TestBackend.services.rooms.filterText = ""
        }

        function test_escape_in_the_filter_clears_the_filter_first() {
            clickRow("j02", Qt.ControlModifier)
            const field = child(page, "filterField")
            mouseClick(field)
            tryVerify(() => field.activeFocus)
            keyClick("x")
            compare(TestBackend.services.rooms.filterText, "x")
            keyClick(Qt.Key_Escape)
            compare(TestBackend.services.rooms.filterText, "")
            verify(list().activeFocus)
            compare(selection.count, 1) // kept by the first Escape
            keyClick(Qt.Key_Escape)
            compare(selection.count, 0)
        }

        function test_selection_is_kept_when_rows_resort() {
            clickRow("j02", Qt.ControlModifier)
            clickRow("j03", Qt.ControlModifier)
            const before = rowIndex("j03")
            // j03 is renamed so that it sorts first among the joined rooms.
            const rooms = { join: {} }
            rooms.join[roomId("j03")] = { state: { events: [nameEvent("AAA first now")] } }
            sync(rooms)
            tryVerify(() => rowIndex("j03") !== before)
            compare(selectedIds(), ids(["j02", "j03"]))
            verify(rowOf("j03").selected)
            verify(rowOf("j02").selected)
            // Every row shows its own room's selection (none took over another's).
            const view = list()
            let checked = 0
            for (let i = 0; i < view.count; ++i) {
                const item = view.itemAtIndex(i)
                if (!item)
                    continue
                compare(item.selected, selection.isSelected(item.roomId), item.roomId)
                ++checked
            }
            verify(checked >= 5)
            verify(!rowOf("j01").selected)
            verify(!rowOf("j04").selected)
        }

        function test_selected_rows_are_shown_and_announced() {
            clickRow("j04", Qt.ControlModifier)
            const row = rowOf("j04")
            verify(row.Accessible.name.indexOf("selected") >= 0, row.Accessible.name)
            verify(child(row, "selectedMark").visible)
            verify(Qt.colorEqual(child(row, "rowBackground").color, Theme.selectionBackground))
            // Keyboard focus is a frame, not the selection's tint.
            const other = rowOf("j05")
            list().forceActiveFocus()
            list().currentIndex = other.index
            verify(other.highlighted)
            verify(!other.selected)
            compare(child(other, "rowBackground").border.width, 2)
            verify(!Qt.colorEqual(child(other, "rowBackground").color, Theme.selectionBackground))
            compare(list().Accessible.description, "1 room selected")
        }

        function test_the_bar_offers_only_what_applies() {
            verify(!bar().visible)
            clickRow("j01", Qt.ControlModifier)
            verify(bar().visible)
            compare(shownActions(), ["bulkLeaveButton", "bulkLeaveForgetButton", "bulkInviteButton",
                                     "bulkInviteManyButton", "bulkClearButton"])
            clickRow("j02", Qt.ControlModifier)
            // Invite many is for one room.
            compare(shownActions(), ["bulkLeaveButton", "bulkLeaveForgetButton", "bulkInviteButton",
                                     "bulkClearButton"])
            clickRow("j01", Qt.ControlModifier)
            clickRow("j02", Qt.ControlModifier)
            clickRow("i1", Qt.ControlModifier)
            compare(shownActions(), ["bulkAcceptButton", "bulkDeclineButton", "bulkClearButton"])
            clickRow("l1", Qt.ControlModifier)
            compare(shownActions(), ["bulkForgetButton", "bulkAcceptButton", "bulkDeclineButton", "bulkClearButton"])
            compare(child(bar(), "selectionCount").text, "2 selected")
            mouseClick(child(bar(), "bulkClearButton"))
            compare(selection.count, 0)
            verify(!bar().visible)
        }

        function test_the_bar_is_reached_with_tab() {
            clickRow("j01", Qt.ControlModifier)
            verify(list().activeFocus)
            // The natural focus chain: after the list come the Left section's Hide (when its
            // header row exists), then the bar.
            const leave = child(bar(), "bulkLeaveButton")
            for (let i = 0; i < 3 && !leave.activeFocus; ++i)
                keyClick(Qt.Key_Tab)
            verify(leave.activeFocus)
            keyClick(Qt.Key_Space)
            const dialog = child(page, "bulkConfirmDialog")
            tryCompare(dialog, "opened", true)
            dialog.close()
            tryCompare(dialog, "visible", false)
        }

        function test_filter_documents_its_terms() {
            const field = child(page, "filterField")
            for (const term of ["is:invite", "is:joined", "is:left", "server:", "from:"])
                verify(field.ToolTip.text.indexOf(term) >= 0, term)
            verify(field.placeholderText.indexOf("is:invite") >= 0)
            const error = child(page, "filterError")
            compare(error.Accessible.role, Accessible.AlertMessage)
            compare(error.textFormat, Text.PlainText)
        }
    }
}
