// SPDX-License-Identifier: MIT
#include "formats/OpenApiImporter.h"

#include "formats/ImportText.h"
#include "formats/YamlReader.h"
#include "workspace/Workspace.h"

#include <QJsonDocument>
#include <QRegularExpression>
#include <QUrl>

namespace {

const QStringList& openApiMethods()
{
    // OAS 3.1 §4.8.9 Path Item Object fixed fields (Swagger 2.0 has the same minus trace).
    static const QStringList methods{QStringLiteral("get"),    QStringLiteral("put"),     QStringLiteral("post"),
                                     QStringLiteral("delete"), QStringLiteral("options"), QStringLiteral("head"),
                                     QStringLiteral("patch"),  QStringLiteral("trace")};
    return methods;
}

QString openApiQuoted(const QString& text)
{
    return QLatin1Char('"') + text + QLatin1Char('"');
}

/// `{name}` path templates (OAS 3.1 §4.8.8.1) as `{{name}}` variables.
QString openApiTemplate(const QString& path)
{
    static const QRegularExpression param(QStringLiteral("\\{([^{}/]+)\\}"));
    QString out = path;
    out.replace(param, QStringLiteral("{{\\1}}"));
    return out;
}

/// Percent-encodes a query value as written in a URL, leaving `{{variable}}` braces as they are.
QString openApiQueryText(const QString& value)
{
    return QString::fromUtf8(QUrl::toPercentEncoding(value, "{}$"));
}

bool openApiIsJson(const QString& mediaType)
{
    const QString m = mediaType.section(QLatin1Char(';'), 0, 0).trimmed().toLower();
    return m == QLatin1String("application/json") || m.endsWith(QLatin1String("+json")) || m == QLatin1String("*/*");
}

QString openApiJsonText(const QJsonValue& value)
{
    if (value.isObject())
        return QString::fromUtf8(QJsonDocument(value.toObject()).toJson(QJsonDocument::Indented)).trimmed();
    if (value.isArray())
        return QString::fromUtf8(QJsonDocument(value.toArray()).toJson(QJsonDocument::Indented)).trimmed();
    if (value.isString())
        return QString::fromUtf8(QJsonDocument(QJsonArray{value}).toJson(QJsonDocument::Compact)).mid(1).chopped(1);
    return ImportText::scalarText(value);
}
} // namespace

OpenApiImporter::OpenApiImporter(const QJsonObject& root, ImportResult& result)
    : m_root(root)
    , m_swagger(root.contains(QStringLiteral("swagger")))
    , m_result(result)
    , m_report(result.report)
{
}

bool OpenApiImporter::recognizes(const QJsonObject& root)
{
    const bool hasBody =
        root.value(QStringLiteral("paths")).isObject() || root.value(QStringLiteral("info")).isObject();
    const QJsonValue openapi = root.value(QStringLiteral("openapi"));
    const QJsonValue swagger = root.value(QStringLiteral("swagger"));
    return hasBody && (openapi.isString() || openapi.isDouble() || swagger.isString() || swagger.isDouble());
}

Result<ImportResult> OpenApiImporter::import(const QByteArray& data)
{
    auto doc = YamlReader::parseJsonOrYaml(data);
    if (!doc)
        return doc.error();
    if (!doc->isObject())
        return Error(ErrorCode::JsonInvalid, QStringLiteral("an OpenAPI document is an object"));
    return import(doc->toObject());
}

Result<ImportResult> OpenApiImporter::import(const QJsonObject& root)
{
    if (!recognizes(root))
        return Error(ErrorCode::JsonInvalid,
                     QStringLiteral("not an OpenAPI or Swagger document: it needs "
                                    "\"openapi\": \"3.x\" or \"swagger\": \"2.0\" and \"paths\""));
    const QString version = ImportText::scalarText(
        root.value(root.contains(QStringLiteral("swagger")) ? QStringLiteral("swagger") : QStringLiteral("openapi")));
    const bool swagger = root.contains(QStringLiteral("swagger"));
    if ((swagger && !version.startsWith(QLatin1String("2"))) || (!swagger && !version.startsWith(QLatin1String("3"))))
        return Error(ErrorCode::NotSupported,
                     QStringLiteral("%1 %2 is not supported (Swagger 2.0 and OpenAPI 3.0/3.1 are)")
                         .arg(swagger ? QStringLiteral("Swagger") : QStringLiteral("OpenAPI"), version));
    ImportResult result;
    OpenApiImporter importer(root, result);
    importer.importDocument();
    if (ImportText::interrupted())
        return ImportText::cancelled();
    return result;
}

