#include "cli.h"

#include "actions/jobqueue.h"
#include "actions/membershipservice.h"
#include "actions/userblocking.h"
#include "api/apiclient.h"
#include "api/endpoints.h"
#include "api/identifiers.h"
#include "api/matrixerror.h"
#include "api/powerlevels.h"
#include "api/safetext.h"
#include "appservices.h"
#include "models/directorymodel.h"
#include "models/invitegroupsmodel.h"
#include "models/leavecheck.h"
#include "models/roomlistmodel.h"
#include "models/roompreview.h"
#include "session/credentialstore.h"
#include "session/session.h"
#include "sync/roomstore.h"
#include "sync/syncengine.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QProcess>
#include <QRegularExpression>
#include <QSet>
#include <QSocketNotifier>
#include <QTextStream>
#include <algorithm>
#include <csignal>
#include <fcntl.h>
#include <memory>
#include <unistd.h>

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

// A space named by more than one room: each candidate's ID and name (the store keeps names
// as one line of plain text; fail() makes the whole message terminal-safe).
QString ambiguousSpace(const RoomStore *store, const QString &text, const QStringList &ids)
{
    QStringList candidates;
    for (const QString &id : ids) {
        const RoomSummary *room = store->find(id);
        candidates << QStringLiteral("%1 (%2)").arg(id, room ? room->displayName() : QString());
    }
    return Cli::tr("'%1' names %n space(s): %2; give the room ID of the one you mean", nullptr,
                   int(ids.size()))
        .arg(text, candidates.join(QStringLiteral(", ")));
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
  login --password --user NAME       Sign in with a user name (or full user ID) and the password
                                     read from the first line of standard input; the session is
                                     saved (system keychain) and later commands use it.
  login --sso [--idp ID] [--no-browser]
                                     Sign in through the server's single sign-on page in your
                                     browser (the address is also printed); --idp picks one of
                                     the server's identity providers. The session is saved.
  logout                             Forget the saved session; a session Concierge created is
                                     also logged out on the server.
  accounts                           List the accounts whose sessions are saved (by login or by
                                     the Concierge app), the default one marked; --account USER
                                     picks one for any command (default: the only one, or the
                                     one used last).
  rooms [--membership join|invite|leave] [--space SPACE] [--filter QUERY]
                                     List your joined rooms, invites and left rooms; --space:
                                     only those in a space (its ID, address or name) or its
                                     sub-spaces; --filter: only those that match QUERY.
  spaces                             List the spaces you are in as a tree, with how many of
                                     their rooms you are in, are invited to and have left.
  join <#alias:server|!id:server> [--via SERVER]... [--reason TEXT]
                                     Join a room (at most 3 --via servers).
  leave <!room-id> [--reason TEXT] [--forget]
                                     Leave a room, or decline an invite; --forget also forgets it.
  invite <!room-id> <@user:server> [--reason TEXT]
  forget <!room-id>                  Forget a room you have left.
  members <!room-id> [--membership join|invite|knock|ban|leave]
                                     List the room's members with their display name,
                                     membership and power level (without --membership: all
                                     but those who left).
  kick <!room-id> <@user:server> [--reason TEXT]
                                     Remove someone from a room; also withdraws an invite
                                     and denies a request to join (knock).
  ban <!room-id> <@user:server> [--reason TEXT]
                                     Ban someone from a room (whether or not they are in it).
  unban <!room-id> <@user:server> [--reason TEXT]
                                     Lift a ban; they may then join again if the room lets them.
                                     The server decides whether your power level allows it:
                                     a refusal exits with status 1 and its errcode
                                     (M_FORBIDDEN).
  knock <#alias:server|!id:server> [--via SERVER]... [--reason TEXT]
                                     Ask to join a room whose join rule is knock; withdraw
                                     the request with leave.
  directory [--server NAME] [--search TEXT]
                                     List the public rooms of your homeserver, or of NAME's
                                     directory (up to 200 rooms).
  preview <#alias:server|!id:server> [--via SERVER]...
                                     Show what is known about a room before joining it (exit
                                     status 1 when nothing is known).

Invite triage:
  invites --by-inviter|--by-server   List pending invites grouped by who sent them (or by their
                                     server), largest group first, with what helps judge them.
  decline --from <@user:server> [--ignore] [--reason TEXT]
                                     Decline every pending invite from that person (a bulk job,
                                     as leave --all); --ignore then adds them to your ignored
                                     users, so that their future invites never show.
  ignore <@user:server>              Ignore someone (their invites and messages are hidden).
  unignore <@user:server>            Stop ignoring them.
  ignored                            List the people you ignore.
  block-invites on|off|status        Refuse every invite to your account (the server answers
                                     inviters M_INVITE_BLOCKED), allow them again, or show which.
  ban-everywhere <@user:server> [--reason TEXT] [--dry-run]
                                     Ban someone from every joined room where your power level
                                     allows it, as one job; lists the rooms where it does not
                                     apply and why. --dry-run prints that plan and sends nothing.
                                     Exit status 5 when a room could not be checked or banned.

Bulk commands run as a job that is kept on disk before anything is sent, paced to the server's
rate limit, and resumable after Ctrl+C, a crash or kill -9:
  leave --all [--filter QUERY] [--forget] [--reason TEXT]
                                     Leave every joined room and decline every invite that
                                     matches QUERY (the room list's filter: words of the name,
                                     is:invite, is:joined, is:left, is:dm, is:space,
                                     in:SPACE, server:NAME, from:@USER).
  leave --from-file FILE [--forget]  Leave the rooms listed in FILE (one room ID per line;
                                     blank lines and lines starting with # are ignored).
  leave <!room-id> --with-predecessors [--reason TEXT] [--forget]
                                     Leave an upgraded room and its older versions that you
                                     are still in (the rooms it replaced, and theirs).
  forget --all [--filter QUERY]      Forget every left room (that matches QUERY).
  forget --from-file FILE            Forget the rooms listed in FILE.
  join --all [--filter QUERY]        Accept every invite (that matches QUERY).
  join --space SPACE --all|--filter TEXT [--dry-run]
                                     Join the rooms of a space (ID, address or name) that you
                                     can join (all, or those whose name contains TEXT): public
                                     ones, restricted ones open to a space you are in, and a
                                     request to join where only that is possible.
  leave --space SPACE [--with-rooms all|none|ROOM,ROOM...] [--reason TEXT] [--dry-run]
                                     Leave a space you are in, and with it all, none (the
                                     default) or the listed rooms of it (IDs or addresses,
                                     separated by commas) that you are in: the rooms first, then
                                     the space. Warns about rooms, and the space, that you could
                                     not rejoin.
  hierarchy SPACE [--json]           List a space's rooms and sub-spaces (every page), with
                                     whether you can join each and why not.
  invite <!room-id> --users-from-file FILE [--reason TEXT]
                                     Invite the people listed in FILE (one user ID per line, or
                                     CSV: the first field of each line that is a user ID).
                                     People already in the room or invited are skipped.
  invite --all [--filter QUERY] <@user:server>
                                     Invite one person to every joined room (that matches QUERY).
  jobs                               List the jobs kept for this account.
  jobs resume|cancel|retry <job-id>  Continue a paused or interrupted job, cancel it (what is in
                                     flight finishes), or send its failed items again.
Every line of a file is checked before anything is sent: an invalid line stops the command
(exit status 2) unless --skip-invalid is given, which skips and reports it. --dry-run prints
each request that would be sent (method, path, body; one per line, in order) and sends none
(the rooms for --all are still read with one /sync). With --json, a job prints one JSON object
per line: each item's result as it ends, then a summary. Ctrl+C pauses a running job after
the request in flight; the job ID it prints resumes it.

The homeserver comes from --homeserver or CONCIERGE_HOMESERVER; the access token from
CONCIERGE_ACCESS_TOKEN or, with --token-stdin, the first line of standard input; without either,
the session saved by login --password or by the Concierge app is used (--account @me:server
when several are saved). The token is never
printed. Jobs are kept in the account's store, below --store-dir or CONCIERGE_STORE_DIR
when given, else in the application's data folder.

Exit status: 0 success, 1 the server refused (errcode and message on stderr), 2 invalid usage or
input (nothing was sent), 3 the homeserver could not be reached, the session was rejected or
expired, or jobs cannot run (another Concierge is running this account's jobs, or they cannot be
saved), 4 no answer came and whether the action happened could not be found out, 5 a job ended
with items that failed or whose outcome is unknown, 6 Ctrl+C paused the job (resumable).)");
}

// At most this much of a --from-file or --users-from-file is read.
constexpr qint64 MaxInputFileBytes = 16 * 1024 * 1024;
// A usage error lists at most this many bad lines (then says how many more).
constexpr int MaxBadLinesShown = 20;

// Written by the signal handler, read through a QSocketNotifier on the event loop: the handler
// itself only writes one byte (async-signal-safe), never calls Qt.
int interruptPipe[2] = {-1, -1};
void onInterruptSignal(int)
{
    const char byte = 1;
    [[maybe_unused]] const ssize_t written = ::write(interruptPipe[1], &byte, 1);
}

QString stripQuotes(QString field)
{
    field = field.trimmed();
    if (field.size() >= 2 && field.startsWith(QLatin1Char('"')) && field.endsWith(QLatin1Char('"')))
        field =
            field.mid(1, field.size() - 2).replace(QStringLiteral("\"\""), QStringLiteral("\""));
    return field.trimmed();
}

// The requests an item sends, in order, exactly as built by the endpoint layer.
QList<HttpRequest> requestsFor(const ApiClient *api, const Operation::Description &d)
{
    switch (d.kind) {
    case Operation::Join:
        return {Endpoints::joinRoomRequest(api, d.target, d.via, d.reason)};
    case Operation::Leave:
        return {Endpoints::leaveRoomRequest(api, d.target, d.reason)};
    case Operation::LeaveAndForget:
        return {Endpoints::leaveRoomRequest(api, d.target, d.reason),
                Endpoints::forgetRoomRequest(api, d.target)};
    case Operation::Invite:
        return {Endpoints::inviteUserRequest(api, d.target, d.userId, d.reason)};
    case Operation::Forget:
        return {Endpoints::forgetRoomRequest(api, d.target)};
    case Operation::Knock:
        return {Endpoints::knockRoomRequest(api, d.target, d.via, d.reason)};
    case Operation::Kick:
        return {Endpoints::kickRequest(api, d.target, d.userId, d.reason)};
    case Operation::Ban:
        return {Endpoints::banRequest(api, d.target, d.userId, d.reason)};
    case Operation::Unban:
        return {Endpoints::unbanRequest(api, d.target, d.userId, d.reason)};
    }
    return {};
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

int Cli::readInputFile(const QString &path, QString *text)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return usageError(tr("cannot read %1: %2").arg(path, file.errorString()));
    if (file.size() > MaxInputFileBytes)
        return usageError(
            tr("%1 is too large (more than %2 MB)").arg(path).arg(MaxInputFileBytes >> 20));
    const QByteArray bytes = file.read(MaxInputFileBytes + 1);
    if (bytes.size() > MaxInputFileBytes)
        return usageError(
            tr("%1 is too large (more than %2 MB)").arg(path).arg(MaxInputFileBytes >> 20));
    *text = QString::fromUtf8(bytes);
    return Ok;
}

QStringList Cli::parseRoomList(const QString &text, QList<BadLine> *bad)
{
    QStringList rooms;
    QSet<QString> seen;
    const QStringList lines = text.split(QLatin1Char('\n'));
    for (int i = 0; i < lines.size(); ++i) {
        const QString line = lines.at(i).trimmed();
        if (line.isEmpty() || line.startsWith(QLatin1Char('#')))
            continue;
        if (const QString why = Identifiers::validateRoomId(line); !why.isEmpty()) {
            bad->append({i + 1, line, why});
            continue;
        }
        if (!seen.contains(line)) {
            seen.insert(line);
            rooms << line;
        }
    }
    return rooms;
}

