// RoomPowerProbe (issue 12) against a scripted homeserver: the requests it sends for each room
// (power levels, the create event as a whole event, joined members, one user's member event),
// the facts it reads from them (levels, v12 creators, users_default, joined members, the target's
// membership), at most `concurrency` rooms read at once, a missing power-levels event read as the
// spec's defaults, one failing room carrying its error while the others are read, cancel() ending
// with exactly one finished(), and invalid room or user IDs sending nothing.
#include "actions/roompowerprobe.h"
#include "api/apiclient.h"
#include "fakehomeserver.h"
#include "session/session.h"

#include <QJsonDocument>
#include <QNetworkAccessManager>
#include <QSignalSpy>
#include <QtTest>
#include <set>

namespace {
const QByteArray Rooms = "/_matrix/client/v3/rooms/";

QByteArray json(const QJsonObject &object)
{
    return QJsonDocument(object).toJson(QJsonDocument::Compact);
}

// "!a:x.org" -> "/_matrix/client/v3/rooms/%21a%3Ax.org"
QByteArray roomPath(const QString &roomId)
{
    return Rooms + QUrl::toPercentEncoding(roomId);
}

QByteArray levelsPath(const QString &roomId)
{
    return roomPath(roomId) + "/state/m.room.power_levels/";
}

QByteArray createPath(const QString &roomId)
{
    return roomPath(roomId) + "/state/m.room.create/";
}

QByteArray levelsBody(const QJsonObject &users, int usersDefault = 0)
{
    return json({{QStringLiteral("users"), users},
                 {QStringLiteral("users_default"), usersDefault},
                 {QStringLiteral("ban"), 50},
                 {QStringLiteral("kick"), 50}});
}

QByteArray createBody(const QString &sender, const QString &version = QStringLiteral("10"),
                      const QStringList &additionalCreators = {})
{
    QJsonObject content{{QStringLiteral("room_version"), version}};
    if (!additionalCreators.isEmpty())
        content.insert(QStringLiteral("additional_creators"),
                       QJsonArray::fromStringList(additionalCreators));
    return json({{QStringLiteral("type"), QStringLiteral("m.room.create")},
                 {QStringLiteral("state_key"), QString()},
                 {QStringLiteral("sender"), sender},
                 {QStringLiteral("content"), content}});
}

QByteArray joinedBody(const QStringList &users)
{
    QJsonObject joined;
    for (const QString &user : users)
        joined.insert(user, QJsonObject{});
    return json({{QStringLiteral("joined"), joined}});
}

// The room a request is about ("!a:x.org"), from its path.
QString roomOf(const FakeHomeserver::Request &r)
{
    if (!r.rawPath.startsWith(Rooms))
        return {};
    const QByteArray rest = r.rawPath.mid(Rooms.size());
    return QUrl::fromPercentEncoding(rest.left(rest.indexOf('/')));
}
} // namespace

class TestRoomPowerProbe : public QObject
{
    Q_OBJECT

    std::unique_ptr<FakeHomeserver> m_fake;
    std::unique_ptr<QNetworkAccessManager> m_nam;
    std::unique_ptr<ApiClient> m_api;
    std::unique_ptr<Session> m_session;
    std::unique_ptr<RoomPowerProbe> m_probe;

    // An ordinary room: @me at 100, @bob at 0 (users_default), both joined.
    void scriptRoom(const QString &roomId)
    {
        m_fake->script(levelsPath(roomId),
                       {{200, levelsBody({{QStringLiteral("@me:x.org"), 100}})}});
        m_fake->script(createPath(roomId), {{200, createBody(QStringLiteral("@me:x.org"))}});
        m_fake->script(
            roomPath(roomId) + "/joined_members",
            {{200, joinedBody({QStringLiteral("@me:x.org"), QStringLiteral("@bob:x.org")})}});
    }

private slots:
    void init()
    {
        m_fake = std::make_unique<FakeHomeserver>();
        QVERIFY(m_fake->port() > 0);
        m_nam = std::make_unique<QNetworkAccessManager>();
        m_api = std::make_unique<ApiClient>(m_nam.get());
        m_api->setHomeserver(m_fake->baseUrl());
        m_api->setAccessToken(QStringLiteral("tok"));
        m_session = std::make_unique<Session>(m_api.get());
        m_probe = std::make_unique<RoomPowerProbe>(m_api.get(), m_session.get());
    }
    void cleanup()
    {
        m_probe.reset();
        m_session.reset();
        m_api.reset();
        m_nam.reset();
        m_fake.reset();
    }

