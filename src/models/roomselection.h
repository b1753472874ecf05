#pragma once

// Layer models/: which rooms of the list are selected, for bulk actions (issue 11).

#include "api/membership.h"

#include <QObject>
#include <QPointer>
#include <QSet>
#include <QStringList>
#include <QtQmlIntegration/qqmlintegration.h>
#include <optional>

class RoomFilterProxy;

// The selection is a set of room IDs, so it survives re-sorts, syncs and filter changes; rows
// are the RoomFilterProxy's (what the list shows). A room that disappears from the account
// (forgotten) leaves the selection. Rooms selected but hidden by the current filter stay
// selected and are counted in hiddenCount, so that the action bar can say so.
//
// The proxy's `selected` role reads this selection; every change tells the view about exactly
// the rows whose selection changed (dataChanged, in contiguous ranges). After each change of the
// list (a filter, a sync) the counts are taken again, in one pass over the selected rooms: O(k)
// for k selected, whatever the number of rooms; selectAll is one pass over the rows shown.
class RoomSelection : public QObject
{
    Q_OBJECT
    QML_ELEMENT
    QML_UNCREATABLE("RoomSelection is created by the application")
    Q_PROPERTY(int count READ count NOTIFY changed)
    // Selected rooms the current filter hides.
    Q_PROPERTY(int hiddenCount READ hiddenCount NOTIFY changed)
    // By section, for the action bar (what applies to them; see roomIdsWith):
    //   joinedCount     joined rooms: leave, leave and forget, invite someone
    //   inviteCount     invites: accept (join) or decline (leave)
    //   requestedCount  pending knocks (the Requested section): withdraw (leave) only. A knock
    //                   room cannot be joined (you are not invited) nor forgotten (you have not
    //                   left it), so it is in no other group.
    //   leftCount       the Left section, left or banned: forget (or rejoin one)
    Q_PROPERTY(int joinedCount READ joinedCount NOTIFY changed)
    Q_PROPERTY(int inviteCount READ inviteCount NOTIFY changed)
    Q_PROPERTY(int requestedCount READ requestedCount NOTIFY changed)
    Q_PROPERTY(int leftCount READ leftCount NOTIFY changed)
    // In the list's order (hidden ones last, by room ID).
    Q_PROPERTY(QStringList roomIds READ roomIds NOTIFY changed)
    // The row Shift+click and Shift+arrows extend from (the last row toggled or clicked), or -1.
    Q_PROPERTY(int anchorRow READ anchorRow NOTIFY changed)

public:
    explicit RoomSelection(RoomFilterProxy *rooms, QObject *parent = nullptr);

    int count() const;
    int hiddenCount() const;
    int joinedCount() const;
    int inviteCount() const;
    int requestedCount() const;
    int leftCount() const;
    QStringList roomIds() const;
    int anchorRow() const;

    Q_INVOKABLE bool isSelected(const QString &roomId) const;
    // Ctrl+click, Space: flips one row and makes it the anchor.
    Q_INVOKABLE void toggle(int row);
    // Selects one row (keeping the others) and makes it the anchor.
    Q_INVOKABLE void select(int row);
    // Shift+click: selects every row from the anchor to row (the anchor stays).
    Q_INVOKABLE void selectRange(int row);
    // Ctrl+A: every row the current filter shows (selected rooms it hides stay selected).
    Q_INVOKABLE void selectAll();
    // Esc: nothing selected, no anchor.
    Q_INVOKABLE void clear();
    // The selected rooms whose membership is m, in the list's order (e.g. the invites to accept).
    // Membership.Leave means the Left section, as leftCount: left or banned (to forget).
    // Membership.Knock gives the pending knocks, as requestedCount (to withdraw with a leave);
    // they are never among Membership.Leave's or Membership.Join's.
    Q_INVOKABLE QStringList roomIdsWith(Membership::Value m) const;

signals:
    // Whenever a property may have changed: the selection, the counts, the anchor's row, the
    // order of roomIds (emitted after each change of the list while anything is selected).
    void changed();

private:
    struct Counts
    {
        int hidden = 0;
        int joined = 0;
        int invite = 0;
        int requested = 0;
        int left = 0;
        int anchorRow = -1;
        bool operator==(const Counts &o) const
        {
            return hidden == o.hidden && joined == o.joined && invite == o.invite &&
                   requested == o.requested && left == o.left && anchorRow == o.anchorRow;
        }
    };
    // Takes the counts again (and drops rooms no longer in the store); emits changed() when
    // anything may differ, or always when `changedAnyway`.
    void refresh(bool changedAnyway);
    // Adds the rooms of rows (ascending) and tells the view which rows changed.
    void addRows(int first, int last);

    QPointer<RoomFilterProxy> m_rooms;
    QSet<QString> m_ids;
    QString m_anchor; // by room ID, so that it follows its room when rows move
    Counts m_counts;
    mutable std::optional<QStringList> m_ordered; // roomIds(), until the next change
};
