// RoomListModel (rows from the RoomStore, row by row) and RoomFilterProxy (filter, section order,
// the section headers' start and count).
#include "actions/membershipservice.h"
#include "api/apiclient.h"
#include "fakehomeserver.h"
#include "models/roomlistmodel.h"
#include "sync/roomstore.h"

#include <QAbstractItemModelTester>
#include <QJsonArray>
#include <QJsonDocument>
#include <QNetworkAccessManager>
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

// Section of each proxy row, and the header data the delegates draw.
QList<int> sectionsOf(const RoomFilterProxy &proxy)
{
    QList<int> sections;
    for (int i = 0; i < proxy.rowCount(); ++i)
        sections << proxy.index(i, 0).data(RoomListModel::SectionRole).toInt();
    return sections;
}
QStringList headersOf(const RoomFilterProxy &proxy)
{
    static const char *const names[] = {"Invites", "Joined", "Left"};
    QStringList headers;
    for (int i = 0; i < proxy.rowCount(); ++i) {
        const QModelIndex idx = proxy.index(i, 0);
        if (idx.data(RoomFilterProxy::SectionStartRole).toBool())
            headers << QStringLiteral("%1 (%2)")
                           .arg(QLatin1String(names[idx.data(RoomListModel::SectionRole).toInt()]))
                           .arg(idx.data(RoomFilterProxy::SectionCountRole).toInt());
    }
    return headers;
}
// `count` more rooms, !room-<i>:x.org: "Design <i>" (i % 3 == 0), "Book <i>" (i % 3 == 1),
// or only an alias "#alias-<i>:x.org" (else, shown by its alias); every 7th an invite, every
// 10th (not an invite) left.
void addRooms(RoomStore &store, int count)
{
    QJsonObject join, invite, leave;
    for (int i = 0; i < count; ++i) {
        const QString n = QString::number(i);
        const QJsonObject event =
            i % 3 == 2 ? QJsonObject{{"type", "m.room.canonical_alias"},
                                     {"state_key", ""},
                                     {"content", QJsonObject{{"alias", "#alias-" + n + ":x.org"}}}}
                       : QJsonObject{
                             {"type", "m.room.name"},
                             {"state_key", ""},
                             {"content", QJsonObject{{"name", (i % 3 ? "Book " : "Design ") + n}}}};
        const QJsonObject events{{"events", QJsonArray{event}}};
        const QString id = "!room-" + n + ":x.org";
        if (i % 7 == 0)
            invite.insert(id, QJsonObject{{"invite_state", events}});
        else
            (i % 10 == 0 ? leave : join).insert(id, QJsonObject{{"state", events}});
    }
    const int before = store.size();
    store.applySync(
        QJsonObject{{"rooms", QJsonObject{{"join", join}, {"invite", invite}, {"leave", leave}}}});
    QCOMPARE(store.size(), before + count);
}

QStringList idsOf(const RoomFilterProxy &proxy)
{
    QStringList ids;
    for (int i = 0; i < proxy.rowCount(); ++i)
        ids << proxy.index(i, 0).data(RoomListModel::RoomIdRole).toString();
    return ids;
}

// Every room of addRooms(count) renamed "Room <1000 - i>" (the reverse order) and joined.
QJsonObject renamedAll(int count)
{
    QJsonObject join;
    for (int i = 0; i < count; ++i) {
        const QJsonObject name{
            {"type", "m.room.name"},
            {"state_key", ""},
            {"content", QJsonObject{{"name", "Room " + QString::number(1000 - i)}}}};
        join.insert("!room-" + QString::number(i) + ":x.org",
                    QJsonObject{{"timeline", QJsonObject{{"events", QJsonArray{name}}}}});
    }
    return QJsonObject{{"rooms", QJsonObject{{"join", join}}}};
}
} // namespace

class TestRoomListModel : public QObject
{
    Q_OBJECT

    std::unique_ptr<RoomStore> m_store;
    std::unique_ptr<RoomListModel> m_model;
    std::unique_ptr<QAbstractItemModelTester> m_tester;

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

