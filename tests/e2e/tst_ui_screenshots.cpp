// The screenshot step: the real app against the seeded demo account on the `synapse` fixture
// (tests/synapse/harness.py seed: alice with invites, joined and left rooms, an HTML-named room),
// rendered offscreen, every screen saved as a PNG under CONCIERGE_SCREENSHOT_DIR. The good ones
// are copied to docs/screenshots/ by hand after looking at them. Also checks, on the real items,
// what the pictures must show (plain-text room names, counts, errors with errcodes).
#include "synapsefixture.h"
#include "uidriver.h"

#include "session/session.h"
#include "sync/syncengine.h"

#include <QGuiApplication>
#include <QJsonDocument>
#include <QPalette>
#include <QProcess>
#include <QQuickStyle>
#include <QtQml/qqmlextensionplugin.h>

Q_IMPORT_QML_PLUGIN(Concierge_CorePlugin)
Q_IMPORT_QML_PLUGIN(Concierge_UiPlugin)

using UiDriver::App;

class TestUiScreenshots : public QObject
{
    Q_OBJECT

private:
    SynapseFixture m_server;
    QJsonObject m_seed;
    App m_app;
    QString m_dir = QStringLiteral(CONCIERGE_SCREENSHOT_DIR);

    QString room(const char *label) const
    {
        return m_seed.value(QLatin1String("rooms")).toObject().value(QLatin1String(label)).toString();
    }
    void shoot(const QString &name)
    {
        // Let bindings, layouts and async images settle, then render.
        QTest::qWait(300);
        QVERIFY2(UiDriver::savePng(m_app.grab(), m_dir, name), qPrintable(name));
    }
    void closePopup()
    {
        m_app.key(Qt::Key_Escape);
        QTest::qWait(200);
    }

    static QPalette makeDarkPalette()
    {
        QPalette p;
        const QColor window(0x2b, 0x2b, 0x2e), base(0x1e, 0x1e, 0x20), text(0xe8, 0xe8, 0xea);
        p.setColor(QPalette::Window, window);
        p.setColor(QPalette::WindowText, text);
        p.setColor(QPalette::Base, base);
        p.setColor(QPalette::AlternateBase, window);
        p.setColor(QPalette::Text, text);
        p.setColor(QPalette::Button, QColor(0x3a, 0x3a, 0x3e));
        p.setColor(QPalette::ButtonText, text);
        p.setColor(QPalette::ToolTipBase, base);
        p.setColor(QPalette::ToolTipText, text);
        p.setColor(QPalette::PlaceholderText, QColor(0x9a, 0x9a, 0xa0));
        p.setColor(QPalette::Highlight, QColor(0x3d, 0x7a, 0xd6));
        p.setColor(QPalette::HighlightedText, Qt::white);
        p.setColor(QPalette::Light, QColor(0x4a, 0x4a, 0x4e));
        p.setColor(QPalette::Midlight, QColor(0x40, 0x40, 0x44));
        p.setColor(QPalette::Mid, QColor(0x30, 0x30, 0x33));
        p.setColor(QPalette::Dark, QColor(0x1a, 0x1a, 0x1c));
        p.setColor(QPalette::Shadow, Qt::black);
        p.setColor(QPalette::Link, QColor(0x6c, 0xa8, 0xff));
        p.setColor(QPalette::Disabled, QPalette::WindowText, QColor(0x80, 0x80, 0x84));
        p.setColor(QPalette::Disabled, QPalette::Text, QColor(0x80, 0x80, 0x84));
        p.setColor(QPalette::Disabled, QPalette::ButtonText, QColor(0x80, 0x80, 0x84));
        return p;
    }

private slots:
    void initTestCase()
    {
        UiDriver::installMessageHandler();
        QQuickStyle::setStyle(QStringLiteral("Fusion"));
        QString error;
        QVERIFY2(m_server.load(&error), qPrintable(error));

        // The demo data (idempotent: a seeded instance returns the same file).
        QVERIFY(QDir().mkpath(m_dir));
        // Beside the screenshots, not among them: it holds access tokens.
        const QString seedFile = QDir(m_dir).absoluteFilePath(QStringLiteral("../seed.json"));
        // The instance is the one whose server.json the fixture named: <root>/instances/<name>/.
        QDir instance = QFileInfo(qEnvironmentVariable("CONCIERGE_SYNAPSE_SERVER_JSON")).absoluteDir();
        const QString name = instance.dirName();
        instance.cd(QStringLiteral("../.."));
        QProcess seed;
        seed.setProcessChannelMode(QProcess::ForwardedErrorChannel);
        seed.start(QStringLiteral("python3"),
                   {QStringLiteral(CONCIERGE_HARNESS), QStringLiteral("--root"), instance.absolutePath(),
                    QStringLiteral("seed"), QStringLiteral("--name"), name, QStringLiteral("--out"), seedFile});
        QVERIFY(seed.waitForFinished(180000));
        QCOMPARE(seed.exitCode(), 0);
        QFile file(seedFile);
        QVERIFY(file.open(QIODevice::ReadOnly));
        m_seed = QJsonDocument::fromJson(file.readAll()).object();
        QVERIFY(!m_seed.value(QLatin1String("access_token")).toString().isEmpty());

        QVERIFY(m_app.start());
    }

