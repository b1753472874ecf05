#include "api/identifiers.h"
#include "api/matrixuri.h"

#include <QtTest>

class TestIdentifiers : public QObject
{
    Q_OBJECT
private slots:
    void userIds_data()
    {
        QTest::addColumn<QString>("id");
        QTest::addColumn<bool>("valid");
        QTest::newRow("plain") << "@alice:example.org" << true;
        QTest::newRow("port") << "@alice:example.org:8448" << true;
        QTest::newRow("ipv4") << "@alice:127.0.0.1" << true;
        QTest::newRow("ipv6") << "@alice:[::1]:8008" << true;
        QTest::newRow("grammar chars") << "@a.b_c=d-e/f+g:example.org" << true;
        QTest::newRow("historical uppercase") << "@Alice:example.org" << true;
        QTest::newRow("historical punctuation") << "@!al#ice~:example.org" << true;
        QTest::newRow("no sigil") << "alice:example.org" << false;
        QTest::newRow("no server") << "@alice" << false;
        QTest::newRow("empty local") << "@:example.org" << false;
        QTest::newRow("space") << "@al ice:example.org" << false;
        QTest::newRow("non-ascii local") << "@alicé:example.org" << false;
        QTest::newRow("bad server") << "@alice:exa_mple.org" << false;
        QTest::newRow("bad port") << "@alice:example.org:99999" << false;
        QTest::newRow("empty port") << "@alice:example.org:" << false;
        QTest::newRow("too long") << "@" + QString(250, QLatin1Char('a')) + ":example.org" << false;
        QTest::newRow("empty") << "" << false;
    }
    void userIds()
    {
        QFETCH(QString, id);
        QFETCH(bool, valid);
        const QString error = Identifiers::validateUserId(id);
        QVERIFY2(error.isEmpty() == valid, qPrintable(id + QLatin1String(" -> ") + error));
    }

    void roomIds_data()
    {
        QTest::addColumn<QString>("id");
        QTest::addColumn<bool>("valid");
        QTest::newRow("classic") << "!abc123:example.org" << true;
        QTest::newRow("v12 domain-less") << "!Xq3TmY_0S8l-WvZ9Ck1A3u4d2eR7sJfL5nH6oPqBcDe" << true;
        QTest::newRow("with port") << "!abc:example.org:8448" << true;
        QTest::newRow("alias") << "#abc:example.org" << false;
        QTest::newRow("sigil only") << "!" << false;
        QTest::newRow("space") << "!ab c:example.org" << false;
        QTest::newRow("empty opaque") << "!:example.org" << false;
        QTest::newRow("bad server") << "!abc:exa mple.org" << false;
    }
    void roomIds()
    {
        QFETCH(QString, id);
        QFETCH(bool, valid);
        QCOMPARE(Identifiers::validateRoomId(id).isEmpty(), valid);
    }

    void aliases_data()
    {
        QTest::addColumn<QString>("alias");
        QTest::addColumn<bool>("valid");
        QTest::newRow("plain") << "#room:example.org" << true;
        QTest::newRow("reserved chars") << "#a/b?c%41#d:localhost" << true;
        QTest::newRow("unicode") << "#café-ü:example.org" << true;
        QTest::newRow("no server") << "#room" << false;
        QTest::newRow("empty local") << "#:example.org" << false;
        QTest::newRow("no sigil") << "room:example.org" << false;
        QTest::newRow("too long") << "#" + QString(300, QLatin1Char('a')) + ":x.org" << false;
    }
    void aliases()
    {
        QFETCH(QString, alias);
        QFETCH(bool, valid);
        QCOMPARE(Identifiers::validateRoomAlias(alias).isEmpty(), valid);
    }

    void targetErrorsAreSpecific()
    {
        QVERIFY(Identifiers::validateRoomIdOrAlias(QStringLiteral("lobby"))
                    .contains(QLatin1String("starts with '#'")));
        QVERIFY(Identifiers::validateRoomIdOrAlias(QStringLiteral("#lobby"))
                    .contains(QLatin1String("server part")));
        QVERIFY(Identifiers::validateUserId(QStringLiteral("@bob:exa mple.org"))
                    .contains(QLatin1String("not a valid server name")));
    }

    void encodesEverySegmentWhole_data()
    {
        QTest::addColumn<QString>("segment");
        QTest::addColumn<QByteArray>("encoded");
        QTest::newRow("alias with reserved")
            << "#a/b?c%41:localhost" << QByteArray("%23a%2Fb%3Fc%2541%3Alocalhost");
        QTest::newRow("room id") << "!abc:example.org" << QByteArray("%21abc%3Aexample.org");
        QTest::newRow("space and hash") << "#a b#c:x" << QByteArray("%23a%20b%23c%3Ax");
        QTest::newRow("non-ascii") << "#é:x" << QByteArray("%23%C3%A9%3Ax");
        QTest::newRow("already encoded is not trusted") << "%2F" << QByteArray("%252F");
        QTest::newRow("unreserved kept") << "a-b_c.d~e" << QByteArray("a-b_c.d~e");
    }
    void encodesEverySegmentWhole()
    {
        QFETCH(QString, segment);
        QFETCH(QByteArray, encoded);
        QCOMPARE(Identifiers::encodePathSegment(segment), encoded);
    }

