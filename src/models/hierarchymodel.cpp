#include "models/hierarchymodel.h"

#include "actions/jobqueue.h"
#include "api/apiclient.h"
#include "api/endpoints.h"
#include "api/identifiers.h"
#include "api/membership.h"
#include "sync/roomstore.h"

#include <QJsonArray>
#include <QJsonObject>
#include <algorithm>

namespace {

QStringList validServers(const QJsonValue &value)
{
    QStringList servers;
    const QJsonArray array = value.toArray();
    for (const QJsonValue &v : array) {
        const QString server = v.toString().trimmed();
        if (server.isEmpty() || servers.contains(server) ||
            !Identifiers::validateServerName(server).isEmpty())
            continue;
        servers.append(server);
        if (servers.size() >= Identifiers::MaxViaServers)
            break;
    }
    return servers;
}

QStringList validRoomIds(const QJsonValue &value)
{
    QStringList ids;
    const QJsonArray array = value.toArray();
    for (const QJsonValue &v : array) {
        const QString id = v.toString();
        if (Identifiers::validateRoomId(id).isEmpty() && !ids.contains(id))
            ids.append(id);
        if (ids.size() >= 50)
            break;
    }
    return ids;
}

bool isRestricted(JoinRule::Value rule)
{
    return rule == JoinRule::Restricted || rule == JoinRule::KnockRestricted;
}

} // namespace

HierarchyModel::HierarchyModel(ApiClient *api, const RoomStore *store, JobQueue *jobs,
                               QObject *parent)
    : QAbstractListModel(parent), m_api(api), m_store(store), m_jobs(jobs)
{
    if (store) {
        // Your membership, what you can join and the selection follow the room list.
        connect(store, &RoomStore::roomsInserted, this, &HierarchyModel::storeChanged);
        connect(store, &RoomStore::roomsChanged, this, &HierarchyModel::storeChanged);
        connect(store, &RoomStore::roomRemovedDone, this, &HierarchyModel::storeChanged);
        connect(store, &RoomStore::reset, this, &HierarchyModel::storeChanged);
    }
}

HierarchyModel::~HierarchyModel()
{
    stopCall();
}

void HierarchyModel::setSpaceId(const QString &spaceId)
{
    const QString trimmed = spaceId.trimmed();
    if (trimmed == m_spaceId && m_status != Idle)
        return;
    const bool changed = trimmed != m_spaceId;
    m_spaceId = trimmed;
    if (changed)
        emit spaceIdChanged();
    refresh();
}

void HierarchyModel::setMaxDepth(int depth)
{
    depth = qBound(0, depth, 50);
    if (depth == m_maxDepth)
        return;
    m_maxDepth = depth;
    emit maxDepthChanged();
    if (!m_spaceId.isEmpty())
        refresh();
}

QString HierarchyModel::spaceName() const
{
    if (!m_rows.isEmpty() && m_rows.first().info.roomId == m_spaceId)
        return m_rows.first().info.name.isEmpty() ? m_spaceId : m_rows.first().info.name;
    return nameOf(m_spaceId);
}

int HierarchyModel::joinableCount() const
{
    int n = 0;
    for (int row = 0; row < count(); ++row) {
        const JoinAction action = joinActionOf(row);
        n += action == CanJoin || action == CanKnock;
    }
    return n;
}

int HierarchyModel::rowOf(const QString &roomId) const
{
    for (int row = 0; row < count(); ++row)
        if (m_rows.at(row).info.roomId == roomId)
            return row;
    return -1;
}

int HierarchyModel::membershipOf(const QString &roomId) const
{
    if (!m_store)
        return -1;
    const RoomSummary *room = m_store->find(roomId);
    return room ? int(room->membership) : -1;
}

QString HierarchyModel::nameOf(const QString &roomId) const
{
    const int row = rowOf(roomId);
    if (row >= 0 && !m_rows.at(row).info.name.isEmpty())
        return m_rows.at(row).info.name;
    if (m_store)
        if (const RoomSummary *room = m_store->find(roomId))
            return room->displayName();
    return roomId;
}

