// The bulk queue at Synapse's DEFAULT message limit (rc_message 0.2/s, burst 10): leave N rooms
// (default 30) through AppServices' JobQueue, as the GUI composes it, on a dedicated Synapse
// started with `harness.py start --default-ratelimits`. Prints the observed time against the
// bound the limit allows (the burst at once, then one every 5 s: 10 + 20 × 5 s = 100 s for 30),
// the 429s met (client and server side) and the pace the queue learned. Run by hand (~2 min):
//
//   build/bench/bulk_bench [--rooms 30] [--keep-instance]
//
// The fixture users are exempt from limits while the rooms are built (override_ratelimit 0/0,
// which Synapse also reads as "no join limit"); the override is then deleted so the leaving
// account starts from an empty bucket at the default limits.
#include "actions/jobqueue.h"
#include "api/apiclient.h"
#include "appservices.h"
#include "synapsefixture.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QFile>
#include <QRegularExpression>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <cstdio>

namespace {
QString loadAverage()
{
    QFile f(QStringLiteral("/proc/loadavg"));
    if (!f.open(QIODevice::ReadOnly))
        return QStringLiteral("?");
    return QString::fromLatin1(f.readAll()).section(QLatin1Char(' '), 0, 2);
}

void say(const QString &line)
{
    std::printf("%s\n", qPrintable(line));
    std::fflush(stdout);
}
} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    QCommandLineParser parser;
    parser.addHelpOption();
    QCommandLineOption roomsOption(QStringLiteral("rooms"), QStringLiteral("rooms to leave"),
                                   QStringLiteral("N"), QStringLiteral("30"));
    QCommandLineOption keepOption(QStringLiteral("keep-instance"),
                                  QStringLiteral("leave the Synapse instance running"));
    parser.addOptions({roomsOption, keepOption});
    parser.process(app);
    const int rooms = qMax(1, parser.value(roomsOption).toInt());
    // Synapse's defaults (synapse/config/ratelimiting.py): rc_message per_second 0.2, burst 10.
    constexpr double PerSecond = 0.2;
    constexpr int Burst = 10;

    const QString instance = QStringLiteral("bulkbench-%1").arg(QCoreApplication::applicationPid());
    SynapseFixture server;
    QString error;
    say(QStringLiteral("starting Synapse '%1' with its default rate limits…").arg(instance));
    if (!server.startDedicated(instance, true, &error)) {
        say(QStringLiteral("FAILED: ") + error);
        return 2;
    }
    auto stop = [&] {
        if (!parser.isSet(keepOption))
            SynapseFixture::stopDedicated(instance);
    };
    const auto admin = server.registerUser(QStringLiteral("admin"), true);
    const auto bob = server.registerUser(QStringLiteral("bob"));
    const auto alice = server.registerUser(QStringLiteral("alice"));
    if (!server.overrideRateLimit(admin, bob.userId, 0, 0) ||
        !server.overrideRateLimit(admin, alice.userId, 0, 0)) {
        say(QStringLiteral("FAILED: override_ratelimit"));
        stop();
        return 2;
    }
    QStringList roomIds;
    for (int i = 0; i < rooms; ++i) {
        const QString room =
            server.createRoom(bob, {{QStringLiteral("preset"), QStringLiteral("public_chat")},
                                    {QStringLiteral("name"), QStringLiteral("Bench %1").arg(i)}});
        if (room.isEmpty() || !server.join(alice, room)) {
            say(QStringLiteral("FAILED: building room %1").arg(i));
            stop();
            return 2;
        }
        roomIds << room;
    }
    // Back to the defaults for Alice: an empty bucket (nothing was counted while exempt).
    if (server
            .request("DELETE",
                     "/_synapse/admin/v1/users/" + SynapseFixture::seg(alice.userId) +
                         "/override_ratelimit",
                     admin.accessToken)
            .status != 200) {
        say(QStringLiteral("FAILED: deleting the override"));
        stop();
        return 2;
    }

    QTemporaryDir dir;
    AppServices::Options options;
    options.useKeychain = false;
    options.syncAfterSignIn = false;
    options.keepJobs = true;
    options.storeDirectory = dir.path();
    AppServices services(options);
    services.setRememberSession(false);
    QSignalSpy signedIn(services.session(), &Session::signedIn);
    services.signIn(server.baseUrl().toString(), alice.accessToken);
    if (signedIn.isEmpty())
        signedIn.wait(30000);
    if (services.session()->state() != Session::SignedIn || !services.jobs()->isOpen()) {
        say(QStringLiteral("FAILED: sign-in"));
        stop();
        return 2;
    }

    ApiClient *api = services.api();
    QList<qint64> sends;
    struct Limit
    {
        qint64 arrivedMs;
        qint64 waitMs;
        int sendsBefore;
    };
    QList<Limit> limits;
    QObject::connect(api, &ApiClient::bucketRequestSent, &app,
                     [&](const QByteArray &bucket, qint64 at) {
                         if (bucket == ApiClient::MembershipBucket)
                             sends << at;
                     });
    QObject::connect(api, &ApiClient::bucketRateLimited, &app,
                     [&](const QByteArray &bucket, qint64, qint64 waitMs) {
                         if (bucket == ApiClient::MembershipBucket)
                             limits.append({api->clockMs(), waitMs, int(sends.size())});
                     });
    const QString loadBefore = loadAverage();
    const qint64 estimate = services.jobs()->estimateSeconds(rooms);
    const qint64 start = api->clockMs();
    Job *job = services.jobs()->leaveRooms(roomIds);
    if (!job) {
        say(QStringLiteral("FAILED: ") + services.jobs()->lastError());
        stop();
        return 2;
    }
    QObject::connect(job, &Job::progressChanged, &app, [job, start, api] {
        static int lastDone = -1;
        if (job->done() != lastDone) {
            lastDone = job->done();
            say(QStringLiteral("  %1 s: %2/%3 done, eta %4 s, pace %5 ms")
                    .arg((api->clockMs() - start) / 1000.0, 0, 'f', 1)
                    .arg(job->done())
                    .arg(job->total())
                    .arg(job->etaSeconds())
                    .arg(job->paceMs()));
        }
    });
    QSignalSpy finished(job, &Job::finished);
    if (!finished.wait(20 * 60 * 1000)) {
        say(QStringLiteral("FAILED: the job did not finish"));
        stop();
        return 2;
    }
    const double observedS = (api->clockMs() - start) / 1000.0;
    const double boundS = qMax(0, rooms - Burst) / PerSecond;
    const double spanS = sends.isEmpty() ? 0 : (sends.last() - sends.first()) / 1000.0;

    // The server's side: accepted leaves per room and the 429s it answered.
    QMap<QString, int> accepted;
    int serverLimited = 0;
    static const QRegularExpression leave(QStringLiteral("/rooms/([^/]+)/leave$"));
    for (const SynapseFixture::AccessEntry &e : server.accessLog(alice.userId)) {
        const QRegularExpressionMatch m = leave.match(e.path);
        if (!m.hasMatch())
            continue;
        if (e.status == 200)
            ++accepted[QUrl::fromPercentEncoding(m.captured(1).toUtf8())];
        else if (e.status == 429)
            ++serverLimited;
    }
    int leftOnce = 0;
    for (const QString &room : std::as_const(roomIds))
        leftOnce += accepted.value(room) == 1;

    say(QString());
    say(QStringLiteral("rooms                 %1 (rc_message %2/s, burst %3)")
            .arg(rooms)
            .arg(PerSecond)
            .arg(Burst));
    say(QStringLiteral("job state             %1: %2 done, %3 failed")
            .arg(job->state() == Job::Finished ? QStringLiteral("finished")
                                               : QStringLiteral("not finished"))
            .arg(job->done())
            .arg(job->failed()));
    say(QStringLiteral("observed              %1 s (submit to finished)")
            .arg(observedS, 0, 'f', 1));
    say(QStringLiteral("first to last request %1 s").arg(spanS, 0, 'f', 1));
    say(QStringLiteral("bound                 %1 s (%2 at once, then %3 × %4 s)")
            .arg(boundS, 0, 'f', 1)
            .arg(qMin(rooms, Burst))
            .arg(qMax(0, rooms - Burst))
            .arg(1 / PerSecond));
    say(QStringLiteral("over the bound        %1 s (%2 %, target <= 10 %)")
            .arg(observedS - boundS, 0, 'f', 1)
            .arg(boundS > 0 ? (observedS / boundS - 1) * 100 : 0, 0, 'f', 1));
    say(QStringLiteral("confirm-dialog ETA    %1 s").arg(estimate));
    say(QStringLiteral("requests sent         %1; 429s met %2 (server logged %3)")
            .arg(sends.size())
            .arg(limits.size())
            .arg(serverLimited));
    for (const Limit &l : std::as_const(limits))
        say(QStringLiteral("  429 at %1 s after %2 requests: wait %3 ms")
                .arg((l.arrivedMs - start) / 1000.0, 0, 'f', 2)
                .arg(l.sendsBefore)
                .arg(l.waitMs));
    say(QStringLiteral("learned pace          %1 ms").arg(services.jobs()->paceMs()));
    say(QStringLiteral("rooms left once       %1 of %2 (server access log)")
            .arg(leftOnce)
            .arg(rooms));
    say(QStringLiteral("load average          %1 before, %2 after").arg(loadBefore, loadAverage()));
    stop();
    return job->state() == Job::Finished && leftOnce == rooms ? 0 : 1;
}
