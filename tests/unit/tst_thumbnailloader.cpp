// Placeholder while this suite is written (issue 9); replaced before landing.
#include <QtTest>

class TestThumbnailloader : public QObject
{
    Q_OBJECT
};

QTEST_MAIN(TestThumbnailloader)
#include "tst_thumbnailloader.moc"
