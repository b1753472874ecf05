// RoomStore: /sync parsing into room summaries, the spec's room-name fallback, incremental
// updates, hostile server data (bounded, one line, no hidden characters), room upgrades.
// (RoomListModel and RoomFilterProxy, which present the store, have their own tests.)
#include "sync/roomstore.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QSignalSpy>
#include <QtTest>

namespace {
QJsonObject json(const char *text)
{
    return QJsonDocument::fromJson(QByteArray(text)).object();
}

QJsonObject initialSync()
{
    QFile file(QFINDTESTDATA("data/initial_sync.json"));
    if (!file.open(QIODevice::ReadOnly))
        qFatal("tests/unit/data/initial_sync.json is missing");
    return QJsonDocument::fromJson(file.readAll()).object();
}

QJsonObject stateEvent(const QString &type, const QJsonObject &content,
                       const QString &stateKey = {},
                       const QString &sender = QStringLiteral("@carol:x.org"))
{
    return {{QStringLiteral("type"), type},
            {QStringLiteral("state_key"), stateKey},
            {QStringLiteral("sender"), sender},
            {QStringLiteral("content"), content}};
}

// {"rooms": {section: {roomId: {key: {"events": events}}}}}
QJsonObject syncWith(const QString &section, const QString &roomId, const QJsonArray &events,
                     const QJsonObject &extra = {})
{
    QJsonObject room = extra;
    room.insert(section == QLatin1String("invite") ? QStringLiteral("invite_state")
                                                   : QStringLiteral("state"),
                QJsonObject{{QStringLiteral("events"), events}});
    return {{QStringLiteral("rooms"), QJsonObject{{section, QJsonObject{{roomId, room}}}}}};
}
// Spaces and direct chats: a joined space "Work" (#work:x.org) with a room and a joined
// sub-space "Team" (an invite and a left room in it), m.direct, a direct invite, a space invite.
QJsonObject spacesSync()
{
    QFile file(QFINDTESTDATA("data/spaces_sync.json"));
    if (!file.open(QIODevice::ReadOnly))
        qFatal("tests/unit/data/spaces_sync.json is missing");
    return QJsonDocument::fromJson(file.readAll()).object();
}

// A pending knock on !k:x.org as the classic /sync lists it.
QJsonObject knockSync()
{
    const QJsonArray events{
        stateEvent(QStringLiteral("m.room.name"),
                   {{QStringLiteral("name"), QStringLiteral("Ask first")}}),
        stateEvent(QStringLiteral("m.room.canonical_alias"),
                   {{QStringLiteral("alias"), QStringLiteral("#ask:x.org")}}),
        stateEvent(QStringLiteral("m.room.avatar"),
                   {{QStringLiteral("url"), QStringLiteral("mxc://x.org/knockAvatar")}}),
        stateEvent(QStringLiteral("m.room.join_rules"),
                   {{QStringLiteral("join_rule"), QStringLiteral("knock")}}),
        stateEvent(QStringLiteral("m.room.member"),
                   {{QStringLiteral("membership"), QStringLiteral("knock")}},
                   QStringLiteral("@me:x.org"), QStringLiteral("@me:x.org"))};
    return {{QStringLiteral("rooms"),
             QJsonObject{
                 {QStringLiteral("knock"),
                  QJsonObject{{QStringLiteral("!k:x.org"),
                               QJsonObject{{QStringLiteral("knock_state"),
                                            QJsonObject{{QStringLiteral("events"), events}}}}}}}}}};
}
} // namespace

class TestRoomStore : public QObject
{
    Q_OBJECT

    std::unique_ptr<RoomStore> m_store;

    QString nameOf(const char *roomId)
    {
        const RoomSummary *room = m_store->find(QString::fromLatin1(roomId));
        return room ? room->displayName() : QStringLiteral("<missing>");
    }

private slots:
    void init()
    {
        m_store = std::make_unique<RoomStore>();
        m_store->setOwnUserId(QStringLiteral("@me:x.org"));
        m_store->applySync(initialSync());
    }

    void parsesEverySection()
    {
        QCOMPARE(m_store->size(), 7);
        QCOMPARE(m_store->count(Membership::Join), 5);
        QCOMPARE(m_store->count(Membership::Invite), 1);
        QCOMPARE(m_store->count(Membership::Leave), 1);
        const RoomSummary *design = m_store->find(QStringLiteral("!named:x.org"));
        QVERIFY(design);
        QCOMPARE(design->canonicalAlias, QStringLiteral("#design:x.org"));
        QCOMPARE(design->topic, QStringLiteral("Pixels"));
        QCOMPARE(design->avatarMxc, QStringLiteral("mxc://x.org/abcDEF_123-x"));
        QCOMPARE(design->joinedMemberCount, 12);
        QCOMPARE(design->invitedMemberCount, 1);
        const RoomSummary *invite = m_store->find(QStringLiteral("!inv:x.org"));
        QVERIFY(invite->membership == Membership::Invite);
        QCOMPARE(invite->inviterId, QStringLiteral("@carol:x.org"));
        QCOMPARE(invite->memberDisplayName(invite->inviterId), QStringLiteral("Carol"));
        QCOMPARE(invite->joinedMemberCount, -1);
        QVERIFY(m_store->find(QStringLiteral("!old:x.org"))->membership == Membership::Leave);
    }

