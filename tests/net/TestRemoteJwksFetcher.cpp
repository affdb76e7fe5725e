// SPDX-License-Identifier: MIT
// RemoteJwksFetcher against a loopback server: discovery (OpenID Connect Discovery 1.0 §4), errors, redirects,
// ETag revalidation (RFC 9110 §13.1.2) and Cache-Control max-age (RFC 9111 §5.2.2.1), and TLS against a loopback
// https server with a throw-away CA (TestPki): each verification failure explained with the certificate, a custom
// CA, verification off (reported), and both downgrades to plain http refused. No sleeps: QSignalSpy::wait.
#include "core/MockClock.h"
#include "net/RemoteJwksFetcher.h"
#include "support/JwksTestServer.h"
#include "support/KeyTestData.h"
#include "support/TestPki.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

namespace {
QByteArray sampleSet()
{
    return KeyTestData::publicSet();
}

JwksTestServer::Response json(const QByteArray& body, QList<std::pair<QByteArray, QByteArray>> headers = {})
{
    headers.append(std::pair<QByteArray, QByteArray>("Content-Type", "application/json"));
    return JwksTestServer::Response{200, body, headers, false};
}

QByteArray discoveryDocument(const QString& issuer, const QString& jwksUri)
{
    return QJsonDocument(QJsonObject{{QStringLiteral("issuer"), issuer}, {QStringLiteral("jwks_uri"), jwksUri}})
        .toJson();
}
} // namespace

class TestRemoteJwksFetcher : public QObject
{
    Q_OBJECT

    // Runs one fetch and waits for its outcome.
    struct Outcome
    {
        bool ok = false;
        JwksFetchResult result;
        Error error;
    };
    static Outcome run(RemoteJwksFetcher& fetcher, const std::function<void()>& start)
    {
        QSignalSpy done(&fetcher, &RemoteJwksFetcher::finished);
        QSignalSpy failed(&fetcher, &RemoteJwksFetcher::failed);
        start();
        (void)QTest::qWaitFor([&] { return !done.isEmpty() || !failed.isEmpty(); }, 15000);
        Outcome o;
        o.ok = !done.isEmpty();
        if (o.ok) {
            o.result = done.first().first().value<JwksFetchResult>();
        } else if (!failed.isEmpty()) {
            o.error = failed.first().first().value<Error>();
        }
        return o;
    }

    QTemporaryDir m_dir;
    TestPki m_pki;
    std::pair<QString, QString> m_otherHost; // certificate and key for other.example only
    std::pair<QString, QString> m_expired;   // for 127.0.0.1, expired

    JwksFetchOptions trustingTestCa() const
    {
        JwksFetchOptions options;
        options.caFile = m_pki.caCert;
        return options;
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        m_pki = TestPki::create(m_dir.path());
        m_otherHost = m_pki.issue(QStringLiteral("other"), QStringLiteral("other.example"),
                                  "subjectAltName=DNS:other.example\nextendedKeyUsage=serverAuth\n");
        m_expired = m_pki.issue(QStringLiteral("expired"), QStringLiteral("127.0.0.1"),
                                "subjectAltName=IP:127.0.0.1\nextendedKeyUsage=serverAuth\n", -1);
        QVERIFY2(m_pki.error.isEmpty(), qPrintable(m_pki.error));
    }

    void fetchUrl()
    {
        JwksTestServer server;
        server.route("/jwks", json(sampleSet(), {{"ETag", "\"v1\""}}));
        RemoteJwksFetcher fetcher;
        QSignalSpy progress(&fetcher, &RemoteJwksFetcher::progress);
        const Outcome o = run(fetcher, [&] { fetcher.fetchUrl(QUrl(server.url(QStringLiteral("/jwks")))); });
        QVERIFY2(o.ok, qPrintable(o.error.toString()));
        QCOMPARE(o.result.analysis.keys.keys().size(), 2);
        QCOMPARE(o.result.httpStatus, 200);
        QCOMPARE(o.result.etag, QByteArray("\"v1\""));
        QVERIFY(!o.result.fromCache);
        QVERIFY(!o.result.tlsVerificationDisabled);
        QVERIFY(!o.result.discovery);
        QVERIFY(!progress.isEmpty());
        QCOMPARE(server.requests().first().headers.value("accept"),
                 QByteArray("application/jwk-set+json, application/json"));
    }

