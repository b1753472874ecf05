// Real 429s: a dedicated Synapse with its default (low) rate limits. Joining more rooms than the
// join burst allows must wait exactly as the server says, then succeed: nothing is dropped,
// nothing runs twice, and the wait is visible to the UI (actionRetrying, statusText).
#include "appservices.h"
#include "synapsefixture.h"

#include <QElapsedTimer>
#include <QSignalSpy>
#include <QtTest>

class TestRateLimitSynapse : public QObject
{
    Q_OBJECT
    QString m_instance = QStringLiteral("ratelimit-%1").arg(QCoreApplication::applicationPid());

private slots:
    void joinsBeyondTheBurstWaitAsTold()
    {
        SynapseFixture server;
        QString error;
        QVERIFY2(server.startDedicated(m_instance, true, &error), qPrintable(error));
        const auto admin = server.registerUser(QStringLiteral("admin"), true);
        const auto bob = server.registerUser(QStringLiteral("bob"));
        const auto alice = server.registerUser(QStringLiteral("alice"));
        // Bob builds the fixture without limits; Alice (the Concierge user) keeps the defaults.
        QCOMPARE(server.request("POST", "/_synapse/admin/v1/users/" + SynapseFixture::seg(bob.userId) +
                                            "/override_ratelimit",
                                admin.accessToken,
                                {{QStringLiteral("messages_per_second"), 0}, {QStringLiteral("burst_count"), 0}})
                     .status,
                 200);
        QStringList rooms;
        for (int i = 0; i < 12; ++i)
            rooms << server.createRoom(bob, {{QStringLiteral("preset"), QStringLiteral("public_chat")}});
        QVERIFY(!rooms.contains(QString()));

        AppServices app(false);
        app.signIn(server.baseUrl().toString(), alice.accessToken);
        QTRY_COMPARE_WITH_TIMEOUT(app.session()->state(), Session::SignedIn, 15000);
        MembershipService *membership = app.membership();
        QSignalSpy finished(membership, &MembershipService::actionFinished);
        QSignalSpy retrying(membership, &MembershipService::actionRetrying);
        QStringList statusWhileWaiting;
        connect(membership, &MembershipService::actionRetrying, this,
                [&] { statusWhileWaiting << membership->statusText(); });

        QElapsedTimer timer;
        timer.start();
        for (const QString &room : std::as_const(rooms)) {
            const int before = int(finished.count());
            membership->join(room, {server.serverName()}, {});
            QTRY_COMPARE_WITH_TIMEOUT(finished.count(), before + 1, 60000);
            const auto outcome = finished.last().at(4).value<MatrixError>();
            QVERIFY2(!outcome.isError(), qPrintable(outcome.summary()));
        }
        // The default join burst is 10: at least one join was rate limited and retried after
        // the server's own delay (Retry-After / retry_after_ms, several seconds).
        QVERIFY(retrying.count() >= 1);
        const auto limit = retrying.first().at(4).value<MatrixError>();
        QCOMPARE(limit.httpStatus, 429);
        QCOMPARE(limit.errcode, QStringLiteral("M_LIMIT_EXCEEDED"));
        QCOMPARE(retrying.first().at(3).toLongLong(), limit.retryAfterMs);
        QVERIFY(limit.retryAfterMs > 1000);
        QVERIFY(timer.elapsed() >= limit.retryAfterMs);
        QVERIFY2(statusWhileWaiting.first().contains(QLatin1String("server rate limit")),
                 qPrintable(statusWhileWaiting.first()));
        QCOMPARE(finished.count(), rooms.size()); // one outcome per call, none dropped
        const QStringList joined = server.joinedRooms(admin, alice.userId);
        for (const QString &room : std::as_const(rooms))
            QVERIFY(joined.contains(room));
    }

    void cleanupTestCase() { SynapseFixture::stopDedicated(m_instance); }
};

QTEST_MAIN(TestRateLimitSynapse)
#include "tst_ratelimit_synapse.moc"
