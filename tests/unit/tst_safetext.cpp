// Placeholder while this suite is written (issue 9); replaced before landing.
#include <QtTest>

class TestSafetext : public QObject
{
    Q_OBJECT
};

QTEST_MAIN(TestSafetext)
#include "tst_safetext.moc"
