// concierge-cli end to end against the real Synapse: exit codes, output formats, and the token
// never appearing in anything the program prints, even with every debug category enabled.
#include "synapsefixture.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QProcess>
#include <QtTest>

class TestCliSynapse : public QObject
{
    Q_OBJECT

    struct Run
    {
        int exitCode = -1;
        QByteArray out;
        QByteArray err;
    };

    SynapseFixture m_server;
    SynapseFixture::User m_admin, m_alice, m_bob;
    QByteArrayList m_allOutput;

    Run cli(const QStringList &args, const QString &token, const QByteArray &stdinData = {})
    {
        QProcess p;
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert(QStringLiteral("CONCIERGE_HOMESERVER"), m_server.baseUrl().toString());
        if (stdinData.isEmpty())
            env.insert(QStringLiteral("CONCIERGE_ACCESS_TOKEN"), token);
        env.insert(QStringLiteral("QT_LOGGING_RULES"), QStringLiteral("*.debug=true"));
        p.setProcessEnvironment(env);
        p.start(QStringLiteral(CONCIERGE_CLI_PATH), args);
        if (!stdinData.isEmpty())
            p.write(stdinData);
        p.closeWriteChannel();
        Run run;
        if (!p.waitForFinished(60000))
            return run;
        run.exitCode = p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -2;
        run.out = p.readAllStandardOutput();
        run.err = p.readAllStandardError();
        m_allOutput << run.out << run.err;
        return run;
    }

private slots:
    void initTestCase()
    {
        QString error;
        QVERIFY2(m_server.load(&error), qPrintable(error));
        m_admin = m_server.registerUser(QStringLiteral("cliadmin"), true);
        m_alice = m_server.registerUser(QStringLiteral("clialice"));
        m_bob = m_server.registerUser(QStringLiteral("clibob"));
        QVERIFY(!m_alice.accessToken.isEmpty() && !m_bob.accessToken.isEmpty());
    }

    void versionAndHelp()
    {
        const Run v = cli({QStringLiteral("--version")}, {});
        QVERIFY2(v.exitCode == 0, v.err.constData());
        QVERIFY(v.out.startsWith("concierge-cli "));
        const Run h = cli({QStringLiteral("--help")}, {});
        QVERIFY2(h.exitCode == 0, h.err.constData());
        QVERIFY(h.out.contains("invite <!room-id> <@user:server>"));
    }

    void loginFromEnvAndStdin()
    {
        const Run env = cli({QStringLiteral("login")}, m_alice.accessToken);
        QVERIFY2(env.exitCode == 0, env.err.constData());
        QVERIFY2(env.out.contains(m_alice.userId.toUtf8()), env.out.constData());
        const Run in = cli({QStringLiteral("login"), QStringLiteral("--token-stdin"),
                            QStringLiteral("--json")},
                           {}, m_alice.accessToken.toUtf8() + "\n");
        QVERIFY2(in.exitCode == 0, in.err.constData());
        const QJsonObject obj = QJsonDocument::fromJson(in.out).object();
        QCOMPARE(obj.value(QLatin1String("user_id")).toString(), m_alice.userId);
        QCOMPARE(obj.value(QLatin1String("ok")).toBool(), true);
    }

    void badTokenExitsWithConnectionCode()
    {
        const Run r = cli({QStringLiteral("rooms")}, QStringLiteral("syt_wrong_token_123"));
        QCOMPARE(r.exitCode, 3);
        QVERIFY2(r.err.contains("M_UNKNOWN_TOKEN"), r.err.constData());
        QVERIFY(!r.err.contains("syt_wrong_token_123"));
    }

    void usageErrorsSendNothing()
    {
        QCOMPARE(cli({QStringLiteral("frobnicate")}, m_alice.accessToken).exitCode, 2);
        QCOMPARE(cli({QStringLiteral("join")}, m_alice.accessToken).exitCode, 2);
        const Run bad = cli({QStringLiteral("invite"), QStringLiteral("!x:localhost"),
                             QStringLiteral("bob")},
                            m_alice.accessToken);
        QCOMPARE(bad.exitCode, 2);
        QVERIFY(bad.err.contains("'@'"));
    }

