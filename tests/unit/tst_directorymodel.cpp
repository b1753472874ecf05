// DirectoryModel (issue 13) against a scripted homeserver: the rows and roles of a /publicRooms
// answer, the specific errors (server unreachable, directory not shared, invalid server name),
// paging with `since` to the end (and not forever when the server repeats a batch token),
// answers to an earlier question dropped, an empty answer as an empty state, and the membership
// role following the room list.
#include "api/apiclient.h"
#include "fakehomeserver.h"
#include "models/directorymodel.h"
#include "models/roompreview.h"
#include "sync/roomstore.h"

#include <QAbstractItemModelTester>
#include <QJsonArray>
#include <QJsonDocument>
#include <QNetworkAccessManager>
#include <QSignalSpy>
#include <QUrlQuery>
#include <QtTest>

namespace {
const QByteArray Token = "syt_directory_token";
const QByteArray PublicRooms = "/_matrix/client/v3/publicRooms";

QJsonObject entry(const QString &roomId, const QString &name, int members = 1)
{
    return {{QStringLiteral("room_id"), roomId},
            {QStringLiteral("name"), name},
            {QStringLiteral("num_joined_members"), members},
            {QStringLiteral("world_readable"), false},
            {QStringLiteral("guest_can_join"), false}};
}

// A /publicRooms answer: the chunk, and next_batch when not empty.
QByteArray page(const QJsonArray &chunk, const QString &nextBatch = {}, int estimate = -1)
{
    QJsonObject body{{QStringLiteral("chunk"), chunk}};
    if (!nextBatch.isEmpty())
        body.insert(QStringLiteral("next_batch"), nextBatch);
    if (estimate >= 0)
        body.insert(QStringLiteral("total_room_count_estimate"), estimate);
    return QJsonDocument(body).toJson(QJsonDocument::Compact);
}

// Rooms !p<first>..!p<first+count-1>:x.org named "Room <n>".
QJsonArray rooms(int first, int count)
{
    QJsonArray chunk;
    for (int i = first; i < first + count; ++i)
        chunk.append(entry(QStringLiteral("!p%1:x.org").arg(i), QStringLiteral("Room %1").arg(i)));
    return chunk;
}

QString queryValue(const FakeHomeserver::Request &r, const char *key)
{
    return QUrlQuery(QString::fromLatin1(r.rawQuery))
        .queryItemValue(QLatin1String(key), QUrl::FullyDecoded);
}

QJsonObject bodyOf(const FakeHomeserver::Request &r)
{
    return QJsonDocument::fromJson(r.body).object();
}
} // namespace

class TestDirectoryModel : public QObject
{
    Q_OBJECT

    std::unique_ptr<FakeHomeserver> m_fake;
    std::unique_ptr<QNetworkAccessManager> m_nam;
    std::unique_ptr<ApiClient> m_api;
    std::unique_ptr<RoomStore> m_store;
    std::unique_ptr<DirectoryModel> m_model;
    std::unique_ptr<QAbstractItemModelTester> m_tester;

    // Waits for the model to settle on a status other than Loading (fails the test on timeout).
    bool settles(int timeoutMs = 10000)
    {
        return QTest::qWaitFor(
            [this] { return !m_model->loading() && m_model->status() != DirectoryModel::Loading; },
            timeoutMs);
    }
    QStringList roomIds() const
    {
        QStringList ids;
        for (int row = 0; row < m_model->rowCount(); ++row)
            ids << m_model->index(row).data(DirectoryModel::RoomIdRole).toString();
        return ids;
    }

private slots:
    void init()
    {
        m_fake = std::make_unique<FakeHomeserver>();
        QVERIFY(m_fake->port() > 0);
        m_nam = std::make_unique<QNetworkAccessManager>();
        m_api = std::make_unique<ApiClient>(m_nam.get());
        m_api->setHomeserver(m_fake->baseUrl());
        m_api->setAccessToken(QString::fromLatin1(Token));
        m_store = std::make_unique<RoomStore>();
        m_store->setOwnUserId(QStringLiteral("@me:x.org"));
        m_model = std::make_unique<DirectoryModel>(m_api.get(), m_store.get());
        m_model->setDebounceMs(0);
    }
    // Checks the model's consistency on every change. Not in the paging tests: the tester calls
    // fetchMore() itself (as a view may), which would ask for pages those tests count.
    void testModel()
    {
        m_tester = std::make_unique<QAbstractItemModelTester>(
            m_model.get(), QAbstractItemModelTester::FailureReportingMode::QtTest);
    }
    void cleanup()
    {
        m_tester.reset();
        m_model.reset();
        m_store.reset();
        m_api.reset();
        m_nam.reset();
        m_fake.reset();
    }

