// SPDX-License-Identifier: MIT
#include "jose/Jwk.h"

#include "core/Base64Url.h"
#include "core/JsonText.h"
#include "core/SystemClock.h"
#include "crypto/Certificate.h"
#include "crypto/Digest.h"
#include "crypto/RsaWeakness.h"
#include "jose/JweAlgorithmTable.h"

#include <QDateTime>
#include <QJsonArray>

namespace {

Error invalid(const QString& message)
{
    return Error(ErrorCode::JwkInvalid, message);
}

// A rejection a viewer reports under its own lint code (Jwks::lint() uses Error::reason as the finding code).
Error classified(Error error, const char* lintCode)
{
    error.reason = QLatin1String(lintCode);
    return error;
}

// A member that must be a base64url string (RFC 7518 §6: all key parameters are base64url).
Result<QByteArray> b64Member(const QJsonObject& o, const char* name, bool required, bool* present = nullptr)
{
    const QString key = QLatin1String(name);
    const auto it = o.constFind(key);
    if (present) {
        *present = it != o.constEnd();
    }
    if (it == o.constEnd()) {
        if (required) {
            return invalid(QStringLiteral("\"%1\" is required").arg(key));
        }
        return QByteArray();
    }
    if (!it->isString()) {
        return invalid(QStringLiteral("\"%1\" must be a base64url string").arg(key));
    }
    auto decoded = Base64Url::decode(it->toString().toLatin1());
    if (!decoded || it->toString().toLatin1().size() != it->toString().size()) {
        return invalid(QStringLiteral("\"%1\" is not base64url (RFC 7515 §2)%2")
                           .arg(key, decoded ? QString() : QStringLiteral(": ") + decoded.error().message));
    }
    return decoded.value();
}

// Older Auth0 tenants publish "x5t" as base64url of the uppercase hex SHA-1 of the certificate (40 ASCII bytes)
// instead of the 20 digest bytes (RFC 7517 §4.8). fromJson accepts it; lint() reports it.
bool legacyHexX5t(const QJsonObject& source, const QList<QByteArray>& x5c)
{
    if (x5c.isEmpty() || !source.value(QLatin1String("x5t")).isString()) {
        return false;
    }
    const auto thumb = Base64Url::decode(source.value(QLatin1String("x5t")).toString().toLatin1());
    if (!thumb || thumb->size() != 40) {
        return false;
    }
    const auto leaf = Certificate::fromDer(x5c.first());
    return leaf && thumb.value() == leaf->fingerprint(HashAlg::Sha1).toHex().toUpper();
}

Result<QString> stringMember(const QJsonObject& o, const char* name)
{
    const auto it = o.constFind(QLatin1String(name));
    if (it == o.constEnd()) {
        return QString();
    }
    if (!it->isString()) {
        return invalid(QStringLiteral("\"%1\" must be a string").arg(QLatin1String(name)));
    }
    return it->toString();
}

bool isSigOp(const QString& op)
{
    return op == QLatin1String("sign") || op == QLatin1String("verify");
}

QString bitsDescription(const Jwk& k)
{
    if (k.curve()) {
        return curveName(*k.curve());
    }
    return QStringLiteral("%1 bits").arg(k.bits());
}

} // namespace

Result<Jwk> Jwk::fromJsonText(QByteArrayView text, const JwkImportOptions& options)
{
    auto object = JsonText::parseObject(text);
    if (!object) {
        return Error(ErrorCode::JwkInvalid, QStringLiteral("not a JSON object: %1").arg(object.error().message));
    }
    return fromJson(object.value(), options);
}

