// The sync loop against scripted server behaviour: reconnecting after errors (with the server's
// Retry-After), stalled servers, malformed responses, and soft/hard logout.
#include "appservices.h"
#include "fakehomeserver.h"
#include "sync/roomstore.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QUrlQuery>
#include <QtTest>

namespace {
QByteArray roomSync(const char *batch, const char *roomId, const char *name)
{
    return QByteArray(R"({"next_batch":")") + batch + R"(","rooms":{"join":{")" + roomId +
           R"(":{"state":{"events":[{"type":"m.room.name","state_key":"","content":{"name":")" +
           name + R"("}}]}}}}})";
}
const char *const Versions = R"({"versions":["v1.11"]})";
const char *const Whoami = R"({"user_id":"@me:localhost","device_id":"D"})";
} // namespace

class TestSyncEngine : public QObject
{
    Q_OBJECT

    std::unique_ptr<FakeHomeserver> m_fake;
    std::unique_ptr<AppServices> m_app;

    QString queryItem(const FakeHomeserver::Request &r, const QString &key)
    {
        return QUrlQuery(QString::fromLatin1(r.rawQuery)).queryItemValue(key, QUrl::FullyDecoded);
    }

    void signIn(const char *token = "tok1")
    {
        QSignalSpy signedIn(m_app->session(), &Session::signedIn);
        m_app->signIn(m_fake->baseUrl().toString(), QString::fromLatin1(token));
        QVERIFY(signedIn.wait(10000));
    }

private slots:
    void init()
    {
        m_fake = std::make_unique<FakeHomeserver>();
        m_fake->script("/_matrix/client/versions", {{200, Versions}});
        m_fake->script("/_matrix/client/v3/account/whoami", {{200, Whoami}});
        m_app = std::make_unique<AppServices>(false);
    }
    void cleanup()
    {
        m_app.reset();
        m_fake.reset();
    }

    void initialThenLongPoll()
    {
        m_fake->script("/_matrix/client/v3/sync", {{200, roomSync("s1", "!a:localhost", "First")},
                                                   {200, roomSync("s2", "!b:localhost", "Second")},
                                                   FakeHomeserver::Reply::stall()});
        signIn();
        QTRY_COMPARE_WITH_TIMEOUT(m_app->store()->size(), 2, 10000);
        QCOMPARE(m_app->sync()->state(), SyncEngine::Synced);
        const auto syncs = m_fake->requestsTo("/_matrix/client/v3/sync");
        QVERIFY(syncs.size() >= 2);
        QCOMPARE(queryItem(syncs.at(0), QStringLiteral("timeout")), QStringLiteral("0"));
        QCOMPARE(queryItem(syncs.at(0), QStringLiteral("since")), QString());
        QCOMPARE(queryItem(syncs.at(1), QStringLiteral("since")), QStringLiteral("s1"));
        QCOMPARE(queryItem(syncs.at(1), QStringLiteral("timeout")), QStringLiteral("30000"));
        const QJsonObject filter =
            QJsonDocument::fromJson(queryItem(syncs.at(0), QStringLiteral("filter")).toUtf8())
                .object();
        QCOMPARE(filter.value(QLatin1String("room"))
                     .toObject()
                     .value(QLatin1String("include_leave"))
                     .toBool(),
                 true);
        QVERIFY(syncs.at(0).authorization.startsWith("Bearer "));
    }

    // Issue 15: m.direct is asked for; state is not narrowed (the room type and the space links
    // are state events); the inventory check asks for no account data (it only finds forgotten
    // rooms).
    void filtersAskForDirectChatsAndSpaceState()
    {
        const QJsonObject filter = QJsonDocument::fromJson(SyncEngine::filterJson()).object();
        const QJsonArray types = filter.value(QLatin1String("account_data"))
                                     .toObject()
                                     .value(QLatin1String("types"))
                                     .toArray();
        QVERIFY(types.contains(QStringLiteral("m.direct")));
        QVERIFY(types.contains(QStringLiteral("m.ignored_user_list")));
        const QJsonObject state =
            filter.value(QLatin1String("room")).toObject().value(QLatin1String("state")).toObject();
        QVERIFY(!state.contains(QLatin1String("types")));
        QVERIFY(!state.contains(QLatin1String("not_types")));
        const QJsonObject inventory =
            QJsonDocument::fromJson(SyncEngine::inventoryFilterJson()).object();
        QVERIFY(!inventory.isEmpty());
        QCOMPARE(inventory.value(QLatin1String("account_data"))
                     .toObject()
                     .value(QLatin1String("types"))
                     .toArray(),
                 QJsonArray());
    }

