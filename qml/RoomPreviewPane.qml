pragma ComponentBehavior: Bound
import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Concierge.Core

// What is known about a room before joining it (a RoomPreview: services.createPreview()): name,
// address, topic, members, join rule, encryption, whether it is a space — and, when little or
// nothing is known, the preview's own plain sentence saying so (statusText).
//
// Self-contained: it only emits intents. Join asks to join the room (joinRequested); Ask to join
// opens a reason field in the pane, and Send request asks to knock (knockRequested). Which of the
// two it offers follows the join rule and your membership. Where the host has a Join button of its
// own (the join dialog), set offerJoin: false; offerKnock: false hides Ask to join.
//
// Server text is always plain text. The pane is a labelled group for screen readers; the state
// sentence is an alert when the preview failed.
Pane {
    id: root

    // The preview to show (services.createPreview()); null shows nothing (the pane reads an empty
    // stand-in), so that a host may create the pane before it has a preview.
    required property RoomPreview preview
    readonly property var info: preview !== null ? preview : nothing
    // The Join button (false where the host has its own, e.g. the join dialog) and Ask to join.
    property bool offerJoin: true
    property bool offerKnock: true
    // A join or knock for this room is running (the host follows its Operation): buttons wait.
    property bool busy: false

    // name: how the room is named here (for the app's messages while the room list does not
    // know it yet).
    signal joinRequested(string roomIdOrAlias, var via, string name)
    signal knockRequested(string roomIdOrAlias, var via, string reason, string name)

    // What was asked for (an alias resolves on the server, with its servers); else the room ID.
    readonly property string target: info.roomIdOrAlias !== "" ? info.roomIdOrAlias : info.roomId
    readonly property string title: info.name !== "" ? info.name
                                    : info.canonicalAlias !== "" ? info.canonicalAlias
                                    : info.roomId !== "" ? info.roomId : info.roomIdOrAlias
    readonly property bool loading: info.state === RoomPreview.Loading
    // Something beyond the address is known (the summary, a directory entry, the room list).
    readonly property bool hasInfo: info.state === RoomPreview.Known
                                    || info.state === RoomPreview.PartiallyKnown
    readonly property int membership: info.membership
    // Join: not already in, invited rooms are accepted, banned and pending knocks cannot; a rule
    // that lets only invited people in is not offered; an unknown rule is the server's to decide.
    readonly property bool canJoin: {
        if (info.state === RoomPreview.Idle || info.state === RoomPreview.Loading
                || info.state === RoomPreview.Failed || target === "")
            return false
        // Nothing known and no room behind the address ("No room has the address …"): nothing to
        // join. A room ID, or an alias that names a room, may still be joined: the server decides.
        if (info.state === RoomPreview.Unknown && info.roomId === ""
                && info.roomIdOrAlias.startsWith("#"))
            return false
        if (membership === Membership.Invite)
            return true
        if (membership === Membership.Join || membership === Membership.Ban
                || membership === Membership.Knock)
            return false
        const rule = info.joinRule
        return rule !== JoinRule.Invite && rule !== JoinRule.Private && rule !== JoinRule.Knock
    }
    readonly property bool canKnock: info.canKnock && target !== ""
    // The reason field of Ask to join is open.
    property bool knocking: false

    // "Anyone can join", …: the join rule as a sentence (empty when unknown).
    function joinRuleText(rule: int): string {
        switch (rule) {
        case JoinRule.Public: return qsTr("Anyone can join")
        case JoinRule.Knock: return qsTr("Anyone can ask to join")
        case JoinRule.KnockRestricted: return qsTr("Members of certain spaces can join; others can ask to join")
        case JoinRule.Invite: return qsTr("Only invited people can join")
        case JoinRule.Restricted: return qsTr("Only members of certain spaces can join")
        case JoinRule.Private: return qsTr("Private")
        }
        return ""
    }
    function membershipText(value: int): string {
        switch (value) {
        case Membership.Join: return qsTr("You are in this room.")
        case Membership.Invite: return qsTr("You are invited to this room.")
        case Membership.Knock: return qsTr("You asked to join this room; waiting for an answer.")
        case Membership.Ban: return qsTr("You are banned from this room.")
        case Membership.Leave: return qsTr("You left this room.")
        }
        return ""
    }
    function memberText(count: int): string {
        if (count < 0)
            return ""
        return count === 1 ? qsTr("1 member")
                           : qsTr("%1 members").arg(count.toLocaleString(Qt.locale(), "f", 0))
    }
    // Puts the keyboard focus on the pane's first action (false when it has none).
    function focusFirst(reason: int): bool {
        for (const button of [joinButton, knockButton, knockReason]) {
            if (button.visible && button.enabled) {
                button.forceActiveFocus(reason)
                return true
            }
        }
        return false
    }
    function startKnock() {
        root.knocking = true
        knockReason.text = ""
        knockReason.forceActiveFocus(Qt.TabFocusReason)
    }
    function sendKnock() {
        if (!root.canKnock || root.busy)
            return
        root.knockRequested(root.target, root.info.via, knockReason.text.trim(), root.info.name)
        root.knocking = false
        knockButton.forceActiveFocus(Qt.OtherFocusReason)
    }

    objectName: "roomPreviewPane"
    padding: Theme.spacing * 1.5
    background: Rectangle { color: Theme.palette.base; border.color: Theme.separator }

    Accessible.role: Accessible.Grouping
    Accessible.name: root.title !== "" ? qsTr("Preview of %1").arg(root.title) : qsTr("Room preview")

    QtObject {
        id: nothing
        readonly property string roomIdOrAlias: ""
        readonly property var via: []
        readonly property int state: RoomPreview.Idle
        readonly property int source: RoomPreview.NoSource
        readonly property string roomId: ""
        readonly property string name: ""
        readonly property string canonicalAlias: ""
        readonly property string topic: ""
        readonly property string avatarSource: ""
        readonly property int memberCount: -1
        readonly property bool worldReadable: false
        readonly property bool guestCanJoin: false
        readonly property int joinRule: JoinRule.UnknownRule
        readonly property string roomType: ""
        readonly property bool isSpace: false
        readonly property bool encrypted: false
        readonly property string roomVersion: ""
        readonly property int membership: -1
        readonly property bool canKnock: false
        readonly property string statusText: ""
    }

    // Another room: its reason field starts closed.
    Connections {
        target: root.preview
        function onRoomIdOrAliasChanged() {
            root.knocking = false
        }
    }

    // Enter on a focused button presses it.
    Keys.onReturnPressed: event => event.accepted = Theme.pressButton(Window.activeFocusItem)
    Keys.onEnterPressed: event => event.accepted = Theme.pressButton(Window.activeFocusItem)

    // A push button with a focus ring on keyboard focus (Fusion shows none for focus given from
    // code, and draws a highlighted button's border like its focus frame).
    component RingButton: Button {
        id: ringButton
        Rectangle {
            objectName: "focusRing"
            visible: ringButton.activeFocus
            anchors.fill: parent
            anchors.margins: -3
            radius: 5
            color: "transparent"
            border.width: 2
            border.color: Theme.focusFrame
            Accessible.ignored: true
        }
    }

    ColumnLayout {
        anchors.fill: parent
        spacing: Theme.spacing

        RowLayout {
            Layout.fillWidth: true
            spacing: Theme.spacing * 1.5
            visible: root.title !== ""

            Avatar {
                Layout.alignment: Qt.AlignTop
                size: 56
                source: root.info.avatarSource
                name: root.title
                colorKey: root.info.roomId !== "" ? root.info.roomId : root.target
            }
            ColumnLayout {
                Layout.fillWidth: true
                spacing: 2
                Label {
                    objectName: "previewName"
                    Layout.fillWidth: true
                    text: root.title
                    textFormat: Text.PlainText
                    wrapMode: Text.Wrap
                    maximumLineCount: 3
                    elide: Text.ElideRight
                    font.bold: true
                    font.pixelSize: Math.round(root.font.pixelSize * 1.2)
                    Accessible.role: Accessible.Heading
                    Accessible.name: text
                }
                Label {
                    objectName: "previewAlias"
                    Layout.fillWidth: true
                    visible: text !== "" && text !== root.title
                    text: root.info.canonicalAlias !== "" ? root.info.canonicalAlias
                                                            : root.info.roomId
                    textFormat: Text.PlainText
                    elide: Text.ElideMiddle
                    color: Theme.secondaryText
                }
                Label {
                    objectName: "previewSpace"
                    visible: root.info.isSpace
                    text: qsTr("Space: a group of rooms")
                    textFormat: Text.PlainText
                    color: Theme.secondaryText
                    font.italic: true
                }
            }
        }

        RowLayout {
            Layout.fillWidth: true
            visible: root.loading
            // Qt 6.4's BusyIndicator says its own role (Indicator: "unknown" over AT-SPI) whatever
            // is set on it: the item around it is the progress bar screen readers see.
            Item {
                objectName: "previewBusy"
                implicitWidth: 28
                implicitHeight: 28
                Accessible.role: Accessible.ProgressBar
                Accessible.name: qsTr("Looking the room up")
                BusyIndicator {
                    anchors.fill: parent
                    running: root.loading
                    Accessible.ignored: true
                }
            }
            Label {
                Layout.fillWidth: true
                text: root.info.statusText
                textFormat: Text.PlainText
                wrapMode: Text.Wrap
                color: Theme.secondaryText
            }
        }

        // The facts, one per line (each read on its own by screen readers).
        ColumnLayout {
            objectName: "previewFacts"
            Layout.fillWidth: true
            spacing: 2
            visible: root.hasInfo
            Label {
                objectName: "previewMembers"
                visible: text !== ""
                text: root.memberText(root.info.memberCount)
                textFormat: Text.PlainText
            }
            Label {
                objectName: "previewJoinRule"
                Layout.fillWidth: true
                visible: text !== ""
                text: root.joinRuleText(root.info.joinRule)
                textFormat: Text.PlainText
                wrapMode: Text.Wrap
            }
            Label {
                objectName: "previewEncrypted"
                // Only the room summary says whether a room is encrypted.
                visible: root.info.source === RoomPreview.Summary
                text: root.info.encrypted ? qsTr("Encrypted") : qsTr("Not encrypted")
                textFormat: Text.PlainText
            }
            Label {
                objectName: "previewGuests"
                visible: root.info.worldReadable || root.info.guestCanJoin
                text: root.info.worldReadable && root.info.guestCanJoin
                      ? qsTr("Guests can read and join")
                      : root.info.worldReadable ? qsTr("Anyone can read the history without joining")
                                                   : qsTr("Guests can join")
                textFormat: Text.PlainText
                wrapMode: Text.Wrap
                Layout.fillWidth: true
            }
            Label {
                objectName: "previewVersion"
                visible: root.info.roomVersion !== ""
                text: qsTr("Room version %1").arg(root.info.roomVersion)
                textFormat: Text.PlainText
                color: Theme.secondaryText
            }
        }

        Label {
            objectName: "previewTopic"
            Layout.fillWidth: true
            visible: root.hasInfo && text !== ""
            text: root.info.topic
            textFormat: Text.PlainText
            wrapMode: Text.Wrap
            maximumLineCount: 8
            elide: Text.ElideRight
            Accessible.name: qsTr("Topic: %1").arg(text)
        }

        FormMessage {
            objectName: "previewMembership"
            Layout.fillWidth: true
            kind: FormMessage.Kind.Notice
            text: root.hasInfo ? root.membershipText(root.membership) : ""
        }

        // What the preview could not find out, said plainly; why it failed, as an alert. (Two
        // messages of a fixed kind: a role that changes after creation does not reach screen
        // readers in Qt 6.4.)
        FormMessage {
            objectName: "previewStatus"
            Layout.fillWidth: true
            kind: FormMessage.Kind.Notice
            text: root.loading || root.info.state === RoomPreview.Failed ? "" : root.info.statusText
        }
        FormMessage {
            objectName: "previewError"
            Layout.fillWidth: true
            kind: FormMessage.Kind.Error
            text: root.info.state === RoomPreview.Failed ? root.info.statusText : ""
        }

        RowLayout {
            Layout.fillWidth: true
            // From the rules, not the buttons' visible (a hidden row hides its buttons).
            visible: (root.offerJoin && root.canJoin) || (root.offerKnock && root.canKnock && !root.knocking)
            spacing: Theme.spacing
            RingButton {
                id: joinButton
                objectName: "previewJoinButton"
                visible: root.offerJoin && root.canJoin
                enabled: !root.busy
                highlighted: !root.canKnock
                text: root.membership === Membership.Invite ? qsTr("Accept invitation") : qsTr("Join")
                Accessible.name: root.membership === Membership.Invite
                                 ? qsTr("Accept the invitation to %1").arg(root.title)
                                 : qsTr("Join %1").arg(root.title)
                onClicked: root.joinRequested(root.target, root.info.via, root.info.name)
            }
            RingButton {
                id: knockButton
                objectName: "previewKnockButton"
                visible: root.offerKnock && root.canKnock && !root.knocking
                enabled: !root.busy
                text: qsTr("Ask to join…")
                Accessible.name: qsTr("Ask to join %1").arg(root.title)
                Accessible.description: qsTr("Opens a field for an optional reason")
                onClicked: root.startKnock()
            }
            Item {
                Layout.fillWidth: true
            }
        }

        // Ask to join: an optional reason, then Send request.
        ColumnLayout {
            objectName: "previewKnockForm"
            Layout.fillWidth: true
            visible: root.offerKnock && root.knocking && root.canKnock
            spacing: 4
            Label {
                text: qsTr("Reason (optional)")
                textFormat: Text.PlainText
                font.bold: true
            }
            TextField {
                id: knockReason
                objectName: "previewKnockReason"
                Layout.fillWidth: true
                placeholderText: qsTr("Why you would like to join")
                maximumLength: 1024
                selectByMouse: true
                Accessible.name: qsTr("Reason for asking to join")
                Accessible.description: qsTr("The room's moderators see it with your request")
                Keys.onReturnPressed: root.sendKnock()
                Keys.onEnterPressed: root.sendKnock()
                Keys.onEscapePressed: event => {
                    root.knocking = false
                    knockButton.forceActiveFocus(Qt.OtherFocusReason)
                    event.accepted = true
                }
            }
            RowLayout {
                spacing: Theme.spacing
                RingButton {
                    objectName: "previewKnockSend"
                    text: qsTr("Send request")
                    highlighted: true
                    enabled: !root.busy
                    Accessible.name: qsTr("Send the request to join %1").arg(root.title)
                    onClicked: root.sendKnock()
                }
                RingButton {
                    objectName: "previewKnockCancel"
                    text: qsTr("Cancel")
                    Accessible.name: qsTr("Cancel the request to join")
                    onClicked: {
                        root.knocking = false
                        knockButton.forceActiveFocus(Qt.OtherFocusReason)
                    }
                }
            }
        }

        Item {
            Layout.fillHeight: true
        }
    }
}
