import QtQuick
import QtQuick.Layouts

// What the room row's membership buttons (InviteButtons, JoinedButtons, LeftButtons) share: the
// row loads only the set of its membership (RoomDelegate's Loader, by `source:`: Qt 6.4's Loader
// cannot instantiate an inline component of a bound file), and sets these from its own roles.
// The buttons only emit an intent, like the row's.
RowLayout {
    // The row's title (display name, alias or ID), for the buttons' accessible names.
    property string title: ""
    // Membership.Join, .Invite, .Leave, .Knock, …: the row's.
    property int membership: -1

    // An Operation.Kind, passed on as RoomDelegate.actionRequested.
    signal actionRequested(int kind)

    spacing: Theme.spacing / 2
}
