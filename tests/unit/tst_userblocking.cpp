// UserBlocking against a fake homeserver: what is loaded at sign-in, what each change sends
// (a fresh GET, then a PUT of the whole content that keeps what others wrote), how /sync keeps
// the state current, and that invalid input sends nothing.
#include "actions/userblocking.h"
#include "api/apiclient.h"
#include "fakehomeserver.h"
#include "session/session.h"
#include "sync/roomstore.h"
#include "sync/syncengine.h"

#include <QJsonDocument>
#include <QNetworkAccessManager>
#include <QSignalSpy>
#include <QtTest>

namespace {
const char *const Versions = R"({"versions":["v1.11"]})";
const char *const Whoami = R"({"user_id":"@me:localhost","device_id":"D"})";
const QByteArray Ignored =
    "/_matrix/client/v3/user/%40me%3Alocalhost/account_data/m.ignored_user_list";
const QByteArray Permission =
    "/_matrix/client/v3/user/%40me%3Alocalhost/account_data/m.invite_permission_config";
const QByteArray NotFound = R"({"errcode":"M_NOT_FOUND","error":"Account data not found"})";

QJsonObject bodyOf(const FakeHomeserver::Request &r)
{
    return QJsonDocument::fromJson(r.body).object();
}
QJsonObject parse(const char *json)
{
    return QJsonDocument::fromJson(json).object();
}
} // namespace

class TestUserBlocking : public QObject
{
    Q_OBJECT

    std::unique_ptr<FakeHomeserver> m_fake;
    std::unique_ptr<QNetworkAccessManager> m_nam;
    std::unique_ptr<ApiClient> m_api;
    std::unique_ptr<Session> m_session;
    std::unique_ptr<RoomStore> m_store;
    std::unique_ptr<SyncEngine> m_sync;
    std::unique_ptr<UserBlocking> m_blocking;

    QByteArrayList methods(const QByteArray &prefix) const
    {
        QByteArrayList list;
        for (const auto &r : m_fake->requestsTo(prefix))
            list << r.method;
        return list;
    }

    // Signs in (which loads both entries) and waits for the load to end.
    void signIn()
    {
        QSignalSpy loaded(m_blocking.get(), &UserBlocking::loaded);
        QSignalSpy signedIn(m_session.get(), &Session::signedIn);
        m_session->signIn(m_fake->baseUrl().toString(), QStringLiteral("tok"));
        QVERIFY(signedIn.wait(10000));
        QVERIFY(loaded.count() == 1 || loaded.wait(10000));
        m_fake->clear();
    }

    // Runs one request to its end; returns its error through *error.
    void finish(const std::function<void()> &ask, MatrixError *error)
    {
        QSignalSpy finished(m_blocking.get(), &UserBlocking::requestFinished);
        ask();
        QCOMPARE(finished.count(), 0); // never synchronously
        QVERIFY(finished.wait(10000));
        QCOMPARE(finished.count(), 1);
        *error = finished.first().first().value<MatrixError>();
        QVERIFY(!m_blocking->isBusy());
    }

private slots:
    void init()
    {
        m_fake = std::make_unique<FakeHomeserver>();
        QVERIFY(m_fake->port() > 0);
        m_fake->script("/_matrix/client/versions", {{200, Versions}});
        m_fake->script("/_matrix/client/v3/account/whoami", {{200, Whoami}});
        m_fake->script(Ignored, {{404, NotFound}});
        m_fake->script(Permission, {{404, NotFound}});
        m_nam = std::make_unique<QNetworkAccessManager>();
        m_api = std::make_unique<ApiClient>(m_nam.get());
        m_session = std::make_unique<Session>(m_api.get());
        m_store = std::make_unique<RoomStore>();
        m_sync = std::make_unique<SyncEngine>(m_api.get(), m_store.get());
        m_sync->setFirstRoomsFromSlidingSync(false);
        m_blocking = std::make_unique<UserBlocking>(m_api.get(), m_session.get(), m_sync.get());
    }
    void cleanup()
    {
        m_blocking.reset();
        m_sync.reset();
        m_store.reset();
        m_session.reset();
        m_api.reset();
        m_nam.reset();
        m_fake.reset();
    }

