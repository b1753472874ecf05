#include "api/matrixerror.h"

#include "api/safetext.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QJsonDocument>
#include <QJsonParseError>
#include <QLocale>
#include <QNetworkReply>
#include <QTimeZone>

bool MatrixError::isRetryable() const
{
    switch (kind) {
    case Unreachable:
    case Timeout:
        return true;
    case Server:
        return errcode == QLatin1String("M_LIMIT_EXCEEDED") || httpStatus == 429 ||
               httpStatus == 502 || httpStatus == 503 || httpStatus == 504;
    default:
        return false;
    }
}

QString MatrixError::summary() const
{
    // Server text may hide or reorder what is shown (bidi controls, line separators, escapes).
    const QString shown = SafeText::forDisplay(rawSummary(), 2048);
    // A message made only of such characters leaves nothing: an error still says something.
    if (kind != NoError && shown.trimmed().isEmpty())
        return QCoreApplication::translate("MatrixError", "Request failed");
    return shown;
}

QString MatrixError::rawSummary() const
{
    if (kind == NoError)
        return {};
    QString text;
    if (!errcode.isEmpty() && !message.startsWith(errcode))
        text = errcode + QLatin1String(": ");
    text +=
        message.isEmpty() ? QCoreApplication::translate("MatrixError", "Request failed") : message;
    // A message built from another error's summary already names the status.
    const QString status = QStringLiteral("(HTTP %1)").arg(httpStatus);
    if (httpStatus > 0 && !text.contains(status))
        text += QLatin1Char(' ') + status;
    return text;
}

MatrixError MatrixError::cancelled(const QString &message)
{
    MatrixError e;
    e.kind = Cancelled;
    e.message =
        message.isEmpty() ? QCoreApplication::translate("MatrixError", "Cancelled") : message;
    return e;
}

MatrixError MatrixError::timeout(int deadlineMs)
{
    MatrixError e;
    e.kind = Timeout;
    e.message =
        QCoreApplication::translate("MatrixError", "The server did not answer within %n second(s)",
                                    nullptr, (deadlineMs + 999) / 1000);
    return e;
}

MatrixError MatrixError::tooLarge(qint64 maxBytes)
{
    MatrixError e;
    e.kind = ResponseTooLarge;
    const QString size = maxBytes >= 1024 * 1024
                             ? QStringLiteral("%1 MB").arg(maxBytes / (1024 * 1024))
                             : QStringLiteral("%1 KB").arg(maxBytes / 1024);
    e.message = QCoreApplication::translate(
                    "MatrixError", "The server's answer is larger than %1, more than this request "
                                   "can return; it was not read")
                    .arg(size);
    return e;
}

MatrixError MatrixError::invalidInput(const QString &message)
{
    MatrixError e;
    e.kind = InvalidInput;
    e.message = message;
    return e;
}

MatrixError MatrixError::malformed(const QString &message, int httpStatus)
{
    MatrixError e;
    e.kind = MalformedResponse;
    e.message = message;
    e.httpStatus = httpStatus;
    return e;
}

MatrixError MatrixError::notMatrix(const QString &message)
{
    MatrixError e;
    e.kind = NotMatrix;
    e.message = message;
    return e;
}

qint64 MatrixError::parseRetryAfter(const QByteArray &header)
{
    const QByteArray value = header.trimmed();
    if (value.isEmpty())
        return -1;
    bool ok = false;
    const qint64 seconds = value.toLongLong(&ok);
    if (ok)
        return seconds >= 0 && seconds < 86400LL * 365 ? seconds * 1000 : -1;
    // HTTP-date, e.g. "Wed, 21 Oct 2015 07:28:00 GMT" (RFC 9110 IMF-fixdate).
    QDateTime when = QLocale::c().toDateTime(QString::fromLatin1(value),
                                             QStringLiteral("ddd, dd MMM yyyy HH:mm:ss 'GMT'"));
    if (!when.isValid())
        return -1;
    when.setTimeSpec(Qt::UTC);
    const qint64 ms = qMax<qint64>(0, QDateTime::currentDateTimeUtc().msecsTo(when));
    return ms < 86400LL * 365 * 1000 ? ms : -1;
}