    void sendsTheRequestsOfEachRoomAndReadsTheFacts()
    {
        const QString a = QStringLiteral("!a:x.org");
        const QString b = QStringLiteral("!b/c:x.org"); // an awkward ID stays one segment
        scriptRoom(a);
        scriptRoom(b);
        m_fake->script(roomPath(a) + "/state/m.room.member/%40bob%3Ax.org",
                       {{200, R"({"membership":"join"})"}});
        m_fake->script(roomPath(b) + "/state/m.room.member/%40bob%3Ax.org",
                       {{404, R"({"errcode":"M_NOT_FOUND","error":"no member event"})"}});
        QSignalSpy finished(m_probe.get(), &RoomPowerProbe::finished);
        QSignalSpy progress(m_probe.get(), &RoomPowerProbe::progress);
        RoomPowerProbe::Options options;
        options.joinedMembers = true;
        options.targetUserId = QStringLiteral("@bob:x.org");
        m_probe->start({a, b}, options);
        QVERIFY(m_probe->isRunning());
        QCOMPARE(finished.size(), 0); // never from start() itself
        QVERIFY(finished.wait(10000));
        QCOMPARE(finished.size(), 1);
        QVERIFY(!m_probe->isRunning());
        QCOMPARE(progress.size(), 2);
        QCOMPARE(progress.last().at(0).toInt(), 2);
        QCOMPARE(progress.last().at(1).toInt(), 2);

        // Four GETs per room, each authenticated; the create event asked for as a whole event.
        QCOMPARE(m_fake->requests().size(), 8);
        for (const QString &room : {a, b}) {
            QStringList seen;
            for (const FakeHomeserver::Request &r : m_fake->requests()) {
                if (roomOf(r) != room)
                    continue;
                QCOMPARE(r.method, QByteArray("GET"));
                QCOMPARE(r.authorization, QByteArray("Bearer tok"));
                const QByteArray rest = r.rawPath.mid(roomPath(room).size());
                seen.append(QString::fromLatin1(
                    rest + (r.rawQuery.isEmpty() ? QByteArray() : "?" + r.rawQuery)));
            }
            seen.sort();
            QCOMPARE(seen, QStringList({QStringLiteral("/joined_members"),
                                        QStringLiteral("/state/m.room.create/?format=event"),
                                        QStringLiteral("/state/m.room.member/%40bob%3Ax.org"),
                                        QStringLiteral("/state/m.room.power_levels/")}));
        }

        const QList<RoomPowerFacts> results = m_probe->results();
        QCOMPARE(results.size(), 2);
        QCOMPARE(results.at(0).roomId, a);
        QCOMPARE(results.at(1).roomId, b);
        for (const RoomPowerFacts &facts : results) {
            QVERIFY2(!facts.error.isError(), qPrintable(facts.error.summary()));
            QCOMPARE(facts.levels.userLevel(QStringLiteral("@me:x.org")), 100);
            QCOMPARE(facts.levels.userLevel(QStringLiteral("@bob:x.org")), 0);
            QCOMPARE(facts.roomVersion, QStringLiteral("10"));
            QCOMPARE(facts.usersDefault, 0);
            QStringList joined = facts.joinedMembers;
            joined.sort();
            QCOMPARE(joined,
                     QStringList({QStringLiteral("@bob:x.org"), QStringLiteral("@me:x.org")}));
        }
        QCOMPARE(results.at(0).targetMembership, std::optional(Membership::Join));
        QVERIFY(!results.at(1).targetMembership.has_value()); // never a member
        QCOMPARE(m_probe->resultFor(b).roomId, b);
    }