HierarchyModel::JoinAction HierarchyModel::joinActionOf(int row, QString *note) const
{
    auto say = [note](JoinAction action, const QString &text) {
        if (note)
            *note = text;
        return action;
    };
    if (row < 0 || row >= count())
        return say(CannotJoin, {});
    const Row &r = m_rows.at(row);
    const int membership = membershipOf(r.info.roomId);
    if (membership == Membership::Join)
        return say(AlreadyJoined, tr("You are in it."));
    if (membership == Membership::Ban)
        return say(CannotJoin, tr("You are banned from it."));
    if (membership == Membership::Invite)
        return say(CanJoin, tr("You are invited."));
    if (membership == Membership::Knock)
        return say(CannotJoin, tr("You asked to join: waiting for an answer."));
    const JoinRule::Value rule = r.info.joinRule;
    if (rule == JoinRule::Public)
        return say(CanJoin, tr("Public: anyone can join."));
    if (isRestricted(rule)) {
        // The rooms whose members may join: as the server says (allowed_room_ids, spec v1.15),
        // else the space that lists it (the server lists a restricted room only to those who
        // may join it, or when its history is world-readable).
        const QStringList allowed =
            !r.allowedRoomIds.isEmpty()
                ? r.allowedRoomIds
                : (r.parentId.isEmpty() ? QStringList() : QStringList{r.parentId});
        QStringList names;
        for (const QString &id : allowed) {
            if (membershipOf(id) == Membership::Join)
                return say(CanJoin, tr("Members of %1 can join.").arg(nameOf(id)));
            names.append(nameOf(id));
        }
        if (rule == JoinRule::KnockRestricted)
            return say(CanKnock, tr("You can ask to join."));
        return say(CannotJoin,
                   names.isEmpty()
                       ? tr("Restricted: only members of certain rooms can join.")
                       : tr("Only members of %1 can join.").arg(names.join(QStringLiteral(", "))));
    }
    if (rule == JoinRule::Knock)
        return say(CanKnock, tr("You can ask to join."));
    if (rule == JoinRule::Invite || rule == JoinRule::Private)
        return say(CannotJoin, tr("Invite only: you need an invite."));
    return say(CannotJoin, tr("Unknown join rule: whether you can join cannot be told."));
}

QString HierarchyModel::rejoinWarningOf(int row, bool leavingSpace) const
{
    if (row < 0 || row >= count())
        return {};
    const Row &r = m_rows.at(row);
    if (membershipOf(r.info.roomId) != Membership::Join)
        return {};
    switch (r.info.joinRule) {
    case JoinRule::Public:
        return {};
    case JoinRule::Invite:
    case JoinRule::Private:
        return tr("Invite only: you could not rejoin without a new invite.");
    case JoinRule::Knock:
        return tr("You would have to ask to join again.");
    case JoinRule::Restricted:
    case JoinRule::KnockRestricted: {
        const QStringList allowed =
            !r.allowedRoomIds.isEmpty()
                ? r.allowedRoomIds
                : (r.parentId.isEmpty() ? QStringList() : QStringList{r.parentId});
        // A way back that stays: an allowed room you are in outside the space being left.
        for (const QString &id : allowed)
            if (membershipOf(id) == Membership::Join && (!leavingSpace || rowOf(id) < 0))
                return {};
        if (r.info.joinRule == JoinRule::KnockRestricted)
            return tr("You would have to ask to join again.");
        QStringList names;
        for (const QString &id : allowed)
            names.append(nameOf(id));
        return names.isEmpty()
                   ? tr("Restricted: you could not rejoin without an invite.")
                   : tr("Only members of %1 can rejoin.").arg(names.join(QStringLiteral(", ")));
    }
    case JoinRule::UnknownRule:
        break;
    }
    return {};
}

void HierarchyModel::stopCall()
{
    if (ApiCall *call = m_call) {
        m_call = nullptr;
        QObject::disconnect(call, nullptr, this, nullptr);
        call->abort();
    }
}

void HierarchyModel::setStatus(Status status)
{
    m_status = status;
    emit statusChanged();
}

void HierarchyModel::clear()
{
    stopCall();
    beginResetModel();
    m_rows.clear();
    endResetModel();
    m_usedBatches.clear();
    m_pages = 0;
    m_truncated = false;
    m_error = {};
    m_errorText.clear();
    const bool hadSelection = !m_selected.isEmpty();
    m_selected.clear();
    emit countChanged();
    if (hadSelection)
        emit selectionChanged();
    setStatus(Idle);
}

void HierarchyModel::refresh()
{
    clear();
    if (m_spaceId.isEmpty())
        return;
    if (const QString why = Identifiers::validateRoomId(m_spaceId); !why.isEmpty()) {
        m_error = MatrixError::invalidInput(why);
        m_errorText = why;
        setStatus(Failed);
        emit loaded();
        return;
    }
    request({});
}

