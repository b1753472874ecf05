// Room-list benchmark: how fast a large account's /sync becomes a sorted, filterable list, what
// it costs in memory, how fast the filter answers keystrokes and an incremental sync of 100 rooms
// is applied. The generated /sync is calibrated against a real Synapse's (bytes a room printed
// beside Synapse's). Prints figures; asserts nothing about time (see README), but stops if the
// list it measures is wrong.
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
#include <QTextStream>
#include <QThread>
#include <algorithm>
#include <cstdio>
#include <ctime>
#include <malloc.h>

namespace {
// Heap bytes in use (glibc): unlike RSS, it drops when memory is freed, so a before/after
// difference is what the loaded list really holds.
double heapBytes()
{
    const struct mallinfo2 mi = mallinfo2();
    return double(mi.uordblks + mi.hblkhd);
}

// Peak resident set size since the last resetPeakRss() (VmHWM), in MB: the high-water mark,
// not a sample taken after the peak has passed.
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

// Returns freed memory to the system and restarts the high-water mark (Linux >= 4.0).
void resetPeakRss()
{
    malloc_trim(0);
    QFile clearRefs(QStringLiteral("/proc/self/clear_refs"));
    if (!clearRefs.open(QIODevice::WriteOnly) || clearRefs.write("5") != 1)
        qWarning("cannot reset the peak RSS: figures include earlier runs");
}

const char *const Words[] = {"design", "rust",  "matrix",  "general", "random", "project", "team",
                             "books",  "music", "travel",  "garden",  "linux",  "coffee",  "games",
                             "photos", "news",  "support", "dev",     "ops",    "infra"};

// Deterministic pseudo-random text, so IDs look like Synapse's (no pattern a filter could use).
quint64 mix(quint64 x)
{
    x += 0x9e3779b97f4a7c15ULL;
    x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9ULL;
    x = (x ^ (x >> 27)) * 0x94d049bb133111ebULL;
    return x ^ (x >> 31);
}

QByteArray randomText(quint64 seed, int length, bool base64)
{
    static const char alphabet[] =
        "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
    QByteArray out(length, Qt::Uninitialized);
    quint64 bits = mix(seed);
    for (int i = 0; i < length; ++i) {
        if (i % 10 == 9)
            bits = mix(bits + quint64(i));
        out[i] = alphabet[(bits >> (6 * (i % 10))) % (base64 ? 64 : 52)];
    }
    return out;
}

QByteArray roomIdOf(int room)
{
    return '!' + randomText(quint64(room) * 7919 + 1, 18, false) + ":example.org";
}
QByteArray eventId(int room, int n) // room versions 4+: "$" and 43 URL-safe base64 characters
{
    return '$' + randomText(quint64(room) * 1000003 + quint64(n) * 7 + 2, 43, true);
}
QByteArray userId(int member)
{
    return "@user" + QByteArray::number(member) + ":example.org";
}
QByteArray number(qint64 n)
{
    return QByteArray::number(n);
}

QByteArray roomName(int i)
{
    return QByteArray(Words[i % 20]) + ' ' + Words[(i / 20) % 20] + ' ' + QByteArray::number(i);
}
QByteArray aliasOf(int i)
{
    QByteArray alias = roomName(i);
    alias.replace(' ', '-');
    return '#' + alias + ":example.org";
}

constexpr qint64 Now = 1796021645000;

// One event as Synapse serialises it in /sync: keys sorted, event_id, origin_server_ts, sender,
// state_key for state, unsigned.age (and unsigned.membership in timelines, MSC4115).
QByteArray event(const QByteArray &type, const QByteArray &stateKey, const QByteArray &sender,
                 const QByteArray &content, int room, int n, bool timeline,
                 const QByteArray &extraUnsigned = {})
{
    const qint64 age = 60000 + qint64(mix(quint64(room * 31 + n)) % 900000000);
    QByteArray e = R"({"content":)" + content + R"(,"event_id":")" + eventId(room, n) +
                   R"(","origin_server_ts":)" + number(Now - age) + R"(,"sender":")" + sender + '"';
    if (!stateKey.isNull())
        e += R"(,"state_key":")" + stateKey + '"';
    e += R"(,"type":")" + type + R"(","unsigned":{"age":)" + number(age);
    if (timeline)
        e += R"(,"membership":"join")";
    return e + extraUnsigned + "}}";
}
QByteArray state(const QByteArray &type, const QByteArray &sender, const QByteArray &content,
                 int room, int n)
{
    return event(type, "", sender, content, room, n, false);
}
QByteArray member(int room, int n, int who, const char *membership, bool timeline = false)
{
    return event("m.room.member", userId(who), userId(who),
                 R"({"displayname":"User )" + number(who) + R"(","membership":")" + membership +
                     "\"}",
                 room, n, timeline);
}
QByteArray powerLevels(int creator)
{
    return R"({"ban":50,"events":{"m.room.avatar":50,"m.room.canonical_alias":50,)"
           R"("m.room.encryption":100,"m.room.history_visibility":100,"m.room.name":50,)"
           R"("m.room.power_levels":100,"m.room.server_acl":100,"m.room.tombstone":150},)"
           R"("events_default":0,"historical":100,"invite":0,"kick":50,"redact":50,)"
           R"("state_default":50,"users":{")" +
           userId(creator) + R"(":100},"users_default":0})";
}
QByteArray topicContent(const QByteArray &topic)
{
    return R"({"m.topic":{"m.text":[{"body":")" + topic + R"("}]},"topic":")" + topic + "\"}";
}
QByteArray message(int room, int n, int sender)
{
    static const char *const bodies[] = {"hello", "Has anyone tried the new release yet?",
                                         "ok, merged", "See you tomorrow at the meeting :)",
                                         "thanks!"};
    return event("m.room.message", QByteArray(), userId(sender),
                 R"({"body":")" + QByteArray(bodies[(room + n) % 5]) + R"(","msgtype":"m.text"})",
                 room, n, true);
}

