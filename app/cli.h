#pragma once

#include "actions/operation.h"

#include <QHash>
#include <QJsonObject>
#include <QObject>
#include <QPointer>
#include <QStringList>

class AppServices;
class Job;
class RoomPreview;
class QSocketNotifier;
struct HttpRequest;
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
        ItemsFailed = 5,     // a bulk job ended, and some of its items failed or are unknown
        Interrupted = 6,     // Ctrl+C paused the job: `jobs resume ID` continues it
    };

    explicit Cli(QObject *parent = nullptr);
    // Returns the exit code when the command ended without starting anything asynchronous
    // (usage errors, --help); -1 when it runs asynchronously (then finished() carries the code).
    int start(const QStringList &arguments);

    // The message for a rejected access token (HTTP 401 or M_UNKNOWN_TOKEN): the session expired
    // (soft logout) or was signed out.
    static QString sessionEndedMessage(const MatrixError &error);

    // One input line that cannot be used (a file of room or user IDs), for the usage error.
    struct BadLine
    {
        int line = 0; // 1-based
        QString text;
        QString reason;
    };
    // A file of room IDs, one per line; blank lines and lines starting with '#' are ignored,
    // repeats dropped. Every line is checked: *bad lists those that are not room IDs.
    static QStringList parseRoomList(const QString &text, QList<BadLine> *bad);
    // A list of user IDs: one per line, or CSV (',', ';' or tab separated, fields optionally in
    // double quotes): each line's first field that starts with '@'. A first line with several
    // fields and no user ID is a header. Blank and '#' lines are ignored. Repeats are dropped and
    // reported in *duplicates; lines without a valid user ID in *bad.
    static QStringList parseUserList(const QString &text, QList<BadLine> *bad,
                                     QList<BadLine> *duplicates);

signals:
    void finished(int exitCode);

private:
    int usageError(const QString &message, bool showUsage = false);
    // The accounts command: the saved sessions, no request sent.
    int listAccounts();
    void runCommand();
    void listRooms();
    void printRooms();
    void reportOperation(Operation *operation);
    void fail(const MatrixError &error, int exitCode);
    void printJson(const QJsonObject &object, bool indented = false);
    int readInputFile(const QString &path, QString *text);
    void failWith(const MatrixError &error);
    // Bulk commands and `jobs`.
    void runBulk();
    void collectRoomsThenRun();
    void fetchMembersThenRun();
    void runTargets(const QStringList &targets);
    QList<Operation::Description> describeItems(const QStringList &targets) const;
    void printDryRun(const QList<Operation::Description> &items);
    void runJobsCommand();
    void listJobs();
    void watchJob(Job *job);
    void announceAndWatch(Job *job); // "Job N started" (or its JSON line), then watchJob
    void reportItem(Job *job, int position);
    void reportJobEnd(Job *job);
    void installInterruptHandler();
    // directory and preview.
    void runDirectory();
    void printDirectory();
    void runPreview();
    void printPreview(const RoomPreview *preview);
    void onInterrupt();
    // Invite triage: invites, decline --from, ignore, unignore, ignored, block-invites.
    void listInvites();
    void runBlocking();
    // The end of a bulk command (decline --ignore then ignores the person).
    void endBulk(int status);
    // A bulk command with no item: the (JSON) summary of nothing, or why, then exit 0.
    void endWithNothingToDo(const QString &why);
    // members.
    void runMembers();
    // login --password, login --sso: keep the new session for later commands.
    void saveNewSession();
    // login --sso: prints the sign-in page's address and opens it in the browser.
    void openSignInPage(const QUrl &url);
    void runLogout();
    void printMembers();
    void reportSkipped(const QList<BadLine> &lines, const QString &why);
    // Plans over the joined rooms, prints the plan, then runs the job.
    void runBanEverywhere();
    void printBanPlan();
    // hierarchy SPACE; join --space; leave --space --with-rooms.
    void runSpaceCommand();
    void onHierarchyLoaded();
    // The join or leave job of a space command (nullptr with --dry-run): its dry run, or the
    // job started and watched.
    void startSpaceJob(const QList<Operation::Description> &items, Job *job);
    // After a /sync: the space that text (a room ID, an address or a name) names in the store,
    // or empty with *error set (none, not a space, not one you are in, or several).
    // joinedOnly: leave --space, only spaces you are in count (a room ID must be one of them).
    QString resolveSpace(const QString &text, bool joinedOnly, QString *error) const;

    AppServices *m_services = nullptr;
    QString m_command;
    QStringList m_args;
    Operation::Description m_action; // for join, leave, invite, forget: validated before sign-in
    QString m_membershipFilter;
    QString m_directoryServer; // directory --server
    QString m_searchTerm;      // directory --search
    bool m_json = false;
    bool m_passwordLogin = false;   // login --password
    bool m_ssoLogin = false;        // login --sso
    bool m_openBrowser = true;      // login --sso without --no-browser
    bool m_useSavedSession = false; // no token given: the keychain's session
    QString m_declineFrom;          // decline --from
    bool m_ignoreAfter = false;     // decline --ignore
    bool m_groupByServer = false;   // invites --by-server
    QString m_blockInvites;         // block-invites on|off|status
    // members: what the three reads answered.
    QJsonObject m_membersBody;
    QJsonObject m_levelsContent;
    QJsonObject m_createEvent;

    // Bulk: --all [--filter], --from-file, --users-from-file; jobs SUBCOMMAND [ID].
    bool m_bulk = false;
    bool m_all = false;
    bool m_dryRun = false;
    bool m_alsoForget = false;
    QString m_filter;
    QString m_reason;
    QString m_bulkUser;   // invite --all: whom to invite
    QString m_bulkRoom;   // invite --users-from-file: the room
    QStringList m_listed; // the room or user IDs read from the file
    QList<BadLine> m_skipped;
    QList<BadLine> m_duplicates;
    QString m_jobsAction; // "", "resume", "cancel", "retry"
    QString m_jobId;
    QPointer<Job> m_job;
    QList<int> m_reported; // by item: the state last reported
    QSocketNotifier *m_interruptNotifier = nullptr;
    bool m_interrupted = false;
    int m_uncheckedRooms = 0; // rooms whose check failed
    QString m_space;          // hierarchy SPACE, --space SPACE (ID, alias or name)
    QString m_spaceFilter;    // join --space --filter TEXT
    QString m_withRooms;      // leave --space --with-rooms all|none|ROOM,ROOM
    QString m_roomsSpace;     // rooms --space SPACE
    void printSpaces();       // spaces [--json]
    // leave --space --with-rooms ROOM,ROOM: the room IDs and addresses, checked and distinct.
    QStringList m_withRoomList;
    // leave ROOM --with-predecessors: the room (its older versions
    // the account is still in are found after one /sync and left in the same job).
    QString m_predecessorsOf;
    void runLeaveWithPredecessors();
};
