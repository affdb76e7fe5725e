// SPDX-License-Identifier: MIT
#include "server/AuthorizeEndpoint.h"

#include "server/TokenEndpoint.h"

#include <QJsonObject>
#include <QRegularExpression>

AuthorizeEndpoint::AuthorizeEndpoint(ProviderContext* provider)
    : m_provider(provider)
{
}

AuthorizeEndpoint::Validation AuthorizeEndpoint::validate(const OAuthProtocol::Parameters& p) const
{
    Validation v;
    auto failWith = [&v](const QString& code, const QString& description) {
        v.error = code;
        v.description = description;
        return v;
    };
    AuthorizationRequest& r = v.request;
    r.clientId = p.value(QStringLiteral("client_id"));
    const RegisteredClient* client = m_provider->clients.find(r.clientId);
    if (r.clientId.isEmpty() || !client) {
        return failWith(OAuthProtocol::kInvalidRequest, r.clientId.isEmpty()
                                                            ? QStringLiteral("Missing client_id")
                                                            : QStringLiteral("Unknown client %1").arg(r.clientId));
    }
    r.redirectUri = p.value(QStringLiteral("redirect_uri"));
    if (r.redirectUri.isEmpty()) {
        // RFC 6749 §3.1.2.3: optional only when exactly one complete URI is registered. Loopback URIs registered
        // without a port are patterns, not complete.
        if (client->redirectUris.size() != 1) {
            return failWith(OAuthProtocol::kInvalidRequest, QStringLiteral("Missing redirect_uri"));
        }
        r.redirectUri = client->redirectUris.first();
        r.redirectUriGiven = false;
    } else if (!ClientRegistry::redirectUriAllowed(*client, r.redirectUri)) {
        return failWith(OAuthProtocol::kInvalidRequest,
                        QStringLiteral("redirect_uri is not registered for %1").arg(r.clientId));
    }
    r.state = p.value(QStringLiteral("state"));
    v.redirectable = true;

    const QString responseType = p.value(QStringLiteral("response_type"));
    if (responseType.isEmpty()) {
        return failWith(OAuthProtocol::kInvalidRequest, QStringLiteral("Missing response_type"));
    }
    if (responseType == QLatin1String("token")) {
        // RFC 6749 §4.2.1 (legacy, RFC 9700 §2.1.2): from here on errors go back in the fragment (§4.2.2.1).
        r.implicit = true;
        if (!client->allowsGrant(QStringLiteral("implicit"))) {
            return failWith(QStringLiteral("unauthorized_client"),
                            QStringLiteral("%1 may not use the implicit grant").arg(r.clientId));
        }
    } else if (responseType != QLatin1String("code")) {
        return failWith(QStringLiteral("unsupported_response_type"),
                        QStringLiteral("Only response_type=code (and token for clients allowed the implicit grant)"));
    } else if (!client->allowsGrant(QStringLiteral("authorization_code"))) {
        return failWith(QStringLiteral("unauthorized_client"),
                        QStringLiteral("%1 may not use the authorization code grant").arg(r.clientId));
    }
    r.scopes = p.value(QStringLiteral("scope")).split(QLatin1Char(' '), Qt::SkipEmptyParts);
    r.scopes.removeDuplicates();
    const QStringList supported = m_provider->supportedScopes();
    for (const QString& s : std::as_const(r.scopes)) {
        if (!supported.contains(s)) {
            return failWith(QStringLiteral("invalid_scope"), QStringLiteral("Unknown scope %1").arg(s));
        }
    }
    r.nonce = p.value(QStringLiteral("nonce"));
    r.codeChallenge = p.value(QStringLiteral("code_challenge"));
    const QString method = p.value(QStringLiteral("code_challenge_method"));
    if (r.codeChallenge.isEmpty()) {
        if (!method.isEmpty()) {
            return failWith(OAuthProtocol::kInvalidRequest,
                            QStringLiteral("code_challenge_method without code_challenge"));
        }
        if (client->isPublic() && !r.implicit) {
            // RFC 7636 §4.4.1; RFC 8252 §8.1: public native clients MUST use PKCE (the implicit grant has no token
            // request for a verifier to go with).
            return failWith(OAuthProtocol::kInvalidRequest,
                            QStringLiteral("code challenge required (PKCE) for public clients"));
        }
    } else {
        // RFC 7636 §4.3: "defaults to plain if not present".
        r.codeChallengeMethod = method.isEmpty() ? QStringLiteral("plain") : method;
        if (r.codeChallengeMethod != QLatin1String("S256") && r.codeChallengeMethod != QLatin1String("plain")) {
            return failWith(OAuthProtocol::kInvalidRequest, QStringLiteral("transform algorithm not supported"));
        }
        // RFC 7636 §4.2 / §4.1: 43-128 unreserved characters.
        static const QRegularExpression kChallenge(QStringLiteral("^[A-Za-z0-9._~-]{43,128}$"));
        if (!kChallenge.match(r.codeChallenge).hasMatch()) {
            return failWith(OAuthProtocol::kInvalidRequest,
                            QStringLiteral("code_challenge must be 43-128 unreserved characters"));
        }
    }
    if (p.value(QStringLiteral("prompt")).split(QLatin1Char(' ')).contains(QStringLiteral("none")) &&
        m_provider->autoApproveUser.isEmpty()) {
        // OIDC Core §3.1.2.6: no session here, so prompt=none cannot succeed without auto-approve.
        return failWith(QStringLiteral("login_required"), QStringLiteral("No signed-in user and prompt=none"));
    }
    return v;
}

