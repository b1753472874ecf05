#include "api/safetext.h"

#include <QStringView>

namespace SafeText {

namespace {
// Calls f(codePoint, utf16Length) for each code point of text; an unpaired surrogate is passed
// as its own (surrogate) value.
template <typename F> void forEachCodePoint(QStringView text, F f)
{
    const qsizetype n = text.size();
    for (qsizetype i = 0; i < n; ++i) {
        const char16_t u = text[i].unicode();
        if (QChar::isHighSurrogate(u) && i + 1 < n &&
            QChar::isLowSurrogate(text[i + 1].unicode())) {
            if (!f(QChar::surrogateToUcs4(u, text[i + 1].unicode()), 2))
                return;
            ++i;
        } else if (!f(char32_t(u), 1)) {
            return;
        }
    }
}

void appendCodePoint(QString &out, char32_t c)
{
    if (QChar::requiresSurrogates(c)) {
        out += QChar(QChar::highSurrogate(c));
        out += QChar(QChar::lowSurrogate(c));
    } else {
        out += QChar(char16_t(c));
    }
}
} // namespace

bool isLineBreak(char32_t c)
{
    return (c >= 0x09 && c <= 0x0d) || (c >= 0x1c && c <= 0x1f) || c == 0x85 || c == 0x2028 ||
           c == 0x2029;
}

bool isHidden(char32_t c)
{
    if (c < 0x20 || (c >= 0x7f && c < 0xa0)) // C0, DEL, C1
        return true;
    if (c < 0xad)
        return false;                        // the common case: Latin-1 text
    return c == 0x00ad ||                    // soft hyphen
           c == 0x061c ||                    // arabic letter mark (bidi)
           c == 0x180e ||                    // mongolian vowel separator
           c == 0x200b ||                    // zero width space
           c == 0x200e || c == 0x200f ||     // LRM, RLM (bidi)
           (c >= 0x2028 && c <= 0x202e) ||   // LS, PS; LRE, RLE, PDF, LRO, RLO (bidi)
           (c >= 0x2060 && c <= 0x206f) ||   // word joiner, invisible operators, LRI…PDI
           (c >= 0xd800 && c <= 0xdfff) ||   // an unpaired surrogate
           c == 0xfeff ||                    // BOM / zero width no-break space
           (c >= 0xfff9 && c <= 0xfffb) ||   // interlinear annotation
           (c >= 0x1d173 && c <= 0x1d17a) || // musical symbol formatting
           c == 0xe0001;                     // language tag
}

QString forDisplay(const QString &text, qsizetype maxLength)
{
    // Fast path: nothing to drop in the part that is kept.
    {
        const QStringView kept = QStringView(text).left(maxLength);
        bool clean = true;
        forEachCodePoint(kept, [&clean](char32_t c, int) { return clean = !isHidden(c); });
        // A high surrogate at the cut would be half a pair (and reads as unpaired above).
        if (clean)
            return kept.toString();
    }
    QString out;
    out.reserve(qMin(text.size(), maxLength));
    bool pendingSpace = false;
    forEachCodePoint(text, [&](char32_t c, int length) {
        if (isLineBreak(c)) {
            pendingSpace = true;
            return true;
        }
        if (isHidden(c))
            return true;
        if (pendingSpace) {
            if (out.size() + 1 > maxLength)
                return false;
            out += QLatin1Char(' ');
            pendingSpace = false;
        }
        if (out.size() + length > maxLength)
            return false;
        appendCodePoint(out, c);
        return true;
    });
    if (pendingSpace && out.size() < maxLength)
        out += QLatin1Char(' ');
    return out;
}

QString forTerminal(const QString &text)
{
    QString out;
    out.reserve(text.size());
    forEachCodePoint(text, [&out](char32_t c, int) {
        if (!isHidden(c))
            appendCodePoint(out, c);
        else if (c < 0x100)
            out += QStringLiteral("\\x%1").arg(uint(c), 2, 16, QLatin1Char('0'));
        else if (c < 0x10000)
            out += QStringLiteral("\\u%1").arg(uint(c), 4, 16, QLatin1Char('0'));
        else
            out += QStringLiteral("\\U%1").arg(uint(c), 8, 16, QLatin1Char('0'));
        return true;
    });
    return out;
}

QByteArray jsonForTerminal(const QByteArray &json)
{
    const QString text = QString::fromUtf8(json);
    QString out;
    out.reserve(text.size());
    auto escape = [&out](uint unit) {
        out += QStringLiteral("\\u%1").arg(unit, 4, 16, QLatin1Char('0'));
    };
    forEachCodePoint(text, [&](char32_t c, int) {
        // Below DEL only the JSON's own formatting can be raw (QJsonDocument escapes the rest).
        if (c < 0x7f || !isHidden(c)) {
            appendCodePoint(out, c);
        } else if (QChar::requiresSurrogates(c)) { // JSON spells it as a surrogate pair
            escape(QChar::highSurrogate(c));
            escape(QChar::lowSurrogate(c));
        } else {
            escape(uint(c));
        }
        return true;
    });
    return out.toUtf8();
}

} // namespace SafeText
