// The first page of a first launch against a real Synapse (started by the ctest `synapse`
// fixture): the sliding-sync request Concierge sends is accepted, its rooms come back with their
// names and the account's membership (joined, invited, kicked), and the classic initial sync
// then completes the inventory with what sliding sync never sends (a room left earlier).
//
// timeToFirstRooms() is a measurement, not a check: it runs only when
// CONCIERGE_SLIDING_BENCH_INSTANCE names a Synapse instance directory with server.json and
// users.json (bench/e2e_bench.py start_from_snapshot), and prints the time from start() to the
// first rooms shown and to the complete inventory, with and without sliding sync
// (CONCIERGE_SLIDING_BENCH_RUNS rounds; raise QTEST_FUNCTION_TIMEOUT for many).
#include "api/apiclient.h"
#include "synapsefixture.h"
#include "sync/roomstore.h"
#include "sync/slidingsync.h"
#include "sync/syncengine.h"

#include <QElapsedTimer>
#include <QFile>
#include <QJsonDocument>
#include <QNetworkAccessManager>
#include <QSignalSpy>
#include <QtTest>
#include <algorithm>

class TestSlidingSyncSynapse : public QObject
{
    Q_OBJECT

    SynapseFixture m_server;
    SynapseFixture::User m_alice; // the Concierge user
    SynapseFixture::User m_bob;
    QString m_joined, m_invited, m_kicked, m_left;

    static QString membershipIn(const RoomStore &store, const QString &roomId)
    {
        const RoomSummary *room = store.find(roomId);
        return room ? Membership::toString(room->membership) : QStringLiteral("(absent)");
    }

private slots:
    void initTestCase()
    {
        QString error;
        QVERIFY2(m_server.load(&error), qPrintable(error));
        m_alice = m_server.registerUser(QStringLiteral("ssalice"));
        m_bob = m_server.registerUser(QStringLiteral("ssbob"));
        QVERIFY(!m_alice.accessToken.isEmpty() && !m_bob.accessToken.isEmpty());
        const auto named = [](const char *name) {
            return QJsonObject{{QStringLiteral("name"), QLatin1String(name)},
                               {QStringLiteral("preset"), QStringLiteral("public_chat")}};
        };
        // Joined; invited; kicked (sliding sync keeps it: still relevant); left by alice herself
        // (sliding sync never sends it, the classic sync with include_leave does).
        m_joined = m_server.createRoom(m_alice, named("Joined room"));
        m_invited = m_server.createRoom(m_bob, named("Invite room"));
        QVERIFY(m_server.invite(m_bob, m_invited, m_alice.userId));
        m_kicked = m_server.createRoom(m_bob, named("Kick room"));
        QVERIFY(m_server.join(m_alice, m_kicked));
        QVERIFY(m_server.kick(m_bob, m_kicked, m_alice.userId, QStringLiteral("spam")));
        m_left = m_server.createRoom(m_alice, named("Left room"));
        QVERIFY(m_server.leave(m_alice, m_left));
        QVERIFY(!m_joined.isEmpty() && !m_invited.isEmpty() && !m_kicked.isEmpty() &&
                !m_left.isEmpty());
    }

    void firstPageFromSynapse()
    {
        QNetworkAccessManager nam;
        ApiClient api(&nam);
        api.setHomeserver(m_server.baseUrl());
        api.setAccessToken(m_alice.accessToken);
        RoomStore store;
        store.setOwnUserId(m_alice.userId);
        SlidingSyncBootstrap bootstrap(&api, &store);
        QSignalSpy shown(&bootstrap, &SlidingSyncBootstrap::roomsShown);
        QSignalSpy unavailable(&bootstrap, &SlidingSyncBootstrap::unavailable);
        bootstrap.start();
        QVERIFY(QTest::qWaitFor([&] { return !shown.isEmpty() || !unavailable.isEmpty(); }, 30000));
        QVERIFY2(unavailable.isEmpty(),
                 qPrintable(unavailable.value(0).value(0).value<MatrixError>().summary()));
        QCOMPARE(shown.first().at(0).toInt(), 3); // rooms added
        QCOMPARE(shown.first().at(1).toInt(), 3); // the recent list's count
        QCOMPARE(store.skippedRooms(), 0);
        QCOMPARE(store.size(), 3);
        QCOMPARE(membershipIn(store, m_joined), QStringLiteral("join"));
        QCOMPARE(store.find(m_joined)->displayName(), QStringLiteral("Joined room"));
        QCOMPARE(store.find(m_joined)->joinedMemberCount, 1);
        QCOMPARE(membershipIn(store, m_invited), QStringLiteral("invite"));
        QCOMPARE(store.find(m_invited)->displayName(), QStringLiteral("Invite room"));
        QCOMPARE(store.find(m_invited)->inviterId, m_bob.userId);
        QCOMPARE(membershipIn(store, m_kicked), QStringLiteral("leave"));
        QCOMPARE(store.find(m_kicked)->displayName(), QStringLiteral("Kick room"));
        QCOMPARE(membershipIn(store, m_left), QStringLiteral("(absent)"));
    }

