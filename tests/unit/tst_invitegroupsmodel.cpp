// InviteGroupsModel: the store's pending invites grouped by inviter or by the inviter's server,
// largest group first, with the signals that help judge them, following the store as /sync
// changes it.
#include "models/invitegroupsmodel.h"
#include "sync/roomstore.h"

#include <QAbstractItemModelTester>
#include <QJsonArray>
#include <QJsonDocument>
#include <QSignalSpy>
#include <QtTest>

namespace {
const QString Me = QStringLiteral("@me:home.org");

QJsonObject member(const QString &userId, const QString &membership, const QString &sender,
                   const QString &displayName = {})
{
    QJsonObject content{{QStringLiteral("membership"), membership}};
    if (!displayName.isEmpty())
        content.insert(QStringLiteral("displayname"), displayName);
    return {{QStringLiteral("type"), QStringLiteral("m.room.member")},
            {QStringLiteral("state_key"), userId},
            {QStringLiteral("sender"), sender},
            {QStringLiteral("content"), content}};
}

// An invite from inviter (with their display name in the stripped state, when given).
QJsonObject invite(const QString &inviter, const QString &inviterName = {})
{
    QJsonArray events;
    events.append(member(inviter, QStringLiteral("join"), inviter, inviterName));
    events.append(member(Me, QStringLiteral("invite"), inviter));
    return {{QStringLiteral("invite_state"), QJsonObject{{QStringLiteral("events"), events}}}};
}

// A joined room with these heroes and this many joined members.
QJsonObject joined(const QStringList &heroes, int members)
{
    return {{QStringLiteral("summary"),
             QJsonObject{{QStringLiteral("m.heroes"), QJsonArray::fromStringList(heroes)},
                         {QStringLiteral("m.joined_member_count"), members}}}};
}

QJsonObject sync(const QJsonObject &join, const QJsonObject &inviteRooms,
                 const QJsonObject &leave = {})
{
    return {{QStringLiteral("rooms"), QJsonObject{{QStringLiteral("join"), join},
                                                  {QStringLiteral("invite"), inviteRooms},
                                                  {QStringLiteral("leave"), leave}}}};
}
} // namespace

class TestInviteGroupsModel : public QObject
{
    Q_OBJECT

    std::unique_ptr<RoomStore> m_store;

    // Three inviters: @spam:spam.example (3 invites, a stranger from a new server),
    // @x2:spam.example (1), @friend:known.org (2, shares a joined room). A joined room on
    // known.org; one invite to a room known to have 2 members.
    void fill()
    {
        QJsonObject invites;
        for (int i = 1; i <= 3; ++i)
            invites.insert(
                QStringLiteral("!s%1:spam.example").arg(i),
                invite(QStringLiteral("@spam:spam.example"), QStringLiteral("Free Prizes")));
        invites.insert(QStringLiteral("!t:spam.example"),
                       invite(QStringLiteral("@x2:spam.example")));
        invites.insert(QStringLiteral("!f1:known.org"),
                       invite(QStringLiteral("@friend:known.org")));
        invites.insert(QStringLiteral("!f2:other.org"),
                       invite(QStringLiteral("@friend:known.org")));
        QJsonObject join{
            {QStringLiteral("!j:known.org"), joined({QStringLiteral("@friend:known.org")}, 5)},
            {QStringLiteral("!mine:home.org"), joined({}, 1)}};
        m_store->applySync(sync(join, invites));
    }

private slots:
    void init()
    {
        m_store = std::make_unique<RoomStore>();
        m_store->setOwnUserId(Me);
    }
    void cleanup() { m_store.reset(); }