    void withoutOptionsOnlyLevelsAndCreateAreRead()
    {
        const QString a = QStringLiteral("!a:x.org");
        scriptRoom(a);
        QSignalSpy finished(m_probe.get(), &RoomPowerProbe::finished);
        m_probe->start({a}, {});
        QVERIFY(finished.wait(10000));
        QCOMPARE(m_fake->requests().size(), 2);
        QVERIFY(m_fake->requestsTo(roomPath(a) + "/joined_members").isEmpty());
        QVERIFY(m_probe->results().at(0).joinedMembers.isEmpty());
        QVERIFY(!m_probe->results().at(0).targetMembership.has_value());
    }

    void atMostConcurrencyRoomsAreReadAtOnce()
    {
        QStringList rooms;
        for (int i = 0; i < 5; ++i) {
            const QString room = QStringLiteral("!r%1:x.org").arg(i);
            rooms.append(room);
            m_fake->script(levelsPath(room),
                           {FakeHomeserver::Reply::held(
                               200, levelsBody({{QStringLiteral("@me:x.org"), 100}}))});
            m_fake->script(createPath(room), {FakeHomeserver::Reply::held(
                                                 200, createBody(QStringLiteral("@me:x.org")))});
        }
        // Rooms with requests not yet answered, whenever a request arrives.
        QHash<QString, int> received;
        QHash<QString, int> released;
        int maxOutstanding = 0;
        m_fake->onRequest = [&](const FakeHomeserver::Request &r) {
            received[roomOf(r)] += 1;
            int outstanding = 0;
            for (auto it = received.constBegin(); it != received.constEnd(); ++it)
                outstanding += it.value() > released.value(it.key()) ? 1 : 0;
            maxOutstanding = qMax(maxOutstanding, outstanding);
        };
        QSignalSpy finished(m_probe.get(), &RoomPowerProbe::finished);
        RoomPowerProbe::Options options;
        options.concurrency = 2;
        m_probe->start(rooms, options);
        // The first two rooms' four requests arrive, and nothing of a third room.
        QVERIFY(QTest::qWaitFor([&] { return m_fake->heldCount() == 4; }, 10000));
        QCOMPARE(received.size(), 2);
        // Answer room by room, in the order they were asked, until all are read.
        while (finished.isEmpty()) {
            QVERIFY(QTest::qWaitFor([&] { return m_fake->heldCount() > 0 || !finished.isEmpty(); },
                                    10000));
            for (const QString &room : rooms) {
                if (m_fake->release(roomPath(room) + "/")) {
                    released[room] += 1;
                    break;
                }
            }
        }
        m_fake->onRequest = nullptr;
        QCOMPARE(finished.size(), 1);
        QCOMPARE(maxOutstanding, 2);
        QCOMPARE(received.size(), 5);
        QCOMPARE(m_fake->requests().size(), 10);
        for (const RoomPowerFacts &facts : m_probe->results())
            QVERIFY2(!facts.error.isError(), qPrintable(facts.error.summary()));
    }

    void noPowerLevelsMeansTheSpecDefaults()
    {
        const QString a = QStringLiteral("!a:x.org");
        m_fake->script(levelsPath(a),
                       {{404, R"({"errcode":"M_NOT_FOUND","error":"Event not found."})"}});
        m_fake->script(createPath(a), {{200, createBody(QStringLiteral("@creator:x.org"))}});
        QSignalSpy finished(m_probe.get(), &RoomPowerProbe::finished);
        m_probe->start({a}, {});
        QVERIFY(finished.wait(10000));
        const RoomPowerFacts facts = m_probe->results().at(0);
        QVERIFY2(!facts.error.isError(), qPrintable(facts.error.summary()));
        QCOMPARE(facts.levels.userLevel(QStringLiteral("@creator:x.org")), 100);
        QCOMPARE(facts.levels.userLevel(QStringLiteral("@me:x.org")), 0);
        QCOMPARE(facts.levels.levelFor(PowerLevels::Ban), 50);
        QCOMPARE(facts.levels.levelFor(PowerLevels::Kick), 50);
        QCOMPARE(facts.usersDefault, 0);
    }

