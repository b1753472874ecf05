#include "api/powerlevels.h"

#include <QJsonDocument>
#include <QTest>

namespace {
QJsonObject json(const char *text)
{
    return QJsonDocument::fromJson(text).object();
}
QJsonObject createEvent(const char *sender, const char *version, const char *extra = "")
{
    return json(QStringLiteral(R"({"sender":"%1","content":{"room_version":"%2"%3}})")
                    .arg(QLatin1String(sender), QLatin1String(version), QLatin1String(extra))
                    .toUtf8());
}
} // namespace

class TestPowerLevels : public QObject
{
    Q_OBJECT
private slots:
    void levelsFromTheEvent()
    {
        const PowerLevels levels =
            PowerLevels::fromState(createEvent("@owner:hs", "10"),
                                   json(R"({"ban":60,"kick":40,"invite":5,"users_default":1,
                     "users":{"@owner:hs":100,"@mod:hs":50}})"));
        QCOMPARE(levels.userLevel(QStringLiteral("@owner:hs")), 100);
        QCOMPARE(levels.userLevel(QStringLiteral("@mod:hs")), 50);
        QCOMPARE(levels.userLevel(QStringLiteral("@someone:hs")), 1);
        QCOMPARE(levels.levelFor(PowerLevels::Ban), 60);
        QCOMPARE(levels.levelFor(PowerLevels::Kick), 40);
        QCOMPARE(levels.levelFor(PowerLevels::Invite), 5);
        // Unbanning is a membership change by another user out of a ban: both levels apply.
        QCOMPARE(levels.levelFor(PowerLevels::Unban), 60);
        QVERIFY(!levels.isCreator(QStringLiteral("@owner:hs")));
    }

    void stringLevelsOfOldRoomVersions()
    {
        const PowerLevels levels = PowerLevels::fromState(
            createEvent("@owner:hs", "5"),
            json(R"({"ban":"75","kick":" 20 ","users":{"@owner:hs":"100","@x:hs":"junk"}})"));
        QCOMPARE(levels.levelFor(PowerLevels::Ban), 75);
        QCOMPARE(levels.levelFor(PowerLevels::Kick), 20);
        QCOMPARE(levels.userLevel(QStringLiteral("@owner:hs")), 100);
        QCOMPARE(levels.userLevel(QStringLiteral("@x:hs")), 0); // unreadable: users_default
    }

    void defaultsWithoutAPowerLevelsEvent()
    {
        const PowerLevels levels = PowerLevels::fromState(createEvent("@owner:hs", "10"), {});
        QCOMPARE(levels.userLevel(QStringLiteral("@owner:hs")), 100);
        QCOMPARE(levels.userLevel(QStringLiteral("@guest:hs")), 0);
        QCOMPARE(levels.levelFor(PowerLevels::Kick), 50);
        QCOMPARE(levels.levelFor(PowerLevels::Ban), 50);
        QCOMPARE(levels.levelFor(PowerLevels::Invite), 0);
    }

    void whyNot_data()
    {
        QTest::addColumn<int>("action");
        QTest::addColumn<QString>("actor");
        QTest::addColumn<QString>("target");
        QTest::addColumn<QString>("why");
        const QString owner = QStringLiteral("@owner:hs");
        const QString mod = QStringLiteral("@mod:hs");
        const QString peer = QStringLiteral("@peer:hs");
        const QString user = QStringLiteral("@user:hs");
        QTest::newRow("owner kicks user") << int(PowerLevels::Kick) << owner << user << QString();
        QTest::newRow("mod bans user") << int(PowerLevels::Ban) << mod << user << QString();
        QTest::newRow("user kicks") << int(PowerLevels::Kick) << user << peer
                                    << QStringLiteral("Needs power level 50; you have 0.");
        QTest::newRow("mod kicks owner")
            << int(PowerLevels::Kick) << mod << owner
            << QStringLiteral("Their power level (100) is not below yours (50).");
        QTest::newRow("mod bans an equal")
            << int(PowerLevels::Ban) << mod << QStringLiteral("@mod2:hs")
            << QStringLiteral("Their power level (50) is not below yours (50).");
        QTest::newRow("user invites") << int(PowerLevels::Invite) << user << peer << QString();
        QTest::newRow("anyone invites a higher user")
            << int(PowerLevels::Invite) << user << owner << QString();
        QTest::newRow("mod unbans (needs ban 50 and kick 50)")
            << int(PowerLevels::Unban) << mod << user << QString();
    }
    void whyNot()
    {
        QFETCH(int, action);
        QFETCH(QString, actor);
        QFETCH(QString, target);
        QFETCH(QString, why);
        const PowerLevels levels = PowerLevels::fromState(
            createEvent("@owner:hs", "10"),
            json(R"({"users":{"@owner:hs":100,"@mod:hs":50,"@mod2:hs":50}})"));
        QCOMPARE(levels.whyNot(PowerLevels::Action(action), actor, target), why);
        QCOMPARE(levels.allows(PowerLevels::Action(action), actor, target), why.isEmpty());
    }

    void unbanNeedsTheHigherOfBanAndKick()
    {
        const PowerLevels levels = PowerLevels::fromState(
            createEvent("@owner:hs", "10"),
            json(R"({"ban":50,"kick":80,"users":{"@owner:hs":100,"@mod:hs":60}})"));
        QVERIFY(
            levels.allows(PowerLevels::Ban, QStringLiteral("@mod:hs"), QStringLiteral("@u:hs")));
        QCOMPARE(
            levels.whyNot(PowerLevels::Unban, QStringLiteral("@mod:hs"), QStringLiteral("@u:hs")),
            QStringLiteral("Needs power level 80; you have 60."));
    }

    void creatorsRankHighestFromRoomVersion12()
    {
        QVERIFY(!PowerLevels::creatorsRankHighest(QStringLiteral("11")));
        QVERIFY(PowerLevels::creatorsRankHighest(QStringLiteral("12")));
        QVERIFY(PowerLevels::creatorsRankHighest(QStringLiteral("org.matrix.hydra.11")));
        const PowerLevels levels = PowerLevels::fromState(
            createEvent("@owner:hs", "12", R"(,"additional_creators":["@co:hs"])"),
            // A creator listed in `users` is still a creator (the server ignores the entry).
            json(R"({"users":{"@owner:hs":0,"@mod:hs":100}})"));
        QVERIFY(levels.isCreator(QStringLiteral("@owner:hs")));
        QVERIFY(levels.isCreator(QStringLiteral("@co:hs")));
        QCOMPARE(levels.userLevel(QStringLiteral("@owner:hs")), PowerLevels::Creator);
        QCOMPARE(PowerLevels::levelText(PowerLevels::Creator), QStringLiteral("Creator"));
        QVERIFY(!levels.users().contains(QStringLiteral("@owner:hs")));
        QCOMPARE(
            levels.whyNot(PowerLevels::Ban, QStringLiteral("@mod:hs"), QStringLiteral("@co:hs")),
            QStringLiteral("They created the room: no one can remove them."));
        QVERIFY(
            levels.allows(PowerLevels::Ban, QStringLiteral("@co:hs"), QStringLiteral("@mod:hs")));
    }
};

QTEST_GUILESS_MAIN(TestPowerLevels)
#include "tst_powerlevels.moc"
