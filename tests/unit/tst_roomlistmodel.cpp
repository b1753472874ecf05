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
// With ALIAS replaced by alias: moc (6.4) loses track of a class whose raw strings hold a '#'.
QJsonObject json(const char *text, const char *alias)
{
    return QJsonDocument::fromJson(QByteArray(text).replace("ALIAS", alias)).object();
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
    static const char *const names[] = {"Invites", "Requested", "Joined", "Left"};
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
// Spaces and direct chats (tests/unit/data/spaces_sync.json): spaces Work (#work:x.org) and
// its sub-space Team, Guild (an invite); Design in Work; Standup (invite) and Old (left) in Team;
// direct chats !dm and !dminvite; !orphan in no space (it only claims Work as its parent).
QJsonObject spacesSync()
{
    QFile file(QFINDTESTDATA("data/spaces_sync.json"));
    if (!file.open(QIODevice::ReadOnly))
        qFatal("tests/unit/data/spaces_sync.json is missing");
    return QJsonDocument::fromJson(file.readAll()).object();
}

QStringList sortedIdsOf(const RoomFilterProxy &proxy)
{
    QStringList ids = idsOf(proxy);
    ids.sort();
    return ids;
}
} // namespace

class TestRoomListModel : public QObject
{
    Q_OBJECT

    std::unique_ptr<RoomStore> m_store;
    std::unique_ptr<RoomListModel> m_model;
    std::unique_ptr<QAbstractItemModelTester> m_tester;