void OpenApiImporter::importDocument()
{
    const QJsonObject info = m_root.value(QStringLiteral("info")).toObject();
    QStringList notes;
    QString name = ImportText::scalarText(info.value(QStringLiteral("title"))).trimmed();
    if (name.isEmpty()) {
        name = QStringLiteral("OpenAPI");
        notes << QStringLiteral("no info.title: named \"OpenAPI\"");
    }
    auto collection = CollectionNode::makeCollection(name);
    m_collection = collection.get();
    const QString path = Workspace::joinPath({name});
    FolderSettings& s = collection->settings();
    s.description = ImportText::scalarText(info.value(QStringLiteral("description")));
    // The API's version, contact, licence, terms and external docs, extensions: no place in a collection.
    noteUnkept(m_root,
               {QLatin1String("openapi"), QLatin1String("swagger"), QLatin1String("info"), QLatin1String("servers"),
                QLatin1String("paths"), QLatin1String("components"), QLatin1String("security"), QLatin1String("tags"),
                QLatin1String("webhooks"), QLatin1String("host"), QLatin1String("basePath"), QLatin1String("schemes"),
                QLatin1String("consumes"), QLatin1String("definitions"), QLatin1String("securityDefinitions"),
                QLatin1String("parameters"), QLatin1String("responses"), QLatin1String("jsonSchemaDialect")},
               QString());
    noteUnkept(info, {QLatin1String("title"), QLatin1String("description")}, QStringLiteral("info"));
    // Components are read through $ref (responses are reported per operation).
    noteUnkept(m_root.value(QStringLiteral("components")).toObject(),
               {QLatin1String("schemas"), QLatin1String("parameters"), QLatin1String("requestBodies"),
                QLatin1String("examples"), QLatin1String("pathItems"), QLatin1String("responses"),
                QLatin1String("headers"), QLatin1String("links"), QLatin1String("callbacks"),
                QLatin1String("securitySchemes")},
               QStringLiteral("components"));
    importServers(s, notes);
    importSecuritySchemes();
    s.auth = securityAuth(m_root.value(QStringLiteral("security")), path, notes);
    if (s.auth.type == AuthConfig::Type::Inherit)
        s.auth.type = AuthConfig::Type::None;
    // The credentials the auth refers to, declared empty so that the user sees what to fill in (secret: a value set
    // later goes to the keychain).
    s.variables.append(m_authVariables);
    m_report.add(notes.isEmpty() ? ImportReport::Outcome::Imported : ImportReport::Outcome::Converted,
                 QStringLiteral("collection"), path, notes.join(QStringLiteral("; ")));
    // Tags declared at the top level give their folders a description and an order.
    for (const auto& tagValue : m_root.value(QStringLiteral("tags")).toArray()) {
        const QJsonObject tag = tagValue.toObject();
        noteUnkept(tag, {QLatin1String("name"), QLatin1String("description")}, QStringLiteral("tags"));
        const QString tagName = ImportText::scalarText(tag.value(QStringLiteral("name"))).trimmed();
        if (tagName.isEmpty() || m_folders.contains(tagName))
            continue;
        QStringList folderNotes;
        const QString folderName = childName(*m_collection, tagName, folderNotes);
        CollectionNode* folder =
            m_collection->insertChild(m_collection->childCount(), CollectionNode::makeFolder(folderName));
        folder->settings().description = ImportText::scalarText(tag.value(QStringLiteral("description")));
        m_folders.insert(tagName, folder);
        m_report.add(folderNotes.isEmpty() ? ImportReport::Outcome::Imported : ImportReport::Outcome::Converted,
                     QStringLiteral("folder"), Workspace::joinPath(folder->path()),
                     folderNotes.join(QStringLiteral("; ")));
    }

    const QJsonObject paths = m_root.value(QStringLiteral("paths")).toObject();
    for (auto it = paths.begin(); it != paths.end(); ++it) {
        if (ImportText::interrupted())
            break;
        QStringList pathNotes;
        QString ref;
        const QJsonObject item = resolve(it.value(), pathNotes, &ref).toObject();
        if (!pathNotes.isEmpty() && item.isEmpty()) {
            m_report.add(ImportReport::Outcome::Dropped, QStringLiteral("request"), path,
                         QStringLiteral("path %1: %2").arg(it.key(), pathNotes.join(QStringLiteral("; "))));
            continue;
        }
        const QJsonArray pathParameters = item.value(QStringLiteral("parameters")).toArray();
        for (const QString& method : openApiMethods()) {
            const QJsonValue op = item.value(method);
            if (op.isObject())
                importOperation(it.key(), method, op.toObject(), pathParameters, item.value(QStringLiteral("servers")));
        }
        for (auto key = item.begin(); key != item.end(); ++key) {
            if (key.key() == QLatin1String("summary") || key.key() == QLatin1String("description") ||
                key.key().startsWith(QLatin1String("x-"))) {
                if (!UnkeptMembers::holdsNothing(key.value()))
                    m_unkept.note(QStringLiteral("docs"), QStringLiteral("paths.") + key.key());
                continue;
            }
            static const QSet<QString> known{QStringLiteral("parameters"), QStringLiteral("servers"),
                                             QStringLiteral("summary"), QStringLiteral("description"),
                                             QStringLiteral("$ref")};
            if (!openApiMethods().contains(key.key()) && !known.contains(key.key()) &&
                !key.key().startsWith(QLatin1String("x-")))
                m_report.add(ImportReport::Outcome::Dropped, QStringLiteral("operation"), path,
                             QStringLiteral("path %1: %2 is not an HTTP method of OpenAPI")
                                 .arg(it.key(), openApiQuoted(key.key())));
        }
    }
    const QJsonObject webhooks = m_root.value(QStringLiteral("webhooks")).toObject();
    for (auto it = webhooks.begin(); it != webhooks.end(); ++it)
        m_report.add(ImportReport::Outcome::Dropped, QStringLiteral("webhook"), path,
                     QStringLiteral("webhook %1 not imported: it describes requests the API sends, not ones to it")
                         .arg(openApiQuoted(it.key())));
    m_unkept.report(m_report, QStringLiteral("docs"), path,
                    QStringLiteral("documentation and extensions not kept (a request collection has no place for "
                                   "them)"));
    m_result.collections.push_back(std::move(collection));
}

void OpenApiImporter::noteServers(const QJsonValue& servers)
{
    for (const auto& serverValue : servers.toArray()) {
        const QJsonObject server = serverValue.toObject();
        noteUnkept(server, {QLatin1String("url"), QLatin1String("variables")}, QStringLiteral("servers"));
        const QJsonObject vars = server.value(QStringLiteral("variables")).toObject();
        for (auto it = vars.begin(); it != vars.end(); ++it)
            noteUnkept(it.value().toObject(), {QLatin1String("default")}, QStringLiteral("servers.variables"));
    }
}

void OpenApiImporter::noteUnkept(const QJsonObject& object, std::initializer_list<QLatin1String> known,
                                 const QString& where)
{
    m_unkept.noteUnknown(object, known, where, QStringLiteral("docs"));
}

void OpenApiImporter::importServers(FolderSettings& settings, QStringList& notes)
{
    QString base;
    if (m_swagger) {
        // Swagger 2.0 §4.3 (host, basePath, schemes): the host serving the description when absent.
        const QString host = ImportText::scalarText(m_root.value(QStringLiteral("host"))).trimmed();
        QString basePath = ImportText::scalarText(m_root.value(QStringLiteral("basePath"))).trimmed();
        if (!basePath.isEmpty() && !basePath.startsWith(QLatin1Char('/')))
            basePath.prepend(QLatin1Char('/'));
        if (basePath == QLatin1String("/"))
            basePath.clear();
        QStringList schemes;
        for (const auto& v : m_root.value(QStringLiteral("schemes")).toArray())
            schemes << v.toString().toLower();
        QString scheme = schemes.contains(QStringLiteral("https")) ? QStringLiteral("https")
                         : schemes.isEmpty()                       ? QStringLiteral("https")
                                                                   : schemes.first();
        if (schemes.isEmpty())
            notes << QStringLiteral("no schemes: https assumed");
        if (host.isEmpty()) {
            base = scheme + QStringLiteral("://localhost") + basePath;
            notes << QStringLiteral("no host: baseUrl is %1, set it to the API's host").arg(openApiQuoted(base));
        } else {
            base = scheme + QStringLiteral("://") + host + basePath;
        }
    } else {
        const QJsonArray servers = m_root.value(QStringLiteral("servers")).toArray();
        if (servers.isEmpty()) {
            // OAS 3.1 §4.8.1: no servers means a server with url "/", relative to where the document was served.
            base = QStringLiteral("http://localhost");
            notes << QStringLiteral("no servers: baseUrl is \"http://localhost\", set it to the API's address");
        } else {
            noteServers(servers);
            const QJsonObject server = servers.first().toObject();
            base = ImportText::scalarText(server.value(QStringLiteral("url"))).trimmed();
            const QJsonObject vars = server.value(QStringLiteral("variables")).toObject();
            for (auto it = vars.begin(); it != vars.end(); ++it) {
                const QString value = ImportText::scalarText(it.value().toObject().value(QStringLiteral("default")));
                base.replace(QLatin1Char('{') + it.key() + QLatin1Char('}'), value);
            }
            if (!vars.isEmpty())
                notes << QStringLiteral("server variables set to their defaults in baseUrl");
            if (base.startsWith(QLatin1Char('/')) || base.isEmpty())
                notes << QStringLiteral("server URL %1 is relative: complete baseUrl").arg(openApiQuoted(base));
            QStringList others;
            for (qsizetype i = 1; i < servers.size(); ++i)
                others << ImportText::scalarText(servers.at(i).toObject().value(QStringLiteral("url")));
            if (!others.isEmpty())
                notes << QStringLiteral("other servers not used: %1").arg(others.join(QStringLiteral(", ")));
        }
    }
    if (base.endsWith(QLatin1Char('/')))
        base.chop(1);
    settings.variables.append(EnvironmentVariable{QStringLiteral("baseUrl"), base, false, true});
}

