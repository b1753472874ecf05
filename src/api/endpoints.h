#pragma once

// The Client-Server API as Concierge uses it: one function per spec operation, named after its
// operationId in ../shared/matrix-spec. This file is the only code that builds a path, a query
// string or a request body; everything above it calls these functions.
//
// Every function returns an ApiCall that emits exactly one outcome. An argument that cannot be
// sent as given (an empty or dot path segment) fails the call with InvalidInput and sends
// nothing. Identifiers are otherwise passed through as the caller validated them: the grammar
// checks live in identifiers.h and run before an action is accepted.
//
// Adding an endpoint: one function here, its body in endpoints.cpp, a test in tst_endpoints.

#include "api/apiclient.h"

#include <QSize>
#include <QStringList>
#include <optional>
#include <utility>

class ApiCall;
class ApiClient;

namespace Endpoints {

// --- Discovery (unauthenticated) -----------------------------------------------------------------
// GET https://<server>/.well-known/matrix/client, on the origin of serverBase.
ApiCall *getWellknown(ApiClient *api, const QUrl &serverBase);
// GET /_matrix/client/versions
ApiCall *getVersions(ApiClient *api);

// --- Session ------------------------------------------------------------------------------------
// GET /account/whoami
ApiCall *getTokenOwner(ApiClient *api);

// --- Sync ---------------------------------------------------------------------------------------
struct SyncParams
{
    QByteArray filter; // a filter definition (JSON) sent inline
    QString since;     // empty: an initial sync
    int timeoutMs = 0; // the long poll
    bool fullState = false;
    // The answer as text (ApiCall::downloaded) for SyncResponse::fromText, which reads it room
    // by room, rather than one parsed object (ApiCall::succeeded).
    bool asText = false;
    // Added to the long poll: no answer by then means a stalled server.
    int stallMarginMs = Timeouts::SyncMargin;
};
// GET /sync. The deadline is the long poll plus a margin (a stalled server is an error).
ApiCall *sync(ApiClient *api, const SyncParams &params);

// Simplified sliding sync (MSC4186), where the server offers it (Synapse does, unstable prefix).
// One list of the account's rooms, sorted by the server (by recency on Synapse).
struct SlidingSyncList
{
    QString name;
    // Inclusive index ranges of the sorted list, e.g. {0, 19}. None: the server returns only
    // the list's count.
    QList<std::pair<int, int>> ranges;
    // (event type, state key) pairs; "$ME" stands for the account's own user ID.
    QList<std::pair<QString, QString>> requiredState;
    int timelineLimit = 0;
    // filters.is_invite: only invites (true), no invites (false), or no filter.
    std::optional<bool> isInvite;
};
struct SlidingSyncParams
{
    QList<SlidingSyncList> lists;
    QString pos;       // empty: a new connection (the first request)
    int timeoutMs = 0; // the long poll; 0 answers at once
    // Added to the long poll: no answer by then means a stalled server.
    int stallMarginMs = Timeouts::SyncMargin;
};
// POST /_matrix/client/unstable/org.matrix.simplified_msc3575/sync?timeout=…&pos=…
// A server without it answers 404 (or 400/405) M_UNRECOGNIZED.
ApiCall *slidingSync(ApiClient *api, const SlidingSyncParams &params);

// --- Membership ---------------------------------------------------------------------------------
// Each membership change comes in two: `…Request` builds the request exactly as it would be sent
// (the CLI's --dry-run prints it, nothing is sent), the function of the operation's name sends it.
//
// POST /join/{roomIdOrAlias}?via=…&server_name=… — `via` since v1.12, `server_name` with the same
// values for servers that predate it.
HttpRequest joinRoomRequest(const ApiClient *api, const QString &roomIdOrAlias,
                            const QStringList &via, const QString &reason);
ApiCall *joinRoom(ApiClient *api, const QString &roomIdOrAlias, const QStringList &via,
                  const QString &reason, RetryPolicy retry);
// POST /rooms/{roomId}/leave (also declines an invite or withdraws a knock)
HttpRequest leaveRoomRequest(const ApiClient *api, const QString &roomId, const QString &reason);
ApiCall *leaveRoom(ApiClient *api, const QString &roomId, const QString &reason, RetryPolicy retry);
// POST /rooms/{roomId}/invite
HttpRequest inviteUserRequest(const ApiClient *api, const QString &roomId, const QString &userId,
                              const QString &reason);
ApiCall *inviteUser(ApiClient *api, const QString &roomId, const QString &userId,
                    const QString &reason, RetryPolicy retry);
// POST /rooms/{roomId}/forget
HttpRequest forgetRoomRequest(const ApiClient *api, const QString &roomId);
ApiCall *forgetRoom(ApiClient *api, const QString &roomId, RetryPolicy retry);

// Moderation: POST /rooms/{roomId}/kick|ban|unban with {"user_id", "reason"?}. Kicking a user
// who knocks denies the knock; kicking an invitee withdraws the invite. The reason (optional)
// ends up in the target's m.room.member event.
HttpRequest kickRequest(const ApiClient *api, const QString &roomId, const QString &userId,
                        const QString &reason);
ApiCall *kick(ApiClient *api, const QString &roomId, const QString &userId, const QString &reason,
              RetryPolicy retry);
HttpRequest banRequest(const ApiClient *api, const QString &roomId, const QString &userId,
                       const QString &reason);
ApiCall *ban(ApiClient *api, const QString &roomId, const QString &userId, const QString &reason,
             RetryPolicy retry);
HttpRequest unbanRequest(const ApiClient *api, const QString &roomId, const QString &userId,
                         const QString &reason);
ApiCall *unban(ApiClient *api, const QString &roomId, const QString &userId, const QString &reason,
               RetryPolicy retry);

// POST /knock/{roomIdOrAlias}?via=…&server_name=… — asks to join a room whose join rule is
// knock or knock_restricted (room version 7+). `via` since v1.12, `server_name` with the same
// values for servers that predate it (as for a join).
HttpRequest knockRoomRequest(const ApiClient *api, const QString &roomIdOrAlias,
                             const QStringList &via, const QString &reason);
ApiCall *knockRoom(ApiClient *api, const QString &roomIdOrAlias, const QStringList &via,
                   const QString &reason, RetryPolicy retry);

// --- Room discovery -----------------------------------------------------------------------------
struct PublicRoomsParams
{
    QString server;     // whose directory; empty: the homeserver's own
    int limit = 0;      // rooms per page; 0: the server's default
    QString since;      // the previous page's next_batch; empty: the first page
    QString searchTerm; // filter.generic_search_term; empty: no filter
};
// Without a search term: GET /publicRooms?server=…&limit=…&since=…
// With one: POST /publicRooms?server=… with {"limit", "since", "filter": {"generic_search_term"}}
// (the GET form has no filter). Both answer {"chunk": [...], "next_batch", "prev_batch",
// "total_room_count_estimate"}.
ApiCall *getPublicRooms(ApiClient *api, const PublicRoomsParams &params);
// GET /_matrix/client/v1/room_summary/{roomIdOrAlias}?via=… (spec v1.15; Synapse serves it
// without its unstable prefix). Servers that predate it answer 404 (or 400/405) M_UNRECOGNIZED;
// a room the user may not see answers 404 M_NOT_FOUND (or 403).
ApiCall *getRoomSummary(ApiClient *api, const QString &roomIdOrAlias, const QStringList &via);

// --- Room state ---------------------------------------------------------------------------------
// GET /rooms/{roomId}/state/{eventType}/{stateKey}: the content of one state event; with
// StateFormat::Event (?format=event, spec v1.16; Synapse serves it) the whole event, with its
// sender (the creator of a room, from its m.room.create). A server that predates the parameter
// answers the content: tell the two apart by the event's "type" and "content" fields.
enum class StateFormat { Content, Event };
ApiCall *getRoomStateWithKey(ApiClient *api, const QString &roomId, const QString &eventType,
                             const QString &stateKey, StateFormat format = StateFormat::Content);
// GET /rooms/{roomId}/members?not_membership=…: the room's member events ({"chunk": [...]}),
// the full list (lazy-loaded members in /sync are not). notMembership: e.g. "leave"; empty: all.
ApiCall *getMembersByRoom(ApiClient *api, const QString &roomId, const QString &notMembership = {});
// GET /directory/room/{roomAlias}: {"room_id", "servers"}
ApiCall *getRoomIdByAlias(ApiClient *api, const QString &roomAlias);

// --- Users --------------------------------------------------------------------------------------
// POST /user_directory/search
ApiCall *searchUserDirectory(ApiClient *api, const QString &searchTerm, int limit);

// --- Media --------------------------------------------------------------------------------------
// GET /_matrix/client/v1/media/thumbnail/{serverName}/{mediaId} (authenticated media, v1.11).
// The answer arrives through ApiCall::downloaded().
ApiCall *getContentThumbnailAuthed(ApiClient *api, const QString &serverName,
                                   const QString &mediaId, QSize size);

// --- Account data -------------------------------------------------------------------------------
// GET /user/{userId}/account_data/{type}: the content of one global account-data entry, as the
// server holds it (404 M_NOT_FOUND when none was ever set).
ApiCall *getAccountData(ApiClient *api, const QString &userId, const QString &type);
// PUT /user/{userId}/account_data/{type} with the whole new content (it replaces the old one:
// read it fresh first to keep what others wrote).
ApiCall *setAccountData(ApiClient *api, const QString &userId, const QString &type,
                        const QJsonObject &content);

// --- Login --------------------------------------------------------------------------------------
// GET /login: the login types the server offers ({"flows": [{"type": "m.login.password"}, …]}).
// Unauthenticated.
ApiCall *getLoginFlows(ApiClient *api);
// GET /_matrix/client/v1/auth_metadata (spec v1.15): the OAuth 2.0 authorization server's
// metadata. A server that does not use OAuth 2.0 answers 404 (M_UNRECOGNIZED). Unauthenticated.
ApiCall *getAuthMetadata(ApiClient *api);
struct PasswordLogin
{
    QString user; // a localpart or a full user ID (identifier m.id.user)
    QString password;
    QString initialDeviceDisplayName;
    bool refreshToken = true; // ask for a refresh token (servers that have none ignore it)
};
// POST /login with m.login.password. Unauthenticated; the password goes in the body only. Never
// re-sent: a lost answer may have created a device.
ApiCall *loginWithPassword(ApiClient *api, const PasswordLogin &login);
// GET /login/sso/redirect[/{idpId}]?redirectUrl=…: where to send the user's browser for single
// sign-on. Not a call: the browser follows the server's pages and comes back to redirectUrl with
// ?loginToken=… (then loginWithToken). idpId: one of the m.login.sso flow's identity_providers,
// or empty for the server's choice. Empty when idpId cannot be a path segment.
QUrl ssoRedirectUrl(const ApiClient *api, const QUrl &redirectUrl, const QString &idpId = {});
struct TokenLogin
{
    QString token; // the loginToken the browser brought back
    QString initialDeviceDisplayName;
    bool refreshToken = true;
};
// POST /login with m.login.token (the end of single sign-on). Unauthenticated; never re-sent (the
// token is single-use, and a lost answer may have created a device).
ApiCall *loginWithToken(ApiClient *api, const TokenLogin &login);
// --- OAuth 2.0 (spec v1.15, next-generation auth) ------------------------------------------------
// Requests to the authorization server's endpoints (from getAuthMetadata): other origins than the
// homeserver, never carrying the access token; the token endpoint takes a form, not JSON.
// POST registration_endpoint (RFC 7591): registers Concierge as a native public client (no
// secret; PKCE) with these loopback redirect URIs. Answers {"client_id", …}.
ApiCall *registerOAuthClient(ApiClient *api, const QUrl &registrationEndpoint,
                             const QStringList &redirectUris);
struct OAuthAuthorization
{
    QString clientId;
    QUrl redirectUri;
    QString deviceId; // the device the session will be (its scope, with the client API's)
    QString state;
    QString codeChallenge; // BASE64URL(SHA-256(verifier)), method S256
};
// Where the browser goes to authorize (authorization code grant, RFC 6749 §4.1 with PKCE,
// response_mode=query). Not a call.
QUrl oauthAuthorizationUrl(const QUrl &authorizationEndpoint, const OAuthAuthorization &request);
// POST token_endpoint grant_type=authorization_code: the code the browser brought back, the PKCE
// verifier. Answers {"access_token", "refresh_token", "expires_in", …}. Never re-sent (a code is
// single-use).
ApiCall *exchangeOAuthCode(ApiClient *api, const QUrl &tokenEndpoint, const QString &clientId,
                           const QString &code, const QUrl &redirectUri,
                           const QString &codeVerifier);
// POST token_endpoint grant_type=refresh_token.
ApiCall *refreshOAuthToken(ApiClient *api, const QUrl &tokenEndpoint, const QString &clientId,
                           const QString &refreshToken);
// POST revocation_endpoint (RFC 7009): ends the session the token belongs to.
ApiCall *revokeOAuthToken(ApiClient *api, const QUrl &revocationEndpoint, const QString &clientId,
                          const QString &token, const QString &tokenTypeHint);

// POST /refresh {"refresh_token"}: a new access token (and refresh token). Unauthenticated (the
// refresh token is the credential), and so never held back by a refresh in progress.
ApiCall *refreshAccessToken(ApiClient *api, const QString &refreshToken);
// POST /logout: invalidates the access token the call carries and deletes its device.
ApiCall *logout(ApiClient *api);

// --- Room power probe
// ----------------------------------------------------------------------------- GET
// /rooms/{roomId}/joined_members: {"joined": {userId: {"display_name", "avatar_url"}}}, the users
// joined now (only a member of the room may ask).
ApiCall *getJoinedMembersByRoom(ApiClient *api, const QString &roomId);

// --- Spaces ---
struct SpaceHierarchyParams
{
    QString from;      // the previous page's next_batch; empty: the first page
    int limit = 0;     // rooms per page; 0: the server's default
    int maxDepth = -1; // how deep below the space; -1: the server's default
    bool suggestedOnly = false;
};
// GET /_matrix/client/v1/rooms/{roomId}/hierarchy?limit=…&max_depth=…&suggested_only=true&from=…
// (spec v1.2, under v1 whatever the client API version): {"rooms": [room summary +
// "children_state": [m.space.child stripped events]], "next_batch"}. Depth first, the space
// itself first. max_depth and suggested_only must not change between pages.
ApiCall *getSpaceHierarchy(ApiClient *api, const QString &roomId,
                           const SpaceHierarchyParams &params);

} // namespace Endpoints