QStringList Cli::parseUserList(const QString &text, QList<BadLine> *bad, QList<BadLine> *duplicates)
{
    QStringList users;
    QHash<QString, int> firstLine;
    const QStringList lines = text.split(QLatin1Char('\n'));
    bool first = true;
    static const QRegularExpression separators(QStringLiteral("[,;\t]"));
    for (int i = 0; i < lines.size(); ++i) {
        const QString line = lines.at(i).trimmed();
        if (line.isEmpty() || line.startsWith(QLatin1Char('#')))
            continue;
        const bool header = first;
        first = false;
        const QStringList fields = line.split(separators);
        QString userId;
        for (const QString &field : fields) {
            const QString value = stripQuotes(field);
            if (value.startsWith(QLatin1Char('@'))) {
                userId = value;
                break;
            }
        }
        if (userId.isEmpty()) {
            if (header && fields.size() > 1)
                continue; // a CSV header ("name,user_id")
            bad->append({i + 1, line, tr("no user ID (@name:server) on this line")});
            continue;
        }
        if (const QString why = Identifiers::validateUserId(userId); !why.isEmpty()) {
            bad->append({i + 1, userId, why});
            continue;
        }
        if (firstLine.contains(userId)) {
            duplicates->append(
                {i + 1, userId, tr("listed already on line %1").arg(firstLine.value(userId))});
            continue;
        }
        firstLine.insert(userId, i + 1);
        users << userId;
    }
    return users;
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
    const QCommandLineOption viaOpt(
        QStringLiteral("via"),
        tr("join, knock, preview: a server to go through (repeatable, up to 3)."),
        QStringLiteral("server"));
    const QCommandLineOption serverOpt(QStringLiteral("server"),
                                       tr("directory: whose directory (default: your homeserver)."),
                                       QStringLiteral("name"));
    const QCommandLineOption searchOpt(QStringLiteral("search"),
                                       tr("directory: only rooms matching the text."),
                                       QStringLiteral("text"));
    const QCommandLineOption reasonOpt(
        QStringLiteral("reason"),
        tr("join, leave, invite, knock, kick, ban, unban: reason shown to other members."),
        QStringLiteral("text"));
    const QCommandLineOption forgetOpt(QStringLiteral("forget"),
                                       tr("leave: forget the room once it is left."));
    const QCommandLineOption syncFilterOpt(QStringLiteral("print-sync-filter"),
                                           tr("Print the /sync filter used and exit."));
    const QCommandLineOption membershipOpt(
        QStringLiteral("membership"),
        tr("rooms: only join, invite or leave; members: only join, invite, knock, ban or leave."),
        QStringLiteral("state"));
    const QCommandLineOption allOpt(
        QStringLiteral("all"),
        tr("leave, forget, join, invite: every room the command applies to (see --filter)."));
    const QCommandLineOption filterOpt(
        QStringLiteral("filter"),
        tr("With --all: only the rooms that match the query, e.g. 'is:invite from:@spam:example'."),
        QStringLiteral("query"));
    const QCommandLineOption fromFileOpt(
        QStringLiteral("from-file"),
        tr("leave, forget: the rooms listed in the file, one room ID per line."),
        QStringLiteral("file"));
    const QCommandLineOption usersFileOpt(
        QStringLiteral("users-from-file"),
        tr("invite: the people listed in the file, one user ID per line, or CSV."),
        QStringLiteral("file"));
    const QCommandLineOption skipInvalidOpt(
        QStringLiteral("skip-invalid"),
        tr("With a file: skip (and report) invalid lines instead of stopping."));
    const QCommandLineOption dryRunOpt(
        QStringLiteral("dry-run"),
        tr("Print every request that would be sent (method, path, body), and send none."));
    const QCommandLineOption byInviterOpt(QStringLiteral("by-inviter"),
                                          tr("invites: group by who sent them (the default)."));
    const QCommandLineOption byServerOpt(QStringLiteral("by-server"),
                                         tr("invites: group by the inviter's server."));
    const QCommandLineOption fromOpt(QStringLiteral("from"),
                                     tr("decline: the person whose invites to decline."),
                                     QStringLiteral("user"));
    const QCommandLineOption ignoreOpt(QStringLiteral("ignore"),
                                       tr("decline: also ignore the person afterwards."));
    const QCommandLineOption storeDirOpt(
        QStringLiteral("store-dir"),
        tr("Where the account's jobs are kept (also CONCIERGE_STORE_DIR); default: the "
           "application's data folder."),
        QStringLiteral("dir"));
    parser.addOptions({homeserverOpt, tokenStdinOpt, jsonOpt,        viaOpt,      reasonOpt,
                       forgetOpt,     membershipOpt, syncFilterOpt,  allOpt,      filterOpt,
                       fromFileOpt,   usersFileOpt,  skipInvalidOpt, dryRunOpt,   storeDirOpt,
                       serverOpt,     searchOpt,     byInviterOpt,   byServerOpt, fromOpt,
                       ignoreOpt});
    const QCommandLineOption spaceOpt(
        QStringLiteral("space"), tr("join, leave: the rooms of a space (its ID, address or name)."),
        QStringLiteral("space"));
    const QCommandLineOption withRoomsOpt(
        QStringLiteral("with-rooms"),
        tr("leave --space: also leave all, none (the default) or the listed rooms "
           "(ROOM,ROOM…) of the space that you are in."),
        QStringLiteral("rooms"));
    parser.addOptions({spaceOpt, withRoomsOpt});
    const QCommandLineOption withPredecessorsOpt(
        QStringLiteral("with-predecessors"),
        tr("leave: also leave the older versions of the room that you are still in."));
    parser.addOption(withPredecessorsOpt);
    const QCommandLineOption passwordOpt(
        QStringLiteral("password"),
        tr("login: sign in with a password, read from the first line of standard input."));
    const QCommandLineOption userOpt(QStringLiteral("user"),
                                     tr("login --password: the user name or full user ID."),
                                     QStringLiteral("name"));
    parser.addOptions({passwordOpt, userOpt});
    const QCommandLineOption ssoOpt(QStringLiteral("sso"),
                                    tr("login: sign in through single sign-on in your browser."));
    const QCommandLineOption idpOpt(QStringLiteral("idp"),
                                    tr("login --sso: the identity provider's ID."),
                                    QStringLiteral("id"));
    const QCommandLineOption noBrowserOpt(
        QStringLiteral("no-browser"),
        tr("login --sso: only print the sign-in address, do not open a browser."));
    parser.addOptions({ssoOpt, idpOpt, noBrowserOpt});
    const QCommandLineOption accountOpt(
        QStringLiteral("account"),
        tr("Which saved session to use (see the accounts command); default: the only one, or the "
           "one used last."),
        QStringLiteral("user"));
    parser.addOption(accountOpt);
    parser.addPositionalArgument(QStringLiteral("command"),
                                 tr("login, logout, accounts, rooms, spaces, hierarchy, join, "
                                    "leave, invite, forget, knock, members, "
                                    "kick, ban, unban, invites, decline, ignore, unignore, "
                                    "ignored, block-invites, ban-everywhere, directory, preview "
                                    "or jobs."));

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
    if (parser.isSet(syncFilterOpt)) {
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
        {QStringLiteral("login"), 0},         {QStringLiteral("logout"), 0},
        {QStringLiteral("rooms"), 0},         {QStringLiteral("join"), 1},
        {QStringLiteral("leave"), 1},         {QStringLiteral("invite"), 2},
        {QStringLiteral("forget"), 1},        {QStringLiteral("jobs"), 0},
        {QStringLiteral("knock"), 1},         {QStringLiteral("directory"), 0},
        {QStringLiteral("preview"), 1},       {QStringLiteral("members"), 1},
        {QStringLiteral("kick"), 2},          {QStringLiteral("ban"), 2},
        {QStringLiteral("unban"), 2},         {QStringLiteral("invites"), 0},
        {QStringLiteral("decline"), 0},       {QStringLiteral("ignore"), 1},
        {QStringLiteral("unignore"), 1},      {QStringLiteral("ignored"), 0},
        {QStringLiteral("block-invites"), 1}, {QStringLiteral("ban-everywhere"), 1},
        {QStringLiteral("hierarchy"), 1},     {QStringLiteral("spaces"), 0},
        {QStringLiteral("accounts"), 0}};
    if (!arity.contains(m_command)) {
        const QString unknown = m_command;
        m_command.clear(); // not echoed as "command" in the JSON
        return usageError(tr("unknown command '%1'").arg(unknown), true);
    }
    const bool isRooms = m_command == QLatin1String("rooms");
    const bool isLogout = m_command == QLatin1String("logout");
    const QString account = parser.value(accountOpt).trimmed();
    if (parser.isSet(accountOpt)) {
        if (parser.values(accountOpt).size() > 1)
            return usageError(tr("--account can be given only once"));
        if (const QString why = Identifiers::validateUserId(account); !why.isEmpty())
            return usageError(why);
        if (m_command == QLatin1String("accounts"))
            return usageError(tr("accounts lists every saved account; it takes no --account"));
    }
    if (m_command == QLatin1String("accounts")) {
        if (!m_args.isEmpty())
            return usageError(tr("'accounts' takes 0 arguments, got %1").arg(m_args.size()));
        for (const QString &option : parser.optionNames())
            if (option != QLatin1String("json"))
                return usageError(tr("accounts takes no option but --json"));
        return listAccounts();
    }
    m_passwordLogin = parser.isSet(passwordOpt);
    if ((m_passwordLogin || parser.isSet(userOpt)) && m_command != QLatin1String("login"))
        return usageError(tr("--password and --user only apply to login"));
    if (m_passwordLogin != parser.isSet(userOpt))
        return usageError(tr("login --password needs --user NAME, and --user needs --password"));
    if (m_passwordLogin && parser.isSet(tokenStdinOpt))
        return usageError(tr("--password and --token-stdin cannot be combined (both read "
                             "standard input)"));
    m_ssoLogin = parser.isSet(ssoOpt);
    if ((m_ssoLogin || parser.isSet(idpOpt) || parser.isSet(noBrowserOpt)) &&
        m_command != QLatin1String("login"))
        return usageError(tr("--sso, --idp and --no-browser only apply to login"));
    if ((parser.isSet(idpOpt) || parser.isSet(noBrowserOpt)) && !m_ssoLogin)
        return usageError(tr("--idp and --no-browser only apply to login --sso"));
    if (m_ssoLogin && (m_passwordLogin || parser.isSet(tokenStdinOpt)))
        return usageError(tr("login --sso cannot be combined with --password or --token-stdin"));
    const QString ssoProvider = parser.value(idpOpt).trimmed();
    if (m_ssoLogin && parser.isSet(idpOpt) && ssoProvider.isEmpty())
        return usageError(tr("--idp needs the ID of one of the server's identity providers"));
    m_openBrowser = !parser.isSet(noBrowserOpt);
    const QString loginUser = parser.value(userOpt).trimmed();
    if (m_passwordLogin && loginUser.isEmpty())
        return usageError(tr("--user needs a user name or a full user ID"));
    if (m_passwordLogin && loginUser.startsWith(QLatin1Char('@'))) {
        if (const QString why = Identifiers::validateUserId(loginUser); !why.isEmpty())
            return usageError(why);
    }
    const bool isJoin = m_command == QLatin1String("join");
    const bool isLeave = m_command == QLatin1String("leave");
    const bool isInvite = m_command == QLatin1String("invite");
    const bool isForget = m_command == QLatin1String("forget");
    const bool isJobs = m_command == QLatin1String("jobs");
    const bool isKnock = m_command == QLatin1String("knock");
    const bool isDirectory = m_command == QLatin1String("directory");
    const bool isPreview = m_command == QLatin1String("preview");
    const bool isMembership = isJoin || isLeave || isInvite || isForget;
    const bool isMembers = m_command == QLatin1String("members");
    const bool isInvites = m_command == QLatin1String("invites");
    const bool isDecline = m_command == QLatin1String("decline");
    const bool isIgnore =
        m_command == QLatin1String("ignore") || m_command == QLatin1String("unignore");
    const bool isBlockInvites = m_command == QLatin1String("block-invites");
    const bool isModeration = m_command == QLatin1String("kick") ||
                              m_command == QLatin1String("ban") ||
                              m_command == QLatin1String("unban");
    const bool isBanEverywhere = m_command == QLatin1String("ban-everywhere");
    // join --space (--all | --filter TEXT), leave --space
    // [--with-rooms …]: a job over the space's rooms (kept on disk, as --all); hierarchy SPACE.
    if (parser.isSet(withRoomsOpt) && !(isLeave && parser.isSet(spaceOpt)))
        return usageError(tr("--with-rooms only applies to leave --space"));
    if (m_command == QLatin1String("hierarchy")) {
        m_space = positional.value(1).trimmed();
        // Said here: an empty SPACE would otherwise read as no space at all.
        if (positional.size() == 2 && m_space.isEmpty())
            return usageError(tr("hierarchy needs a space: its room ID (!id:server), its address "
                                 "(#alias:server) or its name"));
    }
    // rooms [--space SPACE] [--filter QUERY]: a view of the list.
    if (isRooms && (parser.isSet(spaceOpt) || parser.isSet(filterOpt))) {
        m_roomsSpace = parser.value(spaceOpt).trimmed();
        if (parser.isSet(spaceOpt) && m_roomsSpace.isEmpty())
            return usageError(tr("--space needs a space"));
        m_filter = parser.value(filterOpt);
        if (const QString why = RoomFilterQuery::parse(m_filter, true).error(); !why.isEmpty())
            return usageError(tr("invalid --filter: %1").arg(why));
    }
    if (parser.isSet(spaceOpt) && !isRooms) {
        if (!isJoin && !isLeave)
            return usageError(tr("--space only applies to join and leave"));
        if (positional.size() != 1)
            return usageError(tr("'%1 --space' takes no other argument").arg(m_command));
        if (parser.isSet(fromFileOpt) || parser.isSet(forgetOpt) || parser.isSet(viaOpt))
            return usageError(tr("--space cannot be combined with --from-file, --forget or --via"));
        if (isJoin && parser.isSet(allOpt) == parser.isSet(filterOpt))
            return usageError(tr("join --space needs either --all or --filter TEXT"));
        if (isLeave && (parser.isSet(allOpt) || parser.isSet(filterOpt)))
            return usageError(tr("leave --space takes --with-rooms, not --all or --filter"));
        m_space = parser.value(spaceOpt).trimmed();
        m_spaceFilter = parser.value(filterOpt);
        m_withRooms = parser.isSet(withRoomsOpt) ? parser.value(withRoomsOpt).trimmed()
                                                 : QStringLiteral("none");
        if (m_space.isEmpty())
            return usageError(tr("--space needs a space"));
        if (m_withRooms.isEmpty())
            return usageError(tr("--with-rooms needs all, none or a list of room IDs"));
        // The list's syntax is checked before anything is sent; whether each room is one of the
        // space's that you are in is known only from the hierarchy.
        if (m_withRooms != QLatin1String("all") && m_withRooms != QLatin1String("none")) {
            for (const QString &part : m_withRooms.split(QLatin1Char(','), Qt::SkipEmptyParts)) {
                const QString room = part.trimmed();
                if (room.isEmpty())
                    continue;
                if (!room.startsWith(QLatin1Char('!')) && !room.startsWith(QLatin1Char('#')))
                    return usageError(tr("--with-rooms takes all, none or room IDs or addresses "
                                         "separated by commas, not '%1'")
                                          .arg(room));
                if (const QString why = Identifiers::validateRoomIdOrAlias(room); !why.isEmpty())
                    return usageError(tr("--with-rooms: '%1': %2").arg(room, why));
                if (!m_withRoomList.contains(room))
                    m_withRoomList << room;
            }
            if (m_withRoomList.isEmpty())
                return usageError(tr("--with-rooms needs all, none or a list of room IDs"));
        }
    }
    // A space given by its ID or address: checked now, not by the server.
    if (!m_space.isEmpty() &&
        (m_space.startsWith(QLatin1Char('!')) || m_space.startsWith(QLatin1Char('#')))) {
        if (const QString why = Identifiers::validateRoomIdOrAlias(m_space); !why.isEmpty())
            return usageError(why);
    }

    // Bulk forms: their own number of arguments.
    m_all = parser.isSet(allOpt);
    const bool fromFile = parser.isSet(fromFileOpt);
    const bool usersFile = parser.isSet(usersFileOpt);
    m_bulk = m_all || fromFile || usersFile;
    if (int(m_all) + int(fromFile) + int(usersFile) > 1)
        return usageError(tr("--all, --from-file and --users-from-file cannot be combined"));
    if (m_all && !isMembership)
        return usageError(tr("--all only applies to leave, forget, join and invite"));
    if (fromFile && !isLeave && !isForget)
        return usageError(tr("--from-file only applies to leave and forget"));
    if (usersFile && !isInvite)
        return usageError(tr("--users-from-file only applies to invite"));
    if (parser.isSet(filterOpt) && !m_all && !parser.isSet(spaceOpt) && !isRooms)
        return usageError(tr("--filter only applies with --all"));
    if (parser.isSet(spaceOpt) && !isRooms) {
        m_all = false;
        m_bulk = true;
    }
    if (parser.isSet(skipInvalidOpt) && !fromFile && !usersFile)
        return usageError(tr("--skip-invalid only applies with --from-file or --users-from-file"));
    m_dryRun = parser.isSet(dryRunOpt);
    if (m_dryRun && !isMembership && !isKnock && !isModeration && !isDecline && !isBanEverywhere)
        return usageError(tr("--dry-run only applies to join, leave, invite, forget, knock, kick, "
                             "ban, unban and decline"));
    if ((parser.isSet(serverOpt) || parser.isSet(searchOpt)) && !isDirectory)
        return usageError(tr("--server and --search only apply to directory"));
    if (parser.isSet(storeDirOpt) && !m_bulk && !isJobs && !isDecline && !isBanEverywhere)
        return usageError(tr("--store-dir only applies to bulk commands and jobs"));

    if ((parser.isSet(byInviterOpt) || parser.isSet(byServerOpt)) && !isInvites)
        return usageError(tr("--by-inviter and --by-server only apply to invites"));
    if (parser.isSet(byInviterOpt) && parser.isSet(byServerOpt))
        return usageError(tr("--by-inviter and --by-server cannot be combined"));
    if ((parser.isSet(fromOpt) || parser.isSet(ignoreOpt)) && !isDecline)
        return usageError(tr("--from and --ignore only apply to decline"));
    if (isDecline) {
        if (m_bulk)
            return usageError(tr("decline takes --from, not --all or a file"));
        if (!parser.isSet(fromOpt))
            return usageError(tr("decline needs --from @user:server"));
        if (parser.values(fromOpt).size() > 1)
            return usageError(tr("--from can be given only once"));
        m_declineFrom = parser.value(fromOpt).trimmed();
        if (const QString why = Identifiers::validateUserId(m_declineFrom); !why.isEmpty())
            return usageError(why);
        m_ignoreAfter = parser.isSet(ignoreOpt);
        m_bulk = true; // a job, as leave --all: kept on disk, paced, resumable
    }
    m_groupByServer = parser.isSet(byServerOpt);
    // A job over the joined rooms where the plan says the ban applies.
    if (isBanEverywhere) {
        if (m_bulk)
            return usageError(tr("ban-everywhere takes a user ID, not --all or a file"));
        m_bulk = true;
    }

    // leave ROOM --with-predecessors: one job over the room and the
    // older versions of it that the account is in (found after one /sync).
    if (parser.isSet(withPredecessorsOpt)) {
        if (!isLeave || m_bulk)
            return usageError(tr("--with-predecessors only applies to leave with one room ID"));
        if (m_args.size() != 1)
            return usageError(tr("'leave --with-predecessors' takes one room ID"));
        m_predecessorsOf = m_args.at(0).trimmed();
        if (const QString why = Identifiers::validateRoomId(m_predecessorsOf); !why.isEmpty())
            return usageError(why);
        m_bulk = true;
    }

    int expected = arity.value(m_command);
    if (m_bulk)
        expected = isInvite || isBanEverywhere || !m_predecessorsOf.isEmpty() ? 1 : 0;
    if (isJobs) {
        if (m_args.size() == 2 &&
            QStringList{QStringLiteral("resume"), QStringLiteral("cancel"), QStringLiteral("retry")}
                .contains(m_args.at(0))) {
            m_jobsAction = m_args.at(0);
            m_jobId = m_args.at(1).trimmed();
        } else if (!m_args.isEmpty()) {
            return usageError(tr("jobs takes no argument, or resume, cancel or retry and a job "
                                 "ID"));
        }
    } else if (m_args.size() != expected) {
        return usageError(tr("'%1' takes %n argument(s), got %2", nullptr, expected)
                              .arg(m_command)
                              .arg(m_args.size()));
    }
    for (const QCommandLineOption *single :
         {&homeserverOpt, &reasonOpt, &membershipOpt, &filterOpt, &fromFileOpt, &usersFileOpt,
          &storeDirOpt, &serverOpt, &searchOpt}) {
        if (parser.values(*single).size() > 1)
            return usageError(tr("--%1 can be given only once").arg(single->names().constFirst()));
    }
    const bool takesReason =
        isJoin || isLeave || isInvite || isKnock || isModeration || isDecline || isBanEverywhere;
    if (parser.isSet(membershipOpt) && !isRooms && !isMembers)
        return usageError(tr("--membership only applies to rooms and members"));
    m_membershipFilter = parser.value(membershipOpt);
    if (parser.isSet(membershipOpt) && isRooms &&
        !QStringList{QStringLiteral("join"), QStringLiteral("invite"), QStringLiteral("leave")}
             .contains(m_membershipFilter))
        return usageError(tr("--membership must be join, invite or leave"));
    if (parser.isSet(membershipOpt) && isMembers &&
        !QStringList{QStringLiteral("join"), QStringLiteral("invite"), QStringLiteral("knock"),
                     QStringLiteral("ban"), QStringLiteral("leave")}
             .contains(m_membershipFilter))
        return usageError(tr("--membership must be join, invite, knock, ban or leave"));
    if (parser.isSet(viaOpt) && (!(isJoin || isKnock || isPreview) || m_bulk))
        return usageError(tr("--via only applies to join, knock and preview"));
    if (parser.isSet(forgetOpt) && !isLeave)
        return usageError(tr("--forget only applies to leave"));
    if (parser.isSet(reasonOpt) && (!takesReason || (isJoin && m_bulk)))
        return usageError(tr("--reason does not apply to %1").arg(m_command));

    m_reason = parser.value(reasonOpt);
    m_alsoForget = parser.isSet(forgetOpt);
    if (m_bulk) {
        if (m_reason.size() > MembershipService::MaxReasonLength)
            return usageError(tr("The reason is too long (at most %1 characters).")
                                  .arg(MembershipService::MaxReasonLength));
        if (m_all) {
            m_filter = parser.value(filterOpt);
            const RoomFilterQuery query = RoomFilterQuery::parse(m_filter, true);
            if (const QString why = query.error(); !why.isEmpty())
                return usageError(tr("invalid --filter: %1").arg(why));
            if (isInvite) {
                m_bulkUser = m_args.at(0).trimmed();
                if (const QString why = Identifiers::validateUserId(m_bulkUser); !why.isEmpty())
                    return usageError(why);
            }
        } else if (isBanEverywhere) {
            m_bulkUser = m_args.at(0).trimmed();
            if (const QString why = Identifiers::validateUserId(m_bulkUser); !why.isEmpty())
                return usageError(why);
        } else if (!isDecline && m_space.isEmpty() && m_predecessorsOf.isEmpty()) {
            const QString path = parser.value(fromFile ? fromFileOpt : usersFileOpt);
            QString text;
            if (const int status = readInputFile(path, &text); status != Ok)
                return status;
            QList<BadLine> bad;
            if (fromFile) {
                m_listed = parseRoomList(text, &bad);
            } else {
                m_bulkRoom = m_args.at(0).trimmed();
                if (const QString why = Identifiers::validateRoomId(m_bulkRoom); !why.isEmpty())
                    return usageError(why);
                m_listed = parseUserList(text, &bad, &m_duplicates);
            }
            if (!bad.isEmpty() && !parser.isSet(skipInvalidOpt)) {
                QStringList lines;
                for (const BadLine &b : std::as_const(bad).mid(0, MaxBadLinesShown))
                    lines << tr("%1 line %2: %3 (%4)").arg(path).arg(b.line).arg(b.reason, b.text);
                if (bad.size() > MaxBadLinesShown)
                    lines << tr("… and %n more", nullptr, int(bad.size()) - MaxBadLinesShown);
                const QString header =
                    tr("%n invalid line(s), nothing was sent (--skip-invalid skips them):", nullptr,
                       int(bad.size()));
                // JSON: one message; a terminal: one line per bad line, under the error.
                if (m_json)
                    return usageError(header + QLatin1Char(' ') + lines.join(QStringLiteral("; ")));
                usageError(header);
                for (const QString &line : std::as_const(lines))
                    err() << "  " << safe(line) << "\n";
                err().flush();
                return UsageError;
            }
            m_skipped = bad;
            if (m_listed.isEmpty())
                return usageError(fromFile ? tr("%1 lists no room ID").arg(path)
                                           : tr("%1 lists no user ID").arg(path));
        }
    }

    static const QHash<QString, Operation::Kind> kinds{
        {QStringLiteral("join"), Operation::Join},
        {QStringLiteral("leave"), Operation::Leave},
        {QStringLiteral("invite"), Operation::Invite},
        {QStringLiteral("forget"), Operation::Forget},
        {QStringLiteral("knock"), Operation::Knock},
        {QStringLiteral("kick"), Operation::Kick},
        {QStringLiteral("ban"), Operation::Ban},
        {QStringLiteral("unban"), Operation::Unban}};
    if (kinds.contains(m_command) && !m_bulk) {
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
    if (isDirectory) {
        m_directoryServer = parser.value(serverOpt).trimmed();
        m_searchTerm = parser.value(searchOpt);
        if (parser.isSet(serverOpt)) {
            if (const QString why = Identifiers::validateServerName(m_directoryServer);
                !why.isEmpty())
                return usageError(tr("invalid --server: %1").arg(why));
        }
    }
    if (isIgnore) {
        m_action.userId = m_args.at(0).trimmed();
        if (const QString why = Identifiers::validateUserId(m_action.userId); !why.isEmpty())
            return usageError(why);
    }
    if (isBlockInvites) {
        m_blockInvites = m_args.at(0).trimmed();
        if (!QStringList{QStringLiteral("on"), QStringLiteral("off"), QStringLiteral("status")}
                 .contains(m_blockInvites))
            return usageError(tr("block-invites takes on, off or status"));
    }
    if (isMembers) {
        m_action.target = m_args.at(0).trimmed();
        if (const QString why = Identifiers::validateRoomId(m_action.target); !why.isEmpty())
            return usageError(why);
    }
    if (isPreview) {
        m_action.target = m_args.at(0).trimmed();
        if (const QString why = Identifiers::validateRoomIdOrAlias(m_action.target); !why.isEmpty())
            return usageError(why);
        QStringList via;
        if (const QString why = Identifiers::validateViaServers(parser.values(viaOpt), &via);
            !why.isEmpty())
            return usageError(why);
        m_action.via = via;
    }

    // Where the credentials come from: a password (login --password), a token (environment or
    // stdin), else the session saved by login --password or the app (keychain).
    QString token;
    QString password;
    if (m_passwordLogin) {
        QFile in;
        if (in.open(stdin, QIODevice::ReadOnly)) {
            password = QString::fromUtf8(in.readLine());
            while (password.endsWith(QLatin1Char('\n')) || password.endsWith(QLatin1Char('\r')))
                password.chop(1); // a password may begin or end with spaces: only the line end goes
        }
        if (password.isEmpty())
            return usageError(tr("no password: login --password reads it from the first line of "
                                 "standard input"));
    } else if (parser.isSet(tokenStdinOpt)) {
        QFile in;
        if (in.open(stdin, QIODevice::ReadOnly))
            token = QString::fromUtf8(in.readLine()).trimmed();
        if (token.isEmpty())
            return usageError(tr("no access token on standard input"));
    } else {
        token = qEnvironmentVariable("CONCIERGE_ACCESS_TOKEN").trimmed();
    }
    CredentialStore savedSession;
    m_useSavedSession = !m_passwordLogin && !m_ssoLogin && token.isEmpty();
    if (isLogout && !token.isEmpty())
        return usageError(tr("logout forgets the saved session; it takes no access token"));
    if (parser.isSet(accountOpt)) {
        if (!m_useSavedSession)
            return usageError(tr("--account picks a saved session: it cannot be combined with an "
                                 "access token, --password or --sso"));
        QStringList saved;
        for (const CredentialStore::SavedAccount &a : CredentialStore::savedAccounts())
            saved << a.userId;
        if (!saved.contains(account))
            return usageError(
                saved.isEmpty()
                    ? tr("there is no saved session for %1 (none is saved)").arg(safe(account))
                    : tr("there is no saved session for %1; saved: %2")
                          .arg(safe(account), safe(saved.join(QStringLiteral(", ")))));
        savedSession.setAccount(account);
    }

    QString homeserver = parser.value(homeserverOpt);
    if (homeserver.isEmpty())
        homeserver = qEnvironmentVariable("CONCIERGE_HOMESERVER");
    if (m_useSavedSession) {
        const QString saved = savedSession.savedHomeserver();
        if (saved.isEmpty())
            return usageError(isLogout
                                  ? tr("there is no saved session to log out")
                                  : tr("no access token: set CONCIERGE_ACCESS_TOKEN, pass "
                                       "--token-stdin, or sign in once with login --password"));
        if (!homeserver.trimmed().isEmpty() && homeserver.trimmed() != saved)
            return usageError(tr("the saved session is for %1, not %2; pass an access token to use "
                                 "another homeserver")
                                  .arg(safe(saved), safe(homeserver.trimmed())));
        homeserver = saved;
    }
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

    QString storeDirectory = parser.value(storeDirOpt);
    if (storeDirectory.isEmpty())
        storeDirectory = qEnvironmentVariable("CONCIERGE_STORE_DIR");
    // Jobs (and the lock that keeps two programs from running the same account's jobs) only for
    // the commands that run them; a dry run sends nothing and keeps nothing.
    const bool keepJobs = (m_bulk || isJobs) && !m_dryRun;
    m_services = new AppServices(AppServices::Options{.useKeychain = token.isEmpty(),
                                                      .interactive = false,
                                                      .syncAfterSignIn = false,
                                                      .storeDirectory = storeDirectory,
                                                      .keepJobs = keepJobs,
                                                      .restoreJobsPaused = true},
                                 this);
    // A saved session stays saved with its refreshed tokens; a password login saves its own
    // (runCommand) so that a failure to save can be reported and undone.
    if (m_useSavedSession)
        m_services->credentials()->setAccount(savedSession.account());
    m_services->setRememberSession(m_useSavedSession);
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
        if (m_useSavedSession && m_command == QLatin1String("logout") && error.isAuthFailure()) {
            // Already ended on the server: what is left to do is forgetting it here.
            connect(
                m_services->credentials(), &CredentialStore::forgotten, this,
                [this] {
                    out() << tr("The saved session had already ended on the server; forgot it.")
                          << "\n"
                          << Qt::flush;
                    emit finished(Ok);
                },
                Qt::SingleShotConnection);
            m_services->credentials()->forget();
            return;
        }
        MatrixError e = error;
        if (error.isAuthFailure())
            e.message = sessionEndedMessage(error);
        else if (const QString text = session->errorText(); !text.isEmpty())
            e.message = text;
        // A refused password (M_FORBIDDEN) is the server's answer, as for any other command.
        const bool refused = (m_passwordLogin || m_ssoLogin) && error.kind == MatrixError::Server &&
                             !error.isAuthFailure() && error.httpStatus < 500;
        fail(e, error.kind == MatrixError::InvalidInput ? UsageError
                : refused                               ? ServerError
                                                        : ConnectionError);
    });
    if (m_passwordLogin) {
        m_services->signInWithPassword(homeserver, loginUser, password);
    } else if (m_ssoLogin) {
        connect(session, &Session::browserRequested, this, &Cli::openSignInPage);
        m_services->signInWithSso(homeserver, ssoProvider);
    } else if (m_useSavedSession) {
        connect(
            m_services, &AppServices::restoreFinished, this,
            [this](bool started) {
                if (!started) {
                    const QString why = m_services->credentials()->lastError();
                    const MatrixError e = MatrixError::cancelled(
                        why.isEmpty()
                            ? tr("The saved session could not be read back; sign in again "
                                 "with login --password.")
                            : tr("The saved session could not be read back: %1").arg(why));
                    fail(e, ConnectionError);
                }
            },
            Qt::SingleShotConnection);
        m_services->restoreSession();
    } else {
        m_services->signIn(homeserver, token);
    }
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

