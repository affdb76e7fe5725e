// SPDX-License-Identifier: MIT
#pragma once

#include "cli/CliContext.h"
#include "jose/Jwks.h"

#include <QCommandLineOption>
#include <QCommandLineParser>

/// The key sources of `decrypt` and `encrypt`. Secrets never come from argv (it is visible in `ps` and shell
/// history): symmetric keys and passwords are read from environment variables, keys from files.
/// --jwk FILE | --jwks FILE|URL | --pem FILE [--passphrase-env VAR] | --secret-env VAR | --password-env VAR
class JweKeyOptions
{
public:
    struct Loaded
    {
        Jwks keys;
        bool single = true;
        bool password = false; // --password-env: a PBES2 password
        QString description;
    };

    /// `withJwks`: decrypt accepts a JWK Set; encrypt does not.
    void addTo(QCommandLineParser& parser, bool withJwks);
    /// Exactly one source. Errors: ERR_USAGE, ERR_IO, key errors.
    Result<Loaded> load(const QCommandLineParser& parser, CliContext& ctx) const;
    /// --jwks names a URL: load() would fetch it.
    bool needsNetwork(const QCommandLineParser& parser) const;

private:
    QCommandLineOption m_jwk{QStringLiteral("jwk"), QStringLiteral("A JWK file (private to decrypt)."),
                             QStringLiteral("FILE")};
    QCommandLineOption m_jwks{QStringLiteral("jwks"), QStringLiteral("A JWK Set file or http(s) URL."),
                              QStringLiteral("FILE|URL")};
    QCommandLineOption m_pem{QStringLiteral("pem"), QStringLiteral("A PEM key file (or certificate, to encrypt)."),
                             QStringLiteral("FILE")};
    QCommandLineOption m_passphraseEnv{QStringLiteral("passphrase-env"),
                                       QStringLiteral("Environment variable holding the PEM key's passphrase."),
                                       QStringLiteral("VAR")};
    QCommandLineOption m_secretEnv{
        QStringLiteral("secret-env"),
        QStringLiteral("Environment variable holding a symmetric key (dir, A*KW, A*GCMKW), base64url."),
        QStringLiteral("VAR")};
    QCommandLineOption m_passwordEnv{QStringLiteral("password-env"),
                                     QStringLiteral("Environment variable holding a PBES2 password (UTF-8)."),
                                     QStringLiteral("VAR")};
    bool m_withJwks = true;
};
