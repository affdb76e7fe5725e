// SPDX-License-Identifier: MIT
#include "crypto/AsymmetricKey.h"

#include "crypto/OpenSslUtil.h"

#include <openssl/pem.h>

#include <cstring>

using namespace ossl;

namespace {

Error jwkError(const QString& message)
{
    return Error(ErrorCode::JwkInvalid, message);
}

Error pemError(const QString& message)
{
    return Error(ErrorCode::PemInvalid, message);
}

/// Probes an optional BIGNUM parameter without leaving errors behind (a public key has no "d").
SecretBnPtr getBn(const EVP_PKEY* pkey, const char* name)
{
    BIGNUM* bn = nullptr;
    ERR_set_mark();
    const bool ok = EVP_PKEY_get_bn_param(pkey, name, &bn) == 1;
    ERR_pop_to_mark();
    if (!ok) {
        BN_clear_free(bn);
        return nullptr;
    }
    return SecretBnPtr(bn);
}

bool hasRawPrivateKey(const EVP_PKEY* pkey)
{
    size_t len = 0;
    ERR_set_mark();
    const bool ok = EVP_PKEY_get_raw_private_key(pkey, nullptr, &len) == 1 && len > 0;
    ERR_pop_to_mark();
    return ok;
}

std::optional<Curve> ecCurveOf(const EVP_PKEY* pkey)
{
    char group[80] = {};
    size_t len = 0;
    ERR_set_mark();
    const bool ok = EVP_PKEY_get_utf8_string_param(pkey, OSSL_PKEY_PARAM_GROUP_NAME, group, sizeof group, &len) == 1;
    ERR_pop_to_mark();
    if (!ok)
        return std::nullopt; // explicit curve parameters (RFC 5480 §2.1.1 forbids them in PKIX) or no group
    const int nid = OBJ_txt2nid(group);
    for (Curve c : {Curve::P256, Curve::P384, Curve::P521, Curve::Secp256k1}) {
        if (nid != NID_undef && nid == OBJ_txt2nid(curveOsslName(c)))
            return c;
    }
    return std::nullopt;
}

bool rsaConsistentWithoutCrt(const BIGNUM* n, const BIGNUM* e, const BIGNUM* d)
{
    // With only (n, e, d) OpenSSL has nothing to check against, so check that d inverts e on a sample:
    // (2^e)^d mod n == 2. A wrong d fails this with overwhelming probability.
    BnCtxPtr ctx(BN_CTX_new());
    BnPtr two(BN_new()), c(BN_new()), m(BN_new());
    if (!ctx || !two || !c || !m || BN_set_word(two.get(), 2) != 1)
        return false;
    if (BN_mod_exp(c.get(), two.get(), e, n, ctx.get()) != 1)
        return false;
    if (BN_mod_exp_mont_consttime(m.get(), c.get(), d, n, ctx.get(), nullptr) != 1)
        return false;
    return BN_cmp(m.get(), two.get()) == 0;
}

/// OpenSSL passphrase callback that never prompts: it hands over the caller's passphrase or fails. It also records
/// that a passphrase was needed, so that a failure can be reported as "needs a passphrase" / "wrong passphrase".
struct PassphraseState
{
    const QByteArray* passphrase = nullptr;
    bool asked = false;
};

int passphraseCallback(char* pass, size_t passSize, size_t* passLen, const OSSL_PARAM[], void* arg)
{
    auto* state = static_cast<PassphraseState*>(arg);
    state->asked = true;
    const QByteArray& p = *state->passphrase;
    if (p.isEmpty() || static_cast<size_t>(p.size()) > passSize)
        return 0;
    std::memcpy(pass, p.constData(), static_cast<size_t>(p.size()));
    *passLen = static_cast<size_t>(p.size());
    return 1;
}

/// Key material that OpenSSL parsed but adoptChecked() found inconsistent came from PEM/DER: say so in the code.
Result<AsymmetricKey> asPemResult(Result<AsymmetricKey> result)
{
    if (!result.ok() && result.error().code == ErrorCode::JwkInvalid)
        return Error(ErrorCode::PemInvalid, result.error().message);
    return result;
}

/// One OSSL_DECODER pass over `data` (input type "PEM" or "DER"; structure and key type may be null for "any").
/// *remaining receives the number of bytes after the decoded object.
PkeyPtr decodeKey(const QByteArray& data, const char* inputType, const char* structure, const char* keyType,
                  PassphraseState& state, size_t* remaining)
{
    EVP_PKEY* raw = nullptr;
    DecoderCtxPtr dctx(OSSL_DECODER_CTX_new_for_pkey(&raw, inputType, structure, keyType, 0, nullptr, nullptr));
    if (!dctx || OSSL_DECODER_CTX_get_num_decoders(dctx.get()) == 0 ||
        OSSL_DECODER_CTX_set_passphrase_cb(dctx.get(), passphraseCallback, &state) != 1)
        return nullptr;
    const unsigned char* p = uchars(data);
    *remaining = static_cast<size_t>(data.size());
    const bool ok = OSSL_DECODER_from_data(dctx.get(), &p, remaining) == 1;
    PkeyPtr pkey(raw);
    return ok ? std::move(pkey) : nullptr;
}

Result<AsymmetricKey> keyFromCertificateDer(const QByteArray& der, bool requireAll)
{
    const unsigned char* p = uchars(der);
    X509Ptr cert(d2i_X509(nullptr, &p, static_cast<long>(der.size())));
    if (!cert || (requireAll && p != uchars(der) + der.size())) {
        ERR_clear_error();
        return pemError(QStringLiteral("not a key or certificate"));
    }
    EVP_PKEY* pkey = X509_get_pubkey(cert.get());
    if (pkey == nullptr)
        return errorWithQueue(ErrorCode::PemInvalid, QStringLiteral("certificate has no usable public key"));
    return asPemResult(AsymmetricKey::adoptChecked(pkey));
}

} // namespace

