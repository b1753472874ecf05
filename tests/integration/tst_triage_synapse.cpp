// Invite triage (issue 12) against a real Synapse: Concierge acts through AppServices as the
// app's triage page does (a bulk leave job of one inviter's invites, then UserBlocking); the
// server's own view is checked through the admin API (membership) and the account's own account
// data (GET /user/{userId}/account_data/{type}).
//
// The inviters are ordinary users: Synapse lets server admins invite past a block.

#include "actions/jobqueue.h"
#include "actions/userblocking.h"
#include "api/identifiers.h"
#include "appservices.h"
#include "models/invitegroupsmodel.h"
#include "synapsefixture.h"
#include "sync/roomstore.h"

#include <QJsonDocument>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QtTest>

#include <memory>

class TestTriageSynapse : public QObject
{
    Q_OBJECT

    SynapseFixture m_server;
    SynapseFixture::User m_admin, m_me, m_a, m_b, m_c;
    QStringList m_roomsA, m_roomsB, m_roomsC;
    QTemporaryDir m_storeDir;
    std::unique_ptr<AppServices> m_app;

    QByteArray accountDataPath(const QString &type) const
    {
        return "/_matrix/client/v3/user/" + SynapseFixture::seg(m_me.userId) + "/account_data/" +
               SynapseFixture::seg(type);
    }
    // What the server holds for the account (404 → an empty object and *found false).
    QJsonObject accountData(const QString &type, bool *found = nullptr)
    {
        const auto r = m_server.request("GET", accountDataPath(type), m_me.accessToken);
        if (found)
            *found = r.status == 200;
        return r.status == 200 ? r.body : QJsonObject();
    }
    QString newRoom(const SynapseFixture::User &creator, const QString &name)
    {
        return m_server.createRoom(creator,
                                   {{QStringLiteral("name"), name},
                                    {QStringLiteral("preset"), QStringLiteral("private_chat")}});
    }
    // inviter creates count rooms and invites the account to each.
    QStringList inviteRooms(const SynapseFixture::User &inviter, const QString &label, int count)
    {
        QStringList rooms;
        for (int i = 0; i < count; ++i) {
            const QString id = newRoom(inviter, QStringLiteral("%1 %2").arg(label).arg(i));
            if (id.isEmpty() || !m_server.invite(inviter, id, m_me.userId))
                return {};
            rooms << id;
        }
        return rooms;
    }
    // Runs one UserBlocking request to its end; its error (NoError on success) in *error.
    void blockingRequest(const std::function<void()> &ask, MatrixError *error)
    {
        QSignalSpy finished(m_app->blocking(), &UserBlocking::requestFinished);
        ask();
        QVERIFY(finished.wait(30000));
        QCOMPARE(finished.count(), 1);
        *error = finished.first().first().value<MatrixError>();
    }
    bool inStoreAs(const QString &roomId, Membership::Value membership) const
    {
        const RoomSummary *room = m_app->store()->find(roomId);
        return room && room->membership == membership;
    }

private slots:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QVERIFY(m_storeDir.isValid());
        QString error;
        QVERIFY2(m_server.load(&error), qPrintable(error));
        m_admin = m_server.registerUser(QStringLiteral("admin"), true);
        m_me = m_server.registerUser(QStringLiteral("triage"));
        m_a = m_server.registerUser(QStringLiteral("spammer"));
        m_b = m_server.registerUser(QStringLiteral("colleague"));
        m_c = m_server.registerUser(QStringLiteral("stranger"));
        for (const auto *user : {&m_admin, &m_me, &m_a, &m_b, &m_c})
            QVERIFY(!user->accessToken.isEmpty());
        // Three inviters: a (3 invites), b (2), c (1).
        m_roomsA = inviteRooms(m_a, QStringLiteral("Prizes"), 3);
        m_roomsB = inviteRooms(m_b, QStringLiteral("Work"), 2);
        m_roomsC = inviteRooms(m_c, QStringLiteral("Hello"), 1);
        QCOMPARE(m_roomsA.size(), 3);
        QCOMPARE(m_roomsB.size(), 2);
        QCOMPARE(m_roomsC.size(), 1);

