#pragma once

// Runs concierge-cli from an integration test (the target defines CONCIERGE_CLI_PATH): the
// command line, the environment, what goes to its standard input; the test fails (QTest::qFail)
// when it does not end in time, and the run then has exit code -1.
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QSignalSpy>
#include <QTest>
#include <QUrl>

#ifndef CONCIERGE_CLI_PATH
#error "CONCIERGE_CLI_PATH names the concierge-cli to run"
#endif

struct CliRun
{
    int exitCode = -1; // -2: it crashed
    QByteArray out;
    QByteArray err;
    // --json: one object per line.
    QList<QJsonObject> lines() const
    {
        QList<QJsonObject> objects;
        for (const QByteArray &line : out.split('\n'))
            if (!line.trimmed().isEmpty())
                objects << QJsonDocument::fromJson(line).object();
        return objects;
    }
};

// The test's environment with the homeserver, the token (none when empty: the CLI then uses a
// saved session) and where the account's jobs are kept (the default folder when empty).
inline QProcessEnvironment cliEnvironment(const QUrl &homeserver, const QString &token,
                                          const QString &storeDir)
{
    QProcessEnvironment e = QProcessEnvironment::systemEnvironment();
    e.remove(QStringLiteral("CONCIERGE_ACCESS_TOKEN"));
    e.remove(QStringLiteral("CONCIERGE_STORE_DIR"));
    e.insert(QStringLiteral("CONCIERGE_HOMESERVER"), homeserver.toString());
    if (!token.isEmpty())
        e.insert(QStringLiteral("CONCIERGE_ACCESS_TOKEN"), token);
    if (!storeDir.isEmpty())
        e.insert(QStringLiteral("CONCIERGE_STORE_DIR"), storeDir);
    return e;
}

inline CliRun runCli(const QProcessEnvironment &env, const QStringList &args,
                     const QByteArray &stdinText = {}, int timeoutMs = 120000)
{
    QProcess p;
    p.setProcessEnvironment(env);
    QSignalSpy finished(&p, &QProcess::finished);
    p.start(QStringLiteral(CONCIERGE_CLI_PATH), args);
    if (!stdinText.isEmpty())
        p.write(stdinText);
    p.closeWriteChannel();
    CliRun run;
    if (!finished.wait(timeoutMs)) {
        p.kill();
        p.waitForFinished(5000);
        QTest::qFail(qPrintable(QStringLiteral("concierge-cli %1 did not finish within %2 s")
                                    .arg(args.join(QLatin1Char(' ')))
                                    .arg(timeoutMs / 1000)),
                     __FILE__, __LINE__);
        return run;
    }
    run.exitCode = p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -2;
    run.out = p.readAllStandardOutput();
    run.err = p.readAllStandardError();
    return run;
}
