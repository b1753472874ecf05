#include "store/accountstore.h"

#include <QCoreApplication>
#include <QCryptographicHash>
#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QStandardPaths>
#include <QVariant>

namespace {

// Each step takes the schema from version N-1 to N; a store is migrated one step at a time, in a
// transaction, so an interrupted migration leaves the previous version intact.
const char *const Migrations[] = {
    // 1: the room inventory and the sync position.
    "CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);"
    "CREATE TABLE rooms ("
    "  room_id TEXT PRIMARY KEY, membership INTEGER NOT NULL, name TEXT, canonical_alias TEXT,"
    "  topic TEXT, avatar_url TEXT, heroes TEXT, member_names TEXT, joined_count INTEGER,"
    "  invited_count INTEGER, inviter TEXT, tombstone TEXT, predecessor TEXT);",
    // 2: each room's membership history.
    "CREATE TABLE room_history ("
    "  id INTEGER PRIMARY KEY AUTOINCREMENT, room_id TEXT NOT NULL, ts INTEGER NOT NULL,"
    "  membership INTEGER NOT NULL, sender TEXT, reason TEXT, event_id TEXT NOT NULL UNIQUE);"
    "CREATE INDEX room_history_room ON room_history (room_id, ts);",
    // 3: the bulk queue's journal (JobJournal): each job, and its items in order. An item is
    // not tied to the rooms table: forgetting a room keeps the job's report of it.
    "CREATE TABLE jobs ("
    "  job_id TEXT PRIMARY KEY, kind TEXT NOT NULL, title TEXT NOT NULL, created INTEGER NOT NULL,"
    "  state TEXT NOT NULL, pace_ms INTEGER NOT NULL DEFAULT 0, updated INTEGER NOT NULL);"
    "CREATE TABLE job_items ("
    "  job_id TEXT NOT NULL, position INTEGER NOT NULL, description TEXT NOT NULL,"
    "  state TEXT NOT NULL, error_kind INTEGER NOT NULL DEFAULT 0, errcode TEXT, message TEXT,"
    "  http_status INTEGER NOT NULL DEFAULT 0, attempts INTEGER NOT NULL DEFAULT 0,"
    "  updated INTEGER NOT NULL, PRIMARY KEY (job_id, position));",
    // 4: spaces and direct chats. Rooms stored before have none of it, and an incremental
    // /sync never sends unchanged state (a room's creation, a space's children) nor unchanged
    // account data (m.direct) again: the sync position is dropped, so that the next /sync is a
    // full one that fills them in. The rooms are kept and shown meanwhile.
    "ALTER TABLE rooms ADD COLUMN room_type TEXT;"
    "ALTER TABLE rooms ADD COLUMN direct INTEGER NOT NULL DEFAULT 0;"
    "ALTER TABLE rooms ADD COLUMN direct_invite INTEGER NOT NULL DEFAULT 0;"
    "ALTER TABLE rooms ADD COLUMN children TEXT;"
    "ALTER TABLE rooms ADD COLUMN parents TEXT;"
    "DELETE FROM meta WHERE key = 'next_batch';",
};
static_assert(std::size(Migrations) == AccountStore::SchemaVersion);

QString tr(const char *text)
{
    return QCoreApplication::translate("AccountStore", text);
}

QString packNames(const QList<std::pair<QString, QString>> &names)
{
    QJsonArray array;
    for (const auto &[id, name] : names)
        array.append(QJsonArray{id, name});
    return QString::fromUtf8(QJsonDocument(array).toJson(QJsonDocument::Compact));
}

QList<std::pair<QString, QString>> unpackNames(const QString &text)
{
    QList<std::pair<QString, QString>> names;
    for (const QJsonValue &v : QJsonDocument::fromJson(text.toUtf8()).array()) {
        const QJsonArray pair = v.toArray();
        names.append({pair.at(0).toString(), pair.at(1).toString()});
    }
    return names;
}

// Identifiers one a line (room and user IDs contain no line break: they are validated).
QStringList splitLines(const QString &text)
{
    return text.isEmpty() ? QStringList() : text.split(QLatin1Char('\n'));
}

QVariant textOrNull(const QString &s)
{
    return s.isEmpty() ? QVariant() : QVariant(s);
}

} // namespace

AccountStore::AccountStore(QString connectionName) : m_connection(std::move(connectionName)) {}

AccountStore::~AccountStore()
{
    close();
}