AsymmetricKey AsymmetricKey::adopt(evp_pkey_st* pkey)
{
    auto result = adoptChecked(pkey);
    return result.ok() ? result.value() : AsymmetricKey();
}

Result<AsymmetricKey> AsymmetricKey::adoptChecked(evp_pkey_st* pkey)
{
    PkeyPtr owned(pkey);
    if (!owned)
        return Error(ErrorCode::Generic, QStringLiteral("null key"));
    AsymmetricKey key;
    if (EVP_PKEY_is_a(pkey, "RSA")) {
        key.m_type = Type::Rsa;
        key.m_private = static_cast<bool>(getBn(pkey, OSSL_PKEY_PARAM_RSA_D));
        // Keys from PEM/DER skip fromRsa(); apply its public checks here too (RFC 8017 §3.1).
        const SecretBnPtr n = getBn(pkey, OSSL_PKEY_PARAM_RSA_N);
        const SecretBnPtr e = getBn(pkey, OSSL_PKEY_PARAM_RSA_E);
        if (!n || !e || !BN_is_odd(n.get()) || !BN_is_odd(e.get()) || BN_is_one(e.get()) ||
            BN_cmp(e.get(), n.get()) >= 0)
            return Error(ErrorCode::JwkInvalid, QStringLiteral("RSA key: n must be odd, e odd with 1 < e < n"));
    } else if (EVP_PKEY_is_a(pkey, "EC")) {
        const auto curve = ecCurveOf(pkey);
        if (!curve)
            return Error(ErrorCode::NotSupported,
                         QStringLiteral("EC key on an unsupported curve (supported: P-256, P-384, P-521, secp256k1)"));
        if (!getBn(pkey, OSSL_PKEY_PARAM_EC_PUB_X))
            return Error(ErrorCode::JwkInvalid, QStringLiteral("EC key without a public point (parameters only?)"));
        key.m_type = Type::Ec;
        key.m_curve = *curve;
        key.m_private = static_cast<bool>(getBn(pkey, OSSL_PKEY_PARAM_PRIV_KEY));
    } else if (EVP_PKEY_is_a(pkey, "ED25519") || EVP_PKEY_is_a(pkey, "ED448")) {
        key.m_type = Type::Okp;
        key.m_curve = EVP_PKEY_is_a(pkey, "ED25519") ? Curve::Ed25519 : Curve::Ed448;
        key.m_private = hasRawPrivateKey(pkey);
    } else if (EVP_PKEY_is_a(pkey, "X25519") || EVP_PKEY_is_a(pkey, "X448")) {
        // Key-agreement keys for ECDH-ES (RFC 8037 §3.2).
        key.m_type = Type::Okp;
        key.m_curve = EVP_PKEY_is_a(pkey, "X25519") ? Curve::X25519 : Curve::X448;
        key.m_private = hasRawPrivateKey(pkey);
    } else {
        // RSA-PSS restricted keys (RFC 4055 id-RSASSA-PSS) are refused too: JOSE keys are plain rsaEncryption keys
        // used with both RS* and PS*, and OpenSSL would refuse PKCS#1 v1.5 with them.
        const char* name = EVP_PKEY_get0_type_name(pkey);
        return Error(ErrorCode::NotSupported,
                     QString(QString::fromLatin1(name != nullptr ? name : "unknown") +
                             QStringLiteral(" keys are not supported (RSA, EC, Ed25519 and Ed448 only)")));
    }
    key.m_pkey = std::shared_ptr<evp_pkey_st>(owned.release(), EVP_PKEY_free);
    return key;
}

