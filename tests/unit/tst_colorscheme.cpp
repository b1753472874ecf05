// ColorScheme (issue 16, theme): the desktop's light/dark preference read from the freedesktop
// Settings portal and followed live; the platform palette without a portal or without a
// preference; the user's choice over both; and the palette applied is complete and readable.
// Runs under dbus-run-session: a fake portal is registered on a bus connection of its own, in
// this process, and answers Read the way xdg-desktop-portal does (a variant in a variant).
#include "platform/colorscheme.h"

#include <QDBusConnection>
#include <QDBusContext>
#include <QDBusMessage>
#include <QDBusVariant>
#include <QGuiApplication>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QtTest>

#include <cmath>

namespace {
const QString PortalService = QStringLiteral("org.freedesktop.portal.Desktop");
const QString PortalPath = QStringLiteral("/org/freedesktop/portal/desktop");
const QString FakeConnection = QStringLiteral("fake-settings-portal");
const QString Appearance = QStringLiteral("org.freedesktop.appearance");
const QString Key = QStringLiteral("color-scheme");

// WCAG 2 contrast, computed here on its own (not with the code under test).
double lin(int c)
{
    const double s = c / 255.0;
    return s <= 0.04045 ? s / 12.92 : std::pow((s + 0.055) / 1.055, 2.4);
}
double luminance(const QColor &c)
{
    return 0.2126 * lin(c.red()) + 0.7152 * lin(c.green()) + 0.0722 * lin(c.blue());
}
double contrast(const QColor &a, const QColor &b)
{
    const double x = luminance(a), y = luminance(b);
    return (qMax(x, y) + 0.05) / (qMin(x, y) + 0.05);
}
bool appIsDark()
{
    return QGuiApplication::palette().color(QPalette::Window).lightness() < 128;
}
} // namespace

// What xdg-desktop-portal offers for this setting.
class FakeSettingsPortal : public QObject, protected QDBusContext
{
    Q_OBJECT
    Q_CLASSINFO("D-Bus Interface", "org.freedesktop.portal.Settings")
public:
    uint value = 0;
    bool knowsSetting = true; // false: NotFound, as a portal without an appearance backend
    int reads = 0;

    void change(const QString &nameSpace, const QString &key, uint newValue)
    {
        value = newValue;
        emit SettingChanged(nameSpace, key, QDBusVariant(QVariant::fromValue(newValue)));
    }

public slots:
    QDBusVariant Read(const QString &nameSpace, const QString &key)
    {
        ++reads;
        if (!knowsSetting || nameSpace != Appearance || key != Key) {
            sendErrorReply(QStringLiteral("org.freedesktop.portal.Error.NotFound"),
                           QStringLiteral("Requested setting not found"));
            return {};
        }
        // Read (unlike ReadOne) wraps the value twice.
        return QDBusVariant(QVariant::fromValue(QDBusVariant(QVariant::fromValue(value))));
    }

signals:
    void SettingChanged(const QString &nameSpace, const QString &key, const QDBusVariant &value);
};

class TestColorScheme : public QObject
{
    Q_OBJECT

    std::unique_ptr<FakeSettingsPortal> m_portal;
    QPalette m_platform; // offscreen's own palette (light)

