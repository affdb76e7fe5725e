// SPDX-License-Identifier: MIT
#include "request/JwtPattern.h"

#include <QJsonDocument>
#include <QJsonObject>

namespace {

bool isB64UrlChar(char c)
{
    return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_';
}

bool headerLooksLikeJose(QByteArrayView segment)
{
    if (segment.size() > 8192)
        return false;
    const QByteArray decoded =
        QByteArray::fromBase64(segment.toByteArray(), QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals);
    const QJsonDocument doc = QJsonDocument::fromJson(decoded);
    return doc.isObject() && doc.object().contains(QLatin1String("alg"));
}

} // namespace

QList<JwtPattern::Match> JwtPattern::findAll(QByteArrayView text)
{
    QList<Match> matches;
    qsizetype i = 0;
    const qsizetype n = text.size();
    while (i + 3 < n) {
        const qsizetype start = text.indexOf(QByteArrayView("eyJ"), i);
        if (start < 0)
            break;
        if (start > 0 && isB64UrlChar(text.at(start - 1))) {
            i = start + 3;
            continue;
        }
        // Segments of base64url separated by dots: 3 (JWS; the signature may be empty for alg none) or 5 (JWE).
        qsizetype end = start;
        int dots = 0;
        qsizetype firstDot = -1;
        while (end < n && (isB64UrlChar(text.at(end)) || text.at(end) == '.')) {
            if (text.at(end) == '.') {
                ++dots;
                if (firstDot < 0)
                    firstDot = end;
            }
            ++end;
        }
        // Trailing dots belong to the sentence, not the token (unless it is an unsecured JWT "x.y.").
        qsizetype length = end - start;
        if ((dots == 2 || dots == 4) && firstDot > start && headerLooksLikeJose(text.sliced(start, firstDot - start))) {
            matches.append({start, length});
        } else if (dots == 3 && text.at(end - 1) == '.' && headerLooksLikeJose(text.sliced(start, firstDot - start))) {
            matches.append({start, length - 1});
        }
        i = end > start ? end : start + 3;
    }
    return matches;
}

bool JwtPattern::isJwt(QByteArrayView text)
{
    const QByteArrayView trimmed = text.trimmed();
    const auto matches = findAll(trimmed);
    return matches.size() == 1 && matches.first().offset == 0 && matches.first().length == trimmed.size();
}

QByteArray JwtPattern::scrub(QByteArrayView text, QByteArrayView replacement)
{
    const auto matches = findAll(text);
    if (matches.isEmpty())
        return text.toByteArray();
    QByteArray out;
    out.reserve(text.size());
    qsizetype at = 0;
    for (const Match& m : matches) {
        out.append(text.sliced(at, m.offset - at));
        out.append(replacement);
        at = m.offset + m.length;
    }
    out.append(text.sliced(at));
    return out;
}

QString JwtPattern::scrubText(const QString& text, const QString& replacement)
{
    return QString::fromUtf8(scrub(QByteArrayView(text.toUtf8()), QByteArrayView(replacement.toUtf8())));
}