int AsymmetricKey::bits() const
{
    if (!m_pkey)
        return 0;
    if (m_type == Type::Okp)
        return (m_curve == Curve::Ed25519 || m_curve == Curve::X25519) ? 255
                                                                       : 448; // Curve25519 / Curve448 (RFC 7748 §4)
    return EVP_PKEY_get_bits(m_pkey.get());
}

Result<AsymmetricKey> AsymmetricKey::fromRsa(const RsaComponents& c)
{
    if (c.n.isEmpty() || c.e.isEmpty())
        return jwkError(QStringLiteral("RSA key: \"n\" and \"e\" are required (RFC 7518 §6.3.1)"));
    const bool hasD = !c.d.isEmpty();
    const int crtCount =
        int(!c.p.isEmpty()) + int(!c.q.isEmpty()) + int(!c.dp.isEmpty()) + int(!c.dq.isEmpty()) + int(!c.qi.isEmpty());
    if (!hasD && crtCount > 0)
        return jwkError(QStringLiteral("RSA key: \"d\" is required when p, q, dp, dq or qi is present "
                                       "(RFC 7518 §6.3.2)"));
    if (crtCount != 0 && crtCount != 5)
        return jwkError(QStringLiteral("RSA key: p, q, dp, dq and qi must be all present or all absent "
                                       "(RFC 7518 §6.3.2)"));

    BnPtr n(bnFromBytes(c.n, false));
    BnPtr e(bnFromBytes(c.e, false));
    if (!n || !e)
        return errorWithQueue(ErrorCode::CryptoFailure, QStringLiteral("BN_bin2bn failed"));
    // A modulus is a product of odd primes; e must be odd (gcd(e, λ(n)) = 1 needs it) and e = 1 is the identity,
    // i.e. no signature at all (RFC 8017 §3.1: 3 <= e <= n - 1).
    if (BN_is_zero(n.get()) || !BN_is_odd(n.get()))
        return jwkError(QStringLiteral("RSA key: the modulus \"n\" must be odd (RFC 8017 §3.1)"));
    if (!BN_is_odd(e.get()) || BN_is_one(e.get()) || BN_cmp(e.get(), n.get()) >= 0)
        return jwkError(
            QStringLiteral("RSA key: the exponent \"e\" must be odd, greater than 1 and less than n (RFC 8017 §3.1)"));

    ParamBldPtr bld(OSSL_PARAM_BLD_new());
    if (!bld || OSSL_PARAM_BLD_push_BN(bld.get(), OSSL_PKEY_PARAM_RSA_N, n.get()) != 1 ||
        OSSL_PARAM_BLD_push_BN(bld.get(), OSSL_PKEY_PARAM_RSA_E, e.get()) != 1)
        return errorWithQueue(ErrorCode::CryptoFailure, QStringLiteral("OSSL_PARAM_BLD failed"));

    // Secret numbers live in the secure heap; OSSL_PARAM_BLD copies them there too and OSSL_PARAM_free wipes them.
    SecretBnPtr d, p, q, dp, dq, qi;
    if (hasD) {
        d.reset(bnFromBytes(c.d, true));
        if (!d)
            return errorWithQueue(ErrorCode::CryptoFailure, QStringLiteral("BN_bin2bn failed"));
        if (BN_is_zero(d.get()) || BN_is_one(d.get()) || BN_cmp(d.get(), n.get()) >= 0)
            return jwkError(QStringLiteral("RSA key: \"d\" is out of range"));
        if (OSSL_PARAM_BLD_push_BN(bld.get(), OSSL_PKEY_PARAM_RSA_D, d.get()) != 1)
            return errorWithQueue(ErrorCode::CryptoFailure, QStringLiteral("OSSL_PARAM_BLD failed"));
        if (crtCount == 5) {
            p.reset(bnFromBytes(c.p, true));
            q.reset(bnFromBytes(c.q, true));
            dp.reset(bnFromBytes(c.dp, true));
            dq.reset(bnFromBytes(c.dq, true));
            qi.reset(bnFromBytes(c.qi, true));
            if (!p || !q || !dp || !dq || !qi ||
                OSSL_PARAM_BLD_push_BN(bld.get(), OSSL_PKEY_PARAM_RSA_FACTOR1, p.get()) != 1 ||
                OSSL_PARAM_BLD_push_BN(bld.get(), OSSL_PKEY_PARAM_RSA_FACTOR2, q.get()) != 1 ||
                OSSL_PARAM_BLD_push_BN(bld.get(), OSSL_PKEY_PARAM_RSA_EXPONENT1, dp.get()) != 1 ||
                OSSL_PARAM_BLD_push_BN(bld.get(), OSSL_PKEY_PARAM_RSA_EXPONENT2, dq.get()) != 1 ||
                OSSL_PARAM_BLD_push_BN(bld.get(), OSSL_PKEY_PARAM_RSA_COEFFICIENT1, qi.get()) != 1)
                return errorWithQueue(ErrorCode::CryptoFailure, QStringLiteral("OSSL_PARAM_BLD failed"));
        }
    }
    ParamPtr params(OSSL_PARAM_BLD_to_param(bld.get()));
    PkeyCtxPtr ctx(EVP_PKEY_CTX_new_from_name(nullptr, "RSA", nullptr));
    EVP_PKEY* raw = nullptr;
    if (!params || !ctx || EVP_PKEY_fromdata_init(ctx.get()) != 1 ||
        EVP_PKEY_fromdata(ctx.get(), &raw, hasD ? EVP_PKEY_KEYPAIR : EVP_PKEY_PUBLIC_KEY, params.get()) != 1)
        return errorWithQueue(ErrorCode::JwkInvalid, QStringLiteral("RSA key rejected"));
    PkeyPtr pkey(raw);

    if (hasD) {
        if (crtCount == 5) {
            // RSA_check_key equivalent: p and q prime, n = p·q, d·e ≡ 1 (mod λ(n)), dp, dq, qi as RFC 8017 §3.2.
            PkeyCtxPtr check(EVP_PKEY_CTX_new_from_pkey(nullptr, pkey.get(), nullptr));
            if (!check || EVP_PKEY_pairwise_check(check.get()) != 1)
                return errorWithQueue(ErrorCode::JwkInvalid,
                                      QStringLiteral("RSA private key is inconsistent (n, e, d, p, q, dp, dq, qi)"));
        } else if (!rsaConsistentWithoutCrt(n.get(), e.get(), d.get())) {
            ERR_clear_error();
            return jwkError(QStringLiteral("RSA private key: \"d\" does not match (n, e)"));
        }
    }
    return adoptChecked(pkey.release());
}

