// End to end: the real app (AppServices + Concierge.Ui's Main.qml) against the real Synapse of
// the `synapse` ctest fixture, driven only by simulated clicks and key presses on the window's
// items. After every step the SERVER's state is checked through the admin API or the user's own
// /sync — never through Concierge's view of it.
#include "synapsefixture.h"
#include "uidriver.h"

#include "session/session.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QQuickStyle>
#include <QRandomGenerator>
#include <QTemporaryDir>
#include <QtQml/qqmlextensionplugin.h>

Q_IMPORT_QML_PLUGIN(Concierge_CorePlugin)
Q_IMPORT_QML_PLUGIN(Concierge_UiPlugin)

using UiDriver::App;

class TestUiEndToEnd : public QObject
{
    Q_OBJECT

private:
    SynapseFixture m_server;
    SynapseFixture::User m_admin;
    SynapseFixture::User m_alice; // signs in to Concierge
    SynapseFixture::User m_bob;   // invites alice, owns the rooms
    SynapseFixture::User m_carol; // found in the user directory and invited by alice
    QString m_inviteRoom;         // bob invited alice here
    QString m_declineRoom;        // bob invited alice here too; she declines
    QString m_aliasRoom;          // public, joined by its alias
    QString m_alias;
    QString m_carolName;
    QStringList m_bulkRooms; // alice joined them; she leaves all three in one bulk action
    QTemporaryDir m_storeDir; // the account store, where the bulk queue keeps its journal
    App m_app;

    QString membership(const QString &roomId, const QString &userId)
    {
        return m_server.membershipOf(m_admin, roomId, userId);
    }

    // The room IDs in alice's own /sync under rooms.<section> (join, invite, leave).
    QStringList syncedRooms(const QString &section)
    {
        const QByteArray filter =
            QUrl::toPercentEncoding(QStringLiteral(R"({"room":{"include_leave":true,"timeline":{"limit":1}}})"));
        const SynapseFixture::Response r =
            m_server.request("GET", "/_matrix/client/v3/sync?timeout=0&filter=" + filter, m_alice.accessToken);
        return r.body.value(QLatin1String("rooms")).toObject().value(section).toObject().keys();
    }

private slots:
    void initTestCase()
    {
        UiDriver::installMessageHandler();
        QQuickStyle::setStyle(QStringLiteral("Fusion"));
        QString error;
        QVERIFY2(m_server.load(&error), qPrintable(error));
        m_admin = m_server.registerUser(QStringLiteral("e2e-admin"), true);
        m_alice = m_server.registerUser(QStringLiteral("e2e-alice"), false, QStringLiteral("Alice E2E"));
        m_bob = m_server.registerUser(QStringLiteral("e2e-bob"), false, QStringLiteral("Bob E2E"));
        m_carolName = QStringLiteral("Carol Zephyrine %1")
                                      .arg(QRandomGenerator::global()->generate() % 100000);
        m_carol = m_server.registerUser(QStringLiteral("e2e-carol"), false, m_carolName);
        QVERIFY(!m_admin.accessToken.isEmpty() && !m_alice.accessToken.isEmpty() &&
                !m_bob.accessToken.isEmpty() && !m_carol.accessToken.isEmpty());

        m_inviteRoom = m_server.createRoom(m_bob, {{QStringLiteral("name"), QStringLiteral("E2E invitation")},
                                                   {QStringLiteral("preset"), QStringLiteral("private_chat")}});
        QVERIFY(!m_inviteRoom.isEmpty());
        QVERIFY(m_server.invite(m_bob, m_inviteRoom, m_alice.userId));
        m_declineRoom = m_server.createRoom(
            m_bob, {{QStringLiteral("name"), QStringLiteral("E2E unwanted")},
                    {QStringLiteral("preset"), QStringLiteral("private_chat")}});
        QVERIFY(!m_declineRoom.isEmpty());

        const QString aliasLocal = QStringLiteral("e2e-lobby-%1").arg(m_bob.localpart);
        m_alias = QStringLiteral("#%1:%2").arg(aliasLocal, m_server.serverName());
        m_aliasRoom = m_server.createRoom(m_bob, {{QStringLiteral("name"), QStringLiteral("E2E lobby")},
                                                  {QStringLiteral("preset"), QStringLiteral("public_chat")},
                                                  {QStringLiteral("room_alias_name"), aliasLocal},
                                                  // members may invite (Synapse's default needs PL 50)
                                                  {QStringLiteral("power_level_content_override"),
                                                   QJsonObject{{QStringLiteral("invite"), 0}}}});
        QVERIFY(!m_aliasRoom.isEmpty());

        for (int i = 1; i <= 3; ++i) {
            const QString room = m_server.createRoom(
                m_bob, {{QStringLiteral("name"), QStringLiteral("E2E bulk %1").arg(i)},
                        {QStringLiteral("preset"), QStringLiteral("public_chat")}});
            QVERIFY(!room.isEmpty());
            m_bulkRooms << room;
        }

        // As the GUI: bulk jobs are kept in the account's store (here in a folder of our own).
        QVERIFY(m_storeDir.isValid());
        AppServices::Options options;
        options.useKeychain = false;
        options.keepJobs = true;
        options.storeDirectory = m_storeDir.path();
        QVERIFY(m_app.start({}, {1000, 720}, options));
    }