void HierarchyModel::request(const QString &from)
{
    stopCall();
    Endpoints::SpaceHierarchyParams params;
    params.from = from;
    params.limit = m_pageSize;
    params.maxDepth = m_maxDepth;
    if (!from.isEmpty())
        m_usedBatches.insert(from);
    ++m_pages;
    ApiCall *call = Endpoints::getSpaceHierarchy(m_api, m_spaceId, params);
    m_call = call;
    connect(call, &ApiCall::succeeded, this, [this](const QJsonObject &body) {
        m_call = nullptr;
        onPage(body);
    });
    connect(call, &ApiCall::failed, this, [this](const MatrixError &error) {
        m_call = nullptr;
        onFailed(error);
    });
    setStatus(Loading);
}

QList<HierarchyModel::Row>
HierarchyModel::parsePage(const QJsonObject &body, const QString &spaceId, const QList<Row> &before)
{
    QList<Row> rows;
    QSet<QString> seen;
    for (const Row &row : before)
        seen.insert(row.info.roomId);
    auto parentOf = [&](const QString &roomId, const Row **parent, const Child **link) {
        for (const QList<Row> *list : {&before, static_cast<const QList<Row> *>(&rows)})
            for (const Row &candidate : *list)
                for (const Child &child : candidate.children)
                    if (child.roomId == roomId) {
                        *parent = &candidate;
                        *link = &child;
                        return true;
                    }
        return false;
    };
    const QJsonArray chunk = body.value(QLatin1String("rooms")).toArray();
    for (const QJsonValue &value : chunk) {
        if (!value.isObject())
            continue;
        const QJsonObject json = value.toObject();
        Row row;
        row.info = RoomPreview::parseInfo(json);
        // A room without a valid ID cannot be joined; a repeat (the tree changed between
        // pages, or a cycle) is shown once.
        if (row.info.roomId.isEmpty() || seen.contains(row.info.roomId))
            continue;
        seen.insert(row.info.roomId);
        row.allowedRoomIds = validRoomIds(json.value(QLatin1String("allowed_room_ids")));
        const QJsonArray childrenState = json.value(QLatin1String("children_state")).toArray();
        for (const QJsonValue &event : childrenState) {
            const QJsonObject e = event.toObject();
            if (e.value(QLatin1String("type")).toString() != QLatin1String("m.space.child"))
                continue;
            Child child;
            child.roomId = e.value(QLatin1String("state_key")).toString();
            const QJsonObject content = e.value(QLatin1String("content")).toObject();
            // An m.space.child without `via` removes the child (spec).
            if (!content.value(QLatin1String("via")).isArray() ||
                content.value(QLatin1String("via")).toArray().isEmpty() ||
                !Identifiers::validateRoomId(child.roomId).isEmpty())
                continue;
            child.via = validServers(content.value(QLatin1String("via")));
            child.suggested = content.value(QLatin1String("suggested")).toBool();
            row.children.append(child);
        }
        if (row.info.roomId == spaceId) {
            row.depth = 0;
        } else {
            const Row *parent = nullptr;
            const Child *link = nullptr;
            if (parentOf(row.info.roomId, &parent, &link)) {
                row.depth = parent->depth + 1;
                row.parentId = parent->info.roomId;
                row.via = link->via;
                row.suggested = link->suggested;
            } else {
                row.depth = 1; // the server says it is below the space; no event says where
                row.parentId = spaceId;
            }
        }
        rows.append(std::move(row));
    }
    return rows;
}

void HierarchyModel::onPage(const QJsonObject &body)
{
    QList<Row> rows = parsePage(body, m_spaceId, m_rows);
    const int room = MaxRows - count();
    const bool cut = rows.size() > room;
    if (cut)
        rows = rows.mid(0, room);
    if (!rows.isEmpty()) {
        beginInsertRows({}, count(), count() + int(rows.size()) - 1);
        m_rows.append(rows);
        endInsertRows();
        emit countChanged();
    }
    const QString next = body.value(QLatin1String("next_batch")).toString();
    if (!next.isEmpty() && !cut && count() < MaxRows && m_pages < MaxPages &&
        !m_usedBatches.contains(next)) {
        request(next);
        return;
    }
    // More exists than is shown: a cap was reached, or the server repeats a token (a loop).
    m_truncated = cut || !next.isEmpty();
    setStatus(Loaded);
    emit loaded();
}

