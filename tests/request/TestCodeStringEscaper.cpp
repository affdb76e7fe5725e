// SPDX-License-Identifier: MIT
#include "request/CodeStringEscaper.h"
#include "support/NetTestSupport.h"

#include <QTest>

using Lang = CodeStringEscaper::Language;
using namespace NetTestSupport;

class TestCodeStringEscaper : public QObject
{
    Q_OBJECT
private:
    static void addTexts()
    {
        QTest::addColumn<QString>("text");
        QTest::newRow("empty") << QString();
        QTest::newRow("nasty") << nastyText();
        QTest::newRow("binary looking") << binaryLookingText();
        QTest::newRow("backslash before quote") << QStringLiteral("a\\\"b\\\\\"c\\");
        QTest::newRow("astral and invisible") << QString::fromUtf8("\xf0\x9f\x98\x80\xe2\x80\xa9\xef\xbb\xbf\xc2\x85z");
    }

    QTemporaryDir m_dir;

private Q_SLOTS:
    void exactLiterals_data()
    {
        QTest::addColumn<int>("language");
        QTest::addColumn<QString>("text");
        QTest::addColumn<QString>("expected");
        const QString t = QString::fromUtf8("a\"b\\c\n\x01\xc3\xa9$#{x}");
        QTest::newRow("python") << int(Lang::Python) << t << QString::fromUtf8("\"a\\\"b\\\\c\\n\\x01\xc3\xa9$#{x}\"");
        QTest::newRow("javascript") << int(Lang::JavaScript) << t
                                    << QString::fromUtf8("\"a\\\"b\\\\c\\n\\x01\xc3\xa9$#{x}\"");
        QTest::newRow("go") << int(Lang::Go) << t << QString::fromUtf8("\"a\\\"b\\\\c\\n\\x01\xc3\xa9$#{x}\"");
        QTest::newRow("java") << int(Lang::Java) << t << QStringLiteral("\"a\\\"b\\\\c\\n\\001\\u00e9$#{x}\"");
        QTest::newRow("csharp") << int(Lang::CSharp) << t << QStringLiteral("\"a\\\"b\\\\c\\n\\u0001\\u00e9$#{x}\"");
        QTest::newRow("php: $ escaped") << int(Lang::Php) << t
                                        << QString::fromUtf8("\"a\\\"b\\\\c\\n\\x01\xc3\xa9\\$#{x}\"");
        QTest::newRow("ruby: # escaped") << int(Lang::Ruby) << t
                                         << QString::fromUtf8("\"a\\\"b\\\\c\\n\\x01\xc3\xa9$\\#{x}\"");
        QTest::newRow("swift") << int(Lang::Swift) << t << QString::fromUtf8("\"a\\\"b\\\\c\\n\\u{1}\xc3\xa9$#{x}\"");
        QTest::newRow("objc") << int(Lang::ObjC) << t << QStringLiteral("@\"a\\\"b\\\\c\\n\\001\\u00e9$#{x}\"");
        QTest::newRow("c++ bytes") << int(Lang::CppBytes) << t
                                   << QStringLiteral("\"a\\\"b\\\\c\\n\\001\\303\\251$#{x}\"");
        QTest::newRow("java astral as surrogates")
            << int(Lang::Java) << QString::fromUtf8("\xf0\x9f\x98\x80") << QStringLiteral("\"\\ud83d\\ude00\"");
        QTest::newRow("js line separator")
            << int(Lang::JavaScript) << QString::fromUtf8("\xe2\x80\xa8") << QStringLiteral("\"\\u2028\"");
        QTest::newRow("go lone surrogate") << int(Lang::Go) << QString(QChar(0xD800)) << QStringLiteral("\"\\uFFFD\"");
    }
    void exactLiterals()
    {
        QFETCH(int, language);
        QFETCH(QString, text);
        QFETCH(QString, expected);
        QCOMPARE(CodeStringEscaper::literal(text, Lang(language)), expected);
    }

