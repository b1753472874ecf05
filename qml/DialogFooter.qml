import QtQuick
import QtQuick.Controls
import QtQuick.Layouts

// The button row at the bottom of a dialog, right-aligned. (DialogButtonBox's role enums are not
// visible to qmllint in Qt 6.4, and the dialogs handle their buttons themselves anyway.)
Pane {
    default property alias content: row.data

    padding: 12
    topPadding: 4
    background: null

    RowLayout {
        id: row
        anchors.fill: parent
        spacing: 8
        Item {
            Layout.fillWidth: true
        }
    }
}
