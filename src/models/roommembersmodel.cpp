#include "models/roommembersmodel.h"

#include "api/endpoints.h"
#include "models/roomlistmodel.h"
#include "session/session.h"
#include "sync/syncengine.h"

#include <QJsonArray>
#include <QSet>
#include <algorithm>
#include <limits>

namespace {
// The parts of a load, each one request.
enum Part { MembersPart, PowerLevelsPart, CreatePart };

const QLatin1String MemberType("m.room.member");
const QLatin1String PowerLevelsType("m.room.power_levels");

// A room with more members than this is listed up to it (a server sending more is not followed).
constexpr qsizetype MaxMembers = 100000;

int sectionOf(Membership::Value membership)
{
    switch (membership) {
    case Membership::Join:
        return 0;
    case Membership::Invite:
        return 1;
    case Membership::Knock:
        return 2;
    case Membership::Ban:
        return 3;
    case Membership::Leave:
        break;
    }
    return -1; // not listed
}

double levelNumber(qint64 level)
{
    return level == PowerLevels::Creator ? std::numeric_limits<double>::infinity() : double(level);
}
} // namespace

RoomMembersModel::RoomMembersModel(ApiClient *api, Session *session, SyncEngine *sync,
                                   QObject *parent)
    : QAbstractListModel(parent), m_api(api), m_session(session), m_sync(sync)
{
    if (session) {
        // Another account's rooms are not this one's: nothing is kept across a sign-out.
        connect(session, &Session::signedOut, this, [this] { setRoomId({}); });
        // Whose flags they are may only now be known.
        connect(session, &Session::stateChanged, this, [this] {
            if (!m_rows.isEmpty())
                rebuild(false);
            emit powerLevelsChanged();
        });
    }
    if (sync)
        connect(sync, &SyncEngine::responseApplied, this, &RoomMembersModel::onSyncResponse);
}

RoomMembersModel::~RoomMembersModel()
{
    stopCalls();
}

QString RoomMembersModel::ownUserId() const
{
    if (!m_ownUserId.isEmpty())
        return m_ownUserId;
    return m_session ? m_session->userId() : QString();
}

void RoomMembersModel::setOwnUserId(const QString &userId)
{
    if (userId == m_ownUserId)
        return;
    m_ownUserId = userId;
    rebuild(false);
    emit powerLevelsChanged();
}

void RoomMembersModel::setRoomId(const QString &roomId)
{
    const QString id = roomId.trimmed();
    if (id == m_roomId)
        return;
    m_roomId = id;
    emit roomIdChanged();
    reload();
}

void RoomMembersModel::reload()
{
    clear();
    if (!m_roomId.isEmpty())
        startLoad();
}

void RoomMembersModel::clear()
{
    stopCalls();
    ++m_generation;
    beginResetModel();
    m_members.clear();
    m_indexOf.clear();
    m_rows.clear();
    endResetModel();
    m_levels = PowerLevels();
    m_createEvent = {};
    m_powerLevelsContent = {};
    m_deferred.clear();
    m_loadedMembers = {};
    const bool hadError = m_error.isError() || !m_errorText.isEmpty();
    m_error = {};
    m_errorText.clear();
    const bool wasLoading = loading();
    m_pending.clear();
    if (hadError)
        emit errorChanged();
    if (wasLoading)
        emit loadingChanged();
    emit countChanged();
    emit powerLevelsChanged();
}

void RoomMembersModel::stopCalls()
{
    const auto calls = m_calls;
    m_calls.clear();
    for (const QPointer<ApiCall> &call : calls) {
        if (call) {
            QObject::disconnect(call, nullptr, this, nullptr);
            call->abort();
        }
    }
}

