// Issue 10, the first steps: the room list is kept on disk per account, shown at the next launch
// before any network answer, and /sync continues from the saved position; our own membership
// changes become the room's history; signing out deletes it all.
#include "appservices.h"
#include "fakehomeserver.h"
#include "store/accountstore.h"
#include "sync/roomstore.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QUrlQuery>
#include <QtTest>

namespace {
const char *const Versions = R"({"versions":["v1.11"]})";
const char *const Whoami = R"({"user_id":"@me:localhost","device_id":"D"})";
const QString Me = QStringLiteral("@me:localhost");

// Two joined rooms and one we were kicked from, with a reason.
const char *const InitialSync = R"({"next_batch":"s1","rooms":{
  "join":{"!a:localhost":{"state":{"events":[{"type":"m.room.name","state_key":"","content":{"name":"Alpha"}}]}},
          "!b:localhost":{"state":{"events":[{"type":"m.room.name","state_key":"","content":{"name":"Beta"}}]}}},
  "leave":{"!k:localhost":{"state":{"events":[{"type":"m.room.name","state_key":"","content":{"name":"Kicked"}}]},
     "timeline":{"events":[{"type":"m.room.member","state_key":"@me:localhost","sender":"@mod:localhost",
       "event_id":"$kick","origin_server_ts":1700000000000,"content":{"membership":"leave","reason":"spam"}}]}}}}})";
} // namespace

class TestLaunchFromStore : public QObject
{
    Q_OBJECT

    std::unique_ptr<QTemporaryDir> m_dir; // each test starts with no saved account
    std::unique_ptr<FakeHomeserver> m_fake;

