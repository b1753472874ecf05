// Placeholder: written with issue 11.
#include <QtTest>
class Placeholder : public QObject
{
    Q_OBJECT
private slots:
    void pending() { QSKIP("not written yet"); }
};
QTEST_GUILESS_MAIN(Placeholder)
#include "tst_desktopnotifier.moc"