    void discovery()
    {
        JwksTestServer server;
        const QString issuer = server.base();
        server.route("/.well-known/openid-configuration",
                     json(QJsonDocument(QJsonObject{{QStringLiteral("issuer"), issuer},
                                                    {QStringLiteral("jwks_uri"), server.url(QStringLiteral("/keys"))}})
                              .toJson()));
        server.route("/keys", json(sampleSet()));
        RemoteJwksFetcher fetcher;
        const Outcome o = run(fetcher, [&] { fetcher.fetchIssuer(issuer); });
        QVERIFY2(o.ok, qPrintable(o.error.toString()));
        QVERIFY(o.result.discovery.has_value());
        QVERIFY(o.result.discovery->issuerMatches());
        QCOMPARE(o.result.url.toString(), server.url(QStringLiteral("/keys")));
        QCOMPARE(o.result.analysis.keys.keys().size(), 2);
        QVERIFY(o.result.warnings.isEmpty());
    }

    void discoveryIssuerMismatch()
    {
        // OpenID Connect Discovery 1.0 §4.3: the issuer value MUST be identical to the URL used; reported.
        JwksTestServer server;
        server.route("/.well-known/openid-configuration",
                     json(QJsonDocument(QJsonObject{{QStringLiteral("issuer"), QStringLiteral("https://evil.example")},
                                                    {QStringLiteral("jwks_uri"), server.url(QStringLiteral("/keys"))}})
                              .toJson()));
        server.route("/keys", json(sampleSet()));
        RemoteJwksFetcher fetcher;
        const Outcome o = run(fetcher, [&] { fetcher.fetchIssuer(server.base() + QStringLiteral("/")); });
        QVERIFY(o.ok);
        QVERIFY(!o.result.discovery->issuerMatches());
        QCOMPARE(o.result.warnings.size(), 1);
        QVERIFY(o.result.warnings.first().contains(QLatin1String("4.3")));
    }

    void discoveryEntraTenantTemplate()
    {
        // Microsoft's /common/v2.0 document and key set (tests/data/providers), with only its host moved onto the
        // loopback server: the §4.3 warning names the multi-tenant template and how tokens are checked, and the
        // keys load.
        JwksTestServer server;
        QFile document(QStringLiteral(TOKENSCOPE_TEST_DATA "/providers/entra-common-openid-configuration.json"));
        QFile keys(QStringLiteral(TOKENSCOPE_TEST_DATA "/providers/entra-common-jwks.json"));
        QVERIFY(document.open(QIODevice::ReadOnly) && keys.open(QIODevice::ReadOnly));
        const QByteArray text = document.readAll().replace("https://login.microsoftonline.com", server.base().toUtf8());
        server.route("/common/v2.0/.well-known/openid-configuration", json(text));
        server.route("/common/discovery/v2.0/keys", json(keys.readAll()));
        RemoteJwksFetcher fetcher;
        const Outcome o = run(fetcher, [&] { fetcher.fetchIssuer(server.base() + QStringLiteral("/common/v2.0")); });
        QVERIFY2(o.ok, qPrintable(o.error.toString()));
        QVERIFY(o.result.discovery->isEntraTenantTemplate());
        QCOMPARE(o.result.warnings.size(), 1);
        QVERIFY2(o.result.warnings.first().contains(QLatin1String("Microsoft Entra multi-tenant issuer template")),
                 qPrintable(o.result.warnings.first()));
        QVERIFY(o.result.warnings.first().contains(QLatin1String("\"tid\"")));
        QCOMPARE(o.result.analysis.keys.keys().size(), 7);
    }

    void discoveryWithoutJwksUri()
    {
        JwksTestServer server;
        server.route("/.well-known/openid-configuration", json("{\"issuer\":\"x\"}"));
        RemoteJwksFetcher fetcher;
        const Outcome o = run(fetcher, [&] { fetcher.fetchIssuer(server.base()); });
        QVERIFY(!o.ok);
        QCOMPARE(o.error.codeString(), QStringLiteral("ERR_JWKS_INVALID"));
        QVERIFY(o.error.message.contains(QLatin1String("jwks_uri")));
    }

