// /sync parsing into the RoomStore, the list model's incremental updates and the filter proxy.
#include "models/roomlistmodel.h"
#include "sync/roomstore.h"

#include <QAbstractItemModelTester>
#include <QJsonDocument>
#include <QSignalSpy>
#include <QtTest>

namespace {
QJsonObject json(const char *text)
{
    return QJsonDocument::fromJson(QByteArray(text)).object();
}

QJsonObject initialSync()
{
    QFile file(QFINDTESTDATA("data/initial_sync.json"));
    if (!file.open(QIODevice::ReadOnly))
        qFatal("tests/unit/data/initial_sync.json is missing");
    return QJsonDocument::fromJson(file.readAll()).object();
}
} // namespace

class TestRoomStore : public QObject
{
    Q_OBJECT

    std::unique_ptr<RoomStore> m_store;
    std::unique_ptr<RoomListModel> m_model;
    std::unique_ptr<QAbstractItemModelTester> m_tester;

    QString nameOf(const char *roomId)
    {
        const RoomSummary *room = m_store->find(QString::fromLatin1(roomId));
        return room ? room->displayName() : QStringLiteral("<missing>");
    }

private slots:
    void init()
    {
        m_store = std::make_unique<RoomStore>();
        m_store->setOwnUserId(QStringLiteral("@me:x.org"));
        m_model = std::make_unique<RoomListModel>(m_store.get());
        m_tester = std::make_unique<QAbstractItemModelTester>(
            m_model.get(), QAbstractItemModelTester::FailureReportingMode::QtTest);
        m_store->applySync(initialSync());
    }

    void parsesEverySection()
    {
        QCOMPARE(m_store->size(), 7);
        QCOMPARE(m_model->joinedCount(), 5);
        QCOMPARE(m_model->inviteCount(), 1);
        QCOMPARE(m_model->leftCount(), 1);
        const RoomSummary *design = m_store->find(QStringLiteral("!named:x.org"));
        QVERIFY(design);
        QCOMPARE(design->canonicalAlias, QStringLiteral("#design:x.org"));
        QCOMPARE(design->topic, QStringLiteral("Pixels"));
        QCOMPARE(design->joinedMemberCount, 12);
        QCOMPARE(design->invitedMemberCount, 1);
        const RoomSummary *invite = m_store->find(QStringLiteral("!inv:x.org"));
        QCOMPARE(invite->inviterId, QStringLiteral("@carol:x.org"));
        QCOMPARE(invite->memberDisplayName(invite->inviterId), QStringLiteral("Carol"));
        QCOMPARE(invite->joinedMemberCount, -1);
    }

    void nameFallbackOrder()
    {
        QCOMPARE(nameOf("!named:x.org"), QStringLiteral("Design"));
        QCOMPARE(nameOf("!aliased:x.org"), QStringLiteral("#only-alias:x.org"));
        QCOMPARE(nameOf("!heroes:x.org"), QStringLiteral("Bob, @carol:x.org and 2 others"));
        QCOMPARE(nameOf("!empty:x.org"), QStringLiteral("Empty room"));
        QCOMPARE(nameOf("!old:x.org"), QStringLiteral("Old project"));
    }

    void rolesExposeTheSummary()
    {
        const int row = m_store->indexOf(QStringLiteral("!named:x.org"));
        const QModelIndex idx = m_model->index(row);
        QCOMPARE(idx.data(RoomListModel::DisplayNameRole).toString(), QStringLiteral("Design"));
        QCOMPARE(idx.data(RoomListModel::MembershipRole).toString(), QStringLiteral("join"));
        QCOMPARE(idx.data(RoomListModel::SectionRole).toString(), QStringLiteral("Joined"));
        QCOMPARE(idx.data(RoomListModel::AvatarSourceRole).toString(),
                 QStringLiteral("image://mxc/x.org/abcDEF_123-x"));
        const QModelIndex inv = m_model->index(m_store->indexOf(QStringLiteral("!inv:x.org")));
        QCOMPARE(inv.data(RoomListModel::InviterNameRole).toString(), QStringLiteral("Carol"));
        QCOMPARE(inv.data(RoomListModel::SectionRole).toString(), QStringLiteral("Invites"));
        const auto roles = m_model->roleNames();
        QVERIFY(roles.values().contains("pendingAction"));
        QVERIFY(roles.values().contains("avatarSource"));
    }

