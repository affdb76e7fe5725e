// SPDX-License-Identifier: MIT
#include "jose/JweToken.h"

#include "core/Base64Url.h"
#include "core/JsonText.h"

#include <QJsonArray>
#include <QJsonDocument>

#include <array>

namespace {

Error structureError(const QString& message)
{
    return Error(ErrorCode::JweInvalid, message, QString(), QStringLiteral("structure"));
}

Error headerError(const QString& message)
{
    return Error(ErrorCode::JweInvalid, message, QString(), QStringLiteral("header"));
}

Result<QByteArray> decodePart(QByteArrayView text, const char* what)
{
    auto decoded = Base64Url::decode(text);
    if (!decoded) {
        return structureError(
            QStringLiteral("%1 is not valid base64url: %2").arg(QLatin1String(what), decoded.error().message));
    }
    return decoded.value();
}

/// A JSON member that must be a base64url string (absent allowed when !required).
Result<QByteArray> b64JsonMember(const QJsonObject& o, const char* name, bool required, QByteArray* text = nullptr)
{
    const QJsonValue v = o.value(QLatin1String(name));
    if (v.isUndefined()) {
        if (required) {
            return structureError(QStringLiteral("\"%1\" is required (RFC 7516 §7.2.1)").arg(QLatin1String(name)));
        }
        return QByteArray();
    }
    if (!v.isString()) {
        return structureError(QStringLiteral("\"%1\" must be a string").arg(QLatin1String(name)));
    }
    const QByteArray t = v.toString().toLatin1();
    if (text) {
        *text = t;
    }
    return decodePart(t, name);
}

Result<QJsonObject> objectMember(const QJsonObject& o, const char* name)
{
    const QJsonValue v = o.value(QLatin1String(name));
    if (v.isUndefined()) {
        return QJsonObject();
    }
    if (!v.isObject()) {
        return headerError(QStringLiteral("\"%1\" must be a JSON object").arg(QLatin1String(name)));
    }
    return v.toObject();
}

/// Whether Qt's JSON parser reads `json` exactly as the strict scan does, so that the scan's members can stand in for
/// Qt's parse (JweToken::HeaderForm::Deferred): printable ASCII and JSON whitespace, without escapes (Qt's and the
/// scan's string decoding differ at most in what they accept beyond that) and no number outside strings (Qt refuses
/// numbers the scan accepts, such as 1e400, and converts the rest to doubles). A header from jose or this engine is of
/// this kind.
bool readsAlikeWithoutQt(QByteArrayView json)
{
    // What each byte is to this check, by table: a branch or two per byte instead of a chain of comparisons (the
    // header is ~200 bytes a token; docs/PERFORMANCE.md, "JWE round 8b").
    enum : unsigned char
    {
        kPlain,     // printable ASCII other than the below, and JSON whitespace
        kRefused,   // other control characters, DEL and above, backslash
        kQuote,     // '"'
        kNumberish, // '-' and the digits: refused outside strings
    };
    static constexpr auto kClass = [] {
        std::array<unsigned char, 256> t{};
        for (int c = 0; c < 256; ++c) {
            // Below 0x20 only the whitespace between tokens (the scan refuses control characters in strings).
            const bool refused = (c < 0x20 && c != '\t' && c != '\n' && c != '\r') || c > 0x7e || c == '\\';
            t[size_t(c)] = refused                              ? kRefused
                           : c == '"'                           ? kQuote
                           : c == '-' || (c >= '0' && c <= '9') ? kNumberish
                                                                : kPlain;
        }
        return t;
    }();
    bool inString = false;
    for (const char c : json) {
        switch (kClass[static_cast<unsigned char>(c)]) {
        case kPlain:
            break;
        case kRefused:
            return false;
        case kQuote:
            inString = !inString;
            break;
        default: // kNumberish
            if (!inString) {
                return false;
            }
        }
    }
    return true;
}

Result<void> parseProtected(JweToken& t, JweToken::HeaderForm form)
{
    auto bytes = decodePart(t.protectedText, "protected header");
    if (!bytes) {
        return bytes.error();
    }
    t.protectedBytes = bytes.value();
    if (t.protectedBytes.isEmpty()) {
        return Result<void>::success(); // JSON serialisation without a protected header
    }
    // Both forms make the same strict scan, so the same headers fail with the same messages.
    JsonAnalysis analysis;
    const bool deferred = form == JweToken::HeaderForm::Deferred && readsAlikeWithoutQt(t.protectedBytes);
    Result<QJsonObject> header = QJsonObject();
    if (deferred) {
        auto scan = JsonText::scanObject(t.protectedBytes, false);
        if (scan) {
            analysis = std::move(scan.value());
        } else {
            header = scan.error();
        }
    } else {
        header = JsonText::parseObject(t.protectedBytes, false, JsonText::kDefaultMaxDepth, &analysis);
    }
    if (!header) {
        return headerError(QStringLiteral("protected header is not a JSON object: %1").arg(header.error().message));
    }
    if (!analysis.duplicateKeys.isEmpty()) {
        // RFC 7516 §4 / RFC 7515 §5.2 step 4: reject rather than pick one of two values.
        return headerError(
            QStringLiteral("protected header has duplicate member \"%1\"").arg(analysis.duplicateKeys.first()));
    }
    if (deferred) {
        t.protectedMembers = std::move(analysis.members);
        t.protectedHeaderDeferred = true;
    } else {
        t.protectedHeader = header.value();
    }
    return Result<void>::success();
}

Result<JweToken> parseCompact(QByteArrayView text, JweToken::HeaderForm form)
{
    // The five parts as views into the token: only the protected header's text is kept as bytes (it is the AAD).
    QByteArrayView parts[5];
    qsizetype count = 0;
    for (qsizetype from = 0;; ++count) {
        const qsizetype dot = text.indexOf('.', from);
        if (count < 5) {
            parts[count] = text.sliced(from, (dot < 0 ? text.size() : dot) - from);
        }
        if (dot < 0) {
            ++count;
            break;
        }
        from = dot + 1;
    }
    if (count != 5) {
        return structureError(QStringLiteral("a compact JWE has 5 parts, this has %1 (RFC 7516 §7.1)").arg(count));
    }
    JweToken t;
    t.serialization = JweToken::Serialization::Compact;
    t.protectedText = parts[0].toByteArray();
    if (t.protectedText.isEmpty()) {
        return structureError(QStringLiteral("the protected header is empty"));
    }
    JweRecipient r;
    const char* names[] = {"encrypted key", "initialization vector", "ciphertext", "authentication tag"};
    QByteArray* targets[] = {&r.encryptedKey, &t.iv, &t.ciphertext, &t.tag};
    for (int i = 0; i < 4; ++i) {
        auto decoded = decodePart(parts[i + 1], names[i]);
        if (!decoded) {
            return decoded.error();
        }
        *targets[i] = decoded.value();
    }
    t.recipients.append(r);
    if (auto p = parseProtected(t, form); !p) {
        return p.error();
    }
    return t;
}

Result<JweToken> parseJson(QByteArrayView text)
{
    JsonAnalysis analysis;
    auto doc = JsonText::parseObject(text, false, JsonText::kDefaultMaxDepth, &analysis);
    if (!doc) {
        return structureError(QStringLiteral("not a JWE JSON serialisation: %1").arg(doc.error().message));
    }
    if (!analysis.duplicateKeys.isEmpty()) {
        return structureError(QStringLiteral("duplicate member \"%1\"").arg(analysis.duplicateKeys.first()));
    }
    const QJsonObject o = doc.value();
    JweToken t;
    QByteArray protectedText;
    const QJsonValue prot = o.value(QLatin1String("protected"));
    if (!prot.isUndefined()) {
        if (!prot.isString() || prot.toString().isEmpty()) {
            return structureError(QStringLiteral("\"protected\" must be a non-empty string"));
        }
        t.protectedText = prot.toString().toLatin1();
    }
    for (auto [name, target] :
         {std::pair{"iv", &t.iv}, std::pair{"ciphertext", &t.ciphertext}, std::pair{"tag", &t.tag}}) {
        auto v = b64JsonMember(o, name, true);
        if (!v) {
            return v.error();
        }
        *target = v.value();
    }
    if (o.contains(QLatin1String("aad"))) {
        auto aad = b64JsonMember(o, "aad", true, &t.aadText);
        if (!aad) {
            return aad.error();
        }
        t.hasAad = true;
    }
    auto shared = objectMember(o, "unprotected");
    if (!shared) {
        return shared.error();
    }
    t.sharedUnprotected = shared.value();

    auto readRecipient = [](const QJsonObject& ro) -> Result<JweRecipient> {
        JweRecipient r;
        auto header = objectMember(ro, "header");
        if (!header) {
            return header.error();
        }
        r.header = header.value();
        auto ek = b64JsonMember(ro, "encrypted_key", false);
        if (!ek) {
            return ek.error();
        }
        r.encryptedKey = ek.value();
        return r;
    };
    if (o.contains(QLatin1String("recipients"))) {
        // RFC 7516 §7.2.2: the flattened members MUST NOT appear beside "recipients".
        if (o.contains(QLatin1String("header")) || o.contains(QLatin1String("encrypted_key"))) {
            return structureError(QStringLiteral("\"recipients\" and flattened \"header\"/\"encrypted_key\" "
                                                 "must not be mixed (RFC 7516 §7.2.2)"));
        }
        const QJsonValue list = o.value(QLatin1String("recipients"));
        if (!list.isArray() || list.toArray().isEmpty()) {
            return structureError(QStringLiteral("\"recipients\" must be a non-empty array"));
        }
        t.serialization = JweToken::Serialization::JsonGeneral;
        for (const auto& v : list.toArray()) {
            if (!v.isObject()) {
                return structureError(QStringLiteral("each recipient must be a JSON object"));
            }
            auto r = readRecipient(v.toObject());
            if (!r) {
                return r.error();
            }
            t.recipients.append(r.value());
        }
    } else {
        t.serialization = JweToken::Serialization::JsonFlattened;
        auto r = readRecipient(o);
        if (!r) {
            return r.error();
        }
        t.recipients.append(r.value());
    }
    if (!t.protectedText.isEmpty()) {
        if (auto p = parseProtected(t, JweToken::HeaderForm::Object); !p) {
            return p.error();
        }
    }
    // RFC 7516 §7.2.1: the member names of the three headers MUST be disjoint.
    for (int i = 0; i < t.recipients.size(); ++i) {
        const QJsonObject* headers[] = {&t.protectedHeader, &t.sharedUnprotected, &t.recipients[i].header};
        for (int ai = 0; ai < 3; ++ai) {
            for (int bi = ai + 1; bi < 3; ++bi) {
                const QJsonObject* a = headers[ai];
                const QJsonObject* b = headers[bi];
                for (auto it = a->begin(); it != a->end(); ++it) {
                    if (b->contains(it.key())) {
                        return headerError(
                            QStringLiteral("header parameter \"%1\" occurs in more than one header (RFC 7516 §7.2.1)")
                                .arg(it.key()));
                    }
                }
            }
        }
    }
    return t;
}

} // namespace

