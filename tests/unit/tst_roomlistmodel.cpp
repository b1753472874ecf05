// RoomListModel (rows from the RoomStore, row by row) and RoomFilterProxy (filter, section order,
// the section headers' start and count).
#include "actions/membershipservice.h"
#include "api/apiclient.h"
#include "fakehomeserver.h"
#include "models/roomlistmodel.h"
#include "sync/roomstore.h"

#include <QAbstractItemModelTester>
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
        QAbstractItemModelTester proxyTester(&proxy, QAbstractItemModelTester::FailureReportingMode::QtTest);
        QCOMPARE(proxy.rowCount(), 7);
        QCOMPARE(sectionsOf(proxy), (QList<int>{0, 1, 1, 1, 1, 1, 2}));
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
        QCOMPARE(proxy.rowCount(), 6);
        QCOMPARE(proxy.get(5).value(QStringLiteral("displayName")).toString(), QStringLiteral("Zzz last"));
        QCOMPARE(proxy.get(1).value(QStringLiteral("displayName")).toString(), QStringLiteral("#only-alias:x.org"));
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
        QCOMPARE(m_model->index(row).data(RoomListModel::PendingActionRole).toInt(), int(Operation::Leave));
        QCOMPARE(m_model->index(row).data(RoomListModel::OperationStateRole).toInt(), int(Operation::Running));
        leave->cancel();
        QTRY_VERIFY_WITH_TIMEOUT(leave->isFinished(), 5000);
        QCOMPARE(m_model->index(row).data(RoomListModel::PendingActionRole).toInt(), -1);
    }
};

QTEST_MAIN(TestRoomListModel)
#include "tst_roomlistmodel.moc"
