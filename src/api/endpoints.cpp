#include "api/endpoints.h"

#include "api/identifiers.h"

#include <QCoreApplication>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

namespace {

using Query = QList<std::pair<QString, QString>>;

// A path being built: each segment percent-encoded as exactly one segment. A segment that the URL
// layer would treat as structure instead of data ("", ".", "..": removed or collapsed by dot-
// segment normalisation, so the request would reach another path) is refused, and the call
// fails without sending anything.
struct Path
{
    QByteArray encoded;
    QString refusal;

    Path &operator/(const QString &segment)
    {
        if (segment.isEmpty() || segment == QLatin1String(".") || segment == QLatin1String("..")) {
            if (refusal.isEmpty())
                refusal = QCoreApplication::translate("Endpoints",
                                                      "“%1” cannot be part of a request path.")
                              .arg(segment);
        }
        encoded += '/';
        encoded += Identifiers::encodePathSegment(segment);
        return *this;
    }
};

Path client(const ApiClient *api)
{
    return {"/_matrix/client/" + api->clientApiVersion().toLatin1(), {}};
}

Path media(const ApiClient *)
{
    // Authenticated media (spec v1.11) lives under v1 regardless of the client API version.
    return {QByteArrayLiteral("/_matrix/client/v1/media"), {}};
}

QByteArray withQuery(const QByteArray &path, const Query &items)
{
    QByteArray result = path;
    char separator = '?';
    for (const auto &[key, value] : items) {
        result += separator + QUrl::toPercentEncoding(key) + '=' + QUrl::toPercentEncoding(value);
        separator = '&';
    }
    return result;
}

QByteArray json(const QJsonObject &body)
{
    return QJsonDocument(body).toJson(QJsonDocument::Compact);
}

HttpRequest request(const QByteArray &verb, const Path &path, const Query &query = {})
{
    HttpRequest r;
    r.verb = verb;
    r.pathAndQuery = withQuery(path.encoded, query);
    r.invalidReason = path.refusal;
    // A GET changes nothing: Qt may send it again by itself after a dropped connection.
    r.idempotent = verb == "GET";
    return r;
}

QJsonObject withReason(QJsonObject body, const QString &reason)
{
    if (!reason.isEmpty())
        body.insert(QStringLiteral("reason"), reason);
    return body;
}

} // namespace