    void reconnectsAfterServerErrors()
    {
        m_fake->script("/_matrix/client/v3/sync", {{503, "<html>down</html>", {}, "text/html"},
                                                   {200, roomSync("s1", "!a:localhost", "Back")},
                                                   FakeHomeserver::Reply::stall()});
        QSignalSpy states(m_app->sync(), &SyncEngine::stateChanged);
        signIn();
        QTRY_COMPARE_WITH_TIMEOUT(m_app->sync()->state(), SyncEngine::Reconnecting, 5000);
        QCOMPARE(m_app->sync()->lastError().httpStatus, 503);
        QVERIFY(m_app->sync()->statusText().startsWith(QLatin1String("Reconnecting in")));
        QTRY_COMPARE_WITH_TIMEOUT(m_app->sync()->state(), SyncEngine::Synced, 10000);
        QCOMPARE(m_app->store()->size(), 1);
    }

    void rateLimitedSyncWaitsAsTold()
    {
        m_fake->script(
            "/_matrix/client/v3/sync",
            {{429, R"({"errcode":"M_LIMIT_EXCEEDED","error":"slow","retry_after_ms":100})", "2"},
             {200, roomSync("s1", "!a:localhost", "Later")},
             FakeHomeserver::Reply::stall()});
        signIn();
        QTRY_COMPARE_WITH_TIMEOUT(m_app->sync()->state(), SyncEngine::Reconnecting, 5000);
        QCOMPARE(m_app->sync()->retryInSeconds(), 2);
        QTest::qWait(1500); // well within the 2 s the server asked for: no retry yet
        QCOMPARE(m_fake->requestsTo("/_matrix/client/v3/sync").size(), 1); // no tight loop
        QTRY_COMPARE_WITH_TIMEOUT(m_app->sync()->state(), SyncEngine::Synced, 5000);
    }

    void malformedResponseIsRetriedNotFatal()
    {
        m_fake->script("/_matrix/client/v3/sync", {{200, "{\"next_batch\": [not json"},
                                                   {200, R"({"rooms":{}})"}, // no next_batch
                                                   {200, roomSync("s1", "!a:localhost", "Fine")},
                                                   FakeHomeserver::Reply::stall()});
        signIn();
        QTRY_COMPARE_WITH_TIMEOUT(m_app->sync()->state(), SyncEngine::Reconnecting, 5000);
        QCOMPARE(m_app->sync()->lastError().kind, MatrixError::MalformedResponse);
        QTRY_COMPARE_WITH_TIMEOUT(m_app->store()->size(), 1, 15000);
    }

    // Rooms are read one by one after the answer arrived: one whose text is broken still makes
    // the answer malformed as a whole — nothing applied, the position not moved on.
    void aBrokenRoomMakesTheAnswerMalformed()
    {
        m_fake->script("/_matrix/client/v3/sync",
                       {{200, R"({"next_batch":"s_bad","rooms":{"join":{"!ok:localhost":{},)"
                              R"("!broken:localhost":{"timeline":{"events":[1,]}}}}})"},
                        {200, roomSync("s1", "!a:localhost", "Fine")},
                        FakeHomeserver::Reply::stall()});
        signIn();
        QTRY_COMPARE_WITH_TIMEOUT(m_app->sync()->state(), SyncEngine::Reconnecting, 5000);
        QCOMPARE(m_app->sync()->lastError().kind, MatrixError::MalformedResponse);
        QCOMPARE(m_app->store()->size(), 0);
        QTRY_COMPARE_WITH_TIMEOUT(m_app->store()->size(), 1, 15000);
        QVERIFY(m_app->store()->find(QStringLiteral("!a:localhost")));
        QVERIFY(!m_app->store()->find(QStringLiteral("!ok:localhost")));
        const auto syncs = m_fake->requestsTo("/_matrix/client/v3/sync");
        QVERIFY(syncs.size() >= 2);
        QCOMPARE(queryItem(syncs.at(1), QStringLiteral("since")), QString()); // still initial
    }

