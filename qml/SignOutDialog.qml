import QtQuick
import QtQuick.Controls
import QtQuick.Layouts

// "Sign out of <user>": says what signing out deletes from this computer (the remembered session,
// the account's saved room list and history) before anything happens. Cancel is the default;
// only "Sign out" emits signOutRequested().
BaseDialog {
    id: root

    property string userId

    signal signOutRequested()

    function openFor(user: string) {
        userId = user
        open()
    }
    function submit() {
        root.signOutRequested()
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
    }

    footer: DialogFooter {
        Button {
            id: signOutButton
            objectName: "signOutConfirmButton"
            text: qsTr("Sign out")
            highlighted: true
            Accessible.name: qsTr("Sign out of %1").arg(root.userId)
            Accessible.description: explanation.text
            KeyNavigation.tab: cancelButton
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
