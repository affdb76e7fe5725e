// SPDX-License-Identifier: MIT
#include "cli/ServeCommand.h"

#include "cli/StopSignalWatcher.h"
#include "server/MockApiServer.h"
#include "server/RequestLogFormatter.h"

#include <QCoreApplication>
#include <QEventLoop>
#include <QUrl>

#include <csignal>

namespace {
struct ServeOptions
{
    QCommandLineOption host{QStringLiteral("host"),
                            QStringLiteral("Address to listen on (default 127.0.0.1; anything else is reachable "
                                           "from the network)."),
                            QStringLiteral("ADDRESS"), QStringLiteral("127.0.0.1")};
    QCommandLineOption port{QStringLiteral("port"), QStringLiteral("TCP port (default 8000; 0 = any free port)."),
                            QStringLiteral("PORT"), QStringLiteral("8000")};
    QCommandLineOption issuer{QStringLiteral("issuer"),
                              QStringLiteral("Expected \"iss\" (external mode: required; embedded default: the "
                                             "server's own URL)."),
                              QStringLiteral("URL")};
    QCommandLineOption audience{QStringLiteral("audience"),
                                QStringLiteral("Expected \"aud\" (external mode: required; embedded default: %1).")
                                    .arg(QLatin1String(ServerConfig::kDefaultAudience)),
                                QStringLiteral("AUD")};
    QCommandLineOption jwksUrl{QStringLiteral("jwks-url"),
                               QStringLiteral("External issuer: fetch its keys from this JWKS URL."),
                               QStringLiteral("URL")};
    QCommandLineOption jwksFile{QStringLiteral("jwks-file"),
                                QStringLiteral("External issuer: read its keys from this JWKS file."),
                                QStringLiteral("FILE")};
    QCommandLineOption requiredScope{QStringLiteral("required-scope"),
                                     QStringLiteral("Scope of /api/private-scoped (default read:messages)."),
                                     QStringLiteral("SCOPE"), QStringLiteral("read:messages")};
    QCommandLineOption algorithms{QStringLiteral("algorithms"),
                                  QStringLiteral("Allowed algorithms, comma-separated (default RS256; never none)."),
                                  QStringLiteral("LIST"), QStringLiteral("RS256")};
    QCommandLineOption leeway{QStringLiteral("leeway"),
                              QStringLiteral("Clock skew allowed for exp/nbf/iat (default 0)."),
                              QStringLiteral("SECONDS"), QStringLiteral("0")};
    QCommandLineOption allowMissingExp{QStringLiteral("allow-missing-exp"),
                                       QStringLiteral("Accept tokens without exp, as the quickstart does (RFC 9068 "
                                                      "§2.2 requires exp; rejected by default).")};
    QCommandLineOption corsOrigin{QStringLiteral("cors-origin"),
                                  QStringLiteral("Access-Control-Allow-Origin (default *)."), QStringLiteral("ORIGIN"),
                                  QStringLiteral("*")};
    QCommandLineOption tlsCert{QStringLiteral("tls-cert"),
                               QStringLiteral("HTTPS: PEM certificate (chain); needs --tls-key."),
                               QStringLiteral("FILE")};
    QCommandLineOption tlsKey{QStringLiteral("tls-key"), QStringLiteral("HTTPS: PEM private key; needs --tls-cert."),
                              QStringLiteral("FILE")};
    QCommandLineOption logFormat{QStringLiteral("log-format"),
                                 QStringLiteral("Request log on stdout: text (default) or json."),
                                 QStringLiteral("FORMAT"), QStringLiteral("text")};
    QCommandLineOption dataDir{QStringLiteral("data-dir"),
                               QStringLiteral("Where the embedded issuer keeps its key and client secret (default "
                                              "%1).")
                                   .arg(EmbeddedIssuer::defaultDirectory()),
                               QStringLiteral("DIR")};

