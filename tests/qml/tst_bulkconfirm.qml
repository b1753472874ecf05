import QtQuick
import QtQuick.Controls
import QtTest
import Concierge.Core
import Concierge.Test
import Concierge.Ui

// The confirmation of a bulk action, opened from the selection bar of the real page: it names
// the rooms, says how long the job should take (JobQueue.estimateSeconds), starts with the focus
// on Cancel, and confirming submits a real job to the real queue, whose requests reach the fake
// server; a refused job keeps the dialog open with the queue's reason as an alert.
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
        name: "BulkConfirmDialog"
        when: windowShown

        readonly property RoomSelection selection: TestBackend.services.selection
        readonly property JobQueue jobs: TestBackend.services.jobs

        function roomId(name) {
            return "!" + name + ":example.org"
        }
        function enc(id) {
            return encodeURIComponent(id).replace(/!/g, "%21")
        }
        function nameEvent(name) {
            return { type: "m.room.name", state_key: "", content: { name: name } }
        }
        // Joined j01…j12 ("Room 01"…), invites i1, i2, left l1.
        function loadRooms() {
            const rooms = { join: {}, invite: {}, leave: {} }
            for (let i = 1; i <= 12; ++i) {
                const n = (i < 10 ? "0" : "") + i
                rooms.join[roomId("j" + n)] = { state: { events: [nameEvent("Room " + n)] } }
            }
            for (const id of ["i1", "i2"])
                rooms.invite[roomId(id)] = { invite_state: { events: [nameEvent("Invite " + id), {
                    type: "m.room.member", state_key: TestBackend.userId, sender: "@bob:example.org",
                    content: { membership: "invite" } }] } }
            rooms.leave[roomId("l1")] = { state: { events: [nameEvent("Old")] } }
            verify(TestBackend.applySync(JSON.stringify({ rooms: rooms })))
            tryCompare(list(), "count", 15)
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
        function openFromBar(button) {
            const b = child(child(page, "selectionBar"), button)
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
            loadRooms()
        }
        function cleanup() {
            dialog().close()
            tryCompare(dialog(), "visible", false)
            const all = jobs.jobs
            for (let i = 0; i < all.length; ++i)
                all[i].cancel()
            tryCompare(jobs, "activeCount", 0)
        }

        function test_eta_names_and_cancel_focused() {
            select(["j01", "j02", "j03"])
            openFromBar("bulkLeaveButton")
            const d = dialog()
            compare(d.title, "Leave 3 rooms?")
            compare(listedNames(), ["Room 01", "Room 02", "Room 03"])
            compare(d.etaSeconds, jobs.estimateSeconds(3))
            verify(field("bulkCancelButton").activeFocus, "Cancel has the focus")
            verify(field("bulkReasonField").visible)
            // Enter does not act; Space on Cancel closes.
            keyClick(Qt.Key_Return)
            compare(jobs.jobs.length, 0)
            keyClick(Qt.Key_Space)
            tryCompare(d, "visible", false)
            compare(jobs.jobs.length, 0)
            compare(selection.count, 3)
        }

        function test_eta_text() {
            select(["j01", "j02", "j03", "j04", "j05", "j06", "j07", "j08", "j09", "j10", "j11", "j12"])
            openFromBar("bulkLeaveButton")
            const d = dialog()
            compare(d.etaSeconds, jobs.estimateSeconds(12))
            verify(jobs.estimateSeconds(12) > 1)
            compare(field("bulkEta").text, "About " + Theme.duration(jobs.estimateSeconds(12)) + " at the server's rate limit.")
            d.etaSeconds = 100
            compare(field("bulkEta").text, "About 1 min 40 s at the server's rate limit.")
            d.etaSeconds = 45
            compare(field("bulkEta").text, "About 45 s at the server's rate limit.")
            d.etaSeconds = 2460
            compare(field("bulkEta").text, "About 41 min at the server's rate limit.")
        }

        function test_confirm_submits_a_job_and_clears_the_selection() {
            for (const n of ["j02", "j04", "j06"])
                TestBackend.script("/_matrix/client/v3/rooms/" + enc(roomId(n)) + "/leave", [{ status: 200, body: "{}" }])
            select(["j02", "j04", "j06"])
            openFromBar("bulkLeaveButton")
            mouseClick(field("bulkReasonField"))
            for (const c of "tidy")
                keyClick(c)
            mouseClick(field("bulkConfirmButton"))
            tryCompare(dialog(), "visible", false)
            compare(selection.count, 0)
            compare(jobs.jobs.length, 1)
            const job = jobs.jobs[0]
            compare(job.title, "Leave 3 rooms")
            compare(job.total, 3)
            tryCompare(job, "state", Job.Finished, 10000)
            compare(job.done, 3)
            for (const n of ["j02", "j04", "j06"]) {
                const path = "/_matrix/client/v3/rooms/" + enc(roomId(n)) + "/leave"
                compare(TestBackend.requestCount(path), 1, n)
                compare(JSON.parse(TestBackend.lastRequestBody(path)).reason, "tidy")
            }
            compare(TestBackend.requestCount("/_matrix/client/v3/rooms/" + enc(roomId("j01"))), 0)
        }

        function test_leave_and_forget_accept_decline_forget_each_submit_theirs() {
            select(["j01", "i1", "i2", "l1"])
            openFromBar("bulkLeaveForgetButton")
            compare(dialog().title, "Leave and forget 1 room?")
            compare(listedNames(), ["Room 01"])
            dialog().close()
            tryCompare(dialog(), "visible", false)

            openFromBar("bulkAcceptButton")
            compare(dialog().title, "Accept 2 invitations?")
            verify(!field("bulkReasonField").visible)
            mouseClick(field("bulkConfirmButton"))
            tryCompare(dialog(), "visible", false)
            compare(jobs.jobs.length, 1)
            compare(jobs.jobs[0].kind, "join")
            compare(jobs.jobs[0].total, 2)
            compare(jobs.jobs[0].title, "Accept 2 invitations")

            select(["l1"])
            openFromBar("bulkForgetButton")
            compare(dialog().title, "Forget 1 room?")
            mouseClick(field("bulkConfirmButton"))
            tryCompare(dialog(), "visible", false)
            compare(jobs.jobs.length, 2)
            compare(jobs.jobs[1].kind, "forget")
        }

        function test_invite_to_all_needs_a_valid_user() {
            select(["j01", "j02"])
            openFromBar("bulkInviteButton")
            compare(dialog().title, "Invite someone to 2 rooms")
            const user = field("bulkUserField")
            tryVerify(() => user.activeFocus)
            compare(field("bulkConfirmButton").enabled, false)
            for (const c of "@bob")
                keyClick(c)
            compare(field("bulkConfirmButton").enabled, false)
            verify(field("bulkUserError").visible)
            for (const c of ":example.org")
                keyClick(c)
            verify(field("bulkConfirmButton").enabled)
            keyClick(Qt.Key_Return)
            tryCompare(dialog(), "visible", false)
            compare(jobs.jobs.length, 1)
            compare(jobs.jobs[0].kind, "invite")
            compare(jobs.jobs[0].results[0].userId, "@bob:example.org")
        }

        function test_refused_job_is_explained_and_the_dialog_stays() {
            TestBackend.closeJobs()
            select(["j01", "j02"])
            openFromBar("bulkLeaveButton")
            mouseClick(field("bulkConfirmButton"))
            const error = field("bulkError")
            tryCompare(error, "visible", true)
            verify(jobs.lastError !== "")
            compare(error.Accessible.name, jobs.lastError)
            compare(error.Accessible.role, Accessible.AlertMessage)
            compare(error.textFormat, Text.PlainText)
            verify(dialog().visible)
            compare(selection.count, 2) // kept: nothing was done
            // Nothing but the last-admin check's reads reached the rooms.
            const methods = TestBackend.requestMethods("/_matrix/client/v3/rooms/")
            compare(methods.filter(m => m !== "GET").length, 0, methods.join())
        }

        // --- Last admin warning ---
        // What the server says of a room: its power levels (users) and who is joined.
        function scriptPower(id, users, joined) {
            const path = "/_matrix/client/v3/rooms/" + enc(roomId(id))
            TestBackend.script(path + "/state/m.room.power_levels/",
                               [{ status: 200, body: JSON.stringify({ users: users }) }])
            TestBackend.script(path + "/state/m.room.create/",
                               [{ status: 200, body: JSON.stringify({ type: "m.room.create", sender: "@founder:example.org",
                                                                      content: { room_version: "10" } }) }])
            const members = {}
            for (const u of joined)
                members[u] = {}
            TestBackend.script(path + "/joined_members", [{ status: 200, body: JSON.stringify({ joined: members }) }])
        }
        // j01, j02: the only admin; j03: another admin is joined; j04: cannot be read.
        function scriptMixedRooms() {
            const me = TestBackend.userId
            scriptPower("j01", { "@me:example.org": 100 }, [me, "@bob:example.org"])
            scriptPower("j02", { "@me:example.org": 100, "@gone:example.org": 100 }, [me, "@bob:example.org"])
            scriptPower("j03", { "@me:example.org": 100, "@ann:example.org": 100 }, [me, "@ann:example.org"])
            TestBackend.script("/_matrix/client/v3/rooms/" + enc(roomId("j04")) + "/",
                               [{ status: 403, body: '{"errcode":"M_FORBIDDEN","error":"Nope"}' }])
            for (const n of ["j01", "j02", "j03", "j04"])
                TestBackend.script("/_matrix/client/v3/rooms/" + enc(roomId(n)) + "/leave", [{ status: 200, body: "{}" }])
        }
        function adminNames() {
            const names = []
            const rows = field("bulkAdminWarning").parent.children
            for (let i = 0; i < rows.length; ++i)
                if (rows[i].objectName === "bulkAdminRoom" && rows[i].visible)
                    names.push(findChild(rows[i], "bulkAdminRoomName").text)
            return names
        }

        function test_last_admin_rooms_are_listed_and_excluded_in_one_click() {
            scriptMixedRooms()
            select(["j01", "j02", "j03", "j04"])
            openFromBar("bulkLeaveButton")
            const d = dialog()
            const check = TestBackend.services.leaveCheck
            tryCompare(check, "state", LeaveCheck.Checked)
            compare(d.soleAdminIds, [roomId("j01"), roomId("j02")])
            compare(adminNames(), ["Room 01", "Room 02"])
            const warning = field("bulkAdminWarning")
            compare(warning.text, "You are the only admin of 2 of these rooms. Promote someone before you leave, or nobody will be able to change their settings.")
            compare(warning.Accessible.role, Accessible.AlertMessage)
            compare(field("bulkAdminUnknown").text, "Whether you are the only admin could not be checked for 1 of these rooms.")
            const exclude = field("bulkExcludeAdminRoomsButton")
            compare(exclude.text, "Exclude these 2 rooms")
            waitForRendering(d.contentItem) // the button has just appeared: laid out
            mouseClick(exclude)
            compare(d.title, "Leave 2 rooms?")
            compare(listedNames(), ["Room 03", "Room 04"])
            compare(d.etaSeconds, jobs.estimateSeconds(2))
            verify(!warning.visible)
            verify(!exclude.visible)
            compare(adminNames(), [])
            mouseClick(field("bulkConfirmButton"))
            tryCompare(d, "visible", false)
            compare(jobs.jobs.length, 1)
            const job = jobs.jobs[0]
            compare(job.total, 2)
            tryCompare(job, "state", Job.Finished, 10000)
            for (const n of ["j03", "j04"])
                compare(TestBackend.requestCount("/_matrix/client/v3/rooms/" + enc(roomId(n)) + "/leave"), 1, n)
            for (const n of ["j01", "j02"])
                compare(TestBackend.requestCount("/_matrix/client/v3/rooms/" + enc(roomId(n)) + "/leave"), 0, n)
        }

        function test_one_last_admin_room_is_excluded_on_its_own() {
            scriptMixedRooms()
            select(["j01", "j02", "j03"])
            openFromBar("bulkLeaveForgetButton")
            const d = dialog()
            tryCompare(TestBackend.services.leaveCheck, "state", LeaveCheck.Checked)
            compare(adminNames(), ["Room 01", "Room 02"])
            waitForRendering(d.contentItem) // the rows have just appeared: laid out
            const rowButton = field("bulkExcludeRoomButton") // the first row's
            compare(rowButton.Accessible.name, "Exclude Room 01")
            mouseClick(rowButton)
            compare(d.title, "Leave and forget 2 rooms?")
            compare(listedNames(), ["Room 02", "Room 03"])
            compare(adminNames(), ["Room 02"])
            compare(field("bulkAdminWarning").text, "You are the only admin of 1 of these rooms. Promote someone before you leave, or nobody will be able to change its settings.")
            compare(field("bulkExcludeAdminRoomsButton").text, "Exclude this room")
            verify(!field("bulkAdminUnknown").visible)
        }

        function test_other_actions_are_not_checked() {
            select(["i1", "i2"])
            openFromBar("bulkDeclineButton")
            verify(!field("bulkAdminChecking").visible)
            verify(!field("bulkAdminWarning").visible)
            compare(TestBackend.requestCount("/_matrix/client/v3/rooms/" + enc(roomId("i1"))), 0)
        }
    }
}
