#pragma once

#include <QJsonDocument>
#include <QJsonObject>
#include <QString>

// What a session needs to continue after a restart, kept together as the one keychain secret:
// the access token, the refresh token and when the access token expires (servers that issue
// refresh tokens), and whether Concierge created the device (password login), so that signing
// out logs it out on the server. A plain token (what earlier versions kept) reads as a pasted
// token without refresh.
struct SessionTokens
{
    QString accessToken;
    QString refreshToken;   // empty: the access token cannot be refreshed
    qint64 expiresAtMs = 0; // ms since the epoch; 0: no known expiry
    bool createdDevice = false;
    // An OAuth 2.0 session (signed in through the authorization server): refreshed at its token
    // endpoint, revoked at its revocation endpoint, as the client it registered. Empty otherwise.
    QString oauthClientId;
    QString oauthTokenEndpoint;
    QString oauthRevocationEndpoint;

    // A pasted access token: nothing else known.
    static SessionTokens pasted(const QString &accessToken)
    {
        SessionTokens t;
        t.accessToken = accessToken;
        return t;
    }

    bool isOAuth() const { return !oauthClientId.isEmpty(); }
    bool isEmpty() const { return accessToken.isEmpty(); }

    QString toSecret() const
    {
        if (refreshToken.isEmpty() && expiresAtMs == 0 && !createdDevice && !isOAuth())
            return accessToken; // readable by earlier versions
        QJsonObject o{{QStringLiteral("access_token"), accessToken}};
        if (!refreshToken.isEmpty())
            o.insert(QStringLiteral("refresh_token"), refreshToken);
        if (expiresAtMs > 0)
            o.insert(QStringLiteral("expires_at_ms"), expiresAtMs);
        if (createdDevice)
            o.insert(QStringLiteral("created_device"), true);
        if (isOAuth())
            o.insert(QStringLiteral("oauth"),
                     QJsonObject{{QStringLiteral("client_id"), oauthClientId},
                                 {QStringLiteral("token_endpoint"), oauthTokenEndpoint},
                                 {QStringLiteral("revocation_endpoint"), oauthRevocationEndpoint}});
        return QString::fromUtf8(QJsonDocument(o).toJson(QJsonDocument::Compact));
    }

    static SessionTokens fromSecret(const QString &secret)
    {
        SessionTokens t;
        const QString text = secret.trimmed();
        if (!text.startsWith(QLatin1Char('{'))) {
            t.accessToken = text;
            return t;
        }
        const QJsonObject o = QJsonDocument::fromJson(text.toUtf8()).object();
        t.accessToken = o.value(QLatin1String("access_token")).toString();
        t.refreshToken = o.value(QLatin1String("refresh_token")).toString();
        t.expiresAtMs = qint64(o.value(QLatin1String("expires_at_ms")).toDouble());
        t.createdDevice = o.value(QLatin1String("created_device")).toBool();
        const QJsonObject oauth = o.value(QLatin1String("oauth")).toObject();
        t.oauthClientId = oauth.value(QLatin1String("client_id")).toString();
        t.oauthTokenEndpoint = oauth.value(QLatin1String("token_endpoint")).toString();
        t.oauthRevocationEndpoint = oauth.value(QLatin1String("revocation_endpoint")).toString();
        return t;
    }
};
