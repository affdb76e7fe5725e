// SPDX-License-Identifier: MIT
#include "server/OAuthProtocol.h"

#include "core/JsonText.h"
#include "crypto/SecureBytes.h"

#include <QUrlQuery>

namespace {

Result<OAuthProtocol::Parameters> unique(const QList<QPair<QString, QString>>& list)
{
    OAuthProtocol::Parameters p;
    for (const auto& [name, value] : list) {
        if (p.contains(name)) {
            // RFC 6749 §3.1, §3.2: "Request and response parameters MUST NOT be included more than once."
            return Error(ErrorCode::Usage, QStringLiteral("Repeated parameter %1").arg(name));
        }
        p.insert(name, value);
    }
    return p;
}

} // namespace

Result<OAuthProtocol::Parameters> OAuthProtocol::bodyParameters(const HttpRequest& request)
{
    const QByteArray contentType = request.header("Content-Type").split(';').first().trimmed().toLower();
    if (contentType == "application/x-www-form-urlencoded") {
        return unique(parseForm(request.body));
    }
    if (contentType == "application/json") {
        const auto object = JsonText::parseObject(request.body);
        if (!object) {
            return Error(ErrorCode::Usage, QStringLiteral("The body is not a JSON object"));
        }
        QList<QPair<QString, QString>> list;
        for (auto it = object->begin(); it != object->end(); ++it) {
            if (!it.value().isString()) {
                return Error(ErrorCode::Usage, QStringLiteral("Parameter %1 must be a string").arg(it.key()));
            }
            list.append({it.key(), it.value().toString()});
        }
        return unique(list);
    }
    return Error(ErrorCode::Usage, QStringLiteral("Content-Type must be application/x-www-form-urlencoded"));
}

Result<OAuthProtocol::Parameters> OAuthProtocol::queryParameters(const HttpRequest& request)
{
    return unique(parseForm(request.query));
}

HttpResponse OAuthProtocol::error(int status, const QString& code, const QString& description, RequestContext& context)
{
    context.errorCode = code;
    context.errorDescription = description;
    HttpResponse response = HttpResponse::json(
        status, QJsonObject{{QStringLiteral("error"), code}, {QStringLiteral("error_description"), description}});
    response.addHeader(QByteArrayLiteral("Cache-Control"), QByteArrayLiteral("no-store"));
    return response;
}

HttpResponse OAuthProtocol::tokenResponse(const QJsonObject& body)
{
    HttpResponse response = HttpResponse::json(200, body);
    response.addHeader(QByteArrayLiteral("Cache-Control"), QByteArrayLiteral("no-store")); // RFC 6749 §5.1
    response.addHeader(QByteArrayLiteral("Pragma"), QByteArrayLiteral("no-cache"));
    return response;
}

