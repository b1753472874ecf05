// Placeholder while this suite is written (issue 9); replaced before landing.
#include <QtTest>

class TestEndpoints : public QObject
{
    Q_OBJECT
};

QTEST_MAIN(TestEndpoints)
#include "tst_endpoints.moc"