    void membershipRoundTrip()
    {
        const QString roomId = m_server.createRoom(
            m_bob, {{QStringLiteral("preset"), QStringLiteral("public_chat")},
                    {QStringLiteral("name"), QStringLiteral("CLI room")},
                    // Synapse's public_chat preset needs power 50 to invite; let members invite.
                    {QStringLiteral("power_level_content_override"), QJsonObject{{QStringLiteral("invite"), 0}}},
                    {QStringLiteral("room_alias_name"), QStringLiteral("cli-%1").arg(m_bob.localpart)}});
        const QString alias = QStringLiteral("#cli-%1:%2").arg(m_bob.localpart, m_server.serverName());

        const Run join = cli({QStringLiteral("join"), alias, QStringLiteral("--via"),
                              m_server.serverName(), QStringLiteral("--json")},
                             m_alice.accessToken);
        QVERIFY2(join.exitCode == 0, join.err.constData());
        QCOMPARE(QJsonDocument::fromJson(join.out).object().value(QLatin1String("room_id")).toString(),
                 roomId);
        QVERIFY(m_server.joinedRooms(m_admin, m_alice.userId).contains(roomId));

        const Run rooms = cli({QStringLiteral("rooms"), QStringLiteral("--json")}, m_alice.accessToken);
        QVERIFY2(rooms.exitCode == 0, rooms.err.constData());
        const QJsonObject doc = QJsonDocument::fromJson(rooms.out).object();
        QCOMPARE(doc.value(QLatin1String("user_id")).toString(), m_alice.userId);
        QJsonObject entry;
        for (const QJsonValue &v : doc.value(QLatin1String("rooms")).toArray())
            if (v.toObject().value(QLatin1String("room_id")).toString() == roomId)
                entry = v.toObject();
        QCOMPARE(entry.value(QLatin1String("membership")).toString(), QStringLiteral("join"));
        QCOMPARE(entry.value(QLatin1String("name")).toString(), QStringLiteral("CLI room"));
        QCOMPARE(entry.value(QLatin1String("canonical_alias")).toString(), alias);
        QCOMPARE(entry.value(QLatin1String("joined_member_count")).toInt(), 2);

        const SynapseFixture::User carol = m_server.registerUser(QStringLiteral("clicarol"));
        const Run invite = cli({QStringLiteral("invite"), roomId, carol.userId, QStringLiteral("--reason"),
                                QStringLiteral("welcome")},
                               m_alice.accessToken);
        QVERIFY2(invite.exitCode == 0, invite.err.constData());
        QCOMPARE(m_server.membershipOf(m_admin, roomId, carol.userId), QStringLiteral("invite"));

        const Run forgetJoined = cli({QStringLiteral("forget"), roomId, QStringLiteral("--json")},
                                     m_alice.accessToken);
        QCOMPARE(forgetJoined.exitCode, 1);
        const QJsonObject failure = QJsonDocument::fromJson(forgetJoined.out).object();
        QCOMPARE(failure.value(QLatin1String("ok")).toBool(true), false);
        QCOMPARE(failure.value(QLatin1String("http_status")).toInt(), 400);
        QVERIFY(!failure.value(QLatin1String("errcode")).toString().isEmpty());

        const Run leave = cli({QStringLiteral("leave"), roomId, QStringLiteral("--reason"),
                               QStringLiteral("done")},
                              m_alice.accessToken);
        QVERIFY2(leave.exitCode == 0, leave.err.constData());
        QCOMPARE(m_server.membershipOf(m_admin, roomId, m_alice.userId), QStringLiteral("leave"));

        const Run left = cli({QStringLiteral("rooms"), QStringLiteral("--membership"),
                              QStringLiteral("leave")},
                             m_alice.accessToken);
        QVERIFY2(left.exitCode == 0, left.err.constData());
        QVERIFY2(left.out.contains(roomId.toUtf8()), left.out.constData());

        QCOMPARE(cli({QStringLiteral("forget"), roomId}, m_alice.accessToken).exitCode, 0);
        const Run after = cli({QStringLiteral("rooms"), QStringLiteral("--json")}, m_alice.accessToken);
        QVERIFY(!after.out.contains(roomId.toUtf8()));
    }

    void unknownAliasReportsServerError()
    {
        const Run r = cli({QStringLiteral("join"), QStringLiteral("#no-such-room-here:localhost")},
                          m_alice.accessToken);
        QCOMPARE(r.exitCode, 1);
        QVERIFY2(r.err.contains("M_NOT_FOUND"), r.err.constData());
    }

    void cleanupTestCase()
    {
        QVERIFY(m_allOutput.size() > 10);
        for (const QByteArray &output : std::as_const(m_allOutput))
            for (const auto *user : {&m_admin, &m_alice, &m_bob})
                QVERIFY2(!output.contains(user->accessToken.toUtf8()),
                         "an access token appeared in concierge-cli output");
    }
};

QTEST_MAIN(TestCliSynapse)
#include "tst_cli_synapse.moc"