void RoomMembersModel::startLoad()
{
    const quint64 generation = m_generation;
    // Left members are not shown: the server need not send them (a busy room has many).
    ApiCall *members = Endpoints::getMembersByRoom(m_api, m_roomId, QStringLiteral("leave"));
    ApiCall *levels =
        Endpoints::getRoomStateWithKey(m_api, m_roomId, QString(PowerLevelsType), QString());
    ApiCall *create = Endpoints::getRoomStateWithKey(
        m_api, m_roomId, QStringLiteral("m.room.create"), QString(), Endpoints::StateFormat::Event);
    const QList<ApiCall *> calls{members, levels, create};
    m_pending = {MembersPart, PowerLevelsPart, CreatePart};
    for (int part = 0; part < int(calls.size()); ++part) {
        ApiCall *call = calls.at(part);
        m_calls.append(call);
        connect(call, &ApiCall::succeeded, this, [this, generation, part](const QJsonObject &body) {
            if (generation == m_generation)
                onLoadPart(part, body);
        });
        connect(call, &ApiCall::failed, this, [this, generation, part](const MatrixError &error) {
            if (generation == m_generation)
                onLoadFailed(part, error);
        });
    }
    emit loadingChanged();
}

void RoomMembersModel::onLoadPart(int part, const QJsonObject &body)
{
    switch (part) {
    case MembersPart:
        m_loadedMembers = body;
        break;
    case PowerLevelsPart:
        m_powerLevelsContent = body;
        break;
    case CreatePart: {
        // Asked for as the whole event: its sender is the room's creator (room version 12 ranks
        // creators above every level; from version 11 the content no longer names them). A
        // server that predates ?format=event answers the content: up to room version 10 its
        // `creator` field says who.
        if (body.value(QLatin1String("type")).isString() &&
            body.value(QLatin1String("content")).isObject()) {
            m_createEvent = body;
            break;
        }
        QJsonObject event{{QStringLiteral("content"), body}};
        const QString creator = body.value(QLatin1String("creator")).toString();
        if (!creator.isEmpty())
            event.insert(QStringLiteral("sender"), creator);
        m_createEvent = event;
        break;
    }
    }
    m_pending.removeAll(part);
    if (m_pending.isEmpty())
        finishLoad();
}

void RoomMembersModel::onLoadFailed(int part, const MatrixError &error)
{
    if (error.kind == MatrixError::Cancelled)
        return;
    // A room without power levels (or whose creation cannot be read) still has members: the
    // spec's defaults apply.
    const bool absent = error.kind == MatrixError::Server &&
                        (error.httpStatus == 404 || error.errcode == QLatin1String("M_NOT_FOUND"));
    if (part != MembersPart && absent) {
        onLoadPart(part, {});
        return;
    }
    stopCalls();
    ++m_generation; // the other parts' answers no longer matter
    m_pending.clear();
    m_deferred.clear();
    QString text;
    const bool unreachable = error.kind == MatrixError::Unreachable ||
                             error.kind == MatrixError::Tls || error.kind == MatrixError::Timeout;
    if (unreachable) {
        text = tr("Your homeserver could not be reached (%1).").arg(error.summary());
    } else if (error.kind == MatrixError::Server &&
               (error.httpStatus == 403 || error.errcode == QLatin1String("M_FORBIDDEN"))) {
        text = tr("You cannot see this room's members: you are not in it, or no longer (%1).")
                   .arg(error.summary());
    } else if (part == MembersPart) {
        text = tr("The members of this room could not be loaded: %1").arg(error.summary());
    } else {
        text = tr("The room's power levels could not be loaded, so it is not known who may do "
                  "what: %1")
                   .arg(error.summary());
    }
    setError(error, text);
    emit loadingChanged();
    emit loaded();
}

void RoomMembersModel::setError(const MatrixError &error, const QString &text)
{
    m_error = error;
    m_errorText = text;
    emit errorChanged();
}

void RoomMembersModel::finishLoad()
{
    m_calls.clear();
    m_levels = PowerLevels::fromState(m_createEvent, m_powerLevelsContent);
    const QJsonArray chunk = m_loadedMembers.value(QLatin1String("chunk")).toArray();
    m_loadedMembers = {};
    for (const QJsonValue &value : chunk) {
        if (m_members.size() >= MaxMembers)
            break;
        const QJsonObject event = value.toObject();
        if (event.value(QLatin1String("type")).toString() != MemberType)
            continue;
        applyMember(event.value(QLatin1String("state_key")).toString(),
                    event.value(QLatin1String("content")).toObject(),
                    event.value(QLatin1String("sender")).toString());
    }
    // What /sync said while the load was on its way is as new as the load's answer, or newer.
    const QList<QJsonObject> deferred = std::exchange(m_deferred, {});
    for (const QJsonObject &event : deferred)
        applyEvent(event);
    rebuild(true);
    emit loadingChanged();
    emit powerLevelsChanged();
    emit loaded();
}

