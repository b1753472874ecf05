#pragma once

// Layer models/: invite triage. The pending invites of the RoomStore grouped by who sent them
// (the inviter's user ID) or by the inviter's server, one row per group, the largest group first
// ("12 invites from @x:spam.example"), with what helps judge them:
// - the inviter shares no joined room with you: no joined room the store knows has them among its
//   heroes or known members (lazy-loaded members make this "as far as the app knows");
// - rooms with very few members: invites to rooms known to have at most 2 joined members (an
//   invite's stripped state usually carries no member count: unknown counts are not flagged);
// - the inviter's server is new to you: no joined room has its ID, alias, a hero, a known member
//   or its inviter on that server.
// Follows the store: every change of it regroups (one pass over the rooms).

#include <QAbstractListModel>
#include <QList>
#include <QStringList>
#include <QtQmlIntegration/qqmlintegration.h>

class RoomStore;

class InviteGroupsModel : public QAbstractListModel
{
    Q_OBJECT
    QML_ELEMENT
    QML_UNCREATABLE("InviteGroupsModel is created by the application")
    Q_PROPERTY(GroupBy groupBy READ groupBy WRITE setGroupBy NOTIFY groupByChanged)
    // Groups (rows) and pending invites in all of them.
    Q_PROPERTY(int count READ rowCount NOTIFY countsChanged)
    Q_PROPERTY(int inviteCount READ inviteCount NOTIFY countsChanged)

public:
    enum GroupBy { ByInviter, ByServer };
    Q_ENUM(GroupBy)

    // The few members that make a room suspicious.
    static constexpr int FewMembers = 2;

    struct Group
    {
        QString key;          // "@x:spam.example" (ByInviter) or "spam.example" (ByServer);
                              // empty: invites whose inviter is not known
        QString displayName;  // ByInviter: the inviter's display name, when the invite gave one
        QStringList roomIds;  // the pending invites, in the store's order
        QStringList inviters; // the distinct inviters (ByInviter: the key alone)
        int strangers = 0;    // inviters who share no joined room with you
        bool sharesNoRoom = false; // no inviter of the group shares a joined room with you
        bool newServer = false;    // no joined room has anything on the inviters' server
        int fewMemberRooms = 0;    // invites to rooms known to have <= FewMembers joined members
    };

    enum Role {
        KeyRole = Qt::UserRole + 1,
        DisplayNameRole,
        CountRole, // invites in the group
        RoomIdsRole,
        RoomNamesRole, // how the room list names them, in the order of roomIds
        InvitersRole,
        StrangersRole,
        SharesNoRoomRole,
        NewServerRole,
        FewMemberRoomsRole,
    };
    Q_ENUM(Role)

    explicit InviteGroupsModel(RoomStore *store, QObject *parent = nullptr);

    // The grouping of the store's pending invites (the CLI's `invites --by-inviter`), sorted by
    // count (largest first), then by key.
    static QList<Group> group(const RoomStore &store, GroupBy by);

    GroupBy groupBy() const { return m_by; }
    void setGroupBy(GroupBy by);
    int inviteCount() const { return m_inviteCount; }
    const QList<Group> &groups() const { return m_groups; }
    // The row of the group with this key, or -1.
    Q_INVOKABLE int rowOfKey(const QString &key) const;
    // The invites of the group with this key (empty if none): what "Decline all" acts on.
    Q_INVOKABLE QStringList roomIdsOf(const QString &key) const;

    int rowCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role) const override;
    QHash<int, QByteArray> roleNames() const override;

signals:
    void groupByChanged();
    void countsChanged();

private:
    void rebuild();

    RoomStore *m_store;
    GroupBy m_by = ByInviter;
    QList<Group> m_groups;
    int m_inviteCount = 0;
};
