import QtQuick
import QtQuick.Controls
import QtQuick.Layouts

// "Sign out of <user>": says what signing out deletes from this computer (the remembered session,
// the account's saved room list and history) before anything happens. Cancel is the default;
// only "Sign out" emits signOutRequested(). A session Concierge created (password sign-in) is
// also signed out on the server; for a pasted access token the dialog asks whether to invalidate
// it on the server too (it may be another app's token) or only forget it here (the default).
BaseDialog {
    id: root

    property string userId
    // The session's device was created by Concierge (Session.createdDevice).
    property bool createdDevice: false

    // invalidateOnServer: the user chose to invalidate a pasted token on the server too.
    signal signOutRequested(bool invalidateOnServer)

    function openFor(user: string) {
        userId = user
        invalidateCheck.checked = false
        open()
    }
    function submit() {
        root.signOutRequested(!root.createdDevice && invalidateCheck.checked)
        close()
    }

    objectName: "signOutDialog"
    title: qsTr("Sign out of %1").arg(userId)
    preferredWidth: 500
    description: explanation.text
    onOpened: cancelButton.forceActiveFocus(Qt.TabFocusReason)

    ColumnLayout {
        anchors.fill: parent
        spacing: Theme.spacing
        Label {
            id: explanation
            objectName: "signOutExplanation"
            Layout.fillWidth: true
            textFormat: Text.PlainText
            wrapMode: Text.Wrap
            text: qsTr("Signing out forgets the remembered session of %1 and deletes this account's saved room list and room history from this computer.").arg(root.userId)
        }
        Label {
            objectName: "signOutServerNote"
            Layout.fillWidth: true
            textFormat: Text.PlainText
            wrapMode: Text.Wrap
            color: Theme.secondaryText
            text: qsTr("Your rooms on the server stay as they are: the list is loaded again when you sign in, but the history of rooms you have left starts afresh.")
        }
        Label {
            objectName: "signOutDeviceNote"
            visible: root.createdDevice
            Layout.fillWidth: true
            textFormat: Text.PlainText
            wrapMode: Text.Wrap
            text: qsTr("Concierge also signs this device out on the server.")
        }
        CheckBox {
            id: invalidateCheck
            objectName: "invalidateTokenCheck"
            visible: !root.createdDevice
            Layout.fillWidth: true
            text: qsTr("Also invalidate the access token on the server (anything else using this token is signed out too)")
            Accessible.name: qsTr("Also invalidate the access token on the server")
            KeyNavigation.tab: cancelButton
        }
    }

    footer: DialogFooter {
        Button {
            id: signOutButton
            objectName: "signOutConfirmButton"
            text: qsTr("Sign out")
            highlighted: true
            Accessible.name: qsTr("Sign out of %1").arg(root.userId)
            Accessible.description: explanation.text
            KeyNavigation.tab: invalidateCheck.visible ? invalidateCheck : cancelButton
            Keys.onReturnPressed: root.submit()
            Keys.onEnterPressed: root.submit()
            onClicked: root.submit()
        }
        Button {
            id: cancelButton
            objectName: "signOutCancelButton"
            text: qsTr("Cancel")
            Accessible.name: qsTr("Cancel")
            KeyNavigation.tab: signOutButton
            Keys.onReturnPressed: root.reject()
            Keys.onEnterPressed: root.reject()
            onClicked: root.reject()
        }
    }
}
