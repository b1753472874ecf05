// RoomSelection (issue 11): the selected rooms, by room ID, over the rows the room list shows.
// Kept across re-sorts, syncs and filter changes (hidden rooms stay selected and are counted);
// a forgotten room leaves it; the `selected` role changes for exactly the rows whose selection
// changed.
#include "models/roomlistmodel.h"
#include "models/roomselection.h"
#include "sync/roomstore.h"

#include <QAbstractItemModelTester>
#include <QElapsedTimer>
#include <QJsonArray>
#include <QJsonDocument>
#include <QSignalSpy>
#include <QtTest>

namespace {
const QString Me = QStringLiteral("@me:x.org");

QJsonObject nameEvent(const QString &name)
{
    return {{"type", "m.room.name"}, {"state_key", ""}, {"content", QJsonObject{{"name", name}}}};
}
QJsonObject joined(const QString &name)
{
    return {{"state", QJsonObject{{"events", QJsonArray{nameEvent(name)}}}}};
}
QJsonObject invited(const QString &name, const QString &inviter)
{
    const QJsonObject me{{"type", "m.room.member"},
                         {"state_key", Me},
                         {"sender", inviter},
                         {"content", QJsonObject{{"membership", "invite"}}}};
    return {{"invite_state", QJsonObject{{"events", QJsonArray{nameEvent(name), me}}}}};
}
// A pending knock as the classic /sync lists it (rooms.knock): stripped state ending with ours.
QJsonObject knocked(const QString &name)
{
    const QJsonObject me{{"type", "m.room.member"},
                         {"state_key", Me},
                         {"sender", Me},
                         {"content", QJsonObject{{"membership", "knock"}}}};
    return {{"knock_state", QJsonObject{{"events", QJsonArray{nameEvent(name), me}}}}};
}
QJsonObject renamed(const QString &name)
{
    return {{"timeline", QJsonObject{{"events", QJsonArray{nameEvent(name)}}}}};
}

// Rows the proxy told the view the selected role changed for, in order of the signals.
QList<int> selectedRowsChanged(const QSignalSpy &spy)
{
    QList<int> rows;
    for (const QList<QVariant> &args : spy) {
        const auto roles = args.at(2).value<QList<int>>();
        if (!roles.contains(RoomFilterProxy::SelectedRole))
            continue;
        if (roles.size() != 1) // only the selected role: the rest of the row is unchanged
            rows.append(-1);
        for (int row = args.at(0).toModelIndex().row(); row <= args.at(1).toModelIndex().row();
             ++row)
            rows.append(row);
    }
    return rows;
}
} // namespace

class TestRoomSelection : public QObject
{
    Q_OBJECT

    std::unique_ptr<RoomStore> m_store;
    std::unique_ptr<RoomListModel> m_model;
    std::unique_ptr<RoomFilterProxy> m_proxy;
    std::unique_ptr<QAbstractItemModelTester> m_tester;
    std::unique_ptr<RoomSelection> m_selection;

    int rowOf(const QString &roomId) const { return m_proxy->rowOfRoom(roomId); }
    bool selectedRole(int row) const
    {
        return m_proxy->index(row, 0).data(RoomFilterProxy::SelectedRole).toBool();
    }
    // Every row's selected role agrees with isSelected(its room).
    bool rolesAgree() const
    {
        for (int row = 0; row < m_proxy->rowCount(); ++row)
            if (selectedRole(row) != m_selection->isSelected(m_proxy->roomIdAt(row)))
                return false;
        return true;
    }

private slots:
    void init()
    {
        m_store = std::make_unique<RoomStore>();
        m_store->setOwnUserId(Me);
        m_model = std::make_unique<RoomListModel>(m_store.get());
        // As AppServices does: the selection is made before the proxy has its source.
        m_proxy = std::make_unique<RoomFilterProxy>();
        m_selection = std::make_unique<RoomSelection>(m_proxy.get());
        m_proxy->setSourceModel(m_model.get());
        m_tester = std::make_unique<QAbstractItemModelTester>(
            m_proxy.get(), QAbstractItemModelTester::FailureReportingMode::QtTest);
        m_store->applySync(QJsonObject{
            {"rooms",
             QJsonObject{{"join", QJsonObject{{"!a:x.org", joined("Alpha")},
                                              {"!b:x.org", joined("Bravo")},
                                              {"!c:x.org", joined("Charlie")},
                                              {"!d:x.org", joined("Delta")}}},
                         {"invite", QJsonObject{{"!i:evil.org", invited("India", "@spam:evil.org")},
                                                {"!j:x.org", invited("Juliet", "@carol:x.org")}}},
                         {"leave", QJsonObject{{"!l:x.org", joined("Lima")}}}}}});
        // Invites, then joined, then left, each by name.
        QCOMPARE(m_proxy->rowCount(), 7);
        QCOMPARE(m_proxy->roomIdAt(0), QStringLiteral("!i:evil.org"));
        QCOMPARE(m_proxy->roomIdAt(2), QStringLiteral("!a:x.org"));
        QCOMPARE(m_proxy->roomIdAt(6), QStringLiteral("!l:x.org"));
    }
    void cleanup()
    {
        m_selection.reset();
        m_tester.reset();
        m_proxy.reset();
        m_model.reset();
        m_store.reset();
    }