    void rowsAndRolesFromAnAnswer()
    {
        testModel();
        QJsonObject knock = entry(QStringLiteral("!knock:x.org"), QStringLiteral("Ask first"), 7);
        knock.insert(QStringLiteral("canonical_alias"), QStringLiteral("#ask:x.org"));
        knock.insert(QStringLiteral("topic"), QStringLiteral("<b>Line one</b>\nline two"));
        knock.insert(QStringLiteral("avatar_url"), QStringLiteral("mxc://x.org/abc_DEF-1"));
        knock.insert(QStringLiteral("world_readable"), true);
        knock.insert(QStringLiteral("guest_can_join"), true);
        knock.insert(QStringLiteral("join_rule"), QStringLiteral("knock"));
        QJsonObject space{{QStringLiteral("room_id"), QStringLiteral("!space:x.org")},
                          {QStringLiteral("canonical_alias"), QStringLiteral("#space:x.org")},
                          {QStringLiteral("num_joined_members"), 2},
                          {QStringLiteral("room_type"), QStringLiteral("m.space")},
                          {QStringLiteral("avatar_url"), QStringLiteral("https://evil.org/x.png")},
                          {QStringLiteral("world_readable"), false},
                          {QStringLiteral("guest_can_join"), false}};
        QJsonObject nameless{{QStringLiteral("room_id"), QStringLiteral("!bare:x.org")},
                             {QStringLiteral("num_joined_members"), 0},
                             {QStringLiteral("join_rule"), QStringLiteral("invite")},
                             {QStringLiteral("world_readable"), false},
                             {QStringLiteral("guest_can_join"), false}};
        // An entry without a valid room ID cannot be joined: left out.
        QJsonObject broken{{QStringLiteral("room_id"), QStringLiteral("not a room")},
                           {QStringLiteral("name"), QStringLiteral("Broken")}};
        m_fake->script(PublicRooms, {{200, page({knock, space, nameless, broken}, QString(), 42)}});
        QSignalSpy loaded(m_model.get(), &DirectoryModel::pageLoaded);
        m_model->refresh();
        QCOMPARE(m_model->status(), DirectoryModel::Loading);
        QVERIFY(loaded.wait());
        QCOMPARE(m_model->status(), DirectoryModel::Loaded);
        QCOMPARE(m_model->errorKind(), DirectoryModel::NoError);
        QCOMPARE(m_model->count(), 3);
        QCOMPARE(m_model->totalEstimate(), 42);
        QVERIFY(!m_model->hasMore());
        QCOMPARE(roomIds(), (QStringList{"!knock:x.org", "!space:x.org", "!bare:x.org"}));

        const QModelIndex k = m_model->index(0);
        QCOMPARE(k.data(DirectoryModel::NameRole).toString(), QStringLiteral("Ask first"));
        QCOMPARE(k.data(DirectoryModel::CanonicalAliasRole).toString(),
                 QStringLiteral("#ask:x.org"));
        // One line, as plain text (the markup stays literal; QML shows it as PlainText).
        const QString topic = k.data(DirectoryModel::TopicRole).toString();
        QVERIFY2(!topic.contains(QLatin1Char('\n')), qPrintable(topic));
        QVERIFY2(topic.startsWith(QStringLiteral("<b>Line one</b>")), qPrintable(topic));
        QCOMPARE(k.data(DirectoryModel::AvatarSourceRole).toString(),
                 QStringLiteral("image://mxc/x.org/abc_DEF-1"));
        QCOMPARE(k.data(DirectoryModel::MemberCountRole).toInt(), 7);
        QCOMPARE(k.data(DirectoryModel::WorldReadableRole).toBool(), true);
        QCOMPARE(k.data(DirectoryModel::GuestCanJoinRole).toBool(), true);
        QCOMPARE(k.data(DirectoryModel::JoinRuleRole).toInt(), int(JoinRule::Knock));
        QCOMPARE(k.data(DirectoryModel::CanKnockRole).toBool(), true);
        QCOMPARE(k.data(DirectoryModel::RoomTypeRole).toString(), QString());
        QCOMPARE(k.data(DirectoryModel::MembershipRole).toInt(), -1); // not in the room list

        const QModelIndex s = m_model->index(1);
        QCOMPARE(s.data(DirectoryModel::NameRole).toString(), QStringLiteral("#space:x.org"));
        QCOMPARE(s.data(DirectoryModel::RoomTypeRole).toString(), QStringLiteral("m.space"));
        QCOMPARE(s.data(DirectoryModel::AvatarSourceRole).toString(), QString()); // not mxc
        // The spec's default when the entry leaves the join rule out: public.
        QCOMPARE(s.data(DirectoryModel::JoinRuleRole).toInt(), int(JoinRule::Public));
        QCOMPARE(s.data(DirectoryModel::CanKnockRole).toBool(), false);

        const QModelIndex b = m_model->index(2);
        QCOMPARE(b.data(DirectoryModel::NameRole).toString(), QStringLiteral("!bare:x.org"));
        QCOMPARE(b.data(DirectoryModel::JoinRuleRole).toInt(), int(JoinRule::Invite));
        QCOMPARE(b.data(DirectoryModel::MemberCountRole).toInt(), 0);

        // The role names QML reads, and get() for a dialog.
        const QVariantMap row = m_model->get(0);
        QCOMPARE(row.value(QStringLiteral("roomId")).toString(), QStringLiteral("!knock:x.org"));
        QCOMPARE(row.value(QStringLiteral("canKnock")).toBool(), true);
        QCOMPARE(row.value(QStringLiteral("memberCount")).toInt(), 7);
        QVERIFY(m_model->get(3).isEmpty());

        // The request: the own directory's first page, a GET with the page size only.
        QCOMPARE(m_fake->requests().size(), 1);
        const auto &r = m_fake->requests().first();
        QCOMPARE(r.method, QByteArray("GET"));
        QCOMPARE(r.rawQuery, QByteArray("limit=20"));
        QCOMPARE(r.authorization, "Bearer " + Token);
    }

