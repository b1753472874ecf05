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

// Join, leave, invite, forget and knock, and the moderation actions kick, ban and unban: what the
// UI and concierge-cli call. Each call returns an Operation (owned by the service) that ends in
// exactly one final state and emits finished() once. Invalid input fails without sending
// anything; a second action while one is running on the same key is refused (so a double click
// cannot fire twice). The key (Operation::Description::busyKey) is the room for the account's own
// actions and invites, and the room and the member for kick, ban and unban: several members of
// one room can be moderated one after another or at once, one member once at a time. Both
// refusals are reported on the next event-loop turn, so the caller can connect to the operation
// first.
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
    static constexpr qsizetype MaxReasonLength = Operation::MaxReasonLength;

    MembershipService(ApiClient *api, RoomStore *store, QObject *parent = nullptr);

    // GUI: wait for the server however long it takes (cancellable). CLI: a bounded budget.
    void setRetryPolicy(RetryPolicy policy) { m_retry = policy; }
    RetryPolicy retryPolicy() const { return m_retry; }
    // GUI: an action that meets a soft logout waits for the next sign-in. CLI: it fails.
    void setParkOnSoftLogout(bool park) { m_parkOnSoftLogout = park; }
    bool parksOnSoftLogout() const { return m_parkOnSoftLogout; }

    // roomIdOrAlias: "!id:server", "!id" (v12) or "#alias:server". viaServers: at most 3.
    // roomName: how to name a room the room list does not know yet (a preview's or the
    // directory's name), for the status line and the jobs; else the list's name or the address.
    Q_INVOKABLE Operation *join(const QString &roomIdOrAlias, const QStringList &viaServers = {},
                                const QString &reason = {}, const QString &roomName = {});
    // alsoForget: leave, then forget the room once left (one operation).
    Q_INVOKABLE Operation *leave(const QString &roomId, const QString &reason = {},
                                 bool alsoForget = false);
    Q_INVOKABLE Operation *invite(const QString &roomId, const QString &userId,
                                  const QString &reason = {});
    Q_INVOKABLE Operation *forget(const QString &roomId);
    // Asks to join a room whose join rule is knock or knock_restricted (POST /knock). Refused
    // without sending anything for an invalid address or via list, a reason over the limit, and
    // a room the room list shows you are already in, invited to or banned from. Whether the
    // room takes knocks is the server's to say (its error is reported as it wrote it); the UI
    // offers knocking where RoomPreview::canKnock. Withdraw a knock with leave(roomId).
    Q_INVOKABLE Operation *knock(const QString &roomIdOrAlias, const QStringList &viaServers = {},
                                 const QString &reason = {}, const QString &roomName = {});
    // Moderation of userId in roomId (a room ID, not an alias), with an optional reason that the
    // server records in the member event. Refused without sending anything for an invalid room
    // or user ID, a reason over MaxReasonLength, or while an action on the same member of the
    // same room runs. Whether the account has the power is the server's to say (M_FORBIDDEN,
    // reported exactly as it wrote it); the UI offers only what PowerLevels allows.
    // kick: removes a joined member, withdraws an invite, or denies a request to join (knock).
    Q_INVOKABLE Operation *kick(const QString &roomId, const QString &userId,
                                const QString &reason = {});
    Q_INVOKABLE Operation *ban(const QString &roomId, const QString &userId,
                               const QString &reason = {});
    Q_INVOKABLE Operation *unban(const QString &roomId, const QString &userId,
                                 const QString &reason = {});
    // Any described operation (the CLI, later the queue): validated, then run.
    Operation *run(Operation::Description description);
    // Sends nothing: asks the server whether what the description asks for is in place already
    // (Succeeded), is not (Failed) or cannot be told (Unknown). For an operation whose answer
    // was lost before the app could record it (the queue, after a restart). Refused like run()
    // while the room has an operation running; otherwise it is not the room's operation.
    Operation *check(Operation::Description description);

    // Why the description cannot be sent as it is (normalising it: trimmed, duplicate via
    // servers dropped), or empty. The CLI calls this before signing in; run() calls it too.
    static QString validate(Operation::Description *description);

    // The latest of the account's own actions (or invites) on a room (running or finished), or
    // null. Moderation of a member is not the room's operation: see moderationFor().
    Q_INVOKABLE Operation *operationFor(const QString &roomIdOrAlias) const;
    // The room's latest action failed (or its outcome is unknown) and the user has read why:
    // the room no longer shows it. A running or succeeded action is left alone.
    Q_INVOKABLE void dismissError(const QString &roomIdOrAlias);
    // The latest kick, ban or unban of userId in roomId (running or finished), or null.
    Q_INVOKABLE Operation *moderationFor(const QString &roomId, const QString &userId) const;
    // An operation on the room is running: another one would be refused now (the bulk queue
    // waits for operationChanged(target) instead).
    Q_INVOKABLE bool isBusy(const QString &roomIdOrAlias) const;
    // An operation on the description's busy key is running: run(description) would be refused.
    bool isBusy(const Operation::Description &description) const;
    // How the room list names the room (empty when it is not in the list): for reports that
    // must still name a room after it was forgotten.
    QString displayNameFor(const QString &roomId) const;
    int runningCount() const;
    QString statusText() const { return m_statusText; }
    Operation::State statusState() const { return m_statusState; }

    // Operations held back by a soft logout continue after the next sign-in.
    void resumeParked();
    // Ends every unfinished operation without sending anything more (sign-out, another account).
    void cancelAll(const QString &why);