    void toggleFlipsOneRowAndMakesItTheAnchor()
    {
        QSignalSpy data(m_proxy.get(), &QAbstractItemModel::dataChanged);
        QSignalSpy changed(m_selection.get(), &RoomSelection::changed);
        QCOMPARE(m_selection->anchorRow(), -1);
        QVERIFY(m_proxy->roleNames().value(RoomFilterProxy::SelectedRole) == "selected");

        m_selection->toggle(3); // Bravo
        QCOMPARE(m_selection->count(), 1);
        QVERIFY(m_selection->isSelected(QStringLiteral("!b:x.org")));
        QCOMPARE(m_selection->anchorRow(), 3);
        QCOMPARE(m_selection->joinedCount(), 1);
        QCOMPARE(m_selection->roomIds(), QStringList{QStringLiteral("!b:x.org")});
        QVERIFY(selectedRole(3));
        QVERIFY(!selectedRole(2));
        QCOMPARE(m_proxy->get(3).value(QStringLiteral("selected")).toBool(), true);
        QCOMPARE(selectedRowsChanged(data), QList<int>{3});
        QCOMPARE(changed.count(), 1);

        data.clear();
        m_selection->toggle(0); // India, an invite
        QCOMPARE(m_selection->count(), 2);
        QCOMPARE(m_selection->inviteCount(), 1);
        QCOMPARE(m_selection->anchorRow(), 0);
        QCOMPARE(m_selection->roomIds(), (QStringList{"!i:evil.org", "!b:x.org"})); // list order
        QCOMPARE(selectedRowsChanged(data), QList<int>{0});

        data.clear();
        m_selection->toggle(3); // off again
        QCOMPARE(m_selection->count(), 1);
        QVERIFY(!m_selection->isSelected(QStringLiteral("!b:x.org")));
        QVERIFY(!selectedRole(3));
        QCOMPARE(m_selection->anchorRow(), 3);
        QCOMPARE(selectedRowsChanged(data), QList<int>{3});
        QCOMPARE(changed.count(), 3);

        m_selection->toggle(99); // no such row: nothing
        QCOMPARE(m_selection->count(), 1);
        QCOMPARE(changed.count(), 3);
    }

    void selectionFollowsItsRoomWhenTheListIsResorted()
    {
        m_selection->toggle(2); // Alpha
        m_selection->select(4); // Charlie
        QCOMPARE(m_selection->anchorRow(), 4);
        QSignalSpy changed(m_selection.get(), &RoomSelection::changed);
        QSignalSpy data(m_proxy.get(), &QAbstractItemModel::dataChanged);
        // A sync renames Alpha to "Zulu": it moves below Delta; Bravo, Charlie move up a row.
        m_store->applySync(QJsonObject{
            {"rooms", QJsonObject{{"join", QJsonObject{{"!a:x.org", renamed("Zulu")}}}}}});
        QCOMPARE(m_proxy->roomIdAt(5), QStringLiteral("!a:x.org"));
        QVERIFY(m_selection->isSelected(QStringLiteral("!a:x.org")));
        QVERIFY(selectedRole(5));
        QVERIFY(!selectedRole(2));             // Bravo now
        QVERIFY(selectedRole(3));              // Charlie, moved up
        QCOMPARE(m_selection->anchorRow(), 3); // the anchor is Charlie's row, wherever it is
        QCOMPARE(m_selection->roomIds(), (QStringList{"!c:x.org", "!a:x.org"}));
        QVERIFY(changed.count() >= 1);
        QVERIFY(selectedRowsChanged(data).isEmpty()); // rows moved, no selection changed
        QVERIFY(rolesAgree());

        // A sync in which the selected Charlie is left: counted as left now.
        m_store->applySync(QJsonObject{
            {"rooms", QJsonObject{{"leave", QJsonObject{{"!c:x.org", QJsonObject{}}}}}}});
        QVERIFY(m_selection->isSelected(QStringLiteral("!c:x.org")));
        QCOMPARE(m_selection->joinedCount(), 1);
        QCOMPARE(m_selection->leftCount(), 1);
        QCOMPARE(m_selection->roomIdsWith(Membership::Leave), QStringList{"!c:x.org"});
        QCOMPARE(m_selection->roomIdsWith(Membership::Join), QStringList{"!a:x.org"});
        QCOMPARE(m_selection->anchorRow(), rowOf(QStringLiteral("!c:x.org")));
        QVERIFY(rolesAgree());
    }