Result<AsymmetricKey> AsymmetricKey::fromCurve(const CurveComponents& c)
{
    const int size = curveCoordinateSize(c.curve);
    const QString name = curveName(c.curve);
    const QString sizeText = QString::number(size);

    if (curveIsOkp(c.curve)) {
        // RFC 8037 §2: "x" is the public key, "d" the private key, each exactly the curve's key size; no "y".
        if (!c.y.isEmpty())
            return jwkError(QString(name + QStringLiteral(" key: OKP keys have no \"y\" (RFC 8037 §2)")));
        if (c.x.size() != size)
            return jwkError(QString(name + QStringLiteral(" key: \"x\" must be exactly ") + sizeText +
                                    QStringLiteral(" bytes (RFC 8037 §2)")));
        if (!c.hasPrivate()) {
            EVP_PKEY* pub =
                EVP_PKEY_new_raw_public_key_ex(nullptr, curveOsslName(c.curve), nullptr, uchars(c.x), c.x.size());
            if (pub == nullptr)
                return errorWithQueue(ErrorCode::JwkInvalid, QString(name + QStringLiteral(" key rejected")));
            return adoptChecked(pub);
        }
        if (c.d.size() != size)
            return jwkError(QString(name + QStringLiteral(" key: \"d\" must be exactly ") + sizeText +
                                    QStringLiteral(" bytes (RFC 8037 §2)")));
        PkeyPtr priv(
            EVP_PKEY_new_raw_private_key_ex(nullptr, curveOsslName(c.curve), nullptr, uchars(c.d), c.d.size()));
        if (!priv)
            return errorWithQueue(ErrorCode::JwkInvalid, QString(name + QStringLiteral(" key rejected")));
        // The public key is derived from the private one (RFC 8032 §5.1.5); "x" must be exactly that.
        QByteArray derived(size, '\0');
        size_t len = static_cast<size_t>(size);
        if (EVP_PKEY_get_raw_public_key(priv.get(), reinterpret_cast<unsigned char*>(derived.data()), &len) != 1)
            return errorWithQueue(ErrorCode::CryptoFailure, QStringLiteral("EVP_PKEY_get_raw_public_key failed"));
        if (static_cast<qsizetype>(len) != size || derived != c.x)
            return jwkError(QString(name + QStringLiteral(" key: \"x\" does not match \"d\" (RFC 8037 §2)")));
        return adoptChecked(priv.release());
    }

    // RFC 7518 §6.2.1.2/§6.2.1.3: x and y are the full coordinate size, leading zeros included; §6.2.2.1: so is d.
    if (c.x.size() != size || c.y.size() != size)
        return jwkError(QString(name + QStringLiteral(" key: \"x\" and \"y\" must be exactly ") + sizeText +
                                QStringLiteral(" bytes (RFC 7518 §6.2.1.2)")));
    if (c.hasPrivate() && c.d.size() != size)
        return jwkError(QString(name + QStringLiteral(" key: \"d\" must be exactly ") + sizeText +
                                QStringLiteral(" bytes (RFC 7518 §6.2.2.1)")));

    // SEC 1 §2.3.3 uncompressed point: 0x04 || x || y. OpenSSL's decoding rejects coordinates >= p and points
    // that are not on the curve.
    QByteArray point;
    point.reserve(1 + 2 * size);
    point.append('\x04');
    point.append(c.x);
    point.append(c.y);

    ParamBldPtr bld(OSSL_PARAM_BLD_new());
    SecretBnPtr d;
    if (!bld ||
        OSSL_PARAM_BLD_push_utf8_string(bld.get(), OSSL_PKEY_PARAM_GROUP_NAME, curveOsslName(c.curve), 0) != 1 ||
        OSSL_PARAM_BLD_push_octet_string(bld.get(), OSSL_PKEY_PARAM_PUB_KEY, point.constData(),
                                         static_cast<size_t>(point.size())) != 1)
        return errorWithQueue(ErrorCode::CryptoFailure, QStringLiteral("OSSL_PARAM_BLD failed"));
    if (c.hasPrivate()) {
        d.reset(bnFromBytes(c.d, true));
        if (!d || OSSL_PARAM_BLD_push_BN(bld.get(), OSSL_PKEY_PARAM_PRIV_KEY, d.get()) != 1)
            return errorWithQueue(ErrorCode::CryptoFailure, QStringLiteral("OSSL_PARAM_BLD failed"));
    }
    ParamPtr params(OSSL_PARAM_BLD_to_param(bld.get()));
    PkeyCtxPtr ctx(EVP_PKEY_CTX_new_from_name(nullptr, "EC", nullptr));
    EVP_PKEY* raw = nullptr;
    if (!params || !ctx || EVP_PKEY_fromdata_init(ctx.get()) != 1 ||
        EVP_PKEY_fromdata(ctx.get(), &raw, c.hasPrivate() ? EVP_PKEY_KEYPAIR : EVP_PKEY_PUBLIC_KEY, params.get()) != 1)
        return errorWithQueue(ErrorCode::JwkInvalid,
                              QString(name + QStringLiteral(" key: (x, y) is not a point on the curve")));
    PkeyPtr pkey(raw);

    // Public-key validation: not infinity, coordinates in range, on the curve (SP 800-56A §5.6.2.3.4). The full check's
    // extra step, n·Q = O (§5.6.2.3.3), is implied on every supported curve because their cofactor is 1, and it costs
    // a scalar multiplication, which doubled the cost of every ECDH-ES decryption (one "epk" per token).
    PkeyCtxPtr check(EVP_PKEY_CTX_new_from_pkey(nullptr, pkey.get(), nullptr));
    if (!check || EVP_PKEY_public_check_quick(check.get()) != 1)
        return errorWithQueue(ErrorCode::JwkInvalid,
                              QString(name + QStringLiteral(" key: (x, y) is not a valid public point")));
    // With d: 0 < d < n and d·G == (x, y).
    if (c.hasPrivate() && EVP_PKEY_pairwise_check(check.get()) != 1)
        return errorWithQueue(ErrorCode::JwkInvalid,
                              QString(name + QStringLiteral(" key: \"d\" does not match (x, y)")));
    return adoptChecked(pkey.release());
}

