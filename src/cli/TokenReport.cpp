// SPDX-License-Identifier: MIT
#include "cli/TokenReport.h"

#include "core/JsonText.h"
#include "core/TimeText.h"
#include "jose/ClaimsValidator.h"

#include <QJsonDocument>

namespace {
const char* const kTimeClaims[] = {"iat", "nbf", "exp", "auth_time"};

QString indent(const QByteArray& text, int spaces)
{
    const QString pad(spaces, QLatin1Char(' '));
    QStringList lines = QString::fromUtf8(text).split(QLatin1Char('\n'));
    for (auto& l : lines) {
        l = pad + l;
    }
    return lines.join(QLatin1Char('\n'));
}

QString statusMark(VerificationStep::Status s)
{
    switch (s) {
    case VerificationStep::Status::Passed:
        return QStringLiteral("[ok]  ");
    case VerificationStep::Status::Failed:
        return QStringLiteral("[FAIL]");
    case VerificationStep::Status::Skipped:
        return QStringLiteral("[skip]");
    case VerificationStep::Status::Info:
        return QStringLiteral("[info]");
    }
    return QString();
}

// Shows text that is not valid UTF-8 or not printable as a hex preview instead of mojibake.
QString printable(const QByteArray& bytes)
{
    const QString text = QString::fromUtf8(bytes);
    if (text.toUtf8() == bytes) {
        bool ok = true;
        for (const QChar c : text) {
            if (c.unicode() < 0x20 && c != QLatin1Char('\n') && c != QLatin1Char('\r') && c != QLatin1Char('\t')) {
                ok = false;
                break;
            }
        }
        if (ok) {
            return text;
        }
    }
    return QStringLiteral("(%1 bytes, not text) %2")
        .arg(bytes.size())
        .arg(QString::fromLatin1(bytes.left(48).toHex(' ')));
}
} // namespace

QString TokenReport::kindName(CompactToken::Kind kind)
{
    switch (kind) {
    case CompactToken::Kind::Jws:
        return QStringLiteral("JWS");
    case CompactToken::Kind::Unsecured:
        return QStringLiteral("unsecured JWT (alg none)");
    case CompactToken::Kind::Jwe:
        return QStringLiteral("JWE");
    case CompactToken::Kind::Invalid:
        break;
    }
    return QStringLiteral("not a token");
}

QString TokenReport::findingsText(const LintFindings& findings)
{
    QStringList lines;
    for (const auto& f : findings) {
        lines.append(QStringLiteral("  [%1] %2: %3").arg(LintFinding::severityName(f.severity), f.code, f.message));
    }
    return lines.join(QLatin1Char('\n'));
}

QString TokenReport::decodeText(const CompactToken& t, const QStringList& notes, const LintFindings& findings,
                                qint64 now)
{
    QStringList out;
    out.append(
        QStringLiteral("Token: %1, %2 parts — decoded, NOT verified").arg(kindName(t.kind)).arg(t.segments.size()));
    for (const auto& n : notes) {
        out.append(QStringLiteral("Note: %1").arg(n));
    }
    if (t.error) {
        QString where;
        if (t.diagnostic.offset >= 0) {
            where = QStringLiteral(" (at character %1)").arg(t.diagnostic.offset);
        }
        out.append(QStringLiteral("Error: %1%2").arg(t.error->toString(), where));
    }
    if (!t.segments.isEmpty() && t.segments[0].decodedOk) {
        out.append(QStringLiteral("Header:"));
        out.append(indent(JsonText::pretty(t.headerText), 2));
    }
    if (t.kind == CompactToken::Kind::Jwe) {
        out.append(QStringLiteral("Payload: encrypted (alg %1, enc %2); the content is encrypted — decrypt it with "
                                  "`tokenscope-cli decrypt`")
                       .arg(t.alg(), t.header.value(QLatin1String("enc")).toString()));
    } else if (t.segments.size() >= 2 && t.segments[1].decodedOk) {
        const bool json = JsonText::analyse(t.payload).ok();
        out.append(json ? QStringLiteral("Payload:") : QStringLiteral("Payload (not JSON):"));
        out.append(indent(json ? JsonText::pretty(t.payload) : printable(t.payload).toUtf8(), 2));
        if (json) {
            auto claims = JsonText::parseObject(t.payload, false);
            QStringList times;
            for (const char* name : kTimeClaims) {
                const auto v =
                    claims ? ClaimsValidator::numericDate(claims.value(), QLatin1String(name)) : std::nullopt;
                if (v) {
                    QString rel = TimeText::relative(TimeText::seconds(*v), now);
                    if (QLatin1String(name) == QLatin1String("exp")) {
                        rel = *v <= double(now) ? QStringLiteral("expired ") + rel : QStringLiteral("expires ") + rel;
                    }
                    times.append(
                        QStringLiteral("  %1  %2  (%3)").arg(QLatin1String(name), -9).arg(TimeText::utc(*v), rel));
                }
            }
            if (!times.isEmpty()) {
                out.append(QStringLiteral("Times (UTC):"));
                out.append(times);
            }
        }
    }
    if (t.segments.size() == 3 && t.segments[2].decodedOk) {
        out.append(QStringLiteral("Signature: %1 bytes (%2)").arg(t.signature.size()).arg(t.alg()));
    }
    if (!findings.isEmpty()) {
        out.append(QStringLiteral("Findings:"));
        out.append(findingsText(findings));
    }
    return out.join(QLatin1Char('\n'));
}

