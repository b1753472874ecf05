import QtQuick
import QtQuick.Controls

// A text field for a secret (password, access token) that keeps its accessible name.
// Qt 6.4: QQuickAccessibleAttached::name() returns "" whenever passwordEdit is set, explicit name
// or not, and the Password echo mode sets passwordEdit: a password field can never have a name over
// AT-SPI. So the field is an unnamed "password text" or a named text field; named it is, the flag
// taken off again after each echo-mode change and each time it is shown. (Qt 6.4 exposes the
// field's text either way.)
TextField {
    id: field

    function unflagPassword() {
        field.Accessible.passwordEdit = false
    }
    function unflagSoon() {
        field.unflagPassword()
        unflagTimer.restart() // and after Qt's own handling of the change
    }

    echoMode: TextInput.Password
    selectByMouse: true
    inputMethodHints: Qt.ImhSensitiveData | Qt.ImhNoPredictiveText | Qt.ImhNoAutoUppercase
    Component.onCompleted: field.unflagSoon()
    onEchoModeChanged: field.unflagSoon()
    onVisibleChanged: field.unflagSoon()
    onActiveFocusChanged: field.unflagSoon()

    Timer {
        id: unflagTimer
        interval: 0
        onTriggered: field.unflagPassword()
    }
}
