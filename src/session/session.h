#pragma once

// Layer session/: the signed-in account (Session) and where its token is remembered
// (CredentialStore). Uses api/ only.

#include "api/matrixerror.h"

#include <QObject>
#include <QPointer>
#include <QUrl>
#include <QtQmlIntegration/qqmlintegration.h>

class ApiCall;
class ApiClient;

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

public:
    enum State { SignedOut, Resolving, Verifying, SignedIn };
    Q_ENUM(State)

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

    // homeserver: "https://matrix.example.org", "example.org" (resolved through
    // .well-known/matrix/client) or "http://127.0.0.1:8008" (loopback only). Ends in signedIn()
    // or signInFailed(); input that cannot be used fails before anything is sent.
    Q_INVOKABLE void signIn(const QString &homeserver, const QString &accessToken);
    Q_INVOKABLE void signOut();
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

private:
    void setState(State state);
    void fail(const MatrixError &error);
    void checkVersions(const QUrl &baseUrl);
    void whoami();

    ApiClient *m_api;
    State m_state = SignedOut;
    QString m_homeserverInput;
    QString m_pendingToken;
    QString m_userId;
    QString m_deviceId;
    MatrixError m_error;
    bool m_expired = false;
    quint64 m_attempt = 0; // outdated replies of an earlier signIn() are ignored
    QPointer<ApiCall> m_call; // the sign-in request under way
};
