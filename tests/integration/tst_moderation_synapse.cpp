// Members and moderation (issue 12) against a real Synapse: kick, ban and unban through
// MembershipService as the app does and through concierge-cli as scripts do; what the server
// holds afterwards (each member's membership and the reason in their member event) is read
// through its admin API, never through Concierge's own code.

#include "actions/membershipservice.h"
#include "appservices.h"
#include "clirun.h"
#include "synapsefixture.h"
#include "sync/roomstore.h"

#include <QJsonDocument>
#include <QProcess>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QUuid>
#include <QtTest>

#include <memory>

namespace {
bool finishes(Operation *operation)
{
    return operation && QTest::qWaitFor([operation] { return operation->isFinished(); }, 30000);
}
} // namespace

class TestModerationSynapse : public QObject
{
    Q_OBJECT

    SynapseFixture m_server;
    // owner: creates the rooms (power 100); bob: a member without power (0); the rest are
    // moderated.
    SynapseFixture::User m_admin, m_owner, m_bob, m_carol, m_dave, m_erin, m_frank, m_gina;
    QString m_tag;
    QTemporaryDir m_storeDir;

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

    // A room of the owner's with the given members joined (invited, then joined).
    QString roomWith(const QString &label, const QList<SynapseFixture::User> &members,
                     QJsonObject options = {})
    {
        options.insert(QStringLiteral("name"), QStringLiteral("%1 %2").arg(m_tag, label));
        if (!options.contains(QStringLiteral("preset")))
            options.insert(QStringLiteral("preset"), QStringLiteral("private_chat"));
        const QString id = m_server.createRoom(m_owner, options);
        if (id.isEmpty())
            return {};
        for (const SynapseFixture::User &member : members) {
            if (!m_server.invite(m_owner, id, member.userId) || !m_server.join(member, id))
                return {};
        }
        return id;
    }

    QString membership(const QString &roomId, const SynapseFixture::User &user)
    {
        return m_server.membershipOf(m_admin, roomId, user.userId);
    }
    QJsonObject memberContent(const QString &roomId, const SynapseFixture::User &user)
    {
        return m_server.memberEvent(m_admin, roomId, user.userId)
            .value(QLatin1String("content"))
            .toObject();
    }
    QString senderOf(const QString &roomId, const SynapseFixture::User &user)
    {
        return m_server.memberEvent(m_admin, roomId, user.userId)
            .value(QLatin1String("sender"))
            .toString();
    }

    using Run = CliRun;
    Run cli(const QStringList &args, const QString &token)
    {
        return runCli(cliEnvironment(m_server.baseUrl(), token, m_storeDir.path()), args);
    }

