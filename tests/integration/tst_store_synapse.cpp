// Issue 10 against a real Synapse: the GUI's composition (AppServices with keepRoomsOnDisk) quits
// and launches again on the same store directory, with the session remembered. What changed on
// the server while Concierge was closed — an invite, a kick with a reason, a room forgotten from
// another client — shows after the launch's incremental /sync; the saved list itself is on screen
// before any request has completed. The server's own view (admin API) is the oracle for what
// happened there; the store file (AccountStore opened beside the app) for what was kept.
#include "appservices.h"
#include "models/roomhistorymodel.h"
#include "store/accountstore.h"
#include "synapsefixture.h"
#include "sync/roomstore.h"

#include <QElapsedTimer>
#include <QFile>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QUrlQuery>
#include <QtTest>

namespace {
constexpr int SignInTimeoutMs = 30000;
constexpr int SyncTimeoutMs = 20000;
const QString Spam = QStringLiteral("spam test");

QString queryItem(const QUrl &url, const QString &key)
{
    return QUrlQuery(url).queryItemValue(key, QUrl::FullyDecoded);
}

bool isSync(const QUrl &url)
{
    return url.path().endsWith(QLatin1String("/client/v3/sync"));
}

// What a launch did, in order: when the room list first held the saved rooms, each network reply
// that completed (path only: no token is ever in a URL, but keep the log short), the /sync URLs
// and the sync states. Attached before the launch starts.
struct LaunchLog
{
    QElapsedTimer clock;
    QStringList events;
    QList<QUrl> syncRequests;
    QList<SyncEngine::State> states;
    qint64 shownMs = -1;
    qint64 firstReplyMs = -1;
    qint64 caughtUpMs = -1;
    int shownRows = 0;
    int managers = 0; // access managers observed

    void attach(AppServices *app, int expectedRows)
    {
        clock.start();
        RoomListModel *model = app->roomModel();
        auto checkShown = [this, model, expectedRows] {
            if (shownMs < 0 && model->rowCount() == expectedRows) {
                shownMs = clock.elapsed();
                shownRows = model->rowCount();
                events << QStringLiteral("rooms shown");
            }
        };
        QObject::connect(model, &QAbstractItemModel::rowsInserted, app, checkShown);
        QObject::connect(model, &QAbstractItemModel::modelReset, app, checkShown);
        // Every reply of every access manager the app owns (ApiClient's, thumbnails' …).
        const auto all = app->findChildren<QNetworkAccessManager *>();
        managers = int(all.size());
        for (QNetworkAccessManager *nam : all)
            QObject::connect(nam, &QNetworkAccessManager::finished, app,
                             [this](QNetworkReply *reply) {
                                 if (firstReplyMs < 0)
                                     firstReplyMs = clock.elapsed();
                                 events << QStringLiteral("reply ") + reply->url().path();
                                 if (isSync(reply->url()))
                                     syncRequests << reply->url();
                             });
        QObject::connect(app->sync(), &SyncEngine::stateChanged, app, [this, app] {
            states << app->sync()->state();
            if (caughtUpMs < 0 && app->sync()->state() == SyncEngine::Synced)
                caughtUpMs = clock.elapsed();
        });
    }
};
} // namespace

class TestStoreSynapse : public QObject
{
    Q_OBJECT

    SynapseFixture m_server;
    SynapseFixture::User m_admin;
    std::unique_ptr<QTemporaryDir> m_dir; // the app's store directory, one per test

    std::unique_ptr<AppServices> makeApp()
    {
        AppServices::Options options;
        options.useKeychain = false;
        options.keepRoomsOnDisk = true; // the GUI's setting
        options.storeDirectory = m_dir->path();
        auto app = std::make_unique<AppServices>(options);
        app->credentials()->setUseFileStore(true); // the session is remembered without a keychain
        app->sync()->setLongPollTimeout(5000);
        return app;
    }

    QString storePath(const SynapseFixture::User &user)
    {
        return makeApp()->storePathFor(m_server.baseUrl().toString(), user.userId);
    }