OAuthProtocol::ClientAuth OAuthProtocol::authenticateClient(const HttpRequest& request, const Parameters& params,
                                                            const ClientRegistry& clients, bool publicAllowed,
                                                            RequestContext& context)
{
    ClientAuth out;
    auto invalidClient = [&](const QString& description) {
        // RFC 6749 §5.2 invalid_client: 401 with a WWW-Authenticate matching the scheme; Basic is the scheme this
        // server offers for client authentication.
        HttpResponse r = error(401, QStringLiteral("invalid_client"), description, context);
        r.addHeader(QByteArrayLiteral("WWW-Authenticate"),
                    QByteArrayLiteral("Basic realm=\"tokenscope\", charset=\"UTF-8\""));
        out.failure = r;
        return out;
    };
    const QByteArray authorization = request.header("Authorization");
    const bool basic = authorization.size() > 6 && authorization.first(6).compare("basic ", Qt::CaseInsensitive) == 0;
    const bool secretInBody = params.contains(QStringLiteral("client_secret"));
    QString clientId;
    QByteArray secret;
    if (basic) {
        if (secretInBody) {
            out.failure = error(400, QStringLiteral("invalid_request"),
                                QStringLiteral("Use one client authentication method, not both"), context);
            return out;
        }
        const auto decoded =
            QByteArray::fromBase64Encoding(authorization.mid(6).trimmed(), QByteArray::AbortOnBase64DecodingErrors);
        const qsizetype colon = decoded ? decoded.decoded.indexOf(':') : -1;
        if (colon < 0) {
            return invalidClient(QStringLiteral("Malformed Basic credentials"));
        }
        // RFC 6749 §2.3.1: both are form-urlencoded before Basic encoding.
        QByteArray id = decoded.decoded.left(colon).replace('+', ' ');
        QByteArray pass = decoded.decoded.mid(colon + 1).replace('+', ' ');
        clientId = QString::fromUtf8(QByteArray::fromPercentEncoding(id));
        secret = QByteArray::fromPercentEncoding(pass);
        const QString bodyId = params.value(QStringLiteral("client_id"));
        if (!bodyId.isEmpty() && bodyId != clientId) {
            out.failure = error(400, QStringLiteral("invalid_request"),
                                QStringLiteral("client_id differs from the authenticated client"), context);
            return out;
        }
        out.method = QStringLiteral("client_secret_basic");
    } else {
        clientId = params.value(QStringLiteral("client_id"));
        secret = params.value(QStringLiteral("client_secret")).toUtf8();
        out.method = secretInBody ? QStringLiteral("client_secret_post") : QStringLiteral("none");
    }
    if (clientId.isEmpty()) {
        return invalidClient(QStringLiteral("Client authentication is required"));
    }
    const RegisteredClient* client = clients.find(clientId);
    if (!client) {
        return invalidClient(QStringLiteral("Unknown client"));
    }
    if (client->isPublic()) {
        if (basic || secretInBody) {
            return invalidClient(QStringLiteral("%1 is a public client and has no secret").arg(clientId));
        }
        if (!publicAllowed) {
            return invalidClient(QStringLiteral("%1 is a public client and cannot authenticate here").arg(clientId));
        }
    } else if (secret.isEmpty()) {
        return invalidClient(QStringLiteral("%1 is a confidential client: authenticate with its secret").arg(clientId));
    } else if (!ClientRegistry::checkSecret(*client, secret)) {
        return invalidClient(QStringLiteral("Unknown client or wrong secret"));
    }
    context.subject = clientId;
    out.client = client;
    return out;
}

OAuthProtocol::ClientRequest OAuthProtocol::readClientRequest(const HttpRequest& request, const ClientRegistry& clients,
                                                              bool publicAllowed, RequestContext& context)
{
    ClientRequest out;
    auto params = bodyParameters(request);
    if (!params) {
        out.failure = error(400, QStringLiteral("invalid_request"), params.error().message, context);
        return out;
    }
    out.params = std::move(params).value();
    ClientAuth auth = authenticateClient(request, out.params, clients, publicAllowed, context);
    out.client = auth.client;
    out.failure = std::move(auth.failure);
    return out;
}

HttpResponse OAuthProtocol::redirect(const QString& target, const QList<QPair<QString, QString>>& params,
                                     bool inFragment)
{
    QUrl url(target);
    QUrlQuery query(inFragment ? QUrlQuery() : QUrlQuery(url));
    for (const auto& [name, value] : params) {
        if (!value.isEmpty()) {
            query.addQueryItem(name, QString::fromLatin1(QUrl::toPercentEncoding(value)));
        }
    }
    if (inFragment) {
        // RFC 6749 §4.2.2: application/x-www-form-urlencoded in the fragment, which never reaches a server.
        url.setFragment(query.query(QUrl::FullyEncoded), QUrl::StrictMode);
    } else {
        url.setQuery(query);
    }
    HttpResponse response = HttpResponse::empty(302);
    response.addHeader(QByteArrayLiteral("Location"), url.toString(QUrl::FullyEncoded).toUtf8());
    response.addHeader(QByteArrayLiteral("Cache-Control"), QByteArrayLiteral("no-store"));
    return response;
}

