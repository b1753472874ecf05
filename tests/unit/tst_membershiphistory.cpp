// The account's own membership changes taken from /sync rooms: what the room history shows.
#include "sync/membershiphistory.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QtTest>

namespace {
const QString Me = QStringLiteral("@me:example.org");

QJsonObject member(const QString &eventId, qint64 ts, const QString &sender, const QString &target,
                   const QString &membership, const QString &reason = {})
{
    QJsonObject content{{QStringLiteral("membership"), membership}};
    if (!reason.isEmpty())
        content.insert(QStringLiteral("reason"), reason);
    QJsonObject e{{QStringLiteral("type"), QStringLiteral("m.room.member")},
                  {QStringLiteral("state_key"), target},
                  {QStringLiteral("sender"), sender},
                  {QStringLiteral("content"), content}};
    if (!eventId.isEmpty()) {
        e.insert(QStringLiteral("event_id"), eventId);
        e.insert(QStringLiteral("origin_server_ts"), double(ts));
    }
    return e;
}

QJsonObject room(const QJsonArray &state, const QJsonArray &timeline)
{
    return {{QStringLiteral("state"), QJsonObject{{QStringLiteral("events"), state}}},
            {QStringLiteral("timeline"), QJsonObject{{QStringLiteral("events"), timeline}}}};
}
} // namespace

class TestMembershipHistory : public QObject
{
    Q_OBJECT
private slots:
    void kickWithReasonFromTheTimeline()
    {
        const auto changes = MembershipHistory::ownChanges(
            QStringLiteral("!r:x"),
            room({member(QStringLiteral("$join"), 1000, Me, Me, QStringLiteral("join"))},
                 {member(QStringLiteral("$kick"), 2000, QStringLiteral("@mod:x"), Me,
                         QStringLiteral("leave"), QStringLiteral("spamming")),
                  member(QStringLiteral("$other"), 2500, QStringLiteral("@mod:x"),
                         QStringLiteral("@someone:x"), QStringLiteral("ban"))}),
            Me, 0);
        QCOMPARE(changes.size(), 2); // someone else's ban is not our history
        QCOMPARE(int(changes.at(0).membership), int(Membership::Join));
        QCOMPARE(changes.at(1).eventId, QStringLiteral("$kick"));
        QCOMPARE(int(changes.at(1).membership), int(Membership::Leave));
        QCOMPARE(changes.at(1).sender, QStringLiteral("@mod:x"));
        QCOMPARE(changes.at(1).reason, QStringLiteral("spamming"));
        QCOMPARE(changes.at(1).timestampMs, 2000);
    }

    void banAndSameEventInStateAndTimelineCountsOnce()
    {
        const QJsonObject ban = member(QStringLiteral("$ban"), 5000, QStringLiteral("@mod:x"), Me,
                                       QStringLiteral("ban"), QStringLiteral("bye"));
        const auto changes = MembershipHistory::ownChanges(QStringLiteral("!r:x"), room({ban}, {ban}), Me, 0);
        QCOMPARE(changes.size(), 1);
        QCOMPARE(int(changes.first().membership), int(Membership::Ban));
        QCOMPARE(changes.first().reason, QStringLiteral("bye"));
    }

    void strippedInvitesGetAStableIdentity()
    {
        const QJsonObject invite{
            {QStringLiteral("invite_state"),
             QJsonObject{{QStringLiteral("events"),
                          QJsonArray{member({}, 0, QStringLiteral("@bob:x"), Me, QStringLiteral("invite"))}}}}};
        const auto first = MembershipHistory::ownChanges(QStringLiteral("!r:x"), invite, Me, 111);
        const auto again = MembershipHistory::ownChanges(QStringLiteral("!r:x"), invite, Me, 999);
        QCOMPARE(first.size(), 1);
        QCOMPARE(first.first().sender, QStringLiteral("@bob:x"));
        QCOMPARE(first.first().timestampMs, 111); // when it was first seen
        QCOMPARE(first.first().eventId, again.first().eventId);
        const auto otherRoom = MembershipHistory::ownChanges(QStringLiteral("!s:x"), invite, Me, 111);
        QVERIFY(otherRoom.first().eventId != first.first().eventId);
    }

    void hostileAndMalformedEventsAreCleanedOrSkipped()
    {
        QJsonObject noId = member(QStringLiteral("$x"), 10, Me, Me, QStringLiteral("leave"));
        noId.remove(QStringLiteral("event_id"));
        const auto changes = MembershipHistory::ownChanges(
            QStringLiteral("!r:x"),
            room({noId, member(QStringLiteral("$bad"), 20, Me, Me, QStringLiteral("dance")),
                  QJsonValue(42).toObject()},
                 {member(QStringLiteral("$evil"), 30, QStringLiteral("@mod:x"), Me,
                         QStringLiteral("leave"), QStringLiteral("a\u202Eb\nc\u2028d"))}),
            Me, 0);
        QCOMPARE(changes.size(), 1);
        QCOMPARE(changes.first().reason, QStringLiteral("ab c d"));
    }
};

QTEST_GUILESS_MAIN(TestMembershipHistory)
#include "tst_membershiphistory.moc"