    // The first session: signs in as user, waits for the initial sync to list expectedRooms and
    // the session to be remembered, saves and quits. *savedBatch: the sync position on disk after
    // quitting. False when any of it does not happen in time (use as QVERIFY(firstRun(…))).
    bool firstRun(const SynapseFixture::User &user, int expectedRooms, QString *savedBatch)
    {
        {
            auto app = makeApp();
            app->signIn(m_server.baseUrl().toString(), user.accessToken);
            const bool synced = QTest::qWaitFor(
                [&] {
                    return app->sync()->state() == SyncEngine::Synced &&
                           app->store()->size() == expectedRooms && !app->credentials()->busy();
                },
                SignInTimeoutMs);
            if (!synced) {
                qWarning("first run: state %d, %d rooms of %d", int(app->sync()->state()),
                         app->store()->size(), expectedRooms);
                return false;
            }
            app->flushStore();
        } // quit
        AccountStore disk(QStringLiteral("after-first-run"));
        if (disk.open(storePath(user)) != AccountStore::OpenResult::Opened ||
            disk.roomCount() != expectedRooms)
            return false;
        *savedBatch = disk.nextBatch();
        return !savedBatch->isEmpty();
    }

    static int sectionOf(AppServices *app, const QString &roomId)
    {
        const int row = app->store()->indexOf(roomId);
        if (row < 0)
            return -1;
        return app->roomModel()->index(row).data(RoomListModel::SectionRole).toInt();
    }

    static QString nameOf(AppServices *app, const QString &roomId)
    {
        const RoomSummary *room = app->store()->find(roomId);
        return room ? room->displayName() : QString();
    }

