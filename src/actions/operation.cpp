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
};
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
    Description d;
    d.id = json.value(QLatin1String("id")).toString();
    const auto kind = kindFromName(json.value(QLatin1String("kind")).toString());
    d.target = json.value(QLatin1String("target")).toString();
    d.userId = json.value(QLatin1String("user_id")).toString();
    d.reason = json.value(QLatin1String("reason")).toString();
    d.targetName = json.value(QLatin1String("target_name")).toString();
    for (const QJsonValue &v : json.value(QLatin1String("via")).toArray())
        d.via << v.toString();
    QString problem;
    if (QUuid::fromString(d.id).isNull())
        problem = QStringLiteral("no valid id");
    else if (!kind)
        problem = QStringLiteral("unknown kind");
    else if (*kind == Join ? !Identifiers::validateRoomIdOrAlias(d.target).isEmpty()
                           : !Identifiers::validateRoomId(d.target).isEmpty())
        problem = QStringLiteral("invalid target");
    else if (*kind == Invite && !Identifiers::validateUserId(d.userId).isEmpty())
        problem = QStringLiteral("invalid user_id");
    if (!problem.isEmpty()) {
        if (error)
            *error = problem;
        return std::nullopt;
    }
    d.kind = *kind;
    return d;
}

Operation::Operation(Description description, QObject *parent)
    : QObject(parent), m_desc(std::move(description))
{
    if (m_desc.id.isEmpty())
        m_desc.id = QUuid::createUuid().toString(QUuid::WithoutBraces);
}

QList<Operation::Step> Operation::steps() const
{
    switch (m_desc.kind) {
    case Join: return {JoinStep};
    case Leave: return {LeaveStep};
    case Invite: return {InviteStep};
    case Forget: return {ForgetStep};
    case LeaveAndForget: return {LeaveStep, ForgetStep};
    }
    return {};
}

std::optional<Membership::Value> Operation::wantedMembership() const
{
    switch (m_desc.kind) {
    case Join: return Membership::Join;
    case Leave: return Membership::Leave;
    case Invite:
    case Forget:
    case LeaveAndForget: break; // not visible as our own membership in /sync
    }
    return std::nullopt;
}

QString Operation::statusText() const
{
    const QString room = targetName();
    QString doing;
    QString done;
    switch (m_desc.kind) {
    case Join:
        doing = tr("Joining %1").arg(room);
        done = tr("Joined %1").arg(room);
        break;
    case Leave:
        doing = tr("Leaving %1").arg(room);
        done = tr("Left %1").arg(room);
        break;
    case Invite:
        doing = tr("Inviting %1 to %2").arg(m_desc.userId, room);
        done = tr("Invited %1 to %2").arg(m_desc.userId, room);
        break;
    case Forget:
        doing = tr("Forgetting %1").arg(room);
        done = tr("Forgot %1").arg(room);
        break;
    case LeaveAndForget:
        doing = m_step == 0 ? tr("Leaving %1").arg(room) : tr("Forgetting %1").arg(room);
        done = tr("Left and forgot %1").arg(room);
        break;
    }
    const int seconds = m_retryAt.isValid()
                            ? int(qMax<qint64>(0, (QDateTime::currentDateTimeUtc().msecsTo(m_retryAt) + 999) / 1000))
                            : 0;
    switch (m_state) {
    case Queued: return tr("%1 (queued)").arg(doing);
    case Running: return tr("%1…").arg(doing);
    case Waiting:
        switch (m_waitReason) {
        case RateLimited:
            return tr("%1: waiting %n s (server rate limit)", nullptr, seconds).arg(doing);
        case ServerUnavailable:
            return tr("%1: waiting for the server, trying again in %n s (%2)", nullptr, seconds)
                .arg(doing, m_error.summary());
        case SignInRequired: return tr("%1: waiting for you to sign in again").arg(doing);
        case NotWaiting: break;
        }
        return tr("%1…").arg(doing);
    case Succeeded: return done;
    case Failed: return tr("%1 failed: %2").arg(doing, m_error.summary());
    case Cancelled: return tr("%1: cancelled").arg(doing);
    case Unknown:
        return tr("%1: outcome unknown, the server did not answer (%2). The room list will show "
                  "what happened once the server is reachable.")
            .arg(doing, m_error.summary());
    }
    return doing;
}

void Operation::setState(State state, WaitReason reason)
{
    if (state != Waiting)
        m_retryAt = {};
    if (state == m_state && reason == m_waitReason)
        return;
    m_state = state;
    m_waitReason = reason;
    emit stateChanged();
}

void Operation::end(State state, const MatrixError &error)
{
    if (isFinished())
        return;
    m_call = nullptr;
    m_error = error;
    setState(state);
    emit finished();
}

void Operation::reject(const MatrixError &error)
{
    end(Failed, error);
}

void Operation::parkForSignIn(const MatrixError &error)
{
    m_error = error;
    setState(Waiting, SignInRequired);
}

void Operation::confirmBySync()
{
    if (m_state != Failed && m_state != Unknown)
        return;
    m_error = {};
    setState(Succeeded);
}

void Operation::start(ApiClient *api, const QString &ownUserId, RetryPolicy retry)
{
    if (isFinished() || m_call)
        return;
    m_api = api;
    m_ownUserId = ownUserId;
    m_retry = retry;
    m_error = {};
    runStep();
}