void HierarchyModel::onFailed(const MatrixError &error)
{
    if (error.kind == MatrixError::Cancelled)
        return;
    m_error = error;
    if (error.errcode == QLatin1String("M_FORBIDDEN") || error.httpStatus == 403)
        m_errorText = tr("You cannot see this space's rooms (you are not in it, or it is "
                         "private): %1")
                          .arg(error.summary());
    else if (error.httpStatus == 404 && error.errcode == QLatin1String("M_UNRECOGNIZED"))
        m_errorText = tr("Your homeserver cannot list a space's rooms (it predates spaces).");
    else
        m_errorText = tr("The space's rooms could not be loaded: %1").arg(error.summary());
    setStatus(Failed);
    emit loaded();
}

void HierarchyModel::storeChanged()
{
    if (m_rows.isEmpty())
        return;
    // A row that cannot be joined any more (joined meanwhile) leaves the selection.
    QSet<QString> keep;
    for (const QString &id : std::as_const(m_selected)) {
        const JoinAction action = joinActionOf(rowOf(id));
        if (action == CanJoin || action == CanKnock)
            keep.insert(id);
    }
    const bool selectionDiffers = keep != m_selected;
    m_selected = keep;
    emit dataChanged(index(0), index(count() - 1),
                     {MembershipRole, JoinActionRole, CanJoinRole, JoinNoteRole, RejoinWarningRole,
                      SelectedRole});
    emit countChanged(); // joinableCount
    if (selectionDiffers)
        emit selectionChanged();
}

bool HierarchyModel::isSelected(int row) const
{
    return row >= 0 && row < count() && m_selected.contains(m_rows.at(row).info.roomId);
}

bool HierarchyModel::setSelected(int row, bool selected)
{
    if (row < 0 || row >= count())
        return false;
    const QString id = m_rows.at(row).info.roomId;
    if (selected) {
        const JoinAction action = joinActionOf(row);
        if (action != CanJoin && action != CanKnock)
            return false;
    }
    if (selected == m_selected.contains(id))
        return true;
    if (selected)
        m_selected.insert(id);
    else
        m_selected.remove(id);
    emit dataChanged(index(row), index(row), {SelectedRole});
    emit selectionChanged();
    return true;
}

int HierarchyModel::selectJoinable(const QString &filter)
{
    const QString term = filter.trimmed();
    bool changed = false;
    for (int row = 0; row < count(); ++row) {
        const JoinAction action = joinActionOf(row);
        if (action != CanJoin && action != CanKnock)
            continue;
        const RoomPreview::Info &info = m_rows.at(row).info;
        if (!term.isEmpty() && !info.name.contains(term, Qt::CaseInsensitive) &&
            !info.canonicalAlias.contains(term, Qt::CaseInsensitive) &&
            !info.roomId.contains(term, Qt::CaseInsensitive))
            continue;
        if (!m_selected.contains(info.roomId)) {
            m_selected.insert(info.roomId);
            changed = true;
        }
    }
    if (changed) {
        emit dataChanged(index(0), index(count() - 1), {SelectedRole});
        emit selectionChanged();
    }
    return selectedCount();
}

void HierarchyModel::clearSelection()
{
    if (m_selected.isEmpty())
        return;
    m_selected.clear();
    emit dataChanged(index(0), index(count() - 1), {SelectedRole});
    emit selectionChanged();
}

QStringList HierarchyModel::selectedRoomIds() const
{
    QStringList ids;
    for (const Row &row : m_rows)
        if (m_selected.contains(row.info.roomId))
            ids.append(row.info.roomId);
    return ids;
}

QList<Operation::Description> HierarchyModel::joinItems(const QStringList &roomIds) const
{
    QList<Operation::Description> items;
    for (int row = 0; row < count(); ++row) {
        const Row &r = m_rows.at(row);
        if (!roomIds.contains(r.info.roomId))
            continue;
        const JoinAction action = joinActionOf(row);
        if (action != CanJoin && action != CanKnock)
            continue;
        Operation::Description d;
        // An invite is accepted with a join, whatever the join rule.
        d.kind = action == CanKnock ? Operation::Knock : Operation::Join;
        d.target = r.info.roomId;
        d.via = r.via;
        d.targetName = r.info.name.isEmpty() ? r.info.roomId : r.info.name;
        items.append(d);
    }
    return items;
}

Job *HierarchyModel::joinSelected()
{
    if (!m_jobs)
        return nullptr;
    const QList<Operation::Description> items = joinItems(selectedRoomIds());
    Job *job = m_jobs->submit(
        tr("Join %n room(s) of %1", nullptr, int(items.size())).arg(spaceName()), items);
    if (job)
        clearSelection();
    return job;
}

