// SPDX-License-Identifier: MIT
#include "net/IntrospectionWords.h"

#include "core/DisplayText.h"
#include "core/TimeText.h"

#include <QJsonArray>

namespace {
/// A member as text: strings as they are, numbers whole, arrays joined (RFC 7662 §2.2: `aud` may be either).
QString memberText(const QJsonValue& value)
{
    if (value.isString())
        return DisplayText::escapeControls(value.toString());
    if (value.isDouble())
        return QString::number(value.toDouble(), 'f', 0);
    if (value.isArray()) {
        QStringList parts;
        for (const QJsonValue v : value.toArray())
            parts << memberText(v);
        return parts.join(QStringLiteral(", "));
    }
    return {};
}
} // namespace

QStringList IntrospectionWords::describe(const QJsonObject& answer, const QString& endpoint, qint64 nowSeconds)
{
    const QString from = DisplayText::escapeControls(endpoint);
    // RFC 7662 §2.2: "active" is the only required member; anything but a JSON true is not active.
    if (!answer.value(QStringLiteral("active")).toBool())
        return {tr("✗ Not active: %1 says the token is revoked, expired or unknown to it.").arg(from)};
    QStringList lines{tr("✓ Active, says %1.").arg(from)};
    if (const QJsonValue exp = answer.value(QStringLiteral("exp")); exp.isDouble()) {
        const qint64 at = TimeText::seconds(exp.toDouble());
        lines << tr("Expires %1 (%2)").arg(TimeText::utc(double(at)), TimeText::relative(at, nowSeconds));
    }
    const std::pair<QString, const char*> members[] = {{tr("Scope"), "scope"},          {tr("Client"), "client_id"},
                                                       {tr("Subject"), "sub"},          {tr("Username"), "username"},
                                                       {tr("Audience"), "aud"},         {tr("Issuer"), "iss"},
                                                       {tr("Token type"), "token_type"}};
    for (const auto& [label, name] : members) {
        if (const QString value = memberText(answer.value(QLatin1String(name))); !value.isEmpty())
            lines << QStringLiteral("%1: %2").arg(label, value);
    }
    // RFC 9449 §6.2: a DPoP-bound token's key thumbprint.
    const QJsonValue jkt = answer.value(QStringLiteral("cnf")).toObject().value(QStringLiteral("jkt"));
    if (jkt.isString())
        lines << tr("Bound to the DPoP key %1").arg(DisplayText::escapeControls(jkt.toString()));
    return lines;
}
