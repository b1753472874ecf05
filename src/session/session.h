#pragma once

// Layer session/: the signed-in account (Session) and where its token is remembered
// (CredentialStore). Uses api/ only.

#include "api/matrixerror.h"
#include "session/sessiontokens.h"

#include <QObject>
#include <QPointer>
#include <QStringList>
#include <QTimer>
#include <QUrl>
#include <QVariantList>

#include <QtQmlIntegration/qqmlintegration.h>
#include <functional>

class ApiCall;
class ApiClient;
class LoopbackRedirect;
class QUrlQuery;

// The signed-in account: resolves the homeserver, verifies the access token with /versions and
// /account/whoami, and configures the ApiClient that every other service uses.
class Session : public QObject
{
    Q_OBJECT
    QML_ELEMENT
    QML_UNCREATABLE("Session is created by the application")
    Q_PROPERTY(State state READ state NOTIFY stateChanged)
    Q_PROPERTY(QString userId READ userId NOTIFY stateChanged)
    Q_PROPERTY(QString deviceId READ deviceId NOTIFY stateChanged)
    Q_PROPERTY(QString homeserverInput READ homeserverInput NOTIFY stateChanged)
    Q_PROPERTY(QUrl homeserver READ homeserver NOTIFY stateChanged)
    Q_PROPERTY(MatrixError error READ error NOTIFY errorChanged)
    Q_PROPERTY(QString errorText READ errorText NOTIFY errorChanged)
    // True after the server ended the session (401); the view asks for a new token.
    Q_PROPERTY(bool expired READ isExpired NOTIFY stateChanged)
    // Concierge created this session's device (password login): signing out logs it out on the
    // server. False for a pasted access token (the sign-out dialog asks).
    Q_PROPERTY(bool createdDevice READ createdDevice NOTIFY stateChanged)

    // --- Login methods (discoverLoginMethods) ---
    Q_PROPERTY(DiscoveryState discoveryState READ discoveryState NOTIFY loginMethodsChanged)
    // What the discovery was made for (what the user typed), so the view knows it is current.
    Q_PROPERTY(QString discoveredFor READ discoveredFor NOTIFY loginMethodsChanged)
    // The login types of GET /login ("m.login.password", "m.login.sso", …).
    Q_PROPERTY(QStringList loginFlows READ loginFlows NOTIFY loginMethodsChanged)
    Q_PROPERTY(bool passwordLogin READ passwordLogin NOTIFY loginMethodsChanged)
    Q_PROPERTY(bool ssoLogin READ ssoLogin NOTIFY loginMethodsChanged)
    // The m.login.sso flow's identity providers: [{id, name}] (names are the server's text);
    // empty when the server names none (then one "single sign-on" button).
    Q_PROPERTY(QVariantList ssoProviders READ ssoProviders NOTIFY loginMethodsChanged)
    // A sign-in in the system browser is under way: the page there finishes it (browserUrl is
    // where it started, to open it again).
    Q_PROPERTY(bool waitingForBrowser READ waitingForBrowser NOTIFY waitingForBrowserChanged)
    Q_PROPERTY(QUrl browserUrl READ browserUrl NOTIFY waitingForBrowserChanged)
    // The server publishes OAuth 2.0 metadata (GET /_matrix/client/v1/auth_metadata).
    Q_PROPERTY(bool oauthLogin READ oauthLogin NOTIFY loginMethodsChanged)
    Q_PROPERTY(QString discoveryError READ discoveryError NOTIFY loginMethodsChanged)

public:
    enum State { SignedOut, Resolving, Verifying, SignedIn };
    Q_ENUM(State)
    enum DiscoveryState { NotDiscovered, Discovering, Discovered, DiscoveryFailed };
    Q_ENUM(DiscoveryState)

    explicit Session(ApiClient *api, QObject *parent = nullptr);