Result<Jwk> Jwk::fromJson(const QJsonObject& o, const JwkImportOptions& options)
{
    Jwk jwk;
    jwk.m_source = o;
    jwk.m_weakAllowed = options.allowWeakRsa || options.allowShortHmacKey;

    const auto ktyIt = o.constFind(QLatin1String("kty"));
    if (ktyIt == o.constEnd()) {
        return invalid(QStringLiteral("\"kty\" is required (RFC 7517 §4.1)"));
    }
    if (!ktyIt->isString()) {
        return invalid(QStringLiteral("\"kty\" must be a string"));
    }
    const QString kty = ktyIt->toString();

    // Metadata (RFC 7517 §4.2-4.5).
    for (const char* name : {"kid", "alg", "use"}) {
        auto s = stringMember(o, name);
        if (!s) {
            return s.error();
        }
    }
    jwk.m_kid = o.value(QLatin1String("kid")).toString();
    jwk.m_alg = o.value(QLatin1String("alg")).toString();
    jwk.m_use = o.value(QLatin1String("use")).toString();
    if (o.contains(QLatin1String("key_ops"))) {
        const QJsonValue ops = o.value(QLatin1String("key_ops"));
        if (!ops.isArray()) {
            return invalid(QStringLiteral("\"key_ops\" must be an array of strings"));
        }
        for (const auto& v : ops.toArray()) {
            if (!v.isString()) {
                return invalid(QStringLiteral("\"key_ops\" must be an array of strings"));
            }
            if (jwk.m_keyOps.contains(v.toString())) {
                // RFC 7517 §4.3: duplicate key operation values MUST NOT be present.
                return invalid(QStringLiteral("\"key_ops\" repeats \"%1\"").arg(v.toString()));
            }
            jwk.m_keyOps.append(v.toString());
        }
    }
    // RFC 7517 §4.3: "use" and "key_ops" SHOULD NOT be used together; if both are, they MUST be consistent.
    if (!jwk.m_use.isEmpty() && !jwk.m_keyOps.isEmpty()) {
        const bool sig = jwk.m_use == QLatin1String("sig");
        for (const auto& op : std::as_const(jwk.m_keyOps)) {
            if (isSigOp(op) != sig) {
                return invalid(QStringLiteral("\"use\":\"%1\" is inconsistent with \"key_ops\" member \"%2\" "
                                              "(RFC 7517 §4.3)")
                                   .arg(jwk.m_use, op));
            }
        }
    }

    if (kty == QLatin1String("RSA")) {
        jwk.m_kty = Kty::Rsa;
        if (o.contains(QLatin1String("oth"))) {
            // RFC 7518 §6.3.2.7: implementations that do not support multi-prime keys MUST reject them.
            return Error(ErrorCode::JwkInvalid, QStringLiteral("multi-prime RSA keys (\"oth\") are not supported"));
        }
        RsaComponents c;
        bool hasD = false;
        struct M
        {
            const char* name;
            QByteArray* target;
        };
        for (const M& m : {M{"n", &c.n}, M{"e", &c.e}}) {
            auto v = b64Member(o, m.name, true);
            if (!v) {
                return v.error();
            }
            *m.target = v.value();
        }
        auto d = b64Member(o, "d", false, &hasD);
        if (!d) {
            return d.error();
        }
        c.d = d.value();
        if (hasD) {
            for (const M& m : {M{"p", &c.p}, M{"q", &c.q}, M{"dp", &c.dp}, M{"dq", &c.dq}, M{"qi", &c.qi}}) {
                auto v = b64Member(o, m.name, false);
                if (!v) {
                    return v.error();
                }
                *m.target = v.value();
            }
        }
        auto key = AsymmetricKey::fromRsa(c);
        if (!key) {
            return key.error();
        }
        jwk.m_key = key.value();
        if (jwk.m_key.bits() < 2048 && !options.allowWeakRsa) {
            // RFC 7518 §3.3: a key of size 2048 bits or larger MUST be used.
            return classified(
                Error(ErrorCode::KeyTooWeak,
                      QStringLiteral("RSA key of %1 bits; RFC 7518 §3.3 requires at least 2048").arg(jwk.m_key.bits())),
                "rsa-weak");
        }
        if (!options.allowWeakRsa && RsaWeakness::isRocaVulnerable(c.n)) {
            // CVE-2017-15361: the factorisation is practical; never accept such a key for verification.
            return classified(Error(ErrorCode::KeyTooWeak,
                                    QStringLiteral("the RSA modulus has the ROCA fingerprint (CVE-2017-15361)")),
                              "rsa-roca");
        }
    } else if (kty == QLatin1String("EC") || kty == QLatin1String("OKP")) {
        const bool okp = kty == QLatin1String("OKP");
        jwk.m_kty = okp ? Kty::Okp : Kty::Ec;
        auto crvName = stringMember(o, "crv");
        if (!crvName) {
            return crvName.error();
        }
        if (crvName->isEmpty()) {
            return invalid(QStringLiteral("\"crv\" is required"));
        }
        const auto curve = curveFromName(crvName.value());
        if (!curve || curveIsOkp(*curve) != okp) {
            return classified(Error(ErrorCode::NotSupported,
                                    QStringLiteral("unsupported curve \"%1\" for kty %2").arg(crvName.value(), kty)),
                              "crv-unknown");
        }
        CurveComponents c;
        c.curve = *curve;
        auto x = b64Member(o, "x", true);
        if (!x) {
            return x.error();
        }
        c.x = x.value();
        if (!okp) {
            auto y = b64Member(o, "y", true);
            if (!y) {
                return y.error();
            }
            c.y = y.value();
        }
        auto d = b64Member(o, "d", false);
        if (!d) {
            return d.error();
        }
        c.d = d.value();
        auto key = AsymmetricKey::fromCurve(c);
        if (!key) {
            // Coordinates of the right length that OpenSSL still refuses: the point is not on the curve (an
            // invalid-curve attack key, RFC 8725 §3.4) or does not match "d".
            const int size = curveCoordinateSize(c.curve);
            const bool pointRefused = !okp && key.error().code == ErrorCode::JwkInvalid && c.x.size() == size &&
                                      c.y.size() == size && c.d.isEmpty();
            return pointRefused ? classified(key.error(), "ec-point-invalid") : key.error();
        }
        jwk.m_key = key.value();
    } else if (kty == QLatin1String("oct")) {
        jwk.m_kty = Kty::Oct;
        auto k = b64Member(o, "k", true);
        if (!k) {
            return k.error();
        }
        if (k->isEmpty()) {
            return invalid(QStringLiteral("empty symmetric key \"k\""));
        }
        jwk.m_secret = k.value();
        const AlgorithmInfo* info = AlgorithmTable::find(jwk.m_alg);
        // A JWE key has the exact size its algorithm needs (RFC 7518 §4.4: a 128-bit A128KW key); the HMAC
        // minimum does not apply to it. The JWE decrypter checks the exact size.
        const int jweBytes = JweAlgorithmTable::octKeyBytesFor(jwk.m_alg);
        const int minimum = jweBytes >= 0                   ? qMax(jweBytes, 1)
                            : (info && info->isSymmetric()) ? info->signatureSize
                                                            : 32;
        if (jwk.m_secret.size() < minimum && !options.allowShortHmacKey) {
            // RFC 7518 §3.2: a key of the same size as the hash output or larger MUST be used.
            return classified(
                Error(ErrorCode::KeyTooWeak, QStringLiteral("HMAC key of %1 bytes; RFC 7518 §3.2 requires at least %2")
                                                 .arg(jwk.m_secret.size())
                                                 .arg(minimum)),
                "hmac-key-short");
        }
    } else {
        return classified(Error(ErrorCode::NotSupported, QStringLiteral("unsupported kty \"%1\"").arg(kty)),
                          "kty-unknown");
    }

    // RFC 7517 §4.7: x5c is standard base64 DER; the leaf's key MUST match the JWK's key.
    if (o.contains(QLatin1String("x5c"))) {
        const QJsonValue chain = o.value(QLatin1String("x5c"));
        if (!chain.isArray() || chain.toArray().isEmpty()) {
            return invalid(QStringLiteral("\"x5c\" must be a non-empty array of base64 certificates"));
        }
        for (const auto& v : chain.toArray()) {
            auto der = Base64Url::decodeStandard(v.toString().toLatin1());
            if (!v.isString() || !der) {
                return invalid(QStringLiteral("\"x5c\" entry is not standard base64 (RFC 7517 §4.7)"));
            }
            jwk.m_x5c.append(der.value());
        }
        auto leaf = Certificate::fromDer(jwk.m_x5c.first());
        if (!leaf) {
            return invalid(QStringLiteral("\"x5c\" leaf certificate: %1").arg(leaf.error().message));
        }
        if (jwk.m_kty == Kty::Oct || !leaf->publicKey().publicEquals(jwk.m_key)) {
            return classified(
                invalid(QStringLiteral("the \"x5c\" leaf certificate's key differs from the JWK key (RFC 7517 §4.7)")),
                "x5c-key-mismatch");
        }
        struct T
        {
            const char* name;
            HashAlg hash;
        };
        for (const T& t : {T{"x5t", HashAlg::Sha1}, T{"x5t#S256", HashAlg::Sha256}}) {
            bool present = false;
            auto thumb = b64Member(o, t.name, false, &present);
            if (!thumb) {
                return thumb.error();
            }
            if (present && t.hash == HashAlg::Sha1 && thumb.value() != leaf->fingerprint(t.hash) &&
                thumb.value() == leaf->fingerprint(t.hash).toHex().toUpper()) {
                // Auth0's legacy tenants: base64url of the uppercase hex digest (40 ASCII characters), not of the
                // 20 digest bytes. It names the right certificate, so the key stays usable; lint() says so
                // (legacyHexX5t).
                continue;
            }
            if (present && thumb.value() != leaf->fingerprint(t.hash)) {
                // RFC 7517 §4.8/§4.9: the thumbprint is of the DER of the certificate the key is in.
                return classified(
                    invalid(QStringLiteral("\"%1\" differs from the x5c leaf certificate").arg(QLatin1String(t.name))),
                    "x5t-mismatch");
            }
        }
    }
    return jwk;
}

