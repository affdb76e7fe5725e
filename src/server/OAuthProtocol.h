// SPDX-License-Identifier: MIT
#pragma once

#include "core/Result.h"
#include "http/HttpRequest.h"
#include "http/HttpResponse.h"
#include "server/ClientRegistry.h"
#include "server/RequestContext.h"

#include <QHash>
#include <QUrl>

/// What the embedded provider's endpoints share: parameters (RFC 6749 §3.1, §3.2), the error responses of
/// RFC 6749 §5.2 and RFC 6750 §3, client authentication (RFC 6749 §2.3: client_secret_basic, client_secret_post,
/// none for public clients), redirects and HTML escaping.
class OAuthProtocol
{
public:
    using Parameters = QHash<QString, QString>;
    static inline const QString kInvalidRequest = QStringLiteral("invalid_request"); // RFC 6749 §4.1.2.1, §5.2

    /// application/x-www-form-urlencoded body (and, for the client-credentials compatibility, a JSON object of
    /// strings). A repeated parameter is invalid_request (RFC 6749 §3.1, §3.2).
    static Result<Parameters> bodyParameters(const HttpRequest& request);
    /// The query of a GET request (RFC 6749 §3.1).
    static Result<Parameters> queryParameters(const HttpRequest& request);

    /// {"error", "error_description"} with Cache-Control: no-store (RFC 6749 §5.2).
    static HttpResponse error(int status, const QString& code, const QString& description, RequestContext& context);
    /// A token-endpoint success (RFC 6749 §5.1): no-store, no-cache.
    static HttpResponse tokenResponse(const QJsonObject& body);

    struct ClientAuth
    {
        const RegisteredClient* client = nullptr; // set on success
        std::optional<HttpResponse> failure;      // invalid_client (401, WWW-Authenticate) or invalid_request
        QString method;                           // "client_secret_basic", "client_secret_post" or "none"
    };
    /// RFC 6749 §2.3: one method only; a confidential client must prove its secret; a public client sends
    /// client_id alone (and is refused when `publicAllowed` is false). Failures are invalid_client with 401 and
    /// WWW-Authenticate: Basic (§5.2), whichever method was tried.
    static ClientAuth authenticateClient(const HttpRequest& request, const Parameters& params,
                                         const ClientRegistry& clients, bool publicAllowed, RequestContext& context);

    struct ClientRequest
    {
        Parameters params;
        const RegisteredClient* client = nullptr;
        std::optional<HttpResponse> failure; // invalid_request (400) or invalid_client (401)
    };
    /// The body parameters and the authenticated client of a back-channel request (/par, /device_authorization,
    /// /introspect, /revoke).
    static ClientRequest readClientRequest(const HttpRequest& request, const ClientRegistry& clients,
                                           bool publicAllowed, RequestContext& context);

    /// 302 to `target` with `params` added to its query (RFC 6749 §4.1.2), or as its fragment when `inFragment`
    /// (the implicit grant, §4.2.2); Cache-Control: no-store.
    static HttpResponse redirect(const QString& target, const QList<QPair<QString, QString>>& params,
                                 bool inFragment = false);
    /// &, <, >, ", ' as entities; control characters dropped (never printed raw).
    static QString htmlEscape(const QString& text);
    /// An HTML page with the headers every page here gets: no-store, CSP without scripts, no framing.
    static HttpResponse htmlPage(int status, const QString& title, const QString& body);
    static QString space(const QStringList& items) { return items.join(QLatin1Char(' ')); }

    /// application/x-www-form-urlencoded (WHATWG URL §5.1: '+' is a space), in order, duplicates kept.
    static QList<QPair<QString, QString>> parseForm(const QByteArray& body);

    /// The sign-in form of the login/consent and device pages: username, password, Approve and Deny buttons,
    /// `hidden` fields (all values escaped), posted to `action`. CSRF: the form carries a random value that must
    /// equal the one in the SameSite=Strict cookie set with the page (csrfCookie()) and the one the server kept.
    static QString loginForm(const QString& action, const QList<QPair<QString, QString>>& hidden, const QString& intro,
                             const QString& error, bool askUserCode = false, const QString& userCode = {});
    static QByteArray csrfCookie(const QString& csrf);
    /// The form's csrf equals `expected` and so does the cookie (double submit, OWASP CSRF cheat sheet).
    static bool csrfMatches(const HttpRequest& request, const Parameters& form, const QString& expected);
};