Result<JweToken> JweToken::parse(QByteArrayView text, HeaderForm form)
{
    const QByteArrayView trimmed = text.trimmed();
    if (trimmed.size() > kMaxLength) {
        return Error(ErrorCode::InputTooLarge, QStringLiteral("token larger than %1 bytes").arg(kMaxLength));
    }
    if (trimmed.startsWith('{')) {
        return parseJson(trimmed);
    }
    return parseCompact(trimmed, form);
}

bool JweToken::looksLikeJwe(QByteArrayView text)
{
    const QByteArrayView trimmed = text.trimmed();
    if (trimmed.startsWith('{')) {
        const QJsonObject o = QJsonDocument::fromJson(trimmed.toByteArray()).object();
        return o.contains(QLatin1String("ciphertext"));
    }
    return trimmed.count('.') == 4;
}

QJsonObject JweToken::protectedObject() const
{
    return protectedHeaderDeferred ? QJsonDocument::fromJson(protectedBytes).object() : protectedHeader;
}

QJsonObject JweToken::joseHeader(int recipient) const
{
    QJsonObject out = protectedObject();
    for (auto it = sharedUnprotected.begin(); it != sharedUnprotected.end(); ++it) {
        out.insert(it.key(), it.value());
    }
    if (recipient >= 0 && recipient < recipients.size()) {
        const QJsonObject& per = recipients[recipient].header;
        for (auto it = per.begin(); it != per.end(); ++it) {
            out.insert(it.key(), it.value());
        }
    }
    return out;
}

QByteArray JweToken::additionalAuthenticatedData() const
{
    if (!hasAad) {
        return protectedText;
    }
    return protectedText + '.' + aadText;
}
