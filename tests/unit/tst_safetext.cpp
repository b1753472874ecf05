// SafeText: which characters are hidden, and how server text is shown in the UI (forDisplay), on
// a terminal (forTerminal) and in the CLI's JSON (jsonForTerminal).
#include "api/safetext.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QtTest>

namespace {
// One code point; a surrogate value gives an unpaired surrogate (fromUcs4 would replace it).
QString cp(char32_t c)
{
    return QChar::requiresSurrogates(c) ? QString::fromUcs4(&c, 1) : QString(QChar(char16_t(c)));
}

// True when text contains no code point that SafeText would hide (unpaired surrogates included:
// QString::toUcs4 would turn them into U+FFFD).
bool allVisible(const QString &text)
{
    for (qsizetype i = 0; i < text.size(); ++i) {
        char32_t c = text[i].unicode();
        if (text[i].isHighSurrogate() && i + 1 < text.size() && text[i + 1].isLowSurrogate()) {
            c = QChar::surrogateToUcs4(text[i], text[i + 1]);
            ++i;
        }
        if (SafeText::isHidden(c))
            return false;
    }
    return true;
}

// A name that tries everything at once: clear the screen, set the window title (OSC … BEL),
// a C1 CSI, a right-to-left override and a line separator hiding the tail.
const QString Hostile = QStringLiteral("x\x1b[2J\x1b]0;title\x07y\u009b31m\u202Egnp.exe\u2028tail");
} // namespace

class TestSafeText : public QObject
{
    Q_OBJECT

private slots:
    void hiddenClasses_data()
    {
        QTest::addColumn<uint>("codePoint");
        QTest::addColumn<bool>("hidden");
        QTest::addColumn<bool>("lineBreak");
        // C0 controls, DEL, C1 controls (CSI U+009B starts an escape sequence by itself).
        QTest::newRow("NUL") << 0x00u << true << false;
        QTest::newRow("BEL") << 0x07u << true << false;
        QTest::newRow("ESC") << 0x1bu << true << false;
        QTest::newRow("DEL") << 0x7fu << true << false;
        QTest::newRow("C1 PAD") << 0x80u << true << false;
        QTest::newRow("C1 CSI") << 0x9bu << true << false;
        QTest::newRow("C1 APC") << 0x9fu << true << false;
        // Every line and paragraph separator.
        QTest::newRow("TAB") << 0x09u << true << true;
        QTest::newRow("LF") << 0x0au << true << true;
        QTest::newRow("VT") << 0x0bu << true << true;
        QTest::newRow("FF") << 0x0cu << true << true;
        QTest::newRow("CR") << 0x0du << true << true;
        QTest::newRow("FS") << 0x1cu << true << true;
        QTest::newRow("US") << 0x1fu << true << true;
        QTest::newRow("NEL") << 0x85u << true << true;
        QTest::newRow("LINE SEPARATOR") << 0x2028u << true << true;
        QTest::newRow("PARAGRAPH SEPARATOR") << 0x2029u << true << true;
        // Every bidi control.
        QTest::newRow("ALM") << 0x061cu << true << false;
        QTest::newRow("LRM") << 0x200eu << true << false;
        QTest::newRow("RLM") << 0x200fu << true << false;
        QTest::newRow("LRE") << 0x202au << true << false;
        QTest::newRow("RLE") << 0x202bu << true << false;
        QTest::newRow("PDF") << 0x202cu << true << false;
        QTest::newRow("LRO") << 0x202du << true << false;
        QTest::newRow("RLO") << 0x202eu << true << false;
        QTest::newRow("LRI") << 0x2066u << true << false;
        QTest::newRow("RLI") << 0x2067u << true << false;
        QTest::newRow("FSI") << 0x2068u << true << false;
        QTest::newRow("PDI") << 0x2069u << true << false;
        // Invisible formatting.
        QTest::newRow("SOFT HYPHEN") << 0xadu << true << false;
        QTest::newRow("MONGOLIAN VOWEL SEPARATOR") << 0x180eu << true << false;
        QTest::newRow("ZWSP") << 0x200bu << true << false;
        QTest::newRow("WORD JOINER") << 0x2060u << true << false;
        QTest::newRow("INVISIBLE SEPARATOR") << 0x2063u << true << false;
        QTest::newRow("NOMINAL DIGIT SHAPES") << 0x206fu << true << false;
        QTest::newRow("BOM") << 0xfeffu << true << false;
        QTest::newRow("INTERLINEAR ANNOTATION") << 0xfff9u << true << false;
        QTest::newRow("MUSICAL SYMBOL BEGIN BEAM") << 0x1d173u << true << false;
        QTest::newRow("LANGUAGE TAG") << 0xe0001u << true << false;
        QTest::newRow("unpaired surrogate") << 0xd800u << true << false;
        // Kept: ordinary text, and the characters that real scripts and emoji need.
        QTest::newRow("space") << 0x20u << false << false;
        QTest::newRow("a") << 0x61u << false << false;
        QTest::newRow("NBSP") << 0xa0u << false << false;
        QTest::newRow("e acute") << 0xe9u << false << false;
        QTest::newRow("ZWNJ") << 0x200cu << false << false;
        QTest::newRow("ZWJ") << 0x200du << false << false;
        QTest::newRow("NARROW NBSP") << 0x202fu << false << false;
        QTest::newRow("VARIATION SELECTOR-16") << 0xfe0fu << false << false;
        QTest::newRow("emoji") << 0x1f469u << false << false;
        QTest::newRow("emoji tag g") << 0xe0067u << false << false;
    }
    void hiddenClasses()
    {
        QFETCH(uint, codePoint);
        QFETCH(bool, hidden);
        QFETCH(bool, lineBreak);
        QCOMPARE(SafeText::isHidden(codePoint), hidden);
        QCOMPARE(SafeText::isLineBreak(codePoint), lineBreak);

        const QString text = QStringLiteral("a") + cp(codePoint) + QStringLiteral("b");
        // The UI: a line break is a space, any other hidden character disappears.
        QCOMPARE(SafeText::forDisplay(text), lineBreak ? QStringLiteral("a b")
                                             : hidden  ? QStringLiteral("ab")
                                                       : text);
        // The terminal: hidden characters become a visible escape, nothing is dropped.
        const QString terminal = SafeText::forTerminal(text);
        QVERIFY(allVisible(terminal));
        if (hidden) {
            const QString escape =
                codePoint < 0x100 ? QStringLiteral("\\x%1").arg(codePoint, 2, 16, QLatin1Char('0'))
                : codePoint < 0x10000
                    ? QStringLiteral("\\u%1").arg(codePoint, 4, 16, QLatin1Char('0'))
                    : QStringLiteral("\\U%1").arg(codePoint, 8, 16, QLatin1Char('0'));
            QCOMPARE(terminal, QStringLiteral("a") + escape + QStringLiteral("b"));
        } else {
            QCOMPARE(terminal, text);
        }
    }