    void serverNames_data()
    {
        QTest::addColumn<QString>("name");
        QTest::addColumn<bool>("valid");
        QTest::newRow("host") << "matrix.org" << true;
        QTest::newRow("host:port") << "matrix.org:443" << true;
        QTest::newRow("ipv6") << "[2001:db8::1]" << true;
        QTest::newRow("ipv6 unclosed") << "[2001:db8::1" << false;
        QTest::newRow("scheme") << "https://matrix.org" << false;
        QTest::newRow("port zero") << "matrix.org:0" << false;
        // Found by fuzzing: toInt() skips whitespace and takes a sign.
        QTest::newRow("space before port") << "example.org: 80" << false;
        QTest::newRow("newline before port") << "example.org:\n1" << false;
        QTest::newRow("plus port") << "example.org:+8448" << false;
    }
    void serverNames()
    {
        QFETCH(QString, name);
        QFETCH(bool, valid);
        QCOMPARE(Identifiers::validateServerName(name).isEmpty(), valid);
    }

    void viaServers_data()
    {
        QTest::addColumn<QStringList>("servers");
        QTest::addColumn<QStringList>("normalized");
        QTest::addColumn<QString>("errorPart"); // empty: valid
        QTest::newRow("none") << QStringList{} << QStringList{} << "";
        QTest::newRow("three") << QStringList{"a.org", "b.org:8448", "[::1]"}
                               << QStringList{"a.org", "b.org:8448", "[::1]"} << "";
        QTest::newRow("blanks and spaces dropped")
            << QStringList{" a.org ", "", "  "} << QStringList{"a.org"} << "";
        QTest::newRow("duplicates dropped before counting")
            << QStringList{"a.org", "b.org", "a.org", " b.org", "c.org"}
            << QStringList{"a.org", "b.org", "c.org"} << "";
        QTest::newRow("four is one too many")
            << QStringList{"a.org", "b.org", "c.org", "d.org"}
            << QStringList{"a.org", "b.org", "c.org", "d.org"}
            << "At most 3 servers to join through can be given; 4 were.";
        QTest::newRow("invalid name")
            << QStringList{"a.org", "bad host"} << QStringList{"a.org", "bad host"}
            << "Server to join through: “bad host” is not a valid server name";
        QTest::newRow("scheme") << QStringList{"https://a.org"} << QStringList{"https://a.org"}
                                << "Server to join through:";
    }
    void viaServers()
    {
        QFETCH(QStringList, servers);
        QFETCH(QStringList, normalized);
        QFETCH(QString, errorPart);
        QStringList out;
        const QString error = Identifiers::validateViaServers(servers, &out);
        QCOMPARE(out, normalized);
        if (errorPart.isEmpty())
            QVERIFY2(error.isEmpty(), qPrintable(error));
        else
            QVERIFY2(error.contains(errorPart), qPrintable(error));
        QCOMPARE(Identifiers::validateViaServers(servers, nullptr), error);
        // The QML validator applies the same rules (the join dialog and the service agree).
        QCOMPARE(IdentifierValidator().viaServersError(servers), error);
    }

