#pragma once

#include "store/accountstore.h"

#include <QHash>
#include <QObject>
#include <QThread>
#include <functional>
#include <memory>

// Writes to an account's store on a thread of its own, in the order the writes were asked for, so
// that storing a large sync never holds up the UI thread. Reads (at launch, the history of one
// room) use an AccountStore of the reading thread: SQLite in WAL mode lets both work at once.
class StoreWriter : public QObject
{
    Q_OBJECT
public:
    explicit StoreWriter(QObject *parent = nullptr);
    ~StoreWriter() override; // finishes the queued writes, then closes

    // Each call is queued; none blocks the caller.
    void open(const QString &path);
    using HistoryByRoom = QHash<QString, QList<AccountStore::HistoryEntry>>;
    // findHistory runs on the writer thread too: scanning every event of a large sync for the
    // account's own membership changes takes tens of milliseconds, too long for the UI thread.
    // What it finds is stored, then reported by historyStored.
    void saveSync(const QList<RoomSummary> &rooms, const QString &nextBatch,
                  std::function<HistoryByRoom()> findHistory = {});
    void appendHistory(const QString &roomId, const QList<AccountStore::HistoryEntry> &entries);
    void removeRoom(const QString &roomId);
    void close();
    // Closes the store and deletes its files (sign-out).
    void closeAndDestroy();
    // Blocks until every write asked for so far is done (quitting, tests).
    void flush();

signals:
    // From the writer thread, delivered in the receiver's thread.
    void opened(AccountStore::OpenResult result, const QString &problem);
    void writeFailed(const QString &what);
    // Membership changes found by a saveSync's findHistory, once stored.
    void historyStored(const StoreWriter::HistoryByRoom &history);

private:
    QThread m_thread;
    QObject *m_worker; // lives in m_thread; owns the AccountStore
    std::shared_ptr<AccountStore> m_store;
};
