// SPDX-License-Identifier: MIT
#include "request/VariableResolver.h"

#include <QTest>

class TestVariableResolver : public QObject
{
    Q_OBJECT
private:
    static Environment env()
    {
        return Environment(QStringLiteral("dev"),
                           {{QStringLiteral("host"), QStringLiteral("api.example.com"), false, true},
                            {QStringLiteral("base"), QStringLiteral("https://{{host}}/v1"), false, true},
                            {QStringLiteral("token"), QStringLiteral("s3cr3t"), true, true},
                            {QStringLiteral("a"), QStringLiteral("<{{b}}>"), false, true},
                            {QStringLiteral("b"), QStringLiteral("[{{a}}]"), false, true},
                            {QStringLiteral("self"), QStringLiteral("{{self}}"), false, true},
                            {QStringLiteral("off"), QStringLiteral("x"), false, false}});
    }

private Q_SLOTS:
    void resolveText_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<QString>("expected");
        QTest::addColumn<QStringList>("unknown");
        QTest::addColumn<QStringList>("cyclic");
        QTest::newRow("plain") << QStringLiteral("no vars") << QStringLiteral("no vars") << QStringList()
                               << QStringList();
        QTest::newRow("nested") << QStringLiteral("{{base}}/items")
                                << QStringLiteral("https://api.example.com/v1/items") << QStringList() << QStringList();
        QTest::newRow("spaces in braces")
            << QStringLiteral("{{ host }}") << QStringLiteral("api.example.com") << QStringList() << QStringList();
        QTest::newRow("unknown kept") << QStringLiteral("x{{nope}}y{{nope}}") << QStringLiteral("x{{nope}}y{{nope}}")
                                      << QStringList{QStringLiteral("nope")} << QStringList();
        QTest::newRow("disabled is unknown") << QStringLiteral("{{off}}") << QStringLiteral("{{off}}")
                                             << QStringList{QStringLiteral("off")} << QStringList();
        QTest::newRow("cycle a-b-a") << QStringLiteral("{{a}}") << QStringLiteral("<[{{a}}]>") << QStringList()
                                     << QStringList{QStringLiteral("a")};
        QTest::newRow("self cycle") << QStringLiteral("{{self}}") << QStringLiteral("{{self}}") << QStringList()
                                    << QStringList{QStringLiteral("self")};
        QTest::newRow("extra braces") << QStringLiteral("{{{host}}}") << QStringLiteral("{api.example.com}")
                                      << QStringList() << QStringList();
        QTest::newRow("unterminated") << QStringLiteral("{{host") << QStringLiteral("{{host") << QStringList()
                                      << QStringList();
        QTest::newRow("empty name") << QStringLiteral("{{}}") << QStringLiteral("{{}}") << QStringList()
                                    << QStringList();
    }
    void resolveText()
    {
        QFETCH(QString, text);
        QFETCH(QString, expected);
        QFETCH(QStringList, unknown);
        QFETCH(QStringList, cyclic);
        const VariableResolution r = VariableResolver(env()).resolve(text);
        QCOMPARE(r.text, expected);
        QCOMPARE(r.unknownVariables, unknown);
        QCOMPARE(r.cyclicVariables, cyclic);
    }

    void depthLimit()
    {
        // v0 -> v1 -> ... -> v20: expansion stops at kMaxDepth and says so.
        Environment chain;
        for (int i = 0; i < 20; ++i)
            chain.setVariable(QStringLiteral("v%1").arg(i), QStringLiteral("{{v%1}}").arg(i + 1));
        const VariableResolution r = VariableResolver(chain).resolve(QStringLiteral("{{v0}}"));
        QCOMPARE(r.text, QStringLiteral("{{v%1}}").arg(VariableResolver::kMaxDepth));
        QCOMPARE(r.cyclicVariables, QStringList{QStringLiteral("v%1").arg(VariableResolver::kMaxDepth)});
    }

    void layersAndOverrides()
    {
        const Environment globals(QStringLiteral("globals"),
                                  {{QStringLiteral("host"), QStringLiteral("global"), false, true},
                                   {QStringLiteral("g"), QStringLiteral("G"), false, true}});
        VariableResolver resolver(QList<Environment>{globals, env()});
        QCOMPARE(resolver.resolve(QStringLiteral("{{host}} {{g}}")).text, QStringLiteral("api.example.com G"));
        resolver.setOverride(QStringLiteral("host"), QStringLiteral("override"));
        QCOMPARE(resolver.resolve(QStringLiteral("{{host}}")).text, QStringLiteral("override"));
    }

    void resolveRequestEverywhere()
    {
        HttpRequestSpec s;
        s.method = QStringLiteral("{{m}}");
        s.url = QStringLiteral("{{base}}/x?k={{token}}");
        s.headers = {{QStringLiteral("X-{{host}}"), QStringLiteral("{{missing}}"), true}};
        s.rawBody = QStringLiteral("{\"t\":\"{{token}}\"}");
        s.formRows = {{QStringLiteral("f"), QStringLiteral("{{host}}"), true}};
        s.multipartParts = {{QStringLiteral("p"), QStringLiteral("{{host}}"), true, QStringLiteral("/d/{{host}}.bin"),
                             QString(), true}};
        s.binaryFilePath = QStringLiteral("{{host}}");
        s.auth.kind = HttpRequestSpec::AuthKind::Bearer;
        s.auth.token = QStringLiteral("{{token}}");
        Environment e = env();
        e.setVariable(QStringLiteral("m"), QStringLiteral("PUT"));
        const ResolvedRequest r = VariableResolver(e).resolve(s);
        QCOMPARE(r.request.method, QStringLiteral("PUT"));
        QCOMPARE(r.request.url, QStringLiteral("https://api.example.com/v1/x?k=s3cr3t"));
        QCOMPARE(r.request.headers[0].name, QStringLiteral("X-api.example.com"));
        QCOMPARE(r.request.headers[0].value, QStringLiteral("{{missing}}"));
        QCOMPARE(r.request.rawBody, QStringLiteral("{\"t\":\"s3cr3t\"}"));
        QCOMPARE(r.request.formRows[0].value, QStringLiteral("api.example.com"));
        QCOMPARE(r.request.multipartParts[0].filePath, QStringLiteral("/d/api.example.com.bin"));
        QCOMPARE(r.request.binaryFilePath, QStringLiteral("api.example.com"));
        QCOMPARE(r.request.auth.token, QStringLiteral("s3cr3t"));
        QCOMPARE(r.unknownVariables, QStringList{QStringLiteral("missing")});
        QCOMPARE(r.secretValuesUsed, QStringList{QStringLiteral("s3cr3t")});
        QCOMPARE(VariableResolver::referencedNames(s.url),
                 (QStringList{QStringLiteral("base"), QStringLiteral("token")}));
    }
};

QTEST_GUILESS_MAIN(TestVariableResolver)
#include "TestVariableResolver.moc"