namespace Endpoints {

ApiCall *getWellknown(ApiClient *api, const QUrl &serverBase)
{
    HttpRequest r;
    QUrl url = serverBase.adjusted(QUrl::RemovePath | QUrl::RemoveQuery | QUrl::RemoveFragment);
    url.setPath(QStringLiteral("/.well-known/matrix/client"));
    r.absoluteUrl = url;
    r.idempotent = true;
    r.authenticated = false;
    r.deadlineMs = Timeouts::Discovery;
    r.maxResponseBytes = Limits::DiscoveryResponseBytes;
    return api->send(r);
}

ApiCall *getVersions(ApiClient *api)
{
    HttpRequest r =
        request("GET", Path{QByteArrayLiteral("/_matrix/client"), {}} / QStringLiteral("versions"));
    r.authenticated = false;
    r.deadlineMs = Timeouts::Discovery;
    r.maxResponseBytes = Limits::DiscoveryResponseBytes;
    return api->send(r);
}

ApiCall *getTokenOwner(ApiClient *api)
{
    HttpRequest r =
        request("GET", client(api) / QStringLiteral("account") / QStringLiteral("whoami"));
    r.deadlineMs = Timeouts::Discovery;
    r.maxResponseBytes = Limits::DiscoveryResponseBytes;
    return api->send(r);
}

ApiCall *sync(ApiClient *api, const SyncParams &params)
{
    Query query{{QStringLiteral("filter"), QString::fromUtf8(params.filter)},
                {QStringLiteral("set_presence"), QStringLiteral("offline")},
                {QStringLiteral("timeout"), QString::number(params.timeoutMs)}};
    if (!params.since.isEmpty())
        query.append({QStringLiteral("since"), params.since});
    if (params.fullState)
        query.append({QStringLiteral("full_state"), QStringLiteral("true")});
    HttpRequest r = request("GET", client(api) / QStringLiteral("sync"), query);
    // An initial sync of a large account takes the server a while to prepare; afterwards a
    // stalled server is detected by the long poll plus a margin.
    r.deadlineMs =
        params.since.isEmpty() ? Timeouts::InitialSync : params.timeoutMs + params.stallMarginMs;
    r.maxResponseBytes = Limits::SyncResponseBytes;
    r.expectJson = !params.asText;
    return api->send(r);
}

ApiCall *slidingSync(ApiClient *api, const SlidingSyncParams &params)
{
    Query query{{QStringLiteral("timeout"), QString::number(params.timeoutMs)}};
    if (!params.pos.isEmpty())
        query.append({QStringLiteral("pos"), params.pos});
    // An unstable prefix of its own, whatever client API version the server speaks.
    const Path path = Path{QByteArrayLiteral("/_matrix/client"), {}} / QStringLiteral("unstable") /
                      QStringLiteral("org.matrix.simplified_msc3575") / QStringLiteral("sync");
    QJsonObject lists;
    for (const SlidingSyncList &list : params.lists) {
        QJsonObject entry;
        if (!list.ranges.isEmpty()) {
            QJsonArray ranges;
            for (const auto &[first, last] : list.ranges)
                ranges.append(QJsonArray{first, last});
            entry.insert(QStringLiteral("ranges"), ranges);
        }
        QJsonArray requiredState;
        for (const auto &[type, stateKey] : list.requiredState)
            requiredState.append(QJsonArray{type, stateKey});
        entry.insert(QStringLiteral("required_state"), requiredState);
        entry.insert(QStringLiteral("timeline_limit"), list.timelineLimit);
        if (list.isInvite)
            entry.insert(QStringLiteral("filters"),
                         QJsonObject{{QStringLiteral("is_invite"), *list.isInvite}});
        lists.insert(list.name, entry);
    }
    HttpRequest r = request("POST", path, query);
    r.body = json({{QStringLiteral("lists"), lists}});
    // Without `pos` it only reads; with `pos` the server's connection state advances only when
    // the client uses the answer's new position, so sending it again is harmless as well.
    r.idempotent = true;
    r.deadlineMs = params.timeoutMs + params.stallMarginMs;
    // Sized like any other answer: a page of rooms with a few state events each (~1.8 KB a room
    // on Synapse), not the whole account.
    r.maxResponseBytes = Limits::DefaultResponseBytes;
    return api->send(r);
}

// POST /join/… and /knock/…: the same shape. `via` (v1.12) and `server_name` with the same
// values, for servers that predate `via`.
static HttpRequest membershipByAddressRequest(const ApiClient *api, const QString &action,
                                              const QString &roomIdOrAlias, const QStringList &via,
                                              const QString &reason)
{
    Query query;
    for (const QString &server : via)
        query.append({QStringLiteral("via"), server});
    for (const QString &server : via)
        query.append({QStringLiteral("server_name"), server});
    HttpRequest r = request("POST", client(api) / action / roomIdOrAlias, query);
    r.body = json(withReason({}, reason));
    return r;
}

HttpRequest joinRoomRequest(const ApiClient *api, const QString &roomIdOrAlias,
                            const QStringList &via, const QString &reason)
{
    return membershipByAddressRequest(api, QStringLiteral("join"), roomIdOrAlias, via, reason);
}

ApiCall *joinRoom(ApiClient *api, const QString &roomIdOrAlias, const QStringList &via,
                  const QString &reason, RetryPolicy retry)
{
    HttpRequest r = joinRoomRequest(api, roomIdOrAlias, via, reason);
    r.retry = retry;
    return api->send(r);
}

HttpRequest knockRoomRequest(const ApiClient *api, const QString &roomIdOrAlias,
                             const QStringList &via, const QString &reason)
{
    return membershipByAddressRequest(api, QStringLiteral("knock"), roomIdOrAlias, via, reason);
}

ApiCall *knockRoom(ApiClient *api, const QString &roomIdOrAlias, const QStringList &via,
                   const QString &reason, RetryPolicy retry)
{
    HttpRequest r = knockRoomRequest(api, roomIdOrAlias, via, reason);
    r.retry = retry;
    return api->send(r);
}

ApiCall *getPublicRooms(ApiClient *api, const PublicRoomsParams &params)
{
    Query query;
    if (!params.server.isEmpty())
        query.append({QStringLiteral("server"), params.server});
    HttpRequest r;
    if (params.searchTerm.isEmpty()) {
        if (params.limit > 0)
            query.append({QStringLiteral("limit"), QString::number(params.limit)});
        if (!params.since.isEmpty())
            query.append({QStringLiteral("since"), params.since});
        r = request("GET", client(api) / QStringLiteral("publicRooms"), query);
    } else {
        QJsonObject body{{QStringLiteral("filter"),
                          QJsonObject{{QStringLiteral("generic_search_term"), params.searchTerm}}}};
        if (params.limit > 0)
            body.insert(QStringLiteral("limit"), params.limit);
        if (!params.since.isEmpty())
            body.insert(QStringLiteral("since"), params.since);
        r = request("POST", client(api) / QStringLiteral("publicRooms"), query);
        r.body = json(body);
        r.idempotent = true; // a search: asking twice changes nothing
    }
    return api->send(r);
}

ApiCall *getRoomSummary(ApiClient *api, const QString &roomIdOrAlias, const QStringList &via)
{
    Query query;
    for (const QString &server : via)
        query.append({QStringLiteral("via"), server});
    // Added in v1.15 under v1, whatever client API version the server speaks otherwise.
    const Path path = Path{QByteArrayLiteral("/_matrix/client/v1"), {}} /
                      QStringLiteral("room_summary") / roomIdOrAlias;
    HttpRequest r = request("GET", path, query);
    r.deadlineMs = Timeouts::Discovery;
    return api->send(r);
}

HttpRequest leaveRoomRequest(const ApiClient *api, const QString &roomId, const QString &reason)
{
    HttpRequest r =
        request("POST", client(api) / QStringLiteral("rooms") / roomId / QStringLiteral("leave"));
    r.body = json(withReason({}, reason));
    return r;
}

ApiCall *leaveRoom(ApiClient *api, const QString &roomId, const QString &reason, RetryPolicy retry)
{
    HttpRequest r = leaveRoomRequest(api, roomId, reason);
    r.retry = retry;
    return api->send(r);
}

HttpRequest inviteUserRequest(const ApiClient *api, const QString &roomId, const QString &userId,
                              const QString &reason)
{
    HttpRequest r =
        request("POST", client(api) / QStringLiteral("rooms") / roomId / QStringLiteral("invite"));
    r.body = json(withReason({{QStringLiteral("user_id"), userId}}, reason));
    return r;
}

ApiCall *inviteUser(ApiClient *api, const QString &roomId, const QString &userId,
                    const QString &reason, RetryPolicy retry)
{
    HttpRequest r = inviteUserRequest(api, roomId, userId, reason);
    r.retry = retry;
    return api->send(r);
}

HttpRequest forgetRoomRequest(const ApiClient *api, const QString &roomId)
{
    HttpRequest r =
        request("POST", client(api) / QStringLiteral("rooms") / roomId / QStringLiteral("forget"));
    r.body = json({});
    return r;
}

ApiCall *forgetRoom(ApiClient *api, const QString &roomId, RetryPolicy retry)
{
    HttpRequest r = forgetRoomRequest(api, roomId);
    r.retry = retry;
    return api->send(r);
}

// kick, ban, unban and invite share a shape: POST /rooms/{roomId}/<action> {"user_id", "reason"?}.
static HttpRequest memberActionRequest(const ApiClient *api, const QString &action,
                                       const QString &roomId, const QString &userId,
                                       const QString &reason)
{
    HttpRequest r = request("POST", client(api) / QStringLiteral("rooms") / roomId / action);
    r.body = json(withReason({{QStringLiteral("user_id"), userId}}, reason));
    // The user ID travels in the body, where an empty one would reach the server as a
    // malformed request: refuse it here like an empty path segment.
    if (userId.isEmpty() && r.invalidReason.isEmpty())
        r.invalidReason =
            QCoreApplication::translate("Endpoints", "A user ID is needed for “%1”.").arg(action);
    return r;
}

HttpRequest kickRequest(const ApiClient *api, const QString &roomId, const QString &userId,
                        const QString &reason)
{
    return memberActionRequest(api, QStringLiteral("kick"), roomId, userId, reason);
}

ApiCall *kick(ApiClient *api, const QString &roomId, const QString &userId, const QString &reason,
              RetryPolicy retry)
{
    HttpRequest r = kickRequest(api, roomId, userId, reason);
    r.retry = retry;
    return api->send(r);
}

HttpRequest banRequest(const ApiClient *api, const QString &roomId, const QString &userId,
                       const QString &reason)
{
    return memberActionRequest(api, QStringLiteral("ban"), roomId, userId, reason);
}

ApiCall *ban(ApiClient *api, const QString &roomId, const QString &userId, const QString &reason,
             RetryPolicy retry)
{
    HttpRequest r = banRequest(api, roomId, userId, reason);
    r.retry = retry;
    return api->send(r);
}

HttpRequest unbanRequest(const ApiClient *api, const QString &roomId, const QString &userId,
                         const QString &reason)
{
    return memberActionRequest(api, QStringLiteral("unban"), roomId, userId, reason);
}

ApiCall *unban(ApiClient *api, const QString &roomId, const QString &userId, const QString &reason,
               RetryPolicy retry)
{
    HttpRequest r = unbanRequest(api, roomId, userId, reason);
    r.retry = retry;
    return api->send(r);
}

ApiCall *getRoomStateWithKey(ApiClient *api, const QString &roomId, const QString &eventType,
                             const QString &stateKey, StateFormat format)
{
    // A state key may legitimately be empty: then the path ends in the event type with a slash.
    Path path =
        client(api) / QStringLiteral("rooms") / roomId / QStringLiteral("state") / eventType;
    if (stateKey.isEmpty())
        path.encoded += '/';
    else
        path = path / stateKey;
    Query query;
    if (format == StateFormat::Event)
        query.append({QStringLiteral("format"), QStringLiteral("event")});
    return api->send(request("GET", path, query));
}

ApiCall *getMembersByRoom(ApiClient *api, const QString &roomId, const QString &notMembership)
{
    Query query;
    if (!notMembership.isEmpty())
        query.append({QStringLiteral("not_membership"), notMembership});
    return api->send(request(
        "GET", client(api) / QStringLiteral("rooms") / roomId / QStringLiteral("members"), query));
}

ApiCall *getRoomIdByAlias(ApiClient *api, const QString &roomAlias)
{
    return api->send(request("GET", client(api) / QStringLiteral("directory") /
                                        QStringLiteral("room") / roomAlias));
}

ApiCall *searchUserDirectory(ApiClient *api, const QString &searchTerm, int limit)
{
    HttpRequest r =
        request("POST", client(api) / QStringLiteral("user_directory") / QStringLiteral("search"));
    r.body = json({{QStringLiteral("search_term"), searchTerm}, {QStringLiteral("limit"), limit}});
    r.idempotent = true; // a search: asking twice changes nothing
    r.deadlineMs = Timeouts::Discovery;
    return api->send(r);
}

ApiCall *getContentThumbnailAuthed(ApiClient *api, const QString &serverName,
                                   const QString &mediaId, QSize size)
{
    HttpRequest r = request("GET", media(api) / QStringLiteral("thumbnail") / serverName / mediaId,
                            {{QStringLiteral("width"), QString::number(size.width())},
                             {QStringLiteral("height"), QString::number(size.height())},
                             {QStringLiteral("method"), QStringLiteral("crop")}});
    r.expectJson = false;
    r.deadlineMs = Timeouts::Media;
    r.maxResponseBytes = Limits::ThumbnailBytes;
    return api->send(r);
}

// --- Account data -------------------------------------------------------------------------------

ApiCall *getAccountData(ApiClient *api, const QString &userId, const QString &type)
{
    HttpRequest r = request("GET", client(api) / QStringLiteral("user") / userId /
                                       QStringLiteral("account_data") / type);
    return api->send(r);
}

ApiCall *setAccountData(ApiClient *api, const QString &userId, const QString &type,
                        const QJsonObject &content)
{
    HttpRequest r = request("PUT", client(api) / QStringLiteral("user") / userId /
                                       QStringLiteral("account_data") / type);
    r.body = json(content);
    // The whole content replaces what is there: sending the same content twice has the effect
    // of sending it once.
    r.idempotent = true;
    return api->send(r);
}

// --- Login --------------------------------------------------------------------------------------

ApiCall *getLoginFlows(ApiClient *api)
{
    HttpRequest r = request("GET", client(api) / QStringLiteral("login"));
    r.authenticated = false;
    r.deadlineMs = Timeouts::Discovery;
    r.maxResponseBytes = Limits::DiscoveryResponseBytes;
    return api->send(r);
}

ApiCall *getAuthMetadata(ApiClient *api)
{
    HttpRequest r = request("GET", Path{QByteArrayLiteral("/_matrix/client/v1"), {}} /
                                       QStringLiteral("auth_metadata"));
    r.authenticated = false;
    r.deadlineMs = Timeouts::Discovery;
    r.maxResponseBytes = Limits::DiscoveryResponseBytes;
    return api->send(r);
}

namespace {
// POST /login: the login type's fields, the new device's name, refresh tokens asked for.
ApiCall *postLogin(ApiClient *api, QJsonObject body, const QString &deviceDisplayName,
                   bool refreshToken)
{
    HttpRequest r = request("POST", client(api) / QStringLiteral("login"));
    r.authenticated = false;
    if (!deviceDisplayName.isEmpty())
        body.insert(QStringLiteral("initial_device_display_name"), deviceDisplayName);
    if (refreshToken)
        body.insert(QStringLiteral("refresh_token"), true);
    r.body = json(body);
    r.deadlineMs = Timeouts::Discovery;
    return api->send(r);
}
} // namespace

ApiCall *loginWithPassword(ApiClient *api, const PasswordLogin &login)
{
    return postLogin(api,
                     {{QStringLiteral("type"), QStringLiteral("m.login.password")},
                      {QStringLiteral("identifier"),
                       QJsonObject{{QStringLiteral("type"), QStringLiteral("m.id.user")},
                                   {QStringLiteral("user"), login.user}}},
                      {QStringLiteral("password"), login.password}},
                     login.initialDeviceDisplayName, login.refreshToken);
}

QUrl ssoRedirectUrl(const ApiClient *api, const QUrl &redirectUrl, const QString &idpId)
{
    Path path =
        client(api) / QStringLiteral("login") / QStringLiteral("sso") / QStringLiteral("redirect");
    if (!idpId.isEmpty())
        path = path / idpId;
    if (!path.refusal.isEmpty() || !redirectUrl.isValid())
        return {};
    const QByteArray pathAndQuery =
        withQuery(path.encoded,
                  {{QStringLiteral("redirectUrl"), QString::fromUtf8(redirectUrl.toEncoded())}});
    // As ApiClient builds its requests' URLs: the homeserver's base (which may have a path) + ours.
    const QByteArray base = api->homeserver().toEncoded(QUrl::RemoveQuery | QUrl::RemoveFragment |
                                                        QUrl::StripTrailingSlash);
    return QUrl::fromEncoded(base + pathAndQuery, QUrl::StrictMode);
}

ApiCall *loginWithToken(ApiClient *api, const TokenLogin &login)
{
    return postLogin(api,
                     {{QStringLiteral("type"), QStringLiteral("m.login.token")},
                      {QStringLiteral("token"), login.token}},
                     login.initialDeviceDisplayName, login.refreshToken);
}

// --- OAuth 2.0 -----------------------------------------------------------------------------------

namespace {
HttpRequest oauthRequest(const QUrl &endpoint)
{
    HttpRequest r;
    r.verb = "POST";
    r.absoluteUrl = endpoint;
    r.authenticated = false;
    r.deadlineMs = Timeouts::Discovery;
    r.maxResponseBytes = Limits::DiscoveryResponseBytes;
    if (!endpoint.isValid() || endpoint.isRelative())
        r.invalidReason = QCoreApplication::translate(
            "Endpoints", "The authorization server published an invalid endpoint address.");
    return r;
}
QByteArray form(const Query &items)
{
    return withQuery({}, items).mid(1); // "a=b&c=d" without the "?"
}
} // namespace

ApiCall *registerOAuthClient(ApiClient *api, const QUrl &registrationEndpoint,
                             const QStringList &redirectUris)
{
    HttpRequest r = oauthRequest(registrationEndpoint);
    r.body = json({
        {QStringLiteral("client_name"), QStringLiteral("Concierge")},
        {QStringLiteral("client_uri"), QStringLiteral("https://example.org/concierge")},
        {QStringLiteral("application_type"), QStringLiteral("native")},
        {QStringLiteral("token_endpoint_auth_method"), QStringLiteral("none")},
        {QStringLiteral("grant_types"),
         QJsonArray{QStringLiteral("authorization_code"), QStringLiteral("refresh_token")}},
        {QStringLiteral("response_types"), QJsonArray{QStringLiteral("code")}},
        {QStringLiteral("redirect_uris"), QJsonArray::fromStringList(redirectUris)},
    });
    return api->send(r);
}

QUrl oauthAuthorizationUrl(const QUrl &authorizationEndpoint, const OAuthAuthorization &a)
{
    if (!authorizationEndpoint.isValid() || authorizationEndpoint.isRelative())
        return {};
    QByteArray query = withQuery(
        {}, {{QStringLiteral("response_type"), QStringLiteral("code")},
             {QStringLiteral("response_mode"), QStringLiteral("query")},
             {QStringLiteral("client_id"), a.clientId},
             {QStringLiteral("redirect_uri"), QString::fromUtf8(a.redirectUri.toEncoded())},
             {QStringLiteral("scope"),
              QStringLiteral("urn:matrix:client:api:* urn:matrix:client:device:") + a.deviceId},
             {QStringLiteral("state"), a.state},
             {QStringLiteral("code_challenge"), a.codeChallenge},
             {QStringLiteral("code_challenge_method"), QStringLiteral("S256")}});
    // An endpoint that already has a query keeps it: ours goes after it.
    if (authorizationEndpoint.hasQuery())
        query =
            '?' + authorizationEndpoint.query(QUrl::FullyEncoded).toLatin1() + '&' + query.mid(1);
    const QByteArray encoded =
        authorizationEndpoint.toEncoded(QUrl::RemoveFragment | QUrl::RemoveQuery) + query;
    return QUrl::fromEncoded(encoded, QUrl::StrictMode);
}

ApiCall *exchangeOAuthCode(ApiClient *api, const QUrl &tokenEndpoint, const QString &clientId,
                           const QString &code, const QUrl &redirectUri,
                           const QString &codeVerifier)
{
    HttpRequest r = oauthRequest(tokenEndpoint);
    r.contentType = QByteArrayLiteral("application/x-www-form-urlencoded");
    r.body = form({{QStringLiteral("grant_type"), QStringLiteral("authorization_code")},
                   {QStringLiteral("code"), code},
                   {QStringLiteral("redirect_uri"), QString::fromUtf8(redirectUri.toEncoded())},
                   {QStringLiteral("client_id"), clientId},
                   {QStringLiteral("code_verifier"), codeVerifier}});
    return api->send(r);
}

ApiCall *refreshOAuthToken(ApiClient *api, const QUrl &tokenEndpoint, const QString &clientId,
                           const QString &refreshToken)
{
    HttpRequest r = oauthRequest(tokenEndpoint);
    r.contentType = QByteArrayLiteral("application/x-www-form-urlencoded");
    r.body = form({{QStringLiteral("grant_type"), QStringLiteral("refresh_token")},
                   {QStringLiteral("refresh_token"), refreshToken},
                   {QStringLiteral("client_id"), clientId}});
    return api->send(r);
}

ApiCall *revokeOAuthToken(ApiClient *api, const QUrl &revocationEndpoint, const QString &clientId,
                          const QString &token, const QString &tokenTypeHint)
{
    HttpRequest r = oauthRequest(revocationEndpoint);
    r.contentType = QByteArrayLiteral("application/x-www-form-urlencoded");
    r.body = form({{QStringLiteral("token"), token},
                   {QStringLiteral("token_type_hint"), tokenTypeHint},
                   {QStringLiteral("client_id"), clientId}});
    // RFC 7009 answers 200 with an empty body.
    r.expectJson = false;
    return api->send(r);
}

ApiCall *refreshAccessToken(ApiClient *api, const QString &refreshToken)
{
    HttpRequest r = request("POST", client(api) / QStringLiteral("refresh"));
    r.authenticated = false;
    r.body = json({{QStringLiteral("refresh_token"), refreshToken}});
    r.deadlineMs = Timeouts::Discovery;
    return api->send(r);
}

ApiCall *logout(ApiClient *api)
{
    HttpRequest r = request("POST", client(api) / QStringLiteral("logout"));
    r.body = "{}";
    r.deadlineMs = Timeouts::Discovery;
    return api->send(r);
}

// --- Room power probe ---
ApiCall *getJoinedMembersByRoom(ApiClient *api, const QString &roomId)
{
    return api->send(request("GET", client(api) / QStringLiteral("rooms") / roomId /
                                        QStringLiteral("joined_members")));
}

// --- Spaces ---
ApiCall *getSpaceHierarchy(ApiClient *api, const QString &roomId,
                           const SpaceHierarchyParams &params)
{
    Query query;
    if (params.suggestedOnly)
        query.append({QStringLiteral("suggested_only"), QStringLiteral("true")});
    if (params.limit > 0)
        query.append({QStringLiteral("limit"), QString::number(params.limit)});
    if (params.maxDepth >= 0)
        query.append({QStringLiteral("max_depth"), QString::number(params.maxDepth)});
    if (!params.from.isEmpty())
        query.append({QStringLiteral("from"), params.from});
    return api->send(request("GET",
                             Path{QByteArrayLiteral("/_matrix/client/v1"), {}} /
                                 QStringLiteral("rooms") / roomId / QStringLiteral("hierarchy"),
                             query));
}

} // namespace Endpoints
