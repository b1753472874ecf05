#pragma once

#include "api/membership.h"
#include "store/accountstore.h"

#include <QAbstractListModel>
#include <QDateTime>
#include <QHash>
#include <QTimer>
#include <QtQmlIntegration/qqmlintegration.h>

#include <memory>
#include <optional>

// The membership history of ONE room (roomId), as the account store keeps it: oldest first, a
// timeline that reads as the room's story ("Invited by @bob:x", "You joined", "Kicked by @mod:x:
// spam"). Reads happen on the GUI thread through an AccountStore connection of its own (the
// writer thread writes through another one; SQLite's WAL lets both work at once). Entries that
// were just handed to the writer are shown at once through addEntries(), before they are on disk.
//
// Roles (QML names):
//   timestamp   QDateTime  when the change happened (local time; for an invite seen only as
//                          stripped state: when Concierge first saw it)
//   membership  int        the new membership, Membership.Join | .Invite | .Leave | .Knock | .Ban
//   sender      string     who made the change (a user ID; display names are not stored), or ""
//   reason      string     the reason given, or ""
//   text        string     the change as a sentence, translated: "You joined", "Invited by X",
//                          "You left", "You declined the invite", "Kicked by X: reason", …
//                          (server-provided parts: show as plain text)
class RoomHistoryModel : public QAbstractListModel
{
    Q_OBJECT
    QML_ELEMENT
    QML_UNCREATABLE("RoomHistoryModel is created by the application")
    Q_PROPERTY(QString roomId READ roomId WRITE setRoomId NOTIFY roomIdChanged)
    Q_PROPERTY(int count READ count NOTIFY countChanged)
    // Changes whenever any room's history grows: bindings on summaryFor() depend on it.
    Q_PROPERTY(int revision READ revision NOTIFY revisionChanged)

public:
    enum Role {
        TimestampRole = Qt::UserRole + 1,
        MembershipRole,
        SenderRole,
        ReasonRole,
        TextRole,
    };
    Q_ENUM(Role)

    explicit RoomHistoryModel(QObject *parent = nullptr);
    ~RoomHistoryModel() override;

    // The store to read from (opened by the caller on this thread), or nullptr (signed out, or
    // nothing kept on disk). Forgets the entries added since, and reloads.
    void setStore(std::unique_ptr<AccountStore> store);
    // The account's user ID: tells "You left" from "Kicked by …".
    void setOwnUserId(const QString &userId);

    QString roomId() const { return m_roomId; }
    void setRoomId(const QString &roomId);
    int count() const { return int(m_rows.size()); }
    int revision() const { return m_revision; }

    // Reads the room's history from the store again.
    Q_INVOKABLE void reload();
    // New changes of a room, just handed to the store writer: shown now (once each, by event ID)
    // if roomId is this model's room, and in summaryFor().
    void addEntries(const QString &roomId, const QList<AccountStore::HistoryEntry> &entries);
    // A forgotten room: its history is gone.
    void removeRoom(const QString &roomId);

    // The sentence of a room's latest change (e.g. "Kicked by @mod:x: spam"), or "" when none is
    // saved. Reads the store (one indexed query) unless the change was added in this run.
    Q_INVOKABLE QString summaryFor(const QString &roomId) const;

    // The sentence for one change; previous: the membership before it, if known.
    static QString describe(const AccountStore::HistoryEntry &entry,
                            std::optional<Membership::Value> previous, const QString &ownUserId);

    int rowCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role) const override;
    QHash<int, QByteArray> roleNames() const override;

signals:
    void roomIdChanged();
    void countChanged();
    void revisionChanged();

private:
    struct Row
    {
        AccountStore::HistoryEntry entry;
        QString text;
    };
    // A room's entries (oldest first) as rows: each described with the membership before it;
    // a join after a join (a profile change, not a membership change) is left out.
    QList<Row> toRows(const QList<AccountStore::HistoryEntry> &entries) const;
    // Saved entries plus those added in this run, oldest first, each event once.
    QList<AccountStore::HistoryEntry> entriesOf(const QString &roomId) const;
    void bumpRevision();
    // Drops the entries added in this run once the store has them all (writes are in order:
    // the last one stored means every earlier one is).
    void pruneRecent();

    std::unique_ptr<AccountStore> m_store;
    QString m_ownUserId;
    QString m_roomId;
    QList<Row> m_rows;
    // Changes added in this run that the writer may not have stored yet, by room.
    QHash<QString, QList<AccountStore::HistoryEntry>> m_recent;
    QString m_lastAddedRoom;
    QString m_lastAddedEventId;
    QTimer m_pruneTimer;
    int m_pruneAttempts = 0;
    int m_revision = 0;
    bool m_revisionPending = false;
};
