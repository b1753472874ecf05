import QtQuick

// Placeholder: written with issue 11.
Item {}
