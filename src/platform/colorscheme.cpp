#include "platform/colorscheme.h"

#include <QDBusMessage>
#include <QDBusMetaType>
#include <QDBusPendingCallWatcher>
#include <QDBusVariant>
#include <QEvent>
#include <QFile>
#include <QGuiApplication>
#include <QLoggingCategory>
#include <QSettings>

#include <cmath>

namespace {
Q_LOGGING_CATEGORY(lcScheme, "concierge.colorscheme", QtInfoMsg)

const QString Service = QStringLiteral("org.freedesktop.portal.Desktop");
const QString Path = QStringLiteral("/org/freedesktop/portal/desktop");
const QString Interface = QStringLiteral("org.freedesktop.portal.Settings");
const QString AppearanceNamespace = QStringLiteral("org.freedesktop.appearance");
const QString ColorSchemeKey = QStringLiteral("color-scheme");
constexpr int ReadTimeoutMs = 10000;

// The portal wraps the value in a variant (Read: twice, ReadOne and SettingChanged: once).
QVariant unwrap(QVariant value)
{
    for (int depth = 0; depth < 4 && value.metaType() == QMetaType::fromType<QDBusVariant>();
         ++depth)
        value = value.value<QDBusVariant>().variant();
    return value;
}

double channel(double c)
{
    c /= 255.0;
    return c <= 0.04045 ? c / 12.92 : std::pow((c + 0.055) / 1.055, 2.4);
}

// WCAG 2 relative luminance and contrast ratio.
double luminance(const QColor &c)
{
    return 0.2126 * channel(c.red()) + 0.7152 * channel(c.green()) + 0.0722 * channel(c.blue());
}

// `text` (possibly translucent, as Qt's default placeholder) drawn on the opaque `background`.
double contrast(const QColor &background, const QColor &text)
{
    const double a = text.alphaF();
    const QColor drawn = QColor::fromRgbF(float(text.redF() * a + background.redF() * (1 - a)),
                                          float(text.greenF() * a + background.greenF() * (1 - a)),
                                          float(text.blueF() * a + background.blueF() * (1 - a)));
    const double la = luminance(background), lb = luminance(drawn);
    return (qMax(la, lb) + 0.05) / (qMin(la, lb) + 0.05);
}

bool darkColor(const QColor &c)
{
    return c.toHsl().lightnessF() < 0.5;
}

struct Pair
{
    QPalette::ColorRole background;
    QPalette::ColorRole text;
    bool followsScheme; // the background is light in a light scheme, dark in a dark one
};
// The backgrounds controls and the app draw on, each with the text drawn on it.
constexpr Pair Pairs[] = {
    {QPalette::Window, QPalette::WindowText, true},
    {QPalette::Base, QPalette::Text, true},
    {QPalette::AlternateBase, QPalette::Text, true},
    {QPalette::Button, QPalette::ButtonText, true},
    {QPalette::ToolTipBase, QPalette::ToolTipText, false},
    {QPalette::Highlight, QPalette::HighlightedText, false},
    {QPalette::Base, QPalette::PlaceholderText, true},
    {QPalette::Base, QPalette::Link, true},
};
} // namespace

ColorScheme::ColorScheme(QObject *parent) : QObject(parent), m_platform(QGuiApplication::palette())
{
    m_scheme = isDark(m_platform) ? Dark : Light;
}

std::optional<ColorScheme::Choice> ColorScheme::parseChoice(const QString &text)
{
    const QString t = text.trimmed().toLower();
    if (t == QLatin1String("light"))
        return Choice::Light;
    if (t == QLatin1String("dark"))
        return Choice::Dark;
    if (t == QLatin1String("system"))
        return Choice::System;
    return std::nullopt;
}

void ColorScheme::setChoice(Choice choice)
{
    m_choice = choice;
    if (m_started)
        apply();
}