    void cleanupTestCase()
    {
        m_app.stop();
        QMutexLocker lock(&UiDriver::warningsMutex());
        QVERIFY2(UiDriver::qmlWarnings().isEmpty(), qPrintable(UiDriver::qmlWarnings().join(QLatin1Char('\n'))));
    }

    // A failed step must not leave a modal dialog over the window for the next one.
    void cleanup()
    {
        for (const char *name : {"joinAddressField", "inviteSearchField", "leaveReasonField", "forgetConfirmButton",
                                 "historyCloseButton", "signOutConfirmButton", "bulkCancelButton", "jobsCloseButton"}) {
            QQuickItem *item = m_app.item(QString::fromLatin1(name));
            if (item && UiDriver::isShown(item)) {
                m_app.key(Qt::Key_Escape);
                QTest::qWait(300);
            }
        }
    }

    // Defect 8: without a keychain (the app runs as with --no-keychain) "Remember me (system
    // keychain)" is off and disabled, and the page says why.
    void rememberMeWithoutKeychain()
    {
        QVERIFY(m_app.waitFor(QStringLiteral("homeserverField")));
        QCOMPARE(m_app.services->credentials()->keychainAvailable(), false);
        QQuickItem *remember = m_app.waitFor(QStringLiteral("rememberCheck"));
        QVERIFY(remember);
        QCOMPARE(remember->property("checked").toBool(), false);
        QCOMPARE(remember->isEnabled(), false);
        QTest::mouseClick(
            m_app.window, Qt::LeftButton, Qt::NoModifier,
            remember->mapToScene(QPointF(remember->width() / 2, remember->height() / 2)).toPoint());
        QCOMPARE(remember->property("checked").toBool(), false);
        QQuickItem *notice = m_app.waitFor(QStringLiteral("keychainNotice"));
        QVERIFY2(notice, "the page says why");
        QVERIFY2(notice->property("text").toString().contains(QLatin1String("--no-keychain")),
                 qPrintable(notice->property("text").toString()));
    }