    void groupsByInviterLargestFirst()
    {
        fill();
        const auto groups = InviteGroupsModel::group(*m_store, InviteGroupsModel::ByInviter);
        QCOMPARE(groups.size(), 3);
        QCOMPARE(groups.at(0).key, QStringLiteral("@spam:spam.example"));
        QCOMPARE(groups.at(0).displayName, QStringLiteral("Free Prizes"));
        QStringList spamRooms = groups.at(0).roomIds;
        spamRooms.sort();
        QCOMPARE(spamRooms, QStringList({QStringLiteral("!s1:spam.example"),
                                         QStringLiteral("!s2:spam.example"),
                                         QStringLiteral("!s3:spam.example")}));
        QCOMPARE(groups.at(1).key, QStringLiteral("@friend:known.org"));
        QCOMPARE(groups.at(1).roomIds.size(), 2);
        QCOMPARE(groups.at(2).key, QStringLiteral("@x2:spam.example"));
        QCOMPARE(groups.at(2).roomIds, QStringList{QStringLiteral("!t:spam.example")});
        QVERIFY(groups.at(2).displayName.isEmpty()); // none given: the view shows the ID
    }

    void groupsByServer()
    {
        fill();
        const auto groups = InviteGroupsModel::group(*m_store, InviteGroupsModel::ByServer);
        QCOMPARE(groups.size(), 2);
        QCOMPARE(groups.at(0).key, QStringLiteral("spam.example"));
        QCOMPARE(groups.at(0).roomIds.size(), 4);
        QStringList inviters = groups.at(0).inviters;
        inviters.sort();
        QCOMPARE(inviters, QStringList({QStringLiteral("@spam:spam.example"),
                                        QStringLiteral("@x2:spam.example")}));
        QCOMPARE(groups.at(0).strangers, 2);
        QVERIFY(groups.at(0).sharesNoRoom);
        QVERIFY(groups.at(0).newServer);
        QCOMPARE(groups.at(1).key, QStringLiteral("known.org"));
        QVERIFY(!groups.at(1).newServer);
        QVERIFY(!groups.at(1).sharesNoRoom);
    }

    void judgingSignals()
    {
        fill();
        const auto groups = InviteGroupsModel::group(*m_store, InviteGroupsModel::ByInviter);
        const auto &spam = groups.at(0);
        QVERIFY(spam.sharesNoRoom);
        QVERIFY(spam.newServer);
        QCOMPARE(spam.fewMemberRooms, 0); // invites carry no member count: unknown, not flagged
        const auto &friendly = groups.at(1);
        QVERIFY(!friendly.sharesNoRoom); // a hero of a joined room
        QVERIFY(!friendly.newServer);    // a joined room's ID is on known.org
        QCOMPARE(friendly.strangers, 0);
    }

    void fewMembersFromAKnownCount()
    {
        // An invite to a room the store already knew (left earlier, with a summary of 2).
        m_store->applySync(sync({}, {}, {{QStringLiteral("!old:x.org"), joined({}, 2)}}));
        m_store->applySync(
            sync({}, {{QStringLiteral("!old:x.org"), invite(QStringLiteral("@x:x.org"))}}));
        const RoomSummary *room = m_store->find(QStringLiteral("!old:x.org"));
        QVERIFY(room);
        QCOMPARE(int(room->membership), int(Membership::Invite));
        QCOMPARE(room->joinedMemberCount, 2);
        const auto groups = InviteGroupsModel::group(*m_store, InviteGroupsModel::ByInviter);
        QCOMPARE(groups.size(), 1);
        QCOMPARE(groups.at(0).fewMemberRooms, 1);
    }

    void theOwnServerIsNeverNew()
    {
        m_store->applySync(sync(
            {}, {{QStringLiteral("!a:elsewhere.org"), invite(QStringLiteral("@n:home.org"))}}));
        const auto groups = InviteGroupsModel::group(*m_store, InviteGroupsModel::ByServer);
        QCOMPARE(groups.size(), 1);
        QCOMPARE(groups.at(0).key, QStringLiteral("home.org"));
        QVERIFY(!groups.at(0).newServer);
        QVERIFY(groups.at(0).sharesNoRoom);
    }

