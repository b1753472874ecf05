#include "actions/operation.h"

#include "api/endpoints.h"
#include "api/identifiers.h"

#include <QJsonArray>
#include <QUuid>

namespace {
constexpr std::pair<Operation::Kind, QStringView> KindNames[] = {
    {Operation::Join, u"join"},
    {Operation::Leave, u"leave"},
    {Operation::Invite, u"invite"},
    {Operation::Forget, u"forget"},
    {Operation::LeaveAndForget, u"leave_and_forget"},
    {Operation::Knock, u"knock"},
    {Operation::Kick, u"kick"},
    {Operation::Ban, u"ban"},
    {Operation::Unban, u"unban"},
};

bool isRoomId(const QString &target)
{
    return Identifiers::validateRoomId(target).isEmpty();
}
} // namespace

QString Operation::kindName(Kind kind)
{
    for (const auto &[k, name] : KindNames)
        if (k == kind)
            return name.toString();
    return {};
}

std::optional<Operation::Kind> Operation::kindFromName(QStringView name)
{
    for (const auto &[k, n] : KindNames)
        if (n == name)
            return k;
    return std::nullopt;
}

// --- Description ---------------------------------------------------------------------------------

QString Operation::Description::normalize()
{
    target = target.trimmed();
    userId = userId.trimmed();
    const bool byAlias = kind == Join || kind == Knock;
    QString error =
        byAlias ? Identifiers::validateRoomIdOrAlias(target) : Identifiers::validateRoomId(target);
    if (error.isEmpty()) {
        if (namesUser(kind))
            error = Identifiers::validateUserId(userId);
        else if (!userId.isEmpty())
            error = Operation::tr("Only an invite, a kick, a ban or an unban names a user.");
    }
    QStringList normalized;
    const QString viaError = Identifiers::validateViaServers(via, &normalized);
    via = normalized;
    if (error.isEmpty() && !via.isEmpty() && !byAlias)
        error = Operation::tr("Servers to join through only apply to a join or a knock.");
    if (error.isEmpty())
        error = viaError;
    if (error.isEmpty() && kind == Forget && !reason.isEmpty())
        error = Operation::tr("Forgetting a room takes no reason.");
    if (error.isEmpty() && reason.size() > MaxReasonLength)
        error =
            Operation::tr("The reason is too long (at most %1 characters).").arg(MaxReasonLength);
    return error;
}

QString Operation::Description::busyKey() const
{
    if (!isModeration(kind))
        return target;
    // '\n' appears in neither a room ID nor a user ID that passed validation.
    return target + QLatin1Char('\n') + userId;
}

QJsonObject Operation::Description::toJson() const
{
    QJsonObject json{{QStringLiteral("id"), id},
                     {QStringLiteral("kind"), kindName(kind)},
                     {QStringLiteral("target"), target}};
    if (!userId.isEmpty())
        json.insert(QStringLiteral("user_id"), userId);
    if (!reason.isEmpty())
        json.insert(QStringLiteral("reason"), reason);
    if (!via.isEmpty())
        json.insert(QStringLiteral("via"), QJsonArray::fromStringList(via));
    if (!targetName.isEmpty())
        json.insert(QStringLiteral("target_name"), targetName);
    return json;
}

