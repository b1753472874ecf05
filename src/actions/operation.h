#pragma once

// Layer actions/: what the user asked the server to do. An Operation is one membership action
// (possibly several requests, e.g. leave then forget) with an identity, a typed state that QML
// binds to, and a serializable description that the bulk queue can store and run again.

#include "api/apiclient.h"
#include "api/matrixerror.h"
#include "api/membership.h"

#include <QDateTime>
#include <QJsonObject>
#include <QObject>
#include <QPointer>
#include <QStringList>
#include <QtQmlIntegration/qqmlintegration.h>
#include <optional>

class ApiCall;
class ApiClient;

class Operation : public QObject
{
    Q_OBJECT
    QML_ELEMENT
    QML_UNCREATABLE("Operations are created by MembershipService")
    Q_PROPERTY(QString id READ id CONSTANT)
    Q_PROPERTY(Kind kind READ kind CONSTANT)
    Q_PROPERTY(QString target READ target CONSTANT)
    Q_PROPERTY(QString userId READ userId CONSTANT)
    Q_PROPERTY(QString targetName READ targetName CONSTANT)
    Q_PROPERTY(State state READ state NOTIFY stateChanged)
    Q_PROPERTY(WaitReason waitReason READ waitReason NOTIFY stateChanged)
    Q_PROPERTY(QDateTime retryAt READ retryAt NOTIFY stateChanged)
    Q_PROPERTY(MatrixError error READ error NOTIFY stateChanged)
    Q_PROPERTY(QString resultRoomId READ resultRoomId NOTIFY stateChanged)
    Q_PROPERTY(bool finished READ isFinished NOTIFY stateChanged)
    Q_PROPERTY(QString statusText READ statusText NOTIFY stateChanged)

public:
    enum Kind {
        Join,           // join a room, or accept an invite
        Leave,          // leave a room, decline an invite, withdraw a knock
        Invite,         // invite userId to the room
        Forget,         // forget a room that was left
        LeaveAndForget, // leave, then forget once the leave succeeded
    };
    Q_ENUM(Kind)

    enum State {
        Queued,    // accepted, not yet sent
        Running,   // a request is on its way
        Waiting,   // held back: see waitReason and retryAt
        Succeeded,
        Failed,    // the server (or the input) said no; error says why
        Cancelled,
        Unknown,   // no answer came and the result could not be found out: it may have happened
    };
    Q_ENUM(State)

    enum WaitReason { NotWaiting, RateLimited, ServerUnavailable, SignInRequired };
    Q_ENUM(WaitReason)

    // What to do, without how far it got: the part a queue persists.
    struct Description
    {
        QString id; // a UUID, stable across restarts
        Kind kind = Join;
        QString target; // "!room:server", or "#alias:server" for a join
        QString userId; // Invite only
        QString reason;
        QStringList via; // Join only
        QString targetName; // how the UI names the room, for messages

        QJsonObject toJson() const;
        // Null and *error set when the object is not a valid description.
        static std::optional<Description> fromJson(const QJsonObject &json, QString *error);
    };

    explicit Operation(Description description, QObject *parent = nullptr);

    QString id() const { return m_desc.id; }
    Kind kind() const { return m_desc.kind; }
    QString target() const { return m_desc.target; }
    QString userId() const { return m_desc.userId; }
    QString targetName() const { return m_desc.targetName.isEmpty() ? m_desc.target : m_desc.targetName; }
    const Description &description() const { return m_desc; }
    State state() const { return m_state; }
    WaitReason waitReason() const { return m_waitReason; }
    QDateTime retryAt() const { return m_retryAt; }
    MatrixError error() const { return m_error; }
    QString resultRoomId() const { return m_resultRoomId; }
    bool isFinished() const { return isFinal(m_state); }
    // "Leaving General…", "Leaving General: waiting 10 s (server rate limit)", "Leaving General
    // failed: M_FORBIDDEN: … (HTTP 403)".
    QString statusText() const;
    // The membership the action leaves the room in, for matching it against what /sync reports.
    std::optional<Membership::Value> wantedMembership() const;

    // Stops what is in flight (its outcome is then checked like any other lost answer is not: the
    // operation ends Cancelled) or what is waiting.
    Q_INVOKABLE void cancel();

    static bool isFinal(State state) { return state >= Succeeded; }
    // "join", "leave", "invite", "forget", "leave_and_forget": the CLI's JSON and the queue's journal.
    static QString kindName(Kind kind);
    static std::optional<Kind> kindFromName(QStringView name);

    // Runs (or continues) the operation's requests with api, whose owner is ownUserId.
    void start(ApiClient *api, const QString &ownUserId, RetryPolicy retry);
    // Ends at once without sending anything (invalid input, refused while another action runs).
    void reject(const MatrixError &error);
    // Held back until the user signs in again (soft logout); start() continues it.
    void parkForSignIn(const MatrixError &error);
    // /sync shows the room as this operation wanted it: an earlier failure or an unknown outcome
    // was not the last word.
    void confirmBySync();

signals:
    void stateChanged();
    // Exactly once, when the state becomes final.
    void finished();
    // A request failed because the server no longer accepts the token.
    void authFailed(const MatrixError &error);

private:
    enum Step { LeaveStep, ForgetStep, JoinStep, InviteStep };
    QList<Step> steps() const;
    void runStep();
    void onStepFailed(ApiCall *call, const MatrixError &error);
    void verifyOutcome(const MatrixError &original);
    void checkMembership(const QString &roomId, const QString &userId,
                         const QList<Membership::Value> &wanted, const MatrixError &original);
    void stepSucceeded();
    void setState(State state, WaitReason reason = NotWaiting);
    void end(State state, const MatrixError &error = {});

    Description m_desc;
    State m_state = Queued;
    WaitReason m_waitReason = NotWaiting;
    QDateTime m_retryAt;
    MatrixError m_error;
    QString m_resultRoomId;
    int m_step = 0;
    ApiClient *m_api = nullptr;
    QString m_ownUserId;
    RetryPolicy m_retry;
    QPointer<ApiCall> m_call;
};
