#pragma once

#include "actions/operation.h"

#include <QObject>
#include <QStringList>

class AppServices;
class QJsonObject;
struct MatrixError;

// concierge-cli: the membership engine for scripts. Parses and validates the whole command line
// first (nothing is sent for invalid input), then signs in with the token from
// CONCIERGE_ACCESS_TOKEN or stdin, runs one command and exits with its status. The services come
// from the same composition root as the desktop app (AppServices), in its non-interactive mode.
//
// Everything a server wrote (room names, error messages, IDs) reaches the terminal through
// SafeText::forTerminal, and JSON output through SafeText::jsonForTerminal: escape sequences,
// bidi controls and line separators are shown as escapes, never interpreted.
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
    // Returns the exit code when the command ended without starting anything asynchronous
    // (usage errors, --help); -1 when it runs asynchronously (then finished() carries the code).
    int start(const QStringList &arguments);

    // The message for a rejected access token (HTTP 401 or M_UNKNOWN_TOKEN): the session expired
    // (soft logout) or was signed out.
    static QString sessionEndedMessage(const MatrixError &error);

signals:
    void finished(int exitCode);

private:
    int usageError(const QString &message, bool showUsage = false);
    void runCommand();
    void listRooms();
    void printRooms();
    void reportOperation(Operation *operation);
    void fail(const MatrixError &error, int exitCode);
    void printJson(const QJsonObject &object, bool indented = false);

    AppServices *m_services = nullptr;
    QString m_command;
    QStringList m_args;
    Operation::Description m_action; // for join, leave, invite, forget: validated before sign-in
    QString m_membershipFilter;
    bool m_json = false;
};
