// The room directory, previews and knocking (issue 13) against a real Synapse: Concierge acts
// through AppServices as the app does (and through concierge-cli as scripts do); the server's
// own view is checked through its admin API.

#include "appservices.h"
#include "models/directorymodel.h"
#include "models/roomhistorymodel.h"
#include "models/roomlistmodel.h"
#include "models/roompreview.h"
#include "synapsefixture.h"
#include "sync/roomstore.h"

#include <QJsonDocument>
#include <QProcess>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QUuid>
#include <QtTest>

#include <memory>

class TestDirectorySynapse : public QObject
{
    Q_OBJECT

    SynapseFixture m_server;
    SynapseFixture::User m_admin, m_owner, m_bob;
    QString m_tag;        // unique per run: the search term of this run's rooms
    QStringList m_public; // 12 published rooms named "<tag> room N"
    QTemporaryDir m_storeDir;

    std::unique_ptr<AppServices> signIn(const SynapseFixture::User &user)
    {
        auto app = std::make_unique<AppServices>(AppServices::Options{
            .useKeychain = false, .keepRoomsOnDisk = true, .storeDirectory = m_storeDir.path()});
        app->setRememberSession(false);
        app->signIn(m_server.baseUrl().toString(), user.accessToken);
        const bool ready =
            QTest::qWaitFor([&] { return app->sync()->state() == SyncEngine::Synced; }, 60000);
        if (!ready)
            QTest::qFail("the account did not finish its first sync", __FILE__, __LINE__);
        return app;
    }

    static int membershipInStore(AppServices *app, const QString &roomId)
    {
        const RoomSummary *room = app->store()->find(roomId);
        return room ? int(room->membership) : -1;
    }

    static int sectionInList(AppServices *app, const QString &roomId)
    {
        const int row = app->rooms()->rowOfRoom(roomId);
        return row < 0 ? -1
                       : app->rooms()
                             ->data(app->rooms()->index(row), RoomListModel::SectionRole)
                             .toInt();
    }

    // A knock-rule room (room version 10) with an alias; returns its ID.
    QString createKnockRoom(const QString &label, QString *alias)
    {
        const QString localAlias = m_tag + QStringLiteral("-knock-") + label;
        const QString id = m_server.createRoom(
            m_owner, {{QStringLiteral("room_version"), QStringLiteral("10")},
                      {QStringLiteral("name"), QStringLiteral("Knock %1").arg(label)},
                      {QStringLiteral("room_alias_name"), localAlias},
                      {QStringLiteral("initial_state"),
                       QJsonArray{QJsonObject{
                           {QStringLiteral("type"), QStringLiteral("m.room.join_rules")},
                           {QStringLiteral("state_key"), QString()},
                           {QStringLiteral("content"), QJsonObject{{QStringLiteral("join_rule"),
                                                                    QStringLiteral("knock")}}}}}}});
        *alias = QStringLiteral("#%1:%2").arg(localAlias, m_server.serverName());
        return id;
    }

    struct Run
    {
        int exitCode = -1;
        QByteArray out;
        QByteArray err;
    };
    Run cli(const QStringList &args, const QString &token)
    {
        QProcess p;
        QProcessEnvironment e = QProcessEnvironment::systemEnvironment();
        e.insert(QStringLiteral("CONCIERGE_HOMESERVER"), m_server.baseUrl().toString());
        e.insert(QStringLiteral("CONCIERGE_ACCESS_TOKEN"), token);
        p.setProcessEnvironment(e);
        QSignalSpy finished(&p, &QProcess::finished);
        p.start(QStringLiteral(CONCIERGE_CLI_PATH), args);
        p.closeWriteChannel();
        Run run;
        if (!finished.wait(60000)) {
            p.kill();
            p.waitForFinished(5000);
            QTest::qFail("concierge-cli did not finish within 60 s", __FILE__, __LINE__);
            return run;
        }
        run.exitCode = p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -2;
        run.out = p.readAllStandardOutput();
        run.err = p.readAllStandardError();
        return run;
    }