signals:
    void operationFinished(Operation *operation);
    // The latest operation on target (a room ID or alias) changed state (the room list's rows
    // listen). Also emitted with the room ID for a moderation operation in that room.
    void operationChanged(const QString &target);
    void runningChanged();
    void statusChanged();
    // An operation met a token the server no longer accepts. On a soft logout in interactive
    // mode the operation is parked (continued after the next sign-in); otherwise it fails.
    void tokenRejected(const MatrixError &error);

private:
    enum Mode { Send, CheckOnly };
    // Kick, ban and unban: one member of one room.
    Operation *moderate(Operation::Kind kind, const QString &roomId, const QString &userId,
                        const QString &reason);
    Operation *create(Operation::Description description, Mode mode);
    void refuseLater(Operation *operation, const MatrixError &error);
    void keepUnlisted(Operation *operation);
    void track(Operation *operation);
    void showStatus(Operation *operation);
    void updateRunningCount();
    void confirmFromStore(const QList<int> &rows);
    QString ownUserId() const;

    ApiClient *m_api;
    RoomStore *m_store;
    RetryPolicy m_retry = RetryPolicy::untilCancelled();
    bool m_parkOnSoftLogout = true;
    QHash<QString, QPointer<Operation>> m_latest; // busy key -> its latest operation
    QHash<QString, QString> m_aliasTarget;        // room ID -> alias a join targeted
    // Invites being accepted that their inviter marked is_direct: room ID -> inviter. Once
    // joined, the room is added to the account's m.direct (as other clients do), or it would
    // stop being a direct chat the moment it is accepted.
    QHash<QString, QString> m_directInviters;
    void recordDirectChat(const QString &roomId, const QString &inviter);
    // Joins of a room that a joined room's tombstone names as its new version, when the new room
    // was not known to agree (its m.room.create could not be read before joining): new room ID ->
    // old room ID. Once joined, the new room's m.room.create is read, and a new room that does not
    // name the old one as its predecessor is said to be suspicious on the status line.
    QHash<QString, QString> m_unverifiedSuccessors;
    void verifySuccessor(const QString &roomId, const QString &oldRoomId);
    void reportDirectChatFailure(const QString &roomId, const MatrixError &error);
    QList<QPointer<Operation>> m_unlisted; // the latest refusals and checks
    QList<QPointer<Operation>> m_parked;
    QPointer<Operation> m_statusOperation;
    QString m_statusText;
    Operation::State m_statusState = Operation::Succeeded;
    int m_runningCount = 0;
    bool m_confirming = false; // confirmFromStore() is updating operations
    QTimer *m_statusExpiry;
    QTimer *m_countdown; // refreshes "waiting N s" once a second
};