    void signIn()
    {
        QQuickItem *homeserver = m_app.waitFor(QStringLiteral("homeserverField"));
        QVERIFY(homeserver);
        QCOMPARE(homeserver->property("text").toString(), QStringLiteral("matrix.org"));
        QQuickItem *signInButton = m_app.item(QStringLiteral("signInButton"));
        QVERIFY(signInButton);
        QVERIFY(m_app.typeInto(homeserver, m_server.baseUrl().toString()));
        QVERIFY(!signInButton->isEnabled()); // no token yet

        // A wrong token first: the specific error shows, and the homeserver stays.
        QQuickItem *token = m_app.tokenField();
        QVERIFY(m_app.typeInto(token, QStringLiteral("syt_not_a_valid_token")));
        QCOMPARE(token->property("echoMode").toInt(), 2 /* TextInput.Password */);
        m_app.key(Qt::Key_Return);
        QQuickItem *error = m_app.waitFor(QStringLiteral("signInError"));
        QVERIFY(error);
        QVERIFY2(error->property("text").toString().contains(QLatin1String("M_UNKNOWN_TOKEN")),
                 qPrintable(error->property("text").toString()));
        QCOMPARE(homeserver->property("text").toString(), m_server.baseUrl().toString());

        QVERIFY(m_app.typeInto(token, m_alice.accessToken));
        QVERIFY(m_app.click(signInButton));
        QTRY_COMPARE_WITH_TIMEOUT(m_app.services->session()->state(), Session::SignedIn, 20000);
        QQuickItem *userLabel = m_app.waitFor(QStringLiteral("userIdLabel"));
        QVERIFY(userLabel);
        QCOMPARE(userLabel->property("text").toString(), m_alice.userId);
        // The token never lingers in the sign-in form.
        QCOMPARE(token->property("text").toString(), QString());
    }

    void acceptInvite()
    {
        QCOMPARE(membership(m_inviteRoom, m_alice.userId), QStringLiteral("invite"));
        QQuickItem *accept = m_app.rowButton(m_inviteRoom, QStringLiteral("acceptButton"));
        QVERIFY2(accept, "the invitation's row with an Accept button");
        QVERIFY(m_app.click(accept));
        QTRY_COMPARE_WITH_TIMEOUT(membership(m_inviteRoom, m_alice.userId), QStringLiteral("join"), 20000);
        // The row moves to Joined and offers Invite… / Leave….
        QVERIFY(m_app.rowButton(m_inviteRoom, QStringLiteral("leaveButton")));
    }

    void joinByAlias()
    {
        QCOMPARE(membership(m_aliasRoom, m_alice.userId), QString());
        m_app.key(Qt::Key_J, Qt::ControlModifier);
        QQuickItem *address = m_app.waitFor(QStringLiteral("joinAddressField"));
        QVERIFY2(address, "Ctrl+J opens the join dialog");
        QQuickItem *confirm = m_app.item(QStringLiteral("joinConfirmButton"));
        QVERIFY(confirm);

        // Typing an invalid address explains itself and keeps Join disabled.
        QVERIFY(m_app.typeInto(address, QStringLiteral("#no-server-part")));
        QQuickItem *addressError = m_app.waitFor(QStringLiteral("joinAddressError"));
        QVERIFY(addressError);
        QVERIFY(!addressError->property("text").toString().isEmpty());
        QVERIFY(!confirm->isEnabled());

        QVERIFY(m_app.typeInto(address, m_alias));
        QTRY_VERIFY(confirm->isEnabled());
        m_app.key(Qt::Key_Return);
        QTRY_COMPARE_WITH_TIMEOUT(membership(m_aliasRoom, m_alice.userId), QStringLiteral("join"), 20000);
        QQuickItem *dialog = m_app.item(QStringLiteral("joinAddressField"));
        QTRY_VERIFY(!dialog || !UiDriver::isShown(dialog)); // closed on success
        QVERIFY(m_app.rowButton(m_aliasRoom, QStringLiteral("inviteButton")));
    }