    void version12CreatorsRankHighest()
    {
        const QString a = QStringLiteral("!opaqueV12");
        m_fake->script(levelsPath(a), {{200, levelsBody({{QStringLiteral("@mod:x.org"), 50}}, 5)}});
        m_fake->script(createPath(a),
                       {{200, createBody(QStringLiteral("@me:x.org"), QStringLiteral("12"),
                                         {QStringLiteral("@co:x.org")})}});
        QSignalSpy finished(m_probe.get(), &RoomPowerProbe::finished);
        m_probe->start({a}, {});
        QVERIFY(finished.wait(10000));
        const RoomPowerFacts facts = m_probe->results().at(0);
        QVERIFY2(!facts.error.isError(), qPrintable(facts.error.summary()));
        QCOMPARE(facts.roomVersion, QStringLiteral("12"));
        QVERIFY(facts.levels.isCreator(QStringLiteral("@me:x.org")));
        QVERIFY(facts.levels.isCreator(QStringLiteral("@co:x.org")));
        QCOMPARE(facts.levels.userLevel(QStringLiteral("@mod:x.org")), 50);
        QCOMPARE(facts.usersDefault, 5);
    }

    void aFailingRoomCarriesItsErrorAndTheOthersAreRead()
    {
        const QString a = QStringLiteral("!a:x.org");
        const QString b = QStringLiteral("!b:x.org");
        const QString c = QStringLiteral("!c:x.org");
        scriptRoom(a);
        scriptRoom(c);
        m_fake->script(levelsPath(b),
                       {{403, R"({"errcode":"M_FORBIDDEN","error":"You are not in the room."})"}});
        m_fake->script(createPath(b),
                       {{403, R"({"errcode":"M_FORBIDDEN","error":"You are not in the room."})"}});
        QSignalSpy finished(m_probe.get(), &RoomPowerProbe::finished);
        RoomPowerProbe::Options options;
        options.concurrency = 1;
        m_probe->start({a, b, c}, options);
        QVERIFY(finished.wait(10000));
        QCOMPARE(finished.size(), 1);
        const QList<RoomPowerFacts> results = m_probe->results();
        QVERIFY(!results.at(0).error.isError());
        QVERIFY(results.at(1).error.isError());
        QCOMPARE(results.at(1).error.httpStatus, 403);
        QCOMPARE(results.at(1).error.errcode, QStringLiteral("M_FORBIDDEN"));
        QVERIFY(!results.at(2).error.isError());
        QCOMPARE(results.at(2).levels.userLevel(QStringLiteral("@me:x.org")), 100);
        QCOMPARE(m_fake->requestsTo(roomPath(c) + "/").size(), 2);
    }

    void anUnknownEndpointIsAnErrorNotTheDefaults()
    {
        // 404 M_UNRECOGNIZED: the server does not know the request; nothing is known of the room.
        const QString a = QStringLiteral("!a:x.org");
        m_fake->script(levelsPath(a), {{404, R"({"errcode":"M_UNRECOGNIZED","error":"?"})"}});
        m_fake->script(createPath(a), {{200, createBody(QStringLiteral("@me:x.org"))}});
        QSignalSpy finished(m_probe.get(), &RoomPowerProbe::finished);
        m_probe->start({a}, {});
        QVERIFY(finished.wait(10000));
        QCOMPARE(m_probe->results().at(0).error.errcode, QStringLiteral("M_UNRECOGNIZED"));
    }

