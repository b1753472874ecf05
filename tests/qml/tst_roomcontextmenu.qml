import QtQuick
import QtQuick.Controls
import QtTest
import Concierge.Core
import Concierge.Test
import Concierge.Ui

// Issue 16, items 4 and 6: a room's actions from the keyboard (Menu, Shift+F10) and the mouse
// (right-click) in a context menu, with the real services (rooms from /sync JSON in the real
// RoomStore, actions through the real MembershipService to the fake homeserver, tst_qml.cpp);
// after an action moves or removes the room, the current row stays on it or the move is
// announced.
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
        name: "RoomContextMenu"
        when: windowShown

        function roomId(name) {
            return "!" + name + ":example.org"
        }
        // A room ID as one path segment, the way the client sends it.
        function enc(id) {
            return encodeURIComponent(id).replace(/!/g, "%21")
        }
        function roomPath(id) {
            return "/_matrix/client/v3/rooms/" + enc(roomId(id))
        }
        function joinPath(id) {
            return "/_matrix/client/v3/join/" + enc(roomId(id))
        }
        function nameEvent(name) {
            return { type: "m.room.name", state_key: "", content: { name: name } }
        }
        function sync(rooms) {
            verify(TestBackend.applySync(JSON.stringify({ rooms: rooms })))
        }
        function moveTo(section, id, name) {
            const rooms = {}
            rooms[section] = {}
            rooms[section][roomId(id)] = { state: { events: [nameEvent(name)] } }
            sync(rooms)
        }
        // Invites i1 "Alpha invitation"; joined j1…j5 "Joined room 1"…; left l1 "Old one",
        // l2 "Old two".
        function loadRooms() {
            const rooms = { invite: {}, join: {}, leave: {} }
            rooms.invite[roomId("i1")] = { invite_state: { events: [nameEvent("Alpha invitation"), {
                type: "m.room.member", state_key: TestBackend.userId, sender: "@bob:example.org",
                content: { membership: "invite" } }] } }
            for (let i = 1; i <= 5; ++i)
                rooms.join[roomId("j" + i)] = { state: { events: [nameEvent("Joined room " + i)] } }
            rooms.leave[roomId("l1")] = { state: { events: [nameEvent("Old one")] } }
            rooms.leave[roomId("l2")] = { state: { events: [nameEvent("Old two")] } }
            sync(rooms)
            tryCompare(list(), "count", 8)
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
        function dialog(name) {
            const found = findChild(page, name)
            verify(found, "dialog " + name)
            return found
        }
        // The page builds a dialog when it is first opened: one never built is not shown.
        function shown(name) {
            const found = findChild(page, name)
            return found !== null && found.visible
        }
        function menu() {
            return dialog("roomContextMenu")
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
        // The list has the keyboard focus, its current row the room's.
        function focusRow(id) {
            const view = list()
            view.forceActiveFocus(Qt.TabFocusReason)
            view.currentIndex = rowIndex(id)
            compare(view.currentItem.roomId, roomId(id))
            verify(view.activeFocus)
        }
        function menuItem(name) {
            const m = menu()
            for (let i = 0; i < m.count; ++i) {
                const item = m.itemAt(i)
                if (item && item.objectName === name)
                    return item
            }
            fail("no menu item " + name)
            return null
        }
        // The menu's items that apply (shown, enabled), as their visible texts, in order.
        function shownItems() {
            const m = menu()
            const texts = []
            for (let i = 0; i < m.count; ++i) {
                const item = m.itemAt(i)
                if (item.visible && item.enabled && item.height > 0)
                    texts.push(item.Accessible.name)
            }
            return texts
        }
        function openWithKey(key, modifiers) {
            keyClick(key, modifiers === undefined ? Qt.NoModifier : modifiers)
            tryCompare(menu(), "opened", true)
        }
        function closeMenu() {
            const m = findChild(page, "roomContextMenu")
            if (m && m.visible) {
                m.close()
                tryCompare(m, "visible", false)
            }
        }
        // The error a room's row shows (built only while it has one), or null.
        function shownError(id) {
            const error = findChild(rowOf(id), "roomError")
            return error !== null && error.visible ? error : null
        }
        // What the status line (an alert) says now.
        function announcement() {
            const text = findChild(page, "announcement")
            return text && text.visible ? text.Accessible.name : ""
        }

        function initTestCase() {
            TestBackend.connectToServer()
        }
        function init() {
            TestBackend.reset()
            tryCompare(list(), "count", 0)
            loadRooms()
            list().currentIndex = -1
            page.announcement = ""
        }
        function cleanup() {
            closeMenu()
            for (const name of ["leaveDialog", "inviteDialog", "forgetDialog", "historyDialog"]) {
                const d = findChild(page, name)
                if (d) {
                    d.close()
                    tryCompare(d, "visible", false)
                }
            }
        }

        // Item 4: Menu opens the current row's menu with the actions of its membership, each
        // named as shown, the first one current; Esc closes it and the focus is back on the row.
        function test_menu_key_lists_the_actions_of_each_membership_data() {
            return [
                { tag: "invite", room: "i1", items: ["Accept", "Decline", "Preview…", "History", "Select"] },
                { tag: "joined", room: "j3", items: ["Invite…", "Leave…", "Members…", "History", "Select"] },
                { tag: "left", room: "l2", items: ["Rejoin", "Forget…", "History", "Select"] },
            ]
        }
        function test_menu_key_lists_the_actions_of_each_membership(data) {
            focusRow(data.room)
            openWithKey(Qt.Key_Menu)
            const m = menu()
            compare(m.roomId, roomId(data.room))
            compare(shownItems(), data.items)
            // Every item: an accessible name equal to its visible text (no mnemonic marker), and
            // a hint that is said as its description.
            for (let i = 0; i < m.count; ++i) {
                const item = m.itemAt(i)
                verify(item.Accessible.name !== "", "item " + item.objectName + " has a name")
                compare(item.Accessible.name, item.text.replace(/&/g, ""))
                const hint = findChild(item, item.objectName + "Hint")
                if (hint && hint.text !== "")
                    compare(item.Accessible.description, "Shortcut: " + hint.text)
            }
            // The menu itself is named for its room.
            compare(m.contentItem.parent.Accessible.name, "Actions for " + list().currentItem.title)
            // The style's scroll indicator (no role, no name over AT-SPI) is left out of the tree.
            const indicator = m.contentItem.ScrollIndicator.vertical
            verify(indicator, "the style's menu has a scroll indicator")
            verify(indicator.Accessible.ignored)
            // Opened from the keyboard: the first action is current and has the focus.
            verify(m.currentIndex >= 0)
            const first = m.itemAt(m.currentIndex)
            compare(first.Accessible.name, data.items[0])
            tryVerify(() => first.activeFocus, 2000, "the first item has the focus")
            // At the row: its top is just under the row's top edge, inside the window.
            const row = list().currentItem
            const rowTop = row.mapToItem(m.parent, 0, 0).y
            verify(m.y >= rowTop && m.y <= rowTop + row.height + 2, "menu at " + m.y + ", row at " + rowTop)

            keyClick(Qt.Key_Escape)
            tryCompare(m, "visible", false)
            verify(list().activeFocus, "the list has the focus again")
            compare(list().currentItem.roomId, roomId(data.room))
            verify(list().currentItem.highlighted)
            // Nothing was asked of the server.
            compare(TestBackend.requestCount("/_matrix/client/v3/rooms/"), 0)
            compare(TestBackend.requestCount("/_matrix/client/v3/join/"), 0)
        }

        // --- Spaces (acting) --- A joined space's menu also browses its rooms and leaves it
        // (with its rooms): each opens its dialog, for that space.
        function test_a_space_row_offers_browse_and_leave_space() {
            const rooms = { join: {} }
            rooms.join[roomId("sp")] = { state: { events: [nameEvent("Team space"),
                { type: "m.room.create", state_key: "", sender: "@a:example.org",
                  content: { type: "m.space", room_version: "10" } }] } }
            sync(rooms)
            tryCompare(list(), "count", 9)
            compare(TestBackend.services.rooms.get(rowIndex("sp")).isSpace, true)
            TestBackend.script("/_matrix/client/v1/rooms/" + enc(roomId("sp")) + "/hierarchy",
                               [{ status: 200, body: JSON.stringify({ rooms: [] }) }])
            focusRow("sp")
            openWithKey(Qt.Key_Menu)
            compare(shownItems(), ["Invite…", "Browse rooms in this space…", "Leave space…", "Leave…",
                                   "Members…", "History", "Select"])
            menuItem("menuBrowseSpace").triggered()
            const browse = dialog("spaceHierarchyDialog")
            tryCompare(browse, "opened", true)
            compare(TestBackend.services.hierarchy.spaceId, roomId("sp"))
            browse.close()
            tryCompare(browse, "visible", false)

            focusRow("sp")
            openWithKey(Qt.Key_Menu)
            menuItem("menuLeaveSpace").triggered()
            const leave = dialog("leaveSpaceDialog")
            tryCompare(leave, "opened", true)
            leave.close()
            tryCompare(leave, "visible", false)
            // An ordinary room: neither.
            focusRow("j1")
            openWithKey(Qt.Key_Menu)
            compare(menuItem("menuBrowseSpace").visible, false)
            compare(menuItem("menuLeaveSpace").visible, false)
        }

        // A joined room replaced by a new version you are not in: "Join the new room" joins it
        // through the new and the old room's servers; the row says it was replaced.
        function test_a_replaced_room_offers_to_join_its_new_version() {
            const rooms = { join: {} }
            rooms.join[roomId("j1")] = { state: { events: [
                { type: "m.room.tombstone", state_key: "", sender: "@a:example.org",
                  content: { replacement_room: "!next:other.org", body: "moved" } }] } }
            sync(rooms)
            tryVerify(() => TestBackend.services.rooms.get(rowIndex("j1")).successorToJoin === "!next:other.org")
            const joinNext = "/_matrix/client/v3/join/" + encodeURIComponent("!next:other.org").replace(/!/g, "%21")
            TestBackend.script(joinNext, [{ status: 200, body: JSON.stringify({ room_id: "!next:other.org" }) }])
            focusRow("j1")
            verify(findChild(list().currentItem, "roomKind").text.indexOf("Replaced by a new version") >= 0)
            openWithKey(Qt.Key_Menu)
            compare(shownItems(), ["Invite…", "Join the new room", "Leave…", "Members…", "History", "Select"])
            menuItem("menuJoinSuccessor").triggered()
            tryVerify(() => requestsTo(joinNext).length === 1, 5000, "one join request")
            const queries = TestBackend.requestQueries(joinNext)
            verify(queries[0].indexOf("via=other.org") >= 0 && queries[0].indexOf("via=example.org") >= 0, queries[0])
            // Another joined room: not offered.
            closeMenu()
            focusRow("j2")
            openWithKey(Qt.Key_Menu)
            compare(menuItem("menuJoinSuccessor").visible, false)
        }

        // Item 4: Shift+F10 does the same as Menu; with no current row, the first row on screen.
        function test_shift_f10_opens_the_menu() {
            focusRow("j2")
            openWithKey(Qt.Key_F10, Qt.ShiftModifier)
            compare(menu().roomId, roomId("j2"))
            keyClick(Qt.Key_Escape)
            tryCompare(menu(), "visible", false)

            list().currentIndex = -1
            list().forceActiveFocus()
            list().currentIndex = -1
            openWithKey(Qt.Key_F10, Qt.ShiftModifier)
            compare(list().currentIndex, 0)
            compare(menu().roomId, list().currentItem.roomId)
        }

        // Item 4: a right-click on a row (also on one of its buttons) opens its menu where the
        // pointer is; the row becomes current.
        function test_right_click_opens_the_menu_at_the_pointer() {
            const row = rowOf("j4")
            const name = child(row, "roomName")
            const p = name.mapToItem(row, 10, name.height / 2)
            mouseClick(row, p.x, p.y, Qt.RightButton)
            tryCompare(menu(), "opened", true)
            compare(menu().roomId, roomId("j4"))
            compare(list().currentItem.roomId, roomId("j4"))
            const at = row.mapToItem(menu().parent, p.x, p.y)
            verify(Math.abs(menu().x - at.x) <= 2 && Math.abs(menu().y - at.y) <= 2,
                   "menu at " + menu().x + "," + menu().y + ", click at " + at.x + "," + at.y)
            compare(shownItems(), ["Invite…", "Leave…", "Members…", "History", "Select"])
            // A click elsewhere closes it; nothing was done.
            mouseClick(page, 5, page.height - 5)
            tryCompare(menu(), "visible", false)
            verify(!shown("leaveDialog"))

            // On the row's Leave button: the menu, not the button's dialog.
            mouseClick(child(rowOf("j1"), "leaveButton"), 5, 5, Qt.RightButton)
            tryCompare(menu(), "opened", true)
            compare(menu().roomId, roomId("j1"))
            verify(!shown("leaveDialog"))
        }

        // The requests received so far to a path.
        function requestsTo(path) {
            return TestBackend.requestPaths(path)
        }

        // Item 4: each item asks for what the row's button asks for: the same request to the
        // server, or the same dialog.
        function test_accept_from_the_menu_joins() {
            TestBackend.script(joinPath("i1"), [{ status: 200, body: JSON.stringify({ room_id: roomId("i1") }) }])
            focusRow("i1")
            openWithKey(Qt.Key_Menu)
            keyClick(Qt.Key_Return) // the first item: Accept
            tryCompare(menu(), "visible", false)
            tryVerify(() => requestsTo(joinPath("i1")).length === 1, 5000, "one join request")
            const op = TestBackend.services.membership.operationFor(roomId("i1"))
            verify(op)
            compare(op.kind, Operation.Join)
            tryCompare(op, "state", Operation.Succeeded)
        }

        function test_decline_from_the_menu_leaves_without_asking() {
            TestBackend.script(roomPath("i1") + "/leave", [{ status: 200, body: "{}" }])
            focusRow("i1")
            openWithKey(Qt.Key_Menu)
            keyClick("d") // the mnemonic of Decline
            tryCompare(menu(), "visible", false)
            tryVerify(() => requestsTo(roomPath("i1") + "/leave").length === 1, 5000, "one leave request")
            verify(!shown("leaveDialog"))
            const op = TestBackend.services.membership.operationFor(roomId("i1"))
            compare(op.kind, Operation.Leave)
        }

        // A request to join (knock) can only be withdrawn: the menu says so, Enter does nothing,
        // W and Delete withdraw it at once (a leave), nothing offers Rejoin or Forget.
        function test_a_request_can_only_be_withdrawn() {
            const rooms = { knock: {} }
            rooms.knock[roomId("k1")] = { knock_state: { events: [nameEvent("Closed club"), {
                type: "m.room.member", state_key: TestBackend.userId, sender: TestBackend.userId,
                content: { membership: "knock" } }] } }
            sync(rooms)
            tryCompare(list(), "count", 9)
            const row = rowOf("k1")
            compare(row.section, RoomSection.Requested)
            verify(row.Accessible.name.indexOf("asked to join") >= 0, row.Accessible.name)
            verify(row.Accessible.description.indexOf("Delete to withdraw your request") === 0,
                   row.Accessible.description)
            compare(child(row, "withdrawButton").visible, true)
            compare(child(row, "forgetButton").visible, false)
            compare(child(row, "rejoinButton").visible, false)

            focusRow("k1")
            openWithKey(Qt.Key_Menu)
            compare(shownItems(), ["Withdraw request", "History", "Select"])
            keyClick(Qt.Key_Escape)
            tryCompare(menu(), "visible", false)
            keyClick(Qt.Key_Return) // nothing to do on Enter
            compare(requestsTo(roomPath("k1") + "/leave").length, 0)
            compare(TestBackend.requestCount("/_matrix/client/v3/join/"), 0)

            TestBackend.script(roomPath("k1") + "/leave", [{ status: 200, body: "{}" }])
            openWithKey(Qt.Key_Menu)
            keyClick("w") // the mnemonic of Withdraw request
            tryCompare(menu(), "visible", false)
            tryVerify(() => requestsTo(roomPath("k1") + "/leave").length === 1, 5000, "one leave request")
            compare(TestBackend.services.membership.operationFor(roomId("k1")).kind, Operation.Leave)
            verify(!shown("leaveDialog"))
            verify(!shown("forgetDialog"))
        }

        // Issue 13: an invitation's room can be previewed before accepting: the join dialog
        // opens on its room ID, and asks the server's room summary for it.
        function test_preview_an_invitation() {
            focusRow("i1")
            openWithKey(Qt.Key_Menu)
            keyClick("p") // Preview…
            const join = dialog("joinDialog")
            tryCompare(join, "opened", true)
            compare(join.address, roomId("i1"))
            tryVerify(() => TestBackend.requestPaths("/_matrix/client/v1/room_summary/").length === 1,
                      5000, "the room summary asked for")
            compare(TestBackend.requestPaths("/_matrix/client/v1/room_summary/")[0],
                    "/_matrix/client/v1/room_summary/" + enc(roomId("i1")))
            verify(findChild(join, "joinPreview").visible)
            join.close()
            tryCompare(join, "visible", false)
            // Nothing was joined.
            compare(TestBackend.requestCount("/_matrix/client/v3/join/"), 0)
        }

        function test_invite_and_leave_open_their_dialogs() {
            focusRow("j3")
            openWithKey(Qt.Key_Menu)
            keyClick("i") // Invite…
            const invite = dialog("inviteDialog")
            tryCompare(invite, "opened", true)
            compare(invite.roomId, roomId("j3"))
            invite.close()
            tryCompare(invite, "visible", false)

            focusRow("j3")
            openWithKey(Qt.Key_F10, Qt.ShiftModifier)
            keyClick(Qt.Key_Down) // Leave…, the second item
            keyClick(Qt.Key_Return)
            const leave = dialog("leaveDialog")
            tryCompare(leave, "opened", true)
            compare(leave.roomId, roomId("j3"))
            compare(TestBackend.requestCount(roomPath("j3")), 0) // it asks first
        }

        function test_rejoin_and_forget_on_a_left_room() {
            focusRow("l1")
            openWithKey(Qt.Key_Menu)
            keyClick("f") // Forget…
            const forget = dialog("forgetDialog")
            tryCompare(forget, "opened", true)
            compare(forget.roomId, roomId("l1"))
            forget.close()
            tryCompare(forget, "visible", false)

            TestBackend.script(joinPath("l1"), [{ status: 200, body: JSON.stringify({ room_id: roomId("l1") }) }])
            focusRow("l1")
            openWithKey(Qt.Key_Menu)
            mouseClick(menuItem("menuRejoin"))
            tryCompare(menu(), "visible", false)
            tryVerify(() => requestsTo(joinPath("l1")).length === 1, 5000, "one join request")
        }

        function test_history_and_select() {
            focusRow("j2")
            openWithKey(Qt.Key_Menu)
            keyClick("h")
            const history = dialog("historyDialog")
            tryCompare(history, "opened", true)
            compare(TestBackend.services.history.roomId, roomId("j2"))
            history.close()
            tryCompare(history, "visible", false)

            const selection = TestBackend.services.selection
            compare(selection.count, 0)
            focusRow("j2")
            openWithKey(Qt.Key_Menu)
            compare(menuItem("menuSelect").Accessible.name, "Select")
            keyClick("s")
            tryCompare(menu(), "visible", false)
            compare(selection.count, 1)
            compare(selection.roomIdsWith(Membership.Join), [roomId("j2")])
            verify(rowOf("j2").selected)
            verify(list().activeFocus)
            // Open again: it offers Deselect; Esc closes the menu and keeps the selection (the
            // list's Esc would clear it).
            openWithKey(Qt.Key_Menu)
            compare(menuItem("menuSelect").Accessible.name, "Deselect")
            keyClick(Qt.Key_Escape)
            tryCompare(menu(), "visible", false)
            compare(selection.count, 1)
            openWithKey(Qt.Key_Menu)
            keyClick("s")
            tryCompare(menu(), "visible", false)
            compare(selection.count, 0)
        }

        // A room whose action waits for the server: the menu offers Cancel (as the row's button
        // does) and no second action.
        function test_waiting_row_offers_cancel() {
            TestBackend.script(roomPath("i1") + "/leave", [{ status: 503, body: '{"errcode":"M_UNKNOWN","error":"Restarting"}' }])
            mouseClick(child(rowOf("i1"), "declineButton"))
            const op = TestBackend.services.membership.operationFor(roomId("i1"))
            tryCompare(op, "state", Operation.Waiting)
            focusRow("i1")
            tryVerify(() => list().currentItem.waiting)
            openWithKey(Qt.Key_Menu)
            compare(shownItems(), ["Cancel waiting", "History", "Select"])
            keyClick(Qt.Key_Return)
            tryCompare(op, "state", Operation.Cancelled)
        }

        // Item 6: leave from the menu; when the sync moves the room to Left, it is still the
        // current row, and that is said.
        function test_leave_keeps_the_room_current_and_says_where_it_went() {
            TestBackend.script(roomPath("j3") + "/leave", [{ status: 200, body: "{}" }])
            focusRow("j3")
            const before = list().currentIndex
            openWithKey(Qt.Key_Menu)
            keyClick("l")
            const leave = dialog("leaveDialog")
            tryCompare(leave, "opened", true)
            keyClick(Qt.Key_Return)
            tryCompare(leave, "visible", false)
            const op = TestBackend.services.membership.operationFor(roomId("j3"))
            tryCompare(op, "state", Operation.Succeeded)
            compare(announcement(), "")

            list().forceActiveFocus() // (the test window gives no focus back to the page)
            moveTo("leave", "j3", "Joined room 3")
            tryVerify(() => TestBackend.services.rooms.get(list().currentIndex).section === RoomSection.Left,
                      5000, "current row in Left: " + list().currentIndex)
            compare(list().currentItem.roomId, roomId("j3"))
            verify(list().currentIndex !== before)
            compare(announcement(), "Left Joined room 3; it is now under Left")
            const text = child(page, "announcement")
            compare(text.Accessible.role, Accessible.AlertMessage)
            compare(text.textFormat, Text.PlainText)
            // The next key acts on it: Delete on a left room asks to forget it.
            keyClick(Qt.Key_Delete)
            const forget = dialog("forgetDialog")
            tryCompare(forget, "opened", true)
            compare(forget.roomId, roomId("j3"))
        }

        // Item 6: accept from the menu: the room moves to Joined, stays current, and that is said.
        function test_accept_keeps_the_room_current_and_says_where_it_went() {
            TestBackend.script(joinPath("i1"), [{ status: 200, body: JSON.stringify({ room_id: roomId("i1") }) }])
            focusRow("i1")
            openWithKey(Qt.Key_Menu)
            keyClick("a")
            const op = TestBackend.services.membership.operationFor(roomId("i1"))
            verify(op)
            tryCompare(op, "state", Operation.Succeeded)
            moveTo("join", "i1", "Alpha invitation")
            tryVerify(() => TestBackend.services.rooms.get(list().currentIndex).section === RoomSection.Joined,
                      5000, "current row in Joined")
            compare(list().currentItem.roomId, roomId("i1"))
            compare(announcement(), "Accepted Alpha invitation; it is now under Joined")
        }

        // Item 6: forget from the menu: the room is gone, its neighbour is the current row, and
        // that is said, naming both.
        function test_forget_moves_to_a_neighbour_and_says_so() {
            TestBackend.script(roomPath("l1") + "/forget", [{ status: 200, body: "{}" }])
            focusRow("l1")
            const row = list().currentIndex
            openWithKey(Qt.Key_Menu)
            keyClick("f")
            const forget = dialog("forgetDialog")
            tryCompare(forget, "opened", true)
            mouseClick(child(forget.footer, "forgetConfirmButton"))
            tryCompare(forget, "visible", false)
            tryVerify(() => requestsTo(roomPath("l1") + "/forget").length === 1, 5000, "one forget request")
            tryCompare(list(), "count", 7)
            // The row that took its place (Old two) is current, and the user is told.
            tryCompare(list(), "currentIndex", row)
            compare(list().currentItem.roomId, roomId("l2"))
            compare(announcement(), "Forgot Old one; focus on Old two")
            compare(child(page, "announcement").Accessible.role, Accessible.AlertMessage)
        }

        // Item 6: the last row forgotten: the row before it becomes current.
        function test_forget_the_last_row_moves_up() {
            TestBackend.script(roomPath("l2") + "/forget", [{ status: 200, body: "{}" }])
            focusRow("l2")
            openWithKey(Qt.Key_Menu)
            keyClick("f")
            const forget = dialog("forgetDialog")
            tryCompare(forget, "opened", true)
            mouseClick(child(forget.footer, "forgetConfirmButton"))
            tryCompare(list(), "count", 7)
            tryVerify(() => list().currentItem !== null && list().currentItem.roomId === roomId("l1"),
                      5000, "the row before is current")
            compare(announcement(), "Forgot Old two; focus on Old one")
        }

        // Item 6: a left room the Left section then hides: the neighbour is current, and the
        // announcement says the room is not shown.
        function test_left_room_hidden_by_the_filter_is_announced() {
            TestBackend.script(roomPath("j5") + "/leave", [{ status: 200, body: "{}" }])
            TestBackend.services.rooms.showLeft = false
            tryCompare(list(), "count", 6)
            focusRow("j5")
            openWithKey(Qt.Key_Menu)
            keyClick("l")
            const leave = dialog("leaveDialog")
            tryCompare(leave, "opened", true)
            keyClick(Qt.Key_Return)
            const op = TestBackend.services.membership.operationFor(roomId("j5"))
            tryCompare(op, "state", Operation.Succeeded)
            list().forceActiveFocus()
            moveTo("leave", "j5", "Joined room 5")
            tryCompare(list(), "count", 5)
            verify(list().currentItem !== null)
            verify(list().currentItem.roomId !== roomId("j5"))
            compare(announcement(), "Left Joined room 5; it is not shown with the current filter; focus on "
                    + list().currentItem.title)
        }

        // A failed action announces nothing, even when the room later moves for another reason.
        function test_failed_action_is_not_announced_as_done() {
            TestBackend.script(roomPath("i1") + "/leave", [{ status: 403, body: '{"errcode":"M_FORBIDDEN","error":"No"}' }])
            focusRow("i1")
            openWithKey(Qt.Key_Menu)
            keyClick("d")
            const op = TestBackend.services.membership.operationFor(roomId("i1"))
            tryCompare(op, "state", Operation.Failed)
            // Accepted on another device: the current row follows it, and says only where it is.
            list().forceActiveFocus()
            moveTo("join", "i1", "Alpha invitation")
            tryVerify(() => TestBackend.services.rooms.get(list().currentIndex).section === RoomSection.Joined)
            compare(list().currentItem.roomId, roomId("i1"))
            compare(announcement(), "Alpha invitation is now under Joined")
        }

        // A failed action's error stays on its row until read: the row's Dismiss button, or the
        // menu's "Dismiss the error" (E) from the keyboard, takes it away; nothing is sent.
        function test_a_failed_action_s_error_can_be_dismissed() {
            TestBackend.script(roomPath("i1") + "/leave", [{ status: 403, body: '{"errcode":"M_FORBIDDEN","error":"No"}' }])
            TestBackend.script(roomPath("l1") + "/forget", [{ status: 400, body: '{"errcode":"M_UNKNOWN","error":"Not now"}' }])
            mouseClick(child(rowOf("i1"), "declineButton"))
            tryCompare(TestBackend.services.membership.operationFor(roomId("i1")), "state", Operation.Failed)
            TestBackend.services.membership.forget(roomId("l1"))
            tryCompare(TestBackend.services.membership.operationFor(roomId("l1")), "state", Operation.Failed)
            tryVerify(() => shownError("i1"))
            verify(shownError("i1").text.indexOf("No") >= 0)
            tryVerify(() => shownError("l1"))
            const sent = TestBackend.requestCount("/_matrix/client/v3/rooms/")

            // The keyboard: the menu offers it (only on a row with an error), E picks it.
            focusRow("j1")
            openWithKey(Qt.Key_Menu)
            compare(menuItem("menuDismissError").visible, false)
            closeMenu()
            focusRow("i1")
            openWithKey(Qt.Key_Menu)
            verify(shownItems().indexOf("Dismiss the error") >= 0, shownItems().join(", "))
            keyClick("e")
            tryCompare(menu(), "visible", false)
            tryVerify(() => !shownError("i1"))
            compare(TestBackend.services.membership.operationFor(roomId("i1")), null)
            compare(list().currentItem.roomId, roomId("i1"))
            verify(list().activeFocus)

            // The mouse: the row's own button, named for screen readers.
            const dismiss = child(rowOf("l1"), "roomErrorDismiss")
            compare(dismiss.Accessible.name, "Dismiss the error for Old one")
            mouseClick(dismiss)
            tryVerify(() => !shownError("l1"))
            compare(TestBackend.services.membership.operationFor(roomId("l1")), null)
            verify(list().activeFocus)
            compare(TestBackend.requestCount("/_matrix/client/v3/rooms/"), sent)
        }

        // The menu's room changes under it (a sync): the menu closes rather than offer actions
        // that no longer apply.
        function test_menu_closes_when_its_room_changes() {
            focusRow("i1")
            openWithKey(Qt.Key_Menu)
            moveTo("join", "i1", "Alpha invitation")
            tryCompare(menu(), "visible", false)
            verify(list().activeFocus)
            compare(list().currentItem.roomId, roomId("i1"))
        }
    }
}