    void errors_data()
    {
        QTest::addColumn<int>("status");
        QTest::addColumn<QByteArray>("body");
        QTest::addColumn<QString>("code");
        QTest::newRow("404") << 404 << QByteArray("gone") << QStringLiteral("ERR_HTTP_STATUS");
        QTest::newRow("500") << 500 << QByteArray("oops") << QStringLiteral("ERR_HTTP_STATUS");
        QTest::newRow("HTML, not JSON") << 200 << QByteArray("<html>login</html>")
                                        << QStringLiteral("ERR_JSON_INVALID");
        QTest::newRow("JSON array") << 200 << QByteArray("[1,2]") << QStringLiteral("ERR_JWKS_INVALID");
        QTest::newRow("no keys member") << 200 << QByteArray("{\"key\":[]}") << QStringLiteral("ERR_JWKS_INVALID");
        QTest::newRow("nested 10000") << 200 << QByteArray(QByteArray(10000, '[') + QByteArray(10000, ']'))
                                      << QStringLiteral("ERR_JSON_INVALID");
    }
    void errors()
    {
        QFETCH(int, status);
        QFETCH(QByteArray, body);
        QFETCH(QString, code);
        JwksTestServer server;
        server.route("/jwks", JwksTestServer::Response{status, body, {}, false});
        RemoteJwksFetcher fetcher;
        const Outcome o = run(fetcher, [&] { fetcher.fetchUrl(QUrl(server.url(QStringLiteral("/jwks")))); });
        QVERIFY(!o.ok);
        QCOMPARE(o.error.codeString(), code);
        QVERIFY(o.error.message.contains(QLatin1String("/jwks")));
        if (status == 404) {
            QVERIFY(o.error.message.contains(QLatin1String("404")));
        }
    }

    void timeout()
    {
        JwksTestServer server;
        server.route("/jwks", JwksTestServer::Response{200, {}, {}, true});
        RemoteJwksFetcher fetcher;
        JwksFetchOptions options;
        options.timeoutMs = 200;
        fetcher.setOptions(options);
        const Outcome o = run(fetcher, [&] { fetcher.fetchUrl(QUrl(server.url(QStringLiteral("/jwks")))); });
        QVERIFY(!o.ok);
        QCOMPARE(o.error.codeString(), QStringLiteral("ERR_NET_TIMEOUT"));
        QVERIFY(!fetcher.isBusy());
    }

    void defaultTimeoutIsTenSeconds() { QCOMPARE(JwksFetchOptions().timeoutMs, 10000); }

    void cancel()
    {
        JwksTestServer server;
        server.route("/jwks", JwksTestServer::Response{200, {}, {}, true});
        RemoteJwksFetcher fetcher;
        QSignalSpy progress(&fetcher, &RemoteJwksFetcher::progress);
        const Outcome o = run(fetcher, [&] {
            fetcher.fetchUrl(QUrl(server.url(QStringLiteral("/jwks"))));
            QTRY_COMPARE(server.requests().size(), 1);
            fetcher.cancel();
        });
        QVERIFY(!o.ok);
        QCOMPARE(o.error.codeString(), QStringLiteral("ERR_CANCELLED"));
    }

    void redirect()
    {
        JwksTestServer server;
        server.route("/old", JwksTestServer::Response{302, {}, {{"Location", "/jwks"}}, false});
        server.route("/jwks", json(sampleSet()));
        RemoteJwksFetcher fetcher;
        const Outcome o = run(fetcher, [&] { fetcher.fetchUrl(QUrl(server.url(QStringLiteral("/old")))); });
        QVERIFY2(o.ok, qPrintable(o.error.toString()));
        QCOMPARE(o.result.url.toString(), server.url(QStringLiteral("/jwks")));
        QCOMPARE(o.result.redirects, QStringList{server.url(QStringLiteral("/jwks"))});
        QCOMPARE(o.result.source, server.url(QStringLiteral("/old")));
    }

    void redirectLoop()
    {
        JwksTestServer server;
        server.route("/a", JwksTestServer::Response{302, {}, {{"Location", "/b"}}, false});
        server.route("/b", JwksTestServer::Response{302, {}, {{"Location", "/a"}}, false});
        RemoteJwksFetcher fetcher;
        const Outcome o = run(fetcher, [&] { fetcher.fetchUrl(QUrl(server.url(QStringLiteral("/a")))); });
        QVERIFY(!o.ok);
        QCOMPARE(o.error.codeString(), QStringLiteral("ERR_NET_FAILURE"));
        QVERIFY(server.requests().size() <= JwksFetchOptions::kMaxRedirects + 1);
    }

