#pragma once

#include <QJsonObject>
#include <QMetaType>
#include <QString>
#include <QtQmlIntegration/qqmlintegration.h>

class QNetworkReply;

// The one error type of Concierge. Everything that can fail (transport, HTTP, the server's
// errcode, a malformed response, invalid input) ends up here, built by fromReply() or one of the
// named constructors, and travels through signals to the view unchanged.
struct MatrixError
{
    Q_GADGET
    QML_VALUE_TYPE(matrixError)
    Q_PROPERTY(bool isError READ isError CONSTANT)
    Q_PROPERTY(Kind kind MEMBER kind CONSTANT)
    Q_PROPERTY(int httpStatus MEMBER httpStatus CONSTANT)
    Q_PROPERTY(QString errcode MEMBER errcode CONSTANT)
    Q_PROPERTY(QString message MEMBER message CONSTANT)
    Q_PROPERTY(qint64 retryAfterMs MEMBER retryAfterMs CONSTANT)
    Q_PROPERTY(bool softLogout MEMBER softLogout CONSTANT)
    Q_PROPERTY(QString summary READ summary CONSTANT)
    Q_PROPERTY(bool isRetryable READ isRetryable CONSTANT)

public:
    enum Kind {
        NoError,
        InvalidInput,      // rejected locally, nothing was sent
        Unreachable,       // DNS, connection refused or reset
        Tls,               // certificate or handshake failure
        Timeout,           // an attempt's deadline passed before the whole answer arrived
        NotMatrix,         // the server answered, but not like a Matrix homeserver
        MalformedResponse, // the server answered with something that isn't the expected JSON
        Server,            // an HTTP error status, with errcode/error when the body had them
        Cancelled,
        ResponseTooLarge, // the answer grew beyond what the endpoint may return
    };
    Q_ENUM(Kind)

    Kind kind = NoError;
    int httpStatus = 0;
    QString errcode;
    QString message;
    qint64 retryAfterMs = -1; // -1: the server gave no hint
    bool softLogout = false;

    bool isError() const { return kind != NoError; }
    // Rate limits, 5xx and transport hiccups may succeed later; other 4xx will not.
    bool isRetryable() const;
    bool isUnknownToken() const { return errcode == QLatin1String("M_UNKNOWN_TOKEN"); }
    bool isRateLimited() const
    {
        return kind == Server &&
               (httpStatus == 429 || errcode == QLatin1String("M_LIMIT_EXCEEDED"));
    }
    // The server no longer accepts the token (401, or M_UNKNOWN_TOKEN): sign in again.
    bool isAuthFailure() const { return kind == Server && (httpStatus == 401 || isUnknownToken()); }
    // "M_FORBIDDEN: You are not invited to this room. (HTTP 403)"
    // Made safe for display (hidden characters dropped, one line).
    QString summary() const;
    // As the server wrote it, for callers that escape it themselves (the CLI's terminal output).
    QString rawSummary() const;

    static MatrixError invalidInput(const QString &message);
    static MatrixError malformed(const QString &message, int httpStatus = 0);
    static MatrixError notMatrix(const QString &message);
    static MatrixError cancelled(const QString &message = {});
    static MatrixError timeout(int deadlineMs);
    static MatrixError tooLarge(qint64 maxBytes);
    // Builds the error for a finished reply and its (already read) body. Returns NoError for a
    // 2xx reply whose body is a JSON object (then *json receives it), or any 2xx body when
    // expectJson is false (media).
    static MatrixError fromReply(QNetworkReply *reply, const QByteArray &body, QJsonObject *json,
                                 bool expectJson = true);
    // The parts of fromReply() that need no QNetworkReply, for tests and fuzzing.
    static MatrixError fromHttp(int httpStatus, const QByteArray &retryAfterHeader,
                                const QByteArray &body, QJsonObject *json, bool expectJson = true);
    // Retry-After is either delta-seconds or an HTTP date; returns -1 when absent or unparseable.
    static qint64 parseRetryAfter(const QByteArray &header);
};

Q_DECLARE_METATYPE(MatrixError)
