// SyncResponse: a /sync answer read from its text room by room must say exactly what Qt's parse of
// the whole text says — the same rooms, the same objects, the same verdict on broken text — and
// must not refuse what Qt accepts (numbers beyond 64 bits, escaped lone surrogates).

#include "api/syncresponse.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QRandomGenerator>
#include <QTest>

namespace {

// Qt's reading of the whole text: the object, or nothing when Qt refuses it.
std::optional<QJsonObject> qtReading(const QByteArray &text)
{
    QJsonParseError error{};
    const QJsonDocument doc = QJsonDocument::fromJson(text, &error);
    if (error.error != QJsonParseError::NoError || !doc.isObject())
        return std::nullopt;
    return doc.object();
}

// The response put back together as one object (a later duplicate key wins, as in Qt), or nothing
// when it was refused or one of its rooms is not valid JSON.
std::optional<QJsonObject> reassembled(const SyncResponse &response)
{
    QJsonObject whole = response.withoutRooms();
    if (!response.hasRooms())
        return whole;
    QJsonObject rooms = whole.value(QLatin1String("rooms")).toObject();
    QHash<QString, QJsonObject> sections;
    for (auto it = rooms.begin(); it != rooms.end(); ++it)
        sections.insert(it.key(), it.value().toObject());
    for (qsizetype i = 0; i < response.rooms().size(); ++i) {
        const SyncResponse::Room &room = response.rooms().at(i);
        bool valid = true;
        const QJsonObject object = response.roomObject(i, &valid);
        if (!valid)
            return std::nullopt;
        const QString section = Membership::toString(room.section);
        QJsonObject byId = sections.value(section);
        byId.insert(room.roomId, room.isObject ? QJsonValue(object) : QJsonValue());
        sections.insert(section, byId);
    }
    for (auto it = sections.cbegin(); it != sections.cend(); ++it)
        rooms.insert(it.key(), it.value());
    whole.insert(QLatin1String("rooms"), rooms);
    return whole;
}

// What Qt reads, as far as a response tells it: its rooms are those of the four sections (other
// sections and sections that are not objects hold none), and a room that is not an object is
// listed without its value (its readers skip it), written null here.
QJsonObject comparable(QJsonObject qt)
{
    if (!qt.value(QLatin1String("rooms")).isObject())
        return qt;
    const QJsonObject rooms = qt.value(QLatin1String("rooms")).toObject();
    QJsonObject kept;
    for (const char *name : {"join", "invite", "knock", "leave"}) {
        QJsonObject byId = rooms.value(QLatin1String(name)).toObject();
        for (auto it = byId.begin(); it != byId.end(); ++it)
            if (!it.value().isObject())
                it.value() = QJsonValue();
        if (!byId.isEmpty())
            kept.insert(QLatin1String(name), byId);
    }
    qt.insert(QLatin1String("rooms"), kept);
    return qt;
}

const char *const Sample = R"({
  "next_batch": "s72595_4483_1934",
  "account_data": {"events": [{"type": "m.direct", "content": {"@bob:x.org": ["!dm:x.org"]}}]},
  "presence": {"events": []},
  "rooms": {
    "leave": {"!left:x.org": {"timeline": {"events": [{"type": "m.room.member", "state_key": "@me:x.org",
               "sender": "@mod:x.org", "content": {"membership": "leave", "reason": "bye \u0022you\u0022"}}]}}},
    "join": {
      "!a:x.org": {"state": {"events": [{"type": "m.room.name", "state_key": "", "content": {"name": "Caf\u00e9 \ud83d\ude00"}}]},
                   "summary": {"m.joined_member_count": 12}},
      "!b\u003ax.org": {"timeline": {"events": [], "limited": false}, "unread_notifications": {}}
    },
    "invite": {"!inv:x.org": {"invite_state": {"events": [{"type": "m.room.member", "state_key": "@me:x.org",
               "sender": "@bob:x.org", "content": {"membership": "invite", "is_direct": true}}]}}},
    "knock": {"!k:x.org": {"knock_state": {"events": []}}},
    "unknown_section": {"!u:x.org": {}}
  },
  "to_device": {"events": []}
})";

} // namespace

