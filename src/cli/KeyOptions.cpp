// SPDX-License-Identifier: MIT
#include "cli/KeyOptions.h"

#include "cli/KeySource.h"
#include "core/Base64Url.h"

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
    KeySource::Request request;
    request.issuer = parser.isSet(m_issuer);
    request.wantSet = request.issuer || parser.isSet(m_jwks);
    request.location = request.issuer         ? parser.value(m_issuer)
                       : parser.isSet(m_jwk)  ? parser.value(m_jwk)
                       : parser.isSet(m_jwks) ? parser.value(m_jwks)
                                              : parser.value(m_pem);
    request.caFile = parser.value(m_caCert);
    request.passphrase = passphrase;
    request.importOptions = importOptions;
    auto source = KeySource::load(request, ctx);
    if (!source) {
        return source.error();
    }
    loaded.keys = source->keys;
    loaded.single = source->single;
    loaded.description = source->description;
    return loaded;
}
