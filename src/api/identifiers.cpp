#include "api/identifiers.h"

#include <QCoreApplication>
#include <QRegularExpression>
#include <QUrl>

namespace {
constexpr int MaxIdentifierBytes = 255;

bool isValidHostname(QStringView host)
{
    // RFC 1123-ish, as the spec's server-name grammar: 1-255 chars of [A-Za-z0-9.-].
    if (host.isEmpty() || host.size() > 255)
        return false;
    for (QChar c : host) {
        const char16_t u = c.unicode();
        const bool ok = (u >= 'a' && u <= 'z') || (u >= 'A' && u <= 'Z') ||
                        (u >= '0' && u <= '9') || u == '.' || u == '-';
        if (!ok)
            return false;
    }
    return true;
}

bool isValidIpv6Literal(QStringView inner)
{
    if (inner.isEmpty() || inner.size() > 45)
        return false;
    for (QChar c : inner) {
        const char16_t u = c.unicode();
        const bool ok = (u >= '0' && u <= '9') || (u >= 'a' && u <= 'f') ||
                        (u >= 'A' && u <= 'F') || u == ':' || u == '.';
        if (!ok)
            return false;
    }
    return true;
}

// Splits "sigil local:server" at the first ':'; the server part may itself contain ':' (a port).
bool splitId(const QString &id, QString *local, QString *server)
{
    const qsizetype colon = id.indexOf(QLatin1Char(':'));
    if (colon < 0)
        return false;
    *local = id.mid(1, colon - 1);
    *server = id.mid(colon + 1);
    return true;
}

bool hasControlOrSpace(QStringView s)
{
    for (QChar c : s)
        if (c.unicode() <= 0x20 || c.unicode() == 0x7f)
            return true;
    return false;
}
} // namespace