    // The engine on a first launch: whichever answers first, the end is the complete inventory.
    void firstLaunchEndsWithCompleteInventory()
    {
        QNetworkAccessManager nam;
        ApiClient api(&nam);
        api.setHomeserver(m_server.baseUrl());
        api.setAccessToken(m_alice.accessToken);
        RoomStore store;
        store.setOwnUserId(m_alice.userId);
        SyncEngine engine(&api, &store);
        QSignalSpy unavailable(engine.slidingSyncBootstrap(), &SlidingSyncBootstrap::unavailable);
        engine.start();
        QTRY_COMPARE_WITH_TIMEOUT(engine.state(), SyncEngine::Synced, 30000);
        QVERIFY(unavailable.isEmpty());
        QCOMPARE(store.size(), 4);
        QCOMPARE(membershipIn(store, m_joined), QStringLiteral("join"));
        QCOMPARE(membershipIn(store, m_invited), QStringLiteral("invite"));
        QCOMPARE(membershipIn(store, m_kicked), QStringLiteral("leave"));
        QCOMPARE(membershipIn(store, m_left), QStringLiteral("leave"));
        engine.stop();
    }

    void timeToFirstRooms()
    {
        const QString instance = qEnvironmentVariable("CONCIERGE_SLIDING_BENCH_INSTANCE");
        if (instance.isEmpty())
            QSKIP("a measurement: set CONCIERGE_SLIDING_BENCH_INSTANCE to run it");
        const auto readJson = [&](const char *name) {
            QFile file(instance + QLatin1Char('/') + QLatin1String(name));
            return file.open(QIODevice::ReadOnly) ? QJsonDocument::fromJson(file.readAll()).object()
                                                  : QJsonObject();
        };
        const QUrl base(readJson("server.json").value(u"base_url").toString());
        const QJsonObject alice = readJson("users.json").value(u"alice").toObject();
        QVERIFY(base.isValid() && !base.isEmpty());
        QVERIFY(!alice.value(u"access_token").toString().isEmpty());
        const int runs = qMax(1, qEnvironmentVariableIntValue("CONCIERGE_SLIDING_BENCH_RUNS"));

        struct Sample
        {
            qint64 firstMs = -1; // first rooms shown (sliding sync), -1 if the inventory was first
            int firstRooms = 0;
            qint64 completeMs = -1;
            int rooms = 0;
        };
        const auto launch = [&](bool sliding) {
            QNetworkAccessManager nam;
            ApiClient api(&nam);
            api.setHomeserver(base);
            api.setAccessToken(alice.value(u"access_token").toString());
            RoomStore store;
            store.setOwnUserId(alice.value(u"user_id").toString());
            SyncEngine engine(&api, &store);
            engine.setFirstRoomsFromSlidingSync(sliding);
            Sample sample;
            QElapsedTimer timer;
            connect(&engine, &SyncEngine::firstRoomsShown, &engine, [&] {
                sample.firstMs = timer.elapsed();
                sample.firstRooms = store.size();
            });
            connect(&engine, &SyncEngine::synced, &engine, [&] {
                if (sample.completeMs < 0) {
                    sample.completeMs = timer.elapsed();
                    sample.rooms = store.size();
                }
            });
            timer.start();
            engine.start();
            const bool done = QTest::qWaitFor([&] { return sample.completeMs >= 0; }, 600000);
            engine.stop();
            return done ? sample : Sample{};
        };
        launch(true); // warm-up
        QList<qint64> first, completeWith, completeWithout;
        int firstRooms = 0, rooms = 0;
        for (int i = 0; i < runs; ++i) {
            const Sample with = launch(true);
            const Sample without = launch(false);
            QVERIFY(with.completeMs >= 0 && without.completeMs >= 0);
            QCOMPARE(with.rooms, without.rooms);
            qInfo("run %d: with sliding sync first %d rooms at %lld ms, complete %lld ms; classic "
                  "only complete %lld ms",
                  i + 1, with.firstRooms, with.firstMs, with.completeMs, without.completeMs);
            first << (with.firstMs >= 0 ? with.firstMs : with.completeMs);
            firstRooms = with.firstRooms;
            rooms = with.rooms;
            completeWith << with.completeMs;
            completeWithout << without.completeMs;
        }
        const auto median = [](QList<qint64> v) {
            std::sort(v.begin(), v.end());
            return v.at(v.size() / 2);
        };
        double load[3] = {0, 0, 0};
        if (QFile f(QStringLiteral("/proc/loadavg")); f.open(QIODevice::ReadOnly))
            std::sscanf(f.readAll().constData(), "%lf %lf %lf", &load[0], &load[1], &load[2]);
        qInfo("first launch, %d rooms, median of %d (loadavg %.1f/%.1f/%.1f):", rooms, runs,
              load[0], load[1], load[2]);
        qInfo("  with sliding sync: first %d rooms at %lld ms, complete at %lld ms", firstRooms,
              median(first), median(completeWith));
        qInfo("  classic only:      complete (first rooms) at %lld ms", median(completeWithout));
        qInfo("  samples first %s", qPrintable([&] {
                  QStringList s;
                  for (qint64 v : first)
                      s << QString::number(v);
                  return s.join(QLatin1Char(' '));
              }()));
        qInfo("  samples complete with %s / without %s", qPrintable([&] {
                  QStringList s;
                  for (qint64 v : completeWith)
                      s << QString::number(v);
                  return s.join(QLatin1Char(' '));
              }()),
              qPrintable([&] {
                  QStringList s;
                  for (qint64 v : completeWithout)
                      s << QString::number(v);
                  return s.join(QLatin1Char(' '));
              }()));
    }
};

QTEST_GUILESS_MAIN(TestSlidingSyncSynapse)
#include "tst_slidingsync_synapse.moc"