void ColorScheme::start(const QDBusConnection &bus)
{
    if (m_started)
        return;
    m_started = true;
    qApp->installEventFilter(this); // ThemeChange: the platform palette may have changed
    apply();
    if (!bus.isConnected()) {
        qCInfo(lcScheme) << "no session bus: the colour scheme follows the platform palette";
        QMetaObject::invokeMethod(this, &ColorScheme::portalAnswered, Qt::QueuedConnection);
        return;
    }
    QDBusConnection connection = bus;
    // Matched on path and interface, from any sender: naming the portal's service here would make
    // Qt resolve its owner with a blocking GetNameOwner call on the GUI thread before the window
    // is built (and again on every owner change). The signal's arguments are checked anyway.
    connection.connect(QString(), Path, Interface, QStringLiteral("SettingChanged"), this,
                       SLOT(onSettingChanged(QString, QString, QDBusVariant)));
    QDBusMessage read =
        QDBusMessage::createMethodCall(Service, Path, Interface, QStringLiteral("Read"));
    read << AppearanceNamespace << ColorSchemeKey;
    auto *watcher = new QDBusPendingCallWatcher(connection.asyncCall(read, ReadTimeoutMs), this);
    connect(watcher, &QDBusPendingCallWatcher::finished, this, [this](QDBusPendingCallWatcher *w) {
        w->deleteLater();
        const QDBusMessage reply = w->reply();
        if (reply.type() == QDBusMessage::ErrorMessage) {
            // No portal, or one that does not know the setting: the platform palette decides.
            qCInfo(lcScheme) << "no colour scheme from the settings portal:" << reply.errorName();
        } else if (!m_changeSeen) {
            setPreference(reply.arguments().value(0));
        }
        emit portalAnswered();
    });
}

void ColorScheme::onSettingChanged(const QString &nameSpace, const QString &key,
                                   const QDBusVariant &value)
{
    if (nameSpace != AppearanceNamespace || key != ColorSchemeKey)
        return;
    m_changeSeen = true;
    setPreference(value.variant());
}

void ColorScheme::setPreference(const QVariant &value)
{
    bool ok = false;
    const uint v = unwrap(value).toUInt(&ok);
    const Preference preference =
        ok && (v == PreferDark || v == PreferLight) ? Preference(v) : NoPreference;
    if (preference == m_preference)
        return;
    m_preference = preference;
    apply();
}

bool ColorScheme::eventFilter(QObject *watched, QEvent *event)
{
    if (event->type() == QEvent::ThemeChange && watched->isWindowType() && m_started) {
        // Once per change (each window gets the event): after the change is delivered.
        QMetaObject::invokeMethod(
            this,
            [this] {
                reloadPlatformPalette();
                apply();
            },
            Qt::QueuedConnection);
    }
    return QObject::eventFilter(watched, event);
}

void ColorScheme::reloadPlatformPalette()
{
    if (m_applied) {
        // An empty palette lets the platform theme's own show through again.
        QGuiApplication::setPalette(QPalette());
        m_applied = false;
    }
    m_platform = QGuiApplication::palette();
}

void ColorScheme::apply()
{
    Scheme wanted = isDark(m_platform) ? Dark : Light;
    if (m_choice == Choice::Dark)
        wanted = Dark;
    else if (m_choice == Choice::Light)
        wanted = Light;
    else if (m_preference == PreferDark)
        wanted = Dark;
    else if (m_preference == PreferLight)
        wanted = Light;

    const QPalette palette = isDark(m_platform) == (wanted == Dark)
                                 ? completePalette(m_platform, wanted)
                                 : completePalette(standardPalette(wanted), wanted);
    if (!m_applied || !(QGuiApplication::palette() == palette)) {
        QGuiApplication::setPalette(palette);
        m_applied = true;
    }
    if (wanted != m_scheme) {
        m_scheme = wanted;
        emit schemeChanged();
    }
}

QString ColorScheme::userQuickStyle()
{
    const QString style = qEnvironmentVariable("QT_QUICK_CONTROLS_STYLE").trimmed();
    if (!style.isEmpty())
        return style;
    QString conf = qEnvironmentVariable("QT_QUICK_CONTROLS_CONF");
    if (conf.isEmpty())
        conf = QStringLiteral(":/qtquickcontrols2.conf");
    if (!QFile::exists(conf))
        return {};
    const QSettings settings(conf, QSettings::IniFormat);
    return settings.value(QStringLiteral("Controls/Style")).toString().trimmed();
}

bool ColorScheme::isDark(const QPalette &palette)
{
    return darkColor(palette.color(QPalette::Active, QPalette::Window));
}

