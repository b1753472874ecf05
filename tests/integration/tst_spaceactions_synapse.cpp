// Acting on a space (issue 15) against a real Synapse: the hierarchy paginated past one page
// (HierarchyModel as the app uses it), joining a space's joinable rooms through concierge-cli
// (exactly those, the restricted one through space membership), leaving a space with all its
// rooms, with the listed ones or with none; the hierarchy as JSON; bad input refused before
// anything is sent. What the server holds is read through its admin API and its access log.
//
// The space tree (the owner's):
//   Space              public, a space
//     Public           public
//     Restricted       restricted to members of Space
//     Invite only      invite
//     Sub              public, a space
//       Deep           public

#include "appservices.h"
#include "clirun.h"
#include "models/hierarchymodel.h"
#include "synapsefixture.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QProcess>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QUuid>
#include <QtTest>

#include <memory>

class TestSpaceActionsSynapse : public QObject
{
    Q_OBJECT

    SynapseFixture m_server;
    SynapseFixture::User m_admin, m_owner, m_me;
    QString m_tag;
    QTemporaryDir m_storeDir;
    QString m_space, m_public, m_restricted, m_inviteOnly, m_sub, m_deep;

    std::unique_ptr<AppServices> signIn(const SynapseFixture::User &user)
    {
        auto app = std::make_unique<AppServices>(AppServices::Options{
            .useKeychain = false, .keepRoomsOnDisk = false, .storeDirectory = m_storeDir.path()});
        app->setRememberSession(false);
        app->signIn(m_server.baseUrl().toString(), user.accessToken);
        const bool ready =
            QTest::qWaitFor([&] { return app->sync()->state() == SyncEngine::Synced; }, 60000);
        if (!ready)
            QTest::qFail("the account did not finish its first sync", __FILE__, __LINE__);
        return app;
    }

    QString create(const QString &label, const QString &preset, bool space,
                   const QJsonArray &initialState = {})
    {
        QJsonObject options{{QStringLiteral("name"), QStringLiteral("%1 %2").arg(m_tag, label)},
                            {QStringLiteral("preset"), preset}};
        if (space)
            options.insert(QStringLiteral("creation_content"),
                           QJsonObject{{QStringLiteral("type"), QStringLiteral("m.space")}});
        if (!initialState.isEmpty())
            options.insert(QStringLiteral("initial_state"), initialState);
        return m_server.createRoom(m_owner, options);
    }
    bool addChild(const QString &space, const QString &child)
    {
        const SynapseFixture::Response r = m_server.request(
            "PUT",
            "/_matrix/client/v3/rooms/" + SynapseFixture::seg(space) + "/state/m.space.child/" +
                SynapseFixture::seg(child),
            m_owner.accessToken, {{QStringLiteral("via"), QJsonArray{m_server.serverName()}}});
        return r.status == 200;
    }
    QString membership(const QString &roomId)
    {
        return m_server.membershipOf(m_admin, roomId, m_me.userId);
    }