    void anUnknownInviterIsAGroupOfItsOwn()
    {
        // An invite whose own member event is missing: no inviter known.
        QJsonObject bare{{QStringLiteral("invite_state"),
                          QJsonObject{{QStringLiteral("events"), QJsonArray()}}}};
        m_store->applySync(
            sync({}, {{QStringLiteral("!u:x.org"), bare},
                      {QStringLiteral("!v:x.org"), invite(QStringLiteral("@a:x.org"))}}));
        const auto groups = InviteGroupsModel::group(*m_store, InviteGroupsModel::ByInviter);
        QCOMPARE(groups.size(), 2);
        QCOMPARE(groups.at(0).key, QStringLiteral("@a:x.org")); // equal counts: unknown last
        QVERIFY(groups.at(1).key.isEmpty());
        QVERIFY(!groups.at(1).sharesNoRoom);
        QVERIFY(!groups.at(1).newServer);
    }

    void modelRolesAndLiveUpdates()
    {
        InviteGroupsModel model(m_store.get());
        QAbstractItemModelTester tester(&model);
        QCOMPARE(model.rowCount(), 0);
        QSignalSpy counts(&model, &InviteGroupsModel::countsChanged);
        fill();
        QVERIFY(counts.count() >= 1);
        QCOMPARE(model.rowCount(), 3);
        QCOMPARE(model.inviteCount(), 6);
        const QModelIndex first = model.index(0);
        QCOMPARE(first.data(InviteGroupsModel::KeyRole).toString(),
                 QStringLiteral("@spam:spam.example"));
        QCOMPARE(first.data(InviteGroupsModel::CountRole).toInt(), 3);
        QCOMPARE(first.data(InviteGroupsModel::SharesNoRoomRole).toBool(), true);
        QCOMPARE(first.data(InviteGroupsModel::NewServerRole).toBool(), true);
        QCOMPARE(first.data(InviteGroupsModel::RoomNamesRole).toStringList().size(), 3);
        const auto roles = model.roleNames();
        QCOMPARE(roles.value(InviteGroupsModel::CountRole), QByteArray("inviteCount"));
        QCOMPARE(model.roomIdsOf(QStringLiteral("@x2:spam.example")),
                 QStringList{QStringLiteral("!t:spam.example")});

        // Declined (left) in a sync: the group shrinks, then goes.
        m_store->applySync(sync({}, {},
                                {{QStringLiteral("!s1:spam.example"), QJsonObject()},
                                 {QStringLiteral("!s2:spam.example"), QJsonObject()}}));
        QCOMPARE(model.inviteCount(), 4);
        QCOMPARE(model.index(0).data(InviteGroupsModel::KeyRole).toString(),
                 QStringLiteral("@friend:known.org")); // now the largest
        QCOMPARE(model.rowOfKey(QStringLiteral("@spam:spam.example")), 1);
        QCOMPARE(model.roomIdsOf(QStringLiteral("@spam:spam.example")),
                 QStringList{QStringLiteral("!s3:spam.example")});

        // Accepted: joining the inviter's room makes them known (a hero), no more a stranger.
        m_store->applySync(sync(
            {{QStringLiteral("!t:spam.example"), joined({QStringLiteral("@x2:spam.example")}, 3)}},
            {}));
        QCOMPARE(model.rowOfKey(QStringLiteral("@x2:spam.example")), -1);
        const int spam = model.rowOfKey(QStringLiteral("@spam:spam.example"));
        QVERIFY(spam >= 0);
        QCOMPARE(model.index(spam).data(InviteGroupsModel::NewServerRole).toBool(), false);
        QCOMPARE(model.index(spam).data(InviteGroupsModel::SharesNoRoomRole).toBool(), true);

        // By server; then the store is cleared (sign-out).
        model.setGroupBy(InviteGroupsModel::ByServer);
        QCOMPARE(model.rowCount(), 2);
        QCOMPARE(model.index(0).data(InviteGroupsModel::KeyRole).toString(),
                 QStringLiteral("known.org"));
        m_store->clear();
        QCOMPARE(model.rowCount(), 0);
        QCOMPARE(model.inviteCount(), 0);
    }
};

QTEST_GUILESS_MAIN(TestInviteGroupsModel)
#include "tst_invitegroupsmodel.moc"
