import QtQuick
import QtQuick.Templates as T

// A page's popup (a dialog, a menu) built the first time it is asked for, not with the page.
// Why: the room list page has a dozen of them, and building them all before the first frame
// cost every relaunch ~66 ms (bench/results.md) for dialogs most launches never open.
// (Not a Loader: Qt 6.4's Loader cannot build a component of a file with
// `pragma ComponentBehavior: Bound`; createObject() builds it in its own context.)
QtObject {
    // The popup's declaration: `component: SomeDialog { ... }`.
    required property Component component
    // Where the popup is built (its parent item: a menu's coordinates are this item's).
    required property Item parentItem
    // The popup once built, else null.
    property QtObject popup: null

    // The popup, built now if it was not yet.
    function get(): QtObject {
        if (!popup)
            popup = component.createObject(parentItem)
        return popup
    }
    // Closes the popup if it was ever built (one never built is not open).
    function closeIfBuilt() {
        const built = popup as T.Popup
        if (built)
            built.close()
    }
}
