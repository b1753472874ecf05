import QtQuick
import QtQuick.Controls
import QtQuick.Layouts

// "INVITES (3)", "JOINED (6)", "LEFT (2) [Hide]" above each section of the room list.
Rectangle {
    id: root

    required property string section
    // Section items are children of the view's contentItem.
    readonly property RoomSectionsView view: parent ? parent.parent as RoomSectionsView : null
    readonly property int sectionCount: !view ? 0
                                        : section === "Invites" ? view.inviteCount
                                        : section === "Joined" ? view.joinedCount : view.leftCount
    readonly property string title: section === "Invites" ? qsTr("Invites")
                                     : section === "Joined" ? qsTr("Joined") : qsTr("Left")

    objectName: "section:" + section
    width: view ? view.width : implicitWidth
    implicitHeight: row.implicitHeight
    color: Theme.sectionBackground

    RowLayout {
        id: row
        anchors.fill: parent
        anchors.leftMargin: Theme.spacing
        anchors.rightMargin: Theme.spacing
        Label {
            textFormat: Text.PlainText
            Layout.fillWidth: true
            text: root.title + "  (" + root.sectionCount + ")"
            font.bold: true
            font.capitalization: Font.AllUppercase
            font.letterSpacing: 0.5
            color: Theme.secondaryText
            topPadding: 7
            bottomPadding: 7
            Accessible.role: Accessible.Heading
            Accessible.name: qsTr("%1, %2 rooms").arg(root.title).arg(root.sectionCount)
        }
        Button {
            objectName: "hideLeftButton"
            visible: root.section === "Left"
            flat: true
            text: qsTr("Hide")
            Accessible.name: qsTr("Hide left rooms")
            onClicked: if (root.view) root.view.hideLeftRequested()
        }
    }
}