    void stalledServerIsDetected()
    {
        m_fake->script("/_matrix/client/v3/sync", {{200, roomSync("s1", "!a:localhost", "A")},
                                                   FakeHomeserver::Reply::stall()});
        m_app->sync()->setLongPollTimeout(200);
        m_app->sync()->setTimeoutMargin(300);
        signIn();
        // The long poll (200 ms + 300 ms margin) gets no answer: a timeout, then reconnecting.
        QTRY_COMPARE_WITH_TIMEOUT(m_app->sync()->state(), SyncEngine::Reconnecting, 5000);
        QCOMPARE(m_app->sync()->lastError().kind, MatrixError::Timeout);
        QCOMPARE(m_app->store()->size(), 1); // what we had stays
    }

    void softLogoutKeepsStateAndResumes()
    {
        m_fake->script(
            "/_matrix/client/v3/sync",
            {{200, roomSync("s1", "!a:localhost", "Kept")},
             {401, R"({"errcode":"M_UNKNOWN_TOKEN","error":"Token expired","soft_logout":true})"},
             {200, roomSync("s2", "!b:localhost", "After")},
             FakeHomeserver::Reply::stall()});
        QSignalSpy expired(m_app.get(), &AppServices::sessionExpired);
        signIn("tok1");
        QVERIFY(expired.wait(10000));
        QCOMPARE(expired.first().first().toBool(), true);
        QCOMPARE(m_app->session()->state(), Session::SignedOut);
        QVERIFY(m_app->session()->isExpired());
        QVERIFY(m_app->session()->errorText().contains(QLatin1String("expired")));
        QCOMPARE(m_app->store()->size(), 1); // local state kept
        QCOMPARE(m_app->session()->homeserverInput(), m_fake->baseUrl().toString());

        signIn("tok2");
        QTRY_COMPARE_WITH_TIMEOUT(m_app->store()->size(), 2, 10000);
        const auto syncs = m_fake->requestsTo("/_matrix/client/v3/sync");
        // After the new token, sync continued from s1 rather than starting over.
        QCOMPARE(queryItem(syncs.at(2), QStringLiteral("since")), QStringLiteral("s1"));
        QCOMPARE(syncs.at(2).authorization, QByteArray("Bearer tok2"));
    }

    void fileStoreRemembersWithoutKeychain()
    {
        // No keychain (--no-keychain here), but the user chose the 0600 file: the next start
        // signs in by itself; signing out forgets it.
        QStandardPaths::setTestModeEnabled(true);
        m_fake->script("/_matrix/client/v3/sync", {{200, roomSync("s1", "!a:localhost", "A")},
                                                   FakeHomeserver::Reply::stall()});
        QVERIFY(!m_app->credentials()->keychainAvailable());
        m_app->credentials()->setUseFileStore(true);
        QSignalSpy saved(m_app->credentials(), &CredentialStore::saved);
        signIn("tok-file");
        QVERIFY(saved.count() == 1 || saved.wait(5000));
        QVERIFY(saved.first().first().toBool());
        QVERIFY(QFile::exists(CredentialStore::tokenFilePath()));

        AppServices next(false);
        QSignalSpy restored(&next, &AppServices::restoreFinished);
        next.restoreSession();
        QVERIFY(restored.count() == 1 || restored.wait(5000));
        QCOMPARE(restored.first().first().toBool(), true);
        QTRY_COMPARE_WITH_TIMEOUT(next.session()->state(), Session::SignedIn, 10000);
        QCOMPARE(m_fake->requestsTo("/_matrix/client/v3/account/whoami").last().authorization,
                 QByteArray("Bearer tok-file"));

        next.signOut();
        QVERIFY(!QFile::exists(CredentialStore::tokenFilePath()));
        next.credentials()->setUseFileStore(false);
    }

