// Fuzzes the identifier grammar (src/identifiers.h): every validate* against an independent,
// strict reading of the spec's grammar, and encodePathSegment's output alphabet and round trip.
// The input is checked twice: as UTF-8 text, and as raw UTF-16 (lone surrogates, NULs, ...).

#include "api/identifiers.h"
#include "fuzzcommon.h"

#include <QRegularExpression>
#include <QUrl>

#include <cstring>

namespace {

// The spec's server_name: dns-name (1-255 of [A-Za-z0-9.-]) or an IPv6 literal in brackets,
// optionally ":" and 1-5 ASCII digits. Nothing else: no signs, spaces or control characters.
const QString ServerName =
    QStringLiteral("(?:[A-Za-z0-9.\\-]{1,255}|\\[[0-9A-Fa-f:.]{1,45}\\])(?::([0-9]{1,5}))?");

const QRegularExpression &serverNameRe()
{
    static const QRegularExpression re(QStringLiteral("\\A") + ServerName + QStringLiteral("\\z"));
    return re;
}

bool strictServerName(const QString &s)
{
    const auto m = serverNameRe().match(s);
    if (!m.hasMatch())
        return false;
    const QString port = m.captured(1);
    return port.isEmpty() || (port.toInt() >= 1 && port.toInt() <= 65535);
}

bool isUnreserved(char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' ||
           c == '.' || c == '_' || c == '~';
}

bool isUpperHex(char c)
{
    return (c >= '0' && c <= '9') || (c >= 'A' && c <= 'F');
}

void checkServerName(const QString &s)
{
    const bool valid = Identifiers::validateServerName(s).isEmpty();
    // Accepting more than the grammar lets "example.org: 80" or "a.org:+80" through to requests.
    FUZZ_CHECK(!valid || strictServerName(s), QStringLiteral("accepted server name: ") + s);
    // Everything the grammar allows must be accepted (up to the code's 1-45 IPv6 rule).
    FUZZ_CHECK(valid || !strictServerName(s), QStringLiteral("rejected server name: ") + s);
}

void checkIdWithServer(const QString &s, QChar sigil, bool valid, const char *what)
{
    if (!valid)
        return;
    FUZZ_CHECK(s.startsWith(sigil), QString::fromLatin1(what) + QStringLiteral(": ") + s);
    FUZZ_CHECK(s.toUtf8().size() <= 255, QString::fromLatin1(what) + QStringLiteral(": ") + s);
    const qsizetype colon = s.indexOf(QLatin1Char(':'));
    FUZZ_CHECK(colon > 1, QString::fromLatin1(what) + QStringLiteral(" without local part: ") + s);
    const QString server = Identifiers::serverPart(s);
    FUZZ_CHECK(server == s.mid(colon + 1), s);
    FUZZ_CHECK(strictServerName(server),
               QString::fromLatin1(what) + QStringLiteral(" with invalid server: ") + s);
}

void checkString(const QString &s)
{
    checkServerName(s);

    // User IDs: "@" localpart ":" server_name; the (historical) localpart is printable ASCII
    // other than ':' .
    const bool userOk = Identifiers::validateUserId(s).isEmpty();
    checkIdWithServer(s, QLatin1Char('@'), userOk, "user ID");
    if (userOk) {
        const QString local = s.mid(1, s.indexOf(QLatin1Char(':')) - 1);
        for (QChar c : local)
            FUZZ_CHECK(c.unicode() > 0x20 && c.unicode() < 0x7f, QStringLiteral("user ID: ") + s);
    }

    // Room IDs: "!" opaque ":" server_name, or (room v12) "!" opaque without a server part.
    const bool roomOk = Identifiers::validateRoomId(s).isEmpty();
    if (roomOk) {
        FUZZ_CHECK(s.startsWith(QLatin1Char('!')) && s.size() >= 2, s);
        FUZZ_CHECK(s.toUtf8().size() <= 255, s);
        for (QChar c : s)
            FUZZ_CHECK(c.unicode() > 0x20 && c.unicode() != 0x7f,
                       QStringLiteral("room ID with space/control: ") + s);
        if (s.contains(QLatin1Char(':')))
            checkIdWithServer(s, QLatin1Char('!'), true, "room ID");
    }

    // Aliases: "#" localpart ":" server_name; the localpart may be any valid UTF-16 but NUL.
    const bool aliasOk = Identifiers::validateRoomAlias(s).isEmpty();
    checkIdWithServer(s, QLatin1Char('#'), aliasOk, "alias");
    if (aliasOk) {
        FUZZ_CHECK(!s.contains(QChar(0)), s);
        FUZZ_CHECK(s.isValidUtf16(), s);
    }

    // The combined check agrees with the specific ones.
    const bool targetOk = Identifiers::validateRoomIdOrAlias(s).isEmpty();
    FUZZ_CHECK(targetOk == (roomOk || aliasOk), s);
    FUZZ_CHECK(!(userOk && (roomOk || aliasOk)), s);

    // One path segment: only unreserved characters and "%XX", and it decodes to the UTF-8 input.
    const QByteArray encoded = Identifiers::encodePathSegment(s);
    for (qsizetype i = 0; i < encoded.size(); ++i) {
        const char c = encoded.at(i);
        if (c == '%') {
            FUZZ_CHECK(i + 2 < encoded.size() && isUpperHex(encoded.at(i + 1)) &&
                           isUpperHex(encoded.at(i + 2)),
                       QString::fromLatin1(encoded));
            i += 2;
        } else {
            FUZZ_CHECK(isUnreserved(c), QString::fromLatin1(encoded));
        }
    }
    FUZZ_CHECK(QByteArray::fromPercentEncoding(encoded) == s.toUtf8(), s);
    // (QString::fromUtf8, and so QUrl::fromPercentEncoding, drops a leading BOM: compare likewise.)
    FUZZ_CHECK(QUrl::fromPercentEncoding(encoded) == QString::fromUtf8(s.toUtf8()), s);

    // mxc:// URIs (avatars): an accepted one can only name one media path. Neither part is a
    // dot segment or empty, the server is a valid server name, the media ID is [A-Za-z0-9_-].
    for (const QString &mxc : {s, QStringLiteral("mxc://") + s}) {
        QString server, mediaId;
        if (!Identifiers::parseMxcUri(mxc, &server, &mediaId))
            continue;
        FUZZ_CHECK(Identifiers::validateServerName(server).isEmpty(), mxc);
        FUZZ_CHECK(server != QLatin1String(".") && server != QLatin1String(".."), mxc);
        FUZZ_CHECK(!mediaId.isEmpty(), mxc);
        for (QChar c : mediaId)
            FUZZ_CHECK(c.isDigit() || (c >= QLatin1Char('a') && c <= QLatin1Char('z')) ||
                           (c >= QLatin1Char('A') && c <= QLatin1Char('Z')) ||
                           c == QLatin1Char('_') || c == QLatin1Char('-'),
                       mxc);
        FUZZ_CHECK(mxc == QStringLiteral("mxc://") + server + QLatin1Char('/') + mediaId, mxc);
    }

    // The servers to join through: blanks and duplicates dropped, each valid, at most three.
    {
        QStringList normalized;
        const QStringList parts = IdentifierValidator().splitServers(s);
        const QString error = Identifiers::validateViaServers(parts, &normalized);
        for (const QString &server : normalized) {
            FUZZ_CHECK(!server.isEmpty() && server == server.trimmed(), s);
            FUZZ_CHECK(normalized.count(server) == 1, s);
        }
        if (error.isEmpty()) {
            FUZZ_CHECK(normalized.size() <= Identifiers::MaxViaServers, s);
            for (const QString &server : normalized)
                FUZZ_CHECK(Identifiers::validateServerName(server).isEmpty(), s);
        }
    }

    // The QML-facing validator: the same checks on trimmed text; splitServers drops separators.
    IdentifierValidator validator;
    FUZZ_CHECK(validator.userIdError(s).isEmpty() ==
                   Identifiers::validateUserId(s.trimmed()).isEmpty(),
               s);
    (void)validator.roomTargetError(s);
    (void)validator.serverNameError(s);
    const QStringList servers = validator.splitServers(s);
    for (const QString &part : servers)
        FUZZ_CHECK(!part.isEmpty(), s);
    // (QRegularExpression matches nothing in invalid UTF-16: such text stays in one piece.)
    if (s.isValidUtf16())
        for (const QString &part : servers)
            FUZZ_CHECK(!part.contains(QLatin1Char(',')) && !part.contains(QLatin1Char(' ')), s);
}

} // namespace

extern "C" int LLVMFuzzerInitialize(int *, char ***)
{
    fuzz::quietQtMessages();
    return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size > 4096)
        return -1; // identifiers are at most 255 bytes; longer inputs only cost time
    const QByteArray input = fuzz::bytes(data, size);
    checkString(QString::fromUtf8(input));

    // The same bytes as UTF-16 code units, so unpaired surrogates and NULs are tried too.
    QString utf16(static_cast<qsizetype>(size / 2), Qt::Uninitialized);
    if (!utf16.isEmpty())
        memcpy(utf16.data(), data, size_t(utf16.size()) * sizeof(QChar));
    checkString(utf16);
    return 0;
}
