import QtQuick
import QtQuick.Controls
import QtTest
import Concierge.Ui

Item {
    id: root
    width: 800
    height: 600

    LeaveDialog { id: leave }
    ForgetDialog { id: forget }

    SignalSpy { id: leaveSpy; target: leave; signalName: "leaveRequested" }
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