int Cli::listAccounts()
{
    const QList<CredentialStore::SavedAccount> accounts = CredentialStore::savedAccounts();
    const QString last = CredentialStore::lastUsedAccount();
    if (m_json) {
        QJsonArray list;
        for (const CredentialStore::SavedAccount &a : accounts)
            list.append(QJsonObject{{QStringLiteral("user_id"), a.userId},
                                    {QStringLiteral("homeserver"), a.homeserver},
                                    {QStringLiteral("default"), a.userId == last}});
        printJson({{QStringLiteral("ok"), true}, {QStringLiteral("accounts"), list}});
        return Ok;
    }
    if (accounts.isEmpty()) {
        out() << tr("No saved account: sign in with login --password or login --sso, or in the "
                    "Concierge app.")
              << "\n"
              << Qt::flush;
        return Ok;
    }
    for (const CredentialStore::SavedAccount &a : accounts)
        out() << (a.userId == last ? "* " : "  ") << safe(a.userId) << "  " << safe(a.homeserver)
              << (a.userId == last ? QStringLiteral("  ") + tr("(default)") : QString()) << "\n";
    out() << Qt::flush;
    return Ok;
}

void Cli::runCommand()
{
    Session *session = m_services->session();
    if (m_command == QLatin1String("logout")) {
        runLogout();
        return;
    }
    if (m_command == QLatin1String("login") && (m_passwordLogin || m_ssoLogin)) {
        saveNewSession();
        return;
    }
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
    if (m_command == QLatin1String("rooms") || m_command == QLatin1String("spaces")) {
        listRooms(); // spaces: printRooms() prints the tree
        return;
    }
    if (m_command == QLatin1String("jobs")) {
        runJobsCommand();
        return;
    }
    if (m_command == QLatin1String("directory")) {
        runDirectory();
        return;
    }
    if (m_command == QLatin1String("preview")) {
        runPreview();
        return;
    }
    if (m_command == QLatin1String("members")) {
        runMembers();
        return;
    }
    if (m_command == QLatin1String("invites")) {
        listInvites();
        return;
    }
    if (m_command == QLatin1String("ignore") || m_command == QLatin1String("unignore") ||
        m_command == QLatin1String("ignored") || m_command == QLatin1String("block-invites")) {
        runBlocking();
        return;
    }
    if (!m_space.isEmpty()) {
        runSpaceCommand();
        return;
    }
    if (m_bulk) {
        runBulk();
        return;
    }
    if (m_dryRun) {
        printDryRun({m_action});
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
        if (Operation::isModeration(operation->kind()))
            obj.insert(QStringLiteral("user_id"), operation->userId());
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
        case Operation::Knock:
            out() << tr("Asked to join %1; the request is pending until someone in the room "
                        "answers it")
                         .arg(safe(roomId));
            break;
        case Operation::Kick:
            out() << tr("Kicked %1 from %2").arg(safe(operation->userId()), safe(roomId));
            break;
        case Operation::Ban:
            out() << tr("Banned %1 from %2").arg(safe(operation->userId()), safe(roomId));
            break;
        case Operation::Unban:
            out() << tr("Unbanned %1 in %2").arg(safe(operation->userId()), safe(roomId));
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
    // spaces: the tree; rooms --space/--filter: a view of the list.
    if (m_command == QLatin1String("spaces")) {
        printSpaces();
        return;
    }
    QString scope;
    if (!m_roomsSpace.isEmpty()) {
        const QStringList spaces = store->resolveSpaces(m_roomsSpace);
        if (spaces.isEmpty()) {
            usageError(tr("no space you know of is called '%1'").arg(m_roomsSpace));
            return;
        }
        if (spaces.size() > 1) {
            usageError(ambiguousSpace(store, m_roomsSpace, spaces));
            return;
        }
        scope = spaces.first();
    }
    const RoomFilterQuery query = RoomFilterQuery::parse(m_filter, true, store, scope);
    if (!query.error().isEmpty()) {
        usageError(tr("invalid --filter: %1").arg(query.error()));
        return;
    }
    QList<const RoomSummary *> rooms;
    for (int i = 0; i < store->size(); ++i) {
        const RoomSummary &room = store->at(i);
        if ((m_membershipFilter.isEmpty() ||
             Membership::toString(room.membership) == m_membershipFilter) &&
            query.accepts(room))
            rooms << &room;
    }
    auto order = [](Membership::Value m) {
        return m == Membership::Invite  ? 0
               : m == Membership::Knock ? 1
               : m == Membership::Join  ? 2
                                        : 3;
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
                {QStringLiteral("inviter"), orNull(room->inviterId)},
                {QStringLiteral("room_type"), orNull(room->roomType)},
                {QStringLiteral("is_space"), room->isSpace()},
                {QStringLiteral("is_direct"), room->isDirect()},
                {QStringLiteral("spaces"),
                 QJsonArray::fromStringList(store->spacesOf(room->roomId))}});
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
                const QString title = current == Membership::Invite  ? tr("Invites (%1)")
                                      : current == Membership::Knock ? tr("Requested (%1)")
                                      : current == Membership::Join  ? tr("Joined (%1)")
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
            if (room->isSpace())
                out() << "  · " << tr("space");
            if (room->isDirect())
                out() << "  · " << tr("direct chat");
            out() << "\n";
        }
        if (rooms.isEmpty())
            out() << tr("No rooms.") << "\n";
        out().flush();
    }
    emit finished(Ok);
}

