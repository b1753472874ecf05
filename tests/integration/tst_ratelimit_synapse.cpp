// Real 429s: a dedicated Synapse with its default (low) rate limits. Joining more rooms than the
// join burst allows must wait exactly as the server says, then succeed: nothing is dropped,
// nothing runs twice, and the wait is visible to the UI (the operation's Waiting state with
// its reason and retryAt, the status line).
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
        QCOMPARE(server
                     .request("POST",
                              "/_synapse/admin/v1/users/" + SynapseFixture::seg(bob.userId) +
                                  "/override_ratelimit",
                              admin.accessToken,
                              {{QStringLiteral("messages_per_second"), 0},
                               {QStringLiteral("burst_count"), 0}})
                     .status,
                 200);
        QStringList rooms;
        for (int i = 0; i < 12; ++i)
            rooms << server.createRoom(bob,
                                       {{QStringLiteral("preset"), QStringLiteral("public_chat")}});
        QVERIFY(!rooms.contains(QString()));

        AppServices app(false); // the GUI's composition: waits as long as the server says
        app.signIn(server.baseUrl().toString(), alice.accessToken);
        QTRY_COMPARE_WITH_TIMEOUT(app.session()->state(), Session::SignedIn, 15000);
        MembershipService *membership = app.membership();

        struct Wait
        {
            qint64 delayMs;
            MatrixError error;
            QString operationText;
            QString statusText;
        };
        QList<Wait> waits;
        int outcomes = 0;
        QElapsedTimer timer;
        timer.start();
        for (const QString &room : std::as_const(rooms)) {
            Operation *op = membership->join(room, {server.serverName()}, {});
            connect(op, &Operation::finished, this, [&outcomes] { ++outcomes; });
            connect(op, &Operation::stateChanged, this, [&waits, op, membership] {
                if (op->state() == Operation::Waiting && op->waitReason() == Operation::RateLimited)
                    waits.append({QDateTime::currentDateTimeUtc().msecsTo(op->retryAt()),
                                  op->error(), op->statusText(), membership->statusText()});
            });
            QSignalSpy finished(op, &Operation::finished);
            QVERIFY(finished.wait(60000));
            QVERIFY2(op->state() == Operation::Succeeded, qPrintable(op->statusText()));
            QCOMPARE(op->resultRoomId(), room);
        }
        // The default join burst is 10: at least one join was rate limited and retried after
        // the server's own delay (Retry-After / retry_after_ms, several seconds).
        QVERIFY(waits.size() >= 1);
        const Wait &first = waits.first();
        QCOMPARE(first.error.httpStatus, 429);
        QCOMPARE(first.error.errcode, QStringLiteral("M_LIMIT_EXCEEDED"));
        QVERIFY(first.error.retryAfterMs > 1000);
        // retryAt is now + exactly what the server asked for.
        QVERIFY2(qAbs(first.delayMs - first.error.retryAfterMs) < 250,
                 qPrintable(
                     QStringLiteral("%1 vs %2").arg(first.delayMs).arg(first.error.retryAfterMs)));
        QVERIFY(timer.elapsed() >= first.error.retryAfterMs);
        QVERIFY2(first.operationText.contains(QLatin1String("server rate limit")),
                 qPrintable(first.operationText));
        QCOMPARE(first.statusText, first.operationText); // the status bar shows the wait
        QCOMPARE(outcomes, rooms.size());                // one outcome per call, none dropped
        const QStringList joined = server.joinedRooms(admin, alice.userId);
        for (const QString &room : std::as_const(rooms))
            QVERIFY(joined.contains(room));
    }

    void cleanupTestCase() { SynapseFixture::stopDedicated(m_instance); }
};

QTEST_MAIN(TestRateLimitSynapse)
#include "tst_ratelimit_synapse.moc"
