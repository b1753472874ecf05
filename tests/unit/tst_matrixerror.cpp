#include "api/matrixerror.h"

#include <QtTest>

class TestMatrixError : public QObject
{
    Q_OBJECT
private slots:
    void successNeedsJsonObject()
    {
        QJsonObject json;
        QVERIFY(!MatrixError::fromHttp(200, {}, R"({"room_id":"!a:b"})", &json).isError());
        QCOMPARE(json.value(QLatin1String("room_id")).toString(), QStringLiteral("!a:b"));
        const MatrixError notJson = MatrixError::fromHttp(200, {}, "<html>", &json);
        QCOMPARE(notJson.kind, MatrixError::MalformedResponse);
        QCOMPARE(MatrixError::fromHttp(200, {}, "[1,2]", &json).kind,
                 MatrixError::MalformedResponse);
        QCOMPARE(MatrixError::fromHttp(200, {}, "", &json).kind, MatrixError::MalformedResponse);
    }

    void serverErrorFields()
    {
        const MatrixError e = MatrixError::fromHttp(
            403, {}, R"({"errcode":"M_FORBIDDEN","error":"You are not invited to this room."})",
            nullptr);
        QCOMPARE(e.kind, MatrixError::Server);
        QCOMPARE(e.httpStatus, 403);
        QCOMPARE(e.errcode, QStringLiteral("M_FORBIDDEN"));
        QCOMPARE(e.message, QStringLiteral("You are not invited to this room."));
        QCOMPARE(e.summary(),
                 QStringLiteral("M_FORBIDDEN: You are not invited to this room. (HTTP 403)"));
        QVERIFY(!e.isRetryable());
    }

    void softLogout()
    {
        const MatrixError e = MatrixError::fromHttp(
            401, {}, R"({"errcode":"M_UNKNOWN_TOKEN","error":"expired","soft_logout":true})",
            nullptr);
        QVERIFY(e.isUnknownToken());
        QVERIFY(e.softLogout);
        QVERIFY(!MatrixError::fromHttp(401, {}, R"({"errcode":"M_UNKNOWN_TOKEN"})", nullptr)
                     .softLogout);
    }

    void rateLimitHeaderWinsOverBody()
    {
        const QByteArray body =
            R"({"errcode":"M_LIMIT_EXCEEDED","error":"Too Many Requests","retry_after_ms":2500})";
        QCOMPARE(MatrixError::fromHttp(429, {}, body, nullptr).retryAfterMs, 2500);
        const MatrixError e = MatrixError::fromHttp(429, "7", body, nullptr);
        QCOMPARE(e.retryAfterMs, 7000);
        QVERIFY(e.isRetryable());
        // A 429 without body still is a rate limit.
        const MatrixError bare = MatrixError::fromHttp(429, {}, "", nullptr);
        QCOMPARE(bare.errcode, QStringLiteral("M_LIMIT_EXCEEDED"));
        QCOMPARE(bare.retryAfterMs, -1);
    }

    void retryAfterParsing()
    {
        QCOMPARE(MatrixError::parseRetryAfter("0"), 0);
        QCOMPARE(MatrixError::parseRetryAfter(" 12 "), 12000);
        QCOMPARE(MatrixError::parseRetryAfter(""), -1);
        QCOMPARE(MatrixError::parseRetryAfter("-5"), -1);
        QCOMPARE(MatrixError::parseRetryAfter("soon"), -1);
        const QDateTime future = QDateTime::currentDateTimeUtc().addSecs(30);
        const QByteArray date =
            QLocale::c()
                .toString(future, QStringLiteral("ddd, dd MMM yyyy HH:mm:ss 'GMT'"))
                .toLatin1();
        const qint64 ms = MatrixError::parseRetryAfter(date);
        QVERIFY2(ms > 25000 && ms <= 30000, qPrintable(QString::number(ms)));
        QCOMPARE(MatrixError::parseRetryAfter("Wed, 21 Oct 2015 07:28:00 GMT"), 0); // past: now
    }

    void absurdRetryHintsAreIgnored()
    {
        // Found by fuzzing: 1e300 overflowed the cast to qint64 (undefined behaviour).
        QCOMPARE(
            MatrixError::fromHttp(429, {}, R"({"retry_after_ms":1e300})", nullptr).retryAfterMs,
            -1);
        QCOMPARE(MatrixError::parseRetryAfter("Fri, 31 Dec 9999 23:59:59 GMT"), -1);
        QCOMPARE(MatrixError::parseRetryAfter("99999999999"), -1);
    }

    void nonJsonErrorBodies()
    {
        const MatrixError e = MatrixError::fromHttp(502, {}, "<html>Bad gateway</html>", nullptr);
        QCOMPARE(e.kind, MatrixError::Server);
        QCOMPARE(e.httpStatus, 502);
        QVERIFY(e.errcode.isEmpty());
        QVERIFY(!e.message.isEmpty());
        QVERIFY(e.isRetryable());
        // Wrong types are ignored, not trusted.
        const MatrixError odd = MatrixError::fromHttp(
            400, {}, R"({"errcode":5,"error":["x"],"retry_after_ms":"soon"})", nullptr);
        QVERIFY(odd.errcode.isEmpty());
        QCOMPARE(odd.retryAfterMs, -1);
        QVERIFY(!odd.message.isEmpty());
    }