    // Waits for the directory to settle (not loading) in one of the wanted states.
    static bool settled(DirectoryModel *d)
    {
        return QTest::qWaitFor(
            [d] {
                return !d->loading() && (d->status() == DirectoryModel::Loaded ||
                                         d->status() == DirectoryModel::NoMatches ||
                                         d->status() == DirectoryModel::Failed);
            },
            30000);
    }
    static bool previewDone(RoomPreview *p)
    {
        return QTest::qWaitFor(
            [p] { return p->state() != RoomPreview::Loading && p->state() != RoomPreview::Idle; },
            30000);
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
        m_bob = m_server.registerUser(QStringLiteral("bob"));
        QVERIFY(!m_admin.accessToken.isEmpty() && !m_owner.accessToken.isEmpty() &&
                !m_bob.accessToken.isEmpty());
        m_tag =
            QStringLiteral("dir") + QUuid::createUuid().toString(QUuid::Id128).left(10).toLower();
        // 12 published rooms: more than two pages of 5. Published by the owner, an ordinary
        // user (the harness's room_list_publication_rules allow it).
        for (int i = 1; i <= 12; ++i) {
            const QString id = m_server.createRoom(
                m_owner, {{QStringLiteral("name"), QStringLiteral("%1 room %2").arg(m_tag).arg(i)},
                          {QStringLiteral("topic"), QStringLiteral("Topic %1").arg(i)},
                          {QStringLiteral("preset"), QStringLiteral("public_chat")},
                          {QStringLiteral("visibility"), QStringLiteral("public")},
                          {QStringLiteral("room_alias_name"),
                           QStringLiteral("%1-pub-%2").arg(m_tag).arg(i)}});
            QVERIFY2(!id.isEmpty(), "room creation failed");
            m_public << id;
        }
    }

    void directorySearchAndPagination()
    {
        auto app = signIn(m_bob);
        DirectoryModel *directory = app->directory();
        directory->setPageSize(5);
        directory->setDebounceMs(0);
        // The directory's statistics are updated by Synapse in the background: ask until all
        // 12 rooms are listed on the first page's estimate.
        QVERIFY(QTest::qWaitFor(
            [&] {
                directory->setSearchTerm(m_tag);
                directory->refresh();
                return settled(directory) && directory->status() == DirectoryModel::Loaded &&
                       directory->totalEstimate() >= 12 && directory->hasMore();
            },
            30000));
        QCOMPARE(directory->count(), 5);
        QVERIFY(directory->canFetchMore({}));
        directory->fetchMore({});
        QVERIFY(directory->loading());
        QVERIFY(settled(directory));
        QCOMPARE(directory->count(), 10);
        directory->loadMore();
        QVERIFY(settled(directory));
        QCOMPARE(directory->count(), 12);
        QVERIFY(!directory->hasMore());
        QSet<QString> ids;
        for (int row = 0; row < directory->count(); ++row) {
            const QVariantMap entry = directory->get(row);
            ids.insert(entry.value(QStringLiteral("roomId")).toString());
            QVERIFY(entry.value(QStringLiteral("name")).toString().startsWith(m_tag));
            QCOMPARE(entry.value(QStringLiteral("joinRule")).toInt(), int(JoinRule::Public));
            QCOMPARE(entry.value(QStringLiteral("memberCount")).toInt(), 1);
            QCOMPARE(entry.value(QStringLiteral("membership")).toInt(), -1); // bob is not in it
        }
        QCOMPARE(ids, QSet<QString>(m_public.cbegin(), m_public.cend()));

        // A narrower term: only the matching room ("room 12" matches "room 12" only).
        directory->setSearchTerm(m_tag + QStringLiteral(" room 12"));
        QVERIFY(settled(directory));
        QCOMPARE(directory->status(), DirectoryModel::Loaded);
        QCOMPARE(directory->count(), 1);

        // No match: an empty state, not an error.
        directory->setSearchTerm(m_tag + QStringLiteral("-nothing-matches"));
        QVERIFY(settled(directory));
        QCOMPARE(directory->status(), DirectoryModel::NoMatches);
        QCOMPARE(directory->errorKind(), DirectoryModel::NoError);
        QCOMPARE(directory->count(), 0);

        // A term changed while a request is on its way: only the last term's answer shows.
        directory->setDebounceMs(300);
        directory->setSearchTerm(m_tag + QStringLiteral("-nothing-matches-either"));
        directory->refresh();                                        // goes out now…
        directory->setSearchTerm(m_tag + QStringLiteral(" room 7")); // …and is dropped
        QVERIFY(settled(directory));
        QCOMPARE(directory->count(), 1);
        QCOMPARE(directory->get(0).value(QStringLiteral("roomId")).toString(), m_public.at(6));

        // Bob joins one: the directory marks it.
        Operation *join = app->membership()->join(m_public.at(6));
        QVERIFY(QTest::qWaitFor([join] { return join->isFinished(); }, 30000));
        QCOMPARE(join->state(), Operation::Succeeded);
        QTRY_COMPARE_WITH_TIMEOUT(directory->get(0).value(QStringLiteral("membership")).toInt(),
                                  int(Membership::Join), 30000);
    }