MatrixError MatrixError::fromHttp(int httpStatus, const QByteArray &retryAfterHeader,
                                  const QByteArray &body, QJsonObject *json, bool expectJson)
{
    if (!expectJson && httpStatus >= 200 && httpStatus < 300)
        return {};
    QJsonParseError parseError{};
    const QJsonDocument doc = QJsonDocument::fromJson(body, &parseError);
    const bool isObject = parseError.error == QJsonParseError::NoError && doc.isObject();
    const bool success = httpStatus >= 200 && httpStatus < 300;

    if (success) {
        if (!isObject)
            return malformed(QCoreApplication::translate(
                                 "MatrixError", "The server's response is not a JSON object"),
                             httpStatus);
        if (json)
            *json = doc.object();
        return {};
    }

    MatrixError e;
    e.kind = Server;
    e.httpStatus = httpStatus;
    if (isObject) {
        const QJsonObject obj = doc.object();
        e.errcode = obj.value(QLatin1String("errcode")).toString();
        e.message = obj.value(QLatin1String("error")).toString();
        // An OAuth 2.0 authorization server's error (RFC 6749 §5.2): {"error": "invalid_grant",
        // "error_description": "…"}: its code is the errcode.
        if (e.errcode.isEmpty() && obj.value(QLatin1String("error_description")).isString()) {
            e.errcode = e.message;
            e.message = obj.value(QLatin1String("error_description")).toString();
        }
        e.softLogout = obj.value(QLatin1String("soft_logout")).toBool(false);
        const QJsonValue retryMs = obj.value(QLatin1String("retry_after_ms"));
        if (retryMs.isDouble() && retryMs.toDouble() >= 0 &&
            retryMs.toDouble() < 86400.0 * 365 * 1000)
            e.retryAfterMs = static_cast<qint64>(retryMs.toDouble());
        if (json)
            *json = obj;
    }
    // The header wins over the body: it is what the HTTP layer of the server decided.
    if (const qint64 headerMs = parseRetryAfter(retryAfterHeader); headerMs >= 0)
        e.retryAfterMs = headerMs;
    if (e.errcode.isEmpty() && httpStatus == 429)
        e.errcode = QStringLiteral("M_LIMIT_EXCEEDED");
    if (e.message.isEmpty()) {
        switch (httpStatus) {
        case 401:
            e.message = QCoreApplication::translate("MatrixError", "Not authorised");
            break;
        case 403:
            e.message = QCoreApplication::translate("MatrixError", "Forbidden");
            break;
        case 404:
            e.message = QCoreApplication::translate("MatrixError", "Not found");
            break;
        case 429:
            e.message = QCoreApplication::translate("MatrixError", "Too many requests");
            break;
        default:
            e.message =
                httpStatus >= 500
                    ? QCoreApplication::translate("MatrixError", "The server had an internal error")
                    : QCoreApplication::translate("MatrixError", "The request was refused");
        }
    }
    // The invitee blocks invites (m.invite_permission_config, spec v1.18). The server's words
    // read like a missing power level, so what it means follows them.
    if (e.errcode == QLatin1String("M_INVITE_BLOCKED"))
        e.message += QLatin1Char(' ') +
                     QCoreApplication::translate("MatrixError",
                                                 "This user does not accept invites: they have "
                                                 "blocked invites, or their server refuses them.");
    return e;
}

MatrixError MatrixError::fromReply(QNetworkReply *reply, const QByteArray &body, QJsonObject *json,
                                   bool expectJson)
{
    const QVariant statusAttr = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute);
    const int status = statusAttr.isValid() ? statusAttr.toInt() : 0;
    const auto netError = reply->error();

    if (status == 0) {
        MatrixError e;
        e.message = reply->errorString();
        switch (netError) {
        case QNetworkReply::NoError:
            e.kind = MalformedResponse;
            e.message =
                QCoreApplication::translate("MatrixError", "The server sent no HTTP status");
            break;
        case QNetworkReply::SslHandshakeFailedError:
            e.kind = Tls;
            break;
        case QNetworkReply::ContentReSendError:
            // The connection closed before any answer and the request may not be sent again by
            // Qt itself (ApiCall keeps that decision): the server may or may not have acted.
            e.kind = Unreachable;
            e.message = QCoreApplication::translate(
                "MatrixError", "The connection closed before the server answered");
            break;
        case QNetworkReply::TimeoutError:
        case QNetworkReply::OperationCanceledError:
            // ApiCall tells its own aborts (deadline, cancel, size cap) apart before calling
            // this; these come from Qt itself (a transfer timeout reads as OperationCanceled).
            e.kind = Timeout;
            e.message =
                QCoreApplication::translate("MatrixError", "The server did not answer in time");
            break;
        default:
            e.kind = Unreachable;
        }
        return e;
    }
    return fromHttp(status, reply->rawHeader("Retry-After"), body, json, expectJson);
}