// --- Spaces (list side) -------------------------------------------------------------------------

void Cli::printSpaces()
{
    // The views and the tree of joined spaces as the app's space picker shows them (SpacesModel).
    const SpacesModel *spaces = m_services->spaces();
    if (m_json) {
        QJsonArray views;
        QJsonArray tree;
        for (int row = 0; row < spaces->rowCount(); ++row) {
            const QVariantMap v = spaces->get(row);
            const auto value = [&](const char *key) { return v.value(QLatin1String(key)); };
            QJsonObject entry{{QStringLiteral("scope"), value("scope").toString()},
                              {QStringLiteral("name"), value("name").toString()},
                              {QStringLiteral("joined"), value("joinedCount").toInt()},
                              {QStringLiteral("invited"), value("inviteCount").toInt()},
                              {QStringLiteral("left"), value("leftCount").toInt()},
                              {QStringLiteral("rooms"), value("roomCount").toInt()}};
            if (value("kind").toInt() != SpacesModel::Space) {
                views.append(entry);
                continue;
            }
            const QString spaceId = value("roomId").toString();
            entry.insert(QStringLiteral("room_id"), spaceId);
            entry.insert(QStringLiteral("depth"), value("depth").toInt());
            const QString alias = value("canonicalAlias").toString();
            entry.insert(QStringLiteral("canonical_alias"),
                         alias.isEmpty() ? QJsonValue() : QJsonValue(alias));
            const RoomSummary *space = m_services->store()->find(spaceId);
            entry.insert(QStringLiteral("children"),
                         QJsonArray::fromStringList(space ? space->childIds : QStringList()));
            tree.append(entry);
        }
        printJson({{QStringLiteral("user_id"), m_services->session()->userId()},
                   {QStringLiteral("views"), views},
                   {QStringLiteral("spaces"), tree}},
                  true);
    } else {
        for (int row = 0; row < spaces->rowCount(); ++row) {
            const QVariantMap v = spaces->get(row);
            const bool isSpace = v.value(QStringLiteral("kind")).toInt() == SpacesModel::Space;
            out() << QString(2 * v.value(QStringLiteral("depth")).toInt(), QLatin1Char(' '))
                  << safe(v.value(QStringLiteral("name")).toString());
            if (isSpace)
                out() << "  " << safe(v.value(QStringLiteral("roomId")).toString());
            const int joined = v.value(QStringLiteral("joinedCount")).toInt();
            const int invited = v.value(QStringLiteral("inviteCount")).toInt();
            const int left = v.value(QStringLiteral("leftCount")).toInt();
            // What is neither joined, invited nor left is a request to join (said if any).
            const int requested =
                v.value(QStringLiteral("roomCount")).toInt() - joined - invited - left;
            out() << "  · "
                  << tr("%1 joined, %2 invited, %3 left").arg(joined).arg(invited).arg(left);
            if (requested > 0)
                out() << ", " << tr("%n requested", nullptr, requested);
            out() << "\n";
        }
        if (spaces->spaceCount() == 0)
            out() << tr("You are in no space.") << "\n";
        out().flush();
    }
    emit finished(Ok);
}

// --- Bulk commands and jobs ----------------------------------------------------------------------

void Cli::failWith(const MatrixError &error)
{
    if (error.isAuthFailure()) {
        MatrixError e = error;
        e.message = sessionEndedMessage(error);
        fail(e, ConnectionError);
        return;
    }
    fail(error, error.kind == MatrixError::Server ? ServerError : ConnectionError);
}

void Cli::reportSkipped(const QList<BadLine> &lines, const QString &why)
{
    for (const BadLine &b : lines) {
        if (m_json) {
            printJson({{QStringLiteral("type"), QStringLiteral("skipped")},
                       {QStringLiteral("line"), b.line},
                       {QStringLiteral("input"), b.text},
                       {QStringLiteral("reason"), b.reason.isEmpty() ? why : b.reason}});
        } else {
            const QString where = b.line > 0 ? tr("line %1: ").arg(b.line) : QString();
            err() << "concierge-cli: " << tr("skipped") << " " << where << safe(b.text) << " ("
                  << safe(b.reason.isEmpty() ? why : b.reason) << ")\n";
        }
    }
    err().flush();
}

void Cli::runBulk()
{
    JobQueue *queue = m_services->jobs();
    if (!m_dryRun && !queue->isOpen()) {
        // Another Concierge holds this account's jobs, or they cannot be saved: nothing is sent.
        fail(MatrixError::invalidInput(queue->lastError()), ConnectionError);
        return;
    }
    reportSkipped(m_skipped, {});
    reportSkipped(m_duplicates, {});
    if (m_all || !m_declineFrom.isEmpty() || m_command == QLatin1String("ban-everywhere") ||
        !m_predecessorsOf.isEmpty())
        collectRoomsThenRun();
    else if (m_command == QLatin1String("invite"))
        fetchMembersThenRun();
    else
        runTargets(m_listed);
}

void Cli::collectRoomsThenRun()
{
    // One /sync (timeout 0), as `rooms` does: the rooms and their invites, no per-room calls.
    Endpoints::SyncParams params;
    params.filter = SyncEngine::filterJson();
    ApiCall *call = Endpoints::sync(m_services->api(), params);
    connect(call, &ApiCall::failed, this, &Cli::failWith);
    connect(call, &ApiCall::succeeded, this, [this](const QJsonObject &body) {
        RoomStore *store = m_services->store();
        store->applySync(body);
        if (m_command == QLatin1String("ban-everywhere")) {
            runBanEverywhere();
            return;
        }
        if (!m_predecessorsOf.isEmpty()) {
            runLeaveWithPredecessors();
            return;
        }
        if (!m_declineFrom.isEmpty()) {
            // decline --from: that person's pending invites, as the triage view groups them.
            QStringList targets;
            const auto groups = InviteGroupsModel::group(*store, InviteGroupsModel::ByInviter);
            for (const InviteGroupsModel::Group &group : groups)
                if (group.key == m_declineFrom)
                    targets = group.roomIds;
            runTargets(targets);
            return;
        }
        // The rooms the command applies to: leave (joined rooms, invites, knocks), forget (left
        // or banned), join (invites), invite (joined rooms).
        QList<Membership::Value> applies;
        if (m_command == QLatin1String("leave"))
            applies = {Membership::Join, Membership::Invite, Membership::Knock};
        else if (m_command == QLatin1String("forget"))
            applies = {Membership::Leave, Membership::Ban};
        else if (m_command == QLatin1String("join"))
            applies = {Membership::Invite};
        else
            applies = {Membership::Join};
        // in: is resolved in the rooms just read; a space not found
        // is a usage error (nothing sent), not a job over no room.
        const RoomFilterQuery query = RoomFilterQuery::parse(m_filter, true, store);
        if (!query.error().isEmpty()) {
            usageError(tr("invalid --filter: %1").arg(query.error()));
            return;
        }
        QList<const RoomSummary *> rooms;
        for (int i = 0; i < store->size(); ++i) {
            const RoomSummary &room = store->at(i);
            if (applies.contains(room.membership) && query.accepts(room))
                rooms << &room;
        }
        std::sort(rooms.begin(), rooms.end(), [](const RoomSummary *a, const RoomSummary *b) {
            const int c = QString::compare(a->displayName(), b->displayName(), Qt::CaseInsensitive);
            return c != 0 ? c < 0 : a->roomId < b->roomId;
        });
        QStringList targets;
        for (const RoomSummary *room : std::as_const(rooms))
            targets << room->roomId;
        runTargets(targets);
    });
}

