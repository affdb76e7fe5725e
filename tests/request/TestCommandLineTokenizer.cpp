// SPDX-License-Identifier: MIT
#include "request/CommandLineTokenizer.h"

#include <QTest>

using Dialect = CommandLineTokenizer::Dialect;

class TestCommandLineTokenizer : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void posix_data()
    {
        QTest::addColumn<QString>("command");
        QTest::addColumn<QStringList>("args");
        QTest::newRow("spaces and tabs") << QStringLiteral("curl \t a  b")
                                         << QStringList{QStringLiteral("curl"), QStringLiteral("a"),
                                                        QStringLiteral("b")};
        QTest::newRow("single quotes literal") << QStringLiteral("x 'a \"b\" \\n $HOME'")
                                               << QStringList{QStringLiteral("x"), QStringLiteral("a \"b\" \\n $HOME")};
        QTest::newRow("'\\'' idiom") << QStringLiteral("x 'it'\\''s'")
                                     << QStringList{QStringLiteral("x"), QStringLiteral("it's")};
        QTest::newRow("double quote escapes") << QStringLiteral("x \"a\\\"b \\$c \\`d\\` \\\\ \\n\"")
                                              << QStringList{QStringLiteral("x"), QStringLiteral("a\"b $c `d` \\ \\n")};
        QTest::newRow("ANSI-C") << QStringLiteral("x $'a\\nb\\t\\x41\\101\\u00e9\\U0001F600\\'\\\\\\cA\\e'")
                                << QStringList{QStringLiteral("x"),
                                               QString::fromUtf8("a\nb\tAA\xc3\xa9\xf0\x9f\x98\x80'\\\x01\x1b")};
        QTest::newRow("backslash newline continuation")
            << QStringLiteral("curl \\\n  -X \\\r\n POST")
            << QStringList{QStringLiteral("curl"), QStringLiteral("-X"), QStringLiteral("POST")};
        QTest::newRow("continuation inside double quotes")
            << QStringLiteral("x \"a\\\nb\"") << QStringList{QStringLiteral("x"), QStringLiteral("ab")};
        QTest::newRow("unquoted backslash escape")
            << QStringLiteral("x a\\ b\\'c") << QStringList{QStringLiteral("x"), QStringLiteral("a b'c")};
        QTest::newRow("adjacent quoting joins")
            << QStringLiteral("x a'b'\"c\"$'d'") << QStringList{QStringLiteral("x"), QStringLiteral("abcd")};
        QTest::newRow("empty argument") << QStringLiteral("x '' \"\"")
                                        << QStringList{QStringLiteral("x"), QString(), QString()};
        QTest::newRow("newline inside quotes kept")
            << QStringLiteral("x 'a\nb'") << QStringList{QStringLiteral("x"), QStringLiteral("a\nb")};
        QTest::newRow("pipe ends command")
            << QStringLiteral("x a | jq .") << QStringList{QStringLiteral("x"), QStringLiteral("a")};
        QTest::newRow("comment") << QStringLiteral("x a # c d\n")
                                 << QStringList{QStringLiteral("x"), QStringLiteral("a")};
        QTest::newRow("hash inside word")
            << QStringLiteral("x a#b") << QStringList{QStringLiteral("x"), QStringLiteral("a#b")};
        QTest::newRow("non-ASCII") << QString::fromUtf8("x 'caf\xc3\xa9'")
                                   << QStringList{QStringLiteral("x"), QString::fromUtf8("caf\xc3\xa9")};
    }
    void posix()
    {
        QFETCH(QString, command);
        QFETCH(QStringList, args);
        const auto r = CommandLineTokenizer::split(command, Dialect::Posix);
        QVERIFY(r.ok());
        QCOMPARE(r->arguments, args);
    }

    void posixNotes()
    {
        const auto r = CommandLineTokenizer::split(QStringLiteral("x $HOME \"`id`\" a|b"), Dialect::Posix);
        QVERIFY(r.ok());
        QCOMPARE(r->arguments, (QStringList{QStringLiteral("x"), QStringLiteral("$HOME"), QStringLiteral("`id`"),
                                            QStringLiteral("a")}));
        QCOMPARE(r->notes.size(), 2);
        QVERIFY(r->notes[0].contains(QLatin1String("expansion")));
        QVERIFY(r->notes[1].contains(QLatin1String("'|'")));
    }

    void unterminated_data()
    {
        QTest::addColumn<QString>("command");
        QTest::addColumn<int>("dialect");
        QTest::newRow("single") << QStringLiteral("x 'a") << int(Dialect::Posix);
        QTest::newRow("double") << QStringLiteral("x \"a") << int(Dialect::Posix);
        QTest::newRow("ansi-c") << QStringLiteral("x $'a\\'") << int(Dialect::Posix);
        QTest::newRow("cmd double") << QStringLiteral("x \"a") << int(Dialect::WindowsCmd);
    }
    void unterminated()
    {
        QFETCH(QString, command);
        QFETCH(int, dialect);
        const auto r = CommandLineTokenizer::split(command, Dialect(dialect));
        QVERIFY(!r.ok());
        QCOMPARE(r.error().code, ErrorCode::Usage);
    }

    void windows_data()
    {
        QTest::addColumn<QString>("command");
        QTest::addColumn<QStringList>("args");
        QTest::newRow("caret continuation") << QStringLiteral("curl.exe ^\n  -X POST ^\r\n  \"a b\"")
                                            << QStringList{QStringLiteral("curl.exe"), QStringLiteral("-X"),
                                                           QStringLiteral("POST"), QStringLiteral("a b")};
        QTest::newRow("doubled quote inside quotes")
            << QStringLiteral("x \"say \"\"hi\"\"\"") << QStringList{QStringLiteral("x"), QStringLiteral("say \"hi\"")};
        QTest::newRow("backslash quote") << QStringLiteral("x \"a\\\"b\"")
                                         << QStringList{QStringLiteral("x"), QStringLiteral("a\"b")};
        QTest::newRow("backslashes literal")
            << QStringLiteral("x C:\\dir\\f") << QStringList{QStringLiteral("x"), QStringLiteral("C:\\dir\\f")};
        QTest::newRow("2n backslashes before quote")
            << QStringLiteral("x \"a\\\\\" b")
            << QStringList{QStringLiteral("x"), QStringLiteral("a\\"), QStringLiteral("b")};
        QTest::newRow("caret escapes outside quotes")
            << QStringLiteral("x a^&b ^^")
            << QStringList{QStringLiteral("x"), QStringLiteral("a&b"), QStringLiteral("^")};
        QTest::newRow("caret literal inside quotes")
            << QStringLiteral("x \"a^b\"") << QStringList{QStringLiteral("x"), QStringLiteral("a^b")};
        QTest::newRow("Chrome-style ^\"") << QStringLiteral("curl ^\"https://h/?a=1^&b=2^\" -H ^\"x: ^\\^\"q^\\^\"^\"")
                                          << QStringList{QStringLiteral("curl"), QStringLiteral("https://h/?a=1&b=2"),
                                                         QStringLiteral("-H"), QStringLiteral("x: \"q\"")};
        QTest::newRow("escaped newline stays")
            << QStringLiteral("x ^\"a^\n\nb^\"") << QStringList{QStringLiteral("x"), QStringLiteral("a\nb")};
        QTest::newRow("ampersand ends") << QStringLiteral("x a & echo")
                                        << QStringList{QStringLiteral("x"), QStringLiteral("a")};
    }
    void windows()
    {
        QFETCH(QString, command);
        QFETCH(QStringList, args);
        const auto r = CommandLineTokenizer::split(command, Dialect::WindowsCmd);
        QVERIFY(r.ok());
        QCOMPARE(r->arguments, args);
    }

    void detectDialect_data()
    {
        QTest::addColumn<QString>("command");
        QTest::addColumn<int>("dialect");
        QTest::newRow("posix") << QStringLiteral("curl 'https://h' \\\n -k") << int(Dialect::Posix);
        QTest::newRow("curl.exe") << QStringLiteral("  curl.exe https://h") << int(Dialect::WindowsCmd);
        QTest::newRow("caret newline") << QStringLiteral("curl https://h ^\n -k") << int(Dialect::WindowsCmd);
        QTest::newRow("caret quote") << QStringLiteral("curl ^\"https://h^\"") << int(Dialect::WindowsCmd);
        QTest::newRow("caret inside posix quotes is not enough")
            << QStringLiteral("curl 'https://h/^x'") << int(Dialect::Posix);
    }
    void detectDialect()
    {
        QFETCH(QString, command);
        QFETCH(int, dialect);
        QCOMPARE(int(CommandLineTokenizer::detectDialect(command)), dialect);
    }
};

QTEST_GUILESS_MAIN(TestCommandLineTokenizer)
#include "TestCommandLineTokenizer.moc"