    State state() const { return m_state; }
    QString userId() const { return m_userId; }
    QString deviceId() const { return m_deviceId; }
    QString homeserverInput() const { return m_homeserverInput; }
    QUrl homeserver() const;
    MatrixError error() const { return m_error; }
    QString errorText() const;
    ApiClient *api() const { return m_api; }
    bool isExpired() const { return m_expired; }
    bool createdDevice() const { return m_createdDevice; }
    DiscoveryState discoveryState() const { return m_discoveryState; }
    QString discoveredFor() const { return m_discoveredFor; }
    QStringList loginFlows() const { return m_loginFlows; }
    bool passwordLogin() const { return m_loginFlows.contains(QStringLiteral("m.login.password")); }
    bool ssoLogin() const { return m_loginFlows.contains(QStringLiteral("m.login.sso")); }
    bool oauthLogin() const { return m_oauth; }
    QVariantList ssoProviders() const { return m_ssoProviders; }
    bool waitingForBrowser() const { return m_waitingForBrowser; }
    QUrl browserUrl() const { return m_browserUrl; }
    QString discoveryError() const { return m_discoveryError; }
    // What to remember of the signed-in session (the keychain secret); empty when signed out.
    SessionTokens tokens() const;
    // The display name a password login gives the new device: "Concierge on <hostname>".
    static QString deviceDisplayName();

    // homeserver: "https://matrix.example.org", "example.org" (resolved through
    // .well-known/matrix/client) or "http://127.0.0.1:8008" (loopback only). Ends in signedIn()
    // or signInFailed(); input that cannot be used fails before anything is sent.
    Q_INVOKABLE void signIn(const QString &homeserver, const QString &accessToken);
    // Signs in again with remembered tokens: like signIn(), and an expired access token is
    // refreshed with the refresh token first.
    void restore(const QString &homeserver, const SessionTokens &tokens);
    // m.login.password: user is a localpart or a full user ID (of any server). The password is
    // sent in the request body only and not kept once the request is made. Ends in signedIn()
    // or signInFailed() (a wrong password: the server's M_FORBIDDEN, in errorText).
    Q_INVOKABLE void signInWithPassword(const QString &homeserver, const QString &user,
                                        const QString &password);
    // Single sign-on (m.login.sso): opens the server's sign-in page in the system browser
    // (browserRequested), which comes back to a loopback address with a login token, exchanged
    // for a session (m.login.token). idpId: one of ssoProviders' ids, or empty. Ends in
    // signedIn() or signInFailed(); cancelSignIn() stops waiting for the browser.
    Q_INVOKABLE void signInWithSso(const QString &homeserver, const QString &idpId = {});
    // OAuth 2.0 (spec v1.15): the server's authorization server (auth_metadata) is asked to
    // register Concierge as a client, the user authorizes it in the system browser (authorization
    // code with PKCE, a loopback redirect), and the code becomes an expiring access token with a
    // refresh token, refreshed at the token endpoint and revoked there on sign-out. Ends in
    // signedIn() or signInFailed(); cancelSignIn() stops waiting for the browser.
    Q_INVOKABLE void signInWithOAuth(const QString &homeserver);
    // Asks for the sign-in page to be opened again (the browser was closed, or did not open).
    Q_INVOKABLE void reopenBrowser();
    // Resolves the homeserver (.well-known, /versions) and asks what it offers (GET /login,
    // GET auth_metadata): the login* properties, then loginMethodsChanged. Only while signed out.
    Q_INVOKABLE void discoverLoginMethods(const QString &homeserver);
    // Signs out locally. A session Concierge created is also logged out on the server
    // (POST /logout); a pasted token only when invalidatePastedToken. The server's answer comes
    // through serverSignOutFinished().
    Q_INVOKABLE void signOut(bool invalidatePastedToken = false);
    // Refreshes the access token now (normally done before it expires and on a soft logout).
    void refreshToken();
    // Stops a sign-in that is still looking up the server or checking the token: nothing more is
    // sent, the state returns to SignedOut with a Cancelled error. No effect once signed in.
    Q_INVOKABLE void cancelSignIn();
    // The server said the token is no longer valid: back to SignedOut with `expired` set, keeping
    // the homeserver (and the user ID, so the view can ask for a new token for the same account).
    // Does not emit signedOut(): on a soft logout the local state is kept.
    void tokenRejected(const MatrixError &error);