class TestSyncResponse : public QObject
{
    Q_OBJECT
private slots:
    void readsWhatQtReads()
    {
        const QByteArray text(Sample);
        QString error;
        const SyncResponse response = SyncResponse::fromText(text, &error);
        QVERIFY2(error.isEmpty(), qPrintable(error));
        QCOMPARE(response.nextBatch(), QStringLiteral("s72595_4483_1934"));
        QVERIFY(response.hasRooms());
        // The rooms in the order the store applies them, keys unescaped ("\u003a" is ":").
        QStringList listed;
        for (const SyncResponse::Room &room : response.rooms())
            listed << Membership::toString(room.section) + QLatin1Char(' ') + room.roomId;
        QCOMPARE(listed, (QStringList{"join !a:x.org", "join !b:x.org", "invite !inv:x.org",
                                      "knock !k:x.org", "leave !left:x.org"}));
        // Outside the rooms: everything, the rooms object emptied.
        QCOMPARE(response.withoutRooms()
                     .value(u"account_data")
                     .toObject()
                     .value(u"events")
                     .toArray()
                     .size(),
                 1);
        QCOMPARE(response.withoutRooms().value(u"rooms").toObject(), QJsonObject());
        QVERIFY(response.withoutRooms().contains(u"to_device"));
        // Each room as Qt reads it in the whole text.
        const QJsonObject qt = *qtReading(text);
        const QJsonObject qtRooms = qt.value(u"rooms").toObject();
        for (qsizetype i = 0; i < response.rooms().size(); ++i) {
            const SyncResponse::Room &room = response.rooms().at(i);
            bool valid = false;
            QCOMPARE(response.roomObject(i, &valid),
                     qtRooms.value(Membership::toString(room.section))
                         .toObject()
                         .value(room.roomId)
                         .toObject());
            QVERIFY(valid);
        }
        QCOMPARE(response.roomObject(QStringLiteral("!a:x.org"), {Membership::Join})
                     .value(u"state")
                     .toObject()
                     .value(u"events")
                     .toArray()
                     .at(0)
                     .toObject()
                     .value(u"content")
                     .toObject()
                     .value(u"name")
                     .toString(),
                 QStringLiteral("Café 😀"));
        QCOMPARE(response.roomObject(QStringLiteral("!a:x.org"), {Membership::Leave}),
                 QJsonObject());
        QCOMPARE(*reassembled(response), comparable(qt));
    }

    void readsAnObjectTheSameWay()
    {
        const QJsonObject qt = *qtReading(QByteArray(Sample));
        const SyncResponse fromText = SyncResponse::fromText(QByteArray(Sample), nullptr);
        const SyncResponse fromObject = SyncResponse::fromObject(qt);
        QCOMPARE(fromObject.nextBatch(), fromText.nextBatch());
        QCOMPARE(fromObject.withoutRooms(), fromText.withoutRooms());
        QCOMPARE(fromObject.rooms().size(), fromText.rooms().size());
        for (qsizetype i = 0; i < fromText.rooms().size(); ++i) {
            QCOMPARE(fromObject.rooms().at(i).roomId, fromText.rooms().at(i).roomId);
            QCOMPARE(int(fromObject.rooms().at(i).section), int(fromText.rooms().at(i).section));
            QCOMPARE(fromObject.roomObject(i), fromText.roomObject(i));
        }
    }

