// BanEverywhere (issue 12, "ban from all rooms where I can") against a scripted homeserver: each
// joined room is read (power levels, create event, the person's member event) and sorted into
// where the ban will apply — with their membership, a pre-emptive ban where they never were —
// and where it will not, with the reason (already banned, not enough power, theirs not below
// ours, could not be checked). Planning sends nothing but reads; submit() runs one job of Ban
// items with one reason for all, to exactly the rooms planned; invalid input and oneself are
// refused with nothing sent.
#include "actions/baneverywhere.h"
#include "actions/jobqueue.h"
#include "actions/membershipservice.h"
#include "api/apiclient.h"
#include "fakehomeserver.h"
#include "session/session.h"
#include "sync/roomstore.h"

#include <QJsonDocument>
#include <QNetworkAccessManager>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QtTest>

namespace {
const QString Me = QStringLiteral("@me:x.org");
const QString Spammer = QStringLiteral("@spam:evil.org");
const QByteArray Rooms = "/_matrix/client/v3/rooms/";

QByteArray json(const QJsonObject &object)
{
    return QJsonDocument(object).toJson(QJsonDocument::Compact);
}

QByteArray roomPath(const QString &roomId)
{
    return Rooms + QUrl::toPercentEncoding(roomId);
}

QByteArray levelsBody(const QJsonObject &users)
{
    return json({{QStringLiteral("users"), users},
                 {QStringLiteral("users_default"), 0},
                 {QStringLiteral("ban"), 50},
                 {QStringLiteral("kick"), 50}});
}

QByteArray createBody(const QString &sender)
{
    return json({{QStringLiteral("type"), QStringLiteral("m.room.create")},
                 {QStringLiteral("state_key"), QString()},
                 {QStringLiteral("sender"), sender},
                 {QStringLiteral("content"), QJsonObject{{QStringLiteral("room_version"), "10"}}}});
}

const char *const NotFound = R"({"errcode":"M_NOT_FOUND","error":"Event not found"})";

RoomSummary joinedRoom(const QString &roomId, const QString &name)
{
    RoomSummary room;
    room.roomId = roomId;
    room.name = name;
    room.membership = Membership::Join;
    return room;
}
} // namespace

class TestBanEverywhere : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;
    std::unique_ptr<FakeHomeserver> m_fake;
    std::unique_ptr<QNetworkAccessManager> m_nam;
    std::unique_ptr<ApiClient> m_api;
    std::unique_ptr<Session> m_session;
    std::unique_ptr<RoomStore> m_store;
    std::unique_ptr<MembershipService> m_service;
    std::unique_ptr<JobQueue> m_queue;
    std::unique_ptr<BanEverywhere> m_plan;
    int m_run = 0;

    // A room where @me has `mine`, the spammer `theirs` (users_default 0 when negative), and the
    // spammer's member event says `membership` (none: never a member).
    void scriptRoom(const QString &roomId, int mine, int theirs, const char *membership)
    {
        QJsonObject users{{Me, mine}};
        if (theirs >= 0)
            users.insert(Spammer, theirs);
        m_fake->script(roomPath(roomId) + "/state/m.room.power_levels/",
                       {{200, levelsBody(users)}});
        m_fake->script(roomPath(roomId) + "/state/m.room.create/",
                       {{200, createBody(QStringLiteral("@founder:x.org"))}});
        const QByteArray member =
            roomPath(roomId) + "/state/m.room.member/" + QUrl::toPercentEncoding(Spammer);
        if (membership)
            m_fake->script(
                member,
                {{200, json({{QStringLiteral("membership"), QString::fromLatin1(membership)}})}});
        else
            m_fake->script(member, {{404, NotFound}});
    }
    // The five rooms of the issue's scenario, and one that cannot be read.
    void scriptMixedRooms()
    {
        scriptRoom(QStringLiteral("!a:x.org"), 100, -1, "join");  // ban, joined
        scriptRoom(QStringLiteral("!b:x.org"), 100, -1, nullptr); // ban, never a member
        scriptRoom(QStringLiteral("!c:x.org"), 100, -1, "ban");   // already banned
        scriptRoom(QStringLiteral("!d:x.org"), 50, 100, "join");  // theirs is above
        scriptRoom(QStringLiteral("!e:x.org"), 0, -1, "invite");  // no power
        m_fake->script(roomPath(QStringLiteral("!f:x.org")) + "/state/",
                       {{403, R"({"errcode":"M_FORBIDDEN","error":"You are not in the room"})"}});
    }
    QStringList mixedRooms() const
    {
        return {QStringLiteral("!a:x.org"), QStringLiteral("!b:x.org"), QStringLiteral("!c:x.org"),
                QStringLiteral("!d:x.org"), QStringLiteral("!e:x.org"), QStringLiteral("!f:x.org")};
    }
    int sends() const
    {
        int n = 0;
        for (const FakeHomeserver::Request &r : m_fake->requests())
            n += r.method != "GET";
        return n;
    }
    bool planned()
    {
        QSignalSpy spy(m_plan.get(), &BanEverywhere::planned);
        return m_plan->isReady() || spy.wait(10000);
    }