    // --- Errors and empty states ---------------------------------------------------------------

    void errorsAreSpecific_data()
    {
        QTest::addColumn<QString>("server");
        QTest::addColumn<int>("status");
        QTest::addColumn<QByteArray>("body");
        QTest::addColumn<int>("kind");
        const int unreachable = DirectoryModel::ServerUnreachable;
        QTest::newRow("other server: 502")
            << "far.org" << 502
            << QByteArray(R"({"errcode":"M_UNKNOWN","error":"Failed to fetch"})") << unreachable;
        QTest::newRow("other server: 500 after federation failed")
            << "far.org" << 500 << QByteArray(R"({"errcode":"M_UNKNOWN","error":"Internal"})")
            << unreachable;
        QTest::newRow("own server: 502 from its gateway")
            << "" << 502 << QByteArray("<html>Bad gateway</html>") << unreachable;
        QTest::newRow("other server: 403 M_FORBIDDEN")
            << "far.org" << 403
            << QByteArray(
                   R"({"errcode":"M_FORBIDDEN","error":"You are not allowed to view the public rooms list of far.org"})")
            << int(DirectoryModel::DirectoryNotShared);
        QTest::newRow("other server: federation denied")
            << "far.org" << 403
            << QByteArray(R"({"errcode":"M_FORBIDDEN","error":"Federation denied with far.org."})")
            << unreachable;
        QTest::newRow("own server: 403")
            << "" << 403 << QByteArray(R"({"errcode":"M_FORBIDDEN","error":"No"})")
            << int(DirectoryModel::OtherError);
        QTest::newRow("own server: 500")
            << "" << 500 << QByteArray(R"({"errcode":"M_UNKNOWN","error":"Oops"})")
            << int(DirectoryModel::OtherError);
    }
    void errorsAreSpecific()
    {
        testModel();
        QFETCH(QString, server);
        QFETCH(int, status);
        QFETCH(QByteArray, body);
        QFETCH(int, kind);
        m_fake->script(PublicRooms, {{status, body}});
        QSignalSpy statusChanged(m_model.get(), &DirectoryModel::statusChanged);
        if (server.isEmpty())
            m_model->refresh();
        else
            m_model->setServer(server);
        QVERIFY(settles());
        QCOMPARE(m_model->status(), DirectoryModel::Failed);
        QCOMPARE(int(m_model->errorKind()), kind);
        QCOMPARE(m_model->error().httpStatus, status);
        QVERIFY(!m_model->errorText().isEmpty());
        if (!server.isEmpty() && kind != DirectoryModel::ServerUnreachable)
            QVERIFY2(m_model->errorText().contains(server), qPrintable(m_model->errorText()));
        QCOMPARE(m_model->count(), 0);
        QVERIFY(!m_model->hasMore());
        QCOMPARE(m_fake->requests().size(), 1);
        if (!server.isEmpty())
            QCOMPARE(queryValue(m_fake->requests().first(), "server"), server);
    }

