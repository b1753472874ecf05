// End to end with the keyboard only: the real app (AppServices + Concierge.Ui's Main.qml) against
// the real Synapse of the `synapse` ctest fixture, driven by key presses on the window and nothing
// else (no clicks, no QML function called, no property set). The test only READS what the UI shows
// and which item has the focus. After every step: the SERVER's state (admin API, or the user's own
// /sync), what the UI shows, and that the focus is on a shown item of the page or of the open
// dialog, where the user can see it.
//
// The journey: sign in (Tab to the fields, type, Enter), accept an invitation (Home/Down to its
// row, Enter), join by alias (Ctrl+J, type, Enter), invite someone (Shift+F10 on a joined row for
// its context menu, Enter on Invite…, type the user ID, Enter, Tab to the reason, Enter), leave
// with a reason (Delete on the row, type, Enter), forget (Delete on the left row, Tab to Forget,
// Enter).
#include "synapsefixture.h"
#include "uidriver.h"

#include "session/session.h"

#include <QQuickStyle>
#include <QTemporaryDir>
#include <QtQml/qqmlextensionplugin.h>

Q_IMPORT_QML_PLUGIN(Concierge_CorePlugin)
Q_IMPORT_QML_PLUGIN(Concierge_UiPlugin)

using UiDriver::App;

class TestUiKeyboardEndToEnd : public QObject
{
    Q_OBJECT

private:
    SynapseFixture m_server;
    SynapseFixture::User m_admin;
    SynapseFixture::User m_alice; // signs in to Concierge
    SynapseFixture::User m_bob;   // invites alice, owns the rooms
    SynapseFixture::User m_carol; // invited by alice
    QString m_inviteRoom; // bob invited alice here; she accepts, later leaves and forgets it
    QString m_aliasRoom;  // public, joined by its alias; alice invites carol here
    QString m_alias;
    QTemporaryDir m_storeDir;
    App m_app;

    QString membership(const QString &roomId, const QString &userId)
    {
        return m_server.membershipOf(m_admin, roomId, userId);
    }

    QString reasonOf(const QString &roomId, const QString &userId)
    {
        return m_server.memberEvent(m_admin, roomId, userId)
            .value(QLatin1String("content"))
            .toObject()
            .value(QLatin1String("reason"))
            .toString();
    }

    // The room IDs in alice's own /sync under rooms.<section> (join, invite, leave).
    QStringList syncedRooms(const QString &section)
    {
        const QByteArray filter = QUrl::toPercentEncoding(
            QStringLiteral(R"({"room":{"include_leave":true,"timeline":{"limit":1}}})"));
        const SynapseFixture::Response r = m_server.request(
            "GET", "/_matrix/client/v3/sync?timeout=0&filter=" + filter, m_alice.accessToken);
        return r.body.value(QLatin1String("rooms")).toObject().value(section).toObject().keys();
    }

    QQuickItem *roomList() const { return m_app.item(QStringLiteral("roomList")); }

    // The room list has the keyboard focus, on the row of `roomId`, and the row shows it (its
    // frame: `highlighted`).
    bool focusOnRoom(const QString &roomId) const
    {
        QQuickItem *list = roomList();
        QQuickItem *row = m_app.currentRow();
        return list && list->hasActiveFocus() && m_app.focusInside(list) && row &&
               row->property("roomId").toString() == roomId && UiDriver::isShown(row) &&
               row->property("highlighted").toBool();
    }

    // The dialog is open and the focus is on `field` inside it.
    bool focusInDialog(const QString &dialog, QQuickItem *field) const
    {
        QQuickItem *popup = m_app.popupItem(dialog);
        return popup && UiDriver::isShown(popup) && field && field->hasActiveFocus() &&
               m_app.focusInside(popup);
    }