std::optional<Operation::Description> Operation::Description::fromJson(const QJsonObject &json,
                                                                       QString *error)
{
    QString problem;
    auto text = [&](QLatin1String key, bool required, QString *out) {
        const QJsonValue value = json.value(key);
        if (value.isUndefined() && !required)
            return;
        if (!value.isString()) {
            if (problem.isEmpty())
                problem = Operation::tr("“%1” is missing or not a string.").arg(key);
            return;
        }
        *out = value.toString();
    };
    Description d;
    QString kind;
    text(QLatin1String("id"), true, &d.id);
    text(QLatin1String("kind"), true, &kind);
    text(QLatin1String("target"), true, &d.target);
    text(QLatin1String("user_id"), false, &d.userId);
    text(QLatin1String("reason"), false, &d.reason);
    text(QLatin1String("target_name"), false, &d.targetName);
    if (const QJsonValue via = json.value(QLatin1String("via")); !via.isUndefined()) {
        if (!via.isArray() && problem.isEmpty())
            problem = Operation::tr("“via” is not a list of server names.");
        for (const QJsonValue &server : via.toArray()) {
            if (!server.isString() && problem.isEmpty())
                problem = Operation::tr("“via” is not a list of server names.");
            d.via << server.toString();
        }
    }
    const std::optional<Kind> k = kindFromName(kind);
    if (problem.isEmpty() && QUuid::fromString(d.id).isNull())
        problem = Operation::tr("“id” is not a UUID.");
    if (problem.isEmpty() && !k)
        problem = Operation::tr("Unknown kind “%1”.").arg(kind);
    if (problem.isEmpty()) {
        d.kind = *k;
        problem = d.normalize();
    }
    if (!problem.isEmpty()) {
        if (error)
            *error = problem;
        return std::nullopt;
    }
    return d;
}

// --- Operation -----------------------------------------------------------------------------------

Operation::Operation(Description description, QObject *parent)
    : QObject(parent), m_desc(std::move(description))
{
    if (m_desc.id.isEmpty())
        m_desc.id = QUuid::createUuid().toString(QUuid::WithoutBraces);
}

Operation::~Operation()
{
    // An operation that goes away stops its request: a call retrying "until cancelled" must not
    // outlive the object that would report it.
    if (ApiCall *call = m_call) {
        QObject::disconnect(call, nullptr, this, nullptr);
        call->abort();
    }
}

QList<Operation::Step> Operation::steps() const
{
    switch (m_desc.kind) {
    case Join:
        return {JoinStep};
    case Leave:
        return {LeaveStep};
    case Invite:
        return {InviteStep};
    case Forget:
        return {ForgetStep};
    case LeaveAndForget:
        return {LeaveStep, ForgetStep};
    case Knock:
        return {KnockStep};
    case Kick:
        return {KickStep};
    case Ban:
        return {BanStep};
    case Unban:
        return {UnbanStep};
    }
    return {};
}

std::optional<Membership::Value> Operation::wantedMembership() const
{
    switch (m_desc.kind) {
    case Join:
        return Membership::Join;
    case Leave:
        return Membership::Leave;
    case Knock:
        return Membership::Knock;
    case Invite: // someone else's membership
    case Kick:
    case Ban:
    case Unban:
    case Forget:         // a forgotten room is not in /sync at all
    case LeaveAndForget: // left is not yet forgotten
        break;
    }
    return std::nullopt;
}

QString Operation::actionText() const
{
    const QString room = targetName();
    switch (m_desc.kind) {
    case Join:
        return tr("Joining %1").arg(room);
    case Leave:
        return tr("Leaving %1").arg(room);
    case Invite:
        return tr("Inviting %1 to %2").arg(m_desc.userId, room);
    case Forget:
        return tr("Forgetting %1").arg(room);
    case LeaveAndForget:
        return m_step == 0 ? tr("Leaving %1").arg(room) : tr("Forgetting %1").arg(room);
    case Knock:
        return tr("Asking to join %1").arg(room);
    case Kick:
        return tr("Kicking %1 from %2").arg(m_desc.userId, room);
    case Ban:
        return tr("Banning %1 from %2").arg(m_desc.userId, room);
    case Unban:
        return tr("Unbanning %1 in %2").arg(m_desc.userId, room);
    }
    return room;
}

