// SPDX-License-Identifier: MIT
#include "jose/JweAlgorithmTable.h"

#include <algorithm>

namespace {
using K = JweKeyAlgorithm::Family;
using C = JweContentAlgorithm::Family;

QList<JweKeyAlgorithm> makeKeyTable()
{
    const QString rsa = QStringLiteral("RSA");
    const QString oct = QStringLiteral("oct");
    const QString ec = QStringLiteral("EC");
    return {
        // RFC 7518 §4.2 / §4.3 (RSA-OAEP-384/512: registered by panva/jose and the JOSE IANA registry).
        {QStringLiteral("RSA1_5"), K::Rsa1_5, HashAlg::Sha256, 0, rsa},
        {QStringLiteral("RSA-OAEP"), K::RsaOaep, HashAlg::Sha1, 0, rsa},
        {QStringLiteral("RSA-OAEP-256"), K::RsaOaep, HashAlg::Sha256, 0, rsa},
        {QStringLiteral("RSA-OAEP-384"), K::RsaOaep, HashAlg::Sha384, 0, rsa},
        {QStringLiteral("RSA-OAEP-512"), K::RsaOaep, HashAlg::Sha512, 0, rsa},
        // RFC 7518 §4.4.
        {QStringLiteral("A128KW"), K::AesKw, HashAlg::Sha256, 16, oct},
        {QStringLiteral("A192KW"), K::AesKw, HashAlg::Sha256, 24, oct},
        {QStringLiteral("A256KW"), K::AesKw, HashAlg::Sha256, 32, oct},
        // RFC 7518 §4.5.
        {QStringLiteral("dir"), K::Direct, HashAlg::Sha256, 0, oct},
        // RFC 7518 §4.6; RFC 8037 §3.2 for X25519/X448.
        {QStringLiteral("ECDH-ES"), K::EcdhEs, HashAlg::Sha256, 0, ec},
        {QStringLiteral("ECDH-ES+A128KW"), K::EcdhEsKw, HashAlg::Sha256, 16, ec},
        {QStringLiteral("ECDH-ES+A192KW"), K::EcdhEsKw, HashAlg::Sha256, 24, ec},
        {QStringLiteral("ECDH-ES+A256KW"), K::EcdhEsKw, HashAlg::Sha256, 32, ec},
        // RFC 7518 §4.7.
        {QStringLiteral("A128GCMKW"), K::AesGcmKw, HashAlg::Sha256, 16, oct},
        {QStringLiteral("A192GCMKW"), K::AesGcmKw, HashAlg::Sha256, 24, oct},
        {QStringLiteral("A256GCMKW"), K::AesGcmKw, HashAlg::Sha256, 32, oct},
        // RFC 7518 §4.8.
        {QStringLiteral("PBES2-HS256+A128KW"), K::Pbes2, HashAlg::Sha256, 16, oct},
        {QStringLiteral("PBES2-HS384+A192KW"), K::Pbes2, HashAlg::Sha384, 24, oct},
        {QStringLiteral("PBES2-HS512+A256KW"), K::Pbes2, HashAlg::Sha512, 32, oct},
    };
}

QList<JweContentAlgorithm> makeContentTable()
{
    return {
        // RFC 7518 §5.2.3-5.2.5: key = MAC key || ENC key, 128-bit IV, tag = half the HMAC.
        {QStringLiteral("A128CBC-HS256"), C::AesCbcHmac, 32, 16, 16},
        {QStringLiteral("A192CBC-HS384"), C::AesCbcHmac, 48, 16, 24},
        {QStringLiteral("A256CBC-HS512"), C::AesCbcHmac, 64, 16, 32},
        // RFC 7518 §5.3: 96-bit IV, 128-bit tag.
        {QStringLiteral("A128GCM"), C::AesGcm, 16, 12, 16},
        {QStringLiteral("A192GCM"), C::AesGcm, 24, 12, 16},
        {QStringLiteral("A256GCM"), C::AesGcm, 32, 12, 16},
    };
}

/// The entry named exactly `name` (case-sensitive, RFC 7516 §4.1.1/§4.1.2), or null.
template <typename Entry, typename Name> const Entry* findByName(const QList<Entry>& table, const Name& name)
{
    const auto it = std::find_if(table.cbegin(), table.cend(), [&name](const Entry& e) { return e.name == name; });
    return it == table.cend() ? nullptr : &*it;
}

} // namespace

const QList<JweKeyAlgorithm>& JweAlgorithmTable::keyAlgorithms()
{
    static const QList<JweKeyAlgorithm> table = makeKeyTable();
    return table;
}

const QList<JweContentAlgorithm>& JweAlgorithmTable::contentAlgorithms()
{
    static const QList<JweContentAlgorithm> table = makeContentTable();
    return table;
}

const JweKeyAlgorithm* JweAlgorithmTable::findKey(QStringView name)
{
    return findByName(keyAlgorithms(), name);
}

const JweContentAlgorithm* JweAlgorithmTable::findContent(QStringView name)
{
    return findByName(contentAlgorithms(), name);
}

const JweKeyAlgorithm* JweAlgorithmTable::findKey(QLatin1StringView name)
{
    return findByName(keyAlgorithms(), name);
}

const JweContentAlgorithm* JweAlgorithmTable::findContent(QLatin1StringView name)
{
    return findByName(contentAlgorithms(), name);
}

QStringList JweAlgorithmTable::keyNames()
{
    QStringList out;
    for (const auto& a : keyAlgorithms()) {
        out.append(a.name);
    }
    return out;
}

QStringList JweAlgorithmTable::contentNames()
{
    QStringList out;
    for (const auto& a : contentAlgorithms()) {
        out.append(a.name);
    }
    return out;
}

int JweAlgorithmTable::octKeyBytesFor(QStringView alg)
{
    if (const JweKeyAlgorithm* k = findKey(alg)) {
        if (k->family == K::Pbes2 || k->family == K::Direct) {
            return 0;
        }
        return k->kty == QLatin1String("oct") ? k->kekBytes : -1;
    }
    if (const JweContentAlgorithm* c = findContent(alg)) {
        return c->keyBytes;
    }
    return -1;
}
