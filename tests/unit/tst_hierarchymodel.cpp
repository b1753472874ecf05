// HierarchyModel (issue 15, acting on a space) against a scripted homeserver: every page of
// GET /hierarchy loaded (next_batch followed, a repeated token not followed forever), depth,
// parent and `via` from the parent's m.space.child, what you can join and why not, a selection
// joined as one job of the bulk queue (with each room's via; a knock where only a knock is
// possible), and leaving a space with its rooms as one job, children first.
#include "actions/jobqueue.h"
#include "actions/membershipservice.h"
#include "api/apiclient.h"
#include "fakehomeserver.h"
#include "models/hierarchymodel.h"
#include "sync/roomstore.h"

#include <QAbstractItemModelTester>
#include <QJsonArray>
#include <QJsonDocument>
#include <QNetworkAccessManager>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QUrlQuery>
#include <QtTest>

namespace {
const QByteArray Token = "syt_hierarchy_token";
const QByteArray Hierarchy = "/_matrix/client/v1/rooms/%21s%3Ax.org/hierarchy";
const QString Space = QStringLiteral("!s:x.org");

QJsonObject child(const QString &roomId, const QJsonArray &via, bool suggested = false)
{
    QJsonObject content{{QStringLiteral("via"), via}};
    if (suggested)
        content.insert(QStringLiteral("suggested"), true);
    return {{QStringLiteral("type"), QStringLiteral("m.space.child")},
            {QStringLiteral("state_key"), roomId},
            {QStringLiteral("sender"), QStringLiteral("@admin:x.org")},
            {QStringLiteral("origin_server_ts"), 1},
            {QStringLiteral("content"), content}};
}

QJsonObject room(const QString &roomId, const QString &name, const QString &joinRule,
                 const QJsonArray &children = {}, bool space = false)
{
    QJsonObject r{
        {QStringLiteral("room_id"), roomId},         {QStringLiteral("name"), name},
        {QStringLiteral("num_joined_members"), 3},   {QStringLiteral("world_readable"), false},
        {QStringLiteral("guest_can_join"), false},   {QStringLiteral("join_rule"), joinRule},
        {QStringLiteral("children_state"), children}};
    if (space)
        r.insert(QStringLiteral("room_type"), QStringLiteral("m.space"));
    return r;
}

QByteArray page(const QJsonArray &rooms, const QString &nextBatch = {})
{
    QJsonObject body{{QStringLiteral("rooms"), rooms}};
    if (!nextBatch.isEmpty())
        body.insert(QStringLiteral("next_batch"), nextBatch);
    return QJsonDocument(body).toJson(QJsonDocument::Compact);
}

QString queryValue(const FakeHomeserver::Request &r, const char *key)
{
    return QUrlQuery(QString::fromLatin1(r.rawQuery))
        .queryItemValue(QLatin1String(key), QUrl::FullyDecoded);
}

// The space tree, four pages of two rooms:
//   Space (joined)            public
//     Public                  public, via x.org and y.org (and an invalid server, dropped)
//     Restricted              restricted (through the space, which you are in)
//     Private (joined)        invite
//     Closed                  invite
//     Sub (space)             public
//       Knock                 knock
//       Elsewhere             restricted to !other:x.org (you are not in it)
QList<FakeHomeserver::Reply> fourPages()
{
    const QJsonArray spaceChildren{
        child(QStringLiteral("!pub:x.org"),
              {QStringLiteral("x.org"), QStringLiteral("bad server"), QStringLiteral("y.org")},
              true),
        child(QStringLiteral("!res:x.org"), {QStringLiteral("x.org")}),
        child(QStringLiteral("!inv:x.org"), {QStringLiteral("x.org")}),
        child(QStringLiteral("!closed:x.org"), {QStringLiteral("x.org")}),
        child(QStringLiteral("!sub:x.org"), {QStringLiteral("x.org")}),
        // No via: the child was removed; it is not the parent of anything.
        child(QStringLiteral("!gone:x.org"), {}),
    };
    const QJsonArray subChildren{
        child(QStringLiteral("!knock:x.org"), {QStringLiteral("k.org")}),
        child(QStringLiteral("!else:x.org"), {QStringLiteral("x.org")}),
    };
    QJsonObject elsewhere = room(QStringLiteral("!else:x.org"), QStringLiteral("Elsewhere"),
                                 QStringLiteral("restricted"));
    elsewhere.insert(QStringLiteral("allowed_room_ids"),
                     QJsonArray{QStringLiteral("!other:x.org")});
    return {
        {200,
         page({room(Space, QStringLiteral("Space"), QStringLiteral("public"), spaceChildren, true),
               room(QStringLiteral("!pub:x.org"), QStringLiteral("Public"),
                    QStringLiteral("public"))},
              QStringLiteral("b1"))},
        {200, page({room(QStringLiteral("!res:x.org"), QStringLiteral("Restricted"),
                         QStringLiteral("restricted")),
                    room(QStringLiteral("!inv:x.org"), QStringLiteral("Private"),
                         QStringLiteral("invite"))},
                   QStringLiteral("b2"))},
        {200, page({room(QStringLiteral("!closed:x.org"), QStringLiteral("Closed"),
                         QStringLiteral("invite")),
                    room(QStringLiteral("!sub:x.org"), QStringLiteral("Sub"),
                         QStringLiteral("public"), subChildren, true)},
                   QStringLiteral("b3"))},
        {200, page({room(QStringLiteral("!knock:x.org"), QStringLiteral("Knock"),
                         QStringLiteral("knock")),
                    elsewhere})},
    };
}
} // namespace

