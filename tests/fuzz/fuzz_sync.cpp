// Fuzzes the /sync response parser and the room list built on it: the bytes are parsed as JSON and
// applied to a RoomStore (twice, then with the membership sections rotated, so new rows, changed
// rows and membership moves all happen), with a RoomListModel and a RoomFilterProxy on top under
// QAbstractItemModelTester. Every role of every row is read, and the filter is set from the input.

#include "api/identifiers.h"
#include "api/syncresponse.h"
#include "fuzzcommon.h"
#include "models/roomlistmodel.h"
#include "sync/roomstore.h"

#include <QAbstractItemModelTester>
#include <QCoreApplication>
#include <QHash>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>

namespace {

const QString OwnUserId = QStringLiteral("@me:example.org");
constexpr qsizetype MaxTextLength = 1024; // RoomStore's documented cut for server strings

struct Snapshot
{
    QString displayName, membership, alias, topic, avatar, inviter;
    int joined, invited;
    bool operator==(const Snapshot &) const = default;
};

Snapshot snapshot(const RoomSummary &room)
{
    return {room.displayName(),     Membership::toString(room.membership),
            room.canonicalAlias,    room.topic,
            room.avatarMxc,         room.inviterId,
            room.joinedMemberCount, room.invitedMemberCount};
}

void checkModels(const RoomStore &store, const RoomListModel &model, const RoomFilterProxy &proxy)
{
    static const QRegularExpression avatarSource(
        QStringLiteral("\\Aimage://mxc/[A-Za-z0-9.:\\[\\]\\-]+/[A-Za-z0-9_\\-]+\\z"));
    const int rows = store.size();
    FUZZ_CHECK(model.rowCount() == rows, QString());
    FUZZ_CHECK(model.joinedCount() + model.inviteCount() + model.leftCount() == rows, QString());
    FUZZ_CHECK(model.inviteCount() == store.count(Membership::Invite), QString());

    const auto roles = model.roleNames();
    for (int row = 0; row < rows; ++row) {
        const RoomSummary &room = store.at(row);
        FUZZ_CHECK(Identifiers::validateRoomId(room.roomId).isEmpty(), room.roomId);
        FUZZ_CHECK(store.indexOf(room.roomId) == row, room.roomId);
        FUZZ_CHECK(room.canonicalAlias.isEmpty() ||
                       Identifiers::validateRoomAlias(room.canonicalAlias).isEmpty(),
                   room.canonicalAlias);
        FUZZ_CHECK(room.name.size() <= MaxTextLength && room.topic.size() <= MaxTextLength &&
                       room.avatarMxc.size() <= MaxTextLength,
                   room.roomId);
        FUZZ_CHECK(room.heroes.size() <= 5 && !room.heroes.contains(OwnUserId), room.roomId);
        FUZZ_CHECK(room.joinedMemberCount >= -1 && room.invitedMemberCount >= -1, room.roomId);
        FUZZ_CHECK(room.sortKey == room.displayName().toCaseFolded(), room.roomId);

        const QModelIndex index = model.index(row);
        QVariantMap values;
        values.insert(QStringLiteral("display"), model.data(index, Qt::DisplayRole));
        for (auto it = roles.cbegin(); it != roles.cend(); ++it)
            values.insert(QString::fromLatin1(it.value()), model.data(index, it.key()));
        FUZZ_CHECK(values.value(QStringLiteral("roomId")).toString() == room.roomId, room.roomId);
        FUZZ_CHECK(values.value(QStringLiteral("display")) ==
                       values.value(QStringLiteral("displayName")),
                   room.roomId);
        const QString source = values.value(QStringLiteral("avatarSource")).toString();
        FUZZ_CHECK(source.isEmpty() || avatarSource.match(source).hasMatch(),
                   QStringLiteral("avatar %1 -> %2").arg(room.avatarMxc, source));
        // Typed roles (Membership.*, RoomSection.*): the row's own membership, and its section.
        const int membership = values.value(QStringLiteral("membership")).toInt();
        const int section = values.value(QStringLiteral("section")).toInt();
        FUZZ_CHECK(membership == int(room.membership), room.roomId);
        FUZZ_CHECK((membership == Membership::Join && section == RoomSection::Joined) ||
                       (membership == Membership::Invite && section == RoomSection::Invites) ||
                       (membership == Membership::Knock && section == RoomSection::Requested) ||
                       (membership == Membership::Leave && section == RoomSection::Left),
                   QStringLiteral("%1 %2").arg(membership).arg(section));
        FUZZ_CHECK(values.value(QStringLiteral("inviterId")).toString().isEmpty() ==
                       values.value(QStringLiteral("inviterName")).toString().isEmpty(),
                   room.roomId);
    }

    // The proxy: filtered rows only, sections contiguous (Invites, Requested, Joined, Left), every
    // role there.
    // The rows shown are exactly the rooms the query (words, phrases, terms, negations) accepts
    // when asked from scratch, however the proxy got there (narrowing, erasing, syncs).
    const RoomFilterQuery query = RoomFilterQuery::parse(proxy.filterText(), proxy.showLeft());
    int accepted = 0;
    for (int row = 0; row < rows; ++row)
        accepted += query.accepts(store.at(row)) ? 1 : 0;
    FUZZ_CHECK(proxy.rowCount() == accepted,
               QStringLiteral("%1 rows for %2 accepted").arg(proxy.rowCount()).arg(accepted));
    if (proxy.filterText().trimmed().isEmpty() && proxy.showLeft())
        FUZZ_CHECK(proxy.rowCount() == rows, QString());
    int lastSection = -1;
    QList<int> sectionOfRow;
    QHash<int, int> rowsInSection;
    for (int row = 0; row < proxy.rowCount(); ++row) {
        const int section = proxy.get(row).value(QStringLiteral("section")).toInt();
        sectionOfRow << section;
        ++rowsInSection[section];
    }
    for (int row = 0; row < proxy.rowCount(); ++row) {
        const QVariantMap map = proxy.get(row);
        FUZZ_CHECK(map.size() == proxy.roleNames().size(), QString());
        // The header roles of the view: the first row of a section carries it, with the number
        // of rows of that section that pass the filter.
        const int section = sectionOfRow.at(row);
        FUZZ_CHECK(map.value(QStringLiteral("sectionStart")).toBool() ==
                       (row == 0 || sectionOfRow.at(row - 1) != section),
                   QString::number(row));
        FUZZ_CHECK(map.value(QStringLiteral("sectionCount")).toInt() ==
                       rowsInSection.value(section),
                   QString::number(row));
        const RoomSummary *room = store.find(map.value(QStringLiteral("roomId")).toString());
        FUZZ_CHECK(room, map.value(QStringLiteral("roomId")).toString());
        FUZZ_CHECK(query.accepts(*room), room->roomId);
        const int sectionIndex = room->membership == Membership::Invite  ? 0
                                 : room->membership == Membership::Knock ? 1
                                 : room->membership == Membership::Join  ? 2
                                                                         : 3;
        FUZZ_CHECK(sectionIndex >= lastSection, room->roomId);
        lastSection = sectionIndex;
    }
}

// The same response with the membership sections moved round: join -> leave -> invite -> join.
QJsonObject rotated(const QJsonObject &sync)
{
    const QJsonObject rooms = sync.value(QLatin1String("rooms")).toObject();
    QJsonObject moved;
    moved.insert(QLatin1String("leave"), rooms.value(QLatin1String("join")));
    moved.insert(QLatin1String("invite"), rooms.value(QLatin1String("leave")));
    moved.insert(QLatin1String("join"), rooms.value(QLatin1String("invite")));
    QJsonObject out;
    out.insert(QLatin1String("rooms"), moved);
    return out;
}

} // namespace

