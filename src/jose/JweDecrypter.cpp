// SPDX-License-Identifier: MIT
#include "jose/JweDecrypter.h"

#include "core/Base64Url.h"
#include "crypto/AesCbcHmac.h"
#include "crypto/AesGcm.h"
#include "crypto/AesKeyWrap.h"
#include "crypto/ConcatKdf.h"
#include "crypto/Deflate.h"
#include "crypto/Pbkdf2.h"
#include "crypto/RsaEncryption.h"
#include "crypto/SecureBytes.h"
#include "crypto/SecureRandom.h"
#include "jose/HeaderParameters.h"
#include "jose/JweAlgorithmTable.h"
#include "jose/StepRecorder.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QVarLengthArray>

#include <algorithm>
#include <array>
#include <optional>

namespace {
using KF = JweKeyAlgorithm::Family;

const StepRecorder::Step kJwePipeline[] = {
    {QStringLiteral("parts"), QStringLiteral("Structure (5 parts or JSON)")},
    {QStringLiteral("header"), QStringLiteral("Header JSON")},
    {QStringLiteral("crit"), QStringLiteral("Critical headers (crit)")},
    {QStringLiteral("alg"), QStringLiteral("Algorithms allowed (alg/enc)")},
    {QStringLiteral("key"), QStringLiteral("Key selection")},
    {QStringLiteral("key-fits-alg"), QStringLiteral("Key fits algorithm")},
    {QStringLiteral("cek"), QStringLiteral("Content key (CEK)")},
    {QStringLiteral("decrypt"), QStringLiteral("Decryption and tag")},
    {QStringLiteral("zip"), QStringLiteral("Decompression (zip)")},
    {QStringLiteral("plaintext"), QStringLiteral("Plaintext")},
};
enum Step
{
    kParts,
    kHeader,
    kCrit,
    kAlg,
    kKey,
    kKeyFits,
    kCek,
    kDecrypt,
    kZip,
    kPlaintext,
    kStepCount
};

/// The step list of one decryption. Messages are passed as callables and built only when the list is kept: a batch
/// reads the outcome alone (JweDecrypter::Report::OutcomeOnly), and building the ten messages was ~10,000
/// instructions a token (docs/PERFORMANCE.md, "JWE round 4"). The error is the same either way.
class JweRun
{
public:
    JweRun(DecryptionResult& r, bool report)
        : m_r(r)
        , m_steps(r.steps, kJwePipeline)
        , m_report(report)
    {
    }
    bool reporting() const { return m_report; }
    void pass(int index)
    {
        if (m_report) {
            m_steps.pass(index);
        }
    }
    template <typename Message> void pass(int index, Message&& message)
    {
        if (m_report) {
            m_steps.pass(index, message());
        }
    }
    template <typename Message> void info(int index, Message&& message)
    {
        if (m_report) {
            m_steps.info(index, message());
        }
    }
    template <typename Message> void skip(int index, Message&& message)
    {
        if (m_report) {
            m_steps.skip(index, message());
        }
    }
    DecryptionResult& fail(int index, const Error& e)
    {
        m_r.error = m_report ? m_steps.fail(index, e) : StepRecorder::escaped(e);
        m_r.decrypted = false;
        m_r.plaintext.clear();
        return m_r;
    }
    DecryptionResult& fail(int index, ErrorCode code, const QString& message)
    {
        return fail(index, Error(code, message));
    }

private:
    DecryptionResult& m_r;
    StepRecorder m_steps;
    const bool m_report;
};

/// One recipient's JOSE Header as the decryption reads it: a QJsonObject (JSON serialisations, tokens parsed with
/// their header object), or the strict scan's members of a compact token parsed with JweToken::HeaderForm::Deferred,
/// each value converted when it is read. JweToken defers only headers Qt reads exactly as the scan does, so every
/// value is the QJsonValue Qt's parse of the whole header would hold, and every check sees the same thing; what goes
/// is the second parse and the QJsonObject look-ups (docs/PERFORMANCE.md, "JWE round 7"). An object member of a
/// scanned header (the "epk") is kept as its text and its members are found in it when read, without a member list
/// (nine allocations a token, "JWE round 8b").
class HeaderView
{
public:
    HeaderView() = default; // an empty header (QVarLengthArray needs one)
    explicit HeaderView(QJsonObject object)
        : m_object(std::move(object))
    {
    }
    explicit HeaderView(QList<JsonMember> members)
        : m_members(std::move(members))
        , m_scanned(true)
    {
    }