class TestHierarchyModel : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;
    int m_run = 0;
    std::unique_ptr<FakeHomeserver> m_fake;
    std::unique_ptr<QNetworkAccessManager> m_nam;
    std::unique_ptr<ApiClient> m_api;
    std::unique_ptr<RoomStore> m_store;
    std::unique_ptr<MembershipService> m_service;
    std::unique_ptr<JobQueue> m_queue;
    std::unique_ptr<HierarchyModel> m_model;

    int rowOf(const char *roomId) const { return m_model->rowOf(QString::fromLatin1(roomId)); }
    QVariant role(const char *roomId, int role) const
    {
        return m_model->index(rowOf(roomId)).data(role);
    }
    bool loadFourPages()
    {
        m_fake->script(Hierarchy, fourPages());
        QSignalSpy loaded(m_model.get(), &HierarchyModel::loaded);
        m_model->setSpaceId(Space);
        return loaded.wait(10000) && m_model->status() == HierarchyModel::Loaded;
    }
    bool waitFinished(Job *job)
    {
        return QTest::qWaitFor([job] { return job->state() == Job::Finished; }, 10000);
    }

private slots:
    void init()
    {
        QVERIFY(m_dir.isValid());
        m_fake = std::make_unique<FakeHomeserver>();
        QVERIFY(m_fake->port() > 0);
        m_nam = std::make_unique<QNetworkAccessManager>();
        m_api = std::make_unique<ApiClient>(m_nam.get());
        m_api->setHomeserver(m_fake->baseUrl());
        m_api->setAccessToken(QString::fromLatin1(Token));
        m_store = std::make_unique<RoomStore>();
        m_store->setOwnUserId(QStringLiteral("@me:x.org"));
        m_store->applySync(
            QJsonDocument::fromJson(R"({"rooms":{"join":{"!s:x.org":{},"!inv:x.org":{}}}})")
                .object());
        m_service = std::make_unique<MembershipService>(m_api.get(), m_store.get());
        m_queue = std::make_unique<JobQueue>(m_api.get(), m_service.get());
        QString error;
        QVERIFY2(m_queue->open(m_dir.filePath(QStringLiteral("run%1/store.sqlite").arg(++m_run)),
                               &error),
                 qPrintable(error));
        m_model = std::make_unique<HierarchyModel>(m_api.get(), m_store.get(), m_queue.get());
        m_model->setPageSize(2);
    }
    void cleanup()
    {
        m_model.reset();
        m_queue.reset();
        m_service.reset();
        m_store.reset();
        m_api.reset();
        m_nam.reset();
        m_fake.reset();
    }

    // Four pages of two: each asked for with the previous page's next_batch, the same limit and
    // max_depth; the rows in the server's (depth-first) order.
    void loadsEveryPage()
    {
        QAbstractItemModelTester tester(m_model.get(),
                                        QAbstractItemModelTester::FailureReportingMode::QtTest);
        QVERIFY(loadFourPages());
        const auto requests = m_fake->requestsTo(Hierarchy);
        QCOMPARE(requests.size(), 4);
        const QStringList froms{QString(), QStringLiteral("b1"), QStringLiteral("b2"),
                                QStringLiteral("b3")};
        for (int i = 0; i < 4; ++i) {
            QCOMPARE(requests.at(i).method, QByteArray("GET"));
            QCOMPARE(queryValue(requests.at(i), "from"), froms.at(i));
            QCOMPARE(queryValue(requests.at(i), "limit"), QStringLiteral("2"));
            QCOMPARE(queryValue(requests.at(i), "max_depth"), QStringLiteral("5"));
        }
        QCOMPARE(m_model->count(), 8);
        QStringList ids;
        for (int row = 0; row < m_model->count(); ++row)
            ids << m_model->index(row).data(HierarchyModel::RoomIdRole).toString();
        QCOMPARE(ids, QStringList({QStringLiteral("!s:x.org"), QStringLiteral("!pub:x.org"),
                                   QStringLiteral("!res:x.org"), QStringLiteral("!inv:x.org"),
                                   QStringLiteral("!closed:x.org"), QStringLiteral("!sub:x.org"),
                                   QStringLiteral("!knock:x.org"), QStringLiteral("!else:x.org")}));
        QCOMPARE(m_model->spaceName(), QStringLiteral("Space"));
        QVERIFY(!m_model->truncated());
    }

    // Depth and parent from the m.space.child events seen so far; via from the parent's event,
    // invalid servers dropped.
    void depthParentAndVia()
    {
        QVERIFY(loadFourPages());
        QCOMPARE(role("!s:x.org", HierarchyModel::DepthRole).toInt(), 0);
        QCOMPARE(role("!s:x.org", HierarchyModel::ParentIdRole).toString(), QString());
        QCOMPARE(role("!pub:x.org", HierarchyModel::DepthRole).toInt(), 1);
        QCOMPARE(role("!pub:x.org", HierarchyModel::ParentIdRole).toString(), Space);
        QCOMPARE(role("!pub:x.org", HierarchyModel::ViaRole).toStringList(),
                 QStringList({QStringLiteral("x.org"), QStringLiteral("y.org")}));
        QCOMPARE(role("!pub:x.org", HierarchyModel::SuggestedRole).toBool(), true);
        QCOMPARE(role("!sub:x.org", HierarchyModel::IsSpaceRole).toBool(), true);
        QCOMPARE(role("!knock:x.org", HierarchyModel::DepthRole).toInt(), 2);
        QCOMPARE(role("!knock:x.org", HierarchyModel::ParentIdRole).toString(),
                 QStringLiteral("!sub:x.org"));
        QCOMPARE(role("!knock:x.org", HierarchyModel::ParentNameRole).toString(),
                 QStringLiteral("Sub"));
        QCOMPARE(role("!knock:x.org", HierarchyModel::ViaRole).toStringList(),
                 QStringList{QStringLiteral("k.org")});
    }

    // Public: yes; restricted through a space you are in: yes; invite only: no, and why;
    // knock: ask; restricted to a room you are not in: no, naming it; joined: already.
    void canJoinRules()
    {
        QVERIFY(loadFourPages());
        auto action = [this](const char *id) {
            return role(id, HierarchyModel::JoinActionRole).toInt();
        };
        auto note = [this](const char *id) {
            return role(id, HierarchyModel::JoinNoteRole).toString();
        };
        QCOMPARE(action("!s:x.org"), int(HierarchyModel::AlreadyJoined));
        QCOMPARE(action("!inv:x.org"), int(HierarchyModel::AlreadyJoined));
        QCOMPARE(action("!pub:x.org"), int(HierarchyModel::CanJoin));
        QCOMPARE(action("!sub:x.org"), int(HierarchyModel::CanJoin));
        QCOMPARE(action("!res:x.org"), int(HierarchyModel::CanJoin));
        QCOMPARE(note("!res:x.org"), QStringLiteral("Members of Space can join."));
        QCOMPARE(action("!closed:x.org"), int(HierarchyModel::CannotJoin));
        QCOMPARE(note("!closed:x.org"), QStringLiteral("Invite only: you need an invite."));
        QCOMPARE(role("!closed:x.org", HierarchyModel::CanJoinRole).toBool(), false);
        QCOMPARE(action("!knock:x.org"), int(HierarchyModel::CanKnock));
        QCOMPARE(role("!knock:x.org", HierarchyModel::CanJoinRole).toBool(), true);
        QCOMPARE(action("!else:x.org"), int(HierarchyModel::CannotJoin));
        QCOMPARE(note("!else:x.org"), QStringLiteral("Only members of !other:x.org can join."));
        QCOMPARE(m_model->joinableCount(), 4);

        // Once you are in !other:x.org, its restricted room can be joined.
        m_store->applySync(
            QJsonDocument::fromJson(R"({"rooms":{"join":{"!other:x.org":{}}}})").object());
        QCOMPARE(action("!else:x.org"), int(HierarchyModel::CanJoin));
        // An invite is accepted whatever the join rule.
        m_store->applySync(QJsonDocument::fromJson(R"({"rooms":{"invite":{"!closed:x.org":{
            "invite_state":{"events":[{"type":"m.room.member","state_key":"@me:x.org",
            "sender":"@admin:x.org","content":{"membership":"invite"}}]}}}}})")
                               .object());
        QCOMPARE(action("!closed:x.org"), int(HierarchyModel::CanJoin));
        QCOMPARE(note("!closed:x.org"), QStringLiteral("You are invited."));
    }

    // Only joinable rows are selected; a filter narrows; a row joined meanwhile leaves the
    // selection.
    void selection()
    {
        QVERIFY(loadFourPages());
        QSignalSpy changed(m_model.get(), &HierarchyModel::selectionChanged);
        QVERIFY(!m_model->setSelected(rowOf("!closed:x.org"), true));
        QVERIFY(!m_model->setSelected(rowOf("!s:x.org"), true));
        QCOMPARE(m_model->selectedCount(), 0);
        QCOMPARE(m_model->selectJoinable(QStringLiteral("RESTR")), 1);
        QCOMPARE(m_model->selectedRoomIds(), QStringList{QStringLiteral("!res:x.org")});
        QCOMPARE(m_model->selectJoinable(), 4);
        QCOMPARE(m_model->selectedRoomIds(),
                 QStringList({QStringLiteral("!pub:x.org"), QStringLiteral("!res:x.org"),
                              QStringLiteral("!sub:x.org"), QStringLiteral("!knock:x.org")}));
        QCOMPARE(role("!pub:x.org", HierarchyModel::SelectedRole).toBool(), true);
        m_store->applySync(
            QJsonDocument::fromJson(R"({"rooms":{"join":{"!pub:x.org":{}}}})").object());
        QCOMPARE(m_model->selectedCount(), 3);
        QCOMPARE(role("!pub:x.org", HierarchyModel::SelectedRole).toBool(), false);
        QVERIFY(changed.count() >= 3);
        m_model->clearSelection();
        QCOMPARE(m_model->selectedCount(), 0);
    }

    // One job: joins with each room's via from the parent's m.space.child, the knock room
    // knocked, in the hierarchy's order (a sub-space before its rooms).
    void joinSelectedIsOneJobWithVia()
    {
        QVERIFY(loadFourPages());
        m_fake->script("/_matrix/client/v3/join/", {{200, R"({"room_id":"!x:x.org"})"}});
        m_fake->script("/_matrix/client/v3/knock/", {{200, R"({"room_id":"!knock:x.org"})"}});
        QCOMPARE(m_model->selectJoinable(), 4);
        QSignalSpy added(m_queue.get(), &JobQueue::jobAdded);
        Job *job = m_model->joinSelected();
        QVERIFY2(job, qPrintable(m_queue->lastError()));
        QCOMPARE(added.count(), 1);
        QCOMPARE(job->total(), 4);
        QCOMPARE(
            job->title(),
            HierarchyModel::tr("Join %n room(s) of %1", nullptr, 4).arg(QStringLiteral("Space")));
        QCOMPARE(m_model->selectedCount(), 0);
        QVERIFY(waitFinished(job));
        QCOMPARE(job->done(), 4);

        QList<QByteArray> paths;
        for (const auto &r : m_fake->requests())
            if (r.method == "POST")
                paths << r.rawPath;
        QCOMPARE(paths, QList<QByteArray>({"/_matrix/client/v3/join/%21pub%3Ax.org",
                                           "/_matrix/client/v3/join/%21res%3Ax.org",
                                           "/_matrix/client/v3/join/%21sub%3Ax.org",
                                           "/_matrix/client/v3/knock/%21knock%3Ax.org"}));
        const auto pub = m_fake->requestsTo("/_matrix/client/v3/join/%21pub");
        QCOMPARE(pub.size(), 1);
        QCOMPARE(QUrlQuery(QString::fromLatin1(pub.first().rawQuery))
                     .allQueryItemValues(QStringLiteral("via")),
                 QStringList({QStringLiteral("x.org"), QStringLiteral("y.org")}));
        const auto knock = m_fake->requestsTo("/_matrix/client/v3/knock/");
        QCOMPARE(queryValue(knock.first(), "via"), QStringLiteral("k.org"));
    }

    // Leaving: the joined rooms below the space deepest first, then the space; "none" is the
    // space alone; rooms not below the space are never sent.
    void leaveSpaceChildrenFirst()
    {
        m_store->applySync(
            QJsonDocument::fromJson(R"({"rooms":{"join":{"!sub:x.org":{},"!knock:x.org":{}}}})")
                .object());
        QVERIFY(loadFourPages());
        QCOMPARE(m_model->joinedDescendants(),
                 QStringList({QStringLiteral("!knock:x.org"), QStringLiteral("!inv:x.org"),
                              QStringLiteral("!sub:x.org")}));
        QCOMPARE(m_model->leaveOrder({}), QStringList{Space});
        QCOMPARE(
            m_model->leaveOrder({QStringLiteral("!sub:x.org"), QStringLiteral("!unrelated:x.org")}),
            QStringList({QStringLiteral("!sub:x.org"), Space}));

        m_fake->script("/_matrix/client/v3/rooms/", {{200, "{}"}});
        Job *job = m_model->leaveSpace(m_model->joinedDescendants());
        QVERIFY2(job, qPrintable(m_queue->lastError()));
        QCOMPARE(job->title(), HierarchyModel::tr("Leave %1 and its %n room(s)", nullptr, 3)
                                   .arg(QStringLiteral("Space")));
        QVERIFY(waitFinished(job));
        QList<QByteArray> paths;
        for (const auto &r : m_fake->requests())
            if (r.method == "POST")
                paths << r.rawPath;
        QCOMPARE(paths, QList<QByteArray>({"/_matrix/client/v3/rooms/%21knock%3Ax.org/leave",
                                           "/_matrix/client/v3/rooms/%21inv%3Ax.org/leave",
                                           "/_matrix/client/v3/rooms/%21sub%3Ax.org/leave",
                                           "/_matrix/client/v3/rooms/%21s%3Ax.org/leave"}));
    }

    // For rooms you are in: an invite-only room could not be rejoined; a knock room needs a
    // new request; a restricted room only through the space being left; a public one: fine.
    void rejoinWarnings()
    {
        m_store->applySync(QJsonDocument::fromJson(
                               R"({"rooms":{"join":{"!res:x.org":{},"!pub:x.org":{},
                               "!knock:x.org":{}}}})")
                               .object());
        QVERIFY(loadFourPages());
        auto warning = [this](const char *id) {
            return role(id, HierarchyModel::RejoinWarningRole).toString();
        };
        QCOMPARE(warning("!inv:x.org"),
                 QStringLiteral("Invite only: you could not rejoin without a new invite."));
        QCOMPARE(warning("!res:x.org"), QStringLiteral("Only members of Space can rejoin."));
        QCOMPARE(warning("!knock:x.org"), QStringLiteral("You would have to ask to join again."));
        QCOMPARE(warning("!pub:x.org"), QString());
        QCOMPARE(warning("!closed:x.org"), QString()); // not in it: nothing to lose
        // Staying in the space keeps the way back into the restricted room.
        QCOMPARE(m_model->rejoinWarningOf(rowOf("!res:x.org"), false), QString());
    }

    // A server that repeats a token: the pages stop (truncated), not loaded forever.
    void repeatedTokenStops()
    {
        m_fake->script(
            Hierarchy,
            {{200, page({room(Space, QStringLiteral("Space"), QStringLiteral("public"), {}, true)},
                        QStringLiteral("again"))},
             {200, page({}, QStringLiteral("again"))}});
        QSignalSpy loaded(m_model.get(), &HierarchyModel::loaded);
        m_model->setSpaceId(Space);
        QVERIFY(loaded.wait(10000));
        QCOMPARE(m_model->status(), HierarchyModel::Loaded);
        QCOMPARE(m_fake->requestsTo(Hierarchy).size(), 2);
        QVERIFY(m_model->truncated());
        QCOMPARE(m_model->count(), 1);
    }

    // A space you may not see: Failed with a sentence; an invalid ID sends nothing.
    void failures()
    {
        m_fake->script(Hierarchy,
                       {{403, R"({"errcode":"M_FORBIDDEN","error":"You are not allowed"})"}});
        QSignalSpy loaded(m_model.get(), &HierarchyModel::loaded);
        m_model->setSpaceId(Space);
        QVERIFY(loaded.wait(10000));
        QCOMPARE(m_model->status(), HierarchyModel::Failed);
        QVERIFY2(m_model->errorText().startsWith(QStringLiteral("You cannot see this space")),
                 qPrintable(m_model->errorText()));
        m_fake->clear();
        m_model->setSpaceId(QStringLiteral("not a room"));
        QCOMPARE(m_model->status(), HierarchyModel::Failed);
        QCOMPARE(m_fake->requests().size(), 0);
    }

    // A new space: the answer for the old one is dropped.
    void newSpaceDropsTheOldAnswer()
    {
        m_fake->script(Hierarchy,
                       {FakeHomeserver::Reply::held(200, page({room(Space, QStringLiteral("Old"),
                                                                    QStringLiteral("public"))}))});
        m_fake->script("/_matrix/client/v1/rooms/%21t%3Ax.org/hierarchy",
                       {{200, page({room(QStringLiteral("!t:x.org"), QStringLiteral("New"),
                                         QStringLiteral("public"))})}});
        m_model->setSpaceId(Space);
        QVERIFY(QTest::qWaitFor([this] { return m_fake->heldCount() == 1; }, 10000));
        QSignalSpy loaded(m_model.get(), &HierarchyModel::loaded);
        m_model->setSpaceId(QStringLiteral("!t:x.org"));
        QVERIFY(loaded.wait(10000));
        QVERIFY(m_fake->release(Hierarchy));
        QTest::qWait(0);
        QCOMPARE(m_model->count(), 1);
        QCOMPARE(m_model->spaceName(), QStringLiteral("New"));
    }
};

QTEST_MAIN(TestHierarchyModel)
#include "tst_hierarchymodel.moc"
