// Every membership operation against a real Synapse (started by the ctest `synapse` fixture).
// Concierge acts through AppServices exactly as the app does; the server's state is then checked
// through the admin API or a second account, never only through Concierge's own view.
#include "api/apiclient.h"
#include "appservices.h"
#include "synapsefixture.h"
#include "sync/roomstore.h"

#include <QMutex>
#include <QRandomGenerator>
#include <QSignalSpy>
#include <QtTest>

namespace {
QStringList g_log;
QMutex g_logMutex;
QtMessageHandler g_previousHandler = nullptr;

void captureMessages(QtMsgType type, const QMessageLogContext &context, const QString &message)
{
    {
        QMutexLocker lock(&g_logMutex);
        g_log << message;
    }
    if (g_previousHandler)
        g_previousHandler(type, context, message);
}

} // namespace

class TestMembershipSynapse : public QObject
{
    Q_OBJECT

private:
    SynapseFixture m_server;
    SynapseFixture::User m_admin;
    SynapseFixture::User m_alice; // the Concierge user
    SynapseFixture::User m_bob;   // another account on the server
    std::unique_ptr<AppServices> m_app;
    QStringList m_tokens;

    // Waits for the operation's one outcome; false when it never comes (use as QVERIFY(await(op))).
    static bool await(Operation *operation, int timeoutMs = 30000)
    {
        if (!operation)
            return false;
        QSignalSpy finished(operation, &Operation::finished);
        if (!operation->isFinished() && !finished.wait(timeoutMs))
            return false;
        return operation->isFinished();
    }

    static Operation::Description describe(Operation::Kind kind, const QString &target,
                                           const QString &userId = {})
    {
        Operation::Description d;
        d.kind = kind;
        d.target = target;
        d.userId = userId;
        return d;
    }

    // A Concierge signed in as user with its first sync done, or null when that does not happen
    // in time (use as QVERIFY(app)).
    std::unique_ptr<AppServices> signIn(const SynapseFixture::User &user)
    {
        auto app = std::make_unique<AppServices>(false);
        app->signIn(m_server.baseUrl().toString(), user.accessToken);
        const bool ready = QTest::qWaitFor(
            [&] {
                return app->session()->state() == Session::SignedIn &&
                       app->sync()->state() == SyncEngine::Synced;
            },
            30000);
        return ready ? std::move(app) : nullptr;
    }

    static QString membershipInStore(AppServices *app, const QString &roomId)
    {
        const RoomSummary *room = app->store()->find(roomId);
        return room ? Membership::toString(room->membership) : QString();
    }

    QString unique(const QString &prefix) const
    {
        return QStringLiteral("%1-%2").arg(prefix).arg(QRandomGenerator::global()->generate(), 8,
                                                       16, QLatin1Char('0'));
    }

private slots:
    void initTestCase()
    {
        // Everything any component logs, at every level, goes through this handler.
        QLoggingCategory::setFilterRules(QStringLiteral("*.debug=true\nqt.*.debug=false"));
        g_previousHandler = qInstallMessageHandler(captureMessages);
        QString error;
        QVERIFY2(m_server.load(&error), qPrintable(error));
        m_admin = m_server.registerUser(QStringLiteral("admin"), true);
        m_alice = m_server.registerUser(QStringLiteral("alice"), false, QStringLiteral("Alice"));
        m_bob = m_server.registerUser(QStringLiteral("bob"), false, QStringLiteral("Bob"));
        QVERIFY(!m_admin.accessToken.isEmpty());
        QVERIFY(!m_alice.accessToken.isEmpty());
        QVERIFY(!m_bob.accessToken.isEmpty());
        m_tokens = {m_admin.accessToken, m_alice.accessToken, m_bob.accessToken};
        m_app = signIn(m_alice);
        QVERIFY(m_app);
        QCOMPARE(m_app->session()->userId(), m_alice.userId);
    }