    void softLogoutKeepsPendingActions()
    {
        m_fake->script("/_matrix/client/v3/sync", {{200, roomSync("s1", "!a:localhost", "A")},
                                                   FakeHomeserver::Reply::stall()});
        m_fake->script(
            "/_matrix/client/v3/rooms/",
            {{401, R"({"errcode":"M_UNKNOWN_TOKEN","error":"expired","soft_logout":true})"},
             {200, "{}"}});
        signIn("old-token");
        MembershipService *membership = m_app->membership();
        QSignalSpy expired(m_app.get(), &AppServices::sessionExpired);
        Operation *leave = membership->leave(QStringLiteral("!a:localhost"), QStringLiteral("bye"));
        QSignalSpy finished(leave, &Operation::finished);
        QVERIFY(expired.wait(10000));
        QCOMPARE(m_app->session()->state(), Session::SignedOut);
        // Not dropped, not failed: still pending, and the status says why.
        QCOMPARE(membership->operationFor(QStringLiteral("!a:localhost")), leave);
        QCOMPARE(leave->state(), Operation::Waiting);
        QCOMPARE(leave->waitReason(), Operation::SignInRequired);
        QVERIFY(membership->statusText().contains(QLatin1String("sign in again")));
        QCOMPARE(membership->statusState(), Operation::Waiting);
        QCOMPARE(finished.count(), 0);

        signIn("new-token");
        QVERIFY(finished.count() == 1 || finished.wait(10000));
        QCOMPARE(leave->state(), Operation::Succeeded);
        QVERIFY(!leave->error().isError());
        const auto leaves = m_fake->requestsTo("/_matrix/client/v3/rooms/");
        QCOMPARE(leaves.size(), 2); // sent once per token, not more
        QCOMPARE(leaves.last().authorization, QByteArray("Bearer new-token"));
        QCOMPARE(leaves.last().body, leaves.first().body);
        QCOMPARE(finished.count(), 1);
    }

    void parkedActionsAreCancelledOnSignOut()
    {
        m_fake->script("/_matrix/client/v3/sync", {{200, roomSync("s1", "!a:localhost", "A")},
                                                   FakeHomeserver::Reply::stall()});
        m_fake->script(
            "/_matrix/client/v3/rooms/",
            {{401, R"({"errcode":"M_UNKNOWN_TOKEN","error":"expired","soft_logout":true})"}});
        signIn();
        QSignalSpy expired(m_app.get(), &AppServices::sessionExpired);
        Operation *forget = m_app->membership()->forget(QStringLiteral("!a:localhost"));
        QSignalSpy finished(forget, &Operation::finished);
        QVERIFY(expired.wait(10000));
        QCOMPARE(finished.count(), 0);
        QCOMPARE(forget->waitReason(), Operation::SignInRequired);
        // The user signs out instead of giving a new token: the action ends, visibly cancelled.
        m_app->signOut();
        QCOMPARE(finished.count(), 1);
        QCOMPARE(forget->state(), Operation::Cancelled);
        QCOMPARE(forget->error().kind, MatrixError::Cancelled);
        QCOMPARE(m_app->membership()->runningCount(), 0);
        QCOMPARE(m_app->store()->size(), 0); // nothing of the account is kept
        QCOMPARE(m_fake->requestsTo("/_matrix/client/v3/rooms/").size(), 1);
    }

    void anotherAccountNeverSendsParkedActions()
    {
        m_fake->script("/_matrix/client/v3/sync", {{200, roomSync("s1", "!a:localhost", "A")},
                                                   FakeHomeserver::Reply::stall()});
        m_fake->script(
            "/_matrix/client/v3/rooms/",
            {{401, R"({"errcode":"M_UNKNOWN_TOKEN","error":"expired","soft_logout":true})"},
             {200, "{}"}});
        signIn();
        QSignalSpy expired(m_app.get(), &AppServices::sessionExpired);
        Operation *leave = m_app->membership()->leave(QStringLiteral("!a:localhost"));
        QVERIFY(expired.wait(10000));
        m_fake->script("/_matrix/client/v3/account/whoami",
                       {{200, R"({"user_id":"@other:localhost","device_id":"E"})"}});
        signIn("other-token");
        QCOMPARE(leave->state(), Operation::Cancelled);
        QCOMPARE(m_fake->requestsTo("/_matrix/client/v3/rooms/").size(), 1);
    }

    // Defect 6: the CLI (not interactive) has nobody to give a new token: an expired session
    // fails the action with the server's error instead of parking it forever.
    void softLogoutFailsTheActionWhenNotInteractive()
    {
        m_app = std::make_unique<AppServices>(AppServices::Options{
            .useKeychain = false, .interactive = false, .syncAfterSignIn = false});
        m_fake->script(
            "/_matrix/client/v3/rooms/",
            {{401, R"({"errcode":"M_UNKNOWN_TOKEN","error":"expired","soft_logout":true})"},
             {200, "{}"}});
        signIn();
        QSignalSpy expired(m_app.get(), &AppServices::sessionExpired);
        Operation *leave = m_app->membership()->leave(QStringLiteral("!a:localhost"));
        QSignalSpy finished(leave, &Operation::finished);
        QVERIFY(finished.wait(10000));
        QCOMPARE(leave->state(), Operation::Failed);
        QVERIFY(leave->error().isAuthFailure());
        QCOMPARE(leave->error().errcode, QStringLiteral("M_UNKNOWN_TOKEN"));
        QCOMPARE(expired.count(), 1);
        QCOMPARE(m_app->session()->state(), Session::SignedOut);
        QCOMPARE(m_fake->requestsTo("/_matrix/client/v3/rooms/").size(), 1);
        QCOMPARE(m_fake->requestsTo("/_matrix/client/v3/sync").size(), 0); // the CLI does not sync
    }

