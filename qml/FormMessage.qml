import QtQuick

// A one- or few-line message under a field or at the bottom of a form: an error (red, ⚠), a
// notice or a hint. Always plain text: it often quotes what the user typed or the server said.
// An error is an alert for screen readers: announced when it appears. (A Text, not a Label: in
// Qt 6.4 a Label overrides Accessible.role, so the alert role would be lost.)
Text {
    id: root

    enum Kind { Hint, Notice, Error }
    property int kind: FormMessage.Kind.Hint

    visible: text !== ""
    textFormat: Text.PlainText
    wrapMode: Text.Wrap
    color: kind === FormMessage.Kind.Error ? Theme.errorText
         : kind === FormMessage.Kind.Notice ? Theme.text : Theme.secondaryText
    leftPadding: kind === FormMessage.Kind.Hint ? 0 : 6
    rightPadding: leftPadding
    topPadding: kind === FormMessage.Kind.Hint ? 0 : 4
    bottomPadding: topPadding

    Rectangle {
        anchors.fill: parent
        z: -1
        visible: root.kind !== FormMessage.Kind.Hint
        radius: 3
        color: root.kind === FormMessage.Kind.Error ? Theme.errorBackground : Theme.noticeBackground
    }
    Accessible.role: kind === FormMessage.Kind.Error ? Accessible.AlertMessage : Accessible.StaticText
    Accessible.name: text
}