    void directoryOfUnreachableServer()
    {
        auto app = signIn(m_bob);
        DirectoryModel *directory = app->directory();
        directory->setServer(QStringLiteral("unreachable.invalid"));
        QVERIFY(settled(directory));
        QCOMPARE(directory->status(), DirectoryModel::Failed);
        QCOMPARE(directory->errorKind(), DirectoryModel::ServerUnreachable);
        QVERIFY2(directory->errorText().contains(QStringLiteral("unreachable.invalid")),
                 qPrintable(directory->errorText()));
        // An invalid name is refused without asking.
        directory->setServer(QStringLiteral("not a server"));
        QCOMPARE(directory->status(), DirectoryModel::Failed);
        QCOMPARE(directory->errorKind(), DirectoryModel::InvalidServer);
    }

    void previewPublicRoom()
    {
        auto app = signIn(m_bob);
        std::unique_ptr<RoomPreview> preview(app->createPreview(nullptr));
        preview->load(QStringLiteral("#%1-pub-3:%2").arg(m_tag, m_server.serverName()));
        QVERIFY(previewDone(preview.get()));
        QCOMPARE(preview->state(), RoomPreview::Known);
        QCOMPARE(preview->source(), RoomPreview::Summary);
        QCOMPARE(preview->roomId(), m_public.at(2));
        QCOMPARE(preview->name(), QStringLiteral("%1 room 3").arg(m_tag));
        QCOMPARE(preview->topic(), QStringLiteral("Topic 3"));
        QCOMPARE(int(preview->joinRule()), int(JoinRule::Public));
        QCOMPARE(preview->memberCount(), 1);
        QVERIFY(!preview->canKnock());
        QVERIFY(preview->statusText().isEmpty());
        // Bob was never in it (Synapse's summary says "leave" then): no membership is shown.
        QCOMPARE(preview->membership(), -1);
    }

    void previewPrivateRoom()
    {
        const QString alias = m_tag + QStringLiteral("-private");
        const QString id = m_server.createRoom(
            m_owner, {{QStringLiteral("name"), QStringLiteral("Secret plans")},
                      {QStringLiteral("preset"), QStringLiteral("private_chat")},
                      {QStringLiteral("room_alias_name"), alias}});
        QVERIFY(!id.isEmpty());
        auto app = signIn(m_bob);
        std::unique_ptr<RoomPreview> preview(app->createPreview(nullptr));
        preview->load(QStringLiteral("#%1:%2").arg(alias, m_server.serverName()));
        QVERIFY(previewDone(preview.get()));
        // Synapse shares nothing about an invite-only room with an outsider: the room exists
        // (its alias resolves), nothing more is said, and nothing of its state leaks.
        QCOMPARE(preview->state(), RoomPreview::Unknown);
        QCOMPARE(preview->roomId(), id);
        QVERIFY(preview->name().isEmpty());
        QVERIFY2(preview->statusText().contains(QStringLiteral("nothing more is known")),
                 qPrintable(preview->statusText()));

        // Once invited, the invite's stripped state is what is known (or the summary, which
        // Synapse shares with invitees).
        QVERIFY(m_server.invite(m_owner, id, m_bob.userId));
        QTRY_COMPARE_WITH_TIMEOUT(membershipInStore(app.get(), id), int(Membership::Invite), 30000);
        preview->refresh();
        QVERIFY(previewDone(preview.get()));
        QVERIFY2(preview->state() == RoomPreview::Known ||
                     preview->state() == RoomPreview::PartiallyKnown,
                 qPrintable(preview->statusText()));
        QCOMPARE(preview->name(), QStringLiteral("Secret plans"));
        QCOMPARE(preview->membership(), int(Membership::Invite));
    }

    void previewUnknownAlias()
    {
        auto app = signIn(m_bob);
        std::unique_ptr<RoomPreview> preview(app->createPreview(nullptr));
        const QString alias =
            QStringLiteral("#%1-no-such-room:%2").arg(m_tag, m_server.serverName());
        preview->load(alias);
        QVERIFY(previewDone(preview.get()));
        QCOMPARE(preview->state(), RoomPreview::Unknown);
        QVERIFY(preview->roomId().isEmpty());
        QCOMPARE(preview->statusText(), QStringLiteral("No room has the address %1.").arg(alias));
    }