    void hardLogoutFailsTheRunningAction()
    {
        m_fake->script("/_matrix/client/v3/sync", {{200, roomSync("s1", "!a:localhost", "A")},
                                                   FakeHomeserver::Reply::stall()});
        m_fake->script("/_matrix/client/v3/rooms/",
                       {{401, R"({"errcode":"M_UNKNOWN_TOKEN","error":"Device deleted"})"}});
        signIn();
        Operation *leave = m_app->membership()->leave(QStringLiteral("!a:localhost"));
        QSignalSpy finished(leave, &Operation::finished);
        QVERIFY(finished.wait(10000));
        QCOMPARE(leave->state(), Operation::Failed); // the server's answer, not "cancelled"
        QVERIFY(leave->error().isAuthFailure());
        QCOMPARE(m_app->session()->state(), Session::SignedOut);
        QCOMPARE(m_app->store()->size(), 0);
    }

    void hardLogoutClearsEverything()
    {
        m_fake->script("/_matrix/client/v3/sync",
                       {{200, roomSync("s1", "!a:localhost", "Gone")},
                        {401, R"({"errcode":"M_UNKNOWN_TOKEN","error":"Device deleted"})"}});
        QSignalSpy expired(m_app.get(), &AppServices::sessionExpired);
        signIn();
        QVERIFY(expired.wait(10000));
        QCOMPARE(expired.first().first().toBool(), false);
        QCOMPARE(m_app->store()->size(), 0);
        QCOMPARE(m_app->session()->state(), Session::SignedOut);
        QVERIFY(m_app->session()->errorText().contains(QLatin1String("signed this session out")));
    }

    // A first launch after sign-in: the most recent rooms from sliding sync (the account's own
    // membership told by the whoami user ID) while the initial sync is prepared, and the status
    // says how many of how many are shown.
    void firstLaunchShowsRecentRoomsFirst()
    {
        const QByteArray slidingPath =
            "/_matrix/client/unstable/org.matrix.simplified_msc3575/sync";
        m_fake->script(
            slidingPath,
            {{200,
              R"({"pos":"p1","lists":{"recent":{"count":950}},"rooms":{"!a:localhost":{)"
              R"("required_state":[{"type":"m.room.name","state_key":"","content":{"name":"Recent"}},)"
              R"({"type":"m.room.member","state_key":"@me:localhost","sender":"@me:localhost",)"
              R"("content":{"membership":"join"}}]}}})"}});
        m_fake->script("/_matrix/client/v3/sync",
                       {FakeHomeserver::Reply::held(200, roomSync("s1", "!b:localhost", "Other")),
                        FakeHomeserver::Reply::stall()});
        QSignalSpy shown(m_app->sync(), &SyncEngine::firstRoomsShown);
        signIn();
        QVERIFY(shown.wait(10000));
        QCOMPARE(m_app->store()->size(), 1);
        QCOMPARE(m_app->store()->at(0).displayName(), QStringLiteral("Recent"));
        QCOMPARE(Membership::toString(m_app->store()->at(0).membership), QStringLiteral("join"));
        QCOMPARE(m_app->sync()->state(), SyncEngine::InitialSync);
        QCOMPARE(m_app->sync()->statusText(), QStringLiteral("Loading your rooms… 1 of 950 shown"));
        QVERIFY(m_fake->requestsTo(slidingPath).first().authorization.startsWith("Bearer "));

        QVERIFY(m_fake->release("/_matrix/client/v3/sync"));
        QTRY_COMPARE_WITH_TIMEOUT(m_app->sync()->state(), SyncEngine::Synced, 10000);
        // The complete inventory did not list it: gone.
        QCOMPARE(m_app->store()->size(), 1);
        QCOMPARE(m_app->store()->at(0).displayName(), QStringLiteral("Other"));
        QCOMPARE(m_app->sync()->statusText(), QStringLiteral("Synced"));
    }
};

QTEST_MAIN(TestSyncEngine)
#include "tst_syncengine.moc"
