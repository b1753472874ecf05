// The local store (issue 10): schema and migrations, a round trip of every stored field, and
// what happens to files that cannot be used — nothing is deleted, nothing crashes.
#include "store/accountstore.h"
#include "store/storewriter.h"

#include <QFile>
#include <QFileInfo>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QtTest>

namespace {
RoomSummary fullRoom(const QString &id)
{
    RoomSummary r;
    r.roomId = id;
    r.membership = Membership::Invite;
    r.name = QStringLiteral("Design ✓");
    r.canonicalAlias = QStringLiteral("#design:example.org");
    r.topic = QStringLiteral("Pixels\nand more");
    r.avatarMxc = QStringLiteral("mxc://example.org/AbC");
    r.heroes = {QStringLiteral("@a:example.org"), QStringLiteral("@b:example.org")};
    r.memberNames = {{QStringLiteral("@a:example.org"), QStringLiteral("Ann")},
                     {QStringLiteral("@b:example.org"), QString()}};
    r.joinedMemberCount = 12;
    r.invitedMemberCount = 0;
    r.inviterId = QStringLiteral("@a:example.org");
    r.tombstoneReplacement = QStringLiteral("!new:example.org");
    r.predecessor = QStringLiteral("!old:example.org");
    r.roomType = QStringLiteral("m.space");
    r.inDirectMap = true;
    r.directInvite = true;
    r.childIds = {QStringLiteral("!c1:example.org"), QStringLiteral("!c2:example.org")};
    r.parentIds = {QStringLiteral("!p:example.org")};
    r.updateDerived();
    return r;
}

void compareRooms(const RoomSummary &a, const RoomSummary &b)
{
    QCOMPARE(a.roomId, b.roomId);
    QCOMPARE(int(a.membership), int(b.membership));
    QCOMPARE(a.name, b.name);
    QCOMPARE(a.canonicalAlias, b.canonicalAlias);
    QCOMPARE(a.topic, b.topic);
    QCOMPARE(a.avatarMxc, b.avatarMxc);
    QCOMPARE(a.heroes, b.heroes);
    QCOMPARE(a.memberNames, b.memberNames);
    QCOMPARE(a.joinedMemberCount, b.joinedMemberCount);
    QCOMPARE(a.invitedMemberCount, b.invitedMemberCount);
    QCOMPARE(a.inviterId, b.inviterId);
    QCOMPARE(a.tombstoneReplacement, b.tombstoneReplacement);
    QCOMPARE(a.predecessor, b.predecessor);
    QCOMPARE(a.roomType, b.roomType);
    QCOMPARE(a.inDirectMap, b.inDirectMap);
    QCOMPARE(a.directInvite, b.directInvite);
    QCOMPARE(a.childIds, b.childIds);
    QCOMPARE(a.parentIds, b.parentIds);
    QCOMPARE(a.sortKey, b.sortKey);
    QCOMPARE(a.searchText, b.searchText);
}

QByteArray readAll(const QString &path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}
} // namespace

class TestAccountStore : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;
    QString path(const QString &name = QStringLiteral("store.sqlite")) const
    {
        return m_dir.filePath(name);
    }

    // The tables of the first schema (the second added room_history beside them), as it wrote
    // them.
    static bool createSchemaOneTables(QSqlQuery &q)
    {
        return q.exec(QStringLiteral(
                   "CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)")) &&
               q.exec(QStringLiteral("CREATE TABLE rooms (room_id TEXT PRIMARY KEY, "
                                     "membership INTEGER NOT NULL, name TEXT, "
                                     "canonical_alias TEXT, topic TEXT, avatar_url TEXT, "
                                     "heroes TEXT, member_names TEXT, "
                                     "joined_count INTEGER, invited_count INTEGER, inviter "
                                     "TEXT, tombstone TEXT, predecessor TEXT)"));
    }

