// concierge-cli end to end: exit codes, output formats, terminal-safe output, and the token never
// appearing in anything the program prints, even with every debug category enabled. Against the
// real Synapse, and against an in-process FakeHomeserver for what Synapse won't do on demand
// (expire a session mid-command, lose answers, redirect, fail and recover).
#include "api/identifiers.h"
#include "api/safetext.h"
#include "fakehomeserver.h"
#include "synapsefixture.h"

#include <QElapsedTimer>
#include <QJsonArray>
#include <QJsonDocument>
#include <QProcess>
#include <QRegularExpression>
#include <QSignalSpy>
#include <QTcpServer>
#include <QTcpSocket>
#include <QtTest>

namespace {
// A TCP listener that never answers and counts who connected: the homeserver for commands that
// must send nothing.
class ConnectionCounter : public QTcpServer
{
public:
    ConnectionCounter() { listen(QHostAddress::LocalHost, 0); }
    QString url() const { return QStringLiteral("http://127.0.0.1:%1").arg(serverPort()); }
    // Connections so far, including any still waiting in the listen queue.
    int connections()
    {
        while (waitForNewConnection(0)) {
        }
        return m_count;
    }

protected:
    void incomingConnection(qintptr descriptor) override
    {
        ++m_count;
        auto *socket = new QTcpSocket(this); // kept open: a client that connected would hang
        socket->setSocketDescriptor(descriptor);
    }

private:
    int m_count = 0;
};

// A port nothing listens on.
quint16 closedPort()
{
    QTcpServer server;
    server.listen(QHostAddress::LocalHost, 0);
    const quint16 port = server.serverPort();
    server.close();
    return port;
}

// Raw UTF-8 sequences that must never reach a terminal: ESC, BEL, C1 CSI, RLO, LRI, LINE
// SEPARATOR, ALM.
const QList<QByteArray> RawControls{"\x1b",         "\x07",         "\xc2\x9b", "\xe2\x80\xae",
                                    "\xe2\x81\xa6", "\xe2\x80\xa8", "\xd8\x9c"};

QByteArray firstRawControl(const QByteArray &output)
{
    for (const QByteArray &raw : RawControls)
        if (output.contains(raw))
            return raw.toHex();
    return {};
}

const QString FakeToken = QStringLiteral("fake_token_never_printed_4711");
const QString FakeRoom = QStringLiteral("!room:localhost");
const QString FakeUser = QStringLiteral("@fake:localhost");
} // namespace

class TestCliSynapse : public QObject
{
    Q_OBJECT

    struct Run
    {
        int exitCode = -1;
        QByteArray out;
        QByteArray err;
        qint64 elapsedMs = 0;
    };

    SynapseFixture m_server;
    SynapseFixture::User m_admin, m_alice, m_bob;
    QByteArrayList m_allOutput;

    // Runs concierge-cli with the event loop running (so in-process fake servers answer). A run
    // that does not end within a minute fails the test.
    Run cli(const QStringList &args, const QString &token, const QByteArray &stdinData = {},
            const QString &homeserver = {}, const QList<std::pair<QString, QString>> &env = {})
    {
        QProcess p;
        QProcessEnvironment e = QProcessEnvironment::systemEnvironment();
        e.insert(QStringLiteral("CONCIERGE_HOMESERVER"),
                 homeserver.isEmpty() ? m_server.baseUrl().toString() : homeserver);
        e.remove(QStringLiteral("CONCIERGE_ACCESS_TOKEN"));
        if (stdinData.isEmpty() && !token.isEmpty())
            e.insert(QStringLiteral("CONCIERGE_ACCESS_TOKEN"), token);
        e.insert(QStringLiteral("QT_LOGGING_RULES"), QStringLiteral("*.debug=true"));
        for (const auto &[name, value] : env)
            e.insert(name, value);
        p.setProcessEnvironment(e);
        QSignalSpy finished(&p, &QProcess::finished);
        QElapsedTimer timer;
        timer.start();
        p.start(QStringLiteral(CONCIERGE_CLI_PATH), args);
        if (!stdinData.isEmpty())
            p.write(stdinData);
        p.closeWriteChannel();
        Run run;
        if (!finished.wait(60000)) {
            p.kill();
            p.waitForFinished(5000);
            QTest::qFail("concierge-cli did not finish within 60 s", __FILE__, __LINE__);
            return run;
        }
        run.elapsedMs = timer.elapsed();
        run.exitCode = p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -2;
        run.out = p.readAllStandardOutput();
        run.err = p.readAllStandardError();
        m_allOutput << run.out << run.err;
        return run;
    }