void AccountStore::close()
{
    if (!QSqlDatabase::contains(m_connection))
        return;
    {
        QSqlDatabase db = QSqlDatabase::database(m_connection, false);
        db.close();
    }
    QSqlDatabase::removeDatabase(m_connection);
}

bool AccountStore::isOpen() const
{
    return QSqlDatabase::contains(m_connection) &&
           QSqlDatabase::database(m_connection, false).isOpen();
}

QString AccountStore::defaultPathFor(const QString &homeserver, const QString &userId)
{
    const QString hash = QString::fromLatin1(
        QCryptographicHash::hash((homeserver + QLatin1Char('\n') + userId).toUtf8(),
                                 QCryptographicHash::Sha256)
            .toHex()
            .left(32));
    return QStandardPaths::writableLocation(QStandardPaths::AppDataLocation) +
           QStringLiteral("/accounts/") + hash + QStringLiteral("/store.sqlite");
}

bool AccountStore::destroy(const QString &path)
{
    bool ok = true;
    for (const QString &suffix : {QString(), QStringLiteral("-wal"), QStringLiteral("-shm")}) {
        QFile file(path + suffix);
        if (file.exists())
            ok &= file.remove();
    }
    // The account's own folder, once nothing else is left in it (rmdir removes only an empty one).
    QDir().rmdir(QFileInfo(path).absolutePath());
    return ok;
}

bool AccountStore::openFile(const QString &path, QString *error)
{
    close();
    QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), m_connection);
    db.setDatabaseName(path);
    // Another connection's write (the writer thread, the journal) is waited for, not failed on.
    db.setConnectOptions(QStringLiteral("QSQLITE_BUSY_TIMEOUT=%1").arg(qMax(0, m_busyTimeoutMs)));
    if (!db.open()) {
        *error = db.lastError().text();
        return false;
    }
    QSqlQuery q(db);
    // A file that is not SQLite fails here, at the first read.
    if (!q.exec(QStringLiteral("PRAGMA quick_check")) || !q.next() ||
        q.value(0).toString() != QLatin1String("ok")) {
        *error = q.lastError().isValid()
                     ? q.lastError().text()
                     : tr("integrity check failed: %1").arg(q.value(0).toString());
        return false;
    }
    if (path != QLatin1String(":memory:")) {
        if (!q.exec(QStringLiteral("PRAGMA journal_mode=WAL")) || !q.next() ||
            q.value(0).toString().compare(QLatin1String("wal"), Qt::CaseInsensitive) != 0) {
            *error = tr("cannot write in %1").arg(QFileInfo(path).absolutePath());
            return false;
        }
    }
    q.exec(QStringLiteral("PRAGMA synchronous=NORMAL"));
    return true;
}

int AccountStore::schemaVersion() const
{
    QSqlQuery q(QSqlDatabase::database(m_connection));
    if (!q.exec(QStringLiteral("PRAGMA user_version")) || !q.next())
        return -1;
    return q.value(0).toInt();
}

bool AccountStore::migrate(QString *error)
{
    QSqlDatabase db = QSqlDatabase::database(m_connection);
    QSqlQuery q(db);
    for (int version = schemaVersion(); version < SchemaVersion; ++version) {
        // IMMEDIATE: the write lock is taken (or waited for) before the version is read again,
        // so two connections opening the same file at once (the writer thread and the journal)
        // cannot both run the same step.
        if (!q.exec(QStringLiteral("BEGIN IMMEDIATE"))) {
            *error = q.lastError().text();
            return false;
        }
        const int current = schemaVersion();
        if (current < 0) {
            *error = tr("cannot read the schema version");
            q.exec(QStringLiteral("ROLLBACK"));
            return false;
        }
        if (current > version) { // another connection migrated meanwhile
            q.exec(QStringLiteral("COMMIT"));
            version = current - 1;
            continue;
        }
        const QStringList statements =
            QString::fromLatin1(Migrations[version]).split(QLatin1Char(';'), Qt::SkipEmptyParts);
        for (const QString &statement : statements) {
            if (statement.trimmed().isEmpty())
                continue;
            if (!q.exec(statement)) {
                *error = q.lastError().text();
                q.exec(QStringLiteral("ROLLBACK"));
                return false;
            }
        }
        if (!q.exec(QStringLiteral("PRAGMA user_version = %1").arg(version + 1)) ||
            !q.exec(QStringLiteral("COMMIT"))) {
            *error = q.lastError().text();
            q.exec(QStringLiteral("ROLLBACK"));
            return false;
        }
    }
    return true;
}

