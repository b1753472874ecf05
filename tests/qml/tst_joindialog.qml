import QtQuick
import QtQuick.Controls
import QtTest
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

        function init() {
            dialog.reset()
            dialog.open()
            tryCompare(dialog, "opened", true)
            joinSpy.clear()
        }
        function cleanup() {
            dialog.close()
            tryCompare(dialog, "visible", false)
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

        function test_busy_disables_everything() {
            type("joinAddressField", "#room:example.org")
            dialog.busy = true
            compare(field("joinConfirmButton").enabled, false)
            compare(field("joinAddressField").enabled, false)
            compare(field("joinConfirmButton").text, "Joining…")
            dialog.busy = false
            verify(field("joinConfirmButton").enabled)
        }

        function test_server_error_shown() {
            dialog.serverError = "M_NOT_FOUND: Room alias not found (HTTP 404)"
            verify(field("joinServerError").visible)
            compare(field("joinServerError").textFormat, Text.PlainText)
        }

        function test_escape_closes() {
            keyClick(Qt.Key_Escape)
            tryCompare(dialog, "visible", false)
            compare(joinSpy.count, 0)
        }
    }
}