    void rolesExposeTheSummary()
    {
        const QModelIndex idx = m_model->index(m_store->indexOf(QStringLiteral("!named:x.org")));
        QCOMPARE(idx.data(RoomListModel::DisplayNameRole).toString(), QStringLiteral("Design"));
        QCOMPARE(idx.data(RoomListModel::MembershipRole).toInt(), int(Membership::Join));
        QCOMPARE(idx.data(RoomListModel::SectionRole).toInt(), int(RoomSection::Joined));
        QCOMPARE(idx.data(RoomListModel::AvatarSourceRole).toString(),
                 QStringLiteral("image://mxc/x.org/abcDEF_123-x"));
        QCOMPARE(idx.data(RoomListModel::JoinedMemberCountRole).toInt(), 12);
        QCOMPARE(idx.data(RoomListModel::PendingActionRole).toInt(), -1);
        QCOMPARE(idx.data(RoomListModel::OperationStateRole).toInt(), -1);
        const QModelIndex inv = m_model->index(m_store->indexOf(QStringLiteral("!inv:x.org")));
        QCOMPARE(inv.data(RoomListModel::InviterNameRole).toString(), QStringLiteral("Carol"));
        QCOMPARE(inv.data(RoomListModel::SectionRole).toInt(), int(RoomSection::Invites));
        QCOMPARE(inv.data(RoomListModel::MembershipRole).toInt(), int(Membership::Invite));
        const QModelIndex html = m_model->index(m_store->indexOf(QStringLiteral("!html:x.org")));
        QCOMPARE(html.data(RoomListModel::AvatarSourceRole).toString(), QString()); // "../" avatar
    }

    void hostileAvatarUrisAreNotRequested_data()
    {
        QTest::addColumn<QString>("mxc");
        QTest::newRow("dot-dot") << "mxc://x.org/../../_synapse/admin";
        QTest::newRow("dot-dot server") << "mxc://../config";
        QTest::newRow("dot server") << "mxc://./x";
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
        QCOMPARE(m_model->index(designRow).data(RoomListModel::DisplayNameRole).toString(),
                 QStringLiteral("Design v2"));
        QCOMPARE(m_model->inviteCount(), 1);
        QCOMPARE(m_model->joinedCount(), 6);
    }

    void forgetRemovesRow()
    {
        QSignalSpy removed(m_model.get(), &QAbstractItemModel::rowsRemoved);
        m_store->removeRoom(QStringLiteral("!old:x.org"));
        QCOMPARE(removed.count(), 1);
        QCOMPARE(m_model->rowCount(), 6);
        QCOMPARE(m_model->leftCount(), 0);
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
        const QList<int> sections = sectionsOf(proxy);
        QList<int> sorted = sections;
        std::stable_sort(sorted.begin(), sorted.end());
        QCOMPARE(sections, sorted);
        QCOMPARE(sections.count(int(RoomSection::Invites)), 2);
        QCOMPARE(sections.count(int(RoomSection::Left)), 2);
        QCOMPARE(headersOf(proxy), (QStringList{"Invites (2)", "Joined (3)", "Left (2)"}));
    }

    void proxySortsBySectionAndFilters()
    {
        RoomFilterProxy proxy;
        proxy.setSourceModel(m_model.get());
        QAbstractItemModelTester proxyTester(
            &proxy, QAbstractItemModelTester::FailureReportingMode::QtTest);
        QCOMPARE(proxy.rowCount(), 7);
        QCOMPARE(sectionsOf(proxy), (QList<int>{0, 1, 1, 1, 1, 1, 2}));
        QCOMPARE(proxy.get(0).value(QStringLiteral("displayName")).toString(),
                 QStringLiteral("Book club"));

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
        QCOMPARE(proxy.rowCount(), 6);
        QCOMPARE(proxy.get(5).value(QStringLiteral("displayName")).toString(),
                 QStringLiteral("Zzz last"));
        QCOMPARE(proxy.get(1).value(QStringLiteral("displayName")).toString(),
                 QStringLiteral("#only-alias:x.org"));
    }

    void headersCountWhatTheFilterShows()
    {
        RoomFilterProxy proxy;
        proxy.setSourceModel(m_model.get());
        QCOMPARE(headersOf(proxy), (QStringList{"Invites (1)", "Joined (5)", "Left (1)"}));
        proxy.setFilterText(QStringLiteral("o")); // rooms of several sections match
        QStringList filtered = headersOf(proxy);
        int shown = 0;
        for (const QString &h : filtered)
            shown += h.section(QLatin1Char('('), 1).chopped(1).toInt();
        QCOMPARE(shown, proxy.rowCount()); // counts are of matching rows, not totals
        proxy.setFilterText(QStringLiteral("design"));
        QCOMPARE(headersOf(proxy), (QStringList{"Joined (1)"}));
        proxy.setFilterText(QString());
        QCOMPARE(headersOf(proxy), (QStringList{"Invites (1)", "Joined (5)", "Left (1)"}));
        // The last invite declined: its section disappears and Joined becomes the first header.
        m_store->applySync(json(R"({"rooms":{"leave":{"!inv:x.org":{}}}})"));
        QCOMPARE(headersOf(proxy), (QStringList{"Joined (5)", "Left (2)"}));
        QVERIFY(proxy.index(0, 0).data(RoomFilterProxy::SectionStartRole).toBool());
    }