bool RoomMembersModel::applyMember(const QString &userId, const QJsonObject &content,
                                   const QString &sender)
{
    if (!userId.startsWith(QLatin1Char('@')))
        return false;
    const auto membership =
        Membership::fromString(content.value(QLatin1String("membership")).toString());
    if (!membership)
        return false;
    Member member;
    member.userId = userId;
    member.membership = *membership;
    member.displayName = content.value(QLatin1String("displayname")).toString();
    member.avatarUrl = content.value(QLatin1String("avatar_url")).toString();
    member.reason = content.value(QLatin1String("reason")).toString();
    member.sender = sender;
    const auto found = m_indexOf.constFind(userId);
    if (found == m_indexOf.cend()) {
        if (m_members.size() >= MaxMembers)
            return false;
        m_indexOf.insert(userId, int(m_members.size()));
        m_members.append(member);
        return true;
    }
    Member &old = m_members[*found];
    // A ban or a kick usually carries no profile: the banned member is still shown by the name
    // they had.
    if (member.membership == Membership::Ban || member.membership == Membership::Leave) {
        if (member.displayName.isEmpty())
            member.displayName = old.displayName;
        if (member.avatarUrl.isEmpty())
            member.avatarUrl = old.avatarUrl;
    }
    old = member;
    return true;
}

bool RoomMembersModel::applyEvent(const QJsonObject &event)
{
    const QString type = event.value(QLatin1String("type")).toString();
    if (!event.contains(QLatin1String("state_key")))
        return false; // a message, not state
    const QJsonObject content = event.value(QLatin1String("content")).toObject();
    if (type == MemberType) {
        return applyMember(event.value(QLatin1String("state_key")).toString(), content,
                           event.value(QLatin1String("sender")).toString());
    }
    if (type == PowerLevelsType && event.value(QLatin1String("state_key")).toString().isEmpty()) {
        m_powerLevelsContent = content;
        m_levels = PowerLevels::fromState(m_createEvent, m_powerLevelsContent);
        return true;
    }
    return false;
}

void RoomMembersModel::onSyncResponse(const SyncResponse &response)
{
    if (m_roomId.isEmpty())
        return;
    const QJsonObject room = response.roomObject(m_roomId, {Membership::Join, Membership::Leave});
    if (room.isEmpty())
        return;
    // The state before the timeline, then the timeline in order (its state events are newer).
    QList<QJsonObject> events;
    for (const char *block : {"state", "timeline"}) {
        const QJsonArray list =
            room.value(QLatin1String(block)).toObject().value(QLatin1String("events")).toArray();
        for (const QJsonValue &value : list) {
            const QJsonObject event = value.toObject();
            const QString type = event.value(QLatin1String("type")).toString();
            if (type == MemberType || type == PowerLevelsType)
                events.append(event);
        }
    }
    if (events.isEmpty())
        return;
    if (loading()) {
        m_deferred.append(events);
        return;
    }
    if (m_error.isError())
        return; // nothing loaded to update; "Try again" loads it whole
    bool levelsChanged = false;
    bool changed = false;
    for (const QJsonObject &event : std::as_const(events)) {
        if (applyEvent(event)) {
            changed = true;
            levelsChanged |= event.value(QLatin1String("type")).toString() == PowerLevelsType;
        }
    }
    if (changed)
        rebuild(false);
    if (levelsChanged)
        emit powerLevelsChanged();
}

bool RoomMembersModel::passesFilter(const Member &member) const
{
    if (sectionOf(member.membership) < 0)
        return false;
    const QString term = m_filter.trimmed();
    if (term.isEmpty())
        return true;
    return member.userId.contains(term, Qt::CaseInsensitive) ||
           member.displayName.contains(term, Qt::CaseInsensitive);
}

