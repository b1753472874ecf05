#include "synapsefixture.h"

#include <QEventLoop>
#include <QFile>
#include <QJsonDocument>
#include <QMessageAuthenticationCode>
#include <QNetworkReply>
#include <QProcess>
#include <QRandomGenerator>
#include <QRegularExpression>
#include <QTimer>
#include <QUrlQuery>

bool SynapseFixture::load(QString *error)
{
    const QString path = qEnvironmentVariable("CONCIERGE_SYNAPSE_SERVER_JSON");
    if (path.isEmpty()) {
        *error = QStringLiteral("CONCIERGE_SYNAPSE_SERVER_JSON is not set: run through ctest, "
                                "whose `synapse` fixture starts the server");
        return false;
    }
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        *error = QStringLiteral("Synapse did not start: %1 is missing").arg(path);
        return false;
    }
    const QJsonObject json = QJsonDocument::fromJson(file.readAll()).object();
    m_baseUrl = QUrl(json.value(QLatin1String("base_url")).toString());
    m_serverName = json.value(QLatin1String("server_name")).toString();
    m_sharedSecret = json.value(QLatin1String("shared_secret")).toString();
    m_logPath = json.value(QLatin1String("log")).toString();
    if (!m_baseUrl.isValid() || m_sharedSecret.isEmpty()) {
        *error = QStringLiteral("%1 is incomplete").arg(path);
        return false;
    }
    const Response health = request("GET", "/_matrix/client/versions", {});
    if (health.status != 200) {
        *error = QStringLiteral("Synapse at %1 does not answer (status %2)")
                     .arg(m_baseUrl.toString())
                     .arg(health.status);
        return false;
    }
    return true;
}

bool SynapseFixture::harness(const QStringList &args, const QString &instance)
{
    QProcess p;
    p.setProcessChannelMode(QProcess::ForwardedErrorChannel);
    p.setStandardOutputFile(QProcess::nullDevice()); // stdout carries the shared secret
    p.start(QStringLiteral("python3"),
            QStringList{QStringLiteral(CONCIERGE_HARNESS), QStringLiteral("--root"),
                        QStringLiteral(CONCIERGE_SYNAPSE_ROOT)} +
                args + QStringList{QStringLiteral("--name"), instance});
    return p.waitForFinished(300000) && p.exitStatus() == QProcess::NormalExit && p.exitCode() == 0;
}

bool SynapseFixture::startDedicated(const QString &instance, bool defaultRateLimits, QString *error,
                                    const QStringList &extraArgs)
{
    QStringList args = QStringList{QStringLiteral("start")} + extraArgs;
    if (defaultRateLimits)
        args << QStringLiteral("--default-ratelimits");
    if (!harness(args, instance)) {
        *error = QStringLiteral("could not start a dedicated Synapse '%1'").arg(instance);
        return false;
    }
    qputenv(
        "CONCIERGE_SYNAPSE_SERVER_JSON",
        QStringLiteral(CONCIERGE_SYNAPSE_ROOT "/instances/%1/server.json").arg(instance).toUtf8());
    return load(error);
}

bool SynapseFixture::restartDedicated(const QString &instance)
{
    return harness({QStringLiteral("restart")}, instance);
}

bool SynapseFixture::stopDedicated(const QString &instance)
{
    return harness({QStringLiteral("stop")}, instance);
}

QByteArray SynapseFixture::seg(const QString &s)
{
    return QUrl::toPercentEncoding(s);
}

SynapseFixture::Response SynapseFixture::request(const QByteArray &verb,
                                                 const QByteArray &encodedPath,
                                                 const QString &token, const QJsonObject &body)
{
    QNetworkRequest req(QUrl::fromEncoded(m_baseUrl.toEncoded() + encodedPath));
    req.setHeader(QNetworkRequest::ContentTypeHeader, QByteArrayLiteral("application/json"));
    req.setTransferTimeout(30000);
    if (!token.isEmpty())
        req.setRawHeader("Authorization", "Bearer " + token.toUtf8());
    const QByteArray payload = verb == "GET" ? QByteArray() : QJsonDocument(body).toJson();
    QNetworkReply *reply = m_nam.sendCustomRequest(req, verb, payload);
    QEventLoop loop;
    QObject::connect(reply, &QNetworkReply::finished, &loop, &QEventLoop::quit);
    loop.exec();
    Response response;
    response.status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    response.body = QJsonDocument::fromJson(reply->readAll()).object();
    reply->deleteLater();
    return response;
}

