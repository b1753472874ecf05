// Every membership operation against a real Synapse (started by the ctest `synapse` fixture).
// Concierge acts through AppServices exactly as the app does; the server's state is then checked
// through the admin API or a second account, never only through Concierge's own view.
#include "appservices.h"
#include "api/apiclient.h"
#include "sync/roomstore.h"
#include "synapsefixture.h"

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

struct Outcome
{
    int requestId = 0;
    QString action;
    QString target;
    QString resultRoomId;
    MatrixError error;
};
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

    // Runs one membership call and waits for its single outcome.
    Outcome await(MembershipService *service, const std::function<int()> &call)
    {
        QSignalSpy spy(service, &MembershipService::actionFinished);
        const int id = call();
        Outcome outcome;
        outcome.requestId = -1;
        if (!spy.wait(30000) && spy.isEmpty())
            return outcome;
        const QList<QVariant> args = spy.takeFirst();
        outcome.requestId = args.at(0).toInt();
        outcome.action = args.at(1).toString();
        outcome.target = args.at(2).toString();
        outcome.resultRoomId = args.at(3).toString();
        outcome.error = args.at(4).value<MatrixError>();
        [&] { QCOMPARE(outcome.requestId, id); }();
        // Exactly one outcome per call: nothing else arrives for this request.
        QTest::qWait(50);
        [&] { QCOMPARE(spy.count(), 0); }();
        return outcome;
    }

    std::unique_ptr<AppServices> signIn(const SynapseFixture::User &user)
    {
        auto app = std::make_unique<AppServices>(false);
        app->signIn(m_server.baseUrl().toString(), user.accessToken);
        [&] {
            QTRY_COMPARE_WITH_TIMEOUT(app->session()->state(), Session::SignedIn, 15000);
            QTRY_COMPARE_WITH_TIMEOUT(app->sync()->state(), SyncEngine::Synced, 15000);
        }();
        return app;
    }

    static QString membershipInStore(AppServices *app, const QString &roomId)
    {
        const RoomSummary *room = app->store()->find(roomId);
        return room ? Membership::toString(room->membership) : QString();
    }

    QString unique(const QString &prefix) const
    {
        return QStringLiteral("%1-%2").arg(prefix).arg(QRandomGenerator::global()->generate(), 8, 16,
                                                       QLatin1Char('0'));
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
        const QString roomId = m_server.createRoom(
            m_bob, {{QStringLiteral("preset"), QStringLiteral("public_chat")},
                    {QStringLiteral("name"), QStringLiteral("Public by ID")}});
        QVERIFY(!roomId.isEmpty());
        const Outcome o = await(m_app->membership(), [&] {
            return m_app->membership()->join(roomId, {m_server.serverName()},
                                             QStringLiteral("hello"));
        });
        QVERIFY2(!o.error.isError(), qPrintable(o.error.summary()));
        QCOMPARE(o.resultRoomId, roomId);
        QVERIFY(m_server.joinedRooms(m_admin, m_alice.userId).contains(roomId));
        QCOMPARE(m_server.memberEvent(m_admin, roomId, m_alice.userId)
                     .value(QLatin1String("content")).toObject()
                     .value(QLatin1String("reason")).toString(),
                 QStringLiteral("hello"));
        QTRY_COMPARE_WITH_TIMEOUT(membershipInStore(m_app.get(), roomId), QStringLiteral("join"), 15000);
        QTRY_COMPARE_WITH_TIMEOUT(m_app->store()->find(roomId)->displayName(),
                                  QStringLiteral("Public by ID"), 15000);
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
        const QString roomId = m_server.createRoom(
            m_bob, {{QStringLiteral("preset"), QStringLiteral("public_chat")}});
        QVERIFY(!roomId.isEmpty());
        const auto put = m_server.request("PUT", "/_matrix/client/v3/directory/room/" +
                                                      SynapseFixture::seg(alias),
                                          m_bob.accessToken, {{QStringLiteral("room_id"), roomId}});
        QCOMPARE(put.status, 200);

        const Outcome o = await(m_app->membership(),
                                [&] { return m_app->membership()->join(alias, {}, {}); });
        QVERIFY2(!o.error.isError(), qPrintable(o.error.summary()));
        QCOMPARE(o.target, alias);
        QCOMPARE(o.resultRoomId, roomId); // the server resolved exactly our alias
        QVERIFY(m_server.joinedRooms(m_admin, m_alice.userId).contains(roomId));
        QTRY_COMPARE_WITH_TIMEOUT(membershipInStore(m_app.get(), roomId), QStringLiteral("join"), 15000);
    }

    void joinUnknownAliasIsNotFound()
    {
        const QString alias = QStringLiteral("#%1:%2").arg(unique(QStringLiteral("nowhere")),
                                                           m_server.serverName());
        const Outcome o = await(m_app->membership(),
                                [&] { return m_app->membership()->join(alias, {}, {}); });
        QVERIFY(o.error.isError());
        QCOMPARE(o.error.kind, MatrixError::Server);
        QCOMPARE(o.error.httpStatus, 404);
        QCOMPARE(o.error.errcode, QStringLiteral("M_NOT_FOUND"));
        QVERIFY(o.error.message.contains(alias)); // the server's own words reach the caller
        QCOMPARE(m_app->membership()->lastError(alias), o.error.summary());
    }

    void invalidInputSendsNothing()
    {
        // A request that reached the server would show up as an M_* error; these fail locally.
        const Outcome o = await(m_app->membership(),
                                [&] { return m_app->membership()->join(QStringLiteral("lobby"), {}, {}); });
        QCOMPARE(o.error.kind, MatrixError::InvalidInput);
        QVERIFY(o.error.errcode.isEmpty());
        const Outcome o2 = await(m_app->membership(), [&] {
            return m_app->membership()->invite(QStringLiteral("!room:localhost"),
                                               QStringLiteral("bob"), {});
        });
        QCOMPARE(o2.error.kind, MatrixError::InvalidInput);
        QVERIFY(o2.error.message.contains(QLatin1String("'@'")));
    }

    void inviteShowsUpInInviteesList()
    {
        const QString roomId = m_server.createRoom(
            m_alice, {{QStringLiteral("preset"), QStringLiteral("private_chat")},
                      {QStringLiteral("name"), QStringLiteral("Invite target")}});
        QVERIFY(!roomId.isEmpty());
        auto bobApp = signIn(m_bob);
        const Outcome o = await(m_app->membership(), [&] {
            return m_app->membership()->invite(roomId, m_bob.userId, QStringLiteral("join us"));
        });
        QVERIFY2(!o.error.isError(), qPrintable(o.error.summary()));
        QCOMPARE(m_server.membershipOf(m_admin, roomId, m_bob.userId), QStringLiteral("invite"));
        // The invitee's own Concierge sees the invite through /sync, with who sent it.
        QTRY_COMPARE_WITH_TIMEOUT(membershipInStore(bobApp.get(), roomId), QStringLiteral("invite"),
                                  40000);
        QCOMPARE(bobApp->store()->find(roomId)->inviterId, m_alice.userId);
        QCOMPARE(bobApp->store()->find(roomId)->displayName(), QStringLiteral("Invite target"));
    }

    void inviteWithoutPermissionIsForbidden()
    {
        // Bob's room where inviting needs power level 100; Alice joins with level 0.
        const QString roomId = m_server.createRoom(
            m_bob, {{QStringLiteral("preset"), QStringLiteral("public_chat")},
                    {QStringLiteral("power_level_content_override"),
                     QJsonObject{{QStringLiteral("invite"), 100}}}});
        QVERIFY(m_server.join(m_alice, roomId));
        const SynapseFixture::User carol = m_server.registerUser(QStringLiteral("carol"));
        const Outcome o = await(m_app->membership(), [&] {
            return m_app->membership()->invite(roomId, carol.userId, {});
        });
        QVERIFY(o.error.isError());
        QCOMPARE(o.error.httpStatus, 403);
        QCOMPARE(o.error.errcode, QStringLiteral("M_FORBIDDEN"));
        QCOMPARE(m_server.membershipOf(m_admin, roomId, carol.userId), QString());
    }

    void leaveRejectsAnInvite()
    {
        const QString roomId = m_server.createRoom(
            m_bob, {{QStringLiteral("preset"), QStringLiteral("private_chat")},
                    {QStringLiteral("name"), QStringLiteral("Declined")}});
        QVERIFY(m_server.invite(m_bob, roomId, m_alice.userId));
        QTRY_COMPARE_WITH_TIMEOUT(membershipInStore(m_app.get(), roomId), QStringLiteral("invite"),
                                  40000);
        const Outcome o = await(m_app->membership(), [&] {
            return m_app->membership()->leave(roomId, QStringLiteral("not for me"));
        });
        QVERIFY2(!o.error.isError(), qPrintable(o.error.summary()));
        QCOMPARE(m_server.membershipOf(m_admin, roomId, m_alice.userId), QStringLiteral("leave"));
        QTRY_COMPARE_WITH_TIMEOUT(membershipInStore(m_app.get(), roomId), QStringLiteral("leave"), 15000);
    }

    void leaveJoinedRoomThenForget()
    {
        const QString roomId = m_server.createRoom(
            m_bob, {{QStringLiteral("preset"), QStringLiteral("public_chat")},
                    {QStringLiteral("name"), QStringLiteral("Leave me")}});
        QVERIFY(m_server.join(m_alice, roomId));
        QTRY_COMPARE_WITH_TIMEOUT(membershipInStore(m_app.get(), roomId), QStringLiteral("join"), 40000);

        // Forget while joined: the server refuses, and its reason reaches the caller unchanged.
        const Outcome refused = await(m_app->membership(),
                                      [&] { return m_app->membership()->forget(roomId); });
        QVERIFY(refused.error.isError());
        QCOMPARE(refused.error.httpStatus, 400);
        QVERIFY2(refused.error.message.contains(QLatin1String("in room")),
                 qPrintable(refused.error.message));
        QCOMPARE(membershipInStore(m_app.get(), roomId), QStringLiteral("join"));

        const Outcome left = await(m_app->membership(), [&] {
            return m_app->membership()->leave(roomId, QStringLiteral("bye now"));
        });
        QVERIFY2(!left.error.isError(), qPrintable(left.error.summary()));
        const QJsonObject event = m_server.memberEvent(m_admin, roomId, m_alice.userId);
        QCOMPARE(event.value(QLatin1String("content")).toObject().value(QLatin1String("membership")).toString(),
                 QStringLiteral("leave"));
        QCOMPARE(event.value(QLatin1String("content")).toObject().value(QLatin1String("reason")).toString(),
                 QStringLiteral("bye now"));
        QVERIFY(!m_server.joinedRooms(m_admin, m_alice.userId).contains(roomId));
        QTRY_COMPARE_WITH_TIMEOUT(membershipInStore(m_app.get(), roomId), QStringLiteral("leave"), 15000);

        const Outcome forgotten = await(m_app->membership(),
                                        [&] { return m_app->membership()->forget(roomId); });
        QVERIFY2(!forgotten.error.isError(), qPrintable(forgotten.error.summary()));
        QCOMPARE(m_app->store()->find(roomId), nullptr);
        // The server agrees: a fresh initial sync (a new Concierge) no longer lists the room.
        auto fresh = signIn(m_alice);
        QVERIFY(fresh->store()->size() > 0);
        QCOMPARE(fresh->store()->find(roomId), nullptr);
    }

    void secondActionOnSameRoomIsRefusedWhileRunning()
    {
        const QString roomId = m_server.createRoom(
            m_bob, {{QStringLiteral("preset"), QStringLiteral("public_chat")}});
        QSignalSpy spy(m_app->membership(), &MembershipService::actionFinished);
        const int first = m_app->membership()->join(roomId, {}, {});
        QCOMPARE(m_app->membership()->pendingAction(roomId), QStringLiteral("join"));
        const int second = m_app->membership()->join(roomId, {}, {});
        QTRY_COMPARE_WITH_TIMEOUT(spy.count(), 2, 30000);
        QHash<int, MatrixError> byId;
        for (const auto &args : spy)
            byId.insert(args.at(0).toInt(), args.at(4).value<MatrixError>());
        QVERIFY(!byId.value(first).isError());
        QCOMPARE(byId.value(second).kind, MatrixError::InvalidInput);
        QCOMPARE(m_app->membership()->pendingAction(roomId), QString());
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
