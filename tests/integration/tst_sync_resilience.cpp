// The sync loop survives its homeserver going away and coming back: a dedicated Synapse instance
// is stopped mid-session and restarted on the same port with the same database; the room list
// shows "reconnecting", then catches up with what changed meanwhile.
#include "appservices.h"
#include "sync/roomstore.h"
#include "synapsefixture.h"

#include <QtTest>

class TestSyncResilience : public QObject
{
    Q_OBJECT

    QString m_instance = QStringLiteral("resilience-%1").arg(QCoreApplication::applicationPid());

private slots:
    void survivesRestart()
    {
        SynapseFixture server;
        QString error;
        QVERIFY2(server.startDedicated(m_instance, false, &error), qPrintable(error));
        const auto alice = server.registerUser(QStringLiteral("alice"));
        const auto bob = server.registerUser(QStringLiteral("bob"));

        AppServices app(false);
        app.signIn(server.baseUrl().toString(), alice.accessToken);
        QTRY_COMPARE_WITH_TIMEOUT(app.sync()->state(), SyncEngine::Synced, 15000);
        const QString before = server.createRoom(bob, {{QStringLiteral("name"), QStringLiteral("Before")}});
        QVERIFY(server.invite(bob, before, alice.userId));
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
        const QString during = server.createRoom(bob, {{QStringLiteral("name"), QStringLiteral("During")}});
        QVERIFY(server.invite(bob, during, alice.userId));
        QTRY_COMPARE_WITH_TIMEOUT(app.sync()->state(), SyncEngine::Synced, 90000);
        QTRY_VERIFY_WITH_TIMEOUT(app.store()->find(during), 40000);
        QCOMPARE(app.store()->find(during)->displayName(), QStringLiteral("During"));
        QCOMPARE(app.store()->find(during)->membership, Membership::Invite);
        QCOMPARE(app.session()->state(), Session::SignedIn);
    }

    void cleanupTestCase() { SynapseFixture::stopDedicated(m_instance); }
};

QTEST_MAIN(TestSyncResilience)
#include "tst_sync_resilience.moc"