    template <typename Name> bool contains(const Name& name) const
    {
        return m_scanned ? raw(name).has_value() : m_object.contains(name);
    }
    template <typename Name> QJsonValue value(const Name& name) const
    {
        if (!m_scanned) {
            return m_object.value(name);
        }
        const std::optional<QByteArrayView> r = raw(name);
        return r ? scannedValue(*r) : QJsonValue(QJsonValue::Undefined);
    }
    /// What the hot path asks, without a QJsonValue (Qt 6 keeps a string value in a container of its own: one more
    /// allocation and a copy per look-up).
    template <typename Name> bool isString(const Name& name) const
    {
        if (!m_scanned) {
            return m_object.value(name).isString();
        }
        const std::optional<QByteArrayView> r = raw(name);
        return r && r->startsWith('"');
    }
    /// The member's string value; empty when it is absent or not a string (as QJsonValue::toString()).
    template <typename Name> QString string(const Name& name) const
    {
        if (!m_scanned) {
            return m_object.value(name).toString();
        }
        const std::optional<QByteArrayView> r = raw(name);
        return r && r->startsWith('"') ? QString::fromLatin1(unquoted(*r)) : QString();
    }
    /// string(name) == expected, without making the QString.
    template <typename Expected> bool stringIs(QLatin1String name, const Expected& expected) const
    {
        if (!m_scanned) {
            return m_object.value(name).toString() == expected;
        }
        const std::optional<QByteArrayView> r = raw(name);
        const QByteArrayView text = r && r->startsWith('"') ? unquoted(*r) : QByteArrayView();
        return QLatin1String(text.data(), text.size()) == expected;
    }
    /// string(name).toLatin1(); for a scanned header the bytes of the header itself, not a copy.
    QByteArray latin1(QLatin1String name) const
    {
        if (!m_scanned) {
            return m_object.value(name).toString().toLatin1();
        }
        const std::optional<QByteArrayView> r = raw(name);
        if (!r || !r->startsWith('"')) {
            return QByteArray();
        }
        const QByteArrayView text = unquoted(*r);
        return QByteArray::fromRawData(text.data(), text.size()); // the token outlives the caller's use
    }
    /// The member `name` when it is a JSON object; nullopt when it is absent or something else.
    std::optional<HeaderView> object(QLatin1String name) const
    {
        if (!m_scanned) {
            const QJsonValue v = m_object.value(name);
            return v.isObject() ? std::optional<HeaderView>(HeaderView(v.toObject())) : std::nullopt;
        }
        if (m_objectText.isNull()) {
            const JsonMember* m = find(name);
            return m && m->rawValue.startsWith('{') ? std::optional<HeaderView>(HeaderView(m->rawValue)) : std::nullopt;
        }
        // An object in an object member: the decryption reads none, so a copy of its text is fine.
        const std::optional<QByteArrayView> r = raw(name);
        return r && r->startsWith('{') ? std::optional<HeaderView>(HeaderView(r->toByteArray())) : std::nullopt;
    }
    QJsonObject toObject() const
    {
        if (!m_scanned) {
            return m_object;
        }
        QJsonObject o;
        if (m_objectText.isNull()) {
            for (const JsonMember& m : m_members) {
                o.insert(m.key, scannedValue(m.rawValue));
            }
            return o;
        }
        const auto insert = [&o](QByteArrayView key, QByteArrayView value) {
            o.insert(QLatin1String(key.data(), key.size()), scannedValue(value));
            return true;
        };
        splitMembers(m_objectText, insert);
        return o;
    }

private:
    /// An object member of a scanned header, as its text (see object()).
    explicit HeaderView(QByteArray objectText)
        : m_objectText(std::move(objectText))
        , m_scanned(true)
    {
        // One split here instead of one per look-up: the decryption reads five members of an "epk" (d, kty, crv,
        // x, y), and each split walked the whole object (4,100 instructions a token, docs/PERFORMANCE.md, "JWE
        // round 10"). Offsets, not views: a copy of this view shares the text but not its address guarantee.
        const char* const base = m_objectText.constData();
        const auto index = [&](QByteArrayView key, QByteArrayView value) {
            if (m_memberCount == m_index.size()) {
                m_indexed = false; // more members than the index holds: look-ups split the text again
                return false;
            }
            m_index[m_memberCount++] = {key.data() - base, key.size(), value.data() - base, value.size()};
            return true;
        };
        m_indexed = true;
        splitMembers(m_objectText, index);
    }

    template <typename Name> const JsonMember* find(const Name& name) const
    {
        // Duplicate names were rejected (JweToken::parse), so the first is the only one.
        for (const JsonMember& m : m_members) {
            if (m.key == name) {
                return &m;
            }
        }
        return nullptr;
    }
    /// The literal text of member `name` of a scanned header; nullopt when it is absent.
    template <typename Name> std::optional<QByteArrayView> raw(const Name& name) const
    {
        if (m_objectText.isNull()) {
            const JsonMember* m = find(name);
            return m ? std::optional<QByteArrayView>(m->rawValue) : std::nullopt;
        }
        if (m_indexed) {
            const char* const base = m_objectText.constData();
            for (size_t i = 0; i < m_memberCount; ++i) {
                const MemberOffsets& m = m_index[i];
                // Deferred headers have no escapes: a name's text is the name.
                if (QLatin1String(base + m.key, m.keySize) == name) {
                    return QByteArrayView(base + m.value, m.valueSize);
                }
            }
            return std::nullopt;
        }
        std::optional<QByteArrayView> found;
        const auto match = [&](QByteArrayView key, QByteArrayView value) {
            // Deferred headers have no escapes: a name's text is the name.
            if (QLatin1String(key.data(), key.size()) == name) {
                found = value;
                return false; // duplicate names were rejected at every depth, so the first is the only one
            }
            return true;
        };
        splitMembers(m_objectText, match);
        return found;
    }
    static bool isJsonSpace(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }
    /// Calls visit(name, value text) for each member of `object`, an object value of a deferred header, until it
    /// returns false. The strict scan has accepted the whole header (duplicate names at every depth included) and it
    /// has no escapes and no numbers, so a name ends at the next quote and a value at the first ',' or '}' outside
    /// strings and nested containers: a split, not a second scan.
    template <typename Visit> static void splitMembers(QByteArrayView object, const Visit& visit)
    {
        const char* const p = object.data();
        const qsizetype n = object.size();
        qsizetype i = 1; // after '{'
        const auto skipSpace = [&] {
            while (i < n && isJsonSpace(p[i])) {
                ++i;
            }
        };
        for (;;) {
            skipSpace();
            if (i >= n || p[i] != '"') {
                return; // the '}' of an empty object
            }
            const qsizetype keyOffset = ++i;
            while (i < n && p[i] != '"') {
                ++i;
            }
            const QByteArrayView key(p + keyOffset, i - keyOffset);
            ++i; // closing quote
            skipSpace();
            ++i; // ':'
            skipSpace();
            const qsizetype valueOffset = i;
            int depth = 0;
            bool inString = false;
            for (; i < n; ++i) {
                const char c = p[i];
                if (inString) {
                    inString = c != '"';
                } else if (c == '"') {
                    inString = true;
                } else if (c == '{' || c == '[') {
                    ++depth;
                } else if ((c == '}' || c == ']' || c == ',') && depth == 0) {
                    break;
                } else if (c == '}' || c == ']') {
                    --depth;
                }
            }
            qsizetype valueEnd = i;
            while (valueEnd > valueOffset && isJsonSpace(p[valueEnd - 1])) {
                --valueEnd;
            }
            if (!visit(key, QByteArrayView(p + valueOffset, valueEnd - valueOffset))) {
                return;
            }
            if (i >= n || p[i] != ',') {
                return;
            }
            ++i; // ','
        }
    }
    // Deferred headers are ASCII without escapes: a string's value is its literal without the quotes.
    static QByteArrayView unquoted(QByteArrayView raw) { return raw.sliced(1, raw.size() - 2); }
    static QJsonValue scannedValue(QByteArrayView raw)
    {
        if (raw.startsWith('"')) {
            return QString::fromLatin1(unquoted(raw));
        }
        QByteArray array;
        array.reserve(raw.size() + 2);
        array.append('[').append(raw).append(']');
        return QJsonDocument::fromJson(array).array().at(0); // objects, arrays, literals: as Qt reads them
    }