    void posixShellWords_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<QString>("expected");
        QTest::newRow("plain") << QStringLiteral("abc") << QStringLiteral("'abc'");
        QTest::newRow("single quote") << QStringLiteral("it's") << QStringLiteral("'it'\\''s'");
        QTest::newRow("newline stays literal") << QStringLiteral("a\nb") << QStringLiteral("'a\nb'");
        QTest::newRow("control byte: ANSI-C") << QStringLiteral("a\x1b'b\\") << QStringLiteral("$'a\\x1b\\'b\\\\'");
    }
    void posixShellWords()
    {
        QFETCH(QString, text);
        QFETCH(QString, expected);
        QCOMPARE(CodeStringEscaper::posixShell(text), expected);
    }

    void windowsCmdWords_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<QString>("expected");
        QTest::newRow("plain") << QStringLiteral("abc") << QStringLiteral("^\"abc^\"");
        QTest::newRow("quote") << QStringLiteral("a\"b") << QStringLiteral("^\"a\\^\"b^\"");
        QTest::newRow("trailing backslashes doubled")
            << QStringLiteral("C:\\dir\\") << QStringLiteral("^\"C:\\dir\\\\^\"");
        QTest::newRow("metacharacters") << QStringLiteral("a&b|c<d>e^f(g)h!")
                                        << QStringLiteral("^\"a^&b^|c^<d^>e^^f^(g^)h^!^\"");
        QTest::newRow("percent variable") << QStringLiteral("%PATH% 100%") << QStringLiteral("^\"%^PATH% 100%^\"");
        QTest::newRow("newline") << QStringLiteral("a\nb") << QStringLiteral("^\"a^\n\nb^\"");
    }
    void windowsCmdWords()
    {
        QFETCH(QString, text);
        QFETCH(QString, expected);
        QCOMPARE(CodeStringEscaper::windowsCmd(text), expected);
    }

    // The real interpreters read the literals back byte for byte.
    void bashReadsBack_data() { addTexts(); }
    void bashReadsBack()
    {
        QFETCH(QString, text);
        if (QStandardPaths::findExecutable(QStringLiteral("bash")).isEmpty())
            QSKIP("bash not installed");
        const auto r =
            run(QStringLiteral("bash"),
                {QStringLiteral("-c"), QString(QStringLiteral("printf '%s' ") + CodeStringEscaper::posixShell(text))});
        QCOMPARE(r.exitCode, 0);
        QCOMPARE(r.out, text.toUtf8());
    }

    void pythonReadsBack_data() { addTexts(); }
    void pythonReadsBack()
    {
        QFETCH(QString, text);
        if (QStandardPaths::findExecutable(QStringLiteral("python3")).isEmpty())
            QSKIP("python3 not installed");
        QVERIFY(m_dir.isValid());
        const QString file = m_dir.filePath(QStringLiteral("lit.py"));
        QVERIFY(writeFile(file, QString(QStringLiteral("import sys\nsys.stdout.buffer.write(") +
                                        CodeStringEscaper::literal(text, Lang::Python) +
                                        QStringLiteral(".encode('utf-8'))\n"))
                                    .toUtf8()));
        const auto r = run(QStringLiteral("python3"), {file});
        QCOMPARE(r.exitCode, 0);
        QCOMPARE(r.out, text.toUtf8());
    }

    void nodeReadsBack_data() { addTexts(); }
    void nodeReadsBack()
    {
        QFETCH(QString, text);
        if (QStandardPaths::findExecutable(QStringLiteral("node")).isEmpty())
            QSKIP("node not installed");
        const QString file = m_dir.filePath(QStringLiteral("lit.js"));
        QVERIFY(writeFile(file,
                          QString(QStringLiteral("process.stdout.write(Buffer.from(") +
                                  CodeStringEscaper::literal(text, Lang::JavaScript) + QStringLiteral(", 'utf8'));\n"))
                              .toUtf8()));
        const auto r = run(QStringLiteral("node"), {file});
        QCOMPARE(r.exitCode, 0);
        QCOMPARE(r.out, text.toUtf8());
    }

    void cppReadsBack_data() { addTexts(); }
    void cppReadsBack()
    {
        QFETCH(QString, text);
        if (QStandardPaths::findExecutable(QStringLiteral("g++")).isEmpty())
            QSKIP("g++ not installed");
        const QString src = m_dir.filePath(QStringLiteral("lit.cpp"));
        const QString exe = m_dir.filePath(QStringLiteral("lit"));
        QVERIFY(writeFile(src, QString(QStringLiteral("#include <cstdio>\nint main() { static const char s[] = ") +
                                       CodeStringEscaper::literal(text, Lang::CppBytes) +
                                       QStringLiteral("; std::fwrite(s, 1, sizeof(s) - 1, stdout); }\n"))
                                   .toUtf8()));
        const auto c = run(QStringLiteral("g++"),
                           {QStringLiteral("-std=c++17"), QStringLiteral("-Werror"), QStringLiteral("-o"), exe, src});
        QVERIFY2(c.exitCode == 0, c.err.constData());
        const auto r = run(exe, {});
        QCOMPARE(r.out, text.toUtf8());
    }

    void javaReadsBack()
    {
        if (QStandardPaths::findExecutable(QStringLiteral("java")).isEmpty())
            QSKIP("java not installed");
        // One program for all texts: javac is slow. Java strings are UTF-16, so compare code units.
        const QList<QString> texts = {nastyText(), binaryLookingText(), QStringLiteral("a\\\"b\\\\\"c\\"),
                                      QString::fromUtf8("\xf0\x9f\x98\x80\xe2\x80\xa9\xef\xbb\xbf\xc2\x85z")};
        QString program = QStringLiteral("public class Lit { public static void main(String[] a) {\n");
        for (const QString& t : texts)
            program += QString(
                QStringLiteral("  System.out.println(") + CodeStringEscaper::literal(t, Lang::Java) +
                QStringLiteral(
                    ".chars().mapToObj(Integer::toString).collect(java.util.stream.Collectors.joining(\",\")));\n"));
        program += QStringLiteral("} }\n");
        const QString file = m_dir.filePath(QStringLiteral("Lit.java"));
        QVERIFY(writeFile(file, program.toUtf8()));
        const auto r = run(QStringLiteral("java"), {file}); // single-file source launcher (Java 11+)
        QVERIFY2(r.exitCode == 0, r.err.constData());
        const QList<QByteArray> lines = r.out.trimmed().split('\n');
        QCOMPARE(lines.size(), texts.size());
        for (qsizetype i = 0; i < texts.size(); ++i) {
            QStringList units;
            for (const QChar c : texts[i])
                units.append(QString::number(c.unicode()));
            QCOMPARE(QString::fromLatin1(lines[i]), units.join(QLatin1Char(',')));
        }
    }
};

QTEST_GUILESS_MAIN(TestCodeStringEscaper)
#include "TestCodeStringEscaper.moc"