    void cancelFinishesOnceAndSendsNothingMore()
    {
        QStringList rooms;
        for (int i = 0; i < 4; ++i) {
            const QString room = QStringLiteral("!r%1:x.org").arg(i);
            rooms.append(room);
            m_fake->script(roomPath(room) + "/",
                           {FakeHomeserver::Reply::held(200, levelsBody({}))});
        }
        QSignalSpy finished(m_probe.get(), &RoomPowerProbe::finished);
        RoomPowerProbe::Options options;
        options.concurrency = 1;
        m_probe->start(rooms, options);
        QVERIFY(QTest::qWaitFor([&] { return m_fake->heldCount() == 2; }, 10000));
        m_probe->cancel();
        QCOMPARE(finished.size(), 1);
        QVERIFY(!m_probe->isRunning());
        for (const RoomPowerFacts &facts : m_probe->results())
            QCOMPARE(facts.error.kind, MatrixError::Cancelled);
        m_probe->cancel(); // not running: nothing
        QCOMPARE(finished.size(), 1);
        QVERIFY(m_fake->release(roomPath(rooms.at(0)) + "/")); // answers nobody waits for

        // A new probe runs to its end: the cancelled one never finishes a second time.
        const QString next = QStringLiteral("!next:x.org");
        scriptRoom(next);
        m_probe->start({next}, {});
        QVERIFY(QTest::qWaitFor([&] { return finished.size() == 2; }, 10000));
        QVERIFY(!m_probe->results().at(0).error.isError());
        // Only the first room was ever asked about (and the new one).
        QCOMPARE(m_fake->requestsTo(roomPath(rooms.at(1)) + "/").size(), 0);
        QCOMPARE(m_fake->requestsTo(roomPath(next) + "/").size(), 2);
        QCOMPARE(finished.size(), 2);
    }

    void startWhileRunningCancelsTheFirst()
    {
        const QString a = QStringLiteral("!a:x.org");
        const QString b = QStringLiteral("!b:x.org");
        m_fake->script(roomPath(a) + "/", {FakeHomeserver::Reply::held(200, levelsBody({}))});
        scriptRoom(b);
        QSignalSpy finished(m_probe.get(), &RoomPowerProbe::finished);
        m_probe->start({a}, {});
        QVERIFY(QTest::qWaitFor([&] { return m_fake->heldCount() == 2; }, 10000));
        m_probe->start({b}, {});
        QCOMPARE(finished.size(), 1); // the first one's
        QVERIFY(finished.wait(10000));
        QCOMPARE(finished.size(), 2);
        QCOMPARE(m_probe->results().size(), 1);
        QCOMPARE(m_probe->results().at(0).roomId, b);
        QVERIFY(!m_probe->results().at(0).error.isError());
    }

    void invalidIdsSendNothing()
    {
        QSignalSpy finished(m_probe.get(), &RoomPowerProbe::finished);
        m_probe->start({QStringLiteral("not-a-room"), QString(), QStringLiteral("#alias:x.org"),
                        QStringLiteral("!bad room:x.org/..")},
                       {});
        QCOMPARE(finished.size(), 0);
        QVERIFY(finished.wait(10000));
        QCOMPARE(finished.size(), 1);
        const QList<RoomPowerFacts> results = m_probe->results();
        QCOMPARE(results.size(), 4);
        for (const RoomPowerFacts &facts : results)
            QCOMPARE(facts.error.kind, MatrixError::InvalidInput);
        QCOMPARE(m_fake->requests().size(), 0);

        // An invalid target user: no room is asked about.
        RoomPowerProbe::Options options;
        options.targetUserId = QStringLiteral("bob");
        m_probe->start({QStringLiteral("!a:x.org")}, options);
        QVERIFY(finished.wait(10000));
        QCOMPARE(m_probe->results().at(0).error.kind, MatrixError::InvalidInput);
        QCOMPARE(m_fake->requests().size(), 0);

        // Nothing to read: finished() all the same, from the event loop.
        m_probe->start({}, {});
        QCOMPARE(finished.size(), 2);
        QVERIFY(finished.wait(10000));
        QCOMPARE(finished.size(), 3);
        QVERIFY(m_probe->results().isEmpty());
    }
};

QTEST_MAIN(TestRoomPowerProbe)
#include "tst_roompowerprobe.moc"