    // POST /knock/{roomId} as user (the knocker's own client).
    bool knock(const SynapseFixture::User &user, const QString &roomId)
    {
        const SynapseFixture::Response r =
            m_server.request("POST", "/_matrix/client/v3/knock/" + SynapseFixture::seg(roomId),
                             user.accessToken, {{QStringLiteral("reason"), QStringLiteral("hi")}});
        return r.status == 200;
    }

private slots:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QVERIFY(m_storeDir.isValid());
        QString error;
        QVERIFY2(m_server.load(&error), qPrintable(error));
        m_admin = m_server.registerUser(QStringLiteral("admin"), true);
        m_owner = m_server.registerUser(QStringLiteral("owner"), false, QStringLiteral("Owner"));
        m_bob = m_server.registerUser(QStringLiteral("bob"), false, QStringLiteral("Bob"));
        m_carol = m_server.registerUser(QStringLiteral("carol"), false, QStringLiteral("Carol"));
        m_dave = m_server.registerUser(QStringLiteral("dave"), false, QStringLiteral("Dave"));
        m_erin = m_server.registerUser(QStringLiteral("erin"));
        m_frank = m_server.registerUser(QStringLiteral("frank"), false, QStringLiteral("Frank"));
        m_gina = m_server.registerUser(QStringLiteral("gina"));
        for (const auto *u :
             {&m_admin, &m_owner, &m_bob, &m_carol, &m_dave, &m_erin, &m_frank, &m_gina})
            QVERIFY2(!u->accessToken.isEmpty(), "registration failed");
        m_tag = QStringLiteral("mod") + QUuid::createUuid().toString(QUuid::Id128).left(8);
    }

    // Kick, ban and unban with reasons, as the members page does: the server holds each member's
    // new membership, the reason and who did it. Two members of one room are moderated back to
    // back (the second sent while the first is on its way).
    void kickBanUnbanWithReasons()
    {
        const QString room = roomWith(QStringLiteral("moderated"), {m_bob, m_carol, m_dave});
        QVERIFY(!room.isEmpty());
        auto app = signIn(m_owner);
        MembershipService *service = app->membership();

        Operation *kick = service->kick(room, m_carol.userId, QStringLiteral("off topic"));
        Operation *ban = service->ban(room, m_dave.userId, QStringLiteral("spam links"));
        // Someone who was never in the room can be banned too (pre-emptively).
        Operation *banErin = service->ban(room, m_erin.userId, QStringLiteral("known spammer"));
        QVERIFY(finishes(kick));
        QVERIFY(finishes(ban));
        QVERIFY(finishes(banErin));
        for (Operation *op : {kick, ban, banErin})
            QVERIFY2(op->state() == Operation::Succeeded, qPrintable(op->statusText()));
        QVERIFY2(kick->statusText().startsWith(QLatin1String("Kicked ") + m_carol.userId),
                 qPrintable(kick->statusText()));

        QCOMPARE(membership(room, m_carol), QStringLiteral("leave"));
        QCOMPARE(memberContent(room, m_carol).value(QLatin1String("reason")).toString(),
                 QStringLiteral("off topic"));
        QCOMPARE(senderOf(room, m_carol), m_owner.userId); // kicked, not left by herself
        QCOMPARE(membership(room, m_dave), QStringLiteral("ban"));
        QCOMPARE(memberContent(room, m_dave).value(QLatin1String("reason")).toString(),
                 QStringLiteral("spam links"));
        QCOMPARE(membership(room, m_erin), QStringLiteral("ban"));
        QCOMPARE(memberContent(room, m_erin).value(QLatin1String("reason")).toString(),
                 QStringLiteral("known spammer"));
        // A banned user cannot come back; a kicked one can (after an invite, in this room).
        QVERIFY(!m_server.join(m_dave, room));
        QCOMPARE(membership(room, m_bob), QStringLiteral("join")); // untouched

        Operation *unban = service->unban(room, m_dave.userId, QStringLiteral("appeal upheld"));
        QVERIFY(finishes(unban));
        QVERIFY2(unban->state() == Operation::Succeeded, qPrintable(unban->statusText()));
        QCOMPARE(membership(room, m_dave), QStringLiteral("leave"));
        QCOMPARE(memberContent(room, m_dave).value(QLatin1String("reason")).toString(),
                 QStringLiteral("appeal upheld"));
        QCOMPARE(senderOf(room, m_dave), m_owner.userId);
        QVERIFY(m_server.invite(m_owner, room, m_dave.userId));
        QVERIFY(m_server.join(m_dave, room)); // free to come back
    }

    // Without the power to do it, the CLI still sends the request if forced, and reports the
    // server's refusal exactly: exit status 1 and M_FORBIDDEN; the server state is unchanged.
    void withoutPowerTheServerRefuses()
    {
        const QString room = roomWith(QStringLiteral("nopower"), {m_bob, m_carol});
        QVERIFY(!room.isEmpty());
        for (const QString &command : {QStringLiteral("kick"), QStringLiteral("ban")}) {
            const Run run = cli({command, room, m_carol.userId, QStringLiteral("--reason"),
                                 QStringLiteral("forced")},
                                m_bob.accessToken);
            QCOMPARE(run.exitCode, 1);
            QVERIFY2(run.err.contains("M_FORBIDDEN"), run.err.constData());
            QVERIFY(run.out.isEmpty());
            const Run json =
                cli({command, room, m_carol.userId, QStringLiteral("--json")}, m_bob.accessToken);
            QCOMPARE(json.exitCode, 1);
            const QJsonObject result = QJsonDocument::fromJson(json.out).object();
            QCOMPARE(result.value(QLatin1String("ok")).toBool(true), false);
            QCOMPARE(result.value(QLatin1String("command")).toString(), command);
            QCOMPARE(result.value(QLatin1String("errcode")).toString(),
                     QStringLiteral("M_FORBIDDEN"));
            QCOMPARE(result.value(QLatin1String("http_status")).toInt(), 403);
        }
        QCOMPARE(membership(room, m_carol), QStringLiteral("join"));
        QCOMPARE(senderOf(room, m_carol), m_carol.userId); // her own join is the latest event

        // The same through the CLI by the owner: done, with the reason.
        const Run dry =
            cli({QStringLiteral("ban"), room, m_carol.userId, QStringLiteral("--reason"),
                 QStringLiteral("spam"), QStringLiteral("--dry-run")},
                m_owner.accessToken);
        QCOMPARE(dry.exitCode, 0);
        QVERIFY2(
            dry.out.contains("POST /_matrix/client/v3/rooms/" + SynapseFixture::seg(room) + "/ban"),
            dry.out.constData());
        QCOMPARE(membership(room, m_carol), QStringLiteral("join")); // nothing was sent
        const Run ban =
            cli({QStringLiteral("ban"), room, m_carol.userId, QStringLiteral("--reason"),
                 QStringLiteral("spam"), QStringLiteral("--json")},
                m_owner.accessToken);
        QCOMPARE(ban.exitCode, 0);
        const QJsonObject result = QJsonDocument::fromJson(ban.out).object();
        QCOMPARE(result.value(QLatin1String("ok")).toBool(), true);
        QCOMPARE(result.value(QLatin1String("user_id")).toString(), m_carol.userId);
        QCOMPARE(membership(room, m_carol), QStringLiteral("ban"));
        QCOMPARE(memberContent(room, m_carol).value(QLatin1String("reason")).toString(),
                 QStringLiteral("spam"));
        // And bob still cannot lift it.
        const Run unban = cli({QStringLiteral("unban"), room, m_carol.userId}, m_bob.accessToken);
        QCOMPARE(unban.exitCode, 1);
        QVERIFY2(unban.err.contains("M_FORBIDDEN"), unban.err.constData());
        QCOMPARE(membership(room, m_carol), QStringLiteral("ban"));
    }

    // Requests to join a knock room (room version 10): accepting one is an invite, denying one a
    // kick (with its reason in the knocker's member event).
    void acceptAndDenyAKnock()
    {
        const QString room = roomWith(
            QStringLiteral("knock"), {},
            {{QStringLiteral("room_version"), QStringLiteral("10")},
             {QStringLiteral("initial_state"),
              QJsonArray{QJsonObject{
                  {QStringLiteral("type"), QStringLiteral("m.room.join_rules")},
                  {QStringLiteral("state_key"), QString()},
                  {QStringLiteral("content"),
                   QJsonObject{{QStringLiteral("join_rule"), QStringLiteral("knock")}}}}}}});
        QVERIFY(!room.isEmpty());
        QVERIFY(knock(m_frank, room));
        QVERIFY(knock(m_gina, room));
        QCOMPARE(membership(room, m_frank), QStringLiteral("knock"));
        QCOMPARE(membership(room, m_gina), QStringLiteral("knock"));

        auto app = signIn(m_owner);
        Operation *accept = app->membership()->invite(room, m_frank.userId);
        Operation *deny = app->membership()->kick(room, m_gina.userId, QStringLiteral("not now"));
        QVERIFY(finishes(accept));
        QVERIFY(finishes(deny));
        QVERIFY2(accept->state() == Operation::Succeeded, qPrintable(accept->statusText()));
        QVERIFY2(deny->state() == Operation::Succeeded, qPrintable(deny->statusText()));
        QCOMPARE(membership(room, m_frank), QStringLiteral("invite"));
        QCOMPARE(membership(room, m_gina), QStringLiteral("leave"));
        QCOMPARE(memberContent(room, m_gina).value(QLatin1String("reason")).toString(),
                 QStringLiteral("not now"));
        QCOMPARE(senderOf(room, m_gina), m_owner.userId);
        QVERIFY(m_server.join(m_frank, room)); // the accepted one can now join
    }

    // members --json: every member with the right membership and power level (and the reason of
    // a ban); --membership filters; who left is listed only when asked for.
    void membersJsonShowsMembershipsAndLevels()
    {
        const QString room = roomWith(
            QStringLiteral("members"), {m_bob, m_carol},
            {{QStringLiteral("room_version"), QStringLiteral("10")},
             {QStringLiteral("power_level_content_override"),
              QJsonObject{{QStringLiteral("users"),
                           QJsonObject{{m_owner.userId, 100}, {m_carol.userId, 50}}}}},
             {QStringLiteral("initial_state"),
              QJsonArray{QJsonObject{
                  {QStringLiteral("type"), QStringLiteral("m.room.join_rules")},
                  {QStringLiteral("state_key"), QString()},
                  {QStringLiteral("content"),
                   QJsonObject{{QStringLiteral("join_rule"), QStringLiteral("knock")}}}}}}});
        QVERIFY(!room.isEmpty());
        // A display name with terminal escape sequences (a title change, colours).
        const SynapseFixture::User evil = m_server.registerUser(
            QStringLiteral("evil"), false, QStringLiteral("\x1b]0;pwned\x07\x1b[31mEvil"));
        QVERIFY(!evil.accessToken.isEmpty());
        QVERIFY(m_server.invite(m_owner, room, evil.userId));
        QVERIFY(m_server.join(evil, room));
        QVERIFY(m_server.invite(m_owner, room, m_dave.userId)); // invited
        QVERIFY(knock(m_frank, room));                          // asks to join
        QVERIFY(m_server.invite(m_owner, room, m_gina.userId)); // joins, then leaves
        QVERIFY(m_server.join(m_gina, room));
        QVERIFY(m_server.leave(m_gina, room));
        const Run banned = cli({QStringLiteral("ban"), room, m_erin.userId,
                                QStringLiteral("--reason"), QStringLiteral("spam")},
                               m_owner.accessToken);
        QCOMPARE(banned.exitCode, 0);

        const Run run =
            cli({QStringLiteral("members"), room, QStringLiteral("--json")}, m_bob.accessToken);
        QVERIFY2(run.exitCode == 0, run.err.constData());
        const QJsonObject result = QJsonDocument::fromJson(run.out).object();
        QCOMPARE(result.value(QLatin1String("ok")).toBool(), true);
        QCOMPARE(result.value(QLatin1String("room_id")).toString(), room);
        QCOMPARE(
            result.value(QLatin1String("levels")).toObject().value(QLatin1String("ban")).toInt(),
            50);
        QHash<QString, QJsonObject> byUser;
        QStringList order;
        for (const QJsonValue &v : result.value(QLatin1String("members")).toArray()) {
            const QJsonObject m = v.toObject();
            byUser.insert(m.value(QLatin1String("user_id")).toString(), m);
            order << m.value(QLatin1String("user_id")).toString();
        }
        auto check = [&](const SynapseFixture::User &u, const char *membershipName, int level) {
            const QJsonObject m = byUser.value(u.userId);
            QCOMPARE(m.value(QLatin1String("membership")).toString(),
                     QLatin1String(membershipName));
            QCOMPARE(m.value(QLatin1String("power_level")).toInt(-1), level);
        };
        QCOMPARE(byUser.size(), 7);         // gina left: not listed
        QVERIFY(!run.out.contains('\x1b')); // escaped for the terminal, even in JSON
        QVERIFY(byUser.value(evil.userId)
                    .value(QLatin1String("display_name"))
                    .toString()
                    .endsWith(QLatin1String("Evil")));
        check(m_owner, "join", 100);
        check(m_carol, "join", 50);
        check(m_bob, "join", 0);
        check(m_dave, "invite", 0);
        check(m_frank, "knock", 0);
        check(m_erin, "ban", 0);
        QCOMPARE(byUser.value(m_owner.userId).value(QLatin1String("display_name")).toString(),
                 QStringLiteral("Owner"));
        QCOMPARE(byUser.value(m_erin.userId).value(QLatin1String("reason")).toString(),
                 QStringLiteral("spam"));
        // Joined first, highest level first.
        QCOMPARE(order.first(), m_owner.userId);
        QCOMPARE(order.at(1), m_carol.userId);
        QCOMPARE(order.last(), m_erin.userId);

        const Run bannedOnly = cli({QStringLiteral("members"), room, QStringLiteral("--json"),
                                    QStringLiteral("--membership"), QStringLiteral("ban")},
                                   m_bob.accessToken);
        QCOMPARE(bannedOnly.exitCode, 0);
        const QJsonArray onlyBan = QJsonDocument::fromJson(bannedOnly.out)
                                       .object()
                                       .value(QLatin1String("members"))
                                       .toArray();
        QCOMPARE(onlyBan.size(), 1);
        QCOMPARE(onlyBan.first().toObject().value(QLatin1String("user_id")).toString(),
                 m_erin.userId);
        const Run left = cli({QStringLiteral("members"), room, QStringLiteral("--json"),
                              QStringLiteral("--membership"), QStringLiteral("leave")},
                             m_bob.accessToken);
        QCOMPARE(left.exitCode, 0);
        const QJsonArray onlyLeft =
            QJsonDocument::fromJson(left.out).object().value(QLatin1String("members")).toArray();
        QCOMPARE(onlyLeft.size(), 1);
        QCOMPARE(onlyLeft.first().toObject().value(QLatin1String("user_id")).toString(),
                 m_gina.userId);

        // The plain form: one line per member, the level named.
        const Run text = cli({QStringLiteral("members"), room}, m_bob.accessToken);
        QCOMPARE(text.exitCode, 0);
        const QList<QByteArray> lines = text.out.trimmed().split('\n');
        QCOMPARE(lines.size(), 7);
        QVERIFY(!text.out.contains('\x1b') && !text.out.contains('\x07'));
        QVERIFY2(lines.first().startsWith(m_owner.userId.toUtf8()), lines.first().constData());
        QVERIFY2(lines.first().contains("join") && lines.first().contains("100"),
                 lines.first().constData());

        // Someone who was never in the room is told so by the server.
        const SynapseFixture::User stranger = m_server.registerUser(QStringLiteral("stranger"));
        QVERIFY(!stranger.accessToken.isEmpty());
        const Run outsider = cli({QStringLiteral("members"), room}, stranger.accessToken);
        QCOMPARE(outsider.exitCode, 1);
        QVERIFY2(outsider.err.contains("M_FORBIDDEN"), outsider.err.constData());
    }

    // Invite triage from the command line: invites grouped by inviter; all of one inviter's
    // invites declined and the inviter ignored (their next invite never shows), the others
    // untouched; un-ignoring; blocking invites (the inviter gets M_INVITE_BLOCKED).
    void triageFromTheCommandLine()
    {
        const SynapseFixture::User me = m_server.registerUser(QStringLiteral("triaged"));
        QVERIFY(!me.accessToken.isEmpty());
        auto invitedRoom = [&](const SynapseFixture::User &from, const QString &label) {
            const QString id = m_server.createRoom(
                from, {{QStringLiteral("name"), QStringLiteral("%1 %2").arg(m_tag, label)},
                       {QStringLiteral("preset"), QStringLiteral("private_chat")}});
            if (id.isEmpty() || !m_server.invite(from, id, me.userId))
                return QString();
            return id;
        };
        const QString fromCarol1 = invitedRoom(m_carol, QStringLiteral("c1"));
        const QString fromCarol2 = invitedRoom(m_carol, QStringLiteral("c2"));
        const QString fromDave = invitedRoom(m_dave, QStringLiteral("d1"));
        const QString fromFrank = invitedRoom(m_frank, QStringLiteral("f1"));
        for (const QString &id : {fromCarol1, fromCarol2, fromDave, fromFrank})
            QVERIFY(!id.isEmpty());

        const Run invites = cli(
            {QStringLiteral("invites"), QStringLiteral("--by-inviter"), QStringLiteral("--json")},
            me.accessToken);
        QVERIFY2(invites.exitCode == 0, invites.err.constData());
        const QJsonArray groups =
            QJsonDocument::fromJson(invites.out).object().value(QLatin1String("groups")).toArray();
        QCOMPARE(groups.size(), 3);
        const QJsonObject largest = groups.first().toObject();
        QCOMPARE(largest.value(QLatin1String("inviter")).toString(), m_carol.userId);
        QCOMPARE(largest.value(QLatin1String("count")).toInt(), 2);
        QCOMPARE(largest.value(QLatin1String("shares_no_room")).toBool(), true);

        const Run decline =
            cli({QStringLiteral("decline"), QStringLiteral("--from"), m_carol.userId,
                 QStringLiteral("--ignore"), QStringLiteral("--json")},
                me.accessToken);
        QVERIFY2(decline.exitCode == 0, decline.err.constData());
        QVERIFY2(decline.out.contains(R"("type":"ignored")"), decline.out.constData());
        QCOMPARE(m_server.membershipOf(m_admin, fromCarol1, me.userId), QStringLiteral("leave"));
        QCOMPARE(m_server.membershipOf(m_admin, fromCarol2, me.userId), QStringLiteral("leave"));
        QCOMPARE(m_server.membershipOf(m_admin, fromDave, me.userId), QStringLiteral("invite"));
        QCOMPARE(m_server.membershipOf(m_admin, fromFrank, me.userId), QStringLiteral("invite"));
        const SynapseFixture::Response ignored =
            m_server.request("GET",
                             "/_matrix/client/v3/user/" + SynapseFixture::seg(me.userId) +
                                 "/account_data/m.ignored_user_list",
                             me.accessToken);
        QCOMPARE(ignored.status, 200);
        QVERIFY(
            ignored.body.value(QLatin1String("ignored_users")).toObject().contains(m_carol.userId));

        // Carol's next invite reaches the server but never shows.
        const QString fromCarol3 = invitedRoom(m_carol, QStringLiteral("c3"));
        QVERIFY(!fromCarol3.isEmpty());
        const Run after =
            cli({QStringLiteral("invites"), QStringLiteral("--json")}, me.accessToken);
        QCOMPARE(after.exitCode, 0);
        QStringList inviters;
        for (const QJsonValue &g :
             QJsonDocument::fromJson(after.out).object().value(QLatin1String("groups")).toArray())
            inviters << g.toObject().value(QLatin1String("inviter")).toString();
        inviters.sort();
        QStringList expected{m_dave.userId, m_frank.userId};
        expected.sort();
        QCOMPARE(inviters, expected);

        const Run list = cli({QStringLiteral("ignored")}, me.accessToken);
        QCOMPARE(list.exitCode, 0);
        QVERIFY2(list.out.contains(m_carol.userId.toUtf8()), list.out.constData());
        QCOMPARE(cli({QStringLiteral("unignore"), m_carol.userId}, me.accessToken).exitCode, 0);
        const SynapseFixture::Response unignored =
            m_server.request("GET",
                             "/_matrix/client/v3/user/" + SynapseFixture::seg(me.userId) +
                                 "/account_data/m.ignored_user_list",
                             me.accessToken);
        QVERIFY(!unignored.body.value(QLatin1String("ignored_users"))
                     .toObject()
                     .contains(m_carol.userId));

        // Blocking invites: the inviter is refused with M_INVITE_BLOCKED.
        QCOMPARE(
            cli({QStringLiteral("block-invites"), QStringLiteral("on")}, me.accessToken).exitCode,
            0);
        const Run status = cli(
            {QStringLiteral("block-invites"), QStringLiteral("status"), QStringLiteral("--json")},
            me.accessToken);
        QCOMPARE(status.exitCode, 0);
        QCOMPARE(QJsonDocument::fromJson(status.out)
                     .object()
                     .value(QLatin1String("invites_blocked"))
                     .toBool(),
                 true);
        const QString blockedRoom = m_server.createRoom(
            m_dave, {{QStringLiteral("preset"), QStringLiteral("private_chat")}});
        QVERIFY(!blockedRoom.isEmpty());
        const SynapseFixture::Response refused = m_server.request(
            "POST", "/_matrix/client/v3/rooms/" + SynapseFixture::seg(blockedRoom) + "/invite",
            m_dave.accessToken, {{QStringLiteral("user_id"), me.userId}});
        QCOMPARE(refused.status, 403);
        QCOMPARE(refused.body.value(QLatin1String("errcode")).toString(),
                 QStringLiteral("M_INVITE_BLOCKED"));
        QCOMPARE(
            cli({QStringLiteral("block-invites"), QStringLiteral("off")}, me.accessToken).exitCode,
            0);
        QVERIFY(m_server.invite(m_dave, blockedRoom, me.userId));
    }

    // Invalid input is refused before signing in: nothing reaches the server.
    void invalidInputIsRefusedBeforeSigningIn()
    {
        const QList<QStringList> bad{
            {QStringLiteral("kick"), QStringLiteral("#alias:localhost"), m_carol.userId},
            {QStringLiteral("ban"), QStringLiteral("!r:localhost"), QStringLiteral("carol")},
            {QStringLiteral("unban"), QStringLiteral("!r:localhost")},
            {QStringLiteral("members"), QStringLiteral("general")},
            {QStringLiteral("members"), QStringLiteral("!r:localhost"),
             QStringLiteral("--membership"), QStringLiteral("left")},
            {QStringLiteral("kick"), QStringLiteral("!r:localhost"), m_carol.userId,
             QStringLiteral("--reason"), QString(1025, QLatin1Char('x'))},
            {QStringLiteral("decline")},
            {QStringLiteral("decline"), QStringLiteral("--from"), QStringLiteral("carol")},
            {QStringLiteral("ignore"), QStringLiteral("not-a-user")},
            {QStringLiteral("block-invites"), QStringLiteral("maybe")},
            {QStringLiteral("invites"), QStringLiteral("--by-inviter"),
             QStringLiteral("--by-server")}};
        const int before = int(m_server.accessLog(m_bob.userId).size());
        QVERIFY(before > 0); // the log is read: bob's earlier commands are in it
        for (const QStringList &args : bad) {
            const Run run = cli(args, m_bob.accessToken);
            QVERIFY2(run.exitCode == 2, qPrintable(args.join(QLatin1Char(' '))));
        }
        QCOMPARE(int(m_server.accessLog(m_bob.userId).size()),
                 before); // no request, not even whoami
    }
};

QTEST_GUILESS_MAIN(TestModerationSynapse)
#include "tst_moderation_synapse.moc"