RsaComponents AsymmetricKey::rsaComponents() const
{
    RsaComponents out;
    if (!m_pkey || m_type != Type::Rsa)
        return out;
    const EVP_PKEY* pkey = m_pkey.get();
    // RFC 7518 §6.3.1.1: minimal big-endian octets (BN_bn2bin never writes leading zeros).
    out.n = bnToBytes(getBn(pkey, OSSL_PKEY_PARAM_RSA_N).get());
    out.e = bnToBytes(getBn(pkey, OSSL_PKEY_PARAM_RSA_E).get());
    if (m_private) {
        out.d = bnToBytes(getBn(pkey, OSSL_PKEY_PARAM_RSA_D).get());
        out.p = bnToBytes(getBn(pkey, OSSL_PKEY_PARAM_RSA_FACTOR1).get());
        out.q = bnToBytes(getBn(pkey, OSSL_PKEY_PARAM_RSA_FACTOR2).get());
        out.dp = bnToBytes(getBn(pkey, OSSL_PKEY_PARAM_RSA_EXPONENT1).get());
        out.dq = bnToBytes(getBn(pkey, OSSL_PKEY_PARAM_RSA_EXPONENT2).get());
        out.qi = bnToBytes(getBn(pkey, OSSL_PKEY_PARAM_RSA_COEFFICIENT1).get());
    }
    return out;
}

