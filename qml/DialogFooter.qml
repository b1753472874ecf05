import QtQuick
import QtQuick.Controls
import QtQuick.Layouts

// The button row at the bottom of a dialog, right-aligned. (DialogButtonBox's role enums are not
// visible to qmllint in Qt 6.4, and the dialogs handle their buttons themselves anyway.)
//
// What every dialog's buttons share:
// - Enter/Return on a focused push button presses it (Qt Quick's buttons only take Space).
// - A focus ring around the focused button, drawn on activeFocus (not visualFocus): a dialog
//   gives focus to its default button from code (forceActiveFocus(), OtherFocusReason), and that
//   focus must show too. The ring is distinct from a highlighted button's look.
Pane {
    id: root

    default property alias content: row.data
    // The footer button that has keyboard focus, or null.
    readonly property Button focusedButton: {
        const button = Window.activeFocusItem as Button
        return button !== null && button.parent === row ? button : null
    }

    // Presses the focused button (of the footer or anywhere else in the dialog): true if it did.
    function pressFocusedButton(): bool {
        return Theme.pressButton(Window.activeFocusItem)
    }

    padding: 12
    topPadding: 4
    background: null
    // A Pane sizes itself from its content only when that is a single item; here the focus ring is
    // a second one, so the row's size is given (else the footer is 16 px high and its buttons
    // hang below the dialog).
    contentWidth: row.implicitWidth
    contentHeight: row.implicitHeight

    Keys.onReturnPressed: event => event.accepted = root.pressFocusedButton()
    Keys.onEnterPressed: event => event.accepted = root.pressFocusedButton()

    RowLayout {
        id: row
        anchors.fill: parent
        spacing: 8
        Item {
            Layout.fillWidth: true
        }
    }

    Rectangle {
        objectName: "focusRing"
        visible: root.focusedButton !== null
        x: root.focusedButton ? row.x + root.focusedButton.x - 3 : 0
        y: root.focusedButton ? row.y + root.focusedButton.y - 3 : 0
        width: root.focusedButton ? root.focusedButton.width + 6 : 0
        height: root.focusedButton ? root.focusedButton.height + 6 : 0
        z: 1
        radius: 5
        color: "transparent"
        border.width: 2
        border.color: Theme.focusFrame
        Accessible.ignored: true
    }
}