    void cleanupTestCase()
    {
        m_app.stop();
        QMutexLocker lock(&UiDriver::warningsMutex());
        QVERIFY2(UiDriver::qmlWarnings().isEmpty(), qPrintable(UiDriver::qmlWarnings().join(QLatin1Char('\n'))));
    }

    void signInPage()
    {
        QQuickItem *homeserver = m_app.waitFor(QStringLiteral("homeserverField"));
        QVERIFY(homeserver);
        shoot(QStringLiteral("signin"));

        QVERIFY(m_app.typeInto(homeserver, m_seed.value(QLatin1String("base_url")).toString()));
        QVERIFY(m_app.typeInto(m_app.item(QStringLiteral("tokenField")), QStringLiteral("syt_expired_token")));
        m_app.key(Qt::Key_Return);
        QQuickItem *error = m_app.waitFor(QStringLiteral("signInError"));
        QVERIFY(error);
        QVERIFY(error->property("text").toString().contains(QLatin1String("M_UNKNOWN_TOKEN")));
        shoot(QStringLiteral("signin-error"));
        m_app.window->resize(800, 600);
        shoot(QStringLiteral("signin-error-800x600"));
        m_app.window->resize(1000, 720);
    }

    void roomList()
    {
        QVERIFY(m_app.typeInto(m_app.item(QStringLiteral("tokenField")),
                               m_seed.value(QLatin1String("access_token")).toString()));
        m_app.key(Qt::Key_Return);
        QTRY_COMPARE_WITH_TIMEOUT(m_app.services->session()->state(), Session::SignedIn, 20000);
        QTRY_COMPARE_WITH_TIMEOUT(m_app.services->sync()->state(), SyncEngine::Synced, 20000);
        QVERIFY(m_app.roomRow(room("general")));
        QVERIFY(m_app.item(QStringLiteral("section:Invites")));
        QVERIFY(m_app.item(QStringLiteral("section:Joined")));

        // The HTML-named room shows its name literally.
        QQuickItem *html = m_app.roomRow(room("html"));
        QVERIFY(html);
        QQuickItem *name = UiDriver::findItem(html, QStringLiteral("roomName"));
        QVERIFY(name);
        QCOMPARE(name->property("text").toString(), QStringLiteral("<b>bold</b><img src=x> markup test"));
        QCOMPARE(name->property("textFormat").toInt(), int(Qt::PlainText));

        QMetaObject::invokeMethod(m_app.item(QStringLiteral("roomList")), "positionViewAtBeginning");
        QTest::qWait(1500); // avatars (authenticated media) arrive
        shoot(QStringLiteral("rooms"));
        QMetaObject::invokeMethod(m_app.item(QStringLiteral("roomList")), "positionViewAtEnd");
        shoot(QStringLiteral("rooms-end"));

        m_app.window->resize(800, 600);
        QMetaObject::invokeMethod(m_app.item(QStringLiteral("roomList")), "positionViewAtBeginning");
        shoot(QStringLiteral("rooms-800x600"));
        m_app.window->resize(1920, 1080);
        shoot(QStringLiteral("rooms-1920x1080"));
        m_app.window->resize(1000, 720);
    }

    void rowError()
    {
        // Forgetting a joined room is refused by the server: the row shows the server's message.
        const QString general = room("general");
        QPointer<Operation> forget = m_app.services->membership()->forget(general);
        QVERIFY(forget);
        QTRY_COMPARE_WITH_TIMEOUT(forget->state(), Operation::Failed, 10000);
        QCOMPARE(m_app.services->membership()->statusState(), Operation::Failed);
        QQuickItem *row = m_app.roomRow(general);
        QVERIFY(row);
        QQuickItem *error = UiDriver::findItem(row, QStringLiteral("roomError"));
        QTRY_VERIFY(error && UiDriver::isShown(error));
        QVERIFY2(error->property("text").toString().contains(QLatin1String("HTTP 400")),
                 qPrintable(error->property("text").toString()));
        shoot(QStringLiteral("rooms-row-error"));
    }