QString Operation::statusText() const
{
    const QString room = targetName();
    const QString doing = actionText();
    const int seconds =
        m_retryAt.isValid()
            ? int(qMax<qint64>(0,
                               (QDateTime::currentDateTimeUtc().msecsTo(m_retryAt) + 999) / 1000))
            : 0;
    switch (m_state) {
    case Queued:
        return tr("%1 (queued)").arg(doing);
    case Running:
        if (m_checking)
            return tr("%1: no answer from the server; checking whether it happened…").arg(doing);
        return tr("%1…").arg(doing);
    case Waiting:
        switch (m_waitReason) {
        case RateLimited:
            return tr("%1: waiting %n s (server rate limit)", nullptr, seconds).arg(doing);
        case ServerUnavailable:
            return tr("%1: waiting for the server, trying again in %n s (%2)", nullptr, seconds)
                .arg(doing, m_error.summary());
        case SignInRequired:
            return tr("%1: waiting for you to sign in again").arg(doing);
        case NotWaiting:
            break;
        }
        return tr("%1…").arg(doing);
    case Succeeded:
        switch (m_desc.kind) {
        case Join:
            return tr("Joined %1").arg(room);
        case Leave:
            return tr("Left %1").arg(room);
        case Invite:
            return tr("Invited %1 to %2").arg(m_desc.userId, room);
        case Forget:
            return tr("Forgot %1").arg(room);
        case LeaveAndForget:
            return tr("Left and forgot %1").arg(room);
        case Knock:
            return tr("Asked to join %1").arg(room);
        case Kick:
            return tr("Kicked %1 from %2").arg(m_desc.userId, room);
        case Ban:
            return tr("Banned %1 from %2").arg(m_desc.userId, room);
        case Unban:
            return tr("Unbanned %1 in %2").arg(m_desc.userId, room);
        }
        break;
    case Failed:
        if (m_desc.kind == LeaveAndForget && m_step == 1) // the message says the leave happened
            return tr("%1: %2").arg(room, m_error.summary());
        return tr("%1 failed: %2").arg(doing, m_error.summary());
    case Cancelled:
        return tr("%1: cancelled").arg(doing);
    case Unknown:
        return tr("%1: outcome unknown, the server did not answer (%2). The room list will show "
                  "what happened once the server is reachable.")
            .arg(doing, m_error.summary());
    }
    return doing;
}

void Operation::update(State state, WaitReason reason, const QDateTime &retryAt)
{
    m_state = state;
    m_waitReason = state == Waiting ? reason : NotWaiting;
    m_retryAt = state == Waiting ? retryAt : QDateTime();
    emit stateChanged();
}

void Operation::end(State state, const MatrixError &error)
{
    if (isFinished())
        return;
    m_call = nullptr;
    m_checking = false;
    m_error = error;
    update(state);
    emit finished();
}

void Operation::reject(const MatrixError &error)
{
    end(Failed, error);
}

void Operation::parkForSignIn(const MatrixError &error)
{
    if (isFinished())
        return;
    m_error = error;
    update(Waiting, SignInRequired);
}

void Operation::confirmBySync()
{
    if (m_state != Failed && m_state != Unknown)
        return;
    if (m_resultRoomId.isEmpty())
        m_resultRoomId = m_desc.target;
    m_error = {};
    update(Succeeded);
}

void Operation::start(ApiClient *api, const QString &ownUserId, RetryPolicy retry)
{
    if (isFinished() || m_call)
        return;
    m_api = api;
    m_ownUserId = ownUserId;
    m_retry = retry;
    runStep();
}

void Operation::startCheck(ApiClient *api, const QString &ownUserId)
{
    if (isFinished() || m_call)
        return;
    m_api = api;
    m_ownUserId = ownUserId;
    m_checkOnly = true;
    // Step by step: for a leave-and-forget the leave is read back, then the forget (which
    // cannot be) makes it Unknown.
    checkOutcome({});
}

void Operation::cancel()
{
    if (isFinished())
        return;
    ApiCall *call = m_call;
    m_call = nullptr;
    if (!call) { // queued, or parked until the next sign-in: nothing is on its way
        end(Cancelled, MatrixError::cancelled());
        return;
    }
    QObject::disconnect(call, nullptr, this, nullptr);
    // In flight, or waiting to retry after an attempt whose answer was lost.
    const bool mayHaveHappened = m_state == Running || call->outcomeUncertain();
    call->abort();
    if (m_checking) { // cancelling the check itself: nobody knows
        end(Unknown, m_original.isError() ? m_original : MatrixError::cancelled());
        return;
    }
    if (!mayHaveHappened) {
        end(Cancelled, MatrixError::cancelled());
        return;
    }
    m_cancelRequested = true;
    checkOutcome(MatrixError::cancelled(tr("Cancelled while the request was on its way.")));
}

