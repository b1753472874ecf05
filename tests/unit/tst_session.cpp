// Placeholder while this suite is written (issue 9); replaced before landing.
#include <QtTest>

class TestSession : public QObject
{
    Q_OBJECT
};

QTEST_MAIN(TestSession)
#include "tst_session.moc"