    bool startPortal(uint value, bool knowsSetting = true)
    {
        m_portal = std::make_unique<FakeSettingsPortal>();
        m_portal->value = value;
        m_portal->knowsSetting = knowsSetting;
        QDBusConnection bus =
            QDBusConnection::connectToBus(QDBusConnection::SessionBus, FakeConnection);
        return bus.isConnected() && bus.registerService(PortalService) &&
               bus.registerObject(PortalPath, m_portal.get(),
                                  QDBusConnection::ExportAllSlots |
                                      QDBusConnection::ExportAllSignals);
    }
    void stopPortal()
    {
        if (!m_portal)
            return;
        QDBusConnection bus(FakeConnection);
        bus.unregisterObject(PortalPath);
        bus.unregisterService(PortalService);
        QDBusConnection::disconnectFromBus(FakeConnection);
        m_portal.reset();
    }
    // Starts scheme and waits for the portal's first answer (or the failed call).
    static bool started(ColorScheme &scheme)
    {
        QSignalSpy answered(&scheme, &ColorScheme::portalAnswered);
        scheme.start();
        return answered.wait(5000);
    }

private slots:
    void initTestCase()
    {
        QVERIFY2(QDBusConnection::sessionBus().isConnected(),
                 "no session bus: run under dbus-run-session");
        m_platform = QGuiApplication::palette();
        QVERIFY2(!ColorScheme::isDark(m_platform), "offscreen's platform palette is light");
    }

    void cleanup()
    {
        stopPortal();
        // Back to the platform's own palette for the next test.
        QGuiApplication::setPalette(QPalette());
        QCOMPARE(QGuiApplication::palette().color(QPalette::Window),
                 m_platform.color(QPalette::Window));
    }

    void parseChoice()
    {
        QCOMPARE(ColorScheme::parseChoice(QStringLiteral("dark")), ColorScheme::Choice::Dark);
        QCOMPARE(ColorScheme::parseChoice(QStringLiteral(" Light ")), ColorScheme::Choice::Light);
        QCOMPARE(ColorScheme::parseChoice(QStringLiteral("SYSTEM")), ColorScheme::Choice::System);
        QVERIFY(!ColorScheme::parseChoice(QStringLiteral("darker")));
        QVERIFY(!ColorScheme::parseChoice(QString()));
    }

    // The style a user chose is respected (main() sets Fusion only without one).
    void userQuickStyle()
    {
        qunsetenv("QT_QUICK_CONTROLS_STYLE");
        qunsetenv("QT_QUICK_CONTROLS_CONF");
        QCOMPARE(ColorScheme::userQuickStyle(), QString());
        qputenv("QT_QUICK_CONTROLS_STYLE", "Material");
        QCOMPARE(ColorScheme::userQuickStyle(), QStringLiteral("Material"));
        qunsetenv("QT_QUICK_CONTROLS_STYLE");

        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        QFile conf(dir.filePath(QStringLiteral("qtquickcontrols2.conf")));
        QVERIFY(conf.open(QIODevice::WriteOnly));
        conf.write("[Controls]\nStyle=Basic\n\n[Basic]\nBackground=Dark\n");
        conf.close();
        qputenv("QT_QUICK_CONTROLS_CONF", conf.fileName().toLocal8Bit());
        QCOMPARE(ColorScheme::userQuickStyle(), QStringLiteral("Basic"));
        QVERIFY(conf.open(QIODevice::WriteOnly | QIODevice::Truncate));
        conf.write("[Material]\nTheme=Dark\n"); // a file without a style
        conf.close();
        QCOMPARE(ColorScheme::userQuickStyle(), QString());
        qunsetenv("QT_QUICK_CONTROLS_CONF");
    }

    void portalPreference_data()
    {
        QTest::addColumn<uint>("value");
        QTest::addColumn<bool>("dark");
        QTest::addColumn<int>("preference");
        QTest::newRow("prefer dark") << 1u << true << int(ColorScheme::PreferDark);
        QTest::newRow("prefer light") << 2u << false << int(ColorScheme::PreferLight);
        // No preference: the platform palette (light here) decides.
        QTest::newRow("no preference") << 0u << false << int(ColorScheme::NoPreference);
        QTest::newRow("unknown value") << 7u << false << int(ColorScheme::NoPreference);
    }
    void portalPreference()
    {
        QFETCH(uint, value);
        QFETCH(bool, dark);
        QFETCH(int, preference);
        QVERIFY(startPortal(value));
        ColorScheme scheme;
        QVERIFY(started(scheme));
        QCOMPARE(m_portal->reads, 1);
        QCOMPARE(int(scheme.preference()), preference);
        QCOMPARE(scheme.scheme(), dark ? ColorScheme::Dark : ColorScheme::Light);
        QCOMPARE(appIsDark(), dark);
        // Controls and SystemPalette share one explicit palette: every role of every group set.
        QVERIFY(QCoreApplication::testAttribute(Qt::AA_SetPalette));
        if (!dark) // the platform palette is already light: its own colours are kept
            QCOMPARE(QGuiApplication::palette().color(QPalette::Window),
                     m_platform.color(QPalette::Window));
    }