QString OpenApiImporter::authVariable(const QString& name, bool secret)
{
    const bool declared = std::any_of(m_authVariables.begin(), m_authVariables.end(),
                                      [&](const EnvironmentVariable& v) { return v.name == name; });
    if (!declared)
        m_authVariables.append(EnvironmentVariable{name, QString(), secret, true});
    return QStringLiteral("{{") + name + QStringLiteral("}}");
}

void OpenApiImporter::importSecuritySchemes()
{
    const QJsonObject schemes =
        m_swagger
            ? m_root.value(QStringLiteral("securityDefinitions")).toObject()
            : m_root.value(QStringLiteral("components")).toObject().value(QStringLiteral("securitySchemes")).toObject();
    const QString path = Workspace::joinPath({m_collection->name()});
    static const QRegularExpression variableName(QStringLiteral("^[A-Za-z_][A-Za-z0-9_.-]*$"));
    for (auto it = schemes.begin(); it != schemes.end(); ++it) {
        QStringList notes;
        const QJsonObject scheme = resolve(it.value(), notes).toObject();
        noteUnkept(scheme,
                   {QLatin1String("type"), QLatin1String("scheme"), QLatin1String("in"), QLatin1String("name"),
                    QLatin1String("flows"), QLatin1String("openIdConnectUrl"), QLatin1String("flow"),
                    QLatin1String("authorizationUrl"), QLatin1String("tokenUrl"), QLatin1String("scopes")},
                   QStringLiteral("securitySchemes"));
        const QString type = ImportText::scalarText(scheme.value(QStringLiteral("type")));
        const QString httpScheme = ImportText::scalarText(scheme.value(QStringLiteral("scheme"))).toLower();
        AuthConfig a;
        if ((type == QLatin1String("http") && httpScheme == QLatin1String("bearer"))) {
            a.type = AuthConfig::Type::Bearer;
            a.token = authVariable(QStringLiteral("bearerToken"), true);
        } else if ((type == QLatin1String("http") && httpScheme == QLatin1String("basic")) ||
                   type == QLatin1String("basic")) {
            a.type = AuthConfig::Type::Basic;
            a.username = authVariable(QStringLiteral("username"), false);
            a.password = authVariable(QStringLiteral("password"), true);
        } else if (type == QLatin1String("apiKey")) {
            const QString in = ImportText::scalarText(scheme.value(QStringLiteral("in")));
            if (in != QLatin1String("header") && in != QLatin1String("query")) {
                m_schemeDropped.insert(it.key(), QStringLiteral("API key in %1 has no equivalent (header and query do)")
                                                     .arg(in.isEmpty() ? QStringLiteral("an unknown place") : in));
                continue;
            }
            a.type = AuthConfig::Type::ApiKey;
            a.apiKeyName = ImportText::scalarText(scheme.value(QStringLiteral("name")));
            a.apiKeyInQuery = in == QLatin1String("query");
            a.apiKeyValue =
                authVariable(variableName.match(it.key()).hasMatch() ? it.key() : QStringLiteral("apiKey"), true);
        } else if (type == QLatin1String("oauth2") || type == QLatin1String("openIdConnect")) {
            oauthProfiles(it.key(), scheme);
            continue;
        } else {
            m_schemeDropped.insert(
                it.key(), QStringLiteral("security scheme type %1%2 has no equivalent")
                              .arg(openApiQuoted(type),
                                   httpScheme.isEmpty() ? QString() : QStringLiteral(" (scheme %1)").arg(httpScheme)));
            continue;
        }
        m_schemeAuth.insert(it.key(), a);
        m_report.add(notes.isEmpty() ? ImportReport::Outcome::Imported : ImportReport::Outcome::Converted,
                     QStringLiteral("security scheme"), path,
                     QStringLiteral("%1 as %2 auth").arg(openApiQuoted(it.key()), AuthConfig::typeName(a.type)) +
                         (notes.isEmpty() ? QString() : QStringLiteral("; ") + notes.join(QStringLiteral("; "))));
    }
}