    void inviteFromDirectory()
    {
        QCOMPARE(membership(m_aliasRoom, m_carol.userId), QString());
        QQuickItem *invite = m_app.rowButton(m_aliasRoom, QStringLiteral("inviteButton"));
        QVERIFY(invite);
        QVERIFY(m_app.click(invite));
        QQuickItem *search = m_app.waitFor(QStringLiteral("inviteSearchField"));
        QVERIFY2(search, "the invite dialog opens");
        QQuickItem *confirm = m_app.item(QStringLiteral("inviteConfirmButton"));
        QVERIFY(!confirm->isEnabled());

        // Search by (part of) the display name; pick carol from the directory's suggestions.
        QVERIFY(m_app.typeInto(search, m_carolName));
        QVERIFY2(m_app.waitFor(QStringLiteral("suggestion:") + m_carol.userId, 20000),
                 "carol is suggested by the user directory");
        // Let the debounced search settle so the list is not replaced under the click.
        QTRY_VERIFY(!m_app.services->userDirectory()->busy());
        QTest::qWait(500);
        UserDirectoryModel *directory = m_app.services->userDirectory();
        for (int row = 0; row < directory->rowCount(); ++row)
            if (directory->index(row).data(UserDirectoryModel::UserIdRole).toString() ==
                m_carol.userId)
                QMetaObject::invokeMethod(m_app.item(QStringLiteral("inviteSuggestions")),
                                          "positionViewAtIndex", Q_ARG(int, row),
                                          Q_ARG(int, 2 /* ListView.Contain */));
        QQuickItem *suggestion = m_app.waitFor(QStringLiteral("suggestion:") + m_carol.userId);
        QVERIFY(suggestion);
        QVERIFY(m_app.click(suggestion));
        // Picked: shown among the people to invite; the search field is free for the next one.
        QVERIFY(m_app.waitFor(QStringLiteral("picked:") + m_carol.userId));
        QTRY_COMPARE(search->property("text").toString(), QString());
        QTRY_VERIFY(confirm->isEnabled());

        QQuickItem *reason = m_app.item(QStringLiteral("inviteReasonField"));
        QVERIFY(m_app.typeInto(reason, QStringLiteral("Come and see")));
        QVERIFY(m_app.click(confirm));
        if (!QTest::qWaitFor([&] { return membership(m_aliasRoom, m_carol.userId) == QLatin1String("invite"); }, 20000))
            QFAIL(qPrintable(QStringLiteral("carol was not invited; dialog says \"%1\", status \"%2\"")
                                 .arg(m_app.item(QStringLiteral("inviteServerError"))->property("text").toString(),
                                      m_app.services->membership()->statusText())));
        QCOMPARE(m_server.memberEvent(m_admin, m_aliasRoom, m_carol.userId)
                     .value(QLatin1String("content")).toObject().value(QLatin1String("reason")).toString(),
                 QStringLiteral("Come and see"));
        QTRY_VERIFY(!UiDriver::isShown(search)); // closed on success
    }

    // Defect 5: section headers follow sections that disappear and come back, with the count
    // of what the filter lets through.
    void sectionHeadersFollowFilterAndDecline()
    {
        QVERIFY(m_server.invite(m_bob, m_declineRoom, m_alice.userId));
        QVERIFY2(m_app.rowButton(m_declineRoom, QStringLiteral("declineButton")),
                 "the new invitation's row");
        QTRY_COMPARE(m_app.sectionHeaders(),
                     (QStringList{QStringLiteral("Invites  (1)"), QStringLiteral("Joined  (2)")}));

        // Only a joined room matches: one header, counting the match.
        m_app.key(Qt::Key_F, Qt::ControlModifier);
        QQuickItem *filter = m_app.item(QStringLiteral("filterField"));
        QTRY_VERIFY(filter->hasActiveFocus());
        m_app.typeText(QStringLiteral("lobby"));
        QCOMPARE(m_app.services->rooms()->filterText(), QStringLiteral("lobby"));
        QTRY_COMPARE(m_app.sectionHeaders(), QStringList{QStringLiteral("Joined  (1)")});

        // Clear the filter: every section is back with its own label and count.
        m_app.key(Qt::Key_Escape);
        QCOMPARE(m_app.services->rooms()->filterText(), QString());
        QTRY_COMPARE(m_app.sectionHeaders(),
                     (QStringList{QStringLiteral("Invites  (1)"), QStringLiteral("Joined  (2)")}));

        // Decline the last invitation: the Invites section goes, Left appears.
        QQuickItem *decline = m_app.rowButton(m_declineRoom, QStringLiteral("declineButton"));
        QVERIFY(decline);
        QVERIFY(m_app.click(decline));
        QTRY_COMPARE_WITH_TIMEOUT(membership(m_declineRoom, m_alice.userId),
                                  QStringLiteral("leave"), 20000);
        QVERIFY(
            !m_app.item(QStringLiteral("leaveReasonField")) ||
            !UiDriver::isShown(m_app.item(QStringLiteral("leaveReasonField")))); // nothing asked
        QTRY_COMPARE_WITH_TIMEOUT(
            m_app.sectionHeaders(),
            (QStringList{QStringLiteral("Joined  (2)"), QStringLiteral("Left  (1)")}), 20000);
        QVERIFY(m_app.rowButton(m_declineRoom, QStringLiteral("forgetButton")));
    }