    // For the filter terms, besides initial_sync.json's rooms (!inv:x.org: an invite from
    // @carol:x.org; !old:x.org left): two invites from @spam:evil.org, one in a room of
    // evil.org, and a joined room of x.org whose alias is on far.org.
    void addTermRooms()
    {
        m_store->applySync(json(R"({"rooms":{
            "invite":{
                "!crypto:evil.org":{"invite_state":{"events":[
                    {"type":"m.room.name","state_key":"","content":{"name":"Free crypto"},"sender":"@spam:evil.org"},
                    {"type":"m.room.member","state_key":"@me:x.org","content":{"membership":"invite"},"sender":"@spam:evil.org"}]}},
                "!prize:x.org":{"invite_state":{"events":[
                    {"type":"m.room.name","state_key":"","content":{"name":"Prize"},"sender":"@spam:evil.org"},
                    {"type":"m.room.member","state_key":"@me:x.org","content":{"membership":"invite"},"sender":"@spam:evil.org"}]}}},
            "join":{
                "!far:x.org":{"state":{"events":[
                    {"type":"m.room.name","state_key":"","content":{"name":"Faraway"}},
                    {"type":"m.room.canonical_alias","state_key":"","content":{"alias":"ALIAS"}}]}}}}})",
                                "\x23"
                                "far:far.org"));
        QCOMPARE(m_store->size(), 10);
    }

    // Two pending knocks besides initial_sync.json's rooms: "Alpha knock" and "Bravo knock".
    void addKnocks()
    {
        QCOMPARE(m_store->applySync(json(R"({"rooms":{"knock":{
            "!kb:x.org":{"knock_state":{"events":[
                {"type":"m.room.name","state_key":"","content":{"name":"Bravo knock"},"sender":"@owner:x.org"},
                {"type":"m.room.member","state_key":"@me:x.org","content":{"membership":"knock"},"sender":"@me:x.org"}]}},
            "!ka:x.org":{"knock_state":{"events":[
                {"type":"m.room.name","state_key":"","content":{"name":"Alpha knock"},"sender":"@owner:x.org"},
                {"type":"m.room.member","state_key":"@me:x.org","content":{"membership":"knock"},"sender":"@me:x.org"}]}}}}})")),
                 2);
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
        const int joined = RoomSection::Joined;
        QCOMPARE(sectionsOf(proxy), (QList<int>{RoomSection::Invites, joined, joined, joined,
                                                joined, joined, RoomSection::Left}));
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
        // Words are terms of their own: "design" and "2" (12, 21, 24, 27).
        proxy.setFilterText(QStringLiteral("design 2"));
        QCOMPARE(headersOf(proxy), (QStringList{"Invites (1)", "Joined (3)"}));
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

    // Each term, and combinations: the proxy shows exactly the rooms the query accepts, and the
    // query parsed on its own (as the CLI uses it) accepts the same rooms.
    void filterTerms_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<bool>("showLeft");
        QTest::addColumn<QStringList>("expected"); // room IDs, sorted
        const QStringList allJoined{"!aliased:x.org", "!empty:x.org", "!heroes:x.org",
                                    "!html:x.org", "!named:x.org"};
        const QStringList spam{"!crypto:evil.org", "!prize:x.org"};
        QTest::newRow("is:invite")
            << "is:invite" << true << QStringList{"!crypto:evil.org", "!inv:x.org", "!prize:x.org"};
        QTest::newRow("IS:INVITE")
            << "IS:Invite" << true << QStringList{"!crypto:evil.org", "!inv:x.org", "!prize:x.org"};
        QTest::newRow("is:joined")
            << "is:joined" << true << (allJoined + QStringList{"!far:x.org"});
        QTest::newRow("is:left") << "is:left" << true << QStringList{"!old:x.org"};
        QTest::newRow("is:left wins over showLeft")
            << "is:left" << false << QStringList{"!old:x.org"};
        QTest::newRow("-is:left hides left")
            << "-is:left" << true
            << (QStringList{"!crypto:evil.org", "!inv:x.org", "!prize:x.org", "!far:x.org"} +
                allJoined);
        QTest::newRow("server: the room ID's")
            << "server:evil.org" << true << spam; // !crypto by its ID, !prize by its inviter
        QTest::newRow("server: case-insensitive") << "SERVER:Evil.ORG" << true << spam;
        QTest::newRow("server: the alias's")
            << "server:far.org" << true << QStringList{"!far:x.org"};
        QTest::newRow("server: whole name only") << "server:il.org" << true << QStringList{};
        QTest::newRow("from:") << "from:@spam:evil.org" << true << spam;
        QTest::newRow("from: another") << "from:@carol:x.org" << true << QStringList{"!inv:x.org"};
        QTest::newRow("-from:") << "is:invite -from:@spam:evil.org" << true
                                << QStringList{"!inv:x.org"};
        QTest::newRow("term and word") << "is:invite prize" << true << QStringList{"!prize:x.org"};
        QTest::newRow("words are separate") << "club book" << true << QStringList{"!inv:x.org"};
        QTest::newRow("a quoted phrase") << "\"club book\"" << true << QStringList{};
        QTest::newRow("a quoted phrase matches")
            << "\"book club\"" << true << QStringList{"!inv:x.org"};
        QTest::newRow("an unfinished quote") << "\"book c" << true << QStringList{"!inv:x.org"};
        QTest::newRow("-word") << "is:invite -crypto" << true
                               << QStringList{"!inv:x.org", "!prize:x.org"};
        QTest::newRow("-\"phrase\"") << "is:invite -\"book club\"" << true << spam;
        QTest::newRow("a lone - is nothing") << "is:left -" << true << QStringList{"!old:x.org"};
        QTest::newRow("an alias is free text")
            << "#only-alias:x.org" << true << QStringList{"!aliased:x.org"};
        QTest::newRow("contradiction") << "is:invite is:joined" << true << QStringList{};
        QTest::newRow("all three")
            << "is:invite server:x.org from:@spam:evil.org" << true << QStringList{"!prize:x.org"};
    }
    void filterTerms()
    {
        QFETCH(QString, text);
        QFETCH(bool, showLeft);
        QFETCH(QStringList, expected);
        addTermRooms();
        RoomFilterProxy proxy;
        proxy.setSourceModel(m_model.get());
        proxy.setShowLeft(showLeft);
        proxy.setFilterText(text);
        QCOMPARE(proxy.filterError(), QString());
        QStringList shown = idsOf(proxy);
        shown.sort();
        expected.sort();
        QCOMPARE(shown, expected);
        const RoomFilterQuery query = RoomFilterQuery::parse(text, showLeft);
        QCOMPARE(query.error(), QString());
        QStringList accepted;
        for (int row = 0; row < m_store->size(); ++row)
            if (query.accepts(m_store->at(row)))
                accepted << m_store->at(row).roomId;
        accepted.sort();
        QCOMPARE(accepted, expected);
    }

    // --- The Requested section: pending knocks (issue 13) ------------------------------------

    // Invites, Requested, Joined, Left: each a contiguous run with its own header, counted by
    // requestedCount; an accepted knock moves to Invites.
    void requestedSectionComesAfterInvites()
    {
        RoomFilterProxy proxy;
        proxy.setSourceModel(m_model.get());
        QAbstractItemModelTester proxyTester(
            &proxy, QAbstractItemModelTester::FailureReportingMode::QtTest);
        QSignalSpy counts(m_model.get(), &RoomListModel::countsChanged);
        addKnocks();
        QCOMPARE(m_model->requestedCount(), 2);
        QCOMPARE(m_model->property("requestedCount").toInt(), 2);
        QCOMPARE(counts.count(), 1);
        QCOMPARE(m_model->inviteCount(), 1);
        QCOMPARE(m_model->joinedCount(), 5);
        QCOMPARE(m_model->leftCount(), 1); // a knock is not a left room
        const int row = m_store->indexOf(QStringLiteral("!ka:x.org"));
        QCOMPARE(m_model->index(row).data(RoomListModel::SectionRole).toInt(),
                 int(RoomSection::Requested));
        QCOMPARE(m_model->index(row).data(RoomListModel::MembershipRole).toInt(),
                 int(Membership::Knock));
        const int joined = RoomSection::Joined;
        const int requested = RoomSection::Requested;
        QCOMPARE(sectionsOf(proxy),
                 (QList<int>{RoomSection::Invites, requested, requested, joined, joined, joined,
                             joined, joined, RoomSection::Left}));
        QCOMPARE(headersOf(proxy),
                 (QStringList{"Invites (1)", "Requested (2)", "Joined (5)", "Left (1)"}));
        // By name within the section.
        QCOMPARE(proxy.roomIdAt(1), QStringLiteral("!ka:x.org"));
        QCOMPARE(proxy.roomIdAt(2), QStringLiteral("!kb:x.org"));

        // Accepted: the room comes back as an invite.
        m_store->applySync(json(R"({"rooms":{"invite":{"!kb:x.org":{"invite_state":{"events":[
            {"type":"m.room.member","state_key":"@me:x.org","content":{"membership":"invite"},"sender":"@owner:x.org"}]}}}}})"));
        QCOMPARE(m_model->requestedCount(), 1);
        QCOMPARE(m_model->inviteCount(), 2);
        QCOMPARE(counts.count(), 2);
        QCOMPARE(headersOf(proxy),
                 (QStringList{"Invites (2)", "Requested (1)", "Joined (5)", "Left (1)"}));
        // Withdrawn: the other goes to Left; the section disappears.
        m_store->applySync(json(R"({"rooms":{"leave":{"!ka:x.org":{}}}})"));
        QCOMPARE(m_model->requestedCount(), 0);
        QCOMPARE(headersOf(proxy), (QStringList{"Invites (2)", "Joined (5)", "Left (2)"}));
    }

    // QML reads the section as RoomSection.Requested, a key of the same enum as the others.
    void requestedIsAValueOfTheSectionEnum()
    {
        const QMetaObject &meta = RoomSection::staticMetaObject;
        const int index = meta.indexOfEnumerator("Value");
        QVERIFY(index >= 0);
        const QMetaEnum values = meta.enumerator(index);
        bool ok = false;
        QCOMPARE(values.keyToValue("Requested", &ok), int(RoomSection::Requested));
        QVERIFY(ok);
        QCOMPARE(meta.enumeratorCount(), 1); // no second enum beside Value
        QCOMPARE(int(RoomSection::of(Membership::Knock)), int(RoomSection::Requested));
        QCOMPARE(int(RoomSection::of(Membership::Ban)), int(RoomSection::Left));
    }

    void requestedRowsShowWithShowLeftOff()
    {
        addKnocks();
        RoomFilterProxy proxy;
        proxy.setSourceModel(m_model.get());
        proxy.setShowLeft(false);
        QCOMPARE(proxy.rowCount(), 8); // all but the left room
        QVERIFY(proxy.rowOfRoom(QStringLiteral("!ka:x.org")) >= 0);
        QVERIFY(proxy.rowOfRoom(QStringLiteral("!kb:x.org")) >= 0);
        QCOMPARE(proxy.rowOfRoom(QStringLiteral("!old:x.org")), -1);
        QCOMPARE(headersOf(proxy), (QStringList{"Invites (1)", "Requested (2)", "Joined (5)"}));
    }

    void requestedFilterTerm_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<bool>("showLeft");
        QTest::addColumn<QStringList>("expected"); // room IDs, sorted
        const QStringList knocks{"!ka:x.org", "!kb:x.org"};
        QTest::newRow("is:requested") << "is:requested" << true << knocks;
        QTest::newRow("is:requested, left hidden") << "is:requested" << false << knocks;
        QTest::newRow("is:knock") << "is:knock" << true << knocks;
        QTest::newRow("is:knocked") << "IS:Knocked" << true << knocks;
        QTest::newRow("is:requested and a word")
            << "is:requested bravo" << true << QStringList{"!kb:x.org"};
        QTest::newRow("-is:requested")
            << "-is:requested" << false
            << QStringList{"!aliased:x.org", "!empty:x.org", "!heroes:x.org",
                           "!html:x.org",    "!inv:x.org",   "!named:x.org"};
        // Knocks are in none of the other sections.
        QTest::newRow("is:left") << "is:left" << true << QStringList{"!old:x.org"};
        QTest::newRow("is:invite") << "is:invite" << true << QStringList{"!inv:x.org"};
    }
    void requestedFilterTerm()
    {
        QFETCH(QString, text);
        QFETCH(bool, showLeft);
        QFETCH(QStringList, expected);
        addKnocks();
        RoomFilterProxy proxy;
        proxy.setSourceModel(m_model.get());
        proxy.setShowLeft(showLeft);
        proxy.setFilterText(text);
        QCOMPARE(proxy.filterError(), QString());
        QStringList shown = idsOf(proxy);
        shown.sort();
        expected.sort();
        QCOMPARE(shown, expected);
        const RoomFilterQuery query = RoomFilterQuery::parse(text, showLeft);
        QStringList accepted;
        for (int row = 0; row < m_store->size(); ++row)
            if (query.accepts(m_store->at(row)))
                accepted << m_store->at(row).roomId;
        accepted.sort();
        QCOMPARE(accepted, expected);
    }

    void anUnknownSectionTermListsRequested()
    {
        RoomFilterProxy proxy;
        proxy.setSourceModel(m_model.get());
        proxy.setFilterText(QStringLiteral("is:pending"));
        QVERIFY2(proxy.filterError().contains(QStringLiteral("is:requested")),
                 qPrintable(proxy.filterError()));
    }

    void malformedTermsSayWhatIsWrong_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<QString>("mentions");
        QTest::newRow("is:foo") << "design is:foo"
                                << "is:foo";
        QTest::newRow("is:") << "is:"
                             << "is:invite";
        QTest::newRow("-is:foo") << "-is:foo"
                                 << "-is:foo";
        QTest::newRow("from: no @") << "from:notauser"
                                    << "from:notauser";
        QTest::newRow("from: empty") << "From:"
                                     << "From:";
        QTest::newRow("server: empty") << "server:"
                                       << "server:";
        QTest::newRow("server: a path") << "server:evil.org/x"
                                        << "server:evil.org/x";
    }
    void malformedTermsSayWhatIsWrong()
    {
        QFETCH(QString, text);
        QFETCH(QString, mentions);
        addTermRooms();
        RoomFilterProxy proxy;
        proxy.setSourceModel(m_model.get());
        QSignalSpy errorChanged(&proxy, &RoomFilterProxy::filterErrorChanged);
        proxy.setFilterText(text);
        QVERIFY2(proxy.filterError().contains(mentions), qPrintable(proxy.filterError()));
        QCOMPARE(errorChanged.count(), 1);
        // A misread filter accepts nothing: a bulk action over "every room it shows" is empty.
        QCOMPARE(proxy.rowCount(), 0);
        const RoomFilterQuery query = RoomFilterQuery::parse(text, true);
        QCOMPARE(query.error(), proxy.filterError());
        for (int row = 0; row < m_store->size(); ++row)
            QVERIFY(!query.accepts(m_store->at(row)));
        // Corrected: the error goes, the rooms come back.
        proxy.setFilterText(QStringLiteral("is:invite"));
        QCOMPARE(proxy.filterError(), QString());
        QCOMPARE(errorChanged.count(), 2);
        QCOMPARE(proxy.rowCount(), 3);
    }

    // narrows() lets the proxy re-test only the rows shown: it must never claim a query narrows
    // another when some room passes the first and not the second. Every pair is checked against
    // the rooms themselves; the pairs typing produces must still be recognised (else every
    // keystroke would scan every room).
    void narrowsOnlyWhenItDoes()
    {
        addTermRooms();
        addRooms(*m_store, 30);
        const QStringList texts{"",
                                "d",
                                "de",
                                "des",
                                "-d",
                                "-de",
                                "is:invite",
                                "is:invite d",
                                "is:invite de",
                                "is:joined",
                                "is:left",
                                "-is:left",
                                "-is:invite",
                                "server:x.org",
                                "server:x.org is:invite",
                                "server:evil.org",
                                "from:@spam:evil.org",
                                "from:@spam:evil.org c",
                                "-from:@spam:evil.org",
                                "\"book",
                                "\"book c",
                                "\"book club\"",
                                "book club",
                                "is:foo",
                                "o -room"};
        QList<RoomFilterQuery> queries;
        for (const QString &text : texts)
            for (bool showLeft : {true, false})
                queries << RoomFilterQuery::parse(text, showLeft);
        for (qsizetype q = 0; q < queries.size(); ++q) {
            for (qsizetype w = 0; w < queries.size(); ++w) {
                if (!queries.at(q).narrows(queries.at(w)))
                    continue;
                for (int row = 0; row < m_store->size(); ++row) {
                    const RoomSummary &room = m_store->at(row);
                    if (queries.at(q).accepts(room) && !queries.at(w).accepts(room))
                        QFAIL(qPrintable(QStringLiteral("\"%1\" (showLeft %2) claims to narrow "
                                                        "\"%3\" (showLeft %4), yet %5 passes only "
                                                        "the first")
                                             .arg(texts.at(q / 2))
                                             .arg(q % 2 == 0)
                                             .arg(texts.at(w / 2))
                                             .arg(w % 2 == 0)
                                             .arg(room.roomId)));
                }
            }
        }
        const auto narrows = [](const char *narrower, const char *wider, bool showLeft = true) {
            return RoomFilterQuery::parse(QString::fromUtf8(narrower), showLeft)
                .narrows(RoomFilterQuery::parse(QString::fromUtf8(wider), showLeft));
        };
        QVERIFY(narrows("des", "de"));
        QVERIFY(narrows("is:invite de", "is:invite d"));
        QVERIFY(narrows("is:invite d", "is:invite"));
        QVERIFY(narrows("-d", "-de"));
        QVERIFY(narrows("is:invite", "-is:left"));
        QVERIFY(narrows("server:x.org is:invite", "server:x.org"));
        QVERIFY(narrows("\"book c", "\"book"));
        QVERIFY(narrows("is:foo", "de")); // accepts nothing
        QVERIFY(!narrows("de", "des"));
        QVERIFY(!narrows("is:left", "d"));
        QVERIFY(!narrows("de", "is:foo"));
        QVERIFY(!narrows("-de", "-d"));
        QVERIFY(!narrows("is:left", "", false)); // is:left shows rooms showLeft hides
    }

    // Typing, erasing and editing terms: each step shows what a proxy filtering from scratch
    // shows, in the same order, with the same section headers.
    void typedTermsEqualAFilterFromScratch()
    {
        addTermRooms();
        addRooms(*m_store, 60);
        RoomFilterProxy typed;
        typed.setSourceModel(m_model.get());
        QAbstractItemModelTester tester(&typed,
                                        QAbstractItemModelTester::FailureReportingMode::QtTest);
        const QStringList steps{"i",
                                "is",
                                "is:",
                                "is:i",
                                "is:in",
                                "is:invite",
                                "is:invite ",
                                "is:invite d",
                                "is:invite de",
                                "is:invite d",
                                "is:invite",
                                "is:invite -",
                                "is:invite -d",
                                "is:invite -de",
                                "is:invite -des",
                                "-is:left",
                                "-is:left b",
                                "-is:left book",
                                "-is:left \"book",
                                "-is:left \"book c",
                                "-is:left \"book club\"",
                                "-is:left \"book club\" server:x.org",
                                "server:x.org",
                                "server:x.or",
                                "server:evil.org",
                                "from:@spam:evil.org",
                                "from:@spam:evil.org 1",
                                "from:@spam:evil.org",
                                "",
                                "is:left",
                                "is:left 3",
                                ""};
        for (bool showLeft : {true, false}) {
            typed.setShowLeft(showLeft);
            for (const QString &text : steps) {
                typed.setFilterText(text);
                RoomFilterProxy fresh;
                fresh.setShowLeft(showLeft);
                fresh.setFilterText(text);
                fresh.setSourceModel(m_model.get());
                QCOMPARE(idsOf(typed), idsOf(fresh));
                QCOMPARE(headersOf(typed), headersOf(fresh));
                QCOMPARE(typed.filterError(), fresh.filterError());
            }
        }
    }

    // A room that starts or stops passing a term in a sync comes or goes.
    void termsFollowSyncs()
    {
        addTermRooms();
        RoomFilterProxy proxy;
        proxy.setSourceModel(m_model.get());
        proxy.setFilterText(QStringLiteral("is:invite"));
        QCOMPARE(proxy.rowCount(), 3);
        m_store->applySync(json(R"({"rooms":{"join":{"!prize:x.org":{}}}})")); // accepted
        QCOMPARE(proxy.rowCount(), 2);
        proxy.setFilterText(QStringLiteral("server:far.org"));
        QCOMPARE(idsOf(proxy), QStringList{"!far:x.org"});
        m_store->applySync(json(R"({"rooms":{"join":{"!far:x.org":{"timeline":{"events":[
            {"type":"m.room.canonical_alias","state_key":"","content":{"alias":"ALIAS"}}]}}}}})",
                                "\x23"
                                "far:near.org"));
        QCOMPARE(proxy.rowCount(), 0);
    }

    // --- Spaces and direct chats (issue 15) ---
    // A joined room with a tombstone offers its new version until you are in it, and not when
    // the new room, once known, names another room as the one it replaces.
    void aReplacedRoomOffersItsNewVersion()
    {
        QCOMPARE(m_store->applySync(json(R"({"rooms":{"join":{
            "!upgraded:x.org":{"state":{"events":[
                {"type":"m.room.name","state_key":"","content":{"name":"Upgraded"}},
                {"type":"m.room.tombstone","state_key":"","content":{"replacement_room":"!next:y.org","body":"moved"}}]}},
            "!liar:x.org":{"state":{"events":[
                {"type":"m.room.tombstone","state_key":"","content":{"replacement_room":"!victim:x.org"}}]}}}}})")),
                 2);
        const auto rowOf = [this](const char *id) {
            return m_model->index(m_store->indexOf(QString::fromLatin1(id)));
        };
        QCOMPARE(rowOf("!upgraded:x.org").data(RoomListModel::SuccessorToJoinRole).toString(),
                 QStringLiteral("!next:y.org"));
        QCOMPARE(rowOf("!upgraded:x.org").data(RoomListModel::SuccessorViaRole).toStringList(),
                 QStringList({QStringLiteral("y.org"), QStringLiteral("x.org")}));
        QCOMPARE(rowOf("!named:x.org").data(RoomListModel::SuccessorToJoinRole).toString(),
                 QString());
        QVERIFY(
            rowOf("!named:x.org").data(RoomListModel::SuccessorViaRole).toStringList().isEmpty());
        QCOMPARE(m_model->roleNames().value(RoomListModel::SuccessorToJoinRole),
                 QByteArray("successorToJoin"));

        // The "new version" turns out to be some other room's successor: not offered.
        QSignalSpy changed(m_model.get(), &QAbstractItemModel::dataChanged);
        m_store->applySync(json(R"({"rooms":{"invite":{"!victim:x.org":{"invite_state":{"events":[
            {"type":"m.room.create","state_key":"","content":{"predecessor":{"room_id":"!elsewhere:x.org"}},"sender":"@a:x.org"},
            {"type":"m.room.member","state_key":"@me:x.org","content":{"membership":"invite"},"sender":"@a:x.org"}]}}}}})"));
        QCOMPARE(rowOf("!liar:x.org").data(RoomListModel::SuccessorToJoinRole).toString(),
                 QString());

        // Joined the new version (it names the old room): the old row no longer offers it, and
        // says so to the views.
        changed.clear();
        m_store->applySync(json(R"({"rooms":{"join":{"!next:y.org":{"state":{"events":[
            {"type":"m.room.create","state_key":"","content":{"predecessor":{"room_id":"!upgraded:x.org"}}}]}}}}})"));
        QCOMPARE(rowOf("!upgraded:x.org").data(RoomListModel::SuccessorToJoinRole).toString(),
                 QString());
        const int oldRow = m_store->indexOf(QStringLiteral("!upgraded:x.org"));
        QVERIFY(
            std::any_of(changed.cbegin(), changed.cend(), [oldRow](const QList<QVariant> &args) {
                return args.at(0).toModelIndex().row() <= oldRow &&
                       args.at(1).toModelIndex().row() >= oldRow;
            }));
    }

    void spaceAndDirectChatRolesAndTerms()
    {
        RoomStore store;
        store.setOwnUserId(QStringLiteral("@me:x.org"));
        store.applySync(spacesSync());
        RoomListModel model(&store);
        RoomFilterProxy proxy;
        QAbstractItemModelTester tester(&proxy,
                                        QAbstractItemModelTester::FailureReportingMode::QtTest);
        proxy.setSourceModel(&model);
        const QModelIndex design = model.index(store.indexOf(QStringLiteral("!design:x.org")));
        QCOMPARE(design.data(RoomListModel::IsSpaceRole).toBool(), false);
        QCOMPARE(design.data(RoomListModel::SpaceNamesRole).toStringList(), QStringList{"Work"});
        QCOMPARE(design.data(RoomListModel::SpaceIdsRole).toStringList(),
                 QStringList{"!work:x.org"});
        const QModelIndex team = model.index(store.indexOf(QStringLiteral("!team:x.org")));
        QCOMPARE(team.data(RoomListModel::IsSpaceRole).toBool(), true);
        QCOMPARE(model.index(store.indexOf(QStringLiteral("!dm:x.org")))
                     .data(RoomListModel::IsDirectRole)
                     .toBool(),
                 true);
        QVERIFY(model.roleNames().value(RoomListModel::SpaceNamesRole) == "spaceNames");

        const auto filtered = [&](const QString &text) {
            proxy.setFilterText(text);
            return sortedIdsOf(proxy);
        };
        QCOMPARE(filtered(QStringLiteral("is:dm")), QStringList({"!dm:x.org", "!dminvite:x.org"}));
        QCOMPARE(filtered(QStringLiteral("IS:Direct is:invite")), QStringList{"!dminvite:x.org"});
        QCOMPARE(filtered(QStringLiteral("is:space")),
                 QStringList({"!guild:x.org", "!team:x.org", "!work:x.org"}));
        QCOMPARE(filtered(QStringLiteral("-is:space -is:dm is:joined")),
                 QStringList({"!design:x.org", "!orphan:x.org"}));
        const QStringList inWork{"!design:x.org", "!old:x.org", "!standup:x.org", "!team:x.org"};
        QCOMPARE(filtered(QStringLiteral("in:!work:x.org")), inWork);
        QCOMPARE(filtered(QStringLiteral("in:") + QLatin1Char('#') + QStringLiteral("Work:x.org")),
                 inWork);
        QCOMPARE(filtered(QStringLiteral("in:work")), inWork);
        QCOMPARE(filtered(QStringLiteral("in:\"Team\" is:left")), QStringList{"!old:x.org"});
        QCOMPARE(filtered(QStringLiteral("in:work -in:team")),
                 QStringList({"!design:x.org", "!team:x.org"}));
        QCOMPARE(proxy.filterError(), QString());
        // A space nobody has, an empty in:, an unknown is: say why and show nothing.
        QCOMPARE(filtered(QStringLiteral("in:Nowhere")), QStringList());
        QVERIFY2(proxy.filterError().contains(QLatin1String("Nowhere")),
                 qPrintable(proxy.filterError()));
        QCOMPARE(filtered(QStringLiteral("in:")), QStringList());
        QVERIFY(!proxy.filterError().isEmpty());
        QCOMPARE(filtered(QStringLiteral("is:group")), QStringList());
        QVERIFY2(proxy.filterError().contains(QLatin1String("is:dm")),
                 qPrintable(proxy.filterError()));
        // Without a store (a command line checked before the rooms are known): no error.
        QCOMPARE(RoomFilterQuery::parse(QStringLiteral("in:Nowhere is:dm"), true).error(),
                 QString());
        // in: follows the space as it changes: Design leaves Work.
        proxy.setFilterText(QStringLiteral("in:work"));
        store.applySync(json(R"({"rooms":{"join":{"!work:x.org":{"timeline":{"events":[
            {"type":"m.space.child","state_key":"!design:x.org","content":{}}]}}}}})"));
        QCOMPARE(sortedIdsOf(proxy), QStringList({"!old:x.org", "!standup:x.org", "!team:x.org"}));
        QCOMPARE(design.data(RoomListModel::SpaceNamesRole).toStringList(), QStringList());
    }

    void spaceScopeShowsAViewOfTheList()
    {
        RoomStore store;
        store.setOwnUserId(QStringLiteral("@me:x.org"));
        store.applySync(spacesSync());
        RoomListModel model(&store);
        RoomFilterProxy proxy;
        QAbstractItemModelTester tester(&proxy,
                                        QAbstractItemModelTester::FailureReportingMode::QtTest);
        proxy.setSourceModel(&model);
        QSignalSpy scopeChanged(&proxy, &RoomFilterProxy::spaceScopeChanged);
        proxy.setSpaceScope(QStringLiteral("!team:x.org"));
        QCOMPARE(scopeChanged.count(), 1);
        QCOMPARE(sortedIdsOf(proxy), QStringList({"!old:x.org", "!standup:x.org"}));
        // The filter applies within the view; sections still come in order.
        proxy.setFilterText(QStringLiteral("is:left"));
        QCOMPARE(idsOf(proxy), QStringList{"!old:x.org"});
        proxy.setFilterText(QString());
        QCOMPARE(idsOf(proxy), QStringList({"!standup:x.org", "!old:x.org"})); // invite, left
        proxy.setSpaceScope(QStringLiteral("!work:x.org"));
        QCOMPARE(sortedIdsOf(proxy),
                 QStringList({"!design:x.org", "!old:x.org", "!standup:x.org", "!team:x.org"}));
        proxy.setSpaceScope(QStringLiteral("dm"));
        QCOMPARE(sortedIdsOf(proxy), QStringList({"!dm:x.org", "!dminvite:x.org"}));
        proxy.setSpaceScope(QStringLiteral("orphans"));
        QCOMPARE(sortedIdsOf(proxy), QStringList{"!orphan:x.org"});
        // The orphan is added to Work: the view follows.
        store.applySync(json(R"({"rooms":{"join":{"!work:x.org":{"timeline":{"events":[
            {"type":"m.space.child","state_key":"!orphan:x.org","content":{"via":["x.org"]}}]}}}}})"));
        QCOMPARE(sortedIdsOf(proxy), QStringList());
        proxy.setSpaceScope(QStringLiteral("!work:x.org"));
        QVERIFY(idsOf(proxy).contains(QStringLiteral("!orphan:x.org")));
        // A space that is not joined (or not known) shows nothing.
        proxy.setSpaceScope(QStringLiteral("!guild:x.org"));
        QCOMPARE(proxy.rowCount(), 0);
        proxy.setSpaceScope(QString());
        QCOMPARE(proxy.rowCount(), store.size());
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
