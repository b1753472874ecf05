import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Concierge.Core

// "INVITES (3)", "JOINED (6)", "LEFT (2) [Hide]": drawn by the first row of each section (see
// RoomDelegate). The count is what the list shows: with a filter, the rooms that match.
Rectangle {
    id: root

    property int section: RoomSection.Joined
    property int sectionCount: 0

    readonly property string title: section === RoomSection.Invites ? qsTr("Invites")
                                    : section === RoomSection.Requested ? qsTr("Requested")
                                    : section === RoomSection.Joined ? qsTr("Joined") : qsTr("Left")

    // The Hide button of the Left section.
    signal hideRequested()

    objectName: "section:" + (section === RoomSection.Invites ? "Invites"
                              : section === RoomSection.Requested ? "Requested"
                              : section === RoomSection.Joined ? "Joined" : "Left")
    implicitHeight: row.implicitHeight
    color: Theme.sectionBackground

    // The header is part of a row: a click on it is not a click on the row.
    MouseArea {
        anchors.fill: parent
        acceptedButtons: Qt.AllButtons
    }

    RowLayout {
        id: row
        anchors.fill: parent
        anchors.leftMargin: Theme.spacing
        anchors.rightMargin: Theme.spacing
        Label {
            objectName: "sectionTitle"
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
            visible: root.section === RoomSection.Left
            flat: true
            // Flat: drawn on the header's own background, so in the header's text colour (not
            // the style's button text, meant for a button's own face).
            palette.buttonText: Theme.text
            palette.windowText: Theme.text
            text: qsTr("Hide")
            Accessible.name: qsTr("Hide left rooms")
            onClicked: root.hideRequested()
        }
    }
}