    // A selected pending knock is in the Requested group only: withdrawn with a leave, never
    // joined (not invited) nor forgotten (not left). Its own count and roomIdsWith(Knock) say so.
    void aKnockIsInTheRequestedGroupOnly()
    {
        m_store->applySync(QJsonObject{
            {"rooms", QJsonObject{{"knock", QJsonObject{{"!k:x.org", knocked("Kilo")}}},
                                  {"leave", QJsonObject{{"!x:x.org", joined("X-ray")}}}}}});
        QCOMPARE(int(m_store->find(QStringLiteral("!k:x.org"))->membership),
                 int(Membership::Knock));
        // Invites, Requested, Joined, Left.
        QCOMPARE(m_proxy->roomIdAt(2), QStringLiteral("!k:x.org"));
        QSignalSpy changed(m_selection.get(), &RoomSelection::changed);
        m_selection->selectAll();
        QCOMPARE(m_selection->count(), 9);
        QCOMPARE(changed.count(), 1);
        QCOMPARE(m_selection->requestedCount(), 1);
        QCOMPARE(m_selection->inviteCount(), 2);
        QCOMPARE(m_selection->joinedCount(), 4);
        QCOMPARE(m_selection->leftCount(), 2); // Lima and X-ray
        // Every selected room is in exactly one group.
        QCOMPARE(m_selection->requestedCount() + m_selection->inviteCount() +
                     m_selection->joinedCount() + m_selection->leftCount(),
                 m_selection->count());
        QCOMPARE(m_selection->roomIdsWith(Membership::Knock), QStringList{"!k:x.org"});
        QVERIFY(!m_selection->roomIdsWith(Membership::Leave).contains(QStringLiteral("!k:x.org")));
        QVERIFY(!m_selection->roomIdsWith(Membership::Join).contains(QStringLiteral("!k:x.org")));
        QVERIFY(!m_selection->roomIdsWith(Membership::Invite).contains(QStringLiteral("!k:x.org")));
        QCOMPARE(m_selection->roomIdsWith(Membership::Leave),
                 (QStringList{"!l:x.org", "!x:x.org"}));
        // The property QML reads.
        QCOMPARE(m_selection->property("requestedCount").toInt(), 1);

        // Accepted: the room comes back as an invite and is counted as one.
        m_store->applySync(QJsonObject{
            {"rooms",
             QJsonObject{{"invite", QJsonObject{{"!k:x.org", invited("Kilo", "@carol:x.org")}}}}}});
        QVERIFY(m_selection->isSelected(QStringLiteral("!k:x.org")));
        QCOMPARE(m_selection->requestedCount(), 0);
        QCOMPARE(m_selection->inviteCount(), 3);
        QVERIFY(m_selection->roomIdsWith(Membership::Knock).isEmpty());
        QVERIFY(m_selection->roomIdsWith(Membership::Invite).contains(QStringLiteral("!k:x.org")));
        QVERIFY(rolesAgree());
    }

    void aForgottenRoomLeavesTheSelection()
    {
        m_selection->select(rowOf(QStringLiteral("!b:x.org")));
        m_selection->select(rowOf(QStringLiteral("!l:x.org"))); // the anchor
        QCOMPARE(m_selection->count(), 2);
        QSignalSpy changed(m_selection.get(), &RoomSelection::changed);
        m_store->removeRoom(QStringLiteral("!l:x.org"));
        QCOMPARE(m_selection->count(), 1);
        QVERIFY(!m_selection->isSelected(QStringLiteral("!l:x.org")));
        QCOMPARE(m_selection->leftCount(), 0);
        QCOMPARE(m_selection->roomIds(), QStringList{"!b:x.org"});
        QCOMPARE(m_selection->anchorRow(), -1); // its room is gone
        QVERIFY(changed.count() >= 1);
        // A room of the same ID that comes back later is not selected again.
        m_store->applySync(QJsonObject{
            {"rooms", QJsonObject{{"join", QJsonObject{{"!l:x.org", joined("Lima")}}}}}});
        QVERIFY(!m_selection->isSelected(QStringLiteral("!l:x.org")));
        QVERIFY(rolesAgree());
    }

