pragma ComponentBehavior: Bound
import QtQuick
import QtQuick.Controls
import QtQuick.Layouts

// One room of the room list. Holds no state: everything it shows comes from the model's roles
// (see roomlistmodel.h), and every button only emits actionRequested(); the page decides.
//
// Actions: "accept" / "decline" (invites), "invite" / "leave" (joined), "rejoin" / "forget" (left).
ItemDelegate {
    id: root

    required property int index
    required property string roomId
    required property string displayName
    required property string canonicalAlias
    required property string topic
    required property url avatarSource
    required property string membership
    required property int joinedMemberCount
    required property string inviterId
    required property string inviterName
    required property string pendingAction
    required property string lastError

    readonly property string title: displayName !== "" ? displayName
                                    : (canonicalAlias !== "" ? canonicalAlias : roomId)
    readonly property bool busy: pendingAction !== ""
    // What Enter and Delete do on the current row (the first and second button).
    readonly property string primaryAction: membership === "invite" ? "accept"
                                            : membership === "join" ? "invite" : "rejoin"
    readonly property string secondaryAction: membership === "invite" ? "decline"
                                              : membership === "join" ? "leave" : "forget"

    signal actionRequested(string action, string roomId, string displayName)

    function request(action: string) {
        root.actionRequested(action, root.roomId, root.title)
    }

    objectName: "room:" + roomId
    padding: Theme.spacing
    topPadding: 6
    bottomPadding: 6
    focusPolicy: Qt.NoFocus

    Accessible.role: Accessible.ListItem
    Accessible.name: {
        const what = membership === "invite" ? qsTr("invitation") :
                     membership === "join" ? qsTr("joined") : qsTr("left")
        return title + ", " + what + (busy ? ", " + describePending(pendingAction) : "")
            + (lastError !== "" ? ", " + qsTr("error: %1").arg(lastError) : "")
    }

    function describePending(action: string): string {
        switch (action) {
        case "join": return qsTr("Joining…")
        case "leave": return root.membership === "invite" ? qsTr("Declining…") : qsTr("Leaving…")
        case "invite": return qsTr("Inviting…")
        case "forget": return qsTr("Forgetting…")
        }
        return qsTr("Working…")
    }

    function memberText(): string {
        if (root.joinedMemberCount < 0)
            return ""
        return root.joinedMemberCount === 1 ? qsTr("1 member")
                                           : qsTr("%1 members").arg(root.joinedMemberCount.toLocaleString(Qt.locale(), "f", 0))
    }

    contentItem: RowLayout {
        spacing: Theme.spacing * 1.5

        Avatar {
            Layout.alignment: Qt.AlignTop
            source: root.avatarSource
            name: root.title
            colorKey: root.roomId
        }

        ColumnLayout {
            Layout.fillWidth: true
            spacing: 2

            Label {
                objectName: "roomName"
                Layout.fillWidth: true
                text: root.title
                textFormat: Text.PlainText
                elide: Text.ElideRight
                maximumLineCount: 1
                font.bold: true
                color: root.membership === "leave" ? Theme.secondaryText : Theme.text
            }

            Label {
                objectName: "roomAddress"
                Layout.fillWidth: true
                text: (root.canonicalAlias !== "" ? root.canonicalAlias : root.roomId)
                      + (root.memberText() !== "" ? "  ·  " + root.memberText() : "")
                textFormat: Text.PlainText
                elide: Text.ElideMiddle
                maximumLineCount: 1
                color: Theme.secondaryText
            }

            Label {
                objectName: "roomInviter"
                Layout.fillWidth: true
                visible: root.membership === "invite" && root.inviterId !== ""
                text: root.inviterName !== "" && root.inviterName !== root.inviterId
                      ? qsTr("Invited by %1 (%2)").arg(root.inviterName).arg(root.inviterId)
                      : qsTr("Invited by %1").arg(root.inviterId)
                textFormat: Text.PlainText
                elide: Text.ElideRight
                maximumLineCount: 1
                color: Theme.secondaryText
            }

            Label {
                objectName: "roomError"
                Layout.fillWidth: true
                visible: root.lastError !== ""
                text: "⚠ " + root.lastError
                textFormat: Text.PlainText
                wrapMode: Text.Wrap
                maximumLineCount: 3
                elide: Text.ElideRight
                color: Theme.errorText
            }
        }

        RowLayout {
            objectName: "busyRow"
            visible: root.busy
            spacing: Theme.spacing / 2
            BusyIndicator {
                objectName: "roomBusy"
                running: root.busy
                Layout.preferredWidth: 24
                Layout.preferredHeight: 24
                Accessible.name: root.describePending(root.pendingAction)
            }
            Label {
                text: root.describePending(root.pendingAction)
                color: Theme.secondaryText
            }
        }

        RowLayout {
            objectName: "buttonRow"
            visible: !root.busy
            spacing: Theme.spacing / 2

            Button {
                objectName: "acceptButton"
                visible: root.membership === "invite"
                text: qsTr("Accept")
                Accessible.name: qsTr("Accept invitation to %1").arg(root.title)
                onClicked: root.request("accept")
            }
            Button {
                objectName: "declineButton"
                visible: root.membership === "invite"
                text: qsTr("Decline")
                Accessible.name: qsTr("Decline invitation to %1").arg(root.title)
                onClicked: root.request("decline")
            }
            Button {
                objectName: "inviteButton"
                visible: root.membership === "join"
                text: qsTr("Invite…")
                Accessible.name: qsTr("Invite someone to %1").arg(root.title)
                onClicked: root.request("invite")
            }
            Button {
                objectName: "leaveButton"
                visible: root.membership === "join"
                text: qsTr("Leave…")
                Accessible.name: qsTr("Leave %1").arg(root.title)
                onClicked: root.request("leave")
            }
            Button {
                objectName: "rejoinButton"
                visible: root.membership === "leave"
                text: qsTr("Rejoin")
                Accessible.name: qsTr("Rejoin %1").arg(root.title)
                onClicked: root.request("rejoin")
            }
            Button {
                objectName: "forgetButton"
                visible: root.membership === "leave"
                text: qsTr("Forget…")
                Accessible.name: qsTr("Forget %1").arg(root.title)
                onClicked: root.request("forget")
            }
        }
    }

    // The topic on hover. A ToolTip's own text is rich text by default, so a plain-text Label.
    ToolTip {
        visible: root.hovered && root.topic !== ""
        delay: 800
        contentItem: Label {
            text: root.topic
            textFormat: Text.PlainText
            wrapMode: Text.Wrap
        }
        width: Math.min(implicitWidth, 420)
    }
}