CurveComponents AsymmetricKey::curveComponents() const
{
    CurveComponents out;
    if (!m_pkey || m_type == Type::Rsa)
        return out;
    const EVP_PKEY* pkey = m_pkey.get();
    const int size = curveCoordinateSize(m_curve);
    out.curve = m_curve;
    if (m_type == Type::Okp) {
        QByteArray buffer(size, '\0');
        size_t len = static_cast<size_t>(size);
        if (EVP_PKEY_get_raw_public_key(pkey, reinterpret_cast<unsigned char*>(buffer.data()), &len) == 1 &&
            static_cast<qsizetype>(len) == size)
            out.x = buffer;
        if (m_private) {
            len = static_cast<size_t>(size);
            if (EVP_PKEY_get_raw_private_key(pkey, reinterpret_cast<unsigned char*>(buffer.data()), &len) == 1 &&
                static_cast<qsizetype>(len) == size)
                out.d = buffer;
            OPENSSL_cleanse(buffer.data(), static_cast<size_t>(buffer.size()));
        }
        ERR_clear_error();
        return out;
    }
    // RFC 7518 §6.2.1.2: fixed-size coordinates, left-padded with zeros (66 bytes for P-521).
    out.x = bnToBytes(getBn(pkey, OSSL_PKEY_PARAM_EC_PUB_X).get(), size);
    out.y = bnToBytes(getBn(pkey, OSSL_PKEY_PARAM_EC_PUB_Y).get(), size);
    if (m_private)
        out.d = bnToBytes(getBn(pkey, OSSL_PKEY_PARAM_PRIV_KEY).get(), size);
    return out;
}

AsymmetricKey AsymmetricKey::publicKey() const
{
    if (!m_pkey || !m_private)
        return *this;
    OSSL_PARAM* raw = nullptr;
    if (EVP_PKEY_todata(m_pkey.get(), EVP_PKEY_PUBLIC_KEY, &raw) != 1) {
        ERR_clear_error();
        return {};
    }
    ParamPtr params(raw);
    PkeyCtxPtr ctx(EVP_PKEY_CTX_new_from_name(nullptr, EVP_PKEY_get0_type_name(m_pkey.get()), nullptr));
    EVP_PKEY* pub = nullptr;
    if (!ctx || EVP_PKEY_fromdata_init(ctx.get()) != 1 ||
        EVP_PKEY_fromdata(ctx.get(), &pub, EVP_PKEY_PUBLIC_KEY, params.get()) != 1) {
        ERR_clear_error();
        return {};
    }
    return adopt(pub);
}

