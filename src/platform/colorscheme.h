#pragma once

// Layer platform/: desktop glue for the GUI. Follows the desktop's light/dark choice and gives the
// whole application one complete palette, so that the Quick Controls style (Fusion by default)
// and the QML SystemPalette the app's own colours come from always agree.

#include <QDBusConnection>
#include <QObject>
#include <QPalette>
#include <QString>

#include <optional>

class QDBusVariant;

// The desktop's preference comes from the freedesktop Settings portal
// (org.freedesktop.portal.Settings.Read("org.freedesktop.appearance", "color-scheme"): 0 no
// preference, 1 prefer dark, 2 prefer light), read asynchronously (the GUI thread never waits for
// the portal) and followed live through its SettingChanged signal. Without a portal, or with no
// preference, the platform theme's own palette decides (its window colour's lightness). A choice
// given by the user (--color-scheme, CONCIERGE_COLOR_SCHEME) wins over both.
//
// What is applied: the platform palette itself when it already is of the wanted scheme (the
// user's colours), with any text/background pair that is unreadable replaced; otherwise a
// standard palette of the wanted scheme. Always set explicitly with every role of every group, so
// that no control falls back to a style default of the other scheme.
class ColorScheme : public QObject
{
    Q_OBJECT
    Q_PROPERTY(Scheme scheme READ scheme NOTIFY schemeChanged)
public:
    enum Scheme { Light, Dark };
    Q_ENUM(Scheme)
    // What the user asked for: the desktop's choice, or always one scheme.
    enum class Choice { System, Light, Dark };
    // The portal's values (anything else counts as no preference).
    enum Preference : uint { NoPreference = 0, PreferDark = 1, PreferLight = 2 };

    // Remembers the platform palette (the application palette at this time): construct it before
    // anything else sets one.
    explicit ColorScheme(QObject *parent = nullptr);

    // "light", "dark", "system" (any case); nothing for anything else.
    static std::optional<Choice> parseChoice(const QString &text);

    Choice choice() const { return m_choice; }
    // Applies at once.
    void setChoice(Choice choice);

    // Applies the scheme known now (the platform palette's), then asks the portal on `bus` and
    // listens to its changes. portalAnswered() tells when its first answer is in.
    void start(const QDBusConnection &bus = QDBusConnection::sessionBus());

    // The scheme applied.
    Scheme scheme() const { return m_scheme; }
    // The desktop's preference as the portal last said it (NoPreference before it answered,
    // without a portal or when it does not know the setting).
    Preference preference() const { return m_preference; }
    // The platform palette, as remembered (the one without our changes).
    QPalette platformPalette() const { return m_platform; }

    // The Quick Controls style the user chose, as Qt reads it (QT_QUICK_CONTROLS_STYLE, else the
    // [Controls] Style of the file QT_QUICK_CONTROLS_CONF names or of :/qtquickcontrols2.conf);
    // empty when none is (QQuickStyle::name() cannot tell: it names the platform's default).
    static QString userQuickStyle();

    // A window colour with a lightness under half is dark.
    static bool isDark(const QPalette &palette);
    // The palette applied when the platform palette is of the other scheme.
    static QPalette standardPalette(Scheme scheme);
    // `base` with every role of every group set explicitly, its unreadable pairs (contrast under
    // 4.5:1 between a background role and its text role, or a background of the other scheme)
    // taken from standardPalette(scheme).
    static QPalette completePalette(const QPalette &base, Scheme scheme);

signals:
    void schemeChanged();
    // The portal's answer to the first Read arrived, or the call failed (no portal, no bus).
    void portalAnswered();

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;

private slots:
    void onSettingChanged(const QString &nameSpace, const QString &key, const QDBusVariant &value);

private:
    void setPreference(const QVariant &value);
    void apply();
    void reloadPlatformPalette();

    Choice m_choice = Choice::System;
    Preference m_preference = NoPreference;
    Scheme m_scheme = Light;
    QPalette m_platform;
    bool m_applied = false;    // the application palette is ours
    bool m_changeSeen = false; // a SettingChanged came before the Read's answer
    bool m_started = false;
};