    void etagRevalidation()
    {
        // RFC 9110 §13.1.2: If-None-Match with the stored ETag; 304 reuses the stored set.
        JwksTestServer server;
        const QByteArray body = sampleSet();
        server.handler = [body](const JwksTestServer::Request& r) {
            if (r.headers.value("if-none-match") == "\"v7\"") {
                return JwksTestServer::Response{304, {}, {{"ETag", "\"v7\""}}, false};
            }
            return json(body, {{"ETag", "\"v7\""}, {"Cache-Control", "no-cache"}});
        };
        RemoteJwksFetcher fetcher;
        const QUrl url(server.url(QStringLiteral("/jwks")));
        const Outcome first = run(fetcher, [&] { fetcher.fetchUrl(url); });
        QVERIFY(first.ok);
        QCOMPARE(first.result.httpStatus, 200);
        const Outcome second = run(fetcher, [&] { fetcher.fetchUrl(url); });
        QVERIFY2(second.ok, qPrintable(second.error.toString()));
        QCOMPARE(server.requests().size(), 2);
        QCOMPARE(server.requests().at(1).headers.value("if-none-match"), QByteArray("\"v7\""));
        QCOMPARE(second.result.httpStatus, 304);
        QVERIFY(second.result.fromCache);
        QCOMPARE(second.result.body, body);
        QCOMPARE(second.result.analysis.keys.keys().size(), 2);
    }

    void cacheControlMaxAge()
    {
        // RFC 9111 §4.2: a fresh response is reused without a request; once stale it is fetched again.
        JwksTestServer server;
        server.route("/jwks", json(sampleSet(), {{"Cache-Control", "public, max-age=60"}}));
        MockClock clock(1700000000);
        RemoteJwksFetcher fetcher;
        fetcher.setClock(&clock);
        const QUrl url(server.url(QStringLiteral("/jwks")));
        QVERIFY(run(fetcher, [&] { fetcher.fetchUrl(url); }).ok);
        clock.advanceSeconds(30);
        const Outcome cached = run(fetcher, [&] { fetcher.fetchUrl(url); });
        QVERIFY(cached.ok);
        QVERIFY(cached.result.fromCache);
        QCOMPARE(cached.result.httpStatus, 0);
        QCOMPARE(server.requests().size(), 1);
        clock.advanceSeconds(31);
        const Outcome refreshed = run(fetcher, [&] { fetcher.fetchUrl(url); });
        QVERIFY(refreshed.ok);
        QVERIFY(!refreshed.result.fromCache);
        QCOMPARE(server.requests().size(), 2);
    }

    void noStoreIsNotCached()
    {
        JwksTestServer server;
        server.route("/jwks", json(sampleSet(), {{"Cache-Control", "no-store, max-age=600"}}));
        RemoteJwksFetcher fetcher;
        const QUrl url(server.url(QStringLiteral("/jwks")));
        QVERIFY(run(fetcher, [&] { fetcher.fetchUrl(url); }).ok);
        QVERIFY(run(fetcher, [&] { fetcher.fetchUrl(url); }).ok);
        QCOMPARE(server.requests().size(), 2);
        QCOMPARE(fetcher.cache().size(), 0);
    }

    void bodyCap()
    {
        JwksTestServer server;
        server.route("/jwks", json(QByteArray("{\"keys\":[],\"pad\":\"") + QByteArray(50000, 'a') + "\"}"));
        RemoteJwksFetcher fetcher;
        JwksFetchOptions options;
        options.maxBytes = 10000;
        fetcher.setOptions(options);
        const Outcome o = run(fetcher, [&] { fetcher.fetchUrl(QUrl(server.url(QStringLiteral("/jwks")))); });
        QVERIFY(!o.ok);
        QCOMPARE(o.error.codeString(), QStringLiteral("ERR_INPUT_TOO_LARGE"));
    }

    void tlsOffIsReported()
    {
        JwksTestServer server;
        server.route("/jwks", json(sampleSet()));
        RemoteJwksFetcher fetcher;
        JwksFetchOptions options;
        options.verifyTls = false;
        fetcher.setOptions(options);
        const Outcome o = run(fetcher, [&] { fetcher.fetchUrl(QUrl(server.url(QStringLiteral("/jwks")))); });
        QVERIFY(o.ok);
        QVERIFY(o.result.tlsVerificationDisabled);
    }