QByteArray TokenReport::decodeJson(const CompactToken& t, const QStringList& notes, const LintFindings& findings,
                                   qint64 now)
{
    QJsonObject o;
    o.insert(QStringLiteral("kind"), kindName(t.kind));
    o.insert(QStringLiteral("verified"), false);
    o.insert(QStringLiteral("notes"), QJsonArray::fromStringList(notes));
    if (t.error) {
        o.insert(QStringLiteral("error"), QJsonObject{{QStringLiteral("code"), t.error->codeString()},
                                                      {QStringLiteral("message"), t.error->message},
                                                      {QStringLiteral("segment"), t.diagnostic.segment},
                                                      {QStringLiteral("offset"), t.diagnostic.offset}});
    }
    QJsonArray segments;
    for (const auto& s : t.segments) {
        segments.append(QJsonObject{{QStringLiteral("text"), QString::fromLatin1(s.text)},
                                    {QStringLiteral("offset"), s.offset},
                                    {QStringLiteral("decodedLength"), s.decodedOk ? s.decoded.size() : -1}});
    }
    o.insert(QStringLiteral("segments"), segments);
    o.insert(QStringLiteral("findings"), findingsJson(findings));
    o.insert(QStringLiteral("now"), now);
    // Header and payload are spliced in as their exact JSON text so no literal is rewritten.
    const bool headerJson = t.headerOk;
    const bool payloadJson = t.kind != CompactToken::Kind::Jwe && JsonText::analyse(t.payload).ok();
    if (headerJson) {
        o.insert(QStringLiteral("header"), QStringLiteral("\x01HEADER\x01"));
    }
    if (payloadJson) {
        o.insert(QStringLiteral("payload"), QStringLiteral("\x01PAYLOAD\x01"));
    } else if (t.segments.size() >= 2 && t.segments[1].decodedOk && t.kind != CompactToken::Kind::Jwe) {
        o.insert(QStringLiteral("payloadText"), QString::fromUtf8(t.payload));
    }
    if (t.kind == CompactToken::Kind::Jwe) {
        // Only the protected header is readable; the content needs the key (`decrypt`).
        o.insert(QStringLiteral("encrypted"), true);
    }
    if (t.segments.size() == 3 && t.segments[2].decodedOk) {
        o.insert(QStringLiteral("signatureLength"), t.signature.size());
    }
    QByteArray json = JsonText::compact(o);
    auto splice = [&json](const char* marker, const QByteArray& text) {
        // The control character cannot occur in a JSON string unescaped, so the marker is unambiguous.
        // Minified: one JSON document per line, every literal unchanged.
        json.replace(QByteArray(QByteArray("\"\\u0001") + marker + "\\u0001\""), JsonText::minify(text));
    };
    if (headerJson) {
        splice("HEADER", t.headerText);
    }
    if (payloadJson) {
        splice("PAYLOAD", t.payload);
    }
    return json;
}

QString TokenReport::stepsText(const VerificationResult& r)
{
    QStringList lines;
    for (const auto& s : r.steps) {
        QString line = QStringLiteral("%1 %2").arg(statusMark(s.status), s.title.leftJustified(32));
        if (s.code != ErrorCode::None) {
            line += errorCodeString(s.code) + QStringLiteral(": ");
        }
        line += s.message;
        lines.append(line.trimmed());
    }
    return lines.join(QLatin1Char('\n'));
}

QJsonArray TokenReport::stepsJson(const VerificationSteps& steps)
{
    QJsonArray out;
    for (const auto& s : steps) {
        QJsonObject o{{QStringLiteral("id"), s.id},
                      {QStringLiteral("title"), s.title},
                      {QStringLiteral("status"), VerificationStep::statusName(s.status)},
                      {QStringLiteral("message"), s.message}};
        if (s.code != ErrorCode::None) {
            o.insert(QStringLiteral("code"), errorCodeString(s.code));
        }
        if (!s.claim.isEmpty()) {
            o.insert(QStringLiteral("claim"), s.claim);
            o.insert(QStringLiteral("reason"), s.reason);
        }
        out.append(o);
    }
    return out;
}

QJsonArray TokenReport::findingsJson(const LintFindings& findings)
{
    QJsonArray out;
    for (const auto& f : findings) {
        out.append(QJsonObject{{QStringLiteral("code"), f.code},
                               {QStringLiteral("severity"), LintFinding::severityName(f.severity)},
                               {QStringLiteral("message"), f.message},
                               {QStringLiteral("subject"), f.subject}});
    }
    return out;
}