    // Values simdjson itself refuses and Qt accepts: a server may send them (old room versions
    // allow any integer; Python's JSON writes lone surrogates); they must not make /sync fail.
    void acceptsWhatQtAccepts_data()
    {
        QTest::addColumn<QByteArray>("text");
        QTest::newRow("huge integer in a room") << QByteArray(
            R"({"next_batch":"n","rooms":{"join":{"!a:x":{"timeline":{"events":[{"content":{"n":123456789012345678901234567890}}]}}}}})");
        QTest::newRow("huge integer outside the rooms") << QByteArray(
            R"({"next_batch":"n","to_device":{"events":[{"content":{"n":-99999999999999999999999}}]},"rooms":{}})");
        QTest::newRow("lone surrogate in a name") << QByteArray(
            R"({"next_batch":"n","rooms":{"join":{"!a:x":{"state":{"events":[{"content":{"name":"\ud800"}}]}}}}})");
        QTest::newRow("lone surrogate in a room ID") << QByteArray(
            R"({"next_batch":"n","rooms":{"invite":{"!\udc00:x":{"invite_state":{"events":[]}}}}})");
        QTest::newRow("no rooms") << QByteArray(R"({"next_batch":"n"})");
        QTest::newRow("rooms not an object") << QByteArray(R"({"next_batch":"n","rooms":[1,2]})");
        QTest::newRow("a section not an object")
            << QByteArray(R"({"next_batch":"n","rooms":{"join":7,"leave":{"!l:x":{}}}})");
        QTest::newRow("a room not an object")
            << QByteArray(R"({"next_batch":"n","rooms":{"join":{"!a:x":[1],"!b:x":{}}}})");
        QTest::newRow("rooms that are scalars") << QByteArray(
            R"({"next_batch":"n","rooms":{"join":{"!a:x":null,"!b:x":true,"!c:x":-1.5e3,"!d:x":"s"}}})");
        QTest::newRow("a room listed twice") << QByteArray(
            R"({"next_batch":"n","rooms":{"join":{"!a/b":{"x":1},"!a\/b":{},"!c:x":{"y":2}}}})");
        QTest::newRow("a section given twice") << QByteArray(
            R"({"next_batch":"n","rooms":{"leave":{"!a:x":{}},"join":{"!a:x":{}},"leave":{"!b:x":{}}}})");
        QTest::newRow("a section given again as something else")
            << QByteArray(R"({"next_batch":"n","rooms":{"join":{"!a:x":{}},"\u006aoin":5}})");
        QTest::newRow("spaces everywhere") << QByteArray(
            " \n{ \"rooms\" : { \"join\" : { \"!a:x\" : { } } } , \"next_batch\" : \"n\" } \n");
    }
    void acceptsWhatQtAccepts()
    {
        QFETCH(QByteArray, text);
        const std::optional<QJsonObject> qt = qtReading(text);
        QVERIFY(qt);
        QString error;
        const SyncResponse response = SyncResponse::fromText(text, &error);
        QVERIFY2(error.isEmpty(), qPrintable(error));
        QCOMPARE(response.nextBatch(), QStringLiteral("n"));
        const std::optional<QJsonObject> ours = reassembled(response);
        QVERIFY(ours);
        QCOMPARE(*ours, comparable(*qt));
    }

    void refusesWhatQtRefuses_data()
    {
        QTest::addColumn<QByteArray>("text");
        QTest::addColumn<bool>("refusedAtOnce"); // else: a room's text, refused when read
        QTest::newRow("empty") << QByteArray() << true;
        QTest::newRow("not JSON") << QByteArray("<html>502 Bad Gateway</html>") << true;
        QTest::newRow("an array") << QByteArray(R"([{"next_batch":"n"}])") << true;
        QTest::newRow("cut short") << QByteArray(Sample).left(400) << true;
        QTest::newRow("trailing text") << QByteArray(Sample) + "x" << true;
        QTest::newRow("outside the rooms")
            << QByteArray(R"({"next_batch":"n","presence":{"events":[tru]},"rooms":{}})") << true;
        QTest::newRow("between two rooms")
            << QByteArray(R"({"next_batch":"n","rooms":{"join":{"!a:x":{} "!b:x":{}}}})") << true;
        QTest::newRow("in an unknown section")
            << QByteArray(R"({"next_batch":"n","rooms":{"other":{"!a:x":{"x":[1,,2]}}}})") << true;
        QTest::newRow("in a room that is not an object")
            << QByteArray(R"({"next_batch":"n","rooms":{"join":{"!a:x":[1,,2]}}})") << true;
        // A string skipped unread was once taken for a key, and what followed it skipped
        // unchecked (simdjson's on-demand skip): the rooms' structure is read in full.
        QTest::newRow("a string and a colon between rooms")
            << QByteArray(
                   R"({"next_batch":"n","rooms":{"leave":{"!x:y":"s":{}},"!evil:x":{"timeline":{}}}})")
            << true;
        QTest::newRow("a string and a colon in a section")
            << QByteArray(R"({"rooms":{"join":{"!r!g":"sta!o":{}}}})") << true;
        QTest::newRow("a broken null") << QByteArray(R"({"rooms":{"join":{"!a:x":nul}}})") << true;
        QTest::newRow("a broken true")
            << QByteArray(R"({"rooms":{"join":{"!a:x":tru,"!b:x":{}}}})") << true;
        QTest::newRow("a broken number")
            << QByteArray(R"({"rooms":{"join":{"!a:x":-,"!b:x":{}}}})") << true;
        QTest::newRow("a room replaced by a later one, broken")
            << QByteArray(R"({"rooms":{"join":{"!a:x":{"x":[1,]},"!a:x":{}}}})") << true;
        QTest::newRow("inside a room")
            << QByteArray(
                   R"({"next_batch":"n","rooms":{"join":{"!ok:x":{},"!a:x":{"timeline":{"events":[1,]}}}}})")
            << false;
        QTest::newRow("a room's bad number")
            << QByteArray(R"({"next_batch":"n","rooms":{"leave":{"!a:x":{"n":01}}}})") << false;
        QTest::newRow("invalid UTF-8")
            << QByteArray("{\"next_batch\":\"n\xff\",\"rooms\":{}}") << true;
    }
    void refusesWhatQtRefuses()
    {
        QFETCH(QByteArray, text);
        QFETCH(bool, refusedAtOnce);
        QVERIFY(!qtReading(text));
        QString error;
        const SyncResponse response = SyncResponse::fromText(text, &error);
        if (refusedAtOnce) {
            QCOMPARE(error, QStringLiteral("The server's response is not a JSON object"));
            QVERIFY(response.rooms().isEmpty());
            QVERIFY(response.nextBatch().isEmpty());
            return;
        }
        QVERIFY2(error.isEmpty(), qPrintable(error));
        QVERIFY(!reassembled(response)); // one room says it is not valid
    }

