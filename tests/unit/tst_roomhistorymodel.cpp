// One room's membership history as the UI shows it: the account store's entries become rows,
// each with a sentence ("Kicked by @mod:x: spam", "You declined the invite", …) that depends on
// the change before it; the model follows new changes, keeps rooms apart, and says nothing for a
// room with no saved history.
#include "appservices.h"
#include "fakehomeserver.h"
#include "models/roomhistorymodel.h"
#include "store/accountstore.h"

#include <QAbstractItemModelTester>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QtTest>

using Entry = AccountStore::HistoryEntry;

namespace {
const QString Me = QStringLiteral("@me:x");
const QString Mod = QStringLiteral("@mod:x");
const QString Bob = QStringLiteral("@bob:x");
const QString Room = QStringLiteral("!room:x");
const QString Other = QStringLiteral("!other:x");

Entry entry(qint64 ts, Membership::Value membership, const QString &sender,
            const QString &reason = {})
{
    return {ts, membership, sender, reason, QStringLiteral("$e%1").arg(ts)};
}
} // namespace

class TestRoomHistoryModel : public QObject
{
    Q_OBJECT

    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<AccountStore> m_writer; // what StoreWriter does, on another connection
    std::unique_ptr<RoomHistoryModel> m_model;
    std::unique_ptr<QAbstractItemModelTester> m_tester;