QString OAuthProtocol::htmlEscape(const QString& text)
{
    QString out;
    out.reserve(text.size());
    for (QChar c : text) {
        switch (c.unicode()) {
        case '&':
            out += QLatin1String("&amp;");
            break;
        case '<':
            out += QLatin1String("&lt;");
            break;
        case '>':
            out += QLatin1String("&gt;");
            break;
        case '"':
            out += QLatin1String("&quot;");
            break;
        case '\'':
            out += QLatin1String("&#39;");
            break;
        default:
            if (c.category() != QChar::Other_Control) {
                out += c;
            }
        }
    }
    return out;
}

HttpResponse OAuthProtocol::htmlPage(int status, const QString& title, const QString& body)
{
    const QString html = QStringLiteral("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
                                        "<title>%1</title><style>body{font-family:sans-serif;max-width:32em;"
                                        "margin:3em auto}label{display:block;margin:.5em 0}</style></head>"
                                        "<body><h1>%1</h1>%2</body></html>\n")
                             .arg(htmlEscape(title), body);
    HttpResponse response(status, QByteArrayLiteral("text/html; charset=utf-8"), html.toUtf8());
    response.addHeader(QByteArrayLiteral("Cache-Control"), QByteArrayLiteral("no-store"));
    // No scripts at all, and no framing (clickjacking of the consent button).
    response.addHeader(QByteArrayLiteral("Content-Security-Policy"),
                       QByteArrayLiteral("default-src 'none'; style-src 'unsafe-inline'; frame-ancestors 'none'"));
    response.addHeader(QByteArrayLiteral("X-Frame-Options"), QByteArrayLiteral("DENY"));
    response.addHeader(QByteArrayLiteral("Referrer-Policy"), QByteArrayLiteral("no-referrer"));
    return response;
}

QList<QPair<QString, QString>> OAuthProtocol::parseForm(const QByteArray& body)
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

QString OAuthProtocol::loginForm(const QString& action, const QList<QPair<QString, QString>>& hidden,
                                 const QString& intro, const QString& error, bool askUserCode, const QString& userCode)
{
    QString html = QStringLiteral("<p>%1</p>").arg(intro); // intro is built from escaped parts by the caller
    if (!error.isEmpty()) {
        html += QStringLiteral("<p role=\"alert\"><strong>%1</strong></p>").arg(htmlEscape(error));
    }
    html += QStringLiteral("<form method=\"post\" action=\"%1\">").arg(htmlEscape(action));
    for (const auto& [name, value] : hidden) {
        html +=
            QStringLiteral("<input type=\"hidden\" name=\"%1\" value=\"%2\">").arg(htmlEscape(name), htmlEscape(value));
    }
    if (askUserCode) {
        html += QStringLiteral("<label>Code <input name=\"user_code\" value=\"%1\" autocomplete=\"off\" "
                               "required></label>")
                    .arg(htmlEscape(userCode));
    }
    html += QStringLiteral("<label>Username <input name=\"username\" autocomplete=\"username\" required></label>"
                           "<label>Password <input type=\"password\" name=\"password\" "
                           "autocomplete=\"current-password\"></label>"
                           "<button type=\"submit\" name=\"decision\" value=\"approve\">Sign in and approve</button> "
                           "<button type=\"submit\" name=\"decision\" value=\"deny\" formnovalidate>Deny</button>"
                           "</form>");
    return html;
}

QByteArray OAuthProtocol::csrfCookie(const QString& csrf)
{
    return "tokenscope_csrf=" + csrf.toLatin1() + "; Path=/; HttpOnly; SameSite=Strict";
}

bool OAuthProtocol::csrfMatches(const HttpRequest& request, const Parameters& form, const QString& expected)
{
    QByteArray cookie;
    for (const QByteArray& header : request.headerValues("Cookie")) {
        for (const QByteArray& part : header.split(';')) {
            const QByteArray item = part.trimmed();
            if (item.startsWith("tokenscope_csrf=")) {
                cookie = item.mid(16);
            }
        }
    }
    const QByteArray submitted = form.value(QStringLiteral("csrf")).toLatin1();
    const QByteArray kept = expected.toLatin1();
    // Both comparisons always run (no early exit on the first): constant time over the pair.
    const bool formOk = secureEquals(submitted, kept);
    const bool cookieOk = secureEquals(cookie, kept);
    return !kept.isEmpty() && formOk && cookieOk;
}