    using Run = CliRun;
    Run cli(const QStringList &args, const QString &token)
    {
        return runCli(cliEnvironment(m_server.baseUrl(), token, m_storeDir.path()), args);
    }
    // The requests the server received from me (method empty: any) whose path ends with suffix.
    int requestsFromMe(const QString &method, const QString &suffix)
    {
        int n = 0;
        for (const SynapseFixture::AccessEntry &e : m_server.accessLog(m_me.userId))
            n += (method.isEmpty() || e.method == method) && e.path.endsWith(suffix);
        return n;
    }
    // A usage error: exit status 2, the message on standard error, and nothing sent that
    // changes anything (no POST nor PUT from me); afterSync: the command did read the room list
    // first (its /sync is awaited in the server's log, so the log covers this run), else it sent
    // no request at all. The run in *result when given.
    void expectUsageError(const QStringList &args, const QByteArray &message, bool afterSync,
                          Run *result = nullptr)
    {
        auto writes = [this] {
            return requestsFromMe(QStringLiteral("POST"), {}) +
                   requestsFromMe(QStringLiteral("PUT"), {});
        };
        const int before = requestsFromMe({}, {});
        const int writesBefore = writes();
        const int syncsBefore = requestsFromMe(QStringLiteral("GET"), QStringLiteral("/sync"));
        const Run run = cli(args, m_me.accessToken);
        const QByteArray what = args.join(QLatin1Char(' ')).toUtf8() + ": " + run.err;
        QVERIFY2(run.exitCode == 2, what.constData());
        QVERIFY2(run.err.contains(message), what.constData());
        if (afterSync)
            QVERIFY2(QTest::qWaitFor(
                         [&] {
                             return requestsFromMe(QStringLiteral("GET"), QStringLiteral("/sync")) >
                                    syncsBefore;
                         },
                         5000),
                     what.constData());
        else
            QCOMPARE(requestsFromMe({}, {}), before);
        QCOMPARE(writes(), writesBefore);
        if (result)
            *result = run;
    }

private slots:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QVERIFY(m_storeDir.isValid());
        QString error;
        QVERIFY2(m_server.load(&error), qPrintable(error));
        m_admin = m_server.registerUser(QStringLiteral("admin"), true);
        m_owner = m_server.registerUser(QStringLiteral("owner"));
        m_me = m_server.registerUser(QStringLiteral("me"));
        for (const auto *u : {&m_admin, &m_owner, &m_me})
            QVERIFY2(!u->accessToken.isEmpty(), "registration failed");
        QVERIFY(m_server.overrideRateLimit(m_admin, m_me.userId, 0, 0));
        QVERIFY(m_server.overrideRateLimit(m_admin, m_owner.userId, 0, 0));
        m_tag = QStringLiteral("sp") + QUuid::createUuid().toString(QUuid::Id128).left(8);