void OpenApiImporter::oauthProfiles(const QString& scheme, const QJsonObject& definition)
{
    const QString path = Workspace::joinPath({m_collection->name()});
    QStringList taken;
    for (const AuthProfile& existing : std::as_const(m_result.authProfiles))
        taken << existing.name;
    struct Flow
    {
        QString name;
        AuthProfile::Grant grant;
        QJsonObject object;
    };
    QList<Flow> flows;
    if (ImportText::scalarText(definition.value(QStringLiteral("type"))) == QLatin1String("openIdConnect")) {
        // OAS 3.1 §4.8.27: openIdConnectUrl is the discovery document; the profile's issuer is its base.
        QString issuer = ImportText::scalarText(definition.value(QStringLiteral("openIdConnectUrl")));
        const QString wellKnown = QStringLiteral("/.well-known/openid-configuration");
        if (issuer.endsWith(wellKnown))
            issuer.chop(wellKnown.size());
        AuthProfile p;
        p.name = CollectionNode::uniqueName(scheme, taken);
        p.grant = AuthProfile::Grant::AuthorizationCode;
        p.issuer = issuer;
        p.clientId = authVariable(QStringLiteral("clientId"), false);
        p.clientAuth = AuthProfile::ClientAuth::None;
        p.scope = QStringLiteral("openid");
        m_result.authProfiles.append(p);
        AuthConfig a;
        a.type = AuthConfig::Type::OAuth2;
        a.profile = p.name;
        m_schemeAuth.insert(scheme, a);
        m_report.add(ImportReport::Outcome::Converted, QStringLiteral("auth profile"), p.name,
                     QStringLiteral("OpenID Connect scheme %1: authorization code with PKCE from issuer %2; set the "
                                    "client id")
                         .arg(openApiQuoted(scheme), openApiQuoted(issuer)));
        return;
    }
    const QJsonObject flowsObject = definition.value(QStringLiteral("flows")).toObject();
    if (m_swagger) {
        // Swagger 2.0 §4.3.3: one flow per scheme: implicit, password, application, accessCode.
        const QString flow = ImportText::scalarText(definition.value(QStringLiteral("flow")));
        const AuthProfile::Grant grant = flow == QLatin1String("implicit")      ? AuthProfile::Grant::Implicit
                                         : flow == QLatin1String("password")    ? AuthProfile::Grant::Password
                                         : flow == QLatin1String("application") ? AuthProfile::Grant::ClientCredentials
                                                                                : AuthProfile::Grant::AuthorizationCode;
        flows.append({flow, grant, definition});
    } else {
        static const QList<QPair<QString, AuthProfile::Grant>> kinds{
            {QStringLiteral("authorizationCode"), AuthProfile::Grant::AuthorizationCode},
            {QStringLiteral("clientCredentials"), AuthProfile::Grant::ClientCredentials},
            {QStringLiteral("password"), AuthProfile::Grant::Password},
            {QStringLiteral("implicit"), AuthProfile::Grant::Implicit},
            {QStringLiteral("deviceAuthorization"), AuthProfile::Grant::DeviceCode}};
        for (const auto& [kind, grant] : kinds) {
            if (flowsObject.value(kind).isObject())
                flows.append({kind, grant, flowsObject.value(kind).toObject()});
        }
    }
    if (flows.isEmpty()) {
        m_schemeDropped.insert(scheme, QStringLiteral("OAuth 2.0 scheme without flows"));
        return;
    }
    bool first = true;
    for (const Flow& flow : std::as_const(flows)) {
        AuthProfile p;
        p.name = CollectionNode::uniqueName(
            flows.size() == 1 ? scheme : scheme + QStringLiteral(" (") + flow.name + QLatin1Char(')'), taken);
        taken << p.name;
        p.grant = flow.grant;
        p.tokenUrl = ImportText::scalarText(flow.object.value(QStringLiteral("tokenUrl")));
        p.authorizeUrl = ImportText::scalarText(flow.object.value(QStringLiteral("authorizationUrl")));
        if (flow.grant == AuthProfile::Grant::DeviceCode)
            p.deviceAuthorizationUrl =
                ImportText::scalarText(flow.object.value(QStringLiteral("deviceAuthorizationUrl")));
        p.scope = flow.object.value(QStringLiteral("scopes")).toObject().keys().join(QLatin1Char(' '));
        p.clientId = authVariable(QStringLiteral("clientId"), false);
        if (flow.grant == AuthProfile::Grant::ClientCredentials || flow.grant == AuthProfile::Grant::Password) {
            p.clientSecret = authVariable(QStringLiteral("clientSecret"), true);
        } else {
            p.clientAuth = AuthProfile::ClientAuth::None;
        }
        if (flow.grant == AuthProfile::Grant::Password) {
            p.username = authVariable(QStringLiteral("username"), false);
            p.password = authVariable(QStringLiteral("password"), true);
        }
        if (flow.grant != AuthProfile::Grant::AuthorizationCode)
            p.pkce = QStringLiteral("off");
        QStringList notes{QStringLiteral("OAuth 2.0 scheme %1, %2 flow").arg(openApiQuoted(scheme), flow.name)};
        const QString refresh = ImportText::scalarText(flow.object.value(QStringLiteral("refreshUrl")));
        if (!refresh.isEmpty() && refresh != p.tokenUrl)
            notes << QStringLiteral("refreshUrl %1 not kept (the token URL refreshes)").arg(openApiQuoted(refresh));
        if (first) {
            AuthConfig a;
            a.type = AuthConfig::Type::OAuth2;
            a.profile = p.name;
            m_schemeAuth.insert(scheme, a);
            if (flows.size() > 1)
                notes << QStringLiteral("the auth of operations using %1 (the scheme's first flow)")
                             .arg(openApiQuoted(scheme));
        }
        first = false;
        m_result.authProfiles.append(p);
        m_report.add(ImportReport::Outcome::Imported, QStringLiteral("auth profile"), p.name,
                     notes.join(QStringLiteral("; ")));
    }
}

AuthConfig OpenApiImporter::securityAuth(const QJsonValue& requirements, const QString& path, QStringList& notes)
{
    AuthConfig a; // Inherit: no `security` here
    if (!requirements.isArray())
        return a;
    const QJsonArray list = requirements.toArray();
    a.type = AuthConfig::Type::None;
    if (list.isEmpty())
        return a; // OAS 3.1 §4.8.30: an empty array removes the top-level requirement
    // A list is alternatives (any one suffices); an object's schemes all apply together.
    const QJsonObject chosen = list.first().toObject();
    if (chosen.isEmpty()) {
        if (list.size() > 1)
            notes << QStringLiteral("security is optional: sent without auth");
        return a;
    }
    const QStringList names = chosen.keys();
    for (const QString& name : names) {
        if (m_schemeAuth.contains(name)) {
            a = m_schemeAuth.value(name);
            if (names.size() > 1)
                notes << QStringLiteral("security needs %1 together: only %2 applied")
                             .arg(names.join(QStringLiteral(" + ")), openApiQuoted(name));
            if (list.size() > 1)
                notes << QStringLiteral("%1 alternative security requirements: the first applied").arg(list.size());
            return a;
        }
    }
    for (const QString& name : names) {
        m_report.add(
            ImportReport::Outcome::Dropped, QStringLiteral("auth"), path,
            m_schemeDropped.contains(name)
                ? QStringLiteral("security scheme %1 not applied: %2; sent without auth")
                      .arg(openApiQuoted(name), m_schemeDropped.value(name))
                : QStringLiteral("security scheme %1 is not defined; sent without auth").arg(openApiQuoted(name)));
    }
    return a;
}

QString OpenApiImporter::childName(CollectionNode& parent, const QString& base, QStringList& notes)
{
    QSet<QString>& taken = m_taken[&parent];
    QString name = base;
    for (int n = 2; taken.contains(name.toCaseFolded()); ++n)
        name = QStringLiteral("%1 %2").arg(base).arg(n);
    if (name != base)
        notes << QStringLiteral("renamed from %1: a sibling has that name").arg(openApiQuoted(base));
    taken.insert(name.toCaseFolded());
    return name;
}

CollectionNode& OpenApiImporter::folderFor(const QJsonObject& operation, QStringList& notes)
{
    QStringList tags;
    for (const auto& t : operation.value(QStringLiteral("tags")).toArray()) {
        const QString tag = ImportText::scalarText(t).trimmed();
        if (!tag.isEmpty())
            tags << tag;
    }
    if (tags.isEmpty())
        return *m_collection;
    if (tags.size() > 1)
        notes << QStringLiteral("also tagged %1: kept in the folder of the first tag")
                     .arg(tags.mid(1).join(QStringLiteral(", ")));
    CollectionNode*& folder = m_folders[tags.first()];
    if (!folder) {
        QStringList folderNotes;
        const QString name = childName(*m_collection, tags.first(), folderNotes);
        folder = m_collection->insertChild(m_collection->childCount(), CollectionNode::makeFolder(name));
        m_report.add(folderNotes.isEmpty() ? ImportReport::Outcome::Imported : ImportReport::Outcome::Converted,
                     QStringLiteral("folder"), Workspace::joinPath(folder->path()),
                     folderNotes.join(QStringLiteral("; ")));
    }
    return *folder;
}