SynapseFixture::User SynapseFixture::registerUser(const QString &localpartPrefix, bool admin,
                                                  const QString &displayName)
{
    const QString localpart =
        QStringLiteral("%1-%2")
            .arg(localpartPrefix)
            .arg(QRandomGenerator::global()->generate(), 8, 16, QLatin1Char('0'));
    const Response nonceResponse = request("GET", "/_synapse/admin/v1/register", {});
    const QString nonce = nonceResponse.body.value(QLatin1String("nonce")).toString();
    const QString password = localpart + QStringLiteral("-pw");
    QMessageAuthenticationCode mac(QCryptographicHash::Sha1, m_sharedSecret.toUtf8());
    mac.addData(nonce.toUtf8());
    mac.addData("\0", 1);
    mac.addData(localpart.toUtf8());
    mac.addData("\0", 1);
    mac.addData(password.toUtf8());
    mac.addData("\0", 1);
    mac.addData(admin ? "admin" : "notadmin");
    QJsonObject body{{QStringLiteral("nonce"), nonce},
                     {QStringLiteral("username"), localpart},
                     {QStringLiteral("password"), password},
                     {QStringLiteral("admin"), admin},
                     {QStringLiteral("mac"), QString::fromLatin1(mac.result().toHex())}};
    if (!displayName.isEmpty())
        body.insert(QStringLiteral("displayname"), displayName);
    const Response r = request("POST", "/_synapse/admin/v1/register", {}, body);
    return {r.body.value(QLatin1String("user_id")).toString(),
            r.body.value(QLatin1String("access_token")).toString(), localpart};
}

QString SynapseFixture::createRoom(const User &creator, const QJsonObject &options)
{
    const Response r =
        request("POST", "/_matrix/client/v3/createRoom", creator.accessToken, options);
    return r.body.value(QLatin1String("room_id")).toString();
}

bool SynapseFixture::invite(const User &from, const QString &roomId, const QString &userId)
{
    return request("POST", "/_matrix/client/v3/rooms/" + seg(roomId) + "/invite", from.accessToken,
                   {{QStringLiteral("user_id"), userId}})
               .status == 200;
}

bool SynapseFixture::join(const User &user, const QString &roomIdOrAlias)
{
    return request("POST", "/_matrix/client/v3/join/" + seg(roomIdOrAlias), user.accessToken, {})
               .status == 200;
}

bool SynapseFixture::leave(const User &user, const QString &roomId)
{
    return request("POST", "/_matrix/client/v3/rooms/" + seg(roomId) + "/leave", user.accessToken,
                   {})
               .status == 200;
}

bool SynapseFixture::forget(const User &user, const QString &roomId)
{
    return request("POST", "/_matrix/client/v3/rooms/" + seg(roomId) + "/forget", user.accessToken,
                   {})
               .status == 200;
}

bool SynapseFixture::kick(const User &moderator, const QString &roomId, const QString &userId,
                          const QString &reason)
{
    QJsonObject body{{QStringLiteral("user_id"), userId}};
    if (!reason.isEmpty())
        body.insert(QStringLiteral("reason"), reason);
    return request("POST", "/_matrix/client/v3/rooms/" + seg(roomId) + "/kick",
                   moderator.accessToken, body)
               .status == 200;
}

SynapseFixture::User SynapseFixture::loginAnotherDevice(const User &user)
{
    const Response r = request(
        "POST", "/_matrix/client/v3/login", {},
        {{QStringLiteral("type"), QStringLiteral("m.login.password")},
         {QStringLiteral("identifier"),
          QJsonObject{{QStringLiteral("type"), QStringLiteral("m.id.user")},
                      {QStringLiteral("user"), user.localpart}}},
         {QStringLiteral("password"), user.localpart + QStringLiteral("-pw")},
         {QStringLiteral("initial_device_display_name"), QStringLiteral("another client")}});
    if (r.status != 200 || r.body.value(QLatin1String("user_id")).toString() != user.userId)
        return {user.userId, {}, user.localpart};
    return {user.userId, r.body.value(QLatin1String("access_token")).toString(), user.localpart};
}

QStringList SynapseFixture::joinedRooms(const User &admin, const QString &userId)
{
    const Response r = request("GET", "/_synapse/admin/v1/users/" + seg(userId) + "/joined_rooms",
                               admin.accessToken);
    QStringList rooms;
    for (const QJsonValue &v : r.body.value(QLatin1String("joined_rooms")).toArray())
        rooms << v.toString();
    return rooms;
}

