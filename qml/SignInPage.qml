import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Concierge.Core

// Sign in with a homeserver and an access token. Shows the session's progress and its specific
// error (unreachable, not a Matrix server, token rejected …) right under the button; after an
// expired token the homeserver stays filled in.
Page {
    id: root

    required property AppServices services
    // Prefilled homeserver (command line or the remembered one); "matrix.org" otherwise.
    property string initialHomeserver: ""

    readonly property Session session: services.session
    readonly property bool busy: session.state === Session.Resolving || session.state === Session.Verifying
    readonly property string homeserver: homeserverField.text.trim()
    readonly property string token: tokenField.text.trim()
    readonly property bool canSubmit: !busy && homeserver !== "" && token !== ""
    readonly property bool keychainAvailable: services.credentials.keychainAvailable

    function submit() {
        if (!canSubmit)
            return
        root.services.signIn(homeserver, token)
    }
    function clearToken() {
        tokenField.text = ""
        showToken.checked = false
    }
    function focusFirstEmpty() {
        if (homeserverField.text === "")
            homeserverField.forceActiveFocus()
        else
            tokenField.forceActiveFocus()
    }

    objectName: "signInPage"
    // The page's accessible name (a Page is read as a "page tab": without a name, as nothing).
    Accessible.name: qsTr("Sign in")
    // Enter/Return on a focused push button of the page presses it, as in the dialogs.
    Keys.onReturnPressed: event => event.accepted = Theme.pressButton(Window.activeFocusItem)
    Keys.onEnterPressed: event => event.accepted = Theme.pressButton(Window.activeFocusItem)
    padding: 24
    Component.onCompleted: {
        const hs = session.homeserverInput !== "" ? session.homeserverInput
                 : initialHomeserver !== "" ? initialHomeserver
                 : services.credentials.savedHomeserver !== "" ? services.credentials.savedHomeserver
                 : "matrix.org"
        homeserverField.text = hs
        focusFirstEmpty()
    }
    // After a failed or expired session, keep what the server was and ask for a new token.
    Connections {
        target: root.session
        function onStateChanged() {
            if (root.session.state === Session.SignedOut && root.session.homeserverInput !== "")
                homeserverField.text = root.session.homeserverInput
            if (root.session.state === Session.SignedIn)
                root.clearToken()
        }
    }

    Flickable {
        id: scroller
        anchors.fill: parent
        contentWidth: width
        contentHeight: Math.max(form.implicitHeight, height)
        boundsBehavior: Flickable.StopAtBounds
        clip: true
        ScrollBar.vertical: ScrollBar {}

        // Centred in the window, scrollable when the window is small.
        ColumnLayout {
            id: form
            width: Math.min(scroller.width - 16, 520)
            x: (scroller.width - width) / 2
            y: Math.max(0, (scroller.height - implicitHeight) / 2)
            spacing: Theme.spacing

            Label {
                text: qsTr("Concierge")
                font.pixelSize: Math.round(root.font.pixelSize * 2.2)
                font.bold: true
                Layout.alignment: Qt.AlignHCenter
                Accessible.role: Accessible.Heading
            }
            Label {
                text: qsTr("Manage the rooms of your Matrix account")
                color: Theme.secondaryText
                Layout.alignment: Qt.AlignHCenter
                Layout.bottomMargin: Theme.spacing * 2
            }

            Label {
                text: qsTr("Homeserver")
                font.bold: true
            }
            TextField {
                id: homeserverField
                objectName: "homeserverField"
                Layout.fillWidth: true
                placeholderText: qsTr("matrix.org or https://matrix.example.org")
                Accessible.name: qsTr("Homeserver")
                Accessible.description: qsTr("Your server's name or address")
                enabled: !root.busy
                selectByMouse: true
                inputMethodHints: Qt.ImhUrlCharactersOnly | Qt.ImhNoAutoUppercase
                Keys.onReturnPressed: root.submit()
                Keys.onEnterPressed: root.submit()
            }

            Label {
                text: qsTr("Access token")
                font.bold: true
                Layout.topMargin: Theme.spacing
            }
            RowLayout {
                Layout.fillWidth: true
                spacing: Theme.spacing / 2
                TextField {
                    id: tokenField
                    objectName: "tokenField"
                    Layout.fillWidth: true
                    echoMode: showToken.checked ? TextInput.Normal : TextInput.Password
                    placeholderText: qsTr("Paste your access token")
                    Accessible.description: qsTr("Paste your access token")
                    Accessible.name: qsTr("Access token")
                    // Qt 6.4: QQuickAccessibleAttached::name() returns "" whenever passwordEdit is set,
                    // explicit name or not, and the Password echo mode sets passwordEdit: a password
                    // field can never have a name over AT-SPI. So the field is an unnamed "password
                    // text" or a named text field; named it is, the flag taken off again after each
                    // echo-mode change. (Qt 6.4 exposes the field's text either way.)
                    function unflagPassword() {
                        tokenField.Accessible.passwordEdit = false
                    }
                    Component.onCompleted: tokenField.unflagPassword()
                    onEchoModeChanged: {
                        tokenField.unflagPassword()
                        unflagTimer.restart() // and after Qt's own handling of the change
                    }
                    Timer {
                        id: unflagTimer
                        interval: 0
                        onTriggered: tokenField.unflagPassword()
                    }
                    enabled: !root.busy
                    selectByMouse: true
                    inputMethodHints: Qt.ImhSensitiveData | Qt.ImhNoPredictiveText | Qt.ImhNoAutoUppercase
                    Keys.onReturnPressed: root.submit()
                    Keys.onEnterPressed: root.submit()
                }
                Button {
                    id: pasteButton
                    // Qt 6.4: the AT-SPI "Press" action (how a screen reader presses) does nothing on a
                    // Button without this handler: every Button of this file has one.
                    Accessible.onPressAction: clicked()
                    objectName: "pasteTokenButton"
                    text: qsTr("Paste")
                    enabled: !root.busy
                    Accessible.name: qsTr("Paste access token")
                    onClicked: {
                        tokenField.text = ""
                        tokenField.paste()
                        tokenField.forceActiveFocus()
                    }
                }
                Button {
                    id: showToken
                    objectName: "showTokenButton"
                    checkable: true
                    text: checked ? qsTr("Hide") : qsTr("Show")
                    Accessible.name: checked ? qsTr("Hide access token") : qsTr("Show access token")
                    Accessible.onPressAction: toggle()
                }
            }
            Label {
                Layout.fillWidth: true
                wrapMode: Text.Wrap
                color: Theme.secondaryText
                text: qsTr("Where do I find it? In Element: Settings → Help & About → Advanced → Access Token. Keep it secret: it gives full access to your account.")
            }

            // Without a keychain (--no-keychain, or none answers) the keychain cannot remember
            // anything: the box is off and disabled, and the notice below says why.
            CheckBox {
                id: rememberCheck
                objectName: "rememberCheck"
                Layout.topMargin: Theme.spacing
                text: qsTr("Remember me on this computer (system keychain)")
                checked: root.keychainAvailable && root.services.rememberSession
                enabled: !root.busy && root.keychainAvailable
                Accessible.name: qsTr("Remember me on this computer")
                Accessible.description: root.keychainAvailable ? "" : keychainNotice.text
                onToggled: {
                    root.services.rememberSession = checked
                    checked = Qt.binding(() => root.keychainAvailable && root.services.rememberSession)
                }
            }
            FormMessage {
                id: keychainNotice
                objectName: "keychainNotice"
                Layout.fillWidth: true
                visible: !root.keychainAvailable
                kind: FormMessage.Kind.Notice
                text: (root.services.credentials.useFileStore
                       ? qsTr("No system keychain is available: the token will be kept in a file only you can read.")
                       : qsTr("No system keychain is available, so the token is kept only until you quit."))
                      + (root.services.credentials.lastError !== ""
                         ? " (" + root.services.credentials.lastError + ")" : "")
            }
            CheckBox {
                id: fileStoreCheck
                objectName: "fileStoreCheck"
                visible: !root.keychainAvailable
                text: qsTr("Remember me in a file instead (readable only by you; less safe than a keychain)")
                checked: root.services.credentials.useFileStore
                enabled: !root.busy
                Accessible.name: qsTr("Remember me in a file instead")
                onToggled: {
                    root.services.credentials.useFileStore = checked
                    if (checked)
                        root.services.rememberSession = true
                    checked = Qt.binding(() => root.services.credentials.useFileStore)
                }
            }

            RowLayout {
                Layout.fillWidth: true
                Layout.topMargin: Theme.spacing
                // Qt 6.4's BusyIndicator reports its own role ("unknown" over AT-SPI) whatever is
                // set on it: the item around it is the progress bar screen readers see.
                Item {
                    objectName: "signInBusy"
                    visible: root.busy
                    implicitWidth: 28
                    implicitHeight: 28
                    Accessible.role: Accessible.ProgressBar
                    Accessible.name: busyLabel.text
                    readonly property bool running: root.busy
                    Accessible.ignored: !running
                    BusyIndicator {
                        anchors.fill: parent
                        running: root.busy
                        Accessible.ignored: true
                    }
                }
                Label {
                    id: busyLabel
                    Layout.fillWidth: true
                    visible: root.busy
                    elide: Text.ElideRight
                    color: Theme.secondaryText
                    text: root.session.state === Session.Resolving
                          ? qsTr("Looking up %1…").arg(root.session.homeserverInput || root.homeserver)
                          : qsTr("Checking the access token…")
                    textFormat: Text.PlainText
                }
                Item { Layout.fillWidth: true; visible: !root.busy }
                // A slow or silent server must never leave the page stuck with every control off.
                Button {
                    Accessible.onPressAction: clicked()
                    objectName: "cancelSignInButton"
                    visible: root.busy
                    text: qsTr("Cancel")
                    Accessible.name: qsTr("Cancel signing in")
                    onClicked: root.session.cancelSignIn()
                }
                Button {
                    id: signInButton
                    Accessible.onPressAction: clicked()
                    objectName: "signInButton"
                    text: qsTr("Sign in")
                    highlighted: true
                    enabled: root.canSubmit
                    Accessible.name: qsTr("Sign in")
                    onClicked: root.submit()
                }
            }

            FormMessage {
                objectName: "signInError"
                Layout.fillWidth: true
                kind: FormMessage.Kind.Error
                text: root.session.state === Session.SignedOut ? root.session.errorText : ""
            }
        }
    }
}
