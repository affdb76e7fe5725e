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

/// `serve --dpop`: RFC 9449 sender-constrained tokens.
enum class DpopMode
{
    Off,     // DPoP headers are ignored at the token endpoint and refused at the API; Bearer only
    Allowed, // a proof at the token endpoint gets a DPoP-bound token; Bearer and DPoP-bound tokens both work
    Required // every token request needs a proof; the API accepts only DPoP-bound tokens
};

/// Everything `tokenscope-cli serve` and the Server workspace can set. Defaults are the quickstart's.
struct ServerConfig
{
    QHostAddress host = QHostAddress(QHostAddress::LocalHost);

    // External issuer mode when jwksUrl or jwksFile is set (then issuer and audience are required);
    // otherwise the embedded issuer signs and serves the keys.
    QString issuer;   // embedded default: "http://<host>:<port>/"
    QString audience; // embedded default: kDefaultAudience
    QUrl jwksUrl;
    QString jwksFile;

    QString requiredScope = QStringLiteral("read:messages");
    QStringList algorithms = {QStringLiteral("RS256")};
    qint64 leewaySeconds = 0;
    QString corsOrigin = QStringLiteral("*");
    QString tlsCertFile; // PEM certificate (chain); HTTPS when both are set
    QString tlsKeyFile;  // PEM private key

    // Embedded issuer.
    QString issuerDirectory; // where the key and client secret live; empty = EmbeddedIssuer::defaultDirectory()
    QString clientId;        // empty = "tokenscope-demo"
    QByteArray clientSecret; // empty = random, persisted beside the key
    QStringList allowedScopes = {QStringLiteral("read:messages"), QStringLiteral("write:messages")};
    qint64 tokenLifetimeSeconds = 3600;

    // Embedded OpenID provider (authorization code, device grant, refresh, introspection, DPoP).
    QString usersFile;       // --users: test users (default alice and bob); see UserDirectory
    QString clientsFile;     // --clients: more clients beside tokenscope-demo and tokenscope-public; see ClientRegistry
    QString autoApproveUser; // --auto-approve: this user is signed in and consents without a page
    qint64 authorizationCodeLifetimeSeconds = 60; // RFC 6749 §4.1.2: "a maximum lifetime of 10 minutes"
    qint64 refreshTokenLifetimeSeconds = 14 * 24 * 3600;
    qint64 deviceCodeLifetimeSeconds = 600; // RFC 8628 §3.2 expires_in

    // Engine room.
    HttpLimits limits;
    const Clock* clock = nullptr; // null = SystemClock

    // The small members last, so the struct packs (clang-analyzer's padding check).
    int jwksTimeoutMs = 5000;
    LogFormat logFormat = LogFormat::Text;
    DpopMode dpopMode = DpopMode::Allowed;
    int devicePollIntervalSeconds = 5; // RFC 8628 §3.2 interval (its default)
    int workerThreads = 0;             // 0 = one per core
    int tokenCacheCapacity = 4096;
    quint16 port = 8000;          // 0 = ephemeral (tests)
    bool allowMissingExp = false; // accept tokens without exp as the quickstart does (RFC 9068 §2.2 requires exp)
    bool logRequests = true;      // emit MockApiServer::requestLogged for every request
    bool logTokenDetails = false; // include the decoded header/payload in log entries (GUI)
    bool dpopNonce = false;       // --dpop-nonce: DPoP proofs must carry a server nonce (RFC 9449 §8, §9)

    static constexpr const char* kDefaultAudience = "https://tokenscope.local/api";

    bool isEmbedded() const { return jwksUrl.isEmpty() && jwksFile.isEmpty(); }
    bool isTls() const { return !tlsCertFile.isEmpty() || !tlsKeyFile.isEmpty(); }
};