    void signInRejectsBadToken()
    {
        AppServices app(false);
        QSignalSpy failed(app.session(), &Session::signInFailed);
        app.signIn(m_server.baseUrl().toString(), QStringLiteral("syt_not_a_real_token"));
        QVERIFY(failed.wait(15000));
        const auto error = failed.first().first().value<MatrixError>();
        QCOMPARE(error.httpStatus, 401);
        QCOMPARE(error.errcode, QStringLiteral("M_UNKNOWN_TOKEN"));
        QVERIFY(app.session()->errorText().contains(QStringLiteral("M_UNKNOWN_TOKEN")));
        QCOMPARE(app.session()->state(), Session::SignedOut);
    }

    void joinByRoomId()
    {
        const QString roomId =
            m_server.createRoom(m_bob, {{QStringLiteral("preset"), QStringLiteral("public_chat")},
                                        {QStringLiteral("name"), QStringLiteral("Public by ID")}});
        QVERIFY(!roomId.isEmpty());
        Operation *op =
            m_app->membership()->join(roomId, {m_server.serverName()}, QStringLiteral("hello"));
        QSignalSpy finished(op, &Operation::finished);
        QVERIFY(await(op));
        QCOMPARE(op->state(), Operation::Succeeded);
        QVERIFY2(!op->error().isError(), qPrintable(op->error().summary()));
        QCOMPARE(op->resultRoomId(), roomId);
        QVERIFY(m_server.joinedRooms(m_admin, m_alice.userId).contains(roomId));
        QCOMPARE(m_server.memberEvent(m_admin, roomId, m_alice.userId)
                     .value(QLatin1String("content"))
                     .toObject()
                     .value(QLatin1String("reason"))
                     .toString(),
                 QStringLiteral("hello"));
        QTRY_COMPARE_WITH_TIMEOUT(membershipInStore(m_app.get(), roomId), QStringLiteral("join"),
                                  15000);
        QTRY_COMPARE_WITH_TIMEOUT(m_app->store()->find(roomId)->displayName(),
                                  QStringLiteral("Public by ID"), 15000);
        QCOMPARE(finished.count(), 1); // exactly one outcome, also after the syncs that followed
        QCOMPARE(op->state(), Operation::Succeeded);
    }

    void joinByAliasNeedingEncoding_data()
    {
        QTest::addColumn<QString>("localpart");
        QTest::newRow("plain") << unique(QStringLiteral("plain"));
        // '/', '?', '%41' (which must not become 'A') and '#' in the localpart.
        QTest::newRow("reserved characters") << unique(QStringLiteral("a/b?c%41#d"));
        QTest::newRow("non-ascii") << unique(QStringLiteral("café-ü"));
    }

    void joinByAliasNeedingEncoding()
    {
        QFETCH(QString, localpart);
        const QString alias = QStringLiteral("#%1:%2").arg(localpart, m_server.serverName());
        const QString roomId =
            m_server.createRoom(m_bob, {{QStringLiteral("preset"), QStringLiteral("public_chat")}});
        QVERIFY(!roomId.isEmpty());
        const auto put = m_server.request(
            "PUT", "/_matrix/client/v3/directory/room/" + SynapseFixture::seg(alias),
            m_bob.accessToken, {{QStringLiteral("room_id"), roomId}});
        QCOMPARE(put.status, 200);

        Operation *op = m_app->membership()->join(alias, {}, {});
        QVERIFY(await(op));
        QCOMPARE(op->state(), Operation::Succeeded);
        QVERIFY2(!op->error().isError(), qPrintable(op->error().summary()));
        QCOMPARE(op->target(), alias);
        QCOMPARE(op->resultRoomId(), roomId); // the server resolved exactly our alias
        QVERIFY(m_server.joinedRooms(m_admin, m_alice.userId).contains(roomId));
        QTRY_COMPARE_WITH_TIMEOUT(membershipInStore(m_app.get(), roomId), QStringLiteral("join"),
                                  15000);

        // What a lost join answer leads to: the alias resolved again (same encoding), then the
        // membership read back from Synapse.
        Operation *check = m_app->membership()->check(describe(Operation::Join, alias));
        QVERIFY(await(check));
        QCOMPARE(check->state(), Operation::Succeeded);
        QCOMPARE(check->resultRoomId(), roomId);
    }

