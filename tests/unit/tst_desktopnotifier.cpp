// DesktopNotifier (issue 11): a bulk job that ran at least the minimum time tells the desktop
// when it ends, with one org.freedesktop.Notifications.Notify on the session bus; a shorter job
// does not; without a notification service nothing breaks. Runs under dbus-run-session: a fake
// notification server is registered on a connection of its own, in this process.
#include "actions/jobqueue.h"
#include "actions/membershipservice.h"
#include "api/apiclient.h"
#include "fakehomeserver.h"
#include "platform/desktopnotifier.h"
#include "sync/roomstore.h"

#include <QDBusConnection>
#include <QDBusConnectionInterface>
#include <QElapsedTimer>
#include <QNetworkAccessManager>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QtTest>

namespace {
const QString Me = QStringLiteral("@me:localhost");
const QString A = QStringLiteral("!a:localhost");
const QString B = QStringLiteral("!b:localhost");
const QString C = QStringLiteral("!c:localhost");
const QByteArray Rooms = "/_matrix/client/v3/rooms/";
const QString NotificationsService = QStringLiteral("org.freedesktop.Notifications");
const QString FakeConnection = QStringLiteral("fake-notification-server");

QByteArray leavePath(const QString &roomId)
{
    return Rooms + QUrl::toPercentEncoding(roomId) + "/leave";
}

bool ends(Job *job, int timeoutMs = 15000)
{
    return job &&
           QTest::qWaitFor(
               [job] { return job->state() == Job::Finished || job->state() == Job::Cancelled; },
               timeoutMs);
}
} // namespace

// What a desktop's notification server offers, recording each Notify it receives.
class FakeNotificationServer : public QObject
{
    Q_OBJECT
    Q_CLASSINFO("D-Bus Interface", "org.freedesktop.Notifications")
public:
    struct Received
    {
        QString appName;
        uint replacesId;
        QString icon;
        QString summary;
        QString body;
        QStringList actions;
        QVariantMap hints;
        int timeout;
    };
    QList<Received> received;

public slots:
    uint Notify(const QString &appName, uint replacesId, const QString &icon,
                const QString &summary, const QString &body, const QStringList &actions,
                const QVariantMap &hints, int timeout)
    {
        received.append({appName, replacesId, icon, summary, body, actions, hints, timeout});
        return uint(received.size());
    }
    QStringList GetCapabilities() { return {QStringLiteral("body")}; }
};

class TestDesktopNotifier : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;
    int m_run = 0;
    std::unique_ptr<FakeHomeserver> m_fake;
    std::unique_ptr<QNetworkAccessManager> m_nam;
    std::unique_ptr<ApiClient> m_api;
    std::unique_ptr<RoomStore> m_store;
    std::unique_ptr<MembershipService> m_service;
    std::unique_ptr<JobQueue> m_queue;
    std::unique_ptr<FakeNotificationServer> m_server;

    // The fake notification server on a bus connection of its own, as a desktop's would be.
    bool startServer()
    {
        m_server = std::make_unique<FakeNotificationServer>();
        QDBusConnection bus =
            QDBusConnection::connectToBus(QDBusConnection::SessionBus, FakeConnection);
        return bus.isConnected() && bus.registerService(NotificationsService) &&
               bus.registerObject(QStringLiteral("/org/freedesktop/Notifications"), m_server.get(),
                                  QDBusConnection::ExportAllSlots);
    }
    void stopServer()
    {
        if (!m_server)
            return;
        QDBusConnection bus(FakeConnection);
        bus.unregisterObject(QStringLiteral("/org/freedesktop/Notifications"));
        bus.unregisterService(NotificationsService);
        QDBusConnection::disconnectFromBus(FakeConnection);
        m_server.reset();
    }

