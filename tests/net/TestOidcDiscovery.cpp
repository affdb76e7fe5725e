// SPDX-License-Identifier: MIT
// OpenID Connect Discovery 1.0 §4: the discovery URL, jwks_uri, and the §4.3 issuer check.
#include "net/JwksCache.h"
#include "net/OidcDiscovery.h"

#include <QFile>
#include <QTest>

namespace {
QByteArray readProviderFile(const QString& name)
{
    QFile f(QStringLiteral(TOKENSCOPE_TEST_DATA "/providers/") + name);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}
} // namespace

class TestOidcDiscovery : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void discoveryUrl_data()
    {
        QTest::addColumn<QString>("issuer");
        QTest::addColumn<QString>("url");
        QTest::newRow("§4.1 host") << "https://server.example.com"
                                   << "https://server.example.com/.well-known/openid-configuration";
        QTest::newRow("§4.1 trailing slash") << "https://server.example.com/"
                                             << "https://server.example.com/.well-known/openid-configuration";
        QTest::newRow("§4.1 path") << "https://example.com/issuer1"
                                   << "https://example.com/issuer1/.well-known/openid-configuration";
    }
    void discoveryUrl()
    {
        QFETCH(QString, issuer);
        QFETCH(QString, url);
        QCOMPARE(OidcDiscovery::discoveryUrl(issuer).toString(), url);
    }

    void parse_data()
    {
        QTest::addColumn<QByteArray>("text");
        QTest::addColumn<QString>("code");
        QTest::newRow("ok") << QByteArray("{\"issuer\":\"https://i\",\"jwks_uri\":\"https://i/k\"}") << QString();
        QTest::newRow("not JSON") << QByteArray("<html>") << QStringLiteral("ERR_JSON_INVALID");
        QTest::newRow("array") << QByteArray("[]") << QStringLiteral("ERR_JWKS_INVALID");
        QTest::newRow("no jwks_uri") << QByteArray("{\"issuer\":\"https://i\"}") << QStringLiteral("ERR_JWKS_INVALID");
        QTest::newRow("jwks_uri not http")
            << QByteArray("{\"jwks_uri\":\"file:///etc/passwd\"}") << QStringLiteral("ERR_JWKS_INVALID");
        QTest::newRow("jwks_uri number") << QByteArray("{\"jwks_uri\":5}") << QStringLiteral("ERR_JWKS_INVALID");
    }
    void parse()
    {
        QFETCH(QByteArray, text);
        QFETCH(QString, code);
        auto d = OidcDiscovery::parse(text, QStringLiteral("https://i"));
        if (code.isEmpty()) {
            QVERIFY(d.ok());
            QCOMPARE(d->jwksUri.toString(), QStringLiteral("https://i/k"));
            QVERIFY(d->issuerMatches());
            QVERIFY(d->issuerMismatchMessage().isEmpty());
        } else {
            QVERIFY(!d.ok());
            QCOMPARE(d.error().codeString(), code);
        }
    }

    void issuerMismatch()
    {
        auto d = OidcDiscovery::parse("{\"issuer\":\"https://other\",\"jwks_uri\":\"https://i/k\"}",
                                      QStringLiteral("https://i"));
        QVERIFY(d.ok());
        QVERIFY(!d->issuerMatches());
        QVERIFY(d->issuerMismatchMessage().contains(QLatin1String("https://other")));
        QVERIFY(!d->issuerMismatchMessage().contains(QLatin1String("trailing slash")));
    }

    void issuerTrailingSlash()
    {
        // §4.3 compares exactly: a trailing slash is a different issuer, and the message says that is all it is.
        auto d = OidcDiscovery::parse("{\"issuer\":\"https://i/\",\"jwks_uri\":\"https://i/k\"}",
                                      QStringLiteral("https://i"));
        QVERIFY(d.ok());
        QVERIFY(!d->issuerMatches());
        QVERIFY(d->issuerMismatchMessage().contains(QLatin1String("only in a trailing slash")));
    }

    void realProviderDocuments_data()
    {
        QTest::addColumn<QString>("file");
        QTest::addColumn<QString>("issuer");
        QTest::addColumn<QString>("jwksUri");
        // Providers' own documents (tests/data/README.md), fetched for their issuer: §4.3 holds, jwks_uri is https.
        QTest::newRow("Apple") << "apple-openid-configuration.json"
                               << "https://appleid.apple.com"
                               << "https://appleid.apple.com/auth/keys";
        QTest::newRow("GitLab") << "gitlab-openid-configuration.json"
                                << "https://gitlab.com"
                                << "https://gitlab.com/oauth/discovery/keys";
        QTest::newRow("Amazon Cognito") << "cognito-us-east-1-openid-configuration.json"
                                        << "https://cognito-idp.us-east-1.amazonaws.com/us-east-1_BGU9CKFCM"
                                        << "https://cognito-idp.us-east-1.amazonaws.com/us-east-1_BGU9CKFCM/"
                                           ".well-known/jwks.json";
    }
    void realProviderDocuments()
    {
        QFETCH(QString, file);
        QFETCH(QString, issuer);
        QFETCH(QString, jwksUri);
        const auto d = OidcDiscovery::parse(readProviderFile(file), issuer);
        QVERIFY2(d.ok(), qPrintable(d.ok() ? QString() : d.error().toString()));
        QVERIFY(d->issuerMatches());
        QVERIFY(d->issuerMismatchMessage().isEmpty());
        QVERIFY(!d->isEntraTenantTemplate());
        QCOMPARE(d->jwksUri.toString(), jwksUri);
        QVERIFY(!d->jwksUriDowngrades(OidcDiscovery::discoveryUrl(issuer)));
        QCOMPARE(OidcDiscovery::discoveryUrl(issuer).toString(),
                 issuer + QStringLiteral("/.well-known/openid-configuration"));
        // The same document fetched with a trailing slash on the issuer is a §4.3 mismatch, named as such.
        const auto slash = OidcDiscovery::parse(readProviderFile(file), issuer + QLatin1Char('/'));
        QVERIFY(slash.ok());
        QVERIFY(slash->issuerMismatchMessage().contains(QLatin1String("only in a trailing slash")));
    }

    void entraTenantTemplate_data()
    {
        QTest::addColumn<QString>("file");
        QTest::addColumn<QString>("fetchedFor");
        QTest::addColumn<bool>("isTemplate");
        // Microsoft's own documents (tests/data/README.md): both advertise ".../{tenantid}/v2.0".
        QTest::newRow("Entra /common/v2.0") << "entra-common-openid-configuration.json"
                                            << "https://login.microsoftonline.com/common/v2.0" << true;
        QTest::newRow("Entra /organizations/v2.0") << "entra-organizations-openid-configuration.json"
                                                   << "https://login.microsoftonline.com/organizations/v2.0" << true;
        // The template is only explained for the multi-tenant aliases on the template's own host and path.
        QTest::newRow("template for a tenant's URL") << "entra-common-openid-configuration.json"
                                                     << "https://login.microsoftonline.com/"
                                                        "9188040d-6c67-4c5b-b112-36a304b66dad/v2.0"
                                                     << false;
        QTest::newRow("template for another host") << "entra-common-openid-configuration.json"
                                                   << "https://login.evil.example/common/v2.0" << false;
        QTest::newRow("template for /consumers") << "entra-common-openid-configuration.json"
                                                 << "https://login.microsoftonline.com/consumers/v2.0" << false;
        QTest::newRow("template for v1 /common") << "entra-common-openid-configuration.json"
                                                 << "https://login.microsoftonline.com/common" << false;
    }
    void entraTenantTemplate()
    {
        // OpenID Connect Discovery 1.0 §4.3 is not met (the issuer differs from the URL), and that stays visible, but
        // the multi-tenant template is named and explained instead of looking like a substituted document.
        QFETCH(QString, file);
        QFETCH(QString, fetchedFor);
        QFETCH(bool, isTemplate);
        const QByteArray text = readProviderFile(file);
        QVERIFY(!text.isEmpty());
        const auto d = OidcDiscovery::parse(text, fetchedFor);
        QVERIFY(d.ok());
        QCOMPARE(d->advertisedIssuer, QStringLiteral("https://login.microsoftonline.com/{tenantid}/v2.0"));
        QVERIFY(d->jwksUri.toString().startsWith(QLatin1String("https://login.microsoftonline.com/")));
        QVERIFY(!d->issuerMatches());
        QCOMPARE(d->isEntraTenantTemplate(), isTemplate);
        const QString message = d->issuerMismatchMessage();
        QVERIFY(message.contains(QStringLiteral("§4.3")));
        QCOMPARE(message.contains(QLatin1String("Microsoft Entra multi-tenant issuer template")), isTemplate);
        QCOMPARE(message.contains(QLatin1String("their own \"tid\" claim")), isTemplate);
        QCOMPARE(message.contains(QLatin1String("requires them to be identical")), !isTemplate);
    }

    void jwksUriDowngrade_data()
    {
        QTest::addColumn<QString>("document");
        QTest::addColumn<QString>("jwksUri");
        QTest::addColumn<bool>("downgrade");
        QTest::newRow("https → http") << "https://i/.well-known/openid-configuration"
                                      << "http://i/k" << true;
        QTest::newRow("HTTPS → HTTP") << "HTTPS://i/.well-known/openid-configuration"
                                      << "HTTP://i/k" << true;
        QTest::newRow("https → https") << "https://i/.well-known/openid-configuration"
                                       << "https://keys.example/k" << false;
        QTest::newRow("http → http (the user's choice)") << "http://127.0.0.1/.well-known/openid-configuration"
                                                         << "http://127.0.0.1/k" << false;
        QTest::newRow("http → https") << "http://i/.well-known/openid-configuration"
                                      << "https://i/k" << false;
    }
    void jwksUriDowngrade()
    {
        QFETCH(QString, document);
        QFETCH(QString, jwksUri);
        QFETCH(bool, downgrade);
        auto d = OidcDiscovery::parse(
            QString(QStringLiteral("{\"issuer\":\"https://i\",\"jwks_uri\":\"") + jwksUri + QStringLiteral("\"}"))
                .toUtf8(),
            QStringLiteral("https://i"));
        QVERIFY(d.ok());
        QCOMPARE(d->jwksUriDowngrades(QUrl(document)), downgrade);
    }

    // JwksCache's Cache-Control parsing (RFC 9111 §5.2) is tested here with the other pure HTTP rules.
    void cacheControl_data()
    {
        QTest::addColumn<QByteArray>("header");
        QTest::addColumn<qint64>("age");
        QTest::addColumn<bool>("noStore");
        QTest::newRow("max-age") << QByteArray("public, max-age=3600") << qint64(3600) << false;
        QTest::newRow("quoted") << QByteArray("max-age=\"60\"") << qint64(60) << false;
        QTest::newRow("case") << QByteArray("Max-Age=5") << qint64(5) << false;
        QTest::newRow("absent") << QByteArray("public") << qint64(-1) << false;
        QTest::newRow("no-cache") << QByteArray("no-cache, max-age=60") << qint64(0) << false;
        QTest::newRow("no-store") << QByteArray("no-store") << qint64(-1) << true;
        QTest::newRow("garbage") << QByteArray("max-age=abc") << qint64(-1) << false;
    }
    void cacheControl()
    {
        QFETCH(QByteArray, header);
        QFETCH(qint64, age);
        QFETCH(bool, noStore);
        bool store = false;
        QCOMPARE(JwksCache::maxAge(header, &store), age);
        QCOMPARE(store, noStore);
    }
};

QTEST_GUILESS_MAIN(TestOidcDiscovery)
#include "TestOidcDiscovery.moc"
