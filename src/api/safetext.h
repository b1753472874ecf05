#pragma once

// Server-provided text made safe for where it is shown. Room names, topics, display names and
// error messages come from whoever controls a server: they may carry control characters,
// terminal escape sequences, bidi overrides or line separators that hide or reorder text.

#include <QString>

namespace SafeText {
// True for characters that are never shown as they are: C0/C1 controls and DEL, bidi embeddings,
// overrides, isolates and marks (U+061C, U+200E/F, U+202A–E, U+2066–9), zero-width and invisible
// formatting characters, line and paragraph separators (U+2028/9), the BOM. U+200D (the zero
// width joiner of emoji sequences) is kept.
bool isHidden(char16_t c);
// One line for the UI: hidden characters dropped, line breaks and tabs as spaces, at most
// maxLength characters (without splitting a surrogate pair).
QString forDisplay(const QString &text, qsizetype maxLength = 1024);
// For a terminal: every hidden character written as a visible escape ("\x1b", "\u202e"), so an
// escape sequence can never reach the terminal and nothing is silently hidden either.
QString forTerminal(const QString &text);
} // namespace SafeText