HttpResponse AuthorizeEndpoint::errorRedirect(const AuthorizationRequest& request, const QString& code,
                                              const QString& description, RequestContext& context) const
{
    context.errorCode = code;
    context.errorDescription = description;
    return OAuthProtocol::redirect(request.redirectUri,
                                   {{QStringLiteral("error"), code},
                                    {QStringLiteral("error_description"), description},
                                    {QStringLiteral("state"), request.state},
                                    {QStringLiteral("iss"), m_provider->issuer->issuerUrl()}},
                                   request.implicit);
}

HttpResponse AuthorizeEndpoint::fail(const Validation& v, RequestContext& context) const
{
    if (v.redirectable) {
        return errorRedirect(v.request, v.error, v.description, context);
    }
    // RFC 6749 §4.1.2.1: "the authorization server SHOULD inform the resource owner of the error and MUST NOT
    // automatically redirect the user-agent to the invalid redirection URI."
    context.errorCode = v.error;
    context.errorDescription = v.description;
    return OAuthProtocol::htmlPage(
        400, QStringLiteral("Authorization request refused"),
        QStringLiteral("<p>%1: %2</p>")
            .arg(OAuthProtocol::htmlEscape(v.error), OAuthProtocol::htmlEscape(v.description)));
}

HttpResponse AuthorizeEndpoint::issueCode(const AuthorizationRequest& request, const QString& username,
                                          RequestContext& context) const
{
    CodeGrant grant;
    grant.request = request;
    grant.username = username;
    grant.authTime = m_provider->now();
    grant.expiresAt = grant.authTime + m_provider->codeLifetime;
    grant.familyId = GrantStore::randomValue(16);
    context.subject = username;
    if (request.implicit) {
        return issueToken(grant, context);
    }
    const QString code = m_provider->grants.addCode(grant);
    // RFC 9207 §2: iss in the authorization response.
    return OAuthProtocol::redirect(request.redirectUri, {{QStringLiteral("code"), code},
                                                         {QStringLiteral("state"), request.state},
                                                         {QStringLiteral("iss"), m_provider->issuer->issuerUrl()}});
}

HttpResponse AuthorizeEndpoint::issueToken(const CodeGrant& code, RequestContext& context) const
{
    TokenEndpoint::Grant grant;
    grant.client = m_provider->clients.find(code.request.clientId);
    grant.username = code.username;
    grant.scopes = code.request.scopes;
    grant.authTime = code.authTime;
    grant.familyId = code.familyId;
    grant.grantType = QStringLiteral("implicit");
    const auto body = grant.client ? TokenEndpoint(m_provider).issue(grant)
                                   : Result<QJsonObject>(Error(ErrorCode::Generic, QStringLiteral("no client")));
    if (!body) {
        return errorRedirect(code.request, QStringLiteral("server_error"), QStringLiteral("Cannot issue a token"),
                             context);
    }
    // RFC 6749 §4.2.2: access_token, token_type, expires_in, scope and state in the fragment; RFC 9207 §2: iss.
    QList<QPair<QString, QString>> params;
    for (const char* name : {"access_token", "token_type", "expires_in", "scope"}) {
        const QJsonValue value = body->value(QLatin1String(name));
        params.append({QLatin1String(name), value.isDouble() ? QString::number(value.toInteger()) : value.toString()});
    }
    params.append({QStringLiteral("state"), code.request.state});
    params.append({QStringLiteral("iss"), m_provider->issuer->issuerUrl()});
    return OAuthProtocol::redirect(code.request.redirectUri, params, true);
}

HttpResponse AuthorizeEndpoint::loginPage(const AuthorizationRequest& request, const QString& transactionId,
                                          const QString& csrf, const QString& error) const
{
    const RegisteredClient* client = m_provider->clients.find(request.clientId);
    const QString scopes =
        request.scopes.isEmpty() ? QStringLiteral("(no scope)") : OAuthProtocol::space(request.scopes);
    const QString intro = QStringLiteral("<strong>%1</strong> (%2) asks for: <code>%3</code>. It will be sent back to "
                                         "<code>%4</code>. Test users: %5.")
                              .arg(OAuthProtocol::htmlEscape(client ? client->name : request.clientId),
                                   OAuthProtocol::htmlEscape(request.clientId), OAuthProtocol::htmlEscape(scopes),
                                   OAuthProtocol::htmlEscape(request.redirectUri),
                                   OAuthProtocol::htmlEscape(m_provider->users.usernames().join(QStringLiteral(", "))));
    HttpResponse page = OAuthProtocol::htmlPage(
        error.isEmpty() ? 200 : 401, QStringLiteral("Sign in to Tokenscope's local provider"),
        OAuthProtocol::loginForm(QStringLiteral("/authorize"),
                                 {{QStringLiteral("transaction"), transactionId}, {QStringLiteral("csrf"), csrf}},
                                 intro, error));
    page.addHeader(QByteArrayLiteral("Set-Cookie"), OAuthProtocol::csrfCookie(csrf));
    return page;
}

