#include "api/safetext.h"

namespace SafeText {

bool isHidden(char16_t c)
{
    return c < 0x20 || (c >= 0x7f && c < 0xa0) || c == 0x00ad || c == 0x061c || c == 0x180e ||
           (c >= 0x200b && c <= 0x200c) || (c >= 0x200e && c <= 0x200f) ||
           (c >= 0x2028 && c <= 0x202e) || (c >= 0x2060 && c <= 0x206f) || c == 0xfeff ||
           (c >= 0xfff9 && c <= 0xfffb);
}

QString forDisplay(const QString &text, qsizetype maxLength)
{
    QString s = text;
    if (s.size() > maxLength) {
        s.truncate(maxLength);
        // Don't leave half a surrogate pair at the cut.
        if (!s.isEmpty() && s.back().isHighSurrogate())
            s.chop(1);
    }
    bool clean = true;
    for (QChar c : std::as_const(s))
        clean &= !isHidden(c.unicode());
    if (clean)
        return s;
    QString out;
    out.reserve(s.size());
    for (QChar c : std::as_const(s)) {
        const char16_t u = c.unicode();
        if (u == '\n' || u == '\t' || u == '\r' || u == 0x2028 || u == 0x2029 || u == 0x85)
            out += QLatin1Char(' ');
        else if (!isHidden(u))
            out += c;
    }
    return out;
}

QString forTerminal(const QString &text)
{
    QString out;
    out.reserve(text.size());
    for (QChar c : text) {
        const char16_t u = c.unicode();
        if (!isHidden(u))
            out += c;
        else if (u < 0x100)
            out += QStringLiteral("\\x%1").arg(int(u), 2, 16, QLatin1Char('0'));
        else
            out += QStringLiteral("\\u%1").arg(int(u), 4, 16, QLatin1Char('0'));
    }
    return out;
}

} // namespace SafeText
