// SPDX-License-Identifier: MIT
#include "net/OidcDiscovery.h"

#include "core/JsonText.h"

QUrl OidcDiscovery::discoveryUrl(const QString& issuer)
{
    QString base = issuer.trimmed();
    while (base.endsWith(QLatin1Char('/'))) {
        base.chop(1);
    }
    return QUrl(QString(base + QStringLiteral("/.well-known/openid-configuration")));
}

Result<OidcDiscovery> OidcDiscovery::parse(QByteArrayView text, const QString& expectedIssuer)
{
    auto analysis = JsonText::analyse(text);
    if (!analysis) {
        return Error(ErrorCode::JsonInvalid,
                     QStringLiteral("the discovery document is not JSON: %1").arg(analysis.error().message));
    }
    if (analysis->topType != JsonAnalysis::Type::Object) {
        return Error(ErrorCode::JwksInvalid,
                     QStringLiteral("the discovery document is not a JSON object (OpenID Connect Discovery 1.0 §4.2)"));
    }
    auto object = JsonText::parseObject(text, false);
    if (!object) {
        return Error(ErrorCode::JsonInvalid, object.error().message);
    }
    OidcDiscovery d;
    d.document = object.value();
    d.text = text.toByteArray();
    d.expectedIssuer = expectedIssuer;
    d.advertisedIssuer = d.document.value(QLatin1String("issuer")).toString();
    const QJsonValue uri = d.document.value(QLatin1String("jwks_uri"));
    d.jwksUri = QUrl(uri.toString(), QUrl::StrictMode);
    const QString scheme = d.jwksUri.scheme();
    if (!uri.isString() || !d.jwksUri.isValid() ||
        (scheme != QLatin1String("https") && scheme != QLatin1String("http")) || d.jwksUri.host().isEmpty()) {
        return Error(ErrorCode::JwksInvalid,
                     QStringLiteral("the discovery document has no http(s) \"jwks_uri\" (OpenID Connect Discovery "
                                    "1.0 §3)"));
    }
    return d;
}

bool OidcDiscovery::isEntraTenantTemplate() const
{
    // The placeholder Entra publishes (and the jose layer's ClaimsValidator fills from "tid").
    static const QString placeholder = QStringLiteral("{tenantid}");
    const qsizetype at = advertisedIssuer.indexOf(placeholder);
    if (at < 0 || advertisedIssuer.indexOf(placeholder, at + 1) >= 0) {
        return false;
    }
    const QString prefix = advertisedIssuer.left(at);
    const QString suffix = advertisedIssuer.mid(at + placeholder.size());
    if (!prefix.contains(QLatin1String("://")) || !prefix.endsWith(QLatin1Char('/')) ||
        !expectedIssuer.startsWith(prefix) || !expectedIssuer.endsWith(suffix) ||
        expectedIssuer.size() < prefix.size() + suffix.size()) {
        return false;
    }
    // The tenant-independent aliases: "common" (any account) and "organizations" (work or school accounts).
    // "consumers" publishes a fixed tenant's issuer, not the template.
    const QString tenant = expectedIssuer.mid(prefix.size(), expectedIssuer.size() - prefix.size() - suffix.size());
    return tenant == QLatin1String("common") || tenant == QLatin1String("organizations");
}

QString OidcDiscovery::issuerMismatchMessage() const
{
    if (issuerMatches()) {
        return QString();
    }
    if (isEntraTenantTemplate()) {
        return QStringLiteral("the discovery document names issuer \"%1\", the Microsoft Entra multi-tenant issuer "
                              "template, not \"%2\": OpenID Connect Discovery 1.0 §4.3 asks for identical issuers, "
                              "but this endpoint serves every tenant. Tokens are checked against the template with "
                              "their own \"tid\" claim in place of {tenantid}; give the template as the expected "
                              "issuer")
            .arg(advertisedIssuer, expectedIssuer);
    }
    QString a = advertisedIssuer;
    QString b = expectedIssuer;
    while (a.endsWith(QLatin1Char('/'))) {
        a.chop(1);
    }
    while (b.endsWith(QLatin1Char('/'))) {
        b.chop(1);
    }
    const QString slash = a == b && !a.isEmpty() ? QStringLiteral(" (they differ only in a trailing slash; issuers "
                                                                  "are compared exactly, here and in a token's "
                                                                  "\"iss\")")
                                                 : QString();
    return QStringLiteral("the discovery document names issuer \"%1\", not \"%2\"%3; OpenID Connect Discovery 1.0 "
                          "§4.3 requires them to be identical")
        .arg(advertisedIssuer, expectedIssuer, slash);
}

bool OidcDiscovery::jwksUriDowngrades(const QUrl& documentUrl) const
{
    return documentUrl.scheme().compare(QLatin1String("https"), Qt::CaseInsensitive) == 0 &&
           jwksUri.scheme().compare(QLatin1String("http"), Qt::CaseInsensitive) == 0;
}