    bool dialogClosed(const QString &dialog) const
    {
        QObject *object = m_app.object(dialog);
        return object && !object->property("visible").toBool();
    }

private slots:
    void initTestCase()
    {
        UiDriver::installMessageHandler();
        QQuickStyle::setStyle(QStringLiteral("Fusion"));
        QString error;
        QVERIFY2(m_server.load(&error), qPrintable(error));
        m_admin = m_server.registerUser(QStringLiteral("kbd-admin"), true);
        m_alice =
            m_server.registerUser(QStringLiteral("kbd-alice"), false, QStringLiteral("Alice Keys"));
        m_bob = m_server.registerUser(QStringLiteral("kbd-bob"), false, QStringLiteral("Bob Keys"));
        m_carol =
            m_server.registerUser(QStringLiteral("kbd-carol"), false, QStringLiteral("Carol Keys"));
        QVERIFY(!m_admin.accessToken.isEmpty() && !m_alice.accessToken.isEmpty() &&
                !m_bob.accessToken.isEmpty() && !m_carol.accessToken.isEmpty());

        m_inviteRoom = m_server.createRoom(
            m_bob, {{QStringLiteral("name"), QStringLiteral("Keyboard invitation")},
                    {QStringLiteral("preset"), QStringLiteral("private_chat")}});
        QVERIFY(!m_inviteRoom.isEmpty());
        QVERIFY(m_server.invite(m_bob, m_inviteRoom, m_alice.userId));

        const QString aliasLocal = QStringLiteral("kbd-lobby-%1").arg(m_bob.localpart);
        m_alias = QStringLiteral("#%1:%2").arg(aliasLocal, m_server.serverName());
        m_aliasRoom =
            m_server.createRoom(m_bob, {{QStringLiteral("name"), QStringLiteral("Keyboard lobby")},
                                        {QStringLiteral("preset"), QStringLiteral("public_chat")},
                                        {QStringLiteral("room_alias_name"), aliasLocal},
                                        // members may invite (Synapse's default needs PL 50)
                                        {QStringLiteral("power_level_content_override"),
                                         QJsonObject{{QStringLiteral("invite"), 0}}}});
        QVERIFY(!m_aliasRoom.isEmpty());

        QVERIFY(m_storeDir.isValid());
        AppServices::Options options = App::defaultOptions();
        options.storeDirectory = m_storeDir.path();
        QVERIFY(m_app.start({}, {1000, 720}, options));
        m_app.window->requestActivate();
        QVERIFY(QTest::qWaitForWindowActive(m_app.window));
    }

    void cleanupTestCase()
    {
        m_app.stop();
        QMutexLocker lock(&UiDriver::warningsMutex());
        QVERIFY2(UiDriver::qmlWarnings().isEmpty(),
                 qPrintable(UiDriver::qmlWarnings().join(QLatin1Char('\n'))));
    }

