// SPDX-License-Identifier: MIT
#include "core/DisplayText.h"

#include <QTest>

class TestDisplayText : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void escape_data();
    void escape();
    void unchangedIsShared();
};

void TestDisplayText::escape_data()
{
    QTest::addColumn<QString>("input");
    QTest::addColumn<QString>("expected");
    QTest::newRow("plain") << QStringLiteral("RS256 /api/private?x=1") << QStringLiteral("RS256 /api/private?x=1");
    QTest::newRow("backslash kept") << QStringLiteral("a\\x0a") << QStringLiteral("a\\x0a");
    QTest::newRow("CR LF forge a log line") << QStringLiteral("RS256\r\n2026-01-01T00:00:00Z GET /admin 200")
                                            << QStringLiteral("RS256\\x0d\\x0a2026-01-01T00:00:00Z GET /admin 200");
    QTest::newRow("ESC colour sequence") << QStringLiteral("\x1b[31mred") << QStringLiteral("\\x1b[31mred");
    QTest::newRow("NUL, TAB, DEL") << QString(QStringLiteral("a") + QChar(0) + QStringLiteral("\t\x7f"))
                                   << QStringLiteral("a\\x00\\x09\\x7f");
    QTest::newRow("C1 CSI") << QString(QChar(0x9b)) << QStringLiteral("\\x9b");
    QTest::newRow("non-ASCII letters kept")
        << QStringLiteral("J\u00fcrgen \u6771\u4eac") << QStringLiteral("J\u00fcrgen \u6771\u4eac");
    QTest::newRow("bidi override") << QString(QChar(0x202e)) + QStringLiteral("gpj.exe")
                                   << QStringLiteral("\\u{202e}gpj.exe");
    QTest::newRow("line separator") << QString(QChar(0x2028)) << QStringLiteral("\\u{2028}");
}

void TestDisplayText::escape()
{
    QFETCH(QString, input);
    QFETCH(QString, expected);
    QCOMPARE(DisplayText::escapeControls(input), expected);
}

void TestDisplayText::unchangedIsShared()
{
    const QString s = QStringLiteral("nothing to escape here, just text");
    QCOMPARE(DisplayText::escapeControls(s).constData(), s.constData());
}

QTEST_GUILESS_MAIN(TestDisplayText)
#include "TestDisplayText.moc"
