#include "cli.h"

#include "actions/membershipservice.h"
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
} // namespace

Cli::Cli(QObject *parent) : QObject(parent) {}

int Cli::start(const QStringList &arguments)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(tr("Manage the rooms of your Matrix account from scripts.") +
                                     QStringLiteral("\n\n") + usage());
    parser.addHelpOption();
    parser.addVersionOption();
    const QCommandLineOption homeserverOpt(QStringLiteral("homeserver"),
                                           tr("Homeserver URL or server name."), QStringLiteral("url"));
    const QCommandLineOption tokenStdinOpt(QStringLiteral("token-stdin"),
                                           tr("Read the access token from stdin."));
    const QCommandLineOption jsonOpt(QStringLiteral("json"),
                                     tr("Machine-readable JSON output (see README)."));
    const QCommandLineOption viaOpt(QStringLiteral("via"),
                                    tr("A server to join through (repeatable, up to 3)."),
                                    QStringLiteral("server"));
    const QCommandLineOption reasonOpt(QStringLiteral("reason"), tr("Reason shown to other members."),
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

    if (!parser.parse(arguments)) {
        err() << "error: " << safe(parser.errorText()) << "\n";
        return UsageError;
    }
    if (parser.isSet(QStringLiteral("help"))) {
        out() << parser.helpText();
        return Ok;
    }
    if (parser.isSet(QStringLiteral("version"))) {
        out() << "concierge-cli " << QCoreApplication::applicationVersion() << "\n";
        return Ok;
    }
    if (parser.isSet(filterOpt)) {
        out() << SyncEngine::filterJson() << "\n";
        return Ok;
    }
    m_json = parser.isSet(jsonOpt);
    const QStringList positional = parser.positionalArguments();
    if (positional.isEmpty()) {
        err() << "error: " << tr("no command given") << "\n\n" << usage() << "\n";
        return UsageError;
    }
    m_command = positional.first();
    m_args = positional.mid(1);
    m_membershipFilter = parser.value(membershipOpt);

    // Everything is checked here, before any request: exit status 2 means nothing was sent.
    static const QHash<QString, int> arity{{QStringLiteral("login"), 0}, {QStringLiteral("rooms"), 0},
                                           {QStringLiteral("join"), 1},  {QStringLiteral("leave"), 1},
                                           {QStringLiteral("invite"), 2}, {QStringLiteral("forget"), 1}};
    auto usageError = [this](const QString &message) {
        fail(MatrixError::invalidInput(message), UsageError);
        return UsageError;
    };
    if (!arity.contains(m_command)) {
        err() << "error: " << tr("unknown command '%1'").arg(safe(m_command)) << "\n\n" << usage() << "\n";
        return UsageError;
    }
    if (m_args.size() != arity.value(m_command))
        return usageError(tr("'%1' takes %2 argument(s), got %3")
                              .arg(m_command)
                              .arg(arity.value(m_command))
                              .arg(m_args.size()));
    if (!m_membershipFilter.isEmpty() &&
        !QStringList{QStringLiteral("join"), QStringLiteral("invite"), QStringLiteral("leave")}
             .contains(m_membershipFilter))
        return usageError(tr("--membership must be join, invite or leave"));
    if (parser.isSet(viaOpt) && m_command != QLatin1String("join"))
        return usageError(tr("--via only applies to join"));
    if (parser.isSet(forgetOpt) && m_command != QLatin1String("leave"))
        return usageError(tr("--forget only applies to leave"));
    if (parser.isSet(reasonOpt) && (m_command == QLatin1String("forget") ||
                                    m_command == QLatin1String("login") || m_command == QLatin1String("rooms")))
        return usageError(tr("--reason does not apply to %1").arg(m_command));

    static const QHash<QString, Operation::Kind> kinds{{QStringLiteral("join"), Operation::Join},
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
        if (const QString error = MembershipService::validate(&m_action); !error.isEmpty())
            return usageError(error);
    }

    QString homeserver = parser.value(homeserverOpt);
    if (homeserver.isEmpty())
        homeserver = qEnvironmentVariable("CONCIERGE_HOMESERVER");
    if (homeserver.isEmpty())
        return usageError(tr("no homeserver: pass --homeserver or set CONCIERGE_HOMESERVER"));
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
        token = qEnvironmentVariable("CONCIERGE_ACCESS_TOKEN");
    }
    if (token.isEmpty())
        return usageError(tr("no access token: set CONCIERGE_ACCESS_TOKEN or pass --token-stdin"));

    m_services = new AppServices(AppServices::Options{false, false, false}, this);
    m_services->setRememberSession(false);
    Session *session = m_services->session();
    connect(session, &Session::signedIn, this, &Cli::runCommand);
    connect(session, &Session::signInFailed, this, [this, session](const MatrixError &error) {
        MatrixError e = error;
        e.message = session->errorText();
        fail(e, error.kind == MatrixError::InvalidInput ? UsageError : ConnectionError);
    });
    m_services->signIn(homeserver, token);
    return -1;
}

