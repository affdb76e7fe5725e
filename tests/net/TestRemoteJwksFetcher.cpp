// SPDX-License-Identifier: MIT
// RemoteJwksFetcher against a loopback server: discovery (OpenID Connect Discovery 1.0 §4), errors, redirects,
// ETag revalidation (RFC 9110 §13.1.2) and Cache-Control max-age (RFC 9111 §5.2.2.1). No sleeps: QSignalSpy::wait.
#include "JwksTestServer.h"
#include "KeyTestData.h"
#include "MockClock.h"
#include "RemoteJwksFetcher.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QSignalSpy>
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

private Q_SLOTS:
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