bool AccountStore::moveAside(const QString &path, const QString &why)
{
    close();
    const QString aside =
        path + QStringLiteral(".unusable-") +
        QDateTime::currentDateTimeUtc().toString(QStringLiteral("yyyyMMdd-HHmmss"));
    if (!QFile::rename(path, aside))
        return false;
    for (const QString &suffix : {QStringLiteral("-wal"), QStringLiteral("-shm")})
        if (QFile::exists(path + suffix))
            QFile::rename(path + suffix, aside + suffix);
    m_movedAside = aside;
    m_problem = tr("The saved room list could not be used (%1). It was moved to %2 and is "
                   "being rebuilt from the server.")
                    .arg(why, aside);
    return true;
}

AccountStore::OpenResult AccountStore::open(const QString &path)
{
    m_path = path;
    m_problem.clear();
    m_movedAside.clear();
    const bool existed = QFileInfo::exists(path);
    QString error;
    bool usable = QDir().mkpath(QFileInfo(path).absolutePath()) && openFile(path, &error);
    if (usable && schemaVersion() > SchemaVersion) {
        usable = false;
        error =
            tr("it was written by a newer version of Concierge (schema %1)").arg(schemaVersion());
    }
    if (usable && migrate(&error))
        return existed ? OpenResult::Opened : OpenResult::Created;

    // Unusable: keep the file for inspection, start afresh next to it.
    if (existed && moveAside(path, error.isEmpty() ? tr("unknown error") : error) &&
        openFile(path, &error) && migrate(&error))
        return OpenResult::Recovered;

    // Nothing can be written there: this run works from memory, the file (if any) untouched.
    const QString why = error.isEmpty() ? tr("cannot create %1").arg(path) : error;
    m_problem = tr("The room list cannot be saved (%1); it will be loaded from the server at "
                   "every start.")
                    .arg(why);
    if (openFile(QStringLiteral(":memory:"), &error) && migrate(&error))
        return OpenResult::InMemory;
    return OpenResult::InMemory;
}

QList<RoomSummary> AccountStore::loadRooms() const
{
    QList<RoomSummary> rooms;
    QSqlQuery q(QSqlDatabase::database(m_connection));
    q.setForwardOnly(true);
    if (!q.exec(QStringLiteral(
            "SELECT room_id, membership, name, canonical_alias, topic, avatar_url, heroes, "
            "member_names, joined_count, invited_count, inviter, tombstone, predecessor, "
            "room_type, direct, direct_invite, children, parents FROM rooms")))
        return rooms;
    while (q.next()) {
        RoomSummary room;
        room.roomId = q.value(0).toString();
        const int membership = q.value(1).toInt();
        if (membership < Membership::Join || membership > Membership::Ban)
            continue;
        room.membership = Membership::Value(membership);
        room.name = q.value(2).toString();
        room.canonicalAlias = q.value(3).toString();
        room.topic = q.value(4).toString();
        room.avatarMxc = q.value(5).toString();
        room.heroes = splitLines(q.value(6).toString());
        room.memberNames = unpackNames(q.value(7).toString());
        room.joinedMemberCount = q.value(8).isNull() ? -1 : q.value(8).toInt();
        room.invitedMemberCount = q.value(9).isNull() ? -1 : q.value(9).toInt();
        room.inviterId = q.value(10).toString();
        room.tombstoneReplacement = q.value(11).toString();
        room.predecessor = q.value(12).toString();
        room.roomType = q.value(13).toString();
        room.inDirectMap = q.value(14).toInt() != 0;
        room.directInvite = q.value(15).toInt() != 0;
        room.childIds = splitLines(q.value(16).toString());
        room.parentIds = splitLines(q.value(17).toString());
        room.updateDerived();
        rooms.append(std::move(room));
    }
    return rooms;
}

