// SPDX-License-Identifier: MIT
#include "cli/KeyOptions.h"

#include "core/Base64Url.h"
#include "jose/KeyText.h"
#include "net/RemoteJwksFetcher.h"

void KeyOptions::addTo(QCommandLineParser& parser)
{
    parser.addOptions({m_secret, m_secretB64, m_jwk, m_jwks, m_issuer, m_pem, m_caCert, m_passphrase, m_allowWeak});
}

bool KeyOptions::anySet(const QCommandLineParser& parser) const
{
    return parser.isSet(m_secret) || parser.isSet(m_secretB64) || parser.isSet(m_jwk) || parser.isSet(m_jwks) ||
           parser.isSet(m_issuer) || parser.isSet(m_pem);
}

Result<KeyOptions::Loaded> KeyOptions::load(const QCommandLineParser& parser, CliContext& ctx) const
{
    const int count = int(parser.isSet(m_secret)) + int(parser.isSet(m_secretB64)) + int(parser.isSet(m_jwk)) +
                      int(parser.isSet(m_jwks)) + int(parser.isSet(m_issuer)) + int(parser.isSet(m_pem));
    if (count != 1) {
        return Error(ErrorCode::Usage, count == 0 ? QStringLiteral("give a key: --secret, --secret-base64url, --jwk, "
                                                                   "--jwks, --issuer or --pem")
                                                  : QStringLiteral("give only one key source"));
    }
    Loaded loaded;
    if (parser.isSet(m_secret) || parser.isSet(m_secretB64)) {
        QByteArray secret;
        if (parser.isSet(m_secret)) {
            secret = parser.value(m_secret).toUtf8();
            loaded.description = QStringLiteral("secret (%1 bytes, UTF-8)").arg(secret.size());
        } else {
            auto decoded = Base64Url::decode(parser.value(m_secretB64).toLatin1());
            if (!decoded) {
                return Error(ErrorCode::Usage, QStringLiteral("--secret-base64url: %1").arg(decoded.error().message));
            }
            secret = decoded.value();
            loaded.description = QStringLiteral("secret (%1 bytes, base64url)").arg(secret.size());
        }
        loaded.keys = Jwks(QList<Jwk>{Jwk::fromSecret(secret)});
        return loaded;
    }
    const JwkImportOptions importOptions{parser.isSet(m_allowWeak), parser.isSet(m_allowWeak)};
    QByteArray passphrase = parser.value(m_passphrase).toUtf8();
    if (passphrase.isEmpty()) {
        passphrase = qgetenv("TOKENSCOPE_PASSPHRASE");
    }
    QString source;
    QByteArray text;
    const bool issuer = parser.isSet(m_issuer);
    if (issuer || (parser.isSet(m_jwks) && RemoteJwksFetcher::looksLikeUrl(parser.value(m_jwks)))) {
        source = issuer ? parser.value(m_issuer) : parser.value(m_jwks);
        JwksFetchOptions options;
        options.caFile = parser.value(m_caCert);
        options.useCache = false;
        auto fetched = RemoteJwksFetcher::fetchBlocking(source, issuer, options);
        if (!fetched) {
            return fetched.error();
        }
        for (const auto& warning : fetched->warnings) {
            ctx.errLine(QStringLiteral("tokenscope-cli: warning: %1").arg(warning));
        }
        if (issuer) {
            source = fetched->url.toString(); // the jwks_uri the discovery document named
        }
        // Parsed again below like a file, so --allow-weak-keys and the single-key checks apply the same way.
        text = fetched->body;
    } else {
        source = parser.isSet(m_jwk)    ? parser.value(m_jwk)
                 : parser.isSet(m_jwks) ? parser.value(m_jwks)
                                        : parser.value(m_pem);
        auto read = ctx.readInput(source, KeyText::kMaxSize);
        if (!read) {
            return read.error();
        }
        text = read.value();
    }
    auto parsed = KeyText::parse(text, passphrase, importOptions);
    if (!parsed) {
        return Error(parsed.error().code, QStringLiteral("%1: %2").arg(source, parsed.error().message));
    }
    loaded.keys = parsed->keys;
    loaded.single = parsed->format != ParsedKeyText::Format::JwkSet;
    if ((parser.isSet(m_jwks) || issuer) && loaded.single) {
        return Error(ErrorCode::JwksInvalid,
                     QStringLiteral("%1 is a single key, not a JWK Set (use --jwk)").arg(source));
    }
    if ((parser.isSet(m_jwk) || parser.isSet(m_pem)) && !loaded.single) {
        return Error(ErrorCode::JwkInvalid, QStringLiteral("%1 is a JWK Set (use --jwks)").arg(source));
    }
    loaded.description = loaded.single
                             ? QStringLiteral("%1 key from %2").arg(loaded.keys.keys().first().ktyName(), source)
                             : QStringLiteral("JWK Set from %1 (%2 keys)").arg(source).arg(loaded.keys.keys().size());
    for (const auto& r : loaded.keys.rejected()) {
        ctx.errLine(QStringLiteral("tokenscope-cli: warning: key %1 of %2 skipped: %3")
                        .arg(r.index)
                        .arg(source, r.error.toString()));
    }
    return loaded;
}
