pragma Singleton
import QtQuick
import QtQuick.Controls

// Colours derived from the application palette, the one the controls (Fusion by default) draw
// with too: ColorScheme (src/platform) sets it complete, light or dark as the desktop says, and
// SystemPalette follows its changes live. Only the few semantic colours the palette lacks are
// added here, each in a light and a dark variant readable on the window and base colours.
QtObject {
    id: theme

    readonly property SystemPalette palette: SystemPalette { colorGroup: SystemPalette.Active }
    readonly property bool dark: palette.window.hslLightness < 0.5

    readonly property color text: palette.windowText
    // Dimmer than text, as a solid colour: the windowText blended into the window colour only as
    // far as it stays readable (4.5:1) on the window, the base and a selected row on either.
    readonly property color secondaryText: {
        const backgrounds = [palette.window, palette.base, sectionBackground,
                             composite(selectionBackground, palette.base),
                             composite(selectionBackground, palette.window)]
        for (let alpha = 0.72; alpha < 1; alpha += 0.04) {
            const candidate = composite(Qt.rgba(text.r, text.g, text.b, alpha), palette.window)
            if (backgrounds.every(b => contrast(candidate, b) >= 4.6))
                return candidate
        }
        return text
    }
    readonly property color errorText: dark ? "#ff9e9e" : "#b3261e"
    readonly property color errorBackground: dark ? "#4a1f1f" : "#fdecea"
    readonly property color noticeBackground: dark ? "#2d3a4a" : "#e8f0fb"
    readonly property color okColor: dark ? "#7ddc8c" : "#1b6e2c"
    readonly property color warnColor: dark ? "#ffd479" : "#8a5a00"
    readonly property color sectionBackground: Qt.darker(palette.window, dark ? 0.8 : 1.06)
    readonly property color separator: Qt.rgba(palette.windowText.r, palette.windowText.g,
                                               palette.windowText.b, 0.15)

    // A selected row (bulk actions): a tint of the palette's highlight, so that the row's own
    // text colours stay readable; the keyboard's current row is a frame in the full highlight.
    readonly property color selectionBackground: Qt.rgba(palette.highlight.r, palette.highlight.g,
                                                         palette.highlight.b, dark ? 0.35 : 0.22)
    readonly property color selectionAccent: palette.highlight
    // The keyboard focus: the highlight, lightened in a dark scheme until it stands out (3:1) from
    // the window (a highlight dark enough for white text on it would not).
    readonly property color focusFrame: {
        let c = palette.highlight
        for (let i = 0; dark && i < 6 && contrast(c, palette.window) < 3.2; ++i)
            c = Qt.lighter(c, 1.15)
        return c
    }

    // WCAG 2 contrast ratio of two opaque colours (1 to 21).
    function contrast(a: color, b: color): real {
        const lum = c => {
            const ch = v => v <= 0.04045 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4)
            return 0.2126 * ch(c.r) + 0.7152 * ch(c.g) + 0.0722 * ch(c.b)
        }
        const la = lum(a), lb = lum(b)
        return (Math.max(la, lb) + 0.05) / (Math.min(la, lb) + 0.05)
    }
    // `top` (possibly translucent) drawn over the opaque `bottom`.
    function composite(top: color, bottom: color): color {
        const a = top.a
        return Qt.rgba(top.r * a + bottom.r * (1 - a), top.g * a + bottom.g * (1 - a),
                       top.b * a + bottom.b * (1 - a), 1)
    }

    readonly property int spacing: 8
    readonly property int avatarSize: 40

    // A stable background colour for initials, picked from the room or user ID: each reads
    // (4.5:1) with avatarText, in either scheme.
    readonly property color avatarText: "#ffffff"
    readonly property list<color> avatarColors: ["#1565c0", "#2e7d32", "#6a1b9a", "#c62828",
        "#00695c", "#ad1457", "#4e342e", "#283593", "#bf360c", "#37474f"]
    function avatarColor(key: string): color {
        let h = 0
        for (let i = 0; i < key.length; ++i)
            h = (h * 31 + key.charCodeAt(i)) % 1000003
        return theme.avatarColors[h % theme.avatarColors.length]
    }

    // 100 -> "1 min 40 s", 45 -> "45 s", 7260 -> "2 h 1 min": a duration for ETAs.
    function duration(seconds: int): string {
        const s = Math.max(0, Math.round(seconds))
        if (s < 60)
            return qsTr("%1 s").arg(s)
        if (s < 3600) {
            const m = Math.floor(s / 60)
            const rest = s % 60
            return rest === 0 ? qsTr("%1 min").arg(m) : qsTr("%1 min %2 s").arg(m).arg(rest)
        }
        const h = Math.floor(s / 3600)
        const m = Math.floor((s % 3600) / 60)
        return m === 0 ? qsTr("%1 h").arg(h) : qsTr("%1 h %2 min").arg(h).arg(m)
    }

    // Enter/Return on a focused push button presses it (Qt Quick's buttons only take Space):
    // pages and dialogs call this with Window.activeFocusItem for the keys no control took.
    function pressButton(item: Item): bool {
        const button = item as Button
        if (button === null || !button.enabled || !button.visible)
            return false
        if (button.checkable)
            button.toggle()
        button.clicked()
        return true
    }

    // "Rust Lovers" -> "R", "@bob:example.org" -> "B", "" -> "?"; skips sigils and punctuation.
    function initials(name: string): string {
        for (let i = 0; i < name.length; ++i) {
            const c = name.charAt(i)
            if (c.toUpperCase() !== c.toLowerCase() || (c >= "0" && c <= "9"))
                return c.toUpperCase()
        }
        return "?"
    }
}