    // A desktop switched to dark and back while the app runs; other settings change nothing.
    void followsSettingChanged()
    {
        QVERIFY(startPortal(0));
        ColorScheme scheme;
        QVERIFY(started(scheme));
        QCOMPARE(scheme.scheme(), ColorScheme::Light);
        QSignalSpy changed(&scheme, &ColorScheme::schemeChanged);

        m_portal->change(Appearance, Key, 1);
        QVERIFY(changed.wait(5000));
        QCOMPARE(scheme.scheme(), ColorScheme::Dark);
        QCOMPARE(scheme.preference(), ColorScheme::PreferDark);
        QVERIFY(appIsDark());

        m_portal->change(Appearance, QStringLiteral("accent-color"), 2);
        m_portal->change(QStringLiteral("org.gnome.desktop.interface"), Key, 2);
        m_portal->change(Appearance, Key, 2); // the last one: only it counts
        QVERIFY(changed.wait(5000));
        QCOMPARE(changed.size(), 2);
        QCOMPARE(scheme.scheme(), ColorScheme::Light);
        QVERIFY(!appIsDark());
        QCOMPARE(QGuiApplication::palette().color(QPalette::Window),
                 m_platform.color(QPalette::Window));
    }

    // No portal on the bus, or one that does not know the setting: the platform palette decides.
    void noPortal_data()
    {
        QTest::addColumn<bool>("portal");
        QTest::addColumn<bool>("platformDark");
        QTest::newRow("no portal, light platform") << false << false;
        QTest::newRow("no portal, dark platform") << false << true;
        QTest::newRow("setting unknown, dark platform") << true << true;
    }
    void noPortal()
    {
        QFETCH(bool, portal);
        QFETCH(bool, platformDark);
        if (portal)
            QVERIFY(startPortal(1, false));
        if (platformDark) // as a dark platform theme would have it, before the app starts
            QGuiApplication::setPalette(ColorScheme::standardPalette(ColorScheme::Dark));
        ColorScheme scheme;
        QVERIFY(started(scheme));
        if (portal)
            QCOMPARE(m_portal->reads, 1);
        QCOMPARE(scheme.preference(), ColorScheme::NoPreference);
        QCOMPARE(scheme.scheme(), platformDark ? ColorScheme::Dark : ColorScheme::Light);
        QCOMPARE(appIsDark(), platformDark);
    }

    void noBus()
    {
        ColorScheme scheme;
        QSignalSpy answered(&scheme, &ColorScheme::portalAnswered);
        scheme.start(QDBusConnection(QStringLiteral("not-connected")));
        QVERIFY(answered.wait(5000));
        QCOMPARE(scheme.scheme(), ColorScheme::Light);
    }