    void loadsBothEntriesAtSignIn()
    {
        m_fake->script(Ignored, {{200, R"({"ignored_users":{"@b:x.org":{},"@a:y.org":{}}})"}});
        m_fake->script(Permission, {{200, R"({"default_action":"block"})"}});
        QCOMPARE(m_blocking->invitePermission(), UserBlocking::PermissionUnknown);
        QSignalSpy loaded(m_blocking.get(), &UserBlocking::loaded);
        QSignalSpy signedIn(m_session.get(), &Session::signedIn);
        m_session->signIn(m_fake->baseUrl().toString(), QStringLiteral("tok"));
        QVERIFY(signedIn.wait(10000));
        QVERIFY(loaded.wait(10000));
        QCOMPARE(methods(Ignored), QByteArrayList{"GET"});
        QCOMPARE(methods(Permission), QByteArrayList{"GET"});
        QCOMPARE(m_blocking->ignoredUsers(),
                 QStringList({QStringLiteral("@a:y.org"), QStringLiteral("@b:x.org")}));
        QCOMPARE(m_blocking->invitePermission(), UserBlocking::InvitesBlocked);
        QVERIFY(m_blocking->errorText().isEmpty());
    }

    void nothingSetMeansNobodyIgnoredAndInvitesAllowed()
    {
        signIn();
        if (QTest::currentTestFailed())
            return;
        QVERIFY(m_blocking->ignoredUsers().isEmpty());
        QCOMPARE(m_blocking->invitePermission(), UserBlocking::InvitesAllowed);
    }

    void ignoreIsReadModifyWrite()
    {
        signIn();
        if (QTest::currentTestFailed())
            return;
        // Another client ignored @other and keeps a key of its own in the entry.
        m_fake->script(Ignored, {{200, R"({"ignored_users":{"@other:x.org":{"note":1}},"k":2})"},
                                 {200, "{}"}});
        MatrixError error;
        finish([&] { m_blocking->ignore({QStringLiteral("@x:spam.example")}); }, &error);
        QVERIFY2(!error.isError(), qPrintable(error.summary()));
        const auto requests = m_fake->requestsTo(Ignored);
        QCOMPARE(methods(Ignored), QByteArrayList({"GET", "PUT"}));
        QCOMPARE(
            bodyOf(requests.at(1)),
            parse(R"({"ignored_users":{"@other:x.org":{"note":1},"@x:spam.example":{}},"k":2})"));
        QCOMPARE(m_blocking->ignoredUsers(),
                 QStringList({QStringLiteral("@other:x.org"), QStringLiteral("@x:spam.example")}));
        QVERIFY(m_blocking->isIgnored(QStringLiteral("@x:spam.example")));
    }

    void ignoreWhenNothingWasSet()
    {
        signIn();
        if (QTest::currentTestFailed())
            return;
        m_fake->script(Ignored, {{404, NotFound}, {200, "{}"}});
        MatrixError error;
        finish(
            [&] {
                m_blocking->ignore({QStringLiteral("@a:x.org"), QStringLiteral(" @b:x.org "),
                                    QStringLiteral("@a:x.org")});
            },
            &error);
        QVERIFY2(!error.isError(), qPrintable(error.summary()));
        QCOMPARE(methods(Ignored), QByteArrayList({"GET", "PUT"}));
        QCOMPARE(bodyOf(m_fake->requestsTo(Ignored).at(1)),
                 parse(R"({"ignored_users":{"@a:x.org":{},"@b:x.org":{}}})"));
    }

    void ignoringSomeoneAlreadyIgnoredWritesNothing()
    {
        signIn();
        if (QTest::currentTestFailed())
            return;
        m_fake->script(Ignored, {{200, R"({"ignored_users":{"@a:x.org":{}}})"}});
        MatrixError error;
        finish([&] { m_blocking->ignore({QStringLiteral("@a:x.org")}); }, &error);
        QVERIFY(!error.isError());
        QCOMPARE(methods(Ignored), QByteArrayList{"GET"});
        // What the fresh read said is what is shown.
        QCOMPARE(m_blocking->ignoredUsers(), QStringList{QStringLiteral("@a:x.org")});
    }