namespace Identifiers {

QString validateServerName(const QString &serverName)
{
    if (serverName.isEmpty())
        return QCoreApplication::translate("Identifiers", "The server name is missing.");
    QStringView host = serverName;
    // An optional port: 1-5 digits after the last ':' that is not inside an IPv6 literal.
    const qsizetype closing = serverName.lastIndexOf(QLatin1Char(']'));
    const qsizetype colon = serverName.lastIndexOf(QLatin1Char(':'));
    if (colon > closing) {
        const QStringView port = QStringView(serverName).mid(colon + 1);
        bool ok = !port.isEmpty();
        for (QChar c : port)
            ok = ok && c >= QLatin1Char('0') && c <= QLatin1Char('9');
        const int number = ok ? port.toInt(&ok) : 0;
        if (port.isEmpty() || port.size() > 5 || !ok || number < 1 || number > 65535)
            return QCoreApplication::translate("Identifiers", "“%1” has an invalid port number.")
                .arg(serverName);
        host = QStringView(serverName).left(colon);
    }
    if (host.startsWith(QLatin1Char('['))) {
        if (!host.endsWith(QLatin1Char(']')) || !isValidIpv6Literal(host.mid(1, host.size() - 2)))
            return QCoreApplication::translate("Identifiers", "“%1” is not a valid IPv6 address.")
                .arg(serverName);
        return {};
    }
    if (!isValidHostname(host))
        return QCoreApplication::translate(
                   "Identifiers",
                   "“%1” is not a valid server name: use letters, digits, '.' and '-', "
                   "optionally followed by :port.")
            .arg(serverName);
    return {};
}

QString validateUserId(const QString &userId)
{
    if (userId.isEmpty())
        return QCoreApplication::translate("Identifiers",
                                           "Enter a user ID like @alice:example.org.");
    if (!userId.startsWith(QLatin1Char('@')))
        return QCoreApplication::translate("Identifiers",
                                           "A user ID starts with '@', like @alice:example.org.");
    if (userId.toUtf8().size() > MaxIdentifierBytes)
        return QCoreApplication::translate("Identifiers",
                                           "A user ID can be at most 255 bytes long.");
    QString local, server;
    if (!splitId(userId, &local, &server))
        return QCoreApplication::translate(
            "Identifiers", "A user ID needs a server part after ':', like @alice:example.org.");
    if (local.isEmpty())
        return QCoreApplication::translate("Identifiers", "The user name before ':' is empty.");
    // Current grammar is [a-z0-9._=-/+]; historical IDs may use any printable ASCII except ':'.
    for (QChar c : local) {
        const char16_t u = c.unicode();
        if (u < 0x21 || u > 0x7e)
            return QCoreApplication::translate(
                       "Identifiers", "The user name may only contain printable ASCII characters "
                                      "without spaces (found “%1”).")
                .arg(c);
    }
    if (const QString err = validateServerName(server); !err.isEmpty())
        return err;
    return {};
}

QString validateRoomId(const QString &roomId)
{
    if (roomId.isEmpty())
        return QCoreApplication::translate("Identifiers", "The room ID is missing.");
    if (!roomId.startsWith(QLatin1Char('!')))
        return QCoreApplication::translate("Identifiers", "A room ID starts with '!'.");
    if (roomId.toUtf8().size() > MaxIdentifierBytes)
        return QCoreApplication::translate("Identifiers",
                                           "A room ID can be at most 255 bytes long.");
    if (hasControlOrSpace(roomId))
        return QCoreApplication::translate(
            "Identifiers", "A room ID cannot contain spaces or control characters.");
    QString local, server;
    if (!splitId(roomId, &local, &server)) {
        // Room version 12: "!" followed by the unpadded URL-safe base64 of the create event hash.
        if (roomId.size() < 2)
            return QCoreApplication::translate("Identifiers", "The room ID is empty after '!'.");
        return {};
    }
    if (local.isEmpty())
        return QCoreApplication::translate("Identifiers",
                                           "The room ID is empty between '!' and ':'.");
    if (const QString err = validateServerName(server); !err.isEmpty())
        return err;
    return {};
}

QString validateRoomAlias(const QString &alias)
{
    if (alias.isEmpty())
        return QCoreApplication::translate("Identifiers",
                                           "Enter a room alias like #room:example.org.");
    if (!alias.startsWith(QLatin1Char('#')))
        return QCoreApplication::translate("Identifiers", "A room alias starts with '#'.");
    if (alias.toUtf8().size() > MaxIdentifierBytes)
        return QCoreApplication::translate("Identifiers",
                                           "A room alias can be at most 255 bytes long.");
    QString local, server;
    if (!splitId(alias, &local, &server))
        return QCoreApplication::translate(
            "Identifiers", "A room alias needs a server part after ':', like #room:example.org.");
    if (local.isEmpty())
        return QCoreApplication::translate("Identifiers",
                                           "The alias name between '#' and ':' is empty.");
    if (local.contains(QChar(0)) || !local.isValidUtf16())
        return QCoreApplication::translate("Identifiers",
                                           "The alias contains an invalid character.");
    if (const QString err = validateServerName(server); !err.isEmpty())
        return err;
    return {};
}

QString validateRoomIdOrAlias(const QString &target)
{
    if (target.startsWith(QLatin1Char('!')))
        return validateRoomId(target);
    if (target.startsWith(QLatin1Char('#')))
        return validateRoomAlias(target);
    if (target.isEmpty())
        return QCoreApplication::translate(
            "Identifiers",
            "Enter a room alias (#room:example.org) or a room ID (!id:example.org).");
    return QCoreApplication::translate("Identifiers",
                                       "A room address starts with '#' (alias) or '!' (room ID).");
}

QString serverPart(const QString &id)
{
    const qsizetype colon = id.indexOf(QLatin1Char(':'));
    return colon < 0 ? QString() : id.mid(colon + 1);
}

QString validateViaServers(const QStringList &servers, QStringList *normalized)
{
    QStringList via;
    QString error;
    for (const QString &server : servers) {
        const QString s = server.trimmed();
        if (s.isEmpty() || via.contains(s))
            continue;
        if (const QString err = validateServerName(s); !err.isEmpty() && error.isEmpty())
            error =
                QCoreApplication::translate("Identifiers", "Server to join through: %1").arg(err);
        via << s;
    }
    if (error.isEmpty() && via.size() > MaxViaServers)
        error = QCoreApplication::translate("Identifiers",
                                            "At most %1 servers to join through can be given; "
                                            "%2 were.")
                    .arg(MaxViaServers)
                    .arg(via.size());
    if (normalized)
        *normalized = via;
    return error;
}

bool parseMxcUri(const QString &mxc, QString *serverName, QString *mediaId)
{
    // \z, not $: "$" would also match before a trailing newline (found by fuzzing).
    static const QRegularExpression pattern(QStringLiteral(
        "^mxc://([A-Za-z0-9.\\-]+(?::[0-9]{1,5})?|\\[[0-9A-Fa-f:.]+\\](?::[0-9]{1,5})?)/"
        "([A-Za-z0-9_\\-]+)\\z"));
    const auto match = pattern.match(mxc);
    if (!match.hasMatch())
        return false;
    const QString server = match.captured(1);
    const QString host =
        server.startsWith(QLatin1Char('[')) ? server : server.section(QLatin1Char(':'), 0, 0);
    bool hasAlnum = false;
    for (QChar c : host)
        hasAlnum |= c.isLetterOrNumber();
    // The same grammar as everywhere else (a port is 1-65535; found by fuzzing).
    if (!hasAlnum || !validateServerName(server).isEmpty())
        return false;
    *serverName = server;
    *mediaId = match.captured(2);
    return true;
}

QByteArray encodePathSegment(const QString &segment)
{
    return QUrl::toPercentEncoding(segment);
}

} // namespace Identifiers

QString IdentifierValidator::userIdError(const QString &userId) const
{
    return Identifiers::validateUserId(userId.trimmed());
}

QString IdentifierValidator::roomTargetError(const QString &roomIdOrAlias) const
{
    return Identifiers::validateRoomIdOrAlias(roomIdOrAlias.trimmed());
}

QString IdentifierValidator::serverNameError(const QString &serverName) const
{
    return Identifiers::validateServerName(serverName.trimmed());
}

QString IdentifierValidator::viaServersError(const QStringList &servers) const
{
    return Identifiers::validateViaServers(servers, nullptr);
}

QStringList IdentifierValidator::splitServers(const QString &text) const
{
    static const QRegularExpression separators(QStringLiteral("[\\s,]+"));
    return text.split(separators, Qt::SkipEmptyParts);
}