    QString createNamedRoom(const SynapseFixture::User &creator, const QString &name)
    {
        return m_server.createRoom(creator,
                                   {{QStringLiteral("preset"), QStringLiteral("public_chat")},
                                    {QStringLiteral("name"), name}});
    }

private slots:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(
            true); // the remembered session stays in the test's config
        QString error;
        QVERIFY2(m_server.load(&error), qPrintable(error));
        m_admin = m_server.registerUser(QStringLiteral("admin"), true);
        QVERIFY(!m_admin.accessToken.isEmpty());
    }

    void init()
    {
        m_dir = std::make_unique<QTemporaryDir>();
        QVERIFY(m_dir->isValid());
    }

    void cleanup()
    {
        CredentialStore credentials;
        credentials.disableKeychain();
        credentials.forget();
        m_dir.reset();
    }

    // The saved list (joined, invited and left rooms) is on screen before any request of the
    // launch has completed; /sync then continues from the saved position, not a full sync.
    void relaunchShowsTheSavedListBeforeAnyRequestCompletes()
    {
        const auto alice = m_server.registerUser(QStringLiteral("alice"));
        const auto bob = m_server.registerUser(QStringLiteral("bob"));
        const QString joined1 = createNamedRoom(bob, QStringLiteral("Joined one"));
        QVERIFY(m_server.join(alice, joined1));
        const QString joined2 = createNamedRoom(alice, QStringLiteral("Joined two"));
        QVERIFY(!joined2.isEmpty());
        const QString invited = createNamedRoom(bob, QStringLiteral("Invited"));
        QVERIFY(m_server.invite(bob, invited, alice.userId));
        const QString left = createNamedRoom(bob, QStringLiteral("Left"));
        QVERIFY(m_server.join(alice, left));
        QVERIFY(m_server.leave(alice, left));

        QString saved;
        QVERIFY(firstRun(alice, 4, &saved));

        auto app = makeApp();
        LaunchLog log;
        log.attach(app.get(), 4);
        QVERIFY(log.managers > 0);
        app->restoreSession();
        QSignalSpy synced(app->sync(), &SyncEngine::synced);
        QVERIFY(synced.wait(SyncTimeoutMs));

        // The order of events: the rooms first, then any reply at all.
        QVERIFY2(!log.events.isEmpty(), "nothing happened");
        QCOMPARE(log.events.first(), QStringLiteral("rooms shown"));
        QCOMPARE(log.shownRows, 4);
        QVERIFY2(log.events.size() > 1, qPrintable(log.events.join(QLatin1String(", "))));
        QVERIFY(log.firstReplyMs >= log.shownMs);
        // The sections as the list shows them, straight from the store.
        QCOMPARE(sectionOf(app.get(), joined1), int(RoomSection::Joined));
        QCOMPARE(sectionOf(app.get(), joined2), int(RoomSection::Joined));
        QCOMPARE(sectionOf(app.get(), invited), int(RoomSection::Invites));
        QCOMPARE(sectionOf(app.get(), left), int(RoomSection::Left));
        QCOMPARE(nameOf(app.get(), joined2), QStringLiteral("Joined two"));
        QCOMPARE(nameOf(app.get(), invited), QStringLiteral("Invited"));

        // Resumed from the saved position: the first /sync carried it and answered at once, and
        // no full initial sync (the app's filter without `since`) was sent.
        QVERIFY(!log.syncRequests.isEmpty());
        QCOMPARE(queryItem(log.syncRequests.first(), QStringLiteral("since")), saved);
        QCOMPARE(queryItem(log.syncRequests.first(), QStringLiteral("timeout")),
                 QStringLiteral("0"));
        QCOMPARE(queryItem(log.syncRequests.first(), QStringLiteral("filter")),
                 QString::fromUtf8(SyncEngine::filterJson()));
        for (const QUrl &url : std::as_const(log.syncRequests))
            QVERIFY2(!queryItem(url, QStringLiteral("since")).isEmpty() ||
                         queryItem(url, QStringLiteral("filter")) !=
                             QString::fromUtf8(SyncEngine::filterJson()),
                     "a full initial sync was sent");
        QVERIFY(log.states.contains(SyncEngine::Updating)); // "Updating…" while catching up
        QVERIFY(!log.states.contains(SyncEngine::InitialSync));
        QCOMPARE(app->sync()->state(), SyncEngine::Synced);
        QCOMPARE(app->store()->size(), 4);
        qInfo("relaunch: list shown at %lld ms, first reply at %lld ms, caught up at %lld ms",
              log.shownMs, log.firstReplyMs, log.caughtUpMs);
    }

    // Bob invites alice while Concierge is closed: not in the restored list, there as an invite
    // (from bob) once the incremental sync is applied.
    void inviteSentWhileClosedAppearsAfterTheIncrementalSync()
    {
        const auto alice = m_server.registerUser(QStringLiteral("alice"));
        const auto bob = m_server.registerUser(QStringLiteral("bob"));
        const QString joined = createNamedRoom(bob, QStringLiteral("Already joined"));
        QVERIFY(m_server.join(alice, joined));
        QString saved;
        QVERIFY(firstRun(alice, 1, &saved));

        const QString invited = createNamedRoom(bob, QStringLiteral("Invited while closed"));
        QVERIFY(m_server.invite(bob, invited, alice.userId));
        QCOMPARE(m_server.membershipOf(m_admin, invited, alice.userId), QStringLiteral("invite"));

        auto app = makeApp();
        LaunchLog log;
        log.attach(app.get(), 1);
        QSignalSpy applied(app->sync(), &SyncEngine::responseApplied);
        app->restoreSession();
        QCOMPARE(app->store()->size(), 1); // the saved list, before any answer
        QVERIFY(!app->store()->find(invited));
        QCOMPARE(sectionOf(app.get(), joined), int(RoomSection::Joined));

        QVERIFY(applied.wait(SyncTimeoutMs)); // the first /sync of this launch
        QCOMPARE(log.syncRequests.size(), 1);
        QCOMPARE(queryItem(log.syncRequests.first(), QStringLiteral("since")), saved);
        QVERIFY(app->store()->find(invited));
        QCOMPARE(sectionOf(app.get(), invited), int(RoomSection::Invites));
        QCOMPARE(nameOf(app.get(), invited), QStringLiteral("Invited while closed"));
        const int row = app->store()->indexOf(invited);
        QCOMPARE(app->roomModel()->index(row).data(RoomListModel::InviterIdRole).toString(),
                 bob.userId);
        QCOMPARE(app->store()->size(), 2);
    }

    // A moderator kicks alice with a reason while Concierge is closed: after the incremental
    // sync the room is in the Left section, and its history says who kicked and why — on disk
    // and in the history the UI shows.
    void kickWithReasonWhileClosedIsInTheLeftRoomsHistory()
    {
        const auto alice = m_server.registerUser(QStringLiteral("alice"));
        const auto bob = m_server.registerUser(QStringLiteral("bob"));
        const QString roomId = createNamedRoom(bob, QStringLiteral("Kicked while closed"));
        QVERIFY(m_server.join(alice, roomId));
        QString saved;
        QVERIFY(firstRun(alice, 1, &saved));

        QVERIFY(m_server.kick(bob, roomId, alice.userId, Spam));
        const QJsonObject kick = m_server.memberEvent(m_admin, roomId, alice.userId);
        QCOMPARE(kick.value(QLatin1String("content"))
                     .toObject()
                     .value(QLatin1String("membership"))
                     .toString(),
                 QStringLiteral("leave"));
        QCOMPARE(kick.value(QLatin1String("sender")).toString(), bob.userId);
        const QString kickEventId = kick.value(QLatin1String("event_id")).toString();
        QVERIFY(!kickEventId.isEmpty());

        auto app = makeApp();
        QSignalSpy applied(app->sync(), &SyncEngine::responseApplied);
        app->restoreSession();
        QCOMPARE(sectionOf(app.get(), roomId), int(RoomSection::Joined)); // as it was saved
        QVERIFY(applied.wait(SyncTimeoutMs));
        QCOMPARE(sectionOf(app.get(), roomId), int(RoomSection::Left));
        QCOMPARE(int(app->store()->find(roomId)->membership), int(Membership::Leave));
        QCOMPARE(nameOf(app.get(), roomId), QStringLiteral("Kicked while closed"));

        // On disk: the kick, by bob, with the reason, identified by the server's event.
        app->flushStore();
        {
            AccountStore disk(QStringLiteral("after-kick"));
            QCOMPARE(disk.open(app->storePathFor(m_server.baseUrl().toString(), alice.userId)),
                     AccountStore::OpenResult::Opened);
            const auto history = disk.history(roomId);
            QVERIFY(!history.isEmpty());
            const AccountStore::HistoryEntry &last = history.last();
            QCOMPARE(int(last.membership), int(Membership::Leave));
            QCOMPARE(last.sender, bob.userId);
            QCOMPARE(last.reason, Spam);
            QCOMPARE(last.eventId, kickEventId);
        }

        // What the room's history shows (row detail and the list's tooltip).
        const QString expected = QStringLiteral("Kicked by %1: %2").arg(bob.userId, Spam);
        RoomHistoryModel *history = app->history();
        history->setRoomId(roomId);
        QVERIFY(history->rowCount() >= 1);
        const QModelIndex latest = history->index(history->rowCount() - 1);
        QCOMPARE(latest.data(RoomHistoryModel::TextRole).toString(), expected);
        QCOMPARE(latest.data(RoomHistoryModel::SenderRole).toString(), bob.userId);
        QCOMPARE(latest.data(RoomHistoryModel::ReasonRole).toString(), Spam);
        QCOMPARE(history->summaryFor(roomId), expected);
    }

    // Alice leaves and forgets a room from another client (another device of the same account)
    // while Concierge is closed. The relaunch shows the saved list, the room included; once
    // Concierge has caught up the room is gone from the list and from disk, and the other rooms
    // are still there.
    void roomForgottenFromAnotherClientDisappears()
    {
        const auto alice = m_server.registerUser(QStringLiteral("alice"));
        const auto bob = m_server.registerUser(QStringLiteral("bob"));
        const QString stays = createNamedRoom(bob, QStringLiteral("Stays"));
        QVERIFY(m_server.join(alice, stays));
        const QString forgotten = createNamedRoom(bob, QStringLiteral("Forgotten elsewhere"));
        QVERIFY(m_server.join(alice, forgotten));
        const QString leftBefore = createNamedRoom(bob, QStringLiteral("Left before, kept"));
        QVERIFY(m_server.join(alice, leftBefore));
        QVERIFY(m_server.leave(alice, leftBefore));
        QString saved;
        QVERIFY(firstRun(alice, 3, &saved));

        const auto otherDevice = m_server.loginAnotherDevice(alice);
        QVERIFY(!otherDevice.accessToken.isEmpty());
        QVERIFY(otherDevice.accessToken != alice.accessToken);
        QVERIFY(m_server.leave(otherDevice, forgotten));
        QVERIFY(m_server.forget(otherDevice, forgotten));
        QCOMPARE(m_server.membershipOf(m_admin, forgotten, alice.userId), QStringLiteral("leave"));

        auto app = makeApp();
        QSignalSpy applied(app->sync(), &SyncEngine::responseApplied);
        app->restoreSession();
        QCOMPARE(app->store()->size(), 3); // the saved list, the forgotten room included
        QCOMPARE(sectionOf(app.get(), forgotten), int(RoomSection::Joined));
        QVERIFY(applied.wait(SyncTimeoutMs));
        QCOMPARE(sectionOf(app.get(), stays), int(RoomSection::Joined));
        QCOMPARE(sectionOf(app.get(), leftBefore), int(RoomSection::Left)); // left, not forgotten

        // Gone from the list once caught up. Synapse's incremental sync reports the leave of the
        // forgotten room like any other leave and never the forget (only an initial sync leaves
        // a forgotten room out): after catching up, the engine checks the inventory once.
        // (qWaitFor: QTRY_* would wait three times as long before failing.)
        QVERIFY(QTest::qWaitFor([&] { return !app->store()->find(forgotten); }, 5000));
        QCOMPARE(sectionOf(app.get(), stays), int(RoomSection::Joined));
        QCOMPARE(sectionOf(app.get(), leftBefore), int(RoomSection::Left));
        QCOMPARE(app->store()->size(), 2);
        app->flushStore();
        AccountStore disk(QStringLiteral("after-forget"));
        QCOMPARE(disk.open(app->storePathFor(m_server.baseUrl().toString(), alice.userId)),
                 AccountStore::OpenResult::Opened);
        QCOMPARE(disk.roomCount(), 2);
        QVERIFY(disk.history(forgotten).isEmpty());
    }

    // Signing out deletes the account's store: the database and its WAL/SHM files.
    void signingOutDeletesTheAccountsStore()
    {
        const auto alice = m_server.registerUser(QStringLiteral("alice"));
        const auto bob = m_server.registerUser(QStringLiteral("bob"));
        const QString roomId = createNamedRoom(bob, QStringLiteral("Signed out"));
        QVERIFY(m_server.join(alice, roomId));
        QString saved;
        QVERIFY(firstRun(alice, 1, &saved));

        auto app = makeApp();
        app->restoreSession();
        const QString path = app->storePathFor(m_server.baseUrl().toString(), alice.userId);
        QCOMPARE(app->store()->size(), 1);
        QSignalSpy synced(app->sync(), &SyncEngine::synced);
        QVERIFY(synced.wait(SyncTimeoutMs));
        app->flushStore();
        QVERIFY(QFile::exists(path));
        QVERIFY(QFile::exists(path + QStringLiteral("-wal"))); // open, in WAL mode

        app->signOut();
        app->flushStore();
        QVERIFY(!QFile::exists(path));
        QVERIFY(!QFile::exists(path + QStringLiteral("-wal")));
        QVERIFY(!QFile::exists(path + QStringLiteral("-shm")));
        QCOMPARE(app->store()->size(), 0);
        QCOMPARE(app->session()->state(), Session::SignedOut);

        // The next launch has nothing to show and nothing to resume.
        auto next = makeApp();
        QSignalSpy restored(next.get(), &AppServices::restoreFinished);
        next->restoreSession();
        QVERIFY(restored.count() == 1 || restored.wait(5000));
        QCOMPARE(restored.first().first().toBool(), false);
        QCOMPARE(next->store()->size(), 0);
        QVERIFY(!QFile::exists(path));
    }
};

QTEST_GUILESS_MAIN(TestStoreSynapse)
#include "tst_store_synapse.moc"
