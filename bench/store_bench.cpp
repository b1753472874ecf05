// Account-store benchmark (issue 10): what a relaunch from the store costs. Reads a generated
// /sync response (roomlist_bench --dump-sync FILE), stores it, then measures what the app does at
// the next launch: open the store, load every room, and have the sorted list model ready.
// Prints figures; asserts nothing about time (see README).
//
//   store_bench --sync FILE [--runs N]
#include "models/roomlistmodel.h"
#include "store/accountstore.h"
#include "sync/roomstore.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>
#include <QJsonDocument>
#include <QTemporaryDir>
#include <algorithm>
#include <cstdio>
#include <malloc.h>

namespace {
double peakRssMb()
{
    QFile status(QStringLiteral("/proc/self/status"));
    if (!status.open(QIODevice::ReadOnly))
        return -1;
    for (const QByteArray &line : status.readAll().split('\n'))
        if (line.startsWith("VmHWM:"))
            return line.mid(6).trimmed().split(' ').first().toDouble() / 1024.0;
    return -1;
}

// Returns freed memory to the system and restarts the high-water mark (Linux >= 4.0), so that
// the relaunch's peak is not the write phase's.
void resetPeakRss()
{
    malloc_trim(0);
    QFile clearRefs(QStringLiteral("/proc/self/clear_refs"));
    if (!clearRefs.open(QIODevice::WriteOnly) || clearRefs.write("5") != 1)
        qWarning("cannot reset the peak RSS: it includes writing the store");
}

double median(QList<double> v)
{
    std::sort(v.begin(), v.end());
    return v.isEmpty() ? 0 : v.at(v.size() / 2);
}
} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral("Concierge account-store benchmark"));
    parser.addHelpOption();
    const QCommandLineOption syncOpt(
        QStringLiteral("sync"), QStringLiteral("A /sync response (JSON)."), QStringLiteral("file"));
    const QCommandLineOption runsOpt(QStringLiteral("runs"),
                                     QStringLiteral("Relaunches to time (default 5)."),
                                     QStringLiteral("n"), QStringLiteral("5"));
    parser.addOptions({syncOpt, runsOpt});
    parser.process(app);
    QFile in(parser.value(syncOpt));
    if (!in.open(QIODevice::ReadOnly))
        qFatal("cannot read %s", qPrintable(in.fileName()));
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("store.sqlite"));
    int rooms = 0;
    double saveMs = 0;
    {
        RoomStore store;
        store.setOwnUserId(QStringLiteral("@me:example.org"));
        store.applySync(QJsonDocument::fromJson(in.readAll()).object());
        rooms = store.size();
        QList<RoomSummary> all;
        for (int i = 0; i < store.size(); ++i)
            all << store.at(i);
        AccountStore disk(QStringLiteral("bench-write"));
        disk.open(path);
        QElapsedTimer t;
        t.start();
        disk.saveSync(all, QStringLiteral("s1"));
        saveMs = t.nsecsElapsed() / 1e6;
    }
    const qint64 bytes = QFileInfo(path).size() + QFileInfo(path + QStringLiteral("-wal")).size();
    resetPeakRss(); // the response and the writing store are gone

    // A relaunch: open, load, restore into the room store, sorted list ready.
    QList<double> loadMs;
    const int runs = parser.value(runsOpt).toInt();
    for (int r = 0; r < runs; ++r) {
        QElapsedTimer t;
        t.start();
        AccountStore disk(QStringLiteral("bench-read-%1").arg(r));
        disk.open(path);
        RoomStore store;
        RoomListModel model(&store);
        RoomFilterProxy proxy;
        proxy.setSourceModel(&model);
        store.restore(disk.loadRooms());
        const QString since = disk.nextBatch();
        if (proxy.rowCount() != rooms || since.isEmpty())
            qFatal("restored %d of %d rooms", proxy.rowCount(), rooms);
        loadMs << t.nsecsElapsed() / 1e6;
    }
    std::printf("rooms=%d save_ms=%.1f store_bytes_per_room=%.0f relaunch_to_sorted_list_ms=%.1f "
                "(median of %d; min %.1f) relaunch_peak_rss_mb=%.1f (VmHWM)\n",
                rooms, saveMs, double(bytes) / rooms, median(loadMs), runs,
                *std::min_element(loadMs.begin(), loadMs.end()), peakRssMb());
    return 0;
}
