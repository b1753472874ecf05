#pragma once

// Layer actions/: what the user asked the server to do. An Operation is one membership action
// (possibly several requests, e.g. leave then forget) with an identity, a typed state that QML
// binds to, and a serializable description that the bulk queue can store and run again.

#include "api/apiclient.h"
#include "api/matrixerror.h"
#include "api/membership.h"

#include <QDateTime>
#include <QJsonObject>
#include <QList>
#include <QObject>
#include <QPointer>
#include <QStringList>
#include <QtQmlIntegration/qqmlintegration.h>
#include <optional>

class ApiCall;
class ApiClient;
class MembershipService;

// One membership action: the account's own (join, leave, forget, knock) or one it takes on
// another user (invite, and the moderation actions kick, ban and unban). It ends in exactly one
// final state (Succeeded, Failed, Cancelled or Unknown) and emits finished() once when it gets
// there. MembershipService creates, starts and owns operations; QML and the CLI read them and may
// cancel() them.
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
    Q_PROPERTY(bool done READ isFinished NOTIFY stateChanged)
    Q_PROPERTY(QString statusText READ statusText NOTIFY stateChanged)

public:
    enum Kind {
        Join,           // join a room, or accept an invite
        Leave,          // leave a room, decline an invite, withdraw a knock
        Invite,         // invite userId to the room
        Forget,         // forget a room that was left
        LeaveAndForget, // leave, then forget once the leave succeeded
        Knock,          // ask to join a room whose join rule is knock or knock_restricted
        Kick,           // remove userId from the room (also withdraws an invite, denies a knock)
        Ban,            // ban userId from the room (whatever their membership was)
        Unban,          // lift userId's ban (they are then "leave", free to join again)
    };
    Q_ENUM(Kind)

    enum State {
        Queued,  // accepted, not yet sent
        Running, // a request is on its way (or the outcome of a lost answer is being checked)
        Waiting, // held back: see waitReason and retryAt
        Succeeded,
        Failed, // the server (or the input) said no; error says why
        Cancelled,
        Unknown, // no answer came and the result could not be found out: it may have happened
    };
    Q_ENUM(State)

    enum WaitReason {
        NotWaiting,
        RateLimited,       // the server asked us to wait until retryAt
        ServerUnavailable, // unreachable or 5xx: trying again at retryAt
        SignInRequired,    // the session expired; continued after the next sign-in
    };
    Q_ENUM(WaitReason)

    static constexpr qsizetype MaxReasonLength = 1024;

    // What to do, without how far it got: the part a queue persists.
    struct Description
    {
        QString id; // a UUID, stable across restarts; created when empty
        Kind kind = Join;
        QString target;     // "!room:server", or "#alias:server" for a join or a knock
        QString userId;     // Invite, Kick, Ban and Unban only (whom the action is about)
        QString reason;     // not for Forget
        QStringList via;    // Join and Knock only, at most Identifiers::MaxViaServers
        QString targetName; // how the UI names the room, for messages

        // Trims the identifiers and drops blank or repeated via servers; returns why the
        // description cannot be sent (a sentence for the user), or an empty string.
        QString normalize();
        QJsonObject toJson() const;
        // Null, with *error set, when json is not a valid description (missing or mistyped
        // fields, unknown kind, identifiers that would be refused).
        static std::optional<Description> fromJson(const QJsonObject &json, QString *error);
        // What MembershipService allows one action at a time on. The account's own actions: the
        // room (target), so a double click cannot leave twice and a join cannot race a leave.
        // Actions on another user: the room and that user, so that several members of one room
        // can be moderated one after another (or at once) while a second action on the same
        // member in the same room is refused. Invites stay keyed by the room (as before: the
        // room list's row follows them).
        QString busyKey() const;
    };

    // Kick, Ban, Unban: moderation, an action on userId in the room.
    static bool isModeration(Kind kind) { return kind == Kick || kind == Ban || kind == Unban; }
    // Invite and the moderation kinds name the user they act on.
    static bool namesUser(Kind kind) { return kind == Invite || isModeration(kind); }

    explicit Operation(Description description, QObject *parent = nullptr);
    ~Operation() override;

    QString id() const { return m_desc.id; }
    Kind kind() const { return m_desc.kind; }
    QString target() const { return m_desc.target; }
    QString userId() const { return m_desc.userId; }
    QString targetName() const
    {
        return m_desc.targetName.isEmpty() ? m_desc.target : m_desc.targetName;
    }
    const Description &description() const { return m_desc; }
    State state() const { return m_state; }
    WaitReason waitReason() const { return m_waitReason; }
    QDateTime retryAt() const { return m_retryAt; }
    // Why it failed; while waiting, the transient error it is waiting out.
    MatrixError error() const { return m_error; }
    // The room the action applied to: for a join by alias the room ID it resolved to.
    QString resultRoomId() const { return m_resultRoomId; }
    bool isFinished() const { return isFinal(m_state); }
    // "Leaving General…", "Leaving General: waiting 10 s (server rate limit)", "Leaving General
    // failed: M_FORBIDDEN: … (HTTP 403)".
    QString statusText() const;
    // How many membership requests it sent (attempts of every step; not the read-backs).
    int attempts() const { return m_attempts; }
    // The step it is at (or ended at): 0, or 1 for the forget of a leave-and-forget.
    int stepIndex() const { return m_step; }
    // The own membership /sync shows once the action took effect (Join, Leave, Knock), else none.
    std::optional<Membership::Value> wantedMembership() const;

    // Stops the operation. Nothing more is sent for it, except when a request may already have
    // reached the server: then the operation asks the server whether it took effect and ends
    // Succeeded if it did, Cancelled if not, Unknown if the server cannot tell. A leave-and-
    // forget whose leave took effect does not go on to forget: Cancelled, and its error says
    // that the room was left.
    Q_INVOKABLE void cancel();

    static bool isFinal(State state) { return state >= Succeeded; }
    // "join", "leave", "invite", "forget", "leave_and_forget", "knock", "kick", "ban", "unban":
    // the CLI's JSON and the queue's journal.
    static QString kindName(Kind kind);
    static std::optional<Kind> kindFromName(QStringView name);

