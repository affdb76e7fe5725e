// SPDX-License-Identifier: MIT
#include "request/ResponseTokenFinder.h"

#include "request/JwtPattern.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkCookie>
#include <QUrl>
#include <QUrlQuery>

namespace {

void walk(const QJsonValue& value, const QString& path, QList<FoundToken>& out)
{
    if (value.isObject()) {
        const QJsonObject object = value.toObject();
        for (auto it = object.begin(); it != object.end(); ++it)
            walk(it.value(), QString(path + QLatin1Char('.') + it.key()), out);
    } else if (value.isArray()) {
        const QJsonArray array = value.toArray();
        for (qsizetype i = 0; i < array.size(); ++i)
            walk(array.at(i), QStringLiteral("%1[%2]").arg(path).arg(i), out);
    } else if (value.isString()) {
        const QByteArray text = value.toString().toUtf8();
        for (const auto& m : JwtPattern::findAll(text))
            out.append({FoundToken::Source::Body, path, text.mid(m.offset, m.length)});
    }
}

void scanText(const QByteArray& text, FoundToken::Source source, const QString& location, QList<FoundToken>& out)
{
    for (const auto& m : JwtPattern::findAll(text))
        out.append({source, location, text.mid(m.offset, m.length)});
}

} // namespace

QString FoundToken::describe() const
{
    switch (source) {
    case Source::Header:
        return QString(QStringLiteral("header ") + location);
    case Source::Cookie:
        return QString(QStringLiteral("cookie ") + location);
    case Source::Body:
        break;
    }
    return QString(QStringLiteral("body ") + location);
}

QList<FoundToken> ResponseTokenFinder::findInBody(const QByteArray& body, const QString& contentType)
{
    QList<FoundToken> out;
    if (body.isEmpty() || !body.contains("eyJ"))
        return out;
    const QString type = contentType.section(QLatin1Char(';'), 0, 0).trimmed().toLower();
    if (body.size() <= kMaxJsonTreeBytes) {
        QJsonParseError error;
        const QJsonDocument doc = QJsonDocument::fromJson(body, &error);
        if (error.error == QJsonParseError::NoError && (doc.isObject() || doc.isArray())) {
            walk(doc.isObject() ? QJsonValue(doc.object()) : QJsonValue(doc.array()), QStringLiteral("$"), out);
            return out;
        }
    }
    if (type == QLatin1String("application/x-www-form-urlencoded")) {
        // RFC 6749 §4.2.2 / §5.1 as form fields.
        const QUrlQuery query(QString::fromUtf8(body.trimmed()));
        for (const auto& [name, value] : query.queryItems(QUrl::FullyDecoded)) {
            if (JwtPattern::isJwt(value.toUtf8()))
                out.append({FoundToken::Source::Body, name, value.trimmed().toUtf8()});
        }
        if (!out.isEmpty())
            return out;
    }
    scanText(body, FoundToken::Source::Body, QStringLiteral("text"), out);
    return out;
}

QList<FoundToken> ResponseTokenFinder::findInHeaders(const QList<QPair<QByteArray, QByteArray>>& headers)
{
    QList<FoundToken> out;
    for (const auto& [name, value] : headers) {
        if (name.compare("Set-Cookie", Qt::CaseInsensitive) == 0) {
            for (const QByteArray& line : value.split('\n')) {
                for (const QNetworkCookie& cookie : QNetworkCookie::parseCookies(line))
                    scanText(cookie.value(), FoundToken::Source::Cookie, QString::fromLatin1(cookie.name()), out);
            }
            continue;
        }
        scanText(value, FoundToken::Source::Header, QString::fromLatin1(name), out);
    }
    return out;
}

QList<FoundToken> ResponseTokenFinder::find(const HttpClientResponse& response)
{
    QList<FoundToken> out = findInBody(response.body, response.contentType());
    out += findInHeaders(response.headers);
    return out;
}
