#include "cli.h"

#include "actions/membershipservice.h"
#include "api/apiclient.h"
#include "api/endpoints.h"
#include "api/matrixerror.h"
#include "api/safetext.h"
#include "appservices.h"
#include "sync/roomstore.h"
#include "sync/syncengine.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QTextStream>
#include <algorithm>

namespace {
QTextStream &out()
{
    static QTextStream stream(stdout);
    return stream;
}
QTextStream &err()
{
    static QTextStream stream(stderr);
    return stream;
}
// Anything a server (or a user's input echoed back) wrote, as it may reach a terminal.
QString safe(const QString &text)
{
    return SafeText::forTerminal(text);
}

// Test-only: CONCIERGE_TEST_DEADLINE_MS=N caps the deadline of every request at N ms and every
// pause before a membership retry at N ms, so that tests of lost answers and retries against a
// fake homeserver finish in seconds (tests/integration/tst_cli_synapse.cpp sets it). Not meant
// for users and not in --help: without it the endpoints' own deadlines and the bounded retry
// budget (about 15 s) apply.
constexpr const char TestDeadlineVariable[] = "CONCIERGE_TEST_DEADLINE_MS";

QString usage()
{
    return Cli::tr(R"(Commands:
  login                              Verify the access token and print who you are.
  rooms [--membership join|invite|leave]
                                     List your joined rooms, invites and left rooms.
  join <#alias:server|!id:server> [--via SERVER]... [--reason TEXT]
                                     Join a room (at most 3 --via servers).
  leave <!room-id> [--reason TEXT] [--forget]
                                     Leave a room, or decline an invite; --forget also forgets it.
  invite <!room-id> <@user:server> [--reason TEXT]
  forget <!room-id>                  Forget a room you have left.

The homeserver comes from --homeserver or CONCIERGE_HOMESERVER; the access token from
CONCIERGE_ACCESS_TOKEN or, with --token-stdin, the first line of standard input. The token is
never printed.

Exit status: 0 success, 1 the server refused (errcode and message on stderr), 2 invalid usage or
input (nothing was sent), 3 the homeserver could not be reached or the session was rejected or
expired, 4 no answer came and whether the action happened could not be found out.)");
}

// What the JSON of a failure says happened: nothing was sent (2), the action did not happen
// (1, 3), or it may have (4).
QString outcomeName(int exitCode)
{
    switch (exitCode) {
    case Cli::UsageError:
        return QStringLiteral("not_sent");
    case Cli::OutcomeUnknown:
        return QStringLiteral("unknown");
    default:
        return QStringLiteral("failed");
    }
}
} // namespace

Cli::Cli(QObject *parent) : QObject(parent) {}

QString Cli::sessionEndedMessage(const MatrixError &error)
{
    // rawSummary() adds the errcode and the HTTP status around it.
    if (error.softLogout)
        return tr("The session has expired: get a new access token and run the command again.");
    return tr("The homeserver rejected the access token: it is wrong, or the session was signed "
              "out. Sign in again for a new token.");
}

int Cli::usageError(const QString &message, bool showUsage)
{
    fail(MatrixError::invalidInput(message), UsageError);
    if (showUsage)
        err() << "\n" << usage() << "\n" << Qt::flush;
    return UsageError;
}