extern "C" int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    fuzz::quietQtMessages();
    // Models and QtConcurrent are happier with an application object; it lives until exit.
    static QCoreApplication *app = new QCoreApplication(*argc, *argv);
    (void)app;
    return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const QByteArray input = fuzz::bytes(data, size);
    QJsonParseError parseError{};
    const QJsonDocument document = QJsonDocument::fromJson(input, &parseError);
    const QJsonObject sync = document.object();
    // The answer as the sync engine reads it (room by room from the text) says what Qt's parse
    // of the whole says: accepted exactly when Qt accepts it (a room's text is checked when the
    // room is read, by applySync), with the same next_batch and the same rooms.
    QString textError;
    const SyncResponse fromText = SyncResponse::fromText(input, &textError);
    const bool qtAccepts = parseError.error == QJsonParseError::NoError && document.isObject();
    bool roomsValid = true;
    if (textError.isEmpty())
        for (qsizetype i = 0; i < fromText.rooms().size(); ++i) {
            bool valid = true;
            const QJsonObject room = fromText.roomObject(i, &valid);
            roomsValid &= valid;
            if (valid && qtAccepts) {
                const SyncResponse::Room &entry = fromText.rooms().at(i);
                const QJsonObject byId = sync.value(QLatin1String("rooms"))
                                             .toObject()
                                             .value(Membership::toString(entry.section))
                                             .toObject();
                // A key given twice counts the last time, in both readings.
                FUZZ_CHECK(!entry.isObject || byId.value(entry.roomId).toObject() == room,
                           entry.roomId);
            }
        }
    // Qt limits nesting from the document's top; a room's text alone may nest 3 levels deeper.
    if (parseError.error != QJsonParseError::DeepNesting)
        FUZZ_CHECK(qtAccepts == (textError.isEmpty() && roomsValid),
                   QStringLiteral("Qt %1, text '%2', rooms %3")
                       .arg(parseError.errorString(), textError)
                       .arg(roomsValid));
    if (qtAccepts && textError.isEmpty())
        FUZZ_CHECK(fromText.nextBatch() == sync.value(QLatin1String("next_batch")).toString(),
                   fromText.nextBatch());

    RoomStore store;
    store.setOwnUserId(OwnUserId);
    RoomListModel model(&store);
    RoomFilterProxy proxy;
    proxy.setSourceModel(&model);
    QAbstractItemModelTester modelTester(&model,
                                         QAbstractItemModelTester::FailureReportingMode::Fatal);
    QAbstractItemModelTester proxyTester(&proxy,
                                         QAbstractItemModelTester::FailureReportingMode::Fatal);

    const int changed = store.applySync(qtAccepts ? fromText : SyncResponse::fromObject(sync));
    FUZZ_CHECK(changed == store.size() || (changed == -1 && !roomsValid), QString::number(changed));
    checkModels(store, model, proxy);

    // A repeated response (a retried /sync) changes nothing visible.
    QList<Snapshot> before;
    for (int row = 0; row < store.size(); ++row)
        before << snapshot(store.at(row));
    const int rowsBefore = store.size();
    store.applySync(sync);
    FUZZ_CHECK(store.size() == rowsBefore, QString());
    for (int row = 0; row < store.size(); ++row)
        FUZZ_CHECK(snapshot(store.at(row)) == before.at(row), store.at(row).roomId);

    // Filter with part of the input, and with part of a room's name (so that some rows match).
    proxy.setFilterText(QString::fromUtf8(input.mid(input.size() / 2, 1 + int(size % 7))));
    checkModels(store, model, proxy);
    if (store.size() > 0) {
        const QString name = store.at(int(size % store.size())).displayName();
        proxy.setFilterText(name.mid(name.size() / 3, 4));
        checkModels(store, model, proxy);
    }
    proxy.setShowLeft(false);
    checkModels(store, model, proxy);
    proxy.setShowLeft(true);
    proxy.setFilterText(QString());

    // Membership moves on existing rows.
    store.applySync(rotated(sync));
    checkModels(store, model, proxy);
    store.removeRoom(store.size() > 0 ? store.at(0).roomId : QString());
    checkModels(store, model, proxy);
    store.clear();
    checkModels(store, model, proxy);
    return 0;
}
