#include "models/spacesmodel.h"

#include "models/roomlistmodel.h"
#include "sync/roomstore.h"

#include <QSet>
#include <algorithm>
#include <functional>

SpacesModel::SpacesModel(RoomStore *store, QObject *parent)
    : QAbstractListModel(parent), m_store(store)
{
    // Counts follow memberships and direct-chat flags (roomsChanged), the tree follows spaces.
    connect(store, &RoomStore::roomsInserted, this, &SpacesModel::refresh);
    connect(store, &RoomStore::roomsChanged, this, &SpacesModel::refresh);
    connect(store, &RoomStore::roomRemovedDone, this, &SpacesModel::refresh);
    connect(store, &RoomStore::reset, this, &SpacesModel::refresh);
    connect(store, &RoomStore::spacesChanged, this, &SpacesModel::refresh);
    m_rows = build();
    m_spaceCount = int(m_store->joinedSpaceIds().size());
}

namespace {
void count(const RoomSummary &room, int *joined, int *invited, int *left, int *total)
{
    ++*total;
    switch (room.membership) {
    case Membership::Join:
        ++*joined;
        break;
    case Membership::Invite:
        ++*invited;
        break;
    case Membership::Leave:
    case Membership::Ban:
        ++*left;
        break;
    case Membership::Knock:
        break;
    }
}
} // namespace

QList<SpacesModel::Row> SpacesModel::build() const
{
    QList<Row> rows;
    const auto view = [](Kind kind, const QString &scope, const QString &name) {
        Row row;
        row.kind = kind;
        row.scope = scope;
        row.name = name;
        return row;
    };
    Row all = view(AllRooms, QString(), tr("All rooms"));
    Row direct = view(DirectChats, QStringLiteral("dm"), tr("Direct chats"));
    Row orphans = view(NotInSpace, QStringLiteral("orphans"), tr("Not in a space"));

    const QStringList spaces = m_store->joinedSpaceIds();
    QSet<QString> inSomeSpace;
    for (const QString &spaceId : spaces)
        inSomeSpace.unite(m_store->roomsInSpace(spaceId));
    for (int i = 0; i < m_store->size(); ++i) {
        const RoomSummary &room = m_store->at(i);
        count(room, &all.joined, &all.invited, &all.left, &all.total);
        if (room.isDirect())
            count(room, &direct.joined, &direct.invited, &direct.left, &direct.total);
        else if (!room.isSpace() && !inSomeSpace.contains(room.roomId))
            count(room, &orphans.joined, &orphans.invited, &orphans.left, &orphans.total);
    }
    rows << all << direct << orphans;

    // The tree: each joined space under every joined space that lists it, sorted by name.
    const QSet<QString> joined(spaces.cbegin(), spaces.cend());
    const auto byName = [this](const QString &a, const QString &b) {
        const RoomSummary *x = m_store->find(a);
        const RoomSummary *y = m_store->find(b);
        return x->sortKey != y->sortKey ? x->sortKey < y->sortKey : a < b;
    };
    const auto subSpaces = [&](const QString &spaceId) {
        QStringList children;
        for (const QString &child : m_store->find(spaceId)->childIds)
            if (joined.contains(child) && !children.contains(child))
                children << child;
        std::sort(children.begin(), children.end(), byName);
        return children;
    };
    QSet<QString> shown;
    QStringList path; // the spaces above the one being added: a cycle stops there
    std::function<void(const QString &)> add = [&](const QString &spaceId) {
        if (rows.size() >= MaxRows)
            return;
        const RoomSummary *space = m_store->find(spaceId);
        shown.insert(spaceId);
        const QStringList children = subSpaces(spaceId);
        Row row = view(Space, spaceId, space->displayName());
        row.roomId = spaceId;
        row.canonicalAlias = space->canonicalAlias;
        row.avatarSource = RoomListModel::avatarSourceFor(space->avatarMxc);
        row.depth = int(path.size());
        row.hasChildren = !children.isEmpty();
        for (const QString &roomId : m_store->roomsInSpace(spaceId))
            if (const RoomSummary *room = m_store->find(roomId); room && roomId != spaceId)
                count(*room, &row.joined, &row.invited, &row.left, &row.total);
        rows << row;
        if (path.size() + 1 >= MaxDepth)
            return;
        path << spaceId;
        for (const QString &child : children)
            if (!path.contains(child))
                add(child);
        path.removeLast();
    };
    QStringList tops;
    for (const QString &spaceId : spaces)
        if (m_store->spacesOf(spaceId).isEmpty())
            tops << spaceId;
    std::sort(tops.begin(), tops.end(), byName);
    for (const QString &spaceId : std::as_const(tops))
        add(spaceId);
    // Spaces only reachable through a cycle (each lists the other): shown at the top too.
    QStringList rest;
    for (const QString &spaceId : spaces)
        if (!shown.contains(spaceId))
            rest << spaceId;
    std::sort(rest.begin(), rest.end(), byName);
    for (const QString &spaceId : std::as_const(rest))
        if (!shown.contains(spaceId))
            add(spaceId);
    return rows;
}