Jwk Jwk::fromKey(const AsymmetricKey& key)
{
    Jwk jwk;
    jwk.m_key = key;
    switch (key.type()) {
    case AsymmetricKey::Type::Rsa:
        jwk.m_kty = Kty::Rsa;
        break;
    case AsymmetricKey::Type::Ec:
        jwk.m_kty = Kty::Ec;
        break;
    case AsymmetricKey::Type::Okp:
        jwk.m_kty = Kty::Okp;
        break;
    }
    jwk.m_weakAllowed = true; // built in code: the caller decided; lint still reports weakness
    return jwk;
}

Jwk Jwk::fromSecret(const QByteArray& secret)
{
    Jwk jwk;
    jwk.m_kty = Kty::Oct;
    jwk.m_secret = secret;
    if (jwk.m_secret.isNull()) {
        jwk.m_secret = QByteArray("", 0);
    }
    jwk.m_weakAllowed = true; // a typed secret: verify what the user has, lint says it is short
    return jwk;
}

QString Jwk::ktyName() const
{
    switch (m_kty) {
    case Kty::Rsa:
        return QStringLiteral("RSA");
    case Kty::Ec:
        return QStringLiteral("EC");
    case Kty::Okp:
        return QStringLiteral("OKP");
    case Kty::Oct:
        return QStringLiteral("oct");
    }
    return QString();
}

