pragma ComponentBehavior: Bound
import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Concierge.Core

// "Join a room": a room address, ID, matrix: URI or matrix.to link, optional via servers and an
// optional reason. Validates as the user types with the core's own rules and only emits
// joinRequested(); the page runs the join and hands the dialog its Operation, which the dialog
// follows: busy while it runs, the server's error when it failed, closed once it succeeded.
BaseDialog {
    id: root

    // The join the page started from this dialog (null before the first one).
    property Operation operation: null
    readonly property bool busy: operation !== null && !root.isFinal(operation.state)
    readonly property bool waiting: operation !== null && operation.state === Operation.Waiting
    // Why the last join did not happen (or may not have).
    property string serverError: ""
    // True when opened from a link (command line or a click): the notice asks to confirm.
    property bool fromLink: false

    readonly property string address: addressField.text.trim()
    readonly property matrixLink link: MatrixLinkParser.parse(address)
    readonly property var viaServers: IdentifierValidator.splitServers(viaField.text)
    readonly property string addressError: {
        if (address === "")
            return ""
        if (!link.valid)
            return link.error !== "" ? link.error : qsTr("This is not a room address or room ID.")
        return IdentifierValidator.roomTargetError(link.target)
    }
    // The service's own rule (valid server names, at most 3), word for word.
    readonly property string viaError: IdentifierValidator.viaServersError(viaServers)
    readonly property bool canSubmit: !busy && address !== "" && link.valid && addressError === ""
                                      && viaError === ""

    // name: the preview's name for the room, if any (for the app's messages).
    signal joinRequested(string target, var via, string reason, string name)
    signal knockRequested(string target, var via, string reason, string name)

    // What is known about the room before joining (issue 13): the page passes
    // services.createPreview() (kept in a var: the engine owns it). It asks 300 ms after the
    // address last changed, and only for a valid one.
    property var previewObject: null
    readonly property RoomPreview preview: previewObject
    readonly property string previewTarget: address !== "" && link.valid && addressError === ""
                                            ? link.target : ""
    readonly property var previewVia: viaError === ""
                                      ? Array.from(link.via).concat(Array.from(viaServers))
                                      : Array.from(link.via)
    onPreviewTargetChanged: if (preview) preview.roomIdOrAlias = previewTarget
    onPreviewViaChanged: if (preview) preview.via = previewVia
    // Stop the join that is waiting for the server (the page cancels the operation).
    signal stopRequested()

    function isFinal(state: int): bool {
        return state === Operation.Succeeded || state === Operation.Failed
            || state === Operation.Cancelled || state === Operation.Unknown
    }
    // Follows the operation: closes on success, shows why it failed or may not have happened.
    function showOutcome() {
        const op = root.operation
        if (!op)
            return
        switch (op.state) {
        case Operation.Succeeded:
            root.close()
            break
        case Operation.Failed:
            root.serverError = op.error.summary
            break
        case Operation.Unknown:
            root.serverError = qsTr("No answer from the server: the room may have been joined anyway (%1).")
                .arg(op.error.summary)
            break
        case Operation.Cancelled:
            root.serverError = qsTr("Stopped: the room was not joined.")
            break
        }
    }

    // Opens the dialog with a link or address already filled in (e.g. from the command line).
    function openWith(text: string, fromALink: bool) {
        reset()
        fromLink = fromALink
        addressField.text = text
        open()
    }
    function listText(items: var): string {
        let text = ""
        for (let i = 0; i < items.length; ++i)
            text += (i > 0 ? ", " : "") + items[i]
        return text
    }
    function reset() {
        addressField.text = ""
        viaField.text = ""
        autoFilledVia = ""
        reasonField.text = ""
        serverError = ""
        operation = null
        fromLink = false
    }
    function submit() {
        if (!canSubmit)
            return
        serverError = ""
        root.joinRequested(link.target, viaServers, reasonField.text.trim(),
                           root.preview && root.preview.roomIdOrAlias === root.previewTarget ? root.preview.name : "")
    }

    objectName: "joinDialog"
    title: qsTr("Join a room")
    preferredWidth: 560
    onOpened: addressField.forceActiveFocus()
    onClosed: fromLink = false
    onOperationChanged: showOutcome()

    Connections {
        target: root.operation
        function onStateChanged() {
            root.showOutcome()
        }
    }

    // A link fills in its via servers, unless the user typed their own; what was filled in
    // follows the link as it is edited.
    property string autoFilledVia: ""
    Connections {
        target: addressField
        function onTextChanged() {
            const fromLink = root.link.isLink && root.link.valid ? root.listText(root.link.via) : ""
            if (viaField.text === "" || viaField.text === root.autoFilledVia) {
                viaField.text = fromLink
                root.autoFilledVia = fromLink
            }
        }
    }

    ColumnLayout {
        anchors.fill: parent
        spacing: Theme.spacing

        FormMessage {
            objectName: "joinLinkNotice"
            Layout.fillWidth: true
            kind: FormMessage.Kind.Notice
            text: (root.fromLink || root.link.action === "join") && root.link.valid
                  ? qsTr("A link asks you to join %1. Check the address, then choose Join to join it.")
                        .arg(root.link.target)
                  : ""
        }

        Label {
            textFormat: Text.PlainText
            text: qsTr("Room address or ID")
            font.bold: true
        }
        TextField {
            id: addressField
            objectName: "joinAddressField"
            Layout.fillWidth: true
            placeholderText: qsTr("#room:example.org, !id:example.org or a matrix: / matrix.to link")
            Accessible.name: qsTr("Room address or ID")
            Accessible.description: root.addressError
            enabled: !root.busy
            selectByMouse: true
            KeyNavigation.tab: viaField
            Keys.onReturnPressed: root.submit()
            Keys.onEnterPressed: root.submit()
        }
        FormMessage {
            objectName: "joinAddressError"
            Layout.fillWidth: true
            kind: FormMessage.Kind.Error
            text: root.addressError
        }
        FormMessage {
            objectName: "joinLinkTarget"
            Layout.fillWidth: true
            text: root.link.isLink && root.link.valid
                  ? (root.link.via.length > 0
                     ? qsTr("Link to %1, via %2").arg(root.link.target).arg(root.listText(root.link.via))
                     : qsTr("Link to %1").arg(root.link.target))
                  : ""
        }
        RoomPreviewPane {
            objectName: "joinPreview"
            Layout.fillWidth: true
            visible: root.previewTarget !== "" && root.preview !== null
            preview: root.preview
            offerJoin: false // the dialog's own Join button
            busy: root.busy
            onKnockRequested: (target, via, reason, name) => root.knockRequested(target, via, reason, name)
        }

        Label {
            textFormat: Text.PlainText
            text: qsTr("Via servers (optional)")
            font.bold: true
        }
        TextField {
            id: viaField
            objectName: "joinViaField"
            Layout.fillWidth: true
            placeholderText: qsTr("e.g. matrix.org, example.org")
            Accessible.name: qsTr("Via servers")
            Accessible.description: qsTr("Servers that know the room, separated by commas")
            enabled: !root.busy
            selectByMouse: true
            KeyNavigation.tab: reasonField
            Keys.onReturnPressed: root.submit()
            Keys.onEnterPressed: root.submit()
        }
        FormMessage {
            objectName: "joinViaError"
            Layout.fillWidth: true
            kind: root.viaError !== "" ? FormMessage.Kind.Error : FormMessage.Kind.Hint
            text: root.viaError !== "" ? root.viaError
                  : qsTr("Only needed for rooms on other servers that yours does not know yet.")
        }

        Label {
            textFormat: Text.PlainText
            text: qsTr("Reason (optional)")
            font.bold: true
        }
        TextField {
            id: reasonField
            objectName: "joinReasonField"
            Layout.fillWidth: true
            Accessible.name: qsTr("Reason for joining")
            enabled: !root.busy
            selectByMouse: true
            KeyNavigation.tab: joinButton
            Keys.onReturnPressed: root.submit()
            Keys.onEnterPressed: root.submit()
        }

        FormMessage {
            objectName: "joinWaiting"
            Layout.fillWidth: true
            kind: FormMessage.Kind.Notice
            text: !root.waiting ? ""
                  : root.operation.waitReason === Operation.RateLimited
                  ? qsTr("The server asks to slow down: the join is sent again as soon as it allows.")
                  : qsTr("The server does not answer: the join is sent again as soon as it is back.")
        }
        FormMessage {
            objectName: "joinServerError"
            Layout.fillWidth: true
            kind: FormMessage.Kind.Error
            text: root.serverError
        }
    }

    footer: DialogFooter {
        // Qt 6.4's BusyIndicator reports its own role ("unknown" over AT-SPI) whatever is
        // set on it: the item around it is the progress bar screen readers see.
        Item {
            visible: root.busy
            implicitWidth: 28
            implicitHeight: 28
            Accessible.role: Accessible.ProgressBar
            Accessible.name: qsTr("Joining")
            readonly property bool running: root.busy
            Accessible.ignored: !running
            BusyIndicator {
                anchors.fill: parent
                running: root.busy
                Accessible.ignored: true
            }
        }
        Button {
            objectName: "joinStopButton"
            visible: root.waiting
            text: qsTr("Stop trying")
            Accessible.name: qsTr("Stop trying to join")
            onClicked: root.stopRequested()
        }
        Button {
            id: joinButton
            objectName: "joinConfirmButton"
            text: root.busy ? qsTr("Joining…") : qsTr("Join")
            enabled: root.canSubmit
            highlighted: true
            Accessible.name: qsTr("Join")
            KeyNavigation.tab: cancelButton
            onClicked: root.submit()
        }
        Button {
            id: cancelButton
            objectName: "joinCancelButton"
            text: qsTr("Cancel")
            Accessible.name: qsTr("Cancel")
            onClicked: root.reject()
            KeyNavigation.tab: addressField
        }
    }
}
