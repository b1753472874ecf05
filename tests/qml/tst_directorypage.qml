import QtQuick
import QtQuick.Controls
import QtTest
import Concierge.Core
import Concierge.Test
import Concierge.Ui

// The room directory page with real services: the real DirectoryModel asks the fake homeserver
// (tst_qml.cpp) for /publicRooms; the page shows its answers and emits join / knock intents.
Item {
    id: root
    width: 1000
    height: 700

    DirectoryPage {
        id: page
        anchors.fill: parent
        services: TestBackend.services
    }

    SignalSpy {
        id: joinSpy
        target: page
        signalName: "joinRequested"
    }
    SignalSpy {
        id: knockSpy
        target: page
        signalName: "knockRequested"
    }
    SignalSpy {
        id: closedSpy
        target: page
        signalName: "closed"
    }

    TestCase {
        id: test
        name: "DirectoryPage"
        when: windowShown

        readonly property string roomsPath: "/_matrix/client/v3/publicRooms"
        readonly property DirectoryModel directory: TestBackend.services.directory

        function roomId(n) {
            return "!r" + n + ":example.org"
        }
        // A room ID as one path segment, the way the client sends it.
        function enc(id) {
            return encodeURIComponent(id).replace(/!/g, "%21")
        }
        // A /publicRooms entry; extra fields override the defaults.
        function entry(n, extra) {
            const e = { room_id: roomId(n), name: "Room " + n, canonical_alias: "#room" + n + ":example.org",
                        topic: "Topic of room " + n, num_joined_members: 10 + n, world_readable: false,
                        guest_can_join: false, join_rule: "public" }
            for (const key in extra)
                e[key] = extra[key]
            return e
        }
        function answer(entries, nextBatch, estimate) {
            const body = { chunk: entries }
            if (nextBatch)
                body.next_batch = nextBatch
            if (estimate !== undefined)
                body.total_room_count_estimate = estimate
            return { status: 200, body: JSON.stringify(body) }
        }
        function rooms(from, to) {
            const list = []
            for (let n = from; n <= to; ++n)
                list.push(entry(n, {}))
            return list
        }

        function child(item, name) {
            const found = findChild(item, name)
            verify(found, "item " + name)
            return found
        }
        function list() {
            return child(page, "directoryList")
        }
        function row(n) {
            const r = findChild(list(), "directoryRow:" + roomId(n))
            verify(r, "row " + roomId(n))
            return r
        }
        // Loads the first page of what the fake server was scripted to answer.
        function load(count) {
            directory.refresh()
            tryCompare(directory, "status", count === 0 ? DirectoryModel.NoMatches : DirectoryModel.Loaded)
            tryCompare(list(), "count", count)
        }
        function typeInto(field, text) {
            mouseClick(field)
            tryVerify(() => field.activeFocus)
            for (let i = 0; i < text.length; ++i)
                keyClick(text[i])
            compare(field.text, text)
        }

        function initTestCase() {
            TestBackend.connectToServer()
        }
        function init() {
            TestBackend.reset()
            directory.clear()
            joinSpy.clear()
            knockSpy.clear()
            closedSpy.clear()
            page.operation = null
            page.previewOpen = false
            child(page, "directoryServerField").text = ""
        }
        function cleanup() {
            const dialog = child(page, "knockDialog")
            dialog.close()
            tryCompare(dialog, "visible", false)
            directory.clear()
        }

        function test_lists_rooms() {
            // A room the account is in already, from /sync.
            const sync = { join: {} }
            sync.join[roomId(3)] = { state: { events: [{ type: "m.room.name", state_key: "",
                                                         content: { name: "Room 3" } }] } }
            verify(TestBackend.applySync(JSON.stringify({ rooms: sync })))
            TestBackend.script(roomsPath, [answer([
                entry(1, { world_readable: true }),
                entry(2, { name: "<b>bold</b><img src=x>", join_rule: "knock", canonical_alias: undefined }),
                entry(3, {}),
            ], "", 3)])
            load(3)

            // Your own homeserver's directory: a GET, no server parameter.
            compare(TestBackend.requestMethods(roomsPath), ["GET"])
            verify(TestBackend.requestQueries(roomsPath)[0].indexOf("limit=") >= 0)
            verify(TestBackend.requestQueries(roomsPath)[0].indexOf("server=") < 0)

            const one = row(1)
            compare(child(one, "directoryName").text, "Room 1")
            const details = child(one, "directoryDetails").text
            verify(details.indexOf("#room1:example.org") >= 0, details)
            verify(details.indexOf("11 members") >= 0, details)
            verify(details.indexOf("Public") >= 0, details)
            verify(details.indexOf("Guests can read") >= 0, details)
            compare(child(one, "directoryTopic").text, "Topic of room 1")
            compare(child(one, "directoryTopic").textFormat, Text.PlainText)
            compare(child(one, "directoryTopic").maximumLineCount, 2)
            compare(child(one, "directoryMark").visible, false)
            verify(one.Accessible.name.indexOf("guests can read") >= 0, one.Accessible.name)

            // Server text is shown as it is, never as markup.
            const two = row(2)
            compare(child(two, "directoryName").text, "<b>bold</b><img src=x>")
            compare(child(two, "directoryName").textFormat, Text.PlainText)
            verify(child(two, "directoryDetails").text.indexOf("Guests can read") < 0)

            // Already joined: marked, and no Join button.
            const three = row(3)
            compare(child(three, "directoryMark").visible, true)
            compare(child(three, "directoryMark").text, "Joined")
            compare(child(three, "directoryJoinButton").visible, false)
            verify(three.Accessible.name.indexOf("Joined") >= 0)

            compare(child(page, "directorySummary").text, "3 rooms")
            compare(child(page, "directoryEmptyState").visible, false)
        }

        function test_search_posts_the_term() {
            TestBackend.script(roomsPath, [answer(rooms(1, 2), "", 2), answer([entry(7, { name: "Rust" })], "", 1)])
            load(2)
            typeInto(child(page, "directorySearchField"), "rust")
            tryCompare(list(), "count", 1)
            compare(directory.searchTerm, "rust")
            const methods = TestBackend.requestMethods(roomsPath)
            compare(methods[0], "GET")
            compare(methods[methods.length - 1], "POST")
            const bodies = TestBackend.requestBodies(roomsPath)
            const body = JSON.parse(bodies[bodies.length - 1])
            compare(body.filter.generic_search_term, "rust")
            verify(row(7))
        }

        function test_no_matches_and_empty_directory() {
            TestBackend.script(roomsPath, [answer([], "", 0)])
            typeInto(child(page, "directorySearchField"), "zzz")
            tryCompare(directory, "status", DirectoryModel.NoMatches)
            const empty = child(page, "directoryEmptyText")
            compare(empty.text, "No rooms match “zzz”.")
            verify(empty.visible)
            verify(child(page, "directoryClearSearchButton").visible)
            // Clearing the search asks again without a term: this server has nothing at all.
            mouseClick(child(page, "directoryClearSearchButton"))
            compare(child(page, "directorySearchField").text, "")
            tryCompare(empty, "text", "This server lists no public rooms.")
            compare(TestBackend.requestMethods(roomsPath).slice(-1)[0], "GET")
        }

        function test_scrolling_loads_the_next_page() {
            TestBackend.script(roomsPath, [answer(rooms(1, 20), "batch-2", 25), answer(rooms(21, 25), "", 25)])
            load(20)
            compare(TestBackend.requestCount(roomsPath), 1)
            compare(child(page, "directorySummary").text, "Showing 20 of about 25 rooms")
            // Scrolling to the end: the list asks the model for more.
            list().positionViewAtEnd()
            tryCompare(list(), "count", 25)
            const queries = TestBackend.requestQueries(roomsPath)
            compare(queries.length, 2)
            verify(queries[1].indexOf("since=batch-2") >= 0, queries[1])
            compare(directory.hasMore, false)
            compare(child(page, "directoryFooter").visible, false)
        }

        function test_loading_more_footer() {
            TestBackend.script(roomsPath, [answer(rooms(1, 20), "batch-2", 40), { stall: true }])
            load(20)
            list().positionViewAtEnd()
            tryCompare(directory, "loading", true)
            const footer = child(page, "directoryFooter")
            tryCompare(footer, "visible", true)
            compare(child(footer, "directoryMoreText").visible, true)
            compare(child(footer, "directoryMoreText").text, "Loading more…")
            const busy = child(footer, "directoryMoreBusy")
            verify(busy.running)
            compare(busy.Accessible.name, "Loading more rooms")
            tryVerify(() => TestBackend.requestCount(roomsPath) === 2)
            verify(TestBackend.requestQueries(roomsPath)[1].indexOf("since=batch-2") >= 0)
        }

        function test_first_load_spinner_is_named() {
            TestBackend.script(roomsPath, [{ stall: true }])
            directory.refresh()
            const busy = child(page, "directoryBusy")
            tryCompare(busy, "running", true)
            verify(busy.visible)
            compare(busy.Accessible.role, Accessible.ProgressBar)
            compare(busy.Accessible.name, "Loading public rooms")
            compare(child(page, "directoryEmptyText").text, "Loading public rooms…")
        }

        function test_error_is_an_alert() {
            TestBackend.script(roomsPath, [answer(rooms(1, 2), "", 2),
                                           { status: 403, body: JSON.stringify({ errcode: "M_FORBIDDEN",
                                                                                error: "Not allowed" }) }])
            load(2)
            const server = child(page, "directoryServerField")
            typeInto(server, "other.example")
            keyClick(Qt.Key_Return)
            compare(directory.server, "other.example")
            tryCompare(directory, "status", DirectoryModel.Failed)
            compare(directory.errorKind, DirectoryModel.DirectoryNotShared)
            verify(TestBackend.requestQueries(roomsPath)[1].indexOf("server=other.example") >= 0)
            // Your homeserver's rooms do not pass for the other server's.
            compare(list().count, 0)
            compare(child(page, "directoryFooter").visible, false)
            compare(child(page, "directorySummary").visible, false)
            const error = child(page, "directoryError")
            verify(error.visible)
            compare(error.Accessible.role, Accessible.AlertMessage)
            compare(error.Accessible.name, directory.errorText)
            verify(error.text.indexOf("other.example does not share its room directory") >= 0, error.text)
            compare(error.textFormat, Text.PlainText)
            // Try again asks once more.
            const retry = child(page, "directoryRetryButton")
            verify(retry.visible)
            mouseClick(retry)
            tryVerify(() => TestBackend.requestCount(roomsPath) === 3)
            tryCompare(directory, "status", DirectoryModel.Failed)
        }

        function test_invalid_server_sends_nothing() {
            const server = child(page, "directoryServerField")
            typeInto(server, "not a server")
            keyClick(Qt.Key_Return)
            tryCompare(directory, "status", DirectoryModel.Failed)
            compare(directory.errorKind, DirectoryModel.InvalidServer)
            compare(TestBackend.requestCount(roomsPath), 0)
            verify(child(page, "directoryError").visible)
            compare(child(page, "directoryRetryButton").visible, false)
        }

        function test_join_emits_the_room_id() {
            TestBackend.script(roomsPath, [answer(rooms(1, 2), "", 2)])
            load(2)
            const join = child(row(1), "directoryJoinButton")
            verify(join.visible)
            compare(join.Accessible.name, "Join Room 1")
            mouseClick(join)
            compare(joinSpy.count, 1)
            compare(joinSpy.signalArguments[0][0], roomId(1))
            compare(joinSpy.signalArguments[0][1].length, 0) // your homeserver: no via
            compare(joinSpy.signalArguments[0][2], "Room 1") // how the app's messages name it

            // Another server's room: via that server.
            TestBackend.script(roomsPath, [answer([entry(5, {})], "", 1)])
            const server = child(page, "directoryServerField")
            typeInto(server, "other.example")
            keyClick(Qt.Key_Return)
            tryVerify(() => findChild(list(), "directoryRow:" + roomId(5)) !== null)
            mouseClick(child(row(5), "directoryJoinButton"))
            compare(joinSpy.count, 2)
            compare(joinSpy.signalArguments[1][0], roomId(5))
            compare(joinSpy.signalArguments[1][1], ["other.example"])
        }

        function test_keyboard_reaches_rows_and_enter_presses() {
            TestBackend.script(roomsPath, [answer(rooms(1, 3), "", 3)])
            load(3)
            const search = child(page, "directorySearchField")
            mouseClick(search)
            tryVerify(() => search.activeFocus)
            keyClick(Qt.Key_Tab)
            const join1 = child(row(1), "directoryJoinButton")
            tryVerify(() => join1.activeFocus)
            const ring = child(join1, "focusRing")
            verify(ring.visible)
            keyClick(Qt.Key_Tab)
            const preview1 = child(row(1), "directoryPreviewButton")
            verify(preview1.activeFocus)
            keyClick(Qt.Key_Tab)
            const join2 = child(row(2), "directoryJoinButton")
            verify(join2.activeFocus)
            compare(list().currentIndex, 1)
            keyClick(Qt.Key_Return)
            compare(joinSpy.count, 1)
            compare(joinSpy.signalArguments[0][0], roomId(2))
            // Down: the same button of the next row; Shift+Tab back up to the search field.
            keyClick(Qt.Key_Down)
            verify(child(row(3), "directoryJoinButton").activeFocus)
            keyClick(Qt.Key_Up)
            verify(join2.activeFocus)
            keyClick(Qt.Key_Backtab)
            verify(preview1.activeFocus)
            keyClick(Qt.Key_Backtab)
            keyClick(Qt.Key_Backtab)
            verify(search.activeFocus)
            // Escape in an empty search field: the page asks to be closed.
            keyClick(Qt.Key_Escape)
            compare(closedSpy.count, 1)
        }

        function test_knock_row_offers_ask_to_join() {
            TestBackend.script(roomsPath, [answer([entry(1, {}), entry(2, { join_rule: "knock" })], "", 2)])
            load(2)
            const knockRow = row(2)
            compare(child(knockRow, "directoryJoinButton").visible, false)
            const knock = child(knockRow, "directoryKnockButton")
            verify(knock.visible)
            compare(knock.Accessible.name, "Ask to join Room 2")
            verify(child(knockRow, "directoryDetails").text.indexOf("Ask to join") >= 0)
            // A public room offers no knock.
            compare(child(row(1), "directoryKnockButton").visible, false)

            mouseClick(knock)
            const dialog = child(page, "knockDialog")
            tryCompare(dialog, "opened", true)
            const reason = findChild(dialog.contentItem, "knockReasonField")
            verify(reason)
            tryVerify(() => reason.activeFocus)
            for (const c of "hi there")
                keyClick(c)
            mouseClick(findChild(dialog.footer, "knockSendButton"))
            compare(knockSpy.count, 1)
            compare(knockSpy.signalArguments[0][0], roomId(2))
            compare(knockSpy.signalArguments[0][1].length, 0)
            compare(knockSpy.signalArguments[0][2], "hi there")
            compare(knockSpy.signalArguments[0][3], "Room 2")
            tryCompare(dialog, "visible", false)

            // What the window does with it: the knock goes to the server; the page shows it.
            TestBackend.script("/_matrix/client/v3/knock/", [{ status: 200, body: JSON.stringify({ room_id: roomId(2) }) }])
            page.operation = TestBackend.services.membership.knock(knockSpy.signalArguments[0][0],
                                                                   knockSpy.signalArguments[0][1],
                                                                   knockSpy.signalArguments[0][2],
                                                                   knockSpy.signalArguments[0][3])
            verify(page.operation)
            tryCompare(page.operation, "state", Operation.Succeeded)
            // Named as listed, though the room list does not know the room yet.
            compare(page.operation.statusText, "Asked to join Room 2")
            compare(TestBackend.requestPaths("/_matrix/client/v3/knock/"), ["/_matrix/client/v3/knock/" + enc(roomId(2))])
            compare(JSON.parse(TestBackend.lastRequestBody("/_matrix/client/v3/knock/")).reason, "hi there")
            const status = child(page, "directoryOperationText")
            verify(status.visible)
            compare(status.text, page.operation.statusText)
            compare(status.Accessible.role, Accessible.AlertMessage)
        }

        function test_preview_shows_the_room() {
            TestBackend.script(roomsPath, [answer(rooms(1, 2), "", 2)])
            TestBackend.script("/_matrix/client/v1/room_summary/", [{ status: 200, body: JSON.stringify({
                room_id: roomId(1), name: "Room 1 (summary)", num_joined_members: 99, join_rule: "public",
                encryption: "m.megolm.v1.aes-sha2", room_version: "11" }) }])
            load(2)
            mouseClick(child(row(1), "directoryPreviewButton"))
            const pane = child(page, "roomPreviewPane")
            tryCompare(pane, "visible", true)
            tryCompare(child(pane, "previewName"), "text", "Room 1 (summary)")
            compare(TestBackend.requestPaths("/_matrix/client/v1/room_summary/"),
                    ["/_matrix/client/v1/room_summary/" + enc(roomId(1))])
            compare(child(pane, "previewMembers").text, "99 members")
            compare(child(pane, "previewEncrypted").text, "Encrypted")
            // Join from the preview is the page's joinRequested.
            mouseClick(child(pane, "previewJoinButton"))
            compare(joinSpy.count, 1)
            compare(joinSpy.signalArguments[0][0], roomId(1))
            // Close: the preview goes, the keyboard focus is back on the row.
            mouseClick(child(page, "directoryPreviewClose"))
            tryCompare(pane, "visible", false)
            verify(child(row(1), "directoryJoinButton").activeFocus)
        }
    }
}
