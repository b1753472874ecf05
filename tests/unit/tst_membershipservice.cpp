// Placeholder while this suite is written (issue 9); replaced before landing.
#include <QtTest>

class TestMembershipservice : public QObject
{
    Q_OBJECT
};

QTEST_MAIN(TestMembershipservice)
#include "tst_membershipservice.moc"
