#include "cli.h"

#include "apiclient.h"
#include "matrixerror.h"
#include "membershipservice.h"
#include "roomstore.h"
#include "session.h"
#include "syncengine.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QNetworkAccessManager>
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

const char *const Usage = R"(Commands:
  login                              Verify the access token and print who you are.
  rooms [--membership join|invite|leave]
                                     List your joined rooms, invites and left rooms.
  join <#alias:server|!id:server> [--via SERVER]... [--reason TEXT]
  leave <!room-id> [--reason TEXT]   Leave a room, or decline an invite.
  invite <!room-id> <@user:server> [--reason TEXT]
  forget <!room-id>                  Forget a room you have left.

The homeserver comes from --homeserver or CONCIERGE_HOMESERVER; the access token from
CONCIERGE_ACCESS_TOKEN or, with --token-stdin, the first line of standard input. The token is
never printed.

Exit status: 0 success, 1 the server refused (errcode and message on stderr), 2 invalid usage or
input (nothing was sent), 3 the homeserver could not be reached or the token was rejected.)";
} // namespace

Cli::Cli(QObject *parent) : QObject(parent) {}

int Cli::start(const QStringList &arguments)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(
        QStringLiteral("Manage the rooms of your Matrix account from scripts.\n\n") +
        QString::fromUtf8(Usage));
    parser.addHelpOption();
    parser.addVersionOption();
    const QCommandLineOption homeserverOpt(QStringLiteral("homeserver"),
                                           QStringLiteral("Homeserver URL or server name."),
                                           QStringLiteral("url"));
    const QCommandLineOption tokenStdinOpt(QStringLiteral("token-stdin"),
                                           QStringLiteral("Read the access token from stdin."));
    const QCommandLineOption jsonOpt(QStringLiteral("json"),
                                     QStringLiteral("Machine-readable JSON output (see README)."));
    const QCommandLineOption viaOpt(QStringLiteral("via"),
                                    QStringLiteral("A server to join through (repeatable, up to 3)."),
                                    QStringLiteral("server"));
    const QCommandLineOption reasonOpt(QStringLiteral("reason"),
                                       QStringLiteral("Reason shown to other members."),
                                       QStringLiteral("text"));
    const QCommandLineOption filterOpt(QStringLiteral("print-sync-filter"),
                                       QStringLiteral("Print the /sync filter used and exit."));
    const QCommandLineOption membershipOpt(QStringLiteral("membership"),
                                           QStringLiteral("rooms: only join, invite or leave."),
                                           QStringLiteral("state"));
    parser.addOptions({homeserverOpt, tokenStdinOpt, jsonOpt, viaOpt, reasonOpt, membershipOpt, filterOpt});
    parser.addPositionalArgument(QStringLiteral("command"),
                                 QStringLiteral("login, rooms, join, leave, invite or forget."));

    if (!parser.parse(arguments)) {
        err() << "error: " << parser.errorText() << "\n";
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
    const QStringList positional = parser.positionalArguments();
    if (positional.isEmpty()) {
        err() << "error: no command given\n\n" << Usage << "\n";
        return UsageError;
    }
    m_command = positional.first();
    m_args = positional.mid(1);
    m_json = parser.isSet(jsonOpt);
    m_via = parser.values(viaOpt);
    m_reason = parser.value(reasonOpt);
    m_membershipFilter = parser.value(membershipOpt);

    static const QHash<QString, int> arity{{QStringLiteral("login"), 0}, {QStringLiteral("rooms"), 0},
                                           {QStringLiteral("join"), 1},  {QStringLiteral("leave"), 1},
                                           {QStringLiteral("invite"), 2}, {QStringLiteral("forget"), 1}};
    if (!arity.contains(m_command)) {
        err() << "error: unknown command '" << m_command << "'\n\n" << Usage << "\n";
        return UsageError;
    }
    if (m_args.size() != arity.value(m_command)) {
        err() << "error: '" << m_command << "' takes " << arity.value(m_command)
              << " argument(s), got " << m_args.size() << "\n";
        return UsageError;
    }
    if (!m_membershipFilter.isEmpty() &&
        !QStringList{QStringLiteral("join"), QStringLiteral("invite"), QStringLiteral("leave")}
             .contains(m_membershipFilter)) {
        err() << "error: --membership must be join, invite or leave\n";
        return UsageError;
    }

    QString homeserver = parser.value(homeserverOpt);
    if (homeserver.isEmpty())
        homeserver = qEnvironmentVariable("CONCIERGE_HOMESERVER");
    if (homeserver.isEmpty()) {
        err() << "error: no homeserver: pass --homeserver or set CONCIERGE_HOMESERVER\n";
        return UsageError;
    }
    QString token;
    if (parser.isSet(tokenStdinOpt)) {
        QFile in;
        if (in.open(stdin, QIODevice::ReadOnly))
            token = QString::fromUtf8(in.readLine()).trimmed();
    } else {
        token = qEnvironmentVariable("CONCIERGE_ACCESS_TOKEN");
    }
    if (token.isEmpty()) {
        err() << "error: no access token: set CONCIERGE_ACCESS_TOKEN or pass --token-stdin\n";
        return UsageError;
    }

    auto *nam = new QNetworkAccessManager(this);
    m_api = new ApiClient(nam, this);
    m_session = new Session(m_api, this);
    m_store = new RoomStore(this);
    m_membership = new MembershipService(m_api, m_store, this);
    connect(m_session, &Session::signedIn, this, &Cli::runCommand);
    connect(m_session, &Session::signInFailed, this, [this](const MatrixError &error) {
        MatrixError e = error;
        e.message = m_session->errorText();
        fail(e, error.kind == MatrixError::InvalidInput ? UsageError : ConnectionError);
    });
    m_session->signIn(homeserver, token);
    return -1;
}

