// SpacesModel (issue 15): the views of the room list — all rooms, direct chats, not in a space,
// the joined spaces as a tree — with their counts, following the RoomStore as syncs change it.
#include "models/spacesmodel.h"
#include "sync/roomstore.h"

#include <QAbstractItemModelTester>
#include <QJsonDocument>
#include <QSignalSpy>
#include <QtTest>

namespace {
QJsonObject json(const char *text)
{
    return QJsonDocument::fromJson(QByteArray(text)).object();
}

// tests/unit/data/spaces_sync.json: Work (joined) > Design, Team (joined) > Standup (invite),
// Old (left); Guild (an invited space); direct chats !dm (joined) and !dminvite (invite);
// !orphan (joined, in no space).
QJsonObject spacesSync()
{
    QFile file(QFINDTESTDATA("data/spaces_sync.json"));
    if (!file.open(QIODevice::ReadOnly))
        qFatal("tests/unit/data/spaces_sync.json is missing");
    return QJsonDocument::fromJson(file.readAll()).object();
}

// "name depth joined/invited/left" per row.
QStringList rowsOf(const SpacesModel &model)
{
    QStringList rows;
    for (int i = 0; i < model.rowCount(); ++i) {
        const QVariantMap row = model.get(i);
        rows << QStringLiteral("%1 %2 %3/%4/%5")
                    .arg(row.value(QStringLiteral("name")).toString())
                    .arg(row.value(QStringLiteral("depth")).toInt())
                    .arg(row.value(QStringLiteral("joinedCount")).toInt())
                    .arg(row.value(QStringLiteral("inviteCount")).toInt())
                    .arg(row.value(QStringLiteral("leftCount")).toInt());
    }
    return rows;
}
} // namespace

class TestSpacesModel : public QObject
{
    Q_OBJECT

private slots:
    void listsTheViewsAndTheSpaceTreeWithCounts()
    {
        RoomStore store;
        store.setOwnUserId(QStringLiteral("@me:x.org"));
        SpacesModel model(&store);
        QAbstractItemModelTester tester(&model,
                                        QAbstractItemModelTester::FailureReportingMode::QtTest);
        QCOMPARE(rowsOf(model), QStringList({"All rooms 0 0/0/0", "Direct chats 0 0/0/0",
                                             "Not in a space 0 0/0/0"}));
        store.applySync(spacesSync());
        // All: 6 joined (work, team, design, dm, orphan + …), counted from the store.
        QCOMPARE(rowsOf(model),
                 QStringList({"All rooms 0 5/3/1", "Direct chats 0 1/1/0", "Not in a space 0 1/0/0",
                              "Work 0 2/1/1", "Team 1 0/1/1"}));
        QCOMPARE(model.spaceCount(), 2);
        QCOMPARE(model.scopeAt(0), QString());
        QCOMPARE(model.scopeAt(1), QStringLiteral("dm"));
        QCOMPARE(model.scopeAt(2), QStringLiteral("orphans"));
        QCOMPARE(model.rowOfScope(QStringLiteral("!team:x.org")), 4);
        const QVariantMap work = model.get(3);
        QCOMPARE(work.value(QStringLiteral("kind")).toInt(), int(SpacesModel::Space));
        QCOMPARE(work.value(QStringLiteral("roomId")).toString(), QStringLiteral("!work:x.org"));
        QCOMPARE(work.value(QStringLiteral("canonicalAlias")).toString(),
                 QStringLiteral("#work:x.org"));
        QCOMPARE(work.value(QStringLiteral("hasChildren")).toBool(), true);
        QCOMPARE(work.value(QStringLiteral("roomCount")).toInt(), 4);
        QCOMPARE(model.get(4).value(QStringLiteral("hasChildren")).toBool(), false);
    }

    void followsSyncsInPlaceOrAsANewTree()
    {
        RoomStore store;
        store.setOwnUserId(QStringLiteral("@me:x.org"));
        store.applySync(spacesSync());
        SpacesModel model(&store);
        QAbstractItemModelTester tester(&model,
                                        QAbstractItemModelTester::FailureReportingMode::QtTest);
        QSignalSpy resets(&model, &QAbstractItemModel::modelReset);
        QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);
        // Accepting the Standup invite: the same tree, counts change in place.
        store.applySync(json(R"({"rooms":{"join":{"!standup:x.org":{}}}})"));
        QCOMPARE(resets.count(), 0);
        QVERIFY(changed.count() > 0);
        QCOMPARE(rowsOf(model).mid(3), QStringList({"Work 0 3/0/1", "Team 1 1/0/1"}));
        // Joining Guild, which lists Work: Guild becomes the top, Work and Team below it.
        store.applySync(json(R"({"rooms":{"join":{"!guild:x.org":{"state":{"events":[
            {"type":"m.space.child","state_key":"!work:x.org","content":{"via":["x.org"]}}]}}}}})"));
        QCOMPARE(resets.count(), 1);
        QCOMPARE(rowsOf(model).mid(3),
                 QStringList({"Guild 0 4/0/1", "Work 1 3/0/1", "Team 2 1/0/1"}));
        // A cycle (Team lists Guild) is followed once: every space shown, no endless tree.
        store.applySync(json(R"({"rooms":{"join":{"!team:x.org":{"timeline":{"events":[
            {"type":"m.space.child","state_key":"!guild:x.org","content":{"via":["x.org"]}}]}}}}})"));
        QStringList names;
        for (int i = 3; i < model.rowCount(); ++i)
            names << model.get(i).value(QStringLiteral("name")).toString();
        names.sort();
        QCOMPARE(names, QStringList({"Guild", "Team", "Work"}));
        // Leaving every space: only the fixed views are left.
        for (const char *id : {"!guild:x.org", "!work:x.org", "!team:x.org"})
            store.applySync(QJsonObject{
                {"rooms",
                 QJsonObject{{"leave", QJsonObject{{QString::fromLatin1(id), QJsonObject{}}}}}}});
        QCOMPARE(model.rowCount(), 3);
        QCOMPARE(model.spaceCount(), 0);
    }

    void aDirectChatCountsOnceAndNotAsOutsideASpace()
    {
        RoomStore store;
        store.setOwnUserId(QStringLiteral("@me:x.org"));
        store.applySync(spacesSync());
        SpacesModel model(&store);
        // m.direct now lists the orphan: it moves from "Not in a space" to "Direct chats".
        store.applySync(json(R"({"account_data":{"events":[{"type":"m.direct",
            "content":{"@bob:x.org":["!dm:x.org","!orphan:x.org"]}}]}})"));
        QCOMPARE(rowsOf(model).mid(1, 2),
                 QStringList({"Direct chats 0 2/1/0", "Not in a space 0 0/0/0"}));
    }
};

QTEST_MAIN(TestSpacesModel)
#include "tst_spacesmodel.moc"
