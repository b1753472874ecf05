#pragma once

// Server-provided text made safe for where it is shown. Room names, topics, display names and
// error messages come from whoever controls a server: they may carry control characters,
// terminal escape sequences, bidi controls or line separators that hide or reorder text.

#include <QByteArray>
#include <QString>

namespace SafeText {
// True for code points that are never shown as they are:
// - C0 controls, DEL and C1 controls (terminal escape sequences start with ESC or CSI U+009B);
// - every line and paragraph separator (see isLineBreak());
// - every bidi control: U+061C ALM, U+200E LRM, U+200F RLM, U+202A–U+202E embeddings and
//   overrides, U+2066–U+2069 isolates;
// - invisible formatting: U+00AD soft hyphen, U+180E, U+200B zero width space, U+2060–U+2065
//   and U+206A–U+206F, U+FEFF, U+FFF9–U+FFFB, U+1D173–U+1D17A, U+E0001;
// - an unpaired surrogate (pass it as char32_t; a valid pair is one code point).
// Kept: U+200C and U+200D (the joiners that Persian, Indic scripts and emoji sequences need),
// variation selectors and emoji tag characters.
bool isHidden(char32_t c);
// Line and paragraph separators (including tab and the information separators that Unicode's
// bidi algorithm treats as such): LF, VT, FF, CR, U+001C–U+001F, TAB, NEL U+0085, U+2028, U+2029.
bool isLineBreak(char32_t c);
// One line for the UI: hidden characters dropped, each run of line breaks shown as one space, at
// most maxLength UTF-16 units kept (the whole text is cleaned first, so a run of hidden
// characters cannot push the visible text out; a surrogate pair is never split).
QString forDisplay(const QString &text, qsizetype maxLength = 1024);
// For a terminal: every hidden character written as a visible escape ("\x1b", "\x9b",
// "\u202e", "\U0001d173"), so an escape sequence can never reach the terminal and nothing is
// silently hidden either.
QString forTerminal(const QString &text);
// A JSON document (as QJsonDocument::toJson writes it) made terminal-safe without changing what
// it means: every hidden character outside plain ASCII is written as a \uXXXX escape, which a
// JSON parser reads back as the original text. (QJsonDocument already escapes C0 controls; a
// raw newline in its output is formatting, never part of a string.)
QByteArray jsonForTerminal(const QByteArray &json);
} // namespace SafeText