void Operation::cancel()
{
    if (isFinished())
        return;
    if (!m_call) { // queued, or parked for sign-in: nothing was sent
        end(Cancelled, MatrixError::cancelled());
        return;
    }
    ApiCall *call = m_call;
    m_call = nullptr;
    const bool inFlight = m_state == Running;
    QObject::disconnect(call, nullptr, this, nullptr);
    call->abort();
    if (!inFlight) { // waiting between attempts: nothing is on its way
        end(Cancelled, MatrixError::cancelled());
        return;
    }
    // The request may already have reached the server: find out instead of guessing.
    verifyOutcome(MatrixError::cancelled(tr("Cancelled while the request was on its way")));
}

void Operation::runStep()
{
    const Step step = steps().value(m_step);
    setState(Running);
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
    case ForgetStep: call = Endpoints::forgetRoom(m_api, m_desc.target, m_retry); break;
    }
    m_call = call;
    connect(call, &ApiCall::sending, this, [this](int attempt) {
        if (attempt > 1)
            setState(Running);
    });
    connect(call, &ApiCall::retrying, this, [this](int, qint64 delayMs, const MatrixError &e) {
        m_error = e;
        m_retryAt = QDateTime::currentDateTimeUtc().addMSecs(delayMs);
        m_state = Waiting;
        m_waitReason = e.isRateLimited() ? RateLimited : ServerUnavailable;
        emit stateChanged();
    });
    connect(call, &ApiCall::succeeded, this, [this, step](const QJsonObject &body) {
        m_call = nullptr;
        if (step == JoinStep) {
            const QString joined = body.value(QLatin1String("room_id")).toString();
            m_resultRoomId = Identifiers::validateRoomId(joined).isEmpty() ? joined : m_desc.target;
        } else if (m_resultRoomId.isEmpty()) {
            m_resultRoomId = m_desc.target;
        }
        stepSucceeded();
    });
    connect(call, &ApiCall::failed, this, [this, call](const MatrixError &e) {
        m_call = nullptr;
        onStepFailed(call, e);
    });
}

void Operation::stepSucceeded()
{
    ++m_step;
    if (m_step < steps().size()) {
        runStep();
        return;
    }
    end(Succeeded);
}

void Operation::onStepFailed(ApiCall *call, const MatrixError &error)
{
    if (error.isAuthFailure()) {
        emit authFailed(error);
        if (m_state == Waiting && m_waitReason == SignInRequired)
            return; // parked by the service until the user signs in again
        end(Failed, error);
        return;
    }
    if (call->outcomeUncertain()) {
        verifyOutcome(error);
        return;
    }
    MatrixError e = error;
    if (m_desc.kind == LeaveAndForget && m_step == 1)
        e.message = tr("Left the room, but forgetting it failed: %1").arg(e.message);
    end(Failed, e);
}

// The last request may have been carried out although its answer was lost. Ask the server what
// the membership is now, and report that instead of the lost answer.
void Operation::verifyOutcome(const MatrixError &original)
{
    setState(Running);
    switch (steps().value(m_step)) {
    case JoinStep:
        if (m_desc.target.startsWith(QLatin1Char('#'))) {
            ApiCall *resolve = Endpoints::getRoomIdByAlias(m_api, m_desc.target);
            m_call = resolve;
            connect(resolve, &ApiCall::succeeded, this, [this, original](const QJsonObject &body) {
                const QString roomId = body.value(QLatin1String("room_id")).toString();
                if (!Identifiers::validateRoomId(roomId).isEmpty()) {
                    end(Unknown, original);
                    return;
                }
                checkMembership(roomId, m_ownUserId, {Membership::Join}, original);
            });
            connect(resolve, &ApiCall::failed, this,
                    [this, original](const MatrixError &) { end(Unknown, original); });
            return;
        }
        checkMembership(m_desc.target, m_ownUserId, {Membership::Join}, original);
        return;
    case LeaveStep:
        checkMembership(m_desc.target, m_ownUserId, {Membership::Leave, Membership::Ban}, original);
        return;
    case InviteStep:
        checkMembership(m_desc.target, m_desc.userId, {Membership::Invite, Membership::Join},
                        original);
        return;
    case ForgetStep:
        // A forgotten room has no state we could read back; only a later initial sync tells.
        end(Unknown, original);
        return;
    }
}

void Operation::checkMembership(const QString &roomId, const QString &userId,
                                const QList<Membership::Value> &wanted, const MatrixError &original)
{
    ApiCall *check =
        Endpoints::getRoomStateWithKey(m_api, roomId, QStringLiteral("m.room.member"), userId);
    m_call = check;
    connect(check, &ApiCall::succeeded, this, [this, roomId, wanted, original](const QJsonObject &content) {
        m_call = nullptr;
        const auto membership =
            Membership::fromString(content.value(QLatin1String("membership")).toString());
        if (membership && wanted.contains(*membership)) {
            if (m_desc.kind == Join)
                m_resultRoomId = roomId;
            stepSucceeded();
            return;
        }
        // The server answered and the change is not there: the lost request did nothing.
        end(original.kind == MatrixError::Cancelled ? Cancelled : Failed, original);
    });
    connect(check, &ApiCall::failed, this, [this, original](const MatrixError &) {
        m_call = nullptr;
        end(Unknown, original);
    });
}
