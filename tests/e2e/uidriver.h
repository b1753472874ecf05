#pragma once

// Drives the real Concierge window the way a person would: finds items by objectName, clicks
// their centre, types into the focused field. Shared by the end-to-end and screenshot tests.
#include "appservices.h"
#include "quick/mxcimageprovider.h"

#include <QPointer>
#include <QDir>
#include <QImage>
#include <QMutex>
#include <QQmlApplicationEngine>
#include <QQuickItem>
#include <QQuickWindow>
#include <QRegularExpression>
#include <QtTest>

#include <algorithm>
#include <memory>

namespace UiDriver {

// QML warnings from our own module count as failures: a binding error is a UI bug.
inline QStringList &qmlWarnings()
{
    static QStringList warnings;
    return warnings;
}
inline QMutex &warningsMutex()
{
    static QMutex mutex;
    return mutex;
}
inline QtMessageHandler &previousHandler()
{
    static QtMessageHandler handler = nullptr;
    return handler;
}
inline void messageHandler(QtMsgType type, const QMessageLogContext &context, const QString &message)
{
    if (type != QtDebugMsg && type != QtInfoMsg &&
        (message.contains(QLatin1String("Concierge/Ui")) || message.contains(QLatin1String("QML ")) ||
         message.contains(QLatin1String("Component is not ready")))) {
        QMutexLocker lock(&warningsMutex());
        qmlWarnings() << message;
    }
    if (previousHandler())
        previousHandler()(type, context, message);
}
inline void installMessageHandler()
{
    previousHandler() = qInstallMessageHandler(messageHandler);
}

// Every item below `root`, depth first (visual children: covers the overlay with the dialogs).
inline QQuickItem *findItem(QQuickItem *root, const QString &objectName)
{
    if (!root)
        return nullptr;
    if (root->objectName() == objectName)
        return root;
    const QList<QQuickItem *> children = root->childItems();
    for (QQuickItem *child : children)
        if (QQuickItem *found = findItem(child, objectName))
            return found;
    return nullptr;
}

inline bool isShown(QQuickItem *item)
{
    for (QQuickItem *i = item; i; i = i->parentItem())
        if (!i->isVisible() || i->opacity() <= 0.0)
            return false;
    return item && item->width() > 0 && item->height() > 0;
}

struct App
{
    std::unique_ptr<AppServices> services;
    std::unique_ptr<QQmlApplicationEngine> engine;
    QQuickWindow *window = nullptr;

    // As `concierge --no-keychain` by default: tests never touch the user's keychain.
    static AppServices::Options defaultOptions()
    {
        AppServices::Options options;
        options.useKeychain = false;
        return options;
    }

    bool start(const QVariantMap &extraProperties = {}, QSize size = {1000, 720},
               const AppServices::Options &options = defaultOptions())
    {
        services = std::make_unique<AppServices>(options);
        engine = std::make_unique<QQmlApplicationEngine>();
        engine->addImportPath(QStringLiteral("qrc:/qt/qml"));
        engine->addImageProvider(QStringLiteral("mxc"), new MxcImageProvider(services->thumbnails()));
        QVariantMap props = extraProperties;
        props.insert(QStringLiteral("services"), QVariant::fromValue(services.get()));
        engine->setInitialProperties(props);
        engine->load(QUrl(QStringLiteral("qrc:/qt/qml/Concierge/Ui/Main.qml")));
        if (engine->rootObjects().isEmpty())
            return false;
        window = qobject_cast<QQuickWindow *>(engine->rootObjects().constFirst());
        if (!window)
            return false;
        window->resize(size);
        window->show();
        return QTest::qWaitForWindowExposed(window);
    }

    void stop()
    {
        engine.reset();
        services.reset();
        window = nullptr;
    }

    QQuickItem *item(const QString &objectName) const
    {
        return findItem(window->contentItem(), objectName);
    }
    // An item inside another one (e.g. a button inside a room's row).
    QQuickItem *item(const QString &parentName, const QString &objectName) const
    {
        return findItem(item(parentName), objectName);
    }

    // Waits until the named item exists and is shown.
    QQuickItem *waitFor(const QString &objectName, int timeoutMs = 15000) const
    {
        QQuickItem *found = nullptr;
        (void)QTest::qWaitFor([&] {
            found = item(objectName);
            return found && isShown(found);
        }, timeoutMs);
        return found && isShown(found) ? found : nullptr;
    }
    QQuickItem *waitFor(const QString &parentName, const QString &objectName,
                        int timeoutMs = 15000) const
    {
        QQuickItem *found = nullptr;
        (void)QTest::qWaitFor([&] {
            found = item(parentName, objectName);
            return found && isShown(found);
        }, timeoutMs);
        return found && isShown(found) ? found : nullptr;
    }

