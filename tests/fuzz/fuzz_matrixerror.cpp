// Fuzzes the error side of every request: MatrixError::fromHttp (status, Retry-After header and
// body of a response) and MatrixError::parseRetryAfter.
//
// Input format (so seeds stay readable):
//   line 1: the HTTP status, decimal (anything else counts as 0)
//   line 2: the Retry-After header value (may be empty)
//   rest:   the response body

#include "api/matrixerror.h"
#include "fuzzcommon.h"

#include <QJsonDocument>
#include <QJsonObject>

namespace {

constexpr qint64 YearMs = 365LL * 86400 * 1000;

void checkRetryAfter(const QByteArray &header)
{
    const qint64 ms = MatrixError::parseRetryAfter(header);
    FUZZ_CHECK(ms >= -1, QString::fromLatin1(header));
    // Delta-seconds: exactly that many seconds, below a year; anything else is ignored (-1).
    const QByteArray trimmed = header.trimmed();
    bool digits = !trimmed.isEmpty() && trimmed.size() <= 12;
    for (char c : trimmed)
        digits = digits && c >= '0' && c <= '9';
    if (digits) {
        const qint64 seconds = trimmed.toLongLong();
        FUZZ_CHECK(ms == (seconds * 1000 < YearMs ? seconds * 1000 : -1),
                   QString::fromLatin1(header));
    }
    FUZZ_CHECK(ms < YearMs, QString::fromLatin1(header)); // HTTP dates too
}

void checkResponse(int status, const QByteArray &retryAfter, const QByteArray &body)
{
    QJsonObject json;
    json.insert(QStringLiteral("sentinel"), true);
    const MatrixError e = MatrixError::fromHttp(status, retryAfter, body, &json);
    QJsonParseError parseError{};
    const QJsonDocument doc = QJsonDocument::fromJson(body, &parseError);
    const bool isObject = parseError.error == QJsonParseError::NoError && doc.isObject();
    const QString what =
        QStringLiteral("%1 [%2] %3")
            .arg(status)
            .arg(QString::fromLatin1(retryAfter), QString::fromUtf8(body.left(300)));

    if (status >= 200 && status < 300) {
        if (isObject) {
            FUZZ_CHECK(!e.isError() && json == doc.object(), what);
        } else {
            FUZZ_CHECK(e.kind == MatrixError::MalformedResponse && e.httpStatus == status, what);
            FUZZ_CHECK(json.contains(QStringLiteral("sentinel")), what); // untouched on error
        }
    } else {
        FUZZ_CHECK(e.kind == MatrixError::Server && e.httpStatus == status, what);
        FUZZ_CHECK(!e.message.isEmpty(), what);
        // A hint is either absent (-1) or a wait below a year, however the server phrased it
        // (parseRetryAfter's own rule for delta-seconds); the retry timers take it as is.
        FUZZ_CHECK(e.retryAfterMs >= -1 && e.retryAfterMs < YearMs, what);
        if (status == 429)
            FUZZ_CHECK(!e.errcode.isEmpty(), what);
        if (const qint64 header = MatrixError::parseRetryAfter(retryAfter); header >= 0)
            FUZZ_CHECK(e.retryAfterMs == header, what); // the header wins over the body
        if (isObject)
            FUZZ_CHECK(json == doc.object(), what);
    }
    // As media (expectJson = false): any 2xx body is the answer; an error is the same error.
    QJsonObject untouched{{QStringLiteral("sentinel"), true}};
    const MatrixError media = MatrixError::fromHttp(status, retryAfter, body, &untouched, false);
    if (status >= 200 && status < 300) {
        FUZZ_CHECK(!media.isError(), what);
        FUZZ_CHECK(untouched.contains(QStringLiteral("sentinel")), what);
    } else {
        FUZZ_CHECK(media.kind == e.kind && media.httpStatus == e.httpStatus &&
                       media.errcode == e.errcode && media.retryAfterMs == e.retryAfterMs,
                   what);
    }
    // What the UI and the retry logic read must be computable for every error; a summary built
    // on another summary does not repeat the status.
    if (e.isError()) {
        MatrixError wrapped = e;
        wrapped.message = e.rawSummary();
        FUZZ_CHECK(wrapped.rawSummary() == e.rawSummary(), what);
    }
    if (e.isError())
        FUZZ_CHECK(!e.summary().isEmpty(), what);
    (void)e.isRetryable();
    (void)e.isUnknownToken();
}

} // namespace

extern "C" int LLVMFuzzerInitialize(int *, char ***)
{
    fuzz::quietQtMessages();
    return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const QByteArray input = fuzz::bytes(data, size);
    const qsizetype firstNewline = input.indexOf('\n');
    const QByteArray statusLine = firstNewline < 0 ? input : input.left(firstNewline);
    const QByteArray rest = firstNewline < 0 ? QByteArray() : input.mid(firstNewline + 1);
    const qsizetype secondNewline = rest.indexOf('\n');
    const QByteArray retryAfter = secondNewline < 0 ? rest : rest.left(secondNewline);
    const QByteArray body = secondNewline < 0 ? QByteArray() : rest.mid(secondNewline + 1);

    bool ok = false;
    const int status = statusLine.trimmed().toInt(&ok);
    checkResponse(ok ? status : 0, retryAfter, body);
    // The same body as a success and as a rate limit, whatever the status line says.
    checkResponse(200, retryAfter, body);
    checkResponse(429, retryAfter, body);
    checkRetryAfter(retryAfter);
    checkRetryAfter(statusLine);
    return 0;
}
