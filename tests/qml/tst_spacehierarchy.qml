import QtQuick
import QtQuick.Controls
import QtTest
import Concierge.Core
import Concierge.Test
import Concierge.Ui

// Acting on a space (issue 15) with real services: the hierarchy dialog loads every page of the
// space's hierarchy from the fake homeserver, says per room whether you can join and why not,
// selects with Space, and joins the selection as one job (each room's `via` from the space's
// m.space.child); the leave-space dialog leaves none, all or the chosen rooms, children first,
// then the space, and warns about rooms you could not rejoin.
Item {
    id: root
    width: 900
    height: 700

    SpaceHierarchyDialog {
        id: browse
        hierarchy: TestBackend.services.hierarchy
    }
    LeaveSpaceDialog {
        id: leave
        hierarchy: TestBackend.services.hierarchy
        leaveCheck: TestBackend.services.leaveCheck
    }

    TestCase {
        id: test
        name: "SpaceHierarchy"
        when: windowShown

        readonly property string space: "!s:example.org"
        readonly property string hierarchyPath: "/_matrix/client/v1/rooms/%21s%3Aexample.org/hierarchy"

        function child(roomId, via) {
            return { type: "m.space.child", state_key: roomId, sender: "@admin:example.org",
                     origin_server_ts: 1, content: { via: via } }
        }
        function room(roomId, name, rule, children, isSpace) {
            const r = { room_id: roomId, name: name, join_rule: rule, num_joined_members: 2,
                        world_readable: false, guest_can_join: false, children_state: children || [] }
            if (isSpace)
                r.room_type = "m.space"
            return r
        }
        // Two pages: the space with a public room, an invite-only room (joined) and a
        // restricted room; then an invite-only room you are not in.
        function scriptSpace(spaceRule) {
            TestBackend.script(hierarchyPath, [
                { status: 200, body: JSON.stringify({ next_batch: "p2", rooms: [
                    room(space, "Team <b>space</b>", spaceRule || "public", [
                        child("!pub:example.org", ["example.org", "other.org"]),
                        child("!inv:example.org", ["example.org"]),
                        child("!res:example.org", ["example.org"]),
                        child("!closed:example.org", ["example.org"])], true),
                    room("!pub:example.org", "Lobby", "public") ] }) },
                { status: 200, body: JSON.stringify({ rooms: [
                    room("!inv:example.org", "Board", "invite"),
                    room("!res:example.org", "Members only", "restricted"),
                    room("!closed:example.org", "Closed", "invite") ] }) } ])
            verify(TestBackend.applySync(JSON.stringify({ rooms: { join: { "!s:example.org": {}, "!inv:example.org": {} } } })))
        }
        function find(item, name) {
            const found = findChild(item, name)
            verify(found, "item " + name)
            return found
        }
        function loadBrowse() {
            scriptSpace()
            browse.openFor(space)
            tryCompare(browse, "opened", true)
            tryCompare(TestBackend.services.hierarchy, "status", HierarchyModel.Loaded, 10000)
        }

        function initTestCase() {
            TestBackend.connectToServer()
        }
        function init() {
            TestBackend.reset()
            TestBackend.services.hierarchy.clear()
            verify(TestBackend.openJobs())
        }
        function cleanup() {
            browse.close()
            leave.close()
            tryCompare(browse, "visible", false)
            tryCompare(leave, "visible", false)
            TestBackend.services.hierarchy.spaceId = ""
        }

        function test_browse_lists_every_page_and_why_not() {
            loadBrowse()
            compare(TestBackend.requestQueries(hierarchyPath).length, 2)
            verify(TestBackend.requestQueries(hierarchyPath)[1].indexOf("from=p2") >= 0)
            // The title quotes the server's name as plain text.
            compare(browse.title, "Rooms in Team <b>space</b>")
            verify(/^2 rooms? you can join or ask to join\.$/.test(find(browse, "hierarchyStatus").text.replace("(s)", "s")))
            const list = find(browse, "hierarchyList")
            tryCompare(list, "count", 5)
            const closed = TestBackend.services.hierarchy.get(4)
            compare(closed.name, "Closed")
            compare(closed.canJoin, false)
            compare(closed.joinNote, "Invite only: you need an invite.")
            const restricted = TestBackend.services.hierarchy.get(3)
            compare(restricted.joinNote, "Members of Team <b>space</b> can join.")
            list.currentIndex = 4
            const row = find(list, "hierarchyRow_4")
            compare(row.Accessible.name, "Closed. Invite only: you need an invite.")
            compare(row.Accessible.checkable, false)
            // No check box is drawn on a row that cannot be chosen; one is on a joinable row.
            compare(find(row, "hierarchyCheck_4").opacity, 0)
            compare(find(list, "hierarchyCheck_1").opacity, 1)
            // Every page was read: nothing says the list is cut short.
            compare(TestBackend.services.hierarchy.truncated, false)
            verify(find(browse, "hierarchyStatus").text.indexOf("more rooms than are shown") < 0)
            compare(browse.description, "")
        }

        // A server that repeats its page token: loading stops, and the dialog says, visibly and to
        // screen readers, that the space has more rooms than it shows.
        function test_a_list_cut_short_says_so() {
            TestBackend.script(hierarchyPath, [
                { status: 200, body: JSON.stringify({ next_batch: "again", rooms: [
                    room(space, "Team", "public", [child("!pub:example.org", ["example.org"])], true),
                    room("!pub:example.org", "Lobby", "public") ] }) },
                { status: 200, body: JSON.stringify({ next_batch: "again", rooms: [] }) } ])
            browse.openFor(space)
            tryCompare(browse, "opened", true)
            tryCompare(TestBackend.services.hierarchy, "status", HierarchyModel.Loaded, 10000)
            compare(TestBackend.services.hierarchy.truncated, true)
            const status = find(browse, "hierarchyStatus")
            verify(status.visible)
            verify(status.text.endsWith(" This space has more rooms than are shown."), status.text)
            compare(browse.description, "This space has more rooms than are shown.")
        }

        // Space on a joinable row selects it; on an invite-only row nothing; Join: one job with
        // the rooms' via, sent to the server.
        function test_select_with_space_and_join_one_job() {
            loadBrowse()
            TestBackend.script("/_matrix/client/v3/join/", [{ status: 200, body: JSON.stringify({ room_id: "!x:example.org" }) }])
            const list = find(browse, "hierarchyList")
            tryCompare(list, "count", 5)
            list.forceActiveFocus(Qt.TabFocusReason)
            list.currentIndex = 1
            keyClick(Qt.Key_Space)
            list.currentIndex = 4
            keyClick(Qt.Key_Space)
            compare(TestBackend.services.hierarchy.selectedRoomIds(), ["!pub:example.org"])
            const join = find(browse.footer, "hierarchyJoin")
            verify(join.text.startsWith("Join 1 room"), join.text)
            find(browse.footer, "hierarchySelectAll").clicked()
            compare(TestBackend.services.hierarchy.selectedCount, 2)
            let started = null
            browse.joinStarted.connect(job => started = job)
            mouseClick(join)
            verify(started)
            compare(started.total, 2)
            tryCompare(started, "state", Job.Finished, 10000)
            compare(TestBackend.requestPaths("/_matrix/client/v3/join/"),
                    ["/_matrix/client/v3/join/%21pub%3Aexample.org", "/_matrix/client/v3/join/%21res%3Aexample.org"])
            verify(TestBackend.requestQueries("/_matrix/client/v3/join/%21pub")[0].indexOf("via=other.org") >= 0)
            compare(browse.visible, false)
        }

        // "All": the rooms you are in, then the space; the invite-only room is named as one you
        // could not rejoin.
        function test_leave_all_children_first_with_warning() {
            scriptSpace()
            TestBackend.script("/_matrix/client/v3/rooms/", [{ status: 200, body: "{}" }])
            leave.openFor(space)
            tryCompare(leave, "opened", true)
            tryCompare(TestBackend.services.hierarchy, "status", HierarchyModel.Loaded, 10000)
            compare(leave.joinedRooms, ["!inv:example.org"])
            // Focus starts on Cancel.
            verify(find(leave.footer, "leaveSpaceCancel").activeFocus)
            const warning = find(leave, "leaveSpaceRejoinWarning")
            compare(warning.visible, false)
            mouseClick(find(leave, "leaveSpaceAll"))
            compare(leave.scope, "all")
            compare(leave.roomsToLeave, ["!inv:example.org"])
            compare(leave.rejoinWarnings.length, 1)
            compare(warning.visible, true)
            compare(warning.Accessible.role, Accessible.AlertMessage)
            verify(warning.text.indexOf("Board: Invite only: you could not rejoin without a new invite.") >= 0)
            let started = null
            leave.leaveStarted.connect(job => started = job)
            mouseClick(find(leave.footer, "leaveSpaceConfirm"))
            verify(started)
            tryCompare(started, "state", Job.Finished, 10000)
            const leaves = TestBackend.requestPaths("/_matrix/client/v3/rooms/").filter(p => p.endsWith("/leave"))
            compare(leaves, ["/_matrix/client/v3/rooms/%21inv%3Aexample.org/leave",
                             "/_matrix/client/v3/rooms/%21s%3Aexample.org/leave"])
        }

        // An invite-only space: leaving it alone ("None") already warns, naming the space.
        function test_leave_invite_only_space_warns() {
            scriptSpace("invite")
            leave.openFor(space)
            tryCompare(TestBackend.services.hierarchy, "status", HierarchyModel.Loaded, 10000)
            compare(leave.scope, "none")
            compare(leave.roomsToLeave, [])
            compare(leave.rejoinWarnings, ["Team <b>space</b>: Invite only: you could not rejoin without a new invite."])
            const warning = find(leave, "leaveSpaceRejoinWarning")
            compare(warning.visible, true)
            verify(warning.text.indexOf("Team <b>space</b>: Invite only") >= 0, warning.text)
        }

        // "None" (the default): the space alone.
        function test_leave_none_is_the_space_alone() {
            scriptSpace()
            TestBackend.script("/_matrix/client/v3/rooms/", [{ status: 200, body: "{}" }])
            leave.openFor(space)
            tryCompare(TestBackend.services.hierarchy, "status", HierarchyModel.Loaded, 10000)
            compare(leave.scope, "none")
            let started = null
            leave.leaveStarted.connect(job => started = job)
            mouseClick(find(leave.footer, "leaveSpaceConfirm"))
            verify(started)
            tryCompare(started, "state", Job.Finished, 10000)
            const leaves = TestBackend.requestPaths("/_matrix/client/v3/rooms/").filter(p => p.endsWith("/leave"))
            compare(leaves, ["/_matrix/client/v3/rooms/%21s%3Aexample.org/leave"])
        }
    }
}