    QJsonObject m_object;
    QList<JsonMember> m_members;
    QByteArray m_objectText; // not null: an object member of a scanned header (m_members unused)
    bool m_scanned = false;
    /// m_objectText's members (when m_indexed): where each name and value text starts, and their sizes.
    struct MemberOffsets
    {
        qsizetype key, keySize, value, valueSize;
    };
    std::array<MemberOffsets, 8> m_index{}; // an EC or OKP public JWK has 3-4 members; a larger object splits again
    size_t m_memberCount = 0;
    bool m_indexed = false;
};

Error jweInvalid(const QString& message, const char* reason = nullptr)
{
    return Error(ErrorCode::JweInvalid, message, QString(), reason ? QLatin1String(reason) : QString());
}

Error decryptionFailed(const QString& reason)
{
    // One message for every unwrap and tag failure: which one failed is no business of an attacker's.
    return Error(ErrorCode::JweDecryptionFailed, QStringLiteral("decryption operation failed"), QString(), reason);
}

/// RFC 7517 §4.3 operations that allow a key to be used for this algorithm on the decrypting side.
QStringList acceptableKeyOps(KF family)
{
    switch (family) {
    case KF::Direct:
        return {QStringLiteral("decrypt")};
    case KF::EcdhEs:
    case KF::EcdhEsKw:
        return {QStringLiteral("deriveKey"), QStringLiteral("deriveBits")};
    case KF::Pbes2:
        return {QStringLiteral("deriveKey"), QStringLiteral("deriveBits"), QStringLiteral("unwrapKey")};
    case KF::Rsa1_5:
    case KF::RsaOaep:
    case KF::AesKw:
    case KF::AesGcmKw:
        return {QStringLiteral("unwrapKey"), QStringLiteral("decrypt")};
    }
    return {};
}

bool ktyFits(const Jwk& key, const JweKeyAlgorithm& alg)
{
    if (alg.isEcdh()) {
        return key.kty() == Jwk::Kty::Ec ||
               (key.kty() == Jwk::Kty::Okp && key.curve() && curveIsKeyAgreementOnly(*key.curve()));
    }
    return key.ktyName() == alg.kty;
}

/// Selection rules (jose): kty fits alg, key "alg" equal when present ("dir" keys may name the "enc" instead,
/// RFC 7520 §5.6), "use" absent or "enc", "key_ops" (when present) allows the operation.
Result<void> checkSelectable(const Jwk& key, const JweKeyAlgorithm& alg, const QString& enc)
{
    if (!ktyFits(key, alg)) {
        return Error(
            ErrorCode::KeyAlgMismatch,
            QStringLiteral("%1 needs a key of kty %2, this key is %3")
                .arg(alg.name, alg.isEcdh() ? QStringLiteral("EC or OKP (X25519/X448)") : alg.kty, key.ktyName()));
    }
    if (!key.alg().isEmpty() && key.alg() != alg.name && !(alg.family == KF::Direct && key.alg() == enc)) {
        // Each key is bound to one algorithm (RFC 8725 §3.1): an RSA-OAEP key never decrypts RSA1_5.
        return Error(ErrorCode::KeyAlgMismatch,
                     QStringLiteral("the key is for \"%1\", the token uses \"%2\"").arg(key.alg(), alg.name));
    }
    if (!key.use().isEmpty() && key.use() != QLatin1String("enc")) {
        return Error(ErrorCode::KeyAlgMismatch,
                     QStringLiteral("the key's \"use\" is \"%1\", not \"enc\"").arg(key.use()));
    }
    if (!key.keyOps().isEmpty()) {
        const QStringList ops = acceptableKeyOps(alg.family);
        bool any = false;
        for (const auto& op : ops) {
            any = any || key.keyOps().contains(op);
        }
        if (!any) {
            return Error(ErrorCode::KeyAlgMismatch,
                         QStringLiteral("the key's \"key_ops\" include none of %1").arg(ops.join(QLatin1String(", "))));
        }
    }
    return {};
}

/// Strength and shape: private key, RSA >= 2048 bits (as jose), exact AES key sizes.
Result<void> checkFits(const Jwk& key, const JweKeyAlgorithm& alg, const JweContentAlgorithm& enc)
{
    if (auto s = checkSelectable(key, alg, enc.name); !s) {
        return s;
    }
    if (!key.isSymmetric() && !key.isPrivate()) {
        return Error(ErrorCode::KeyAlgMismatch, QStringLiteral("decryption needs a private key"));
    }
    if (key.kty() == Jwk::Kty::Rsa && key.bits() < 2048) {
        return Error(ErrorCode::KeyTooWeak,
                     QStringLiteral("RSA key of %1 bits; %2 requires at least 2048").arg(key.bits()).arg(alg.name));
    }
    if (key.isSymmetric()) {
        const qsizetype size = key.secret().size();
        if (alg.family == KF::Direct && size != enc.keyBytes) {
            return Error(ErrorCode::KeyAlgMismatch,
                         QStringLiteral("\"dir\" with %1 needs a %2-byte key, this key has %3")
                             .arg(enc.name)
                             .arg(enc.keyBytes)
                             .arg(size));
        }
        if ((alg.family == KF::AesKw || alg.family == KF::AesGcmKw) && size != alg.kekBytes) {
            return Error(
                ErrorCode::KeyAlgMismatch,
                QStringLiteral("%1 needs a %2-byte key, this key has %3").arg(alg.name).arg(alg.kekBytes).arg(size));
        }
        if (alg.family == KF::Pbes2 && size == 0) {
            return Error(ErrorCode::KeyAlgMismatch, QStringLiteral("empty PBES2 password"));
        }
    }
    return {};
}

Result<QByteArray> headerBytes(const HeaderView& header, const char* name, bool required)
{
    const QLatin1String key(name);
    const bool present = header.contains(key);
    if (!present && !required) {
        return QByteArray();
    }
    if (!header.isString(key)) {
        return jweInvalid(QStringLiteral("\"%1\" header parameter is %2")
                              .arg(key, present ? QStringLiteral("not a string") : QStringLiteral("missing")),
                          "header-parameter");
    }
    auto decoded = Base64Url::decode(header.latin1(key));
    if (!decoded) {
        return jweInvalid(QStringLiteral("\"%1\" header parameter is not base64url").arg(key), "header-parameter");
    }
    return decoded.value();
}

/// An "epk": a point on the recipient's EC curve (agreed through EcdhAgreement::sharedSecretWithPoint without a key
/// import) or, for X25519/X448, an imported public key.
struct EphemeralKey
{
    QByteArray point;
    AsymmetricKey key;
};

/// RFC 7518 §4.6: the "epk" public key on the recipient key's curve.
Result<EphemeralKey> ephemeralKey(const HeaderView& header, const Jwk& key)
{
    const std::optional<HeaderView> epk = header.object(QLatin1String("epk"));
    if (!epk) {
        return jweInvalid(QStringLiteral("\"epk\" header parameter is missing or not a JWK object"), "epk-invalid");
    }
    const HeaderView& o = *epk;
    if (o.contains(QLatin1String("d"))) {
        return jweInvalid(QStringLiteral("\"epk\" must be a public key"), "epk-invalid");
    }
    if (key.kty() == Jwk::Kty::Ec && key.curve()) {
        // RFC 7518 §6.2.1: an EC public key on the recipient's curve, x and y of the full coordinate length. The
        // point goes to the recipient key's agreement as it is (no JWK import, no new EC_GROUP per token); the
        // agreement checks it is on the curve before using it (invalid-curve attacks).
        if (!o.stringIs(QLatin1String("kty"), QLatin1String("EC")) ||
            !o.stringIs(QLatin1String("crv"), curveName(*key.curve()))) {
            const QString crv = o.string(QLatin1String("crv"));
            return jweInvalid(QStringLiteral("\"epk\" is on %1, the key on %2")
                                  .arg(crv.isEmpty() ? o.string(QLatin1String("kty")) : crv, curveName(*key.curve())),
                              "epk-invalid");
        }
        const qsizetype size = (key.bits() + 7) / 8;
        auto x = Base64Url::decode(o.latin1(QLatin1String("x")));
        auto y = Base64Url::decode(o.latin1(QLatin1String("y")));
        if (!x || !y || x->size() != size || y->size() != size) {
            return jweInvalid(
                QStringLiteral("\"epk\" is not a valid public key: x and y must be %1-byte base64url").arg(size),
                "epk-invalid");
        }
        EphemeralKey e;
        e.point.reserve(1 + 2 * size);
        e.point.append('\x04').append(x.value()).append(y.value());
        return e;
    }
    auto jwk = Jwk::fromJson(o.toObject());
    if (!jwk) {
        // Includes points not on the curve (invalid-curve attack): OpenSSL's public-key check refuses them.
        return jweInvalid(QStringLiteral("\"epk\" is not a valid public key: %1").arg(jwk.error().message),
                          "epk-invalid");
    }
    if (jwk->curve() != key.curve() || jwk->kty() != key.kty()) {
        return jweInvalid(QStringLiteral("\"epk\" is on %1, the key on %2")
                              .arg(jwk->curve() ? curveName(*jwk->curve()) : jwk->ktyName(),
                                   key.curve() ? curveName(*key.curve()) : key.ktyName()),
                          "epk-invalid");
    }
    return EphemeralKey{QByteArray(), jwk->asymmetricKey()};
}

struct Attempt
{
    int failedStep = -1; // -1: success
    Error error;
    QByteArray cek;
    QString cekMessage;
};

/// Steps "cek": obtain the content encryption key for one (recipient, key) pair.
Attempt obtainCek(const JweToken& t, int recipient, const HeaderView& header, const Jwk& key,
                  const EcdhAgreement& agreement, const JweKeyAlgorithm& alg, const JweContentAlgorithm& enc,
                  const DecryptOptions& options, bool report)
{
    Attempt a;
    a.failedStep = kCek;
    const QByteArray& encryptedKey = t.recipients[recipient].encryptedKey;
    if (!alg.hasEncryptedKey() && !encryptedKey.isEmpty()) {
        // RFC 7518 §4.5 / §4.6: the JWE Encrypted Key MUST be empty.
        a.error = jweInvalid(QStringLiteral("%1 requires an empty encrypted key").arg(alg.name), "encrypted-key");
        return a;
    }
    switch (alg.family) {
    case KF::Direct:
        a.cek = key.secret();
        a.cekMessage = QStringLiteral("the key is the CEK (dir)");
        break;
    case KF::RsaOaep: {
        auto cek = RsaEncryption::oaepDecrypt(key.asymmetricKey(), alg.hash, encryptedKey);
        if (!cek) {
            a.error = decryptionFailed(QStringLiteral("unwrap"));
            return a;
        }
        a.cek = cek.value();
        if (report) {
            a.cekMessage = QStringLiteral("RSAES-OAEP (%1) unwrapped").arg(hashName(alg.hash));
        }
        break;
    }
    case KF::Rsa1_5: {
        // RFC 7516 §11.5: draw the random CEK first, decrypt, and continue with the random CEK on any failure.
        auto random = SecureRandom::bytes(enc.keyBytes);
        if (!random) {
            a.error = random.error();
            return a;
        }
        a.cek = RsaEncryption::pkcs1v15DecryptOrRandom(key.asymmetricKey(), encryptedKey, random.value());
        a.cekMessage = QStringLiteral("RSAES-PKCS1-v1_5 (RFC 7516 §11.5: a failure shows only at the tag)");
        break;
    }
    case KF::AesKw: {
        auto cek = AesKeyWrap::unwrap(key.secret(), encryptedKey);
        if (!cek) {
            a.error = decryptionFailed(QStringLiteral("unwrap"));
            return a;
        }
        a.cek = cek.value();
        a.cekMessage = QStringLiteral("AES key wrap (RFC 3394) unwrapped");
        break;
    }
    case KF::AesGcmKw: {
        auto iv = headerBytes(header, "iv", true);
        auto tag = iv ? headerBytes(header, "tag", true) : Result<QByteArray>(iv.error());
        if (!tag) {
            a.error = tag.error();
            return a;
        }
        if (iv->size() != AesGcm::kIvSize) {
            a.error = jweInvalid(QStringLiteral("\"iv\" must be 96 bits (RFC 7518 §4.7.1.1)"), "header-parameter");
            return a;
        }
        auto cek = AesGcm::decrypt(key.secret(), iv.value(), {}, encryptedKey, tag.value());
        if (!cek) {
            a.error = decryptionFailed(QStringLiteral("unwrap"));
            return a;
        }
        a.cek = cek.value();
        a.cekMessage = QStringLiteral("AES-GCM key wrap unwrapped");
        break;
    }
    case KF::EcdhEs:
    case KF::EcdhEsKw: {
        auto epk = ephemeralKey(header, key);
        if (!epk) {
            a.error = epk.error();
            return a;
        }
        auto apu = headerBytes(header, "apu", false);
        auto apv = apu ? headerBytes(header, "apv", false) : Result<QByteArray>(apu.error());
        if (!apv) {
            a.error = apv.error();
            return a;
        }
        auto z = epk->point.isEmpty() ? agreement.sharedSecret(epk->key) : agreement.sharedSecretWithPoint(epk->point);
        if (!z) {
            a.error = z.error().code == ErrorCode::JweInvalid
                          ? jweInvalid(QStringLiteral("\"epk\" is not a valid public key: %1").arg(z.error().message),
                                       "epk-invalid")
                          : z.error();
            return a;
        }
        // RFC 7518 §4.6.2: AlgorithmID is "enc" for direct agreement, "alg" with key wrapping.
        const bool direct = alg.family == KF::EcdhEs;
        const int keyBytes = direct ? enc.keyBytes : alg.kekBytes;
        // The table's names are ASCII, so this is their UTF-8, on the stack.
        QVarLengthArray<char, 32> algorithmId;
        for (const QChar c : direct ? enc.name : alg.name) {
            algorithmId.append(char(c.unicode()));
        }
        auto derived =
            ConcatKdf::derive(z.value(),
                              ConcatKdf::otherInfo(QByteArrayView(algorithmId.constData(), algorithmId.size()),
                                                   apu.value(), apv.value(), keyBytes * 8),
                              keyBytes);
        // Z and the KEK are secrets; wiped in their own storage (a copy shares it, and secureWipe leaves shared
        // storage alone).
        secureWipe(z.value());
        if (!derived) {
            a.error = derived.error();
            return a;
        }
        if (direct) {
            a.cek = std::move(derived.value());
        } else {
            auto cek = AesKeyWrap::unwrap(derived.value(), encryptedKey);
            secureWipe(derived.value());
            if (!cek) {
                a.error = decryptionFailed(QStringLiteral("unwrap"));
                return a;
            }
            a.cek = cek.value();
        }
        if (report) {
            a.cekMessage = QStringLiteral("ECDH-ES on %1, Concat KDF%2")
                               .arg(key.curve() ? curveName(*key.curve()) : QString(),
                                    direct ? QString() : QStringLiteral(", AES key wrap"));
        }
        break;
    }
    case KF::Pbes2: {
        const QJsonValue p2c = header.value(QLatin1String("p2c"));
        if (!p2c.isDouble() || p2c.toDouble() != double(qint64(p2c.toDouble())) || p2c.toDouble() < 1) {
            a.error =
                jweInvalid(QStringLiteral("\"p2c\" must be a positive integer (RFC 7518 §4.8.1.2)"), "p2c-invalid");
            return a;
        }
        if (p2c.toDouble() > options.maxPbes2Count) {
            a.error = jweInvalid(QStringLiteral("\"p2c\" %1 exceeds the ceiling of %2 iterations")
                                     .arg(qint64(p2c.toDouble()))
                                     .arg(options.maxPbes2Count),
                                 "p2c-too-large");
            return a;
        }
        auto p2s = headerBytes(header, "p2s", true);
        if (!p2s) {
            a.error = p2s.error();
            return a;
        }
        if (p2s->size() < 8) {
            // RFC 7518 §4.8.1.1: a Salt Input of 8 or more octets MUST be used.
            a.error = jweInvalid(
                QStringLiteral("\"p2s\" has %1 bytes; at least 8 are required (RFC 7518 §4.8.1.1)").arg(p2s->size()),
                "p2s-too-short");
            return a;
        }
        // RFC 7518 §4.8.1.1: Salt = UTF8(alg) || 0x00 || Salt Input.
        const QByteArray salt = alg.name.toUtf8() + '\0' + p2s.value();
        auto kek = Pbkdf2::derive(alg.hash, key.secret(), salt, int(p2c.toDouble()), alg.kekBytes);
        if (!kek) {
            a.error = kek.error();
            return a;
        }
        auto cek = AesKeyWrap::unwrap(kek.value(), encryptedKey);
        if (!cek) {
            a.error = decryptionFailed(QStringLiteral("unwrap"));
            return a;
        }
        a.cek = cek.value();
        if (report) {
            a.cekMessage =
                QStringLiteral("PBKDF2-%1, %2 iterations, AES key wrap").arg(hashName(alg.hash)).arg(p2c.toInt());
        }
        break;
    }
    }
    if (a.cek.size() != enc.keyBytes) {
        a.error = decryptionFailed(QStringLiteral("cek-size"));
        secureWipe(a.cek);
        return a;
    }
    a.failedStep = -1;
    return a;
}

} // namespace