    // Typing narrows the previous result, erasing reuses the results remembered while typing,
    // other edits filter again: each step shows exactly what a proxy filtering from scratch
    // shows, in the same order, with the same section headers.
    void typedFilterEqualsAFilterFromScratch()
    {
        addRooms(*m_store, 60);
        RoomFilterProxy typed;
        typed.setSourceModel(m_model.get());
        QAbstractItemModelTester tester(&typed,
                                        QAbstractItemModelTester::FailureReportingMode::QtTest);
        const QStringList steps{"d",         "de",        "des",      "desi",     "design",
                                "design 1",  "design 12", "design 1", "design",   "desi",
                                "d",         "",          "b",        "bo",       "book",
                                "book club", "zz",        "z",        "",         "  DESIGN  ",
                                "o",         "#",         "#a",       "#alias-1", "!room",
                                "!room-2",   "!room",     "",         "room 5",   "room"};
        for (const QString &text : steps) {
            typed.setFilterText(text);
            RoomFilterProxy fresh;
            fresh.setFilterText(text);
            fresh.setSourceModel(m_model.get());
            QCOMPARE(idsOf(typed), idsOf(fresh));
            QCOMPARE(headersOf(typed), headersOf(fresh));
            QCOMPARE(typed.countProperty(), fresh.rowCount());
        }
        QVERIFY(typed.rowCount() >= 60); // every added room's ID contains "room"
    }