        m_app =
            std::make_unique<AppServices>(AppServices::Options{.useKeychain = false,
                                                               .keepRoomsOnDisk = true,
                                                               .storeDirectory = m_storeDir.path(),
                                                               .keepJobs = true});
        m_app->setRememberSession(false);
        QSignalSpy loaded(m_app->blocking(), &UserBlocking::loaded);
        m_app->signIn(m_server.baseUrl().toString(), m_me.accessToken);
        QVERIFY2(
            QTest::qWaitFor([&] { return m_app->sync()->state() == SyncEngine::Synced; }, 60000),
            "the account did not finish its first sync");
        // Loaded at sign-in: nothing set yet.
        QVERIFY(loaded.count() == 1 || loaded.wait(30000));
        QCOMPARE(m_app->blocking()->invitePermission(), UserBlocking::InvitesAllowed);
        QVERIFY(m_app->blocking()->ignoredUsers().isEmpty());
        QVERIFY(m_app->jobs()->isOpen());
    }
    void cleanupTestCase()
    {
        if (m_app)
            m_app->jobs()->close();
        m_app.reset();
    }

    void invitesAreGroupedByInviter()
    {
        const auto groups = InviteGroupsModel::group(*m_app->store(), InviteGroupsModel::ByInviter);
        QCOMPARE(groups.size(), 3);
        QCOMPARE(groups.at(0).key, m_a.userId);
        QCOMPARE(groups.at(1).key, m_b.userId);
        QCOMPARE(groups.at(2).key, m_c.userId);
        QStringList rooms = groups.at(0).roomIds;
        rooms.sort();
        QStringList expected = m_roomsA;
        expected.sort();
        QCOMPARE(rooms, expected);
        // The account shares no room with any of them.
        QVERIFY(groups.at(0).sharesNoRoom);
        // The live model agrees.
        InviteGroupsModel *model = m_app->inviteGroups();
        QCOMPARE(model->inviteCount(), 6);
        QCOMPARE(model->roomIdsOf(m_a.userId).size(), 3);
    }

    void declineAllFromOneAndIgnoreThem()
    {
        // Another client ignored someone already: kept by the read-modify-write.
        const QString other = QStringLiteral("@someone:elsewhere.example");
        QCOMPARE(
            m_server
                .request("PUT", accountDataPath(QStringLiteral("m.ignored_user_list")),
                         m_me.accessToken,
                         {{QStringLiteral("ignored_users"), QJsonObject{{other, QJsonObject()}}}})
                .status,
            200);

        // What the page's "Decline all and ignore this user" does.
        const QStringList rooms = m_app->inviteGroups()->roomIdsOf(m_a.userId);
        QCOMPARE(rooms.size(), 3);
        Job *job = m_app->jobs()->leaveRooms(rooms, {}, false, QStringLiteral("Decline from a"));
        QVERIFY2(job, qPrintable(m_app->jobs()->lastError()));
        MatrixError error;
        blockingRequest([&] { m_app->blocking()->ignore({m_a.userId}); }, &error);
        QVERIFY2(!error.isError(), qPrintable(error.summary()));
        QVERIFY(QTest::qWaitFor([job] { return job->state() == Job::Finished; }, 120000));
        QCOMPARE(job->done(), 3);
        QCOMPARE(job->failed(), 0);

        // The server: a's invites declined (our membership is leave), b's and c's untouched.
        for (const QString &room : m_roomsA)
            QCOMPARE(m_server.membershipOf(m_admin, room, m_me.userId), QStringLiteral("leave"));
        for (const QString &room : m_roomsB + m_roomsC)
            QCOMPARE(m_server.membershipOf(m_admin, room, m_me.userId), QStringLiteral("invite"));
        // a is in m.ignored_user_list, beside the one ignored elsewhere.
        const QJsonObject ignored =
            accountData(QStringLiteral("m.ignored_user_list")).value(u"ignored_users").toObject();
        QVERIFY2(ignored.contains(m_a.userId), QJsonDocument(ignored).toJson().constData());
        QVERIFY(ignored.contains(other));
        QStringList expectedIgnored{m_a.userId, other};
        expectedIgnored.sort();
        QCOMPARE(m_app->blocking()->ignoredUsers(), expectedIgnored);

        // The app: a's group is gone once sync reported the leaves; the others stay.
        QVERIFY(QTest::qWaitFor([&] { return m_app->inviteGroups()->rowOfKey(m_a.userId) < 0; },
                                30000));
        QCOMPARE(m_app->inviteGroups()->roomIdsOf(m_b.userId).size(), 2);
        QCOMPARE(m_app->inviteGroups()->roomIdsOf(m_c.userId).size(), 1);
    }

    void aNewInviteFromAnIgnoredUserNeverShows()
    {
        QVERIFY(m_app->blocking()->isIgnored(m_a.userId));
        const QString hidden = newRoom(m_a, QStringLiteral("Prizes again"));
        QVERIFY(!hidden.isEmpty());
        QVERIFY(m_server.invite(m_a, hidden, m_me.userId));
        // The server holds the invite...
        QCOMPARE(m_server.membershipOf(m_admin, hidden, m_me.userId), QStringLiteral("invite"));
        // ...but does not send it: an invite sent after it (by b) shows, a's never does.
        const QString marker = newRoom(m_b, QStringLiteral("Work later"));
        QVERIFY(!marker.isEmpty());
        QVERIFY(m_server.invite(m_b, marker, m_me.userId));
        QVERIFY(QTest::qWaitFor([&] { return inStoreAs(marker, Membership::Invite); }, 30000));
        QVERIFY(!m_app->store()->find(hidden));
        QCOMPARE(m_app->inviteGroups()->rowOfKey(m_a.userId), -1);
        m_roomsB << marker;
    }

    void unignore()
    {
        MatrixError error;
        blockingRequest([&] { m_app->blocking()->unignore(m_a.userId); }, &error);
        QVERIFY2(!error.isError(), qPrintable(error.summary()));
        const QJsonObject ignored =
            accountData(QStringLiteral("m.ignored_user_list")).value(u"ignored_users").toObject();
        QVERIFY(!ignored.contains(m_a.userId));
        QVERIFY(ignored.contains(QStringLiteral("@someone:elsewhere.example")));
        QVERIFY(!m_app->blocking()->isIgnored(m_a.userId));
        // Invites from a show again: a new one arrives.
        const QString again = newRoom(m_a, QStringLiteral("Prizes, unignored"));
        QVERIFY(!again.isEmpty());
        QVERIFY(m_server.invite(m_a, again, m_me.userId));
        QVERIFY(QTest::qWaitFor([&] { return inStoreAs(again, Membership::Invite); }, 30000));
        QVERIFY(m_app->inviteGroups()->roomIdsOf(m_a.userId).contains(again));
    }

    void blockInvites()
    {
        MatrixError error;
        blockingRequest([&] { m_app->blocking()->setInvitesBlocked(true); }, &error);
        QVERIFY2(!error.isError(), qPrintable(error.summary()));
        QCOMPARE(m_app->blocking()->invitePermission(), UserBlocking::InvitesBlocked);
        QCOMPARE(accountData(QStringLiteral("m.invite_permission_config"))
                     .value(u"default_action")
                     .toString(),
                 QStringLiteral("block"));

        // c's invite is refused with M_INVITE_BLOCKED, and the account never gets it.
        const QString refused = newRoom(m_c, QStringLiteral("Blocked hello"));
        QVERIFY(!refused.isEmpty());
        const auto answer = m_server.request(
            "POST", "/_matrix/client/v3/rooms/" + SynapseFixture::seg(refused) + "/invite",
            m_c.accessToken, {{QStringLiteral("user_id"), m_me.userId}});
        QCOMPARE(answer.status, 403);
        QCOMPARE(answer.body.value(u"errcode").toString(), QStringLiteral("M_INVITE_BLOCKED"));
        QCOMPARE(m_server.membershipOf(m_admin, refused, m_me.userId), QString());
        // The inviter is told why, in words.
        const MatrixError refusal = MatrixError::fromHttp(
            answer.status, {}, QJsonDocument(answer.body).toJson(QJsonDocument::Compact), nullptr);
        QVERIFY(refusal.message.startsWith(answer.body.value(u"error").toString()));
        QVERIFY(refusal.message.contains(QLatin1String("does not accept invites")));

        // Unblocked: c's next invite goes through and shows.
        blockingRequest([&] { m_app->blocking()->setInvitesBlocked(false); }, &error);
        QVERIFY2(!error.isError(), qPrintable(error.summary()));
        QCOMPARE(m_app->blocking()->invitePermission(), UserBlocking::InvitesAllowed);
        bool found = false;
        const QJsonObject config =
            accountData(QStringLiteral("m.invite_permission_config"), &found);
        QVERIFY(found);
        QVERIFY(!config.contains(QLatin1String("default_action")));
        QVERIFY(m_server.invite(m_c, refused, m_me.userId));
        QVERIFY(QTest::qWaitFor([&] { return inStoreAs(refused, Membership::Invite); }, 30000));
    }

    void aChangeFromAnotherClientArrivesBySync()
    {
        // Another client blocks invites: the app learns it from /sync, without asking.
        QCOMPARE(m_server
                     .request("PUT", accountDataPath(QStringLiteral("m.invite_permission_config")),
                              m_me.accessToken,
                              {{QStringLiteral("default_action"), QStringLiteral("block")}})
                     .status,
                 200);
        QVERIFY(QTest::qWaitFor(
            [&] { return m_app->blocking()->invitePermission() == UserBlocking::InvitesBlocked; },
            30000));
        MatrixError error;
        blockingRequest([&] { m_app->blocking()->setInvitesBlocked(false); }, &error);
        QVERIFY2(!error.isError(), qPrintable(error.summary()));
    }

    void aRelaunchLoadsTheStateAtSignIn()
    {
        // Ignore b, then a second app instance on the same store resumes /sync incrementally
        // (never seeing the account data again): the sign-in load shows it.
        MatrixError error;
        blockingRequest([&] { m_app->blocking()->ignore({m_b.userId}); }, &error);
        QVERIFY2(!error.isError(), qPrintable(error.summary()));
        m_app->jobs()->close();
        m_app.reset();
        m_app =
            std::make_unique<AppServices>(AppServices::Options{.useKeychain = false,
                                                               .keepRoomsOnDisk = true,
                                                               .storeDirectory = m_storeDir.path(),
                                                               .keepJobs = true});
        m_app->setRememberSession(false);
        QSignalSpy loaded(m_app->blocking(), &UserBlocking::loaded);
        m_app->signIn(m_server.baseUrl().toString(), m_me.accessToken);
        QVERIFY(loaded.wait(30000));
        QVERIFY(m_app->blocking()->isIgnored(m_b.userId));
        QCOMPARE(m_app->blocking()->invitePermission(), UserBlocking::InvitesAllowed);
    }
};

QTEST_GUILESS_MAIN(TestTriageSynapse)
#include "tst_triage_synapse.moc"