// A /sync response shaped like Synapse's answer to the app's filter (lazy-loaded members,
// timeline limit 1), calibrated against a real Synapse 1.163 initial sync of a 1,000-room account
// (bench/results.md): ~80 % joined, ~15 % invites, ~5 % left. Joined rooms: create, join rules,
// history visibility, guest access (half), power levels, name, alias, topic, avatar (a third),
// the member event of the last message's sender (and of the heroes of unnamed rooms); the last
// message; summary, unread counts, empty ephemeral and account data. Invites: stripped state.
// Left rooms: our leave in the timeline, with prev_content and replaces_state.
QByteArray syncPayload(int rooms)
{
    QByteArray join, invite, leave;
    for (int i = 0; i < rooms; ++i) {
        const QByteArray id = roomIdOf(i);
        const int bucket = i % 20;
        const int creator = i % 50 + 1;
        const int speaker = i % 50 + 2;
        const bool unnamed = bucket == 4 || bucket == 11; // DMs and small groups: heroes
        if (bucket < 3) {                                 // invites: stripped state only
            const auto stripped = [](const QByteArray &type, const QByteArray &stateKey,
                                     const QByteArray &sender, const QByteArray &content) {
                return R"({"content":)" + content + R"(,"sender":")" + sender +
                       R"(","state_key":")" + stateKey + R"(","type":")" + type + "\"}";
            };
            const QByteArray inviter = userId(creator);
            QByteArray events =
                stripped("m.room.create", "", inviter, R"({"room_version":"10"})") + ',' +
                stripped("m.room.join_rules", "", inviter, R"({"join_rule":"invite"})") + ',' +
                stripped("m.room.canonical_alias", "", inviter,
                         R"({"alias":")" + aliasOf(i) + "\"}") +
                ',' + stripped("m.room.name", "", inviter, R"({"name":")" + roomName(i) + "\"}") +
                ',' + stripped("m.room.topic", "", inviter, topicContent("About " + roomName(i))) +
                ',' +
                stripped("m.room.member", inviter, inviter,
                         R"({"displayname":"User )" + number(creator) +
                             R"(","membership":"join"})") +
                ',' +
                stripped("m.room.member", "@me:example.org", inviter,
                         R"({"displayname":"Me","membership":"invite"})");
            if (i % 3 == 0)
                events += ',' + stripped("m.room.avatar", "", inviter,
                                         R"({"url":"mxc://example.org/)" +
                                             randomText(quint64(i), 24, false) + "\"}");
            invite += (invite.isEmpty() ? "" : ",") +
                      ('"' + id + R"(":{"invite_state":{"events":[)" + events + "]}}");
            continue;
        }
        const QByteArray owner = userId(creator);
        QByteArray st =
            state("m.room.create", owner, R"({"creator":")" + owner + R"(","room_version":"10"})",
                  i, 0) +
            ',' +
            state("m.room.join_rules", owner,
                  i % 4 ? R"({"join_rule":"invite"})" : R"({"join_rule":"public"})", i, 1) +
            ',' +
            state("m.room.history_visibility", owner, R"({"history_visibility":"shared"})", i, 2) +
            ',' + state("m.room.power_levels", owner, powerLevels(creator), i, 3);
        if (i % 2)
            st += ',' + state("m.room.guest_access", owner, R"({"guest_access":"can_join"})", i, 4);
        if (!unnamed) {
            st +=
                ',' + state("m.room.name", owner, R"({"name":")" + roomName(i) + "\"}", i, 5) +
                ',' +
                state("m.room.canonical_alias", owner, R"({"alias":")" + aliasOf(i) + "\"}", i, 6) +
                ',' +
                state("m.room.topic", owner,
                      topicContent("All about " + roomName(i) + ", and a bit more"), i, 7);
        }
        if (i % 3 == 0)
            st += ',' +
                  state("m.room.avatar", owner,
                        R"({"url":"mxc://example.org/)" + randomText(quint64(i), 24, false) + "\"}",
                        i, 8);
        QByteArray summary = "{";
        if (unnamed) { // Synapse sends heroes only when the room has neither name nor alias
            summary +=
                R"("m.heroes":[")" + userId(speaker) + R"(",")" + userId(speaker + 1) + R"("],)";
            st += ',' + member(i, 10, speaker + 1, "join");
        }
        summary += R"("m.invited_member_count":)" + number(i % 4) + R"(,"m.joined_member_count":)" +
                   number(2 + i % 500) + '}';
        QByteArray timeline;
        if (bucket == 19) { // a room we left: our leave is the last event
            st += ',' + member(i, 11, speaker, "join");
            timeline = event("m.room.member", "@me:example.org", "@me:example.org",
                             R"({"membership":"leave"})", i, 20, true,
                             R"(,"prev_content":{"displayname":"Me","membership":"join"},)"
                             R"("prev_sender":"@me:example.org","replaces_state":")" +
                                 eventId(i, 21) + '"');
        } else {
            st += ',' + member(i, 11, speaker, "join");
            timeline = message(i, 20, speaker);
        }
        QByteArray room = '"' + id + R"(":{"account_data":{"events":[]},)";
        if (bucket != 19)
            room += R"("ephemeral":{"events":[]},)";
        room += R"("state":{"events":[)" + st + "]}";
        if (bucket != 19) // Synapse sends no summary for a room we left
            room += R"(,"summary":)" + summary;
        room += R"(,"timeline":{"events":[)" + timeline + R"(],"limited":true,"prev_batch":"s)" +
                number(1930 + i) + R"(_1_0_1_1_1_1_3_0_1_1_1_1_1"})";
        if (bucket != 19)
            room += R"(,"unread_notifications":{"highlight_count":0,"notification_count":)" +
                    number(i % 7) + '}';
        room += '}';
        QByteArray &section = bucket == 19 ? leave : join;
        section += (section.isEmpty() ? "" : ",") + room;
    }
    return R"({"device_one_time_keys_count":{"signed_curve25519":0},)"
           R"("device_unused_fallback_key_types":[],"next_batch":"s9201_1_0_1_1_1_1_3_0_1_1_1_1_1",)"
           R"("rooms":{"invite":{)" +
           invite + R"(},"join":{)" + join + R"(},"leave":{)" + leave + "}}}";
}