QStringList HierarchyModel::joinedDescendants() const
{
    QList<const Row *> rows;
    for (const Row &row : m_rows)
        if (row.info.roomId != m_spaceId && membershipOf(row.info.roomId) == Membership::Join)
            rows.append(&row);
    std::stable_sort(rows.begin(), rows.end(),
                     [](const Row *a, const Row *b) { return a->depth > b->depth; });
    QStringList ids;
    for (const Row *row : rows)
        ids.append(row->info.roomId);
    return ids;
}

QStringList HierarchyModel::leaveOrder(const QStringList &withRooms) const
{
    QStringList order;
    for (const QString &id : joinedDescendants())
        if (withRooms.contains(id))
            order.append(id);
    order.append(m_spaceId);
    return order;
}

Job *HierarchyModel::leaveSpace(const QStringList &withRooms, const QString &reason)
{
    if (!m_jobs || m_spaceId.isEmpty())
        return nullptr;
    const QStringList order = leaveOrder(withRooms);
    const int rooms = int(order.size()) - 1;
    const QString title =
        rooms == 0 ? tr("Leave %1").arg(spaceName())
                   : tr("Leave %1 and its %n room(s)", nullptr, rooms).arg(spaceName());
    return m_jobs->leaveRooms(order, reason, false, title);
}

QVariantMap HierarchyModel::get(int row) const
{
    QVariantMap map;
    if (row < 0 || row >= count())
        return map;
    const QHash<int, QByteArray> names = roleNames();
    for (auto it = names.begin(); it != names.end(); ++it)
        map.insert(QString::fromLatin1(it.value()), data(index(row), it.key()));
    return map;
}

int HierarchyModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : count();
}

QVariant HierarchyModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid() || index.row() >= count())
        return {};
    const Row &r = m_rows.at(index.row());
    switch (role) {
    case Qt::DisplayRole:
    case NameRole:
        return !r.info.name.isEmpty()             ? r.info.name
               : !r.info.canonicalAlias.isEmpty() ? r.info.canonicalAlias
                                                  : r.info.roomId;
    case RoomIdRole:
        return r.info.roomId;
    case CanonicalAliasRole:
        return r.info.canonicalAlias;
    case TopicRole:
        return r.info.topic;
    case MemberCountRole:
        return r.info.memberCount;
    case JoinRuleRole:
        return int(r.info.joinRule);
    case RoomTypeRole:
        return r.info.roomType;
    case IsSpaceRole:
        return r.info.roomType == QLatin1String("m.space");
    case DepthRole:
        return r.depth;
    case ParentIdRole:
        return r.parentId;
    case ParentNameRole:
        return r.parentId.isEmpty() ? QString() : nameOf(r.parentId);
    case SuggestedRole:
        return r.suggested;
    case ViaRole:
        return r.via;
    case MembershipRole:
        return membershipOf(r.info.roomId);
    case JoinActionRole:
        return int(joinActionOf(index.row()));
    case CanJoinRole: {
        const JoinAction action = joinActionOf(index.row());
        return action == CanJoin || action == CanKnock;
    }
    case JoinNoteRole: {
        QString note;
        joinActionOf(index.row(), &note);
        return note;
    }
    case RejoinWarningRole:
        return rejoinWarningOf(index.row());
    case SelectedRole:
        return m_selected.contains(r.info.roomId);
    default:
        return {};
    }
}

QHash<int, QByteArray> HierarchyModel::roleNames() const
{
    return {
        {RoomIdRole, "roomId"},
        {NameRole, "name"},
        {CanonicalAliasRole, "canonicalAlias"},
        {TopicRole, "topic"},
        {MemberCountRole, "memberCount"},
        {JoinRuleRole, "joinRule"},
        {RoomTypeRole, "roomType"},
        {IsSpaceRole, "isSpace"},
        {DepthRole, "depth"},
        {ParentIdRole, "parentId"},
        {ParentNameRole, "parentName"},
        {SuggestedRole, "suggested"},
        {ViaRole, "via"},
        {MembershipRole, "membership"},
        {JoinActionRole, "joinAction"},
        {CanJoinRole, "canJoin"},
        {JoinNoteRole, "joinNote"},
        {RejoinWarningRole, "rejoinWarning"},
        {SelectedRole, "selected"},
    };
}
