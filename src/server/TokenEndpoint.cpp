// SPDX-License-Identifier: MIT
#include "server/TokenEndpoint.h"

#include "core/JsonText.h"

#include <QJsonDocument>
#include <QUrl>

TokenEndpoint::TokenEndpoint(const EmbeddedIssuer* issuer, QString audience, QStringList allowedScopes,
                             qint64 lifetimeSeconds, const Clock* clock)
    : m_issuer(issuer)
    , m_audience(std::move(audience))
    , m_allowedScopes(std::move(allowedScopes))
    , m_lifetimeSeconds(lifetimeSeconds)
    , m_clock(clock)
{
}

QList<QPair<QString, QString>> TokenEndpoint::parseForm(const QByteArray& body)
{
    QList<QPair<QString, QString>> out;
    for (const QByteArray& pair : body.split('&')) {
        if (pair.isEmpty()) {
            continue;
        }
        const qsizetype eq = pair.indexOf('=');
        QByteArray name = eq < 0 ? pair : pair.left(eq);
        QByteArray value = eq < 0 ? QByteArray() : pair.mid(eq + 1);
        name.replace('+', ' ');
        value.replace('+', ' ');
        out.append({QString::fromUtf8(QByteArray::fromPercentEncoding(name)),
                    QString::fromUtf8(QByteArray::fromPercentEncoding(value))});
    }
    return out;
}

HttpResponse TokenEndpoint::error(int status, const QString& code, const QString& description, RequestContext& context,
                                  bool basicChallenge) const
{
    context.errorCode = code;
    context.errorDescription = description;
    HttpResponse response = HttpResponse::json(
        status, QJsonObject{{QStringLiteral("error"), code}, {QStringLiteral("error_description"), description}});
    response.addHeader(QByteArrayLiteral("Cache-Control"), QByteArrayLiteral("no-store"));
    if (basicChallenge) {
        // RFC 6749 §5.2 invalid_client: "MUST include the WWW-Authenticate response header field matching the
        // authentication scheme used by the client".
        response.addHeader(QByteArrayLiteral("WWW-Authenticate"),
                           QByteArrayLiteral("Basic realm=\"tokenscope\", charset=\"UTF-8\""));
    }
    return response;
}