    void joinUnknownAliasIsNotFound()
    {
        const QString alias =
            QStringLiteral("#%1:%2").arg(unique(QStringLiteral("nowhere")), m_server.serverName());
        Operation *op = m_app->membership()->join(alias, {}, {});
        QVERIFY(await(op));
        QCOMPARE(op->state(), Operation::Failed);
        const MatrixError error = op->error();
        QCOMPARE(error.kind, MatrixError::Server);
        QCOMPARE(error.httpStatus, 404);
        QCOMPARE(error.errcode, QStringLiteral("M_NOT_FOUND"));
        QVERIFY(error.message.contains(alias)); // the server's own words reach the caller
        QCOMPARE(m_app->membership()->operationFor(alias), op);
        QVERIFY(op->statusText().contains(error.summary()));
    }

    void invalidInputSendsNothing()
    {
        // A request that reached the server would show up as an M_* error; these fail locally.
        Operation *op = m_app->membership()->join(QStringLiteral("lobby"), {}, {});
        QVERIFY(await(op));
        QCOMPARE(op->state(), Operation::Failed);
        QCOMPARE(op->error().kind, MatrixError::InvalidInput);
        QVERIFY(op->error().errcode.isEmpty());
        Operation *op2 = m_app->membership()->invite(QStringLiteral("!room:localhost"),
                                                     QStringLiteral("bob"), {});
        QVERIFY(await(op2));
        QCOMPARE(op2->error().kind, MatrixError::InvalidInput);
        QVERIFY(op2->error().message.contains(QLatin1String("'@'")));
    }

    void inviteShowsUpInInviteesList()
    {
        const QString roomId = m_server.createRoom(
            m_alice, {{QStringLiteral("preset"), QStringLiteral("private_chat")},
                      {QStringLiteral("name"), QStringLiteral("Invite target")}});
        QVERIFY(!roomId.isEmpty());
        auto bobApp = signIn(m_bob);
        QVERIFY(bobApp);
        Operation *op =
            m_app->membership()->invite(roomId, m_bob.userId, QStringLiteral("join us"));
        QVERIFY(await(op));
        QCOMPARE(op->state(), Operation::Succeeded);
        QVERIFY2(!op->error().isError(), qPrintable(op->error().summary()));
        QCOMPARE(m_server.membershipOf(m_admin, roomId, m_bob.userId), QStringLiteral("invite"));
        // The invitee's own Concierge sees the invite through /sync, with who sent it.
        QTRY_COMPARE_WITH_TIMEOUT(membershipInStore(bobApp.get(), roomId), QStringLiteral("invite"),
                                  40000);
        QCOMPARE(bobApp->store()->find(roomId)->inviterId, m_alice.userId);
        QCOMPARE(bobApp->store()->find(roomId)->displayName(), QStringLiteral("Invite target"));
        // A lost invite answer is checked by reading the invitee's member event.
        Operation *check =
            m_app->membership()->check(describe(Operation::Invite, roomId, m_bob.userId));
        QVERIFY(await(check));
        QCOMPARE(check->state(), Operation::Succeeded);
    }

    void inviteWithoutPermissionIsForbidden()
    {
        // Bob's room where inviting needs power level 100; Alice joins with level 0.
        const QString roomId =
            m_server.createRoom(m_bob, {{QStringLiteral("preset"), QStringLiteral("public_chat")},
                                        {QStringLiteral("power_level_content_override"),
                                         QJsonObject{{QStringLiteral("invite"), 100}}}});
        QVERIFY(m_server.join(m_alice, roomId));
        const SynapseFixture::User carol = m_server.registerUser(QStringLiteral("carol"));
        Operation *op = m_app->membership()->invite(roomId, carol.userId, {});
        QVERIFY(await(op));
        QCOMPARE(op->state(), Operation::Failed);
        QCOMPARE(op->error().httpStatus, 403);
        QCOMPARE(op->error().errcode, QStringLiteral("M_FORBIDDEN"));
        QCOMPARE(m_server.membershipOf(m_admin, roomId, carol.userId), QString());
        // Synapse answers "no member event" for Carol: the check agrees nothing happened.
        Operation *check =
            m_app->membership()->check(describe(Operation::Invite, roomId, carol.userId));
        QVERIFY(await(check));
        QCOMPARE(check->state(), Operation::Failed);
    }

