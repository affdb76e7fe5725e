// SPDX-License-Identifier: MIT
#include "jose/KeyText.h"

#include "core/JsonText.h"
#include "crypto/Certificate.h"

Result<ParsedKeyText> KeyText::parse(const QByteArray& text, const QByteArray& passphrase,
                                     const JwkImportOptions& options)
{
    if (text.size() > kMaxSize) {
        return Error(ErrorCode::InputTooLarge,
                     QStringLiteral("key text of %1 bytes exceeds the %2-byte limit").arg(text.size()).arg(kMaxSize));
    }
    const QByteArray trimmed = text.trimmed();
    if (trimmed.isEmpty()) {
        return Error(ErrorCode::JwkInvalid, QStringLiteral("no key text"));
    }
    ParsedKeyText out;
    if (trimmed.startsWith('{')) {
        auto object = JsonText::parseObject(trimmed, false);
        if (!object) {
            return Error(ErrorCode::JsonInvalid, QStringLiteral("key JSON: %1").arg(object.error().message));
        }
        if (object->contains(QLatin1String("keys"))) {
            auto set = Jwks::fromJsonObject(object.value(), options);
            if (!set) {
                return set.error();
            }
            out.format = ParsedKeyText::Format::JwkSet;
            out.keys = set.value();
            return out;
        }
        auto jwk = Jwk::fromJson(object.value(), options);
        if (!jwk) {
            return jwk.error();
        }
        out.format = ParsedKeyText::Format::Jwk;
        out.keys = Jwks(QList<Jwk>{jwk.value()});
        return out;
    }
    if (trimmed.startsWith("-----BEGIN CERTIFICATE-----")) {
        auto cert = Certificate::fromPem(trimmed);
        if (!cert) {
            return cert.error();
        }
        out.format = ParsedKeyText::Format::PemCertificate;
        out.keys = Jwks(QList<Jwk>{Jwk::fromKey(cert->publicKey())});
        return out;
    }
    if (trimmed.startsWith("-----BEGIN ")) {
        auto key = AsymmetricKey::fromPem(trimmed, passphrase);
        if (!key) {
            return key.error();
        }
        out.format = ParsedKeyText::Format::PemKey;
        out.keys = Jwks(QList<Jwk>{Jwk::fromKey(key.value())});
        return out;
    }
    return Error(ErrorCode::JwkInvalid,
                 QStringLiteral("not a JWK, JWK Set or PEM block (expected '{' or '-----BEGIN ...-----')"));
}
