// SPDX-License-Identifier: MIT
#include "crypto/EcdhAgreement.h"

#include "crypto/OpenSslUtil.h"

#include <mutex>
#include <vector>

namespace {

Error ecdhInvalidPeer(const QString& context)
{
    const Error e = ossl::errorWithQueue(ErrorCode::JweInvalid, context);
    return Error(e.code, e.message, QString(), QStringLiteral("epk-invalid"));
}

Error ecdhKeyMismatch()
{
    return Error(ErrorCode::KeyAlgMismatch,
                 QStringLiteral("ECDH needs a private key and a public key on the same curve"));
}

} // namespace

struct EcdhAgreement::Pool
{
    /// One thread's tools for this key: made on the thread's first agreement, used by that thread only.
    struct Slot
    {
        ossl::PkeyCtxPtr derive;    // EVP_PKEY_derive_init done, for the private key
        ossl::PkeyPtr peer;         // EC only: a public key on the private key's curve; its point is replaced per call
        ossl::PkeyCtxPtr peerCheck; // EC only: for EVP_PKEY_public_check_quick on `peer`
        bool peerSet = false;       // EC only: `peer` is the derive context's peer
        bool peerCheckedByDecode = false; // EC only: a NIST curve, decoding a point validates it (see below)
    };

    AsymmetricKey key;
    std::mutex mutex;                         // `slots`: taken once per thread, not per agreement
    std::vector<std::unique_ptr<Slot>> slots; // every thread's slot; freed with the pool (and the key)

    /// The calling thread's slot, ready for an agreement (null on failure, with the OpenSSL error queue filled).
    /// Each thread finds its slot in a thread-local list, so an agreement writes nothing another thread reads: with
    /// a shared list of idle contexts under a mutex, the mutex and the list were cache lines both decrypting threads
    /// wrote per token (docs/PERFORMANCE.md, "JWE round 9"). The list holds the pool by weak_ptr and is searched by
    /// owner: an expired entry keeps its control block allocated, so a later pool can never match it, and its slot
    /// (freed with its pool) is never touched; the entries of dead pools are dropped when a thread adds one.
    static Slot* slotFor(const std::shared_ptr<Pool>& pool, bool withPeer)
    {
        thread_local std::vector<std::pair<std::weak_ptr<Pool>, Slot*>> mine;
        Slot* slot = nullptr;
        for (const auto& [owner, s] : mine) {
            if (!owner.owner_before(pool) && !pool.owner_before(owner)) {
                slot = s;
                break;
            }
        }
        if (!slot) {
            auto made = std::make_unique<Slot>();
            slot = made.get();
            {
                const std::lock_guard<std::mutex> lock(pool->mutex);
                pool->slots.push_back(std::move(made));
            }
            std::erase_if(mine, [](const auto& entry) { return entry.first.expired(); });
            mine.emplace_back(pool, slot);
        }
        if (!slot->derive) {
            slot->derive.reset(EVP_PKEY_CTX_new_from_pkey(nullptr, pool->key.handle(), nullptr));
            if (!slot->derive || EVP_PKEY_derive_init(slot->derive.get()) != 1) {
                slot->derive.reset();
                return nullptr;
            }
        }
        if (withPeer && !slot->peer) {
            // The curve parameters are copied once per slot, not once per peer.
            slot->peer.reset(EVP_PKEY_new());
            if (!slot->peer || EVP_PKEY_copy_parameters(slot->peer.get(), pool->key.handle()) != 1) {
                slot->peer.reset();
                return nullptr;
            }
            const Curve curve = pool->key.curve();
            slot->peerCheckedByDecode = curve == Curve::P256 || curve == Curve::P384 || curve == Curve::P521;
            if (!slot->peerCheckedByDecode) {
                slot->peerCheck.reset(EVP_PKEY_CTX_new_from_pkey(nullptr, slot->peer.get(), nullptr));
                if (!slot->peerCheck) {
                    slot->peer.reset();
                    return nullptr;
                }
            }
        }
        return slot;
    }

    /// After a failed agreement the slot starts again from nothing on the thread's next call, so that no
    /// half-replaced peer point and no context in an unknown state is ever reused.
    static void reset(Slot* slot) { *slot = Slot(); }
};

namespace {

Result<QByteArray> deriveSharedSecret(EVP_PKEY_CTX* ctx)
{
    size_t len = 0;
    if (EVP_PKEY_derive(ctx, nullptr, &len) != 1)
        return ossl::errorWithQueue(ErrorCode::CryptoFailure, QStringLiteral("ECDH failed"));
    QByteArray z(qsizetype(len), '\0');
    if (EVP_PKEY_derive(ctx, reinterpret_cast<unsigned char*>(z.data()), &len) != 1) {
        // OpenSSL refuses an all-zero X25519/X448 output (RFC 7748 §6.1): a low-order point.
        return ecdhInvalidPeer(QStringLiteral("ECDH key agreement failed"));
    }
    z.truncate(qsizetype(len));
    return z;
}

} // namespace

EcdhAgreement::EcdhAgreement(const AsymmetricKey& privateKey)
{
    if (privateKey.isNull() || !privateKey.isPrivate() || privateKey.type() == AsymmetricKey::Type::Rsa)
        return;
    m_pool = std::make_shared<Pool>();
    m_pool->key = privateKey;
}