int Cli::start(const QStringList &arguments)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(tr("Manage the rooms of your Matrix account from scripts.") +
                                     QStringLiteral("\n\n") + usage());
    parser.addHelpOption();
    parser.addVersionOption();
    const QCommandLineOption homeserverOpt(
        QStringLiteral("homeserver"), tr("Homeserver URL or server name."), QStringLiteral("url"));
    const QCommandLineOption tokenStdinOpt(QStringLiteral("token-stdin"),
                                           tr("Read the access token from stdin."));
    const QCommandLineOption jsonOpt(QStringLiteral("json"),
                                     tr("Machine-readable JSON output (see README)."));
    const QCommandLineOption viaOpt(QStringLiteral("via"),
                                    tr("join: a server to join through (repeatable, up to 3)."),
                                    QStringLiteral("server"));
    const QCommandLineOption reasonOpt(QStringLiteral("reason"),
                                       tr("join, leave, invite: reason shown to other members."),
                                       QStringLiteral("text"));
    const QCommandLineOption forgetOpt(QStringLiteral("forget"),
                                       tr("leave: forget the room once it is left."));
    const QCommandLineOption filterOpt(QStringLiteral("print-sync-filter"),
                                       tr("Print the /sync filter used and exit."));
    const QCommandLineOption membershipOpt(QStringLiteral("membership"),
                                           tr("rooms: only join, invite or leave."),
                                           QStringLiteral("state"));
    parser.addOptions({homeserverOpt, tokenStdinOpt, jsonOpt, viaOpt, reasonOpt, forgetOpt,
                       membershipOpt, filterOpt});
    parser.addPositionalArgument(QStringLiteral("command"),
                                 tr("login, rooms, join, leave, invite or forget."));

    // Everything is checked here, before any request: exit status 2 means nothing was sent.
    if (!parser.parse(arguments)) {
        m_json = arguments.contains(QStringLiteral("--json"));
        return usageError(parser.errorText());
    }
    if (parser.isSet(QStringLiteral("help"))) {
        out() << parser.helpText() << Qt::flush;
        return Ok;
    }
    if (parser.isSet(QStringLiteral("version"))) {
        out() << "concierge-cli " << QCoreApplication::applicationVersion() << "\n" << Qt::flush;
        return Ok;
    }
    if (parser.isSet(filterOpt)) {
        out() << SyncEngine::filterJson() << "\n" << Qt::flush;
        return Ok;
    }
    m_json = parser.isSet(jsonOpt);
    const QStringList positional = parser.positionalArguments();
    if (positional.isEmpty())
        return usageError(tr("no command given"), true);
    m_command = positional.first();
    m_args = positional.mid(1);

    static const QHash<QString, int> arity{
        {QStringLiteral("login"), 0}, {QStringLiteral("rooms"), 0},  {QStringLiteral("join"), 1},
        {QStringLiteral("leave"), 1}, {QStringLiteral("invite"), 2}, {QStringLiteral("forget"), 1}};
    if (!arity.contains(m_command)) {
        const QString unknown = m_command;
        m_command.clear(); // not echoed as "command" in the JSON
        return usageError(tr("unknown command '%1'").arg(unknown), true);
    }
    const int expected = arity.value(m_command);
    if (m_args.size() != expected)
        return usageError(tr("'%1' takes %n argument(s), got %2", nullptr, expected)
                              .arg(m_command)
                              .arg(m_args.size()));
    for (const QCommandLineOption *single : {&homeserverOpt, &reasonOpt, &membershipOpt}) {
        if (parser.values(*single).size() > 1)
            return usageError(tr("--%1 can be given only once").arg(single->names().constFirst()));
    }
    const bool isRooms = m_command == QLatin1String("rooms");
    const bool isJoin = m_command == QLatin1String("join");
    const bool isLeave = m_command == QLatin1String("leave");
    const bool takesReason = isJoin || isLeave || m_command == QLatin1String("invite");
    if (parser.isSet(membershipOpt) && !isRooms)
        return usageError(tr("--membership only applies to rooms"));
    m_membershipFilter = parser.value(membershipOpt);
    if (parser.isSet(membershipOpt) &&
        !QStringList{QStringLiteral("join"), QStringLiteral("invite"), QStringLiteral("leave")}
             .contains(m_membershipFilter))
        return usageError(tr("--membership must be join, invite or leave"));
    if (parser.isSet(viaOpt) && !isJoin)
        return usageError(tr("--via only applies to join"));
    if (parser.isSet(forgetOpt) && !isLeave)
        return usageError(tr("--forget only applies to leave"));
    if (parser.isSet(reasonOpt) && !takesReason)
        return usageError(tr("--reason does not apply to %1").arg(m_command));

    static const QHash<QString, Operation::Kind> kinds{
        {QStringLiteral("join"), Operation::Join},
        {QStringLiteral("leave"), Operation::Leave},
        {QStringLiteral("invite"), Operation::Invite},
        {QStringLiteral("forget"), Operation::Forget}};
    if (kinds.contains(m_command)) {
        m_action.kind = kinds.value(m_command);
        if (m_action.kind == Operation::Leave && parser.isSet(forgetOpt))
            m_action.kind = Operation::LeaveAndForget;
        m_action.target = m_args.at(0);
        m_action.userId = m_args.value(1);
        m_action.reason = parser.value(reasonOpt);
        m_action.via = parser.values(viaOpt);
        // The same checks (and messages) as the service applies: one limit, one message.
        if (const QString error = MembershipService::validate(&m_action); !error.isEmpty())
            return usageError(error);
    }

    QString homeserver = parser.value(homeserverOpt);
    if (homeserver.isEmpty())
        homeserver = qEnvironmentVariable("CONCIERGE_HOMESERVER");
    if (homeserver.trimmed().isEmpty())
        return usageError(tr("no homeserver: pass --homeserver or set CONCIERGE_HOMESERVER"));
    // A user name or password in the address is refused without repeating any of it (whatever
    // the form: "https://u:p@host", "u:p@host"); a homeserver address never needs an '@'.
    if (homeserver.contains(QLatin1Char('@')))
        return usageError(tr("The homeserver address must not contain a user name or password "
                             "(an '@'); give only the address, like https://matrix.example.org."));
    {
        bool bare = false;
        QString error;
        Session::parseHomeserverInput(homeserver, &bare, &error);
        if (!error.isEmpty())
            return usageError(error);
    }
    QString token;
    if (parser.isSet(tokenStdinOpt)) {
        QFile in;
        if (in.open(stdin, QIODevice::ReadOnly))
            token = QString::fromUtf8(in.readLine()).trimmed();
    } else {
        token = qEnvironmentVariable("CONCIERGE_ACCESS_TOKEN").trimmed();
    }
    if (token.isEmpty())
        return usageError(tr("no access token: set CONCIERGE_ACCESS_TOKEN or pass --token-stdin"));

    m_services = new AppServices(AppServices::Options{.useKeychain = false, .interactive = false, .syncAfterSignIn = false}, this);
    m_services->setRememberSession(false);
    if (const int cap = qEnvironmentVariableIntValue(TestDeadlineVariable); cap > 0) {
        m_services->api()->setDeadlineCap(cap);
        RetryPolicy retry = RetryPolicy::bounded();
        retry.initialBackoffMs = qMin<qint64>(retry.initialBackoffMs, cap);
        retry.maxBackoffMs = qMin<qint64>(retry.maxBackoffMs, cap);
        m_services->membership()->setRetryPolicy(retry);
    }
    Session *session = m_services->session();
    connect(session, &Session::signedIn, this, &Cli::runCommand);
    connect(session, &Session::signInFailed, this, [this, session](const MatrixError &error) {
        MatrixError e = error;
        if (error.isAuthFailure())
            e.message = sessionEndedMessage(error);
        else if (const QString text = session->errorText(); !text.isEmpty())
            e.message = text;
        fail(e, error.kind == MatrixError::InvalidInput ? UsageError : ConnectionError);
    });
    m_services->signIn(homeserver, token);
    return -1;
}

