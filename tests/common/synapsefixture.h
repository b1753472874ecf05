#pragma once

#include <QJsonArray>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QString>
#include <QUrl>

// Test-side access to the Synapse started by the `synapse` ctest fixture
// (tests/synapse/harness.py). Synchronous HTTP for test setup and for oracles: what the *server*
// says about membership, independent of Concierge's own code.
class SynapseFixture
{
public:
    struct User
    {
        QString userId;
        QString accessToken;
        QString localpart;
    };
    struct Response
    {
        int status = 0;
        QJsonObject body;
    };

    // Reads server.json named by $CONCIERGE_SYNAPSE_SERVER_JSON. Returns false (with *error) when
    // the server is not there: tests must then FAIL, never skip.
    bool load(QString *error);
    // A Synapse instance of the test's own (for tests that stop, restart or rate-limit it, which
    // must not disturb the shared fixture): starts it through tests/synapse/harness.py and
    // load()s it. stopDedicated() in cleanupTestCase.
    bool startDedicated(const QString &instance, bool defaultRateLimits, QString *error);
    static bool restartDedicated(const QString &instance);
    static bool stopDedicated(const QString &instance);
    QUrl baseUrl() const { return m_baseUrl; }
    QString serverName() const { return m_serverName; }

    // Shared-secret registration; localparts get a unique suffix so test runs never collide.
    User registerUser(const QString &localpartPrefix, bool admin = false,
                      const QString &displayName = {});

    Response request(const QByteArray &verb, const QByteArray &encodedPath, const QString &token,
                     const QJsonObject &body = {});
    // Creates a room as `creator`; returns its ID (empty on failure).
    QString createRoom(const User &creator, const QJsonObject &options);
    bool invite(const User &from, const QString &roomId, const QString &userId);
    bool join(const User &user, const QString &roomIdOrAlias);
    bool leave(const User &user, const QString &roomId);
    bool forget(const User &user, const QString &roomId);
    // `moderator` kicks userId from roomId, with a reason (none when empty).
    bool kick(const User &moderator, const QString &roomId, const QString &userId,
              const QString &reason);
    // The same account on another device (another client): a password /login with the password
    // registerUser gave it. Empty accessToken on failure.
    User loginAnotherDevice(const User &user);
    // Oracles through the admin API (needs an admin user).
    QStringList joinedRooms(const User &admin, const QString &userId);
    // membership of userId in roomId per the room state ("join", "invite", "leave", "" if none).
    QString membershipOf(const User &admin, const QString &roomId, const QString &userId);
    QJsonObject memberEvent(const User &admin, const QString &roomId, const QString &userId);

    static QByteArray seg(const QString &s);
    // Runs `harness.py --root <fixture root> ARGS --name INSTANCE`; true on exit status 0.
    static bool harness(const QStringList &args, const QString &instance);

private:
    QNetworkAccessManager m_nam;
    QUrl m_baseUrl;
    QString m_serverName;
    QString m_sharedSecret;
};
