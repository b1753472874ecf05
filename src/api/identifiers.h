#pragma once

#include <QObject>
#include <QString>
#include <QStringList>
#include <QtQmlIntegration/qqmlintegration.h>

// The Matrix identifier grammar (spec appendix "Identifier grammar"), checked before anything is
// sent so that bad input fails at once with a specific message. Every validate* returns an empty
// string for a valid identifier, otherwise a sentence saying what is wrong.
namespace Identifiers {
QString validateServerName(const QString &serverName);
QString validateUserId(const QString &userId);
// Room IDs: "!opaque:server", or since room version 12 "!opaque" with no server part.
QString validateRoomId(const QString &roomId);
QString validateRoomAlias(const QString &alias);
QString validateRoomIdOrAlias(const QString &target);
// The servers a join goes through (`via`): each a valid server name, duplicates and blanks
// dropped (the rest in *normalized), at most MaxViaServers.
inline constexpr int MaxViaServers = 3;
QString validateViaServers(const QStringList &servers, QStringList *normalized);
// The server part of an identifier ("@a:example.org:8448" -> "example.org:8448"); empty if none.
QString serverPart(const QString &id);
// "mxc://server/mediaId" with a valid server name and a media ID of [A-Za-z0-9_-]; a server
// name made only of dots ("mxc://../x") is refused, whatever else the URL layer would make of it.
bool parseMxcUri(const QString &mxc, QString *serverName, QString *mediaId);
// One path segment, every byte outside RFC 3986 "unreserved" percent-encoded: '/', '?', '#', '%'
// and spaces in aliases or historical IDs must reach the server as part of the segment.
QByteArray encodePathSegment(const QString &segment);
} // namespace Identifiers

// The same checks for QML, so dialogs validate as the user types with the exact rules the service
// applies before sending.
class IdentifierValidator : public QObject
{
    Q_OBJECT
    QML_ELEMENT
    QML_SINGLETON
public:
    using QObject::QObject;
    Q_INVOKABLE QString userIdError(const QString &userId) const;
    Q_INVOKABLE QString roomTargetError(const QString &roomIdOrAlias) const;
    Q_INVOKABLE QString serverNameError(const QString &serverName) const;
    // The servers to join through, as MembershipService will judge them (count included).
    Q_INVOKABLE QString viaServersError(const QStringList &servers) const;
    // Splits "a.org, b.org c.org" into a list; empty entries dropped.
    Q_INVOKABLE QStringList splitServers(const QString &text) const;
};