    QCommandLineOption users{QStringLiteral("users"),
                             QStringLiteral("Test users of the local OpenID provider, a JSON file {\"users\": "
                                            "[{\"username\", \"password\", \"claims\"}]} (default: alice and bob, "
                                            "password = username)."),
                             QStringLiteral("FILE")};
    QCommandLineOption clients{QStringLiteral("clients"),
                               QStringLiteral("More OAuth clients, a JSON file {\"clients\": [{\"client_id\", "
                                              "\"client_secret\" (absent: public), \"redirect_uris\", "
                                              "\"grant_types\"}]} (tokenscope-demo and tokenscope-public always "
                                              "exist)."),
                               QStringLiteral("FILE")};
    QCommandLineOption autoApprove{QStringLiteral("auto-approve"),
                                   QStringLiteral("Sign in USER and approve every authorization and device request "
                                                  "without the login and consent pages (headless runs)."),
                                   QStringLiteral("USER")};
    QCommandLineOption dpop{
        QStringLiteral("dpop"),
        QStringLiteral("DPoP (RFC 9449): allowed (default: Bearer and DPoP-bound tokens both work), "
                       "required or off."),
        QStringLiteral("MODE"), QStringLiteral("allowed")};
    QCommandLineOption dpopNonce{QStringLiteral("dpop-nonce"),
                                 QStringLiteral("DPoP proofs at the token endpoint and the API must carry a server "
                                                "nonce (RFC 9449 §8, §9; rotated every 5 minutes).")};

    QList<QCommandLineOption> all() const
    {
        return {host,       port,   issuer,          audience,    jwksUrl, jwksFile, requiredScope,
                algorithms, leeway, allowMissingExp, corsOrigin,  tlsCert, tlsKey,   logFormat,
                dataDir,    users,  clients,         autoApprove, dpop,    dpopNonce};
    }
};

Error usageError(const QString& message)
{
    return Error(ErrorCode::Usage, message);
}

Result<QHostAddress> parseHost(const QString& text)
{
    if (text.compare(QLatin1String("localhost"), Qt::CaseInsensitive) == 0) {
        return QHostAddress(QHostAddress::LocalHost);
    }
    // Addresses only: a host name could resolve to several addresses or to none.
    const QHostAddress address(text);
    if (address.isNull()) {
        return usageError(QStringLiteral("--host must be an IP address or localhost, not \"%1\"").arg(text));
    }
    return address;
}

Result<ServerConfig> configFrom(const QCommandLineParser& parser, const ServeOptions& o)
{
    ServerConfig config;
    auto host = parseHost(parser.value(o.host));
    if (!host) {
        return host.error();
    }
    config.host = host.value();

    bool ok = false;
    const uint port = parser.value(o.port).toUInt(&ok);
    if (!ok || port > 65535) {
        return usageError(QStringLiteral("--port must be 0..65535, not \"%1\"").arg(parser.value(o.port)));
    }
    config.port = static_cast<quint16>(port);

    const qint64 leeway = parser.value(o.leeway).toLongLong(&ok);
    if (!ok || leeway < 0) {
        return usageError(
            QStringLiteral("--leeway must be a number of seconds >= 0, not \"%1\"").arg(parser.value(o.leeway)));
    }
    config.leewaySeconds = leeway;
    config.allowMissingExp = parser.isSet(o.allowMissingExp);

    const QString format = parser.value(o.logFormat);
    if (format == QLatin1String("json")) {
        config.logFormat = LogFormat::Json;
    } else if (format != QLatin1String("text")) {
        return usageError(QStringLiteral("--log-format must be text or json, not \"%1\"").arg(format));
    }

    config.algorithms.clear();
    for (const QString& alg : parser.value(o.algorithms).split(QLatin1Char(','), Qt::SkipEmptyParts)) {
        config.algorithms.append(alg.trimmed());
    }
    if (parser.isSet(o.jwksUrl)) {
        config.jwksUrl = QUrl(parser.value(o.jwksUrl), QUrl::StrictMode);
        if (!config.jwksUrl.isValid() || config.jwksUrl.host().isEmpty()) {
            return usageError(QStringLiteral("--jwks-url is not a valid URL: \"%1\"").arg(parser.value(o.jwksUrl)));
        }
    }
    config.jwksFile = parser.value(o.jwksFile);
    config.issuer = parser.value(o.issuer);
    config.audience = parser.value(o.audience);
    config.requiredScope = parser.value(o.requiredScope);
    config.corsOrigin = parser.value(o.corsOrigin);
    config.tlsCertFile = parser.value(o.tlsCert);
    config.tlsKeyFile = parser.value(o.tlsKey);
    config.issuerDirectory = parser.value(o.dataDir);
    config.usersFile = parser.value(o.users);
    config.clientsFile = parser.value(o.clients);
    config.autoApproveUser = parser.value(o.autoApprove);
    const QString dpop = parser.value(o.dpop);
    if (dpop == QLatin1String("off")) {
        config.dpopMode = DpopMode::Off;
    } else if (dpop == QLatin1String("required")) {
        config.dpopMode = DpopMode::Required;
    } else if (dpop != QLatin1String("allowed")) {
        return usageError(QStringLiteral("--dpop must be allowed, required or off, not \"%1\"").arg(dpop));
    }
    config.dpopNonce = parser.isSet(o.dpopNonce);
    if (config.dpopNonce && config.dpopMode == DpopMode::Off) {
        return usageError(QStringLiteral("--dpop-nonce needs --dpop allowed or required"));
    }
    if (!config.isEmbedded() &&
        (!config.usersFile.isEmpty() || !config.clientsFile.isEmpty() || !config.autoApproveUser.isEmpty())) {
        return usageError(QStringLiteral("--users, --clients and --auto-approve are for the embedded provider, not "
                                         "with --jwks-url or --jwks-file"));
    }
    return config;
}

QString signalName(int signal)
{
    return signal == SIGINT ? QStringLiteral("SIGINT") : QStringLiteral("SIGTERM");
}
} // namespace