void OpenApiImporter::importOperation(const QString& apiPath, const QString& method, const QJsonObject& operation,
                                      const QJsonArray& pathParameters, const QJsonValue& pathServers)
{
    QStringList notes;
    CollectionNode& parent = folderFor(operation, notes);
    QString base = ImportText::scalarText(operation.value(QStringLiteral("summary"))).simplified();
    if (base.isEmpty())
        base = ImportText::scalarText(operation.value(QStringLiteral("operationId"))).simplified();
    if (base.isEmpty())
        base = method.toUpper() + QLatin1Char(' ') + apiPath;
    // Workspace paths separate names with '/', so a name made of the path cannot keep them.
    const QString cleaned = QString(base).replace(QLatin1Char('/'), QStringLiteral("∕"));
    const QString name = childName(parent, cleaned, notes);
    const QString itemPath = Workspace::joinPath(parent.path() << name);

    RequestItem item;
    item.id = RequestItem::newId();
    item.name = name;
    item.description = ImportText::scalarText(operation.value(QStringLiteral("description")));
    item.request.method = method.toUpper();
    item.auth = securityAuth(operation.value(QStringLiteral("security")), itemPath, notes);
    noteUnkept(operation,
               {QLatin1String("tags"), QLatin1String("summary"), QLatin1String("operationId"),
                QLatin1String("description"), QLatin1String("deprecated"), QLatin1String("security"),
                QLatin1String("servers"), QLatin1String("parameters"), QLatin1String("requestBody"),
                QLatin1String("responses"), QLatin1String("callbacks"), QLatin1String("consumes")},
               QStringLiteral("operation"));
    if (operation.value(QStringLiteral("deprecated")).toBool())
        notes << QStringLiteral("the operation is deprecated");

    QString baseUrl = QStringLiteral("{{baseUrl}}");
    const QJsonValue servers =
        operation.contains(QStringLiteral("servers")) ? operation.value(QStringLiteral("servers")) : pathServers;
    if (!m_swagger && servers.isArray() && !servers.toArray().isEmpty()) {
        noteServers(servers);
        const QJsonObject server = servers.toArray().first().toObject();
        QString url = ImportText::scalarText(server.value(QStringLiteral("url")));
        const QJsonObject vars = server.value(QStringLiteral("variables")).toObject();
        for (auto it = vars.begin(); it != vars.end(); ++it)
            url.replace(QLatin1Char('{') + it.key() + QLatin1Char('}'),
                        ImportText::scalarText(it.value().toObject().value(QStringLiteral("default"))));
        if (url.endsWith(QLatin1Char('/')))
            url.chop(1);
        if (!url.isEmpty()) {
            baseUrl = url;
            notes << QStringLiteral("uses its own server %1 instead of baseUrl").arg(openApiQuoted(url));
        }
    }
    QString url = baseUrl + openApiTemplate(apiPath);

    // OAS 3.1 §4.8.10.1: operation parameters override path-item ones with the same name and location.
    QJsonArray merged;
    QSet<QString> seen;
    for (const auto& p : operation.value(QStringLiteral("parameters")).toArray()) {
        const QJsonObject o = resolve(p, notes).toObject();
        seen.insert(ImportText::scalarText(o.value(QStringLiteral("in"))) + QLatin1Char(':') +
                    ImportText::scalarText(o.value(QStringLiteral("name"))));
        merged.append(o);
    }
    for (const auto& p : pathParameters) {
        const QJsonObject o = resolve(p, notes).toObject();
        if (!seen.contains(ImportText::scalarText(o.value(QStringLiteral("in"))) + QLatin1Char(':') +
                           ImportText::scalarText(o.value(QStringLiteral("name")))))
            merged.append(o);
    }
    parameters(merged, item, url, itemPath, notes);
    if (m_swagger)
        swaggerBody(merged, operation, item, notes);
    else if (operation.contains(QStringLiteral("requestBody")))
        requestBody(operation.value(QStringLiteral("requestBody")), item, notes);
    item.request.url = url;
    item.request.syncUrlFromQuery();

    parent.insertChild(parent.childCount(), CollectionNode::makeRequest(item));
    m_report.add(notes.isEmpty() ? ImportReport::Outcome::Imported : ImportReport::Outcome::Converted,
                 QStringLiteral("request"), itemPath, notes.join(QStringLiteral("; ")));
    for (const QString& part : {QStringLiteral("responses"), QStringLiteral("callbacks")}) {
        const QJsonObject o = operation.value(part).toObject();
        if (o.isEmpty())
            continue;
        m_report.add(ImportReport::Outcome::Dropped,
                     part == QLatin1String("responses") ? QStringLiteral("response") : QStringLiteral("callback"),
                     itemPath,
                     part == QLatin1String("responses")
                         ? QStringLiteral("%1 response definitions (%2) not kept: the model has no saved responses")
                               .arg(o.size())
                               .arg(o.keys().join(QStringLiteral(", ")))
                         : QStringLiteral("%1 callbacks (%2) not imported: they are requests the API sends")
                               .arg(o.size())
                               .arg(o.keys().join(QStringLiteral(", "))));
    }
}

