import QtQuick
import QtQuick.Controls
import QtTest
import Concierge.Core
import Concierge.Test
import Concierge.Ui

// The room preview pane over a real RoomPreview (services.createPreview()) asking the fake
// homeserver (tst_qml.cpp) for GET room_summary.
Item {
    id: root
    width: 900
    height: 600

    // Owned by JavaScript: a var keeps it.
    property var previewObject: TestBackend.services.createPreview()

    RoomPreviewPane {
        id: pane
        width: 600
        height: parent.height
        preview: root.previewObject
    }

    // No preview yet (a host that creates its preview later): shows nothing, offers nothing.
    RoomPreviewPane {
        id: emptyPane
        x: 600
        width: 300
        height: 200
        preview: null
    }

    SignalSpy {
        id: joinSpy
        target: pane
        signalName: "joinRequested"
    }
    SignalSpy {
        id: knockSpy
        target: pane
        signalName: "knockRequested"
    }

    TestCase {
        name: "RoomPreviewPane"
        when: windowShown

        readonly property string summaryPath: "/_matrix/client/v1/room_summary/"
        readonly property RoomPreview preview: root.previewObject

        function enc(id) {
            return encodeURIComponent(id).replace(/!/g, "%21")
        }
        function child(name) {
            const found = findChild(pane, name)
            verify(found, "item " + name)
            return found
        }
        function summary(fields) {
            return { status: 200, body: JSON.stringify(fields) }
        }
        function notFound() {
            return { status: 404, body: JSON.stringify({ errcode: "M_NOT_FOUND", error: "Room not found" }) }
        }

        function initTestCase() {
            TestBackend.connectToServer()
        }
        function init() {
            TestBackend.reset()
            preview.load("", [])
            tryCompare(preview, "state", RoomPreview.Idle)
            joinSpy.clear()
            knockSpy.clear()
        }

        function test_known_room() {
            TestBackend.script(summaryPath, [summary({
                room_id: "!sum:example.org", name: "<i>Design</i> team", canonical_alias: "#design:example.org",
                topic: "Pixels & <b>people</b>", num_joined_members: 42, join_rule: "public",
                world_readable: true, guest_can_join: false, encryption: "m.megolm.v1.aes-sha2",
                room_version: "11" })])
            preview.load("!sum:example.org", ["example.org"])
            tryCompare(preview, "state", RoomPreview.Known)
            compare(TestBackend.requestPaths(summaryPath), [summaryPath + enc("!sum:example.org")])
            compare(TestBackend.requestQueries(summaryPath), ["via=example.org"])

            compare(child("previewName").text, "<i>Design</i> team")
            compare(child("previewName").textFormat, Text.PlainText)
            compare(child("previewAlias").text, "#design:example.org")
            compare(child("previewTopic").text, "Pixels & <b>people</b>")
            compare(child("previewTopic").textFormat, Text.PlainText)
            compare(child("previewMembers").text, "42 members")
            compare(child("previewJoinRule").text, "Anyone can join")
            compare(child("previewEncrypted").text, "Encrypted")
            verify(child("previewGuests").visible)
            compare(child("previewVersion").text, "Room version 11")
            compare(child("previewSpace").visible, false)
            // Everything is known: no status sentence.
            compare(child("previewStatus").visible, false)
            compare(pane.Accessible.name, "Preview of <i>Design</i> team")

            const join = child("previewJoinButton")
            verify(join.visible)
            compare(child("previewKnockButton").visible, false)
            mouseClick(join)
            compare(joinSpy.count, 1)
            compare(joinSpy.signalArguments[0][0], "!sum:example.org")
            compare(joinSpy.signalArguments[0][1], ["example.org"])
        }

        function test_space_you_are_in() {
            TestBackend.script(summaryPath, [summary({
                room_id: "!space:example.org", name: "Company", num_joined_members: 1, join_rule: "invite",
                room_type: "m.space", membership: "join" })])
            preview.load("!space:example.org", [])
            tryCompare(preview, "state", RoomPreview.Known)
            verify(child("previewSpace").visible)
            compare(child("previewMembers").text, "1 member")
            compare(child("previewJoinRule").text, "Only invited people can join")
            compare(child("previewEncrypted").text, "Not encrypted")
            compare(child("previewMembership").text, "You are in this room.")
            compare(child("previewJoinButton").visible, false)
            compare(child("previewKnockButton").visible, false)
        }

        function test_knock_rule_asks_to_join() {
            TestBackend.script(summaryPath, [summary({
                room_id: "!closed:example.org", name: "Closed", num_joined_members: 3, join_rule: "knock" })])
            preview.load("#closed:example.org", ["example.org"])
            tryCompare(preview, "state", RoomPreview.Known)
            compare(child("previewJoinButton").visible, false)
            const knock = child("previewKnockButton")
            verify(knock.visible)
            compare(child("previewJoinRule").text, "Anyone can ask to join")
            compare(child("previewKnockForm").visible, false)
            mouseClick(knock)
            const reason = child("previewKnockReason")
            verify(child("previewKnockForm").visible)
            tryVerify(() => reason.activeFocus)
            for (const c of "let me in")
                keyClick(c)
            keyClick(Qt.Key_Return)
            compare(knockSpy.count, 1)
            // The address that was asked for (an alias resolves on the server, with its servers).
            compare(knockSpy.signalArguments[0][0], "#closed:example.org")
            compare(knockSpy.signalArguments[0][1], ["example.org"])
            compare(knockSpy.signalArguments[0][2], "let me in")
            compare(child("previewKnockForm").visible, false)
            verify(knock.activeFocus)
            // Enter on the focused button opens the reason field again.
            keyClick(Qt.Key_Return)
            verify(child("previewKnockForm").visible)
        }

        function test_unknown_room_says_so() {
            TestBackend.script(summaryPath, [notFound()])
            preview.load("!secret:example.org", [])
            tryCompare(preview, "state", RoomPreview.Unknown)
            const status = child("previewStatus")
            verify(status.visible)
            compare(status.text, preview.statusText)
            compare(child("previewError").visible, false)
            verify(status.text.indexOf("Nothing is known about this room before you join it") === 0, status.text)
            compare(child("previewFacts").visible, false)
            // A room ID: the server may still let you in.
            verify(child("previewJoinButton").visible)
        }

        function test_no_such_alias() {
            TestBackend.script(summaryPath, [notFound()])
            TestBackend.script("/_matrix/client/v3/directory/room/", [notFound()])
            preview.load("#nope:example.org", [])
            tryCompare(preview, "state", RoomPreview.Unknown)
            compare(child("previewStatus").text, "No room has the address #nope:example.org.")
            compare(child("previewJoinButton").visible, false)
            compare(child("previewKnockButton").visible, false)
        }

        function test_failure_is_an_alert() {
            preview.load("not an address", [])
            tryCompare(preview, "state", RoomPreview.Failed)
            const error = child("previewError")
            verify(error.visible)
            compare(error.text, preview.statusText)
            verify(error.text.length > 0)
            compare(error.Accessible.role, Accessible.AlertMessage)
            compare(child("previewStatus").visible, false)
            compare(child("previewJoinButton").visible, false)
            compare(TestBackend.requestCount(summaryPath), 0)
        }

        function test_without_a_preview() {
            compare(emptyPane.title, "")
            compare(emptyPane.canJoin, false)
            compare(emptyPane.canKnock, false)
            for (const name of ["previewJoinButton", "previewKnockButton", "previewFacts", "previewStatus",
                                "previewError", "previewBusy"]) {
                const item = findChild(emptyPane, name)
                verify(item, name)
                compare(item.visible, false, name)
            }
        }

        function test_loading_is_named() {
            TestBackend.script(summaryPath, [{ stall: true }])
            preview.load("!slow:example.org", [])
            const busy = child("previewBusy")
            tryCompare(busy, "visible", true)
            compare(busy.Accessible.role, Accessible.ProgressBar)
            compare(busy.Accessible.name, "Looking the room up")
            compare(child("previewJoinButton").visible, false)
        }
    }
}
