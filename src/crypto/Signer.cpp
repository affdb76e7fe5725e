// SPDX-License-Identifier: MIT
#include "crypto/Signer.h"

#include "crypto/OpenSslUtil.h"

#include <openssl/rsa.h>

#include <array>

using namespace ossl;

namespace {

bool kindFits(SigScheme::Kind kind, AsymmetricKey::Type type)
{
    switch (kind) {
    case SigScheme::Kind::RsaPkcs1:
    case SigScheme::Kind::RsaPss:
        return type == AsymmetricKey::Type::Rsa;
    case SigScheme::Kind::Ecdsa:
        return type == AsymmetricKey::Type::Ec;
    case SigScheme::Kind::EdDsa:
        return type == AsymmetricKey::Type::Okp;
    }
    return false;
}

QString kindName(SigScheme::Kind kind)
{
    switch (kind) {
    case SigScheme::Kind::RsaPkcs1:
        return QStringLiteral("RSASSA-PKCS1-v1_5");
    case SigScheme::Kind::RsaPss:
        return QStringLiteral("RSASSA-PSS");
    case SigScheme::Kind::Ecdsa:
        return QStringLiteral("ECDSA");
    case SigScheme::Kind::EdDsa:
        return QStringLiteral("EdDSA");
    }
    return {};
}

QString typeName(AsymmetricKey::Type type)
{
    switch (type) {
    case AsymmetricKey::Type::Rsa:
        return QStringLiteral("RSA");
    case AsymmetricKey::Type::Ec:
        return QStringLiteral("EC");
    case AsymmetricKey::Type::Okp:
        return QStringLiteral("OKP");
    }
    return {};
}

/// RSA padding and, for PSS, RFC 7518 §3.5's parameters: MGF1 with the signature hash and a salt as long as the
/// hash. RSA_PSS_SALTLEN_DIGEST makes verification insist on exactly that salt length.
bool configureRsa(EVP_PKEY_CTX* ctx, SigScheme scheme)
{
    if (scheme.kind == SigScheme::Kind::RsaPkcs1)
        return EVP_PKEY_CTX_set_rsa_padding(ctx, RSA_PKCS1_PADDING) == 1;
    const EVP_MD* type = md(scheme.hash);
    return EVP_PKEY_CTX_set_rsa_padding(ctx, RSA_PKCS1_PSS_PADDING) == 1 &&
           EVP_PKEY_CTX_set_rsa_mgf1_md(ctx, type) == 1 &&
           EVP_PKEY_CTX_set_rsa_pss_saltlen(ctx, RSA_PSS_SALTLEN_DIGEST) == 1;
}

/// A verification context for (key, scheme): EVP_PKEY_verify over a precomputed digest, as `openssl speed` does.
PkeyCtxPtr newVerifyCtx(EVP_PKEY* pkey, SigScheme scheme)
{
    PkeyCtxPtr ctx(EVP_PKEY_CTX_new_from_pkey(nullptr, pkey, nullptr));
    if (!ctx || EVP_PKEY_verify_init(ctx.get()) != 1)
        return nullptr;
    if (scheme.kind != SigScheme::Kind::Ecdsa && !configureRsa(ctx.get(), scheme))
        return nullptr;
    if (EVP_PKEY_CTX_set_signature_md(ctx.get(), md(scheme.hash)) != 1)
        return nullptr;
    return ctx;
}

/// Per-thread cache of initialised verification contexts for public keys.
///
/// Why: in OpenSSL 3.0 creating and initialising an EVP_PKEY_CTX costs a method-store fetch under a global lock,
/// which is a sizeable share of an RSA-2048 verification and serialises threads. A context initialised once can
/// verify any number of times (EVP_PKEY_verify keeps no per-call state). Each thread owns its contexts, so a shared
/// key is only ever read concurrently, never a context. Each entry holds a reference to its key (the context
/// up-refs it), so a key's address cannot be reused by another key while it is cached. The cache is small and
/// round-robin, and only holds public keys, so no private key outlives its last AsymmetricKey because of it.
class VerifyCtxCache
{
public:
    EVP_PKEY_CTX* get(EVP_PKEY* pkey, SigScheme scheme)
    {
        for (Entry& e : m_entries) {
            if (e.pkey == pkey && e.kind == scheme.kind && e.hash == scheme.hash && e.ctx)
                return e.ctx.get();
        }
        PkeyCtxPtr ctx = newVerifyCtx(pkey, scheme);
        if (!ctx)
            return nullptr;
        Entry& slot = m_entries[m_next];
        m_next = (m_next + 1) % m_entries.size();
        slot.pkey = pkey;
        slot.kind = scheme.kind;
        slot.hash = scheme.hash;
        slot.ctx = std::move(ctx);
        return slot.ctx.get();
    }

private:
    struct Entry
    {
        const EVP_PKEY* pkey = nullptr;
        SigScheme::Kind kind = SigScheme::Kind::RsaPkcs1;
        HashAlg hash = HashAlg::Sha256;
        PkeyCtxPtr ctx;
    };
    std::array<Entry, 8> m_entries;
    size_t m_next = 0;
};

bool isAllZero(QByteArrayView bytes)
{
    for (char c : bytes) {
        if (c != 0)
            return false;
    }
    return true;
}

bool verifyEdDsa(EVP_PKEY* pkey, QByteArrayView data, QByteArrayView signature)
{
    // RFC 8032 PureEdDSA is one-shot: no pre-hash, so no md (RFC 8037 §3.1).
    MdCtxPtr mdctx(EVP_MD_CTX_new());
    const bool ok =
        mdctx && EVP_DigestVerifyInit(mdctx.get(), nullptr, nullptr, nullptr, pkey) == 1 &&
        EVP_DigestVerify(mdctx.get(), reinterpret_cast<const unsigned char*>(signature.data()),
                         static_cast<size_t>(signature.size()), reinterpret_cast<const unsigned char*>(data.data()),
                         static_cast<size_t>(data.size())) == 1;
    ERR_clear_error();
    return ok;
}

} // namespace