void Cli::fetchMembersThenRun()
{
    // Who is in the room or invited already is skipped (and reported), not invited again.
    ApiCall *call =
        Endpoints::getMembersByRoom(m_services->api(), m_bulkRoom, QStringLiteral("leave"));
    connect(call, &ApiCall::failed, this, [this](const MatrixError &error) {
        if (error.isAuthFailure() || error.kind != MatrixError::Server) {
            failWith(error);
            return;
        }
        // The list cannot be read (not in the room?): the invites will tell; a member is
        // still counted as done, never invited twice.
        err() << "concierge-cli: "
              << tr("could not read who is in the room already (%1); inviting everyone listed")
                     .arg(safe(error.rawSummary()))
              << "\n"
              << Qt::flush;
        runTargets(m_listed);
    });
    connect(call, &ApiCall::succeeded, this, [this](const QJsonObject &body) {
        QHash<QString, QString> current; // user ID -> join, invite, …
        const QJsonArray chunk = body.value(QLatin1String("chunk")).toArray();
        for (const QJsonValue &value : chunk) {
            const QJsonObject event = value.toObject();
            current.insert(event.value(QLatin1String("state_key")).toString(),
                           event.value(QLatin1String("content"))
                               .toObject()
                               .value(QLatin1String("membership"))
                               .toString());
        }
        QStringList targets;
        QList<BadLine> members;
        for (const QString &user : std::as_const(m_listed)) {
            const QString membership = current.value(user);
            if (membership == QLatin1String("join"))
                members.append({0, user, tr("already a member")});
            else if (membership == QLatin1String("invite"))
                members.append({0, user, tr("already invited")});
            else
                targets << user;
        }
        reportSkipped(members, {});
        runTargets(targets);
    });
}

QList<Operation::Description> Cli::describeItems(const QStringList &targets) const
{
    QList<Operation::Description> items;
    for (const QString &target : targets) {
        Operation::Description d;
        if (m_command == QLatin1String("leave") || m_command == QLatin1String("decline")) {
            d.kind = m_alsoForget ? Operation::LeaveAndForget : Operation::Leave;
            d.target = target;
            d.reason = m_reason;
        } else if (m_command == QLatin1String("forget")) {
            d.kind = Operation::Forget;
            d.target = target;
        } else if (m_command == QLatin1String("join")) {
            d.kind = Operation::Join;
            d.target = target;
        } else if (!m_bulkRoom.isEmpty()) {
            d.kind = Operation::Invite;
            d.target = m_bulkRoom;
            d.userId = target;
            d.reason = m_reason;
        } else {
            d.kind = Operation::Invite;
            d.target = target;
            d.userId = m_bulkUser;
            d.reason = m_reason;
        }
        items << d;
    }
    return items;
}

void Cli::printDryRun(const QList<Operation::Description> &items)
{
    int requests = 0;
    for (int i = 0; i < items.size(); ++i) {
        for (const HttpRequest &r : requestsFor(m_services->api(), items.at(i))) {
            ++requests;
            if (m_json) {
                printJson({{QStringLiteral("type"), QStringLiteral("request")},
                           {QStringLiteral("item"), i},
                           {QStringLiteral("method"), QString::fromLatin1(r.verb)},
                           {QStringLiteral("path"), QString::fromLatin1(r.pathAndQuery)},
                           {QStringLiteral("body"), QJsonDocument::fromJson(r.body).object()}});
            } else {
                out() << r.verb << " " << safe(QString::fromLatin1(r.pathAndQuery)) << " "
                      << safe(QString::fromUtf8(r.body)) << "\n";
            }
        }
    }
    if (m_json) {
        printJson({{QStringLiteral("type"), QStringLiteral("summary")},
                   {QStringLiteral("ok"), true},
                   {QStringLiteral("dry_run"), true},
                   {QStringLiteral("items"), int(items.size())},
                   {QStringLiteral("requests"), requests}});
    } else {
        out().flush();
        err() << tr("Dry run: %n request(s) would be sent; nothing was sent.", nullptr, requests)
              << "\n"
              << Qt::flush;
    }
    endBulk(Ok);
}

void Cli::endWithNothingToDo(const QString &why)
{
    if (m_json)
        printJson({{QStringLiteral("type"), QStringLiteral("summary")},
                   {QStringLiteral("ok"), true},
                   {QStringLiteral("total"), 0}});
    else
        out() << why << "\n" << Qt::flush;
    endBulk(Ok);
}

void Cli::runTargets(const QStringList &targets)
{
    if (targets.isEmpty()) {
        endWithNothingToDo(tr("Nothing to do: no room or person matches."));
        return;
    }
    if (m_dryRun) {
        printDryRun(describeItems(targets));
        return;
    }
    JobQueue *queue = m_services->jobs();
    Job *job = nullptr;
    if (m_command == QLatin1String("leave") || m_command == QLatin1String("decline"))
        job = queue->leaveRooms(targets, m_reason, m_alsoForget);
    else if (m_command == QLatin1String("forget"))
        job = queue->forgetRooms(targets);
    else if (m_command == QLatin1String("join"))
        job = queue->joinRooms(targets);
    else if (!m_bulkRoom.isEmpty())
        job = queue->inviteUsers(m_bulkRoom, targets, m_reason);
    else
        job = queue->inviteToRooms(targets, m_bulkUser, m_reason);
    if (!job) {
        // Refused before anything was sent (it could not be saved).
        fail(MatrixError::invalidInput(queue->lastError()), ConnectionError);
        return;
    }
    announceAndWatch(job);
}

void Cli::announceAndWatch(Job *job)
{
    if (m_json) {
        printJson({{QStringLiteral("type"), QStringLiteral("job")},
                   {QStringLiteral("job"), job->id()},
                   {QStringLiteral("title"), job->title()},
                   {QStringLiteral("total"), job->total()}});
    } else {
        err()
            << tr("Job %1 started: %2").arg(job->id(), safe(job->title())) << "\n"
            << tr("(Ctrl+C pauses it; 'concierge-cli jobs resume %1' continues it.)").arg(job->id())
            << "\n"
            << Qt::flush;
    }
    watchJob(job);
}

void Cli::runJobsCommand()
{
    JobQueue *queue = m_services->jobs();
    if (!queue->isOpen()) {
        fail(MatrixError::invalidInput(queue->lastError()), ConnectionError);
        return;
    }
    if (m_jobsAction.isEmpty()) {
        listJobs();
        return;
    }
    Job *job = queue->load(m_jobId, true);
    if (!job) {
        fail(MatrixError::invalidInput(
                 tr("no job with the ID '%1' (see 'concierge-cli jobs')").arg(m_jobId)),
             UsageError);
        return;
    }
    if (m_jobsAction == QLatin1String("retry")) {
        if (job->failed() + job->unknown() == 0) {
            if (!job->isActive()) {
                reportJobEnd(job);
                return;
            }
            fail(MatrixError::invalidInput(tr("job %1 has no failed item to retry").arg(m_jobId)),
                 UsageError);
            return;
        }
        job->retryFailed();
    } else if (m_jobsAction == QLatin1String("cancel")) {
        if (job->isActive())
            job->cancel();
    } else if (job->state() == Job::Paused) {
        job->resume();
    }
    if (!job->isActive()) {
        reportJobEnd(job);
        return;
    }
    if (!m_json)
        err() << safe(job->statusText()) << "\n" << Qt::flush;
    watchJob(job);
}

void Cli::listJobs()
{
    const QList<JobJournal::Job> jobs = m_services->jobs()->storedJobs();
    if (m_json) {
        QJsonArray array;
        for (const JobJournal::Job &j : jobs) {
            array.append(QJsonObject{
                {QStringLiteral("id"), j.id},
                {QStringLiteral("title"), j.title},
                {QStringLiteral("kind"), j.kind},
                {QStringLiteral("state"), JobJournal::jobStateName(j.state)},
                {QStringLiteral("created"),
                 QDateTime::fromMSecsSinceEpoch(j.createdMs).toUTC().toString(Qt::ISODate)},
                {QStringLiteral("total"), j.counts.total()},
                {QStringLiteral("done"), j.counts.succeeded},
                {QStringLiteral("failed"), j.counts.failed},
                {QStringLiteral("unknown"), j.counts.unknown},
                {QStringLiteral("cancelled"), j.counts.cancelled},
                {QStringLiteral("remaining"), j.counts.pending + j.counts.sent}});
        }
        printJson({{QStringLiteral("jobs"), array}}, true);
    } else if (jobs.isEmpty()) {
        out() << tr("No jobs.") << "\n";
    } else {
        for (const JobJournal::Job &j : jobs) {
            out() << j.id << "  " << JobJournal::jobStateName(j.state) << "  "
                  << tr("%1 done, %2 failed, %3 remaining")
                         .arg(j.counts.succeeded)
                         .arg(j.counts.failed + j.counts.unknown)
                         .arg(j.counts.pending + j.counts.sent)
                  << "  " << safe(j.title) << "\n";
        }
    }
    out().flush();
    emit finished(Ok);
}

void Cli::watchJob(Job *job)
{
    m_job = job;
    m_reported.clear();
    for (const Job::Item &item : job->itemList())
        m_reported << int(item.state);
    connect(job, &Job::progressChanged, this, [this, job] {
        const QList<Job::Item> &items = job->itemList();
        for (int i = 0; i < items.size() && i < m_reported.size(); ++i) {
            const Job::ItemState state = items.at(i).state;
            if (int(state) == m_reported.at(i))
                continue;
            m_reported[i] = int(state);
            if (state != Job::ItemPending && state != Job::ItemSent)
                reportItem(job, i);
        }
    });
    connect(job, &Job::stateChanged, this, [this, job] {
        if (job->state() != Job::Paused)
            return;
        if (!job->problem().isEmpty()) {
            fail(MatrixError::invalidInput(job->problem()), ConnectionError);
            return;
        }
        reportJobEnd(job);
    });
    connect(job, &Job::finished, this, [this, job] { reportJobEnd(job); });
    installInterruptHandler();
}

void Cli::reportItem(Job *job, int position)
{
    const Job::Item &item = job->itemList().at(position);
    const Operation::Description &d = item.description;
    if (m_json) {
        QJsonObject line{
            {QStringLiteral("type"), QStringLiteral("item")},
            {QStringLiteral("job"), job->id()},
            {QStringLiteral("position"), position},
            {QStringLiteral("kind"), Operation::kindName(d.kind)},
            {QStringLiteral("target"), d.target},
            {QStringLiteral("state"),
             JobJournal::itemStateName(static_cast<JobJournal::ItemState>(int(item.state)))},
            {QStringLiteral("already_done"), item.alreadyDone()},
            {QStringLiteral("attempts"), item.attempts}};
        if (!d.userId.isEmpty())
            line.insert(QStringLiteral("user_id"), d.userId);
        if (item.error.isError()) {
            line.insert(QStringLiteral("errcode"), item.error.errcode);
            line.insert(QStringLiteral("error"), item.error.rawSummary());
            line.insert(QStringLiteral("http_status"), item.error.httpStatus);
        }
        printJson(line);
        return;
    }
    QString label =
        d.kind == Operation::Invite ? d.userId + QLatin1String(" → ") + d.target : d.target;
    if (!d.targetName.isEmpty() && d.targetName != d.target)
        label += QLatin1String(" (") + d.targetName + QLatin1Char(')');
    const int ended = job->total() - job->remaining();
    out() << "[" << ended << "/" << job->total() << "] " << safe(label) << ": "
          << safe(Job::resultText(item)) << "\n"
          << Qt::flush;
}

void Cli::reportJobEnd(Job *job)
{
    if (!job || (m_job && job != m_job))
        return;
    disconnect(job, nullptr, this, nullptr);
    m_job = nullptr;
    const bool paused = job->state() == Job::Paused || job->state() == Job::Pausing;
    const int problems = job->failed() + job->unknown();
    const int status = paused ? Interrupted : problems > 0 ? ItemsFailed : Ok;
    if (m_json) {
        static const QHash<int, QString> names{{Job::Running, QStringLiteral("running")},
                                               {Job::Pausing, QStringLiteral("pausing")},
                                               {Job::Paused, QStringLiteral("paused")},
                                               {Job::Cancelling, QStringLiteral("cancelling")},
                                               {Job::Cancelled, QStringLiteral("cancelled")},
                                               {Job::Finished, QStringLiteral("finished")}};
        printJson({{QStringLiteral("type"), QStringLiteral("summary")},
                   {QStringLiteral("ok"), status == Ok},
                   {QStringLiteral("job"), job->id()},
                   {QStringLiteral("title"), job->title()},
                   {QStringLiteral("state"), names.value(job->state())},
                   {QStringLiteral("total"), job->total()},
                   {QStringLiteral("done"), job->done()},
                   {QStringLiteral("failed"), job->failed()},
                   {QStringLiteral("unknown"), job->unknown()},
                   {QStringLiteral("cancelled"), job->cancelledCount()},
                   {QStringLiteral("remaining"), job->remaining()}});
    } else {
        out() << safe(job->statusText()) << "\n" << Qt::flush;
        if (paused)
            err() << tr("Paused. Resume it with: concierge-cli jobs resume %1").arg(job->id())
                  << "\n";
        else if (problems > 0)
            err() << tr("%n item(s) failed or ended with an unknown outcome. Send them again with: "
                        "concierge-cli jobs retry %1",
                        nullptr, problems)
                         .arg(job->id())
                  << "\n";
        err().flush();
    }
    endBulk(status);
}

void Cli::installInterruptHandler()
{
    if (m_interruptNotifier)
        return;
    if (::pipe(interruptPipe) != 0)
        return; // Ctrl+C then ends the program: the job stays on disk, checked at resume
    for (int fd : interruptPipe) {
        ::fcntl(fd, F_SETFL, ::fcntl(fd, F_GETFL) | O_NONBLOCK);
        ::fcntl(fd, F_SETFD, FD_CLOEXEC);
    }
    m_interruptNotifier = new QSocketNotifier(interruptPipe[0], QSocketNotifier::Read, this);
    connect(m_interruptNotifier, &QSocketNotifier::activated, this, &Cli::onInterrupt);
    struct sigaction action = {};
    action.sa_handler = onInterruptSignal;
    sigemptyset(&action.sa_mask);
    action.sa_flags = SA_RESTART;
    ::sigaction(SIGINT, &action, nullptr);
    ::sigaction(SIGTERM, &action, nullptr);
}