void Cli::fail(const MatrixError &error, int exitCode)
{
    if (m_json) {
        QJsonObject obj{{QStringLiteral("ok"), false},
                        {QStringLiteral("command"), m_command},
                        {QStringLiteral("errcode"), error.errcode},
                        {QStringLiteral("error"), error.message},
                        {QStringLiteral("http_status"), error.httpStatus}};
        out() << QJsonDocument(obj).toJson(QJsonDocument::Compact) << "\n";
    }
    err() << "error: " << error.summary() << "\n";
    out().flush();
    err().flush();
    emit finished(exitCode);
}

void Cli::runCommand()
{
    if (m_command == QLatin1String("login")) {
        if (m_json) {
            const QJsonObject obj{{QStringLiteral("ok"), true},
                                  {QStringLiteral("user_id"), m_session->userId()},
                                  {QStringLiteral("device_id"), m_session->deviceId()},
                                  {QStringLiteral("homeserver"),
                                   m_session->homeserver().toString()}};
            out() << QJsonDocument(obj).toJson(QJsonDocument::Compact) << "\n";
        } else {
            out() << "Signed in as " << m_session->userId() << " on "
                  << m_session->homeserver().toString() << "\n";
        }
        out().flush();
        emit finished(Ok);
        return;
    }
    if (m_command == QLatin1String("rooms")) {
        listRooms();
        return;
    }
    connect(m_membership, &MembershipService::actionFinished, this,
            [this](int, const QString &action, const QString &, const QString &roomId,
                   const MatrixError &error) { reportAction(action, roomId, error); });
    if (m_command == QLatin1String("join"))
        m_membership->join(m_args.at(0), m_via, m_reason);
    else if (m_command == QLatin1String("leave"))
        m_membership->leave(m_args.at(0), m_reason);
    else if (m_command == QLatin1String("invite"))
        m_membership->invite(m_args.at(0), m_args.at(1), m_reason);
    else if (m_command == QLatin1String("forget"))
        m_membership->forget(m_args.at(0));
}

