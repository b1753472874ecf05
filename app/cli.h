#pragma once

#include "actions/operation.h"

#include <QObject>
#include <QStringList>

class AppServices;
struct MatrixError;

// concierge-cli: the membership engine for scripts. Parses and validates the whole command line
// first (nothing is sent for invalid input), then signs in with the token from
// CONCIERGE_ACCESS_TOKEN or stdin, runs one command and exits with its status. The services come
// from the same composition root as the desktop app (AppServices), in its non-interactive mode.
class Cli : public QObject
{
    Q_OBJECT
public:
    enum ExitCode {
        Ok = 0,
        ServerError = 1,     // the server refused
        UsageError = 2,      // invalid usage or input: nothing was sent
        ConnectionError = 3, // unreachable, or the session was rejected or expired
        OutcomeUnknown = 4,  // no answer came, and whether it happened could not be found out
    };

    explicit Cli(QObject *parent = nullptr);
    // Returns -1 when the command runs asynchronously (then finished() carries the code).
    int start(const QStringList &arguments);

signals:
    void finished(int exitCode);

private:
    void runCommand();
    void listRooms();
    void printRooms();
    void reportOperation(Operation *operation);
    void fail(const MatrixError &error, int exitCode, const QString &outcome = {});

    AppServices *m_services = nullptr;
    QString m_command;
    QStringList m_args;
    Operation::Description m_action; // for join, leave, invite, forget: validated before sign-in
    QString m_membershipFilter;
    bool m_json = false;
};