bool RoomMembersModel::lessThan(int a, int b) const
{
    const Member &x = m_members.at(a);
    const Member &y = m_members.at(b);
    const int sx = sectionOf(x.membership);
    const int sy = sectionOf(y.membership);
    if (sx != sy)
        return sx < sy;
    const qint64 lx = m_levels.userLevel(x.userId);
    const qint64 ly = m_levels.userLevel(y.userId);
    if (lx != ly)
        return lx > ly;
    const QString nx = x.displayName.isEmpty() ? x.userId.mid(1) : x.displayName;
    const QString ny = y.displayName.isEmpty() ? y.userId.mid(1) : y.displayName;
    if (const int c = nx.compare(ny, Qt::CaseInsensitive); c != 0)
        return c < 0;
    return x.userId < y.userId;
}

QList<int> RoomMembersModel::order() const
{
    QList<int> rows;
    for (int i = 0; i < int(m_members.size()); ++i) {
        if (passesFilter(m_members.at(i)))
            rows.append(i);
    }
    std::sort(rows.begin(), rows.end(), [this](int a, int b) { return lessThan(a, b); });
    return rows;
}

void RoomMembersModel::rebuild(bool reset)
{
    const QList<int> next = order();
    const int before = int(m_rows.size());
    if (reset) {
        beginResetModel();
        m_rows = next;
        endResetModel();
    } else {
        // Row by row, so that a view keeps its current row and focus (a sync moves one member
        // from Joined to Banned: one row moves, the others stay).
        const QSet<int> keep(next.cbegin(), next.cend());
        for (int row = int(m_rows.size()) - 1; row >= 0; --row) {
            if (!keep.contains(m_rows.at(row))) {
                beginRemoveRows({}, row, row);
                m_rows.removeAt(row);
                endRemoveRows();
            }
        }
        for (int row = 0; row < int(next.size()); ++row) {
            if (row < int(m_rows.size()) && m_rows.at(row) == next.at(row))
                continue;
            const int from = int(m_rows.indexOf(next.at(row), row));
            if (from > row) {
                beginMoveRows({}, from, from, {}, row);
                m_rows.move(from, row);
                endMoveRows();
            } else {
                beginInsertRows({}, row, row);
                m_rows.insert(row, next.at(row));
                endInsertRows();
            }
        }
        if (!m_rows.isEmpty())
            emit dataChanged(index(0), index(int(m_rows.size()) - 1));
    }
    if (before != int(m_rows.size()) || reset)
        emit countChanged();
}

void RoomMembersModel::setFilterText(const QString &text)
{
    if (text == m_filter)
        return;
    m_filter = text;
    emit filterTextChanged();
    rebuild(true);
}

int RoomMembersModel::total() const
{
    int n = 0;
    for (const Member &member : m_members)
        n += sectionOf(member.membership) >= 0 ? 1 : 0;
    return n;
}

int RoomMembersModel::countOf(int membership) const
{
    int n = 0;
    for (const Member &member : m_members)
        n += int(member.membership) == membership ? 1 : 0;
    return n;
}

QList<int> RoomMembersModel::sectionOrder()
{
    return {Membership::Join, Membership::Invite, Membership::Knock, Membership::Ban};
}

double RoomMembersModel::ownPowerLevel() const
{
    return levelNumber(m_levels.userLevel(ownUserId()));
}

QString RoomMembersModel::ownPowerLevelText() const
{
    return PowerLevels::levelText(m_levels.userLevel(ownUserId()));
}

QString RoomMembersModel::inviteReason() const
{
    if (m_roomId.isEmpty())
        return {};
    const QString me = ownUserId();
    const auto mine = m_indexOf.constFind(me);
    if (mine != m_indexOf.cend() && m_members.at(*mine).membership != Membership::Join)
        return tr("You are not in this room.");
    return m_levels.whyNot(PowerLevels::Invite, me, {});
}

QString RoomMembersModel::whyNot(PowerLevels::Action action, const Member &member) const
{
    const QString me = ownUserId();
    if (member.userId == me)
        return tr("You cannot do this to yourself.");
    const auto mine = m_indexOf.constFind(me);
    if (mine != m_indexOf.cend() && m_members.at(*mine).membership != Membership::Join)
        return tr("You are not in this room.");
    return m_levels.whyNot(action, me, member.userId);
}

int RoomMembersModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