    // Our own homeserver refusing the connection is ours that is unreachable, whichever
    // server's directory was asked for.
    void anUnreachableHomeserverIsNamedAsSuch()
    {
        const QUrl closed = m_fake->baseUrl();
        m_fake.reset(); // nothing listens on the port any more
        m_api->setHomeserver(closed);
        m_model->setServer(QStringLiteral("far.org"));
        QVERIFY(settles());
        QCOMPARE(m_model->status(), DirectoryModel::Failed);
        QCOMPARE(m_model->errorKind(), DirectoryModel::ServerUnreachable);
        QCOMPARE(m_model->error().kind, MatrixError::Unreachable);
        QVERIFY2(!m_model->errorText().contains(QStringLiteral("far.org")),
                 qPrintable(m_model->errorText()));
    }

    void anInvalidServerNameSendsNothing_data()
    {
        QTest::addColumn<QString>("server");
        QTest::newRow("space") << "bad host";
        QTest::newRow("path") << "evil.org/x";
        QTest::newRow("scheme") << "https://x.org";
        QTest::newRow("user") << "@bob:x.org";
    }
    void anInvalidServerNameSendsNothing()
    {
        testModel();
        QFETCH(QString, server);
        m_fake->script(PublicRooms, {{200, page(rooms(0, 2))}});
        // Rows of a valid server first: an invalid one leaves none behind.
        QSignalSpy loaded(m_model.get(), &DirectoryModel::pageLoaded);
        m_model->setServer(QStringLiteral("good.org"));
        QVERIFY(loaded.wait());
        QCOMPARE(m_model->count(), 2);
        m_fake->clear();
        m_model->setServer(server);
        QCOMPARE(m_model->status(), DirectoryModel::Failed);
        QCOMPARE(m_model->errorKind(), DirectoryModel::InvalidServer);
        QCOMPARE(m_model->error().kind, MatrixError::InvalidInput);
        QVERIFY(!m_model->errorText().isEmpty());
        QCOMPARE(m_model->count(), 0);
        QVERIFY(!m_model->loading());
        m_model->loadMore(); // nothing to page either
        QVERIFY(!m_model->loading());
        // A valid name again: asked. The one request the server then has is that one: nothing
        // went out for the invalid name.
        m_model->setServer(QStringLiteral("good.org"));
        QVERIFY(loaded.wait());
        QCOMPARE(m_model->status(), DirectoryModel::Loaded);
        QCOMPARE(m_fake->requests().size(), 1);
        QCOMPARE(queryValue(m_fake->requests().first(), "server"), QStringLiteral("good.org"));
    }

    void noMatchesIsAnEmptyStateNotAnError()
    {
        testModel();
        m_fake->script(PublicRooms, {{200, page({}, QString(), 0)}});
        QSignalSpy loaded(m_model.get(), &DirectoryModel::pageLoaded);
        m_model->setSearchTerm(QStringLiteral("nothing like this"));
        QVERIFY(loaded.wait());
        QCOMPARE(m_model->status(), DirectoryModel::NoMatches);
        QCOMPARE(m_model->errorKind(), DirectoryModel::NoError);
        QVERIFY(!m_model->error().isError());
        QVERIFY(m_model->errorText().isEmpty());
        QCOMPARE(m_model->count(), 0);
        QVERIFY(!m_model->hasMore());
        // The search went out as a POST with the term.
        QCOMPARE(m_fake->requests().size(), 1);
        QCOMPARE(m_fake->requests().first().method, QByteArray("POST"));
        QCOMPARE(bodyOf(m_fake->requests().first())
                     .value(QStringLiteral("filter"))
                     .toObject()
                     .value(QStringLiteral("generic_search_term"))
                     .toString(),
                 QStringLiteral("nothing like this"));
    }

    // --- Paging ----------------------------------------------------------------------------------

