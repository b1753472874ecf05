pragma ComponentBehavior: Bound
import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Concierge.Core

// Sign in to a homeserver the way it offers: the page asks the server (GET /login, OAuth 2.0
// metadata) once the homeserver is typed, and shows a user name and password form where the server
// has m.login.password. The access-token form is always there under "Advanced" (and is the form
// when the server offers nothing else Concierge can use). Shows the session's progress and its
// specific error (unreachable, not a Matrix server, wrong password, token rejected …) right under
// the button; after an expired session the homeserver stays filled in.
Page {
    id: root

    required property AppServices services
    // Prefilled homeserver (command line or the remembered one); "matrix.org" otherwise.
    property string initialHomeserver: ""
    // Other accounts are open (the window has an accounts overview): offer the way back to them.
    property bool otherAccounts: false
    signal otherAccountsRequested()

    readonly property Session session: services.session
    // Signing in, or a remembered session still being read from the keychain (the window shows
    // this page meanwhile when there are no saved rooms to show).
    readonly property bool busy: services.signingIn
    readonly property string homeserver: homeserverField.text.trim()
    readonly property string token: tokenField.text.trim()
    readonly property string user: userField.text.trim()
    // What the server offers, once asked about the homeserver now in the field.
    readonly property bool methodsKnown: session.discoveryState === Session.Discovered
                                         && session.discoveredFor === homeserver
    readonly property bool discovering: session.discoveryState === Session.Discovering
                                        && session.discoveredFor === homeserver
    readonly property bool passwordOffered: methodsKnown && session.passwordLogin
    // Single sign-on through the browser (one button per identity provider the server names).
    // (Not where OAuth 2.0 is: a server that has both offers single sign-on for older clients.)
    readonly property bool ssoOffered: methodsKnown && session.ssoLogin && !session.oauthLogin
    // OAuth 2.0 (the server's own account page, in the browser): the way in where offered.
    readonly property bool oauthOffered: methodsKnown && session.oauthLogin
    readonly property bool waitingForBrowser: session.waitingForBrowser
    // The server in the field has answered (or could not be asked): the form will not change.
    readonly property bool methodsSettled: methodsKnown
                                           || (session.discoveryState === Session.DiscoveryFailed
                                               && session.discoveredFor === homeserver)
    // A token already typed when the server turns out to offer a password stays where it is:
    // the form does not switch under the user's hands.
    onPasswordOfferedChanged: {
        if (passwordOffered && tokenField.text !== "")
            advancedButton.checked = true
    }
    onSsoOfferedChanged: {
        if (ssoOffered && tokenField.text !== "")
            advancedButton.checked = true
    }
    onOauthOfferedChanged: {
        if (oauthOffered && tokenField.text !== "")
            advancedButton.checked = true
    }
    // The token form: chosen under Advanced, or the only way in that Concierge has.
    readonly property bool tokenMode: advancedButton.checked
                                      || (!passwordOffered && !ssoOffered && !oauthOffered)
    readonly property bool canSubmit: !busy && homeserver !== ""
                                      && (tokenMode ? token !== ""
                                                    : user !== "" && passwordField.text !== "")
    readonly property bool keychainAvailable: services.credentials.keychainAvailable

    function signInWithSso(idpId: string) {
        if (!busy && homeserver !== "")
            root.services.signInWithSso(homeserver, idpId)
    }
    function submit() {
        if (!canSubmit)
            return
        if (tokenMode)
            root.services.signIn(homeserver, token)
        else
            root.services.signInWithPassword(homeserver, user, passwordField.text)
    }
    function clearToken() {
        tokenField.text = ""
        showToken.checked = false
    }
    function clearPassword() {
        passwordField.text = ""
    }
    function focusFirstEmpty() {
        if (homeserverField.text === "")
            homeserverField.forceActiveFocus()
        else if (!tokenMode)
            (userField.text === "" ? userField : passwordField).forceActiveFocus()
        else
            tokenField.forceActiveFocus()
    }
    // Asks the server what it offers (after a pause in typing, or when the field is left).
    function discover() {
        discoverTimer.stop()
        if (homeserver !== "" && !busy && session.state === Session.SignedOut
                && !(session.discoveredFor === homeserver
                     && session.discoveryState !== Session.DiscoveryFailed
                     && session.discoveryState !== Session.NotDiscovered))
            session.discoverLoginMethods(homeserver)
    }
    Timer {
        id: discoverTimer
        interval: 800
        onTriggered: root.discover()
    }

    objectName: "signInPage"
    // The page's accessible name (a Page is read as a "page tab": without a name, as nothing).
    Accessible.name: qsTr("Sign in")
    // Enter/Return on a focused push button of the page presses it, as in the dialogs.
    Keys.onReturnPressed: event => event.accepted = Theme.pressButton(Window.activeFocusItem)
    Keys.onEnterPressed: event => event.accepted = Theme.pressButton(Window.activeFocusItem)
    padding: 24
    // The form for the session now in services: at start, and when the window shows another
    // account (a new one being added starts from the server in the field, with nothing secret).
    function resetForm() {
        const hs = session.homeserverInput !== "" ? session.homeserverInput
                 : initialHomeserver !== "" ? initialHomeserver
                 : services.credentials.savedHomeserver !== "" ? services.credentials.savedHomeserver
                 : homeserverField.text !== "" ? homeserverField.text
                 : "matrix.org"
        homeserverField.text = hs
        errorFor = homeserver // an expired session's error, with its server
        clearToken()
        clearPassword()
        userField.text = ""
        // An expired pasted-token session asks for a token again.
        advancedButton.checked = session.expired && !session.createdDevice
        if (session.userId !== "")
            userField.text = session.userId
        focusFirstEmpty()
        discover()
    }
    Component.onCompleted: resetForm()
    // Later: the bindings on services (session, busy …) are not all re-evaluated yet here.
    onServicesChanged: resetTimer.start()
    Timer {
        id: resetTimer
        interval: 0
        onTriggered: root.resetForm()
    }
    // What the homeserver field held when the session's error was set: another server typed
    // since then does not show that error.
    property string errorFor: ""
    Connections {
        target: root.session
        function onErrorChanged() {
            root.errorFor = root.homeserver
        }
    }
    // After a failed or expired session, keep what the server was and ask for a new token.
    Connections {
        target: root.session
        function onStateChanged() {
            if (root.session.state === Session.SignedOut && root.session.homeserverInput !== "") {
                homeserverField.text = root.session.homeserverInput
                root.errorFor = root.homeserver
            }
            if (root.session.state === Session.SignedIn) {
                root.clearToken()
                root.clearPassword() // never kept once it was used
            }
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
                onTextChanged: discoverTimer.restart()
                onEditingFinished: root.discover()
            }

            // What the server offers, or why it could not be asked.
            Label {
                objectName: "signInMethodsStatus"
                Layout.fillWidth: true
                visible: text !== ""
                wrapMode: Text.Wrap
                color: Theme.secondaryText
                textFormat: Text.PlainText
                text: root.discovering ? qsTr("Asking %1 how to sign in…").arg(root.homeserver)
                    : !root.methodsKnown ? ""
                    : !root.passwordOffered && !root.ssoOffered && !root.oauthOffered ? qsTr("This server offers no sign-in method Concierge supports yet: sign in with an access token.")
                    : ""
            }
            FormMessage {
                objectName: "signInMethodsError"
                Layout.fillWidth: true
                kind: FormMessage.Kind.Error
                text: root.session.discoveryState === Session.DiscoveryFailed
                      && root.session.discoveredFor === root.homeserver && !root.busy
                      && root.session.errorText === ""
                      ? root.session.discoveryError : ""
            }

            // --- OAuth 2.0: the server's account page in the system browser ---
            Button {
                id: oauthButton
                objectName: "oauthButton"
                visible: root.oauthOffered && !root.tokenMode
                Layout.fillWidth: true
                Layout.topMargin: Theme.spacing
                highlighted: true
                enabled: !root.busy && root.homeserver !== ""
                text: qsTr("Continue with %1's sign-in page").arg(root.homeserver)
                contentItem: Label {
                    text: oauthButton.text
                    textFormat: Text.PlainText
                    horizontalAlignment: Text.AlignHCenter
                    elide: Text.ElideRight
                    color: oauthButton.palette.buttonText
                    opacity: oauthButton.enabled ? 1 : 0.5
                }
                Accessible.name: text
                Accessible.description: qsTr("Opens your server's sign-in page in your browser (OAuth 2.0)")
                Accessible.onPressAction: clicked()
                onClicked: {
                    if (!root.busy && root.homeserver !== "")
                        root.services.signInWithOAuth(root.homeserver)
                }
            }

            // --- Password (m.login.password) ---
            Label {
                visible: !root.tokenMode && root.passwordOffered
                text: qsTr("User name")
                font.bold: true
                Layout.topMargin: Theme.spacing
            }
            TextField {
                id: userField
                objectName: "userField"
                visible: !root.tokenMode && root.passwordOffered
                Layout.fillWidth: true
                placeholderText: qsTr("alice or @alice:example.org")
                Accessible.name: qsTr("User name")
                Accessible.description: qsTr("Your user name, or your full Matrix ID")
                enabled: !root.busy
                selectByMouse: true
                inputMethodHints: Qt.ImhNoAutoUppercase | Qt.ImhNoPredictiveText
                Keys.onReturnPressed: root.submit()
                Keys.onEnterPressed: root.submit()
            }
            Label {
                visible: !root.tokenMode && root.passwordOffered
                text: qsTr("Password")
                font.bold: true
            }
            SecretField {
                id: passwordField
                objectName: "passwordField"
                visible: !root.tokenMode && root.passwordOffered
                Layout.fillWidth: true
                Accessible.name: qsTr("Password")
                enabled: !root.busy
                Keys.onReturnPressed: root.submit()
                Keys.onEnterPressed: root.submit()
            }

            // --- Single sign-on (m.login.sso): the server's page in the system browser ---
            Label {
                visible: root.ssoOffered && !root.tokenMode && root.passwordOffered
                text: qsTr("Or sign in with")
                font.bold: true
                Layout.topMargin: Theme.spacing
            }
            Repeater {
                model: root.ssoOffered && !root.tokenMode
                       ? (root.session.ssoProviders.length > 0 ? root.session.ssoProviders : [{ id: "", name: "" }])
                       : []
                delegate: Button {
                    id: ssoButton
                    required property var modelData
                    objectName: "ssoButton_" + modelData.id
                    Layout.fillWidth: true
                    Layout.topMargin: root.passwordOffered ? 0 : Theme.spacing
                    highlighted: !root.passwordOffered
                    enabled: !root.busy && root.homeserver !== ""
                    // The provider's name is the server's text: never markup.
                    contentItem: Label {
                        text: ssoButton.text
                        textFormat: Text.PlainText
                        horizontalAlignment: Text.AlignHCenter
                        elide: Text.ElideRight
                        // Fusion draws a highlighted button with a coloured frame, not a fill.
                        color: ssoButton.palette.buttonText
                        opacity: ssoButton.enabled ? 1 : 0.5
                    }
                    text: modelData.name !== "" ? qsTr("Continue with %1").arg(modelData.name)
                                                : qsTr("Sign in with single sign-on")
                    Accessible.name: text
                    Accessible.description: qsTr("Opens the server's sign-in page in your browser")
                    Accessible.onPressAction: clicked()
                    onClicked: root.signInWithSso(modelData.id)
                }
            }

            // --- Advanced: the access token ---
            Button {
                id: advancedButton
                objectName: "advancedButton"
                visible: root.passwordOffered || root.ssoOffered || root.oauthOffered
                Layout.topMargin: Theme.spacing
                checkable: true
                flat: true
                text: checked ? qsTr("▾ Advanced: sign in with an access token")
                              : qsTr("▸ Advanced: sign in with an access token")
                Accessible.name: qsTr("Advanced: sign in with an access token")
                Accessible.onPressAction: toggle()
                onToggled: root.focusFirstEmpty()
            }
            Label {
                visible: root.tokenMode
                text: qsTr("Access token")
                font.bold: true
                Layout.topMargin: Theme.spacing
            }
            RowLayout {
                visible: root.tokenMode
                Layout.fillWidth: true
                spacing: Theme.spacing / 2
                SecretField {
                    id: tokenField
                    objectName: "tokenField"
                    Layout.fillWidth: true
                    echoMode: showToken.checked ? TextInput.Normal : TextInput.Password
                    placeholderText: qsTr("Paste your access token")
                    Accessible.description: qsTr("Paste your access token")
                    Accessible.name: qsTr("Access token")
                    enabled: !root.busy
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
                visible: root.tokenMode
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
                // Where it goes: the keychain, or the 0600 file the user chose instead.
                text: root.services.credentials.useFileStore
                      ? qsTr("Remember me on this computer (in a file only you can read)")
                      : qsTr("Remember me on this computer (system keychain)")
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
                    text: root.services.restoring && root.session.state === Session.SignedOut
                          ? qsTr("Reading your saved session from the keychain…")
                          : root.session.state === Session.Resolving
                          ? qsTr("Looking up %1…").arg(root.session.homeserverInput || root.homeserver)
                          : root.waitingForBrowser ? qsTr("Continue in your browser…")
                          : root.tokenMode ? qsTr("Checking the access token…")
                          : qsTr("Signing in…")
                    textFormat: Text.PlainText
                }
                Button {
                    Accessible.onPressAction: clicked()
                    objectName: "otherAccountsButton"
                    visible: root.otherAccounts && !root.busy
                    text: qsTr("Back to your accounts")
                    Accessible.name: qsTr("Back to your other accounts")
                    onClicked: root.otherAccountsRequested()
                }
                Item { Layout.fillWidth: true; visible: !root.busy }
                Button {
                    Accessible.onPressAction: clicked()
                    objectName: "reopenBrowserButton"
                    visible: root.waitingForBrowser
                    text: qsTr("Open the page again")
                    Accessible.name: qsTr("Open the sign-in page in the browser again")
                    onClicked: root.session.reopenBrowser()
                }
                // A slow or silent server must never leave the page stuck with every control off.
                Button {
                    Accessible.onPressAction: clicked()
                    objectName: "cancelSignInButton"
                    visible: root.busy
                    text: qsTr("Cancel")
                    Accessible.name: qsTr("Cancel signing in")
                    onClicked: root.services.restoring ? root.services.cancelRestore() : root.session.cancelSignIn()
                }
                Button {
                    id: signInButton
                    Accessible.onPressAction: clicked()
                    objectName: "signInButton"
                    visible: (root.tokenMode || root.passwordOffered) && !root.waitingForBrowser
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
                // The last attempt's error, while the field still holds the server it was for.
                text: root.session.state === Session.SignedOut && root.errorFor === root.homeserver
                      ? root.session.errorText : ""
            }
        }
    }
}
