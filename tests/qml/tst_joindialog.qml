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

    JoinDialog {
        id: dialog
    }

    SignalSpy {
        id: joinSpy
        target: dialog
        signalName: "joinRequested"
    }
    SignalSpy {
        id: stopSpy
        target: dialog
        signalName: "stopRequested"
    }

    TestCase {
        name: "JoinDialog"
        when: windowShown

        function field(name) {
            const item = findChild(dialog.contentItem, name) || findChild(dialog.footer, name)
            verify(item, "item " + name)
            return item
        }
        function type(name, text) {
            const f = field(name)
            f.text = ""
            mouseClick(f)
            tryVerify(() => f.activeFocus)
            keySequence(StandardKey.SelectAll)
            keyClick(Qt.Key_Delete)
            for (let i = 0; i < text.length; ++i)
                keyClick(text[i])
            compare(f.text, text)
        }

        // What the page does with joinRequested: run the join, give the dialog its operation.
        function joinAsPage() {
            compare(joinSpy.count, 1)
            const args = joinSpy.signalArguments[0]
            dialog.operation = TestBackend.services.membership.join(args[0], args[1], args[2])
            verify(dialog.operation)
            return dialog.operation
        }

        function initTestCase() {
            TestBackend.connectToServer()
        }
        function init() {
            dialog.reset()
            dialog.open()
            tryCompare(dialog, "opened", true)
            joinSpy.clear()
            stopSpy.clear()
        }
        function cleanup() {
            if (dialog.operation)
                dialog.operation.cancel()
            dialog.close()
            tryCompare(dialog, "visible", false)
        }

        // Issue 13: what is known about the room shows under the address as soon as it is
        // valid (the server's room summary, asked with the link's and the field's via servers);
        // nothing is asked for an invalid address.
        function test_valid_address_is_previewed() {
            TestBackend.reset()
            const summaryPath = "/_matrix/client/v1/room_summary/"
            dialog.previewObject = TestBackend.services.createPreview()
            TestBackend.script(summaryPath, [{ status: 200, body: JSON.stringify({
                room_id: "!club:example.org", name: "<b>Chess</b> club", num_joined_members: 7,
                join_rule: "knock", guest_can_join: false, world_readable: false }) }])
            const pane = field("joinPreview")
            type("joinAddressField", "#club")
            compare(pane.visible, false)
            type("joinAddressField", "#club:example.org")
            type("joinViaField", "other.example")
            tryCompare(pane, "visible", true)
            tryCompare(dialog.preview, "state", RoomPreview.Known, 5000)
            const paths = TestBackend.requestPaths(summaryPath)
            compare(paths[paths.length - 1], summaryPath + "%23club%3Aexample.org")
            verify(TestBackend.requestPaths(summaryPath).every(p => p.indexOf("%23club%3Aexample.org") > 0),
                   "only the valid address was asked for: " + paths)
            const name = findChild(pane, "previewName")
            compare(name.text, "<b>Chess</b> club")
            compare(name.textFormat, Text.PlainText)
            // A knock room: the pane offers to ask, the dialog's own Join stays the join.
            verify(findChild(pane, "previewKnockButton").visible)
            compare(findChild(pane, "previewJoinButton").visible, false)
            dialog.previewObject = null
        }

        function test_empty_disabled_without_error() {
            compare(field("joinConfirmButton").enabled, false)
            compare(field("joinAddressError").visible, false)
            compare(field("joinAddressField").activeFocus, true)
        }

        function test_invalid_address_explains() {
            type("joinAddressField", "#lobby")
            compare(field("joinConfirmButton").enabled, false)
            verify(field("joinAddressError").visible)
            verify(field("joinAddressError").text.length > 0)
            mouseClick(field("joinConfirmButton"))
            compare(joinSpy.count, 0)
        }

        function test_plain_text_is_rejected() {
            type("joinAddressField", "lobby")
            compare(field("joinConfirmButton").enabled, false)
            verify(field("joinAddressError").text.length > 0)
        }

        function test_alias_joins_with_reason() {
            type("joinAddressField", "#room:example.org")
            compare(field("joinAddressError").visible, false)
            type("joinReasonField", "hello")
            verify(field("joinConfirmButton").enabled)
            mouseClick(field("joinConfirmButton"))
            compare(joinSpy.count, 1)
            compare(joinSpy.signalArguments[0][0], "#room:example.org")
            compare(joinSpy.signalArguments[0][1].length, 0)
            compare(joinSpy.signalArguments[0][2], "hello")
            // The page closes the dialog when the join succeeded; until then it stays open.
            verify(dialog.visible)
        }

        function test_enter_submits() {
            type("joinAddressField", "!abc:example.org")
            keyClick(Qt.Key_Return)
            compare(joinSpy.count, 1)
            compare(joinSpy.signalArguments[0][0], "!abc:example.org")
        }

        function test_enter_on_invalid_does_nothing() {
            type("joinAddressField", "#nope")
            keyClick(Qt.Key_Return)
            compare(joinSpy.count, 0)
        }

        function test_matrix_to_link_fills_via() {
            type("joinAddressField", "https://matrix.to/#/#room:example.org?via=a.org&via=b.org")
            compare(field("joinViaField").text, "a.org, b.org")
            verify(field("joinLinkTarget").visible)
            verify(field("joinLinkTarget").text.indexOf("#room:example.org") >= 0)
            mouseClick(field("joinConfirmButton"))
            compare(joinSpy.count, 1)
            compare(joinSpy.signalArguments[0][0], "#room:example.org")
            compare(joinSpy.signalArguments[0][1].length, 2)
            compare(joinSpy.signalArguments[0][1][0], "a.org")
            compare(joinSpy.signalArguments[0][1][1], "b.org")
        }

        function test_matrix_uri_with_action_asks() {
            type("joinAddressField", "matrix:roomid/abc:example.org?via=example.org&action=join")
            verify(field("joinLinkNotice").visible)
            verify(field("joinLinkNotice").text.indexOf("!abc:example.org") >= 0)
            // Asking means: nothing happens until Join is chosen.
            compare(joinSpy.count, 0)
            mouseClick(field("joinConfirmButton"))
            compare(joinSpy.count, 1)
            compare(joinSpy.signalArguments[0][0], "!abc:example.org")
        }

        function test_openWith_link_from_command_line() {
            dialog.close()
            dialog.openWith("matrix:r/lobby:example.org", true)
            tryCompare(dialog, "opened", true)
            compare(field("joinAddressField").text, "matrix:r/lobby:example.org")
            verify(field("joinLinkNotice").visible)
            verify(field("joinConfirmButton").enabled)
            compare(joinSpy.count, 0)
        }

        function test_bad_link_explains() {
            type("joinAddressField", "matrix:u/someone:example.org")
            compare(field("joinConfirmButton").enabled, false)
            verify(field("joinAddressError").text.length > 0)
        }

        function test_invalid_via_blocks() {
            type("joinAddressField", "#room:example.org")
            type("joinViaField", "good.org, bad_server!")
            compare(field("joinConfirmButton").enabled, false)
            verify(field("joinViaError").text.length > 0)
            type("joinViaField", "good.org other.org")
            verify(field("joinConfirmButton").enabled)
            mouseClick(field("joinConfirmButton"))
            compare(joinSpy.signalArguments[0][1].length, 2)
        }

        // Defect 2: more via servers than the service accepts disable Join, with the service's
        // own message (nothing is dropped silently).
        function test_too_many_via_servers_block_with_the_services_message() {
            type("joinAddressField", "#room:example.org")
            type("joinViaField", "a.org, b.org, c.org")
            verify(field("joinConfirmButton").enabled)
            compare(field("joinViaError").kind, FormMessage.Kind.Hint)
            type("joinViaField", "a.org, b.org, c.org, d.org")
            compare(field("joinConfirmButton").enabled, false)
            const expected = IdentifierValidator.viaServersError(["a.org", "b.org", "c.org", "d.org"])
            verify(expected.indexOf("3") >= 0, expected)
            compare(field("joinViaError").text, expected)
            compare(field("joinViaError").kind, FormMessage.Kind.Error)
            keyClick(Qt.Key_Return)
            mouseClick(field("joinConfirmButton"))
            compare(joinSpy.count, 0)
            // A duplicate is not a fourth server (the service drops it too).
            type("joinViaField", "a.org, b.org, c.org, a.org")
            verify(field("joinConfirmButton").enabled)
        }

        function test_link_with_many_via_servers_blocks() {
            type("joinAddressField", "https://matrix.to/#/#room:example.org?via=a.org&via=b.org&via=c.org&via=d.org")
            compare(field("joinViaField").text, "a.org, b.org, c.org, d.org")
            compare(field("joinConfirmButton").enabled, false)
            compare(field("joinViaError").text,
                    IdentifierValidator.viaServersError(["a.org", "b.org", "c.org", "d.org"]))
        }

        function test_running_operation_disables_everything() {
            TestBackend.script("/_matrix/client/v3/join", [{ stall: true }])
            type("joinAddressField", "#stall:example.org")
            mouseClick(field("joinConfirmButton"))
            const op = joinAsPage()
            verify(dialog.busy)
            compare(field("joinConfirmButton").enabled, false)
            compare(field("joinAddressField").enabled, false)
            compare(field("joinConfirmButton").text, "Joining…")
            tryCompare(op, "state", Operation.Running)
            verify(!field("joinStopButton").visible) // on its way: nothing to stop here
            op.cancel()
            tryVerify(() => !dialog.busy)
            verify(dialog.visible)
            verify(field("joinConfirmButton").enabled)
        }

        function test_failed_operation_shows_the_servers_error() {
            TestBackend.script("/_matrix/client/v3/join",
                               [{ status: 404, body: '{"errcode":"M_NOT_FOUND","error":"Room alias <b>not</b> found"}' }])
            type("joinAddressField", "#missing:example.org")
            keyClick(Qt.Key_Return)
            const op = joinAsPage()
            tryCompare(op, "state", Operation.Failed)
            verify(!dialog.busy)
            verify(dialog.visible)
            const error = field("joinServerError")
            verify(error.visible)
            compare(error.text, op.error.summary)
            verify(error.text.indexOf("M_NOT_FOUND") >= 0, error.text)
            compare(error.textFormat, Text.PlainText)
            verify(field("joinConfirmButton").enabled) // trying again is one click
        }

        function test_refused_operation_shows_why() {
            // Refused by the service itself (here: an invalid room ID slipped past the dialog).
            dialog.operation = TestBackend.services.membership.join("!", [], "")
            tryCompare(dialog.operation, "state", Operation.Failed)
            verify(field("joinServerError").text.length > 0)
            verify(dialog.visible)
        }

        function test_succeeded_operation_closes() {
            TestBackend.script("/_matrix/client/v3/join", [{ status: 200, body: '{"room_id":"!joined:example.org"}' }])
            type("joinAddressField", "#lobby:example.org")
            type("joinReasonField", "hi")
            mouseClick(field("joinConfirmButton"))
            const op = joinAsPage()
            tryCompare(dialog, "visible", false)
            compare(op.state, Operation.Succeeded)
            compare(op.resultRoomId, "!joined:example.org")
            compare(JSON.parse(TestBackend.lastRequestBody("/_matrix/client/v3/join")).reason, "hi")
        }

        function test_waiting_operation_offers_stop() {
            TestBackend.script("/_matrix/client/v3/join",
                               [{ status: 429, retryAfter: "60",
                                  body: '{"errcode":"M_LIMIT_EXCEEDED","error":"Too many requests","retry_after_ms":60000}' }])
            type("joinAddressField", "#busy:example.org")
            mouseClick(field("joinConfirmButton"))
            const op = joinAsPage()
            tryCompare(op, "state", Operation.Waiting)
            compare(op.waitReason, Operation.RateLimited)
            verify(dialog.busy)
            verify(field("joinWaiting").visible)
            verify(field("joinWaiting").text.indexOf("slow down") >= 0)
            const stop = field("joinStopButton")
            verify(stop.visible)
            mouseClick(stop)
            compare(stopSpy.count, 1)
            op.cancel() // what the page does
            tryCompare(op, "state", Operation.Cancelled)
            verify(!dialog.busy)
            verify(!field("joinWaiting").visible)
            verify(field("joinServerError").text.length > 0)
        }

        function test_server_error_shown() {
            dialog.serverError = "M_NOT_FOUND: Room alias not found (HTTP 404)"
            verify(field("joinServerError").visible)
            compare(field("joinServerError").textFormat, Text.PlainText)
        }

        function test_reset_forgets_the_last_operation() {
            dialog.operation = TestBackend.services.membership.join("!", [], "")
            tryVerify(() => field("joinServerError").text.length > 0)
            dialog.reset()
            compare(dialog.operation, null)
            compare(field("joinServerError").visible, false)
        }

        function test_escape_closes() {
            keyClick(Qt.Key_Escape)
            tryCompare(dialog, "visible", false)
            compare(joinSpy.count, 0)
        }
    }
}
