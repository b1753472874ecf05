#pragma once

// Layer store/: what Concierge keeps on disk for one account — the room inventory the list shows,
// the sync position, and each room's membership history — in SQLite through Qt SQL (WAL mode, a
// versioned schema with migrations). The access token is never stored here; it stays in the
// keychain. The bulk queue's journal (store/jobjournal.h) keeps its jobs in the same database
// (schema 3). Schema 4 adds spaces and direct chats to the rooms (and drops the sync position
// once, so that a full /sync fills them in).

#include "api/membership.h"
#include "store/roomsummary.h"

#include <QList>
#include <QString>

class AccountStore
{
public:
    static constexpr int SchemaVersion = 4;
    // How long a write waits for another connection's write (the writer thread, the queue's
    // journal) to end before it fails with "database is locked". SQLite in WAL mode allows one
    // writer at a time; readers never wait.
    static constexpr int DefaultBusyTimeoutMs = 5000;

    enum class OpenResult {
        Opened,          // an existing store, migrated if it was older
        Created,         // a new, empty store
        Recovered,       // the file was unusable: moved aside (see problem()), a new one created
        InMemory,        // the location cannot be written: this run keeps the store in memory
    };

    // One change of the account's own membership in a room.
    struct HistoryEntry
    {
        qint64 timestampMs = 0;
        Membership::Value membership = Membership::Leave;
        QString sender; // who made the change (e.g. who kicked us); empty when unknown
        QString reason;
        QString eventId; // identifies the change: recorded once however often it is seen
        bool operator==(const HistoryEntry &) const = default;
    };

    // connectionName: unique per open store (one Qt SQL connection each).
    explicit AccountStore(QString connectionName);
    ~AccountStore();
    AccountStore(const AccountStore &) = delete;
    AccountStore &operator=(const AccountStore &) = delete;

    // Opens (creating folders) or recovers the store at path. Never throws away a file: a corrupt
    // one, or one from a newer Concierge, is renamed "<path>.unusable-<time>" and kept.
    OpenResult open(const QString &path);
    bool isOpen() const;
    QString path() const { return m_path; }
    // The Qt SQL connection (QSqlDatabase::database(name)), for the journal that shares the file.
    QString connectionName() const { return m_connection; }
    // Takes effect at the next open(); tests shorten it.
    void setBusyTimeoutMs(int ms) { m_busyTimeoutMs = ms; }
    int busyTimeoutMs() const { return m_busyTimeoutMs; }
    // Why the store was recovered or kept in memory, for telling the user once; else empty.
    QString problem() const { return m_problem; }
    QString movedAsidePath() const { return m_movedAside; }

    // The room inventory, in no particular order.
    QList<RoomSummary> loadRooms() const;
    // Writes rooms (inserted or replaced) and the new sync position in one transaction: either
    // all of a sync is stored or none of it.
    bool saveSync(const QList<RoomSummary> &rooms, const QString &nextBatch);
    // A forgotten room: it and its history are gone. A bulk job's items that named it stay (they
    // are the job's report).
    bool removeRoom(const QString &roomId);
    QString nextBatch() const;
    int roomCount() const;

    bool appendHistory(const QString &roomId, const QList<HistoryEntry> &entries);
    // Oldest first.
    QList<HistoryEntry> history(const QString &roomId) const;

    void close();
    // Deletes the database and its WAL/SHM files (sign-out). The store must be closed.
    static bool destroy(const QString &path);
    // AppDataLocation/accounts/<sha-256 of homeserver and user ID>/store.sqlite: one database per
    // account (the same user ID on another server, e.g. a reset test server, is another account).
    static QString defaultPathFor(const QString &homeserver, const QString &userId);

private:
    bool openFile(const QString &path, QString *error);
    int schemaVersion() const;
    bool migrate(QString *error);
    bool moveAside(const QString &path, const QString &why);

    QString m_connection;
    QString m_path;
    QString m_problem;
    QString m_movedAside;
    int m_busyTimeoutMs = DefaultBusyTimeoutMs;
};