void Operation::abandon(const QString &why)
{
    if (isFinished())
        return;
    bool mayHaveHappened = m_checking;
    if (ApiCall *call = m_call) {
        m_call = nullptr;
        QObject::disconnect(call, nullptr, this, nullptr);
        mayHaveHappened = mayHaveHappened || m_state == Running || call->outcomeUncertain();
        call->abort();
    }
    end(mayHaveHappened ? Unknown : Cancelled, MatrixError::cancelled(why));
}

void Operation::runStep()
{
    const Step step = steps().value(m_step);
    m_error = {};
    m_checking = false;
    ApiCall *call = nullptr;
    switch (step) {
    case JoinStep:
        call = Endpoints::joinRoom(m_api, m_desc.target, m_desc.via, m_desc.reason, m_retry);
        break;
    case LeaveStep:
        call = Endpoints::leaveRoom(m_api, m_desc.target, m_desc.reason, m_retry);
        break;
    case InviteStep:
        call = Endpoints::inviteUser(m_api, m_desc.target, m_desc.userId, m_desc.reason, m_retry);
        break;
    case KnockStep:
        call = Endpoints::knockRoom(m_api, m_desc.target, m_desc.via, m_desc.reason, m_retry);
        break;
    case ForgetStep:
        call = Endpoints::forgetRoom(m_api, m_desc.target, m_retry);
        break;
    case KickStep:
        call = Endpoints::kick(m_api, m_desc.target, m_desc.userId, m_desc.reason, m_retry);
        break;
    case BanStep:
        call = Endpoints::ban(m_api, m_desc.target, m_desc.userId, m_desc.reason, m_retry);
        break;
    case UnbanStep:
        call = Endpoints::unban(m_api, m_desc.target, m_desc.userId, m_desc.reason, m_retry);
        break;
    }
    // Every membership change counts against the server's one limit: a 429 on any of them
    // holds the others (ApiClient::holdRemainingMs). Forget is not limited by Synapse, but the
    // spec allows it to be.
    call->setRateLimitBucket(ApiClient::MembershipBucket);
    connect(call, &ApiCall::sending, this, [this](int) { ++m_attempts; });
    watch(call);
    connect(call, &ApiCall::succeeded, this, [this, step](const QJsonObject &body) {
        m_call = nullptr;
        if (step == JoinStep || step == KnockStep) {
            // The room the server joined (or knocked on): for an alias, what it resolved to.
            const QString joined = body.value(QLatin1String("room_id")).toString();
            m_resultRoomId = isRoomId(joined) ? joined : m_desc.target;
        } else if (m_resultRoomId.isEmpty()) {
            m_resultRoomId = m_desc.target;
        }
        stepDone();
    });
    connect(call, &ApiCall::failed, this, [this, call](const MatrixError &e) {
        m_call = nullptr;
        onStepFailed(call->outcomeUncertain(), e);
    });
    update(Running);
}

// Follows the call's attempts: Running while one is on its way, Waiting (with the reason and
// when it tries again) in between.
void Operation::watch(ApiCall *call)
{
    m_call = call;
    connect(call, &ApiCall::sending, this, [this](int attempt) {
        if (attempt > 1 || m_state == Waiting) // a retry, or the first after a hold
            update(Running);
    });
    connect(call, &ApiCall::retrying, this, [this](int, qint64 delayMs, const MatrixError &e) {
        m_error = e;
        update(Waiting, e.isRateLimited() ? RateLimited : ServerUnavailable,
               QDateTime::currentDateTimeUtc().addMSecs(delayMs));
    });
    // Held before an attempt because the server asked this client to slow down.
    connect(call, &ApiCall::held, this, [this](qint64 delayMs, const MatrixError &e) {
        m_error = e;
        update(Waiting, RateLimited, QDateTime::currentDateTimeUtc().addMSecs(delayMs));
    });
}