    void noHiddenCharacterSurvivesAnyFunction()
    {
        // Every BMP code point, alone and between letters, and the astral ones that matter.
        QList<char32_t> codePoints;
        for (char32_t c = 0; c < 0x10000; ++c)
            codePoints << c;
        codePoints << 0x1d173 << 0x1d17a << 0xe0001 << 0x1f469;
        for (char32_t c : std::as_const(codePoints)) {
            const QString text = QStringLiteral("a") + cp(c) + QStringLiteral("b");
            QVERIFY2(allVisible(SafeText::forDisplay(text)), qPrintable(QString::number(c, 16)));
            QVERIFY2(allVisible(SafeText::forTerminal(text)), qPrintable(QString::number(c, 16)));
        }
    }

    void displayDropsTheHiddenTail()
    {
        // A name that hides its tail behind line separators, or reorders itself with bidi
        // controls, shows everything on one line in logical order.
        QCOMPARE(SafeText::forDisplay(QStringLiteral("Team\u2028\u2028\u2029secret tail")),
                 QStringLiteral("Team secret tail"));
        QCOMPARE(SafeText::forDisplay(QStringLiteral("a\r\nb")), QStringLiteral("a b"));
        QCOMPARE(SafeText::forDisplay(QStringLiteral("evil\u202Egnp.exe")),
                 QStringLiteral("evilgnp.exe"));
        QCOMPARE(SafeText::forDisplay(QStringLiteral("\u2066\u061Cadmin\u200E\u200F\u2069")),
                 QStringLiteral("admin"));
        QCOMPARE(SafeText::forDisplay(Hostile), QStringLiteral("x[2J]0;titley31mgnp.exe tail"));
        // Emoji sequences keep their joiners, variation selectors and tags.
        const QString family = QStringLiteral(
            "\U0001F469\u200D\U0001F4BB \u2764\uFE0F "
            "\U0001F3F4\U000E0067\U000E0062\U000E0065\U000E006E\U000E0067\U000E007F");
        QCOMPARE(SafeText::forDisplay(family), family);
        QCOMPARE(SafeText::forTerminal(family), family);
        // Persian needs the zero width non-joiner.
        const QString persian = QStringLiteral("\u0645\u06CC\u200C\u062E\u0648\u0627\u0647\u0645");
        QCOMPARE(SafeText::forDisplay(persian), persian);
    }

