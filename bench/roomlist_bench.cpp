// Room-list benchmark: how fast a large account's /sync becomes a sorted, filterable list, and
// what it costs in memory. Prints figures; asserts nothing about time (see README).
//
//   roomlist_bench [--rooms N] [--scaling] [--markdown FILE]
#include "models/roomlistmodel.h"
#include "sync/roomstore.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QElapsedTimer>
#include <QFile>
#include <QJsonDocument>
#include <QSysInfo>
#include <QThread>
#include <QTextStream>
#include <algorithm>
#include <cstdio>
#include <malloc.h>

namespace {
// Heap bytes in use (glibc): unlike RSS, it drops when memory is freed, so a before/after
// difference is what the loaded list really holds.
double heapBytes()
{
    const struct mallinfo2 mi = mallinfo2();
    return double(mi.uordblks + mi.hblkhd);
}

double rssMb()
{
    QFile status(QStringLiteral("/proc/self/status"));
    if (!status.open(QIODevice::ReadOnly))
        return -1;
    for (const QByteArray &line : status.readAll().split('\n'))
        if (line.startsWith("VmRSS:"))
            return line.mid(6).trimmed().split(' ').first().toDouble() / 1024.0;
    return -1;
}

const char *const Words[] = {"design", "rust", "matrix", "general", "random", "project", "team",
                             "books",  "music", "travel", "garden", "linux",  "coffee", "games",
                             "photos", "news",  "support", "dev",   "ops",    "infra"};

QByteArray memberEvent(int room, int member)
{
    return QByteArrayLiteral(R"({"type":"m.room.member","state_key":"@user)") +
           QByteArray::number(member) + QByteArrayLiteral(R"(:example.org","sender":"@user)") +
           QByteArray::number(member) +
           QByteArrayLiteral(R"(:example.org","event_id":"$m)") + QByteArray::number(room) + '_' +
           QByteArray::number(member) +
           QByteArrayLiteral(R"(","origin_server_ts":1700000000000,"content":{"membership":"join","displayname":"User )") +
           QByteArray::number(member) + QByteArrayLiteral(R"("}})");
}

QByteArray stateEvent(const char *type, const QByteArray &content, int room, int n)
{
    return QByteArrayLiteral(R"({"type":")") + type +
           QByteArrayLiteral(R"(","state_key":"","sender":"@user1:example.org","event_id":"$s)") +
           QByteArray::number(room) + '_' + QByteArray::number(n) +
           QByteArrayLiteral(R"(","origin_server_ts":1700000000000,"content":)") + content + '}';
}

QByteArray roomName(int i)
{
    return QByteArray(Words[i % 20]) + ' ' + Words[(i / 20) % 20] + ' ' + QByteArray::number(i);
}

// A /sync response shaped like Synapse's with our filter: ~80 % joined, ~15 % invites, ~5 % left;
// names, aliases, topics, avatars, member counts, heroes and lazy-loaded member events.
QByteArray syncPayload(int rooms)
{
    QByteArray join, invite, leave;
    for (int i = 0; i < rooms; ++i) {
        const QByteArray id = "!room" + QByteArray::number(i) + "abcdefghij:example.org";
        const QByteArray name = roomName(i);
        QByteArray alias = name;
        alias.replace(' ', '-');
        const int bucket = i % 20;
        if (bucket < 3) { // invites
            QByteArray events = stateEvent("m.room.name", R"({"name":")" + name + "\"}", i, 0) + ',' +
                                stateEvent("m.room.canonical_alias", R"({"alias":"#)" + alias + R"(:example.org"})", i, 1) + ',' +
                                stateEvent("m.room.avatar", R"({"url":"mxc://example.org/Av)" + QByteArray::number(i) + "\"}", i, 2) + ',' +
                                memberEvent(i, 7) + ',' +
                                R"({"type":"m.room.member","state_key":"@me:example.org","sender":"@user7:example.org","content":{"membership":"invite"}})";
            invite += (invite.isEmpty() ? "" : ",") + ('"' + id + R"(":{"invite_state":{"events":[)" + events + "]}}");
            continue;
        }
        QByteArray state = stateEvent("m.room.create", R"({"creator":"@user1:example.org","room_version":"10"})", i, 0) + ',' +
                           stateEvent("m.room.name", R"({"name":")" + name + "\"}", i, 1) + ',' +
                           stateEvent("m.room.canonical_alias", R"({"alias":"#)" + alias + R"(:example.org"})", i, 2) + ',' +
                           stateEvent("m.room.topic", R"({"topic":"All about )" + name + R"(, and a bit more text to make topics realistic."})", i, 3) + ',' +
                           stateEvent("m.room.join_rules", R"({"join_rule":"public"})", i, 4);
        if (i % 3 == 0)
            state += ',' + stateEvent("m.room.avatar", R"({"url":"mxc://example.org/Av)" + QByteArray::number(i) + "\"}", i, 5);
        for (int m = 1; m <= 3; ++m)
            state += ',' + memberEvent(i, i % 50 + m);
        const QByteArray summary = R"({"m.heroes":["@user)" + QByteArray::number(i % 50 + 1) +
                                   R"(:example.org","@user)" + QByteArray::number(i % 50 + 2) +
                                   R"(:example.org"],"m.joined_member_count":)" +
                                   QByteArray::number(2 + i % 500) + R"(,"m.invited_member_count":)" +
                                   QByteArray::number(i % 4) + '}';
        const QByteArray timeline = R"({"events":[{"type":"m.room.message","sender":"@user2:example.org","event_id":"$t)" +
                                    QByteArray::number(i) + R"(","origin_server_ts":1700000000000,"content":{"msgtype":"m.text","body":"hello"}}],"limited":true,"prev_batch":"p)" +
                                    QByteArray::number(i) + "\"}";
        const QByteArray room = '"' + id + R"(":{"summary":)" + summary + R"(,"state":{"events":[)" +
                                state + R"(]},"timeline":)" + timeline +
                                R"(,"ephemeral":{"events":[]},"account_data":{"events":[]},"unread_notifications":{"highlight_count":0,"notification_count":0}})";
        QByteArray &section = bucket == 19 ? leave : join;
        section += (section.isEmpty() ? "" : ",") + room;
    }
    return R"({"next_batch":"s1","rooms":{"join":{)" + join + R"(},"invite":{)" + invite +
           R"(},"leave":{)" + leave + "}}}";
}