void Cli::onInterrupt()
{
    char buffer[16];
    while (::read(interruptPipe[0], buffer, sizeof buffer) > 0) {
    }
    Job *job = m_job;
    if (!job || !job->isActive()) {
        emit finished(Interrupted);
        return;
    }
    if (m_interrupted || job->state() == Job::Paused) {
        // A second Ctrl+C: stop now. The journal says paused; a request in flight is checked
        // against the server at resume before anything is sent again.
        if (!m_json)
            err() << tr("Stopped. Resume it with: concierge-cli jobs resume %1").arg(job->id())
                  << "\n"
                  << Qt::flush;
        disconnect(job, nullptr, this, nullptr);
        m_job = nullptr;
        emit finished(Interrupted);
        return;
    }
    m_interrupted = true;
    if (!m_json)
        err() << tr("Pausing after the request in flight… (Ctrl+C again to stop at once)") << "\n"
              << Qt::flush;
    // A job being cancelled is not paused: it finishes checking what was in flight.
    job->pause();
}

// --- Invite triage -------------------------------------------------------------------------------

void Cli::endBulk(int status)
{
    // A room that could not be checked is not a success either.
    if (status == Ok && m_uncheckedRooms > 0)
        status = ItemsFailed;
    // decline --from … --ignore: once the invites are declined (not when paused), ignore the
    // person, so that their future invites never show.
    if (!m_ignoreAfter || status == Interrupted) {
        emit finished(status);
        return;
    }
    if (m_dryRun) {
        err() << tr("Then %1 would be added to the ignored users.").arg(safe(m_declineFrom)) << "\n"
              << Qt::flush;
        emit finished(status);
        return;
    }
    UserBlocking *blocking = m_services->blocking();
    auto done = std::make_shared<bool>(false);
    connect(blocking, &UserBlocking::requestFinished, this,
            [this, status, done](const MatrixError &error) {
                if (std::exchange(*done, true))
                    return;
                if (error.isError()) {
                    failWith(error);
                    return;
                }
                if (m_json)
                    printJson({{QStringLiteral("type"), QStringLiteral("ignored")},
                               {QStringLiteral("ok"), true},
                               {QStringLiteral("user_id"), m_declineFrom}});
                else
                    out() << tr("Ignoring %1 from now on.").arg(safe(m_declineFrom)) << "\n"
                          << Qt::flush;
                emit finished(status);
            });
    blocking->ignore({m_declineFrom});
}

void Cli::runBlocking()
{
    UserBlocking *blocking = m_services->blocking();
    auto done = std::make_shared<bool>(false);
    // The state as the server holds it, once read: for `ignored` and `block-invites status`, and
    // after a change.
    auto report = [this, blocking] {
        const bool blocked = blocking->invitePermission() == UserBlocking::InvitesBlocked;
        if (m_json) {
            QJsonObject result{{QStringLiteral("ok"), true},
                               {QStringLiteral("command"), m_command}};
            if (m_command == QLatin1String("block-invites"))
                result.insert(QStringLiteral("invites_blocked"), blocked);
            else
                result.insert(QStringLiteral("ignored_users"),
                              QJsonArray::fromStringList(blocking->ignoredUsers()));
            printJson(result);
        } else if (m_command == QLatin1String("block-invites")) {
            out() << (blocked ? tr("Invites are blocked: the server refuses every invite to you.")
                              : tr("Invites are allowed."))
                  << "\n";
        } else if (m_command == QLatin1String("ignored")) {
            for (const QString &user : blocking->ignoredUsers())
                out() << safe(user) << "\n";
            if (blocking->ignoredUsers().isEmpty())
                out() << tr("You ignore no one.") << "\n";
        } else if (m_command == QLatin1String("ignore")) {
            out() << tr("Ignoring %1.").arg(safe(m_action.userId)) << "\n";
        } else {
            out() << tr("No longer ignoring %1.").arg(safe(m_action.userId)) << "\n";
        }
        out().flush();
        emit finished(Ok);
    };
    connect(blocking, &UserBlocking::requestFinished, this,
            [this, done, report](const MatrixError &error) {
                if (*done)
                    return;
                *done = true;
                if (error.isError())
                    failWith(error);
                else
                    report();
            });
    const bool readOnly =
        m_command == QLatin1String("ignored") ||
        (m_command == QLatin1String("block-invites") && m_blockInvites == QLatin1String("status"));
    if (readOnly) {
        connect(blocking, &UserBlocking::loaded, this, [done, report] {
            if (!std::exchange(*done, true))
                report();
        });
        blocking->load();
    } else if (m_command == QLatin1String("ignore")) {
        blocking->ignore({m_action.userId});
    } else if (m_command == QLatin1String("unignore")) {
        blocking->unignore(m_action.userId);
    } else {
        blocking->setInvitesBlocked(m_blockInvites == QLatin1String("on"));
    }
}

void Cli::listInvites()
{
    // One /sync (timeout 0), as `rooms` does: the pending invites and who sent them.
    Endpoints::SyncParams params;
    params.filter = SyncEngine::filterJson();
    ApiCall *call = Endpoints::sync(m_services->api(), params);
    connect(call, &ApiCall::failed, this, &Cli::failWith);
    connect(call, &ApiCall::succeeded, this, [this](const QJsonObject &body) {
        RoomStore *store = m_services->store();
        store->applySync(body);
        const auto by =
            m_groupByServer ? InviteGroupsModel::ByServer : InviteGroupsModel::ByInviter;
        const QList<InviteGroupsModel::Group> groups = InviteGroupsModel::group(*store, by);
        auto nameOf = [store](const QString &roomId) {
            const RoomSummary *room = store->find(roomId);
            return room ? room->displayName() : roomId;
        };
        if (m_json) {
            QJsonArray array;
            for (const InviteGroupsModel::Group &g : groups) {
                QJsonArray rooms;
                for (const QString &roomId : g.roomIds)
                    rooms.append(QJsonObject{{QStringLiteral("room_id"), roomId},
                                             {QStringLiteral("name"), nameOf(roomId)}});
                array.append(QJsonObject{
                    {m_groupByServer ? QStringLiteral("server") : QStringLiteral("inviter"),
                     g.key.isEmpty() ? QJsonValue() : QJsonValue(g.key)},
                    {QStringLiteral("display_name"),
                     g.displayName.isEmpty() ? QJsonValue() : QJsonValue(g.displayName)},
                    {QStringLiteral("count"), int(g.roomIds.size())},
                    {QStringLiteral("inviters"), QJsonArray::fromStringList(g.inviters)},
                    {QStringLiteral("shares_no_room"), g.sharesNoRoom},
                    {QStringLiteral("new_server"), g.newServer},
                    {QStringLiteral("few_member_rooms"), g.fewMemberRooms},
                    {QStringLiteral("rooms"), rooms}});
            }
            printJson({{QStringLiteral("ok"), true},
                       {QStringLiteral("command"), m_command},
                       {QStringLiteral("group_by"),
                        m_groupByServer ? QStringLiteral("server") : QStringLiteral("inviter")},
                       {QStringLiteral("groups"), array}},
                      true);
        } else {
            for (const InviteGroupsModel::Group &g : groups) {
                const QString who = g.key.isEmpty() ? tr("an unknown inviter") : safe(g.key);
                out() << tr("%n invite(s) from %1", nullptr, int(g.roomIds.size())).arg(who);
                if (!g.displayName.isEmpty())
                    out() << " (" << safe(g.displayName) << ")";
                QStringList signs;
                if (g.sharesNoRoom)
                    signs << tr("shares no room with you");
                if (g.newServer)
                    signs << tr("a server new to you");
                if (g.fewMemberRooms > 0)
                    signs << tr("%n room(s) with very few members", nullptr, g.fewMemberRooms);
                if (!signs.isEmpty())
                    out() << "  · " << signs.join(QStringLiteral(" · "));
                out() << "\n";
                for (const QString &roomId : g.roomIds)
                    out() << "    " << safe(roomId) << "  " << safe(nameOf(roomId)) << "\n";
            }
            if (groups.isEmpty())
                out() << tr("No pending invites.") << "\n";
            out().flush();
        }
        emit finished(Ok);
    });
}

// --- Members -------------------------------------------------------------------------------------

void Cli::openSignInPage(const QUrl &url)
{
    // The address holds no secret (the browser brings the login token to a loopback port that
    // only this process listens on, at a random path).
    err() << tr("Open this address in your browser to sign in (Concierge waits here; Ctrl+C "
                "cancels):")
          << "\n"
          << safe(QString::fromUtf8(url.toEncoded())) << "\n"
          << Qt::flush;
    if (m_openBrowser &&
        (qEnvironmentVariableIsSet("DISPLAY") || qEnvironmentVariableIsSet("WAYLAND_DISPLAY")))
        QProcess::startDetached(QStringLiteral("xdg-open"), {QString::fromUtf8(url.toEncoded())});
}

void Cli::saveNewSession()
{
    Session *session = m_services->session();
    CredentialStore *credentials = m_services->credentials();
    connect(
        credentials, &CredentialStore::saved, this,
        [this, session, credentials](bool ok) {
            if (ok) {
                if (m_json) {
                    printJson({{QStringLiteral("ok"), true},
                               {QStringLiteral("user_id"), session->userId()},
                               {QStringLiteral("device_id"), session->deviceId()},
                               {QStringLiteral("homeserver"), session->homeserver().toString()},
                               {QStringLiteral("saved"), true}});
                } else {
                    out() << tr("Signed in as %1 on %2; the session is saved and later commands "
                                "use it (logout forgets it).")
                                 .arg(safe(session->userId()),
                                      safe(session->homeserver().toString()))
                          << "\n"
                          << Qt::flush;
                }
                emit finished(Ok);
                return;
            }
            // Not saved: the new device is logged out again rather than left behind unused.
            const QString why = credentials->lastError();
            const MatrixError error = MatrixError::cancelled(
                why.isEmpty() ? tr("Signed in, but the session could not be saved; the new device "
                                   "was logged out again.")
                              : tr("Signed in, but the session could not be saved (%1); the new "
                                   "device was logged out again.")
                                    .arg(why));
            connect(
                session, &Session::serverSignOutFinished, this,
                [this, error](const MatrixError &) { fail(error, ConnectionError); },
                Qt::SingleShotConnection);
            session->signOut();
        },
        Qt::SingleShotConnection);
    credentials->saveSession(session->homeserverInput(), session->userId(), session->tokens());
}

void Cli::runLogout()
{
    Session *session = m_services->session();
    const QString userId = session->userId();
    const bool onServer = session->createdDevice();
    auto forgotten = std::make_shared<bool>(false);
    auto loggedOut = std::make_shared<bool>(!onServer);
    auto serverError = std::make_shared<MatrixError>();
    auto finish = [this, userId, onServer, forgotten, loggedOut, serverError] {
        if (!*forgotten || !*loggedOut)
            return;
        if (serverError->isError()) {
            fail(*serverError,
                 serverError->kind == MatrixError::Server ? ServerError : ConnectionError);
            return;
        }
        if (m_json) {
            printJson({{QStringLiteral("ok"), true},
                       {QStringLiteral("user_id"), userId},
                       {QStringLiteral("logged_out_on_server"), onServer}});
        } else {
            out() << (onServer ? tr("Signed out %1: the device is logged out on the server and the "
                                    "saved session is forgotten.")
                                     .arg(safe(userId))
                               : tr("Forgot the saved session of %1 (its access token was not "
                                    "created by Concierge and still works).")
                                     .arg(safe(userId)))
                  << "\n"
                  << Qt::flush;
        }
        emit finished(Ok);
    };
    connect(
        m_services->credentials(), &CredentialStore::forgotten, this,
        [forgotten, finish] {
            *forgotten = true;
            finish();
        },
        Qt::SingleShotConnection);
    if (onServer) {
        connect(
            session, &Session::serverSignOutFinished, this,
            [loggedOut, serverError, finish](const MatrixError &error) {
                *loggedOut = true;
                *serverError = error;
                finish();
            },
            Qt::SingleShotConnection);
    }
    m_services->signOut(false);
}

void Cli::runMembers()
{
    // Three reads at once: the member events (the full list: /sync's lazy members are not), the
    // power levels and the create event (its sender is the creator, who outranks every level
    // from room version 12). A room without power levels uses the spec's defaults.
    enum Part { MembersPart, LevelsPart, CreatePart };
    ApiClient *api = m_services->api();
    const QString roomId = m_action.target;
    // Who left is left out unless asked for (a busy room has many).
    const bool withLeft = m_membershipFilter == QLatin1String("leave");
    const QList<ApiCall *> calls{
        Endpoints::getMembersByRoom(api, roomId, withLeft ? QString() : QStringLiteral("leave")),
        Endpoints::getRoomStateWithKey(api, roomId, QStringLiteral("m.room.power_levels"), {}),
        Endpoints::getRoomStateWithKey(api, roomId, QStringLiteral("m.room.create"), {},
                                       Endpoints::StateFormat::Event)};
    auto pending = std::make_shared<int>(int(calls.size()));
    auto failed = std::make_shared<bool>(false);
    for (int part = 0; part < int(calls.size()); ++part) {
        ApiCall *call = calls.at(part);
        connect(call, &ApiCall::succeeded, this,
                [this, part, pending, failed](const QJsonObject &body) {
                    if (*failed)
                        return;
                    if (part == MembersPart) {
                        m_membersBody = body;
                    } else if (part == LevelsPart) {
                        m_levelsContent = body;
                    } else if (body.value(QLatin1String("content")).isObject() &&
                               body.value(QLatin1String("type")).isString()) {
                        m_createEvent = body; // the whole event, as asked
                    } else {
                        // A server that predates ?format=event answered the content: up to room
                        // version 10 it names the creator.
                        m_createEvent = {{QStringLiteral("content"), body}};
                        const QString creator = body.value(QLatin1String("creator")).toString();
                        if (!creator.isEmpty())
                            m_createEvent.insert(QStringLiteral("sender"), creator);
                    }
                    if (--*pending == 0)
                        printMembers();
                });
        connect(call, &ApiCall::failed, this, [this, part, pending, failed](const MatrixError &e) {
            if (*failed)
                return;
            // No power levels (or no readable create event): the defaults apply. The member
            // list itself is what the command is for: its failure is the command's.
            const bool absent = part != MembersPart && e.kind == MatrixError::Server &&
                                e.httpStatus == 404 && e.errcode == QLatin1String("M_NOT_FOUND");
            if (!absent) {
                *failed = true;
                failWith(e);
                return;
            }
            if (--*pending == 0)
                printMembers();
        });
    }
}