    void unignoreRemovesOnlyThatUser()
    {
        signIn();
        if (QTest::currentTestFailed())
            return;
        m_fake->script(Ignored,
                       {{200, R"({"ignored_users":{"@a:x.org":{},"@b:x.org":{},"@c:x.org":{}}})"},
                        {200, "{}"}});
        MatrixError error;
        finish([&] { m_blocking->unignore(QStringLiteral("@b:x.org")); }, &error);
        QVERIFY2(!error.isError(), qPrintable(error.summary()));
        QCOMPARE(methods(Ignored), QByteArrayList({"GET", "PUT"}));
        QCOMPARE(bodyOf(m_fake->requestsTo(Ignored).at(1)),
                 parse(R"({"ignored_users":{"@a:x.org":{},"@c:x.org":{}}})"));
        QCOMPARE(m_blocking->ignoredUsers(),
                 QStringList({QStringLiteral("@a:x.org"), QStringLiteral("@c:x.org")}));
    }

    void blockAndUnblockInvitesKeepOtherKeys()
    {
        signIn();
        if (QTest::currentTestFailed())
            return;
        m_fake->script(Permission, {{200, R"({"other":true})"},
                                    {200, "{}"},
                                    {200, R"({"other":true,"default_action":"block"})"},
                                    {200, "{}"}});
        QSignalSpy changed(m_blocking.get(), &UserBlocking::changed);
        MatrixError error;
        finish([&] { m_blocking->setInvitesBlocked(true); }, &error);
        QVERIFY2(!error.isError(), qPrintable(error.summary()));
        QCOMPARE(m_blocking->invitePermission(), UserBlocking::InvitesBlocked);
        QVERIFY(changed.count() >= 1);
        finish([&] { m_blocking->setInvitesBlocked(false); }, &error);
        QVERIFY2(!error.isError(), qPrintable(error.summary()));
        QCOMPARE(m_blocking->invitePermission(), UserBlocking::InvitesAllowed);
        const auto requests = m_fake->requestsTo(Permission);
        QCOMPARE(methods(Permission), QByteArrayList({"GET", "PUT", "GET", "PUT"}));
        QCOMPARE(bodyOf(requests.at(1)), parse(R"({"other":true,"default_action":"block"})"));
        QCOMPARE(bodyOf(requests.at(3)), parse(R"({"other":true})"));
    }

    void changesRunOneAtATimeInOrder()
    {
        signIn();
        if (QTest::currentTestFailed())
            return;
        // The second change reads what the first wrote.
        m_fake->script(Ignored, {{404, NotFound},
                                 {200, "{}"},
                                 {200, R"({"ignored_users":{"@a:x.org":{}}})"},
                                 {200, "{}"}});
        QSignalSpy finished(m_blocking.get(), &UserBlocking::requestFinished);
        m_blocking->ignore({QStringLiteral("@a:x.org")});
        m_blocking->ignore({QStringLiteral("@b:x.org")});
        QVERIFY(m_blocking->isBusy());
        QVERIFY(QTest::qWaitFor([&] { return finished.count() == 2; }, 10000));
        QCOMPARE(methods(Ignored), QByteArrayList({"GET", "PUT", "GET", "PUT"}));
        QCOMPARE(bodyOf(m_fake->requestsTo(Ignored).at(3)),
                 parse(R"({"ignored_users":{"@a:x.org":{},"@b:x.org":{}}})"));
        QVERIFY(!m_blocking->isBusy());
    }