    // Parses what the user typed into a base URL candidate; *isBareServerName is set for a bare
    // name (to be resolved through .well-known). A URL with a user name or password is refused,
    // and no error message repeats them.
    static QUrl parseHomeserverInput(const QString &input, bool *isBareServerName, QString *error);

signals:
    void stateChanged();
    void errorChanged();
    void signedIn();
    void signInFailed(const MatrixError &error);
    void signedOut();
    void loginMethodsChanged();
    void waitingForBrowserChanged();
    // Open url in the user's browser (the GUI: QDesktopServices; the CLI prints it too).
    void browserRequested(const QUrl &url);
    // The tokens changed (a refresh): tokens() is what to remember now.
    void tokensChanged();
    // The answer to the POST /logout of signOut() (error none: the token is invalid now).
    void serverSignOutFinished(const MatrixError &error);

private:
    void setState(State state);
    void fail(const MatrixError &error);
    void checkVersions(const QUrl &baseUrl);
    void whoami();
    enum class Next { Whoami, Password, Discover, Sso, OAuth };
    // Resolves homeserver (then the step m_next); false when the input cannot be used.
    bool resolve(const QString &homeserver);
    void stepFailed(const MatrixError &error);
    void afterVersions();
    void loginWithPassword();
    void startSso();
    void finishSso(const QUrlQuery &query);
    void stopWaitingForBrowser();
    // Opens a one-time loopback address for the browser to come back to (onReturn gets the
    // query); empty after fail() when none could be opened.
    QUrl listenForBrowser(const std::function<void(const QUrlQuery &)> &onReturn);
    void openBrowser(const QUrl &url);
    void startOAuth();
    void registerOAuthClient(const QJsonObject &metadata);
    void finishOAuth(const QUrlQuery &query);
    void loginWith(ApiCall *call);
    void discoverFlows();
    void discoverOAuth();
    void finishDiscovery(const MatrixError &error);
    void acceptLogin(const QJsonObject &body);
    void setRefreshState(const QString &refreshToken, qint64 expiresInMs);
    void clearTokens();
    void startSignIn();
    // startSignIn() for the next step, with the homeserver checked first; false after fail().
    bool beginSignIn(const QString &homeserver, Next next);
    QString describe(const MatrixError &error, bool expired) const;

    ApiClient *m_api;
    State m_state = SignedOut;
    QString m_homeserverInput;
    QString m_pendingToken;
    QString m_userId;
    QString m_deviceId;
    MatrixError m_error;
    bool m_expired = false;
    quint64 m_attempt = 0;    // outdated replies of an earlier signIn() are ignored
    QPointer<ApiCall> m_call; // the sign-in request under way
    Next m_next = Next::Whoami;
    bool m_createdDevice = false;
    QString m_pendingUser;
    QString m_pendingPassword; // only until the login request is made
    QString m_accessToken;
    QString m_refreshToken;
    qint64 m_expiresAtMs = 0;
    QTimer m_refreshTimer; // fires a while before the access token expires
    bool m_refreshing = false;
    quint64 m_refreshGeneration = 0; // a refresh answered after a sign-out is ignored
    DiscoveryState m_discoveryState = NotDiscovered;
    QString m_discoveredFor;
    QStringList m_loginFlows;
    bool m_oauth = false;
    QString m_discoveryError;
    QVariantList m_ssoProviders;
    QString m_pendingIdp;
    QPointer<LoopbackRedirect> m_redirect;
    bool m_waitingForBrowser = false;
    QUrl m_browserUrl;
    // OAuth 2.0: the session's client and endpoints (kept with the tokens), and while the browser
    // is out, what the answer must match.
    QString m_oauthClientId;
    QUrl m_oauthTokenEndpoint;
    QUrl m_oauthRevocationEndpoint;
    QString m_oauthState;
    QString m_oauthVerifier;
    QUrl m_oauthRedirectUri;
};
