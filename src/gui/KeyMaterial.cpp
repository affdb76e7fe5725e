// SPDX-License-Identifier: MIT
#include "gui/KeyMaterial.h"

#include "core/Base64Url.h"
#include "jose/KeyText.h"

namespace {

Result<QByteArray> secretBytes(const QByteArray& text, KeyMaterial::SecretEncoding encoding)
{
    if (encoding == KeyMaterial::SecretEncoding::Utf8)
        return text;
    return Base64Url::decode(text.trimmed());
}

} // namespace

Result<Jwks> KeyMaterial::verificationKeys(Kind kind, const QByteArray& text, SecretEncoding encoding)
{
    if (text.trimmed().isEmpty())
        return Error(ErrorCode::Usage, QStringLiteral("no key material given"));
    if (kind == Kind::Secret) {
        auto secret = secretBytes(text, encoding);
        if (!secret)
            return secret.error();
        return Jwks({Jwk::fromSecret(secret.value())});
    }
    // PEM, JWK and JWK Set are recognised by their syntax in the engine (the CLI uses the same function).
    auto parsed = KeyText::parse(text);
    if (!parsed)
        return parsed.error();
    if (parsed->format == ParsedKeyText::Format::JwkSet)
        return parsed->keys;
    QList<Jwk> keys;
    for (const Jwk& key : parsed->keys.keys())
        keys << (key.isSymmetric() ? key : key.publicJwk());
    return Jwks(keys);
}

Result<Jwk> KeyMaterial::signingKey(Kind kind, const QByteArray& text, SecretEncoding encoding)
{
    if (text.trimmed().isEmpty())
        return Error(ErrorCode::Usage, QStringLiteral("no signing key given"));
    if (kind == Kind::Secret) {
        auto secret = secretBytes(text, encoding);
        if (!secret)
            return secret.error();
        return Jwk::fromSecret(secret.value());
    }
    auto parsed = KeyText::parse(text);
    if (!parsed)
        return parsed.error();
    if (parsed->format == ParsedKeyText::Format::JwkSet || parsed->keys.keys().size() != 1)
        return Error(ErrorCode::Usage, QStringLiteral("choose one key to sign with, not a key set"));
    const Jwk key = parsed->keys.keys().first();
    if (!key.isSymmetric() && !key.isPrivate())
        return Error(ErrorCode::Usage, QStringLiteral("a public key cannot sign: give a private key"));
    return key;
}

Result<Jwks> KeyMaterial::jweKeys(JweKeyKind kind, const QByteArray& text, bool* single)
{
    if (single)
        *single = true;
    switch (kind) {
    case JweKeyKind::Key: {
        if (text.trimmed().isEmpty())
            return Error(ErrorCode::Usage, QStringLiteral("no key given"));
        auto parsed = KeyText::parse(text, {}, JwkImportOptions{true, true});
        if (!parsed)
            return parsed.error();
        if (parsed->keys.isEmpty())
            return Error(ErrorCode::Usage, QStringLiteral("no usable key"));
        if (single)
            *single = parsed->format != ParsedKeyText::Format::JwkSet;
        return parsed->keys;
    }
    case JweKeyKind::SymmetricKey: {
        auto secret = Base64Url::decode(text.trimmed());
        if (!secret || secret->isEmpty())
            return Error(ErrorCode::Usage, QStringLiteral("the symmetric key must be base64url"));
        return Jwks({Jwk::fromSecret(secret.value())});
    }
    case JweKeyKind::Password:
        if (text.isEmpty())
            return Error(ErrorCode::Usage, QStringLiteral("enter the password"));
        return Jwks({Jwk::fromSecret(text)});
    }
    return Error(ErrorCode::Usage, QStringLiteral("unknown key kind"));
}

Result<Jwk> KeyMaterial::jweEncryptionKey(JweKeyKind kind, const QByteArray& text)
{
    bool single = true;
    auto keys = jweKeys(kind, text, &single);
    if (!keys)
        return keys.error();
    if (!single || keys->keys().size() != 1)
        return Error(ErrorCode::Usage, QStringLiteral("choose one key to encrypt to, not a key set"));
    return keys->keys().first();
}

KeyMaterial::Kind KeyMaterial::guessKind(const QByteArray& text)
{
    const QByteArray trimmed = text.trimmed();
    if (trimmed.startsWith("-----BEGIN"))
        return Kind::Pem;
    if (trimmed.startsWith('{'))
        return trimmed.contains("\"keys\"") ? Kind::Jwks : Kind::Jwk;
    return Kind::Secret;
}

QString KeyMaterial::describe(const Jwk& key)
{
    QString text = QStringLiteral("%1 %2 bit").arg(key.ktyName()).arg(key.bits());
    if (const auto curve = key.curve())
        text = QStringLiteral("%1 %2").arg(key.ktyName(), curveName(*curve));
    if (!key.kid().isEmpty())
        text += QStringLiteral(", kid=") + key.kid();
    if (!key.alg().isEmpty())
        text += QStringLiteral(", alg=") + key.alg();
    return text;
}
