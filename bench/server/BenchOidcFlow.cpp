// SPDX-License-Identifier: MIT
// The local OpenID provider's share of "authorization code + PKCE end to end" (issue 12, target <= 50 ms): N flows of
// GET /authorize (auto-approved, 302 with the code) + POST /oauth/token (PKCE S256, id_token and refresh token minted)
// over loopback, each on fresh connections, against MockApiServer in this process (one worker thread). Prints the
// wall time per flow (median, p95) and the process CPU time per flow (client + server, both in this process).
#include "jose/Pkce.h"
#include "server/MockApiServer.h"
#include "support/HttpTestClient.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QTemporaryDir>
#include <QUrlQuery>

#include <algorithm>
#include <cstdio>
#include <ctime>
#include <vector>

namespace {
double cpuSeconds()
{
    timespec ts{};
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
    return double(ts.tv_sec) + double(ts.tv_nsec) / 1e9;
}
} // namespace

int main(int argc, char** argv)
{
    QCoreApplication app(argc, argv);
    const int flows = argc > 1 ? QByteArray(argv[1]).toInt() : 200;
    QTemporaryDir dir;
    ServerConfig config;
    config.port = 0;
    config.workerThreads = 1;
    config.issuerDirectory = dir.path();
    config.autoApproveUser = QStringLiteral("alice");
    config.logRequests = false;
    MockApiServer server;
    if (const auto started = server.start(config); !started) {
        std::fprintf(stderr, "%s\n", qPrintable(started.error().toString()));
        return 2;
    }
    const QByteArray redirect = "http%3A%2F%2F127.0.0.1%3A50000%2Fcallback";
    std::vector<double> wallMs;
    const double cpuStart = cpuSeconds();
    for (int i = 0; i < flows; ++i) {
        const QByteArray verifier = Pkce::newVerifier().value();
        QElapsedTimer timer;
        timer.start();
        const auto authorize = HttpTestClient::request(
            server.port(), "GET",
            "/authorize?response_type=code&client_id=tokenscope-public&scope=openid%20profile%20offline_access&state=s"
            "&nonce=n&code_challenge_method=S256&redirect_uri=" +
                redirect + "&code_challenge=" + Pkce::challenge(verifier));
        const QString code = QUrlQuery(QUrl(QString::fromLatin1(authorize ? authorize->header("Location") : "")))
                                 .queryItemValue(QStringLiteral("code"));
        const auto token = HttpTestClient::request(
            server.port(), "POST", "/oauth/token", {{"Content-Type", "application/x-www-form-urlencoded"}},
            "grant_type=authorization_code&client_id=tokenscope-public&redirect_uri=" + redirect +
                "&code=" + code.toLatin1() + "&code_verifier=" + verifier);
        wallMs.push_back(double(timer.nsecsElapsed()) / 1e6);
        if (!token || token->status != 200 || !token->json().contains(QStringLiteral("id_token"))) {
            std::fprintf(stderr, "flow %d failed\n", i);
            return 1;
        }
    }
    const double cpuPerFlowMs = (cpuSeconds() - cpuStart) * 1000.0 / flows;
    std::sort(wallMs.begin(), wallMs.end());
    std::printf("flows=%d wall median=%.2f ms p95=%.2f ms cpu(client+server)=%.2f ms/flow\n", flows,
                wallMs[wallMs.size() / 2], wallMs[wallMs.size() * 95 / 100], cpuPerFlowMs);
    server.stop();
    return 0;
}