    void roomsTheFilterHidesStaySelected()
    {
        m_selection->select(rowOf(QStringLiteral("!a:x.org")));
        m_selection->select(rowOf(QStringLiteral("!j:x.org")));
        m_selection->select(rowOf(QStringLiteral("!l:x.org")));
        QSignalSpy changed(m_selection.get(), &RoomSelection::changed);
        m_proxy->setFilterText(QStringLiteral("is:invite"));
        QCOMPARE(m_proxy->rowCount(), 2);
        QCOMPARE(m_selection->count(), 3);
        QCOMPARE(m_selection->hiddenCount(), 2);
        QVERIFY(changed.count() >= 1);
        // Hidden ones last, by room ID.
        QCOMPARE(m_selection->roomIds(), (QStringList{"!j:x.org", "!a:x.org", "!l:x.org"}));
        QCOMPARE(m_selection->anchorRow(), -1); // Lima is hidden
        m_proxy->setShowLeft(false);
        m_proxy->setFilterText(QString());
        QCOMPARE(m_selection->hiddenCount(), 1); // Lima: left rooms are not shown
        QCOMPARE(m_selection->anchorRow(), -1);
        m_proxy->setShowLeft(true);
        QCOMPARE(m_selection->hiddenCount(), 0);
        QCOMPARE(m_selection->anchorRow(), rowOf(QStringLiteral("!l:x.org")));
        QCOMPARE(m_selection->roomIds(), (QStringList{"!j:x.org", "!a:x.org", "!l:x.org"}));
        QVERIFY(rolesAgree());
    }

    void selectAllSelectsTheRowsTheFilterShows()
    {
        m_selection->select(rowOf(QStringLiteral("!l:x.org")));
        m_proxy->setFilterText(QStringLiteral("from:@spam:evil.org"));
        QCOMPARE(m_proxy->rowCount(), 1);
        m_proxy->setFilterText(QStringLiteral("is:invite"));
        QSignalSpy data(m_proxy.get(), &QAbstractItemModel::dataChanged);
        m_selection->selectAll();
        QCOMPARE(selectedRowsChanged(data), (QList<int>{0, 1}));
        QCOMPARE(m_selection->count(), 3); // both invites, and Lima, hidden, still selected
        QCOMPARE(m_selection->inviteCount(), 2);
        QCOMPARE(m_selection->hiddenCount(), 1);
        QCOMPARE(m_selection->roomIdsWith(Membership::Invite),
                 (QStringList{"!i:evil.org", "!j:x.org"}));
        // Again: nothing new, so no row changes.
        data.clear();
        m_selection->selectAll();
        QVERIFY(selectedRowsChanged(data).isEmpty());
        QCOMPARE(m_selection->count(), 3);
        m_proxy->setFilterText(QString());
        QVERIFY(rolesAgree());
        QCOMPARE(m_selection->hiddenCount(), 0);
        // With a filter that is not valid nothing is shown, so nothing more is selected.
        m_proxy->setFilterText(QStringLiteral("is:nothing"));
        QVERIFY(!m_proxy->filterError().isEmpty());
        m_selection->selectAll();
        QCOMPARE(m_selection->count(), 3);
    }

