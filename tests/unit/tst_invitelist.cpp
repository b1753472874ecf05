// "Invite many people" (issue 11): a pasted or loaded list becomes a preview in which every
// entry is checked with the single invite's identifier rules, repeats are folded, the room's
// current members (GET /rooms/{roomId}/members from a scripted homeserver) are marked and
// skipped, and only local text files of a bounded size are loaded.
#include "api/apiclient.h"
#include "api/identifiers.h"
#include "fakehomeserver.h"
#include "models/invitelist.h"

#include <QFile>
#include <QNetworkAccessManager>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QtTest>

namespace {
const QString Me = QStringLiteral("@me:localhost");
const QString Room = QStringLiteral("!room:localhost");
const QByteArray MembersPath = "/_matrix/client/v3/rooms/%21room%3Alocalhost/members";

QByteArray member(const char *userId, const char *membership)
{
    return QByteArray(R"({"type":"m.room.member","state_key":")") + userId +
           R"(","sender":"@me:localhost","content":{"membership":")" + membership + R"("}})";
}

QByteArray membersAnswer(const QList<QByteArray> &events)
{
    QByteArray body = R"({"chunk":[)";
    for (qsizetype i = 0; i < events.size(); ++i)
        body += (i ? "," : "") + events.at(i);
    return body + "]}";
}

// "userId@line=status" for each row, to compare whole previews at once.
QStringList describe(const QList<InviteListModel::Entry> &entries)
{
    QStringList rows;
    const QMetaEnum statuses = QMetaEnum::fromType<InviteListModel::Status>();
    for (const InviteListModel::Entry &e : entries)
        rows << QStringLiteral("%1@%2=%3")
                    .arg(e.userId)
                    .arg(e.line)
                    .arg(QString::fromLatin1(statuses.valueToKey(e.status)));
    return rows;
}

QStringList describe(const InviteListModel &model)
{
    return describe(model.entries());
}
} // namespace

class TestInviteList : public QObject
{
    Q_OBJECT

    std::unique_ptr<FakeHomeserver> m_fake;
    std::unique_ptr<QNetworkAccessManager> m_nam;
    std::unique_ptr<ApiClient> m_api;
    QTemporaryDir m_dir;

    bool loaded(InviteListModel &model)
    {
        return QTest::qWaitFor([&model] { return !model.loading(); }, 15000);
    }

private slots:
    void init()
    {
        m_fake = std::make_unique<FakeHomeserver>();
        QVERIFY(m_fake->port() > 0);
        m_nam = std::make_unique<QNetworkAccessManager>();
        m_api = std::make_unique<ApiClient>(m_nam.get());
        m_api->setHomeserver(m_fake->baseUrl());
        m_api->setAccessToken(QStringLiteral("syt_secret_token_for_tests"));
    }
    void cleanup()
    {
        m_api.reset();
        m_nam.reset();
        m_fake.reset();
    }