    void discoveryIssuerTrailingSlash()
    {
        // §4.3: "https://host/" and "https://host" are different issuers; the usual cause is named.
        JwksTestServer server;
        server.route("/.well-known/openid-configuration",
                     json(discoveryDocument(server.base(), server.url(QStringLiteral("/keys")))));
        server.route("/keys", json(sampleSet()));
        RemoteJwksFetcher fetcher;
        const Outcome o = run(fetcher, [&] { fetcher.fetchIssuer(server.base() + QStringLiteral("/")); });
        QVERIFY(o.ok);
        QCOMPARE(o.result.warnings.size(), 1);
        QVERIFY2(o.result.warnings.first().contains(QLatin1String("trailing slash")),
                 qPrintable(o.result.warnings.first()));
    }

    // --- TLS (loopback https server, throw-away CA) ---

    void tlsUnknownCa()
    {
        const QSslConfiguration config = m_pki.serverConfiguration(false);
        JwksTestServer server(&config);
        server.route("/jwks", json(sampleSet()));
        RemoteJwksFetcher fetcher;
        const Outcome o = run(fetcher, [&] { fetcher.fetchUrl(QUrl(server.url(QStringLiteral("/jwks")))); });
        QVERIFY(!o.ok);
        QCOMPARE(o.error.codeString(), QStringLiteral("ERR_TLS_FAILURE"));
        const QString& m = o.error.message;
        // The problem in words, then the certificate: subject, issuer, validity, fingerprint.
        QVERIFY2(m.contains(QLatin1String("issued by an unknown CA (\"Tokenscope Test CA\"")), qPrintable(m));
        QVERIFY2(m.contains(QLatin1String("subject \"127.0.0.1\"")), qPrintable(m));
        QVERIFY2(m.contains(QLatin1String("issuer \"Tokenscope Test CA\"")), qPrintable(m));
        QVERIFY2(m.contains(QLatin1String(", valid ")), qPrintable(m));
        QVERIFY2(m.contains(QLatin1String("SHA-256 ")), qPrintable(m));
        QVERIFY2(m.contains(QLatin1String("turn verification off explicitly")), qPrintable(m));
        QVERIFY(!m.contains(QLatin1Char('\n'))); // one line for the CLI
        QVERIFY(server.requests().isEmpty());
    }

    void tlsSelfSigned()
    {
        // The CA certificate itself as the server certificate: self-signed, and not for 127.0.0.1.
        const QSslConfiguration config = m_pki.serverConfiguration(false, m_pki.caCert, m_pki.caKey);
        JwksTestServer server(&config);
        RemoteJwksFetcher fetcher;
        const Outcome o = run(fetcher, [&] { fetcher.fetchUrl(QUrl(server.url(QStringLiteral("/jwks")))); });
        QVERIFY(!o.ok);
        QCOMPARE(o.error.codeString(), QStringLiteral("ERR_TLS_FAILURE"));
        QVERIFY2(o.error.message.contains(QLatin1String("self-signed")), qPrintable(o.error.message));
    }

    void tlsHostnameMismatch()
    {
        const QSslConfiguration config = m_pki.serverConfiguration(false, m_otherHost.first, m_otherHost.second);
        JwksTestServer server(&config);
        RemoteJwksFetcher fetcher;
        fetcher.setOptions(trustingTestCa()); // trusted CA: the host name is the only problem
        const Outcome o = run(fetcher, [&] { fetcher.fetchUrl(QUrl(server.url(QStringLiteral("/jwks")))); });
        QVERIFY(!o.ok);
        QCOMPARE(o.error.codeString(), QStringLiteral("ERR_TLS_FAILURE"));
        QVERIFY2(o.error.message.contains(QLatin1String("for another host name (it names other.example)")),
                 qPrintable(o.error.message));
        QVERIFY(!o.error.message.contains(QLatin1String("unknown CA")));
        QVERIFY(o.error.message.contains(QLatin1String("subject \"other.example\"")));
    }