private slots:
    void initTestCase()
    {
        QVERIFY2(QDBusConnection::sessionBus().isConnected(),
                 "no session bus: run under dbus-run-session");
        QVERIFY(m_dir.isValid());
    }

    void init()
    {
        m_fake = std::make_unique<FakeHomeserver>();
        QVERIFY(m_fake->port() > 0);
        m_nam = std::make_unique<QNetworkAccessManager>();
        m_api = std::make_unique<ApiClient>(m_nam.get());
        m_api->setHomeserver(m_fake->baseUrl());
        m_api->setAccessToken(QStringLiteral("syt_secret_token_for_tests"));
        m_store = std::make_unique<RoomStore>();
        m_store->setOwnUserId(Me);
        m_service = std::make_unique<MembershipService>(m_api.get(), m_store.get());
        m_service->setRetryPolicy({5, 20, 80, 120000});
        m_queue = std::make_unique<JobQueue>(m_api.get(), m_service.get());
        QString error;
        QVERIFY2(m_queue->open(m_dir.filePath(QStringLiteral("run%1/store.sqlite").arg(++m_run)),
                               &error),
                 qPrintable(error));
    }
    void cleanup()
    {
        stopServer();
        m_queue.reset();
        m_service.reset();
        m_store.reset();
        m_api.reset();
        m_nam.reset();
        m_fake.reset();
    }

    void aLongJobNotifiesOnceWhenItEnds()
    {
        QVERIFY(startServer());
        const qint64 minimumMs = 300;
        DesktopNotifier notifier;
        notifier.watch(m_queue.get(), minimumMs);
        QSignalSpy finished(&notifier, &DesktopNotifier::notificationFinished);
        // The first leave is held until the job has run longer than the minimum.
        m_fake->script(Rooms, {FakeHomeserver::Reply::held(200, "{}"), {200, "{}"}});
        Job *job = m_queue->leaveRooms({A, B});
        QVERIFY(job);
        QTRY_COMPARE_WITH_TIMEOUT(m_fake->heldCount(), 1, 5000);
        QVERIFY(QTest::qWaitFor(
            [&] { return job->startedAt().msecsTo(QDateTime::currentDateTimeUtc()) > minimumMs; },
            5000));
        QVERIFY(m_fake->release(Rooms));
        QVERIFY(ends(job));
        QCOMPARE(job->done(), 2);
        QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 1, 5000);
        QCOMPARE(finished.first().at(0).toBool(), true);
        QCOMPARE(m_server->received.size(), 1);
        const FakeNotificationServer::Received &n = m_server->received.first();
        QCOMPARE(n.appName, QStringLiteral("Concierge"));
        QCOMPARE(n.icon, QStringLiteral(CONCIERGE_APP_ID)); // the desktop file's Icon=
        QCOMPARE(n.hints.value(QStringLiteral("desktop-entry")).toString(),
                 QStringLiteral(CONCIERGE_APP_ID));
        QCOMPARE(n.replacesId, 0u);
        QCOMPARE(n.summary, QStringLiteral("Left 2 room(s)")); // English plurals: the catalogue
        QCOMPARE(n.body, QStringLiteral("2 done, 0 failed, 0 cancelled"));
    }

    void aShortJobDoesNotNotify()
    {
        QVERIFY(startServer());
        const qint64 minimumMs = 1500;
        DesktopNotifier notifier;
        notifier.watch(m_queue.get(), minimumMs);
        QSignalSpy finished(&notifier, &DesktopNotifier::notificationFinished);
        m_fake->script(Rooms, {{200, "{}"}});
        Job *quick = m_queue->leaveRooms({A});
        QVERIFY(ends(quick));
        const qint64 quickRanMs = quick->startedAt().msecsTo(QDateTime::currentDateTimeUtc());
        QVERIFY2(quickRanMs < minimumMs, "the short job was not short: machine too slow");
        // Then a long one: its notification is the only one the server gets (a Notify for the
        // short job would have been sent before it, on the same connection).
        m_fake->script(Rooms, {FakeHomeserver::Reply::held(200, "{}"), {200, "{}"}});
        Job *slow = m_queue->leaveRooms({B, C});
        QVERIFY(slow);
        QTRY_COMPARE_WITH_TIMEOUT(m_fake->heldCount(), 1, 5000);
        QVERIFY(QTest::qWaitFor(
            [&] { return slow->startedAt().msecsTo(QDateTime::currentDateTimeUtc()) > minimumMs; },
            5000));
        QVERIFY(m_fake->release(Rooms));
        QVERIFY(ends(slow));
        QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 1, 5000);
        QCOMPARE(m_server->received.size(), 1);
        QCOMPARE(m_server->received.first().summary, QStringLiteral("Left 2 room(s)"));
    }

    void failuresAndCancellationAreSaid()
    {
        QVERIFY(startServer());
        DesktopNotifier notifier;
        notifier.watch(m_queue.get(), 0);
        QSignalSpy finished(&notifier, &DesktopNotifier::notificationFinished);
        m_fake->script(Rooms, {{200, "{}"}});
        m_fake->script(leavePath(B),
                       {{403, R"({"errcode":"M_FORBIDDEN","error":"You are not allowed"})"}});
        Job *mixed = m_queue->leaveRooms({A, B});
        QVERIFY(ends(mixed));
        QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 1, 5000);
        QCOMPARE(m_server->received.size(), 1);
        QCOMPARE(m_server->received.at(0).summary, QStringLiteral("Leave 2 room(s): 1 failed"));
        QCOMPARE(m_server->received.at(0).body, QStringLiteral("1 done, 1 failed, 0 cancelled"));

        // Cancelled while the first leave is in flight: it finishes, the other two are cancelled.
        m_fake->script(Rooms, {FakeHomeserver::Reply::held(200, "{}"), {200, "{}"}});
        Job *cancelled = m_queue->leaveRooms(
            {C, QStringLiteral("!d:localhost"), QStringLiteral("!e:localhost")});
        QVERIFY(cancelled);
        QTRY_COMPARE_WITH_TIMEOUT(m_fake->heldCount(), 1, 5000);
        cancelled->cancel();
        QVERIFY(m_fake->release(Rooms));
        QVERIFY(ends(cancelled));
        QCOMPARE(cancelled->state(), Job::Cancelled);
        QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 2, 5000);
        QCOMPARE(m_server->received.size(), 2);
        QCOMPARE(m_server->received.at(1).summary, QStringLiteral("Leave 3 room(s): cancelled"));
        QCOMPARE(m_server->received.at(1).body, QStringLiteral("1 done, 0 failed, 2 cancelled"));
    }

    // With several accounts the app names whose job it was.
    void theAccountIsNamedWhenGiven()
    {
        QVERIFY(startServer());
        DesktopNotifier notifier;
        notifier.watch(m_queue.get(), 0, [] { return QStringLiteral("@me:localhost"); });
        QSignalSpy finished(&notifier, &DesktopNotifier::notificationFinished);
        m_fake->script(Rooms, {{200, "{}"}});
        Job *job = m_queue->leaveRooms({A});
        QVERIFY(ends(job));
        QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 1, 5000);
        QCOMPARE(m_server->received.size(), 1);
        QCOMPARE(m_server->received.first().summary,
                 QStringLiteral("@me:localhost: Left 1 room(s)"));
        QCOMPARE(m_server->received.first().body, QStringLiteral("1 done, 0 failed, 0 cancelled"));
    }

    void withoutANotificationServiceNothingBreaks()
    {
        QVERIFY(!QDBusConnection::sessionBus()
                     .interface()
                     ->isServiceRegistered(NotificationsService)
                     .value());
        DesktopNotifier notifier;
        notifier.watch(m_queue.get(), 0);
        QSignalSpy finished(&notifier, &DesktopNotifier::notificationFinished);
        QTest::ignoreMessage(QtInfoMsg,
                             QRegularExpression(QStringLiteral("^Desktop notification not shown")));
        m_fake->script(Rooms, {{200, "{}"}});
        Job *job = m_queue->leaveRooms({A});
        QVERIFY(ends(job));
        QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 1, 10000);
        QCOMPARE(finished.first().at(0).toBool(), false);
        QCOMPARE(job->done(), 1); // the job itself is untouched
    }
};

QTEST_GUILESS_MAIN(TestDesktopNotifier)
#include "tst_desktopnotifier.moc"