Result<QByteArray> EcdhAgreement::sharedSecret(const AsymmetricKey& peerPublic) const
{
    if (!m_pool || peerPublic.isNull() || m_pool->key.type() != peerPublic.type() ||
        m_pool->key.curve() != peerPublic.curve())
        return ecdhKeyMismatch();
    // The peer point must be on the curve (invalid-curve attacks, Jager et al., ESORICS 2015). Keys from JWKs were
    // checked on import, PEM keys perhaps not, so check here; the quick check (on the curve, coordinates in range) is
    // complete for the cofactor-1 NIST curves, and X25519/X448 need none (RFC 7748 §6; the all-zero result is
    // refused in deriveSharedSecret()). Validating again inside EVP_PKEY_derive_set_peer_ex would add a scalar
    // multiplication.
    ossl::PkeyCtxPtr peerCheck(EVP_PKEY_CTX_new_from_pkey(nullptr, peerPublic.handle(), nullptr));
    if (!peerCheck || EVP_PKEY_public_check_quick(peerCheck.get()) != 1)
        return ecdhInvalidPeer(QStringLiteral("invalid ephemeral public key"));
    Pool::Slot* slot = Pool::slotFor(m_pool, false);
    if (!slot)
        return ossl::errorWithQueue(ErrorCode::CryptoFailure, QStringLiteral("ECDH init failed"));
    // The context's peer is now this key, no longer the slot's own peer key (see sharedSecretWithPoint).
    slot->peerSet = false;
    Result<QByteArray> z = EVP_PKEY_derive_set_peer_ex(slot->derive.get(), peerPublic.handle(), 0) == 1
                               ? deriveSharedSecret(slot->derive.get())
                               : Result<QByteArray>(ecdhInvalidPeer(QStringLiteral("invalid ephemeral public key")));
    if (!z)
        Pool::reset(slot);
    return z;
}

Result<QByteArray> EcdhAgreement::sharedSecretWithPoint(QByteArrayView point) const
{
    if (!m_pool || m_pool->key.type() != AsymmetricKey::Type::Ec)
        return Error(ErrorCode::KeyAlgMismatch, QStringLiteral("an EC peer point needs an EC private key"));
    if (point.isEmpty() || point.front() != '\x04')
        return Error(ErrorCode::JweInvalid,
                     QStringLiteral("invalid ephemeral public key: not an uncompressed EC point"), QString(),
                     QStringLiteral("epk-invalid"));
    Pool::Slot* slot = Pool::slotFor(m_pool, true);
    if (!slot)
        return ossl::errorWithQueue(ErrorCode::CryptoFailure, QStringLiteral("ECDH init failed"));
    // EVP_PKEY_set1_encoded_public_key replaces the public point of an existing key with its parameters set
    // (EVP_PKEY_set1_encoded_public_key(3)). Decoding is the partial public-key validation of SP 800-56A
    // §5.6.2.3.4 (RFC 7518 §4.6's defence against invalid-curve attacks) for the NIST curves, as read in OpenSSL 3.0:
    // ec_set_params (providers/implementations/keymgmt/ec_kmgmt.c) calls EC_KEY_oct2key (crypto/ec/ec_key.c), which
    // decodes with EC_POINT_oct2point into ossl_ec_GFp_simple_oct2point (crypto/ec/ecp_oct.c): it takes exactly
    // 1 + 2 * field length bytes for 0x04, refuses x >= p and y >= p, and calls EC_POINT_set_affine_coordinates
    // (crypto/ec/ec_lib.c), which refuses a point with EC_POINT_is_on_curve false (since OpenSSL 1.1.1). A 0x04
    // point with affine coordinates is never the point at infinity (only 0x00 encodes it, refused above), and
    // P-256/384/521 have cofactor 1, so a point on the curve is in the prime-order subgroup. So
    // EVP_PKEY_public_check_quick would repeat the decode's checks (3.5 µs, 9 % of a P-256 agreement); it is kept for
    // any other curve. TestEcdhAgreement: all 355 Wycheproof ecdh_secp256r1_ecpoint tests, and off-curve, x = p (on
    // the curve mod p), infinity, compressed and short points on P-256 and P-384 refused with the same errors.
    if (EVP_PKEY_set1_encoded_public_key(slot->peer.get(), reinterpret_cast<const unsigned char*>(point.data()),
                                         size_t(point.size())) != 1) {
        Pool::reset(slot);
        return ecdhInvalidPeer(curveName(m_pool->key.curve()) + QStringLiteral(": not a point on the curve"));
    }
    if (!slot->peerCheckedByDecode && EVP_PKEY_public_check_quick(slot->peerCheck.get()) != 1) {
        Pool::reset(slot);
        return ecdhInvalidPeer(curveName(m_pool->key.curve()) +
                               QStringLiteral(": the point is not a valid public key"));
    }
    // The slot's peer key is set as the context's peer once, not per call: the derivation reads the peer key's
    // provider data, which EVP_PKEY_set1_encoded_public_key above replaced in place (EVP_PKEY_set_params on the same
    // pkey->keydata, the EC_KEY the context holds), so each call derives with the point just checked. sharedSecret()
    // sets another peer on a slot and clears peerSet. TestEcdhAgreement would show a stale point: the Wycheproof points
    // with their expected Z, each key's through one agreement, and calls of both kinds alternating on one pool.
    // Setting it per call cost ~1.3 µs of a ~46 µs agreement: a key-management fetch (method-store locks and reference
    // counts that every thread writes) and a group comparison that cannot fail within a slot.
    if (!slot->peerSet) {
        if (EVP_PKEY_derive_set_peer_ex(slot->derive.get(), slot->peer.get(), 0) != 1) {
            Pool::reset(slot);
            return ecdhInvalidPeer(QStringLiteral("invalid ephemeral public key"));
        }
        slot->peerSet = true;
    }
    Result<QByteArray> z = deriveSharedSecret(slot->derive.get());
    if (!z)
        Pool::reset(slot);
    return z;
}