QPalette ColorScheme::standardPalette(Scheme scheme)
{
    QPalette p;
    const auto set = [&p](QPalette::ColorRole role, QRgb active, QRgb disabled) {
        p.setColor(QPalette::Active, role, QColor::fromRgb(active));
        p.setColor(QPalette::Inactive, role, QColor::fromRgb(active));
        p.setColor(QPalette::Disabled, role, QColor::fromRgb(disabled));
    };
    if (scheme == Dark) {
        set(QPalette::Window, 0x2b2b2e, 0x2b2b2e);
        set(QPalette::WindowText, 0xe8e8ea, 0x8a8a8e);
        set(QPalette::Base, 0x1e1e20, 0x262628);
        set(QPalette::AlternateBase, 0x26262a, 0x26262a);
        set(QPalette::Text, 0xe8e8ea, 0x8a8a8e);
        set(QPalette::Button, 0x3a3a3e, 0x333336);
        set(QPalette::ButtonText, 0xe8e8ea, 0x8a8a8e);
        set(QPalette::BrightText, 0xffffff, 0xffffff);
        set(QPalette::ToolTipBase, 0x3a3a3e, 0x3a3a3e);
        set(QPalette::ToolTipText, 0xe8e8ea, 0xe8e8ea);
        set(QPalette::PlaceholderText, 0xa0a0a6, 0x76767a);
        set(QPalette::Highlight, 0x3873c9, 0x4a4a4e);
        set(QPalette::HighlightedText, 0xffffff, 0xa0a0a4);
        set(QPalette::Link, 0x8ab8ff, 0x7a8aa0);
        set(QPalette::LinkVisited, 0xc6a0ff, 0x8a80a0);
        set(QPalette::Light, 0x505054, 0x505054);
        set(QPalette::Midlight, 0x444448, 0x444448);
        set(QPalette::Mid, 0x303033, 0x303033);
        set(QPalette::Dark, 0x1a1a1c, 0x1a1a1c);
        set(QPalette::Shadow, 0x000000, 0x000000);
    } else {
        set(QPalette::Window, 0xefefef, 0xefefef);
        set(QPalette::WindowText, 0x1b1b1d, 0x8c8c8c);
        set(QPalette::Base, 0xffffff, 0xefefef);
        set(QPalette::AlternateBase, 0xf5f5f5, 0xf5f5f5);
        set(QPalette::Text, 0x1b1b1d, 0x8c8c8c);
        set(QPalette::Button, 0xe8e8e8, 0xe0e0e0);
        set(QPalette::ButtonText, 0x1b1b1d, 0x8c8c8c);
        set(QPalette::BrightText, 0xffffff, 0xffffff);
        set(QPalette::ToolTipBase, 0xffffdc, 0xffffdc);
        set(QPalette::ToolTipText, 0x000000, 0x000000);
        set(QPalette::PlaceholderText, 0x6e6e73, 0xa0a0a0);
        set(QPalette::Highlight, 0x2a6fc9, 0xc0c0c0);
        set(QPalette::HighlightedText, 0xffffff, 0x505050);
        set(QPalette::Link, 0x1a5fb4, 0x6a7a90);
        set(QPalette::LinkVisited, 0x6a3fa0, 0x80709a);
        set(QPalette::Light, 0xffffff, 0xffffff);
        set(QPalette::Midlight, 0xf5f5f5, 0xf5f5f5);
        set(QPalette::Mid, 0xb8b8b8, 0xb8b8b8);
        set(QPalette::Dark, 0x9f9f9f, 0x9f9f9f);
        set(QPalette::Shadow, 0x767676, 0x767676);
    }
    return p;
}

QPalette ColorScheme::completePalette(const QPalette &base, Scheme scheme)
{
    const QPalette standard = standardPalette(scheme);
    QPalette p;
    for (int g = 0; g < QPalette::NColorGroups; ++g) {
        const auto group = QPalette::ColorGroup(g);
        for (int r = 0; r < QPalette::NColorRoles; ++r) {
            const auto role = QPalette::ColorRole(r);
            if (role == QPalette::NoRole)
                continue;
            p.setColor(group, role, base.color(group, role));
        }
        if (group == QPalette::Disabled)
            continue; // disabled text is meant to be faint
        // Replacing a background can spoil another pair on it: again until nothing changes (the
        // standard palette's pairs all read, so a few passes suffice).
        bool changed = true;
        for (int pass = 0; changed && pass < 4; ++pass) {
            changed = false;
            for (const Pair &pair : Pairs) {
                const QColor background = p.color(group, pair.background);
                if (pair.followsScheme && darkColor(background) != (scheme == Dark)) {
                    p.setColor(group, pair.background, standard.color(group, pair.background));
                    changed = true;
                }
                if (contrast(p.color(group, pair.background), p.color(group, pair.text)) >= 4.5)
                    continue;
                // The user's background with our text if that reads, otherwise both of ours.
                p.setColor(group, pair.text, standard.color(group, pair.text));
                if (contrast(p.color(group, pair.background), p.color(group, pair.text)) < 4.5)
                    p.setColor(group, pair.background, standard.color(group, pair.background));
                changed = true;
            }
        }
    }
    return p;
}