    void parsesListsAndCsv_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<QStringList>("rows");
        QTest::newRow("one per line, blanks and comments, CRLF")
            << QStringLiteral("# the team\r\n@alice:example.org\r\n\r\n  @bob:example.org  \r\n"
                              "# @carol:example.org is away\n@dave:example.org # met at FOSDEM\n")
            << QStringList{"@alice:example.org@2=WillInvite", "@bob:example.org@4=WillInvite",
                           "@dave:example.org@6=WillInvite"};
        QTest::newRow("quotes, angle brackets, names and links")
            << QStringLiteral("\"@alice:example.org\"\n'@bob:example.org'\n<@carol:example.org>\n"
                              "Dave <@dave:example.org>\n\" <@erin:example.org> \"\n"
                              "https://matrix.to/#/@frank:example.org\n"
                              "https://matrix.to/#/%40grace%3Aexample.org?via=example.org\n"
                              "matrix:u/heidi:example.org?action=chat")
            << QStringList{"@alice:example.org@1=WillInvite", "@bob:example.org@2=WillInvite",
                           "@carol:example.org@3=WillInvite", "@dave:example.org@4=WillInvite",
                           "@erin:example.org@5=WillInvite",  "@frank:example.org@6=WillInvite",
                           "@grace:example.org@7=WillInvite", "@heidi:example.org@8=WillInvite"};
        QTest::newRow("CSV with a header, the user ID in any column")
            << QStringLiteral("name,user_id,team\n\"Smith, Alice\",@alice:example.org,core\n"
                              "Bob,\"@bob:example.org\",web\n")
            << QStringList{"@alice:example.org@2=WillInvite", "@bob:example.org@3=WillInvite"};
        QTest::newRow("semicolons and tabs")
            << QStringLiteral("@alice:example.org;Alice\nBob\t@bob:example.org\t42\n")
            << QStringList{"@alice:example.org@1=WillInvite", "@bob:example.org@2=WillInvite"};
        QTest::newRow("several user IDs on one line")
            << QStringLiteral("@alice:example.org, @bob:example.org;@carol:example.org")
            << QStringList{"@alice:example.org@1=WillInvite", "@bob:example.org@1=WillInvite",
                           "@carol:example.org@1=WillInvite"};
        QTest::newRow("a historical ID with a comma stays whole")
            << QStringLiteral("@a,b:example.org") << QStringList{"@a,b:example.org@1=WillInvite"};
        QTest::newRow("byte order mark and ports")
            << QStringLiteral("\uFEFF@alice:example.org:8448\n@bob:[::1]:8448")
            << QStringList{"@alice:example.org:8448@1=WillInvite", "@bob:[::1]:8448@2=WillInvite"};
        QTest::newRow("a header only counts on the first line")
            << QStringLiteral("@alice:example.org\nname,team\n")
            << QStringList{"@alice:example.org@1=WillInvite", "name@2=Invalid"};
        QTest::newRow("nothing but comments")
            << QStringLiteral("# nobody yet\n\n   \n") << QStringList{};
    }
    void parsesListsAndCsv()
    {
        QFETCH(QString, text);
        QFETCH(QStringList, rows);
        QCOMPARE(describe(InviteListModel::parse(text)), rows);
        InviteListModel model;
        model.setText(text);
        QCOMPARE(describe(model), rows);
        QCOMPARE(model.rowCount(), rows.size());
    }

    void invalidEntriesSayWhyWithTheSingleInvitesRules_data()
    {
        QTest::addColumn<QString>("line");
        QTest::addColumn<QString>("shownAs");
        QTest::newRow("no sigil") << QStringLiteral("alice:example.org")
                                  << QStringLiteral("alice:example.org");
        QTest::newRow("no server") << QStringLiteral("@alice") << QStringLiteral("@alice");
        QTest::newRow("bad server")
            << QStringLiteral("@alice:exa_mple.org") << QStringLiteral("@alice:exa_mple.org");
        QTest::newRow("bad port") << QStringLiteral("@alice:example.org:99999")
                                  << QStringLiteral("@alice:example.org:99999");
        QTest::newRow("empty user name")
            << QStringLiteral("@:example.org") << QStringLiteral("@:example.org");
        QTest::newRow("non-ASCII user name")
            << QStringLiteral("@alicé:example.org") << QStringLiteral("@alicé:example.org");
        QTest::newRow("CSV line without a user ID")
            << QStringLiteral("Alice, alice:example.org") << QStringLiteral("Alice");
        QTest::newRow("too long") << (QStringLiteral("@") + QString(260, QLatin1Char('a')) +
                                      QStringLiteral(":x.org"))
                                  << (QStringLiteral("@") + QString(260, QLatin1Char('a')) +
                                      QStringLiteral(":x.org"));
    }
    void invalidEntriesSayWhyWithTheSingleInvitesRules()
    {
        QFETCH(QString, line);
        QFETCH(QString, shownAs);
        InviteListModel model(m_api.get(), Me);
        model.setText(QStringLiteral("@ok:example.org\n") + line + QStringLiteral("\n"));
        QCOMPARE(model.count(), 2);
        const InviteListModel::Entry bad = model.entries().at(1);
        QCOMPARE(bad.status, InviteListModel::Invalid);
        QCOMPARE(bad.line, 2);
        QCOMPARE(bad.userId, shownAs);
        QVERIFY(!bad.reason.isEmpty());
        // The exact message the single invite dialog shows for the same text.
        QCOMPARE(bad.reason, Identifiers::validateUserId(shownAs));
        QCOMPARE(model.invalidCount(), 1);
        QCOMPARE(model.willInviteCount(), 1);
        QCOMPARE(model.skippedCount(), 1);
        QCOMPARE(model.userIdsToInvite(), QStringList{QStringLiteral("@ok:example.org")});
        const QModelIndex row = model.index(1);
        QCOMPARE(row.data(InviteListModel::StatusRole).toInt(), int(InviteListModel::Invalid));
        QCOMPARE(row.data(InviteListModel::ReasonRole).toString(), bad.reason);
        QCOMPARE(row.data(InviteListModel::StatusTextRole).toString(), QStringLiteral("Invalid"));
    }

    void hiddenCharactersInAnInvalidEntryAreNotShown()
    {
        InviteListModel model;
        model.setText(QStringLiteral("@evil\u202Egro.elpmaxe:x.org"));
        QCOMPARE(model.count(), 1);
        QCOMPARE(model.entries().at(0).status, InviteListModel::Invalid);
        QVERIFY(!model.entries().at(0).userId.contains(QChar(0x202E)));
        QVERIFY(!model.entries().at(0).reason.contains(QChar(0x202E)));
    }

    void exactDuplicatesAreFoldedCaseVariantsAreNot()
    {
        InviteListModel model;
        model.setText(
            QStringLiteral("@alice:example.org\n@Alice:example.org\n\"@alice:example.org\"\n"
                           "@bob:example.org, @alice:example.org\n"));
        QCOMPARE(describe(model),
                 (QStringList{"@alice:example.org@1=WillInvite", "@Alice:example.org@2=WillInvite",
                              "@alice:example.org@3=Duplicate", "@bob:example.org@4=WillInvite",
                              "@alice:example.org@4=Duplicate"}));
        QCOMPARE(model.entries().at(2).reason, QStringLiteral("Already listed on line 1."));
        QCOMPARE(model.duplicateCount(), 2);
        QCOMPARE(model.userIdsToInvite(),
                 (QStringList{"@alice:example.org", "@Alice:example.org", "@bob:example.org"}));
        QCOMPARE(model.summary(), QStringLiteral("3 will be invited · 2 listed twice"));
    }

    void membersAndSelfAreMarkedAndSkipped()
    {
        m_fake->script(
            MembersPath,
            {{200,
              membersAnswer(
                  {member("@me:localhost", "join"), member("@joined:localhost", "join"),
                   member("@invited:localhost", "invite"), member("@banned:localhost", "ban"),
                   member("@knocking:localhost", "knock"), member("@gone:localhost", "leave")})}});
        InviteListModel model(m_api.get(), Me);
        QSignalSpy counts(&model, &InviteListModel::countsChanged);
        model.setText(QStringLiteral("@joined:localhost\n@invited:localhost\n@banned:localhost\n"
                                     "@knocking:localhost\n@gone:localhost\n@me:localhost\n"
                                     "@new:localhost\nnobody\n"));
        // Before the members are known, only the list's own checks apply (and yourself).
        QCOMPARE(model.willInviteCount(), 6);
        model.setRoomId(Room);
        QVERIFY(model.loading());
        QVERIFY(loaded(model));
        QVERIFY(model.membersKnown());
        QCOMPARE(model.membersError(), QString());
        QCOMPARE(
            describe(model),
            (QStringList{"@joined:localhost@1=AlreadyMember", "@invited:localhost@2=AlreadyInvited",
                         "@banned:localhost@3=Banned", "@knocking:localhost@4=WillInvite",
                         "@gone:localhost@5=WillInvite", "@me:localhost@6=Self",
                         "@new:localhost@7=WillInvite", "nobody@8=Invalid"}));
        QCOMPARE(model.userIdsToInvite(),
                 (QStringList{"@knocking:localhost", "@gone:localhost", "@new:localhost"}));
        QCOMPARE(model.willInviteCount(), 3);
        QCOMPARE(model.skippedCount(), 5);
        QCOMPARE(model.alreadyMemberCount(), 1);
        QCOMPARE(model.alreadyInvitedCount(), 1);
        QCOMPARE(model.bannedCount(), 1);
        QCOMPARE(model.selfCount(), 1);
        QCOMPARE(model.invalidCount(), 1);
        QCOMPARE(model.summary(), QStringLiteral("3 will be invited · 1 already in the room · "
                                                 "1 already invited · 1 banned · 1 invalid · "
                                                 "you are skipped"));
        QVERIFY(!model.entries().at(2).reason.isEmpty()); // why a banned person is not invited
        QVERIFY(counts.size() >= 2);
        // One request, for the members who have not left.
        const auto requests = m_fake->requestsTo(MembersPath);
        QCOMPARE(requests.size(), 1);
        QCOMPARE(requests.at(0).method, QByteArray("GET"));
        QCOMPARE(requests.at(0).rawQuery, QByteArray("not_membership=leave"));
    }

    void theListCanChangeAfterTheMembersAreKnown()
    {
        m_fake->script(MembersPath, {{200, membersAnswer({member("@joined:localhost", "join")})}});
        InviteListModel model(m_api.get(), Me);
        model.setRoomId(Room);
        QVERIFY(loaded(model));
        model.setText(QStringLiteral("@joined:localhost\n@new:localhost"));
        QCOMPARE(describe(model),
                 (QStringList{"@joined:localhost@1=AlreadyMember", "@new:localhost@2=WillInvite"}));
        QCOMPARE(m_fake->requestsTo(MembersPath).size(), 1); // typing does not ask again
    }

    void membersThatCannotBeFetchedAreSaidAndInvitingStillPossible()
    {
        m_fake->script(MembersPath,
                       {{403, R"({"errcode":"M_FORBIDDEN","error":"You are not in the room"})"},
                        {200, membersAnswer({member("@joined:localhost", "join")})}});
        InviteListModel model(m_api.get(), Me);
        QSignalSpy members(&model, &InviteListModel::membersChanged);
        model.setText(QStringLiteral("@joined:localhost\n@new:localhost"));
        model.setRoomId(Room);
        QVERIFY(loaded(model));
        QVERIFY(!model.membersKnown());
        QVERIFY2(model.membersError().contains(QLatin1String("M_FORBIDDEN")),
                 qPrintable(model.membersError()));
        QVERIFY(model.membersError().contains(QLatin1String("403")));
        QVERIFY(!members.isEmpty());
        // Nobody is marked: the server answers a repeat invite as done.
        QCOMPARE(model.userIdsToInvite(), (QStringList{"@joined:localhost", "@new:localhost"}));

        model.refreshMembers();
        QVERIFY(model.loading());
        QCOMPARE(model.membersError(), QString()); // the old error goes while asking again
        QVERIFY(loaded(model));
        QVERIFY(model.membersKnown());
        QCOMPARE(model.userIdsToInvite(), QStringList{QStringLiteral("@new:localhost")});
        QCOMPARE(m_fake->requestsTo(MembersPath).size(), 2);
    }

    void aMalformedMemberListIsAnError()
    {
        m_fake->script(MembersPath, {{200, R"({"members":[]})"}});
        InviteListModel model(m_api.get(), Me);
        model.setRoomId(Room);
        QVERIFY(loaded(model));
        QVERIFY(!model.membersKnown());
        QVERIFY(!model.membersError().isEmpty());
    }

    void anotherRoomDropsTheFirstRoomsAnswer()
    {
        const QByteArray otherPath = "/_matrix/client/v3/rooms/%21other%3Alocalhost/members";
        m_fake->script(MembersPath,
                       {FakeHomeserver::Reply::held(
                           200, membersAnswer({member("@someone:localhost", "join")}))});
        m_fake->script(otherPath, {FakeHomeserver::Reply::held(200, membersAnswer({}))});
        InviteListModel model(m_api.get(), Me);
        model.setText(QStringLiteral("@someone:localhost"));
        model.setRoomId(Room);
        QVERIFY(QTest::qWaitFor([&] { return m_fake->heldCount() == 1; }, 15000));
        model.setRoomId(QStringLiteral("!other:localhost"));
        QVERIFY(QTest::qWaitFor([&] { return m_fake->heldCount() == 2; }, 15000));
        QVERIFY(model.loading());
        // The first room's answer goes out first: the model no longer waits for it.
        QVERIFY(m_fake->release(MembersPath));
        QVERIFY(m_fake->release(otherPath));
        QVERIFY(loaded(model));
        QVERIFY(model.membersKnown());
        QCOMPARE(model.entries().at(0).status, InviteListModel::WillInvite);
        QCOMPARE(m_fake->requestsTo(MembersPath).size(), 1);
        QCOMPARE(m_fake->requestsTo(otherPath).size(), 1);
    }

    void noRoomOrNoServerMeansNoRequest()
    {
        InviteListModel model;
        model.setRoomId(Room); // no ApiClient yet
        QVERIFY(!model.loading());
        QVERIFY(!model.membersKnown());
        QCOMPARE(model.membersError(), QString());
        model.setApi(m_api.get()); // now it can ask
        QVERIFY(model.loading());
        m_fake->script(MembersPath, {{200, membersAnswer({})}});
        QVERIFY(loaded(model));
        QVERIFY(model.membersKnown());
        model.clear();
        QCOMPARE(model.roomId(), QString());
        QCOMPARE(model.text(), QString());
        QVERIFY(!model.membersKnown());
        QCOMPARE(model.count(), 0);
        QCOMPARE(model.summary(), QString());
    }

    void loadsALocalTextFile()
    {
        const QString path = m_dir.filePath(QStringLiteral("people.csv"));
        QFile file(path);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write("user,name\n@alice:example.org,Alice\n@bob:example.org,Bob\n");
        file.close();
        InviteListModel model;
        QSignalSpy textChanged(&model, &InviteListModel::textChanged);
        QVERIFY(model.loadFile(QUrl::fromLocalFile(path)));
        QCOMPARE(model.fileError(), QString());
        QCOMPARE(textChanged.size(), 1);
        QCOMPARE(model.userIdsToInvite(), (QStringList{"@alice:example.org", "@bob:example.org"}));
        QCOMPARE(model.entries().at(1).line, 3);
    }

    void filesThatCannotBeUsedAreRefusedClearly_data()
    {
        QTest::addColumn<QString>("name");
        QTest::addColumn<QByteArray>("content"); // not created when null
        QTest::addColumn<QString>("error");
        QTest::newRow("missing") << QStringLiteral("missing.txt") << QByteArray()
                                 << QStringLiteral("“missing.txt” does not exist.");
        QTest::newRow("too big") << QStringLiteral("big.txt")
                                 << QByteArray(InviteListModel::MaxFileBytes + 1, 'a')
                                 << QStringLiteral("“big.txt” is too large (1025 KB): a list can "
                                                   "be at most 1024 KB.");
        QTest::newRow("binary (NUL bytes)")
            << QStringLiteral("photo.png") << QByteArray("\x89PNG\r\n\x1a\n\0\0\0\rIHDR", 16)
            << QStringLiteral("“photo.png” is not a text file: save the list as plain text "
                              "(UTF-8), one user ID per line or CSV.");
        QTest::newRow("not UTF-8")
            << QStringLiteral("latin1.txt") << QByteArray("@j\xf6rg:example.org\n")
            << QStringLiteral("“latin1.txt” is not a text file: save the list as plain text "
                              "(UTF-8), one user ID per line or CSV.");
    }
    void filesThatCannotBeUsedAreRefusedClearly()
    {
        QFETCH(QString, name);
        QFETCH(QByteArray, content);
        QFETCH(QString, error);
        const QString path = m_dir.filePath(name);
        if (!content.isNull()) {
            QFile file(path);
            QVERIFY(file.open(QIODevice::WriteOnly));
            QCOMPARE(file.write(content), content.size());
        }
        InviteListModel model;
        model.setText(QStringLiteral("@kept:example.org"));
        QSignalSpy fileError(&model, &InviteListModel::fileErrorChanged);
        QVERIFY(!model.loadFile(QUrl::fromLocalFile(path)));
        QCOMPARE(model.fileError(), error);
        QCOMPARE(fileError.size(), 1);
        // What was there stays.
        QCOMPARE(model.text(), QStringLiteral("@kept:example.org"));
        QCOMPARE(model.userIdsToInvite(), QStringList{QStringLiteral("@kept:example.org")});
    }

    void onlyLocalFilesAreRead()
    {
        InviteListModel model;
        QVERIFY(!model.loadFile(QUrl(QStringLiteral("https://example.org/people.txt"))));
        QCOMPARE(model.fileError(), QStringLiteral("Only a file on this computer can be loaded."));
        QVERIFY(!model.loadFile(QUrl::fromLocalFile(m_dir.path())));
        QVERIFY(model.fileError().endsWith(QLatin1String("is not a file.")));
        QCOMPARE(m_fake->requests().size(), 0);

        // A good file afterwards clears the error.
        const QString path = m_dir.filePath(QStringLiteral("ok.txt"));
        QFile file(path);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write("@alice:example.org\n");
        file.close();
        QVERIFY(model.loadFile(QUrl::fromLocalFile(path)));
        QCOMPARE(model.fileError(), QString());
        QCOMPARE(model.count(), 1);
    }

    void rolesForTheView()
    {
        InviteListModel model;
        model.setText(QStringLiteral("@alice:example.org\n@alice:example.org"));
        const QHash<int, QByteArray> roles = model.roleNames();
        QCOMPARE(roles.value(InviteListModel::UserIdRole), QByteArray("userId"));
        QCOMPARE(roles.value(InviteListModel::LineRole), QByteArray("line"));
        QCOMPARE(roles.value(InviteListModel::StatusRole), QByteArray("status"));
        QCOMPARE(roles.value(InviteListModel::StatusTextRole), QByteArray("statusText"));
        QCOMPARE(roles.value(InviteListModel::ReasonRole), QByteArray("reason"));
        const QModelIndex second = model.index(1);
        QCOMPARE(second.data(InviteListModel::UserIdRole).toString(),
                 QStringLiteral("@alice:example.org"));
        QCOMPARE(second.data(InviteListModel::LineRole).toInt(), 2);
        QCOMPARE(second.data(InviteListModel::StatusTextRole).toString(),
                 QStringLiteral("Listed twice"));
        QCOMPARE(second.data(InviteListModel::ReasonRole).toString(),
                 QStringLiteral("Already listed on line 1."));
    }
};

QTEST_GUILESS_MAIN(TestInviteList)
#include "tst_invitelist.moc"
