// SPDX-License-Identifier: MIT
#include "cli/JweKeyOptions.h"

#include "cli/EnvironmentSecret.h"
#include "cli/KeySource.h"
#include "core/Base64Url.h"

void JweKeyOptions::addTo(QCommandLineParser& parser, bool withJwks)
{
    m_withJwks = withJwks;
    parser.addOptions({m_jwk, m_pem, m_passphraseEnv, m_secretEnv, m_passwordEnv});
    if (withJwks) {
        parser.addOption(m_jwks);
    }
}

bool JweKeyOptions::needsNetwork(const QCommandLineParser& parser) const
{
    return m_withJwks && parser.isSet(m_jwks) && RemoteKeys::looksLikeUrl(parser.value(m_jwks));
}

Result<JweKeyOptions::Loaded> JweKeyOptions::load(const QCommandLineParser& parser, CliContext& ctx) const
{
    const bool jwks = m_withJwks && parser.isSet(m_jwks);
    const int count = int(parser.isSet(m_jwk)) + int(jwks) + int(parser.isSet(m_pem)) + int(parser.isSet(m_secretEnv)) +
                      int(parser.isSet(m_passwordEnv));
    if (count != 1) {
        return Error(ErrorCode::Usage,
                     count == 0 ? QStringLiteral("give a key: --jwk, %1--pem, --secret-env or --password-env")
                                      .arg(m_withJwks ? QStringLiteral("--jwks, ") : QString())
                                : QStringLiteral("give only one key source"));
    }
    Loaded loaded;
    if (parser.isSet(m_secretEnv)) {
        auto value = EnvironmentSecret::bytes(parser.value(m_secretEnv), QStringLiteral("--secret-env"));
        if (!value) {
            return value.error();
        }
        auto secret = Base64Url::decode(value->trimmed());
        if (!secret || secret->isEmpty()) {
            return Error(ErrorCode::Usage, QStringLiteral("--secret-env: the variable must hold a base64url key"));
        }
        loaded.keys = Jwks(QList<Jwk>{Jwk::fromSecret(secret.value())});
        loaded.description =
            QStringLiteral("symmetric key (%1 bytes) from $%2").arg(secret->size()).arg(parser.value(m_secretEnv));
        return loaded;
    }
    if (parser.isSet(m_passwordEnv)) {
        auto value = EnvironmentSecret::bytes(parser.value(m_passwordEnv), QStringLiteral("--password-env"));
        if (!value) {
            return value.error();
        }
        if (value->isEmpty()) {
            return Error(ErrorCode::Usage, QStringLiteral("--password-env: the password is empty"));
        }
        loaded.keys = Jwks(QList<Jwk>{Jwk::fromSecret(value.value())});
        loaded.password = true;
        loaded.description = QStringLiteral("password from $%1").arg(parser.value(m_passwordEnv));
        return loaded;
    }
    QByteArray passphrase;
    if (parser.isSet(m_passphraseEnv)) {
        auto value = EnvironmentSecret::bytes(parser.value(m_passphraseEnv), QStringLiteral("--passphrase-env"));
        if (!value) {
            return value.error();
        }
        passphrase = value.value();
    }
    // Exact AES key sizes and RSA >= 2048 are checked by the JWE engine itself; the JWS import minimums
    // (32-byte HMAC keys) do not apply to A128KW keys.
    const JwkImportOptions importOptions{true, true};
    KeySource::Request request;
    request.wantSet = jwks;
    request.location = parser.isSet(m_jwk) ? parser.value(m_jwk) : jwks ? parser.value(m_jwks) : parser.value(m_pem);
    request.passphrase = passphrase;
    request.importOptions = importOptions;
    request.setAdvice = m_withJwks ? QStringLiteral("use --jwks") : QStringLiteral("give one key");
    auto source = KeySource::load(request, ctx);
    if (!source) {
        return source.error();
    }
    if (source->keys.isEmpty()) {
        return Error(ErrorCode::JwksNoMatchingKey, QStringLiteral("%1 holds no usable key").arg(request.location));
    }
    loaded.keys = source->keys;
    loaded.single = source->single;
    loaded.description = source->description;
    return loaded;
}