    // Tab to the homeserver field, replace its text, Tab to the user name and the password, Enter.
    void signIn()
    {
        QQuickItem *page = m_app.waitFor(QStringLiteral("signInPage"));
        QVERIFY(page);
        QQuickItem *homeserver = m_app.waitFor(QStringLiteral("homeserverField"));
        QQuickItem *token = m_app.item(QStringLiteral("tokenField"));
        QVERIFY(homeserver && token);
        // The page opens with the focus in it (on the first empty field: the token).
        QTRY_VERIFY2(m_app.focusInside(page), qPrintable(m_app.describeFocus()));
        QVERIFY2(token->hasActiveFocus(), qPrintable(m_app.describeFocus()));

        // Tab round the page's focus chain to the homeserver field, never leaving the page.
        QVERIFY2(m_app.tabTo(homeserver, 12, false, page), qPrintable(m_app.describeFocus()));
        m_app.key(Qt::Key_A, Qt::ControlModifier);
        m_app.key(Qt::Key_Delete);
        m_app.typeText(m_server.baseUrl().toString());
        QCOMPARE(homeserver->property("text").toString(), m_server.baseUrl().toString());

        // The server offers a password (issue 14): the form asks for the user name and password,
        // the token under Advanced. Tab: the user name, Tab: the password, Enter.
        QTRY_VERIFY_WITH_TIMEOUT(page->property("methodsSettled").toBool(), 15000);
        QQuickItem *user = m_app.waitFor(QStringLiteral("userField"));
        QQuickItem *password = m_app.waitFor(QStringLiteral("passwordField"));
        QVERIFY(user && password);
        QVERIFY(!UiDriver::isShown(token));
        m_app.key(Qt::Key_Tab);
        QTRY_VERIFY2(user->hasActiveFocus(), qPrintable(m_app.describeFocus()));
        m_app.typeText(m_alice.localpart);
        m_app.key(Qt::Key_Tab);
        QTRY_VERIFY2(password->hasActiveFocus(), qPrintable(m_app.describeFocus()));
        m_app.typeText(m_alice.localpart + QStringLiteral("-pw")); // SynapseFixture's password
        m_app.key(Qt::Key_Return);

        // The server accepted the token: the session is alice's (whoami answered for it).
        QTRY_COMPARE_WITH_TIMEOUT(m_app.services->session()->state(), Session::SignedIn, 20000);
        QCOMPARE(m_app.services->session()->userId(), m_alice.userId);
        QQuickItem *userLabel = m_app.waitFor(QStringLiteral("userIdLabel"));
        QVERIFY(userLabel);
        QCOMPARE(userLabel->property("text").toString(), m_alice.userId);
        QCOMPARE(token->property("text").toString(), QString());
        QCOMPARE(password->property("text").toString(), QString()); // never kept once used

        // The room list has the focus, and once the rooms are there a current row with its frame.
        QQuickItem *roomPage = m_app.waitFor(QStringLiteral("roomListPage"));
        QVERIFY(roomPage);
        QTRY_VERIFY2(roomList() && roomList()->hasActiveFocus() && m_app.focusInside(roomPage),
                     qPrintable(m_app.describeFocus()));
        QTRY_VERIFY_WITH_TIMEOUT(
            m_app.currentRow() && m_app.currentRow()->property("highlighted").toBool(), 20000);
    }

    // Home, Down to the invitation's row; Enter accepts it.
    void acceptInvite()
    {
        QCOMPARE(membership(m_inviteRoom, m_alice.userId), QStringLiteral("invite"));
        QVERIFY2(m_app.keyToRoom(m_inviteRoom), qPrintable(m_app.describeFocus()));
        QVERIFY(focusOnRoom(m_inviteRoom));
        QQuickItem *row = m_app.currentRow();
        QVERIFY(row->property("isInvite").toBool());
        QVERIFY(UiDriver::isShown(UiDriver::findItem(row, QStringLiteral("acceptButton"))));

        m_app.key(Qt::Key_Return);
        QTRY_COMPARE_WITH_TIMEOUT(membership(m_inviteRoom, m_alice.userId), QStringLiteral("join"),
                                  20000);

        // The row moved to Joined and the focus went with it: still on the room acted on.
        QTRY_VERIFY_WITH_TIMEOUT(
            m_app.currentRow() && m_app.currentRow()->property("isJoined").toBool(), 20000);
        QTRY_VERIFY2(focusOnRoom(m_inviteRoom),
                     qPrintable(m_app.describeFocus() + QStringLiteral(", current ") +
                                m_app.currentRoomId()));
        QVERIFY(
            m_app.waitFor(QStringLiteral("room:") + m_inviteRoom, QStringLiteral("leaveButton")));
    }