    void leaveWithReason()
    {
        QQuickItem *leave = m_app.rowButton(m_inviteRoom, QStringLiteral("leaveButton"));
        QVERIFY(leave);
        QVERIFY(m_app.click(leave));
        QQuickItem *reason = m_app.waitFor(QStringLiteral("leaveReasonField"));
        QVERIFY2(reason, "the leave dialog opens");
        QVERIFY(m_app.typeInto(reason, QStringLiteral("Moving on")));
        QQuickItem *confirm = m_app.item(QStringLiteral("leaveConfirmButton"));
        QVERIFY(m_app.click(confirm));
        QTRY_COMPARE_WITH_TIMEOUT(membership(m_inviteRoom, m_alice.userId), QStringLiteral("leave"), 20000);
        QCOMPARE(m_server.memberEvent(m_admin, m_inviteRoom, m_alice.userId)
                     .value(QLatin1String("content")).toObject().value(QLatin1String("reason")).toString(),
                 QStringLiteral("Moving on"));
        QVERIFY(!m_server.joinedRooms(m_admin, m_alice.userId).contains(m_inviteRoom));
    }

    void forget()
    {
        QTRY_VERIFY_WITH_TIMEOUT(syncedRooms(QStringLiteral("leave")).contains(m_inviteRoom), 10000);
        QQuickItem *forget = m_app.rowButton(m_inviteRoom, QStringLiteral("forgetButton"));
        QVERIFY2(forget, "the left room's row offers Forget…");
        QVERIFY(m_app.click(forget));
        QQuickItem *confirm = m_app.waitFor(QStringLiteral("forgetConfirmButton"));
        QVERIFY2(confirm, "the forget dialog opens");
        QVERIFY(m_app.click(confirm));
        // Forgotten rooms vanish from the user's own /sync, even with include_leave.
        QTRY_VERIFY_WITH_TIMEOUT(!syncedRooms(QStringLiteral("leave")).contains(m_inviteRoom), 20000);
        QTRY_VERIFY_WITH_TIMEOUT(!m_app.item(QStringLiteral("room:") + m_inviteRoom), 10000);
    }

