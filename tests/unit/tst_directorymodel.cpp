#include <QtTest>

class DirectorymodelTest : public QObject
{
    Q_OBJECT
};

QTEST_MAIN(DirectorymodelTest)
#include "tst_directorymodel.moc"