    // Ctrl+J, type the alias, Enter.
    void joinByAlias()
    {
        QCOMPARE(membership(m_aliasRoom, m_alice.userId), QString());
        m_app.key(Qt::Key_J, Qt::ControlModifier);
        QQuickItem *address = m_app.waitFor(QStringLiteral("joinAddressField"));
        QVERIFY2(address, "Ctrl+J opens the join dialog");
        QTRY_VERIFY2(focusInDialog(QStringLiteral("joinDialog"), address),
                     qPrintable(m_app.describeFocus()));

        m_app.typeText(m_alias);
        QCOMPARE(address->property("text").toString(), m_alias);
        QTRY_VERIFY(m_app.item(QStringLiteral("joinConfirmButton"))->isEnabled());
        m_app.key(Qt::Key_Return);
        QTRY_COMPARE_WITH_TIMEOUT(membership(m_aliasRoom, m_alice.userId), QStringLiteral("join"),
                                  20000);

        // Closed on success; the focus is back on the list, on the row it was on.
        QTRY_VERIFY_WITH_TIMEOUT(dialogClosed(QStringLiteral("joinDialog")), 20000);
        QTRY_VERIFY2(focusOnRoom(m_inviteRoom),
                     qPrintable(m_app.describeFocus() + QStringLiteral(", current ") +
                                m_app.currentRoomId()));
        // The joined room has its row, as a joined room.
        QQuickItem *row = m_app.waitFor(QStringLiteral("room:") + m_aliasRoom,
                                        QStringLiteral("inviteButton"), 20000);
        QVERIFY2(row, "the joined room's row offers Invite…");
    }

    // Shift+F10 on a joined room's row opens its context menu on "Invite…"; Enter opens the invite
    // dialog. Type carol's user ID, Enter picks her, Tab to the reason, type it, Enter invites.
    void inviteFromContextMenu()
    {
        QCOMPARE(membership(m_aliasRoom, m_carol.userId), QString());
        QVERIFY2(m_app.keyToRoom(m_aliasRoom), qPrintable(m_app.describeFocus()));
        QVERIFY(focusOnRoom(m_aliasRoom));
        QVERIFY(m_app.currentRow()->property("isJoined").toBool());

        m_app.key(Qt::Key_F10, Qt::ShiftModifier);
        QObject *menu = m_app.object(QStringLiteral("roomContextMenu"));
        QVERIFY2(menu, "the rows have a context menu");
        QTRY_VERIFY2(menu->property("opened").toBool(), "Shift+F10 opens the row's context menu");
        QCOMPARE(menu->property("roomId").toString(), m_aliasRoom);
        QQuickItem *menuPopup = m_app.popupItem(QStringLiteral("roomContextMenu"));
        QTRY_VERIFY2(m_app.focusInside(menuPopup), qPrintable(m_app.describeFocus()));
        // The first action that applies to a joined room is current, and drawn so.
        QQuickItem *inviteItem = UiDriver::findItem(menuPopup, QStringLiteral("menuInvite"));
        QVERIFY(inviteItem && UiDriver::isShown(inviteItem));
        QTRY_VERIFY(inviteItem->property("highlighted").toBool());
        QVERIFY(!UiDriver::isShown(UiDriver::findItem(menuPopup, QStringLiteral("menuAccept"))));
        m_app.key(Qt::Key_Return);

        QQuickItem *search = m_app.waitFor(QStringLiteral("inviteSearchField"));
        QVERIFY2(search, "Invite… in the context menu opens the invite dialog");
        QTRY_VERIFY(!menu->property("visible").toBool());
        QTRY_VERIFY2(focusInDialog(QStringLiteral("inviteDialog"), search),
                     qPrintable(m_app.describeFocus()));
        QCOMPARE(m_app.object(QStringLiteral("inviteDialog"))->property("roomId").toString(),
                 m_aliasRoom);

        m_app.typeText(m_carol.userId);
        QCOMPARE(search->property("text").toString(), m_carol.userId);
        m_app.key(Qt::Key_Return);
        // Picked: shown among the people to invite; the search field is free (and focused) again.
        QVERIFY2(m_app.waitFor(QStringLiteral("picked:") + m_carol.userId),
                 "Enter picks the typed user ID");
        QTRY_COMPARE(search->property("text").toString(), QString());
        QTRY_VERIFY2(focusInDialog(QStringLiteral("inviteDialog"), search),
                     qPrintable(m_app.describeFocus()));
        QVERIFY(m_app.item(QStringLiteral("inviteConfirmButton"))->isEnabled());
        QCOMPARE(membership(m_aliasRoom, m_carol.userId), QString()); // nothing sent yet

        // Tab through the dialog to the reason, never leaving it.
        QQuickItem *reason = m_app.item(QStringLiteral("inviteReasonField"));
        QVERIFY2(m_app.tabTo(reason, 6, false, m_app.popupItem(QStringLiteral("inviteDialog"))),
                 qPrintable(m_app.describeFocus()));
        m_app.typeText(QStringLiteral("Come and see"));
        QCOMPARE(reason->property("text").toString(), QStringLiteral("Come and see"));
        m_app.key(Qt::Key_Return);

        if (!QTest::qWaitFor(
                [&] { return membership(m_aliasRoom, m_carol.userId) == QLatin1String("invite"); },
                20000))
            QFAIL(qPrintable(
                QStringLiteral("carol was not invited; dialog says \"%1\", status \"%2\"")
                    .arg(m_app.item(QStringLiteral("inviteServerError"))
                             ->property("text")
                             .toString(),
                         m_app.services->membership()->statusText())));
        QCOMPARE(reasonOf(m_aliasRoom, m_carol.userId), QStringLiteral("Come and see"));
        QTRY_VERIFY_WITH_TIMEOUT(dialogClosed(QStringLiteral("inviteDialog")), 20000);
        QTRY_VERIFY2(focusOnRoom(m_aliasRoom), qPrintable(m_app.describeFocus()));
    }

