// SPDX-License-Identifier: MIT
// A TcpHttpTransport in a process of its own, for TestTcpHttpTransport::descriptorExhaustion: the test lowers this
// process's RLIMIT_NOFILE (arguments: soft hard), and this process prints "port <port> nofile <soft limit after
// start>" and serves "ok" until its stdin closes.
#include "http/TcpHttpTransport.h"

#include <QCoreApplication>
#include <QSocketNotifier>

#include <cstdio>
#include <sys/resource.h>
#include <unistd.h>

int main(int argc, char** argv)
{
    if (argc != 3) {
        std::fprintf(stderr, "usage: %s SOFT HARD\n", argv[0]);
        return 2;
    }
    rlimit limit{};
    limit.rlim_cur = std::strtoul(argv[1], nullptr, 10);
    limit.rlim_max = std::strtoul(argv[2], nullptr, 10);
    if (::setrlimit(RLIMIT_NOFILE, &limit) != 0) {
        std::perror("setrlimit");
        return 2;
    }
    QCoreApplication app(argc, argv);
    TcpHttpTransport transport;
    TransportConfig config;
    config.workerThreads = 1;
    const auto started =
        transport.start(config, [](const HttpRequest&) { return HttpResponse::text(200, QByteArrayLiteral("ok")); });
    if (!started.ok()) {
        std::fprintf(stderr, "%s\n", qPrintable(started.error().toString()));
        return 1;
    }
    ::getrlimit(RLIMIT_NOFILE, &limit);
    std::printf("port %u nofile %llu\n", static_cast<unsigned>(transport.port()),
                static_cast<unsigned long long>(limit.rlim_cur));
    std::fflush(stdout);
    QSocketNotifier stdinClosed(STDIN_FILENO, QSocketNotifier::Read);
    QObject::connect(&stdinClosed, &QSocketNotifier::activated, &app, [&] {
        char c;
        if (::read(STDIN_FILENO, &c, 1) <= 0) {
            app.quit();
        }
    });
    const int rc = app.exec();
    transport.stop();
    return rc;
}