    void pagesFollowNextBatchToTheEnd()
    {
        m_model->setPageSize(2);
        m_fake->script(PublicRooms, {{200, page(rooms(0, 2), QStringLiteral("b/1+"))},
                                     {200, page(rooms(2, 2), QStringLiteral("b2"))},
                                     {200, page(rooms(4, 1))}});
        QSignalSpy loaded(m_model.get(), &DirectoryModel::pageLoaded);
        QSignalSpy inserted(m_model.get(), &QAbstractItemModel::rowsInserted);
        m_model->setServer(QStringLiteral("far.org"));
        QVERIFY(loaded.wait());
        QCOMPARE(m_model->count(), 2);
        QVERIFY(m_model->hasMore());
        QVERIFY(m_model->canFetchMore({}));
        m_model->fetchMore({}); // what ListView calls near the end
        QVERIFY(m_model->loading());
        QVERIFY(!m_model->canFetchMore({})); // one page at a time
        QVERIFY(loaded.wait());
        QCOMPARE(m_model->count(), 4);
        QCOMPARE(inserted.count(), 1); // appended, not reset
        QVERIFY(m_model->hasMore());
        m_model->loadMore();
        QVERIFY(loaded.wait());
        QCOMPARE(m_model->count(), 5);
        QVERIFY(!m_model->hasMore());
        QVERIFY(!m_model->canFetchMore({}));
        QCOMPARE(m_model->status(), DirectoryModel::Loaded);
        QCOMPARE(roomIds(),
                 (QStringList{"!p0:x.org", "!p1:x.org", "!p2:x.org", "!p3:x.org", "!p4:x.org"}));
        // At the end, asking for more sends nothing.
        m_model->loadMore();
        QVERIFY(!m_model->loading());

        const auto requests = m_fake->requests();
        QCOMPARE(requests.size(), 3);
        for (const auto &r : requests) {
            QCOMPARE(r.method, QByteArray("GET"));
            QCOMPARE(queryValue(r, "server"), QStringLiteral("far.org"));
            QCOMPARE(queryValue(r, "limit"), QStringLiteral("2"));
        }
        QVERIFY(!QUrlQuery(QString::fromLatin1(requests.at(0).rawQuery))
                     .hasQueryItem(QStringLiteral("since")));
        QCOMPARE(queryValue(requests.at(1), "since"), QStringLiteral("b/1+"));
        QCOMPARE(queryValue(requests.at(2), "since"), QStringLiteral("b2"));
    }

    // A search pages in the POST body.
    void aSearchPagesInTheBody()
    {
        m_model->setPageSize(2);
        m_fake->script(PublicRooms,
                       {{200, page(rooms(0, 2), QStringLiteral("s2"))}, {200, page(rooms(2, 1))}});
        QSignalSpy loaded(m_model.get(), &DirectoryModel::pageLoaded);
        m_model->setSearchTerm(QStringLiteral("room"));
        QVERIFY(loaded.wait());
        m_model->loadMore();
        QVERIFY(loaded.wait());
        QCOMPARE(m_model->count(), 3);
        QVERIFY(!m_model->hasMore());
        const auto requests = m_fake->requests();
        QCOMPARE(requests.size(), 2);
        QCOMPARE(requests.at(1).method, QByteArray("POST"));
        QCOMPARE(bodyOf(requests.at(1)).value(QStringLiteral("since")).toString(),
                 QStringLiteral("s2"));
        QCOMPARE(bodyOf(requests.at(1))
                     .value(QStringLiteral("filter"))
                     .toObject()
                     .value(QStringLiteral("generic_search_term"))
                     .toString(),
                 QStringLiteral("room"));
    }

    // A server that answers with a batch token already used (the same one, or one of a cycle)
    // would be asked for the same pages forever: paging ends there.
    void aRepeatedNextBatchDoesNotLoop_data()
    {
        QTest::addColumn<QStringList>("tokens"); // next_batch of pages 1, 2, 3, …
        QTest::addColumn<int>("pages");          // pages asked for before hasMore is false
        QTest::newRow("the same token again") << QStringList{"A", "A"} << 2;
        QTest::newRow("a cycle of two") << QStringList{"A", "B", "A"} << 3;
        QTest::newRow("back to the first") << QStringList{"A", "B", "C", "A"} << 4;
    }
    void aRepeatedNextBatchDoesNotLoop()
    {
        QFETCH(QStringList, tokens);
        QFETCH(int, pages);
        QList<FakeHomeserver::Reply> replies;
        for (int i = 0; i < tokens.size(); ++i)
            replies.append({200, page(rooms(i * 2, 2), tokens.at(i))});
        m_fake->script(PublicRooms, replies); // the last repeats, as a looping server would
        QSignalSpy loaded(m_model.get(), &DirectoryModel::pageLoaded);
        m_model->refresh();
        QVERIFY(loaded.wait());
        // Scroll for as long as the model says there is more (bounded: a loop fails the test).
        int asked = 1;
        while (m_model->canFetchMore({}) && asked < 20) {
            m_model->fetchMore({});
            QVERIFY(loaded.wait());
            ++asked;
        }
        QCOMPARE(asked, pages);
        QVERIFY(!m_model->hasMore());
        QCOMPARE(m_fake->requests().size(), pages);
        QCOMPARE(m_model->count(), 2 * pages);
    }

