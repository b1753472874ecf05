#pragma once

#include <QDateTime>
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
    // extraArgs: more options of `harness.py start` (--cas-url URL).
    bool startDedicated(const QString &instance, bool defaultRateLimits, QString *error,
                        const QStringList &extraArgs = {});
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
    // Every m.room.member event about userId in roomId's timeline (oldest first), through the
    // admin API: how many times a membership really changed, not only the latest state.
    QList<QJsonObject> memberEvents(const User &admin, const QString &roomId,
                                    const QString &userId);
    // POST /_synapse/admin/v1/users/{userId}/override_ratelimit: userId's rc_message limit
    // (every membership event it creates counts against it); 0/0 lifts it.
    bool overrideRateLimit(const User &admin, const QString &userId, double messagesPerSecond,
                           int burstCount);

    // One request as the server's access log recorded it (synapse.access.http): what the server
    // received, independent of the client's own bookkeeping.
    struct AccessEntry
    {
        QDateTime finished; // when Synapse finished it (the log line's time, ms)
        qint64 durationMs = 0;
        QDateTime received() const { return finished.addMSecs(-durationMs); }
        QString user; // the authenticated user, or empty
        int status = 0;
        bool clientGone = false; // the connection was gone before the answer (a killed client)
        QString method;
        QString path; // as received (percent-encoded), without the query
    };
    // The requests userId made so far (all users when empty), in log order.
    QList<AccessEntry> accessLog(const QString &userId = {}) const;
    QString logPath() const { return m_logPath; }

    static QByteArray seg(const QString &s);
    // Runs `harness.py --root <fixture root> ARGS --name INSTANCE`; true on exit status 0.
    static bool harness(const QStringList &args, const QString &instance);

private:
    QNetworkAccessManager m_nam;
    QUrl m_baseUrl;
    QString m_serverName;
    QString m_sharedSecret;
    QString m_logPath;
};