private slots:
    void init()
    {
        QVERIFY(m_dir.isValid());
        m_fake = std::make_unique<FakeHomeserver>();
        QVERIFY(m_fake->port() > 0);
        m_nam = std::make_unique<QNetworkAccessManager>();
        m_api = std::make_unique<ApiClient>(m_nam.get());
        m_api->setHomeserver(m_fake->baseUrl());
        m_api->setAccessToken(QStringLiteral("tok"));
        m_session = std::make_unique<Session>(m_api.get());
        m_store = std::make_unique<RoomStore>();
        m_store->setOwnUserId(Me);
        m_service = std::make_unique<MembershipService>(m_api.get(), m_store.get());
        m_service->setRetryPolicy({5, 20, 80, 120000});
        m_queue = std::make_unique<JobQueue>(m_api.get(), m_service.get());
        QString error;
        QVERIFY2(m_queue->open(m_dir.filePath(QStringLiteral("run%1/store.sqlite").arg(++m_run)),
                               &error),
                 qPrintable(error));
        m_plan = std::make_unique<BanEverywhere>(m_api.get(), m_session.get(), m_store.get(),
                                                 m_queue.get());
    }
    void cleanup()
    {
        m_plan.reset();
        m_queue.reset();
        m_service.reset();
        m_store.reset();
        m_session.reset();
        m_api.reset();
        m_nam.reset();
        m_fake.reset();
    }

    void eachRoomIsSortedWithItsMembershipOrTheReason()
    {
        scriptMixedRooms();
        QSignalSpy progress(m_plan.get(), &BanEverywhere::progressChanged);
        QVERIFY(m_plan->planRooms(Spammer, mixedRooms()));
        QVERIFY(m_plan->isProbing());
        QCOMPARE(m_plan->total(), 6);
        QVERIFY(planned());
        QVERIFY(!m_plan->isProbing());
        QVERIFY(progress.count() >= 6);
        QCOMPARE(m_plan->checked(), 6);

        const QList<BanEverywhere::Entry> entries = m_plan->entries();
        QCOMPARE(entries.size(), 6);
        QCOMPARE(entries.at(0).verdict, BanEverywhere::WillBan);
        QCOMPARE(entries.at(0).membership, std::optional(Membership::Join));
        QCOMPARE(entries.at(1).verdict, BanEverywhere::WillBan); // pre-emptive
        QVERIFY(!entries.at(1).membership.has_value());
        QCOMPARE(entries.at(2).verdict, BanEverywhere::AlreadyBanned);
        QCOMPARE(entries.at(2).reason, QStringLiteral("Already banned."));
        QCOMPARE(entries.at(3).verdict, BanEverywhere::NotAllowed);
        QCOMPARE(entries.at(3).reason,
                 QStringLiteral("Their power level (100) is not below yours (50)."));
        QCOMPARE(entries.at(4).verdict, BanEverywhere::NotAllowed);
        QCOMPARE(entries.at(4).membership, std::optional(Membership::Invite));
        QCOMPARE(entries.at(4).reason, QStringLiteral("Needs power level 50; you have 0."));
        QCOMPARE(entries.at(5).verdict, BanEverywhere::CheckFailed);
        QCOMPARE(entries.at(5).error.errcode, QStringLiteral("M_FORBIDDEN"));
        QVERIFY(entries.at(5).reason.contains(QStringLiteral("You are not in the room")));

        QCOMPARE(m_plan->banCount(), 2);
        QCOMPARE(m_plan->roomsToBan(),
                 (QStringList{QStringLiteral("!a:x.org"), QStringLiteral("!b:x.org")}));
        const QVariantList ban = m_plan->banRooms();
        QCOMPARE(ban.size(), 2);
        QCOMPARE(ban.at(0).toMap().value(QStringLiteral("membershipText")).toString(),
                 QStringLiteral("Joined"));
        QCOMPARE(ban.at(1).toMap().value(QStringLiteral("membership")).toString(), QString());
        QCOMPARE(ban.at(1).toMap().value(QStringLiteral("membershipText")).toString(),
                 QStringLiteral("Never a member"));
        const QVariantList other = m_plan->otherRooms();
        QCOMPARE(other.size(), 4);
        QCOMPARE(other.at(1).toMap().value(QStringLiteral("roomId")).toString(),
                 QStringLiteral("!d:x.org"));
        QCOMPARE(other.at(1).toMap().value(QStringLiteral("membershipText")).toString(),
                 QStringLiteral("Joined"));
        // Planning only reads.
        QCOMPARE(sends(), 0);
        QVERIFY(m_fake->requestsTo(roomPath(QStringLiteral("!a:x.org")) + "/ban").isEmpty());
    }

    void submitRunsOneJobOfBansWhereTheyApply()
    {
        scriptMixedRooms();
        m_fake->script(roomPath(QStringLiteral("!a:x.org")) + "/ban", {{200, "{}"}});
        m_fake->script(roomPath(QStringLiteral("!b:x.org")) + "/ban", {{200, "{}"}});
        QVERIFY(m_plan->planRooms(Spammer, mixedRooms()));
        QVERIFY(planned());
        Job *job = m_plan->submit(QStringLiteral("  spam  "));
        QVERIFY(job);
        QCOMPARE(m_plan->job(), job);
        QCOMPARE(job->kind(), QStringLiteral("ban"));
        QCOMPARE(job->total(), 2);
        QCOMPARE(job->title(), QStringLiteral("Ban @spam:evil.org from 2 room(s)"));
        QVERIFY(QTest::qWaitFor([job] { return job->state() == Job::Finished; }, 10000));
        QCOMPARE(job->done(), 2);
        for (const QString &roomId : {QStringLiteral("!a:x.org"), QStringLiteral("!b:x.org")}) {
            const auto bans = m_fake->requestsTo(roomPath(roomId) + "/ban");
            QCOMPARE(bans.size(), 1);
            QCOMPARE(bans.first().method, QByteArray("POST"));
            const QJsonObject body = QJsonDocument::fromJson(bans.first().body).object();
            QCOMPARE(body.value(QStringLiteral("user_id")).toString(), Spammer);
            QCOMPARE(body.value(QStringLiteral("reason")).toString(), QStringLiteral("spam"));
        }
        // Nothing anywhere else.
        QCOMPARE(sends(), 2);
    }

    void theJoinedRoomsOfTheAccountArePlanned()
    {
        RoomSummary invite = joinedRoom(QStringLiteral("!inv:x.org"), QStringLiteral("Invite"));
        invite.membership = Membership::Invite;
        RoomSummary left = joinedRoom(QStringLiteral("!left:x.org"), QStringLiteral("Left"));
        left.membership = Membership::Leave;
        m_store->restore({joinedRoom(QStringLiteral("!z:x.org"), QStringLiteral("Zulu")), invite,
                          joinedRoom(QStringLiteral("!y:x.org"), QStringLiteral("alpha")), left});
        scriptRoom(QStringLiteral("!z:x.org"), 100, -1, "leave");
        scriptRoom(QStringLiteral("!y:x.org"), 100, -1, "knock");
        QVERIFY(m_plan->plan(Spammer));
        QVERIFY(planned());
        const QList<BanEverywhere::Entry> entries = m_plan->entries();
        QCOMPARE(entries.size(), 2);
        // By name, with the names the room list shows.
        QCOMPARE(entries.at(0).roomId, QStringLiteral("!y:x.org"));
        QCOMPARE(entries.at(0).roomName, QStringLiteral("alpha"));
        QCOMPARE(entries.at(0).membership, std::optional(Membership::Knock));
        QCOMPARE(entries.at(1).roomId, QStringLiteral("!z:x.org"));
        QCOMPARE(entries.at(1).membership, std::optional(Membership::Leave));
        QCOMPARE(m_plan->banCount(), 2);
        // The rooms the account is not in were not read.
        for (const FakeHomeserver::Request &r : m_fake->requests()) {
            QVERIFY2(!r.rawPath.contains("%21inv") && !r.rawPath.contains("%21left"),
                     r.rawPath.constData());
        }
    }

    void invalidInputAndOneselfAreRefusedWithNothingSent()
    {
        QSignalSpy planned(m_plan.get(), &BanEverywhere::planned);
        QVERIFY(!m_plan->planRooms(QStringLiteral("not a user"), {QStringLiteral("!a:x.org")}));
        QVERIFY(!m_plan->error().isEmpty());
        QVERIFY(!m_plan->planRooms(Me, {QStringLiteral("!a:x.org")}));
        QCOMPARE(m_plan->error(), QStringLiteral("You cannot ban yourself."));
        QVERIFY(!m_plan->isProbing());
        QVERIFY(!m_plan->submit(QString()));
        QCOMPARE(m_fake->requests().size(), 0);
        QCOMPARE(planned.count(), 0);
    }

    void submitIsRefusedBeforeThePlanIsReadyOrWhenNothingApplies()
    {
        scriptRoom(QStringLiteral("!e:x.org"), 0, -1, "join");
        QVERIFY(m_plan->planRooms(Spammer, {QStringLiteral("!e:x.org")}));
        QVERIFY(!m_plan->submit(QString()));
        QCOMPARE(m_plan->error(), QStringLiteral("The rooms are still being checked."));
        QVERIFY(planned());
        QCOMPARE(m_plan->banCount(), 0);
        QVERIFY(!m_plan->submit(QString()));
        QCOMPARE(m_plan->error(),
                 QStringLiteral("There is no room where you can ban @spam:evil.org."));
        QCOMPARE(m_queue->jobs().size(), 0);
        QCOMPARE(sends(), 0);
    }

    void cancellingEndsThePlanWithTheUncheckedRoomsReported()
    {
        m_fake->script(Rooms, {FakeHomeserver::Reply::stall()});
        QSignalSpy planned(m_plan.get(), &BanEverywhere::planned);
        QVERIFY(m_plan->planRooms(Spammer, {QStringLiteral("!a:x.org")}));
        QVERIFY(QTest::qWaitFor([this] { return !m_fake->requests().isEmpty(); }, 5000));
        m_plan->cancel();
        QCOMPARE(planned.count(), 1);
        QVERIFY(m_plan->isReady());
        QCOMPARE(m_plan->entries().first().verdict, BanEverywhere::CheckFailed);
        QCOMPARE(m_plan->banCount(), 0);
    }
};

QTEST_GUILESS_MAIN(TestBanEverywhere)
#include "tst_baneverywhere.moc"