QJsonObject SynapseFixture::memberEvent(const User &admin, const QString &roomId,
                                        const QString &userId)
{
    const Response r =
        request("GET", "/_synapse/admin/v1/rooms/" + seg(roomId) + "/state", admin.accessToken);
    for (const QJsonValue &v : r.body.value(QLatin1String("state")).toArray()) {
        const QJsonObject event = v.toObject();
        if (event.value(QLatin1String("type")).toString() == QLatin1String("m.room.member") &&
            event.value(QLatin1String("state_key")).toString() == userId)
            return event;
    }
    return {};
}

QString SynapseFixture::membershipOf(const User &admin, const QString &roomId,
                                     const QString &userId)
{
    return memberEvent(admin, roomId, userId)
        .value(QLatin1String("content"))
        .toObject()
        .value(QLatin1String("membership"))
        .toString();
}

QList<QJsonObject> SynapseFixture::memberEvents(const User &admin, const QString &roomId,
                                                const QString &userId)
{
    QUrlQuery query;
    query.addQueryItem(QStringLiteral("dir"), QStringLiteral("f"));
    query.addQueryItem(QStringLiteral("limit"), QStringLiteral("1000"));
    query.addQueryItem(QStringLiteral("filter"), QStringLiteral(R"({"types":["m.room.member"]})"));
    const Response r = request("GET",
                               "/_synapse/admin/v1/rooms/" + seg(roomId) + "/messages?" +
                                   query.toString(QUrl::FullyEncoded).toLatin1(),
                               admin.accessToken);
    QList<QJsonObject> events;
    for (const QJsonValue &v : r.body.value(QLatin1String("chunk")).toArray()) {
        const QJsonObject event = v.toObject();
        if (event.value(QLatin1String("type")).toString() == QLatin1String("m.room.member") &&
            event.value(QLatin1String("state_key")).toString() == userId)
            events.append(event);
    }
    return events;
}

bool SynapseFixture::overrideRateLimit(const User &admin, const QString &userId,
                                       double messagesPerSecond, int burstCount)
{
    return request("POST", "/_synapse/admin/v1/users/" + seg(userId) + "/override_ratelimit",
                   admin.accessToken,
                   {{QStringLiteral("messages_per_second"), messagesPerSecond},
                    {QStringLiteral("burst_count"), burstCount}})
               .status == 200;
}

QList<SynapseFixture::AccessEntry> SynapseFixture::accessLog(const QString &userId) const
{
    QList<AccessEntry> entries;
    QFile file(m_logPath);
    if (!file.open(QIODevice::ReadOnly | QIODevice::Text))
        return entries;
    // 2026-11-30 11:43:22,376 - synapse.access.http.52535 - 643 - INFO - POST-34 - 127.0.0.1 -
    // 52535 - {@u:localhost} Processed request: 0.621sec/0.001sec ... 79B 429 "POST /path HTTP/1.1"
    // ("200!": done, but the client had gone before the answer was sent.)
    static const QRegularExpression line(QStringLiteral(
        R"(^(\d{4}-\d\d-\d\d \d\d:\d\d:\d\d,\d{3}) - synapse\.access\.http\.\d+ - .*? - )"
        R"(\{([^}]*)\} Processed request: ([\d.]+)sec/.*? (\d{3})(!?) "(\w+) (\S+) HTTP/[\d.]+")"));
    while (!file.atEnd()) {
        const QString text = QString::fromUtf8(file.readLine());
        if (!text.contains(QLatin1String("Processed request")))
            continue;
        const QRegularExpressionMatch m = line.match(text);
        if (!m.hasMatch())
            continue;
        AccessEntry e;
        e.user = m.captured(2) == QLatin1String("None") ? QString() : m.captured(2);
        if (!userId.isEmpty() && e.user != userId)
            continue;
        // Python's logging writes local time.
        e.finished =
            QDateTime::fromString(m.captured(1), QStringLiteral("yyyy-MM-dd HH:mm:ss,zzz"));
        e.durationMs = qRound64(m.captured(3).toDouble() * 1000.0);
        e.status = m.captured(4).toInt();
        e.clientGone = !m.captured(5).isEmpty();
        e.method = m.captured(6);
        e.path = m.captured(7).section(QLatin1Char('?'), 0, 0);
        entries.append(e);
    }
    return entries;
}
