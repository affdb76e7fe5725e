// SPDX-License-Identifier: MIT
#include "crypto/CryptoInit.h"

#include "crypto/AsymmetricKey.h"
#include "crypto/Digest.h"
#include "crypto/Hmac.h"
#include "crypto/OpenSslUtil.h"
#include "crypto/Signer.h"

#include <openssl/crypto.h>

#include <mutex>

namespace {

Error katFailure(const char* what)
{
    return Error(ErrorCode::CryptoFailure, QString(QStringLiteral("self-test failed: ") + QLatin1String(what) +
                                                   QStringLiteral(" known-answer test")));
}

Result<void> runDigestTests()
{
    // FIPS 180-2 Appendix B.1: SHA-256("abc").
    const QByteArray sha = QByteArray::fromHex("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    if (Digest::hash(HashAlg::Sha256, QByteArrayView("abc")) != sha)
        return katFailure("SHA-256");

    // RFC 4231 §4.3 (test case 2): HMAC-SHA-256, key "Jefe".
    const QByteArray mac = QByteArray::fromHex("5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843");
    if (Hmac::compute(HashAlg::Sha256, QByteArrayView("Jefe"), QByteArrayView("what do ya want for nothing?")) != mac)
        return katFailure("HMAC-SHA-256");
    return Result<void>::success();
}

Result<void> runSignatureTests()
{
    // RFC 8032 §7.1 TEST 1: Ed25519 over the empty message. EdDSA is deterministic, so the signature is fixed.
    CurveComponents c;
    c.curve = Curve::Ed25519;
    c.d = QByteArray::fromHex("9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60");
    c.x = QByteArray::fromHex("d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a");
    const QByteArray expected = QByteArray::fromHex("e5564300c360ac729086e2cc806e828a84877f1eb8e5d974d873e06522490155"
                                                    "5fb8821590a33bacc61e39701cf9b46bd25bf5f0595bbe24655141438e7a100b");
    const auto key = AsymmetricKey::fromCurve(c);
    if (!key.ok())
        return katFailure("Ed25519 key import");
    const SigScheme eddsa{SigScheme::Kind::EdDsa, HashAlg::Sha256};
    const auto signature = Signer::sign(key.value(), eddsa, QByteArrayView());
    if (!signature.ok() || signature.value() != expected)
        return katFailure("Ed25519 signature");
    if (!Signer::verify(key.value().publicKey(), eddsa, QByteArrayView(), expected))
        return katFailure("Ed25519 verification");
    return Result<void>::success();
}

} // namespace

Result<void> CryptoInit::initDigests()
{
    // Once per process; concurrent callers wait for the first run and all see its result.
    static std::once_flag once;
    static Result<void> result;
    std::call_once(once, [] { result = runDigestTests(); });
    return result;
}

Result<void> CryptoInit::init()
{
    if (auto digests = initDigests(); !digests) {
        return digests;
    }
    static std::once_flag once;
    static Result<void> result;
    std::call_once(once, [] { result = runSignatureTests(); });
    return result;
}

QString CryptoInit::openSslVersion()
{
    return QString::fromLatin1(OpenSSL_version(OPENSSL_VERSION));
}
