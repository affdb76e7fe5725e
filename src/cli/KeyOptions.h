// SPDX-License-Identifier: MIT
#pragma once

#include "cli/CliContext.h"
#include "jose/Jwks.h"

#include <QCommandLineOption>
#include <QCommandLineParser>

/// The key-source options of verify:
/// --secret S | --secret-base64url S | --jwk FILE | --jwks FILE|URL | --issuer URL | --pem FILE
/// [--cacert FILE] [--passphrase P] [--allow-weak-keys]
/// Key sets from the network come through the GUI's fetcher (RemoteJwksFetcher): OIDC discovery for --issuer, TLS
/// verification against the system store plus --cacert, failures explained (TlsProblem).
class KeyOptions
{
public:
    struct Loaded
    {
        Jwks keys;
        bool single = true; // a key given directly (no kid matching), not a set
        QString description;
    };

    void addTo(QCommandLineParser& parser);
    bool anySet(const QCommandLineParser& parser) const;
    /// Loads exactly one key source. Errors: ERR_USAGE (none or several), ERR_IO, key errors.
    Result<Loaded> load(const QCommandLineParser& parser, CliContext& ctx) const;

private:
    QCommandLineOption m_secret{QStringLiteral("secret"), QStringLiteral("HMAC secret as UTF-8 text."),
                                QStringLiteral("S")};
    QCommandLineOption m_secretB64{QStringLiteral("secret-base64url"), QStringLiteral("HMAC secret, base64url."),
                                   QStringLiteral("S")};
    QCommandLineOption m_jwk{QStringLiteral("jwk"), QStringLiteral("A JWK file (public or private)."),
                             QStringLiteral("FILE")};
    QCommandLineOption m_jwks{QStringLiteral("jwks"), QStringLiteral("A JWK Set file or http(s) URL."),
                              QStringLiteral("FILE|URL")};
    QCommandLineOption m_issuer{QStringLiteral("issuer"),
                                QStringLiteral("Find the JWK Set through this issuer's OpenID Connect discovery "
                                               "document."),
                                QStringLiteral("URL")};
    QCommandLineOption m_caCert{
        QStringLiteral("cacert"),
        QStringLiteral("Also trust the CA certificates in this PEM file (--jwks URL, --issuer)."),
        QStringLiteral("FILE")};
    QCommandLineOption m_pem{QStringLiteral("pem"), QStringLiteral("A PEM key or X.509 certificate file."),
                             QStringLiteral("FILE")};
    QCommandLineOption m_passphrase{
        QStringLiteral("passphrase"),
        QStringLiteral("Passphrase of an encrypted PKCS#8 key (or env TOKENSCOPE_PASSPHRASE)."), QStringLiteral("P")};
    QCommandLineOption m_allowWeak{QStringLiteral("allow-weak-keys"),
                                   QStringLiteral("Accept RSA keys below 2048 bits and short HMAC keys in JWKs.")};
};