    // A room we forgot is not brought back by the leave it followed arriving late in a /sync
    // answer; an invite to it afterwards is shown.
    void aForgottenRoomStaysGoneUntilInvitedAgain()
    {
        RoomStore store;
        const QString id = QStringLiteral("!gone:x.org");
        const QJsonArray named{stateEvent(QStringLiteral("m.room.name"),
                                          {{QStringLiteral("name"), QStringLiteral("Gone")}})};
        store.applySync(syncWith(QStringLiteral("join"), id, named));
        QVERIFY(store.find(id));
        store.forgetRoom(id);
        QVERIFY(!store.find(id));
        store.applySync(syncWith(QStringLiteral("leave"), id, named));
        QVERIFY(!store.find(id));
        QCOMPARE(store.skippedRooms(), 0); // not a malformed room
        store.applySync(syncWith(QStringLiteral("invite"), id, named));
        QVERIFY(store.find(id));
        QVERIFY(store.find(id)->membership == Membership::Invite);
        // No longer forgotten: a leave (the invite declined) shows again.
        store.applySync(syncWith(QStringLiteral("leave"), id, named));
        QVERIFY(store.find(id)->membership == Membership::Leave);
        // Forgotten again, then invited and the invite declined within one answer: left.
        store.forgetRoom(id);
        store.applySync(
            json(R"({"rooms":{"invite":{"!gone:x.org":{}},"leave":{"!gone:x.org":{}}}})"));
        QVERIFY(store.find(id));
        QVERIFY(store.find(id)->membership == Membership::Leave);
    }
    void nameFallbackOrder()
    {
        QCOMPARE(nameOf("!named:x.org"), QStringLiteral("Design"));
        QCOMPARE(nameOf("!aliased:x.org"), QStringLiteral("#only-alias:x.org"));
        QCOMPARE(nameOf("!heroes:x.org"), QStringLiteral("Bob, @carol:x.org and 2 others"));
        QCOMPARE(nameOf("!empty:x.org"), QStringLiteral("Empty room"));
        QCOMPARE(nameOf("!old:x.org"), QStringLiteral("Old project"));
    }

    void htmlNamesStayLiteral()
    {
        QCOMPARE(nameOf("!html:x.org"), QStringLiteral("<b>x</b><img src=http://evil/>"));
    }