    // The sign-in page's access-token field, once the server in the homeserver field has said
    // how it signs in (a server that offers a password keeps the token form under Advanced,
    // which this opens). Null when the page never settles or the field does not show.
    QQuickItem *tokenField(int timeoutMs = 15000) const
    {
        QQuickItem *page = item(QStringLiteral("signInPage"));
        if (!page || !QTest::qWaitFor([&] { return page->property("methodsSettled").toBool(); }, timeoutMs))
            return nullptr;
        QQuickItem *advanced = item(QStringLiteral("advancedButton"));
        if (advanced && isShown(advanced) && !advanced->property("checked").toBool() && !click(advanced))
            return nullptr;
        return waitFor(QStringLiteral("tokenField"), 2000);
    }

    bool click(QQuickItem *target) const
    {
        if (!target || !isShown(target) || !target->isEnabled())
            return false;
        const QPointF centre = target->mapToScene(QPointF(target->width() / 2, target->height() / 2));
        QTest::mouseClick(window, Qt::LeftButton, Qt::NoModifier, centre.toPoint());
        return true;
    }

    // Clicks a text field, selects what is in it and types `text` over it. A form still settling
    // (a field moved or shown a moment after it appeared, the focus set by the page as it
    // settles) can take the click or the keys: then it is done again, as a user would, at most
    // three times in all.
    bool typeInto(QQuickItem *target, const QString &text) const
    {
        const QPointer<QQuickItem> field(target); // the page may rebuild it meanwhile
        for (int attempt = 0; attempt < 3; ++attempt) {
            if (attempt > 0)
                QTest::qWait(300);
            if (!QTest::qWaitFor([&] { return field && isShown(field) && field->isEnabled(); }, 5000))
                return false;
            if (!click(field) || !QTest::qWaitFor([&] { return field && field->hasActiveFocus(); }, 2000))
                continue;
            QTest::keyClick(window, Qt::Key_A, Qt::ControlModifier);
            QTest::keyClick(window, Qt::Key_Delete);
            typeText(text);
            if (field && field->property("text").toString() == text && field->hasActiveFocus())
                return true;
        }
        return false;
    }

    // Types into whatever has the focus (QTest::keyClicks exists for widgets only).
    void typeText(const QString &text) const
    {
        for (const QChar c : text)
            QTest::keyClick(window, c.toLatin1());
    }

    void key(Qt::Key key, Qt::KeyboardModifiers modifiers = Qt::NoModifier) const
    {
        QTest::keyClick(window, key, modifiers);
    }

    // Scrolls the room list so that the room's row exists and is on screen; returns its row.
    QQuickItem *roomRow(const QString &roomId, int timeoutMs = 20000) const
    {
        QQuickItem *row = nullptr;
        (void)QTest::qWaitFor([&] {
            QAbstractItemModel *model = services->rooms();
            QQuickItem *list = item(QStringLiteral("roomList"));
            if (!list)
                return false;
            const int roomIdRole = model->roleNames().key("roomId");
            for (int r = 0; r < model->rowCount(); ++r) {
                if (model->index(r, 0).data(roomIdRole).toString() == roomId) {
                    QMetaObject::invokeMethod(list, "positionViewAtIndex", Q_ARG(int, r),
                                              Q_ARG(int, 2 /* ListView.Contain */));
                    break;
                }
            }
            row = item(QStringLiteral("room:") + roomId);
            return row && isShown(row);
        }, timeoutMs);
        return row && isShown(row) ? row : nullptr;
    }

    // A button in a room's row, once the row shows it (e.g. after a sync moved the room).
    QQuickItem *rowButton(const QString &roomId, const QString &button, int timeoutMs = 20000) const
    {
        QQuickItem *found = nullptr;
        (void)QTest::qWaitFor([&] {
            QQuickItem *row = roomRow(roomId, 500);
            found = findItem(row, button);
            return found && isShown(found) && found->isEnabled();
        }, timeoutMs);
        return found && isShown(found) ? found : nullptr;
    }

    // The room list's section headers that are drawn, top to bottom, as their text
    // ("Joined  (2)"): each section's first row draws one.
    QStringList sectionHeaders() const
    {
        QList<std::pair<qreal, QString>> found;
        collectHeaders(item(QStringLiteral("roomList")), &found);
        std::sort(found.begin(), found.end());
        QStringList titles;
        for (const auto &header : std::as_const(found))
            titles << header.second;
        return titles;
    }

    QImage grab() const { return window->grabWindow(); }

    // --- Keyboard only: where the focus is, and moving it with key presses. ---

