import QtQuick
import QtQuick.Controls
import QtTest
import Concierge.Core
import Concierge.Test
import Concierge.Ui

Item {
    id: root
    width: 800
    height: 600

    LeaveDialog { id: leave }
    ForgetDialog { id: forget }

    SignalSpy { id: leaveSpy; target: leave; signalName: "leaveRequested" }
    // The same dialog with the real LeaveCheck (services.leaveCheck) against the fake server.
    LeaveDialog { id: checked; leaveCheck: TestBackend.services.leaveCheck }
    SignalSpy { id: checkedLeaveSpy; target: checked; signalName: "leaveRequested" }
    SignalSpy { id: checkedManySpy; target: checked; signalName: "leaveManyRequested" }
    SignalSpy { id: forgetSpy; target: forget; signalName: "forgetRequested" }

    TestCase {
        name: "LeaveDialog"
        when: windowShown

        function item(dialog, name) {
            const found = findChild(dialog.contentItem, name) || findChild(dialog.footer, name)
                       || (dialog.header.objectName === name ? dialog.header : null)
            verify(found, "item " + name)
            return found
        }

        function init() {
            leave.openFor("!room:example.org", "<b>Old</b> room")
            tryCompare(leave, "opened", true)
            leaveSpy.clear()
        }
        function cleanup() {
            leave.close()
            tryCompare(leave, "visible", false)
        }

        function test_title_plain_text() {
            compare(item(leave, "leaveDialogTitle").text, "Leave <b>Old</b> room")
            compare(item(leave, "leaveDialogTitle").textFormat, Text.PlainText)
        }

        function test_leave_with_reason() {
            tryVerify(() => item(leave, "leaveReasonField").activeFocus)
            keyClick("b"); keyClick("y"); keyClick("e")
            mouseClick(item(leave, "leaveConfirmButton"))
            compare(leaveSpy.count, 1)
            compare(leaveSpy.signalArguments[0][0], "!room:example.org")
            compare(leaveSpy.signalArguments[0][1], "bye")
            compare(leaveSpy.signalArguments[0][2], false)
            tryCompare(leave, "visible", false)
        }

        function test_also_forget() {
            const check = item(leave, "leaveForgetCheck")
            mouseClick(check)
            verify(check.checked)
            compare(item(leave, "leaveConfirmButton").text, "Leave and forget")
            mouseClick(item(leave, "leaveReasonField"))
            keyClick(Qt.Key_Return)
            compare(leaveSpy.count, 1)
            compare(leaveSpy.signalArguments[0][1], "")
            compare(leaveSpy.signalArguments[0][2], true)
        }

        function test_reopen_resets() {
            mouseClick(item(leave, "leaveForgetCheck"))
            keyClick(Qt.Key_Escape)
            tryCompare(leave, "visible", false)
            compare(leaveSpy.count, 0)
            leave.openFor("!other:example.org", "Other")
            tryCompare(leave, "opened", true)
            compare(item(leave, "leaveForgetCheck").checked, false)
            compare(item(leave, "leaveReasonField").text, "")
        }
    }

    // The last-admin warning and the older versions of an upgraded room.
    TestCase {
        name: "LeaveDialogChecks"
        when: windowShown

        readonly property LeaveCheck leaveCheck: TestBackend.services.leaveCheck
        readonly property string me: TestBackend.userId

        function item(name) {
            const found = findChild(checked.contentItem, name) || findChild(checked.footer, name)
            verify(found, "item " + name)
            return found
        }
        function roomPath(id) {
            return "/_matrix/client/v3/rooms/" + encodeURIComponent(id).replace(/!/g, "%21")
        }
        // A joined room as /sync gives it: its name, the room it replaced and the room that
        // replaced it ("" for none).
        function syncRoom(name, predecessor, successor) {
            const create = { room_version: "10" }
            if (predecessor !== "")
                create.predecessor = { room_id: predecessor }
            const events = [{ type: "m.room.create", state_key: "", sender: me, content: create },
                            { type: "m.room.name", state_key: "", sender: me, content: { name: name } }]
            if (successor !== "")
                events.push({ type: "m.room.tombstone", state_key: "", sender: me,
                              content: { replacement_room: successor, body: "upgraded" } })
            return { state: { events: events } }
        }
        // What the server says of a room: its power levels (users) and who is joined.
        function scriptRoom(id, users, joined) {
            TestBackend.script(roomPath(id) + "/state/m.room.power_levels/",
                               [{ status: 200, body: JSON.stringify({ users: users, users_default: 0 }) }])
            TestBackend.script(roomPath(id) + "/state/m.room.create/",
                               [{ status: 200, body: JSON.stringify({ type: "m.room.create", sender: me,
                                                                      content: { room_version: "10" } }) }])
            const members = {}
            for (const u of joined)
                members[u] = {}
            TestBackend.script(roomPath(id) + "/joined_members",
                               [{ status: 200, body: JSON.stringify({ joined: members }) }])
        }
        function openOn(id, name) {
            checked.openFor(id, name)
            tryCompare(checked, "opened", true)
        }

        function initTestCase() {
            TestBackend.connectToServer()
        }
        function init() {
            TestBackend.reset()
            const join = {}
            join["!solo:example.org"] = syncRoom("Solo", "", "")
            join["!shared:example.org"] = syncRoom("Shared", "", "")
            join["!broken:example.org"] = syncRoom("Broken", "", "")
            join["!slow:example.org"] = syncRoom("Slow", "", "")
            join["!v1:example.org"] = syncRoom("Version 1", "", "!v2:example.org")
            join["!v2:example.org"] = syncRoom("Version 2", "!v1:example.org", "")
            verify(TestBackend.applySync(JSON.stringify({ rooms: { join: join } })))
            checkedLeaveSpy.clear()
            checkedManySpy.clear()
        }
        function cleanup() {
            checked.close()
            tryCompare(checked, "visible", false)
            leaveCheck.clear()
        }

        function test_sole_admin_is_warned_and_may_still_leave() {
            scriptRoom("!solo:example.org", { "@me:example.org": 100 }, [me, "@bob:example.org"])
            openOn("!solo:example.org", "Solo")
            tryCompare(leaveCheck, "state", LeaveCheck.Checked)
            const warning = item("leaveAdminWarning")
            compare(warning.text, "You are the only admin of Solo. Promote someone before you leave, or nobody will be able to change its settings.")
            verify(warning.visible)
            compare(warning.Accessible.role, Accessible.AlertMessage)
            verify(!item("leaveAdminChecking").visible)
            compare(TestBackend.requestCount(roomPath("!solo:example.org") + "/joined_members"), 1)
            mouseClick(item("leaveConfirmButton"))
            compare(checkedLeaveSpy.count, 1)
            compare(checkedLeaveSpy.signalArguments[0][0], "!solo:example.org")
        }

        function test_another_admin_means_no_warning() {
            scriptRoom("!shared:example.org", { "@me:example.org": 100, "@ann:example.org": 100 },
                       [me, "@ann:example.org"])
            openOn("!shared:example.org", "Shared")
            tryCompare(leaveCheck, "state", LeaveCheck.Checked)
            compare(leaveCheck.soleAdminRoomIds.length, 0)
            verify(!item("leaveAdminWarning").visible)
            verify(!item("leaveAdminUnknown").visible)
        }

        function test_a_failed_check_says_so_and_does_not_block() {
            TestBackend.script(roomPath("!broken:example.org") + "/",
                               [{ status: 403, body: '{"errcode":"M_FORBIDDEN","error":"Nope"}' }])
            openOn("!broken:example.org", "Broken")
            tryCompare(leaveCheck, "state", LeaveCheck.Checked)
            const unknown = item("leaveAdminUnknown")
            verify(unknown.visible)
            verify(unknown.text.indexOf("Whether you are the only admin could not be checked: ") === 0, unknown.text)
            verify(unknown.text.indexOf("M_FORBIDDEN") > 0, unknown.text)
            verify(!item("leaveAdminWarning").visible)
            verify(item("leaveConfirmButton").enabled)
            mouseClick(item("leaveConfirmButton"))
            compare(checkedLeaveSpy.count, 1)
        }

        function test_a_check_in_progress_shows_quietly() {
            TestBackend.script(roomPath("!slow:example.org") + "/", [{ stall: true }])
            openOn("!slow:example.org", "Slow")
            const checking = item("leaveAdminChecking")
            tryVerify(() => checking.visible)
            compare(checking.text, "Checking whether someone else can manage this room…")
            compare(checking.Accessible.role, Accessible.StaticText)
            verify(!item("leaveAdminWarning").visible)
            verify(item("leaveConfirmButton").enabled)
        }

        function test_no_older_versions_no_checkbox() {
            scriptRoom("!solo:example.org", { "@me:example.org": 100 }, [me])
            openOn("!solo:example.org", "Solo")
            verify(!item("leavePredecessorsCheck").visible)
            verify(!item("leavePredecessorsList").visible)
        }

        function test_older_versions_are_offered_and_left_in_one_go() {
            scriptRoom("!v2:example.org", { "@me:example.org": 100 }, [me, "@bob:example.org"])
            scriptRoom("!v1:example.org", { "@me:example.org": 100, "@ann:example.org": 100 },
                       [me, "@ann:example.org"])
            openOn("!v2:example.org", "Version 2")
            const box = item("leavePredecessorsCheck")
            verify(box.visible)
            compare(box.text, "Also leave the older version of this room")
            verify(!box.checked)
            compare(item("leavePredecessorsList").text, "Version 1")
            // Both rooms are checked; the older one needs no warning.
            tryCompare(leaveCheck, "state", LeaveCheck.Checked)
            compare(leaveCheck.roomIds, ["!v2:example.org", "!v1:example.org"])
            compare(leaveCheck.soleAdminRoomIds, ["!v2:example.org"])
            compare(item("leaveAdminWarning").text, "You are the only admin of Version 2. Promote someone before you leave, or nobody will be able to change its settings.")
            mouseClick(box)
            verify(box.checked)
            mouseClick(item("leaveConfirmButton"))
            compare(checkedLeaveSpy.count, 0)
            compare(checkedManySpy.count, 1)
            compare(checkedManySpy.signalArguments[0][0], ["!v2:example.org", "!v1:example.org"])
            compare(checkedManySpy.signalArguments[0][1], "")
            compare(checkedManySpy.signalArguments[0][2], false)
        }

        function test_unchecked_leaves_only_the_room() {
            scriptRoom("!v2:example.org", { "@me:example.org": 100 }, [me, "@ann:example.org"])
            scriptRoom("!v1:example.org", { "@me:example.org": 100 }, [me])
            openOn("!v2:example.org", "Version 2")
            tryCompare(leaveCheck, "state", LeaveCheck.Checked)
            // The older version's warning shows only when it is to be left too.
            compare(item("leaveAdminWarning").text, "You are the only admin of Version 2. Promote someone before you leave, or nobody will be able to change its settings.")
            mouseClick(item("leavePredecessorsCheck"))
            compare(item("leaveAdminWarning").text.split("\n").length, 2)
            mouseClick(item("leavePredecessorsCheck"))
            mouseClick(item("leaveConfirmButton"))
            compare(checkedManySpy.count, 0)
            compare(checkedLeaveSpy.count, 1)
            compare(checkedLeaveSpy.signalArguments[0][0], "!v2:example.org")
        }
    }

    TestCase {
        name: "ForgetDialog"
        when: windowShown

        function item(name) {
            const found = findChild(forget.contentItem, name) || findChild(forget.footer, name)
                       || (forget.header.objectName === name ? forget.header : null)
            verify(found, "item " + name)
            return found
        }

        function init() {
            forget.openFor("!gone:example.org", "Old project")
            tryCompare(forget, "opened", true)
            forgetSpy.clear()
        }
        function cleanup() {
            forget.close()
            tryCompare(forget, "visible", false)
        }

        function test_explains_history() {
            verify(item("forgetExplanation").text.indexOf("history") >= 0)
            verify(item("forgetExplanation").text.indexOf("cannot be undone") >= 0)
            compare(item("forgetDialogTitle").text, "Forget Old project")
        }

        function test_cancel_is_default_and_does_nothing() {
            tryVerify(() => item("forgetCancelButton").activeFocus)
            keyClick(Qt.Key_Return)
            tryCompare(forget, "visible", false)
            compare(forgetSpy.count, 0)
        }

        function test_confirm_emits() {
            mouseClick(item("forgetConfirmButton"))
            compare(forgetSpy.count, 1)
            compare(forgetSpy.signalArguments[0][0], "!gone:example.org")
            tryCompare(forget, "visible", false)
        }
    }
}