    // Issue 11: three rooms selected with the keyboard (filter, Ctrl+A, Space), Leave… from the
    // selection bar, confirmed: the server shows all three left, and the jobs panel 3 done.
    void bulkLeaveWithTheKeyboard()
    {
        for (const QString &room : std::as_const(m_bulkRooms))
            QVERIFY(m_server.join(m_alice, room));
        for (const QString &room : std::as_const(m_bulkRooms))
            QVERIFY2(m_app.rowButton(room, QStringLiteral("leaveButton")), "the joined room's row");
        QVERIFY(m_app.services->jobs()->isOpen());

        // Only the three: the filter, then the list (Down), Ctrl+A.
        m_app.key(Qt::Key_F, Qt::ControlModifier);
        QQuickItem *filter = m_app.item(QStringLiteral("filterField"));
        QTRY_VERIFY(filter->hasActiveFocus());
        m_app.typeText(QStringLiteral("E2E bulk"));
        QTRY_COMPARE(m_app.services->rooms()->rowCount(), 3);
        m_app.key(Qt::Key_Down);
        QQuickItem *list = m_app.item(QStringLiteral("roomList"));
        QTRY_VERIFY(list->hasActiveFocus());
        m_app.key(Qt::Key_A, Qt::ControlModifier);
        RoomSelection *selection = m_app.services->selection();
        QTRY_COMPARE(selection->count(), 3);
        // Space toggles the current row off and on again.
        m_app.key(Qt::Key_Space);
        QCOMPARE(selection->count(), 2);
        m_app.key(Qt::Key_Space);
        QCOMPARE(selection->count(), 3);
        QStringList selected = selection->roomIds();
        selected.sort();
        QStringList expected = m_bulkRooms;
        expected.sort();
        QCOMPARE(selected, expected);
        QQuickItem *count = m_app.waitFor(QStringLiteral("selectionCount"));
        QVERIFY(count);
        QCOMPARE(count->property("text").toString(), QStringLiteral("3 selected"));

        // Tab to the selection bar's first action (Leave…), Space opens the confirmation.
        m_app.key(Qt::Key_Tab);
        QQuickItem *leave = m_app.item(QStringLiteral("bulkLeaveButton"));
        QTRY_VERIFY(leave->hasActiveFocus());
        m_app.key(Qt::Key_Space);
        QQuickItem *cancel = m_app.waitFor(QStringLiteral("bulkCancelButton"));
        QVERIFY2(cancel, "the confirmation opens");
        QTRY_VERIFY(cancel->hasActiveFocus());
        QVERIFY(m_app.item(QStringLiteral("bulkEta"))->property("text").toString().startsWith(QLatin1String("About")));
        QVERIFY(m_app.click(m_app.item(QStringLiteral("bulkConfirmButton"))));
        QTRY_VERIFY(!UiDriver::isShown(cancel));
        QCOMPARE(selection->count(), 0);

        // The server: all three left.
        for (const QString &room : std::as_const(m_bulkRooms))
            QTRY_COMPARE_WITH_TIMEOUT(membership(room, m_alice.userId), QStringLiteral("leave"), 60000);

        // The jobs panel: the job, 3 done.
        QVERIFY(m_app.click(m_app.item(QStringLiteral("jobsButton"))));
        QQuickItem *counts = m_app.waitFor(QStringLiteral("jobCounts"));
        QVERIFY2(counts, "the jobs panel opens");
        QTRY_COMPARE_WITH_TIMEOUT(counts->property("text").toString(),
                                  QStringLiteral("3 done · 0 failed · 0 remaining"), 20000);
        QCOMPARE(m_app.item(QStringLiteral("jobTitle"))->property("text").toString(),
                 QStringLiteral("Leave 3 rooms — Finished"));
        m_app.key(Qt::Key_Escape);
        QTRY_VERIFY(!UiDriver::isShown(counts));

        // Back to every room.
        QVERIFY(m_app.typeInto(filter, QString()));
        QTRY_VERIFY(m_app.services->rooms()->rowCount() > 3);
    }

    // Sign out asks first: Cancel keeps the session; only confirming signs out.
    void signOut()
    {
        QQuickItem *button = m_app.waitFor(QStringLiteral("signOutButton"));
        QVERIFY(m_app.click(button));
        QQuickItem *cancel = m_app.waitFor(QStringLiteral("signOutCancelButton"));
        QVERIFY2(cancel, "the sign-out dialog opens");
        QVERIFY2(m_app.item(QStringLiteral("signOutExplanation"))->property("text").toString().contains(m_alice.userId),
                 "it names the account");
        QVERIFY(m_app.click(cancel));
        QTRY_VERIFY(!UiDriver::isShown(cancel));
        QCOMPARE(m_app.services->session()->state(), Session::SignedIn);
        QVERIFY(m_app.waitFor(QStringLiteral("roomList")));

        QVERIFY(m_app.click(button));
        QQuickItem *confirm = m_app.waitFor(QStringLiteral("signOutConfirmButton"));
        QVERIFY(confirm);
        QVERIFY(m_app.click(confirm));
        QTRY_COMPARE(m_app.services->session()->state(), Session::SignedOut);
        QQuickItem *homeserver = m_app.waitFor(QStringLiteral("homeserverField"));
        QVERIFY(homeserver);
        QCOMPARE(homeserver->property("text").toString(), m_server.baseUrl().toString());
    }