bool isJoined(int room)
{
    const int bucket = room % 20;
    return bucket >= 3 && bucket != 19;
}

// An incremental /sync in which `touched` distinct joined rooms change, each in one of four ways
// the list shows: a rename (moves the row), a new member (count), a topic change and messages,
// or messages only. `round` makes each response different (new names, new event IDs).
QByteArray incrementalPayload(int rooms, int touched, int round)
{
    QList<int> joined;
    for (int i = 0; i < rooms; ++i)
        if (isJoined(i))
            joined << i;
    QByteArray join;
    const int stride = std::max(1, int(joined.size()) / touched);
    for (int k = 0; k < touched && k < joined.size(); ++k) {
        const int i = joined.at((k * stride + round * 7) % joined.size());
        const int n = 1000 + round * 100;
        const int speaker = i % 50 + 2;
        QByteArray tl;
        QByteArray st;
        QByteArray summary;
        switch (k % 4) {
        case 0: // renamed
            tl = state("m.room.name", userId(i % 50 + 1),
                       R"({"name":")" + QByteArray(Words[(i + round + 7) % 20]) + " renamed " +
                           number(i) + '_' + number(round) + "\"}",
                       i, n) +
                 ',' + message(i, n + 1, speaker);
            break;
        case 1: // someone joined
            tl = member(i, n, 500 + round * 100 + k, "join", true) + ',' +
                 message(i, n + 1, speaker);
            st = member(i, n + 2, speaker, "join");
            summary = R"(,"summary":{"m.joined_member_count":)" + number(3 + i % 500 + round) + '}';
            break;
        case 2: // topic changed, then talk
            tl = state("m.room.topic", userId(speaker), topicContent("New topic " + number(round)),
                       i, n) +
                 ',' + message(i, n + 1, speaker) + ',' + message(i, n + 2, speaker + 1);
            break;
        default: // messages only
            tl = message(i, n, speaker) + ',' + message(i, n + 1, speaker + 1) + ',' +
                 message(i, n + 2, speaker);
            break;
        }
        join += (join.isEmpty() ? "" : ",") +
                ('"' + roomIdOf(i) +
                 R"(":{"account_data":{"events":[]},"ephemeral":{"events":[]},)"
                 R"("state":{"events":[)" +
                 st + R"(]})" + summary + R"(,"timeline":{"events":[)" + tl +
                 R"(],"limited":false,"prev_batch":"s)" + number(9201 + round) +
                 R"(_1_0_1_1_1_1_3_0_1_1_1_1_1"},"unread_notifications":{"highlight_count":0,)"
                 R"("notification_count":1}})");
    }
    return R"({"next_batch":"s)" + number(9300 + round) +
           R"(_1_0_1_1_1_1_3_0_1_1_1_1_1","rooms":{"join":{)" + join + "}}}";
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

