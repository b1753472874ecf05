import QtQuick
import QtQuick.Controls
import QtQuick.Layouts

// One user directory suggestion in the invite dialog: avatar, display name and user ID.
ItemDelegate {
    id: root

    required property string userId
    required property string displayName
    required property url avatarSource
    required property bool typed

    objectName: "suggestion:" + userId
    focusPolicy: Qt.NoFocus
    Accessible.name: displayName !== "" && displayName !== userId
                     ? qsTr("%1, %2").arg(displayName).arg(userId) : userId

    contentItem: RowLayout {
        spacing: Theme.spacing
        Avatar {
            size: 32
            source: root.avatarSource
            name: root.displayName !== "" ? root.displayName : root.userId.substring(1)
            colorKey: root.userId
        }
        ColumnLayout {
            Layout.fillWidth: true
            spacing: 0
            Label {
                Layout.fillWidth: true
                text: root.typed ? qsTr("Invite %1").arg(root.userId)
                      : (root.displayName !== "" ? root.displayName : root.userId)
                textFormat: Text.PlainText
                elide: Text.ElideRight
                font.bold: true
            }
            Label {
                Layout.fillWidth: true
                visible: !root.typed
                text: root.userId
                textFormat: Text.PlainText
                elide: Text.ElideMiddle
                color: Theme.secondaryText
            }
            Label {
                Layout.fillWidth: true
                visible: root.typed
                text: qsTr("The user ID you typed")
                color: Theme.secondaryText
            }
        }
    }
}