    void knockAcceptedBecomesInvite()
    {
        QString alias;
        const QString id = createKnockRoom(QStringLiteral("accept"), &alias);
        QVERIFY(!id.isEmpty());
        auto app = signIn(m_bob);
        std::unique_ptr<RoomPreview> preview(app->createPreview(nullptr));
        preview->load(alias);
        QVERIFY(previewDone(preview.get()));
        QCOMPARE(preview->state(), RoomPreview::Known);
        QCOMPARE(int(preview->joinRule()), int(JoinRule::Knock));
        QVERIFY(preview->canKnock());

        Operation *knock = app->membership()->knock(alias, {}, QStringLiteral("let me in"));
        QVERIFY(QTest::qWaitFor([knock] { return knock->isFinished(); }, 30000));
        QCOMPARE(knock->state(), Operation::Succeeded);
        QCOMPARE(knock->resultRoomId(), id);
        QCOMPARE(m_server.membershipOf(m_admin, id, m_bob.userId), QStringLiteral("knock"));
        // Listed as a pending request, in the Requested section, named from the knock state.
        QTRY_COMPARE_WITH_TIMEOUT(membershipInStore(app.get(), id), int(Membership::Knock), 30000);
        QTRY_COMPARE_WITH_TIMEOUT(sectionInList(app.get(), id), int(RoomSection::Requested), 10000);
        QCOMPARE(app->store()->find(id)->displayName(), QStringLiteral("Knock accept"));
        QCOMPARE(app->roomModel()->requestedCount(), 1);

        // Accepted: the owner invites bob; the room moves to Invites.
        QVERIFY(m_server.invite(m_owner, id, m_bob.userId));
        QTRY_COMPARE_WITH_TIMEOUT(membershipInStore(app.get(), id), int(Membership::Invite), 30000);
        QTRY_COMPARE_WITH_TIMEOUT(sectionInList(app.get(), id), int(RoomSection::Invites), 10000);
        QCOMPARE(app->roomModel()->requestedCount(), 0);
    }

    void knockDeniedSaysSoInHistory()
    {
        QString alias;
        const QString id = createKnockRoom(QStringLiteral("deny"), &alias);
        QVERIFY(!id.isEmpty());
        auto app = signIn(m_bob);
        Operation *knock = app->membership()->knock(id, {m_server.serverName()});
        QVERIFY(QTest::qWaitFor([knock] { return knock->isFinished(); }, 30000));
        QCOMPARE(knock->state(), Operation::Succeeded);
        QTRY_COMPARE_WITH_TIMEOUT(membershipInStore(app.get(), id), int(Membership::Knock), 30000);

        // Denied: the owner kicks the knocker.
        QVERIFY(m_server.kick(m_owner, id, m_bob.userId, QStringLiteral("not today")));
        QTRY_COMPARE_WITH_TIMEOUT(membershipInStore(app.get(), id), int(Membership::Leave), 30000);
        RoomHistoryModel *history = app->history();
        history->setRoomId(id);
        auto lastText = [history] {
            const int n = history->rowCount();
            return n == 0 ? QString()
                          : history->data(history->index(n - 1), RoomHistoryModel::TextRole)
                                .toString();
        };
        QTRY_COMPARE_WITH_TIMEOUT(
            lastText(), QStringLiteral("Knock rejected by %1: not today").arg(m_owner.userId),
            30000);
    }

    void knockWithdrawnIsLeft()
    {
        QString alias;
        const QString id = createKnockRoom(QStringLiteral("withdraw"), &alias);
        QVERIFY(!id.isEmpty());
        auto app = signIn(m_bob);
        Operation *knock = app->membership()->knock(alias);
        QVERIFY(QTest::qWaitFor([knock] { return knock->isFinished(); }, 30000));
        QCOMPARE(knock->state(), Operation::Succeeded);
        QTRY_COMPARE_WITH_TIMEOUT(membershipInStore(app.get(), id), int(Membership::Knock), 30000);
        // A second knock is refused before anything is sent.
        Operation *again = app->membership()->knock(id);
        QVERIFY(QTest::qWaitFor([again] { return again->isFinished(); }, 5000));
        QCOMPARE(again->state(), Operation::Failed);
        QCOMPARE(again->error().kind, MatrixError::InvalidInput);

        Operation *leave = app->membership()->leave(id);
        QVERIFY(QTest::qWaitFor([leave] { return leave->isFinished(); }, 30000));
        QCOMPARE(leave->state(), Operation::Succeeded);
        QCOMPARE(m_server.membershipOf(m_admin, id, m_bob.userId), QStringLiteral("leave"));
        QTRY_COMPARE_WITH_TIMEOUT(membershipInStore(app.get(), id), int(Membership::Leave), 30000);
        QTRY_COMPARE_WITH_TIMEOUT(sectionInList(app.get(), id), int(RoomSection::Left), 10000);
    }