void Cli::fail(const MatrixError &error, int exitCode, const QString &outcome)
{
    if (m_json) {
        QJsonObject obj{{QStringLiteral("ok"), false},
                        {QStringLiteral("command"), m_command},
                        {QStringLiteral("errcode"), error.errcode},
                        {QStringLiteral("error"), error.message},
                        {QStringLiteral("http_status"), error.httpStatus}};
        if (!outcome.isEmpty())
            obj.insert(QStringLiteral("outcome"), outcome);
        out() << QJsonDocument(obj).toJson(QJsonDocument::Compact) << "\n";
    }
    err() << "error: " << safe(error.summary()) << "\n";
    out().flush();
    err().flush();
    emit finished(exitCode);
}

void Cli::runCommand()
{
    Session *session = m_services->session();
    if (m_command == QLatin1String("login")) {
        if (m_json) {
            const QJsonObject obj{{QStringLiteral("ok"), true},
                                  {QStringLiteral("user_id"), session->userId()},
                                  {QStringLiteral("device_id"), session->deviceId()},
                                  {QStringLiteral("homeserver"), session->homeserver().toString()}};
            out() << QJsonDocument(obj).toJson(QJsonDocument::Compact) << "\n";
        } else {
            out() << tr("Signed in as %1 on %2")
                         .arg(safe(session->userId()), safe(session->homeserver().toString()))
                  << "\n";
        }
        out().flush();
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
        // Scripts see that something is happening instead of a silent wait.
        if (operation->state() == Operation::Waiting)
            err() << "concierge-cli: " << safe(operation->statusText()) << "\n" << Qt::flush;
    });
    connect(operation, &Operation::finished, this, [this, operation] { reportOperation(operation); });
}

void Cli::reportOperation(Operation *operation)
{
    const MatrixError error = operation->error();
    switch (operation->state()) {
    case Operation::Succeeded: break;
    case Operation::Unknown: {
        MatrixError e = error;
        e.message = operation->statusText();
        fail(e, OutcomeUnknown, QStringLiteral("unknown"));
        return;
    }
    default:
        fail(error, error.kind == MatrixError::InvalidInput ? UsageError
                    : error.isAuthFailure()                 ? ConnectionError
                    : error.kind == MatrixError::Server     ? ServerError
                                                            : ConnectionError);
        return;
    }
    const QString roomId = operation->resultRoomId();
    if (m_json) {
        const QJsonObject obj{{QStringLiteral("ok"), true},
                              {QStringLiteral("command"), m_command},
                              {QStringLiteral("room_id"), roomId}};
        out() << QJsonDocument(obj).toJson(QJsonDocument::Compact) << "\n";
    } else {
        switch (operation->kind()) {
        case Operation::Join: out() << tr("Joined %1").arg(safe(roomId)); break;
        case Operation::Leave: out() << tr("Left %1").arg(safe(roomId)); break;
        case Operation::LeaveAndForget: out() << tr("Left and forgot %1").arg(safe(roomId)); break;
        case Operation::Invite:
            out() << tr("Invited %1 to %2").arg(safe(operation->userId()), safe(roomId));
            break;
        case Operation::Forget: out() << tr("Forgot %1").arg(safe(roomId)); break;
        }
        out() << "\n";
    }
    out().flush();
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
        fail(error, error.kind == MatrixError::Server && !error.isAuthFailure() ? ServerError
                                                                                : ConnectionError);
    });
}

void Cli::printRooms()
{
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
        for (const RoomSummary *room : rooms) {
            QJsonObject obj{{QStringLiteral("room_id"), room->roomId},
                            {QStringLiteral("membership"), Membership::toString(room->membership)},
                            {QStringLiteral("name"), room->displayName()},
                            {QStringLiteral("canonical_alias"), room->canonicalAlias.isEmpty()
                                                                    ? QJsonValue()
                                                                    : QJsonValue(room->canonicalAlias)},
                            {QStringLiteral("topic"), room->topic.isEmpty() ? QJsonValue()
                                                                            : QJsonValue(room->topic)},
                            {QStringLiteral("avatar_url"), room->avatarMxc.isEmpty()
                                                               ? QJsonValue()
                                                               : QJsonValue(room->avatarMxc)},
                            {QStringLiteral("joined_member_count"),
                             room->joinedMemberCount < 0 ? QJsonValue() : room->joinedMemberCount},
                            {QStringLiteral("invited_member_count"),
                             room->invitedMemberCount < 0 ? QJsonValue() : room->invitedMemberCount},
                            {QStringLiteral("inviter"), room->inviterId.isEmpty()
                                                            ? QJsonValue()
                                                            : QJsonValue(room->inviterId)}};
            array.append(obj);
        }
        const QJsonObject doc{{QStringLiteral("user_id"), m_services->session()->userId()},
                              {QStringLiteral("rooms"), array}};
        out() << QJsonDocument(doc).toJson(QJsonDocument::Indented);
    } else {
        QString currentSection;
        for (const RoomSummary *room : rooms) {
            const QString section = Membership::toString(room->membership);
            if (section != currentSection) {
                currentSection = section;
                const int n = int(std::count_if(rooms.begin(), rooms.end(), [&](const RoomSummary *r) {
                    return r->membership == room->membership;
                }));
                out() << (room->membership == Membership::Invite ? "Invites"
                          : room->membership == Membership::Join ? "Joined"
                                                                              : "Left")
                      << " (" << n << ")\n";
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
    }
    out().flush();
    emit finished(Ok);
}
