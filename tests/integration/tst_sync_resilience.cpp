// The sync loop survives its homeserver going away and coming back: a dedicated Synapse instance
// is stopped mid-session and restarted on the same port with the same database; the room list
// shows "reconnecting", then catches up with what changed meanwhile.
#include "appservices.h"
#include "roomstore.h"
#include "synapsefixture.h"

#include <QProcess>
#include <QtTest>

class TestSyncResilience : public QObject
{
    Q_OBJECT

    QString m_instance = QStringLiteral("resilience-%1").arg(QCoreApplication::applicationPid());

    bool harness(const QStringList &args, QByteArray *out = nullptr)
    {
        QProcess p;
        p.setProcessChannelMode(QProcess::ForwardedErrorChannel);
        p.start(QStringLiteral("python3"),
                QStringList{QStringLiteral(CONCIERGE_HARNESS), QStringLiteral("--root"),
                            QStringLiteral(CONCIERGE_SYNAPSE_ROOT)} +
                    args + QStringList{QStringLiteral("--name"), m_instance});
        if (!p.waitForFinished(300000))
            return false;
        if (out)
            *out = p.readAllStandardOutput();
        return p.exitStatus() == QProcess::NormalExit && p.exitCode() == 0;
    }

private slots:
    void survivesRestart()
    {
        QVERIFY2(harness({QStringLiteral("start")}), "could not start a dedicated Synapse");
        const QString serverJson = QStringLiteral(CONCIERGE_SYNAPSE_ROOT "/instances/%1/server.json").arg(m_instance);
        qputenv("CONCIERGE_SYNAPSE_SERVER_JSON", serverJson.toUtf8());
        SynapseFixture server;
        QString error;
        QVERIFY2(server.load(&error), qPrintable(error));
        const auto alice = server.registerUser(QStringLiteral("alice"));
        const auto bob = server.registerUser(QStringLiteral("bob"));

        AppServices app(false);
        app.signIn(server.baseUrl().toString(), alice.accessToken);
        QTRY_COMPARE_WITH_TIMEOUT(app.sync()->state(), SyncEngine::Synced, 15000);
        const QString before = server.createRoom(bob, {{QStringLiteral("name"), QStringLiteral("Before")}});
        QVERIFY(server.invite(bob, before, alice.userId));
        QTRY_VERIFY_WITH_TIMEOUT(app.store()->find(before), 40000);

        // The server goes away mid long-poll.
        QVERIFY(harness({QStringLiteral("stop")}));
        QTRY_COMPARE_WITH_TIMEOUT(app.sync()->state(), SyncEngine::Reconnecting, 20000);
        QVERIFY(app.sync()->statusText().startsWith(QLatin1String("Reconnecting in")));
        QCOMPARE(app.sync()->lastError().kind, MatrixError::Unreachable);
        QVERIFY(app.store()->find(before)); // nothing is lost while offline
        QTest::qWait(3000);                 // several failed attempts, each backed off
        QCOMPARE(app.sync()->state(), SyncEngine::Reconnecting);

        QVERIFY(harness({QStringLiteral("restart")}));
        // Changed while Concierge was disconnected (it is still waiting out its backoff).
        const QString during = server.createRoom(bob, {{QStringLiteral("name"), QStringLiteral("During")}});
        QVERIFY(server.invite(bob, during, alice.userId));
        QTRY_COMPARE_WITH_TIMEOUT(app.sync()->state(), SyncEngine::Synced, 90000);
        QTRY_VERIFY_WITH_TIMEOUT(app.store()->find(during), 40000);
        QCOMPARE(app.store()->find(during)->displayName(), QStringLiteral("During"));
        QCOMPARE(app.store()->find(during)->membership, RoomSummary::Membership::Invite);
        QCOMPARE(app.session()->state(), Session::SignedIn);
    }

    void cleanupTestCase() { harness({QStringLiteral("stop")}); }
};

QTEST_MAIN(TestSyncResilience)
#include "tst_sync_resilience.moc"