// CPU time of this thread, in ms: on a shared machine the wall clock also counts the time other
// processes had the core; both are reported.
double threadCpuMs()
{
    timespec ts{};
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
    return double(ts.tv_sec) * 1e3 + double(ts.tv_nsec) / 1e6;
}

// The bytes a room of a real Synapse 1.163 initial /sync with the app's filter, 1,000-room
// account (bench/sliding_sync_probe.py, bench/results.md): 2,559,452-2,567,102 bytes.
constexpr double SynapseBytesPerRoom = 2563;

// What a user types into the filter field: names from the start, words, alias-style text, a
// room number, a typo, room-ID prefixes and text that matches nothing. Each is typed a letter
// at a time, then erased a letter at a time down to the empty field.
QStringList typedTerms(int rooms)
{
    QStringList terms;
    for (int k = 0; terms.size() < 60; ++k) {
        const int i = int((quint64(k) * 7919) % quint64(rooms));
        switch (k % 8) {
        case 0:
            terms << QString::fromUtf8(roomName(i));
            break;
        case 1:
            terms << QString::fromUtf8(Words[k % 20]);
            break;
        case 2:
            terms << QString::fromUtf8(aliasOf(i).left(14));
            break;
        case 3:
            terms << QString::number(i);
            break;
        case 4:
            terms << QString::fromUtf8(Words[(k + 3) % 20]) + QLatin1Char(' ') +
                         QString::fromUtf8(Words[(k + 5) % 20]);
            break;
        case 5:
            terms << QString::fromUtf8(roomIdOf(i).left(7));
            break;
        case 6:
            terms << QStringLiteral("desing");
            break; // a typo: narrows to nothing
        default:
            terms << QString::fromUtf8(roomName(i)).toUpper();
            break;
        }
    }
    return terms;
}

// The rows of a proxy, by room ID, in order.
QStringList rowsOf(const RoomFilterProxy &proxy)
{
    QStringList ids;
    for (int row = 0; row < proxy.rowCount(); ++row)
        ids << proxy.data(proxy.index(row, 0), RoomListModel::RoomIdRole).toString();
    return ids;
}

struct Figures
{
    int rooms = 0;
    double payloadMb = 0;
    double bytesPerRoom = 0;
    double parseMs = 0;
    double ingestMs = 0;
    double peakRssMb = 0;
    double heapPerRoom = 0;
    int keystrokes = 0;
    double filterP50 = 0, filterP95 = 0, filterP99 = 0, filterMax = 0, filterCpuP99 = 0;
    double incrementalMs = 0, incrementalMax = 0;
    int incrementalRooms = 0;
};