void Cli::printJson(const QJsonObject &object, bool indented)
{
    const QByteArray json =
        QJsonDocument(object).toJson(indented ? QJsonDocument::Indented : QJsonDocument::Compact);
    out() << SafeText::jsonForTerminal(json);
    if (!indented)
        out() << "\n";
    out().flush();
}

void Cli::fail(const MatrixError &error, int exitCode)
{
    if (m_json) {
        printJson({{QStringLiteral("ok"), false},
                   {QStringLiteral("command"), m_command},
                   {QStringLiteral("outcome"), outcomeName(exitCode)},
                   {QStringLiteral("errcode"), error.errcode},
                   {QStringLiteral("error"), error.message},
                   {QStringLiteral("http_status"), error.httpStatus}});
    }
    err() << "error: " << safe(error.rawSummary()) << "\n" << Qt::flush;
    emit finished(exitCode);
}

void Cli::runCommand()
{
    Session *session = m_services->session();
    if (m_command == QLatin1String("login")) {
        if (m_json) {
            printJson({{QStringLiteral("ok"), true},
                       {QStringLiteral("user_id"), session->userId()},
                       {QStringLiteral("device_id"), session->deviceId()},
                       {QStringLiteral("homeserver"), session->homeserver().toString()}});
        } else {
            out() << tr("Signed in as %1 on %2")
                         .arg(safe(session->userId()), safe(session->homeserver().toString()))
                  << "\n"
                  << Qt::flush;
        }
        emit finished(Ok);
        return;
    }
    if (m_command == QLatin1String("rooms")) {
        listRooms();
        return;
    }
    // Membership commands run as one Operation of the shared service (sign-in gave the store its
    // user ID, used to check an outcome that got no answer).
    Operation *operation = m_services->membership()->run(m_action);
    connect(operation, &Operation::stateChanged, this, [operation] {
        // Scripts see that something is happening instead of a silent wait: "Leaving !r:x:
        // waiting for the server, trying again in 2 s (…)".
        if (operation->state() == Operation::Waiting)
            err() << "concierge-cli: " << safe(operation->statusText()) << "\n" << Qt::flush;
    });
    connect(operation, &Operation::finished, this,
            [this, operation] { reportOperation(operation); });
}