Result<AsymmetricKey> AsymmetricKey::fromPem(const QByteArray& pem, const QByteArray& passphrase)
{
    // Whitespace around PEM is tolerated; DER is binary and is used exactly as given (trimming could cut off a
    // final 0x0a or 0x20 byte of the key itself).
    const QByteArray begin("-----BEGIN ");
    QByteArray text = pem.trimmed();
    const bool isPem = text.startsWith(begin);
    if (!isPem)
        text = pem;
    if (text.isEmpty())
        return pemError(QStringLiteral("empty input"));
    ERR_clear_error();

    if (isPem) {
        // `openssl ecparam -genkey` writes an "EC PARAMETERS" block before the key; the key is what we want.
        const QByteArray paramsBegin("-----BEGIN EC PARAMETERS-----");
        const QByteArray paramsEnd("-----END EC PARAMETERS-----");
        while (text.startsWith(paramsBegin)) {
            const qsizetype end = text.indexOf(paramsEnd);
            if (end < 0)
                return pemError(QStringLiteral("unterminated EC PARAMETERS block"));
            text = text.mid(end + paramsEnd.size()).trimmed();
        }
        const qsizetype labelEnd = text.indexOf("-----", begin.size());
        if (labelEnd < 0)
            return pemError(QStringLiteral("malformed PEM header line"));
        const QByteArray label = text.mid(begin.size(), labelEnd - begin.size());
        if (label == "CERTIFICATE") {
            // RFC 7468 §5: the key is the certificate's subjectPublicKeyInfo.
            BioPtr bio(BIO_new_mem_buf(text.constData(), static_cast<int>(text.size())));
            X509Ptr cert(bio ? PEM_read_bio_X509(bio.get(), nullptr, ossl::noPromptPemCallback, nullptr) : nullptr);
            if (!cert)
                return errorWithQueue(ErrorCode::PemInvalid, QStringLiteral("invalid PEM certificate"));
            EVP_PKEY* pkey = X509_get_pubkey(cert.get());
            if (pkey == nullptr)
                return errorWithQueue(ErrorCode::PemInvalid, QStringLiteral("certificate has no usable public key"));
            return asPemResult(adoptChecked(pkey));
        }
    }

    // Never prompt on a terminal: the callback hands over `passphrase` or fails.
    PassphraseState state{&passphrase, false};
    auto passphraseError = [&passphrase]() -> Error {
        const QString queue = drainErrors();
        if (passphrase.isEmpty())
            return pemError(QStringLiteral("the private key is encrypted; a passphrase is required"));
        return pemError(
            QString(QStringLiteral("cannot decrypt the private key: wrong passphrase or corrupt data") +
                    (queue.isEmpty() ? QString() : QString(QStringLiteral(" (") + queue + QStringLiteral(")")))));
    };

    if (isPem) {
        // The PEM label names the structure, so OpenSSL's generic decoder chain picks the right decoder.
        size_t remaining = 0;
        PkeyPtr pkey = decodeKey(text, "PEM", nullptr, nullptr, state, &remaining);
        if (!pkey) {
            if (state.asked)
                return passphraseError();
            return errorWithQueue(ErrorCode::PemInvalid, QStringLiteral("not a supported PEM key"));
        }
        ERR_clear_error();
        return asPemResult(adoptChecked(pkey.release()));
    }

    // DER has no label. Structures with an algorithm OID (SPKI, PKCS#8, encrypted PKCS#8) are unambiguous, but
    // PKCS#1 RSAPublicKey (RFC 8017 A.1.1) is also valid DHparams (SEQUENCE of two INTEGERs) and OpenSSL 3.0's
    // generic chain picks DH. So when the generic pass fails or finds an unsupported type, retry as RSA only.
    size_t remaining = 0;
    PkeyPtr pkey = decodeKey(text, "DER", nullptr, nullptr, state, &remaining);
    if (!pkey && state.asked)
        return passphraseError();
    ERR_clear_error();
    Result<AsymmetricKey> generic = Error(ErrorCode::PemInvalid, QString());
    if (pkey) {
        if (remaining != 0)
            return pemError(QStringLiteral("trailing data after the DER key"));
        generic = asPemResult(adoptChecked(pkey.release()));
        if (generic.ok() || generic.error().code != ErrorCode::NotSupported)
            return generic;
    }
    PkeyPtr rsa = decodeKey(text, "DER", "type-specific", "RSA", state, &remaining);
    ERR_clear_error();
    if (rsa) {
        if (remaining != 0)
            return pemError(QStringLiteral("trailing data after the DER key"));
        return asPemResult(adoptChecked(rsa.release()));
    }
    if (!generic.ok() && generic.error().code == ErrorCode::NotSupported)
        return generic;
    // Raw DER that is not a key may be a certificate.
    auto fromCert = keyFromCertificateDer(text, true);
    if (fromCert.ok() || fromCert.error().code == ErrorCode::NotSupported)
        return fromCert;
    return pemError(QStringLiteral("not a DER key (SPKI, PKCS#1, PKCS#8, SEC1) or certificate"));
}

