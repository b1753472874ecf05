#include "models/directorymodel.h"

#include "api/endpoints.h"
#include "api/identifiers.h"
#include "models/roomlistmodel.h"
#include "sync/roomstore.h"

#include <QJsonArray>
#include <QSet>
#include <QTimer>

namespace {
// A directory page is a few dozen rooms; a server that sends thousands is not followed further.
constexpr qsizetype MaxRows = 10000;
} // namespace

DirectoryModel::DirectoryModel(ApiClient *api, const RoomStore *store, QObject *parent)
    : QAbstractListModel(parent), m_api(api), m_store(store), m_debounce(new QTimer(this))
{
    m_debounce->setSingleShot(true);
    m_debounce->setInterval(300);
    connect(m_debounce, &QTimer::timeout, this, [this] { request(true); });
    if (store) {
        // "Already in it" follows the room list.
        connect(store, &RoomStore::roomsInserted, this, &DirectoryModel::membershipsChanged);
        connect(store, &RoomStore::roomsChanged, this, &DirectoryModel::membershipsChanged);
        connect(store, &RoomStore::roomRemovedDone, this, &DirectoryModel::membershipsChanged);
        connect(store, &RoomStore::reset, this, &DirectoryModel::membershipsChanged);
    }
}

DirectoryModel::~DirectoryModel()
{
    stopCall();
}

void DirectoryModel::setDebounceMs(int ms)
{
    m_debounce->setInterval(ms);
}

void DirectoryModel::setServer(const QString &server)
{
    const QString trimmed = server.trimmed();
    if (trimmed == m_server)
        return;
    m_server = trimmed;
    emit serverChanged();
    refresh();
}

void DirectoryModel::setSearchTerm(const QString &term)
{
    if (term == m_term)
        return;
    m_term = term;
    emit searchTermChanged();
    // Whatever is on its way answers an older question: dropped now, not when it arrives.
    stopCall();
    m_debounce->start();
    if (m_status != Loading) {
        m_errorKind = NoError;
        m_error = {};
        m_errorText.clear();
        setStatus(Loading);
    }
}

void DirectoryModel::refresh()
{
    m_debounce->stop();
    request(true);
}

void DirectoryModel::loadMore()
{
    if (m_call || m_nextBatch.isEmpty() || m_status == Failed || m_debounce->isActive())
        return;
    request(false);
}

bool DirectoryModel::canFetchMore(const QModelIndex &parent) const
{
    return !parent.isValid() && !m_call && !m_nextBatch.isEmpty() && m_status == Loaded &&
           !m_debounce->isActive();
}

void DirectoryModel::fetchMore(const QModelIndex &parent)
{
    if (!parent.isValid())
        loadMore();
}

void DirectoryModel::clear()
{
    stopCall();
    m_debounce->stop();
    beginResetModel();
    m_rows.clear();
    endResetModel();
    m_nextBatch.clear();
    m_totalEstimate = -1;
    m_errorKind = NoError;
    m_error = {};
    m_errorText.clear();
    const bool serverChange = !m_server.isEmpty();
    const bool termChange = !m_term.isEmpty();
    m_server.clear();
    m_term.clear();
    if (serverChange)
        emit serverChanged();
    if (termChange)
        emit searchTermChanged();
    emit countChanged();
    m_status = Idle;
    emit statusChanged();
}

void DirectoryModel::stopCall()
{
    if (ApiCall *call = m_call) {
        m_call = nullptr;
        QObject::disconnect(call, nullptr, this, nullptr);
        call->abort();
    }
}

void DirectoryModel::setStatus(Status status)
{
    m_status = status;
    emit statusChanged();
}

