#include "models/invitegroupsmodel.h"

#include "api/identifiers.h"
#include "sync/roomstore.h"

#include <QHash>
#include <QSet>
#include <algorithm>

InviteGroupsModel::InviteGroupsModel(RoomStore *store, QObject *parent)
    : QAbstractListModel(parent), m_store(store)
{
    if (m_store) {
        connect(m_store, &RoomStore::roomsInserted, this, &InviteGroupsModel::rebuild);
        connect(m_store, &RoomStore::roomsChanged, this, &InviteGroupsModel::rebuild);
        connect(m_store, &RoomStore::roomRemovedDone, this, &InviteGroupsModel::rebuild);
        connect(m_store, &RoomStore::reset, this, &InviteGroupsModel::rebuild);
    }
    rebuild();
}

QList<InviteGroupsModel::Group> InviteGroupsModel::group(const RoomStore &store, GroupBy by)
{
    // What the joined rooms tell about people and servers you already deal with.
    QSet<QString> knownUsers;
    QSet<QString> knownServers;
    if (const QString own = Identifiers::serverPart(store.ownUserId()); !own.isEmpty())
        knownServers.insert(own);
    auto noteServer = [&knownServers](const QString &id) {
        if (const QString server = Identifiers::serverPart(id); !server.isEmpty())
            knownServers.insert(server);
    };
    for (int i = 0; i < store.size(); ++i) {
        const RoomSummary &room = store.at(i);
        if (room.membership != Membership::Join)
            continue;
        noteServer(room.roomId);
        noteServer(room.canonicalAlias);
        for (const QString &hero : room.heroes) {
            knownUsers.insert(hero);
            noteServer(hero);
        }
        for (const auto &[userId, name] : room.memberNames) {
            Q_UNUSED(name)
            knownUsers.insert(userId);
            noteServer(userId);
        }
        if (!room.inviterId.isEmpty()) {
            knownUsers.insert(room.inviterId);
            noteServer(room.inviterId);
        }
    }
    knownUsers.remove(store.ownUserId());

    QList<Group> groups;
    QHash<QString, int> index;
    for (int i = 0; i < store.size(); ++i) {
        const RoomSummary &room = store.at(i);
        if (room.membership != Membership::Invite)
            continue;
        const QString inviter = room.inviterId;
        const QString key = by == ByInviter ? inviter : Identifiers::serverPart(inviter);
        auto it = index.constFind(key);
        if (it == index.constEnd()) {
            it = index.insert(key, int(groups.size()));
            Group g;
            g.key = key;
            groups.append(g);
        }
        Group &g = groups[*it];
        g.roomIds << room.roomId;
        if (!inviter.isEmpty() && !g.inviters.contains(inviter))
            g.inviters << inviter;
        if (by == ByInviter && g.displayName.isEmpty() && !inviter.isEmpty())
            g.displayName = room.memberDisplayName(inviter) == inviter
                                ? QString()
                                : room.memberDisplayName(inviter);
        if (room.joinedMemberCount >= 0 && room.joinedMemberCount <= FewMembers)
            ++g.fewMemberRooms;
    }
    for (Group &g : groups) {
        for (const QString &inviter : g.inviters) {
            if (!knownUsers.contains(inviter))
                ++g.strangers;
        }
        g.sharesNoRoom = !g.inviters.isEmpty() && g.strangers == int(g.inviters.size());
        const QString server = by == ByServer ? g.key : Identifiers::serverPart(g.key);
        g.newServer = !server.isEmpty() && !knownServers.contains(server);
    }
    std::stable_sort(groups.begin(), groups.end(), [](const Group &a, const Group &b) {
        if (a.roomIds.size() != b.roomIds.size())
            return a.roomIds.size() > b.roomIds.size();
        // The unknown inviter last among equals.
        if (a.key.isEmpty() != b.key.isEmpty())
            return b.key.isEmpty();
        return a.key < b.key;
    });
    return groups;
}

void InviteGroupsModel::setGroupBy(GroupBy by)
{
    if (by == m_by)
        return;
    m_by = by;
    emit groupByChanged();
    rebuild();
}

void InviteGroupsModel::rebuild()
{
    QList<Group> groups = m_store ? group(*m_store, m_by) : QList<Group>();
    int invites = 0;
    for (const Group &g : groups)
        invites += int(g.roomIds.size());
    beginResetModel();
    m_groups = std::move(groups);
    endResetModel();
    m_inviteCount = invites;
    emit countsChanged();
}

int InviteGroupsModel::rowOfKey(const QString &key) const
{
    for (int i = 0; i < m_groups.size(); ++i) {
        if (m_groups.at(i).key == key)
            return i;
    }
    return -1;
}

QStringList InviteGroupsModel::roomIdsOf(const QString &key) const
{
    const int row = rowOfKey(key);
    return row < 0 ? QStringList() : m_groups.at(row).roomIds;
}

int InviteGroupsModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_groups.size());
}

QVariant InviteGroupsModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const Group &g = m_groups.at(index.row());
    switch (role) {
    case Qt::DisplayRole:
    case KeyRole:
        return g.key;
    case DisplayNameRole:
        return g.displayName;
    case CountRole:
        return int(g.roomIds.size());
    case RoomIdsRole:
        return g.roomIds;
    case RoomNamesRole: {
        QStringList names;
        for (const QString &id : g.roomIds) {
            const RoomSummary *room = m_store ? m_store->find(id) : nullptr;
            names << (room ? room->displayName() : id);
        }
        return names;
    }
    case InvitersRole:
        return g.inviters;
    case StrangersRole:
        return g.strangers;
    case SharesNoRoomRole:
        return g.sharesNoRoom;
    case NewServerRole:
        return g.newServer;
    case FewMemberRoomsRole:
        return g.fewMemberRooms;
    }
    return {};
}

QHash<int, QByteArray> InviteGroupsModel::roleNames() const
{
    return {{KeyRole, "key"},
            {DisplayNameRole, "displayName"},
            {CountRole, "inviteCount"},
            {RoomIdsRole, "roomIds"},
            {RoomNamesRole, "roomNames"},
            {InvitersRole, "inviters"},
            {StrangersRole, "strangers"},
            {SharesNoRoomRole, "sharesNoRoom"},
            {NewServerRole, "newServer"},
            {FewMemberRoomsRole, "fewMemberRooms"}};
}