Result<QByteArray> AsymmetricKey::toPem(PemFormat format, const QByteArray& passphrase) const
{
    if (!m_pkey)
        return Error(ErrorCode::Generic, QStringLiteral("null key"));
    if (!passphrase.isEmpty() && format != PemFormat::Pkcs8)
        return Error(ErrorCode::NotSupported, QStringLiteral("only PKCS#8 private keys can be encrypted"));

    int selection = EVP_PKEY_PUBLIC_KEY;
    const char* structure = "SubjectPublicKeyInfo";
    switch (format) {
    case PemFormat::Spki:
        break; // the public half of any key
    case PemFormat::Pkcs1:
        if (m_type != Type::Rsa)
            return Error(ErrorCode::NotSupported, QStringLiteral("PKCS#1 is for RSA keys only"));
        selection = m_private ? EVP_PKEY_KEYPAIR : EVP_PKEY_PUBLIC_KEY;
        structure = "type-specific";
        break;
    case PemFormat::Pkcs8:
        if (!m_private)
            return Error(ErrorCode::NotSupported,
                         QStringLiteral("PKCS#8 needs a private key; use SPKI for a public key"));
        selection = EVP_PKEY_KEYPAIR;
        structure = "PrivateKeyInfo";
        break;
    case PemFormat::Sec1:
        if (m_type != Type::Ec || !m_private)
            return Error(ErrorCode::NotSupported, QStringLiteral("SEC1 is for EC private keys only"));
        selection = EVP_PKEY_KEYPAIR;
        structure = "type-specific";
        break;
    }

    EncoderCtxPtr ectx(OSSL_ENCODER_CTX_new_for_pkey(m_pkey.get(), selection, "PEM", structure, nullptr));
    if (!ectx || OSSL_ENCODER_CTX_get_num_encoders(ectx.get()) == 0)
        return errorWithQueue(ErrorCode::NotSupported, QStringLiteral("no PEM encoder for this key and format"));
    if (!passphrase.isEmpty()) {
        // PKCS#8 EncryptedPrivateKeyInfo with PBES2: PBKDF2 (HMAC-SHA-256) + AES-256-CBC (RFC 8018 §6.2).
        if (OSSL_ENCODER_CTX_set_cipher(ectx.get(), "AES-256-CBC", nullptr) != 1 ||
            OSSL_ENCODER_CTX_set_passphrase(ectx.get(), uchars(passphrase), static_cast<size_t>(passphrase.size())) !=
                1)
            return errorWithQueue(ErrorCode::CryptoFailure, QStringLiteral("cannot set up PKCS#8 encryption"));
    }
    unsigned char* out = nullptr;
    size_t len = 0;
    if (OSSL_ENCODER_to_data(ectx.get(), &out, &len) != 1 || out == nullptr)
        return errorWithQueue(ErrorCode::CryptoFailure, QStringLiteral("PEM encoding failed"));
    QByteArray pem(reinterpret_cast<const char*>(out), static_cast<qsizetype>(len));
    OPENSSL_clear_free(out, len); // may hold an unencrypted private key
    return pem;
}

QByteArray AsymmetricKey::spkiDer() const
{
    if (!m_pkey)
        return {};
    const int len = i2d_PUBKEY(m_pkey.get(), nullptr);
    if (len <= 0) {
        ERR_clear_error();
        return {};
    }
    QByteArray der(len, '\0');
    auto* p = reinterpret_cast<unsigned char*>(der.data());
    if (i2d_PUBKEY(m_pkey.get(), &p) != len) {
        ERR_clear_error();
        return {};
    }
    return der;
}

Result<AsymmetricKey> AsymmetricKey::generateRsa(int bits)
{
    if (bits < 512)
        return Error(ErrorCode::KeyTooWeak, QStringLiteral("RSA keys need at least 512 bits"));
    if (bits > 16384) // OPENSSL_RSA_MAX_MODULUS_BITS
        return Error(ErrorCode::NotSupported, QStringLiteral("RSA keys larger than 16384 bits are not supported"));
    EVP_PKEY* pkey = EVP_PKEY_Q_keygen(nullptr, nullptr, "RSA", static_cast<size_t>(bits));
    if (pkey == nullptr)
        return errorWithQueue(ErrorCode::CryptoFailure, QStringLiteral("RSA key generation failed"));
    return adoptChecked(pkey);
}

Result<AsymmetricKey> AsymmetricKey::generateCurve(Curve curve)
{
    EVP_PKEY* pkey = nullptr;
    if (curveIsOkp(curve))
        pkey = EVP_PKEY_Q_keygen(nullptr, nullptr, curveOsslName(curve));
    else
        pkey = EVP_PKEY_Q_keygen(nullptr, nullptr, "EC", const_cast<char*>(curveOsslName(curve)));
    if (pkey == nullptr)
        return errorWithQueue(ErrorCode::CryptoFailure,
                              QString(curveName(curve) + QStringLiteral(" key generation failed")));
    return adoptChecked(pkey);
}

bool AsymmetricKey::publicEquals(const AsymmetricKey& other) const
{
    if (!m_pkey || !other.m_pkey)
        return false;
    const bool equal = EVP_PKEY_eq(m_pkey.get(), other.m_pkey.get()) == 1;
    ERR_clear_error(); // EVP_PKEY_eq queues an error for keys of different types
    return equal;
}