    void knockOnPublicRoomShowsServerError()
    {
        auto app = signIn(m_bob);
        Operation *knock = app->membership()->knock(m_public.at(0));
        QVERIFY(QTest::qWaitFor([knock] { return knock->isFinished(); }, 30000));
        QCOMPARE(knock->state(), Operation::Failed);
        QCOMPARE(knock->error().kind, MatrixError::Server);
        QCOMPARE(knock->error().httpStatus, 403);
        QVERIFY(!knock->error().message.isEmpty());
    }

    void cliDirectoryPreviewKnock()
    {
        // directory --json: every page (12 rooms), as JSON.
        Run run = cli({QStringLiteral("directory"), QStringLiteral("--search"), m_tag,
                       QStringLiteral("--json")},
                      m_bob.accessToken);
        QCOMPARE(run.exitCode, 0);
        const QJsonObject listing = QJsonDocument::fromJson(run.out).object();
        QCOMPARE(listing.value(QStringLiteral("ok")).toBool(), true);
        QCOMPARE(listing.value(QStringLiteral("rooms")).toArray().size(), 12);
        QCOMPARE(listing.value(QStringLiteral("rooms"))
                     .toArray()
                     .at(0)
                     .toObject()
                     .value(QStringLiteral("join_rule")),
                 QJsonValue(QStringLiteral("public")));

        // The unreachable server: its own exit status (3) and message.
        run = cli({QStringLiteral("directory"), QStringLiteral("--server"),
                   QStringLiteral("unreachable.invalid")},
                  m_bob.accessToken);
        QCOMPARE(run.exitCode, 3);
        QVERIFY2(run.err.contains("unreachable.invalid"), run.err.constData());

        // preview --json of a public room, and of an unknown alias (exit status 1).
        run = cli({QStringLiteral("preview"),
                   QStringLiteral("#%1-pub-5:%2").arg(m_tag, m_server.serverName()),
                   QStringLiteral("--json")},
                  m_bob.accessToken);
        QCOMPARE(run.exitCode, 0);
        QJsonObject preview = QJsonDocument::fromJson(run.out).object();
        QCOMPARE(preview.value(QStringLiteral("state")).toString(), QStringLiteral("known"));
        QCOMPARE(preview.value(QStringLiteral("room_id")).toString(), m_public.at(4));
        run = cli({QStringLiteral("preview"),
                   QStringLiteral("#%1-missing:%2").arg(m_tag, m_server.serverName())},
                  m_bob.accessToken);
        QCOMPARE(run.exitCode, 1);
        QVERIFY2(run.err.contains("No room has the address"), run.err.constData());

        // knock: on the server as a knock with the reason; invalid input sends nothing (2).
        QString alias;
        const QString id = createKnockRoom(QStringLiteral("cli"), &alias);
        run = cli({QStringLiteral("knock"), alias, QStringLiteral("--reason"),
                   QStringLiteral("from a script")},
                  m_bob.accessToken);
        QCOMPARE(run.exitCode, 0);
        QVERIFY2(run.out.contains(id.toUtf8()), run.out.constData());
        const QJsonObject member = m_server.memberEvent(m_admin, id, m_bob.userId)
                                       .value(QStringLiteral("content"))
                                       .toObject();
        QCOMPARE(member.value(QStringLiteral("membership")).toString(), QStringLiteral("knock"));
        QCOMPARE(member.value(QStringLiteral("reason")).toString(),
                 QStringLiteral("from a script"));
        run = cli({QStringLiteral("knock"), QStringLiteral("not-a-room")}, m_bob.accessToken);
        QCOMPARE(run.exitCode, 2);
    }
};

QTEST_MAIN(TestDirectorySynapse)
#include "tst_directory_synapse.moc"
