import QtQuick
import QtQuick.Controls
import QtTest
import Concierge.Core
import Concierge.Test
import Concierge.Ui

// Theme (issue 16): in the light and in the dark scheme as the app applies them (ColorScheme,
// through TestBackend.setColorScheme), the app's text colours read (WCAG 4.5:1) on every
// background they are drawn on, a selected row included; the controls draw with the same palette
// as Theme's colours; Theme follows a change of scheme live. Contrast is computed here, not with
// Theme's own function.
Item {
    id: root
    width: 600
    height: 200

    SectionHeader {
        id: leftHeader
        width: root.width
        section: RoomSection.Left
        sectionCount: 3
    }
    Avatar {
        id: avatar
        y: 60
        name: "Rust Lovers"
    }
    Button {
        id: button
        y: 110
        text: "Button"
    }
    TextField {
        id: field
        x: 200
        y: 110
        placeholderText: "Filter"
    }

    TestCase {
        name: "Theme"
        when: windowShown

        function channel(v) {
            return v <= 0.04045 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4)
        }
        function luminance(c) {
            return 0.2126 * channel(c.r) + 0.7152 * channel(c.g) + 0.0722 * channel(c.b)
        }
        function ratio(a, b) {
            const la = luminance(a), lb = luminance(b)
            return (Math.max(la, lb) + 0.05) / (Math.min(la, lb) + 0.05)
        }
        // A translucent colour drawn over an opaque one.
        function over(top, bottom) {
            return Qt.rgba(top.r * top.a + bottom.r * (1 - top.a),
                           top.g * top.a + bottom.g * (1 - top.a),
                           top.b * top.a + bottom.b * (1 - top.a), 1)
        }
        function readable(what, fg, bg, minimum) {
            const r = ratio(over(fg, bg), bg)
            verify(r >= minimum, what + ": " + fg + " on " + bg + " is " + r.toFixed(2) + ":1")
        }

        function checkScheme(scheme) {
            verify(TestBackend.setColorScheme(scheme), "setColorScheme(" + scheme + ")")
            compare(Theme.dark, scheme === "dark")
            const p = Theme.palette
            const backgrounds = {
                "window": p.window,
                "base": p.base,
                "section header": Theme.sectionBackground,
                "selected row on base": over(Theme.selectionBackground, p.base),
                "selected row on window": over(Theme.selectionBackground, p.window),
            }
            for (const name in backgrounds) {
                readable(scheme + " text on " + name, Theme.text, backgrounds[name], 4.5)
                readable(scheme + " secondaryText on " + name, Theme.secondaryText,
                         backgrounds[name], 4.5)
            }
            for (const name of ["window", "base"]) {
                readable(scheme + " errorText on " + name, Theme.errorText, backgrounds[name], 4.5)
                readable(scheme + " okColor on " + name, Theme.okColor, backgrounds[name], 4.5)
                readable(scheme + " warnColor on " + name, Theme.warnColor, backgrounds[name], 4.5)
            }
            // The focus frame and the Fusion controls' own focus colour stand out (3:1).
            readable(scheme + " focusFrame on window", Theme.focusFrame, p.window, 3)
            readable(scheme + " focusFrame on base", Theme.focusFrame, p.base, 3)
            readable(scheme + " highlightedText on highlight", p.highlightedText, p.highlight, 4.5)
            readable(scheme + " errorText on errorBackground", Theme.errorText,
                     Theme.errorBackground, 4.5)
            readable(scheme + " text on noticeBackground", Theme.text, Theme.noticeBackground, 4.5)
            for (let i = 0; i < Theme.avatarColors.length; ++i)
                readable("avatar initials on " + Theme.avatarColors[i], Theme.avatarText,
                         Theme.avatarColors[i], 4.5)

            // The controls draw with the palette Theme reads (no style default of the other
            // scheme): window, button face and text, field base, text and placeholder. Qt Quick
            // hands an application palette change to the items with a posted event.
            tryVerify(() => Qt.colorEqual(button.palette.window, p.window), 2000,
                      "button window " + button.palette.window)
            verify(Qt.colorEqual(button.palette.button, p.button), "button face " + button.palette.button)
            verify(Qt.colorEqual(button.palette.buttonText, p.buttonText))
            tryVerify(() => Qt.colorEqual(field.palette.base, p.base), 2000,
                      "field base " + field.palette.base)
            verify(Qt.colorEqual(field.palette.text, p.text))
            readable(scheme + " button text", button.palette.buttonText, button.palette.button, 4.5)
            readable(scheme + " field text", field.palette.text, field.palette.base, 4.5)
            readable(scheme + " placeholder", field.palette.placeholderText, field.palette.base, 4.5)

            // What is drawn: the section title, the flat Hide on the header's background, the
            // avatar's initials.
            const title = findChild(leftHeader, "sectionTitle")
            readable(scheme + " section title", title.color, leftHeader.color, 4.5)
            const hide = findChild(leftHeader, "hideLeftButton")
            verify(hide.visible)
            readable(scheme + " Hide", hide.contentItem.color, leftHeader.color, 4.5)
            const initials = findChild(avatar, "avatarInitials")
            readable(scheme + " initials", initials.color, Theme.avatarColor(avatar.colorKey), 4.5)
        }

        function cleanupTestCase() {
            TestBackend.setColorScheme("system")
        }

        function test_light() {
            checkScheme("light")
        }

        function test_dark() {
            checkScheme("dark")
        }

        // A change of scheme while the app runs reaches Theme and the controls at once.
        function test_followsChange() {
            verify(TestBackend.setColorScheme("light"))
            const lightText = String(Theme.text) // a copy, not a reference to the property
            const lightSecondary = String(Theme.secondaryText)
            verify(!Theme.dark)
            verify(TestBackend.setColorScheme("dark"))
            verify(Theme.dark)
            verify(!Qt.colorEqual(Theme.text, lightText))
            verify(!Qt.colorEqual(Theme.secondaryText, lightSecondary))
            verify(luminance(Theme.text) > luminance(Theme.palette.window))
            tryVerify(() => Qt.colorEqual(button.palette.buttonText, Theme.palette.buttonText), 2000)
        }
    }
}