void OpenApiImporter::parameters(const QJsonArray& merged, RequestItem& item, QString& url, const QString& itemPath,
                                 QStringList& notes)
{
    QStringList cookies;
    for (const auto& p : merged) {
        const QJsonObject param = p.toObject();
        // What a parameter's value is made of (Swagger 2: the parameter is its own schema); its description and
        // extensions are documentation.
        noteUnkept(param,
                   {QLatin1String("name"),
                    QLatin1String("in"),
                    QLatin1String("required"),
                    QLatin1String("schema"),
                    QLatin1String("example"),
                    QLatin1String("examples"),
                    QLatin1String("style"),
                    QLatin1String("explode"),
                    QLatin1String("collectionFormat"),
                    QLatin1String("x-example"),
                    QLatin1String("$ref"),
                    QLatin1String("type"),
                    QLatin1String("format"),
                    QLatin1String("items"),
                    QLatin1String("enum"),
                    QLatin1String("default"),
                    QLatin1String("minimum"),
                    QLatin1String("maximum"),
                    QLatin1String("exclusiveMinimum"),
                    QLatin1String("exclusiveMaximum"),
                    QLatin1String("minLength"),
                    QLatin1String("maxLength"),
                    QLatin1String("pattern"),
                    QLatin1String("minItems"),
                    QLatin1String("maxItems"),
                    QLatin1String("uniqueItems"),
                    QLatin1String("multipleOf")},
                   QStringLiteral("parameters"));
        const QString in = ImportText::scalarText(param.value(QStringLiteral("in")));
        const QString name = ImportText::scalarText(param.value(QStringLiteral("name")));
        if (name.isEmpty()) {
            if (!param.isEmpty())
                m_report.add(ImportReport::Outcome::Dropped, QStringLiteral("parameter"), itemPath,
                             QStringLiteral("a parameter without a name"));
            continue;
        }
        if (in == QLatin1String("body") || in == QLatin1String("formData"))
            continue; // Swagger 2.0 bodies: swaggerBody()
        const QJsonValue example = parameterValue(param, notes);
        QString value = example.isUndefined() ? QString() : ImportText::scalarText(example);
        // An array value is serialised as the parameter's style says, not as JSON text (Twilio's specs: AddOns=
        // ["nomorobo_spamscore"] was sent as %5B%22...): OAS 3.1 §4.8.12.4 style "form" (the query default) with
        // explode (its default) repeats the pair per item, the other styles join the items; Swagger 2.0's
        // collectionFormat csv (the default), ssv, tsv, pipes join them and multi repeats the pair.
        QStringList items;
        bool repeated = false;
        if (example.isArray()) {
            for (const auto& v : example.toArray())
                items << ImportText::scalarText(v);
            QString style;
            if (m_swagger) {
                style = param.value(QStringLiteral("collectionFormat")).toString(QStringLiteral("csv"));
                repeated = style == QLatin1String("multi");
            } else {
                style = param.value(QStringLiteral("style"))
                            .toString(in == QLatin1String("query") || in == QLatin1String("cookie")
                                          ? QStringLiteral("form")
                                          : QStringLiteral("simple"));
                repeated = style == QLatin1String("form") && param.value(QStringLiteral("explode")).toBool(true);
            }
            repeated = repeated && in == QLatin1String("query") && !items.isEmpty();
            const QString separator =
                style == QLatin1String("ssv") || style == QLatin1String("spaceDelimited")    ? QStringLiteral(" ")
                : style == QLatin1String("tsv")                                              ? QStringLiteral("\t")
                : style == QLatin1String("pipes") || style == QLatin1String("pipeDelimited") ? QStringLiteral("|")
                                                                                             : QStringLiteral(",");
            value = items.join(separator);
        }
        const bool required = param.value(QStringLiteral("required")).toBool() || in == QLatin1String("path");
        const bool enabled = required || !example.isUndefined();
        if (in == QLatin1String("path")) {
            if (!url.contains(QStringLiteral("{{") + name + QStringLiteral("}}")))
                notes << QStringLiteral("path parameter %1 is not in the path").arg(openApiQuoted(name));
            item.variables.append(EnvironmentVariable{name, value, false, true});
        } else if (in == QLatin1String("query")) {
            if (repeated) {
                for (const QString& one : std::as_const(items))
                    item.request.queryRows.append({name, openApiQueryText(one), enabled});
            } else {
                item.request.queryRows.append({name, openApiQueryText(value), enabled});
            }
        } else if (in == QLatin1String("header")) {
            // OAS 3.1 §4.8.12.1: Accept, Content-Type and Authorization header parameters are ignored.
            static const QStringList ignored{QStringLiteral("accept"), QStringLiteral("content-type"),
                                             QStringLiteral("authorization")};
            if (ignored.contains(name.toLower())) {
                notes << QStringLiteral("header parameter %1 ignored (OpenAPI sets it from the content and the "
                                        "security)")
                             .arg(openApiQuoted(name));
                continue;
            }
            item.request.headers.append({name, value, enabled});
        } else if (in == QLatin1String("cookie")) {
            cookies << name + QLatin1Char('=') + value;
        } else {
            m_report.add(
                ImportReport::Outcome::Dropped, QStringLiteral("parameter"), itemPath,
                QStringLiteral("parameter %1 in %2: unknown location").arg(openApiQuoted(name), openApiQuoted(in)));
        }
    }
    if (!cookies.isEmpty()) {
        item.request.headers.append({QStringLiteral("Cookie"), cookies.join(QStringLiteral("; ")), true});
        notes << QStringLiteral("cookie parameters sent as a Cookie header");
    }
}

QJsonValue OpenApiImporter::parameterValue(const QJsonObject& parameter, QStringList& notes)
{
    // A row has one value: the alternatives OAS 3 lists in `examples` beyond the one used are named.
    const bool ownExample =
        parameter.contains(QStringLiteral("example")) || parameter.contains(QStringLiteral("x-example"));
    if (parameter.value(QStringLiteral("examples")).toObject().size() > (ownExample ? 0 : 1))
        m_unkept.note(QStringLiteral("docs"), QStringLiteral("parameters.examples other than the one used"));
    if (parameter.contains(QStringLiteral("example")))
        return parameter.value(QStringLiteral("example"));
    if (parameter.contains(QStringLiteral("x-example")))
        return parameter.value(QStringLiteral("x-example"));
    const QJsonObject examples = parameter.value(QStringLiteral("examples")).toObject();
    if (!examples.isEmpty()) {
        const QJsonObject first = resolve(examples.begin().value(), notes).toObject();
        if (first.contains(QStringLiteral("value")))
            return first.value(QStringLiteral("value"));
    }
    // Swagger 2.0 keeps type/default/enum on the parameter; OAS 3 in its schema.
    QJsonObject schema = m_swagger && !parameter.contains(QStringLiteral("schema"))
                             ? parameter
                             : resolve(parameter.value(QStringLiteral("schema")), notes).toObject();
    for (const char* key : {"example", "default", "const"}) {
        if (schema.contains(QString::fromLatin1(key)))
            return schema.value(QString::fromLatin1(key));
    }
    const QJsonArray values = schema.value(QStringLiteral("enum")).toArray();
    if (!values.isEmpty())
        return values.first();
    const QJsonObject items = resolve(schema.value(QStringLiteral("items")), notes).toObject();
    const QJsonArray itemValues = items.value(QStringLiteral("enum")).toArray();
    if (!itemValues.isEmpty())
        return itemValues.first();
    if (items.contains(QStringLiteral("default")))
        return items.value(QStringLiteral("default"));
    return QJsonValue(QJsonValue::Undefined);
}