    // keychain: QtKeychain as the desktop app uses it, with no session bus here, so that it
    // answers later, as a slow keychain does. Else: remembered without a keychain (the file).
    std::unique_ptr<AppServices> makeApp(bool keychain = false)
    {
        if (keychain)
            qputenv("DBUS_SESSION_BUS_ADDRESS", "unix:path=/nonexistent/bus");
        AppServices::Options options;
        options.useKeychain = keychain;
        options.keepRoomsOnDisk = true;
        options.storeDirectory = m_dir->path();
        auto app = std::make_unique<AppServices>(options);
        app->credentials()->setUseFileStore(!keychain);
        app->sync()->setLongPollTimeout(200);
        return app;
    }
    QString queryItem(const FakeHomeserver::Request &r, const QString &key)
    {
        return QUrlQuery(QString::fromLatin1(r.rawQuery)).queryItemValue(key, QUrl::FullyDecoded);
    }
    // A first run: sign in, one sync stored, quit. The caller QVERIFYs it.
    bool firstRun()
    {
        m_fake->script("/_matrix/client/versions", {{200, Versions}});
        m_fake->script("/_matrix/client/v3/account/whoami", {{200, Whoami}});
        m_fake->script("/_matrix/client/v3/sync", {{200, InitialSync}, FakeHomeserver::Reply::stall()});
        auto app = makeApp();
        app->signIn(m_fake->baseUrl().toString(), QStringLiteral("tok1"));
        if (!QTest::qWaitFor([&] { return app->store()->size() == 3; }, 10000) ||
            !QTest::qWaitFor([&] { return !app->credentials()->busy(); }, 5000))
            return false;
        app->flushStore();
        m_fake->clear();
        return true;
    }

private slots:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }
    void init()
    {
        m_dir = std::make_unique<QTemporaryDir>();
        QVERIFY(m_dir->isValid());
        m_fake = std::make_unique<FakeHomeserver>();
    }
    void cleanup()
    {
        CredentialStore().forget();
        m_fake.reset();
    }

    void relaunchShowsTheListBeforeAnyAnswerThenCatchesUp()
    {
        QVERIFY(firstRun());
        // The server is silent at first: nothing it says can be what fills the list.
        m_fake->script("/_matrix/client/versions", {FakeHomeserver::Reply::stall()});
        auto app = makeApp();
        QSignalSpy restored(app.get(), &AppServices::restoreFinished);
        app->restoreSession();
        QCOMPARE(app->store()->size(), 3); // shown at once, from disk
        QCOMPARE(app->store()->find(QStringLiteral("!b:localhost"))->displayName(), QStringLiteral("Beta"));
        QCOMPARE(int(app->store()->find(QStringLiteral("!k:localhost"))->membership), int(Membership::Leave));
        QVERIFY(restored.wait(5000) || restored.count() == 1);
        QCOMPARE(m_fake->requestsTo("/_matrix/client/v3/sync").size(), 0);

        // The server answers: an incremental sync from the saved position, not a full one.
        m_fake->script("/_matrix/client/versions", {{200, Versions}});
        m_fake->script("/_matrix/client/v3/account/whoami", {{200, Whoami}});
        m_fake->script("/_matrix/client/v3/sync",
                       {{200, R"({"next_batch":"s2","rooms":{"invite":{"!new:localhost":{"invite_state":{"events":[
                             {"type":"m.room.member","state_key":"@me:localhost","sender":"@bob:localhost","content":{"membership":"invite"}}]}}}}})"},
                        FakeHomeserver::Reply::stall()});
        app->signIn(m_fake->baseUrl().toString(), QStringLiteral("tok1"));
        QTRY_COMPARE_WITH_TIMEOUT(app->store()->size(), 4, 10000);
        const auto syncs = m_fake->requestsTo("/_matrix/client/v3/sync");
        QVERIFY(!syncs.isEmpty());
        QCOMPARE(queryItem(syncs.first(), QStringLiteral("since")), QStringLiteral("s1"));
        QCOMPARE(queryItem(syncs.first(), QStringLiteral("timeout")), QStringLiteral("0")); // catching up answers at once
        QTRY_COMPARE_WITH_TIMEOUT(app->sync()->state(), SyncEngine::Synced, 5000);
        app->flushStore();

        // The history of the room we were kicked from, and the new position, are on disk.
        AccountStore disk(QStringLiteral("check"));
        QCOMPARE(disk.open(app->storePathFor(m_fake->baseUrl().toString(), Me)), AccountStore::OpenResult::Opened);
        QCOMPARE(disk.nextBatch(), QStringLiteral("s2"));
        QCOMPARE(disk.roomCount(), 4);
        const auto history = disk.history(QStringLiteral("!k:localhost"));
        QCOMPARE(history.size(), 1);
        QCOMPARE(history.first().sender, QStringLiteral("@mod:localhost"));
        QCOMPARE(history.first().reason, QStringLiteral("spam"));
        QCOMPARE(disk.history(QStringLiteral("!new:localhost")).first().sender, QStringLiteral("@bob:localhost"));
    }

    // restoring is true from restoreSession() until the session is read back, and drops only
    // once the session is being checked with the server (Resolving, then Verifying): the window
    // never shows the sign-in page in between. Nothing remembered: never restoring.
    void restoringCoversTheReadBack()
    {
        {
            auto app = makeApp();
            QSignalSpy changes(app.get(), &AppServices::restoringChanged);
            QSignalSpy restored(app.get(), &AppServices::restoreFinished);
            app->restoreSession();
            QCOMPARE(restored.count(), 1);
            QCOMPARE(restored.first().first().toBool(), false);
            QCOMPARE(changes.count(), 0);
            QVERIFY(!app->isRestoring());
        }
        QVERIFY(firstRun());
        m_fake->script("/_matrix/client/versions", {FakeHomeserver::Reply::stall()});
        auto app = makeApp();
        QList<std::pair<bool, Session::State>> seen;
        connect(app.get(), &AppServices::restoringChanged, this,
                [&] { seen.append({app->isRestoring(), app->session()->state()}); });
        QSignalSpy restored(app.get(), &AppServices::restoreFinished);
        app->restoreSession();
        QVERIFY(restored.count() == 1 || restored.wait(5000));
        QCOMPARE(restored.first().first().toBool(), true);
        QCOMPARE(seen.size(), 2);
        QCOMPARE(seen.at(0).first, true);
        QCOMPARE(seen.at(0).second, Session::SignedOut);
        QCOMPARE(seen.at(1).first, false);
        QCOMPARE(seen.at(1).second, Session::Resolving);
        QCOMPARE(app->store()->size(), 3);
    }

    // Signing out while the keychain is still being read (the saved rooms shown, their Sign out
    // button live): when the keychain (one that answers late) answers, nothing is restored.
    void signingOutWhileTheKeychainIsReadRestoresNothing()
    {
        QVERIFY(firstRun());
        const auto keychainApp = makeApp(true);
        AppServices &app = *keychainApp;
        QVERIFY(app.credentials()->savedUserId() == Me);
        QSignalSpy restored(&app, &AppServices::restoreFinished);
        app.restoreSession();
        QCOMPARE(app.store()->size(), 3);
        QVERIFY(app.isRestoring());
        QVERIFY(app.credentials()->busy()); // the keychain has not answered yet
        QCOMPARE(restored.count(), 0);

        app.signOut();
        QVERIFY(!app.isRestoring());
        QCOMPARE(app.store()->size(), 0);
        QVERIFY(QTest::qWaitFor([&] { return !app.credentials()->busy(); }, 15000));
        QTest::qWait(50);
        QCOMPARE(restored.count(), 0);
        QVERIFY(!app.isRestoring());
        QCOMPARE(app.session()->state(), Session::SignedOut);
        QCOMPARE(m_fake->requests().size(), 0);
    }

    // The sign-in page's Cancel while the keychain is read: restoring ends at once, and when the
    // keychain answers nothing is restored (restoreFinished(false), once).
    void cancellingTheKeychainReadRestoresNothing()
    {
        QVERIFY(firstRun());
        const auto keychainApp = makeApp(true);
        AppServices &app = *keychainApp;
        QSignalSpy restored(&app, &AppServices::restoreFinished);
        app.restoreSession();
        QVERIFY(app.isRestoring());
        QVERIFY(app.credentials()->busy());

        app.cancelRestore();
        QVERIFY(!app.isRestoring());
        QCOMPARE(restored.count(), 1);
        QCOMPARE(restored.first().first().toBool(), false);
        QVERIFY(QTest::qWaitFor([&] { return !app.credentials()->busy(); }, 15000));
        QTest::qWait(50);
        QCOMPARE(restored.count(), 1);
        QCOMPARE(app.session()->state(), Session::SignedOut);
        QCOMPARE(m_fake->requests().size(), 0);
        app.cancelRestore(); // nothing to cancel: nothing said
        QCOMPARE(restored.count(), 1);
    }

    // The GUI reads the saved rooms on a worker thread while its window loads: the same list and
    // position, shown by restoreSession() before any answer; a store that turned unreadable
    // meanwhile is moved aside there and said once, the list then coming from the server.
    void savedRoomsReadWhileTheWindowLoads()
    {
        QVERIFY(firstRun());
        m_fake->script("/_matrix/client/versions", {FakeHomeserver::Reply::stall()});
        {
            auto app = makeApp();
            app->preloadSavedRooms();
            app->restoreSession();
            QCOMPARE(app->store()->size(), 3);
            QCOMPARE(app->store()->find(QStringLiteral("!a:localhost"))->displayName(),
                     QStringLiteral("Alpha"));
            QCOMPARE(app->storeNotice(), QString());
            QCOMPARE(m_fake->requestsTo("/_matrix/client/v3/sync").size(), 0);
        }
        // Random bytes where the store was.
        const QString path = makeApp()->storePathFor(m_fake->baseUrl().toString(), Me);
        for (const QString &suffix : {QStringLiteral("-wal"), QStringLiteral("-shm")})
            QFile::remove(path + suffix);
        {
            QFile file(path);
            QVERIFY(file.open(QIODevice::WriteOnly | QIODevice::Truncate));
            file.write(QByteArray(4096, '\x5a'));
        }
        auto app = makeApp();
        app->preloadSavedRooms();
        app->restoreSession();
        QCOMPARE(app->store()->size(), 0);
        QVERIFY2(!app->storeNotice().isEmpty(), "the user is told");
        QVERIFY(QFileInfo::exists(path)); // a fresh store in its place
        const QStringList aside =
            QDir(QFileInfo(path).absolutePath())
                .entryList({QStringLiteral("store.sqlite.unusable-*")}, QDir::Files);
        QCOMPARE(aside.size(), 1); // kept for inspection, not deleted
    }

    void aRejectedPositionFallsBackToAFullSyncKeepingTheList()
    {
        QVERIFY(firstRun());
        m_fake->script("/_matrix/client/versions", {{200, Versions}});
        m_fake->script("/_matrix/client/v3/account/whoami", {{200, Whoami}});
        m_fake->script("/_matrix/client/v3/sync",
                       {{400, R"({"errcode":"M_UNKNOWN","error":"Invalid stream token"})"},
                        FakeHomeserver::Reply::stall()});
        auto app = makeApp();
        app->restoreSession();
        QCOMPARE(app->store()->size(), 3);
        QTRY_COMPARE_WITH_TIMEOUT(m_fake->requestsTo("/_matrix/client/v3/sync").size(), 2, 10000);
        const auto syncs = m_fake->requestsTo("/_matrix/client/v3/sync");
        QCOMPARE(queryItem(syncs.at(0), QStringLiteral("since")), QStringLiteral("s1"));
        QCOMPARE(queryItem(syncs.at(1), QStringLiteral("since")), QString()); // a full sync
        QCOMPARE(app->sync()->state(), SyncEngine::InitialSync);
        QCOMPARE(app->store()->size(), 3); // the list on screen was not emptied
    }

    void anInitialSyncDropsRoomsItNoLongerLists()
    {
        QVERIFY(firstRun());
        // The saved position is refused; the full sync that follows no longer lists !b (forgotten
        // from another client): it disappears from the list and from disk.
        m_fake->script("/_matrix/client/versions", {{200, Versions}});
        m_fake->script("/_matrix/client/v3/account/whoami", {{200, Whoami}});
        m_fake->script("/_matrix/client/v3/sync",
                       {{400, R"({"errcode":"M_UNKNOWN","error":"Invalid stream token"})"},
                        {200, R"({"next_batch":"s9","rooms":{"join":{"!a:localhost":{}},"leave":{"!k:localhost":{}}}})"},
                        FakeHomeserver::Reply::stall()});
        auto app = makeApp();
        app->restoreSession();
        QCOMPARE(app->store()->size(), 3);
        QTRY_COMPARE_WITH_TIMEOUT(app->store()->size(), 2, 10000);
        QCOMPARE(app->store()->find(QStringLiteral("!b:localhost")), nullptr);
        QCOMPARE(app->store()->find(QStringLiteral("!a:localhost"))->displayName(), QStringLiteral("Alpha"));
        app->flushStore();
        AccountStore disk(QStringLiteral("after-reconcile"));
        QCOMPARE(disk.open(app->storePathFor(m_fake->baseUrl().toString(), Me)), AccountStore::OpenResult::Opened);
        QCOMPARE(disk.roomCount(), 2);
        QCOMPARE(disk.nextBatch(), QStringLiteral("s9"));
    }

    void aRoomForgottenElsewhereGoesAfterTheInventoryCheck()
    {
        QVERIFY(firstRun());
        // While the app was closed, another client left !b and forgot it: the incremental sync
        // reports only the leave. Once caught up, one inventory sync (no since) lists every room
        // the account still has; !b is not among them, so it leaves the list and the disk. The
        // answer after the catch-up serves the long poll and the inventory alike, whichever
        // arrives first.
        const QByteArray inventory =
            R"({"next_batch":"s3","rooms":{"join":{"!a:localhost":{}},"leave":{"!k:localhost":{}}}})";
        m_fake->script("/_matrix/client/versions", {{200, Versions}});
        m_fake->script("/_matrix/client/v3/account/whoami", {{200, Whoami}});
        m_fake->script("/_matrix/client/v3/sync",
                       {{200, R"({"next_batch":"s2","rooms":{"leave":{"!b:localhost":{"timeline":{"events":[
                             {"type":"m.room.member","state_key":"@me:localhost","sender":"@me:localhost",
                              "event_id":"$left","origin_server_ts":1700000001000,"content":{"membership":"leave"}}]}}}}})"},
                        {200, inventory}, {200, inventory}, FakeHomeserver::Reply::stall()});
        auto app = makeApp();
        QSignalSpy dropped(app->sync(), &SyncEngine::roomsDropped);
        app->restoreSession();
        QCOMPARE(app->store()->size(), 3);
        QVERIFY(dropped.wait(10000));
        QCOMPARE(dropped.first().first().toStringList(), QStringList{QStringLiteral("!b:localhost")});
        QCOMPARE(app->store()->find(QStringLiteral("!b:localhost")), nullptr);
        QCOMPARE(int(app->store()->find(QStringLiteral("!k:localhost"))->membership), int(Membership::Leave));
        QCOMPARE(app->store()->size(), 2);

        // Exactly one sync without a position, with the inventory's narrow filter.
        const auto syncs = m_fake->requestsTo("/_matrix/client/v3/sync");
        QCOMPARE(queryItem(syncs.first(), QStringLiteral("since")), QStringLiteral("s1"));
        int inventories = 0;
        for (const auto &request : syncs)
            if (queryItem(request, QStringLiteral("since")).isEmpty()) {
                ++inventories;
                QCOMPARE(queryItem(request, QStringLiteral("filter")).toUtf8(), SyncEngine::inventoryFilterJson());
            }
        QCOMPARE(inventories, 1);

        app->flushStore();
        AccountStore disk(QStringLiteral("after-inventory"));
        QCOMPARE(disk.open(app->storePathFor(m_fake->baseUrl().toString(), Me)), AccountStore::OpenResult::Opened);
        QCOMPARE(disk.roomCount(), 2);
        QVERIFY(disk.history(QStringLiteral("!b:localhost")).isEmpty());
        QCOMPARE(disk.history(QStringLiteral("!k:localhost")).size(), 1); // a left room that stays keeps its story
    }

    void forgettingAndSigningOutDeleteFromDisk()
    {
        QVERIFY(firstRun());
        m_fake->script("/_matrix/client/versions", {{200, Versions}});
        m_fake->script("/_matrix/client/v3/account/whoami", {{200, Whoami}});
        m_fake->script("/_matrix/client/v3/sync", {FakeHomeserver::Reply::stall()});
        m_fake->script("/_matrix/client/v3/rooms/", {{200, "{}"}});
        auto app = makeApp();
        app->restoreSession();
        QTRY_COMPARE_WITH_TIMEOUT(app->session()->state(), Session::SignedIn, 10000);
        Operation *forget = app->membership()->forget(QStringLiteral("!k:localhost"));
        QTRY_COMPARE_WITH_TIMEOUT(forget->state(), Operation::Succeeded, 5000);
        app->flushStore();
        const QString path = app->storePathFor(m_fake->baseUrl().toString(), Me);
        {
            AccountStore disk(QStringLiteral("after-forget"));
            QCOMPARE(disk.open(path), AccountStore::OpenResult::Opened);
            QCOMPARE(disk.roomCount(), 2);
            QCOMPARE(disk.history(QStringLiteral("!k:localhost")).size(), 0);
        }
        app->signOut();
        app->flushStore();
        QVERIFY(!QFile::exists(path));
        QVERIFY(!QFile::exists(path + QStringLiteral("-wal")));
    }

    void storesAreKeptPerAccount()
    {
        AppServices::Options options;
        options.storeDirectory = m_dir->path();
        options.keepRoomsOnDisk = true;
        AppServices app(options);
        const QString hs = QStringLiteral("https://x");
        QVERIFY(app.storePathFor(hs, QStringLiteral("@a:x")) != app.storePathFor(hs, QStringLiteral("@b:x")));
        QVERIFY(app.storePathFor(hs, QStringLiteral("@a:x")).startsWith(m_dir->path()));
    }
};

QTEST_GUILESS_MAIN(TestLaunchFromStore)
#include "tst_launchfromstore.moc"
