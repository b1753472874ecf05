#pragma once

#include "matrixerror.h"

#include <QHash>
#include <QJsonObject>
#include <QList>
#include <QObject>
#include <QStringList>
#include <QtQmlIntegration/qqmlintegration.h>

class ApiClient;
class RoomStore;
class QTimer;

// Join, leave, invite and forget: what the UI and concierge-cli call. Each call returns a request
// ID and later emits exactly one actionFinished() for it, with error.isError false on success.
// Invalid input fails without sending anything; a room with an action already running refuses a
// second one (so a double click cannot fire twice).
class MembershipService : public QObject
{
    Q_OBJECT
    QML_ELEMENT
    QML_UNCREATABLE("MembershipService is created by the application")
    Q_PROPERTY(int runningCount READ runningCount NOTIFY runningChanged)
    Q_PROPERTY(QString statusText READ statusText NOTIFY runningChanged)

public:
    MembershipService(ApiClient *api, RoomStore *store, QObject *parent = nullptr);

    // roomIdOrAlias: "!id:server", "!id" (v12) or "#alias:server". viaServers: up to 3 used.
    Q_INVOKABLE int join(const QString &roomIdOrAlias, const QStringList &viaServers = {},
                         const QString &reason = {});
    Q_INVOKABLE int leave(const QString &roomId, const QString &reason = {});
    Q_INVOKABLE int invite(const QString &roomId, const QString &userId, const QString &reason = {});
    Q_INVOKABLE int forget(const QString &roomId);

    // "join" | "leave" | "invite" | "forget" while an action on the room runs, else "".
    Q_INVOKABLE QString pendingAction(const QString &roomIdOrAlias) const;
    // The last failure on this room ("M_FORBIDDEN: … (HTTP 403)"), cleared by the next action.
    Q_INVOKABLE QString lastError(const QString &roomIdOrAlias) const
    {
        return m_lastError.value(roomIdOrAlias);
    }
    int runningCount() const { return int(m_pending.size()); }
    // Actions held back by a soft logout: sent again after the next sign-in, or cancelled (each
    // then gets its actionFinished) when the user signs out instead.
    void resumeParked();
    void cancelParked();
    QString statusText() const { return m_statusText; }

signals:
    void actionStarted(int requestId, const QString &action, const QString &target);
    // resultRoomId is the joined room's ID for a join (the alias resolved), else the target.
    void actionFinished(int requestId, const QString &action, const QString &target,
                        const QString &resultRoomId, const MatrixError &error);
    void actionRetrying(int requestId, const QString &action, const QString &target,
                        qint64 delayMs, const MatrixError &error);
    void pendingChanged(const QString &target);
    void runningChanged();
    // An action met an expired session that may be continued (soft logout); it is parked.
    void sessionExpired(const MatrixError &error);

private:
    struct Request
    {
        int id;
        QString action;
        QString target;
        QString displayTarget;
        QByteArray path;
        QJsonObject body;
    };
    void send(const Request &request);
    int start(const QString &action, const QString &target, const QString &displayTarget,
              const QString &validationError, const QByteArray &path, const QJsonObject &body);
    void setStatusText(const QString &text, bool expires);
    void finish(int requestId, const QString &action, const QString &target,
                const QString &resultRoomId, const MatrixError &error);

    ApiClient *m_api;
    RoomStore *m_store;
    int m_nextId = 1;
    QHash<QString, QString> m_pending;   // target -> action
    QHash<QString, QString> m_lastError; // target -> summary
    QString m_statusText;
    QTimer *m_statusExpiry;
    QList<Request> m_parked; // a finished action's status line fades after a while
};