void Cli::reportOperation(Operation *operation)
{
    const MatrixError error = operation->error();
    const Session *session = m_services->session();
    if (operation->state() != Operation::Succeeded) {
        // The token was rejected on the way (the session then ends, and may cancel what runs).
        if (error.isAuthFailure() || session->isExpired()) {
            MatrixError e = error.isAuthFailure() ? error : session->error();
            e.message = sessionEndedMessage(e);
            fail(e, ConnectionError);
            return;
        }
        if (operation->state() == Operation::Unknown) {
            MatrixError e = error;
            e.message = tr("outcome unknown: %1 %2 got no answer (%3), and whether it happened "
                           "could not be found out; run 'concierge-cli rooms' later to see.")
                            .arg(m_command, m_action.target, error.rawSummary());
            e.httpStatus = 0; // the status, if any, is in the message
            fail(e, OutcomeUnknown);
            return;
        }
        fail(error, error.kind == MatrixError::InvalidInput ? UsageError
                    : error.kind == MatrixError::Server     ? ServerError
                                                            : ConnectionError);
        return;
    }
    const QString roomId = operation->resultRoomId();
    if (m_json) {
        QJsonObject obj{{QStringLiteral("ok"), true},
                        {QStringLiteral("command"), m_command},
                        {QStringLiteral("room_id"), roomId}};
        if (operation->kind() == Operation::LeaveAndForget)
            obj.insert(QStringLiteral("forgotten"), true);
        printJson(obj);
    } else {
        switch (operation->kind()) {
        case Operation::Join:
            out() << tr("Joined %1").arg(safe(roomId));
            break;
        case Operation::Leave:
            out() << tr("Left %1").arg(safe(roomId));
            break;
        case Operation::LeaveAndForget:
            out() << tr("Left and forgot %1").arg(safe(roomId));
            break;
        case Operation::Invite:
            out() << tr("Invited %1 to %2").arg(safe(operation->userId()), safe(roomId));
            break;
        case Operation::Forget:
            out() << tr("Forgot %1").arg(safe(roomId));
            break;
        }
        out() << "\n" << Qt::flush;
    }
    emit finished(Ok);
}