QByteArray incrementalPayload(int rooms, int touched)
{
    QByteArray join;
    for (int k = 0; k < touched; ++k) {
        const int i = (k * 37) % rooms;
        if (i % 20 < 3 || i % 20 == 19)
            continue; // only joined rooms get timeline updates
        const QByteArray id = "!room" + QByteArray::number(i) + "abcdefghij:example.org";
        join += (join.isEmpty() ? "" : ",") + ('"' + id + R"(":{"timeline":{"events":[)" +
                stateEvent("m.room.name", R"({"name":"Renamed )" + QByteArray::number(i) + "\"}", i, 99) +
                R"(]},"summary":{"m.joined_member_count":)" + QByteArray::number(3 + i % 500) + "}}");
    }
    return R"({"next_batch":"s2","rooms":{"join":{)" + join + "}}}";
}

double median(QList<double> v)
{
    std::sort(v.begin(), v.end());
    return v.isEmpty() ? 0 : v.at(v.size() / 2);
}

double percentile(QList<double> v, double p)
{
    std::sort(v.begin(), v.end());
    if (v.isEmpty())
        return 0;
    const qsizetype idx = std::min<qsizetype>(v.size() - 1, qsizetype(p * double(v.size())));
    return v.at(idx);
}

struct Figures
{
    int rooms = 0;
    double payloadMb = 0;
    double parseMs = 0;
    double ingestMs = 0;
    double rssMb = 0;
    double bytesPerRoom = 0;
    double filterP50 = 0, filterP95 = 0, filterP99 = 0;
    double incrementalMs = 0;
};

Figures run(int rooms)
{
    Figures f;
    f.rooms = rooms;
    const QByteArray payload = syncPayload(rooms);
    f.payloadMb = double(payload.size()) / (1024.0 * 1024.0);

    // Parse floor and ingest alternate, so both meet the allocator in the same state.
    QList<double> parse, ingest;
    for (int i = 0; i < 5; ++i) {
        {
            QElapsedTimer t;
            t.start();
            const QJsonDocument doc = QJsonDocument::fromJson(payload);
            parse << double(t.nsecsElapsed()) / 1e6;
            if (!doc.isObject())
                qFatal("generated payload is not JSON");
        }
        RoomStore store;
        store.setOwnUserId(QStringLiteral("@me:example.org"));
        RoomListModel model(&store);
        RoomFilterProxy proxy;
        proxy.setSourceModel(&model);
        QElapsedTimer t;
        t.start();
        const QJsonDocument doc = QJsonDocument::fromJson(payload);
        store.applySync(doc.object());
        if (proxy.rowCount() != rooms) // the list is ready: sorted, every row mapped
            qFatal("expected %d rows, got %d", rooms, proxy.rowCount());
        // The response is released after the list is ready, off the critical path (as in the
        // parse floor, which does not time the document's destruction either).
        ingest << double(t.nsecsElapsed()) / 1e6;
    }
    f.parseMs = median(parse);
    f.ingestMs = median(ingest);

    // Memory: what the loaded list costs once the response itself is gone.
    const double before = heapBytes();
    auto store = std::make_unique<RoomStore>();
    store->setOwnUserId(QStringLiteral("@me:example.org"));
    auto model = std::make_unique<RoomListModel>(store.get());
    auto proxy = std::make_unique<RoomFilterProxy>();
    proxy->setSourceModel(model.get());
    store->applySync(QJsonDocument::fromJson(payload).object());
    f.rssMb = rssMb();
    f.bytesPerRoom = (heapBytes() - before) / rooms;

    // 200 keystrokes: type queries letter by letter, then erase them.
    const QStringList queries{QStringLiteral("design team 12"), QStringLiteral("#rust"),
                              QStringLiteral("coffee"), QStringLiteral("!room42"),
                              QStringLiteral("zzz no match"), QStringLiteral("linux ops")};
    QList<double> keystrokes;
    for (int q = 0; keystrokes.size() < 200; ++q) {
        const QString query = queries.at(q % queries.size());
        for (int len = 1; len <= query.size() && keystrokes.size() < 200; ++len) {
            QElapsedTimer t;
            t.start();
            proxy->setFilterText(query.left(len));
            keystrokes << double(t.nsecsElapsed()) / 1e6;
        }
        for (int len = int(query.size()) - 1; len >= 0 && keystrokes.size() < 200; --len) {
            QElapsedTimer t;
            t.start();
            proxy->setFilterText(query.left(len));
            keystrokes << double(t.nsecsElapsed()) / 1e6;
        }
    }
    f.filterP50 = percentile(keystrokes, 0.50);
    f.filterP95 = percentile(keystrokes, 0.95);
    f.filterP99 = percentile(keystrokes, 0.99);
    proxy->setFilterText(QString());

    const QByteArray incremental = incrementalPayload(rooms, 100);
    QElapsedTimer t;
    t.start();
    const int changed = store->applySync(QJsonDocument::fromJson(incremental).object());
    f.incrementalMs = double(t.nsecsElapsed()) / 1e6;
    if (changed == 0)
        qFatal("incremental sync changed nothing");
    return f;
}
} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral("Concierge room-list benchmark"));
    parser.addHelpOption();
    const QCommandLineOption roomsOpt(QStringLiteral("rooms"), QStringLiteral("Rooms (default 5000)."),
                                      QStringLiteral("n"), QStringLiteral("5000"));
    const QCommandLineOption scalingOpt(QStringLiteral("scaling"),
                                        QStringLiteral("Also run 1,000 and 20,000 rooms."));
    const QCommandLineOption markdownOpt(QStringLiteral("markdown"),
                                         QStringLiteral("Write a markdown table to FILE."),
                                         QStringLiteral("file"));
    const QCommandLineOption dumpOpt(QStringLiteral("dump-sync"),
                                     QStringLiteral("Write the generated /sync response to FILE and exit."),
                                     QStringLiteral("file"));
    parser.addOptions({roomsOpt, scalingOpt, markdownOpt, dumpOpt});
    parser.process(app);
    if (parser.isSet(dumpOpt)) {
        QFile out(parser.value(dumpOpt));
        if (!out.open(QIODevice::WriteOnly))
            qFatal("cannot write %s", qPrintable(out.fileName()));
        out.write(syncPayload(parser.value(roomsOpt).toInt()));
        return 0;
    }

    QList<int> sizes{parser.value(roomsOpt).toInt()};
    if (parser.isSet(scalingOpt))
        sizes = {1000, 5000, 20000};

    QString table;
    QTextStream md(&table);
    md << "| rooms | payload MB | parse_ms | ingest_ms | ingest/parse | rss_mb | heap bytes/room | "
          "filter p50 / p95 / p99 ms | incremental_ms (100 rooms) |\n"
       << "|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n";
    for (int n : sizes) {
        const Figures f = run(n);
        std::printf("rooms=%d payload_mb=%.1f parse_ms=%.1f ingest_ms=%.1f ratio=%.2f rss_mb=%.1f "
                    "bytes_per_room=%.0f filter_p50_ms=%.3f filter_p95_ms=%.3f filter_p99_ms=%.3f "
                    "incremental_ms=%.2f\n",
                    f.rooms, f.payloadMb, f.parseMs, f.ingestMs, f.ingestMs / f.parseMs, f.rssMb,
                    f.bytesPerRoom, f.filterP50, f.filterP95, f.filterP99, f.incrementalMs);
        std::fflush(stdout);
        md << "| " << f.rooms << " | " << QString::number(f.payloadMb, 'f', 1) << " | "
           << QString::number(f.parseMs, 'f', 1) << " | " << QString::number(f.ingestMs, 'f', 1)
           << " | " << QString::number(f.ingestMs / f.parseMs, 'f', 2) << " | "
           << QString::number(f.rssMb, 'f', 1) << " | " << QString::number(f.bytesPerRoom, 'f', 0)
           << " | " << QString::number(f.filterP50, 'f', 2) << " / "
           << QString::number(f.filterP95, 'f', 2) << " / " << QString::number(f.filterP99, 'f', 2)
           << " | " << QString::number(f.incrementalMs, 'f', 2) << " |\n";
    }
    md.flush();
    if (parser.isSet(markdownOpt)) {
        QFile out(parser.value(markdownOpt));
        if (!out.open(QIODevice::WriteOnly))
            qFatal("cannot write %s", qPrintable(out.fileName()));
        out.write(table.toUtf8());
    }
    std::printf("\n%s", qPrintable(table));
    std::printf("machine: %s, %s, %d cores\n", qPrintable(QSysInfo::prettyProductName()),
                qPrintable(QSysInfo::currentCpuArchitecture()), QThread::idealThreadCount());
    return 0;
}