    void filter()
    {
        m_app.key(Qt::Key_F, Qt::ControlModifier);
        QQuickItem *field = m_app.item(QStringLiteral("filterField"));
        QTRY_VERIFY(field->hasActiveFocus());
        m_app.typeText(QStringLiteral("nothing-like-this"));
        QQuickItem *empty = m_app.waitFor(QStringLiteral("emptyStateText"));
        QVERIFY(empty);
        QVERIFY(empty->property("text").toString().contains(QLatin1String("nothing-like-this")));
        shoot(QStringLiteral("rooms-no-match"));
        m_app.key(Qt::Key_Escape);
        QTRY_COMPARE(m_app.services->rooms()->filterText(), QString());
    }

    void joinDialog()
    {
        m_app.key(Qt::Key_J, Qt::ControlModifier);
        QQuickItem *address = m_app.waitFor(QStringLiteral("joinAddressField"));
        QVERIFY(address);
        QVERIFY(m_app.typeInto(address, QStringLiteral("https://matrix.to/#/#lobby:localhost?via=localhost")));
        QTRY_COMPARE(m_app.item(QStringLiteral("joinViaField"))->property("text").toString(),
                     QStringLiteral("localhost"));
        shoot(QStringLiteral("join-dialog-link"));

        QVERIFY(m_app.typeInto(address, QStringLiteral("#lobby")));
        QTRY_VERIFY(!m_app.item(QStringLiteral("joinConfirmButton"))->isEnabled());
        shoot(QStringLiteral("join-dialog-invalid"));

        QVERIFY(m_app.typeInto(address, QStringLiteral("#no-such-room:localhost")));
        m_app.key(Qt::Key_Return);
        QQuickItem *serverError = m_app.waitFor(QStringLiteral("joinServerError"), 20000);
        QVERIFY(serverError);
        QVERIFY2(serverError->property("text").toString().contains(QLatin1String("M_NOT_FOUND")),
                 qPrintable(serverError->property("text").toString()));
        shoot(QStringLiteral("join-dialog-server-error"));
        closePopup();
    }

    void inviteDialog()
    {
        QQuickItem *invite = m_app.rowButton(room("general"), QStringLiteral("inviteButton"));
        QVERIFY(m_app.click(invite));
        QQuickItem *search = m_app.waitFor(QStringLiteral("inviteSearchField"));
        QVERIFY(search);
        // "d" finds two seeded users (Dave Lister, Carol Danvers) whatever else runs on the
        // shared server: the directory matches word prefixes.
        QVERIFY(m_app.typeInto(search, QStringLiteral("d")));
        QTRY_VERIFY_WITH_TIMEOUT(m_app.services->userDirectory()->rowCount() >= 2, 15000);
        QTest::qWait(800); // avatars
        shoot(QStringLiteral("invite-dialog"));
        m_app.window->resize(800, 600);
        shoot(QStringLiteral("invite-dialog-800x600"));
        m_app.window->resize(1000, 720);
        closePopup();
    }

    void leaveDialog()
    {
        QVERIFY(m_app.click(m_app.rowButton(room("html"), QStringLiteral("leaveButton"))));
        QQuickItem *reason = m_app.waitFor(QStringLiteral("leaveReasonField"));
        QVERIFY(reason);
        QVERIFY(m_app.typeInto(reason, QStringLiteral("Cleaning up my room list")));
        QQuickItem *title = m_app.item(QStringLiteral("leaveDialogTitle"));
        QCOMPARE(title->property("textFormat").toInt(), int(Qt::PlainText));
        shoot(QStringLiteral("leave-dialog"));
        closePopup();
    }

    void forgetDialog()
    {
        QVERIFY(m_app.click(m_app.rowButton(room("old-project"), QStringLiteral("forgetButton"))));
        QVERIFY(m_app.waitFor(QStringLiteral("forgetConfirmButton")));
        shoot(QStringLiteral("forget-dialog"));
        closePopup();
    }

    void darkPalette()
    {
        QGuiApplication::setPalette(makeDarkPalette());
        // The list as one sees it before acting on a row: no row selected by the keyboard (the
        // earlier steps left the focus on the row whose dialog was cancelled).
        QVERIFY(m_app.click(m_app.item(QStringLiteral("filterField"))));
        QTRY_VERIFY(m_app.item(QStringLiteral("filterField"))->hasActiveFocus());
        QMetaObject::invokeMethod(m_app.item(QStringLiteral("roomList")), "positionViewAtBeginning");
        shoot(QStringLiteral("rooms-dark"));
        QVERIFY(m_app.click(m_app.rowButton(room("rust-lovers"), QStringLiteral("inviteButton"))));
        QQuickItem *search = m_app.waitFor(QStringLiteral("inviteSearchField"));
        QVERIFY(m_app.typeInto(search, QStringLiteral("@nobody")));
        shoot(QStringLiteral("invite-dialog-dark"));
        closePopup();
    }
};

QTEST_MAIN(TestUiScreenshots)
#include "tst_ui_screenshots.moc"