    void tlsExpired()
    {
        const QSslConfiguration config = m_pki.serverConfiguration(false, m_expired.first, m_expired.second);
        JwksTestServer server(&config);
        RemoteJwksFetcher fetcher;
        fetcher.setOptions(trustingTestCa());
        const Outcome o = run(fetcher, [&] { fetcher.fetchUrl(QUrl(server.url(QStringLiteral("/jwks")))); });
        QVERIFY(!o.ok);
        QCOMPARE(o.error.codeString(), QStringLiteral("ERR_TLS_FAILURE"));
        QVERIFY2(o.error.message.contains(QLatin1String("the certificate expired on ")), qPrintable(o.error.message));
        QVERIFY(o.error.message.contains(QLatin1String("(EXPIRED)")));
    }

    void tlsWithCustomCa()
    {
        const QSslConfiguration config = m_pki.serverConfiguration(false);
        JwksTestServer server(&config);
        server.route("/jwks", json(sampleSet()));
        RemoteJwksFetcher fetcher;
        fetcher.setOptions(trustingTestCa());
        const Outcome o = run(fetcher, [&] { fetcher.fetchUrl(QUrl(server.url(QStringLiteral("/jwks")))); });
        QVERIFY2(o.ok, qPrintable(o.error.toString()));
        QCOMPARE(o.result.analysis.keys.keys().size(), 2);
        QVERIFY(!o.result.tlsVerificationDisabled);
        QVERIFY(o.result.ignoredTlsProblems.isEmpty());
        QVERIFY(!o.result.isInsecure());
    }

    void tlsVerificationOffIsReported()
    {
        const QSslConfiguration config = m_pki.serverConfiguration(false);
        JwksTestServer server(&config);
        server.route("/jwks", json(sampleSet()));
        RemoteJwksFetcher fetcher;
        JwksFetchOptions options;
        options.verifyTls = false;
        fetcher.setOptions(options);
        const Outcome o = run(fetcher, [&] { fetcher.fetchUrl(QUrl(server.url(QStringLiteral("/jwks")))); });
        QVERIFY2(o.ok, qPrintable(o.error.toString()));
        QCOMPARE(o.result.analysis.keys.keys().size(), 2);
        QVERIFY(o.result.tlsVerificationDisabled);
        QVERIFY(o.result.isInsecure());
        // What verification would have refused stays on record.
        QCOMPARE(o.result.ignoredTlsProblems.size(), 1);
        QVERIFY(o.result.ignoredTlsProblems.first().contains(QLatin1String("unknown CA")));
    }

    void caFileErrors()
    {
        RemoteJwksFetcher fetcher;
        JwksFetchOptions options;
        options.caFile = m_dir.filePath(QStringLiteral("missing.pem"));
        fetcher.setOptions(options);
        Outcome o = run(fetcher, [&] { fetcher.fetchUrl(QUrl(QStringLiteral("https://127.0.0.1:1/jwks"))); });
        QVERIFY(!o.ok);
        QCOMPARE(o.error.codeString(), QStringLiteral("ERR_IO"));
        options.caFile = m_pki.caKey; // a key, not a certificate
        fetcher.setOptions(options);
        o = run(fetcher, [&] { fetcher.fetchUrl(QUrl(QStringLiteral("https://127.0.0.1:1/jwks"))); });
        QVERIFY(!o.ok);
        QCOMPARE(o.error.codeString(), QStringLiteral("ERR_CERTIFICATE_INVALID"));
    }

    void httpsToHttpRedirectIsRefused()
    {
        JwksTestServer plain;
        plain.route("/jwks", json(sampleSet()));
        const QSslConfiguration config = m_pki.serverConfiguration(false);
        JwksTestServer tls(&config);
        tls.route("/jwks", JwksTestServer::Response{
                               302, {}, {{"Location", plain.url(QStringLiteral("/jwks")).toLatin1()}}, false});
        for (const bool verify : {true, false}) {
            // Refused also when the user turned TLS verification off: that switch does not cover a downgrade.
            RemoteJwksFetcher fetcher;
            JwksFetchOptions options = trustingTestCa();
            options.verifyTls = verify;
            options.allowPlainHttpJwksUri = !verify;
            fetcher.setOptions(options);
            const Outcome o = run(fetcher, [&] { fetcher.fetchUrl(QUrl(tls.url(QStringLiteral("/jwks")))); });
            QVERIFY(!o.ok);
            QCOMPARE(o.error.codeString(), QStringLiteral("ERR_TLS_FAILURE"));
            QVERIFY2(o.error.message.contains(QLatin1String("redirected from https to http")),
                     qPrintable(o.error.message));
            QVERIFY(o.error.message.contains(plain.url(QStringLiteral("/jwks"))));
        }
        QVERIFY(plain.requests().isEmpty());
    }

