import QtQuick

// The room list's view with its section headers. Its own file, without
// "pragma ComponentBehavior: Bound": Qt 6.4 creates section delegates in a context of their own,
// which a bound component refuses.
RoomSectionsView {
    section.property: "section"
    section.criteria: ViewSection.FullString
    section.delegate: SectionHeader {}
}