void Cli::listRooms()
{
    // One /sync (timeout 0) with the same filter as the app: the whole list, no per-room calls.
    Endpoints::SyncParams params;
    params.filter = SyncEngine::filterJson();
    ApiCall *call = Endpoints::sync(m_services->api(), params);
    connect(call, &ApiCall::succeeded, this, [this](const QJsonObject &body) {
        m_services->store()->applySync(body);
        printRooms();
    });
    connect(call, &ApiCall::failed, this, [this](const MatrixError &error) {
        if (error.isAuthFailure()) {
            MatrixError e = error;
            e.message = sessionEndedMessage(error);
            fail(e, ConnectionError);
            return;
        }
        fail(error, error.kind == MatrixError::Server ? ServerError : ConnectionError);
    });
}

void Cli::printRooms()
{
    // Names, topics and display names are already one line without hidden characters
    // (RoomStore keeps them through SafeText::forDisplay); IDs and aliases are escaped here.
    const RoomStore *store = m_services->store();
    QList<const RoomSummary *> rooms;
    for (int i = 0; i < store->size(); ++i) {
        const RoomSummary &room = store->at(i);
        if (m_membershipFilter.isEmpty() ||
            Membership::toString(room.membership) == m_membershipFilter)
            rooms << &room;
    }
    auto order = [](Membership::Value m) {
        return m == Membership::Invite ? 0 : m == Membership::Join ? 1 : 2;
    };
    std::sort(rooms.begin(), rooms.end(), [&](const RoomSummary *a, const RoomSummary *b) {
        if (order(a->membership) != order(b->membership))
            return order(a->membership) < order(b->membership);
        const int c = QString::compare(a->displayName(), b->displayName(), Qt::CaseInsensitive);
        return c != 0 ? c < 0 : a->roomId < b->roomId;
    });

    if (m_json) {
        QJsonArray array;
        auto orNull = [](const QString &s) { return s.isEmpty() ? QJsonValue() : QJsonValue(s); };
        auto countOrNull = [](int n) { return n < 0 ? QJsonValue() : QJsonValue(n); };
        for (const RoomSummary *room : rooms) {
            array.append(QJsonObject{
                {QStringLiteral("room_id"), room->roomId},
                {QStringLiteral("membership"), Membership::toString(room->membership)},
                {QStringLiteral("name"), room->displayName()},
                {QStringLiteral("canonical_alias"), orNull(room->canonicalAlias)},
                {QStringLiteral("topic"), orNull(room->topic)},
                {QStringLiteral("avatar_url"), orNull(room->avatarMxc)},
                {QStringLiteral("joined_member_count"), countOrNull(room->joinedMemberCount)},
                {QStringLiteral("invited_member_count"), countOrNull(room->invitedMemberCount)},
                {QStringLiteral("inviter"), orNull(room->inviterId)}});
        }
        printJson({{QStringLiteral("user_id"), m_services->session()->userId()},
                   {QStringLiteral("rooms"), array}},
                  true);
    } else {
        Membership::Value current =
            Membership::Ban; // never listed: the first room starts a section
        for (const RoomSummary *room : rooms) {
            if (room->membership != current) {
                current = room->membership;
                const int n =
                    int(std::count_if(rooms.begin(), rooms.end(), [&](const RoomSummary *r) {
                        return r->membership == current;
                    }));
                const QString title = current == Membership::Invite ? tr("Invites (%1)")
                                      : current == Membership::Join ? tr("Joined (%1)")
                                                                    : tr("Left (%1)");
                out() << title.arg(n) << "\n";
            }
            out() << "  " << safe(room->roomId) << "  " << safe(room->displayName());
            if (!room->canonicalAlias.isEmpty() && room->canonicalAlias != room->displayName())
                out() << "  " << safe(room->canonicalAlias);
            if (room->joinedMemberCount >= 0)
                out() << "  · " << tr("%n member(s)", nullptr, room->joinedMemberCount);
            if (!room->inviterId.isEmpty())
                out() << "  · " << tr("invited by %1").arg(safe(room->inviterId));
            out() << "\n";
        }
        if (rooms.isEmpty())
            out() << tr("No rooms.") << "\n";
        out().flush();
    }
    emit finished(Ok);
}