bool Jwk::isPrivate() const
{
    return m_kty == Kty::Oct ? true : m_key.isPrivate();
}

std::optional<Curve> Jwk::curve() const
{
    if (m_kty == Kty::Ec || m_kty == Kty::Okp) {
        return m_key.curve();
    }
    return std::nullopt;
}

int Jwk::bits() const
{
    return m_kty == Kty::Oct ? int(m_secret.size() * 8) : m_key.bits();
}

Jwk Jwk::withKid(const QString& kid) const
{
    Jwk copy = *this;
    copy.m_kid = kid;
    return copy;
}

Jwk Jwk::withAlg(const QString& alg) const
{
    Jwk copy = *this;
    copy.m_alg = alg;
    return copy;
}

Jwk Jwk::withUse(const QString& use) const
{
    Jwk copy = *this;
    copy.m_use = use;
    return copy;
}

QJsonObject Jwk::toJson(bool includePrivate) const
{
    QJsonObject o;
    o.insert(QStringLiteral("kty"), ktyName());
    auto put = [&o](const char* name, const QByteArray& bytes) {
        if (!bytes.isEmpty()) {
            o.insert(QLatin1String(name), QString::fromLatin1(Base64Url::encode(bytes)));
        }
    };
    switch (m_kty) {
    case Kty::Rsa: {
        const RsaComponents c = m_key.rsaComponents();
        put("n", c.n);
        put("e", c.e);
        if (includePrivate && c.hasPrivate()) {
            put("d", c.d);
            put("p", c.p);
            put("q", c.q);
            put("dp", c.dp);
            put("dq", c.dq);
            put("qi", c.qi);
        }
        break;
    }
    case Kty::Ec:
    case Kty::Okp: {
        const CurveComponents c = m_key.curveComponents();
        o.insert(QStringLiteral("crv"), curveName(c.curve));
        put("x", c.x);
        put("y", c.y);
        if (includePrivate && c.hasPrivate()) {
            put("d", c.d);
        }
        break;
    }
    case Kty::Oct:
        if (includePrivate) {
            o.insert(QStringLiteral("k"), QString::fromLatin1(Base64Url::encode(m_secret)));
        }
        break;
    }
    if (!m_kid.isEmpty()) {
        o.insert(QStringLiteral("kid"), m_kid);
    }
    if (!m_alg.isEmpty()) {
        o.insert(QStringLiteral("alg"), m_alg);
    }
    if (!m_use.isEmpty()) {
        o.insert(QStringLiteral("use"), m_use);
    }
    if (!m_keyOps.isEmpty()) {
        o.insert(QStringLiteral("key_ops"), QJsonArray::fromStringList(m_keyOps));
    }
    if (!m_x5c.isEmpty()) {
        QJsonArray chain;
        for (const auto& der : m_x5c) {
            chain.append(QString::fromLatin1(Base64Url::encodeStandard(der)));
        }
        o.insert(QStringLiteral("x5c"), chain);
    }
    return o;
}

