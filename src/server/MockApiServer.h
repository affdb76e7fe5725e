// SPDX-License-Identifier: MIT
#pragma once

#include "core/Result.h"
#include "http/HttpRequest.h"
#include "http/HttpResponse.h"
#include "jose/Jwks.h"
#include "server/EmbeddedIssuer.h"
#include "server/RequestLogEntry.h"
#include "server/ServerConfig.h"

#include <QObject>

#include <atomic>
#include <memory>
#include <optional>

class BearerAuthenticator;
struct RequestContext;
class HttpTransport;
class JwksProvider;
class Router;
class OAuthProvider;
class DpopVerifier;
struct HttpProtocolError;

/// The local mock protected API of Auth0's API quickstart (/api/public, /api/private, /api/private-scoped and the
/// seed's /ping, /secured/ping, /secured/private/ping) plus, by default, an embedded issuer that is a local OpenID
/// provider (/.well-known/jwks.json, discovery, /authorize, /par, POST /oauth/token, /device_authorization,
/// /device, /introspect, /revoke, /userinfo; see OAuthProvider). The API accepts DPoP-bound tokens (RFC 9449 §7)
/// as ServerConfig::dpopMode says. The HTTP server runs on its
/// own threads; start()/stop() return quickly and never need the caller's event loop, so the GUI thread and
/// the CLI's main thread can both own it.
///
/// requestLogged() is emitted on a server thread once per request (connect with a queued connection from a
/// GUI); logMessage() carries other events (JWKS refreshes and outages).
class MockApiServer : public QObject
{
    Q_OBJECT
public:
    explicit MockApiServer(QObject* parent = nullptr);
    ~MockApiServer() override;

    /// Validates the configuration, loads keys (embedded key created on first use; JWKS file read; JWKS URL
    /// fetched, blocking up to jwksTimeoutMs), binds and serves. Errors: ERR_USAGE (bad option), ERR_IO (port in
    /// use, unreadable file), ERR_JWKS_INVALID, ERR_NET_*, ERR_PEM_INVALID, ERR_TLS_FAILURE.
    Result<void> start(const ServerConfig& config);
    void stop();
    bool isRunning() const;

    quint16 port() const;
    /// "http://127.0.0.1:8000" (no trailing slash).
    QString baseUrl() const;
    QString issuer() const;
    QString audience() const;
    const ServerConfig& config() const { return m_config; }
    /// The embedded issuer while running in embedded mode, else null. Use it to mint test tokens.
    const EmbeddedIssuer* embeddedIssuer() const;
    /// The embedded OpenID provider (clients, users, grants) while running in embedded mode, else null.
    const OAuthProvider* provider() const { return m_provider.get(); }

    /// Start-up text: URLs, mode, and in embedded mode the client credentials and two curl commands
    /// (get a token, call /api/private).
    QStringList startupBanner() const;

    /// Quickstart response texts.
    static QString publicMessage();
    static QString privateMessage();
    static QString scopedMessage(const QString& scope);

Q_SIGNALS:
    void requestLogged(const RequestLogEntry& entry);
    void logMessage(const QString& message);

private:
    HttpResponse handle(const HttpRequest& request);
    std::optional<HttpResponse> checkHead(const HttpRequest& head);
    void logRequest(const HttpRequest& request, const HttpResponse& response, const RequestContext& context,
                    qint64 latencyUs);
    void protocolError(const HttpProtocolError& error);
    void buildRoutes();
    Result<void> setUpKeys();

    ServerConfig m_config;
    std::unique_ptr<HttpTransport> m_transport;
    std::unique_ptr<Router> m_router;
    std::unique_ptr<BearerAuthenticator> m_authenticator;
    std::unique_ptr<OAuthProvider> m_provider;
    std::shared_ptr<const DpopVerifier> m_dpop;
    std::unique_ptr<EmbeddedIssuer> m_issuer;
    std::shared_ptr<JwksProvider> m_jwksProvider;
    std::optional<Jwks> m_fileJwks; // --jwks-file, as setUpKeys() read and validated it (read once)
    QString m_issuerUrl;
    QString m_audience;
    std::atomic<bool> m_ready{false};
};