    // Text whose buffer has free space before it and none after (Qt 6 keeps a removal at the
    // front as an offset), and text that is not Qt's own buffer: read without reading past it.
    void readsTextWithNoRoomAfterIt()
    {
        QByteArray text = QByteArray(4096, ' ') + QByteArray(Sample);
        text.remove(0, 4096);
        QString error;
        const SyncResponse response = SyncResponse::fromText(text, &error);
        QVERIFY2(error.isEmpty(), qPrintable(error));
        QCOMPARE(*reassembled(response), comparable(*qtReading(text)));
        const QByteArray raw = QByteArray::fromRawData(text.constData(), text.size());
        QCOMPARE(*reassembled(SyncResponse::fromText(raw, &error)), comparable(*qtReading(text)));
        QVERIFY2(error.isEmpty(), qPrintable(error));
    }

    // Random damage to a sync answer: whatever Qt makes of the text, the response says the same.
    void agreesWithQtOnDamagedText()
    {
        QRandomGenerator random(20261201);
        const QByteArray original(Sample);
        const QByteArray pieces[] = {"{",         "}",
                                     "[",         "]",
                                     ",",         ":",
                                     "\"",        "\\",
                                     "0",         "1e999",
                                     "a",         " ",
                                     "null",      "\\u0041",
                                     "\"rooms\"", "{\"!z:x\":{}}",
                                     "\"s\":",    "\"!a:x.org\":{},",
                                     "\\/",       "\"join\":"};
        int accepted = 0, refused = 0;
        for (int round = 0; round < 20000; ++round) {
            QByteArray text = original;
            const int edits = 1 + int(random.bounded(3));
            for (int e = 0; e < edits; ++e) {
                const int at = int(random.bounded(text.size() + 1));
                switch (random.bounded(3)) {
                case 0:
                    text.remove(at, 1 + int(random.bounded(4)));
                    break;
                case 1:
                    text.insert(at, pieces[random.bounded(int(std::size(pieces)))]);
                    break;
                default:
                    text.replace(at, 1, pieces[random.bounded(int(std::size(pieces)))]);
                    break;
                }
            }
            const std::optional<QJsonObject> qt = qtReading(text);
            QString error;
            const SyncResponse response = SyncResponse::fromText(text, &error);
            const std::optional<QJsonObject> ours =
                error.isEmpty() ? reassembled(response) : std::nullopt;
            QVERIFY2(bool(qt) == bool(ours), text.constData());
            if (qt) {
                QVERIFY2(*ours == comparable(*qt), text.constData());
                ++accepted;
            } else {
                ++refused;
            }
        }
        // The damage is varied enough to test both ways.
        QVERIFY2(accepted > 1000 && refused > 5000,
                 qPrintable(QStringLiteral("%1 accepted, %2 refused").arg(accepted).arg(refused)));
    }
};

QTEST_GUILESS_MAIN(TestSyncResponse)
#include "tst_syncresponse.moc"
