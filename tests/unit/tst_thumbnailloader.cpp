// Avatar thumbnails: fetched through the endpoint layer (authenticated media, v1 path, Bearer
// header), failures remembered — a missing avatar for long, a server hiccup briefly — so that a
// row scrolling into view does not request the same broken avatar again and again.
#include "api/apiclient.h"
#include "fakehomeserver.h"
#include "models/thumbnailloader.h"

#include <QNetworkAccessManager>
#include <QtTest>

// Runs a helper that verifies as it goes; stops the test where the helper failed.
#define CHECKED(call)                                                                              \
    do {                                                                                           \
        call;                                                                                      \
        if (QTest::currentTestFailed())                                                            \
            return;                                                                                \
    } while (false)

namespace {
const QByteArray Token = "syt_thumbnail_token";
const QByteArray MediaPrefix = "/_matrix/client/v1/media/thumbnail/";
const QByteArray Png("\x89PNG\r\n\x1a\nnot-really-an-image", 26);

// The outcome of one load(): done() must be called exactly once.
struct Result
{
    int calls = 0;
    QByteArray bytes;
    QString error;
};
} // namespace

class TestThumbnailLoader : public QObject
{
    Q_OBJECT

    std::unique_ptr<FakeHomeserver> m_fake;
    std::unique_ptr<QNetworkAccessManager> m_nam;
    std::unique_ptr<ApiClient> m_api;
    std::unique_ptr<ThumbnailLoader> m_loader;
    qint64 m_now = 1000000; // the loader's clock, moved by the tests

    void start(const QString &mxcId, Result *result, QSize size = {96, 96})
    {
        m_loader->load(mxcId, size, this, [result](const QByteArray &bytes, const QString &error) {
            ++result->calls;
            result->bytes = bytes;
            result->error = error;
        });
    }
    // Loads and waits for the answer (the test fails if none comes).
    void loadOnce(const QString &mxcId, Result *result)
    {
        start(mxcId, result);
        QVERIFY(QTest::qWaitFor([result] { return result->calls > 0; }, 15000));
        QCOMPARE(result->calls, 1);
    }

private slots:
    void init()
    {
        m_fake = std::make_unique<FakeHomeserver>();
        QVERIFY(m_fake->port() > 0);
        m_nam = std::make_unique<QNetworkAccessManager>();
        m_api = std::make_unique<ApiClient>(m_nam.get());
        m_api->setHomeserver(m_fake->baseUrl());
        m_api->setAccessToken(QString::fromLatin1(Token));
        m_loader = std::make_unique<ThumbnailLoader>(m_api.get());
        m_loader->setClock([this] { return m_now; });
    }
    void cleanup()
    {
        m_loader.reset();
        m_api.reset();
        m_nam.reset();
        m_fake.reset();
    }

    void imageIsDeliveredThroughAuthenticatedMedia()
    {
        m_fake->script(MediaPrefix, {{200, Png, {}, "image/png"}});
        m_api->setClientApiVersion(QStringLiteral("r0")); // media stays on v1
        Result result;
        CHECKED(loadOnce(QStringLiteral("localhost/abcDEF_-1"), &result));
        QVERIFY2(result.error.isEmpty(), qPrintable(result.error));
        QCOMPARE(result.bytes, Png);
        const auto requests = m_fake->requests();
        QCOMPARE(requests.size(), 1);
        QCOMPARE(requests.first().method, QByteArray("GET"));
        QCOMPARE(requests.first().rawPath, MediaPrefix + "localhost/abcDEF_-1");
        QCOMPARE(requests.first().rawQuery, QByteArray("width=96&height=96&method=crop"));
        QCOMPARE(requests.first().authorization, "Bearer " + Token);
        QVERIFY(!m_loader->remembersFailure(QStringLiteral("localhost/abcDEF_-1")));
    }

    // Before the session has a token (a remembered session being read back, its saved rooms
    // already shown), a load waits for one: nothing is sent, answered or remembered as failed.
    // Once the token is set it goes out with it; one whose asker went meanwhile is dropped.
    void aLoadWaitsForTheToken()
    {
        m_fake->script(MediaPrefix, {{200, Png, {}, "image/png"}});
        m_api->setAccessToken({});
        Result result;
        start(QStringLiteral("localhost/early"), &result);
        Result dropped;
        auto gone = std::make_unique<QObject>();
        m_loader->load(QStringLiteral("localhost/dropped"), {96, 96}, gone.get(),
                       [&dropped](const QByteArray &, const QString &) { ++dropped.calls; });
        QTest::qWait(200);
        QCOMPARE(result.calls, 0);
        QCOMPARE(m_fake->requests().size(), 0);
        QVERIFY(!m_loader->remembersFailure(QStringLiteral("localhost/early")));

        gone.reset();
        m_api->setAccessToken(QString::fromLatin1(Token));
        QVERIFY(QTest::qWaitFor([&result] { return result.calls > 0; }, 15000));
        QCOMPARE(result.calls, 1);
        QVERIFY2(result.error.isEmpty(), qPrintable(result.error));
        QCOMPARE(result.bytes, Png);
        QTest::qWait(100);
        QCOMPARE(dropped.calls, 0);
        const auto requests = m_fake->requests();
        QCOMPARE(requests.size(), 1);
        QCOMPARE(requests.first().rawPath, MediaPrefix + "localhost/early");
        QCOMPARE(requests.first().authorization, "Bearer " + Token);
    }

