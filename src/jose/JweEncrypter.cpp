// SPDX-License-Identifier: MIT
#include "jose/JweEncrypter.h"

#include "core/Base64Url.h"
#include "core/JsonText.h"
#include "crypto/AesCbcHmac.h"
#include "crypto/AesGcm.h"
#include "crypto/AesKeyWrap.h"
#include "crypto/ConcatKdf.h"
#include "crypto/Deflate.h"
#include "crypto/Ecdh.h"
#include "crypto/Pbkdf2.h"
#include "crypto/RsaEncryption.h"
#include "crypto/SecureBytes.h"
#include "crypto/SecureRandom.h"
#include "jose/JweAlgorithmTable.h"

#include <QJsonArray>
#include <QJsonDocument>

namespace {
using KF = JweKeyAlgorithm::Family;

QString b64(const QByteArray& bytes)
{
    return QString::fromLatin1(Base64Url::encode(bytes));
}

Error mismatch(const QString& message)
{
    return Error(ErrorCode::KeyAlgMismatch, message);
}

/// Key management for one recipient: writes the algorithm's header parameters into `params` and returns the
/// encrypted key. For dir / ECDH-ES, `cek` is set from the key instead (it must be empty on entry).
Result<QByteArray> manageKey(const Jwk& key, const JweKeyAlgorithm& alg, const JweContentAlgorithm& enc,
                             const EncryptOptions& options, QByteArray& cek, QJsonObject& params)
{
    if (!key.use().isEmpty() && key.use() != QLatin1String("enc")) {
        return mismatch(QStringLiteral("the key's \"use\" is \"%1\", not \"enc\"").arg(key.use()));
    }
    if (!key.alg().isEmpty() && key.alg() != alg.name && !(alg.family == KF::Direct && key.alg() == enc.name)) {
        return mismatch(QStringLiteral("the key is for \"%1\", not \"%2\"").arg(key.alg(), alg.name));
    }
    switch (alg.family) {
    case KF::Rsa1_5:
        return Error(ErrorCode::AlgNotAllowed, QStringLiteral("RSA1_5 is decrypt-only (RFC 8725 §3.2)"));
    case KF::RsaOaep:
        if (key.kty() != Jwk::Kty::Rsa || key.bits() < 2048) {
            return mismatch(QStringLiteral("%1 needs an RSA key of at least 2048 bits").arg(alg.name));
        }
        return RsaEncryption::oaepEncrypt(key.asymmetricKey().publicKey(), alg.hash, cek);
    case KF::AesKw:
        if (!key.isSymmetric() || key.secret().size() != alg.kekBytes) {
            return mismatch(QStringLiteral("%1 needs a %2-byte symmetric key").arg(alg.name).arg(alg.kekBytes));
        }
        return AesKeyWrap::wrap(key.secret(), cek);
    case KF::AesGcmKw: {
        if (!key.isSymmetric() || key.secret().size() != alg.kekBytes) {
            return mismatch(QStringLiteral("%1 needs a %2-byte symmetric key").arg(alg.name).arg(alg.kekBytes));
        }
        auto iv = SecureRandom::bytes(AesGcm::kIvSize);
        if (!iv) {
            return iv.error();
        }
        auto sealed = AesGcm::encrypt(key.secret(), iv.value(), {}, cek);
        if (!sealed) {
            return sealed.error();
        }
        params.insert(QStringLiteral("iv"), b64(iv.value()));
        params.insert(QStringLiteral("tag"), b64(sealed->tag));
        return sealed->ciphertext;
    }
    case KF::Direct:
        if (!key.isSymmetric() || key.secret().size() != enc.keyBytes) {
            return mismatch(QStringLiteral("\"dir\" with %1 needs a %2-byte key").arg(enc.name).arg(enc.keyBytes));
        }
        cek = key.secret();
        return QByteArray();
    case KF::EcdhEs:
    case KF::EcdhEsKw: {
        const bool okCurve = key.kty() == Jwk::Kty::Ec ||
                             (key.kty() == Jwk::Kty::Okp && key.curve() && curveIsKeyAgreementOnly(*key.curve()));
        if (!okCurve || !key.curve()) {
            return mismatch(QStringLiteral("%1 needs an EC (P-256/384/521) or X25519/X448 key").arg(alg.name));
        }
        auto ephemeral = AsymmetricKey::generateCurve(*key.curve());
        if (!ephemeral) {
            return ephemeral.error();
        }
        auto z = Ecdh::sharedSecret(ephemeral.value(), key.asymmetricKey().publicKey());
        if (!z) {
            return z.error();
        }
        const bool direct = alg.family == KF::EcdhEs;
        const int keyBytes = direct ? enc.keyBytes : alg.kekBytes;
        const QByteArray algorithmId = (direct ? enc.name : alg.name).toUtf8();
        auto derived = ConcatKdf::derive(
            z.value(), ConcatKdf::otherInfo(algorithmId, options.apu, options.apv, keyBytes * 8), keyBytes);
        QByteArray secret = z.value();
        secureWipe(secret);
        if (!derived) {
            return derived.error();
        }
        params.insert(QStringLiteral("epk"), Jwk::fromKey(ephemeral->publicKey()).toJson(false));
        if (!options.apu.isEmpty()) {
            params.insert(QStringLiteral("apu"), b64(options.apu));
        }
        if (!options.apv.isEmpty()) {
            params.insert(QStringLiteral("apv"), b64(options.apv));
        }
        if (direct) {
            cek = derived.value();
            return QByteArray();
        }
        return AesKeyWrap::wrap(derived.value(), cek);
    }
    case KF::Pbes2: {
        if (!key.isSymmetric() || key.secret().isEmpty()) {
            return mismatch(QStringLiteral("%1 needs a password").arg(alg.name));
        }
        QByteArray saltInput = options.pbes2Salt;
        if (saltInput.isEmpty()) {
            auto random = SecureRandom::bytes(16);
            if (!random) {
                return random.error();
            }
            saltInput = random.value();
        }
        if (saltInput.size() < 8 || options.pbes2Count < 1) {
            return Error(ErrorCode::Usage, QStringLiteral("PBES2 needs a salt of 8 or more bytes and p2c >= 1"));
        }
        const QByteArray salt = alg.name.toUtf8() + '\0' + saltInput;
        auto kek = Pbkdf2::derive(alg.hash, key.secret(), salt, options.pbes2Count, alg.kekBytes);
        if (!kek) {
            return kek.error();
        }
        params.insert(QStringLiteral("p2s"), b64(saltInput));
        params.insert(QStringLiteral("p2c"), options.pbes2Count);
        return AesKeyWrap::wrap(kek.value(), cek);
    }
    }
    return Error(ErrorCode::Generic, QStringLiteral("unreachable"));
}

struct Encrypted
{
    QByteArray iv, ciphertext, tag;
};

Result<Encrypted> encryptContent(const JweContentAlgorithm& enc, const QByteArray& cek, const QByteArray& aad,
                                 QByteArrayView plaintext)
{
    auto iv = SecureRandom::bytes(enc.ivBytes);
    if (!iv) {
        return iv.error();
    }
    Encrypted out;
    out.iv = iv.value();
    if (enc.family == JweContentAlgorithm::Family::AesGcm) {
        auto sealed = AesGcm::encrypt(cek, out.iv, aad, plaintext);
        if (!sealed) {
            return sealed.error();
        }
        out.ciphertext = sealed->ciphertext;
        out.tag = sealed->tag;
    } else {
        auto sealed = AesCbcHmac::encrypt(cek, out.iv, aad, plaintext);
        if (!sealed) {
            return sealed.error();
        }
        out.ciphertext = sealed->ciphertext;
        out.tag = sealed->tag;
    }
    return out;
}

Result<QByteArray> run(const QList<JweRecipientSpec>& recipients, QByteArrayView plaintext,
                       const EncryptOptions& options, EncryptOptions::Output output)
{
    const JweContentAlgorithm* enc = JweAlgorithmTable::findContent(options.enc);
    if (!enc) {
        return Error(ErrorCode::AlgNotAllowed, QStringLiteral("unknown \"enc\" \"%1\"").arg(options.enc));
    }
    if (recipients.isEmpty()) {
        return Error(ErrorCode::Usage, QStringLiteral("no recipient"));
    }
    const bool general = output == EncryptOptions::Output::JsonGeneral;
    QList<const JweKeyAlgorithm*> algs;
    for (const auto& r : recipients) {
        const JweKeyAlgorithm* alg = JweAlgorithmTable::findKey(r.alg);
        if (!alg) {
            return Error(ErrorCode::AlgNotAllowed, QStringLiteral("unknown \"alg\" \"%1\"").arg(r.alg));
        }
        if (!alg->hasEncryptedKey() && recipients.size() > 1) {
            return Error(ErrorCode::NotSupported,
                         QStringLiteral("%1 determines the CEK and cannot be used with several recipients").arg(r.alg));
        }
        algs.append(alg);
    }
    if (output == EncryptOptions::Output::Compact && (!options.aad.isEmpty() || !options.sharedUnprotected.isEmpty())) {
        return Error(ErrorCode::Usage, QStringLiteral("aad and unprotected headers need the JSON serialisation"));
    }

    QByteArray cek;
    if (algs.first()->hasEncryptedKey()) {
        auto random = SecureRandom::bytes(enc->keyBytes);
        if (!random) {
            return random.error();
        }
        cek = random.value();
    }
    QJsonObject protectedHeader = options.extraProtected;
    protectedHeader.insert(QStringLiteral("enc"), enc->name);
    if (options.zip) {
        protectedHeader.insert(QStringLiteral("zip"), QStringLiteral("DEF"));
    }
    if (!options.cty.isEmpty()) {
        protectedHeader.insert(QStringLiteral("cty"), options.cty);
    }
    QJsonArray recipientList;
    QByteArray firstEncryptedKey;
    for (int i = 0; i < recipients.size(); ++i) {
        QJsonObject params;
        auto ek = manageKey(recipients[i].key, *algs[i], *enc, options, cek, params);
        if (!ek) {
            secureWipe(cek);
            return ek.error();
        }
        params.insert(QStringLiteral("alg"), algs[i]->name);
        if (!recipients[i].key.kid().isEmpty()) {
            params.insert(QStringLiteral("kid"), recipients[i].key.kid());
        }
        if (general) {
            QJsonObject h = recipients[i].header;
            for (auto it = params.begin(); it != params.end(); ++it) {
                h.insert(it.key(), it.value());
            }
            QJsonObject entry{{QStringLiteral("header"), h}};
            if (!ek->isEmpty()) {
                entry.insert(QStringLiteral("encrypted_key"), b64(ek.value()));
            }
            recipientList.append(entry);
        } else {
            for (auto it = params.begin(); it != params.end(); ++it) {
                protectedHeader.insert(it.key(), it.value());
            }
            firstEncryptedKey = ek.value();
        }
    }

    QByteArray content(plaintext.data(), plaintext.size());
    if (options.zip) {
        auto deflated = Deflate::compress(plaintext);
        if (!deflated) {
            secureWipe(cek);
            return deflated.error();
        }
        content = deflated.value();
    }
    // RFC 7516 §5.1 steps 13-14.
    const QByteArray protectedText = Base64Url::encode(JsonText::compact(protectedHeader));
    const QByteArray aadText = Base64Url::encode(options.aad);
    const QByteArray aad = options.aad.isEmpty() ? protectedText : protectedText + '.' + aadText;
    auto sealed = encryptContent(*enc, cek, aad, content);
    secureWipe(cek);
    if (!sealed) {
        return sealed.error();
    }
    if (output == EncryptOptions::Output::Compact) {
        return QByteArray(protectedText + '.' + Base64Url::encode(firstEncryptedKey) + '.' +
                          Base64Url::encode(sealed->iv) + '.' + Base64Url::encode(sealed->ciphertext) + '.' +
                          Base64Url::encode(sealed->tag));
    }
    QJsonObject o;
    o.insert(QStringLiteral("protected"), QString::fromLatin1(protectedText));
    if (!options.sharedUnprotected.isEmpty()) {
        o.insert(QStringLiteral("unprotected"), options.sharedUnprotected);
    }
    if (general) {
        o.insert(QStringLiteral("recipients"), recipientList);
    } else if (!firstEncryptedKey.isEmpty()) {
        o.insert(QStringLiteral("encrypted_key"), b64(firstEncryptedKey));
    }
    if (!options.aad.isEmpty()) {
        o.insert(QStringLiteral("aad"), QString::fromLatin1(aadText));
    }
    o.insert(QStringLiteral("iv"), b64(sealed->iv));
    o.insert(QStringLiteral("ciphertext"), b64(sealed->ciphertext));
    o.insert(QStringLiteral("tag"), b64(sealed->tag));
    return QJsonDocument(o).toJson(QJsonDocument::Compact);
}

} // namespace

Result<QByteArray> JweEncrypter::encrypt(const Jwk& key, QByteArrayView plaintext, const EncryptOptions& options)
{
    const auto output =
        options.output == EncryptOptions::Output::JsonGeneral ? EncryptOptions::Output::JsonFlattened : options.output;
    return run({JweRecipientSpec{key, options.alg, {}}}, plaintext, options, output);
}

Result<QByteArray> JweEncrypter::encryptGeneral(const QList<JweRecipientSpec>& recipients, QByteArrayView plaintext,
                                                const EncryptOptions& options)
{
    return run(recipients, plaintext, options, EncryptOptions::Output::JsonGeneral);
}
