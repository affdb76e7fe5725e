// SPDX-License-Identifier: MIT
#pragma once

#include "core/Result.h"
#include "jose/Jwk.h"
#include "jose/Jwks.h"

#include <QJsonObject>
#include <QStringList>

class Clock;

/// Claims of a token the embedded issuer mints.
struct MintOptions
{
    QString subject;                  // default: "<client id>@clients" (as Auth0's client-credentials tokens)
    QStringList audiences;            // one → a string "aud", several → an array
    QString scope;                    // space-separated; empty → no "scope" claim
    qint64 lifetimeSeconds = 3600;    // exp = iat + lifetime
    qint64 issuedAtOffsetSeconds = 0; // iat = now + offset (negative for tokens minted "in the past")
    std::optional<qint64> notBeforeOffsetSeconds;             // nbf = now + offset when set
    QJsonObject extraClaims;                                  // merged last
    QString clientId;                                         // "azp"; empty: the demo client
    QString grantType = QStringLiteral("client-credentials"); // Auth0's "gty"; empty: no gty claim
};

/// "Mint test token" presets of the Server workspace.
enum class MintPreset
{
    Valid,         // right audience, the required scope, 1 h
    Expired,       // issued 2 h ago, expired 1 h ago
    WrongAudience, // aud the API does not accept
    MissingScope,  // valid but without the required scope
};

/// The mock server's own authorization server: a persistent RS256 key (PKCS#8 PEM, created on first use with
/// mode 0600 in `directory`, kid = RFC 7638 thumbprint), the demo client's credentials (id fixed, secret random
/// and persisted beside the key, mode 0600), its JWKS and discovery documents, and token minting.
/// Immutable after openOrCreate() apart from setIssuerUrl(); const methods are thread-safe.
class EmbeddedIssuer
{
public:
    static constexpr const char* kDefaultClientId = "tokenscope-demo";
    static constexpr const char* kKeyFileName = "issuer-rs256.pem";
    static constexpr const char* kSecretFileName = "client-secret";

    /// Loads or creates the key and the client secret. `clientSecret` non-empty overrides the stored one.
    /// Errors: ERR_IO (directory or files not writable/readable), ERR_PEM_INVALID, ERR_CRYPTO_FAILURE.
    static Result<EmbeddedIssuer> openOrCreate(const QString& directory, const QString& clientId = {},
                                               const QByteArray& clientSecret = {});
    /// DataDirectory::issuerDirectory(), e.g. ~/.local/share/tokenscope/server. Independent of the application name,
    /// so `tokenscope-cli serve` and the GUI's Server workspace share one key and one client secret.
    static QString defaultDirectory();

    void setIssuerUrl(const QString& url) { m_issuer = url; }
    QString issuerUrl() const { return m_issuer; }
    QString directory() const { return m_directory; }
    QString keyPath() const;
    QString secretPath() const;

    const Jwk& signingKey() const { return m_key; }
    QString kid() const { return m_key.kid(); }
    Jwks publicJwks() const;
    QJsonObject jwksDocument() const;
    /// OpenID Connect Discovery 1.0 §3 / RFC 8414 §2 metadata for a client-credentials-only issuer.
    QJsonObject openIdConfiguration() const;

    QString clientId() const { return m_clientId; }
    QByteArray clientSecret() const { return m_clientSecret; }

    Result<QByteArray> mint(const MintOptions& options, const Clock* clock = nullptr) const;
    MintOptions preset(MintPreset preset, const QString& audience, const QString& requiredScope) const;

private:
    QString m_directory;
    QString m_issuer;
    Jwk m_key;
    QString m_clientId;
    QByteArray m_clientSecret;
};