void Cli::reportAction(const QString &action, const QString &roomId, const MatrixError &error)
{
    if (error.isError()) {
        fail(error, error.kind == MatrixError::InvalidInput ? UsageError
                    : error.kind == MatrixError::Server     ? ServerError
                                                            : ConnectionError);
        return;
    }
    if (m_json) {
        const QJsonObject obj{{QStringLiteral("ok"), true},
                              {QStringLiteral("command"), action},
                              {QStringLiteral("room_id"), roomId}};
        out() << QJsonDocument(obj).toJson(QJsonDocument::Compact) << "\n";
    } else {
        static const QHash<QString, QString> verbs{{QStringLiteral("join"), QStringLiteral("Joined")},
                                                   {QStringLiteral("leave"), QStringLiteral("Left")},
                                                   {QStringLiteral("invite"), QStringLiteral("Invited")},
                                                   {QStringLiteral("forget"), QStringLiteral("Forgot")}};
        if (action == QLatin1String("invite"))
            out() << "Invited " << m_args.value(1) << " to " << roomId << "\n";
        else
            out() << verbs.value(action) << " " << roomId << "\n";
    }
    out().flush();
    emit finished(Ok);
}

void Cli::listRooms()
{
    m_store->setOwnUserId(m_session->userId());
    // One /sync (timeout 0) with the same filter as the app: the whole list, no per-room calls.
    const QByteArray path = ApiClient::withQuery(
        m_api->clientPath({QStringLiteral("sync")}),
        {{QStringLiteral("filter"), QString::fromUtf8(SyncEngine::filterJson())},
         {QStringLiteral("timeout"), QStringLiteral("0")},
         {QStringLiteral("set_presence"), QStringLiteral("offline")}});
    ApiCall *call = m_api->get(path, 120000);
    connect(call, &ApiCall::succeeded, this, [this](const QJsonObject &body) {
        m_store->applySync(body);
        printRooms();
    });
    connect(call, &ApiCall::failed, this, [this](const MatrixError &error) {
        fail(error, error.kind == MatrixError::Server ? ServerError : ConnectionError);
    });
}

void Cli::printRooms()
{
    QList<const RoomSummary *> rooms;
    for (int i = 0; i < m_store->size(); ++i) {
        const RoomSummary &room = m_store->at(i);
        if (m_membershipFilter.isEmpty() ||
            RoomSummary::membershipString(room.membership) == m_membershipFilter)
            rooms << &room;
    }
    auto order = [](RoomSummary::Membership m) {
        return m == RoomSummary::Membership::Invite ? 0 : m == RoomSummary::Membership::Join ? 1 : 2;
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
                            {QStringLiteral("membership"), RoomSummary::membershipString(room->membership)},
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
        const QJsonObject doc{{QStringLiteral("user_id"), m_session->userId()},
                              {QStringLiteral("rooms"), array}};
        out() << QJsonDocument(doc).toJson(QJsonDocument::Indented);
    } else {
        QString currentSection;
        for (const RoomSummary *room : rooms) {
            const QString section = RoomSummary::membershipString(room->membership);
            if (section != currentSection) {
                currentSection = section;
                const int n = int(std::count_if(rooms.begin(), rooms.end(), [&](const RoomSummary *r) {
                    return r->membership == room->membership;
                }));
                out() << (room->membership == RoomSummary::Membership::Invite ? "Invites"
                          : room->membership == RoomSummary::Membership::Join ? "Joined"
                                                                              : "Left")
                      << " (" << n << ")\n";
            }
            out() << "  " << room->roomId << "  " << room->displayName();
            if (!room->canonicalAlias.isEmpty() && room->canonicalAlias != room->displayName())
                out() << "  " << room->canonicalAlias;
            if (room->joinedMemberCount >= 0)
                out() << "  · " << room->joinedMemberCount << " members";
            if (!room->inviterId.isEmpty())
                out() << "  · invited by " << room->inviterId;
            out() << "\n";
        }
        if (rooms.isEmpty())
            out() << "No rooms.\n";
    }
    out().flush();
    emit finished(Ok);
}