void Cli::printMembers()
{
    const PowerLevels levels = PowerLevels::fromState(m_createEvent, m_levelsContent);
    struct Member
    {
        QString userId;
        QString displayName;
        Membership::Value membership = Membership::Leave;
        qint64 level = 0;
        QString reason;
    };
    QList<Member> members;
    for (const QJsonValue &value : m_membersBody.value(QLatin1String("chunk")).toArray()) {
        const QJsonObject event = value.toObject();
        if (event.value(QLatin1String("type")).toString() != QLatin1String("m.room.member"))
            continue;
        const QJsonObject content = event.value(QLatin1String("content")).toObject();
        const auto membership =
            Membership::fromString(content.value(QLatin1String("membership")).toString());
        const QString userId = event.value(QLatin1String("state_key")).toString();
        if (!membership || userId.isEmpty())
            continue; // one malformed event costs only its own line
        if (!m_membershipFilter.isEmpty() &&
            Membership::toString(*membership) != m_membershipFilter)
            continue;
        Member m;
        m.userId = userId;
        m.displayName = content.value(QLatin1String("displayname")).toString();
        m.membership = *membership;
        m.level = levels.userLevel(userId);
        m.reason = content.value(QLatin1String("reason")).toString();
        members << m;
    }
    auto order = [](Membership::Value m) {
        switch (m) {
        case Membership::Join:
            return 0;
        case Membership::Invite:
            return 1;
        case Membership::Knock:
            return 2;
        case Membership::Ban:
            return 3;
        case Membership::Leave:
            break;
        }
        return 4;
    };
    std::sort(members.begin(), members.end(), [&](const Member &a, const Member &b) {
        if (order(a.membership) != order(b.membership))
            return order(a.membership) < order(b.membership);
        if (a.level != b.level)
            return a.level > b.level;
        return a.userId < b.userId;
    });

    if (m_json) {
        QJsonArray array;
        for (const Member &m : std::as_const(members)) {
            const bool creator = levels.isCreator(m.userId);
            QJsonObject item{
                {QStringLiteral("user_id"), m.userId},
                {QStringLiteral("display_name"),
                 m.displayName.isEmpty() ? QJsonValue() : QJsonValue(m.displayName)},
                {QStringLiteral("membership"), Membership::toString(m.membership)},
                // A creator (room version 12+) outranks every number: null, and
                // "creator": true.
                {QStringLiteral("power_level"), creator ? QJsonValue() : QJsonValue(m.level)},
                {QStringLiteral("creator"), creator}};
            if (!m.reason.isEmpty())
                item.insert(QStringLiteral("reason"), m.reason);
            array.append(item);
        }
        printJson({{QStringLiteral("ok"), true},
                   {QStringLiteral("command"), m_command},
                   {QStringLiteral("room_id"), m_action.target},
                   {QStringLiteral("levels"),
                    QJsonObject{{QStringLiteral("kick"), levels.levelFor(PowerLevels::Kick)},
                                {QStringLiteral("ban"), levels.levelFor(PowerLevels::Ban)},
                                {QStringLiteral("invite"), levels.levelFor(PowerLevels::Invite)}}},
                   {QStringLiteral("members"), array}},
                  true);
    } else {
        for (const Member &m : std::as_const(members)) {
            // Display names are a member's own choice: shown escaped, never interpreted.
            out() << safe(m.userId) << "  "
                  << (m.displayName.isEmpty() ? QStringLiteral("-") : safe(m.displayName)) << "  "
                  << Membership::toString(m.membership) << "  "
                  << tr("power %1").arg(PowerLevels::levelText(m.level));
            if (!m.reason.isEmpty())
                out() << "  " << tr("reason: %1").arg(safe(m.reason));
            out() << "\n";
        }
        if (members.isEmpty())
            out() << tr("No members.") << "\n";
        out().flush();
    }
    emit finished(Ok);
}

// --- Discovery: directory and preview ------------------------------------------------------------

namespace {
QJsonValue orNull(const QString &text)
{
    return text.isEmpty() ? QJsonValue() : QJsonValue(text);
}
QJsonValue membershipOrNull(int membership)
{
    return membership < 0 ? QJsonValue()
                          : QJsonValue(Membership::toString(Membership::Value(membership)));
}
} // namespace

void Cli::runDirectory()
{
    constexpr int MaxListed = 200;
    DirectoryModel *directory = m_services->directory();
    directory->setPageSize(50);
    auto report = [this, directory] {
        if (directory->loading())
            return;
        if (directory->status() == DirectoryModel::Failed) {
            QObject::disconnect(directory, nullptr, this, nullptr);
            MatrixError e = directory->error();
            if (e.isAuthFailure()) {
                e.message = sessionEndedMessage(e);
                fail(e, ConnectionError);
                return;
            }
            const int code = directory->errorKind() == DirectoryModel::InvalidServer ? UsageError
                             : directory->errorKind() == DirectoryModel::ServerUnreachable
                                 ? ConnectionError
                                 : ServerError;
            e.message = directory->errorText();
            fail(e, code);
            return;
        }
        if (directory->status() != DirectoryModel::Loaded &&
            directory->status() != DirectoryModel::NoMatches)
            return;
        if (directory->hasMore() && directory->count() < MaxListed) {
            directory->loadMore();
            return;
        }
        QObject::disconnect(directory, nullptr, this, nullptr);
        printDirectory();
    };
    connect(directory, &DirectoryModel::statusChanged, this, report);
    // Set both, then load once (setServer alone would load the unfiltered list first).
    directory->blockSignals(true);
    directory->setServer(m_directoryServer);
    directory->setSearchTerm(m_searchTerm);
    directory->blockSignals(false);
    directory->refresh();
}

void Cli::printDirectory()
{
    const DirectoryModel *directory = m_services->directory();
    const int n = std::min(directory->count(), 200);
    if (m_json) {
        QJsonArray rooms;
        for (int row = 0; row < n; ++row) {
            const QModelIndex i = directory->index(row);
            auto text = [&](int role) { return directory->data(i, role).toString(); };
            rooms.append(QJsonObject{
                {QStringLiteral("room_id"), text(DirectoryModel::RoomIdRole)},
                {QStringLiteral("name"), text(DirectoryModel::NameRole)},
                {QStringLiteral("canonical_alias"),
                 orNull(text(DirectoryModel::CanonicalAliasRole))},
                {QStringLiteral("topic"), orNull(text(DirectoryModel::TopicRole))},
                {QStringLiteral("member_count"),
                 directory->data(i, DirectoryModel::MemberCountRole).toInt()},
                {QStringLiteral("world_readable"),
                 directory->data(i, DirectoryModel::WorldReadableRole).toBool()},
                {QStringLiteral("guest_can_join"),
                 directory->data(i, DirectoryModel::GuestCanJoinRole).toBool()},
                {QStringLiteral("join_rule"),
                 orNull(JoinRule::toString(
                     JoinRule::Value(directory->data(i, DirectoryModel::JoinRuleRole).toInt())))},
                {QStringLiteral("room_type"), orNull(text(DirectoryModel::RoomTypeRole))},
                {QStringLiteral("membership"),
                 membershipOrNull(directory->data(i, DirectoryModel::MembershipRole).toInt())}});
        }
        QJsonObject result{{QStringLiteral("ok"), true},
                           {QStringLiteral("command"), m_command},
                           {QStringLiteral("server"), orNull(m_directoryServer)},
                           {QStringLiteral("rooms"), rooms}};
        if (directory->totalEstimate() >= 0)
            result.insert(QStringLiteral("total_room_count_estimate"), directory->totalEstimate());
        printJson(result, true);
    } else {
        for (int row = 0; row < n; ++row) {
            const QModelIndex i = directory->index(row);
            auto text = [&](int role) { return directory->data(i, role).toString(); };
            out() << safe(text(DirectoryModel::RoomIdRole)) << "  "
                  << safe(text(DirectoryModel::NameRole));
            const QString alias = text(DirectoryModel::CanonicalAliasRole);
            if (!alias.isEmpty() && alias != text(DirectoryModel::NameRole))
                out() << "  " << safe(alias);
            out() << "  · "
                  << tr("%n member(s)", nullptr,
                        directory->data(i, DirectoryModel::MemberCountRole).toInt());
            const auto rule =
                JoinRule::Value(directory->data(i, DirectoryModel::JoinRuleRole).toInt());
            if (rule != JoinRule::Public && rule != JoinRule::UnknownRule)
                out() << "  · " << tr("join rule: %1").arg(JoinRule::toString(rule));
            const int membership = directory->data(i, DirectoryModel::MembershipRole).toInt();
            if (membership >= 0)
                out() << "  · "
                      << tr("you: %1").arg(Membership::toString(Membership::Value(membership)));
            out() << "\n";
            const QString topic = text(DirectoryModel::TopicRole);
            if (!topic.isEmpty())
                out() << "    " << safe(topic) << "\n";
        }
        if (n == 0)
            out() << (m_searchTerm.isEmpty()
                          ? tr("The directory lists no rooms.")
                          : tr("No public room matches “%1”.").arg(safe(m_searchTerm)))
                  << "\n";
        out().flush();
    }
    emit finished(Ok);
}

void Cli::runPreview()
{
    RoomPreview *preview = m_services->createPreview(this);
    connect(preview, &RoomPreview::changed, this, [this, preview] {
        const RoomPreview::State state = preview->state();
        if (state == RoomPreview::Idle || state == RoomPreview::Loading)
            return;
        QObject::disconnect(preview, nullptr, this, nullptr);
        MatrixError e = preview->error();
        if (state == RoomPreview::Failed) {
            if (e.isAuthFailure())
                e.message = sessionEndedMessage(e);
            fail(e, e.kind == MatrixError::InvalidInput                   ? UsageError
                    : e.kind == MatrixError::Server && !e.isAuthFailure() ? ServerError
                                                                          : ConnectionError);
            return;
        }
        printPreview(preview);
    });
    preview->load(m_action.target, m_action.via);
}

void Cli::printPreview(const RoomPreview *preview)
{
    const RoomPreview::State state = preview->state();
    const bool known = state == RoomPreview::Known || state == RoomPreview::PartiallyKnown;
    static const char *const stateNames[] = {"idle",    "loading", "known", "partially_known",
                                             "unknown", "failed"};
    static const char *const sourceNames[] = {nullptr, "summary", "directory", "room_list"};
    if (m_json) {
        QJsonObject result{{QStringLiteral("ok"), known},
                           {QStringLiteral("command"), m_command},
                           {QStringLiteral("target"), m_action.target},
                           {QStringLiteral("state"), QLatin1String(stateNames[state])},
                           {QStringLiteral("room_id"), orNull(preview->roomId())}};
        if (const char *source = sourceNames[preview->source()])
            result.insert(QStringLiteral("source"), QLatin1String(source));
        if (known) {
            result.insert(QStringLiteral("name"), orNull(preview->name()));
            result.insert(QStringLiteral("canonical_alias"), orNull(preview->canonicalAlias()));
            result.insert(QStringLiteral("topic"), orNull(preview->topic()));
            result.insert(QStringLiteral("member_count"), preview->memberCount() < 0
                                                              ? QJsonValue()
                                                              : QJsonValue(preview->memberCount()));
            result.insert(QStringLiteral("join_rule"),
                          orNull(JoinRule::toString(preview->joinRule())));
            result.insert(QStringLiteral("world_readable"), preview->worldReadable());
            result.insert(QStringLiteral("guest_can_join"), preview->guestCanJoin());
            result.insert(QStringLiteral("room_type"), orNull(preview->roomType()));
            result.insert(QStringLiteral("room_version"), orNull(preview->roomVersion()));
            result.insert(QStringLiteral("encrypted"), preview->encrypted());
            result.insert(QStringLiteral("membership"), membershipOrNull(preview->membership()));
            result.insert(QStringLiteral("can_knock"), preview->canKnock());
        }
        if (!preview->statusText().isEmpty())
            result.insert(QStringLiteral("message"), preview->statusText());
        if (preview->error().isError()) {
            result.insert(QStringLiteral("errcode"), preview->error().errcode);
            result.insert(QStringLiteral("http_status"), preview->error().httpStatus);
        }
        printJson(result, true);
    } else if (known) {
        out() << safe(preview->name().isEmpty() ? preview->roomId() : preview->name()) << "\n";
        if (!preview->canonicalAlias().isEmpty())
            out() << "  " << tr("Address: %1").arg(safe(preview->canonicalAlias())) << "\n";
        out() << "  " << tr("Room ID: %1").arg(safe(preview->roomId())) << "\n";
        if (!preview->topic().isEmpty())
            out() << "  " << tr("Topic: %1").arg(safe(preview->topic())) << "\n";
        if (preview->memberCount() >= 0)
            out() << "  " << tr("%n member(s)", nullptr, preview->memberCount()) << "\n";
        if (preview->joinRule() != JoinRule::UnknownRule)
            out() << "  " << tr("Join rule: %1").arg(JoinRule::toString(preview->joinRule()))
                  << "\n";
        if (preview->membership() >= 0)
            out() << "  "
                  << tr("You: %1").arg(
                         Membership::toString(Membership::Value(preview->membership())))
                  << "\n";
        if (!preview->statusText().isEmpty())
            out() << "  " << safe(preview->statusText()) << "\n";
        out().flush();
    } else {
        err() << safe(preview->statusText()) << "\n" << Qt::flush;
    }
    emit finished(known ? Ok : ServerError);
}

// --- Ban everywhere ------------------------------------------------------------------------------

void Cli::runBanEverywhere()
{
    BanEverywhere *plan = m_services->banEverywhere();
    connect(plan, &BanEverywhere::planned, this, &Cli::printBanPlan, Qt::SingleShotConnection);
    if (!plan->plan(m_bulkUser)) {
        disconnect(plan, &BanEverywhere::planned, this, &Cli::printBanPlan);
        fail(MatrixError::invalidInput(plan->error()), UsageError);
    }
}