    void leaveRejectsAnInvite()
    {
        const QString roomId =
            m_server.createRoom(m_bob, {{QStringLiteral("preset"), QStringLiteral("private_chat")},
                                        {QStringLiteral("name"), QStringLiteral("Declined")}});
        QVERIFY(m_server.invite(m_bob, roomId, m_alice.userId));
        QTRY_COMPARE_WITH_TIMEOUT(membershipInStore(m_app.get(), roomId), QStringLiteral("invite"),
                                  40000);
        Operation *op = m_app->membership()->leave(roomId, QStringLiteral("not for me"));
        QCOMPARE(op->targetName(), QStringLiteral("Declined")); // named as the list shows it
        QVERIFY(await(op));
        QCOMPARE(op->state(), Operation::Succeeded);
        QVERIFY2(!op->error().isError(), qPrintable(op->error().summary()));
        QCOMPARE(m_server.membershipOf(m_admin, roomId, m_alice.userId), QStringLiteral("leave"));
        QTRY_COMPARE_WITH_TIMEOUT(membershipInStore(m_app.get(), roomId), QStringLiteral("leave"),
                                  15000);
    }

    void leaveJoinedRoomThenForget()
    {
        const QString roomId =
            m_server.createRoom(m_bob, {{QStringLiteral("preset"), QStringLiteral("public_chat")},
                                        {QStringLiteral("name"), QStringLiteral("Leave me")}});
        QVERIFY(m_server.join(m_alice, roomId));
        QTRY_COMPARE_WITH_TIMEOUT(membershipInStore(m_app.get(), roomId), QStringLiteral("join"),
                                  40000);

        // Forget while joined: the server refuses, and its reason reaches the caller unchanged.
        Operation *refused = m_app->membership()->forget(roomId);
        QVERIFY(await(refused));
        QCOMPARE(refused->state(), Operation::Failed);
        QCOMPARE(refused->error().httpStatus, 400);
        QVERIFY2(refused->error().message.contains(QLatin1String("in room")),
                 qPrintable(refused->error().message));
        QCOMPARE(membershipInStore(m_app.get(), roomId), QStringLiteral("join"));

        Operation *left = m_app->membership()->leave(roomId, QStringLiteral("bye now"));
        QVERIFY(await(left));
        QCOMPARE(left->state(), Operation::Succeeded);
        QVERIFY2(!left->error().isError(), qPrintable(left->error().summary()));
        const QJsonObject event = m_server.memberEvent(m_admin, roomId, m_alice.userId);
        QCOMPARE(event.value(QLatin1String("content"))
                     .toObject()
                     .value(QLatin1String("membership"))
                     .toString(),
                 QStringLiteral("leave"));
        QCOMPARE(event.value(QLatin1String("content"))
                     .toObject()
                     .value(QLatin1String("reason"))
                     .toString(),
                 QStringLiteral("bye now"));
        QVERIFY(!m_server.joinedRooms(m_admin, m_alice.userId).contains(roomId));
        QTRY_COMPARE_WITH_TIMEOUT(membershipInStore(m_app.get(), roomId), QStringLiteral("leave"),
                                  15000);

        Operation *forgotten = m_app->membership()->forget(roomId);
        QVERIFY(await(forgotten));
        QCOMPARE(forgotten->state(), Operation::Succeeded);
        QVERIFY2(!forgotten->error().isError(), qPrintable(forgotten->error().summary()));
        QCOMPARE(m_app->store()->find(roomId), nullptr);
        // The server agrees: a fresh initial sync (a new Concierge) no longer lists the room.
        auto fresh = signIn(m_alice);
        QVERIFY(fresh);
        QVERIFY(fresh->store()->size() > 0);
        QCOMPARE(fresh->store()->find(roomId), nullptr);
    }