    void httpsSameSchemeRedirectIsFollowed()
    {
        const QSslConfiguration config = m_pki.serverConfiguration(false);
        JwksTestServer tls(&config);
        tls.route("/old", JwksTestServer::Response{301, {}, {{"Location", "/jwks"}}, false});
        tls.route("/jwks", json(sampleSet()));
        RemoteJwksFetcher fetcher;
        fetcher.setOptions(trustingTestCa());
        const Outcome o = run(fetcher, [&] { fetcher.fetchUrl(QUrl(tls.url(QStringLiteral("/old")))); });
        QVERIFY2(o.ok, qPrintable(o.error.toString()));
        QCOMPARE(o.result.url.toString(), tls.url(QStringLiteral("/jwks")));
    }

    void discoveryPlainHttpJwksUri()
    {
        // An https discovery document sending the key download to plain http is a downgrade: refused unless the
        // user allowed insecure loads, and then reported.
        JwksTestServer plain;
        plain.route("/keys", json(sampleSet()));
        const QSslConfiguration config = m_pki.serverConfiguration(false);
        JwksTestServer tls(&config);
        tls.route("/.well-known/openid-configuration",
                  json(discoveryDocument(tls.base(), plain.url(QStringLiteral("/keys")))));
        RemoteJwksFetcher fetcher;
        fetcher.setOptions(trustingTestCa());
        Outcome o = run(fetcher, [&] { fetcher.fetchIssuer(tls.base()); });
        QVERIFY(!o.ok);
        QCOMPARE(o.error.codeString(), QStringLiteral("ERR_TLS_FAILURE"));
        QVERIFY2(o.error.message.contains(QLatin1String("plain http")), qPrintable(o.error.message));
        QVERIFY(o.error.message.contains(QLatin1String("Allow insecure loads explicitly")));
        QVERIFY(plain.requests().isEmpty());

        JwksFetchOptions options = trustingTestCa();
        options.allowPlainHttpJwksUri = true;
        fetcher.setOptions(options);
        o = run(fetcher, [&] { fetcher.fetchIssuer(tls.base()); });
        QVERIFY2(o.ok, qPrintable(o.error.toString()));
        QVERIFY(o.result.plainHttpJwksUri);
        QVERIFY(o.result.isInsecure());
        QVERIFY(!o.result.tlsVerificationDisabled);
        QCOMPARE(o.result.warnings.size(), 1);
        QVERIFY(o.result.warnings.first().contains(QLatin1String("plain http")));
        QCOMPARE(plain.requests().size(), 1);
    }

    void connectionRefused()
    {
        QString url;
        {
            JwksTestServer closed;
            url = closed.url(QStringLiteral("/jwks"));
        }
        RemoteJwksFetcher fetcher;
        const Outcome o = run(fetcher, [&] { fetcher.fetchUrl(QUrl(url)); });
        QVERIFY(!o.ok);
        QCOMPARE(o.error.codeString(), QStringLiteral("ERR_NET_FAILURE"));
    }

    void notHttp()
    {
        RemoteJwksFetcher fetcher;
        const Outcome o = run(fetcher, [&] { fetcher.fetchUrl(QUrl(QStringLiteral("file:///etc/passwd"))); });
        QVERIFY(!o.ok);
        QCOMPARE(o.error.codeString(), QStringLiteral("ERR_USAGE"));
    }

    void blocking()
    {
        JwksTestServer server;
        server.route("/jwks", json(sampleSet()));
        // The server lives in this thread; the blocking fetch runs a local event loop, which serves it.
        auto r = RemoteJwksFetcher::fetchBlocking(server.url(QStringLiteral("/jwks")), false);
        QVERIFY2(r.ok(), qPrintable(r.ok() ? QString() : r.error().toString()));
        QCOMPARE(r->analysis.keys.keys().size(), 2);
    }
};

QTEST_GUILESS_MAIN(TestRemoteJwksFetcher)
#include "TestRemoteJwksFetcher.moc"
