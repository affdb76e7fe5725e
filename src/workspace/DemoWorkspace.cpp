// SPDX-License-Identifier: MIT
#include "workspace/DemoWorkspace.h"

#include "storage/DataDirectory.h"

#include <QDir>
#include <QFile>

namespace {

const QString kScopedProfile = QStringLiteral("Local mock API");
const QString kWriteOnlyProfile = QStringLiteral("Local mock API (write:messages only)");

RequestItem get(const QString& name, const QString& path, const QString& description)
{
    RequestItem item;
    item.id = RequestItem::newId();
    item.name = name;
    item.description = description;
    item.request.method = QStringLiteral("GET");
    item.request.url = QStringLiteral("{{baseUrl}}") + path;
    item.request.syncQueryFromUrl();
    return item;
}

CollectionNode* addRequest(CollectionNode* parent, RequestItem item)
{
    return parent->insertChild(parent->childCount(), CollectionNode::makeRequest(std::move(item)));
}

AuthConfig profileAuth(const QString& profile)
{
    AuthConfig auth;
    auth.type = AuthConfig::Type::OAuth2;
    auth.profile = profile;
    return auth;
}

} // namespace

std::unique_ptr<CollectionNode> DemoWorkspace::collection()
{
    auto c = CollectionNode::makeCollection(collectionName());
    c->settings().description =
        QStringLiteral("The local mock API of Auth0's API quickstart. Start it with `tokenscope-cli serve` or the "
                       "Server tab; the protected requests fetch their token from its embedded issuer.");
    c->settings().auth = profileAuth(kScopedProfile);
    c->settings().headers = {{QStringLiteral("Accept"), QStringLiteral("application/json"), true}};

    CollectionNode* token = c->insertChild(c->childCount(), CollectionNode::makeFolder(QStringLiteral("Token")));
    RequestItem tokenRequest;
    tokenRequest.id = RequestItem::newId();
    tokenRequest.name = QStringLiteral("Get a token");
    tokenRequest.description = QStringLiteral("The client credentials grant (RFC 6749 §4.4) that the auth profile "
                                              "runs for the protected requests, by hand.");
    tokenRequest.request.method = QStringLiteral("POST");
    tokenRequest.request.url = QStringLiteral("{{tokenUrl}}");
    tokenRequest.request.bodyKind = HttpRequestSpec::BodyKind::FormUrlEncoded;
    tokenRequest.request.formRows = {{QStringLiteral("grant_type"), QStringLiteral("client_credentials"), true},
                                     {QStringLiteral("audience"), QStringLiteral("{{audience}}"), true},
                                     {QStringLiteral("scope"), QStringLiteral("read:messages"), true}};
    // RFC 6749 §2.3.1: the client authenticates with HTTP Basic (client_secret_basic).
    tokenRequest.auth.type = AuthConfig::Type::Basic;
    tokenRequest.auth.username = QStringLiteral("{{clientId}}");
    tokenRequest.auth.password = QStringLiteral("{{clientSecret}}");
    addRequest(token, tokenRequest);

    CollectionNode* open = c->insertChild(c->childCount(), CollectionNode::makeFolder(QStringLiteral("Public")));
    open->settings().auth.type = AuthConfig::Type::None;
    addRequest(open, get(QStringLiteral("Public message"), QStringLiteral("/api/public"),
                         QStringLiteral("No token needed: 200.")));
    addRequest(open, get(QStringLiteral("Ping"), QStringLiteral("/ping"), QStringLiteral("No token needed: 200.")));

    CollectionNode* secured = c->insertChild(c->childCount(), CollectionNode::makeFolder(QStringLiteral("Protected")));
    secured->settings().description =
        QStringLiteral("A bearer token (RFC 6750 §2.1) from the collection's auth profile, scope read:messages.");
    addRequest(secured, get(QStringLiteral("Private message"), QStringLiteral("/api/private"),
                            QStringLiteral("200 with a valid token.")));
    addRequest(secured, get(QStringLiteral("Scoped message"), QStringLiteral("/api/private-scoped"),
                            QStringLiteral("200 with the read:messages scope.")));
    addRequest(secured, get(QStringLiteral("Secured ping"), QStringLiteral("/secured/ping"),
                            QStringLiteral("200 with a valid token.")));
    addRequest(secured, get(QStringLiteral("Secured private ping"), QStringLiteral("/secured/private/ping"),
                            QStringLiteral("200 with the read:messages scope.")));

    CollectionNode* errors = c->insertChild(c->childCount(), CollectionNode::makeFolder(QStringLiteral("Errors")));
    RequestItem noToken = get(QStringLiteral("No token"), QStringLiteral("/api/private"),
                              QStringLiteral("The protected route without a token: 401 and WWW-Authenticate "
                                             "(RFC 6750 §3)."));
    noToken.auth.type = AuthConfig::Type::None;
    addRequest(errors, noToken);
    RequestItem wrongScope = get(QStringLiteral("Wrong scope"), QStringLiteral("/api/private-scoped"),
                                 QStringLiteral("A valid token without read:messages: 403 insufficient_scope "
                                                "(RFC 6750 §3.1)."));
    wrongScope.auth = profileAuth(kWriteOnlyProfile);
    addRequest(errors, wrongScope);
    return c;
}

DemoWorkspace::Options DemoWorkspace::optionsFromDataDirectory()
{
    Options options;
    // EmbeddedIssuer keeps its client secret beside its key (kSecretFileName).
    QFile secret(QDir(DataDirectory::issuerDirectory()).filePath(QStringLiteral("client-secret")));
    if (secret.open(QIODevice::ReadOnly))
        options.clientSecret = QString::fromUtf8(secret.read(4096).trimmed());
    return options;
}

Environment DemoWorkspace::environment(const Options& options)
{
    return Environment(environmentName(),
                       {{QStringLiteral("baseUrl"), options.baseUrl, false, true},
                        {QStringLiteral("tokenUrl"), QStringLiteral("{{baseUrl}}/oauth/token"), false, true},
                        {QStringLiteral("clientId"), options.clientId, false, true},
                        {QStringLiteral("clientSecret"), options.clientSecret, true, true},
                        {QStringLiteral("audience"), options.audience, false, true}});
}

QList<AuthProfile> DemoWorkspace::authProfiles()
{
    AuthProfile p;
    p.name = kScopedProfile;
    p.grant = AuthProfile::Grant::ClientCredentials;
    p.tokenUrl = QStringLiteral("{{tokenUrl}}");
    p.clientId = QStringLiteral("{{clientId}}");
    p.clientSecret = QStringLiteral("{{clientSecret}}");
    p.clientAuth = AuthProfile::ClientAuth::Basic;
    p.audience = QStringLiteral("{{audience}}");
    p.scope = QStringLiteral("read:messages");
    AuthProfile writeOnly = p;
    writeOnly.name = kWriteOnlyProfile;
    writeOnly.scope = QStringLiteral("write:messages");
    return {p, writeOnly};
}

CollectionNode* DemoWorkspace::addTo(Workspace& workspace, const Options& options)
{
    auto c = collection();
    c->setName(workspace.uniqueCollectionName(collectionName()));
    CollectionNode* raw = workspace.insertCollection(workspace.collectionCount(), std::move(c));
    if (!workspace.environment(environmentName()))
        workspace.environments.append(environment(options));
    if (workspace.activeEnvironment.isEmpty())
        workspace.activeEnvironment = environmentName();
    for (const AuthProfile& p : authProfiles()) {
        if (!workspace.authProfile(p.name))
            workspace.authProfiles.append(p);
    }
    return raw;
}
