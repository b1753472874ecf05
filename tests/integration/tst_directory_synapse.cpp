#include <QtTest>

class Directory_synapseTest : public QObject
{
    Q_OBJECT
};

QTEST_MAIN(Directory_synapseTest)
#include "tst_directory_synapse.moc"