    void mediaBodiesAreNotJson()
    {
        // expectJson = false (thumbnails): any 2xx body is the answer, untouched.
        QJsonObject json{{QStringLiteral("untouched"), true}};
        QVERIFY(!MatrixError::fromHttp(200, {}, "\x89PNG", &json, false).isError());
        QVERIFY(!MatrixError::fromHttp(204, {}, "", &json, false).isError());
        QCOMPARE(json.value(QLatin1String("untouched")).toBool(), true);
        // Errors are still errors, with the server's errcode when it sent JSON.
        const MatrixError notFound = MatrixError::fromHttp(
            404, {}, R"({"errcode":"M_NOT_FOUND","error":"Not found"})", nullptr, false);
        QCOMPARE(notFound.kind, MatrixError::Server);
        QCOMPARE(notFound.errcode, QStringLiteral("M_NOT_FOUND"));
        QVERIFY(!notFound.isRetryable());
        const MatrixError busy = MatrixError::fromHttp(503, {}, "<html>", nullptr, false);
        QCOMPARE(busy.kind, MatrixError::Server);
        QVERIFY(busy.isRetryable());
        // The same bodies with expectJson: a non-object success is malformed.
        QCOMPARE(MatrixError::fromHttp(200, {}, "\x89PNG", nullptr, true).kind,
                 MatrixError::MalformedResponse);
    }

    void aMessageOfHiddenCharactersStillSaysSomething()
    {
        // Found by fuzz_matrixerror: a message made only of bidi controls, with no errcode and
        // no status, was displayed as nothing at all.
        MatrixError e;
        e.kind = MatrixError::Unreachable;
        e.message = QString(QChar(0x202E)) + QChar(0x2066);
        QVERIFY(!e.rawSummary().isEmpty());
        QCOMPARE(e.summary(), QStringLiteral("Request failed"));
    }

    void summaryNamesTheStatusOnce()
    {
        const MatrixError moved = MatrixError::fromHttp(301, {}, "", nullptr);
        QCOMPARE(moved.summary(), QStringLiteral("The request was refused (HTTP 301)"));
        // An error whose message was built from another error's summary (as a wrapper does)
        // does not say "(HTTP 301) (HTTP 301)".
        MatrixError wrapped = moved;
        wrapped.message = moved.summary();
        QCOMPARE(wrapped.summary(), moved.summary());
        QCOMPARE(wrapped.summary().count(QLatin1String("(HTTP 301)")), 1);
        // The errcode is not doubled either.
        MatrixError coded =
            MatrixError::fromHttp(403, {}, R"({"errcode":"M_FORBIDDEN","error":"No"})", nullptr);
        coded.message = coded.summary();
        QCOMPARE(coded.summary(), QStringLiteral("M_FORBIDDEN: No (HTTP 403)"));
        // A transport error has no status to name.
        QCOMPARE(MatrixError::timeout(1500).summary(), MatrixError::timeout(1500).message);
    }

    void namedErrors()
    {
        const MatrixError t = MatrixError::timeout(15000);
        QCOMPARE(t.kind, MatrixError::Timeout);
        QVERIFY2(t.message.contains(QLatin1String("15")), qPrintable(t.message));
        QVERIFY(t.isRetryable());
        const MatrixError big = MatrixError::tooLarge(64 * 1024);
        QCOMPARE(big.kind, MatrixError::ResponseTooLarge);
        QVERIFY2(big.message.contains(QLatin1String("64 KB")), qPrintable(big.message));
        QVERIFY(!big.isRetryable());
        QVERIFY(
            MatrixError::tooLarge(256LL * 1024 * 1024).message.contains(QLatin1String("256 MB")));
        QCOMPARE(MatrixError::cancelled().kind, MatrixError::Cancelled);
        QVERIFY(!MatrixError::cancelled().isRetryable());
        const MatrixError input = MatrixError::invalidInput(QStringLiteral("bad"));
        QCOMPARE(input.kind, MatrixError::InvalidInput);
        QCOMPARE(input.summary(), QStringLiteral("bad"));
        QVERIFY(!input.isRetryable());
    }

    void authFailures()
    {
        QVERIFY(MatrixError::fromHttp(401, {}, "", nullptr).isAuthFailure());
        QVERIFY(MatrixError::fromHttp(403, {}, R"({"errcode":"M_UNKNOWN_TOKEN"})", nullptr)
                    .isAuthFailure());
        QVERIFY(!MatrixError::fromHttp(403, {}, R"({"errcode":"M_FORBIDDEN"})", nullptr)
                     .isAuthFailure());
    }

    void deeplyNestedJsonIsAnErrorNotACrash()
    {
        QByteArray nested(100000, '[');
        const MatrixError e = MatrixError::fromHttp(200, {}, nested, nullptr);
        QCOMPARE(e.kind, MatrixError::MalformedResponse);
    }

    // M_INVITE_BLOCKED: the server's text stays first, what it means follows; others unchanged.
    void inviteBlockedIsExplained()
    {
        const MatrixError blocked = MatrixError::fromHttp(
            403, {},
            R"({"errcode":"M_INVITE_BLOCKED","error":"You are not permitted to invite this user."})",
            nullptr);
        QCOMPARE(blocked.message,
                 QStringLiteral("You are not permitted to invite this user. This user does not "
                                "accept invites: they have blocked invites, or their server "
                                "refuses them."));
        const MatrixError forbidden = MatrixError::fromHttp(
            403, {},
            R"({"errcode":"M_FORBIDDEN","error":"You are not permitted to invite this user."})",
            nullptr);
        QCOMPARE(forbidden.message, QStringLiteral("You are not permitted to invite this user."));
    }
};

QTEST_APPLESS_MAIN(TestMatrixError)
#include "tst_matrixerror.moc"