QVariant RoomMembersModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const Member &member = m_members.at(m_rows.at(index.row()));
    // An action that does not apply to the member's membership: not offered, no reason to give.
    const auto reasonFor = [&](PowerLevels::Action action, bool applies) -> QString {
        if (!applies)
            return tr("Does not apply to this member.");
        return whyNot(action, member);
    };
    const bool joinedOrInvited =
        member.membership == Membership::Join || member.membership == Membership::Invite;
    const bool knocking = member.membership == Membership::Knock;
    const bool banned = member.membership == Membership::Ban;
    switch (role) {
    case Qt::DisplayRole:
    case DisplayNameRole:
        return member.displayName.isEmpty() ? member.userId : member.displayName;
    case UserIdRole:
        return member.userId;
    case AvatarUrlRole:
        return member.avatarUrl;
    case AvatarSourceRole:
        return RoomListModel::avatarSourceFor(member.avatarUrl);
    case MembershipRole:
        return int(member.membership);
    case SectionRole:
        return sectionOf(member.membership);
    case PowerLevelRole:
        return levelNumber(m_levels.userLevel(member.userId));
    case PowerLevelTextRole:
        return PowerLevels::levelText(m_levels.userLevel(member.userId));
    case ReasonRole:
        return member.reason;
    case SenderRole:
        return member.sender;
    case IsSelfRole:
        return member.userId == ownUserId();
    case CanKickRole:
        return reasonFor(PowerLevels::Kick, joinedOrInvited).isEmpty();
    case KickReasonRole:
        return reasonFor(PowerLevels::Kick, joinedOrInvited);
    case CanBanRole:
        return reasonFor(PowerLevels::Ban, !banned).isEmpty();
    case BanReasonRole:
        return reasonFor(PowerLevels::Ban, !banned);
    case CanUnbanRole:
        return reasonFor(PowerLevels::Unban, banned).isEmpty();
    case UnbanReasonRole:
        return reasonFor(PowerLevels::Unban, banned);
    case CanAcceptRole:
        return reasonFor(PowerLevels::Invite, knocking).isEmpty();
    case AcceptReasonRole:
        return reasonFor(PowerLevels::Invite, knocking);
    case CanDenyRole:
        return reasonFor(PowerLevels::Kick, knocking).isEmpty();
    case DenyReasonRole:
        return reasonFor(PowerLevels::Kick, knocking);
    }
    return {};
}

QHash<int, QByteArray> RoomMembersModel::roleNames() const
{
    return {
        {UserIdRole, "userId"},
        {DisplayNameRole, "displayName"},
        {AvatarUrlRole, "avatarUrl"},
        {AvatarSourceRole, "avatarSource"},
        {MembershipRole, "membership"},
        {SectionRole, "section"},
        {PowerLevelRole, "powerLevel"},
        {PowerLevelTextRole, "powerLevelText"},
        {ReasonRole, "reason"},
        {SenderRole, "sender"},
        {IsSelfRole, "isSelf"},
        {CanKickRole, "canKick"},
        {KickReasonRole, "kickReason"},
        {CanBanRole, "canBan"},
        {BanReasonRole, "banReason"},
        {CanUnbanRole, "canUnban"},
        {UnbanReasonRole, "unbanReason"},
        {CanAcceptRole, "canAccept"},
        {AcceptReasonRole, "acceptReason"},
        {CanDenyRole, "canDeny"},
        {DenyReasonRole, "denyReason"},
    };
}

QVariantMap RoomMembersModel::get(int row) const
{
    QVariantMap map;
    if (row < 0 || row >= rowCount())
        return map;
    const QHash<int, QByteArray> names = roleNames();
    for (auto it = names.cbegin(); it != names.cend(); ++it)
        map.insert(QString::fromLatin1(it.value()), data(index(row), it.key()));
    return map;
}

int RoomMembersModel::rowOf(const QString &userId) const
{
    const auto found = m_indexOf.constFind(userId);
    if (found == m_indexOf.cend())
        return -1;
    return int(m_rows.indexOf(*found));
}

QString RoomMembersModel::displayNameOf(const QString &userId) const
{
    const auto found = m_indexOf.constFind(userId);
    if (found == m_indexOf.cend() || m_members.at(*found).displayName.isEmpty())
        return userId;
    return m_members.at(*found).displayName;
}