Jwk Jwk::publicJwk() const
{
    Jwk copy = *this;
    if (m_kty != Kty::Oct) {
        copy.m_key = m_key.publicKey();
    }
    copy.m_source = QJsonObject();
    return copy;
}

QByteArray Jwk::thumbprintInput() const
{
    // RFC 7638 §3.2: required members only, lexicographic order, no whitespace. All values are base64url or
    // fixed ASCII names, so no JSON escaping is needed.
    auto q = [](const QByteArray& v) { return QByteArray('"' + v + '"'); };
    switch (m_kty) {
    case Kty::Rsa: {
        const RsaComponents c = m_key.rsaComponents();
        return QByteArray("{\"e\":" + q(Base64Url::encode(c.e)) +
                          ",\"kty\":\"RSA\",\"n\":" + q(Base64Url::encode(c.n)) + '}');
    }
    case Kty::Ec: {
        const CurveComponents c = m_key.curveComponents();
        return QByteArray("{\"crv\":" + q(curveName(c.curve).toLatin1()) + ",\"kty\":\"EC\",\"x\":" +
                          q(Base64Url::encode(c.x)) + ",\"y\":" + q(Base64Url::encode(c.y)) + '}');
    }
    case Kty::Okp: {
        const CurveComponents c = m_key.curveComponents();
        return QByteArray("{\"crv\":" + q(curveName(c.curve).toLatin1()) +
                          ",\"kty\":\"OKP\",\"x\":" + q(Base64Url::encode(c.x)) + '}');
    }
    case Kty::Oct:
        return QByteArray("{\"k\":" + q(Base64Url::encode(m_secret)) + ",\"kty\":\"oct\"}");
    }
    return QByteArray();
}