    // A new search starts again from the first page (no since), with a fresh set of tokens.
    void aNewTermStartsFromTheFirstPage()
    {
        m_fake->script(PublicRooms, {{200, page(rooms(0, 2), QStringLiteral("A"))},
                                     {200, page(rooms(2, 2), QStringLiteral("A"))},
                                     {200, page(rooms(4, 2), QStringLiteral("A"))}});
        QSignalSpy loaded(m_model.get(), &DirectoryModel::pageLoaded);
        m_model->setSearchTerm(QStringLiteral("one"));
        QVERIFY(loaded.wait());
        m_model->loadMore();
        QVERIFY(loaded.wait());
        QVERIFY(!m_model->hasMore()); // "A" again
        m_model->setSearchTerm(QStringLiteral("two"));
        QVERIFY(loaded.wait());
        // Token "A" is new for this search: there is more.
        QVERIFY(m_model->hasMore());
        QCOMPARE(roomIds(), (QStringList{"!p4:x.org", "!p5:x.org"}));
        const auto requests = m_fake->requests();
        QCOMPARE(requests.size(), 3);
        QVERIFY(!bodyOf(requests.at(2)).contains(QStringLiteral("since")));
    }

    // --- Answers to an earlier question ---------------------------------------------------------

    // The term changed while a request was in flight: its answer, arriving later, is dropped;
    // the rows are the new term's.
    void aStaleAnswerIsDropped()
    {
        testModel();
        m_fake->script(PublicRooms,
                       {FakeHomeserver::Reply::held(
                            200, page({entry(QStringLiteral("!old:x.org"), QStringLiteral("Old"))},
                                      QStringLiteral("old-next"))),
                        {200, page({entry(QStringLiteral("!new:x.org"), QStringLiteral("New"))})}});
        m_model->setSearchTerm(QStringLiteral("old"));
        QVERIFY(QTest::qWaitFor([this] { return m_fake->heldCount() == 1; }, 10000));
        QVERIFY(m_model->loading());
        QSignalSpy loaded(m_model.get(), &DirectoryModel::pageLoaded);
        m_model->setSearchTerm(QStringLiteral("new"));
        QCOMPARE(m_model->status(), DirectoryModel::Loading);
        QVERIFY(loaded.wait());
        QCOMPARE(roomIds(), QStringList{"!new:x.org"});
        QCOMPARE(roomIds(), QStringList{"!new:x.org"});
        QVERIFY(!m_model->hasMore()); // not the old answer's "old-next"
        // Now the old answer is sent (if the client still listens), then the new term is asked
        // again: by the time that answer is shown, the old one has come and gone unseen.
        QVERIFY(m_fake->release(PublicRooms));
        m_model->refresh();
        QVERIFY(loaded.wait());
        QCOMPARE(loaded.count(), 2); // the new term's two answers, never the old one's
        QCOMPARE(roomIds(), QStringList{"!new:x.org"});
        QVERIFY(!m_model->hasMore());
        QCOMPARE(m_model->searchTerm(), QStringLiteral("new"));
        QCOMPARE(m_model->status(), DirectoryModel::Loaded);
        // The questions went out in order.
        const auto requests = m_fake->requests();
        QCOMPARE(requests.size(), 3);
        QCOMPARE(bodyOf(requests.at(0))
                     .value(QStringLiteral("filter"))
                     .toObject()
                     .value(QStringLiteral("generic_search_term"))
                     .toString(),
                 QStringLiteral("old"));
    }

