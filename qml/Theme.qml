pragma Singleton
import QtQuick
import QtQuick.Controls

// Colours derived from the system palette (the Fusion style follows it too), so the app reads
// well in light and dark themes. Only the few semantic colours the palette lacks are added here,
// each in a light and a dark variant with enough contrast against the window colour.
QtObject {
    id: theme

    readonly property SystemPalette palette: SystemPalette { colorGroup: SystemPalette.Active }
    readonly property bool dark: palette.window.hslLightness < 0.5

    readonly property color text: palette.windowText
    readonly property color secondaryText: Qt.rgba(palette.windowText.r, palette.windowText.g,
                                                   palette.windowText.b, 0.72)
    readonly property color errorText: dark ? "#ff9e9e" : "#b3261e"
    readonly property color errorBackground: dark ? "#4a1f1f" : "#fdecea"
    readonly property color noticeBackground: dark ? "#2d3a4a" : "#e8f0fb"
    readonly property color okColor: dark ? "#7ddc8c" : "#1e7d32"
    readonly property color warnColor: dark ? "#ffd479" : "#8a5a00"
    readonly property color sectionBackground: Qt.darker(palette.window, dark ? 0.8 : 1.06)
    readonly property color separator: Qt.rgba(palette.windowText.r, palette.windowText.g,
                                               palette.windowText.b, 0.15)

    // A selected row (bulk actions): a tint of the palette's highlight, so that the row's own
    // text colours stay readable; the keyboard's current row is a frame in the full highlight.
    readonly property color selectionBackground: Qt.rgba(palette.highlight.r, palette.highlight.g,
                                                         palette.highlight.b, dark ? 0.35 : 0.22)
    readonly property color selectionAccent: palette.highlight
    readonly property color focusFrame: palette.highlight

    readonly property int spacing: 8
    readonly property int avatarSize: 40

    // A stable, readable background colour for initials, picked from the room or user ID.
    readonly property list<color> avatarColors: ["#1565c0", "#2e7d32", "#6a1b9a", "#c62828",
        "#00695c", "#ad1457", "#4e342e", "#283593", "#e65100", "#37474f"]
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
