import QtQuick

// A ListView that carries what the room list's section headers show. SectionHeader reaches it
// as its parent's parent; RoomListView builds on it (a separate file so the two types do not
// depend on each other).
ListView {
    property int inviteCount: 0
    property int joinedCount: 0
    property int leftCount: 0

    signal hideLeftRequested()
}
