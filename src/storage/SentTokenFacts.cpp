// SPDX-License-Identifier: MIT
#include "storage/SentTokenFacts.h"

#include "jose/CompactToken.h"

#include <QCryptographicHash>
#include <QJsonArray>

namespace {
/// A claim as text: strings as they are, arrays joined (RFC 7519 §4.1.3: `aud` may be either), numbers whole.
QString claimText(const QJsonValue& value)
{
    if (value.isString())
        return value.toString();
    if (value.isArray()) {
        QStringList parts;
        for (const QJsonValue v : value.toArray())
            parts << claimText(v);
        return parts.join(QStringLiteral(", "));
    }
    if (value.isDouble())
        return QString::number(value.toDouble(), 'f', 0);
    return {};
}
} // namespace

QString SentTokenFacts::fingerprintOf(QByteArrayView token)
{
    // 64 bits of the hash: enough to tell a session's tokens apart, far too little to help guess one.
    return QStringLiteral("sha256:") +
           QString::fromLatin1(QCryptographicHash::hash(token, QCryptographicHash::Sha256).left(8).toHex());
}

SentTokenFacts SentTokenFacts::describe(QByteArrayView token)
{
    SentTokenFacts facts;
    facts.fingerprint = fingerprintOf(token);
    facts.length = token.size();
    const auto claims = CompactToken::parse(token).payloadObject();
    if (!claims)
        return facts;
    facts.jwt = true;
    facts.sub = claimText(claims->value(QStringLiteral("sub")));
    facts.scope = claimText(claims->value(QStringLiteral("scope")));
    if (facts.scope.isEmpty())
        facts.scope = claimText(claims->value(QStringLiteral("scp")));
    facts.aud = claimText(claims->value(QStringLiteral("aud")));
    facts.clientId = claimText(claims->value(QStringLiteral("client_id")));
    if (const QJsonValue exp = claims->value(QStringLiteral("exp")); exp.isDouble())
        facts.exp = qint64(exp.toDouble());
    facts.cnfJkt = claimText(claims->value(QStringLiteral("cnf")).toObject().value(QStringLiteral("jkt")));
    return facts;
}

QJsonObject SentTokenFacts::toJson() const
{
    QJsonObject json{{QStringLiteral("type"), type},
                     {QStringLiteral("fingerprint"), fingerprint},
                     {QStringLiteral("length"), length},
                     {QStringLiteral("jwt"), jwt}};
    const auto put = [&json](const char* name, const QString& value) {
        if (!value.isEmpty())
            json.insert(QLatin1String(name), value);
    };
    put("profile", profile);
    put("obtained", obtained);
    put("authSource", authSource);
    put("sub", sub);
    put("scope", scope);
    put("aud", aud);
    put("client_id", clientId);
    put("cnf.jkt", cnfJkt);
    if (retried)
        json.insert(QStringLiteral("retried"), true);
    if (exp != 0)
        json.insert(QStringLiteral("exp"), exp);
    return json;
}

SentTokenFacts SentTokenFacts::fromJson(const QJsonObject& json)
{
    SentTokenFacts facts;
    const auto text = [&json](const char* name) { return json.value(QLatin1String(name)).toString(); };
    facts.type = text("type");
    facts.profile = text("profile");
    facts.obtained = text("obtained");
    facts.retried = json.value(QStringLiteral("retried")).toBool();
    facts.authSource = text("authSource");
    facts.fingerprint = text("fingerprint");
    facts.length = qsizetype(json.value(QStringLiteral("length")).toDouble());
    facts.jwt = json.value(QStringLiteral("jwt")).toBool();
    facts.sub = text("sub");
    facts.scope = text("scope");
    facts.aud = text("aud");
    facts.clientId = text("client_id");
    facts.exp = qint64(json.value(QStringLiteral("exp")).toDouble());
    facts.cnfJkt = text("cnf.jkt");
    return facts;
}