void DirectoryModel::request(bool firstPage)
{
    stopCall();
    if (firstPage) {
        m_nextBatch.clear();
        m_usedBatches.clear();
        m_errorKind = NoError;
        m_error = {};
        m_errorText.clear();
        if (!m_server.isEmpty()) {
            if (const QString why = Identifiers::validateServerName(m_server); !why.isEmpty()) {
                beginResetModel();
                m_rows.clear();
                endResetModel();
                emit countChanged();
                m_errorKind = InvalidServer;
                m_error = MatrixError::invalidInput(why);
                m_errorText = why;
                setStatus(Failed);
                return;
            }
        }
    }
    Endpoints::PublicRoomsParams params;
    params.server = m_server;
    params.searchTerm = m_term.trimmed();
    params.limit = m_pageSize;
    params.since = firstPage ? QString() : m_nextBatch;
    if (!firstPage)
        m_usedBatches.insert(m_nextBatch);
    ApiCall *call = Endpoints::getPublicRooms(m_api, params);
    m_call = call;
    const QString server = m_server;
    const QString term = m_term;
    connect(call, &ApiCall::succeeded, this,
            [this, firstPage, server, term](const QJsonObject &body) {
                m_call = nullptr;
                if (server != m_server || term != m_term)
                    return; // an answer to an earlier question
                m_requestedServer = server;
                m_requestedTerm = term;
                onPage(body, firstPage);
            });
    connect(call, &ApiCall::failed, this,
            [this, firstPage, server, term](const MatrixError &error) {
                m_call = nullptr;
                if (server != m_server || term != m_term)
                    return;
                // The rows answer an earlier question (another server, another term): they are not
                // shown under this one's name with its error.
                if (firstPage && error.kind != MatrixError::Cancelled &&
                    (server != m_requestedServer || term != m_requestedTerm))
                    dropRows(server, term);
                onFailed(error);
            });
    if (firstPage)
        setStatus(Loading);
    else
        emit statusChanged(); // loading
}

void DirectoryModel::dropRows(const QString &server, const QString &term)
{
    m_requestedServer = server;
    m_requestedTerm = term;
    m_nextBatch.clear();
    m_totalEstimate = -1;
    if (m_rows.isEmpty())
        return;
    beginResetModel();
    m_rows.clear();
    endResetModel();
    emit countChanged();
}

void DirectoryModel::onPage(const QJsonObject &body, bool firstPage)
{
    QList<RoomPreview::Info> rows;
    QSet<QString> seen;
    if (!firstPage)
        for (const RoomPreview::Info &row : std::as_const(m_rows))
            seen.insert(row.roomId);
    const QJsonArray chunk = body.value(QLatin1String("chunk")).toArray();
    for (const QJsonValue &value : chunk) {
        if (!value.isObject())
            continue;
        RoomPreview::Info info = RoomPreview::parseInfo(value.toObject());
        // An entry without a valid room ID cannot be joined or previewed; a repeat (the
        // directory changed between pages) is shown once.
        if (info.roomId.isEmpty() || seen.contains(info.roomId))
            continue;
        seen.insert(info.roomId);
        rows.append(std::move(info));
    }
    if (firstPage) {
        beginResetModel();
        m_rows = rows.mid(0, MaxRows);
        endResetModel();
    } else if (!rows.isEmpty() && m_rows.size() < MaxRows) {
        rows = rows.mid(0, MaxRows - m_rows.size());
        beginInsertRows({}, int(m_rows.size()), int(m_rows.size() + rows.size() - 1));
        m_rows.append(rows);
        endInsertRows();
    }
    const QString next = body.value(QLatin1String("next_batch")).toString();
    // A next_batch already used (the one just used, or an earlier one: a cycle) would load the
    // same pages forever.
    m_nextBatch = m_rows.size() >= MaxRows || m_usedBatches.contains(next) ? QString() : next;
    if (const QJsonValue estimate = body.value(QLatin1String("total_room_count_estimate"));
        estimate.isDouble())
        m_totalEstimate = qMax(0, estimate.toInt());
    else if (firstPage)
        m_totalEstimate = -1;
    emit countChanged();
    setStatus(m_rows.isEmpty() ? NoMatches : Loaded);
    emit pageLoaded();
}