    void mxcUris_data()
    {
        QTest::addColumn<QString>("mxc");
        QTest::addColumn<QString>("server"); // empty: refused
        QTest::addColumn<QString>("mediaId");
        QTest::newRow("plain") << "mxc://example.org/abcDEF123"
                               << "example.org"
                               << "abcDEF123";
        QTest::newRow("port") << "mxc://example.org:8448/a_b-c"
                              << "example.org:8448"
                              << "a_b-c";
        QTest::newRow("ipv4") << "mxc://127.0.0.1/x"
                              << "127.0.0.1"
                              << "x";
        QTest::newRow("ipv6") << "mxc://[::1]:8008/x"
                              << "[::1]:8008"
                              << "x";
        QTest::newRow("dots inside a name") << "mxc://a..b/x"
                                            << "a..b"
                                            << "x";
        // Dot segments: the URL layer would remove them and reach another path (defect 12).
        QTest::newRow("dot-dot server") << "mxc://../config"
                                        << ""
                                        << "";
        QTest::newRow("dot server") << "mxc://./x"
                                    << ""
                                    << "";
        QTest::newRow("dots only") << "mxc://.../x"
                                   << ""
                                   << "";
        QTest::newRow("dot-dot with port") << "mxc://..:80/x"
                                           << ""
                                           << "";
        QTest::newRow("dot-dot media") << "mxc://example.org/.."
                                       << ""
                                       << "";
        QTest::newRow("dot media") << "mxc://example.org/."
                                   << ""
                                   << "";
        QTest::newRow("traversal") << "mxc://example.org/../../config"
                                   << ""
                                   << "";
        QTest::newRow("trailing newline") << "mxc://example.org/abc\n"
                                          << ""
                                          << "";
        QTest::newRow("port too large") << "mxc://example.org:65536/x"
                                        << ""
                                        << "";
        QTest::newRow("port zero") << "mxc://example.org:0/x"
                                   << ""
                                   << "";
        QTest::newRow("empty media") << "mxc://example.org/"
                                     << ""
                                     << "";
        QTest::newRow("empty server") << "mxc:///abc"
                                      << ""
                                      << "";
        QTest::newRow("encoded") << "mxc://example.org/%2E%2E"
                                 << ""
                                 << "";
        QTest::newRow("query") << "mxc://example.org/abc?x=1"
                               << ""
                               << "";
        QTest::newRow("fragment") << "mxc://example.org/abc#x"
                                  << ""
                                  << "";
        QTest::newRow("user info") << "mxc://u@example.org/abc"
                                   << ""
                                   << "";
        QTest::newRow("other scheme") << "https://example.org/abc"
                                      << ""
                                      << "";
        QTest::newRow("empty") << ""
                               << ""
                               << "";
    }
    void mxcUris()
    {
        QFETCH(QString, mxc);
        QFETCH(QString, server);
        QFETCH(QString, mediaId);
        QString gotServer = QStringLiteral("untouched");
        QString gotMedia = QStringLiteral("untouched");
        const bool ok = Identifiers::parseMxcUri(mxc, &gotServer, &gotMedia);
        QCOMPARE(ok, !server.isEmpty());
        if (ok) {
            QCOMPARE(gotServer, server);
            QCOMPARE(gotMedia, mediaId);
        } else {
            QCOMPARE(gotServer, QStringLiteral("untouched"));
        }
    }

    void links_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<QString>("target");
        QTest::addColumn<QStringList>("via");
        QTest::addColumn<QString>("action");
        QTest::addColumn<bool>("isLink");
        QTest::newRow("matrix: alias") << "matrix:r/rust:matrix.org"
                                       << "#rust:matrix.org" << QStringList{} << "" << true;
        QTest::newRow("matrix: roomid via join")
            << "matrix:roomid/abc:example.org?via=a.org&via=b.org&action=join"
            << "!abc:example.org" << QStringList{"a.org", "b.org"} << "join" << true;
        QTest::newRow("matrix: encoded alias") << "matrix:r/a%2Fb:x.org"
                                               << "#a/b:x.org" << QStringList{} << "" << true;
        QTest::newRow("matrix.to alias") << "https://matrix.to/#/#design:example.org"
                                         << "#design:example.org" << QStringList{} << "" << true;
        QTest::newRow("matrix.to encoded id via")
            << "https://matrix.to/#/%21abc%3Aexample.org?via=example.org"
            << "!abc:example.org" << QStringList{"example.org"} << "" << true;
        QTest::newRow("matrix.to event") << "https://matrix.to/#/!abc:x.org/$event?via=x.org"
                                         << "!abc:x.org" << QStringList{"x.org"} << "" << true;
        QTest::newRow("bare alias") << "  #room:x.org "
                                    << "#room:x.org" << QStringList{} << "" << false;
    }
    void links()
    {
        QFETCH(QString, text);
        QFETCH(QString, target);
        QFETCH(QStringList, via);
        QFETCH(QString, action);
        QFETCH(bool, isLink);
        const MatrixLink link = MatrixLink::parse(text);
        QVERIFY2(link.isValid(), qPrintable(link.error));
        QCOMPARE(link.target, target);
        QCOMPARE(link.via, via);
        QCOMPARE(link.action, action);
        QCOMPARE(link.isLink, isLink);
    }

    void badLinks_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<QString>("errorPart");
        QTest::newRow("user link") << "matrix:u/alice:x.org"
                                   << "user";
        QTest::newRow("bad via") << "matrix:r/a:x.org?via=bad%20host"
                                 << "via";
        QTest::newRow("no room") << "https://matrix.to/"
                                 << "no room";
        QTest::newRow("empty") << ""
                               << "Enter";
        QTest::newRow("garbage") << "hello"
                                 << "starts with";
    }
    void badLinks()
    {
        QFETCH(QString, text);
        QFETCH(QString, errorPart);
        const MatrixLink link = MatrixLink::parse(text);
        QVERIFY(!link.isValid());
        QVERIFY2(link.error.contains(errorPart), qPrintable(link.error));
    }
};

QTEST_APPLESS_MAIN(TestIdentifiers)
#include "tst_identifiers.moc"