QString Jwk::thumbprint(HashAlg hash) const
{
    return QString::fromLatin1(Base64Url::encode(Digest::hash(hash, thumbprintInput())));
}

QStringList Jwk::usableAlgorithms() const
{
    const QStringList byKty = AlgorithmTable::namesForKey(ktyName(), curve());
    if (!m_alg.isEmpty()) {
        return byKty.contains(m_alg) ? QStringList{m_alg} : QStringList{};
    }
    return byKty;
}

Result<void> Jwk::checkUsableFor(const AlgorithmInfo& alg, bool forSigning) const
{
    if (alg.isNone()) {
        return Error(ErrorCode::AlgNotAllowed, QStringLiteral("\"none\" is never accepted"));
    }
    if (alg.kty != ktyName()) {
        return Error(ErrorCode::KeyAlgMismatch,
                     QStringLiteral("%1 needs a key of kty %2, this key is %3").arg(alg.name, alg.kty, ktyName()));
    }
    if (alg.family == AlgorithmInfo::Family::Ecdsa && curve() != alg.curve) {
        return Error(ErrorCode::KeyAlgMismatch, QStringLiteral("%1 needs curve %2, this key is on %3")
                                                    .arg(alg.name, curveName(*alg.curve), curveName(*curve())));
    }
    if (!m_alg.isEmpty() && m_alg != alg.name) {
        // Each key is bound to one algorithm (RFC 8725 §3.1); the token cannot choose another.
        return Error(ErrorCode::KeyAlgMismatch,
                     QStringLiteral("the key is for \"%1\", the token uses \"%2\"").arg(m_alg, alg.name));
    }
    if (!m_use.isEmpty() && m_use != QLatin1String("sig")) {
        return Error(ErrorCode::KeyAlgMismatch, QStringLiteral("the key's \"use\" is \"%1\", not \"sig\"").arg(m_use));
    }
    const QString op = forSigning ? QStringLiteral("sign") : QStringLiteral("verify");
    if (!m_keyOps.isEmpty() && !m_keyOps.contains(op)) {
        return Error(ErrorCode::KeyAlgMismatch, QStringLiteral("the key's \"key_ops\" do not include \"%1\"").arg(op));
    }
    if (forSigning && !isPrivate()) {
        return Error(ErrorCode::KeyAlgMismatch, QStringLiteral("signing needs a private key"));
    }
    if (m_kty == Kty::Rsa && m_key.bits() < 2048 && !m_weakAllowed) {
        return Error(ErrorCode::KeyTooWeak,
                     QStringLiteral("RSA key of %1 bits; RFC 7518 §3.3 requires at least 2048").arg(m_key.bits()));
    }
    if (m_kty == Kty::Oct) {
        if (m_secret.isEmpty()) {
            return Error(ErrorCode::KeyTooWeak, QStringLiteral("empty HMAC key"));
        }
        if (m_secret.size() < alg.signatureSize && !m_weakAllowed) {
            return Error(ErrorCode::KeyTooWeak,
                         QStringLiteral("HMAC key of %1 bytes; %2 requires at least %3 (RFC 7518 §3.2)")
                             .arg(m_secret.size())
                             .arg(alg.name)
                             .arg(alg.signatureSize));
        }
    }
    return {};
}