    void incrementalSyncUpdatesRowsInPlace()
    {
        QSignalSpy reset(m_store.get(), &RoomStore::reset);
        QSignalSpy inserted(m_store.get(), &RoomStore::roomsInserted);
        QSignalSpy changed(m_store.get(), &RoomStore::roomsChanged);
        QSignalSpy counts(m_store.get(), &RoomStore::countsChanged);
        const int designRow = m_store->indexOf(QStringLiteral("!named:x.org"));
        const int inviteRow = m_store->indexOf(QStringLiteral("!inv:x.org"));
        m_store->applySync(json(R"({"next_batch":"s2","rooms":{
            "join":{"!named:x.org":{"timeline":{"events":[
                {"type":"m.room.name","state_key":"","content":{"name":"Design v2"}}]}},
                    "!inv:x.org":{"summary":{"m.joined_member_count":4}}},
            "invite":{"!new:x.org":{"invite_state":{"events":[]}}}}})"));
        QCOMPARE(reset.count(), 0);
        QCOMPARE(inserted.count(), 1);
        QCOMPARE(inserted.first().at(0).toInt(), 7);
        QCOMPARE(changed.count(), 1);
        QList<int> rows = changed.first().at(0).value<QList<int>>();
        std::sort(rows.begin(), rows.end());
        QList<int> expected{designRow, inviteRow};
        std::sort(expected.begin(), expected.end());
        QCOMPARE(rows, expected);
        QCOMPARE(counts.count(), 1);
        QCOMPARE(m_store->indexOf(QStringLiteral("!named:x.org")), designRow);
        QCOMPARE(nameOf("!named:x.org"), QStringLiteral("Design v2"));
        // The invite was accepted elsewhere: same row, now joined, its name kept.
        QVERIFY(m_store->find(QStringLiteral("!inv:x.org"))->membership == Membership::Join);
        QCOMPARE(nameOf("!inv:x.org"), QStringLiteral("Book club"));
        QCOMPARE(m_store->count(Membership::Invite), 1);
        QCOMPARE(m_store->count(Membership::Join), 6);
    }

    void malformedRoomsAreSkippedAlone()
    {
        RoomStore store;
        store.applySync(json(R"({"rooms":{"join":{
            "!good:x.org":{"state":{"events":[{"type":"m.room.name","state_key":"","content":{"name":"Good"}}]}},
            "!bad1:x.org":"not an object",
            "not-a-room-id":{},
            "!bad2:x.org":{"state":{"events":"nope"},"summary":{"m.heroes":"x","m.joined_member_count":"many"}},
            "!bad3:x.org":{"state":{"events":[5,null,{"type":"m.room.name","state_key":"","content":{"name":42}}]}}
        }, "invite": [1,2,3]}})"));
        QCOMPARE(store.find(QStringLiteral("!good:x.org"))->displayName(), QStringLiteral("Good"));
        QVERIFY(store.find(QStringLiteral("!bad2:x.org")));
        QCOMPARE(store.find(QStringLiteral("!bad2:x.org"))->joinedMemberCount, -1);
        QCOMPARE(store.find(QStringLiteral("!bad3:x.org"))->displayName(),
                 QStringLiteral("Empty room"));
        QCOMPARE(store.skippedRooms(), 2);
        QCOMPARE(store.size(), 3);
    }

    // The same read from the answer's text, as the sync engine reads it (room by room): the
    // same rooms skipped, the same rows.
    void malformedRoomsAreSkippedAloneFromText()
    {
        RoomStore store;
        QString error;
        const SyncResponse response = SyncResponse::fromText(R"({"rooms":{"join":{
            "!good:x.org":{"state":{"events":[{"type":"m.room.name","state_key":"","content":{"name":"Good"}}]}},
            "!bad1:x.org":"not an object",
            "not-a-room-id":{},
            "!bad2:x.org":{"state":{"events":"nope"},"summary":{"m.heroes":"x","m.joined_member_count":"many"}}
        }, "invite": [1,2,3]}})",
                                                             &error);
        QVERIFY2(error.isEmpty(), qPrintable(error));
        QCOMPARE(store.applySync(response), 2);
        QCOMPARE(store.find(QStringLiteral("!good:x.org"))->displayName(), QStringLiteral("Good"));
        QCOMPARE(store.skippedRooms(), 2);
        QCOMPARE(store.size(), 2);
    }

    // A room whose text is not valid JSON breaks the answer as a whole (Qt would not have read
    // any of it): nothing of it is applied, not even the rooms before the broken one.
    void anAnswerWithABrokenRoomChangesNothing()
    {
        RoomStore store;
        store.applySync(json(R"({"rooms":{"join":{"!a:x.org":{"state":{"events":[
            {"type":"m.room.name","state_key":"","content":{"name":"Before"}}]}}}}})"));
        QSignalSpy changed(&store, &RoomStore::roomsChanged);
        QSignalSpy inserted(&store, &RoomStore::roomsInserted);
        QString error;
        const SyncResponse response = SyncResponse::fromText(R"({"next_batch":"s2","rooms":{"join":{
            "!a:x.org":{"state":{"events":[{"type":"m.room.name","state_key":"","content":{"name":"After"}}]}},
            "!new:x.org":{}, "not-a-room-id":{},
            "!broken:x.org":{"timeline":{"events":[{"type":"m.room.name",}]}}}}})",
                                                             &error);
        QVERIFY2(error.isEmpty(), qPrintable(error)); // found only when the room is read
        QCOMPARE(store.applySync(response), -1);
        QCOMPARE(store.size(), 1);
        QCOMPARE(store.find(QStringLiteral("!a:x.org"))->displayName(), QStringLiteral("Before"));
        QCOMPARE(changed.count(), 0);
        QCOMPARE(inserted.count(), 0);
        QCOMPARE(store.skippedRooms(), 0); // not even counted: the answer was not read
    }

    void hugeNamesAreBounded()
    {
        RoomStore store;
        const QString huge(5 * 1024 * 1024, QLatin1Char('x'));
        store.applySync(syncWith(
            QStringLiteral("join"), QStringLiteral("!big:x.org"),
            {stateEvent(QStringLiteral("m.room.name"), {{QStringLiteral("name"), huge}}),
             stateEvent(QStringLiteral("m.room.topic"), {{QStringLiteral("topic"), huge}})}));
        QCOMPARE(store.find(QStringLiteral("!big:x.org"))->name.size(), 1024);
        QCOMPARE(store.find(QStringLiteral("!big:x.org"))->topic.size(), 1024);
    }

    void hostileTextIsNeutralised_data()
    {
        QTest::addColumn<QString>("serverText");
        QTest::addColumn<QString>("shown");
        QTest::newRow("RLO") << QStringLiteral("evil\u202Egnp.exe")
                             << QStringLiteral("evilgnp.exe");
        QTest::newRow("line separator tail") << QStringLiteral("Team\u2028\u2028\u2028hidden tail")
                                             << QStringLiteral("Team hidden tail");
        QTest::newRow("paragraph separator") << QStringLiteral("a\u2029b") << QStringLiteral("a b");
        QTest::newRow("NEL and CRLF") << QStringLiteral("a\u0085b\r\nc") << QStringLiteral("a b c");
        QTest::newRow("arabic letter mark")
            << QStringLiteral("ab\u061Ccd") << QStringLiteral("abcd");
        QTest::newRow("isolates") << QStringLiteral("\u2066L\u2067R\u2068F\u2069x")
                                  << QStringLiteral("LRFx");
        QTest::newRow("LRM RLM") << QStringLiteral("\u200Eab\u200Fc") << QStringLiteral("abc");
        QTest::newRow("zero width space")
            << QStringLiteral("ad\u200Bmin") << QStringLiteral("admin");
        QTest::newRow("terminal escapes")
            << QStringLiteral("x\x1b[2J\x1b]0;t\x07y\u009b31m") << QStringLiteral("x[2J]0;ty31m");
        QTest::newRow("mixed") << QStringLiteral("ad\u200Bmin\u2066x\u2069 \u0007bell\nline")
                               << QStringLiteral("adminx bell line");
        QTest::newRow("emoji joiners kept") << QStringLiteral("team \U0001F469\u200D\U0001F4BB")
                                            << QStringLiteral("team \U0001F469\u200D\U0001F4BB");
    }
    void hostileTextIsNeutralised()
    {
        // Every server string the store keeps for display: room name, topic, the display names
        // of heroes (the name fallback) and of the inviter.
        QFETCH(QString, serverText);
        QFETCH(QString, shown);
        RoomStore store;
        store.setOwnUserId(QStringLiteral("@me:x.org"));
        store.applySync(syncWith(
            QStringLiteral("join"), QStringLiteral("!named:x.org"),
            {stateEvent(QStringLiteral("m.room.name"), {{QStringLiteral("name"), serverText}}),
             stateEvent(QStringLiteral("m.room.topic"), {{QStringLiteral("topic"), serverText}})}));
        store.applySync(syncWith(
            QStringLiteral("join"), QStringLiteral("!dm:x.org"),
            {stateEvent(QStringLiteral("m.room.member"),
                        {{QStringLiteral("membership"), QStringLiteral("join")},
                         {QStringLiteral("displayname"), serverText}},
                        QStringLiteral("@bob:x.org"))},
            {{QStringLiteral("summary"),
              QJsonObject{{QStringLiteral("m.heroes"), QJsonArray{QStringLiteral("@bob:x.org")}},
                          {QStringLiteral("m.joined_member_count"), 2}}}}));
        store.applySync(
            syncWith(QStringLiteral("invite"), QStringLiteral("!inv:x.org"),
                     {stateEvent(QStringLiteral("m.room.member"),
                                 {{QStringLiteral("membership"), QStringLiteral("join")},
                                  {QStringLiteral("displayname"), serverText}},
                                 QStringLiteral("@carol:x.org")),
                      stateEvent(QStringLiteral("m.room.member"),
                                 {{QStringLiteral("membership"), QStringLiteral("invite")}},
                                 QStringLiteral("@me:x.org"))}));

        const RoomSummary *named = store.find(QStringLiteral("!named:x.org"));
        QCOMPARE(named->displayName(), shown);
        QCOMPARE(named->topic, shown);
        QCOMPARE(store.find(QStringLiteral("!dm:x.org"))->displayName(), shown);
        const RoomSummary *invite = store.find(QStringLiteral("!inv:x.org"));
        QCOMPARE(invite->memberDisplayName(QStringLiteral("@carol:x.org")), shown);
        QCOMPARE(invite->displayName(), QStringLiteral("Invite from %1").arg(shown));
    }

    void aliasesWithHiddenCharactersAreNotShown()
    {
        // An alias is an identifier: cleaning it would show another alias, so it is dropped and
        // the name falls back to the members / "Empty room".
        RoomStore store;
        for (const QString &alias :
             {QStringLiteral("#pay\u202Epal:x.org"), QStringLiteral("#a\x1b[2J:x.org"),
              QStringLiteral("#a\u2028tail:x.org"), QStringLiteral("#a\u200Bb:x.org")}) {
            store.applySync(syncWith(QStringLiteral("join"), QStringLiteral("!r:x.org"),
                                     {stateEvent(QStringLiteral("m.room.canonical_alias"),
                                                 {{QStringLiteral("alias"), alias}})}));
            QCOMPARE(store.find(QStringLiteral("!r:x.org"))->canonicalAlias, QString());
            QCOMPARE(store.find(QStringLiteral("!r:x.org"))->displayName(),
                     QStringLiteral("Empty room"));
        }
        // Non-Latin aliases are fine.
        const QString unicode = QStringLiteral("#café-東京:x.org");
        store.applySync(syncWith(QStringLiteral("join"), QStringLiteral("!r:x.org"),
                                 {stateEvent(QStringLiteral("m.room.canonical_alias"),
                                             {{QStringLiteral("alias"), unicode}})}));
        QCOMPARE(store.find(QStringLiteral("!r:x.org"))->canonicalAlias, unicode);
    }

    void upgradesNeedBothSidesAndStopAtCycles()
    {
        RoomStore store;
        store.applySync(json(R"({"rooms":{"join":{
            "!old:x.org":{"state":{"events":[{"type":"m.room.tombstone","state_key":"","content":{"replacement_room":"!new:x.org","body":"moved"}}]}},
            "!new:x.org":{"state":{"events":[{"type":"m.room.create","state_key":"","content":{"predecessor":{"room_id":"!old:x.org"}}},
                                             {"type":"m.room.tombstone","state_key":"","content":{"replacement_room":"!newest:x.org"}}]}},
            "!newest:x.org":{"state":{"events":[{"type":"m.room.create","state_key":"","content":{"predecessor":{"room_id":"!new:x.org"}}}]}},
            "!liar:x.org":{"state":{"events":[{"type":"m.room.tombstone","state_key":"","content":{"replacement_room":"!victim:x.org"}}]}},
            "!victim:x.org":{"state":{"events":[{"type":"m.room.create","state_key":"","content":{}}]}},
            "!a:x.org":{"state":{"events":[{"type":"m.room.tombstone","state_key":"","content":{"replacement_room":"!b:x.org"}},
                                           {"type":"m.room.create","state_key":"","content":{"predecessor":{"room_id":"!b:x.org"}}}]}},
            "!b:x.org":{"state":{"events":[{"type":"m.room.tombstone","state_key":"","content":{"replacement_room":"!a:x.org"}},
                                           {"type":"m.room.create","state_key":"","content":{"predecessor":{"room_id":"!a:x.org"}}}]}}
        }}})"));
        QCOMPARE(store.successorOf(QStringLiteral("!old:x.org")), QStringLiteral("!new:x.org"));
        QCOMPARE(store.latestSuccessorOf(QStringLiteral("!old:x.org")),
                 QStringLiteral("!newest:x.org"));
        QCOMPARE(store.latestSuccessorOf(QStringLiteral("!newest:x.org")), QString());
        // One-sided: the "replacement" never claimed this room as its predecessor.
        QCOMPARE(store.successorOf(QStringLiteral("!liar:x.org")), QString());
        // A cycle terminates (and names the other room, not itself).
        QCOMPARE(store.latestSuccessorOf(QStringLiteral("!a:x.org")), QStringLiteral("!b:x.org"));
    }

    void hugeMemberCountsDoNotOverflow()
    {
        // Found by fuzzing (UBSan): joined + invited counts summed in an int.
        RoomStore store;
        store.applySync(json(R"({"rooms":{"join":{"!big:x.org":{"summary":{
            "m.heroes":["@a:x.org"],"m.joined_member_count":2147483647,"m.invited_member_count":2147483647}}}}})"));
        QCOMPARE(store.find(QStringLiteral("!big:x.org"))->displayName(),
                 QStringLiteral("@a:x.org and 4294967292 others"));
    }

    void forgetRemovesRow()
    {
        QSignalSpy removed(m_store.get(), &RoomStore::roomRemoved);
        QSignalSpy counts(m_store.get(), &RoomStore::countsChanged);
        const int row = m_store->indexOf(QStringLiteral("!old:x.org"));
        m_store->removeRoom(QStringLiteral("!old:x.org"));
        QCOMPARE(removed.count(), 1);
        QCOMPARE(removed.first().at(0).toInt(), row);
        QCOMPARE(counts.count(), 1);
        QCOMPARE(m_store->find(QStringLiteral("!old:x.org")), nullptr);
        QCOMPARE(m_store->count(Membership::Leave), 0);
        // Every other room is still found at its (possibly shifted) row.
        for (int i = 0; i < m_store->size(); ++i)
            QCOMPARE(m_store->indexOf(m_store->at(i).roomId), i);
        m_store->removeRoom(QStringLiteral("!old:x.org")); // unknown now: nothing happens
        QCOMPARE(removed.count(), 1);
    }

    void anInventoryDropsOnlyLeftRoomsItNoLongerLists()
    {
        RoomStore store;
        store.applySync(json(R"({"rooms":{
            "join":{"!j:x.org":{}},
            "invite":{"!i:x.org":{"invite_state":{"events":[]}}},
            "leave":{"!kept:x.org":{},"!gone:x.org":{}}}})"));
        QCOMPARE(store.size(), 4);
        // The inventory lists neither the joined room nor the invite (they may be newer than
        // it): they stay. Of the left rooms, the one it still lists stays.
        const QStringList dropped =
            store.dropForgotten(json(R"({"rooms":{"leave":{"!kept:x.org":{}}}})"));
        QCOMPARE(dropped, QStringList{QStringLiteral("!gone:x.org")});
        QCOMPARE(store.find(QStringLiteral("!gone:x.org")), nullptr);
        QVERIFY(store.find(QStringLiteral("!kept:x.org")));
        QVERIFY(store.find(QStringLiteral("!j:x.org")));
        QVERIFY(store.find(QStringLiteral("!i:x.org")));
        // An answer without a rooms object drops nothing.
        QCOMPARE(store.dropForgotten(json(R"({"next_batch":"s"})")), QStringList());
        QCOMPARE(store.size(), 3);
        // Listing only the joined room: the last left room goes too.
        QCOMPARE(store.dropForgotten(json(R"({"rooms":{"join":{"!j:x.org":{}}}})")),
                 QStringList{QStringLiteral("!kept:x.org")});
        QCOMPARE(store.size(), 2);
    }

    // --- Knocking (issue 13) -------------------------------------------------------------------

    // rooms.knock: a pending knock, shown from its knock_state (stripped state ending with our
    // own knock): name, alias, avatar.
    void aKnockIsARoomWithMembershipKnock()
    {
        RoomStore store;
        store.setOwnUserId(QStringLiteral("@me:x.org"));
        QSignalSpy counts(&store, &RoomStore::countsChanged);
        QCOMPARE(store.applySync(knockSync()), 1);
        const RoomSummary *room = store.find(QStringLiteral("!k:x.org"));
        QVERIFY(room);
        QCOMPARE(int(room->membership), int(Membership::Knock));
        QCOMPARE(room->name, QStringLiteral("Ask first"));
        QCOMPARE(room->displayName(), QStringLiteral("Ask first"));
        QCOMPARE(room->canonicalAlias, QStringLiteral("#ask:x.org"));
        QCOMPARE(room->avatarMxc, QStringLiteral("mxc://x.org/knockAvatar"));
        QCOMPARE(store.count(Membership::Knock), 1);
        QCOMPARE(store.count(Membership::Join), 0);
        QCOMPARE(store.count(Membership::Leave), 0);
        QCOMPARE(counts.count(), 1);
        QCOMPARE(store.skippedRooms(), 0);
    }

    // An initial sync that lists the knock keeps it (retainOnly reads rooms.knock too).
    void retainOnlyKeepsKnocks()
    {
        m_store->applySync(knockSync());
        QVERIFY(m_store->find(QStringLiteral("!k:x.org")));
        QJsonObject inventory = initialSync();
        QJsonObject rooms = inventory.value(QStringLiteral("rooms")).toObject();
        rooms.insert(
            QStringLiteral("knock"),
            knockSync().value(QStringLiteral("rooms")).toObject().value(QStringLiteral("knock")));
        inventory.insert(QStringLiteral("rooms"), rooms);
        QCOMPARE(m_store->retainOnly(inventory), QStringList());
        QCOMPARE(int(m_store->find(QStringLiteral("!k:x.org"))->membership),
                 int(Membership::Knock));
        // One that no longer lists it (withdrawn and forgotten elsewhere): gone.
        QCOMPARE(m_store->retainOnly(initialSync()), QStringList{QStringLiteral("!k:x.org")});
        QCOMPARE(m_store->find(QStringLiteral("!k:x.org")), nullptr);
    }

    // Accepted: the room comes back as an invite, then a join; the same row all along.
    void aKnockBecomesAnInviteThenAJoin()
    {
        m_store->applySync(knockSync());
        const int row = m_store->indexOf(QStringLiteral("!k:x.org"));
        QVERIFY(row >= 0);
        const int size = m_store->size();
        QSignalSpy changed(m_store.get(), &RoomStore::roomsChanged);
        QSignalSpy counts(m_store.get(), &RoomStore::countsChanged);
        m_store->applySync(
            syncWith(QStringLiteral("invite"), QStringLiteral("!k:x.org"),
                     {stateEvent(QStringLiteral("m.room.name"),
                                 {{QStringLiteral("name"), QStringLiteral("Ask first")}}),
                      stateEvent(QStringLiteral("m.room.member"),
                                 {{QStringLiteral("membership"), QStringLiteral("invite")}},
                                 QStringLiteral("@me:x.org"), QStringLiteral("@owner:x.org"))}));
        QCOMPARE(int(m_store->find(QStringLiteral("!k:x.org"))->membership),
                 int(Membership::Invite));
        QCOMPARE(m_store->indexOf(QStringLiteral("!k:x.org")), row);
        QCOMPARE(m_store->size(), size);
        QCOMPARE(m_store->count(Membership::Knock), 0);
        QCOMPARE(changed.count(), 1);
        QCOMPARE(counts.count(), 1);
        m_store->applySync(syncWith(QStringLiteral("join"), QStringLiteral("!k:x.org"), {}));
        const RoomSummary *room = m_store->find(QStringLiteral("!k:x.org"));
        QCOMPARE(int(room->membership), int(Membership::Join));
        QCOMPARE(room->displayName(), QStringLiteral("Ask first")); // what the knock showed
        QCOMPARE(m_store->indexOf(QStringLiteral("!k:x.org")), row);
    }

    // Withdrawn (or denied): the room comes back as a leave.
    void aKnockThenALeaveIsLeft()
    {
        m_store->applySync(knockSync());
        const int knocks = m_store->count(Membership::Knock);
        const int left = m_store->count(Membership::Leave);
        m_store->applySync(syncWith(QStringLiteral("leave"), QStringLiteral("!k:x.org"), {}));
        QCOMPARE(int(m_store->find(QStringLiteral("!k:x.org"))->membership),
                 int(Membership::Leave));
        QCOMPARE(m_store->count(Membership::Knock), knocks - 1);
        QCOMPARE(m_store->count(Membership::Leave), left + 1);
        QCOMPARE(m_store->find(QStringLiteral("!k:x.org"))->displayName(),
                 QStringLiteral("Ask first"));
    }

    // The spec lists a room we were banned from under "leave": our member event tells it apart,
    // and the ban lasts until a member event of ours lifts it.
    void aBanInTheLeaveSectionIsABan()
    {
        const QString me = QStringLiteral("@me:x.org");
        const QString room = QStringLiteral("!banned:x.org");
        const QJsonObject ban = stateEvent(QStringLiteral("m.room.member"),
                                           {{QStringLiteral("membership"), QStringLiteral("ban")},
                                            {QStringLiteral("reason"), QStringLiteral("spam")}},
                                           me, QStringLiteral("@mod:x.org"));
        m_store->applySync(syncWith(QStringLiteral("leave"), room, {ban}));
        QCOMPARE(int(m_store->find(room)->membership), int(Membership::Ban));
        // Mentioned again without our member event: still banned.
        m_store->applySync(syncWith(QStringLiteral("leave"), room, {}));
        QCOMPARE(int(m_store->find(room)->membership), int(Membership::Ban));
        // Unbanned: our membership becomes leave.
        const QJsonObject unban =
            stateEvent(QStringLiteral("m.room.member"),
                       {{QStringLiteral("membership"), QStringLiteral("leave")}}, me,
                       QStringLiteral("@mod:x.org"));
        m_store->applySync(syncWith(QStringLiteral("leave"), room, {unban}));
        QCOMPARE(int(m_store->find(room)->membership), int(Membership::Leave));
        // Someone else's ban in a room we left is not ours.
        const QJsonObject otherBan =
            stateEvent(QStringLiteral("m.room.member"),
                       {{QStringLiteral("membership"), QStringLiteral("ban")}},
                       QStringLiteral("@spammer:x.org"), QStringLiteral("@mod:x.org"));
        m_store->applySync(syncWith(QStringLiteral("leave"), room, {otherBan}));
        QCOMPARE(int(m_store->find(room)->membership), int(Membership::Leave));
    }

    // --- Spaces and direct chats (issue 15) ---
    void spacesAndDirectChatsFromASync()
    {
        RoomStore store;
        store.setOwnUserId(QStringLiteral("@me:x.org"));
        QSignalSpy spaces(&store, &RoomStore::spacesChanged);
        store.applySync(spacesSync());
        QCOMPARE(spaces.count(), 1);
        const auto room = [&](const char *id) { return store.find(QString::fromLatin1(id)); };
        QVERIFY(room("!work:x.org")->isSpace());
        QVERIFY(room("!team:x.org")->isSpace());
        QVERIFY(room("!guild:x.org")->isSpace()); // an invite's stripped m.room.create
        QVERIFY(!room("!design:x.org")->isSpace());
        QCOMPARE(room("!design:x.org")->roomType, QString());
        // Children need a non-empty via and a valid room ID.
        QCOMPARE(room("!work:x.org")->childIds,
                 QStringList({QStringLiteral("!design:x.org"), QStringLiteral("!team:x.org")}));
        QCOMPARE(room("!team:x.org")->parentIds, QStringList{QStringLiteral("!work:x.org")});
        QCOMPARE(room("!orphan:x.org")->parentIds, QStringList{QStringLiteral("!work:x.org")});
        // Grouping follows the joined spaces' children, not a room's own parent claim.
        QCOMPARE(store.joinedSpaceIds().size(), 2);
        QVERIFY(!store.joinedSpaceIds().contains(QStringLiteral("!guild:x.org")));
        QCOMPARE(store.spacesOf(QStringLiteral("!design:x.org")),
                 QStringList{QStringLiteral("!work:x.org")});
        QCOMPARE(store.spacesOf(QStringLiteral("!standup:x.org")),
                 QStringList{QStringLiteral("!team:x.org")});
        QVERIFY(!store.isInAnySpace(QStringLiteral("!orphan:x.org")));
        const QSet<QString> inWork{QStringLiteral("!design:x.org"), QStringLiteral("!team:x.org"),
                                   QStringLiteral("!standup:x.org"), QStringLiteral("!old:x.org")};
        QCOMPARE(store.roomsInSpace(QStringLiteral("!work:x.org")), inWork);
        QCOMPARE(store.roomsInSpace(QStringLiteral("!guild:x.org")), QSet<QString>());
        // A space by ID, alias (any case) or name (any case).
        QCOMPARE(store.resolveSpaces(QStringLiteral("#WORK:x.org")),
                 QStringList{QStringLiteral("!work:x.org")});
        QCOMPARE(store.resolveSpaces(QStringLiteral("team")),
                 QStringList{QStringLiteral("!team:x.org")});
        QCOMPARE(store.resolveSpaces(QStringLiteral("!guild:x.org")),
                 QStringList{QStringLiteral("!guild:x.org")});
        QCOMPARE(store.resolveSpaces(QStringLiteral("Design")), QStringList()); // not a space
        // Direct chats: m.direct (bad user IDs and room IDs ignored), and a direct invite.
        QVERIFY(room("!dm:x.org")->isDirect());
        QVERIFY(room("!dminvite:x.org")->isDirect());
        QVERIFY(!room("!orphan:x.org")->isDirect());
        QVERIFY(!room("!standup:x.org")->isDirect());
        QCOMPARE(store.directRoomIds(),
                 QSet<QString>({QStringLiteral("!dm:x.org"), QStringLiteral("!dmlater:x.org")}));
    }

    void spaceChildrenFollowLaterSyncs()
    {
        RoomStore store;
        store.setOwnUserId(QStringLiteral("@me:x.org"));
        store.applySync(spacesSync());
        QSignalSpy spaces(&store, &RoomStore::spacesChanged);
        // A change in a plain room says nothing about spaces.
        store.applySync(syncWith(QStringLiteral("join"), QStringLiteral("!design:x.org"),
                                 {stateEvent(QStringLiteral("m.room.topic"),
                                             {{QStringLiteral("topic"), QStringLiteral("t")}})}));
        QCOMPARE(spaces.count(), 0);
        // The team is removed from the space (content {}), the orphan added, in the timeline.
        QJsonObject timeline{
            {QStringLiteral("timeline"),
             QJsonObject{{QStringLiteral("events"),
                          QJsonArray{stateEvent(QStringLiteral("m.space.child"), {},
                                                QStringLiteral("!team:x.org")),
                                     stateEvent(QStringLiteral("m.space.child"),
                                                {{QStringLiteral("via"), QJsonArray{"x.org"}}},
                                                QStringLiteral("!orphan:x.org"))}}}}};
        store.applySync(
            syncWith(QStringLiteral("join"), QStringLiteral("!work:x.org"), {}, timeline));
        QCOMPARE(spaces.count(), 1);
        QCOMPARE(store.roomsInSpace(QStringLiteral("!work:x.org")),
                 QSet<QString>({QStringLiteral("!design:x.org"), QStringLiteral("!orphan:x.org")}));
        QVERIFY(store.spacesOf(QStringLiteral("!team:x.org")).isEmpty());
        // Leaving a space: its children no longer group the list.
        store.applySync(
            syncWith(QStringLiteral("leave"), QStringLiteral("!team:x.org"),
                     {stateEvent(QStringLiteral("m.room.member"),
                                 {{QStringLiteral("membership"), QStringLiteral("leave")}},
                                 QStringLiteral("@me:x.org"), QStringLiteral("@me:x.org"))}));
        QCOMPARE(spaces.count(), 2);
        QVERIFY(store.spacesOf(QStringLiteral("!standup:x.org")).isEmpty());
        QCOMPARE(store.joinedSpaceIds(), QStringList{QStringLiteral("!work:x.org")});
    }

    void mDirectReplacesTheMapAndMarksEveryRoom()
    {
        RoomStore store;
        store.setOwnUserId(QStringLiteral("@me:x.org"));
        store.applySync(spacesSync());
        QSignalSpy changed(&store, &RoomStore::roomsChanged);
        // Only m.direct: the rooms it no longer / newly lists change without being in "rooms".
        store.applySync(json(R"({"account_data":{"events":[{"type":"m.direct",
            "content":{"@eve:x.org":["!orphan:x.org","!dmlater:x.org"]}}]}})"));
        QCOMPARE(changed.count(), 1);
        QList<int> rows = changed.first().first().value<QList<int>>();
        std::sort(rows.begin(), rows.end());
        QList<int> expected{store.indexOf(QStringLiteral("!dm:x.org")),
                            store.indexOf(QStringLiteral("!orphan:x.org"))};
        std::sort(expected.begin(), expected.end());
        QCOMPARE(rows, expected);
        QVERIFY(!store.find(QStringLiteral("!dm:x.org"))->isDirect());
        QVERIFY(store.find(QStringLiteral("!orphan:x.org"))->isDirect());
        // A room the map named before the room arrived is direct when it does.
        store.applySync(syncWith(QStringLiteral("join"), QStringLiteral("!dmlater:x.org"), {}));
        QVERIFY(store.find(QStringLiteral("!dmlater:x.org"))->isDirect());
        // The same map again changes nothing.
        changed.clear();
        store.applySync(json(R"({"account_data":{"events":[{"type":"m.direct",
            "content":{"@eve:x.org":["!dmlater:x.org","!orphan:x.org"]}}]}})"));
        QCOMPARE(changed.count(), 0);
        // Accepting a direct invite: a joined room is direct only if m.direct lists it.
        store.applySync(syncWith(QStringLiteral("join"), QStringLiteral("!dminvite:x.org"), {}));
        QVERIFY(!store.find(QStringLiteral("!dminvite:x.org"))->isDirect());
    }

    void restoreKeepsDirectChatsAndSpaces()
    {
        RoomStore first;
        first.setOwnUserId(QStringLiteral("@me:x.org"));
        first.applySync(spacesSync());
        QList<RoomSummary> saved;
        for (int i = 0; i < first.size(); ++i)
            saved << first.at(i);
        RoomStore store;
        QSignalSpy spaces(&store, &RoomStore::spacesChanged);
        store.restore(saved);
        QCOMPARE(spaces.count(), 1);
        QCOMPARE(store.directRoomIds(), QSet<QString>{QStringLiteral("!dm:x.org")});
        QCOMPARE(store.roomsInSpace(QStringLiteral("!work:x.org")),
                 first.roomsInSpace(QStringLiteral("!work:x.org")));
        // A later sync without m.direct keeps the restored map.
        store.applySync(syncWith(QStringLiteral("join"), QStringLiteral("!dm:x.org"), {}));
        QVERIFY(store.find(QStringLiteral("!dm:x.org"))->isDirect());
    }
};

QTEST_MAIN(TestRoomStore)
#include "tst_roomstore.moc"
