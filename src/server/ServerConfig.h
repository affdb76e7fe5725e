// SPDX-License-Identifier: MIT
#pragma once

#include "http/HttpLimits.h"

#include <QHostAddress>
#include <QStringList>
#include <QUrl>

class Clock;

enum class LogFormat
{
    Text,
    Json
};

/// Everything `tokenscope-cli serve` and the Server workspace can set. Defaults are the quickstart's.
struct ServerConfig
{
    QHostAddress host = QHostAddress(QHostAddress::LocalHost);
    quint16 port = 8000; // 0 = ephemeral (tests)

    // External issuer mode when jwksUrl or jwksFile is set (then issuer and audience are required);
    // otherwise the embedded issuer signs and serves the keys.
    QString issuer;   // embedded default: "http://<host>:<port>/"
    QString audience; // embedded default: kDefaultAudience
    QUrl jwksUrl;
    QString jwksFile;
    int jwksTimeoutMs = 5000;

    QString requiredScope = QStringLiteral("read:messages");
    QStringList algorithms = {QStringLiteral("RS256")};
    qint64 leewaySeconds = 0;
    bool allowMissingExp = false; // accept tokens without exp as the quickstart does (RFC 9068 §2.2 requires exp)
    QString corsOrigin = QStringLiteral("*");
    QString tlsCertFile; // PEM certificate (chain); HTTPS when both are set
    QString tlsKeyFile;  // PEM private key
    LogFormat logFormat = LogFormat::Text;

    // Embedded issuer.
    QString issuerDirectory; // where the key and client secret live; empty = EmbeddedIssuer::defaultDirectory()
    QString clientId;        // empty = "tokenscope-demo"
    QByteArray clientSecret; // empty = random, persisted beside the key
    QStringList allowedScopes = {QStringLiteral("read:messages"), QStringLiteral("write:messages")};
    qint64 tokenLifetimeSeconds = 3600;

    // Engine room.
    int workerThreads = 0; // 0 = one per core
    int tokenCacheCapacity = 4096;
    HttpLimits limits;
    bool logRequests = true;      // emit MockApiServer::requestLogged for every request
    bool logTokenDetails = false; // include the decoded header/payload in log entries (GUI)
    const Clock* clock = nullptr; // null = SystemClock

    static constexpr const char* kDefaultAudience = "https://tokenscope.local/api";

    bool isEmbedded() const { return jwksUrl.isEmpty() && jwksFile.isEmpty(); }
    bool isTls() const { return !tlsCertFile.isEmpty() || !tlsKeyFile.isEmpty(); }
};