int ServeCommand::run(const QStringList& arguments, CliContext& ctx)
{
    QCommandLineParser parser;
    const ServeOptions options;
    parser.addOptions(options.all());
    if (const int rc = parse(parser, arguments, ctx, QStringLiteral("serve [options]")); rc >= 0) {
        return rc;
    }
    if (!parser.positionalArguments().isEmpty()) {
        return ctx.usage(QStringLiteral("serve takes no arguments, got \"%1\" (see: tokenscope-cli serve --help)")
                             .arg(parser.positionalArguments().first()));
    }
    const auto config = configFrom(parser, options);
    if (!config) {
        return ctx.fail(config.error());
    }

    QEventLoop loop;
    int stopSignal = 0;
    StopSignalWatcher watcher([&](int signal) {
        stopSignal = signal;
        loop.quit();
    });
    if (auto installed = watcher.install(); !installed) {
        return ctx.fail(installed.error());
    }

    MockApiServer server;
    // requestLogged and logMessage come from server threads; print on this thread only.
    QObject printer;
    const LogFormat format = config->logFormat;
    QObject::connect(
        &server, &MockApiServer::requestLogged, &printer,
        [&ctx, format](const RequestLogEntry& entry) {
            ctx.outLine(RequestLogFormatter::format(entry, format));
            ctx.flush();
        },
        Qt::QueuedConnection);
    QObject::connect(
        &server, &MockApiServer::logMessage, &printer,
        [&ctx](const QString& message) { ctx.errLine(QStringLiteral("tokenscope-cli: ") + message); },
        Qt::QueuedConnection);

    if (!config->host.isLoopback()) {
        // Loud and on stderr, before anything is bound, so it is seen even when stdout goes to a log file.
        ctx.errLine(QStringLiteral("tokenscope-cli: WARNING: --host %1 is not a loopback address: anyone who can reach "
                                   "it can call the API%2.")
                        .arg(config->host.toString(),
                             config->isEmbedded()
                                 ? QStringLiteral(" and get tokens with the printed client credentials")
                                 : QString()));
    }
    if (auto started = server.start(config.value()); !started) {
        return ctx.fail(started.error());
    }
    for (const QString& line : server.startupBanner()) {
        if (!line.startsWith(QLatin1String("WARNING:"))) { // already said on stderr
            ctx.outLine(line);
        }
    }
    ctx.outLine(QStringLiteral("Press Ctrl+C to stop."));
    ctx.flush();

    loop.exec();

    server.stop();
    // Lines of requests answered before the stop are still queued for this thread.
    QCoreApplication::sendPostedEvents(&printer);
    ctx.errLine(QStringLiteral("tokenscope-cli: %1 received, stopped").arg(signalName(stopSignal)));
    return ExitOk;
}
