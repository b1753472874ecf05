// Concierge survives its homeserver going away and coming back: a dedicated Synapse instance is
// stopped mid-session and restarted on the same port with the same database. The room list shows
// "reconnecting", then catches up with what changed meanwhile; a membership action started in
// the GUI during the outage waits for the server (issue 9, defect 15) instead of failing.
#include "appservices.h"
#include "synapsefixture.h"
#include "sync/roomstore.h"

#include <QSignalSpy>
#include <QtTest>

class TestSyncResilience : public QObject
{
    Q_OBJECT

    QString m_instance = QStringLiteral("resilience-%1").arg(QCoreApplication::applicationPid());
    SynapseFixture m_server;

private slots:
    void initTestCase()
    {
        QString error;
        QVERIFY2(m_server.startDedicated(m_instance, false, &error), qPrintable(error));
    }

    void survivesRestart()
    {
        const auto alice = m_server.registerUser(QStringLiteral("alice"));
        const auto bob = m_server.registerUser(QStringLiteral("bob"));

        AppServices app(false);
        app.signIn(m_server.baseUrl().toString(), alice.accessToken);
        QTRY_COMPARE_WITH_TIMEOUT(app.sync()->state(), SyncEngine::Synced, 15000);
        const QString before =
            m_server.createRoom(bob, {{QStringLiteral("name"), QStringLiteral("Before")}});
        QVERIFY(m_server.invite(bob, before, alice.userId));
        QTRY_VERIFY_WITH_TIMEOUT(app.store()->find(before), 40000);

        // The server goes away mid long-poll.
        QVERIFY(SynapseFixture::stopDedicated(m_instance));
        QTRY_COMPARE_WITH_TIMEOUT(app.sync()->state(), SyncEngine::Reconnecting, 20000);
        QVERIFY(app.sync()->statusText().startsWith(QLatin1String("Reconnecting in")));
        QCOMPARE(app.sync()->lastError().kind, MatrixError::Unreachable);
        QVERIFY(app.store()->find(before)); // nothing is lost while offline
        QTest::qWait(3000);                 // several failed attempts, each backed off
        QCOMPARE(app.sync()->state(), SyncEngine::Reconnecting);

        QVERIFY(SynapseFixture::restartDedicated(m_instance));
        // Changed while Concierge was disconnected (it is still waiting out its backoff).
        const QString during =
            m_server.createRoom(bob, {{QStringLiteral("name"), QStringLiteral("During")}});
        QVERIFY(m_server.invite(bob, during, alice.userId));
        QTRY_COMPARE_WITH_TIMEOUT(app.sync()->state(), SyncEngine::Synced, 90000);
        QTRY_VERIFY_WITH_TIMEOUT(app.store()->find(during), 40000);
        QCOMPARE(app.store()->find(during)->displayName(), QStringLiteral("During"));
        QCOMPARE(Membership::toString(app.store()->find(during)->membership),
                 QStringLiteral("invite"));
        QCOMPARE(app.session()->state(), Session::SignedIn);
    }

    // Defect 15: Leave during an outage longer than the bounded retry budget (the CLI's) does
    // not fail in the GUI: it waits, visibly, and the room is left once the server is back.
    void guiLeaveWaitsOutAnOutage()
    {
        const auto admin = m_server.registerUser(QStringLiteral("admin"), true);
        const auto alice = m_server.registerUser(QStringLiteral("alice"));
        const auto bob = m_server.registerUser(QStringLiteral("bob"));
        const QString roomId =
            m_server.createRoom(bob, {{QStringLiteral("preset"), QStringLiteral("public_chat")},
                                      {QStringLiteral("name"), QStringLiteral("Outage")}});
        QVERIFY(m_server.join(alice, roomId));

        AppServices app(AppServices::Options{.useKeychain = false}); // the GUI's composition
        app.signIn(m_server.baseUrl().toString(), alice.accessToken);
        QTRY_COMPARE_WITH_TIMEOUT(app.sync()->state(), SyncEngine::Synced, 15000);
        QTRY_VERIFY_WITH_TIMEOUT(app.store()->find(roomId), 40000);

        QVERIFY(SynapseFixture::stopDedicated(m_instance));
        Operation *leave = app.membership()->leave(roomId, QStringLiteral("bye"));
        QSignalSpy finished(leave, &Operation::finished);
        int failedAttempts = 0;
        QString statusWhileWaiting;
        connect(leave, &Operation::stateChanged, this, [&] {
            if (leave->state() != Operation::Waiting)
                return;
            ++failedAttempts;
            QCOMPARE(leave->waitReason(), Operation::ServerUnavailable);
            QCOMPARE(leave->error().kind, MatrixError::Unreachable);
            statusWhileWaiting = app.membership()->statusText();
        });
        // As many failed attempts as the bounded budget allows in all (about 15 s of backoff):
        // a CLI action would have failed by now.
        QTRY_VERIFY_WITH_TIMEOUT(failedAttempts >= RetryPolicy::bounded().maxAttempts, 60000);
        QCOMPARE(finished.count(), 0);
        QVERIFY(!leave->isFinished());
        QVERIFY2(statusWhileWaiting.contains(QLatin1String("waiting for the server")),
                 qPrintable(statusWhileWaiting));
        QCOMPARE(m_server.request("GET", "/_matrix/client/versions", {}).status, 0); // still down

        QVERIFY(SynapseFixture::restartDedicated(m_instance));
        QVERIFY(finished.count() == 1 || finished.wait(90000));
        QVERIFY2(leave->state() == Operation::Succeeded, qPrintable(leave->statusText()));
        QCOMPARE(finished.count(), 1);
        // The server's word, not Concierge's.
        QCOMPARE(m_server.membershipOf(admin, roomId, alice.userId), QStringLiteral("leave"));
        QVERIFY(!m_server.joinedRooms(admin, alice.userId).contains(roomId));
        QCOMPARE(m_server.memberEvent(admin, roomId, alice.userId)
                     .value(QLatin1String("content"))
                     .toObject()
                     .value(QLatin1String("reason"))
                     .toString(),
                 QStringLiteral("bye"));
        QTRY_COMPARE_WITH_TIMEOUT(Membership::toString(app.store()->find(roomId)->membership),
                                  QStringLiteral("leave"), 40000);
    }

    void cleanupTestCase() { SynapseFixture::stopDedicated(m_instance); }
};

QTEST_MAIN(TestSyncResilience)
#include "tst_sync_resilience.moc"