    void leaveAndForgetIsOneOperation()
    {
        const QString roomId = m_server.createRoom(
            m_bob, {{QStringLiteral("preset"), QStringLiteral("public_chat")},
                    {QStringLiteral("name"), QStringLiteral("Leave and forget")}});
        QVERIFY(m_server.join(m_alice, roomId));
        QTRY_COMPARE_WITH_TIMEOUT(membershipInStore(m_app.get(), roomId), QStringLiteral("join"),
                                  40000);
        Operation *op = m_app->membership()->leave(roomId, QStringLiteral("done here"), true);
        QSignalSpy finished(op, &Operation::finished);
        QVERIFY(await(op));
        QCOMPARE(op->state(), Operation::Succeeded);
        QCOMPARE(finished.count(), 1);
        QCOMPARE(m_server.membershipOf(m_admin, roomId, m_alice.userId), QStringLiteral("leave"));
        QCOMPARE(m_app->store()->find(roomId), nullptr);
        auto fresh = signIn(m_alice);
        QVERIFY(fresh);
        QCOMPARE(fresh->store()->find(roomId), nullptr); // forgotten on the server too
    }

    // Defect 14 relies on Synapse answering GET /rooms/{id}/state/m.room.member/{me}: with
    // "join" while joined, with "leave" for a room we left (the state at our leave), and 403
    // for a room we were never in. The same check a lost answer triggers, run on its own.
    void outcomeCheckReadsTheMembershipFromSynapse()
    {
        const QString roomId =
            m_server.createRoom(m_bob, {{QStringLiteral("preset"), QStringLiteral("public_chat")}});
        QVERIFY(m_server.join(m_alice, roomId));

        Operation *stillJoined = m_app->membership()->check(describe(Operation::Leave, roomId));
        QVERIFY(await(stillJoined));
        QCOMPARE(stillJoined->state(), Operation::Failed); // not left: Synapse says "join"
        QVERIFY2(stillJoined->error().message.contains(QStringLiteral("“join”")),
                 qPrintable(stillJoined->error().message));

        Operation *left = m_app->membership()->leave(roomId);
        QVERIFY(await(left));
        QCOMPARE(left->state(), Operation::Succeeded);
        QCOMPARE(m_server.membershipOf(m_admin, roomId, m_alice.userId), QStringLiteral("leave"));

        Operation *check = m_app->membership()->check(describe(Operation::Leave, roomId));
        QVERIFY(await(check));
        QVERIFY2(check->state() == Operation::Succeeded, qPrintable(check->statusText()));
        QCOMPARE(check->resultRoomId(), roomId);

        const QString privateRoom = m_server.createRoom(
            m_bob, {{QStringLiteral("preset"), QStringLiteral("private_chat")}});
        Operation *neverJoined = m_app->membership()->check(describe(Operation::Join, privateRoom));
        QVERIFY(await(neverJoined));
        QCOMPARE(neverJoined->state(), Operation::Failed);
        QCOMPARE(neverJoined->error().httpStatus, 403);
        QCOMPARE(m_server.membershipOf(m_admin, privateRoom, m_alice.userId), QString());
    }

    void secondActionOnSameRoomIsRefusedWhileRunning()
    {
        const QString roomId =
            m_server.createRoom(m_bob, {{QStringLiteral("preset"), QStringLiteral("public_chat")}});
        Operation *first = m_app->membership()->join(roomId, {}, {});
        QCOMPARE(m_app->membership()->operationFor(roomId), first);
        QVERIFY(!first->isFinished());
        QCOMPARE(first->kind(), Operation::Join);
        Operation *second = m_app->membership()->join(roomId, {}, {});
        QVERIFY(await(first));
        QVERIFY(await(second));
        QCOMPARE(first->state(), Operation::Succeeded);
        QCOMPARE(second->state(), Operation::Failed);
        QCOMPARE(second->error().kind, MatrixError::InvalidInput);
        QCOMPARE(m_app->membership()->operationFor(roomId), first);
        QCOMPARE(m_app->membership()->runningCount(), 0);
        QVERIFY(m_server.joinedRooms(m_admin, m_alice.userId).contains(roomId));
    }

    void cleanupTestCase()
    {
        m_app.reset();
        qInstallMessageHandler(g_previousHandler);
        QMutexLocker lock(&g_logMutex);
        for (const QString &line : std::as_const(g_log))
            for (const QString &token : std::as_const(m_tokens))
                QVERIFY2(!line.contains(token), "an access token appeared in the log output");
    }
};

QTEST_MAIN(TestMembershipSynapse)
#include "tst_membership_synapse.moc"