    void rangesExtendFromTheAnchor()
    {
        QSignalSpy data(m_proxy.get(), &QAbstractItemModel::dataChanged);
        // No anchor yet: a range is one row, which becomes the anchor.
        m_selection->selectRange(3);
        QCOMPARE(m_selection->roomIds(), QStringList{"!b:x.org"});
        QCOMPARE(m_selection->anchorRow(), 3);
        m_selection->selectRange(5); // Bravo..Delta
        QCOMPARE(m_selection->roomIds(), (QStringList{"!b:x.org", "!c:x.org", "!d:x.org"}));
        QCOMPARE(m_selection->anchorRow(), 3); // the anchor stays
        // Upwards, across the Invites/Joined sections: only rows 0..2 are new.
        data.clear();
        m_selection->selectRange(0);
        QCOMPARE(selectedRowsChanged(data), (QList<int>{0, 1, 2}));
        QCOMPARE(m_selection->count(), 6);
        QCOMPARE(m_selection->inviteCount(), 2);
        QCOMPARE(m_selection->joinedCount(), 4);
        QVERIFY(!m_selection->isSelected(QStringLiteral("!l:x.org")));
        // A toggle moves the anchor; the next range starts there.
        m_selection->toggle(6);
        m_selection->clear();
        m_selection->toggle(6);
        m_selection->selectRange(4);
        QCOMPARE(m_selection->roomIds(), (QStringList{"!c:x.org", "!d:x.org", "!l:x.org"}));
        QVERIFY(rolesAgree());
    }

    void clearTellsExactlyTheSelectedRows()
    {
        m_selection->select(1);
        m_selection->select(4);
        m_selection->select(6);
        m_proxy->setFilterText(QStringLiteral("-lima")); // Lima hidden, still selected
        QCOMPARE(m_selection->hiddenCount(), 1);
        QSignalSpy data(m_proxy.get(), &QAbstractItemModel::dataChanged);
        QSignalSpy changed(m_selection.get(), &RoomSelection::changed);
        m_selection->clear();
        QCOMPARE(selectedRowsChanged(data), (QList<int>{1, 4}));
        QCOMPARE(m_selection->count(), 0);
        QCOMPARE(m_selection->hiddenCount(), 0);
        QCOMPARE(m_selection->anchorRow(), -1);
        QCOMPARE(m_selection->roomIds(), QStringList());
        QCOMPARE(changed.count(), 1);
        m_selection->clear(); // nothing to clear: no signal
        QCOMPARE(changed.count(), 1);
        QVERIFY(rolesAgree());
    }

    void selectAllOnTwentyThousandRooms()
    {
        constexpr int Rooms = 20000;
        QJsonObject join;
        for (int i = 0; i < Rooms; ++i)
            join.insert(QStringLiteral("!bulk-%1:x.org").arg(i),
                        joined(QStringLiteral("Bulk %1").arg(i)));
        m_tester.reset(); // the tester checks every row of every signal: not what is measured
        m_store->applySync(QJsonObject{{"rooms", QJsonObject{{"join", join}}}});
        QCOMPARE(m_proxy->rowCount(), Rooms + 7);
        QSignalSpy data(m_proxy.get(), &QAbstractItemModel::dataChanged);
        QSignalSpy changed(m_selection.get(), &RoomSelection::changed);
        QElapsedTimer timer;
        timer.start();
        m_selection->selectAll();
        const double selectAllMs = double(timer.nsecsElapsed()) / 1e6;
        timer.restart();
        const QString firstRow = m_proxy->roomIdAt(0);
        const int hidden = m_selection->hiddenCount();
        const QStringList ids = m_selection->roomIds();
        const double roomIdsMs = double(timer.nsecsElapsed()) / 1e6;
        timer.restart();
        m_proxy->setFilterText(QStringLiteral("bulk 1")); // most of them hidden now
        const double filterMs = double(timer.nsecsElapsed()) / 1e6;
        timer.restart();
        m_selection->clear();
        const double clearMs = double(timer.nsecsElapsed()) / 1e6;
        qInfo("%d rows: selectAll %.1f ms, roomIds %.1f ms, a filter with all selected %.1f ms, "
              "clear %.1f ms",
              Rooms + 7, selectAllMs, roomIdsMs, filterMs, clearMs);
        QCOMPARE(hidden, 0);
        QCOMPARE(ids.size(), Rooms + 7);
        QCOMPARE(ids.first(), firstRow); // in the list's order
        QCOMPARE(changed.count(), 3);    // selectAll, the filter, clear: one each
        // selectAll told the view in one range, not row by row.
        int selectedSignals = 0;
        for (const QList<QVariant> &args : std::as_const(data))
            selectedSignals +=
                args.at(2).value<QList<int>>().contains(RoomFilterProxy::SelectedRole);
        QCOMPARE(selectedSignals, 2); // selectAll's range, clear's range of the rows shown
        // Generous: on any machine this is milliseconds; per-row O(n) work would take minutes.
        QVERIFY2(selectAllMs < 2000, qPrintable(QString::number(selectAllMs)));
    }
};

QTEST_GUILESS_MAIN(TestRoomSelection)
#include "tst_roomselection.moc"