HttpResponse TokenEndpoint::handle(const HttpRequest& request, RequestContext& context) const
{
    // Parameters from the body.
    const QByteArray contentType = request.header("Content-Type").split(';').first().trimmed().toLower();
    QList<QPair<QString, QString>> params;
    if (contentType == "application/x-www-form-urlencoded") {
        params = parseForm(request.body);
    } else if (contentType == "application/json") {
        const auto object = JsonText::parseObject(request.body);
        if (!object) {
            return error(400, QStringLiteral("invalid_request"), QStringLiteral("The body is not a JSON object"),
                         context);
        }
        for (auto it = object->begin(); it != object->end(); ++it) {
            if (!it.value().isString()) {
                return error(400, QStringLiteral("invalid_request"),
                             QStringLiteral("Parameter %1 must be a string").arg(it.key()), context);
            }
            params.append({it.key(), it.value().toString()});
        }
    } else {
        return error(400, QStringLiteral("invalid_request"),
                     QStringLiteral("Content-Type must be application/x-www-form-urlencoded"), context);
    }
    QHash<QString, QString> p;
    for (const auto& [name, value] : params) {
        if (p.contains(name)) {
            // RFC 6749 §3.2: parameters MUST NOT be included more than once.
            return error(400, QStringLiteral("invalid_request"), QStringLiteral("Repeated parameter %1").arg(name),
                         context);
        }
        p.insert(name, value);
    }

    const QString grantType = p.value(QStringLiteral("grant_type"));
    if (grantType.isEmpty()) {
        return error(400, QStringLiteral("invalid_request"), QStringLiteral("Missing grant_type"), context);
    }
    if (grantType != QLatin1String("client_credentials")) {
        return error(400, QStringLiteral("unsupported_grant_type"),
                     QStringLiteral("Only client_credentials is supported"), context);
    }

    // Client authentication (RFC 6749 §2.3).
    const QByteArray authorization = request.header("Authorization");
    const bool basic = authorization.size() > 6 && authorization.first(6).compare("basic ", Qt::CaseInsensitive) == 0;
    const bool inBody = p.contains(QStringLiteral("client_id")) || p.contains(QStringLiteral("client_secret"));
    QString clientId;
    QByteArray clientSecret;
    if (basic && inBody) {
        return error(400, QStringLiteral("invalid_request"),
                     QStringLiteral("Use one client authentication method, not both"), context);
    }
    if (basic) {
        const auto decoded =
            QByteArray::fromBase64Encoding(authorization.mid(6).trimmed(), QByteArray::AbortOnBase64DecodingErrors);
        const qsizetype colon = decoded ? decoded.decoded.indexOf(':') : -1;
        if (colon < 0) {
            return error(401, QStringLiteral("invalid_client"), QStringLiteral("Malformed Basic credentials"), context,
                         true);
        }
        // RFC 6749 §2.3.1: both are form-urlencoded before Basic encoding.
        QByteArray id = decoded.decoded.left(colon).replace('+', ' ');
        QByteArray secret = decoded.decoded.mid(colon + 1).replace('+', ' ');
        clientId = QString::fromUtf8(QByteArray::fromPercentEncoding(id));
        clientSecret = QByteArray::fromPercentEncoding(secret);
    } else if (!authorization.isEmpty()) {
        return error(401, QStringLiteral("invalid_client"), QStringLiteral("Unsupported client authentication"),
                     context);
    } else {
        clientId = p.value(QStringLiteral("client_id"));
        clientSecret = p.value(QStringLiteral("client_secret")).toUtf8();
    }
    if (clientId.isEmpty() || clientSecret.isEmpty()) {
        return error(401, QStringLiteral("invalid_client"), QStringLiteral("Client authentication is required"),
                     context, basic);
    }
    if (!m_issuer->checkClient(clientId, clientSecret)) {
        return error(401, QStringLiteral("invalid_client"), QStringLiteral("Unknown client or wrong secret"), context,
                     basic);
    }

    const QString audience = p.value(QStringLiteral("audience"), m_audience);
    if (audience != m_audience) {
        return error(400, QStringLiteral("invalid_request"),
                     QStringLiteral("Unknown audience; this issuer serves %1").arg(m_audience), context);
    }
    QStringList scopes;
    if (p.contains(QStringLiteral("scope"))) {
        // scope = scope-token *( SP scope-token ) (RFC 6749 §3.3)
        scopes = p.value(QStringLiteral("scope")).split(QLatin1Char(' '), Qt::SkipEmptyParts);
        for (const QString& s : std::as_const(scopes)) {
            if (!m_allowedScopes.contains(s)) {
                return error(400, QStringLiteral("invalid_scope"), QStringLiteral("Scope %1 is not allowed").arg(s),
                             context);
            }
        }
        scopes.removeDuplicates();
    } else {
        scopes = m_allowedScopes;
    }

    MintOptions options;
    options.audiences = {audience};
    options.scope = scopes.join(QLatin1Char(' '));
    options.lifetimeSeconds = m_lifetimeSeconds;
    const auto token = m_issuer->mint(options, m_clock);
    if (!token) {
        context.errorCode = QStringLiteral("server_error");
        context.errorDescription = token.error().toString();
        return HttpResponse::json(500, QJsonObject{{QStringLiteral("error"), QStringLiteral("server_error")}});
    }
    context.subject = clientId;
    QJsonObject body{
        {QStringLiteral("access_token"), QString::fromLatin1(token.value())},
        {QStringLiteral("token_type"), QStringLiteral("Bearer")},
        {QStringLiteral("expires_in"), m_lifetimeSeconds},
    };
    if (!scopes.isEmpty()) {
        body.insert(QStringLiteral("scope"), options.scope);
    }
    HttpResponse response = HttpResponse::json(200, body);
    response.addHeader(QByteArrayLiteral("Cache-Control"), QByteArrayLiteral("no-store")); // RFC 6749 §5.1
    response.addHeader(QByteArrayLiteral("Pragma"), QByteArrayLiteral("no-cache"));
    return response;
}
