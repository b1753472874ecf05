// Qt Quick Test runner for the Concierge.Ui dialogs and delegates (tst_*.qml in this directory).
// The UI and core QML modules are static: import their plugins and add the qrc import path.
#include <QQmlEngine>
#include <QQuickStyle>
#include <QtQml/qqmlextensionplugin.h>
#include <QtQuickTest/quicktest.h>

Q_IMPORT_QML_PLUGIN(Concierge_CorePlugin)
Q_IMPORT_QML_PLUGIN(Concierge_UiPlugin)

class Setup : public QObject
{
    Q_OBJECT
public slots:
    void applicationAvailable() { QQuickStyle::setStyle(QStringLiteral("Fusion")); }
    void qmlEngineAvailable(QQmlEngine *engine) { engine->addImportPath(QStringLiteral("qrc:/qt/qml")); }
};

QUICK_TEST_MAIN_WITH_SETUP(concierge_ui, Setup)

#include "tst_qml.moc"