void OpenApiImporter::requestBody(const QJsonValue& bodyValue, RequestItem& item, QStringList& notes)
{
    const QJsonObject body = resolve(bodyValue, notes).toObject();
    noteUnkept(body, {QLatin1String("content"), QLatin1String("required"), QLatin1String("$ref")},
               QStringLiteral("requestBody"));
    const QJsonObject content = body.value(QStringLiteral("content")).toObject();
    if (content.isEmpty())
        return;
    QString chosen;
    for (auto it = content.begin(); it != content.end() && chosen.isEmpty(); ++it) {
        if (openApiIsJson(it.key()))
            chosen = it.key();
    }
    for (const char* preferred : {"application/x-www-form-urlencoded", "multipart/form-data"}) {
        if (chosen.isEmpty() && content.contains(QString::fromLatin1(preferred)))
            chosen = QString::fromLatin1(preferred);
    }
    if (chosen.isEmpty())
        chosen = content.begin().key();
    if (content.size() > 1) {
        QStringList others = content.keys();
        others.removeAll(chosen);
        notes << QStringLiteral("body as %1; also accepts %2").arg(chosen, others.join(QStringLiteral(", ")));
    }
    const QJsonObject media = resolve(content.value(chosen), notes).toObject();
    noteUnkept(media, {QLatin1String("schema"), QLatin1String("example"), QLatin1String("examples")},
               QStringLiteral("requestBody.content"));
    QJsonValue example = QJsonValue::Undefined;
    // A request has one body: the alternatives in `examples` beyond the one used are named.
    if (media.value(QStringLiteral("examples")).toObject().size() > (media.contains(QStringLiteral("example")) ? 0 : 1))
        m_unkept.note(QStringLiteral("docs"), QStringLiteral("requestBody.content.examples other than the one used"));
    if (media.contains(QStringLiteral("example"))) {
        example = media.value(QStringLiteral("example"));
    } else if (!media.value(QStringLiteral("examples")).toObject().isEmpty()) {
        const QJsonObject examples = media.value(QStringLiteral("examples")).toObject();
        const QJsonObject first = resolve(examples.begin().value(), notes).toObject();
        if (first.contains(QStringLiteral("value")))
            example = first.value(QStringLiteral("value"));
        else if (first.contains(QStringLiteral("externalValue")))
            notes << QStringLiteral("example %1 is in an external file %2: not fetched")
                         .arg(openApiQuoted(examples.begin().key()),
                              openApiQuoted(ImportText::scalarText(first.value(QStringLiteral("externalValue")))));
    }
    QStringList stack;
    const QJsonValue schema = media.value(QStringLiteral("schema"));
    const QString lower = chosen.toLower();
    if (lower.startsWith(QLatin1String("application/x-www-form-urlencoded")) ||
        lower.startsWith(QLatin1String("multipart/"))) {
        const QJsonValue shape = example.isObject() ? example : schemaExample(schema, 0, stack, notes);
        const QJsonObject fields = shape.toObject();
        const QJsonObject properties =
            resolve(resolve(schema, notes).toObject().value(QStringLiteral("properties")), notes).toObject();
        const bool multipart = lower.startsWith(QLatin1String("multipart/"));
        item.request.bodyKind =
            multipart ? HttpRequestSpec::BodyKind::Multipart : HttpRequestSpec::BodyKind::FormUrlEncoded;
        for (auto it = fields.begin(); it != fields.end(); ++it) {
            const QJsonObject prop = resolve(properties.value(it.key()), notes).toObject();
            const QString format = ImportText::scalarText(prop.value(QStringLiteral("format")));
            if (multipart) {
                HttpRequestSpec::MultipartPart part;
                part.name = it.key();
                part.isFile = format == QLatin1String("binary") || format == QLatin1String("base64") ||
                              prop.contains(QStringLiteral("contentMediaType"));
                if (!part.isFile)
                    part.value = ImportText::scalarText(it.value());
                item.request.multipartParts.append(part);
            } else {
                item.request.formRows.append({it.key(), ImportText::scalarText(it.value()), true});
            }
        }
        if (multipart && item.request.multipartParts.isEmpty())
            item.request.bodyKind = HttpRequestSpec::BodyKind::None;
        if (!multipart)
            item.request.headers.append({QStringLiteral("Content-Type"), chosen, true});
        return;
    }
    item.request.bodyKind = HttpRequestSpec::BodyKind::Raw;
    item.request.headers.append({QStringLiteral("Content-Type"), chosen, true});
    if (openApiIsJson(chosen)) {
        item.request.rawType = HttpRequestSpec::RawType::Json;
        if (example.isUndefined())
            example = schemaExample(schema, 0, stack, notes);
        item.request.rawBody = example.isUndefined() ? QString() : openApiJsonText(example);
        return;
    }
    item.request.rawType =
        lower.contains(QLatin1String("xml")) ? HttpRequestSpec::RawType::Xml : HttpRequestSpec::RawType::Text;
    if (example.isString()) {
        item.request.rawBody = example.toString();
    } else if (!example.isUndefined() && item.request.rawType == HttpRequestSpec::RawType::Text) {
        item.request.rawBody = openApiJsonText(example);
    } else {
        notes << QStringLiteral("no example body for %1 (only JSON examples are made from the schema)").arg(chosen);
    }
}

void OpenApiImporter::swaggerBody(const QJsonArray& merged, const QJsonObject& operation, RequestItem& item,
                                  QStringList& notes)
{
    QStringList consumes;
    for (const auto& v : operation.value(QStringLiteral("consumes")).toArray())
        consumes << v.toString();
    if (consumes.isEmpty()) {
        for (const auto& v : m_root.value(QStringLiteral("consumes")).toArray())
            consumes << v.toString();
    }
    QJsonObject formProperties;
    bool hasFile = false;
    for (const auto& p : merged) {
        const QJsonObject param = p.toObject();
        const QString in = ImportText::scalarText(param.value(QStringLiteral("in")));
        if (in == QLatin1String("body")) {
            QString type = consumes.isEmpty() ? QStringLiteral("application/json") : consumes.first();
            for (const QString& c : std::as_const(consumes)) {
                if (openApiIsJson(c)) {
                    type = c;
                    break;
                }
            }
            QJsonObject media{{QStringLiteral("schema"), param.value(QStringLiteral("schema"))}};
            if (!param.value(QStringLiteral("schema")).toObject().contains(QStringLiteral("example")) &&
                param.contains(QStringLiteral("x-example")))
                media.insert(QStringLiteral("example"), param.value(QStringLiteral("x-example")));
            requestBody(QJsonObject{{QStringLiteral("content"), QJsonObject{{type, media}}}}, item, notes);
            return;
        }
        if (in == QLatin1String("formData")) {
            QJsonObject prop = param;
            if (param.contains(QStringLiteral("x-example")))
                prop.insert(QStringLiteral("example"), param.value(QStringLiteral("x-example")));
            if (ImportText::scalarText(param.value(QStringLiteral("type"))) == QLatin1String("file")) {
                prop.insert(QStringLiteral("format"), QStringLiteral("binary"));
                prop.insert(QStringLiteral("type"), QStringLiteral("string"));
                hasFile = true;
            }
            formProperties.insert(ImportText::scalarText(param.value(QStringLiteral("name"))), prop);
        }
    }
    if (formProperties.isEmpty())
        return;
    const QString type = hasFile || consumes.contains(QStringLiteral("multipart/form-data"))
                             ? QStringLiteral("multipart/form-data")
                             : QStringLiteral("application/x-www-form-urlencoded");
    const QJsonObject schema{{QStringLiteral("type"), QStringLiteral("object")},
                             {QStringLiteral("properties"), formProperties}};
    requestBody(
        QJsonObject{{QStringLiteral("content"), QJsonObject{{type, QJsonObject{{QStringLiteral("schema"), schema}}}}}},
        item, notes);
}

void OpenApiImporter::externalRef(const QString& ref, QStringList& notes)
{
    const QString note =
        QStringLiteral("external $ref %1 not followed (only references inside the file are)").arg(openApiQuoted(ref));
    if (!notes.contains(note))
        notes << note;
}

QJsonValue OpenApiImporter::pointer(const QString& ref) const
{
    // RFC 6901 JSON Pointer in a URI fragment (RFC 6901 §6): percent-decoded, then ~1 → '/', ~0 → '~'.
    const QString fragment = QUrl::fromPercentEncoding(ref.mid(1).toUtf8());
    if (fragment.isEmpty())
        return m_root;
    if (!fragment.startsWith(QLatin1Char('/')))
        return QJsonValue::Undefined;
    QJsonValue current = m_root;
    const QStringList tokens = fragment.mid(1).split(QLatin1Char('/'));
    for (QString token : tokens) {
        token.replace(QStringLiteral("~1"), QStringLiteral("/")).replace(QStringLiteral("~0"), QStringLiteral("~"));
        if (current.isObject()) {
            current = current.toObject().value(token);
        } else if (current.isArray()) {
            bool ok = false;
            const int index = token.toInt(&ok);
            current = ok ? current.toArray().at(index) : QJsonValue(QJsonValue::Undefined);
        } else {
            return QJsonValue::Undefined;
        }
        if (current.isUndefined())
            return current;
    }
    return current;
}