    // The same for a change of server, and for a failure of the earlier question.
    void aStaleFailureIsDropped()
    {
        testModel();
        m_fake->script(PublicRooms, {FakeHomeserver::Reply::held(502, R"({"errcode":"M_UNKNOWN"})"),
                                     {200, page(rooms(0, 1))}});
        m_model->setServer(QStringLiteral("down.org"));
        QVERIFY(QTest::qWaitFor([this] { return m_fake->heldCount() == 1; }, 10000));
        QSignalSpy loaded(m_model.get(), &DirectoryModel::pageLoaded);
        QList<DirectoryModel::Status> seen;
        QObject watch; // the connection ends with the test function
        connect(m_model.get(), &DirectoryModel::statusChanged, &watch,
                [this, &seen] { seen << m_model->status(); });
        m_model->setServer(QStringLiteral("up.org"));
        QVERIFY(loaded.wait());
        QVERIFY(m_fake->release(PublicRooms));
        m_model->refresh(); // as above: asked again after the old failure was sent
        QVERIFY(loaded.wait());
        QVERIFY(!seen.contains(DirectoryModel::Failed));
        QCOMPARE(m_model->status(), DirectoryModel::Loaded);
        QCOMPARE(m_model->errorKind(), DirectoryModel::NoError);
        QCOMPARE(roomIds(), QStringList{"!p0:x.org"});
        QCOMPARE(queryValue(m_fake->requests().at(1), "server"), QStringLiteral("up.org"));
    }

    // Another server whose first page fails: the previous server's rooms go (they are not shown
    // under the new server's name with its error, nor found as its entries), hasMore and the
    // estimate with them. The same for a new search term whose first page fails.
    void aFailedFirstPageOfAnotherServerClearsTheRows()
    {
        testModel();
        m_fake->script(PublicRooms, {{200, page(rooms(0, 3), QStringLiteral("more"), 9)},
                                     {502, R"({"errcode":"M_UNKNOWN","error":"Failed to fetch"})"},
                                     {200, page(rooms(10, 2), QStringLiteral("more"), 5)},
                                     {500, R"({"errcode":"M_UNKNOWN","error":"Oops"})"}});
        QSignalSpy loaded(m_model.get(), &DirectoryModel::pageLoaded);
        m_model->refresh();
        QVERIFY(loaded.wait());
        QCOMPARE(m_model->count(), 3);
        QVERIFY(m_model->hasMore());
        QCOMPARE(m_model->totalEstimate(), 9);

        QSignalSpy countChanged(m_model.get(), &DirectoryModel::countChanged);
        m_model->setServer(QStringLiteral("down.org"));
        QVERIFY(settles());
        QCOMPARE(m_model->status(), DirectoryModel::Failed);
        QCOMPARE(m_model->errorKind(), DirectoryModel::ServerUnreachable);
        QCOMPARE(m_model->count(), 0);
        QCOMPARE(m_model->rowCount(), 0);
        QVERIFY(!countChanged.isEmpty());
        QVERIFY(!m_model->hasMore());
        QCOMPARE(m_model->totalEstimate(), -1);
        QVERIFY(!m_model->findEntry(QStringLiteral("!p0:x.org"), nullptr));
        QVERIFY(!m_model->canFetchMore({}));
        QCOMPARE(queryValue(m_fake->requests().at(1), "server"), QStringLiteral("down.org"));

        // Back to a server that answers, then a search there that fails: no rows of the
        // earlier term under the new one.
        m_model->setServer(QString());
        QVERIFY(loaded.wait());
        QCOMPARE(roomIds(), (QStringList{"!p10:x.org", "!p11:x.org"}));
        m_model->setSearchTerm(QStringLiteral("zzz"));
        QVERIFY(settles());
        QCOMPARE(m_model->status(), DirectoryModel::Failed);
        QCOMPARE(m_model->errorKind(), DirectoryModel::OtherError);
        QCOMPARE(m_model->count(), 0);
        QVERIFY(!m_model->hasMore());
        QCOMPARE(m_fake->requests().size(), 4);
    }

    // Typing: one request for the term as it stands after the pause, not one per key.
    void typingIsDebounced()
    {
        m_model->setDebounceMs(100);
        m_fake->script(PublicRooms, {{200, page(rooms(0, 1))}});
        QSignalSpy loaded(m_model.get(), &DirectoryModel::pageLoaded);
        for (const char *term : {"r", "ro", "roo", "room"})
            m_model->setSearchTerm(QString::fromLatin1(term));
        QCOMPARE(m_model->status(), DirectoryModel::Loading);
        QVERIFY(loaded.wait());
        QCOMPARE(m_fake->requests().size(), 1);
        QCOMPARE(bodyOf(m_fake->requests().first())
                     .value(QStringLiteral("filter"))
                     .toObject()
                     .value(QStringLiteral("generic_search_term"))
                     .toString(),
                 QStringLiteral("room"));
    }

    // --- The room list ---------------------------------------------------------------------------