JweDecrypter::JweDecrypter(Jwks keys, DecryptOptions options)
    : m_keys(std::move(keys))
    , m_options(std::move(options))
{
    m_allowed = m_options.allowedAlgorithms;
    if (m_allowed.isEmpty()) {
        m_allowed = JweAlgorithmTable::keyNames();
        if (!m_options.allowRsa1_5) {
            m_allowed.removeAll(QStringLiteral("RSA1_5"));
        }
    }
    m_allowedEnc =
        m_options.allowedEncryptions.isEmpty() ? JweAlgorithmTable::contentNames() : m_options.allowedEncryptions;
    for (const QString& name : std::as_const(m_allowed)) {
        if (const JweKeyAlgorithm* a = JweAlgorithmTable::findKey(name)) {
            m_allowedKeyAlgorithms.append(a);
        }
    }
    for (const QString& name : std::as_const(m_allowedEnc)) {
        if (const JweContentAlgorithm* c = JweAlgorithmTable::findContent(name)) {
            m_allowedContentAlgorithms.append(c);
        }
    }
    m_rsa1_5 = m_options.allowRsa1_5 || m_options.allowedAlgorithms.contains(QStringLiteral("RSA1_5"));
    // One agreement per EC/OKP private key (null for the others): its derivation contexts are set up once, not per
    // token.
    m_agreements.reserve(size_t(m_keys.keys().size()));
    for (const Jwk& key : m_keys.keys()) {
        m_agreements.push_back(key.isSymmetric() ? EcdhAgreement() : EcdhAgreement(key.asymmetricKey()));
    }
}