        m_space = create(QStringLiteral("Space"), QStringLiteral("public_chat"), true);
        QVERIFY(!m_space.isEmpty());
        m_public = create(QStringLiteral("Public"), QStringLiteral("public_chat"), false);
        const QJsonObject restrictedRule{
            {QStringLiteral("type"), QStringLiteral("m.room.join_rules")},
            {QStringLiteral("state_key"), QString()},
            {QStringLiteral("content"),
             QJsonObject{{QStringLiteral("join_rule"), QStringLiteral("restricted")},
                         {QStringLiteral("allow"),
                          QJsonArray{QJsonObject{
                              {QStringLiteral("type"), QStringLiteral("m.room_membership")},
                              {QStringLiteral("room_id"), m_space}}}}}}};
        m_restricted = create(QStringLiteral("Restricted"), QStringLiteral("private_chat"), false,
                              {restrictedRule});
        m_inviteOnly = create(QStringLiteral("Invite only"), QStringLiteral("private_chat"), false);
        m_sub = create(QStringLiteral("Sub"), QStringLiteral("public_chat"), true);
        m_deep = create(QStringLiteral("Deep"), QStringLiteral("public_chat"), false);
        for (const QString *id : {&m_public, &m_restricted, &m_inviteOnly, &m_sub, &m_deep})
            QVERIFY(!id->isEmpty());
        for (const QString *id : {&m_public, &m_restricted, &m_inviteOnly, &m_sub})
            QVERIFY(addChild(m_space, *id));
        QVERIFY(addChild(m_sub, m_deep));
        QVERIFY(m_server.join(m_me, m_space));
    }

    // Page size 1: every room comes on a page of its own (the server's access log counts the
    // requests). The invite-only room is not listed to someone who may not join it; the
    // restricted one can be joined through the space.
    void hierarchyPaginatedPastOnePage()
    {
        auto app = signIn(m_me);
        HierarchyModel *h = app->hierarchy();
        h->setPageSize(1);
        QSignalSpy loaded(h, &HierarchyModel::loaded);
        h->setSpaceId(m_space);
        QVERIFY(loaded.wait(60000));
        QCOMPARE(h->status(), HierarchyModel::Loaded);
        int requests = 0;
        for (const SynapseFixture::AccessEntry &e : m_server.accessLog(m_me.userId))
            requests += e.path.endsWith(QLatin1String("/hierarchy"));
        QVERIFY2(requests >= 5, qPrintable(QString::number(requests)));
        QStringList ids;
        for (const HierarchyModel::Row &row : h->rows())
            ids << row.info.roomId;
        QCOMPARE(ids.size(), 5);
        for (const QString *id : {&m_space, &m_public, &m_restricted, &m_sub, &m_deep})
            QVERIFY2(ids.contains(*id), qPrintable(*id));
        QVERIFY(!ids.contains(m_inviteOnly));
        QCOMPARE(h->index(h->rowOf(m_deep)).data(HierarchyModel::ParentIdRole).toString(), m_sub);
        QCOMPARE(h->index(h->rowOf(m_deep)).data(HierarchyModel::DepthRole).toInt(), 2);
        QCOMPARE(h->index(h->rowOf(m_public)).data(HierarchyModel::ViaRole).toStringList(),
                 QStringList{m_server.serverName()});
        QCOMPARE(h->joinActionOf(h->rowOf(m_restricted)), HierarchyModel::CanJoin);
        QCOMPARE(h->joinActionOf(h->rowOf(m_space)), HierarchyModel::AlreadyJoined);
        QCOMPARE(h->joinableCount(), 4);
    }

    // `hierarchy SPACE --json`: one object per room, the space first, with what the server
    // said (depth, parent, join rule, via) and what you can do; the invite-only room unlisted.
    void hierarchyJson()
    {
        const Run run =
            cli({QStringLiteral("hierarchy"), m_space, QStringLiteral("--json")}, m_me.accessToken);
        QVERIFY2(run.exitCode == 0, run.err.constData());
        const QList<QJsonObject> lines = run.lines();
        QHash<QString, QJsonObject> byId;
        for (const QJsonObject &o : lines) {
            QVERIFY2(!o.isEmpty(), run.out.constData()); // every line is a JSON object
            byId.insert(o.value(QLatin1String("room_id")).toString(), o);
        }
        QCOMPARE(lines.size(), 5);
        QCOMPARE(byId.size(), 5);
        QCOMPARE(lines.first().value(QLatin1String("room_id")).toString(), m_space);
        for (const QString *id : {&m_space, &m_public, &m_restricted, &m_sub, &m_deep})
            QVERIFY2(byId.contains(*id), qPrintable(*id));
        QVERIFY(!byId.contains(m_inviteOnly));

        const QJsonObject space = byId.value(m_space);
        QCOMPARE(space.value(QLatin1String("name")).toString(), m_tag + QStringLiteral(" Space"));
        QCOMPARE(space.value(QLatin1String("room_type")).toString(), QStringLiteral("m.space"));
        QCOMPARE(space.value(QLatin1String("depth")).toInt(-1), 0);
        QCOMPARE(space.value(QLatin1String("action")).toString(), QStringLiteral("joined"));
        QCOMPARE(space.value(QLatin1String("membership")).toString(), QStringLiteral("join"));

        const QJsonObject pub = byId.value(m_public);
        QCOMPARE(pub.value(QLatin1String("name")).toString(), m_tag + QStringLiteral(" Public"));
        QCOMPARE(pub.value(QLatin1String("depth")).toInt(-1), 1);
        QCOMPARE(pub.value(QLatin1String("parent")).toString(), m_space);
        QCOMPARE(pub.value(QLatin1String("join_rule")).toString(), QStringLiteral("public"));
        QCOMPARE(pub.value(QLatin1String("action")).toString(), QStringLiteral("join"));
        QCOMPARE(pub.value(QLatin1String("via")).toArray(), QJsonArray{m_server.serverName()});
        QCOMPARE(pub.value(QLatin1String("membership")).toString(), QString());

        const QJsonObject restricted = byId.value(m_restricted);
        QCOMPARE(restricted.value(QLatin1String("join_rule")).toString(),
                 QStringLiteral("restricted"));
        QCOMPARE(restricted.value(QLatin1String("action")).toString(), QStringLiteral("join"));

        const QJsonObject deep = byId.value(m_deep);
        QCOMPARE(deep.value(QLatin1String("depth")).toInt(-1), 2);
        QCOMPARE(deep.value(QLatin1String("parent")).toString(), m_sub);
        QCOMPARE(byId.value(m_sub).value(QLatin1String("room_type")).toString(),
                 QStringLiteral("m.space"));
    }

    // `join --space SPACE --all`: exactly the joinable rooms (a dry run first sends nothing);
    // the restricted room joined through the space (Synapse names the user who authorised it).
    void joinTheSpacesRooms()
    {
        const Run dry = cli({QStringLiteral("join"), QStringLiteral("--space"), m_space,
                             QStringLiteral("--all"), QStringLiteral("--dry-run")},
                            m_me.accessToken);
        QVERIFY2(dry.exitCode == 0, dry.err.constData());
        QCOMPARE(dry.out.count("POST "), 4);
        QCOMPARE(membership(m_public), QString());

        const Run run = cli({QStringLiteral("join"), QStringLiteral("--space"), m_space,
                             QStringLiteral("--all"), QStringLiteral("--json")},
                            m_me.accessToken);
        QVERIFY2(run.exitCode == 0, run.err.constData());
        for (const QString *id : {&m_public, &m_restricted, &m_sub, &m_deep})
            QCOMPARE(membership(*id), QStringLiteral("join"));
        QCOMPARE(membership(m_inviteOnly), QString());
        const QJsonObject restrictedJoin = m_server.memberEvent(m_admin, m_restricted, m_me.userId)
                                               .value(QLatin1String("content"))
                                               .toObject();
        QCOMPARE(restrictedJoin.value(QLatin1String("join_authorised_via_users_server")).toString(),
                 m_owner.userId);
    }

    // `leave --space SPACE --with-rooms all`: every child you are in and the space, children
    // first; the invite-only room is named as one you could not rejoin.
    void leaveWithAllRooms()
    {
        QVERIFY(m_server.invite(m_owner, m_inviteOnly, m_me.userId));
        QVERIFY(m_server.join(m_me, m_inviteOnly));
        const Run run = cli({QStringLiteral("leave"), QStringLiteral("--space"), m_space,
                             QStringLiteral("--with-rooms"), QStringLiteral("all")},
                            m_me.accessToken);
        QVERIFY2(run.exitCode == 0, run.err.constData());
        QVERIFY2(run.err.contains(m_tag.toUtf8() + " Invite only (" + m_inviteOnly.toUtf8() +
                                  "): Invite only"),
                 run.err.constData());
        for (const QString *id :
             {&m_public, &m_restricted, &m_inviteOnly, &m_sub, &m_deep, &m_space})
            QCOMPARE(membership(*id), QStringLiteral("leave"));
        // The space last: its leave came after every child's.
        QDateTime spaceLeft, lastChild;
        for (const SynapseFixture::AccessEntry &e : m_server.accessLog(m_me.userId)) {
            if (e.method != QLatin1String("POST") || !e.path.endsWith(QLatin1String("/leave")))
                continue;
            if (e.path.contains(QString::fromLatin1(SynapseFixture::seg(m_space))))
                spaceLeft = e.received();
            else
                lastChild = qMax(lastChild, e.received());
        }
        QVERIFY(spaceLeft.isValid() && lastChild.isValid());
        QVERIFY(spaceLeft >= lastChild);
    }

    // `leave --space SPACE` (--with-rooms none, the default): the space alone.
    void leaveWithNoRooms()
    {
        QVERIFY(m_server.join(m_me, m_space));
        QVERIFY(m_server.join(m_me, m_public));
        QVERIFY(m_server.join(m_me, m_restricted));
        const Run run =
            cli({QStringLiteral("leave"), QStringLiteral("--space"), m_space}, m_me.accessToken);
        QVERIFY2(run.exitCode == 0, run.err.constData());
        QCOMPARE(membership(m_space), QStringLiteral("leave"));
        QCOMPARE(membership(m_public), QStringLiteral("join"));
        QCOMPARE(membership(m_restricted), QStringLiteral("join"));
    }

    // `leave --space SPACE --with-rooms ROOM,ROOM`: exactly the listed rooms and the space; the
    // space's other rooms that you are in stay joined.
    void leaveWithListedRooms()
    {
        for (const QString *id : {&m_space, &m_public, &m_restricted, &m_sub, &m_deep})
            QVERIFY(m_server.join(m_me, *id));
        const int leavesBefore = requestsFromMe(QStringLiteral("POST"), QStringLiteral("/leave"));
        const Run run = cli({QStringLiteral("leave"), QStringLiteral("--space"), m_space,
                             QStringLiteral("--with-rooms"), m_public + QLatin1Char(',') + m_deep},
                            m_me.accessToken);
        QVERIFY2(run.exitCode == 0, run.err.constData());
        QCOMPARE(membership(m_public), QStringLiteral("leave"));
        QCOMPARE(membership(m_deep), QStringLiteral("leave"));
        QCOMPARE(membership(m_space), QStringLiteral("leave"));
        QCOMPARE(membership(m_restricted), QStringLiteral("join"));
        QCOMPARE(membership(m_sub), QStringLiteral("join"));
        QCOMPARE(requestsFromMe(QStringLiteral("POST"), QStringLiteral("/leave")),
                 leavesBefore + 3);
        // A public space: no warning that it could not be rejoined.
        QVERIFY2(!run.err.contains("(the space)"), run.err.constData());
    }

    // Leaving an invite-only space, even alone, warns that you could not come back.
    void leaveInviteOnlySpaceWarns()
    {
        const QString closed =
            create(QStringLiteral("Closed space"), QStringLiteral("private_chat"), true);
        QVERIFY(!closed.isEmpty());
        QVERIFY(m_server.invite(m_owner, closed, m_me.userId));
        QVERIFY(m_server.join(m_me, closed));
        const Run run =
            cli({QStringLiteral("leave"), QStringLiteral("--space"), closed}, m_me.accessToken);
        QVERIFY2(run.exitCode == 0, run.err.constData());
        QVERIFY2(run.err.contains(closed.toUtf8() +
                                  " (the space): Invite only: you could not rejoin without a new "
                                  "invite."),
                 run.err.constData());
        QCOMPARE(membership(closed), QStringLiteral("leave"));
    }

    // Leaving a space whose rooms you created: the rooms where you are the only admin are named
    // before anything is left (the space too), the others not; --dry-run reads (the power
    // levels, the members) but leaves nothing.
    void leaveWarnsWhereYouAreTheOnlyAdmin()
    {
        const auto mine = [this](const QString &label, bool space) {
            QJsonObject options{{QStringLiteral("name"), QStringLiteral("%1 %2").arg(m_tag, label)},
                                {QStringLiteral("preset"), QStringLiteral("public_chat")}};
            if (space)
                options.insert(QStringLiteral("creation_content"),
                               QJsonObject{{QStringLiteral("type"), QStringLiteral("m.space")}});
            return m_server.createRoom(m_me, options);
        };
        const QString space = mine(QStringLiteral("My space"), true);
        const QString room = mine(QStringLiteral("My room"), false);
        QVERIFY(!space.isEmpty() && !room.isEmpty());
        const auto addMyChild = [this, &space](const QString &id) {
            return m_server
                       .request("PUT",
                                "/_matrix/client/v3/rooms/" + SynapseFixture::seg(space) +
                                    "/state/m.space.child/" + SynapseFixture::seg(id),
                                m_me.accessToken,
                                {{QStringLiteral("via"), QJsonArray{m_server.serverName()}}})
                       .status == 200;
        };
        QVERIFY(addMyChild(room));
        QVERIFY(addMyChild(m_public)); // the owner's room: not mine to warn about
        QVERIFY(m_server.join(m_me, m_public));
        const QStringList args{QStringLiteral("leave"), QStringLiteral("--space"), space,
                               QStringLiteral("--with-rooms"), QStringLiteral("all")};
        const int leavesBefore = requestsFromMe(QStringLiteral("POST"), QStringLiteral("/leave"));
        const Run dry = cli(args + QStringList{QStringLiteral("--dry-run")}, m_me.accessToken);
        QVERIFY2(dry.exitCode == 0, dry.err.constData());
        const QByteArray onlyAdmin = "You are the only admin of " + m_tag.toUtf8();
        QVERIFY2(dry.err.contains(onlyAdmin + " My room."), dry.err.constData());
        QVERIFY2(dry.err.contains(onlyAdmin + " My space."), dry.err.constData());
        QVERIFY2(!dry.err.contains(onlyAdmin + " Public"), dry.err.constData());
        QCOMPARE(requestsFromMe(QStringLiteral("POST"), QStringLiteral("/leave")), leavesBefore);
        QCOMPARE(membership(room), QStringLiteral("join"));

        const Run run = cli(args, m_me.accessToken);
        QVERIFY2(run.exitCode == 0, run.err.constData());
        QVERIFY2(run.err.contains(onlyAdmin + " My room."), run.err.constData());
        QCOMPARE(membership(m_public), QStringLiteral("leave"));
        // (Rooms left empty: my own list of joined rooms says they are gone.)
        const SynapseFixture::Response joined =
            m_server.request("GET", "/_matrix/client/v3/joined_rooms", m_me.accessToken);
        QCOMPARE(joined.status, 200);
        const QJsonArray ids = joined.body.value(QLatin1String("joined_rooms")).toArray();
        QVERIFY(!ids.contains(room) && !ids.contains(space) && !ids.contains(m_public));
        QCOMPARE(requestsFromMe(QStringLiteral("POST"), QStringLiteral("/leave")),
                 leavesBefore + 3);
    }

    // Bad input stops the command with exit status 2 and a message that says what is wrong;
    // nothing that changes anything is sent, and the memberships on the server stay as they were.
    // Here: the space was left, the restricted room and Sub are joined (leaveWithListedRooms).
    void usageErrorsSendNothing()
    {
        QCOMPARE(membership(m_space), QStringLiteral("leave"));
        QCOMPARE(membership(m_restricted), QStringLiteral("join"));
        QCOMPARE(membership(m_sub), QStringLiteral("join"));
        const QString leave = QStringLiteral("leave");
        const QString space = QStringLiteral("--space");
        const QString with = QStringLiteral("--with-rooms");

        // Before any request: an empty SPACE, a word that is not a room list, a bad address.
        expectUsageError({QStringLiteral("hierarchy"), QString()}, "hierarchy needs a space",
                         false);
        expectUsageError({leave, space, m_sub, with, QStringLiteral("some")},
                         "--with-rooms takes all, none or room IDs or addresses separated by "
                         "commas, not 'some'",
                         false);
        expectUsageError({leave, space, m_sub, with, m_restricted + QStringLiteral(",#bad")},
                         "--with-rooms: '#bad'", false);
        expectUsageError({leave, space, QStringLiteral("#no-server")},
                         "A room alias needs a server part", false);
        // The same with no server to reach: the syntax is checked first.
        const Run offline = runCli(cliEnvironment(QUrl(QStringLiteral("http://127.0.0.1:9")),
                                                  m_me.accessToken, m_storeDir.path()),
                                   {leave, space, m_sub, with, QStringLiteral("some")});
        QCOMPARE(offline.exitCode, 2);
        QVERIFY2(offline.err.contains("not 'some'"), offline.err.constData());

        // After the room list: an ordinary room, a space you left, a room not of the space.
        expectUsageError({leave, space, m_restricted},
                         m_restricted.toUtf8() + " (" + m_tag.toUtf8() +
                             " Restricted) is a room, not a space",
                         true);
        expectUsageError({leave, space, m_space}, "you are not in the space " + m_space.toUtf8(),
                         true);
        expectUsageError({leave, space, QStringLiteral("!unknown:") + m_server.serverName()},
                         "is not a space you are in", true);
        expectUsageError({leave, space, m_sub, with, m_deep},
                         m_deep.toUtf8() + " is not a room of the space that you are in", true);
        QCOMPARE(membership(m_space), QStringLiteral("leave"));
        QCOMPARE(membership(m_restricted), QStringLiteral("join"));
        QCOMPARE(membership(m_sub), QStringLiteral("join"));
    }

    // Two spaces you are in with the same name: the name is refused, both named by ID and name.
    void ambiguousSpaceNameIsAnError()
    {
        const QString first = create(QStringLiteral("Twin"), QStringLiteral("public_chat"), true);
        const QString second = create(QStringLiteral("Twin"), QStringLiteral("public_chat"), true);
        QVERIFY(!first.isEmpty() && !second.isEmpty());
        QVERIFY(m_server.join(m_me, first));
        QVERIFY(m_server.join(m_me, second));
        const QString name = m_tag + QStringLiteral(" Twin");
        const QByteArray says = "'" + name.toUtf8() + "' names 2 space";
        for (const QStringList &args :
             {QStringList{QStringLiteral("leave"), QStringLiteral("--space"), name},
              QStringList{QStringLiteral("hierarchy"), name},
              QStringList{QStringLiteral("join"), QStringLiteral("--space"), name,
                          QStringLiteral("--all")},
              QStringList{QStringLiteral("rooms"), QStringLiteral("--space"), name}}) {
            Run run;
            expectUsageError(args, says, true, &run);
            if (QTest::currentTestFailed())
                return;
            for (const QString *id : {&first, &second})
                QVERIFY2(run.err.contains(id->toUtf8() + " (" + name.toUtf8() + ")"),
                         run.err.constData());
        }
        QCOMPARE(membership(first), QStringLiteral("join"));
        QCOMPARE(membership(second), QStringLiteral("join"));
    }
};

QTEST_MAIN(TestSpaceActionsSynapse)
#include "tst_spaceactions_synapse.moc"
