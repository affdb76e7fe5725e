// SPDX-License-Identifier: MIT
#include "server/DeviceEndpoint.h"

#include "server/OAuthProtocol.h"

DeviceEndpoint::DeviceEndpoint(ProviderContext* provider)
    : m_provider(provider)
{
}

HttpResponse DeviceEndpoint::deviceAuthorization(const HttpRequest& request, RequestContext& context) const
{
    const OAuthProtocol::ClientRequest call =
        OAuthProtocol::readClientRequest(request, m_provider->clients, true, context);
    if (call.failure) {
        return *call.failure;
    }
    const OAuthProtocol::Parameters* params = &call.params;
    const RegisteredClient* client = call.client;
    if (!client->allowsGrant(QLatin1String(ClientRegistry::kDeviceCodeGrant))) {
        return OAuthProtocol::error(400, QStringLiteral("unauthorized_client"),
                                    QStringLiteral("%1 may not use the device grant").arg(client->id), context);
    }
    DeviceGrant grant;
    grant.clientId = client->id;
    grant.scopes = params->value(QStringLiteral("scope")).split(QLatin1Char(' '), Qt::SkipEmptyParts);
    grant.scopes.removeDuplicates();
    const QStringList supported = m_provider->supportedScopes();
    for (const QString& s : std::as_const(grant.scopes)) {
        if (!supported.contains(s)) {
            return OAuthProtocol::error(400, QStringLiteral("invalid_scope"), QStringLiteral("Unknown scope %1").arg(s),
                                        context);
        }
    }
    grant.expiresAt = m_provider->now() + m_provider->deviceLifetime;
    grant.interval = m_provider->deviceInterval;
    const QString deviceCode = m_provider->grants.addDeviceGrant(&grant);
    const QString userCode = grant.userCode;
    const QString verification = m_provider->url("/device");
    HttpResponse response =
        HttpResponse::json(200, QJsonObject{{QStringLiteral("device_code"), deviceCode},
                                            {QStringLiteral("user_code"), userCode},
                                            {QStringLiteral("verification_uri"), verification},
                                            {QStringLiteral("verification_uri_complete"),
                                             QString(verification + QStringLiteral("?user_code=") + userCode)},
                                            {QStringLiteral("expires_in"), m_provider->deviceLifetime},
                                            {QStringLiteral("interval"), m_provider->deviceInterval}});
    response.addHeader(QByteArrayLiteral("Cache-Control"), QByteArrayLiteral("no-store"));
    return response;
}

HttpResponse DeviceEndpoint::page(const QString& userCode, const QString& error, RequestContext& context) const
{
    LoginTransaction transaction;
    transaction.csrf = GrantStore::randomValue();
    transaction.expiresAt = m_provider->now() + m_provider->loginLifetime;
    const QString id = m_provider->grants.addTransaction(transaction);
    if (!error.isEmpty()) {
        context.errorCode = QStringLiteral("device_verification_failed");
        context.errorDescription = error;
    }
    HttpResponse response = OAuthProtocol::htmlPage(
        error.isEmpty() ? 200 : 400, QStringLiteral("Connect a device"),
        OAuthProtocol::loginForm(
            QStringLiteral("/device"),
            {{QStringLiteral("transaction"), id}, {QStringLiteral("csrf"), transaction.csrf}},
            QStringLiteral("Enter the code the device shows, then sign in (test users: %1).")
                .arg(OAuthProtocol::htmlEscape(m_provider->users.usernames().join(QStringLiteral(", ")))),
            error, true, userCode));
    response.addHeader(QByteArrayLiteral("Set-Cookie"), OAuthProtocol::csrfCookie(transaction.csrf));
    return response;
}

HttpResponse DeviceEndpoint::done(bool approved) const
{
    return OAuthProtocol::htmlPage(200, approved ? QStringLiteral("Device connected") : QStringLiteral("Device denied"),
                                   approved ? QStringLiteral("<p>You can return to your device.</p>")
                                            : QStringLiteral("<p>The device was not given access.</p>"));
}

HttpResponse DeviceEndpoint::verificationPage(const HttpRequest& request, RequestContext& context) const
{
    const auto params = OAuthProtocol::queryParameters(request);
    const QString userCode = params ? params->value(QStringLiteral("user_code")) : QString();
    const qint64 now = m_provider->now();
    if (!userCode.isEmpty() && !m_provider->autoApproveUser.isEmpty()) {
        if (m_provider->grants.decideDeviceGrant(userCode, true, m_provider->autoApproveUser, now)) {
            context.subject = m_provider->autoApproveUser;
            return done(true);
        }
        return page(userCode, QStringLiteral("Unknown or expired code."), context);
    }
    return page(userCode, {}, context);
}

HttpResponse DeviceEndpoint::submitVerification(const HttpRequest& request, RequestContext& context) const
{
    const auto form = OAuthProtocol::bodyParameters(request);
    const QString id = form ? form->value(QStringLiteral("transaction")) : QString();
    const qint64 now = m_provider->now();
    const auto transaction = m_provider->grants.transaction(id, now);
    if (!form || !transaction || transaction->authorization) {
        return page({}, QStringLiteral("This page has expired; enter the code again."), context);
    }
    if (!OAuthProtocol::csrfMatches(request, form.value(), transaction->csrf)) {
        context.errorCode = QStringLiteral("csrf");
        context.errorDescription = QStringLiteral("CSRF check failed");
        return OAuthProtocol::htmlPage(403, QStringLiteral("Request refused"),
                                       QStringLiteral("<p>The form did not come from this page (CSRF check).</p>"));
    }
    m_provider->grants.finishTransaction(id);
    const QString userCode = form->value(QStringLiteral("user_code"));
    if (!m_provider->grants.deviceGrantByUserCode(userCode, now)) {
        return page(userCode, QStringLiteral("Unknown or expired code."), context);
    }
    const bool approve = form->value(QStringLiteral("decision")) == QLatin1String("approve");
    QString username;
    if (approve) {
        const TestUser* user = m_provider->users.authenticate(form->value(QStringLiteral("username")),
                                                              form->value(QStringLiteral("password")));
        if (!user) {
            return page(userCode, QStringLiteral("Wrong username or password."), context);
        }
        username = user->username;
    }
    if (!m_provider->grants.decideDeviceGrant(userCode, approve, username, now)) {
        return page(userCode, QStringLiteral("This code was already used."), context);
    }
    context.subject = username;
    return done(approve);
}