Result<QByteArray> Signer::sign(const AsymmetricKey& privateKey, SigScheme scheme, QByteArrayView data)
{
    if (privateKey.isNull())
        return Error(ErrorCode::KeyAlgMismatch, QStringLiteral("no key"));
    if (!kindFits(scheme.kind, privateKey.type()))
        return Error(ErrorCode::KeyAlgMismatch,
                     QString(QStringLiteral("an ") + typeName(privateKey.type()) + QStringLiteral(" key cannot make ") +
                             kindName(scheme.kind) + QStringLiteral(" signatures")));
    if (!privateKey.isPrivate())
        return Error(ErrorCode::KeyAlgMismatch, QStringLiteral("signing needs a private key"));

    EVP_PKEY* pkey = privateKey.handle();
    MdCtxPtr mdctx(EVP_MD_CTX_new());
    EVP_PKEY_CTX* pctx = nullptr; // owned by mdctx
    const EVP_MD* type = scheme.kind == SigScheme::Kind::EdDsa ? nullptr : md(scheme.hash);
    if (!mdctx || EVP_DigestSignInit(mdctx.get(), &pctx, type, nullptr, pkey) != 1)
        return errorWithQueue(ErrorCode::CryptoFailure, QStringLiteral("EVP_DigestSignInit failed"));
    if ((scheme.kind == SigScheme::Kind::RsaPkcs1 || scheme.kind == SigScheme::Kind::RsaPss) &&
        !configureRsa(pctx, scheme))
        return errorWithQueue(ErrorCode::CryptoFailure, QStringLiteral("cannot set RSA padding"));

    const auto* in = reinterpret_cast<const unsigned char*>(data.data());
    const auto inLen = static_cast<size_t>(data.size());
    size_t len = 0;
    if (EVP_DigestSign(mdctx.get(), nullptr, &len, in, inLen) != 1)
        return errorWithQueue(ErrorCode::CryptoFailure, QStringLiteral("EVP_DigestSign failed"));
    QByteArray signature(static_cast<qsizetype>(len), '\0');
    if (EVP_DigestSign(mdctx.get(), reinterpret_cast<unsigned char*>(signature.data()), &len, in, inLen) != 1)
        return errorWithQueue(ErrorCode::CryptoFailure, QStringLiteral("EVP_DigestSign failed"));
    signature.truncate(static_cast<qsizetype>(len));

    if (scheme.kind == SigScheme::Kind::Ecdsa)
        return ecdsaDerToRaw(signature, curveCoordinateSize(privateKey.curve()));
    return signature;
}

