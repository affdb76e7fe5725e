// SPDX-License-Identifier: MIT
// Issue 12's two targets, against the embedded provider on loopback (serve --auto-approve alice, in-process):
//  1. authorization code + PKCE end to end (authorize URL → scripted browser GET → 302 to the loopback listener →
//     code exchange → token), target ≤ 50 ms;
//  2. a request with a cached OAuth token through RequestSession against the same request without auth, interleaved
//     A/B, target ≤ 0.1 ms added.
// Wall-clock and process CPU time (getrusage: the machine is shared) per operation; see docs/PERFORMANCE.md.
#include "net/AuthorizationCodeFlow.h"
#include "net/HttpClient.h"
#include "net/RequestSession.h"
#include "server/ClientRegistry.h"
#include "server/MockApiServer.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QTemporaryDir>
#include <QUrl>

#include <sys/resource.h>

#include <algorithm>
#include <cstdio>
#include <numeric>

namespace {
double cpuMs()
{
    rusage u{};
    getrusage(RUSAGE_SELF, &u);
    return (double(u.ru_utime.tv_sec + u.ru_stime.tv_sec) * 1e3) +
           (double(u.ru_utime.tv_usec + u.ru_stime.tv_usec) / 1e3);
}

double median(QList<double> v)
{
    std::sort(v.begin(), v.end());
    return v.at(v.size() / 2);
}
} // namespace

int main(int argc, char** argv)
{
    QCoreApplication app(argc, argv);
    const int rounds = argc > 1 ? QByteArray(argv[1]).toInt() : 200;
    QTemporaryDir dir;
    MockApiServer server;
    ServerConfig config;
    config.port = 0;
    config.workerThreads = 1;
    config.issuerDirectory = dir.path();
    config.autoApproveUser = QStringLiteral("alice");
    config.logRequests = false;
    if (auto started = server.start(config); !started) {
        std::fprintf(stderr, "serve: %s\n", qPrintable(started.error().message));
        return 2;
    }
    const QString base = server.baseUrl();

    // 1. The code flow. The "browser" follows /authorize (auto-approved: a 302 to the loopback redirect) and
    // delivers the redirect, as a real browser would, from the same event loop.
    HttpClient browserClient;
    const BrowserLauncher browser([&browserClient](const QUrl& url) {
        HttpRequestSpec get;
        get.url = url.toString(QUrl::FullyEncoded);
        get.followRedirects = false;
        const quint64 id = browserClient.send(get);
        QObject::connect(&browserClient, &HttpClient::finished, &browserClient,
                         [&browserClient, id](quint64 done, const HttpClientResponse& r) {
                             if (done != id)
                                 return;
                             HttpRequestSpec redirect;
                             redirect.url = QString::fromLatin1(r.headerValue("Location"));
                             browserClient.send(redirect);
                         });
        return Result<void>::success();
    });
    AuthorizationCodeRequest code;
    code.authorizeUrl = base + QStringLiteral("/authorize");
    code.issuer = base + QLatin1Char('/'); // RFC 9207: the provider sends iss, the client checks it
    code.issRequired = true;
    code.token.tokenUrl = base + QStringLiteral("/oauth/token");
    code.token.client.clientId = QLatin1String(ClientRegistry::kPublicClientId);
    code.token.client.method = AuthProfile::ClientAuth::None;
    code.scope = QStringLiteral("openid read:messages");
    code.timeoutMs = 10'000;
    QList<double> wall;
    QList<double> cpu;
    int failures = 0;
    for (int i = 0; i < rounds / 4 + 1; ++i) {
        AuthorizationCodeFlow flow(browser);
        QEventLoop loop;
        bool ok = false;
        QObject::connect(&flow, &AuthorizationCodeFlow::finished, &loop, [&](const Result<AuthorizationCodeResult>& r) {
            ok = r.ok() && !r->grant.accessToken.isEmpty();
            if (!r.ok() && failures == 0)
                std::fprintf(stderr, "code flow: %s\n", qPrintable(r.error().toString()));
            loop.quit();
        });
        QElapsedTimer timer;
        const double c0 = cpuMs();
        timer.start();
        flow.start(code);
        loop.exec();
        wall.append(double(timer.nsecsElapsed()) / 1e6);
        cpu.append(cpuMs() - c0);
        failures += ok ? 0 : 1;
        browserClient.disconnect();
    }
    std::printf("authorization code + PKCE, end to end: median %.2f ms wall, %.2f ms CPU (client + server, one "
                "process), %lld flows, %d failed\n",
                median(wall), median(cpu), qlonglong(wall.size()), failures);

    // 2. Token manager overhead: the same GET with no auth (A) and with a cached oauth2 token (B), interleaved.
    AuthProfile profile;
    profile.name = QStringLiteral("bench");
    profile.tokenUrl = base + QStringLiteral("/oauth/token");
    profile.clientId = server.embeddedIssuer()->clientId();
    profile.clientSecret = QString::fromLatin1(server.embeddedIssuer()->clientSecret());
    profile.audience = server.audience();
    profile.scope = QStringLiteral("read:messages");
    SessionRequest plain;
    plain.request.url = base + QStringLiteral("/api/public");
    SessionRequest withToken = plain;
    withToken.auth.type = AuthConfig::Type::OAuth2;
    withToken.auth.profile = profile.name;
    withToken.profile = profile;
    RequestSession session;
    if (RequestSession::runAndWait(session, withToken).response.status != 200) { // fetches and caches the token
        std::fprintf(stderr, "the token request failed\n");
        return 2;
    }
    QList<double> wallA, wallB, cpuA, cpuB;
    for (int i = 0; i < rounds * 2; ++i) {
        const bool b = (i % 2) == 1;
        QElapsedTimer timer;
        const double c0 = cpuMs();
        timer.start();
        const SessionResult r = RequestSession::runAndWait(session, b ? withToken : plain);
        (b ? wallB : wallA).append(double(timer.nsecsElapsed()) / 1e6);
        (b ? cpuB : cpuA).append(cpuMs() - c0);
        if (r.response.status != 200 || (b && !r.authNote.contains(QLatin1String("cached"))))
            ++failures;
    }
    // CPU time per request from the sums (getrusage has a coarse tick; one request is below it).
    const auto sum = [](const QList<double>& v) { return std::accumulate(v.begin(), v.end(), 0.0); };
    const double perA = sum(cpuA) / cpuA.size();
    const double perB = sum(cpuB) / cpuB.size();
    std::printf("request without auth: median %.3f ms wall, %.3f ms CPU per request\n", median(wallA), perA);
    std::printf("request with a cached token: median %.3f ms wall, %.3f ms CPU per request\n", median(wallB), perB);
    std::printf("token manager adds: %.3f ms wall (median difference), %.3f ms CPU; ratio %.3f wall, %.3f CPU; "
                "%d rounds each, %d failed\n",
                median(wallB) - median(wallA), perB - perA, median(wallB) / median(wallA), perB / perA, rounds,
                failures);
    server.stop();
    return failures == 0 ? 0 : 1;
}