    // --color-scheme wins over the portal, live; "system" gives the desktop's choice back.
    void choiceWins()
    {
        QVERIFY(startPortal(2));
        ColorScheme scheme;
        scheme.setChoice(ColorScheme::Choice::Dark);
        QVERIFY(started(scheme));
        QCOMPARE(scheme.preference(), ColorScheme::PreferLight);
        QCOMPARE(scheme.scheme(), ColorScheme::Dark);
        QVERIFY(appIsDark());

        // The desktop changes its mind: heard, and still the user's choice applies.
        m_portal->change(Appearance, Key, 1);
        QTRY_COMPARE(scheme.preference(), ColorScheme::PreferDark);
        m_portal->change(Appearance, Key, 2);
        QTRY_COMPARE(scheme.preference(), ColorScheme::PreferLight);
        QCOMPARE(scheme.scheme(), ColorScheme::Dark);
        QVERIFY(appIsDark());

        scheme.setChoice(ColorScheme::Choice::System);
        QCOMPARE(scheme.scheme(), ColorScheme::Light);
        QVERIFY(!appIsDark());
        scheme.setChoice(ColorScheme::Choice::Dark);
        QCOMPARE(scheme.scheme(), ColorScheme::Dark);
        QVERIFY(appIsDark());
    }

    // The palettes applied: complete, their text readable on each background (4.5:1), of the
    // scheme wanted; a user's dark palette that mixes in light control colours (qt6ct's
    // "darker" with the defaults of a style) is repaired, its own readable colours kept.
    void palettesReadable_data()
    {
        QTest::addColumn<int>("scheme");
        QTest::newRow("light") << int(ColorScheme::Light);
        QTest::newRow("dark") << int(ColorScheme::Dark);
    }
    void palettesReadable()
    {
        QFETCH(int, scheme);
        const auto s = ColorScheme::Scheme(scheme);
        const QPalette p = ColorScheme::completePalette(ColorScheme::standardPalette(s), s);
        QCOMPARE(ColorScheme::isDark(p), s == ColorScheme::Dark);
        const std::pair<QPalette::ColorRole, QPalette::ColorRole> pairs[] = {
            {QPalette::Window, QPalette::WindowText},
            {QPalette::Base, QPalette::Text},
            {QPalette::AlternateBase, QPalette::Text},
            {QPalette::Button, QPalette::ButtonText},
            {QPalette::ToolTipBase, QPalette::ToolTipText},
            {QPalette::Highlight, QPalette::HighlightedText},
            {QPalette::Base, QPalette::PlaceholderText},
            {QPalette::Base, QPalette::Link}};
        for (const auto group : {QPalette::Active, QPalette::Inactive}) {
            for (const auto &[background, text] : pairs) {
                const double ratio = contrast(p.color(group, background), p.color(group, text));
                QVERIFY2(ratio >= 4.5, qPrintable(QStringLiteral("roles %1/%2: %3")
                                                      .arg(int(background))
                                                      .arg(int(text))
                                                      .arg(ratio)));
            }
        }
        for (int g = 0; g < QPalette::NColorGroups; ++g)
            for (int r = 0; r < QPalette::NColorRoles; ++r)
                if (QPalette::ColorRole(r) != QPalette::NoRole)
                    QVERIFY(p.isBrushSet(QPalette::ColorGroup(g), QPalette::ColorRole(r)));
    }

    void mixedPaletteRepaired()
    {
        QPalette mixed; // light defaults...
        const QColor window(0x20, 0x24, 0x2c), text(0xdd, 0xe0, 0xe6);
        mixed.setColor(QPalette::Window, window); // ...with a dark window and text
        mixed.setColor(QPalette::WindowText, text);
        mixed.setColor(QPalette::Text, text); // light text on a light base
        mixed.setColor(QPalette::ButtonText, text);
        const QPalette p = ColorScheme::completePalette(mixed, ColorScheme::Dark);
        QCOMPARE(p.color(QPalette::Window), window);
        QCOMPARE(p.color(QPalette::WindowText), text);
        QVERIFY(p.color(QPalette::Base).lightness() < 128);
        QVERIFY(p.color(QPalette::Button).lightness() < 128);
        QVERIFY(contrast(p.color(QPalette::Base), p.color(QPalette::Text)) >= 4.5);
        QVERIFY(contrast(p.color(QPalette::Button), p.color(QPalette::ButtonText)) >= 4.5);
    }
};

QTEST_MAIN(TestColorScheme)
#include "tst_colorscheme.moc"