void Cli::printBanPlan()
{
    BanEverywhere *plan = m_services->banEverywhere();
    const QList<BanEverywhere::Entry> entries = plan->entries();
    m_uncheckedRooms = int(std::count_if(entries.cbegin(), entries.cend(), [](const auto &e) {
        return e.verdict == BanEverywhere::CheckFailed;
    }));
    const int banCount = plan->banCount();
    const int notBanned = int(entries.size()) - banCount;
    auto roomLine = [](const BanEverywhere::Entry &e) {
        QString line = QStringLiteral("  ") + safe(e.roomId);
        if (!e.roomName.isEmpty() && e.roomName != e.roomId)
            line += QStringLiteral("  ") + safe(e.roomName);
        if (e.verdict != BanEverywhere::CheckFailed)
            line += QStringLiteral("  (") + BanEverywhere::membershipText(e.membership) +
                    QLatin1Char(')');
        if (!e.reason.isEmpty())
            line += QStringLiteral(": ") + safe(e.reason);
        return line;
    };
    if (m_json) {
        for (const BanEverywhere::Entry &e : entries) {
            const QJsonValue membership =
                e.membership ? QJsonValue(Membership::toString(*e.membership)) : QJsonValue();
            printJson({{QStringLiteral("type"), QStringLiteral("plan")},
                       {QStringLiteral("room_id"), e.roomId},
                       {QStringLiteral("name"), e.roomName},
                       {QStringLiteral("verdict"), BanEverywhere::verdictName(e.verdict)},
                       {QStringLiteral("membership"), membership},
                       {QStringLiteral("reason"), e.reason}});
        }
    } else {
        out() << tr("Ban %1 from %n room(s):", nullptr, banCount).arg(safe(plan->userId())) << "\n";
        for (const BanEverywhere::Entry &e : entries)
            if (e.verdict == BanEverywhere::WillBan)
                out() << roomLine(e) << "\n";
        if (notBanned > 0) {
            out() << tr("Not banned in %n room(s):", nullptr, notBanned) << "\n";
            for (const BanEverywhere::Entry &e : entries)
                if (e.verdict != BanEverywhere::WillBan)
                    out() << roomLine(e) << "\n";
        }
        out().flush();
    }
    if (m_dryRun || banCount == 0) {
        if (m_json) {
            printJson({{QStringLiteral("type"), QStringLiteral("summary")},
                       {QStringLiteral("ok"), m_uncheckedRooms == 0},
                       {QStringLiteral("dry_run"), m_dryRun},
                       {QStringLiteral("ban"), banCount},
                       {QStringLiteral("not_banned"), notBanned},
                       {QStringLiteral("check_failed"), m_uncheckedRooms}});
        } else if (m_dryRun) {
            err() << tr("Dry run: nothing was sent.") << "\n" << Qt::flush;
        } else {
            err() << tr("Nothing to do: there is no room where you can ban %1.")
                         .arg(safe(plan->userId()))
                  << "\n"
                  << Qt::flush;
        }
        endBulk(Ok);
        return;
    }
    Job *job = plan->submit(m_reason);
    if (!job) {
        fail(MatrixError::invalidInput(plan->error()), ConnectionError);
        return;
    }
    announceAndWatch(job);
}

// --- Spaces (acting) ---------------------------------------------------------------------------
// hierarchy SPACE, join --space SPACE (--all | --filter TEXT), leave --space SPACE
// [--with-rooms all|none|ROOM,ROOM]. One /sync first (your memberships; a space named by its
// address or name), then every page of the space's hierarchy.
void Cli::runSpaceCommand()
{
    if (m_command != QLatin1String("hierarchy") && !m_dryRun && !m_services->jobs()->isOpen()) {
        fail(MatrixError::invalidInput(m_services->jobs()->lastError()), ConnectionError);
        return;
    }
    Endpoints::SyncParams params;
    params.filter = SyncEngine::filterJson();
    ApiCall *call = Endpoints::sync(m_services->api(), params);
    connect(call, &ApiCall::failed, this, &Cli::failWith);
    connect(call, &ApiCall::succeeded, this, [this](const QJsonObject &body) {
        RoomStore *store = m_services->store();
        store->applySync(body);
        // Nothing is sent before the space is known to be the one meant (and, to leave it,
        // one you are in).
        QString why;
        const QString spaceId = resolveSpace(m_space, m_command == QLatin1String("leave"), &why);
        if (spaceId.isEmpty()) {
            fail(MatrixError::invalidInput(why), UsageError);
            return;
        }
        HierarchyModel *hierarchy = m_services->hierarchy();
        connect(hierarchy, &HierarchyModel::loaded, this, &Cli::onHierarchyLoaded,
                Qt::SingleShotConnection);
        hierarchy->setSpaceId(spaceId);
    });
}

QString Cli::resolveSpace(const QString &text, bool joinedOnly, QString *error) const
{
    const RoomStore *store = m_services->store();
    if (text.startsWith(QLatin1Char('!'))) {
        // To look at (hierarchy, join --space): any space, also one you are not in.
        if (!joinedOnly)
            return text;
        const RoomSummary *room = store->find(text);
        if (!room) {
            *error = tr("%1 is not a space you are in: no room you know of has this ID").arg(text);
            return {};
        }
        if (!room->isSpace()) {
            *error = tr("%1 (%2) is a room, not a space: leave it with 'leave %1'")
                         .arg(text, room->displayName());
            return {};
        }
        if (room->membership != Membership::Join) {
            *error = tr("you are not in the space %1 (%2)").arg(text, room->displayName());
            return {};
        }
        return text;
    }
    const QStringList found = store->resolveSpaces(text);
    QStringList candidates;
    for (const QString &id : found) {
        const RoomSummary *room = store->find(id);
        if (!joinedOnly || (room && room->membership == Membership::Join))
            candidates << id;
    }
    if (candidates.isEmpty()) {
        *error = found.isEmpty()
                     ? tr("no space you know of is called '%1' (give its room ID)").arg(text)
                     : tr("you are not in the space '%1'").arg(text);
        return {};
    }
    if (candidates.size() > 1) {
        *error = ambiguousSpace(store, text, candidates);
        return {};
    }
    return candidates.first();
}

void Cli::onHierarchyLoaded()
{
    HierarchyModel *h = m_services->hierarchy();
    const bool leaving = m_command == QLatin1String("leave");
    // Leaving the space alone needs no list of its rooms: without one the space is still left
    // (the user asked for nothing else), and the command says what could not be told. Any
    // other use of the hierarchy stops at its error.
    const bool loaded = h->status() == HierarchyModel::Loaded;
    if (!loaded && !(leaving && m_withRooms == QLatin1String("none"))) {
        MatrixError e = h->error();
        e.message = h->errorText();
        fail(e, e.kind == MatrixError::InvalidInput ? UsageError
                : e.kind == MatrixError::Server     ? ServerError
                                                    : ConnectionError);
        return;
    }
    if (!loaded)
        err() << "concierge-cli: "
              << tr("warning: the space's rooms could not be listed (%1); leaving only the space "
                    "does not need them, but whether you could rejoin it cannot be told")
                     .arg(safe(h->errorText()))
              << "\n"
              << Qt::flush;
    if (h->truncated())
        err() << "concierge-cli: "
              << tr("the space has more rooms than are listed (%1 shown)").arg(h->count()) << "\n"
              << Qt::flush;

    if (m_command == QLatin1String("hierarchy")) {
        for (int row = 0; row < h->count(); ++row) {
            const QModelIndex i = h->index(row);
            const QString note = i.data(HierarchyModel::JoinNoteRole).toString();
            const int membership = i.data(HierarchyModel::MembershipRole).toInt();
            static const QStringList actions{QStringLiteral("joined"), QStringLiteral("join"),
                                             QStringLiteral("knock"), QStringLiteral("none")};
            const QString action = actions.value(i.data(HierarchyModel::JoinActionRole).toInt());
            if (m_json) {
                printJson({
                    {QStringLiteral("room_id"), i.data(HierarchyModel::RoomIdRole).toString()},
                    {QStringLiteral("name"), i.data(HierarchyModel::NameRole).toString()},
                    {QStringLiteral("canonical_alias"),
                     i.data(HierarchyModel::CanonicalAliasRole).toString()},
                    {QStringLiteral("topic"), i.data(HierarchyModel::TopicRole).toString()},
                    {QStringLiteral("members"), i.data(HierarchyModel::MemberCountRole).toInt()},
                    {QStringLiteral("join_rule"),
                     JoinRule::toString(
                         JoinRule::Value(i.data(HierarchyModel::JoinRuleRole).toInt()))},
                    {QStringLiteral("room_type"), i.data(HierarchyModel::RoomTypeRole).toString()},
                    {QStringLiteral("depth"), i.data(HierarchyModel::DepthRole).toInt()},
                    {QStringLiteral("parent"), i.data(HierarchyModel::ParentIdRole).toString()},
                    {QStringLiteral("via"),
                     QJsonArray::fromStringList(i.data(HierarchyModel::ViaRole).toStringList())},
                    {QStringLiteral("membership"),
                     membership < 0 ? QString()
                                    : Membership::toString(Membership::Value(membership))},
                    {QStringLiteral("action"), action},
                    {QStringLiteral("note"), note},
                });
            } else {
                const QString indent(2 * i.data(HierarchyModel::DepthRole).toInt(),
                                     QLatin1Char(' '));
                out() << indent << safe(i.data(HierarchyModel::NameRole).toString()) << " ("
                      << safe(i.data(HierarchyModel::RoomIdRole).toString()) << ")"
                      << (i.data(HierarchyModel::IsSpaceRole).toBool() ? tr(" [space]") : QString())
                      << " — " << safe(note) << "\n";
            }
        }
        out().flush();
        emit finished(Ok);
        return;
    }

    QList<Operation::Description> items;
    Job *job = nullptr;
    if (!leaving) {
        h->clearSelection();
        h->selectJoinable(m_spaceFilter);
        items = h->joinItems(h->selectedRoomIds());
        if (!items.isEmpty() && !m_dryRun)
            job = h->joinSelected();
    } else {
        const QStringList joined = h->joinedDescendants();
        QStringList rooms;
        if (m_withRooms == QLatin1String("all")) {
            rooms = joined;
        } else if (m_withRooms != QLatin1String("none")) {
            // Each listed room (by ID, or by the address the hierarchy gives it) must be one
            // of the space's that you are in; one that is not stops the command unsent.
            for (const QString &given : std::as_const(m_withRoomList)) {
                QString id;
                for (const QString &candidate : joined) {
                    const QModelIndex i = h->index(h->rowOf(candidate));
                    if (candidate == given || (given.startsWith(QLatin1Char('#')) &&
                                               i.data(HierarchyModel::CanonicalAliasRole)
                                                       .toString()
                                                       .compare(given, Qt::CaseInsensitive) == 0))
                        id = candidate;
                }
                if (id.isEmpty()) {
                    fail(MatrixError::invalidInput(
                             tr("%1 is not a room of the space that you are in").arg(given)),
                         UsageError);
                    return;
                }
                if (!rooms.contains(id))
                    rooms << id;
            }
        }
        for (const QString &id : std::as_const(rooms)) {
            if (const QString w = h->rejoinWarningOf(h->rowOf(id)); !w.isEmpty())
                err() << "concierge-cli: "
                      << tr("warning: %1 (%2): %3")
                             .arg(safe(h->index(h->rowOf(id))
                                           .data(HierarchyModel::NameRole)
                                           .toString()),
                                  safe(id), safe(w))
                      << "\n";
        }
        // The space itself: the same rule as its rooms (its join rule from the hierarchy's
        // first row), said even when no room is left with it.
        if (loaded) {
            if (const QString w = h->rejoinWarningOf(h->rowOf(h->spaceId())); !w.isEmpty())
                err() << "concierge-cli: "
                      << tr("warning: %1 (the space): %2").arg(safe(h->spaceId()), safe(w)) << "\n";
        }
        err().flush();
        for (const QString &id : h->leaveOrder(rooms)) {
            Operation::Description d;
            d.kind = Operation::Leave;
            d.target = id;
            d.reason = m_reason;
            items << d;
        }
        // Where you are the only admin, read from the server (power levels, members) and said
        // before anything is left, as the app's dialog says it; a room that cannot be read is
        // said too and stops nothing.
        LeaveCheck *check = m_services->leaveCheck();
        const QStringList checked = rooms + QStringList{h->spaceId()};
        auto done = std::make_shared<QMetaObject::Connection>();
        *done =
            connect(check, &LeaveCheck::changed, this, [this, check, checked, rooms, items, done] {
                if (check->state() != LeaveCheck::Checked)
                    return;
                QObject::disconnect(*done);
                const QString warnings = check->warningsFor(checked);
                for (const QString &line : warnings.split(QLatin1Char('\n'), Qt::SkipEmptyParts))
                    err() << "concierge-cli: " << tr("warning: %1").arg(safe(line)) << "\n";
                for (const QString &id : check->failedAmong(checked))
                    err()
                        << "concierge-cli: "
                        << tr("warning: whether you are the only admin of %1 could not be checked "
                              "(%2)")
                               .arg(safe(id), safe(check->errorFor(id)))
                        << "\n";
                err().flush();
                startSpaceJob(items, m_dryRun
                                         ? nullptr
                                         : m_services->hierarchy()->leaveSpace(rooms, m_reason));
            });
        check->check(checked);
        return;
    }
    startSpaceJob(items, job);
}

void Cli::startSpaceJob(const QList<Operation::Description> &items, Job *job)
{
    if (items.isEmpty()) {
        endWithNothingToDo(tr("Nothing to do: no room of the space can be joined."));
        return;
    }
    if (m_dryRun) {
        printDryRun(items);
        return;
    }
    if (!job) {
        fail(MatrixError::invalidInput(m_services->jobs()->lastError()), ConnectionError);
        return;
    }
    announceAndWatch(job);
}

// After one /sync: the room and the older versions of it that the
// account is still in (LeaveCheck::predecessorsOf: only links both rooms agree on, newest
// first), left as one job; --dry-run prints their requests.
void Cli::runLeaveWithPredecessors()
{
    const QStringList older = m_services->leaveCheck()->predecessorsOf(m_predecessorsOf);
    if (!m_json) {
        if (older.isEmpty())
            err() << tr("%1 has no older version that you are in.").arg(safe(m_predecessorsOf));
        else
            err() << tr("Also leaving %n older version(s) of %1: %2", nullptr, int(older.size()))
                         .arg(safe(m_predecessorsOf), safe(older.join(QStringLiteral(", "))));
        err() << "\n" << Qt::flush;
    }
    runTargets(QStringList{m_predecessorsOf} + older);
}