bool Signer::verify(const AsymmetricKey& key, SigScheme scheme, QByteArrayView data, QByteArrayView signature)
{
    if (key.isNull() || !kindFits(scheme.kind, key.type()))
        return false;
    EVP_PKEY* pkey = key.handle();
    if (scheme.kind == SigScheme::Kind::EdDsa)
        return verifyEdDsa(pkey, data, signature);

    QByteArray der; // ECDSA only
    QByteArrayView sig = signature;
    if (scheme.kind == SigScheme::Kind::Ecdsa) {
        // RFC 7518 §3.4: R || S, each exactly the coordinate size. r = 0 or s = 0 is never valid (SEC 1 §4.1.4
        // step 1); checking here as well as in OpenSSL guards against "psychic signatures" (CVE-2022-21449).
        const int coordinate = curveCoordinateSize(key.curve());
        if (signature.size() != 2 * coordinate || isAllZero(signature.first(coordinate)) ||
            isAllZero(signature.sliced(coordinate)))
            return false;
        auto converted = ecdsaRawToDer(signature);
        if (!converted.ok())
            return false;
        der = std::move(converted).value();
        sig = der;
    } else if (signature.size() != EVP_PKEY_get_size(pkey)) {
        // RFC 8017 §8.2.2 step 1 / §8.1.2 step 1: the signature is exactly k octets, k the modulus length.
        return false;
    }

    unsigned char digest[EVP_MAX_MD_SIZE];
    unsigned int digestLen = 0;
    if (EVP_Digest(data.data(), static_cast<size_t>(data.size()), digest, &digestLen, md(scheme.hash), nullptr) != 1) {
        ERR_clear_error();
        return false;
    }

    int rc = 0;
    if (key.isPrivate()) {
        PkeyCtxPtr ctx = newVerifyCtx(pkey, scheme);
        rc = ctx ? EVP_PKEY_verify(ctx.get(), reinterpret_cast<const unsigned char*>(sig.data()),
                                   static_cast<size_t>(sig.size()), digest, digestLen)
                 : 0;
    } else {
        thread_local VerifyCtxCache cache;
        EVP_PKEY_CTX* ctx = cache.get(pkey, scheme);
        rc = ctx != nullptr ? EVP_PKEY_verify(ctx, reinterpret_cast<const unsigned char*>(sig.data()),
                                              static_cast<size_t>(sig.size()), digest, digestLen)
                            : 0;
    }
    ERR_clear_error(); // a bad signature queues errors; they are not news, and must not leak into later messages
    return rc == 1;
}

Result<QByteArray> Signer::ecdsaRawToDer(QByteArrayView raw)
{
    if (raw.isEmpty() || raw.size() % 2 != 0)
        return Error(ErrorCode::JwsInvalid,
                     QStringLiteral("an ECDSA signature is R || S of two equal halves (RFC 7518 §3.4)"));
    const qsizetype half = raw.size() / 2;
    BnPtr r(BN_bin2bn(reinterpret_cast<const unsigned char*>(raw.data()), static_cast<int>(half), nullptr));
    BnPtr s(BN_bin2bn(reinterpret_cast<const unsigned char*>(raw.data()) + half, static_cast<int>(half), nullptr));
    EcdsaSigPtr sig(ECDSA_SIG_new());
    if (!r || !s || !sig || ECDSA_SIG_set0(sig.get(), r.get(), s.get()) != 1)
        return errorWithQueue(ErrorCode::CryptoFailure, QStringLiteral("ECDSA_SIG_set0 failed"));
    r.release(); // now owned by sig
    s.release();
    const int len = i2d_ECDSA_SIG(sig.get(), nullptr);
    if (len <= 0)
        return errorWithQueue(ErrorCode::CryptoFailure, QStringLiteral("i2d_ECDSA_SIG failed"));
    QByteArray der(len, '\0');
    auto* p = reinterpret_cast<unsigned char*>(der.data());
    if (i2d_ECDSA_SIG(sig.get(), &p) != len)
        return errorWithQueue(ErrorCode::CryptoFailure, QStringLiteral("i2d_ECDSA_SIG failed"));
    return der;
}

Result<QByteArray> Signer::ecdsaDerToRaw(QByteArrayView der, int coordinateSize)
{
    if (coordinateSize <= 0)
        return Error(ErrorCode::Generic, QStringLiteral("invalid coordinate size"));
    const auto* begin = reinterpret_cast<const unsigned char*>(der.data());
    const unsigned char* p = begin;
    EcdsaSigPtr sig(d2i_ECDSA_SIG(nullptr, &p, static_cast<long>(der.size())));
    if (!sig || p != begin + der.size()) {
        ERR_clear_error();
        return Error(ErrorCode::JwsInvalid, QStringLiteral("not a DER ECDSA-Sig-Value (RFC 3279 §2.2.3)"));
    }
    // Strict DER: the re-encoding must give the same bytes (no BER leniency, no non-minimal integers).
    const int len = i2d_ECDSA_SIG(sig.get(), nullptr);
    QByteArray reencoded(len > 0 ? len : 0, '\0');
    auto* out = reinterpret_cast<unsigned char*>(reencoded.data());
    if (len <= 0 || i2d_ECDSA_SIG(sig.get(), &out) != len || QByteArrayView(reencoded) != der) {
        ERR_clear_error();
        return Error(ErrorCode::JwsInvalid, QStringLiteral("ECDSA signature is not DER"));
    }
    const BIGNUM* r = ECDSA_SIG_get0_r(sig.get());
    const BIGNUM* s = ECDSA_SIG_get0_s(sig.get());
    if (BN_is_negative(r) || BN_is_negative(s) || BN_num_bytes(r) > coordinateSize || BN_num_bytes(s) > coordinateSize)
        return Error(ErrorCode::JwsInvalid, QStringLiteral("ECDSA signature value does not fit the curve"));
    QByteArray raw = bnToBytes(r, coordinateSize);
    raw.append(bnToBytes(s, coordinateSize));
    return raw;
}
