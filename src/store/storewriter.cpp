#include "store/storewriter.h"

#include <QAtomicInteger>
#include <QCoreApplication>

namespace {
QString nextConnectionName()
{
    static QAtomicInteger<int> counter;
    return QStringLiteral("concierge-writer-%1").arg(counter.fetchAndAddRelaxed(1));
}
} // namespace

StoreWriter::StoreWriter(QObject *parent)
    : QObject(parent), m_worker(new QObject), m_store(std::make_shared<AccountStore>(nextConnectionName()))
{
    m_thread.setObjectName(QStringLiteral("store-writer"));
    m_worker->moveToThread(&m_thread);
    connect(&m_thread, &QThread::finished, m_worker, &QObject::deleteLater);
    m_thread.start();
}

StoreWriter::~StoreWriter()
{
    // The store's SQL connection belongs to the writer thread: close it there.
    QMetaObject::invokeMethod(m_worker, [store = m_store] { store->close(); },
                              Qt::BlockingQueuedConnection);
    m_thread.quit();
    m_thread.wait();
}

void StoreWriter::open(const QString &path)
{
    QMetaObject::invokeMethod(m_worker, [this, store = m_store, path] {
        const AccountStore::OpenResult result = store->open(path);
        emit opened(result, store->problem());
    });
}

void StoreWriter::saveSync(const QList<RoomSummary> &rooms, const QString &nextBatch,
                           std::function<HistoryByRoom()> findHistory)
{
    QMetaObject::invokeMethod(m_worker, [this, store = m_store, rooms, nextBatch,
                                         findHistory = std::move(findHistory)]() mutable {
        if (!store->isOpen())
            return;
        // The history first, then let go of what findHistory holds (the sync response, shared
        // with nobody once the UI thread is done with it): the memory peak of a large first
        // sync is not prolonged by the SQL that follows.
        const HistoryByRoom history = findHistory ? findHistory() : HistoryByRoom();
        findHistory = nullptr;
        if (!store->saveSync(rooms, nextBatch))
            emit writeFailed(tr("Saving the room list failed."));
        bool stored = true;
        for (auto it = history.cbegin(); it != history.cend(); ++it)
            stored = store->appendHistory(it.key(), it.value()) && stored;
        if (!stored)
            emit writeFailed(tr("Saving a room's history failed."));
        if (!history.isEmpty())
            emit historyStored(history);
    });
}

void StoreWriter::appendHistory(const QString &roomId, const QList<AccountStore::HistoryEntry> &entries)
{
    QMetaObject::invokeMethod(m_worker, [this, store = m_store, roomId, entries] {
        if (store->isOpen() && !store->appendHistory(roomId, entries))
            emit writeFailed(tr("Saving a room's history failed."));
    });
}

void StoreWriter::removeRoom(const QString &roomId)
{
    QMetaObject::invokeMethod(m_worker, [this, store = m_store, roomId] {
        if (store->isOpen() && !store->removeRoom(roomId))
            emit writeFailed(tr("Removing a forgotten room from the saved list failed."));
    });
}

void StoreWriter::close()
{
    QMetaObject::invokeMethod(m_worker, [store = m_store] { store->close(); });
}

void StoreWriter::closeAndDestroy()
{
    QMetaObject::invokeMethod(m_worker, [this, store = m_store] {
        const QString path = store->path();
        store->close();
        if (!path.isEmpty() && !AccountStore::destroy(path))
            emit writeFailed(tr("The saved room list could not be deleted."));
    });
}

void StoreWriter::flush()
{
    QMetaObject::invokeMethod(m_worker, [] {}, Qt::BlockingQueuedConnection);
}
