#pragma once

#include "actions/operation.h"
#include "api/apiclient.h"
#include "api/matrixerror.h"

#include <QHash>
#include <QList>
#include <QObject>
#include <QPointer>
#include <QStringList>
#include <QtQmlIntegration/qqmlintegration.h>

class ApiClient;
class RoomStore;
class QTimer;

// Join, leave, invite and forget: what the UI and concierge-cli call. Each call returns an
// Operation that ends in exactly one final state (and emits finished() once). Invalid input fails
// without sending anything; a room with an action already running refuses a second one (so a
// double click cannot fire twice).
class MembershipService : public QObject
{
    Q_OBJECT
    QML_ELEMENT
    QML_UNCREATABLE("MembershipService is created by the application")
    Q_PROPERTY(int runningCount READ runningCount NOTIFY runningChanged)
    // The most recent operation's status line, and its state (to colour it): fades 15 s after the
    // operation ended when nothing else runs.
    Q_PROPERTY(QString statusText READ statusText NOTIFY statusChanged)
    Q_PROPERTY(Operation::State statusState READ statusState NOTIFY statusChanged)

public:
    static constexpr qsizetype MaxReasonLength = 1024;

    MembershipService(ApiClient *api, RoomStore *store, QObject *parent = nullptr);

    // GUI: wait for the server however long it takes (cancellable). CLI: a bounded budget.
    void setRetryPolicy(RetryPolicy policy) { m_retry = policy; }
    // GUI: an action that meets a soft logout waits for the next sign-in. CLI: it fails.
    void setParkOnSoftLogout(bool park) { m_parkOnSoftLogout = park; }

    // roomIdOrAlias: "!id:server", "!id" (v12) or "#alias:server". viaServers: at most 3.
    Q_INVOKABLE Operation *join(const QString &roomIdOrAlias, const QStringList &viaServers = {},
                                const QString &reason = {});
    // alsoForget: leave, then forget the room once left (one operation).
    Q_INVOKABLE Operation *leave(const QString &roomId, const QString &reason = {},
                                 bool alsoForget = false);
    Q_INVOKABLE Operation *invite(const QString &roomId, const QString &userId,
                                  const QString &reason = {});
    Q_INVOKABLE Operation *forget(const QString &roomId);
    // Any described operation (the CLI, later the queue): validated, then run.
    Operation *run(Operation::Description description);

    // Why the description cannot be sent as it is (normalising it: trimmed, duplicate via
    // servers dropped), or empty. The CLI calls this before signing in; run() calls it too.
    static QString validate(Operation::Description *description);

    // The latest operation on a room (running or finished), or null.
    Q_INVOKABLE Operation *operationFor(const QString &roomIdOrAlias) const;
    int runningCount() const;
    QString statusText() const { return m_statusText; }
    Operation::State statusState() const { return m_statusState; }

    // Operations held back by a soft logout: continued after the next sign-in, or cancelled when
    // the user signs out instead.
    void resumeParked();
    void cancelParked();

signals:
    void operationStarted(Operation *operation);
    void operationFinished(Operation *operation);
    // The latest operation on target changed state (the room list's rows listen).
    void operationChanged(const QString &target);
    void runningChanged();
    void statusChanged();
    // An operation met an expired session that may be continued (soft logout); it is parked.
    void sessionExpired(const MatrixError &error);
    // The server no longer accepts the token and the operation cannot wait for a new one.
    void authFailed(const MatrixError &error);

private:
    void track(Operation *operation);
    void showStatus(Operation *operation);
    void confirmFromStore(const QList<int> &rows);

    ApiClient *m_api;
    RoomStore *m_store;
    RetryPolicy m_retry = RetryPolicy::untilCancelled();
    bool m_parkOnSoftLogout = true;
    QHash<QString, QPointer<Operation>> m_latest; // target -> its latest operation
    QList<QPointer<Operation>> m_parked;
    QPointer<Operation> m_statusOperation;
    QString m_statusText;
    Operation::State m_statusState = Operation::Succeeded;
    QTimer *m_statusExpiry;
    QTimer *m_countdown; // refreshes "waiting N s" once a second
};
