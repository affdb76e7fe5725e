// SPDX-License-Identifier: MIT
#include "jose/CompactToken.h"

#include "core/Base64Url.h"

namespace {
const char* const kJweNames[] = {"header", "encrypted key", "initialization vector", "ciphertext",
                                 "authentication tag"};
} // namespace

QByteArray CompactToken::normalise(QByteArrayView input, QStringList* notes)
{
    QByteArrayView t = input.trimmed();
    if (notes && t.size() != input.size()) {
        notes->append(QStringLiteral("surrounding whitespace removed"));
    }
    if (t.size() > 7 && QByteArrayView(t.first(7)).compare(QByteArrayView("bearer "), Qt::CaseInsensitive) == 0) {
        t = t.sliced(7).trimmed();
        if (notes) {
            notes->append(QStringLiteral("leading \"Bearer \" removed"));
        }
    }
    return t.toByteArray();
}

CompactToken CompactToken::parse(QByteArrayView token)
{
    CompactToken t;
    auto fail = [&t](ErrorCode code, int segment, qsizetype offset, const QString& message) {
        if (!t.error) {
            t.error = Error(code, message);
            t.diagnostic = TokenDiagnostic{segment, offset};
        }
    };
    if (token.size() > kMaxLength) {
        fail(ErrorCode::InputTooLarge, -1, -1,
             QStringLiteral("input of %1 bytes exceeds the %2-byte limit for a token")
                 .arg(token.size())
                 .arg(kMaxLength));
        return t;
    }
    if (token.isEmpty()) {
        fail(ErrorCode::JwsInvalid, -1, 0, QStringLiteral("empty token"));
        return t;
    }
    // Split on '.', keeping offsets.
    qsizetype start = 0;
    for (qsizetype i = 0; i <= token.size(); ++i) {
        if (i == token.size() || token[i] == '.') {
            t.segments.append(TokenSegment{token.sliced(start, i - start).toByteArray(), start, QByteArray(), false});
            start = i + 1;
        }
    }
    const auto n = t.segments.size();
    if (n != 3 && n != 5) {
        // RFC 7515 §7.1: three parts; RFC 7516 §7.1: five parts.
        fail(ErrorCode::JwsInvalid, -1, -1,
             QStringLiteral("%1 part%2 separated by '.'; a JWS has 3 and a JWE has 5")
                 .arg(n)
                 .arg(n == 1 ? QString() : QStringLiteral("s")));
    }
    const bool jwe = n == 5;
    const ErrorCode structural = jwe ? ErrorCode::JweInvalid : ErrorCode::JwsInvalid;

    // Header (segment 0).
    TokenSegment& h = t.segments[0];
    qsizetype at = -1;
    auto header = Base64Url::decode(h.text, &at);
    if (!header) {
        fail(structural, 0, h.offset + at, QStringLiteral("header segment: %1").arg(header.error().message));
    } else {
        h.decoded = header.value();
        h.decodedOk = true;
        t.headerText = header.value();
        JsonAnalysis analysis;
        auto object = JsonText::parseObject(t.headerText, false, JsonText::kDefaultMaxDepth, &analysis);
        if (object) {
            t.header = object.value();
            t.headerOk = true;
            t.headerDuplicates = analysis.duplicateKeys;
        } else {
            fail(structural, 0, -1, QStringLiteral("header is not a JSON object: %1").arg(object.error().message));
        }
    }

    if (n < 3) {
        return t;
    }
    if (jwe) {
        t.kind = Kind::Jwe;
        for (int i = 1; i < 5; ++i) {
            TokenSegment& s = t.segments[i];
            qsizetype pos = -1;
            auto d = Base64Url::decode(s.text, &pos);
            if (d) {
                s.decoded = d.value();
                s.decodedOk = true;
            } else {
                fail(ErrorCode::JweInvalid, i, s.offset + pos,
                     QStringLiteral("%1 segment: %2").arg(QLatin1String(kJweNames[i]), d.error().message));
            }
        }
        return t;
    }
    if (n != 3) {
        return t;
    }

    // RFC 7797 §3: "b64": false means the payload segment is the raw payload.
    if (t.headerOk && t.header.contains(QLatin1String("b64"))) {
        const QJsonValue b64 = t.header.value(QLatin1String("b64"));
        if (!b64.isBool()) {
            fail(ErrorCode::JwsInvalid, 0, -1, QStringLiteral("\"b64\" header must be a boolean (RFC 7797 §3)"));
        } else {
            t.b64 = b64.toBool();
        }
    }
    TokenSegment& p = t.segments[1];
    if (t.b64) {
        qsizetype pos = -1;
        auto d = Base64Url::decode(p.text, &pos);
        if (d) {
            p.decoded = d.value();
            p.decodedOk = true;
            t.payload = d.value();
        } else {
            fail(ErrorCode::JwsInvalid, 1, p.offset + pos,
                 QStringLiteral("payload segment: %1").arg(d.error().message));
        }
    } else {
        p.decoded = p.text;
        p.decodedOk = true;
        t.payload = p.text;
    }
    TokenSegment& s = t.segments[2];
    qsizetype pos = -1;
    auto sig = Base64Url::decode(s.text, &pos);
    if (sig) {
        s.decoded = sig.value();
        s.decodedOk = true;
        t.signature = sig.value();
    } else {
        fail(ErrorCode::JwsInvalid, 2, s.offset + pos,
             QStringLiteral("signature segment: %1").arg(sig.error().message));
    }
    t.kind = t.alg() == QLatin1String("none") ? Kind::Unsecured : Kind::Jws;
    return t;
}

QString CompactToken::alg() const
{
    return header.value(QLatin1String("alg")).toString();
}

QString CompactToken::kid() const
{
    return header.value(QLatin1String("kid")).toString();
}

bool CompactToken::hasKid() const
{
    return header.contains(QLatin1String("kid"));
}

QString CompactToken::typ() const
{
    return header.value(QLatin1String("typ")).toString();
}

QByteArray CompactToken::signingInput() const
{
    if (segments.size() < 2) {
        return QByteArray();
    }
    return QByteArray(segments[0].text + '.' + segments[1].text);
}

Result<QJsonObject> CompactToken::payloadObject() const
{
    // RFC 7519 §7.2 step 10: the JWT Claims Set must be a JSON object.
    auto object = JsonText::parseObject(payload, false);
    if (!object) {
        return Error(ErrorCode::JwtInvalid,
                     QStringLiteral("payload is not a JSON object: %1").arg(object.error().message));
    }
    return object;
}