    void missingAvatarIsRequestedOnce()
    {
        m_fake->script(MediaPrefix, {{404, R"({"errcode":"M_NOT_FOUND","error":"Not found"})"}});
        const QString id = QStringLiteral("localhost/missing");
        for (int i = 0; i < 3; ++i) {
            Result result;
            CHECKED(loadOnce(id, &result));
            QVERIFY(result.bytes.isEmpty());
            QVERIFY2(result.error.contains(QLatin1String("M_NOT_FOUND")), qPrintable(result.error));
        }
        QCOMPARE(m_fake->requests().size(), 1);
        QVERIFY(m_loader->remembersFailure(id));
    }

    void overlappingLoadsShareOneRequest()
    {
        m_fake->script(MediaPrefix, {{404, R"({"errcode":"M_NOT_FOUND","error":"Not found"})"}});
        Result a, b, c;
        start(QStringLiteral("localhost/same"), &a);
        start(QStringLiteral("localhost/same"), &b);
        start(QStringLiteral("localhost/same"), &c);
        QVERIFY(QTest::qWaitFor([&] { return a.calls && b.calls && c.calls; }, 15000));
        QCOMPARE(a.calls + b.calls + c.calls, 3);
        QVERIFY(!c.error.isEmpty());
        QCOMPARE(m_fake->requests().size(), 1);
    }

    void missingAvatarIsForgottenAfterLong()
    {
        m_fake->script(MediaPrefix, {{404, "{}"}});
        const QString id = QStringLiteral("localhost/gone");
        Result first;
        CHECKED(loadOnce(id, &first));
        m_now += ThumbnailLoader::TransientFailureMemoryMs + 1; // what a 503 would have had
        QVERIFY(m_loader->remembersFailure(id));
        m_now += ThumbnailLoader::FailureMemoryMs;
        QVERIFY(!m_loader->remembersFailure(id));
        Result again;
        CHECKED(loadOnce(id, &again));
        QCOMPARE(m_fake->requests().size(), 2);
    }

    void serverHiccupIsRememberedBriefly()
    {
        m_fake->script(MediaPrefix, {{503, "{}"}, {200, Png, {}, "image/png"}});
        const QString id = QStringLiteral("localhost/busy");
        Result first;
        CHECKED(loadOnce(id, &first));
        QVERIFY2(first.error.contains(QLatin1String("503")), qPrintable(first.error));

        Result fromMemory;
        CHECKED(loadOnce(id, &fromMemory));
        QCOMPARE(fromMemory.error, first.error);
        QCOMPARE(m_fake->requests().size(), 1);

        m_now += ThumbnailLoader::TransientFailureMemoryMs - 1;
        QVERIFY(m_loader->remembersFailure(id));
        m_now += 2;
        QVERIFY(!m_loader->remembersFailure(id));
        Result later;
        CHECKED(loadOnce(id, &later));
        QVERIFY2(later.error.isEmpty(), qPrintable(later.error));
        QCOMPARE(later.bytes, Png);
        QCOMPARE(m_fake->requests().size(), 2);
    }

    void failuresAreRememberedPerMedia()
    {
        m_fake->script(MediaPrefix + "localhost/bad", {{404, "{}"}});
        m_fake->script(MediaPrefix + "localhost/good", {{200, Png, {}, "image/png"}});
        Result bad, good;
        CHECKED(loadOnce(QStringLiteral("localhost/bad"), &bad));
        CHECKED(loadOnce(QStringLiteral("localhost/good"), &good));
        QVERIFY(!bad.error.isEmpty());
        QCOMPARE(good.bytes, Png);
        QVERIFY(!m_loader->remembersFailure(QStringLiteral("localhost/good")));
    }

    void invalidMediaIdsSendNothing_data()
    {
        QTest::addColumn<QString>("id");
        // mxc://../config and mxc://./x: the URL layer would remove the dot segments and an
        // authenticated GET would reach another media path.
        QTest::newRow("dot-dot server") << "../config";
        QTest::newRow("dot server") << "./x";
        QTest::newRow("dot-dot media") << "localhost/..";
        QTest::newRow("traversal") << "localhost/../../config";
        QTest::newRow("empty") << "";
        QTest::newRow("no media") << "localhost/";
        QTest::newRow("query") << "localhost/abc?x=1";
    }
    void invalidMediaIdsSendNothing()
    {
        QFETCH(QString, id);
        Result result;
        CHECKED(loadOnce(id, &result));
        QCOMPARE(result.error, QStringLiteral("Invalid media ID"));
        QCOMPARE(m_fake->requests().size(), 0);
    }

    void noAnswerAfterTheContextIsGone()
    {
        m_fake->script(MediaPrefix, {FakeHomeserver::Reply::trickle(200, Png, 4, 50)});
        auto context = std::make_unique<QObject>();
        int calls = 0;
        m_loader->load(QStringLiteral("localhost/slow"), {96, 96}, context.get(),
                       [&calls](const QByteArray &, const QString &) { ++calls; });
        QVERIFY(QTest::qWaitFor([&] { return m_fake->requests().size() == 1; }, 10000));
        context.reset();
        // A second wait for the same thumbnail joins the request on its way; both are answered
        // together, and only the one whose context still exists is called.
        Result alive;
        CHECKED(loadOnce(QStringLiteral("localhost/slow"), &alive));
        QCOMPARE(alive.bytes, Png);
        QCOMPARE(calls, 0);
        QCOMPARE(m_fake->requests().size(), 1);
    }
};

QTEST_MAIN(TestThumbnailLoader)
#include "tst_thumbnailloader.moc"
