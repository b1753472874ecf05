#pragma once

#include <QObject>
#include <QStringList>

class ApiClient;
class MembershipService;
class RoomStore;
class Session;
struct MatrixError;

// concierge-cli: the membership engine for scripts. Parses the command line, signs in with the
// token from CONCIERGE_ACCESS_TOKEN or stdin, runs one command and exits with its status.
class Cli : public QObject
{
    Q_OBJECT
public:
    enum ExitCode { Ok = 0, ServerError = 1, UsageError = 2, ConnectionError = 3 };

    explicit Cli(QObject *parent = nullptr);
    // Returns -1 when the command runs asynchronously (then finished() carries the code).
    int start(const QStringList &arguments);

signals:
    void finished(int exitCode);

private:
    void runCommand();
    void listRooms();
    void printRooms();
    void reportAction(const QString &action, const QString &roomId, const MatrixError &error);
    void fail(const MatrixError &error, int exitCode);

    ApiClient *m_api = nullptr;
    Session *m_session = nullptr;
    RoomStore *m_store = nullptr;
    MembershipService *m_membership = nullptr;
    QString m_command;
    QStringList m_args;
    QStringList m_via;
    QString m_reason;
    QString m_membershipFilter;
    bool m_json = false;
};