    // Delete on a joined room's row opens Leave with the focus on the reason; type, Enter.
    void leaveWithReason()
    {
        QVERIFY2(m_app.keyToRoom(m_inviteRoom), qPrintable(m_app.describeFocus()));
        QVERIFY(focusOnRoom(m_inviteRoom));
        QVERIFY(m_app.currentRow()->property("isJoined").toBool());

        m_app.key(Qt::Key_Delete);
        QQuickItem *reason = m_app.waitFor(QStringLiteral("leaveReasonField"));
        QVERIFY2(reason, "Delete on a joined room opens the leave dialog");
        QCOMPARE(m_app.object(QStringLiteral("leaveDialog"))->property("roomId").toString(),
                 m_inviteRoom);
        // The reason is the dialog's first field: it has the focus as the dialog opens (or one
        // Tab away, should the dialog ever open on a button).
        QQuickItem *popup = m_app.popupItem(QStringLiteral("leaveDialog"));
        QTRY_VERIFY2(m_app.focusInside(popup), qPrintable(m_app.describeFocus()));
        QVERIFY2(m_app.tabTo(reason, 4, false, popup), qPrintable(m_app.describeFocus()));
        m_app.typeText(QStringLiteral("Moving on"));
        QCOMPARE(reason->property("text").toString(), QStringLiteral("Moving on"));
        QCOMPARE(membership(m_inviteRoom, m_alice.userId),
                 QStringLiteral("join")); // nothing sent yet
        m_app.key(Qt::Key_Return);

        QTRY_COMPARE_WITH_TIMEOUT(membership(m_inviteRoom, m_alice.userId), QStringLiteral("leave"),
                                  20000);
        QCOMPARE(reasonOf(m_inviteRoom, m_alice.userId), QStringLiteral("Moving on"));
        QVERIFY(!m_server.joinedRooms(m_admin, m_alice.userId).contains(m_inviteRoom));

        // The row moved to Left; the focus stayed on the room acted on, not on a neighbour.
        QTRY_VERIFY(dialogClosed(QStringLiteral("leaveDialog")));
        QTRY_VERIFY_WITH_TIMEOUT(
            m_app.currentRow() && m_app.currentRow()->property("isLeft").toBool(), 20000);
        QTRY_VERIFY2(focusOnRoom(m_inviteRoom),
                     qPrintable(m_app.describeFocus() + QStringLiteral(", current ") +
                                m_app.currentRoomId()));
        QVERIFY(
            m_app.waitFor(QStringLiteral("room:") + m_inviteRoom, QStringLiteral("forgetButton")));
    }