    // The item that receives key presses (null: a key press would reach nothing).
    QQuickItem *focusItem() const { return window ? window->activeFocusItem() : nullptr; }

    // "QQuickTextField 'tokenField' in 'signInPage'", for failure messages.
    QString describeFocus() const
    {
        QQuickItem *focused = focusItem();
        if (!focused)
            return QStringLiteral("nothing has the focus");
        QString text = QString::fromLatin1(focused->metaObject()->className());
        if (!focused->objectName().isEmpty())
            text += QStringLiteral(" '%1'").arg(focused->objectName());
        for (QQuickItem *i = focused->parentItem(); i; i = i->parentItem())
            if (!i->objectName().isEmpty()) {
                text += QStringLiteral(" in '%1'").arg(i->objectName());
                break;
            }
        return text;
    }

    static bool isInside(const QQuickItem *item, const QQuickItem *ancestor)
    {
        if (!ancestor)
            return false;
        for (const QQuickItem *i = item; i; i = i->parentItem())
            if (i == ancestor)
                return true;
        return false;
    }

    // The focus is on a shown item inside `container` (a page, a dialog's popupItem()).
    bool focusInside(const QQuickItem *container) const
    {
        QQuickItem *focused = focusItem();
        return focused && isShown(focused) && isInside(focused, container);
    }

    // A dialog (a Popup, which is no item) by its objectName, and the item it is drawn as: its
    // content item's parent, under the window's overlay.
    QObject *object(const QString &objectName) const
    {
        return window ? window->findChild<QObject *>(objectName) : nullptr;
    }
    QQuickItem *popupItem(const QString &dialogName) const
    {
        QObject *dialog = object(dialogName);
        QQuickItem *content =
            dialog ? dialog->property("contentItem").value<QQuickItem *>() : nullptr;
        return content ? content->parentItem() : nullptr;
    }

    // Presses Tab (Shift+Tab with `backwards`) until `target` has the focus, at most `maxPresses`
    // times, each press waiting for the focus to move; false if it never lands on `target` or
    // leaves `within` (when given) on the way.
    bool tabTo(QQuickItem *target, int maxPresses = 12, bool backwards = false,
               const QQuickItem *within = nullptr) const
    {
        if (!target)
            return false;
        for (int i = 0; i < maxPresses && !target->hasActiveFocus(); ++i) {
            QQuickItem *before = focusItem();
            QTest::keyClick(window, backwards ? Qt::Key_Backtab : Qt::Key_Tab,
                            backwards ? Qt::ShiftModifier : Qt::NoModifier);
            if (!QTest::qWaitFor([&] { return focusItem() != before; }, 2000))
                return false;
            if (within && !focusInside(within))
                return false;
        }
        return target->hasActiveFocus();
    }

    // The room list's current row (the one Enter and Delete act on), and its room.
    QQuickItem *currentRow() const
    {
        QQuickItem *list = item(QStringLiteral("roomList"));
        return list ? list->property("currentItem").value<QQuickItem *>() : nullptr;
    }
    QString currentRoomId() const
    {
        QQuickItem *row = currentRow();
        return row ? row->property("roomId").toString() : QString();
    }

    // With the room list focused: Home, then Down until the room's row is the current one. Tries
    // again while rows come and go (a sync); false if the row never becomes current.
    bool keyToRoom(const QString &roomId, int timeoutMs = 20000) const
    {
        QQuickItem *list = item(QStringLiteral("roomList"));
        if (!list)
            return false;
        return QTest::qWaitFor(
            [&] {
                if (!list->hasActiveFocus())
                    return false;
                if (currentRoomId() == roomId)
                    return true;
                QTest::keyClick(window, Qt::Key_Home);
                const int rows = list->property("count").toInt();
                for (int i = 0; i < rows && currentRoomId() != roomId; ++i)
                    QTest::keyClick(window, Qt::Key_Down);
                return currentRoomId() == roomId;
            },
            timeoutMs);
    }

private:
    static void collectHeaders(QQuickItem *root, QList<std::pair<qreal, QString>> *found)
    {
        if (!root)
            return;
        if (root->objectName().startsWith(QLatin1String("section:")) && isShown(root)) {
            if (QQuickItem *title = findItem(root, QStringLiteral("sectionTitle")))
                found->append(
                    {root->mapToScene(QPointF()).y(), title->property("text").toString()});
        }
        const QList<QQuickItem *> children = root->childItems();
        for (QQuickItem *child : children)
            collectHeaders(child, found);
    }
};

inline bool savePng(const QImage &image, const QString &dir, const QString &name)
{
    QDir().mkpath(dir);
    return image.save(dir + QLatin1Char('/') + name + QStringLiteral(".png"));
}

} // namespace UiDriver
