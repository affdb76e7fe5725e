// SPDX-License-Identifier: MIT
#include "server/ClientRegistry.h"

#include "core/JsonText.h"
#include "crypto/SecureBytes.h"

#include <QFile>
#include <QHostAddress>
#include <QJsonArray>
#include <QUrl>

namespace {

constexpr qint64 kMaxClientsFileBytes = 1024 * 1024;

QStringList loopbackRedirects()
{
    return {QStringLiteral("http://127.0.0.1/callback"), QStringLiteral("http://[::1]/callback"),
            QStringLiteral("http://localhost/callback")};
}

bool isLoopbackHost(const QString& host)
{
    if (host.compare(QLatin1String("localhost"), Qt::CaseInsensitive) == 0) {
        return true;
    }
    const QHostAddress address(host);
    return !address.isNull() && address.isLoopback();
}

QStringList strings(const QJsonValue& value)
{
    QStringList out;
    for (const QJsonValue& v : value.toArray()) {
        out.append(v.toString());
    }
    return out;
}

} // namespace

ClientRegistry ClientRegistry::defaults(const QString& demoClientId, const QByteArray& demoSecret)
{
    ClientRegistry registry;
    RegisteredClient demo;
    demo.id = demoClientId;
    demo.secret = demoSecret;
    demo.name = QStringLiteral("Tokenscope demo (confidential)");
    demo.redirectUris = loopbackRedirects();
    demo.grantTypes = {QStringLiteral("client_credentials"), QStringLiteral("authorization_code"),
                       QStringLiteral("refresh_token"), QLatin1String(kDeviceCodeGrant)};
    RegisteredClient pub;
    pub.id = QLatin1String(kPublicClientId);
    pub.name = QStringLiteral("Tokenscope public client (native app, PKCE)");
    pub.redirectUris = loopbackRedirects();
    // Implicit (RFC 6749 §4.2) only for this public test client: RFC 9700 §2.1.2 says clients should not use it,
    // and a test provider is where a client of a legacy server can be tried.
    pub.grantTypes = {QStringLiteral("authorization_code"), QStringLiteral("refresh_token"),
                      QLatin1String(kDeviceCodeGrant), QStringLiteral("implicit")};
    registry.m_clients = {demo, pub};
    return registry;
}

Result<void> ClientRegistry::loadFile(const QString& path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        return Error(ErrorCode::Io, QStringLiteral("Cannot read %1: %2").arg(path, file.errorString()));
    }
    const auto root = JsonText::parseObject(file.read(kMaxClientsFileBytes));
    if (!root) {
        return Error(ErrorCode::JsonInvalid, QStringLiteral("%1: %2").arg(path, root.error().message));
    }
    const QStringList knownGrants{QStringLiteral("authorization_code"), QStringLiteral("refresh_token"),
                                  QStringLiteral("client_credentials"), QLatin1String(kDeviceCodeGrant),
                                  QStringLiteral("implicit")};
    QList<RegisteredClient> loaded;
    for (const QJsonValue& value : root->value(QLatin1String("clients")).toArray()) {
        const QJsonObject o = value.toObject();
        RegisteredClient client;
        client.id = o.value(QLatin1String("client_id")).toString();
        if (client.id.isEmpty()) {
            return Error(ErrorCode::Usage, QStringLiteral("%1: a client without client_id").arg(path));
        }
        client.secret = o.value(QLatin1String("client_secret")).toString().toUtf8();
        client.name = o.value(QLatin1String("client_name")).toString(client.id);
        client.redirectUris = strings(o.value(QLatin1String("redirect_uris")));
        client.grantTypes = o.contains(QLatin1String("grant_types"))
                                ? strings(o.value(QLatin1String("grant_types")))
                                : QStringList{QStringLiteral("authorization_code"), QStringLiteral("refresh_token"),
                                              QLatin1String(kDeviceCodeGrant)};
        for (const QString& grant : std::as_const(client.grantTypes)) {
            if (!knownGrants.contains(grant)) {
                return Error(ErrorCode::Usage,
                             QStringLiteral("%1: client %2: unknown grant type %3").arg(path, client.id, grant));
            }
        }
        if (client.isPublic() && client.allowsGrant(QStringLiteral("client_credentials"))) {
            // RFC 6749 §4.4: "The client credentials grant type MUST only be used by confidential clients".
            return Error(ErrorCode::Usage,
                         QStringLiteral("%1: public client %2 cannot use client_credentials").arg(path, client.id));
        }
        for (const QString& uri : std::as_const(client.redirectUris)) {
            const QUrl url(uri, QUrl::StrictMode);
            if (!url.isValid() || url.isRelative() || url.hasFragment()) {
                return Error(ErrorCode::Usage, QStringLiteral("%1: client %2: redirect URI %3 must be absolute "
                                                              "without a fragment (RFC 6749 §3.1.2)")
                                                   .arg(path, client.id, uri));
            }
        }
        loaded.append(client);
    }
    for (const RegisteredClient& client : std::as_const(loaded)) {
        m_clients.removeIf([&](const RegisteredClient& c) { return c.id == client.id; });
        m_clients.append(client);
    }
    return Result<void>::success();
}

const RegisteredClient* ClientRegistry::find(const QString& id) const
{
    for (const RegisteredClient& client : m_clients) {
        if (client.id == id) {
            return &client;
        }
    }
    return nullptr;
}

bool ClientRegistry::checkSecret(const RegisteredClient& client, const QByteArray& secret)
{
    return !client.isPublic() && secureEquals(client.secret, secret);
}

bool ClientRegistry::redirectUriMatches(const QString& registered, const QString& requested)
{
    if (registered == requested) {
        return true;
    }
    const QUrl r(registered, QUrl::StrictMode);
    const QUrl q(requested, QUrl::StrictMode);
    if (!r.isValid() || !q.isValid() || r.scheme() != QLatin1String("http") || q.scheme() != r.scheme() ||
        !isLoopbackHost(r.host())) {
        return false;
    }
    // RFC 8252 §7.3: "The authorization server MUST allow any port to be specified at the time of the request for
    // loopback IP redirect URIs". Everything else still compares exactly.
    QUrl withPort = r;
    withPort.setPort(q.port());
    return withPort.toString(QUrl::FullyEncoded) == q.toString(QUrl::FullyEncoded) && q.host() == r.host();
}

bool ClientRegistry::redirectUriAllowed(const RegisteredClient& client, const QString& requested)
{
    for (const QString& registered : client.redirectUris) {
        if (redirectUriMatches(registered, requested)) {
            return true;
        }
    }
    return false;
}