    void displayIsBounded()
    {
        QCOMPARE(SafeText::forDisplay(QString(5000, QLatin1Char('x'))).size(), 1024);
        QCOMPARE(SafeText::forDisplay(QStringLiteral("abcdef"), 3), QStringLiteral("abc"));
        // Hidden characters do not count: 2000 zero width spaces cannot push the name out.
        QCOMPARE(SafeText::forDisplay(QString(2000, QChar(0x200B)) + QStringLiteral("name")),
                 QStringLiteral("name"));
        // A surrogate pair is never cut in half, on either path.
        const QString emoji = QStringLiteral("\U0001F389");
        QCOMPARE(SafeText::forDisplay(QString(3, QLatin1Char('x')) + emoji, 4),
                 QStringLiteral("xxx"));
        QCOMPARE(SafeText::forDisplay(
                     QStringLiteral("\u202E") + QString(3, QLatin1Char('x')) + emoji, 4),
                 QStringLiteral("xxx"));
        QCOMPARE(SafeText::forDisplay(QStringLiteral("xx") + emoji, 4),
                 QStringLiteral("xx") + emoji);
        // An unpaired surrogate (JSON "\ud800") is dropped.
        QCOMPARE(SafeText::forDisplay(QStringLiteral("a") + QChar(0xD800) + QStringLiteral("b")),
                 QStringLiteral("ab"));
    }

    void terminalEscapesEverySequence()
    {
        const QString t = SafeText::forTerminal(Hostile);
        QCOMPARE(t,
                 QStringLiteral("x\\x1b[2J\\x1b]0;title\\x07y\\x9b31m\\u202egnp.exe\\u2028tail"));
        const QByteArray bytes = t.toUtf8();
        QVERIFY(!bytes.contains('\x1b'));
        QVERIFY(!bytes.contains('\x07'));
        QVERIFY(!bytes.contains("\xc2\x9b"));     // C1 CSI in UTF-8
        QVERIFY(!bytes.contains("\xe2\x80\xae")); // U+202E in UTF-8
        QVERIFY(!bytes.contains("\xe2\x80\xa8")); // U+2028 in UTF-8
        QCOMPARE(SafeText::forTerminal(QStringLiteral("Café, Zürich — 東京")),
                 QStringLiteral("Café, Zürich — 東京"));
        QCOMPARE(SafeText::forTerminal(QStringLiteral("a") + QChar(0xDC00)),
                 QStringLiteral("a\\udc00"));
    }

    void jsonStaysValidAndCarriesTheOriginal_data()
    {
        QTest::addColumn<int>("format");
        QTest::newRow("compact") << int(QJsonDocument::Compact);
        QTest::newRow("indented") << int(QJsonDocument::Indented);
    }
    void jsonStaysValidAndCarriesTheOriginal()
    {
        QFETCH(int, format);
        const QString original =
            Hostile + QStringLiteral("\u0085\u061C\u2066\U0001D173\u00AD\x7f Café \U0001F389");
        const QJsonObject object{
            {QStringLiteral("error"), original},
            {QStringLiteral("nested"), QJsonObject{{QStringLiteral("k\u202E"), 1}}}};
        const QByteArray json = SafeText::jsonForTerminal(
            QJsonDocument(object).toJson(QJsonDocument::JsonFormat(format)));
        for (const char *raw :
             {"\x1b", "\x07", "\x7f", "\xc2\x85", "\xc2\x9b", "\xc2\xad", "\xd8\x9c",
              "\xe2\x80\xae", "\xe2\x80\xa8", "\xe2\x81\xa6", "\xf0\x9d\x85\xb3"})
            QVERIFY2(!json.contains(raw), json.constData());
        QVERIFY(json.contains("\\u202e"));
        QVERIFY(json.contains("\\ud834\\udd73"));        // U+1D173 as JSON spells it
        QVERIFY(json.contains("Café \xf0\x9f\x8e\x89")); // ordinary text stays UTF-8
        QJsonParseError error{};
        const QJsonDocument back = QJsonDocument::fromJson(json, &error);
        QCOMPARE(error.error, QJsonParseError::NoError);
        QCOMPARE(back.object(), object);
        QCOMPARE(back.object().value(QLatin1String("error")).toString(), original);
    }
};

QTEST_MAIN(TestSafeText)
#include "tst_safetext.moc"