QJsonValue OpenApiImporter::resolve(const QJsonValue& value, QStringList& notes, QString* refName)
{
    QJsonValue current = value;
    for (int hop = 0; hop < kMaxRefHops; ++hop) {
        const QJsonValue refValue = current.toObject().value(QStringLiteral("$ref"));
        if (!refValue.isString())
            return current;
        const QString ref = refValue.toString();
        if (!ref.startsWith(QLatin1Char('#'))) {
            externalRef(ref, notes);
            return QJsonObject();
        }
        if (refName)
            *refName = ref;
        const QJsonValue target = pointer(ref);
        if (target.isUndefined()) {
            const QString note = QStringLiteral("$ref %1 points to nothing").arg(openApiQuoted(ref));
            if (!notes.contains(note))
                notes << note;
            return QJsonObject();
        }
        current = target;
    }
    notes << QStringLiteral("a $ref chain longer than %1 links (or a loop) not followed").arg(kMaxRefHops);
    return QJsonObject();
}

QJsonValue OpenApiImporter::schemaExample(const QJsonValue& schemaValue, int depth, QStringList& stack,
                                          QStringList& notes)
{
    if (depth > kMaxSchemaDepth)
        return QJsonValue::Undefined;
    QString ref;
    const QJsonValue direct = schemaValue.toObject().value(QStringLiteral("$ref"));
    if (direct.isString()) {
        ref = direct.toString();
        if (stack.contains(ref)) {
            // A recursive schema (a tree node holding nodes): the example stops where it repeats.
            const QString note = QStringLiteral("recursive schema %1 cut where it repeats").arg(openApiQuoted(ref));
            if (!notes.contains(note))
                notes << note;
            return QJsonValue::Undefined;
        }
    }
    const QJsonObject schema = resolve(schemaValue, notes).toObject();
    if (schema.isEmpty())
        return QJsonValue::Undefined;
    if (!ref.isEmpty())
        stack.append(ref);
    auto done = [&](const QJsonValue& v) {
        if (!ref.isEmpty())
            stack.removeLast();
        return v;
    };
    for (const char* key : {"example", "const", "default"}) {
        if (schema.contains(QString::fromLatin1(key)))
            return done(schema.value(QString::fromLatin1(key)));
    }
    const QJsonValue examples = schema.value(QStringLiteral("examples")); // OAS 3.1 (JSON Schema 2020-12): an array
    if (examples.isArray() && !examples.toArray().isEmpty())
        return done(examples.toArray().first());
    const QJsonArray values = schema.value(QStringLiteral("enum")).toArray();
    if (!values.isEmpty())
        return done(values.first());
    const QJsonArray allOf = schema.value(QStringLiteral("allOf")).toArray();
    if (!allOf.isEmpty()) {
        QJsonObject mergedObject;
        QJsonValue last = QJsonValue::Undefined;
        for (const auto& part : allOf) {
            const QJsonValue v = schemaExample(part, depth + 1, stack, notes);
            if (v.isObject()) {
                const QJsonObject o = v.toObject();
                for (auto it = o.begin(); it != o.end(); ++it)
                    mergedObject.insert(it.key(), it.value());
            } else if (!v.isUndefined()) {
                last = v;
            }
        }
        return done(mergedObject.isEmpty() && !last.isUndefined() ? last : QJsonValue(mergedObject));
    }
    for (const char* key : {"oneOf", "anyOf"}) {
        const QJsonArray choices = schema.value(QString::fromLatin1(key)).toArray();
        if (!choices.isEmpty())
            return done(schemaExample(choices.first(), depth + 1, stack, notes));
    }
    QString type;
    const QJsonValue typeValue = schema.value(QStringLiteral("type"));
    if (typeValue.isArray()) { // OAS 3.1: ["string", "null"]
        for (const auto& t : typeValue.toArray()) {
            if (t.toString() != QLatin1String("null")) {
                type = t.toString();
                break;
            }
        }
    } else {
        type = typeValue.toString();
    }
    if (type.isEmpty())
        type = schema.contains(QStringLiteral("properties")) ? QStringLiteral("object")
               : schema.contains(QStringLiteral("items"))    ? QStringLiteral("array")
                                                             : QString();
    if (type == QLatin1String("object")) {
        QJsonObject out;
        const QJsonObject properties = schema.value(QStringLiteral("properties")).toObject();
        for (auto it = properties.begin(); it != properties.end(); ++it) {
            const QJsonObject prop = resolve(it.value(), notes).toObject();
            if (prop.value(QStringLiteral("readOnly")).toBool())
                continue; // OAS 3.1 §4.8.24.3: readOnly properties are not sent in requests
            const QJsonValue v = schemaExample(it.value(), depth + 1, stack, notes);
            if (!v.isUndefined())
                out.insert(it.key(), v);
        }
        return done(out);
    }
    if (type == QLatin1String("array")) {
        const QJsonValue item = schemaExample(schema.value(QStringLiteral("items")), depth + 1, stack, notes);
        return done(item.isUndefined() ? QJsonArray() : QJsonArray{item});
    }
    if (type == QLatin1String("integer") || type == QLatin1String("number")) {
        const QJsonValue minimum = schema.value(QStringLiteral("minimum"));
        return done(minimum.isDouble() ? minimum : QJsonValue(0));
    }
    if (type == QLatin1String("boolean"))
        return done(true);
    if (type == QLatin1String("null"))
        return done(QJsonValue::Null);
    if (type == QLatin1String("string")) {
        const QString format = schema.value(QStringLiteral("format")).toString();
        static const QHash<QString, QString> byFormat{
            {QStringLiteral("date-time"), QStringLiteral("2024-01-01T00:00:00Z")},
            {QStringLiteral("date"), QStringLiteral("2024-01-01")},
            {QStringLiteral("time"), QStringLiteral("00:00:00Z")},
            {QStringLiteral("email"), QStringLiteral("user@example.com")},
            {QStringLiteral("uuid"), QStringLiteral("00000000-0000-0000-0000-000000000000")},
            {QStringLiteral("uri"), QStringLiteral("https://example.com/")},
            {QStringLiteral("url"), QStringLiteral("https://example.com/")},
            {QStringLiteral("hostname"), QStringLiteral("example.com")},
            {QStringLiteral("ipv4"), QStringLiteral("192.0.2.1")},
            {QStringLiteral("ipv6"), QStringLiteral("2001:db8::1")},
            {QStringLiteral("byte"), QStringLiteral("")},
            {QStringLiteral("password"), QStringLiteral("")}};
        return done(byFormat.contains(format) ? byFormat.value(format) : QStringLiteral("string"));
    }
    return done(QJsonValue::Undefined);
}