    // `concierge matrix:r/alias:server?action=join`: after sign-in the join dialog opens
    // prefilled and nothing is sent until the user chooses Join.
    void linkFromCommandLine()
    {
        const QString local = QStringLiteral("e2e-link-%1").arg(m_bob.localpart);
        const QString room = m_server.createRoom(m_bob, {{QStringLiteral("preset"), QStringLiteral("public_chat")},
                                                         {QStringLiteral("room_alias_name"), local}});
        QVERIFY(!room.isEmpty());
        const QString link = QStringLiteral("matrix:r/%1:%2?action=join").arg(local, m_server.serverName());

        App app;
        QVERIFY(app.start({{QStringLiteral("initialLink"), link},
                           {QStringLiteral("initialHomeserver"), m_server.baseUrl().toString()}}));
        QQuickItem *homeserver = app.waitFor(QStringLiteral("homeserverField"));
        QCOMPARE(homeserver->property("text").toString(), m_server.baseUrl().toString());
        const SynapseFixture::Response login = m_server.request(
            "POST", "/_synapse/admin/v1/users/" + SynapseFixture::seg(m_alice.userId) + "/login",
            m_admin.accessToken, QJsonObject{});
        QVERIFY(app.typeInto(app.tokenField(),
                             login.body.value(QLatin1String("access_token")).toString()));
        app.key(Qt::Key_Return);

        QQuickItem *address = app.waitFor(QStringLiteral("joinAddressField"), 20000);
        QVERIFY2(address, "the join dialog opens by itself after sign-in");
        QCOMPARE(address->property("text").toString(), link);
        QVERIFY(app.waitFor(QStringLiteral("joinLinkNotice")));
        QTest::qWait(1000);
        QCOMPARE(membership(room, m_alice.userId), QString()); // asked, not joined
        QVERIFY(app.click(app.item(QStringLiteral("joinConfirmButton"))));
        QTRY_COMPARE_WITH_TIMEOUT(membership(room, m_alice.userId), QStringLiteral("join"), 20000);
        app.stop();
    }

    // A token the server stops accepting (here: logged out elsewhere) returns to the sign-in
    // page with the server's error, keeping the homeserver.
    void expiredToken()
    {
        const SynapseFixture::Response login = m_server.request(
            "POST", "/_synapse/admin/v1/users/" + SynapseFixture::seg(m_alice.userId) + "/login",
            m_admin.accessToken, QJsonObject{});
        const QString token = login.body.value(QLatin1String("access_token")).toString();
        QVERIFY2(!token.isEmpty(), "admin login for alice");
        QVERIFY(m_app.typeInto(m_app.tokenField(), token));
        m_app.key(Qt::Key_Return);
        QTRY_COMPARE_WITH_TIMEOUT(m_app.services->session()->state(), Session::SignedIn, 20000);
        QVERIFY(m_app.waitFor(QStringLiteral("roomList")));

        QCOMPARE(m_server.request("POST", "/_matrix/client/v3/logout", token, QJsonObject{}).status, 200);
        QTRY_COMPARE_WITH_TIMEOUT(m_app.services->session()->state(), Session::SignedOut, 60000);
        QQuickItem *homeserver = m_app.waitFor(QStringLiteral("homeserverField"));
        QVERIFY2(homeserver, "back on the sign-in page");
        QCOMPARE(homeserver->property("text").toString(), m_server.baseUrl().toString());
        QQuickItem *error = m_app.waitFor(QStringLiteral("signInError"));
        QVERIFY(error);
        QVERIFY2(error->property("text").toString().contains(QLatin1String("M_UNKNOWN_TOKEN")),
                 qPrintable(error->property("text").toString()));
    }
};

QTEST_MAIN(TestUiEndToEnd)
#include "tst_ui_e2e.moc"