bool AccountStore::saveSync(const QList<RoomSummary> &rooms, const QString &nextBatch)
{
    QSqlDatabase db = QSqlDatabase::database(m_connection);
    if (!db.transaction())
        return false;
    QSqlQuery q(db);
    q.prepare(QStringLiteral(
        "INSERT OR REPLACE INTO rooms (room_id, membership, name, canonical_alias, topic, "
        "avatar_url, heroes, member_names, joined_count, invited_count, inviter, tombstone, "
        "predecessor, room_type, direct, direct_invite, children, parents) "
        "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"));
    for (const RoomSummary &room : rooms) {
        q.addBindValue(room.roomId);
        q.addBindValue(int(room.membership));
        q.addBindValue(textOrNull(room.name));
        q.addBindValue(textOrNull(room.canonicalAlias));
        q.addBindValue(textOrNull(room.topic));
        q.addBindValue(textOrNull(room.avatarMxc));
        q.addBindValue(textOrNull(room.heroes.join(QLatin1Char('\n'))));
        q.addBindValue(room.memberNames.isEmpty() ? QVariant()
                                                  : QVariant(packNames(room.memberNames)));
        q.addBindValue(room.joinedMemberCount < 0 ? QVariant() : QVariant(room.joinedMemberCount));
        q.addBindValue(room.invitedMemberCount < 0 ? QVariant()
                                                   : QVariant(room.invitedMemberCount));
        q.addBindValue(textOrNull(room.inviterId));
        q.addBindValue(textOrNull(room.tombstoneReplacement));
        q.addBindValue(textOrNull(room.predecessor));
        q.addBindValue(textOrNull(room.roomType));
        q.addBindValue(int(room.inDirectMap));
        q.addBindValue(int(room.directInvite));
        q.addBindValue(textOrNull(room.childIds.join(QLatin1Char('\n'))));
        q.addBindValue(textOrNull(room.parentIds.join(QLatin1Char('\n'))));
        if (!q.exec()) {
            db.rollback();
            return false;
        }
    }
    QSqlQuery position(db);
    position.prepare(
        QStringLiteral("INSERT OR REPLACE INTO meta (key, value) VALUES ('next_batch', ?)"));
    position.addBindValue(nextBatch);
    if (!position.exec()) {
        db.rollback();
        return false;
    }
    return db.commit();
}

bool AccountStore::removeRoom(const QString &roomId)
{
    QSqlDatabase db = QSqlDatabase::database(m_connection);
    if (!db.transaction())
        return false;
    QSqlQuery q(db);
    for (const QString &table : {QStringLiteral("rooms"), QStringLiteral("room_history")}) {
        q.prepare(QStringLiteral("DELETE FROM %1 WHERE room_id = ?").arg(table));
        q.addBindValue(roomId);
        if (!q.exec()) {
            db.rollback();
            return false;
        }
    }
    return db.commit();
}

QString AccountStore::nextBatch() const
{
    QSqlQuery q(QSqlDatabase::database(m_connection));
    if (q.exec(QStringLiteral("SELECT value FROM meta WHERE key = 'next_batch'")) && q.next())
        return q.value(0).toString();
    return {};
}

int AccountStore::roomCount() const
{
    QSqlQuery q(QSqlDatabase::database(m_connection));
    if (q.exec(QStringLiteral("SELECT COUNT(*) FROM rooms")) && q.next())
        return q.value(0).toInt();
    return 0;
}

bool AccountStore::appendHistory(const QString &roomId, const QList<HistoryEntry> &entries)
{
    QSqlDatabase db = QSqlDatabase::database(m_connection);
    if (!db.transaction())
        return false;
    QSqlQuery q(db);
    // The same membership event is seen again in later syncs (state is repeated): once is enough.
    q.prepare(QStringLiteral("INSERT OR IGNORE INTO room_history (room_id, ts, membership, sender, "
                             "reason, event_id) VALUES (?, ?, ?, ?, ?, ?)"));
    for (const HistoryEntry &e : entries) {
        q.addBindValue(roomId);
        q.addBindValue(e.timestampMs);
        q.addBindValue(int(e.membership));
        q.addBindValue(textOrNull(e.sender));
        q.addBindValue(textOrNull(e.reason));
        q.addBindValue(e.eventId);
        if (!q.exec()) {
            db.rollback();
            return false;
        }
    }
    return db.commit();
}

QList<AccountStore::HistoryEntry> AccountStore::history(const QString &roomId) const
{
    QList<HistoryEntry> entries;
    QSqlQuery q(QSqlDatabase::database(m_connection));
    q.prepare(QStringLiteral("SELECT ts, membership, sender, reason, event_id FROM room_history "
                             "WHERE room_id = ? ORDER BY ts, id"));
    q.addBindValue(roomId);
    if (!q.exec())
        return entries;
    while (q.next()) {
        const int membership = q.value(1).toInt();
        if (membership < Membership::Join || membership > Membership::Ban)
            continue;
        entries.append({q.value(0).toLongLong(), Membership::Value(membership),
                        q.value(2).toString(), q.value(3).toString(), q.value(4).toString()});
    }
    return entries;
}