    void erasingAfterRoomsChangedShowsTheNewRooms()
    {
        addRooms(*m_store, 20);
        RoomFilterProxy proxy;
        proxy.setSourceModel(m_model.get());
        const auto erasedTo = [&](const QString &text) {
            proxy.setFilterText(text);
            RoomFilterProxy fresh;
            fresh.setFilterText(text);
            fresh.setSourceModel(m_model.get());
            return idsOf(proxy) == idsOf(fresh) ? idsOf(proxy) : QStringList{"differs"};
        };
        // While "design" is shown, "Book 1" is renamed "Desk 1": the "de" result remembered
        // while typing is stale.
        proxy.setFilterText(QStringLiteral("de"));
        proxy.setFilterText(QStringLiteral("design"));
        m_store->applySync(json(R"({"rooms":{"join":{"!room-1:x.org":{"timeline":{"events":[
            {"type":"m.room.name","state_key":"","content":{"name":"Desk 1"}}]}}}}})"));
        QVERIFY(erasedTo(QStringLiteral("de")).contains(QStringLiteral("!room-1:x.org")));
        // The same with a room that arrives.
        proxy.setFilterText(QStringLiteral("design"));
        m_store->applySync(json(R"({"rooms":{"join":{"!deck:x.org":{"state":{"events":[
            {"type":"m.room.name","state_key":"","content":{"name":"Deck"}}]}}}}})"));
        QVERIFY(erasedTo(QStringLiteral("de")).contains(QStringLiteral("!deck:x.org")));
        // And one that goes.
        proxy.setFilterText(QStringLiteral("design"));
        m_store->removeRoom(QStringLiteral("!room-3:x.org"));
        const QStringList de = erasedTo(QStringLiteral("de"));
        QVERIFY(!de.contains(QStringLiteral("!room-3:x.org")));
        QVERIFY(de.contains(QStringLiteral("!room-6:x.org")));
    }

    void narrowingKeepsSectionHeadersRight()
    {
        addRooms(*m_store, 40);
        RoomFilterProxy proxy;
        proxy.setSourceModel(m_model.get());
        // Design rooms: 0 and 21 invites, 30 left, the other 11 and "Design" joined.
        proxy.setFilterText(QStringLiteral("d"));
        proxy.setFilterText(QStringLiteral("desig"));
        QCOMPARE(headersOf(proxy), (QStringList{"Invites (2)", "Joined (12)", "Left (1)"}));
        proxy.setFilterText(QStringLiteral("design 2")); // 21, 24, 27
        QCOMPARE(headersOf(proxy), (QStringList{"Invites (1)", "Joined (2)"}));
        proxy.setFilterText(QStringLiteral("design 21"));
        QCOMPARE(headersOf(proxy), (QStringList{"Invites (1)"}));
        QVERIFY(proxy.index(0, 0).data(RoomFilterProxy::SectionStartRole).toBool());
        proxy.setFilterText(QStringLiteral("design 3")); // 3, 30, 33, 36, 39
        QCOMPARE(headersOf(proxy), (QStringList{"Joined (4)", "Left (1)"}));
        proxy.setFilterText(QStringLiteral("design 30"));
        QCOMPARE(headersOf(proxy), (QStringList{"Left (1)"}));
        proxy.setShowLeft(false);
        QCOMPARE(proxy.rowCount(), 0);
        proxy.setFilterText(QStringLiteral("design 3"));
        QCOMPARE(headersOf(proxy), (QStringList{"Joined (4)"}));
        proxy.setFilterText(QString());
        proxy.setShowLeft(true);
        QCOMPARE(proxy.rowCount(), m_store->size());
    }

    void aRenamedRoomMovesWithoutAReset()
    {
        addRooms(*m_store, 20);
        RoomFilterProxy proxy;
        proxy.setSourceModel(m_model.get());
        QAbstractItemModelTester tester(&proxy,
                                        QAbstractItemModelTester::FailureReportingMode::QtTest);
        QSignalSpy reset(&proxy, &QAbstractItemModel::modelReset);
        QSignalSpy layout(&proxy, &QAbstractItemModel::layoutChanged);
        QSignalSpy moved(&proxy, &QAbstractItemModel::rowsMoved);
        const QPersistentModelIndex room3 =
            proxy.mapFromSource(m_model->index(m_store->indexOf(QStringLiteral("!room-3:x.org"))));
        QVERIFY(room3.isValid());
        m_store->applySync(json(R"({"rooms":{"join":{
            "!room-3:x.org":{"timeline":{"events":[{"type":"m.room.name","state_key":"","content":{"name":"Zulu"}}]}}}}})"));
        QCOMPARE(reset.count(), 0);
        QCOMPARE(layout.count(), 0);
        QCOMPARE(moved.count(), 1);
        QCOMPARE(room3.data(RoomListModel::RoomIdRole).toString(), QStringLiteral("!room-3:x.org"));
        QCOMPARE(room3.data(RoomListModel::DisplayNameRole).toString(), QStringLiteral("Zulu"));
        // Last of the joined rooms.
        QCOMPARE(proxy.index(room3.row() + 1, 0).data(RoomListModel::SectionRole).toInt(),
                 int(RoomSection::Left));
    }

    void manyRoomsChangingAtOnceStaySorted()
    {
        // More than the proxy moves one by one: it merges them in one pass.
        addRooms(*m_store, 200);
        const int firstAdded = m_store->size() - 200;
        RoomFilterProxy proxy;
        proxy.setSourceModel(m_model.get());
        proxy.setFilterText(QStringLiteral("room"));
        QAbstractItemModelTester tester(&proxy,
                                        QAbstractItemModelTester::FailureReportingMode::QtTest);
        QSignalSpy changed(m_model.get(), &QAbstractItemModel::dataChanged);
        m_store->applySync(renamedAll(200));
        QCOMPARE(changed.count(), 1); // the rows were added together: one range
        QCOMPARE(changed.first().at(0).toModelIndex().row(), firstAdded);
        RoomFilterProxy fresh;
        fresh.setFilterText(QStringLiteral("room"));
        fresh.setSourceModel(m_model.get());
        QCOMPARE(idsOf(proxy), idsOf(fresh));
        QCOMPARE(headersOf(proxy), headersOf(fresh));
    }

    void rowsShowTheirRoomsOperation()
    {
        FakeHomeserver fake;
        fake.script("/_matrix/client/v3/rooms/", {FakeHomeserver::Reply::stall()});
        QNetworkAccessManager nam;
        ApiClient api(&nam);
        api.setHomeserver(fake.baseUrl());
        api.setAccessToken(QStringLiteral("token"));
        api.setDeadlineCap(300); // a cancelled request's outcome check ends quickly
        MembershipService service(&api, m_store.get());
        m_model->setMembershipService(&service);
        const int row = m_store->indexOf(QStringLiteral("!named:x.org"));
        QSignalSpy changed(m_model.get(), &QAbstractItemModel::dataChanged);
        Operation *leave = service.leave(QStringLiteral("!named:x.org"));
        QVERIFY(changed.count() >= 1);
        QCOMPARE(m_model->index(row).data(RoomListModel::PendingActionRole).toInt(),
                 int(Operation::Leave));
        QCOMPARE(m_model->index(row).data(RoomListModel::OperationStateRole).toInt(),
                 int(Operation::Running));
        leave->cancel();
        QTRY_VERIFY_WITH_TIMEOUT(leave->isFinished(), 5000);
        QCOMPARE(m_model->index(row).data(RoomListModel::PendingActionRole).toInt(), -1);
    }
};

QTEST_MAIN(TestRoomListModel)
#include "tst_roomlistmodel.moc"