void Operation::stepDone()
{
    m_checking = false;
    if (!isLastStep()) {
        if (m_checkOnly) { // nothing is sent: read back the next step as well
            ++m_step;
            checkOutcome(m_original);
            return;
        }
        if (m_cancelRequested) {
            ++m_step;
            end(Cancelled,
                MatrixError::cancelled(tr("Left the room; forgetting it was cancelled.")));
            return;
        }
        ++m_step;
        runStep();
        return;
    }
    end(Succeeded);
}

MatrixError Operation::withStepContext(const MatrixError &error, State state) const
{
    MatrixError e = error;
    if (m_desc.kind == LeaveAndForget && m_step == 1)
        e.message =
            state == Unknown
                ? tr("Left the room; whether it was forgotten is unknown: %1").arg(e.message)
                : tr("Left the room, but forgetting it failed: %1").arg(e.message);
    return e;
}

void Operation::onStepFailed(bool outcomeUncertain, const MatrixError &error)
{
    if (error.isAuthFailure()) {
        emit authFailed(error);
        if (isFinished() || (m_state == Waiting && m_waitReason == SignInRequired))
            return; // parked by the service until the user signs in again
        end(Failed, error);
        return;
    }
    // No answer after the request went out; or a 2xx whose body was garbled: the server said
    // yes, but not in a form we can trust. Either way, ask before reporting.
    const bool garbledYes = error.kind == MatrixError::MalformedResponse &&
                            error.httpStatus >= 200 && error.httpStatus < 300;
    if (outcomeUncertain || garbledYes) {
        checkOutcome(error);
        return;
    }
    end(Failed, withStepContext(error, Failed));
}

void Operation::checkOutcome(const MatrixError &original)
{
    m_original = original;
    m_checking = true;
    m_error = original;
    const Step step = steps().value(m_step);
    // A knock reads back as the knock, or as what an owner quick to answer made of it. The
    // server may not show a knocker the room's state at all: then the outcome stays unknown
    // until /sync lists the room (confirmBySync).
    const QList<Membership::Value> wanted =
        step == KnockStep
            ? QList<Membership::Value>{Membership::Knock, Membership::Invite, Membership::Join}
            : QList<Membership::Value>{Membership::Join};
    switch (step) {
    case JoinStep:
    case KnockStep:
        if (!isRoomId(m_desc.target)) {
            // Joined by alias: the membership to read is the one in the room it names now.
            ApiCall *resolve = Endpoints::getRoomIdByAlias(m_api, m_desc.target);
            m_call = resolve;
            connect(resolve, &ApiCall::succeeded, this, [this, wanted](const QJsonObject &body) {
                m_call = nullptr;
                const QString roomId = body.value(QLatin1String("room_id")).toString();
                if (!isRoomId(roomId)) {
                    end(Unknown, m_original.isError()
                                     ? m_original
                                     : MatrixError::malformed(
                                           tr("The server resolved the alias to no room ID.")));
                    return;
                }
                m_resultRoomId = roomId;
                checkMembership(roomId, m_ownUserId, wanted);
            });
            connect(resolve, &ApiCall::failed, this, [this](const MatrixError &e) {
                m_call = nullptr;
                // An alias that no longer exists cannot have been joined through just now.
                if (e.kind == MatrixError::Server && e.httpStatus == 404 &&
                    e.errcode != QLatin1String("M_UNRECOGNIZED"))
                    notDone(e);
                else
                    end(Unknown, m_original.isError() ? m_original : e);
            });
            update(Running);
            return;
        }
        checkMembership(m_desc.target, m_ownUserId, wanted);
        return;
    case LeaveStep:
        checkMembership(m_desc.target, m_ownUserId, {Membership::Leave, Membership::Ban});
        return;
    case InviteStep:
        checkMembership(m_desc.target, m_desc.userId, {Membership::Invite, Membership::Join});
        return;
    // The target's member event says whether a moderation action is in place: kicked means
    // out of the room (a ban since also keeps them out), banned means banned, unbanned means
    // no longer banned ("leave"; a join since is theirs, not ours to claim).
    case KickStep:
        checkMembership(m_desc.target, m_desc.userId, {Membership::Leave, Membership::Ban});
        return;
    case BanStep:
        checkMembership(m_desc.target, m_desc.userId, {Membership::Ban});
        return;
    case UnbanStep:
        checkMembership(m_desc.target, m_desc.userId, {Membership::Leave});
        return;
    case ForgetStep: {
        // A forgotten room has no state we could read back; only a later initial sync tells.
        MatrixError e = m_original;
        if (!e.isError()) {
            e.kind = MatrixError::Server;
            e.message = tr("Whether a room was forgotten cannot be read back from the server.");
        }
        end(Unknown, m_checkOnly ? e : withStepContext(e, Unknown));
        return;
    }
    }
}

