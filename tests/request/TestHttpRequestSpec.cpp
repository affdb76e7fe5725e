// SPDX-License-Identifier: MIT
#include "request/HttpRequestSpec.h"

#include <QJsonArray>
#include <QTest>

using Spec = HttpRequestSpec;

class TestHttpRequestSpec : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void parseQuery_data()
    {
        QTest::addColumn<QString>("url");
        QTest::addColumn<QStringList>("names");
        QTest::addColumn<QStringList>("values");
        QTest::newRow("no query") << QStringLiteral("https://h/p") << QStringList() << QStringList();
        QTest::newRow("empty query") << QStringLiteral("https://h/p?") << QStringList() << QStringList();
        QTest::newRow("two") << QStringLiteral("https://h/p?a=1&b=two")
                             << QStringList{QStringLiteral("a"), QStringLiteral("b")}
                             << QStringList{QStringLiteral("1"), QStringLiteral("two")};
        QTest::newRow("kept encoded") << QStringLiteral("https://h/?q=caf%C3%A9+x") << QStringList{QStringLiteral("q")}
                                      << QStringList{QStringLiteral("caf%C3%A9+x")};
        QTest::newRow("first = splits") << QStringLiteral("h?a=b=c") << QStringList{QStringLiteral("a")}
                                        << QStringList{QStringLiteral("b=c")};
        QTest::newRow("flag and empty pieces")
            << QStringLiteral("h?flag&&x=") << QStringList{QStringLiteral("flag"), QStringLiteral("x")}
            << QStringList{QString(), QString()};
        QTest::newRow("fragment excluded")
            << QStringLiteral("h?a=1#frag?b=2") << QStringList{QStringLiteral("a")} << QStringList{QStringLiteral("1")};
        QTest::newRow("variables") << QStringLiteral("{{base}}/x?k={{key}}") << QStringList{QStringLiteral("k")}
                                   << QStringList{QStringLiteral("{{key}}")};
    }
    void parseQuery()
    {
        QFETCH(QString, url);
        QFETCH(QStringList, names);
        QFETCH(QStringList, values);
        const auto rows = Spec::parseQuery(url);
        QCOMPARE(rows.size(), names.size());
        for (qsizetype i = 0; i < rows.size(); ++i) {
            QCOMPARE(rows[i].name, names[i]);
            QCOMPARE(rows[i].value, values[i]);
            QVERIFY(rows[i].enabled);
        }
    }

    void syncBothWays()
    {
        Spec s;
        s.url = QStringLiteral("https://h/p?a=1&b=2#top");
        s.queryRows = {{QStringLiteral("off"), QStringLiteral("x"), false}};
        s.syncQueryFromUrl();
        QCOMPARE(s.queryRows.size(), 3);
        QCOMPARE(s.queryRows[2], (Spec::QueryRow{QStringLiteral("off"), QStringLiteral("x"), false}));

        s.queryRows[0].value = QStringLiteral("changed");
        s.queryRows[1].enabled = false;
        s.syncUrlFromQuery();
        QCOMPARE(s.url, QStringLiteral("https://h/p?a=changed#top"));

        s.queryRows[0].enabled = false;
        s.syncUrlFromQuery();
        QCOMPARE(s.url, QStringLiteral("https://h/p#top"));

        s.queryRows[2].enabled = true;
        s.syncUrlFromQuery();
        QCOMPARE(s.url, QStringLiteral("https://h/p?off=x#top"));
        QCOMPARE(Spec::urlWithoutQuery(s.url), QStringLiteral("https://h/p"));
    }

    void setQueryParameterKeepsSpelling()
    {
        Spec s;
        s.url = QStringLiteral("https://h/p?a=%41&flag");
        s.syncQueryFromUrl();
        s.setQueryParameter(QStringLiteral("k"), QStringLiteral("v"));
        QCOMPARE(s.url, QStringLiteral("https://h/p?a=%41&flag&k=v"));
        s.setQueryParameter(QStringLiteral("k"), QStringLiteral("w"));
        QCOMPARE(s.url, QStringLiteral("https://h/p?a=%41&flag&k=w"));
        QCOMPARE(s.queryRows.size(), 3);
    }

    void methodNormalised_data()
    {
        QTest::addColumn<QString>("in");
        QTest::addColumn<QString>("out");
        QTest::newRow("lower standard") << QStringLiteral(" post ") << QStringLiteral("POST");
        QTest::newRow("custom kept") << QStringLiteral("PropFind") << QStringLiteral("PropFind");
        QTest::newRow("empty is GET") << QString() << QStringLiteral("GET");
    }
    void methodNormalised()
    {
        QFETCH(QString, in);
        QFETCH(QString, out);
        Spec s;
        s.method = in;
        QCOMPARE(s.normalizedMethod(), out);
        QCOMPARE(s.effective().method, out);
    }

    void effectiveAuth_data()
    {
        QTest::addColumn<int>("kind");
        QTest::addColumn<bool>("inQuery");
        QTest::addColumn<QString>("header");
        QTest::addColumn<QString>("headerValue");
        QTest::addColumn<QString>("url");
        QTest::newRow("bearer") << int(Spec::AuthKind::Bearer) << false << QStringLiteral("Authorization")
                                << QStringLiteral("Bearer tok.en") << QStringLiteral("https://h/?x=1");
        // RFC 7617 §2 example.
        QTest::newRow("RFC7617 basic") << int(Spec::AuthKind::Basic) << false << QStringLiteral("Authorization")
                                       << QStringLiteral("Basic QWxhZGRpbjpvcGVuIHNlc2FtZQ==")
                                       << QStringLiteral("https://h/?x=1");
        QTest::newRow("api key header") << int(Spec::AuthKind::ApiKey) << false << QStringLiteral("X-Api-Key")
                                        << QStringLiteral("k y") << QStringLiteral("https://h/?x=1");
        QTest::newRow("api key query") << int(Spec::AuthKind::ApiKey) << true << QStringLiteral("X-Api-Key")
                                       << QString() << QStringLiteral("https://h/?x=1&X-Api-Key=k%20y");
    }
    void effectiveAuth()
    {
        QFETCH(int, kind);
        QFETCH(bool, inQuery);
        QFETCH(QString, header);
        QFETCH(QString, headerValue);
        QFETCH(QString, url);
        Spec s;
        s.url = QStringLiteral("https://h/?x=1");
        s.headers = {{QStringLiteral("authorization"), QStringLiteral("Bearer stale"), true}};
        if (Spec::AuthKind(kind) != Spec::AuthKind::Bearer && Spec::AuthKind(kind) != Spec::AuthKind::Basic)
            s.headers.clear();
        s.auth.kind = Spec::AuthKind(kind);
        s.auth.token = QStringLiteral("tok.en");
        s.auth.username = QStringLiteral("Aladdin");
        s.auth.password = QStringLiteral("open sesame");
        s.auth.apiKeyName = QStringLiteral("X-Api-Key");
        s.auth.apiKeyValue = QStringLiteral("k y");
        s.auth.apiKeyInQuery = inQuery;
        const Spec e = s.effective();
        QCOMPARE(e.headerValue(header), headerValue);
        QCOMPARE(e.url, url);
        int authHeaders = 0;
        for (const auto& h : e.headers)
            authHeaders += h.name.compare(QLatin1String("authorization"), Qt::CaseInsensitive) == 0 ? 1 : 0;
        QVERIFY(authHeaders <= 1);
        QCOMPARE(e.effective(), e); // idempotent
    }

    void effectiveDropsDisabledAndDefaultsContentType_data()
    {
        QTest::addColumn<int>("body");
        QTest::addColumn<int>("rawType");
        QTest::addColumn<QString>("contentType");
        QTest::newRow("none") << int(Spec::BodyKind::None) << 0 << QString();
        QTest::newRow("json") << int(Spec::BodyKind::Raw) << int(Spec::RawType::Json)
                              << QStringLiteral("application/json");
        QTest::newRow("xml") << int(Spec::BodyKind::Raw) << int(Spec::RawType::Xml)
                             << QStringLiteral("application/xml");
        QTest::newRow("text") << int(Spec::BodyKind::Raw) << int(Spec::RawType::Text) << QStringLiteral("text/plain");
        QTest::newRow("form") << int(Spec::BodyKind::FormUrlEncoded) << 0
                              << QStringLiteral("application/x-www-form-urlencoded");
        QTest::newRow("multipart: left to the client") << int(Spec::BodyKind::Multipart) << 0 << QString();
        QTest::newRow("binary") << int(Spec::BodyKind::BinaryFile) << 0 << QStringLiteral("application/octet-stream");
    }
    void effectiveDropsDisabledAndDefaultsContentType()
    {
        QFETCH(int, body);
        QFETCH(int, rawType);
        QFETCH(QString, contentType);
        Spec s;
        s.bodyKind = Spec::BodyKind(body);
        s.rawType = Spec::RawType(rawType);
        s.headers = {{QStringLiteral("X-Off"), QStringLiteral("1"), false},
                     {QStringLiteral(" X-On "), QStringLiteral("2"), true}};
        s.formRows = {{QStringLiteral("a"), QStringLiteral("1"), true},
                      {QStringLiteral("b"), QStringLiteral("2"), false}};
        const Spec e = s.effective();
        QCOMPARE(e.headerValue(QStringLiteral("Content-Type")), contentType);
        QVERIFY(!e.hasHeader(QStringLiteral("X-Off")));
        QCOMPARE(e.headers.first().name, QStringLiteral("X-On"));
        QCOMPARE(e.formRows.size(), 1);

        // An explicit Content-Type wins.
        s.headers.append({QStringLiteral("content-type"), QStringLiteral("application/vnd.x+json"), true});
        QCOMPARE(s.effective().headerValue(QStringLiteral("Content-Type")), QStringLiteral("application/vnd.x+json"));
    }

    void formBodyEncoding()
    {
        Spec s;
        s.formRows = {{QStringLiteral("a b"), QStringLiteral("x&y=z"), true},
                      {QStringLiteral("off"), QStringLiteral("1"), false},
                      {QStringLiteral("u"), QString::fromUtf8("\xc3\xa9~-._"), true}};
        QCOMPARE(s.formUrlEncodedBody(), QStringLiteral("a%20b=x%26y%3Dz&u=%C3%A9~-._"));
    }

    void redacted()
    {
        Spec s;
        s.url = QStringLiteral("https://user:pw@h/p?access_token=abc&keep=1&key2=sec");
        s.headers = {{QStringLiteral("Authorization"), QStringLiteral("Digest xyz"), true},
                     {QStringLiteral("Cookie"), QStringLiteral("sid=1"), true},
                     {QStringLiteral("X-API-Key"), QStringLiteral("k"), true},
                     {QStringLiteral("X-Other"), QStringLiteral("has SECRETVALUE inside"), true}};
        s.auth.kind = Spec::AuthKind::ApiKey;
        s.auth.apiKeyInQuery = true;
        s.auth.apiKeyName = QStringLiteral("key2");
        s.auth.apiKeyValue = QStringLiteral("sec");
        s.bodyKind = Spec::BodyKind::Raw;
        s.rawBody = QStringLiteral("{\"p\":\"SECRETVALUE\"}");
        const Spec r = s.redacted({QStringLiteral("SECRETVALUE")});
        QCOMPARE(r.url, QStringLiteral("https://user:<PASSWORD>@h/p?access_token=<API_KEY>&keep=1&key2=<API_KEY>"));
        QCOMPARE(r.headerValue(QStringLiteral("Authorization")), QStringLiteral("Digest <SECRET>"));
        QCOMPARE(r.headerValue(QStringLiteral("Cookie")), QStringLiteral("<COOKIE>"));
        QCOMPARE(r.headerValue(QStringLiteral("X-API-Key")), QStringLiteral("<API_KEY>"));
        QCOMPARE(r.headerValue(QStringLiteral("X-Other")), QStringLiteral("has <SECRET> inside"));
        QCOMPARE(r.rawBody, QStringLiteral("{\"p\":\"<SECRET>\"}"));
        QCOMPARE(r.auth.apiKeyValue, QStringLiteral("<API_KEY>"));
        QCOMPARE(r.redacted({QStringLiteral("SECRETVALUE")}), r);

        Spec basic;
        basic.auth.kind = Spec::AuthKind::Basic;
        basic.auth.username = QStringLiteral("u");
        basic.auth.password = QStringLiteral("p");
        const Spec e = basic.redacted().effective().redacted();
        QCOMPARE(e.headerValue(QStringLiteral("Authorization")), QStringLiteral("Basic <CREDENTIALS>"));
    }

    void jsonRoundTrip()
    {
        Spec s;
        s.method = QStringLiteral("PATCH");
        s.url = QStringLiteral("{{base}}/x?a=1");
        s.syncQueryFromUrl();
        s.queryRows.append({QStringLiteral("off"), QStringLiteral("1"), false});
        s.headers = {{QStringLiteral("A"), QStringLiteral("b"), false}};
        s.bodyKind = Spec::BodyKind::Multipart;
        s.rawBody = QStringLiteral("kept");
        s.rawType = Spec::RawType::Xml;
        s.formRows = {{QStringLiteral("f"), QStringLiteral("v"), true}};
        s.multipartParts = {{QStringLiteral("file"), QString(), true, QStringLiteral("/tmp/a b.png"),
                             QStringLiteral("image/png"), true},
                            {QStringLiteral("t"), QStringLiteral("v"), false, QString(), QString(), false}};
        s.binaryFilePath = QStringLiteral("/bin/x");
        s.auth = {Spec::AuthKind::ApiKey,
                  QStringLiteral("t"),
                  QStringLiteral("u"),
                  QStringLiteral("p"),
                  QStringLiteral("n"),
                  QStringLiteral("v"),
                  true};
        s.followRedirects = false;
        s.verifyTls = false;
        s.timeoutMs = 1500;
        const QJsonObject json = s.toJson();
        QCOMPARE(json.value(QStringLiteral("body")).toObject().value(QStringLiteral("kind")).toString(),
                 QStringLiteral("multipart"));
        QCOMPARE(json.value(QStringLiteral("auth")).toObject().value(QStringLiteral("kind")).toString(),
                 QStringLiteral("apikey"));
        const auto back = Spec::fromJson(json);
        QVERIFY(back.ok());
        QCOMPARE(back.value(), s);

        const auto empty = Spec::fromJson(QJsonObject());
        QVERIFY(empty.ok());
        QCOMPARE(empty.value(), Spec());
    }

    void fromJsonRejectsWrongTypes_data()
    {
        QTest::addColumn<QJsonObject>("json");
        QTest::newRow("url number") << QJsonObject{{QStringLiteral("url"), 1}};
        QTest::newRow("headers object") << QJsonObject{{QStringLiteral("headers"), QJsonObject()}};
        QTest::newRow("header row string")
            << QJsonObject{{QStringLiteral("headers"), QJsonArray{QStringLiteral("A: b")}}};
        QTest::newRow("body kind unknown")
            << QJsonObject{{QStringLiteral("body"), QJsonObject{{QStringLiteral("kind"), QStringLiteral("graphql")}}}};
        QTest::newRow("auth kind unknown")
            << QJsonObject{{QStringLiteral("auth"), QJsonObject{{QStringLiteral("kind"), QStringLiteral("oauth1")}}}};
        QTest::newRow("negative timeout") << QJsonObject{{QStringLiteral("timeoutMs"), -1}};
        QTest::newRow("verifyTls string") << QJsonObject{{QStringLiteral("verifyTls"), QStringLiteral("no")}};
    }
    void fromJsonRejectsWrongTypes()
    {
        QFETCH(QJsonObject, json);
        const auto r = Spec::fromJson(json);
        QVERIFY(!r.ok());
        QCOMPARE(r.error().code, ErrorCode::JsonInvalid);
    }
};

QTEST_GUILESS_MAIN(TestHttpRequestSpec)
#include "TestHttpRequestSpec.moc"