    // Delete on the left room's row opens Forget (on Cancel); Tab to Forget, Enter.
    void forget()
    {
        QTRY_VERIFY_WITH_TIMEOUT(syncedRooms(QStringLiteral("leave")).contains(m_inviteRoom),
                                 10000);
        QVERIFY2(m_app.keyToRoom(m_inviteRoom), qPrintable(m_app.describeFocus()));
        QVERIFY(focusOnRoom(m_inviteRoom));
        QVERIFY(m_app.currentRow()->property("isLeft").toBool());

        m_app.key(Qt::Key_Delete);
        QQuickItem *confirm = m_app.waitFor(QStringLiteral("forgetConfirmButton"));
        QVERIFY2(confirm, "Delete on a left room opens the forget dialog");
        QCOMPARE(m_app.object(QStringLiteral("forgetDialog"))->property("roomId").toString(),
                 m_inviteRoom);
        QQuickItem *popup = m_app.popupItem(QStringLiteral("forgetDialog"));
        // Opens on Cancel (the safe choice), with its focus ring drawn.
        QQuickItem *cancel = m_app.item(QStringLiteral("forgetCancelButton"));
        QTRY_VERIFY2(focusInDialog(QStringLiteral("forgetDialog"), cancel),
                     qPrintable(m_app.describeFocus()));
        QQuickItem *ring = UiDriver::findItem(popup, QStringLiteral("focusRing"));
        QVERIFY(ring);
        QTRY_VERIFY(UiDriver::isShown(ring));
        QCOMPARE(ring->mapToScene(QPointF(ring->width() / 2, ring->height() / 2)).toPoint(),
                 cancel->mapToScene(QPointF(cancel->width() / 2, cancel->height() / 2)).toPoint());

        // Tab to Forget (the ring follows), Enter.
        QVERIFY2(m_app.tabTo(confirm, 4, false, popup), qPrintable(m_app.describeFocus()));
        QTRY_COMPARE(
            ring->mapToScene(QPointF(ring->width() / 2, ring->height() / 2)).toPoint(),
            confirm->mapToScene(QPointF(confirm->width() / 2, confirm->height() / 2)).toPoint());
        QCOMPARE(membership(m_inviteRoom, m_alice.userId), QStringLiteral("leave"));
        QVERIFY(syncedRooms(QStringLiteral("leave")).contains(m_inviteRoom)); // nothing sent yet
        m_app.key(Qt::Key_Return);

        // Forgotten rooms vanish from the user's own /sync, even with include_leave.
        QTRY_VERIFY_WITH_TIMEOUT(!syncedRooms(QStringLiteral("leave")).contains(m_inviteRoom),
                                 20000);
        QTRY_VERIFY(dialogClosed(QStringLiteral("forgetDialog")));
        QTRY_VERIFY_WITH_TIMEOUT(!m_app.item(QStringLiteral("room:") + m_inviteRoom), 10000);
        // The focus is back on the list, on a room still there, drawn.
        QTRY_VERIFY2(roomList()->hasActiveFocus() && m_app.focusInside(roomList()) &&
                         m_app.currentRow() && !m_app.currentRoomId().isEmpty() &&
                         m_app.currentRoomId() != m_inviteRoom &&
                         m_app.currentRow()->property("highlighted").toBool(),
                     qPrintable(m_app.describeFocus() + QStringLiteral(", current ") +
                                m_app.currentRoomId()));
    }
};

QTEST_MAIN(TestUiKeyboardEndToEnd)
#include "tst_ui_keyboard_e2e.moc"