void DirectoryModel::onFailed(const MatrixError &error)
{
    if (error.kind == MatrixError::Cancelled)
        return;
    m_error = error;
    const bool remote = !m_server.isEmpty();
    // Our own homeserver did not answer: no connection, a TLS failure, or (for its own
    // directory) a timeout or a gateway (502, 503, 504) in front of it answering for it. The
    // other server's name does not matter then: the request never got past our homeserver.
    const bool gateway =
        error.kind == MatrixError::Server &&
        (error.httpStatus == 502 || error.httpStatus == 503 || error.httpStatus == 504) &&
        !error.isRateLimited();
    const bool ownUnreachable = error.kind == MatrixError::Unreachable ||
                                error.kind == MatrixError::Tls ||
                                (!remote && (error.kind == MatrixError::Timeout || gateway));
    // Through our homeserver, another server that cannot be reached shows as a 5xx (Synapse:
    // 500/502 after its federation request failed) or a timeout.
    const bool remoteUnreachable =
        remote && (error.kind == MatrixError::Timeout ||
                   (error.kind == MatrixError::Server && error.httpStatus >= 500 &&
                    error.errcode != QLatin1String("M_UNRECOGNIZED") && !error.isRateLimited()));
    const bool notShared =
        remote && error.kind == MatrixError::Server &&
        (error.httpStatus == 403 || error.errcode == QLatin1String("M_FORBIDDEN"));
    // Synapse's words when its federation whitelist leaves the server out (403 M_FORBIDDEN):
    // the other server is not unwilling, it is out of reach from here.
    const bool denied = remote && error.kind == MatrixError::Server &&
                        error.message.startsWith(QLatin1String("Federation denied"));
    if (denied) {
        m_errorKind = ServerUnreachable;
        m_errorText = tr("%1 cannot be reached: your homeserver does not talk to it (%2).")
                          .arg(m_server, error.summary());
    } else if (ownUnreachable) {
        m_errorKind = ServerUnreachable;
        m_errorText = tr("Your homeserver could not be reached (%1).").arg(error.summary());
    } else if (remoteUnreachable) {
        m_errorKind = ServerUnreachable;
        m_errorText = tr("%1 could not be reached through your homeserver (%2).")
                          .arg(m_server, error.summary());
    } else if (notShared) {
        m_errorKind = DirectoryNotShared;
        m_errorText = tr("%1 does not share its room directory with other servers (%2).")
                          .arg(m_server, error.summary());
    } else {
        m_errorKind = OtherError;
        m_errorText = tr("The room directory could not be loaded: %1").arg(error.summary());
    }
    setStatus(Failed);
}

int DirectoryModel::membershipOf(const QString &roomId) const
{
    const RoomSummary *room = m_store ? m_store->find(roomId) : nullptr;
    return room ? int(room->membership) : -1;
}

void DirectoryModel::membershipsChanged()
{
    if (!m_rows.isEmpty())
        emit dataChanged(index(0), index(int(m_rows.size()) - 1), {MembershipRole, CanKnockRole});
}

bool DirectoryModel::findEntry(const QString &roomIdOrAlias, RoomPreview::Info *info) const
{
    if (roomIdOrAlias.isEmpty())
        return false;
    for (const RoomPreview::Info &row : m_rows) {
        if (row.roomId == roomIdOrAlias || row.canonicalAlias == roomIdOrAlias) {
            if (info)
                *info = row;
            return true;
        }
    }
    return false;
}

int DirectoryModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

QVariant DirectoryModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const RoomPreview::Info &room = m_rows.at(index.row());
    switch (role) {
    case Qt::DisplayRole:
    case NameRole:
        return !room.name.isEmpty()             ? room.name
               : !room.canonicalAlias.isEmpty() ? room.canonicalAlias
                                                : room.roomId;
    case RoomIdRole:
        return room.roomId;
    case CanonicalAliasRole:
        return room.canonicalAlias;
    case TopicRole:
        return room.topic;
    case AvatarSourceRole:
        return RoomListModel::avatarSourceFor(room.avatarMxc);
    case MemberCountRole:
        return qMax(0, room.memberCount);
    case WorldReadableRole:
        return room.worldReadable;
    case GuestCanJoinRole:
        return room.guestCanJoin;
    case JoinRuleRole:
        return int(room.joinRule);
    case CanKnockRole: {
        const int membership = membershipOf(room.roomId);
        return JoinRule::allowsKnock(room.joinRule) &&
               (membership < 0 || membership == Membership::Leave);
    }
    case RoomTypeRole:
        return room.roomType;
    case MembershipRole:
        return membershipOf(room.roomId);
    }
    return {};
}

QHash<int, QByteArray> DirectoryModel::roleNames() const
{
    return {
        {RoomIdRole, "roomId"},
        {NameRole, "name"},
        {CanonicalAliasRole, "canonicalAlias"},
        {TopicRole, "topic"},
        {AvatarSourceRole, "avatarSource"},
        {MemberCountRole, "memberCount"},
        {WorldReadableRole, "worldReadable"},
        {GuestCanJoinRole, "guestCanJoin"},
        {JoinRuleRole, "joinRule"},
        {CanKnockRole, "canKnock"},
        {RoomTypeRole, "roomType"},
        {MembershipRole, "membership"},
    };
}

QVariantMap DirectoryModel::get(int row) const
{
    QVariantMap map;
    if (row < 0 || row >= rowCount())
        return map;
    const QHash<int, QByteArray> names = roleNames();
    for (auto it = names.cbegin(); it != names.cend(); ++it)
        map.insert(QString::fromLatin1(it.value()), data(index(row), it.key()));
    return map;
}