private slots:
    void init() { QVERIFY(m_dir.isValid()); }

    void roundTripsEveryField()
    {
        const QString file = path(QStringLiteral("roundtrip/store.sqlite"));
        RoomSummary sparse;
        sparse.roomId = QStringLiteral("!sparse");
        sparse.membership = Membership::Leave;
        sparse.updateDerived();
        {
            AccountStore store(QStringLiteral("a"));
            QCOMPARE(store.open(file), AccountStore::OpenResult::Created);
            QVERIFY(store.saveSync({fullRoom(QStringLiteral("!full:example.org")), sparse},
                                   QStringLiteral("s72_1")));
        }
        AccountStore store(QStringLiteral("b"));
        QCOMPARE(store.open(file), AccountStore::OpenResult::Opened);
        QCOMPARE(store.nextBatch(), QStringLiteral("s72_1"));
        QList<RoomSummary> rooms = store.loadRooms();
        QCOMPARE(rooms.size(), 2);
        std::sort(rooms.begin(), rooms.end(),
                  [](const RoomSummary &x, const RoomSummary &y) { return x.roomId < y.roomId; });
        compareRooms(rooms.at(0), fullRoom(QStringLiteral("!full:example.org")));
        compareRooms(rooms.at(1), sparse);
        QCOMPARE(rooms.at(1).joinedMemberCount, -1); // "unknown" survives, not 0
        QCOMPARE(store.problem(), QString());
    }

    void saveReplacesARoomAndMovesThePosition()
    {
        AccountStore store(QStringLiteral("c"));
        store.open(path());
        RoomSummary room = fullRoom(QStringLiteral("!r:x"));
        QVERIFY(store.saveSync({room}, QStringLiteral("s1")));
        room.membership = Membership::Join;
        room.name = QStringLiteral("Renamed");
        room.updateDerived();
        QVERIFY(store.saveSync({room}, QStringLiteral("s2")));
        QCOMPARE(store.roomCount(), 1);
        QCOMPARE(store.loadRooms().first().name, QStringLiteral("Renamed"));
        QCOMPARE(int(store.loadRooms().first().membership), int(Membership::Join));
        QCOMPARE(store.nextBatch(), QStringLiteral("s2"));
    }

    void historyIsKeptOnceInOrderAndForgetDeletesIt()
    {
        AccountStore store(QStringLiteral("d"));
        store.open(path());
        QVERIFY(
            store.saveSync({fullRoom(QStringLiteral("!r:x")), fullRoom(QStringLiteral("!other:x"))},
                           QStringLiteral("s1")));
        const AccountStore::HistoryEntry invited{
            1000, Membership::Invite, QStringLiteral("@a:x"), {}, QStringLiteral("$1")};
        const AccountStore::HistoryEntry kicked{3000, Membership::Leave, QStringLiteral("@mod:x"),
                                                QStringLiteral("spam"), QStringLiteral("$3")};
        const AccountStore::HistoryEntry joined{
            2000, Membership::Join, QStringLiteral("@me:x"), {}, QStringLiteral("$2")};
        QVERIFY(store.appendHistory(QStringLiteral("!r:x"), {invited, kicked}));
        QVERIFY(store.appendHistory(QStringLiteral("!r:x"), {joined, kicked})); // $3 again
        QVERIFY(store.appendHistory(QStringLiteral("!other:x"),
                                    {{5, Membership::Join, {}, {}, QStringLiteral("$o")}}));
        const QList<AccountStore::HistoryEntry> expected{invited, joined, kicked};
        QCOMPARE(store.history(QStringLiteral("!r:x")), expected);

        QVERIFY(store.removeRoom(QStringLiteral("!r:x")));
        QCOMPARE(store.history(QStringLiteral("!r:x")).size(), 0);
        QCOMPARE(store.roomCount(), 1);
        QCOMPARE(store.history(QStringLiteral("!other:x")).size(), 1); // others untouched
    }

    void migratesAVersionOneStoreKeepingItsRooms()
    {
        const QString file = path(QStringLiteral("v1.sqlite"));
        {
            // A store as the first schema wrote it.
            QSqlDatabase db =
                QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("v1"));
            db.setDatabaseName(file);
            QVERIFY(db.open());
            QSqlQuery q(db);
            QVERIFY(createSchemaOneTables(q));
            QVERIFY(q.exec(QStringLiteral(
                "INSERT INTO rooms (room_id, membership, name) VALUES ('!old:x', 0, 'Old')")));
            QVERIFY(q.exec(QStringLiteral("INSERT INTO meta VALUES ('next_batch', 's9')")));
            QVERIFY(q.exec(QStringLiteral("PRAGMA user_version = 1")));
            db.close();
        }
        QSqlDatabase::removeDatabase(QStringLiteral("v1"));

        AccountStore store(QStringLiteral("e"));
        QCOMPARE(store.open(file), AccountStore::OpenResult::Opened);
        QCOMPARE(store.loadRooms().size(), 1);
        QCOMPARE(store.loadRooms().first().name, QStringLiteral("Old"));
        // Schema 4 drops the position (a full /sync fills in spaces and direct chats).
        QCOMPARE(store.nextBatch(), QString());
        // The history table of schema 2 is there.
        QVERIFY(store.appendHistory(QStringLiteral("!old:x"),
                                    {{1, Membership::Leave, {}, {}, QStringLiteral("$x")}}));
        QCOMPARE(store.history(QStringLiteral("!old:x")).size(), 1);
    }

    void migratesAVersionTwoStoreKeepingRoomsAndHistory()
    {
        const QString file = path(QStringLiteral("v2.sqlite"));
        {
            // A store as schema 2 wrote it: rooms, the sync position, history.
            QSqlDatabase db =
                QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("v2"));
            db.setDatabaseName(file);
            QVERIFY(db.open());
            QSqlQuery q(db);
            QVERIFY(createSchemaOneTables(q));
            QVERIFY(q.exec(QStringLiteral(
                "CREATE TABLE room_history (id INTEGER PRIMARY KEY AUTOINCREMENT, room_id TEXT NOT "
                "NULL, "
                "ts INTEGER NOT NULL, membership INTEGER NOT NULL, sender TEXT, reason TEXT, "
                "event_id TEXT NOT NULL UNIQUE)")));
            QVERIFY(q.exec(QStringLiteral(
                "INSERT INTO rooms (room_id, membership, name) VALUES ('!two:x', 1, 'Two')")));
            QVERIFY(q.exec(QStringLiteral("INSERT INTO meta VALUES ('next_batch', 's22')")));
            QVERIFY(q.exec(
                QStringLiteral("INSERT INTO room_history (room_id, ts, membership, sender, "
                               "reason, event_id) VALUES ('!two:x', 5, 1, '@a:x', 'hi', '$h')")));
            QVERIFY(q.exec(QStringLiteral("PRAGMA user_version = 2")));
            db.close();
        }
        QSqlDatabase::removeDatabase(QStringLiteral("v2"));

        AccountStore store(QStringLiteral("v2-open"));
        QCOMPARE(store.open(file), AccountStore::OpenResult::Opened);
        QCOMPARE(store.problem(), QString());
        QCOMPARE(store.loadRooms().size(), 1);
        QCOMPARE(store.loadRooms().first().name, QStringLiteral("Two"));
        QCOMPARE(store.nextBatch(), QString()); // dropped by schema 4
        const QList<AccountStore::HistoryEntry> history = store.history(QStringLiteral("!two:x"));
        QCOMPARE(history.size(), 1);
        QCOMPARE(history.first().reason, QStringLiteral("hi"));
        QSqlQuery q(QSqlDatabase::database(QStringLiteral("v2-open")));
        QVERIFY(q.exec(QStringLiteral("PRAGMA user_version")) && q.next());
        QCOMPARE(q.value(0).toInt(), AccountStore::SchemaVersion);
        // Schema 3's journal tables are there, empty.
        QVERIFY(q.exec(QStringLiteral("SELECT COUNT(*) FROM jobs")) && q.next());
        QCOMPARE(q.value(0).toInt(), 0);
        QVERIFY(q.exec(QStringLiteral("SELECT COUNT(*) FROM job_items")) && q.next());
        QCOMPARE(q.value(0).toInt(), 0);
    }

    void migratesAVersionThreeStoreInPlace()
    {
        const QString file = path(QStringLiteral("v3.sqlite"));
        {
            // A store as schema 3 wrote it, exactly: the first three steps, then rows of every
            // kind (rooms, position, history, a job and its item).
            QSqlDatabase db =
                QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("v3"));
            db.setDatabaseName(file);
            QVERIFY(db.open());
            QSqlQuery q(db);
            const char *const schema[] = {
                "CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)",
                "CREATE TABLE rooms (room_id TEXT PRIMARY KEY, membership INTEGER NOT NULL, name "
                "TEXT, "
                "canonical_alias TEXT, topic TEXT, avatar_url TEXT, heroes TEXT, member_names "
                "TEXT, "
                "joined_count INTEGER, invited_count INTEGER, inviter TEXT, tombstone TEXT, "
                "predecessor TEXT)",
                "CREATE TABLE room_history (id INTEGER PRIMARY KEY AUTOINCREMENT, room_id TEXT NOT "
                "NULL, "
                "ts INTEGER NOT NULL, membership INTEGER NOT NULL, sender TEXT, reason TEXT, "
                "event_id TEXT NOT NULL UNIQUE)",
                "CREATE INDEX room_history_room ON room_history (room_id, ts)",
                "CREATE TABLE jobs (job_id TEXT PRIMARY KEY, kind TEXT NOT NULL, title TEXT NOT "
                "NULL, "
                "created INTEGER NOT NULL, state TEXT NOT NULL, pace_ms INTEGER NOT NULL DEFAULT "
                "0, "
                "updated INTEGER NOT NULL)",
                "CREATE TABLE job_items (job_id TEXT NOT NULL, position INTEGER NOT NULL, "
                "description TEXT "
                "NOT NULL, state TEXT NOT NULL, error_kind INTEGER NOT NULL DEFAULT 0, errcode "
                "TEXT, "
                "message TEXT, http_status INTEGER NOT NULL DEFAULT 0, attempts INTEGER NOT NULL "
                "DEFAULT 0, "
                "updated INTEGER NOT NULL, PRIMARY KEY (job_id, position))",
                "INSERT INTO rooms (room_id, membership, name, canonical_alias, joined_count, "
                "heroes) "
                "VALUES ('!three:x', 0, 'Three', '#three:x', 7, '@a:x\n@b:x')",
                "INSERT INTO rooms (room_id, membership, name) VALUES ('!left:x', 2, 'Left')",
                "INSERT INTO meta VALUES ('next_batch', 's33')",
                "INSERT INTO room_history (room_id, ts, membership, sender, reason, event_id) "
                "VALUES ('!left:x', 5, 2, '@a:x', 'bye', '$h')",
                "INSERT INTO jobs VALUES ('j1', 'leave', 'Leave 1 room', 1, 'done', 0, 2)",
                "INSERT INTO job_items (job_id, position, description, state, updated) "
                "VALUES ('j1', 0, '!left:x', 'done', 2)",
                "PRAGMA user_version = 3",
            };
            for (const char *statement : schema)
                QVERIFY2(q.exec(QString::fromLatin1(statement)), statement);
            db.close();
        }
        QSqlDatabase::removeDatabase(QStringLiteral("v3"));

        AccountStore store(QStringLiteral("v3-open"));
        QCOMPARE(store.open(file), AccountStore::OpenResult::Opened); // in place, not moved aside
        QCOMPARE(store.problem(), QString());
        QCOMPARE(store.movedAsidePath(), QString());
        QSqlQuery q(QSqlDatabase::database(QStringLiteral("v3-open")));
        QVERIFY(q.exec(QStringLiteral("PRAGMA user_version")) && q.next());
        QCOMPARE(q.value(0).toInt(), 4);
        // The rooms are kept, with no space or direct chat known yet…
        QList<RoomSummary> rooms = store.loadRooms();
        QCOMPARE(rooms.size(), 2);
        std::sort(rooms.begin(), rooms.end(),
                  [](const RoomSummary &x, const RoomSummary &y) { return x.roomId < y.roomId; });
        QCOMPARE(rooms.at(1).name, QStringLiteral("Three"));
        QCOMPARE(rooms.at(1).canonicalAlias, QStringLiteral("#three:x"));
        QCOMPARE(rooms.at(1).joinedMemberCount, 7);
        QCOMPARE(rooms.at(1).heroes, QStringList({QStringLiteral("@a:x"), QStringLiteral("@b:x")}));
        QCOMPARE(int(rooms.at(0).membership), int(Membership::Leave));
        for (const RoomSummary &room : std::as_const(rooms)) {
            QCOMPARE(room.roomType, QString());
            QVERIFY(!room.inDirectMap && !room.directInvite);
            QVERIFY(room.childIds.isEmpty() && room.parentIds.isEmpty());
        }
        // …so the position is dropped: the next /sync is a full one that fills them in.
        QCOMPARE(store.nextBatch(), QString());
        // History and jobs are untouched.
        QCOMPARE(store.history(QStringLiteral("!left:x")).size(), 1);
        QCOMPARE(store.history(QStringLiteral("!left:x")).first().reason, QStringLiteral("bye"));
        QVERIFY(q.exec(QStringLiteral("SELECT COUNT(*) FROM job_items WHERE job_id = 'j1'")) &&
                q.next());
        QCOMPARE(q.value(0).toInt(), 1);
        // And the new columns are written and read back.
        RoomSummary space = rooms.at(1);
        space.roomType = QStringLiteral("m.space");
        space.childIds = {QStringLiteral("!left:x")};
        QVERIFY(store.saveSync({space}, QStringLiteral("s34")));
        QCOMPARE(store.nextBatch(), QStringLiteral("s34"));
        const QList<RoomSummary> again = store.loadRooms();
        const auto it = std::find_if(again.cbegin(), again.cend(), [](const RoomSummary &r) {
            return r.roomId == QLatin1String("!three:x");
        });
        QVERIFY(it != again.cend());
        QVERIFY(it->isSpace());
        QCOMPARE(it->childIds, QStringList{QStringLiteral("!left:x")});
    }

    void twoConnectionsOpeningAnOldStoreMigrateItOnce()
    {
        const QString file = path(QStringLiteral("race/store.sqlite"));
        {
            AccountStore first(QStringLiteral("race-first"));
            QCOMPARE(first.open(file), AccountStore::OpenResult::Created);
            QVERIFY(first.saveSync({fullRoom(QStringLiteral("!r:x"))}, QStringLiteral("s1")));
            QSqlQuery q(QSqlDatabase::database(QStringLiteral("race-first")));
            QVERIFY(q.exec(QStringLiteral("DROP TABLE jobs")));
            QVERIFY(q.exec(QStringLiteral("DROP TABLE job_items")));
            // Schema 4's columns too: this file is then what schema 2 wrote.
            for (const char *column :
                 {"room_type", "direct", "direct_invite", "children", "parents"})
                QVERIFY2(q.exec(QStringLiteral("ALTER TABLE rooms DROP COLUMN %1")
                                    .arg(QLatin1String(column))),
                         qPrintable(q.lastError().text()));
            QVERIFY(q.exec(QStringLiteral("PRAGMA user_version = 2")));
        }
        // The writer thread and the reader (or the journal) open the same old file at once.
        StoreWriter writer;
        QSignalSpy opened(&writer, &StoreWriter::opened);
        writer.open(file);
        AccountStore reader(QStringLiteral("race-reader"));
        const AccountStore::OpenResult result = reader.open(file);
        // Counted, not waited for: the writer may well have finished while the reader waited
        // for its lock (the spy records on the writer's thread), and wait() only sees new ones.
        QTRY_COMPARE_WITH_TIMEOUT(opened.count(), 1, 10000);
        QCOMPARE(result, AccountStore::OpenResult::Opened);
        QCOMPARE(opened.first().first().value<AccountStore::OpenResult>(),
                 AccountStore::OpenResult::Opened);
        QCOMPARE(reader.movedAsidePath(), QString());
        QCOMPARE(reader.roomCount(), 1);
    }

    void unusableFilesAreMovedAsideAndRebuilt_data()
    {
        QTest::addColumn<QString>("kind");
        QTest::newRow("random bytes") << "random";
        QTest::newRow("truncated") << "truncated";
        QTest::newRow("newer schema") << "newer";
    }
    void unusableFilesAreMovedAsideAndRebuilt()
    {
        QFETCH(QString, kind);
        const QString file = path(kind + QStringLiteral(".sqlite"));
        if (kind == QLatin1String("random")) {
            QFile f(file);
            QVERIFY(f.open(QIODevice::WriteOnly));
            QByteArray junk;
            for (int i = 0; i < 64 * 1024; ++i)
                junk.append(char(QRandomGenerator::global()->bounded(256)));
            f.write(junk);
        } else {
            {
                AccountStore writer(QStringLiteral("w-") + kind);
                writer.open(file);
                QList<RoomSummary> many;
                for (int i = 0; i < 500; ++i)
                    many << fullRoom(QStringLiteral("!r%1:x").arg(i));
                QVERIFY(writer.saveSync(many, QStringLiteral("s1")));
                if (kind == QLatin1String("newer")) {
                    QSqlQuery q(QSqlDatabase::database(QStringLiteral("w-") + kind));
                    QVERIFY(q.exec(QStringLiteral("PRAGMA user_version = 99")));
                }
                QSqlQuery checkpoint(QSqlDatabase::database(QStringLiteral("w-") + kind));
                checkpoint.exec(QStringLiteral("PRAGMA wal_checkpoint(TRUNCATE)"));
            }
            if (kind == QLatin1String("truncated")) {
                QFile f(file);
                QVERIFY(f.size() > 8192);
                QVERIFY(f.resize(f.size() / 3));
            }
        }
        const QByteArray before = readAll(file);

        AccountStore store(QStringLiteral("s-") + kind);
        QCOMPARE(store.open(file), AccountStore::OpenResult::Recovered);
        QVERIFY(!store.problem().isEmpty());
        if (kind == QLatin1String("newer"))
            QVERIFY2(store.problem().contains(QLatin1String("newer")), qPrintable(store.problem()));
        // Kept, byte for byte, next to the new store.
        QVERIFY(!store.movedAsidePath().isEmpty());
        QCOMPARE(readAll(store.movedAsidePath()), before);
        // The new store works.
        QCOMPARE(store.roomCount(), 0);
        QVERIFY(store.saveSync({fullRoom(QStringLiteral("!n:x"))}, QStringLiteral("s2")));
        QCOMPARE(store.loadRooms().size(), 1);
    }

    void anUnwritableLocationKeepsTheStoreInMemory()
    {
        // A path below a regular file can never be created, even by root.
        QFile blocker(path(QStringLiteral("not-a-dir")));
        QVERIFY(blocker.open(QIODevice::WriteOnly));
        blocker.close();
        AccountStore store(QStringLiteral("m"));
        QCOMPARE(store.open(path(QStringLiteral("not-a-dir/store.sqlite"))),
                 AccountStore::OpenResult::InMemory);
        QVERIFY(!store.problem().isEmpty());
        QVERIFY(store.isOpen());
        QVERIFY(store.saveSync({fullRoom(QStringLiteral("!r:x"))}, QStringLiteral("s1")));
        QCOMPARE(store.loadRooms().size(), 1);
    }

    void destroyDeletesTheFilesAndAccountsAreSeparate()
    {
        const QString hs = QStringLiteral("https://example.org");
        const QString alice =
            AccountStore::defaultPathFor(hs, QStringLiteral("@alice:example.org"));
        const QString bob = AccountStore::defaultPathFor(hs, QStringLiteral("@bob:example.org"));
        QVERIFY(alice != bob);
        // The same user ID on another server (a reset test server) is another account.
        QVERIFY(alice != AccountStore::defaultPathFor(QStringLiteral("http://127.0.0.1:8008"),
                                                      QStringLiteral("@alice:example.org")));
        QVERIFY(!alice.contains(QLatin1String("alice"))); // no user ID in file names

        const QString a = path(QStringLiteral("acc-a/store.sqlite"));
        const QString b = path(QStringLiteral("acc-b/store.sqlite"));
        {
            AccountStore storeA(QStringLiteral("acc-a"));
            AccountStore storeB(QStringLiteral("acc-b"));
            storeA.open(a);
            storeB.open(b);
            QVERIFY(storeA.saveSync({fullRoom(QStringLiteral("!a:x"))}, QStringLiteral("sa")));
            QCOMPARE(storeB.roomCount(), 0);
            storeA.close();
            QVERIFY(AccountStore::destroy(a));
            QVERIFY(!QFile::exists(a));
            QVERIFY(!QFile::exists(a + QStringLiteral("-wal")));
            QVERIFY(!QFileInfo::exists(QFileInfo(a).absolutePath())); // no empty folder left
            QVERIFY(QFileInfo::exists(b));
            QVERIFY(storeB.saveSync({fullRoom(QStringLiteral("!b:x"))}, QStringLiteral("sb")));
        }
        AccountStore reopened(QStringLiteral("acc-b2"));
        QCOMPARE(reopened.open(b), AccountStore::OpenResult::Opened);
        QCOMPARE(reopened.roomCount(), 1);
    }

    void theWriterThreadWritesInOrderWhileAReaderReads()
    {
        const QString file = path(QStringLiteral("writer/store.sqlite"));
        StoreWriter writer;
        QSignalSpy opened(&writer, &StoreWriter::opened);
        QSignalSpy failed(&writer, &StoreWriter::writeFailed);
        writer.open(file);
        QVERIFY(opened.wait(5000));
        QCOMPARE(opened.first().first().value<AccountStore::OpenResult>(),
                 AccountStore::OpenResult::Created);
        RoomSummary room = fullRoom(QStringLiteral("!w:x"));
        writer.saveSync({room}, QStringLiteral("s1"));
        room.name = QStringLiteral("Second");
        writer.saveSync({room}, QStringLiteral("s2"));
        writer.appendHistory(room.roomId, {{7, Membership::Join, {}, {}, QStringLiteral("$j")}});
        writer.flush();

        AccountStore reader(QStringLiteral("reader"));
        QCOMPARE(reader.open(file), AccountStore::OpenResult::Opened);
        QCOMPARE(reader.nextBatch(), QStringLiteral("s2"));
        QCOMPARE(reader.loadRooms().first().name, QStringLiteral("Second"));
        QCOMPARE(reader.history(room.roomId).size(), 1);
        reader.close();

        writer.removeRoom(room.roomId);
        writer.flush();
        QVERIFY(reader.open(file) == AccountStore::OpenResult::Opened);
        QCOMPARE(reader.roomCount(), 0);
        reader.close();

        writer.closeAndDestroy();
        writer.flush();
        QVERIFY(!QFile::exists(file));
        QCOMPARE(failed.size(), 0);
    }
};

QTEST_GUILESS_MAIN(TestAccountStore)
#include "tst_accountstore.moc"