JweDecrypter::JweDecrypter(const Jwk& key, DecryptOptions options)
    : JweDecrypter(Jwks(QList<Jwk>{key}), std::move(options))
{
    m_singleKey = true;
}

DecryptionResult JweDecrypter::decrypt(QByteArrayView token, Report report) const
{
    return decrypt(JweToken::parse(token, JweToken::HeaderForm::Deferred), report);
}

DecryptionResult JweDecrypter::decrypt(const Result<JweToken>& parsed, Report report) const
{
    DecryptionResult r;
    const bool steps = report == Report::Steps;
    if (steps) {
        r.steps.reserve(kStepCount);
    }
    JweRun run(r, steps);

    // 1-2. Structure and header JSON (RFC 7516 §5.2 steps 1-4).
    if (!parsed) {
        const Error& e = parsed.error();
        return run.fail(e.reason == QLatin1String("header") ? kHeader : kParts, e);
    }
    const JweToken& t = parsed.value();
    run.pass(kParts, [&] {
        return t.serialization == JweToken::Serialization::Compact ? QStringLiteral("5 base64url parts")
               : t.serialization == JweToken::Serialization::JsonFlattened
                   ? QStringLiteral("flattened JSON serialisation")
                   : QStringLiteral("general JSON serialisation, %1 recipient(s)").arg(t.recipients.size());
    });

    // Each recipient's JOSE Header, made once for all the steps that read it (a JSON serialisation's is the union of
    // its three headers; each step made it again before, seven times a token). A deferred header is a compact token's:
    // one recipient, no unprotected headers, the JOSE Header is the protected. At least one view, as joseHeader(0)
    // is defined without recipients.
    QVarLengthArray<HeaderView, 1> views;
    for (int i = 0; i < std::max<qsizetype>(1, t.recipients.size()); ++i) {
        views.append(t.protectedHeaderDeferred ? HeaderView(t.protectedMembers) : HeaderView(t.joseHeader(i)));
    }
    const auto headerView = [&views](int recipient) -> const HeaderView& { return views[recipient]; };
    const auto resultHeader = [&t](int recipient) {
        return t.protectedHeaderDeferred ? JweHeader::deferred(t.protectedBytes) : JweHeader(t.joseHeader(recipient));
    };
    const std::optional<HeaderView> protectedOnly =
        t.protectedHeaderDeferred ? std::nullopt : std::optional<HeaderView>(HeaderView(t.protectedHeader));
    const HeaderView& protectedView = protectedOnly ? *protectedOnly : views[0];
    r.header = resultHeader(0);
    // "enc" and each "alg" are read as Latin-1 bytes: for a deferred header (printable ASCII) a view of the header
    // itself, so a token's look-ups make no QString. A JSON header's non-Latin-1 characters become '?', which no
    // table name has; the messages below show the text as written.
    QByteArray encName;
    for (int i = 0; i < t.recipients.size(); ++i) {
        const HeaderView& h = headerView(i);
        if (!h.isString(QLatin1String("alg"))) {
            return run.fail(kHeader, jweInvalid(QStringLiteral("\"alg\" header parameter is missing or not a string")));
        }
        if (!h.isString(QLatin1String("enc"))) {
            return run.fail(kHeader, jweInvalid(QStringLiteral("\"enc\" header parameter is missing or not a string")));
        }
        if (i > 0 && h.string(QLatin1String("enc")) != headerView(0).string(QLatin1String("enc"))) {
            return run.fail(kHeader, jweInvalid(QStringLiteral("recipients disagree on \"enc\"")));
        }
        if (i == 0) {
            encName = h.latin1(QLatin1String("enc"));
        }
        // RFC 7516 §4.1.3: "zip" MUST be integrity protected.
        if (h.contains(QLatin1String("zip")) && !protectedView.contains(QLatin1String("zip"))) {
            return run.fail(kHeader,
                            jweInvalid(QStringLiteral("\"zip\" must be in the protected header (RFC 7516 §4.1.3)")));
        }
    }
    const QJsonValue zip = protectedView.value(QLatin1String("zip"));
    if (!zip.isUndefined() && zip != QJsonValue(QStringLiteral("DEF"))) {
        return run.fail(kHeader, ErrorCode::JweNotSupported,
                        QStringLiteral("unsupported \"zip\" value; only \"DEF\" is defined (RFC 7518 §7.3)"));
    }
    run.pass(kHeader);

    // 3. crit (RFC 7516 §4.1.13 → RFC 7515 §4.1.11): integrity protected, understood, present.
    const HeaderView& header0 = headerView(0);
    if (header0.contains(QLatin1String("crit"))) {
        if (!protectedView.contains(QLatin1String("crit"))) {
            return run.fail(kCrit, jweInvalid(QStringLiteral("\"crit\" must be in the protected header")));
        }
        const QJsonValue crit = protectedView.value(QLatin1String("crit"));
        if (!crit.isArray() || crit.toArray().isEmpty()) {
            return run.fail(kCrit, jweInvalid(QStringLiteral("\"crit\" must be a non-empty array of names")));
        }
        for (const auto& v : crit.toArray()) {
            if (!v.isString()) {
                return run.fail(kCrit, jweInvalid(QStringLiteral("\"crit\" must contain only strings")));
            }
            const QString name = v.toString();
            if (HeaderParameters::isRegistered(name)) {
                return run.fail(
                    kCrit, jweInvalid(QStringLiteral("\"crit\" must not list the registered header \"%1\"").arg(name)));
            }
            if (!m_options.understoodCrit.contains(name)) {
                return run.fail(
                    kCrit, ErrorCode::CritUnsupported,
                    QStringLiteral("extension header \"%1\" is marked critical but not understood").arg(name));
            }
            if (!header0.contains(name)) {
                return run.fail(kCrit,
                                jweInvalid(QStringLiteral("\"crit\" lists \"%1\" but the header lacks it").arg(name)));
            }
        }
        run.pass(kCrit, [&] {
            return QStringLiteral("understood: %1").arg(crit.toVariant().toStringList().join(QLatin1String(", ")));
        });
    } else {
        run.pass(kCrit, [] { return QStringLiteral("no crit header"); });
    }

    // 4. alg and enc in the allowlists (RSA1_5 only when enabled).
    const JweContentAlgorithm* enc =
        JweAlgorithmTable::findContent(QLatin1StringView(encName.constData(), encName.size()));
    if (!enc || !m_allowedContentAlgorithms.contains(enc)) {
        return run.fail(kAlg, ErrorCode::AlgNotAllowed,
                        QStringLiteral("\"enc\" (Encryption Algorithm) Header Parameter value \"%1\" not allowed; "
                                       "allowed: %2")
                            .arg(headerView(0).string(QLatin1String("enc")), m_allowedEnc.join(QLatin1String(", "))));
    }
    // On the stack: one recipient is the usual case, and these three lists were three allocations a token.
    QVarLengthArray<int, 4> recipients;
    // Each recipient's "alg" is looked up once: the later steps read it from here (a QString and a table search per
    // step and token before).
    QVarLengthArray<const JweKeyAlgorithm*, 4> algs;
    for (int i = 0; i < t.recipients.size(); ++i) {
        const QByteArray name = headerView(i).latin1(QLatin1String("alg"));
        const JweKeyAlgorithm* alg = JweAlgorithmTable::findKey(QLatin1StringView(name.constData(), name.size()));
        algs.append(alg);
        if (alg && m_allowedKeyAlgorithms.contains(alg) && (alg->family != KF::Rsa1_5 || m_rsa1_5)) {
            recipients.append(i);
        }
    }
    if (recipients.isEmpty()) {
        QString firstAlg;
        for (int i = 0; i < t.recipients.size() && firstAlg.isEmpty(); ++i) {
            firstAlg = headerView(i).string(QLatin1String("alg"));
        }
        QStringList allowed = m_allowed;
        if (!m_rsa1_5) {
            allowed.removeAll(QStringLiteral("RSA1_5"));
        }
        return run.fail(
            kAlg, ErrorCode::AlgNotAllowed,
            QStringLiteral("\"alg\" (Algorithm) Header Parameter value \"%1\" not allowed; allowed: %2")
                .arg(firstAlg, allowed.isEmpty() ? QStringLiteral("(none)") : allowed.join(QLatin1String(", "))));
    }
    run.pass(kAlg, [&] {
        return QStringLiteral("%1 / %2 are allowed")
            .arg(headerView(recipients.first()).string(QLatin1String("alg")), enc->name);
    });

    // 5. Key selection: pairs (recipient, key) in order of preference.
    if (m_keys.isEmpty()) {
        return run.fail(kKey, ErrorCode::JwksNoMatchingKey, QStringLiteral("no key to decrypt with"));
    }
    struct Pair
    {
        int recipient;
        int key;
    };
    QVarLengthArray<Pair, 4> pairs;
    std::optional<Error> selectionError;
    for (int ri : recipients) {
        const HeaderView& h = headerView(ri);
        const JweKeyAlgorithm& alg = *algs[ri];
        const bool hasKid = h.contains(QLatin1String("kid"));
        if (hasKid && !h.isString(QLatin1String("kid"))) {
            return run.fail(kKey, jweInvalid(QStringLiteral("\"kid\" header must be a string")));
        }
        for (int ki = 0; ki < m_keys.keys().size(); ++ki) {
            const Jwk& key = m_keys.keys().at(ki);
            if (m_singleKey) {
                pairs.append({ri, ki});
                continue;
            }
            if (hasKid && key.kid() != h.string(QLatin1String("kid"))) {
                continue;
            }
            if (auto s = checkSelectable(key, alg, enc->name); !s) {
                selectionError = selectionError ? selectionError : s.error();
                continue;
            }
            pairs.append({ri, ki});
        }
    }
    if (pairs.isEmpty()) {
        return run.fail(kKey, ErrorCode::JwksNoMatchingKey,
                        QStringLiteral("no key matches the token (kid, kty, alg, use, key_ops)%1")
                            .arg(selectionError ? QStringLiteral(": ") + selectionError->message : QString()));
    }
    run.pass(kKey, [&] {
        return m_singleKey
                   ? QStringLiteral("using the given key (%1)").arg(StepRecorder::describeKey(m_keys.keys().first()))
                   : QStringLiteral("%1 candidate(s); first: %2")
                         .arg(pairs.size())
                         .arg(StepRecorder::describeKey(m_keys.keys().at(pairs.first().key)));
    });

    // 6. Key fits algorithm.
    QVarLengthArray<Pair, 4> fitting;
    std::optional<Error> fitError;
    for (const Pair& p : pairs) {
        const JweKeyAlgorithm& alg = *algs[p.recipient];
        if (auto f = checkFits(m_keys.keys().at(p.key), alg, *enc); !f) {
            fitError = fitError ? fitError : f.error();
            continue;
        }
        fitting.append(p);
    }
    if (fitting.isEmpty()) {
        return run.fail(kKeyFits, *fitError);
    }
    run.pass(kKeyFits, [&] {
        return QStringLiteral("%1 fits %2")
            .arg(StepRecorder::describeKey(m_keys.keys().at(fitting.first().key)),
                 headerView(fitting.first().recipient).string(QLatin1String("alg")));
    });

    // 7-8. CEK, then content decryption with the tag checked; the first pair that decrypts wins.
    std::optional<Attempt> firstFailure;
    QByteArray plaintext;
    const QByteArray aad = t.additionalAuthenticatedData();
    for (const Pair& p : fitting) {
        const HeaderView& h = headerView(p.recipient);
        const JweKeyAlgorithm& alg = *algs[p.recipient];
        Attempt a = obtainCek(t, p.recipient, h, m_keys.keys().at(p.key), m_agreements.at(size_t(p.key)), alg, *enc,
                              m_options, steps);
        if (a.failedStep < 0) {
            if (t.iv.size() != enc->ivBytes) {
                a.failedStep = kDecrypt;
                a.error = jweInvalid(QStringLiteral("the IV must be %1 bytes for %2").arg(enc->ivBytes).arg(enc->name),
                                     "iv-size");
            } else {
                auto pt = enc->family == JweContentAlgorithm::Family::AesGcm
                              ? AesGcm::decrypt(a.cek, t.iv, aad, t.ciphertext, t.tag)
                              : AesCbcHmac::decrypt(a.cek, t.iv, aad, t.ciphertext, t.tag);
                if (pt) {
                    plaintext = pt.value();
                } else {
                    a.failedStep = kDecrypt;
                    a.error = decryptionFailed(QStringLiteral("tag"));
                }
            }
            secureWipe(a.cek);
        }
        if (a.failedStep < 0) {
            r.recipientIndex = p.recipient;
            r.keyIndex = p.key;
            r.header = resultHeader(p.recipient);
            if (steps) {
                r.keyDescription = StepRecorder::describeKey(m_keys.keys().at(p.key));
            }
            run.pass(kCek, [&] { return a.cekMessage; });
            break;
        }
        if (!firstFailure) {
            firstFailure = a;
        }
        // A policy failure (p2c ceiling, bad epk) is final: it does not depend on the key.
        if (a.error.code == ErrorCode::JweInvalid) {
            break;
        }
    }
    if (r.recipientIndex < 0) {
        if (firstFailure->failedStep == kDecrypt) {
            run.pass(kCek, [&] { return firstFailure->cekMessage; });
        }
        return run.fail(firstFailure->failedStep, firstFailure->error);
    }
    run.pass(kDecrypt, [&] { return QStringLiteral("%1: authentication tag valid").arg(enc->name); });

    // 9. Decompression (RFC 7516 §5.2 step 17), capped.
    if (zip.isString()) {
        auto inflated = Deflate::decompress(plaintext, m_options.maxDecompressedLength);
        secureWipe(plaintext);
        if (!inflated) {
            return run.fail(kZip, inflated.error());
        }
        plaintext = inflated.value();
        run.pass(kZip, [&] { return QStringLiteral("DEFLATE: %1 bytes").arg(plaintext.size()); });
    } else {
        run.skip(kZip, [] { return QStringLiteral("not compressed"); });
    }

    // 10. Plaintext; a nested JWT goes to the JWS verifier (RFC 7519 §5.2, §11.2).
    r.decrypted = true;
    r.plaintext = plaintext;
    const QString cty = headerView(r.recipientIndex).string(QLatin1String("cty"));
    r.nestedJwt = cty.compare(QLatin1String("JWT"), Qt::CaseInsensitive) == 0;
    if (r.nestedJwt && m_options.nestedVerifier) {
        r.nested = m_options.nestedVerifier->verify(QByteArrayView(plaintext).trimmed());
        if (r.nested->valid) {
            run.pass(kPlaintext, [&] { return QStringLiteral("%1 bytes; nested JWT valid").arg(plaintext.size()); });
        } else {
            const Error e = r.nested->error ? *r.nested->error : Error(ErrorCode::JwtInvalid, QString());
            run.fail(kPlaintext, Error(e.code, QStringLiteral("nested JWT: %1").arg(e.message), e.claim, e.reason));
            // The content was decrypted; only the inner token is jweInvalid.
            r.decrypted = true;
            r.plaintext = plaintext;
        }
    } else if (r.nestedJwt) {
        run.info(kPlaintext, [&] {
            return QStringLiteral("%1 bytes; nested JWT (not verified: no verification keys)").arg(plaintext.size());
        });
    } else {
        run.pass(kPlaintext, [&] { return QStringLiteral("%1 bytes").arg(plaintext.size()); });
    }
    return r;
}