HttpResponse AuthorizeEndpoint::authorize(const HttpRequest& request, RequestContext& context) const
{
    const auto params = OAuthProtocol::queryParameters(request);
    if (!params) {
        Validation v;
        v.error = OAuthProtocol::kInvalidRequest;
        v.description = params.error().message;
        return fail(v, context);
    }
    Validation v;
    const QString requestUri = params->value(QStringLiteral("request_uri"));
    if (!requestUri.isEmpty()) {
        const QString clientId = params->value(QStringLiteral("client_id"));
        const auto pushed = m_provider->grants.takePushedRequest(requestUri, clientId, m_provider->now());
        if (!pushed) {
            v.error = OAuthProtocol::kInvalidRequest; // RFC 9126 §4: an invalid or expired request_uri
            v.description = QStringLiteral("Unknown, used or expired request_uri");
            return fail(v, context);
        }
        v.request = *pushed;
    } else {
        v = validate(params.value());
        if (!v.error.isEmpty()) {
            return fail(v, context);
        }
    }
    if (!m_provider->autoApproveUser.isEmpty()) {
        return issueCode(v.request, m_provider->autoApproveUser, context);
    }
    LoginTransaction transaction;
    transaction.authorization = v.request;
    transaction.csrf = GrantStore::randomValue();
    transaction.expiresAt = m_provider->now() + m_provider->loginLifetime;
    const QString id = m_provider->grants.addTransaction(transaction);
    return loginPage(v.request, id, transaction.csrf, {});
}

HttpResponse AuthorizeEndpoint::submitLogin(const HttpRequest& request, RequestContext& context) const
{
    const auto form = OAuthProtocol::bodyParameters(request);
    const QString id = form ? form->value(QStringLiteral("transaction")) : QString();
    const auto transaction = m_provider->grants.transaction(id, m_provider->now());
    if (!form || !transaction || !transaction->authorization) {
        context.errorCode = OAuthProtocol::kInvalidRequest;
        context.errorDescription = QStringLiteral("Unknown or expired sign-in");
        return OAuthProtocol::htmlPage(400, QStringLiteral("Sign-in expired"),
                                       QStringLiteral("<p>This sign-in is unknown or has expired. Start again from "
                                                      "the application.</p>"));
    }
    if (!OAuthProtocol::csrfMatches(request, form.value(), transaction->csrf)) {
        context.errorCode = QStringLiteral("csrf");
        context.errorDescription = QStringLiteral("CSRF check failed");
        return OAuthProtocol::htmlPage(403, QStringLiteral("Request refused"),
                                       QStringLiteral("<p>The form did not come from this page (CSRF check).</p>"));
    }
    const AuthorizationRequest& authorization = *transaction->authorization;
    if (form->value(QStringLiteral("decision")) != QLatin1String("approve")) {
        m_provider->grants.finishTransaction(id);
        return errorRedirect(authorization, QStringLiteral("access_denied"), QStringLiteral("The user said no"),
                             context);
    }
    const TestUser* user = m_provider->users.authenticate(form->value(QStringLiteral("username")),
                                                          form->value(QStringLiteral("password")));
    if (!user) {
        context.errorCode = QStringLiteral("login_failed");
        return loginPage(authorization, id, transaction->csrf, QStringLiteral("Wrong username or password."));
    }
    m_provider->grants.finishTransaction(id);
    return issueCode(authorization, user->username, context);
}

HttpResponse AuthorizeEndpoint::pushedAuthorizationRequest(const HttpRequest& request, RequestContext& context) const
{
    const OAuthProtocol::ClientRequest call =
        OAuthProtocol::readClientRequest(request, m_provider->clients, true, context);
    if (call.failure) {
        return *call.failure;
    }
    const OAuthProtocol::Parameters* params = &call.params;
    const RegisteredClient* client = call.client;
    if (params->contains(QStringLiteral("request_uri"))) {
        // RFC 9126 §2.1: "The request_uri authorization request parameter is one exception, and it MUST NOT be
        // provided."
        return OAuthProtocol::error(400, OAuthProtocol::kInvalidRequest,
                                    QStringLiteral("request_uri must not be pushed"), context);
    }
    OAuthProtocol::Parameters p = *params;
    p.insert(QStringLiteral("client_id"), client->id);
    const Validation v = validate(p);
    if (!v.error.isEmpty()) {
        return OAuthProtocol::error(400, v.error, v.description, context);
    }
    const QString uri = m_provider->grants.addPushedRequest(v.request, m_provider->now() + m_provider->parLifetime);
    HttpResponse response =
        HttpResponse::json(201, QJsonObject{{QStringLiteral("request_uri"), uri},
                                            {QStringLiteral("expires_in"), m_provider->parLifetime}});
    response.addHeader(QByteArrayLiteral("Cache-Control"), QByteArrayLiteral("no-store"));
    return response;
}