    // A homeserver that signs FakeUser in with FakeToken; the test scripts what comes next.
    static void signInScript(FakeHomeserver &fake)
    {
        fake.script("/_matrix/client/versions",
                    {FakeHomeserver::Reply(200, R"({"versions":["v1.11"]})")});
        fake.script(
            "/_matrix/client/v3/account/whoami",
            {FakeHomeserver::Reply(200, R"({"user_id":"@fake:localhost","device_id":"DEV"})")});
    }
    static QByteArray roomPath(const QString &roomId, const QByteArray &rest)
    {
        return "/_matrix/client/v3/rooms/" + Identifiers::encodePathSegment(roomId) + rest;
    }
    static int countOf(const QList<FakeHomeserver::Request> &requests, const QByteArray &method)
    {
        return int(
            std::count_if(requests.begin(), requests.end(),
                          [&](const FakeHomeserver::Request &r) { return r.method == method; }));
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
        QVERIFY(h.out.contains("--forget"));
    }

    void loginFromEnvAndStdin()
    {
        const Run env = cli({QStringLiteral("login")}, m_alice.accessToken);
        QVERIFY2(env.exitCode == 0, env.err.constData());
        QVERIFY2(env.out.contains(m_alice.userId.toUtf8()), env.out.constData());
        const Run in = cli(
            {QStringLiteral("login"), QStringLiteral("--token-stdin"), QStringLiteral("--json")},
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
        QVERIFY2(r.err.contains("rejected the access token"), r.err.constData());
        QVERIFY(!r.err.contains("syt_wrong_token_123"));
    }

    void usageErrorsSendNothing()
    {
        QCOMPARE(cli({QStringLiteral("frobnicate")}, m_alice.accessToken).exitCode, 2);
        QCOMPARE(cli({QStringLiteral("join")}, m_alice.accessToken).exitCode, 2);
        const Run bad =
            cli({QStringLiteral("invite"), QStringLiteral("!x:localhost"), QStringLiteral("bob")},
                m_alice.accessToken);
        QCOMPARE(bad.exitCode, 2);
        QVERIFY(bad.err.contains("'@'"));
    }

    // Defects 1 and 2 of issue 9: every argument is checked before any request, so exit status
    // 2 means nothing was sent, even when the homeserver cannot be reached.
    void argumentsAreCheckedBeforeAnythingIsSent_data()
    {
        QTest::addColumn<QStringList>("args");
        QTest::addColumn<QString>("message");
        const QString room = QStringLiteral("!r:localhost");
        QTest::newRow("join not an alias")
            << QStringList{"join", "notanalias"} << "starts with '#'";
        QTest::newRow("join bad server")
            << QStringList{"join", "#a:bad_server!"} << "not a valid server name";
        QTest::newRow("join 4 via")
            << QStringList{"join", "#a:b", "--via", "a", "--via", "b", "--via", "c", "--via", "d"}
            << "At most 3 servers to join through";
        QTest::newRow("join bad via")
            << QStringList{"join", "#a:b", "--via", "bad server"} << "Server to join through";
        QTest::newRow("join reason too long")
            << QStringList{"join", "#a:b", "--reason", QString(1025, QLatin1Char('x'))}
            << "reason is too long";
        QTest::newRow("join --forget")
            << QStringList{"join", "#a:b", "--forget"} << "--forget only applies to leave";
        QTest::newRow("join two arguments")
            << QStringList{"join", "#a:b", "#c:d"} << "takes 1 argument";
        QTest::newRow("leave alias") << QStringList{"leave", "#a:b"} << "starts with '!'";
        QTest::newRow("leave not an id") << QStringList{"leave", "general"} << "starts with '!'";
        QTest::newRow("leave --via")
            << QStringList{"leave", room, "--via", "localhost"} << "--via only applies to join";
        QTest::newRow("leave no argument") << QStringList{"leave"} << "takes 1 argument";
        QTest::newRow("invite bad user") << QStringList{"invite", room, "bob"} << "'@'";
        QTest::newRow("invite bad room")
            << QStringList{"invite", "room", "@bob:localhost"} << "starts with '!'";
        QTest::newRow("invite one argument") << QStringList{"invite", room} << "takes 2 argument";
        QTest::newRow("invite --via") << QStringList{"invite", room, "@bob:localhost", "--via", "x"}
                                      << "--via only applies to join";
        QTest::newRow("forget bad id") << QStringList{"forget", "!"} << "empty after '!'";
        QTest::newRow("forget --reason")
            << QStringList{"forget", room, "--reason", "x"} << "--reason does not apply";
        QTest::newRow("forget --via")
            << QStringList{"forget", room, "--via", "x"} << "--via only applies to join";
        QTest::newRow("forget two arguments")
            << QStringList{"forget", room, room} << "takes 1 argument";
        QTest::newRow("rooms argument") << QStringList{"rooms", "extra"} << "takes 0 argument";
        QTest::newRow("rooms bad membership")
            << QStringList{"rooms", "--membership", "banned"} << "--membership must be";
        QTest::newRow("login --via")
            << QStringList{"login", "--via", "x"} << "--via only applies to join";
        QTest::newRow("membership on join")
            << QStringList{"join", "#a:b", "--membership", "join"} << "--membership only applies";
        QTest::newRow("two reasons")
            << QStringList{"leave", room, "--reason", "a", "--reason", "b"} << "only once";
        QTest::newRow("unknown option")
            << QStringList{"leave", room, "--frobnicate"} << "Unknown option";
        QTest::newRow("option without value")
            << QStringList{"join", "#a:b", "--via"} << "Missing value";
        QTest::newRow("unknown command") << QStringList{"frobnicate"} << "unknown command";
        QTest::newRow("no command") << QStringList{} << "no command";
    }
    void argumentsAreCheckedBeforeAnythingIsSent()
    {
        QFETCH(QStringList, args);
        QFETCH(QString, message);
        ConnectionCounter listener;
        QVERIFY(listener.isListening());
        const Run r = cli(args, m_alice.accessToken, {}, listener.url());
        QCOMPARE(r.exitCode, 2);
        QVERIFY2(r.err.contains(message.toUtf8()), r.err.constData());
        QCOMPARE(listener.connections(), 0);

        // The same against a homeserver that cannot be reached: still 2, not 3.
        const QString unreachable = QStringLiteral("http://127.0.0.1:%1").arg(closedPort());
        QCOMPARE(cli(args, m_alice.accessToken, {}, unreachable).exitCode, 2);

        // --json says so too, on stdout.
        const Run json = cli(QStringList{QStringLiteral("--json")} + args, m_alice.accessToken, {},
                             listener.url());
        QCOMPARE(json.exitCode, 2);
        const QJsonObject obj = QJsonDocument::fromJson(json.out).object();
        QCOMPARE(obj.value(QLatin1String("ok")).toBool(true), false);
        QCOMPARE(obj.value(QLatin1String("outcome")).toString(), QStringLiteral("not_sent"));
        QCOMPARE(listener.connections(), 0);
    }

    void missingTokenOrHomeserverSendsNothing()
    {
        ConnectionCounter listener;
        // Settings of its own: no session saved by the app or by login --password to fall back on.
        QTemporaryDir config;
        QVERIFY(config.isValid());
        const Run noToken =
            cli({QStringLiteral("join"), QStringLiteral("#a:localhost")}, {}, {}, listener.url(),
                {{QStringLiteral("XDG_CONFIG_HOME"), config.path()}});
        QCOMPARE(noToken.exitCode, 2);
        QVERIFY2(noToken.err.contains("no access token"), noToken.err.constData());
        const Run badHomeserver =
            cli({QStringLiteral("login")}, m_alice.accessToken, {},
                QStringLiteral("ftp://127.0.0.1:%1").arg(listener.serverPort()));
        QCOMPARE(badHomeserver.exitCode, 2);
        QCOMPARE(listener.connections(), 0);

        // The listener does see a command that is sent (it never answers: the deadline ends it).
        const Run sent =
            cli({QStringLiteral("login")}, m_alice.accessToken, {}, listener.url(),
                {{QStringLiteral("CONCIERGE_TEST_DEADLINE_MS"), QStringLiteral("300")}});
        QCOMPARE(sent.exitCode, 3);
        QCOMPARE(listener.connections(), 1);
    }

    // Defect 7: a homeserver address with a user name or password is refused, and neither is
    // repeated anywhere.
    void credentialsInTheHomeserverAreRefusedAndNeverEchoed_data()
    {
        QTest::addColumn<QString>("address");
        QTest::addColumn<bool>("fromEnvironment");
        const QString hostPort = QStringLiteral("127.0.0.1:%1").arg(closedPort());
        QTest::newRow("option") << QStringLiteral("http://alicecreds:s3cretpw@%1").arg(hostPort)
                                << false;
        QTest::newRow("environment")
            << QStringLiteral("http://alicecreds:s3cretpw@%1").arg(hostPort) << true;
        QTest::newRow("user only") << QStringLiteral("https://alicecreds@example.org") << false;
        QTest::newRow("with path")
            << QStringLiteral("http://alicecreds:s3cretpw@%1/matrix").arg(hostPort) << false;
        QTest::newRow("no scheme")
            << QStringLiteral("alicecreds:s3cretpw@%1").arg(hostPort) << false;
        QTest::newRow("no scheme, environment")
            << QStringLiteral("alicecreds:s3cretpw@example.org") << true;
    }
    void credentialsInTheHomeserverAreRefusedAndNeverEchoed()
    {
        QFETCH(QString, address);
        QFETCH(bool, fromEnvironment);
        ConnectionCounter listener;
        // Credentials in front of a listening server: nothing may connect to it either.
        address.replace(QRegularExpression(QStringLiteral("127\\.0\\.0\\.1:\\d+")),
                        QStringLiteral("127.0.0.1:%1").arg(listener.serverPort()));
        for (const bool json : {false, true}) {
            QStringList args{QStringLiteral("login")};
            if (json)
                args << QStringLiteral("--json");
            if (!fromEnvironment)
                args << QStringLiteral("--homeserver") << address;
            const Run r = cli(args, m_alice.accessToken, {},
                              fromEnvironment ? address : QStringLiteral("http://127.0.0.1:1"));
            QCOMPARE(r.exitCode, 2);
            QVERIFY2(r.err.contains("must not contain a user name or password"), r.err.constData());
            for (const QByteArray &output : {r.out, r.err}) {
                QVERIFY2(!output.contains("alicecreds"), output.constData());
                QVERIFY2(!output.contains("s3cretpw"), output.constData());
            }
        }
        QCOMPARE(listener.connections(), 0);
    }

    void membershipRoundTrip()
    {
        const QString roomId = m_server.createRoom(
            m_bob,
            {{QStringLiteral("preset"), QStringLiteral("public_chat")},
             {QStringLiteral("name"), QStringLiteral("CLI room")},
             // Synapse's public_chat preset needs power 50 to invite; let members invite.
             {QStringLiteral("power_level_content_override"),
              QJsonObject{{QStringLiteral("invite"), 0}}},
             {QStringLiteral("room_alias_name"), QStringLiteral("cli-%1").arg(m_bob.localpart)}});
        const QString alias =
            QStringLiteral("#cli-%1:%2").arg(m_bob.localpart, m_server.serverName());

        const Run join = cli({QStringLiteral("join"), alias, QStringLiteral("--via"),
                              m_server.serverName(), QStringLiteral("--json")},
                             m_alice.accessToken);
        QVERIFY2(join.exitCode == 0, join.err.constData());
        QCOMPARE(
            QJsonDocument::fromJson(join.out).object().value(QLatin1String("room_id")).toString(),
            roomId);
        QVERIFY(m_server.joinedRooms(m_admin, m_alice.userId).contains(roomId));

        const Run rooms =
            cli({QStringLiteral("rooms"), QStringLiteral("--json")}, m_alice.accessToken);
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
        const Run invite = cli({QStringLiteral("invite"), roomId, carol.userId,
                                QStringLiteral("--reason"), QStringLiteral("welcome")},
                               m_alice.accessToken);
        QVERIFY2(invite.exitCode == 0, invite.err.constData());
        QCOMPARE(m_server.membershipOf(m_admin, roomId, carol.userId), QStringLiteral("invite"));

        const Run forgetJoined =
            cli({QStringLiteral("forget"), roomId, QStringLiteral("--json")}, m_alice.accessToken);
        QCOMPARE(forgetJoined.exitCode, 1);
        const QJsonObject failure = QJsonDocument::fromJson(forgetJoined.out).object();
        QCOMPARE(failure.value(QLatin1String("ok")).toBool(true), false);
        QCOMPARE(failure.value(QLatin1String("http_status")).toInt(), 400);
        QCOMPARE(failure.value(QLatin1String("outcome")).toString(), QStringLiteral("failed"));
        QVERIFY(!failure.value(QLatin1String("errcode")).toString().isEmpty());

        const Run leave = cli(
            {QStringLiteral("leave"), roomId, QStringLiteral("--reason"), QStringLiteral("done")},
            m_alice.accessToken);
        QVERIFY2(leave.exitCode == 0, leave.err.constData());
        QCOMPARE(m_server.membershipOf(m_admin, roomId, m_alice.userId), QStringLiteral("leave"));

        const Run left =
            cli({QStringLiteral("rooms"), QStringLiteral("--membership"), QStringLiteral("leave")},
                m_alice.accessToken);
        QVERIFY2(left.exitCode == 0, left.err.constData());
        QVERIFY2(left.out.contains(roomId.toUtf8()), left.out.constData());

        QCOMPARE(cli({QStringLiteral("forget"), roomId}, m_alice.accessToken).exitCode, 0);
        const Run after =
            cli({QStringLiteral("rooms"), QStringLiteral("--json")}, m_alice.accessToken);
        QVERIFY2(after.exitCode == 0, after.err.constData());
        QVERIFY(!after.out.contains(roomId.toUtf8()));

        // leave --forget: one operation, the room is left and gone from the list.
        const Run rejoin = cli({QStringLiteral("join"), roomId}, m_alice.accessToken);
        QVERIFY2(rejoin.exitCode == 0, rejoin.err.constData());
        QCOMPARE(m_server.membershipOf(m_admin, roomId, m_alice.userId), QStringLiteral("join"));
        const Run leaveForget = cli(
            {QStringLiteral("leave"), roomId, QStringLiteral("--forget"), QStringLiteral("--json")},
            m_alice.accessToken);
        QVERIFY2(leaveForget.exitCode == 0, leaveForget.err.constData());
        const QJsonObject done = QJsonDocument::fromJson(leaveForget.out).object();
        QCOMPARE(done.value(QLatin1String("room_id")).toString(), roomId);
        QCOMPARE(done.value(QLatin1String("forgotten")).toBool(), true);
        QCOMPARE(m_server.membershipOf(m_admin, roomId, m_alice.userId), QStringLiteral("leave"));
        const Run gone =
            cli({QStringLiteral("rooms"), QStringLiteral("--json")}, m_alice.accessToken);
        QVERIFY2(gone.exitCode == 0, gone.err.constData());
        QVERIFY2(!gone.out.contains(roomId.toUtf8()), gone.out.constData());
        const Run goneText =
            cli({QStringLiteral("leave"), roomId, QStringLiteral("--forget")}, m_bob.accessToken);
        QVERIFY2(goneText.exitCode == 0, goneText.err.constData());
        QVERIFY2(goneText.out.contains("Left and forgot"), goneText.out.constData());
    }

    void unknownAliasReportsServerError()
    {
        const Run r = cli({QStringLiteral("join"), QStringLiteral("#no-such-room-here:localhost")},
                          m_alice.accessToken);
        QCOMPARE(r.exitCode, 1);
        QVERIFY2(r.err.contains("M_NOT_FOUND"), r.err.constData());
        QCOMPARE(r.err.count("HTTP 404"), 1);
    }

    // Defect 3: Synapse echoes the alias into its error message; whatever it contains reaches
    // the terminal escaped, and the JSON carries it unchanged.
    void serverErrorTextIsTerminalSafe()
    {
        const QString alias =
            QStringLiteral("#x\x1b[2J\x1b]0;pwned\x07\u202Eevil\u009b31m\u2066:localhost");
        const Run r = cli({QStringLiteral("join"), alias}, m_alice.accessToken);
        QCOMPARE(r.exitCode, 1);
        QVERIFY2(r.err.contains("M_NOT_FOUND"), r.err.constData());
        QVERIFY2(firstRawControl(r.err).isEmpty(), firstRawControl(r.err).constData());
        QVERIFY2(r.err.contains("#x\\x1b[2J\\x1b]0;pwned\\x07\\u202eevil\\x9b31m\\u2066:localhost"),
                 r.err.constData());

        const Run json =
            cli({QStringLiteral("join"), alias, QStringLiteral("--json")}, m_alice.accessToken);
        QCOMPARE(json.exitCode, 1);
        QVERIFY2(firstRawControl(json.out).isEmpty(), firstRawControl(json.out).constData());
        QJsonParseError error{};
        const QJsonObject obj = QJsonDocument::fromJson(json.out, &error).object();
        QCOMPARE(error.error, QJsonParseError::NoError);
        QCOMPARE(obj.value(QLatin1String("errcode")).toString(), QStringLiteral("M_NOT_FOUND"));
        QVERIFY2(obj.value(QLatin1String("error")).toString().contains(alias),
                 json.out.constData());
    }

    // Defects 3 and 4: a room whose name and topic carry escape sequences, bidi controls and
    // line separators is listed on one line, without them, in text and JSON.
    void hostileRoomTextIsTerminalSafe()
    {
        const SynapseFixture::User dave = m_server.registerUser(QStringLiteral("clidave"));
        const QString name = QStringLiteral(
            "n\x1b[2J\x1b]0;pwned\x07\u009b31m\u202Egnp.exe\u2028hidden\u061C\u2066tail\u2069");
        const QString topic =
            QStringLiteral("topic\u2029second\u200Bline \U0001F469\u200D\U0001F4BB");
        const QString roomId =
            m_server.createRoom(dave, {{QStringLiteral("name"), name},
                                       {QStringLiteral("topic"), topic},
                                       {QStringLiteral("room_alias_name"),
                                        QStringLiteral("pay\u202Elap-%1").arg(dave.localpart)}});
        QVERIFY(!roomId.isEmpty());
        const QString shownName = QStringLiteral("n[2J]0;pwned31mgnp.exe hiddentail");
        const QString shownTopic = QStringLiteral("topic secondline \U0001F469\u200D\U0001F4BB");
        QCOMPARE(SafeText::forDisplay(name), shownName);

        const Run text = cli({QStringLiteral("rooms")}, dave.accessToken);
        QVERIFY2(text.exitCode == 0, text.err.constData());
        QVERIFY2(firstRawControl(text.out).isEmpty(), firstRawControl(text.out).constData());
        QVERIFY2(text.out.contains(shownName.toUtf8()), text.out.constData());

        const Run json = cli({QStringLiteral("rooms"), QStringLiteral("--json")}, dave.accessToken);
        QVERIFY2(json.exitCode == 0, json.err.constData());
        QVERIFY2(firstRawControl(json.out).isEmpty(), firstRawControl(json.out).constData());
        const QJsonArray rooms =
            QJsonDocument::fromJson(json.out).object().value(QLatin1String("rooms")).toArray();
        QCOMPARE(rooms.size(), 1);
        const QJsonObject room = rooms.first().toObject();
        QCOMPARE(room.value(QLatin1String("room_id")).toString(), roomId);
        QCOMPARE(room.value(QLatin1String("name")).toString(), shownName);
        QCOMPARE(room.value(QLatin1String("topic")).toString(), shownTopic);
        // The alias carries a bidi override: an identifier is not cleaned into another one.
        QVERIFY(room.value(QLatin1String("canonical_alias")).isNull());
    }

    // Defect 6: the session ends during a command (soft logout, or the token revoked): exit 3
    // at once, saying so, instead of waiting for a sign-in that cannot come.
    void sessionEndingMidCommandExitsThree_data()
    {
        QTest::addColumn<QString>("command");
        QTest::addColumn<bool>("softLogout");
        QTest::addColumn<QString>("message");
        QTest::newRow("leave, soft logout") << "leave" << true << "session has expired";
        QTest::newRow("leave, hard logout") << "leave" << false << "rejected the access token";
        QTest::newRow("rooms, soft logout") << "rooms" << true << "session has expired";
        QTest::newRow("rooms, hard logout") << "rooms" << false << "rejected the access token";
    }
    void sessionEndingMidCommandExitsThree()
    {
        QFETCH(QString, command);
        QFETCH(bool, softLogout);
        QFETCH(QString, message);
        FakeHomeserver fake;
        signInScript(fake);
        const QByteArray expired =
            softLogout
                ? R"({"errcode":"M_UNKNOWN_TOKEN","error":"Access token has expired","soft_logout":true})"
                : R"({"errcode":"M_UNKNOWN_TOKEN","error":"Invalid access token passed."})";
        fake.script(roomPath(FakeRoom, "/leave"), {FakeHomeserver::Reply(401, expired)});
        fake.script("/_matrix/client/v3/sync", {FakeHomeserver::Reply(401, expired)});
        QStringList args{command};
        if (command == QLatin1String("leave"))
            args << FakeRoom;
        const Run r = cli(args, FakeToken, {}, fake.baseUrl().toString());
        QCOMPARE(r.exitCode, 3);
        QVERIFY2(r.elapsedMs < 10000, QByteArray::number(r.elapsedMs).constData());
        QVERIFY2(r.err.contains(message.toUtf8()), r.err.constData());
        QVERIFY2(r.err.contains("M_UNKNOWN_TOKEN"), r.err.constData());
        // Sent once: a rejected token is not retried.
        if (command == QLatin1String("leave"))
            QCOMPARE(countOf(fake.requestsTo(roomPath(FakeRoom, "/leave")), "POST"), 1);

        const Run json = cli(args + QStringList{QStringLiteral("--json")}, FakeToken, {},
                             fake.baseUrl().toString());
        QCOMPARE(json.exitCode, 3);
        const QJsonObject obj = QJsonDocument::fromJson(json.out).object();
        QCOMPARE(obj.value(QLatin1String("http_status")).toInt(), 401);
        QCOMPARE(obj.value(QLatin1String("errcode")).toString(), QStringLiteral("M_UNKNOWN_TOKEN"));
        QCOMPARE(obj.value(QLatin1String("outcome")).toString(), QStringLiteral("failed"));
    }

    // Defect 13 (second half): an error names its HTTP status once.
    void redirectedDiscoveryNamesItsStatusOnce()
    {
        FakeHomeserver fake;
        FakeHomeserver::Reply moved(301, "");
        moved.headers = {{"Location", "http://127.0.0.1:1/_matrix/client/versions"}};
        fake.script("/_matrix/client/versions", {moved});
        const Run r = cli({QStringLiteral("login")}, FakeToken, {}, fake.baseUrl().toString());
        QCOMPARE(r.exitCode, 3);
        QVERIFY2(r.err.contains("301"), r.err.constData());
        QCOMPARE(r.err.count("HTTP 301"), 1);
        QVERIFY(fake.requestsTo("/_matrix/client/v3/account/whoami").isEmpty());
        const Run json = cli({QStringLiteral("login"), QStringLiteral("--json")}, FakeToken, {},
                             fake.baseUrl().toString());
        QCOMPARE(json.exitCode, 3);
        const QString error =
            QJsonDocument::fromJson(json.out).object().value(QLatin1String("error")).toString();
        QCOMPARE(error.count(QStringLiteral("HTTP 301")), 1);

        // A refused membership action, too.
        FakeHomeserver refusing;
        signInScript(refusing);
        refusing.script(
            roomPath(FakeRoom, "/leave"),
            {FakeHomeserver::Reply(
                403, R"x({"errcode":"M_FORBIDDEN","error":"Not in room (HTTP 403)"})x")});
        const Run refused =
            cli({QStringLiteral("leave"), FakeRoom}, FakeToken, {}, refusing.baseUrl().toString());
        QCOMPARE(refused.exitCode, 1);
        QCOMPARE(refused.err.count("HTTP 403"), 1);
    }

    // Defect 15: retries are visible on stderr, and a timed-out or dropped attempt leaves no Qt
    // warning behind.
    void retriesAreAnnounced()
    {
        FakeHomeserver fake;
        signInScript(fake);
        fake.script(roomPath(FakeRoom, "/leave"),
                    {FakeHomeserver::Reply(503, R"({"errcode":"M_UNKNOWN","error":"Restarting"})"),
                     FakeHomeserver::Reply::stall(), FakeHomeserver::Reply::hangUp(),
                     FakeHomeserver::Reply(200, "{}")});
        const Run r =
            cli({QStringLiteral("leave"), FakeRoom}, FakeToken, {}, fake.baseUrl().toString(),
                {{QStringLiteral("CONCIERGE_TEST_DEADLINE_MS"), QStringLiteral("500")}});
        QVERIFY2(r.exitCode == 0, r.err.constData());
        QCOMPARE(countOf(fake.requestsTo(roomPath(FakeRoom, "/leave")), "POST"), 4);
        QVERIFY2(r.out.contains("Left !room:localhost"), r.out.constData());
        const QByteArray announcement =
            "concierge-cli: Leaving !room:localhost: waiting for the server, trying again in";
        QCOMPARE(r.err.count(announcement), 3);
        QVERIFY2(r.err.contains("Restarting (HTTP 503)"), r.err.constData());
        QVERIFY2(!r.err.contains("device not open"), r.err.constData());
        QVERIFY2(!r.err.contains("QIODevice"), r.err.constData());
    }

    // Defect 14: every attempt's answer is lost and the membership cannot be checked: the CLI
    // says "outcome unknown" with its own exit status instead of claiming a failure.
    void lostAnswersEndInOutcomeUnknown()
    {
        FakeHomeserver fake;
        signInScript(fake);
        fake.script(roomPath(FakeRoom, "/leave"), {FakeHomeserver::Reply::stall()});
        fake.script(
            roomPath(FakeRoom, "/state/"),
            {FakeHomeserver::Reply(500, R"({"errcode":"M_UNKNOWN","error":"Database busy"})")});
        const QList<std::pair<QString, QString>> fast{
            {QStringLiteral("CONCIERGE_TEST_DEADLINE_MS"), QStringLiteral("300")}};
        const Run r = cli({QStringLiteral("leave"), FakeRoom}, FakeToken, {},
                          fake.baseUrl().toString(), fast);
        QCOMPARE(r.exitCode, 4);
        QVERIFY2(r.err.contains("outcome unknown"), r.err.constData());
        QVERIFY2(r.err.contains("trying again in"), r.err.constData());
        QVERIFY2(!r.err.contains("device not open"), r.err.constData());
        QVERIFY(countOf(fake.requestsTo(roomPath(FakeRoom, "/leave")), "POST") > 1);
        // It did ask.
        QVERIFY(countOf(fake.requestsTo(roomPath(FakeRoom, "/state/m.room.member/")), "GET") >= 1);

        const Run json = cli({QStringLiteral("leave"), FakeRoom, QStringLiteral("--json")},
                             FakeToken, {}, fake.baseUrl().toString(), fast);
        QCOMPARE(json.exitCode, 4);
        const QJsonObject obj = QJsonDocument::fromJson(json.out).object();
        QCOMPARE(obj.value(QLatin1String("ok")).toBool(true), false);
        QCOMPARE(obj.value(QLatin1String("outcome")).toString(), QStringLiteral("unknown"));
        QCOMPARE(obj.value(QLatin1String("command")).toString(), QStringLiteral("leave"));

        // When the check can answer, it is the answer: the leave happened.
        FakeHomeserver applied;
        signInScript(applied);
        applied.script(roomPath(FakeRoom, "/leave"), {FakeHomeserver::Reply::stall()});
        applied.script(roomPath(FakeRoom, "/state/"),
                       {FakeHomeserver::Reply(200, R"({"membership":"leave"})")});
        const Run confirmed = cli({QStringLiteral("leave"), FakeRoom}, FakeToken, {},
                                  applied.baseUrl().toString(), fast);
        QVERIFY2(confirmed.exitCode == 0, confirmed.err.constData());
    }

    void cleanupTestCase()
    {
        QVERIFY(m_allOutput.size() > 10);
        for (const QByteArray &output : std::as_const(m_allOutput)) {
            for (const auto *user : {&m_admin, &m_alice, &m_bob})
                QVERIFY2(!output.contains(user->accessToken.toUtf8()),
                         "an access token appeared in concierge-cli output");
            QVERIFY2(!output.contains(FakeToken.toUtf8()),
                     "an access token appeared in concierge-cli output");
        }
    }
};

QTEST_MAIN(TestCliSynapse)
#include "tst_cli_synapse.moc"
