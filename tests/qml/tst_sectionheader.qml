import QtQuick
import QtQuick.Controls
import QtTest
import Concierge.Core
import Concierge.Ui

// SectionHeader: each section of the room list is named by its own title, drawn and read out
// ("Requested" was once drawn as "Left"), and only the Left section offers Hide.
Item {
    id: root
    width: 600
    height: 100

    Component {
        id: headerComponent
        SectionHeader { width: root.width }
    }

    TestCase {
        name: "SectionHeader"
        when: windowShown

        function test_each_section_has_its_title_data() {
            return [
                { tag: "invites", section: RoomSection.Invites, title: "Invites", hide: false },
                { tag: "requested", section: RoomSection.Requested, title: "Requested", hide: false },
                { tag: "joined", section: RoomSection.Joined, title: "Joined", hide: false },
                { tag: "left", section: RoomSection.Left, title: "Left", hide: true }
            ]
        }
        function test_each_section_has_its_title(data) {
            const header = createTemporaryObject(headerComponent, root,
                                                 { section: data.section, sectionCount: 2 })
            verify(header)
            compare(header.title, data.title)
            const label = findChild(header, "sectionTitle")
            verify(label)
            compare(label.text, data.title + "  (2)")
            compare(label.Accessible.name, data.title + ", 2 rooms")
            compare(header.objectName, "section:" + data.title)
            compare(findChild(header, "hideLeftButton").visible, data.hide)
        }
    }
}