void SpacesModel::refresh()
{
    QList<Row> rows = build();
    const int spaces = int(m_store->joinedSpaceIds().size());
    const bool sameViews = rows.size() == m_rows.size() &&
                           std::equal(rows.cbegin(), rows.cend(), m_rows.cbegin(),
                                      [](const Row &a, const Row &b) { return a.sameView(b); });
    if (sameViews) {
        for (int i = 0; i < rows.size(); ++i) {
            if (rows.at(i) == m_rows.at(i))
                continue;
            m_rows[i] = rows.at(i);
            emit dataChanged(index(i), index(i));
        }
    } else {
        beginResetModel();
        m_rows = std::move(rows);
        endResetModel();
    }
    const bool countChangedNow = !sameViews || spaces != m_spaceCount;
    m_spaceCount = spaces;
    if (countChangedNow)
        emit countChanged();
}

int SpacesModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

QVariant SpacesModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const Row &row = m_rows.at(index.row());
    switch (role) {
    case Qt::DisplayRole:
    case NameRole:
        return row.name;
    case KindRole:
        return int(row.kind);
    case ScopeRole:
        return row.scope;
    case RoomIdRole:
        return row.roomId;
    case CanonicalAliasRole:
        return row.canonicalAlias;
    case AvatarSourceRole:
        return row.avatarSource;
    case DepthRole:
        return row.depth;
    case HasChildrenRole:
        return row.hasChildren;
    case JoinedCountRole:
        return row.joined;
    case InviteCountRole:
        return row.invited;
    case LeftCountRole:
        return row.left;
    case RoomCountRole:
        return row.total;
    }
    return {};
}

QHash<int, QByteArray> SpacesModel::roleNames() const
{
    return {
        {KindRole, "kind"},
        {ScopeRole, "scope"},
        {NameRole, "name"},
        {RoomIdRole, "roomId"},
        {CanonicalAliasRole, "canonicalAlias"},
        {AvatarSourceRole, "avatarSource"},
        {DepthRole, "depth"},
        {HasChildrenRole, "hasChildren"},
        {JoinedCountRole, "joinedCount"},
        {InviteCountRole, "inviteCount"},
        {LeftCountRole, "leftCount"},
        {RoomCountRole, "roomCount"},
    };
}

int SpacesModel::rowOfScope(const QString &scope) const
{
    for (int i = 0; i < m_rows.size(); ++i)
        if (m_rows.at(i).scope == scope)
            return i;
    return -1;
}

QString SpacesModel::scopeAt(int row) const
{
    return row >= 0 && row < m_rows.size() ? m_rows.at(row).scope : QString();
}

QVariantMap SpacesModel::get(int row) const
{
    QVariantMap map;
    const QModelIndex idx = index(row, 0);
    if (!idx.isValid())
        return map;
    const auto roles = roleNames();
    for (auto it = roles.begin(); it != roles.end(); ++it)
        map.insert(QString::fromUtf8(it.value()), idx.data(it.key()));
    return map;
}