signals:
    void stateChanged();
    // Exactly once, when the state becomes final.
    void finished();
    // A request failed because the server no longer accepts the token. A receiver may park the
    // operation (parkForSignIn) before returning; otherwise it fails with this error.
    void authFailed(const MatrixError &error);

private:
    friend class MembershipService;

    // Runs (or continues, after parkForSignIn) the operation's requests with api, whose owner
    // is ownUserId (needed to check a lost answer).
    void start(ApiClient *api, const QString &ownUserId, RetryPolicy retry);
    // Sends no change: only asks the server whether the described change is in place
    // (Succeeded), is not (Failed) or cannot be told (Unknown).
    void startCheck(ApiClient *api, const QString &ownUserId);
    // Ends at once without sending anything (invalid input, refused while another action runs).
    void reject(const MatrixError &error);
    // Held back until the user signs in again (soft logout); start() continues it.
    void parkForSignIn(const MatrixError &error);
    // Ends without sending or checking anything more (the user signed out): Cancelled, or
    // Unknown when a request may already have taken effect.
    void abandon(const QString &why);
    // /sync shows the room as this operation wanted it: an earlier failure or an unknown outcome
    // was not the last word.
    void confirmBySync();
    // "Leaving General": the action in progress, for messages.
    QString actionText() const;

    enum Step {
        LeaveStep,
        ForgetStep,
        JoinStep,
        InviteStep,
        KnockStep,
        KickStep,
        BanStep,
        UnbanStep
    };
    QList<Step> steps() const;
    bool isLastStep() const { return m_step + 1 >= steps().size(); }
    void runStep();
    void onStepFailed(bool outcomeUncertain, const MatrixError &error);
    void stepDone();
    // The current step's request may have been carried out although its answer was lost (or the
    // user cancelled it in flight): ask the server instead of guessing.
    void checkOutcome(const MatrixError &original);
    void checkMembership(const QString &roomId, const QString &userId,
                         const QList<Membership::Value> &wanted);
    void notDone(const MatrixError &answer);
    // For the forget step of a leave-and-forget: says that the leave happened.
    MatrixError withStepContext(const MatrixError &error, State state) const;
    void watch(ApiCall *call);
    void update(State state, WaitReason reason = NotWaiting, const QDateTime &retryAt = {});
    void end(State state, const MatrixError &error = {});

    Description m_desc;
    State m_state = Queued;
    WaitReason m_waitReason = NotWaiting;
    QDateTime m_retryAt;
    MatrixError m_error;
    QString m_resultRoomId;
    int m_step = 0;
    int m_attempts = 0;
    ApiClient *m_api = nullptr;
    QString m_ownUserId;
    RetryPolicy m_retry;
    QPointer<ApiCall> m_call;
    bool m_checking = false;        // m_call asks whether the last step took effect
    bool m_checkOnly = false;       // startCheck(): nothing is sent but the check
    bool m_cancelRequested = false; // cancel() while a request was in flight
    MatrixError m_original;         // the error that made the check necessary
};
