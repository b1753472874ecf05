#include <QtTest>

class ColorschemeTest : public QObject
{
    Q_OBJECT
};

QTEST_MAIN(ColorschemeTest)
#include "tst_colorscheme.moc"
