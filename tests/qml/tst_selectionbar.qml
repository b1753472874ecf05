import QtQuick
import QtQuick.Controls
import QtTest
import Concierge.Core
import Concierge.Test
import Concierge.Ui

// The selection bar's actions for pending requests to join and for the Left section, on the real
// page with the real selection and queue (requests reach the fake server): "Withdraw N requests…"
// only while requests (knocks) are selected, and it leaves exactly those rooms; "Forget…" names
// each left or banned room once.
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
        name: "SelectionBar"
        when: windowShown

        readonly property RoomSelection selection: TestBackend.services.selection
        readonly property JobQueue jobs: TestBackend.services.jobs

        function roomId(name) {
            return "!" + name + ":example.org"
        }
        function enc(id) {
            return encodeURIComponent(id).replace(/!/g, "%21")
        }
        function roomPath(name) {
            return "/_matrix/client/v3/rooms/" + enc(roomId(name))
        }
        function nameEvent(name) {
            return { type: "m.room.name", state_key: "", content: { name: name } }
        }
        function ownMember(membership, sender) {
            return { type: "m.room.member", state_key: TestBackend.userId, sender: sender,
                     content: { membership: membership } }
        }
        // Joined j1 ("Room 1"), j2 ("Room 2"); invite i1; requests k1 ("Closed club"), k2 ("Quiet
        // club"); left l1 ("Old").
        function loadRooms() {
            const rooms = { join: {}, invite: {}, knock: {}, leave: {} }
            rooms.join[roomId("j1")] = { state: { events: [nameEvent("Room 1")] } }
            rooms.join[roomId("j2")] = { state: { events: [nameEvent("Room 2")] } }
            rooms.invite[roomId("i1")] = { invite_state: { events: [nameEvent("Invite 1"),
                                                                    ownMember("invite", "@bob:example.org")] } }
            rooms.knock[roomId("k1")] = { knock_state: { events: [nameEvent("Closed club"),
                                                                  ownMember("knock", TestBackend.userId)] } }
            rooms.knock[roomId("k2")] = { knock_state: { events: [nameEvent("Quiet club"),
                                                                  ownMember("knock", TestBackend.userId)] } }
            rooms.leave[roomId("l1")] = { state: { events: [nameEvent("Old")] } }
            verify(TestBackend.applySync(JSON.stringify({ rooms: rooms })))
            tryCompare(list(), "count", 6)
        }
        function list() {
            return child(page, "roomList")
        }
        function bar() {
            return child(page, "selectionBar")
        }
        function child(item, name) {
            const found = findChild(item, name)
            verify(found, "item " + name)
            return found
        }
        function dialog() {
            return child(page, "bulkConfirmDialog")
        }
        function field(name) {
            const d = dialog()
            const found = findChild(d.contentItem, name) || findChild(d.footer, name)
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
        function select(names) {
            for (const n of names)
                selection.toggle(rowIndex(n))
            compare(selection.count, names.length)
        }
        // The bar's buttons that are shown, by objectName.
        function shownActions() {
            const names = ["bulkLeaveButton", "bulkLeaveForgetButton", "bulkForgetButton", "bulkAcceptButton",
                           "bulkDeclineButton", "bulkWithdrawButton", "bulkInviteButton", "bulkInviteManyButton"]
            return names.filter(n => child(bar(), n).visible)
        }
        function openFromBar(button) {
            const b = child(bar(), button)
            verify(b.visible, button)
            waitForRendering(page) // the bar has just appeared: its place is laid out
            mouseClick(b)
            tryCompare(dialog(), "opened", true)
        }
        // The room names the dialog lists, top to bottom.
        function listedNames() {
            const view = field("bulkRoomList")
            const names = []
            for (let i = 0; i < view.count; ++i) {
                view.positionViewAtIndex(i, ListView.Contain)
                names.push(view.itemAtIndex(i).text)
            }
            return names
        }

        function initTestCase() {
            TestBackend.connectToServer()
        }
        function init() {
            verify(TestBackend.openJobs())
            TestBackend.reset()
            tryCompare(list(), "count", 0)
        }
        function cleanup() {
            dialog().close()
            tryCompare(dialog(), "visible", false)
            const all = jobs.jobs
            for (let i = 0; i < all.length; ++i)
                all[i].cancel()
            tryCompare(jobs, "activeCount", 0)
            selection.clear()
        }

        function test_withdraw_is_offered_only_for_requests() {
            loadRooms()
            const withdraw = child(bar(), "bulkWithdrawButton")
            // Joined, invited and left rooms: no Withdraw.
            select(["j1", "i1", "l1"])
            compare(selection.requestedCount, 0)
            compare(withdraw.visible, false)
            compare(shownActions(), ["bulkLeaveButton", "bulkLeaveForgetButton", "bulkForgetButton",
                                     "bulkAcceptButton", "bulkDeclineButton", "bulkInviteButton"])
            // One request among them: Withdraw counts only the requests.
            selection.toggle(rowIndex("k1"))
            compare(selection.count, 4)
            compare(selection.requestedCount, 1)
            compare(withdraw.visible, true)
            compare(withdraw.text, "Withdraw 1 request…")
            compare(withdraw.Accessible.name, "Withdraw the selected request to join")
            selection.toggle(rowIndex("k2"))
            compare(withdraw.text, "Withdraw 2 requests…")
            compare(withdraw.Accessible.name, "Withdraw the 2 selected requests to join")
            // Requests only: Withdraw is all there is, and the bar's first button.
            selection.clear()
            select(["k1", "k2"])
            compare(shownActions(), ["bulkWithdrawButton"])
            compare(bar().firstButton, withdraw)
            // Nothing to withdraw any more.
            selection.clear()
            select(["j2"])
            compare(withdraw.visible, false)
        }

        function test_withdraw_leaves_exactly_the_requested_rooms() {
            loadRooms()
            for (const n of ["k1", "k2"])
                TestBackend.script(roomPath(n) + "/leave", [{ status: 200, body: "{}" }])
            let actions = []
            const spy = (action) => actions.push(action)
            bar().actionRequested.connect(spy)
            select(["j1", "i1", "k1", "l1", "k2"])
            openFromBar("bulkWithdrawButton")
            bar().actionRequested.disconnect(spy)
            compare(actions, ["withdraw"])
            const d = dialog()
            compare(d.title, "Withdraw 2 requests to join?")
            compare(listedNames().slice().sort(), ["Closed club", "Quiet club"])
            compare(d.etaSeconds, jobs.estimateSeconds(2))
            verify(field("bulkCancelButton").activeFocus, "Cancel has the focus")
            verify(field("bulkReasonField").visible)
            compare(field("bulkConfirmButton").text, "Withdraw")
            mouseClick(field("bulkReasonField"))
            for (const c of "later")
                keyClick(c)
            mouseClick(field("bulkConfirmButton"))
            tryCompare(d, "visible", false)
            compare(selection.count, 0)
            compare(jobs.jobs.length, 1)
            const job = jobs.jobs[0]
            compare(job.kind, "leave")
            compare(job.title, "Withdraw 2 requests to join")
            compare(job.total, 2)
            tryCompare(job, "state", Job.Finished, 10000)
            compare(job.done, 2)
            // One leave (with the reason) for each request, nothing for the other rooms.
            for (const n of ["k1", "k2"]) {
                compare(TestBackend.requestCount(roomPath(n) + "/leave"), 1, n)
                compare(JSON.parse(TestBackend.lastRequestBody(roomPath(n) + "/leave")).reason, "later")
            }
            compare(TestBackend.requestCount("/_matrix/client/v3/rooms/"), 2)
            compare(TestBackend.requestCount("/_matrix/client/v3/join/"), 0)
        }

        // A banned room is in the Left section (roomIdsWith(Membership.Leave) has it): Forget
        // names it once and forgets it once.
        function test_forget_names_a_banned_room_once() {
            TestBackend.restoreRooms([
                { roomId: roomId("j1"), name: "Room 1", membership: Membership.Join },
                { roomId: roomId("l1"), name: "Old", membership: Membership.Leave },
                { roomId: roomId("b1"), name: "Banned room", membership: Membership.Ban },
            ])
            tryCompare(list(), "count", 3)
            for (const n of ["l1", "b1"])
                TestBackend.script(roomPath(n) + "/forget", [{ status: 200, body: "{}" }])
            select(["j1", "l1", "b1"])
            compare(selection.leftCount, 2)
            openFromBar("bulkForgetButton")
            compare(dialog().title, "Forget 2 rooms?")
            compare(listedNames().slice().sort(), ["Banned room", "Old"])
            mouseClick(field("bulkConfirmButton"))
            tryCompare(dialog(), "visible", false)
            compare(jobs.jobs.length, 1)
            const job = jobs.jobs[0]
            compare(job.kind, "forget")
            compare(job.total, 2)
            tryCompare(job, "state", Job.Finished, 10000)
            compare(job.done, 2)
            for (const n of ["l1", "b1"])
                compare(TestBackend.requestCount(roomPath(n) + "/forget"), 1, n)
            compare(TestBackend.requestCount("/_matrix/client/v3/rooms/"), 2)
        }
    }
}