Figures run(int rooms)
{
    resetPeakRss();
    Figures f;
    f.rooms = rooms;
    const QByteArray payload = syncPayload(rooms);
    f.payloadMb = double(payload.size()) / (1024.0 * 1024.0);
    f.bytesPerRoom = double(payload.size()) / rooms;

    // The answer as the app receives it: in a buffer with room for the parser's read-ahead
    // (ApiCall reserves it), so SyncResponse reads it where it is.
    QByteArray received;
    received.reserve(payload.size() + 64);
    received.append(payload);

    // Parse floor and ingest alternate, so both meet the allocator in the same state. Both
    // include releasing the parsed response: the app frees it before the list is done. The
    // parse floor is what the app does before the room store runs (SyncResponse::fromText: the
    // rooms located, the rest parsed); the rooms themselves are parsed during the ingest.
    QList<double> parse, ingest;
    for (int i = 0; i < 5; ++i) {
        {
            QElapsedTimer t;
            t.start();
            {
                QString error;
                const SyncResponse response = SyncResponse::fromText(received, &error);
                if (!error.isEmpty() || response.rooms().size() != rooms)
                    qFatal("generated payload is not a /sync answer");
            }
            parse << double(t.nsecsElapsed()) / 1e6;
        }
        RoomStore store;
        store.setOwnUserId(QStringLiteral("@me:example.org"));
        RoomListModel model(&store);
        RoomFilterProxy proxy;
        proxy.setSourceModel(&model);
        QElapsedTimer t;
        t.start();
        store.applySync(SyncResponse::fromText(received, nullptr));
        if (proxy.rowCount() != rooms) // the list is ready: sorted, every row mapped
            qFatal("expected %d rows, got %d", rooms, proxy.rowCount());
        ingest << double(t.nsecsElapsed()) / 1e6;
    }
    f.parseMs = median(parse);
    f.ingestMs = median(ingest);
    f.peakRssMb = peakRssMb();

    // Memory: what the loaded list costs once the response itself is gone.
    const double before = heapBytes();
    auto store = std::make_unique<RoomStore>();
    store->setOwnUserId(QStringLiteral("@me:example.org"));
    auto model = std::make_unique<RoomListModel>(store.get());
    auto proxy = std::make_unique<RoomFilterProxy>();
    proxy->setSourceModel(model.get());
    store->applySync(SyncResponse::fromText(received, nullptr));
    f.heapPerRoom = (heapBytes() - before) / rooms;

    // At least 1,000 keystrokes: whole terms typed and erased.
    QList<double> keystrokes, keystrokesCpu;
    const QStringList terms = typedTerms(rooms);
    for (qsizetype q = 0; keystrokes.size() < 1000; ++q) {
        const QString term = terms.at(q % terms.size());
        const auto keystroke = [&](qsizetype len) {
            const double cpu = threadCpuMs();
            QElapsedTimer t;
            t.start();
            proxy->setFilterText(term.left(len));
            keystrokes << double(t.nsecsElapsed()) / 1e6;
            keystrokesCpu << threadCpuMs() - cpu;
        };
        for (qsizetype len = 1; len <= term.size(); ++len)
            keystroke(len);
        if (q < 4) { // the typed result equals a filter applied from scratch
            RoomFilterProxy fresh;
            fresh.setFilterText(term);
            fresh.setSourceModel(model.get());
            if (rowsOf(fresh) != rowsOf(*proxy))
                qFatal("filtering \"%s\" as typed differs from filtering it at once",
                       qPrintable(term));
        }
        for (qsizetype len = term.size() - 1; len >= 0; --len)
            keystroke(len);
        if (proxy->rowCount() != rooms)
            qFatal("erasing \"%s\" left %d of %d rows", qPrintable(term), proxy->rowCount(), rooms);
    }
    f.keystrokes = int(keystrokes.size());
    f.filterP50 = percentile(keystrokes, 0.50);
    f.filterP95 = percentile(keystrokes, 0.95);
    f.filterP99 = percentile(keystrokes, 0.99);
    f.filterMax = *std::max_element(keystrokes.cbegin(), keystrokes.cend());
    f.filterCpuP99 = percentile(keystrokesCpu, 0.99);

    // Incremental syncs touching 100 joined rooms each, as the app applies them: parse, the
    // store, the list model and the sorted, filtered proxy on top; the response released.
    QList<double> incremental;
    for (int round = 0; round < 5; ++round) {
        const QByteArray body = incrementalPayload(rooms, 100, round);
        QElapsedTimer t;
        t.start();
        int changed = 0;
        changed = store->applySync(SyncResponse::fromText(body, nullptr));
        incremental << double(t.nsecsElapsed()) / 1e6;
        f.incrementalRooms = changed;
        if (changed != std::min(100, rooms * 16 / 20))
            qFatal("the incremental sync changed %d rooms, not 100", changed);
    }
    f.incrementalMs = median(incremental);
    f.incrementalMax = *std::max_element(incremental.cbegin(), incremental.cend());
    // The list is still sorted: sections in order, names in order within a section.
    for (int row = 1; row < proxy->rowCount(); ++row) {
        const QModelIndex a = proxy->index(row - 1, 0);
        const QModelIndex b = proxy->index(row, 0);
        const int sa = a.data(RoomListModel::SectionRole).toInt();
        const int sb = b.data(RoomListModel::SectionRole).toInt();
        if (sa > sb ||
            (sa == sb && a.data(RoomListModel::DisplayNameRole).toString().toCaseFolded() >
                             b.data(RoomListModel::DisplayNameRole).toString().toCaseFolded()))
            qFatal("row %d is out of order after the incremental syncs", row);
    }
    return f;
}
} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral("Concierge room-list benchmark"));
    parser.addHelpOption();
    const QCommandLineOption roomsOpt(QStringLiteral("rooms"),
                                      QStringLiteral("Rooms (default 5000)."), QStringLiteral("n"),
                                      QStringLiteral("5000"));
    const QCommandLineOption scalingOpt(QStringLiteral("scaling"),
                                        QStringLiteral("Run 1,000, 5,000 and 20,000 rooms."));
    const QCommandLineOption markdownOpt(QStringLiteral("markdown"),
                                         QStringLiteral("Write a markdown table to FILE."),
                                         QStringLiteral("file"));
    const QCommandLineOption dumpOpt(
        QStringLiteral("dump-sync"),
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
    md << "| rooms | payload MB | bytes/room (Synapse " << SynapseBytesPerRoom
       << ") | parse_ms | ingest_ms | ingest/parse | peak RSS MB | heap bytes/room | "
          "filter p50 / p95 / p99 / max ms (keystrokes) | filter p99 CPU ms | incremental ms, 100 "
          "rooms (max) |\n"
       << "|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n";
    for (int n : sizes) {
        const Figures f = run(n);
        std::printf(
            "rooms=%d payload_mb=%.1f bytes_per_room=%.0f (synapse %.0f, %+.0f%%) "
            "parse_ms=%.1f ingest_ms=%.1f ratio=%.2f peak_rss_mb=%.1f heap_per_room=%.0f "
            "keystrokes=%d filter_p50_ms=%.3f filter_p95_ms=%.3f filter_p99_ms=%.3f "
            "filter_max_ms=%.3f filter_cpu_p99_ms=%.3f incremental_ms=%.2f (max %.2f, %d rooms)\n",
            f.rooms, f.payloadMb, f.bytesPerRoom, SynapseBytesPerRoom,
            (f.bytesPerRoom / SynapseBytesPerRoom - 1) * 100, f.parseMs, f.ingestMs,
            f.ingestMs / f.parseMs, f.peakRssMb, f.heapPerRoom, f.keystrokes, f.filterP50,
            f.filterP95, f.filterP99, f.filterMax, f.filterCpuP99, f.incrementalMs,
            f.incrementalMax, f.incrementalRooms);
        std::fflush(stdout);
        md << "| " << f.rooms << " | " << QString::number(f.payloadMb, 'f', 1) << " | "
           << QString::number(f.bytesPerRoom, 'f', 0) << " | " << QString::number(f.parseMs, 'f', 1)
           << " | " << QString::number(f.ingestMs, 'f', 1) << " | "
           << QString::number(f.ingestMs / f.parseMs, 'f', 2) << " | "
           << QString::number(f.peakRssMb, 'f', 1) << " | "
           << QString::number(f.heapPerRoom, 'f', 0) << " | "
           << QString::number(f.filterP50, 'f', 2) << " / " << QString::number(f.filterP95, 'f', 2)
           << " / " << QString::number(f.filterP99, 'f', 2) << " / "
           << QString::number(f.filterMax, 'f', 2) << " (" << f.keystrokes << ") | "
           << QString::number(f.filterCpuP99, 'f', 2) << " | "
           << QString::number(f.incrementalMs, 'f', 2) << " ("
           << QString::number(f.incrementalMax, 'f', 2) << ") |\n";
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