    // "Already in it" follows the room list: rows change as syncs come, and canKnock with them.
    void membershipFollowsTheRoomList()
    {
        testModel();
        QJsonObject knockRoom = entry(QStringLiteral("!k:x.org"), QStringLiteral("Ask"));
        knockRoom.insert(QStringLiteral("join_rule"), QStringLiteral("knock"));
        m_fake->script(
            PublicRooms,
            {{200, page({entry(QStringLiteral("!j:x.org"), QStringLiteral("J")), knockRoom})}});
        m_store->applySync(
            QJsonDocument::fromJson(R"({"rooms":{"join":{"!j:x.org":{}}}})").object());
        QSignalSpy loaded(m_model.get(), &DirectoryModel::pageLoaded);
        m_model->refresh();
        QVERIFY(loaded.wait());
        QCOMPARE(m_model->index(0).data(DirectoryModel::MembershipRole).toInt(),
                 int(Membership::Join));
        QCOMPARE(m_model->index(1).data(DirectoryModel::MembershipRole).toInt(), -1);
        QCOMPARE(m_model->index(1).data(DirectoryModel::CanKnockRole).toBool(), true);

        QSignalSpy changed(m_model.get(), &QAbstractItemModel::dataChanged);
        // We knock: the room list shows the knock, the directory row follows.
        m_store->applySync(QJsonDocument::fromJson(R"({"rooms":{"knock":{"!k:x.org":{
            "knock_state":{"events":[{"type":"m.room.member","state_key":"@me:x.org",
            "sender":"@me:x.org","content":{"membership":"knock"}}]}}}}})")
                               .object());
        QVERIFY(changed.count() >= 1);
        QVERIFY(changed.last().at(2).value<QList<int>>().contains(DirectoryModel::MembershipRole));
        QCOMPARE(m_model->index(1).data(DirectoryModel::MembershipRole).toInt(),
                 int(Membership::Knock));
        QCOMPARE(m_model->index(1).data(DirectoryModel::CanKnockRole).toBool(), false);
        // Denied (or withdrawn): left, and a knock applies again.
        m_store->applySync(
            QJsonDocument::fromJson(R"({"rooms":{"leave":{"!k:x.org":{}}}})").object());
        QCOMPARE(m_model->index(1).data(DirectoryModel::MembershipRole).toInt(),
                 int(Membership::Leave));
        QCOMPARE(m_model->index(1).data(DirectoryModel::CanKnockRole).toBool(), true);
        // Forgotten: not in the list at all.
        const int before = changed.count();
        m_store->removeRoom(QStringLiteral("!j:x.org"));
        QVERIFY(changed.count() > before);
        QCOMPARE(m_model->index(0).data(DirectoryModel::MembershipRole).toInt(), -1);
    }

    // findEntry: RoomPreview's fallback, by room ID or canonical alias.
    void findEntryByIdOrAlias()
    {
        QJsonObject withAlias = entry(QStringLiteral("!a:x.org"), QStringLiteral("A"), 3);
        withAlias.insert(QStringLiteral("canonical_alias"), QStringLiteral("#a:x.org"));
        m_fake->script(PublicRooms, {{200, page({withAlias})}});
        QSignalSpy loaded(m_model.get(), &DirectoryModel::pageLoaded);
        m_model->refresh();
        QVERIFY(loaded.wait());
        RoomPreview::Info info;
        QVERIFY(m_model->findEntry(QStringLiteral("#a:x.org"), &info));
        QCOMPARE(info.roomId, QStringLiteral("!a:x.org"));
        QCOMPARE(info.memberCount, 3);
        QVERIFY(m_model->findEntry(QStringLiteral("!a:x.org"), nullptr));
        QVERIFY(!m_model->findEntry(QStringLiteral("#b:x.org"), &info));
        QVERIFY(!m_model->findEntry(QString(), &info));
    }

    void clearForgetsEverything()
    {
        testModel();
        m_fake->script(PublicRooms, {{200, page(rooms(0, 2), QStringLiteral("n"))}});
        QSignalSpy loaded(m_model.get(), &DirectoryModel::pageLoaded);
        m_model->setServer(QStringLiteral("far.org"));
        QVERIFY(loaded.wait());
        m_model->clear();
        QCOMPARE(m_model->count(), 0);
        QCOMPARE(m_model->server(), QString());
        QCOMPARE(m_model->status(), DirectoryModel::Idle);
        QVERIFY(!m_model->hasMore());
        QCOMPARE(m_model->totalEstimate(), -1);
    }
};

QTEST_MAIN(TestDirectoryModel)
#include "tst_directorymodel.moc"
