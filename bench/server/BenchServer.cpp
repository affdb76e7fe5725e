// SPDX-License-Identifier: MIT
// Benchmark host for the mock API: starts MockApiServer (embedded issuer, request log off as nginx's
// access_log off), writes one valid token and N unique tokens for wrk, and serves until killed.
#include "server/MockApiServer.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QFile>
#include <QTextStream>

int main(int argc, char** argv)
{
    QCoreApplication app(argc, argv);
    QCommandLineParser parser;
    parser.addHelpOption();
    const QCommandLineOption portOption(QStringLiteral("port"), QStringLiteral("Port"), QStringLiteral("port"),
                                        QStringLiteral("8080"));
    const QCommandLineOption threadsOption(QStringLiteral("threads"), QStringLiteral("Worker threads (0 = cores)"),
                                           QStringLiteral("n"), QStringLiteral("0"));
    const QCommandLineOption cacheOption(QStringLiteral("cache"), QStringLiteral("Token cache capacity"),
                                         QStringLiteral("n"), QStringLiteral("4096"));
    const QCommandLineOption dirOption(QStringLiteral("dir"), QStringLiteral("Issuer key directory"),
                                       QStringLiteral("dir"), QStringLiteral("/tmp/tokenscope-bench"));
    const QCommandLineOption tokensOption(QStringLiteral("tokens"), QStringLiteral("Unique tokens to write"),
                                          QStringLiteral("n"), QStringLiteral("10000"));
    const QCommandLineOption logOption(QStringLiteral("log"), QStringLiteral("Emit request log entries"));
    parser.addOptions({portOption, threadsOption, cacheOption, dirOption, tokensOption, logOption});
    parser.process(app);

    ServerConfig config;
    config.port = static_cast<quint16>(parser.value(portOption).toUInt());
    config.workerThreads = parser.value(threadsOption).toInt();
    config.tokenCacheCapacity = parser.value(cacheOption).toInt();
    config.issuerDirectory = parser.value(dirOption);
    config.logRequests = parser.isSet(logOption);
    MockApiServer server;
    const auto started = server.start(config);
    if (!started) {
        QTextStream(stderr) << started.error().toString() << '\n';
        return 2;
    }
    const EmbeddedIssuer* issuer = server.embeddedIssuer();
    const MintOptions valid = issuer->preset(MintPreset::Valid, server.audience(), config.requiredScope);
    QFile one(QStringLiteral("%1/token.txt").arg(config.issuerDirectory));
    one.open(QIODevice::WriteOnly | QIODevice::Truncate);
    one.write(issuer->mint(valid).value());
    one.close();
    QFile many(QStringLiteral("%1/tokens.txt").arg(config.issuerDirectory));
    many.open(QIODevice::WriteOnly | QIODevice::Truncate);
    for (int i = 0, n = parser.value(tokensOption).toInt(); i < n; ++i) {
        many.write(issuer->mint(valid).value() + '\n'); // unique: random jti
    }
    many.close();
    QTextStream(stdout) << server.startupBanner().join(QLatin1Char('\n')) << "\nready\n" << Qt::flush;
    return app.exec();
}