    void invalidIdsSendNothing_data()
    {
        QTest::addColumn<bool>("unignoring");
        QTest::addColumn<QStringList>("ids");
        QTest::newRow("one bad among good")
            << false << QStringList{QStringLiteral("@ok:x.org"), QStringLiteral("not-a-user")};
        QTest::newRow("no server") << false << QStringList{QStringLiteral("@nobody")};
        QTest::newRow("empty list") << false << QStringList{};
        QTest::newRow("yourself") << false << QStringList{QStringLiteral("@me:localhost")};
        QTest::newRow("unignore a room") << true << QStringList{QStringLiteral("#room:x.org")};
        QTest::newRow("unignore blank") << true << QStringList{QStringLiteral(" ")};
    }
    void invalidIdsSendNothing()
    {
        QFETCH(bool, unignoring);
        QFETCH(QStringList, ids);
        signIn();
        if (QTest::currentTestFailed())
            return;
        MatrixError error;
        finish(
            [&] {
                if (unignoring)
                    m_blocking->unignore(ids.first());
                else
                    m_blocking->ignore(ids);
            },
            &error);
        QCOMPARE(error.kind, MatrixError::InvalidInput);
        QVERIFY(!m_blocking->errorText().isEmpty());
        QCOMPARE(m_fake->requests().size(), 0);
    }

    void notSignedInSendsNothing()
    {
        MatrixError error;
        finish([&] { m_blocking->setInvitesBlocked(true); }, &error);
        QCOMPARE(error.kind, MatrixError::InvalidInput);
        QCOMPARE(m_fake->requests().size(), 0);
    }

    void aRefusedWriteIsReportedAndChangesNothing()
    {
        signIn();
        if (QTest::currentTestFailed())
            return;
        m_fake->script(Ignored,
                       {{404, NotFound}, {403, R"({"errcode":"M_FORBIDDEN","error":"Nope"})"}});
        MatrixError error;
        finish([&] { m_blocking->ignore({QStringLiteral("@a:x.org")}); }, &error);
        QCOMPARE(error.httpStatus, 403);
        QCOMPARE(error.errcode, QStringLiteral("M_FORBIDDEN"));
        QVERIFY(m_blocking->ignoredUsers().isEmpty());
        QVERIFY2(m_blocking->errorText().contains(QLatin1String("Nope")),
                 qPrintable(m_blocking->errorText()));
    }

    void syncKeepsTheStateCurrent()
    {
        signIn();
        if (QTest::currentTestFailed())
            return;
        m_fake->script("/_matrix/client/v3/sync",
                       {{200, R"({"next_batch":"s1","account_data":{"events":[
            {"type":"m.ignored_user_list","content":{"ignored_users":{"@x:spam.example":{}}}},
            {"type":"m.invite_permission_config","content":{"default_action":"block"}},
            {"type":"m.direct","content":{"@y:z.org":["!r:z.org"]}}]}})"},
                        FakeHomeserver::Reply::stall()});
        QSignalSpy changed(m_blocking.get(), &UserBlocking::changed);
        m_sync->start();
        QVERIFY(QTest::qWaitFor(
            [&] { return m_blocking->invitePermission() == UserBlocking::InvitesBlocked; }, 10000));
        QCOMPARE(m_blocking->ignoredUsers(), QStringList{QStringLiteral("@x:spam.example")});
        QVERIFY(changed.count() >= 1);
        m_sync->stop();
        // A later sync that unblocks and empties the list (another client did it).
        m_blocking->applySync(SyncResponse::fromObject(parse(R"({"account_data":{"events":[
            {"type":"m.ignored_user_list","content":{"ignored_users":{}}},
            {"type":"m.invite_permission_config","content":{}}]}})")));
        QVERIFY(m_blocking->ignoredUsers().isEmpty());
        QCOMPARE(m_blocking->invitePermission(), UserBlocking::InvitesAllowed);
        // The account data was read at sign-in only: sync alone changed the state.
        QCOMPARE(m_fake->requestsTo("/_matrix/client/v3/user/").size(), 0);
    }

    void signOutForgetsTheState()
    {
        m_fake->script(Ignored, {{200, R"({"ignored_users":{"@a:x.org":{}}})"}});
        signIn();
        if (QTest::currentTestFailed())
            return;
        QCOMPARE(m_blocking->ignoredUsers().size(), 1);
        m_session->signOut();
        QVERIFY(m_blocking->ignoredUsers().isEmpty());
        QCOMPARE(m_blocking->invitePermission(), UserBlocking::PermissionUnknown);
    }
};

QTEST_GUILESS_MAIN(TestUserBlocking)
#include "tst_userblocking.moc"