    void hostileAvatarUrisAreNotRequested_data()
    {
        QTest::addColumn<QString>("mxc");
        QTest::newRow("dot-dot") << "mxc://x.org/../../_synapse/admin";
        QTest::newRow("query") << "mxc://x.org/abc?x=1";
        QTest::newRow("fragment") << "mxc://x.org/abc#frag";
        QTest::newRow("extra segment") << "mxc://x.org/abc/def";
        QTest::newRow("https") << "https://evil.org/abc";
        QTest::newRow("userinfo") << "mxc://user@x.org/abc";
        QTest::newRow("encoded slash") << "mxc://x.org/a%2Fb";
        QTest::newRow("empty media") << "mxc://x.org/";
    }
    void hostileAvatarUrisAreNotRequested()
    {
        QFETCH(QString, mxc);
        QCOMPARE(RoomListModel::avatarSourceFor(mxc), QString());
    }

    void htmlNamesStayLiteral()
    {
        QCOMPARE(nameOf("!html:x.org"), QStringLiteral("<b>x</b><img src=http://evil/>"));
    }

    void incrementalSyncUpdatesRowsInPlace()
    {
        QSignalSpy reset(m_model.get(), &QAbstractItemModel::modelReset);
        QSignalSpy inserted(m_model.get(), &QAbstractItemModel::rowsInserted);
        QSignalSpy changed(m_model.get(), &QAbstractItemModel::dataChanged);
        const int designRow = m_store->indexOf(QStringLiteral("!named:x.org"));
        m_store->applySync(json(R"({"next_batch":"s2","rooms":{
            "join":{"!named:x.org":{"timeline":{"events":[
                {"type":"m.room.name","state_key":"","content":{"name":"Design v2"}}]}},
                    "!inv:x.org":{"summary":{"m.joined_member_count":4}}},
            "invite":{"!new:x.org":{"invite_state":{"events":[]}}}}})"));
        QCOMPARE(reset.count(), 0);
        QCOMPARE(inserted.count(), 1);
        QCOMPARE(changed.count(), 2);
        QCOMPARE(m_store->indexOf(QStringLiteral("!named:x.org")), designRow);
        QCOMPARE(nameOf("!named:x.org"), QStringLiteral("Design v2"));
        // The invite was accepted elsewhere: same row, now joined, its name kept.
        QCOMPARE(m_store->find(QStringLiteral("!inv:x.org"))->membership, Membership::Join);
        QCOMPARE(nameOf("!inv:x.org"), QStringLiteral("Book club"));
        QCOMPARE(m_model->inviteCount(), 1);
        QCOMPARE(m_model->joinedCount(), 6);
    }

    void malformedRoomsAreSkippedAlone()
    {
        RoomStore store;
        store.applySync(json(R"({"rooms":{"join":{
            "!good:x.org":{"state":{"events":[{"type":"m.room.name","state_key":"","content":{"name":"Good"}}]}},
            "!bad1:x.org":"not an object",
            "not-a-room-id":{},
            "!bad2:x.org":{"state":{"events":"nope"},"summary":{"m.heroes":"x","m.joined_member_count":"many"}},
            "!bad3:x.org":{"state":{"events":[5,null,{"type":"m.room.name","state_key":"","content":{"name":42}}]}}
        }, "invite": [1,2,3]}})"));
        QCOMPARE(store.find(QStringLiteral("!good:x.org"))->displayName(), QStringLiteral("Good"));
        QVERIFY(store.find(QStringLiteral("!bad2:x.org")));
        QCOMPARE(store.find(QStringLiteral("!bad2:x.org"))->joinedMemberCount, -1);
        QCOMPARE(store.find(QStringLiteral("!bad3:x.org"))->displayName(), QStringLiteral("Empty room"));
        QCOMPARE(store.skippedRooms(), 2);
        QCOMPARE(store.size(), 3);
    }

    void hugeNamesAreBounded()
    {
        RoomStore store;
        const QString huge(5 * 1024 * 1024, QLatin1Char('x'));
        QJsonObject event{{QStringLiteral("type"), QStringLiteral("m.room.name")},
                          {QStringLiteral("state_key"), QString()},
                          {QStringLiteral("content"), QJsonObject{{QStringLiteral("name"), huge}}}};
        QJsonObject room{{QStringLiteral("state"),
                          QJsonObject{{QStringLiteral("events"), QJsonArray{event}}}}};
        store.applySync({{QStringLiteral("rooms"),
                          QJsonObject{{QStringLiteral("join"),
                                       QJsonObject{{QStringLiteral("!big:x.org"), room}}}}}});
        QCOMPARE(store.find(QStringLiteral("!big:x.org"))->name.size(), 1024);
    }

    void hostileTextIsNeutralised()
    {
        RoomStore store;
        const QString rtl = QStringLiteral("evil\u202Egnp.exe");
        const QString hidden = QStringLiteral("ad\u200Bmin\u2066x\u2069 \u0007bell\nline");
        const QString emoji = QStringLiteral("team \U0001F469\u200D\U0001F4BB");
        auto roomWithName = [](const QString &name) {
            QJsonObject event{{QStringLiteral("type"), QStringLiteral("m.room.name")},
                              {QStringLiteral("state_key"), QString()},
                              {QStringLiteral("content"), QJsonObject{{QStringLiteral("name"), name}}}};
            return QJsonObject{{QStringLiteral("state"),
                                QJsonObject{{QStringLiteral("events"), QJsonArray{event}}}}};
        };
        store.applySync({{QStringLiteral("rooms"),
                          QJsonObject{{QStringLiteral("join"),
                                       QJsonObject{{QStringLiteral("!rtl:x.org"), roomWithName(rtl)},
                                                   {QStringLiteral("!zw:x.org"), roomWithName(hidden)},
                                                   {QStringLiteral("!emoji:x.org"), roomWithName(emoji)}}}}}});
        QCOMPARE(store.find(QStringLiteral("!rtl:x.org"))->displayName(), QStringLiteral("evilgnp.exe"));
        QCOMPARE(store.find(QStringLiteral("!zw:x.org"))->displayName(), QStringLiteral("adminx bell line"));
        QCOMPARE(store.find(QStringLiteral("!emoji:x.org"))->displayName(), emoji); // ZWJ kept
    }

    void upgradesNeedBothSidesAndStopAtCycles()
    {
        RoomStore store;
        store.applySync(json(R"({"rooms":{"join":{
            "!old:x.org":{"state":{"events":[{"type":"m.room.tombstone","state_key":"","content":{"replacement_room":"!new:x.org","body":"moved"}}]}},
            "!new:x.org":{"state":{"events":[{"type":"m.room.create","state_key":"","content":{"predecessor":{"room_id":"!old:x.org"}}},
                                             {"type":"m.room.tombstone","state_key":"","content":{"replacement_room":"!newest:x.org"}}]}},
            "!newest:x.org":{"state":{"events":[{"type":"m.room.create","state_key":"","content":{"predecessor":{"room_id":"!new:x.org"}}}]}},
            "!liar:x.org":{"state":{"events":[{"type":"m.room.tombstone","state_key":"","content":{"replacement_room":"!victim:x.org"}}]}},
            "!victim:x.org":{"state":{"events":[{"type":"m.room.create","state_key":"","content":{}}]}},
            "!a:x.org":{"state":{"events":[{"type":"m.room.tombstone","state_key":"","content":{"replacement_room":"!b:x.org"}},
                                           {"type":"m.room.create","state_key":"","content":{"predecessor":{"room_id":"!b:x.org"}}}]}},
            "!b:x.org":{"state":{"events":[{"type":"m.room.tombstone","state_key":"","content":{"replacement_room":"!a:x.org"}},
                                           {"type":"m.room.create","state_key":"","content":{"predecessor":{"room_id":"!a:x.org"}}}]}}
        }}})"));
        QCOMPARE(store.successorOf(QStringLiteral("!old:x.org")), QStringLiteral("!new:x.org"));
        QCOMPARE(store.latestSuccessorOf(QStringLiteral("!old:x.org")), QStringLiteral("!newest:x.org"));
        QCOMPARE(store.latestSuccessorOf(QStringLiteral("!newest:x.org")), QString());
        // One-sided: the "replacement" never claimed this room as its predecessor.
        QCOMPARE(store.successorOf(QStringLiteral("!liar:x.org")), QString());
        // A cycle terminates (and names the other room, not itself).
        QCOMPARE(store.latestSuccessorOf(QStringLiteral("!a:x.org")), QStringLiteral("!b:x.org"));
        RoomListModel model(&store);
        const QModelIndex old = model.index(store.indexOf(QStringLiteral("!old:x.org")));
        QCOMPARE(old.data(RoomListModel::SuccessorRoomIdRole).toString(), QStringLiteral("!newest:x.org"));
    }

    void hugeMemberCountsDoNotOverflow()
    {
        // Found by fuzzing (UBSan): joined + invited counts summed in an int.
        RoomStore store;
        store.applySync(json(R"({"rooms":{"join":{"!big:x.org":{"summary":{
            "m.heroes":["@a:x.org"],"m.joined_member_count":2147483647,"m.invited_member_count":2147483647}}}}})"));
        QCOMPARE(store.find(QStringLiteral("!big:x.org"))->displayName(),
                 QStringLiteral("@a:x.org and 4294967292 others"));
    }

    void sectionsStayContiguousWhenManyRoomsMoveAtOnce()
    {
        // Found by fuzzing: several rows changing membership in one sync left the proxy's order
        // stale (a section appeared twice).
        RoomFilterProxy proxy;
        proxy.setSourceModel(m_model.get());
        m_store->applySync(json(R"({"rooms":{
            "leave":{"!named:x.org":{},"!aliased:x.org":{}},
            "invite":{"!old:x.org":{"invite_state":{"events":[]}},"!heroes:x.org":{"invite_state":{"events":[]}}},
            "join":{"!inv:x.org":{}}}})"));
        QStringList sections;
        for (int i = 0; i < proxy.rowCount(); ++i)
            sections << proxy.index(i, 0).data(RoomListModel::SectionRole).toString();
        QStringList expected = sections;
        std::stable_sort(expected.begin(), expected.end(), [](const QString &a, const QString &b) {
            static const QStringList order{"Invites", "Joined", "Left"};
            return order.indexOf(a) < order.indexOf(b);
        });
        QCOMPARE(sections, expected);
        QCOMPARE(sections.count(QStringLiteral("Invites")), 2);
        QCOMPARE(sections.count(QStringLiteral("Left")), 2);
    }

    void forgetRemovesRow()
    {
        QSignalSpy removed(m_model.get(), &QAbstractItemModel::rowsRemoved);
        m_store->removeRoom(QStringLiteral("!old:x.org"));
        QCOMPARE(removed.count(), 1);
        QCOMPARE(m_store->find(QStringLiteral("!old:x.org")), nullptr);
        QCOMPARE(m_model->leftCount(), 0);
        // Later rows kept their identity.
        QCOMPARE(m_store->at(m_store->indexOf(QStringLiteral("!inv:x.org"))).roomId,
                 QStringLiteral("!inv:x.org"));
    }

    void proxySortsBySectionAndFilters()
    {
        RoomFilterProxy proxy;
        proxy.setSourceModel(m_model.get());
        QAbstractItemModelTester proxyTester(&proxy, QAbstractItemModelTester::FailureReportingMode::QtTest);
        QCOMPARE(proxy.rowCount(), 7);
        QStringList sections;
        for (int i = 0; i < proxy.rowCount(); ++i)
            sections << proxy.index(i, 0).data(RoomListModel::SectionRole).toString();
        QCOMPARE(sections, (QStringList{"Invites", "Joined", "Joined", "Joined", "Joined", "Joined", "Left"}));
        QCOMPARE(proxy.get(0).value(QStringLiteral("displayName")).toString(), QStringLiteral("Book club"));

        QSignalSpy count(&proxy, &RoomFilterProxy::countChanged);
        proxy.setFilterText(QStringLiteral("DESIGN"));
        QCOMPARE(proxy.rowCount(), 1);
        QVERIFY(count.count() >= 1);
        proxy.setFilterText(QStringLiteral("#only-alias"));
        QCOMPARE(proxy.rowCount(), 1);
        proxy.setFilterText(QStringLiteral("!heroes"));
        QCOMPARE(proxy.rowCount(), 1);
        proxy.setFilterText(QStringLiteral("zzz"));
        QCOMPARE(proxy.rowCount(), 0);
        proxy.setFilterText(QString());
        proxy.setShowLeft(false);
        QCOMPARE(proxy.rowCount(), 6);

        // A rename moves the row to its sorted place.
        m_store->applySync(json(R"({"rooms":{"join":{"!named:x.org":{"timeline":{"events":[
            {"type":"m.room.name","state_key":"","content":{"name":"Zzz last"}}]}}}}})"));
        QCOMPARE(proxy.rowCount(), 6); // Left still hidden: Invites(1) + Joined(5)
        QCOMPARE(proxy.get(5).value(QStringLiteral("displayName")).toString(), QStringLiteral("Zzz last"));
        QCOMPARE(proxy.get(1).value(QStringLiteral("displayName")).toString(), QStringLiteral("#only-alias:x.org"));
    }
};

QTEST_MAIN(TestRoomStore)
#include "tst_roomstore.moc"