LintFindings Jwk::lint() const
{
    using S = LintFinding::Severity;
    LintFindings out;
    const QString who = m_kid.isEmpty() ? QStringLiteral("(no kid)") : m_kid;
    auto add = [&](const char* code, S severity, const QString& message) {
        out.append(LintFinding{QLatin1String(code), severity, message, who});
    };
    if (m_kid.isEmpty()) {
        add("kid-missing", S::Warning,
            QStringLiteral("no \"kid\": verifiers cannot select this key by id during rotation"));
    }
    if (m_use.isEmpty() && m_keyOps.isEmpty()) {
        add("use-missing", S::Info, QStringLiteral("no \"use\": the key's purpose (sig/enc) is not stated"));
    }
    if (m_alg.isEmpty()) {
        add("alg-missing", S::Info,
            QStringLiteral("no \"alg\": the key is not bound to one algorithm (RFC 8725 §3.1 recommends it)"));
    } else if (!AlgorithmTable::namesForKey(ktyName(), curve()).contains(m_alg)) {
        const AlgorithmInfo* info = AlgorithmTable::find(m_alg);
        // JWE algorithms (RFC 7518 §4) are consistent when the key type fits them.
        const JweKeyAlgorithm* jwe = JweAlgorithmTable::findKey(m_alg);
        const bool jweFits =
            (jwe && (jwe->isEcdh() ? (m_kty == Kty::Ec || (curve() && curveIsKeyAgreementOnly(*curve())))
                                   : jwe->kty == ktyName())) ||
            (m_kty == Kty::Oct && JweAlgorithmTable::findContent(m_alg));
        if (!jweFits && (!info || info->isNone() || m_use != QLatin1String("enc"))) {
            add("alg-inconsistent", S::Critical,
                QStringLiteral("\"alg\":\"%1\" cannot be used with a %2 %3 key")
                    .arg(m_alg, ktyName(), bitsDescription(*this)));
        }
    }
    if (m_alg == QLatin1String("RSA1_5")) {
        add("rsa1_5", S::Warning,
            QStringLiteral("\"alg\":\"RSA1_5\" (RSAES-PKCS1-v1_5) invites padding-oracle attacks; prefer RSA-OAEP-256 "
                           "(RFC 8725 §3.2); Tokenscope decrypts it only when enabled"));
    }
    if (legacyHexX5t(m_source, m_x5c)) {
        add("x5t-hex-sha1", S::Warning,
            QStringLiteral("\"x5t\" is base64url of the uppercase hex SHA-1 of the x5c certificate, not of the digest "
                           "bytes (RFC 7517 §4.8): a legacy Auth0 quirk; the certificate matches, the key is usable"));
    }
    if (m_kty == Kty::Rsa) {
        if (m_key.bits() < 2048) {
            add("rsa-weak", S::Critical,
                QStringLiteral("RSA key of %1 bits (RFC 7518 §3.3 requires 2048)").arg(m_key.bits()));
        }
        if (RsaWeakness::isRocaVulnerable(m_key.rsaComponents().n)) {
            add("rsa-roca", S::Critical,
                QStringLiteral(
                    "the modulus has the ROCA fingerprint (CVE-2017-15361): the private key can be recovered"));
        }
    }
    if (m_kty == Kty::Oct) {
        const AlgorithmInfo* info = AlgorithmTable::find(m_alg);
        const int minimum = (info && info->isSymmetric()) ? info->signatureSize : 32;
        if (m_secret.size() < minimum) {
            add("hmac-key-short", S::Critical,
                QStringLiteral("HMAC key of %1 bytes, shorter than the %2-byte hash (RFC 7518 §3.2)")
                    .arg(m_secret.size())
                    .arg(minimum));
        }
    }
    if (!m_x5c.isEmpty()) {
        if (auto leaf = Certificate::fromDer(m_x5c.first())) {
            const QDateTime now = QDateTime::fromSecsSinceEpoch(SystemClock::instance().nowSeconds(), Qt::UTC);
            if (leaf->notAfter() < now) {
                add("x5c-expired", S::Warning,
                    QStringLiteral("x5c certificate expired on %1").arg(leaf->notAfter().toString(Qt::ISODate)));
            } else if (leaf->notBefore() > now) {
                add("x5c-not-yet-valid", S::Warning,
                    QStringLiteral("x5c certificate is valid only from %1")
                        .arg(leaf->notBefore().toString(Qt::ISODate)));
            }
        }
    }
    return out;
}