void Operation::checkMembership(const QString &roomId, const QString &userId,
                                const QList<Membership::Value> &wanted)
{
    if (userId.isEmpty()) { // no signed-in user to ask about
        end(Unknown, m_original.isError()
                         ? m_original
                         : MatrixError::invalidInput(tr("No signed-in user to ask about.")));
        return;
    }
    ApiCall *check =
        Endpoints::getRoomStateWithKey(m_api, roomId, QStringLiteral("m.room.member"), userId);
    m_call = check;
    connect(check, &ApiCall::succeeded, this, [this, roomId, wanted](const QJsonObject &content) {
        m_call = nullptr;
        const QString name = content.value(QLatin1String("membership")).toString();
        const auto membership = Membership::fromString(name);
        if (!membership) {
            end(Unknown, m_original.isError()
                             ? m_original
                             : MatrixError::malformed(tr("The server reported no membership.")));
            return;
        }
        if (wanted.contains(*membership)) {
            if (m_desc.kind == Join || m_desc.kind == Knock)
                m_resultRoomId = roomId;
            else if (m_resultRoomId.isEmpty())
                m_resultRoomId = m_desc.target;
            m_error = {};
            stepDone();
            return;
        }
        MatrixError answer;
        answer.kind = MatrixError::Server;
        answer.message = tr("The server reports the membership as “%1”.").arg(name);
        notDone(answer);
    });
    const Step step = steps().value(m_step);
    connect(check, &ApiCall::failed, this, [this, step](const MatrixError &e) {
        m_call = nullptr;
        // Someone who is not in a room (403) or has no member event in it (404) was not joined
        // by the lost request; for an invite, no member event means no invite. Anything else
        // (including a server that does not know the endpoint) leaves the question open.
        const bool noMemberEvent = e.kind == MatrixError::Server && e.httpStatus == 404 &&
                                   e.errcode != QLatin1String("M_UNRECOGNIZED");
        const bool notInRoom = e.kind == MatrixError::Server && e.httpStatus == 403;
        // A moderated user without a member event was never in the room: no kick, ban or unban
        // of them took effect.
        const bool moderation = step == KickStep || step == BanStep || step == UnbanStep;
        const bool notThere = (step == JoinStep && (notInRoom || noMemberEvent)) ||
                              ((step == InviteStep || moderation) && noMemberEvent);
        if (notThere)
            notDone(e);
        else
            end(Unknown, m_original.isError() ? m_original : e);
    });
    update(Running);
}

// The server answered, and the change is not there: the lost (or cancelled) request did nothing.
void Operation::notDone(const MatrixError &answer)
{
    if (m_cancelRequested)
        end(Cancelled, m_original);
    else if (m_checkOnly)
        end(Failed, answer);
    else
        end(Failed, withStepContext(m_original, Failed));
}