    QString path() const { return m_dir->filePath(QStringLiteral("store.sqlite")); }
    // A reader of the same file, as AppServices hands the model.
    std::unique_ptr<AccountStore> reader()
    {
        auto store = std::make_unique<AccountStore>(QStringLiteral("reader"));
        store->open(path());
        return store;
    }
    QVariant data(int row, RoomHistoryModel::Role role) const
    {
        return m_model->data(m_model->index(row, 0), role);
    }
    QStringList texts() const
    {
        QStringList result;
        for (int row = 0; row < m_model->rowCount(); ++row)
            result << data(row, RoomHistoryModel::TextRole).toString();
        return result;
    }

private slots:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }

    void init()
    {
        m_dir = std::make_unique<QTemporaryDir>();
        QVERIFY(m_dir->isValid());
        m_writer = std::make_unique<AccountStore>(QStringLiteral("writer"));
        QCOMPARE(m_writer->open(path()), AccountStore::OpenResult::Created);
        m_model = std::make_unique<RoomHistoryModel>();
        m_tester = std::make_unique<QAbstractItemModelTester>(
            m_model.get(), QAbstractItemModelTester::FailureReportingMode::QtTest);
        m_model->setOwnUserId(Me);
        m_model->setStore(reader());
    }
    void cleanup()
    {
        m_tester.reset();
        m_model.reset();
        m_writer.reset();
    }

    // Each kind of change, with the one before it, as the sentence the dialog shows.
    void sentences_data()
    {
        QTest::addColumn<QList<Entry>>("entries");
        QTest::addColumn<QStringList>("expected");
        QTest::newRow("joined") << QList<Entry>{entry(1, Membership::Join, Me)}
                                << QStringList{QStringLiteral("You joined")};
        QTest::newRow("invited, declined")
            << QList<Entry>{entry(1, Membership::Invite, Bob), entry(2, Membership::Leave, Me)}
            << QStringList{QStringLiteral("Invited by @bob:x"),
                           QStringLiteral("You declined the invite")};
        QTest::newRow("invite withdrawn")
            << QList<Entry>{entry(1, Membership::Invite, Bob, QStringLiteral("come")),
                            entry(2, Membership::Leave, Bob)}
            << QStringList{QStringLiteral("Invited by @bob:x: come"),
                           QStringLiteral("Invite withdrawn by @bob:x")};
        QTest::newRow("invited, joined, left")
            << QList<Entry>{entry(1, Membership::Invite, Bob), entry(2, Membership::Join, Me),
                            entry(3, Membership::Leave, Me, QStringLiteral("bored"))}
            << QStringList{QStringLiteral("Invited by @bob:x"), QStringLiteral("You joined"),
                           QStringLiteral("You left: bored")};
        QTest::newRow("kicked with a reason")
            << QList<Entry>{entry(1, Membership::Join, Me),
                            entry(2, Membership::Leave, Mod, QStringLiteral("spam"))}
            << QStringList{QStringLiteral("You joined"), QStringLiteral("Kicked by @mod:x: spam")};
        QTest::newRow("kicked without a reason")
            << QList<Entry>{entry(1, Membership::Join, Me), entry(2, Membership::Leave, Mod)}
            << QStringList{QStringLiteral("You joined"), QStringLiteral("Kicked by @mod:x")};
        // The room's earlier story was never seen: someone else made us leave.
        QTest::newRow("kicked, nothing before")
            << QList<Entry>{entry(1, Membership::Leave, Mod, QStringLiteral("spam"))}
            << QStringList{QStringLiteral("Kicked by @mod:x: spam")};
        QTest::newRow("banned, unbanned")
            << QList<Entry>{entry(1, Membership::Join, Me),
                            entry(2, Membership::Ban, Mod, QStringLiteral("spamming")),
                            entry(3, Membership::Leave, Mod)}
            << QStringList{QStringLiteral("You joined"),
                           QStringLiteral("Banned by @mod:x: spamming"),
                           QStringLiteral("Unbanned by @mod:x")};
        QTest::newRow("banned without a reason") << QList<Entry>{entry(1, Membership::Ban, Mod)}
                                                 << QStringList{QStringLiteral("Banned by @mod:x")};
        QTest::newRow("knocked, withdrew")
            << QList<Entry>{entry(1, Membership::Knock, Me), entry(2, Membership::Leave, Me)}
            << QStringList{QStringLiteral("You knocked"),
                           QStringLiteral("You withdrew your knock")};
        QTest::newRow("knock rejected")
            << QList<Entry>{entry(1, Membership::Knock, Me, QStringLiteral("let me in")),
                            entry(2, Membership::Leave, Mod)}
            << QStringList{QStringLiteral("You knocked: let me in"),
                           QStringLiteral("Knock rejected by @mod:x")};
        QTest::newRow("knock accepted by an invite")
            << QList<Entry>{entry(1, Membership::Knock, Me), entry(2, Membership::Invite, Mod),
                            entry(3, Membership::Join, Me)}
            << QStringList{QStringLiteral("You knocked"), QStringLiteral("Invited by @mod:x"),
                           QStringLiteral("You joined")};
        // A new display name or avatar is a join after a join: not a membership change.
        QTest::newRow("profile changes are not shown")
            << QList<Entry>{entry(1, Membership::Join, Me), entry(2, Membership::Join, Me),
                            entry(3, Membership::Join, Me), entry(4, Membership::Leave, Me)}
            << QStringList{QStringLiteral("You joined"), QStringLiteral("You left")};
        QTest::newRow("rejoined after leaving")
            << QList<Entry>{entry(1, Membership::Join, Me), entry(2, Membership::Leave, Me),
                            entry(3, Membership::Join, Me)}
            << QStringList{QStringLiteral("You joined"), QStringLiteral("You left"),
                           QStringLiteral("You joined")};
        // An invite seen only as stripped state has no sender we can trust to be someone else.
        QTest::newRow("invited by no one known")
            << QList<Entry>{entry(1, Membership::Invite, QString())}
            << QStringList{QStringLiteral("You were invited")};
    }
    void sentences()
    {
        QFETCH(QList<Entry>, entries);
        QFETCH(QStringList, expected);
        QVERIFY(m_writer->appendHistory(Room, entries));
        m_model->setRoomId(Room);
        QCOMPARE(texts(), expected);
        QCOMPARE(m_model->count(), expected.size());
        QCOMPARE(m_model->summaryFor(Room), expected.constLast());
    }

    // The other roles: when, what, by whom, why; oldest first.
    void rolesCarryTheEntry()
    {
        const qint64 joined = QDateTime(QDate(2026, 3, 1), QTime(9, 30)).toMSecsSinceEpoch();
        const qint64 kicked = QDateTime(QDate(2026, 3, 2), QTime(17, 5)).toMSecsSinceEpoch();
        QVERIFY(m_writer->appendHistory(
            Room, {entry(kicked, Membership::Leave, Mod, QStringLiteral("spam")),
                   entry(joined, Membership::Join, Me)}));
        m_model->setRoomId(Room);
        QCOMPARE(m_model->rowCount(), 2);
        QCOMPARE(data(0, RoomHistoryModel::TimestampRole).toDateTime(),
                 QDateTime::fromMSecsSinceEpoch(joined));
        QCOMPARE(data(0, RoomHistoryModel::MembershipRole).toInt(), int(Membership::Join));
        QCOMPARE(data(0, RoomHistoryModel::SenderRole).toString(), Me);
        QCOMPARE(data(0, RoomHistoryModel::ReasonRole).toString(), QString());
        QCOMPARE(data(1, RoomHistoryModel::TimestampRole).toDateTime(),
                 QDateTime::fromMSecsSinceEpoch(kicked));
        QCOMPARE(data(1, RoomHistoryModel::MembershipRole).toInt(), int(Membership::Leave));
        QCOMPARE(data(1, RoomHistoryModel::SenderRole).toString(), Mod);
        QCOMPARE(data(1, RoomHistoryModel::ReasonRole).toString(), QStringLiteral("spam"));
        QCOMPARE(data(1, RoomHistoryModel::TextRole).toString(),
                 QStringLiteral("Kicked by @mod:x: spam"));
        const QHash<int, QByteArray> roles = m_model->roleNames();
        QCOMPARE(roles.value(RoomHistoryModel::TimestampRole), QByteArray("timestamp"));
        QCOMPARE(roles.value(RoomHistoryModel::MembershipRole), QByteArray("membership"));
        QCOMPARE(roles.value(RoomHistoryModel::SenderRole), QByteArray("sender"));
        QCOMPARE(roles.value(RoomHistoryModel::ReasonRole), QByteArray("reason"));
        QCOMPARE(roles.value(RoomHistoryModel::TextRole), QByteArray("text"));
    }

    // Changes handed to the writer show at once, appended (a view keeps its place); once they
    // are on disk too they still show once; reload() reads what others wrote.
    void followsNewChanges()
    {
        QVERIFY(m_writer->appendHistory(Room, {entry(1, Membership::Join, Me)}));
        m_model->setRoomId(Room);
        QCOMPARE(texts(), QStringList{QStringLiteral("You joined")});
        QSignalSpy inserted(m_model.get(), &QAbstractItemModel::rowsInserted);
        QSignalSpy reset(m_model.get(), &QAbstractItemModel::modelReset);
        QSignalSpy counted(m_model.get(), &RoomHistoryModel::countChanged);
        QSignalSpy revision(m_model.get(), &RoomHistoryModel::revisionChanged);

        const Entry kick = entry(2, Membership::Leave, Mod, QStringLiteral("spam"));
        m_model->addEntries(Room, {kick}); // not yet on disk
        QCOMPARE(texts(), (QStringList{QStringLiteral("You joined"),
                                       QStringLiteral("Kicked by @mod:x: spam")}));
        QCOMPARE(inserted.count(), 1);
        QCOMPARE(inserted.first().at(1).toInt(), 1);
        QCOMPARE(reset.count(), 0);
        QCOMPARE(counted.count(), 1);
        QCOMPARE(m_model->summaryFor(Room), QStringLiteral("Kicked by @mod:x: spam"));
        QVERIFY(revision.wait(1000)); // bindings on summaryFor() re-evaluate

        // Now written: still once.
        QVERIFY(m_writer->appendHistory(Room, {kick}));
        m_model->reload();
        QCOMPARE(m_model->count(), 2);

        // Written by the writer alone, then reloaded.
        QVERIFY(m_writer->appendHistory(Room, {entry(3, Membership::Join, Me)}));
        m_model->reload();
        QCOMPARE(texts(), (QStringList{QStringLiteral("You joined"),
                                       QStringLiteral("Kicked by @mod:x: spam"),
                                       QStringLiteral("You joined")}));
        QCOMPARE(reset.count(), 0);

        // The same change again (state repeats in later syncs) adds nothing.
        m_model->addEntries(Room, {kick});
        QCOMPARE(m_model->count(), 3);
    }

    // Changes of another room do not show in this one; each room has its own summary.
    void roomsAreKeptApart()
    {
        QVERIFY(m_writer->appendHistory(
            Room, {entry(1, Membership::Join, Me), entry(2, Membership::Leave, Me)}));
        QVERIFY(m_writer->appendHistory(Other, {entry(3, Membership::Invite, Bob)}));
        m_model->setRoomId(Room);
        QCOMPARE(texts(), (QStringList{QStringLiteral("You joined"), QStringLiteral("You left")}));
        QSignalSpy inserted(m_model.get(), &QAbstractItemModel::rowsInserted);
        m_model->addEntries(Other, {entry(4, Membership::Join, Me)});
        QCOMPARE(inserted.count(), 0);
        QCOMPARE(m_model->count(), 2);
        QCOMPARE(m_model->summaryFor(Other), QStringLiteral("You joined"));
        QCOMPARE(m_model->summaryFor(Room), QStringLiteral("You left"));

        QSignalSpy roomChanged(m_model.get(), &RoomHistoryModel::roomIdChanged);
        m_model->setRoomId(Other);
        QCOMPARE(roomChanged.count(), 1);
        QCOMPARE(texts(),
                 (QStringList{QStringLiteral("Invited by @bob:x"), QStringLiteral("You joined")}));

        // A forgotten room's history is gone, the other's stays.
        QVERIFY(m_writer->removeRoom(Other));
        m_model->removeRoom(Other);
        QCOMPARE(m_model->count(), 0);
        QCOMPARE(m_model->summaryFor(Other), QString());
        QCOMPARE(m_model->summaryFor(Room), QStringLiteral("You left"));
    }

    // Nothing saved: no rows, no summary; nor without any store (signed out).
    void emptyStore()
    {
        m_model->setRoomId(Room);
        QCOMPARE(m_model->count(), 0);
        QCOMPARE(m_model->summaryFor(Room), QString());
        QCOMPARE(m_model->summaryFor(QString()), QString());

        QVERIFY(m_writer->appendHistory(Room, {entry(1, Membership::Join, Me)}));
        m_model->reload();
        QCOMPARE(m_model->count(), 1);
        m_model->setStore(nullptr);
        QCOMPARE(m_model->count(), 0);
        QCOMPARE(m_model->summaryFor(Room), QString());
    }

    // Through the app: a kick arriving in /sync shows in the open room's history at once, and
    // after a relaunch it is read back from disk.
    void appShowsAKickFromSyncAndAfterRelaunch()
    {
        const char *versions = R"({"versions":["v1.11"]})";
        const char *whoami = R"({"user_id":"@me:localhost","device_id":"D"})";
        const char *initial = R"({"next_batch":"s1","rooms":{"join":{"!k:localhost":{
            "state":{"events":[{"type":"m.room.member","state_key":"@me:localhost","sender":"@me:localhost",
              "event_id":"$join","origin_server_ts":1700000000000,"content":{"membership":"join"}}]}}}}})";
        const char *kick = R"({"next_batch":"s2","rooms":{"leave":{"!k:localhost":{
            "timeline":{"events":[{"type":"m.room.member","state_key":"@me:localhost","sender":"@mod:localhost",
              "event_id":"$kick","origin_server_ts":1700000100000,"content":{"membership":"leave","reason":"spam"}}]}}}}})";
        const QString room = QStringLiteral("!k:localhost");
        FakeHomeserver fake;
        fake.script("/_matrix/client/versions", {{200, versions}});
        fake.script("/_matrix/client/v3/account/whoami", {{200, whoami}});
        fake.script("/_matrix/client/v3/sync",
                    {{200, initial}, {200, kick}, FakeHomeserver::Reply::stall()});
        AppServices::Options options;
        options.useKeychain = false;
        options.keepRoomsOnDisk = true;
        options.storeDirectory = m_dir->path();
        {
            AppServices app(options);
            app.sync()->setLongPollTimeout(200);
            app.history()->setRoomId(room); // the dialog is open on the room all along
            QSignalSpy inserted(app.history(), &QAbstractItemModel::rowsInserted);
            app.signIn(fake.baseUrl().toString(), QStringLiteral("tok"));
            QTRY_COMPARE_WITH_TIMEOUT(app.history()->count(), 2, 10000);
            QVERIFY(inserted.count() >= 1);
            QCOMPARE(
                app.history()->data(app.history()->index(0), RoomHistoryModel::TextRole).toString(),
                QStringLiteral("You joined"));
            QCOMPARE(
                app.history()->data(app.history()->index(1), RoomHistoryModel::TextRole).toString(),
                QStringLiteral("Kicked by @mod:localhost: spam"));
            QCOMPARE(app.history()->summaryFor(room),
                     QStringLiteral("Kicked by @mod:localhost: spam"));
            app.flushStore();
        }
        // The next launch: the server answers the sign-in but never a sync; the history comes
        // from disk.
        fake.script("/_matrix/client/v3/sync", {FakeHomeserver::Reply::stall()});
        AppServices again(options);
        again.history()->setRoomId(room);
        QCOMPARE(again.history()->count(), 0); // no account yet, no store
        again.signIn(fake.baseUrl().toString(), QStringLiteral("tok"));
        QTRY_COMPARE_WITH_TIMEOUT(again.session()->state(), Session::SignedIn, 10000);
        QCOMPARE(again.history()->count(), 2);
        QCOMPARE(
            again.history()->data(again.history()->index(1), RoomHistoryModel::TextRole).toString(),
            QStringLiteral("Kicked by @mod:localhost: spam"));
        QCOMPARE(again.history()->summaryFor(room),
                 QStringLiteral("Kicked by @mod:localhost: spam"));

        // Signing out deletes the store: nothing is left to show.
        again.signOut();
        QCOMPARE(again.history()->count(), 0);
        QCOMPARE(again.history()->summaryFor(room), QString());
    }
};

QTEST_GUILESS_MAIN(TestRoomHistoryModel)
#include "tst_roomhistorymodel.moc"
