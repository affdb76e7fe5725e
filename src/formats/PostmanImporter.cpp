// SPDX-License-Identifier: MIT
#include "formats/PostmanImporter.h"

#include "formats/ImportText.h"
#include "workspace/SecretLint.h"
#include "workspace/Workspace.h"
#include "workspace/WorkspaceStore.h"

#include <QJsonDocument>
#include <QSet>
#include <QThread>

#include <algorithm>
#include <array>
#include <atomic>
#include <cstring>
#include <functional>
#include <thread>
#include <vector>

#ifdef __SSE2__
#include <emmintrin.h>
#endif

namespace {

QString postmanText(const QJsonObject& o, const QString& key)
{
    return ImportText::scalarText(o.value(key));
}

/// Auth parameters in either shape: v2.1 `"bearer": [{"key": "token", "value": "..."}]`, v2.0 `"bearer": {"token"}`.
QHash<QString, QJsonValue> postmanAuthParams(const QJsonObject& auth, const QString& type)
{
    QHash<QString, QJsonValue> params;
    const QJsonValue v = auth.value(type);
    if (v.isArray()) {
        for (const auto& entry : v.toArray()) {
            const QJsonObject o = entry.toObject();
            const QString key = o.value(QStringLiteral("key")).toString();
            if (!key.isEmpty())
                params.insert(key, o.value(QStringLiteral("value")));
        }
    } else if (v.isObject()) {
        const QJsonObject o = v.toObject();
        for (auto it = o.begin(); it != o.end(); ++it)
            params.insert(it.key(), it.value());
    }
    return params;
}

QString postmanParam(const QHash<QString, QJsonValue>& params, std::initializer_list<const char*> keys)
{
    for (const char* key : keys) {
        const QString text = ImportText::scalarText(params.value(QString::fromLatin1(key)));
        if (!text.isEmpty())
            return text;
    }
    return {};
}

/// A row is switched off by "disabled": true (the schema) or "enabled": false (older exports and other tools'
/// Postman writers, Insomnia's fixtures among them).
bool postmanDisabled(const QJsonObject& o)
{
    return o.value(QStringLiteral("disabled")).toBool(false) || !o.value(QStringLiteral("enabled")).toBool(true);
}

/// The user-info part of a URL: what would end it ('@', ':' in the user, '/', '?', '#') percent-encoded, the rest
/// (also {{variables}}) as written.
QString postmanUserInfo(const QString& part, bool user)
{
    QString out;
    for (const QChar c : part) {
        if (c == QLatin1Char('@') || c == QLatin1Char('/') || c == QLatin1Char('?') || c == QLatin1Char('#') ||
            c == QLatin1Char('%') || (user && c == QLatin1Char(':')))
            out += QStringLiteral("%%1").arg(c.unicode(), 2, 16, QLatin1Char('0')).toUpper();
        else
            out += c;
    }
    return out;
}

QString quoted(const QString& text)
{
    return QLatin1Char('"') + text + QLatin1Char('"');
}

/// Rows (query parameters, headers, form fields) may carry a "description" in Postman; the request model's rows have
/// none, so a row's description is named on the request's report line instead of vanishing (issue 11).
void noteRowDescriptions(const QJsonValue& rows, const char* what, QStringList& notes)
{
    QStringList names;
    for (const auto& entry : rows.toArray()) {
        const QJsonObject o = entry.toObject();
        if (ImportText::description(o.value(QStringLiteral("description"))).trimmed().isEmpty())
            continue;
        QString name = postmanText(o, QStringLiteral("key"));
        if (name.isEmpty())
            name = postmanText(o, QStringLiteral("name"));
        names << quoted(name);
    }
    if (!names.isEmpty())
        notes << QStringLiteral("descriptions of %1 %2 not kept (rows have no description here)")
                     .arg(QLatin1String(what), names.join(QStringLiteral(", ")));
}
} // namespace

PostmanImporter::PostmanImporter(ImportResult& result)
    : m_result(result)
    , m_report(&result.report)
{
}

bool PostmanImporter::recognizes(const QJsonObject& root)
{
    // Without "info" the collection SDK (and so newman) takes "name" from the top level; such files circulate.
    return root.value(QStringLiteral("item")).isArray() &&
           (root.value(QStringLiteral("info")).isObject() || root.value(QStringLiteral("name")).isString());
}

Result<ImportResult> PostmanImporter::import(const QByteArray& data)
{
    auto doc = ImportText::parseJson(data);
    if (!doc)
        return doc.error();
    if (!doc->isObject())
        return Error(ErrorCode::JsonInvalid, QStringLiteral("a Postman collection is a JSON object"));
    return import(doc->object());
}

Result<ImportResult> PostmanImporter::import(const QJsonObject& root)
{
    // Collection format v1 (Postman before 2017): "requests" and "order" at the top level, no "info".
    if (!root.contains(QStringLiteral("info")) && root.value(QStringLiteral("requests")).isArray())
        return Error(ErrorCode::NotSupported,
                     QStringLiteral("Postman collection format v1 is not supported: export it again as v2.1"));
    if (!recognizes(root))
        return Error(ErrorCode::JsonInvalid,
                     QStringLiteral("not a Postman collection: it needs an \"item\" array and an \"info\" object "
                                    "(or a top-level \"name\")"));
    ImportResult result;
    PostmanImporter importer(result);
    importer.importCollection(root);
    if (ImportText::interrupted())
        return ImportText::cancelled();
    return result;
}

void PostmanImporter::itemEntry(const QString& kind, const QString& path, const QStringList& notes)
{
    if (notes.isEmpty())
        m_report->add(ImportReport::Outcome::Imported, kind, path);
    else
        m_report->add(ImportReport::Outcome::Converted, kind, path, notes.join(QStringLiteral("; ")));
}

void PostmanImporter::secret(const QString& kind, const QString& path, const QString& what, const QString& value)
{
    if (value.isEmpty() || WorkspaceStore::isOnlyReferences(value))
        return;
    m_report->add(ImportReport::Outcome::Secret, kind, path,
                  what + QStringLiteral(" goes to the keychain, not into the workspace files"));
}

void PostmanImporter::importCollection(const QJsonObject& root)
{
    auto collection = makeCollection(root);
    importItems(root.value(QStringLiteral("item")).toArray(), *collection, 1);
    m_result.collections.push_back(std::move(collection));
}

std::unique_ptr<CollectionNode> PostmanImporter::makeCollection(const QJsonObject& root)
{
    const bool hasInfo = root.value(QStringLiteral("info")).isObject();
    const QJsonObject info = hasInfo ? root.value(QStringLiteral("info")).toObject() : root;
    QStringList notes;
    if (!hasInfo)
        notes << QStringLiteral("no \"info\": name and description read from the top level");
    QString name = postmanText(info, QStringLiteral("name")).trimmed();
    if (name.isEmpty()) {
        name = QStringLiteral("Imported collection");
        notes << QStringLiteral("no info.name: named \"Imported collection\"");
    }
    const QString schema = info.value(QStringLiteral("schema")).toString();
    if (schema.isEmpty() && hasInfo)
        notes << QStringLiteral("no info.schema: read as v2.1 (v2.0 shapes accepted too)");
    else if (!schema.contains(QLatin1String("v2.0.0")) && !schema.contains(QLatin1String("v2.1.0")))
        notes << QStringLiteral("unknown info.schema %1: read as v2.1").arg(quoted(schema));

    auto collection = CollectionNode::makeCollection(name);
    const QString path = Workspace::joinPath({name});
    FolderSettings& s = collection->settings();
    s.description = ImportText::description(info.value(QStringLiteral("description")));
    s.variables = variables(root.value(QStringLiteral("variable")), path, notes);
    s.scripts = scripts(root.value(QStringLiteral("event")), path);
    s.auth = auth(root.value(QStringLiteral("auth")), path, notes);
    if (s.auth.type == AuthConfig::Type::Inherit)
        s.auth.type = AuthConfig::Type::None; // a collection has nothing to inherit from
    if (!root.value(QStringLiteral("protocolProfileBehavior")).toObject().isEmpty())
        m_report->add(ImportReport::Outcome::Dropped, QStringLiteral("setting"), path,
                      QStringLiteral("collection-level protocolProfileBehavior not kept (set per request instead)"));
    itemEntry(QStringLiteral("collection"), path, notes);
    return collection;
}

void PostmanImporter::importItems(const QJsonArray& items, CollectionNode& parent, int depth)
{
    for (const auto& entry : items) {
        if (ImportText::interrupted())
            return;
        if (!entry.isObject()) {
            m_report->add(ImportReport::Outcome::Dropped, QStringLiteral("item"), Workspace::joinPath(parent.path()),
                          QStringLiteral("an entry of \"item\" that is not an object"));
            continue;
        }
        const QJsonObject item = entry.toObject();
        if (item.value(QStringLiteral("item")).isArray())
            importFolder(item, parent, depth);
        else
            importRequest(item, parent);
    }
}

namespace {
/// Requests below a Postman item (for the line of a folder that is too deep to import).
int postmanRequestCount(const QJsonObject& item)
{
    if (!item.value(QStringLiteral("item")).isArray())
        return 1;
    int n = 0;
    for (const auto& child : item.value(QStringLiteral("item")).toArray()) {
        if (child.isObject())
            n += postmanRequestCount(child.toObject());
    }
    return n;
}
} // namespace

void PostmanImporter::importFolder(const QJsonObject& item, CollectionNode& parent, int depth)
{
    QStringList notes;
    if (CollectionNode* folder = addFolder(item, parent, depth, notes))
        fillFolder(item, *folder, notes, depth);
}

CollectionNode* PostmanImporter::addFolder(const QJsonObject& item, CollectionNode& parent, int depth,
                                           QStringList& notes)
{
    const QString name = childName(parent, item.value(QStringLiteral("name")), QStringLiteral("New Folder"), notes);
    if (depth >= kMaxDepth) {
        m_report->add(ImportReport::Outcome::Dropped, QStringLiteral("folder"),
                      Workspace::joinPath(parent.path() << name),
                      QStringLiteral("nested deeper than %1 folders; %2 requests below it not imported")
                          .arg(kMaxDepth)
                          .arg(postmanRequestCount(item)));
        return nullptr;
    }
    return parent.insertChild(parent.childCount(), CollectionNode::makeFolder(name));
}

void PostmanImporter::fillFolder(const QJsonObject& item, CollectionNode& folder, QStringList notes, int depth)
{
    const QString path = Workspace::joinPath(folder.path());
    FolderSettings& s = folder.settings();
    s.description = ImportText::description(item.value(QStringLiteral("description")));
    s.variables = variables(item.value(QStringLiteral("variable")), path, notes);
    s.scripts = scripts(item.value(QStringLiteral("event")), path);
    s.auth = auth(item.value(QStringLiteral("auth")), path, notes);
    if (!item.value(QStringLiteral("protocolProfileBehavior")).toObject().isEmpty())
        m_report->add(ImportReport::Outcome::Dropped, QStringLiteral("setting"), path,
                      QStringLiteral("folder-level protocolProfileBehavior not kept (set per request instead)"));
    itemEntry(QStringLiteral("folder"), path, notes);
    importItems(item.value(QStringLiteral("item")).toArray(), folder, depth + 1);
}

void PostmanImporter::importRequest(const QJsonObject& item, CollectionNode& parent)
{
    QStringList notes;
    const QString name =
        childName(parent, item.value(QStringLiteral("name")), QStringLiteral("Untitled request"), notes);
    const QString path = Workspace::joinPath(parent.path() << name);
    const QJsonValue requestValue = item.value(QStringLiteral("request"));
    if (!requestValue.isObject() && !requestValue.isString()) {
        m_report->add(ImportReport::Outcome::Dropped, QStringLiteral("request"), path,
                      QStringLiteral("the item has neither \"request\" nor \"item\""));
        return;
    }
    RequestItem r;
    r.id = RequestItem::newId();
    r.name = name;
    r.auth.type = AuthConfig::Type::Inherit;
    if (requestValue.isString()) {
        url(requestValue, r, notes); // a bare string is the URL of a GET
    } else {
        const QJsonObject request = requestValue.toObject();
        const QJsonValue method = request.value(QStringLiteral("method"));
        const QString written = method.isString() ? method.toString().trimmed() : QString();
        if (!method.isUndefined() && !method.isString())
            notes << QStringLiteral("\"method\" is not a string: GET");
        r.request.method = written.isEmpty() ? QStringLiteral("GET") : written;
        r.request.method = r.request.normalizedMethod();
        if (!written.isEmpty() && written != r.request.method)
            notes << QStringLiteral("method %1 sent as %2").arg(quoted(written), r.request.method);
        url(request.value(QStringLiteral("url")), r, notes);
        r.request.headers = headers(request.value(QStringLiteral("header")), notes);
        body(request.value(QStringLiteral("body")), r, path, notes);
        r.auth = auth(request.value(QStringLiteral("auth")), path, notes);
        r.description = ImportText::description(request.value(QStringLiteral("description")));
        for (const char* key : {"proxy", "certificate"}) {
            if (!request.value(QString::fromLatin1(key)).toObject().isEmpty())
                m_report->add(ImportReport::Outcome::Dropped, QStringLiteral("setting"), path,
                              QStringLiteral("request %1 settings not kept").arg(QString::fromLatin1(key)));
        }
        // Scripts belong to the item's "event" (the schema's request has none); one inside "request" (newman's
        // inherited-entities fixture has one) is named rather than run or lost.
        if (!request.value(QStringLiteral("event")).toArray().isEmpty())
            m_report->add(
                ImportReport::Outcome::Dropped, QStringLiteral("script"), path,
                QStringLiteral("\"event\" inside \"request\" not kept: scripts belong to the item's \"event\""));
    }
    if (r.description.isEmpty())
        r.description = ImportText::description(item.value(QStringLiteral("description")));
    if (r.request.url.trimmed().isEmpty())
        notes << QStringLiteral("no URL");
    // Path variables come after the request's own variable[] so that `:id` values are the request layer's too.
    QList<EnvironmentVariable> own = variables(item.value(QStringLiteral("variable")), path, notes);
    own.append(r.variables);
    r.variables = own;
    r.scripts = scripts(item.value(QStringLiteral("event")), path);
    behaviour(item.value(QStringLiteral("protocolProfileBehavior")), r, notes);
    parent.insertChild(parent.childCount(), CollectionNode::makeRequest(r));
    itemEntry(QStringLiteral("request"), path, notes);
    examples(item.value(QStringLiteral("response")), path);
}

QString PostmanImporter::childName(const CollectionNode& parent, const QJsonValue& nameValue, const QString& fallback,
                                   QStringList& notes)
{
    QString base = ImportText::scalarText(nameValue).trimmed();
    if (base.isEmpty()) {
        base = fallback;
        notes << QStringLiteral("no name: named %1").arg(quoted(fallback));
    }
    TakenNames& taken = m_taken[&parent];
    QString name = base;
    const QString folded = base.toCaseFolded();
    if (taken.names.contains(folded)) {
        int& n = taken.next[folded];
        n = std::max(n, 2);
        do {
            name = QStringLiteral("%1 %2").arg(base).arg(n++);
        } while (taken.names.contains(name.toCaseFolded()));
        notes << QStringLiteral("renamed from %1: a sibling has that name").arg(quoted(base));
    }
    taken.names.insert(name.toCaseFolded());
    return name;
}

QList<EnvironmentVariable> PostmanImporter::variables(const QJsonValue& value, const QString& path, QStringList& notes)
{
    QList<EnvironmentVariable> out;
    if (value.isUndefined() || value.isNull())
        return out;
    if (!value.isArray()) {
        m_report->add(ImportReport::Outcome::Dropped, QStringLiteral("variable"), path,
                      QStringLiteral("\"variable\" is not an array"));
        return out;
    }
    for (const auto& entry : value.toArray()) {
        const QJsonObject o = entry.toObject();
        QString name = postmanText(o, QStringLiteral("key"));
        if (name.isEmpty())
            name = postmanText(o, QStringLiteral("id")); // v2.0 variables may have only an id
        if (name.isEmpty()) {
            m_report->add(ImportReport::Outcome::Dropped, QStringLiteral("variable"), path,
                          QStringLiteral("a variable without \"key\" or \"id\""));
            continue;
        }
        EnvironmentVariable v;
        v.name = name;
        v.value = postmanText(o, QStringLiteral("value"));
        v.enabled = !postmanDisabled(o);
        const bool real = !v.value.isEmpty() && !WorkspaceStore::isOnlyReferences(v.value);
        if (o.value(QStringLiteral("type")).toString() == QLatin1String("secret")) {
            v.secret = true;
        } else if (real && SecretLint::isSecretName(name)) {
            v.secret = true;
            notes << QStringLiteral("variable %1 marked secret (its name holds credentials)").arg(quoted(name));
        }
        if (v.secret)
            secret(QStringLiteral("variable"), path, QStringLiteral("the value of variable %1").arg(quoted(name)),
                   v.value);
        out.append(v);
    }
    return out;
}

QList<ItemScript> PostmanImporter::scripts(const QJsonValue& events, const QString& path)
{
    QList<ItemScript> out;
    if (events.isUndefined() || events.isNull())
        return out;
    if (!events.isArray()) {
        m_report->add(ImportReport::Outcome::Dropped, QStringLiteral("script"), path,
                      QStringLiteral("\"event\" is not an array"));
        return out;
    }
    for (const auto& entry : events.toArray()) {
        const QJsonObject event = entry.toObject();
        const QJsonValue scriptValue = event.value(QStringLiteral("script"));
        const QJsonObject script = scriptValue.toObject();
        ItemScript s;
        s.event = postmanText(event, QStringLiteral("listen"));
        const QString language = postmanText(script, QStringLiteral("type"));
        if (!language.isEmpty())
            s.language = language;
        s.enabled = !postmanDisabled(event);
        const QJsonValue exec = script.value(QStringLiteral("exec"));
        if (exec.isArray()) {
            QStringList lines;
            for (const auto& line : exec.toArray())
                lines << ImportText::scalarText(line);
            s.source = lines.join(QLatin1Char('\n'));
        } else {
            s.source = ImportText::scalarText(exec);
        }
        const QString src = ImportText::scalarText(script.value(QStringLiteral("src")));
        if (s.source.trimmed().isEmpty()) {
            if (!src.isEmpty())
                m_report->add(ImportReport::Outcome::Dropped, QStringLiteral("script"), path,
                              QStringLiteral("%1 script loaded from %2 not kept (only inline scripts are)")
                                  .arg(s.event, quoted(src)));
            continue; // an empty script does nothing
        }
        out.append(s);
    }
    return out;
}

AuthConfig PostmanImporter::auth(const QJsonValue& value, const QString& path, QStringList& notes)
{
    AuthConfig a;
    a.type = AuthConfig::Type::Inherit; // absent or null: Postman's "inherit auth from parent"
    if (!value.isObject())
        return a;
    const QJsonObject o = value.toObject();
    const QString type = o.value(QStringLiteral("type")).toString();
    const QHash<QString, QJsonValue> params = postmanAuthParams(o, type);
    if (type.isEmpty() || type == QLatin1String("inherit"))
        return a;
    if (type == QLatin1String("noauth")) {
        a.type = AuthConfig::Type::None;
    } else if (type == QLatin1String("bearer")) {
        a.type = AuthConfig::Type::Bearer;
        a.token = postmanParam(params, {"token"});
        secret(QStringLiteral("auth"), path, QStringLiteral("the bearer token"), a.token);
    } else if (type == QLatin1String("basic")) {
        a.type = AuthConfig::Type::Basic;
        a.username = postmanParam(params, {"username"});
        a.password = postmanParam(params, {"password"});
        secret(QStringLiteral("auth"), path, QStringLiteral("the Basic auth password"), a.password);
    } else if (type == QLatin1String("apikey")) {
        a.type = AuthConfig::Type::ApiKey;
        a.apiKeyName = postmanParam(params, {"key"});
        a.apiKeyValue = postmanParam(params, {"value"});
        a.apiKeyInQuery = postmanParam(params, {"in"}) == QLatin1String("query");
        secret(QStringLiteral("auth"), path, QStringLiteral("the API key"), a.apiKeyValue);
    } else if (type == QLatin1String("jwt")) {
        // Postman's "JWT Bearer": a token signed on each send, as Tokenscope's jwt auth.
        a.type = AuthConfig::Type::Jwt;
        a.jwtAlgorithm = postmanParam(params, {"algorithm"});
        if (a.jwtAlgorithm.isEmpty())
            a.jwtAlgorithm = QStringLiteral("HS256");
        a.jwtKey = a.jwtAlgorithm.startsWith(QLatin1String("HS")) ? postmanParam(params, {"secret"})
                                                                  : postmanParam(params, {"privateKey"});
        a.jwtClaims = postmanParam(params, {"payload"});
        a.jwtHeader = postmanParam(params, {"header"});
        if (postmanParam(params, {"isSecretBase64Encoded"}) == QLatin1String("true"))
            notes << QStringLiteral("JWT secret is base64-encoded in Postman: kept as written, decode it");
        if (postmanParam(params, {"addTokenTo"}) == QLatin1String("queryParam"))
            notes << QStringLiteral("JWT sent in the Authorization header, not as a query parameter");
        const QString prefix = postmanParam(params, {"headerPrefix"});
        if (!prefix.isEmpty() && prefix != QLatin1String("Bearer"))
            notes << QStringLiteral("JWT header prefix %1 replaced by Bearer").arg(quoted(prefix));
        secret(QStringLiteral("auth"), path, QStringLiteral("the JWT signing key"), a.jwtKey);
    } else if (type == QLatin1String("oauth2")) {
        a = oauth2(params, path, notes);
    } else {
        // digest, hawk, awsv4, ntlm, oauth1, edgegrid, asap: no equivalent. None, not Inherit: inheriting would
        // send a parent's credentials where the collection's author chose others.
        a.type = AuthConfig::Type::None;
        m_report->add(
            ImportReport::Outcome::Dropped, QStringLiteral("auth"), path,
            QStringLiteral("%1 auth is not supported: set to no auth (its settings are not kept)").arg(quoted(type)));
    }
    return a;
}

AuthConfig PostmanImporter::oauth2(const QHash<QString, QJsonValue>& params, const QString& path, QStringList& notes)
{
    AuthConfig a;
    const QString tokenUrl = postmanParam(params, {"accessTokenUrl"});
    const QString authorizeUrl = postmanParam(params, {"authUrl"});
    const QString accessToken = postmanParam(params, {"accessToken"});
    if (tokenUrl.isEmpty() && authorizeUrl.isEmpty()) {
        if (accessToken.isEmpty()) {
            a.type = AuthConfig::Type::None;
            m_report->add(
                ImportReport::Outcome::Dropped, QStringLiteral("auth"), path,
                QStringLiteral("OAuth 2.0 auth without token URL, authorization URL or token: set to no auth"));
            return a;
        }
        a.type = AuthConfig::Type::Bearer;
        a.token = accessToken;
        notes << QStringLiteral("OAuth 2.0 auth without a token URL: its saved access token is sent as a bearer token");
        secret(QStringLiteral("auth"), path, QStringLiteral("the saved OAuth 2.0 access token"), a.token);
        return a;
    }
    AuthProfile p;
    QString base = postmanParam(params, {"tokenName"});
    if (base.isEmpty())
        base = path + QStringLiteral(" (OAuth 2.0)");
    QStringList taken;
    for (const AuthProfile& existing : std::as_const(m_result.authProfiles))
        taken << existing.name;
    p.name = CollectionNode::uniqueName(base, taken);
    p.tokenUrl = tokenUrl;
    p.authorizeUrl = authorizeUrl;
    p.clientId = postmanParam(params, {"clientId"});
    p.clientSecret = postmanParam(params, {"clientSecret"});
    p.scope = postmanParam(params, {"scope"});
    // Postman keeps the audience and resource per authorization server: {"<server id>": "value"} (its exports).
    auto perServer = [&](const char* key) {
        const QJsonValue v = params.value(QString::fromLatin1(key));
        if (!v.isObject())
            return postmanParam(params, {key});
        const QJsonObject servers = v.toObject();
        if (servers.size() > 1)
            notes << QStringLiteral("OAuth 2.0 %1 given for %2 authorization servers: the first kept")
                         .arg(QLatin1String(key))
                         .arg(servers.size());
        return servers.isEmpty() ? QString() : ImportText::scalarText(servers.begin().value());
    };
    p.audience = perServer("audience");
    p.resource = perServer("resource");
    p.username = postmanParam(params, {"username"});
    p.password = postmanParam(params, {"password"});
    const QString grant = postmanParam(params, {"grant_type", "grantType"});
    p.pkce = QStringLiteral("off");
    if (grant == QLatin1String("client_credentials")) {
        p.grant = AuthProfile::Grant::ClientCredentials;
    } else if (grant == QLatin1String("password_credentials") || grant == QLatin1String("password")) {
        p.grant = AuthProfile::Grant::Password;
    } else if (grant == QLatin1String("implicit")) {
        p.grant = AuthProfile::Grant::Implicit;
    } else if (grant == QLatin1String("authorization_code_with_pkce")) {
        p.grant = AuthProfile::Grant::AuthorizationCode;
        p.pkce = postmanParam(params, {"challengeAlgorithm"}) == QLatin1String("plain") ? QStringLiteral("plain")
                                                                                        : QStringLiteral("S256");
    } else {
        // Postman's default grant is authorization_code.
        p.grant = AuthProfile::Grant::AuthorizationCode;
        if (!grant.isEmpty() && grant != QLatin1String("authorization_code"))
            notes << QStringLiteral("unknown OAuth 2.0 grant %1: authorization code").arg(quoted(grant));
    }
    const QString clientAuth = postmanParam(params, {"client_authentication", "clientAuth"});
    p.clientAuth = clientAuth == QLatin1String("body") ? AuthProfile::ClientAuth::Post : AuthProfile::ClientAuth::Basic;
    if (p.clientSecret.isEmpty() && p.grant == AuthProfile::Grant::AuthorizationCode)
        p.clientAuth = AuthProfile::ClientAuth::None;
    static const QSet<QString> kept{QStringLiteral("accessTokenUrl"),
                                    QStringLiteral("authUrl"),
                                    QStringLiteral("accessToken"),
                                    QStringLiteral("tokenName"),
                                    QStringLiteral("clientId"),
                                    QStringLiteral("clientSecret"),
                                    QStringLiteral("scope"),
                                    QStringLiteral("audience"),
                                    QStringLiteral("resource"),
                                    QStringLiteral("username"),
                                    QStringLiteral("password"),
                                    QStringLiteral("grant_type"),
                                    QStringLiteral("grantType"),
                                    QStringLiteral("challengeAlgorithm"),
                                    QStringLiteral("client_authentication"),
                                    QStringLiteral("clientAuth"),
                                    QStringLiteral("addTokenTo"),
                                    QStringLiteral("tokenType"),
                                    QStringLiteral("headerPrefix"),
                                    QStringLiteral("useBrowser"),
                                    QStringLiteral("redirect_uri"),
                                    QStringLiteral("callBackUrl"),
                                    QStringLiteral("redirectUri")};
    QStringList notKept;
    for (auto it = params.begin(); it != params.end(); ++it) {
        if (!kept.contains(it.key()) && !ImportText::scalarText(it.value()).isEmpty())
            notKept << it.key();
    }
    notKept.sort();
    const QString redirect = postmanParam(params, {"redirect_uri", "redirectUri", "callBackUrl"});
    if (!redirect.isEmpty())
        notes << QStringLiteral("OAuth 2.0 redirect URI %1 not kept (Tokenscope listens on a loopback port)")
                     .arg(quoted(redirect));
    if (!notKept.isEmpty())
        notes << QStringLiteral("OAuth 2.0 settings not kept: %1").arg(notKept.join(QStringLiteral(", ")));
    if (postmanParam(params, {"addTokenTo"}) == QLatin1String("queryParams"))
        notes << QStringLiteral("OAuth 2.0 token sent in the Authorization header, not as a query parameter");
    if (!accessToken.isEmpty())
        notes << QStringLiteral("saved OAuth 2.0 access token not kept (the profile fetches a fresh one)");
    secret(QStringLiteral("auth"), path, QStringLiteral("the OAuth 2.0 client secret"), p.clientSecret);
    secret(QStringLiteral("auth"), path, QStringLiteral("the OAuth 2.0 password"), p.password);
    notes << QStringLiteral("OAuth 2.0 auth became the auth profile %1").arg(quoted(p.name));
    a.type = AuthConfig::Type::OAuth2;
    a.profile = p.name;
    m_result.authProfiles.append(p);
    return a;
}

void PostmanImporter::url(const QJsonValue& value, RequestItem& item, QStringList& notes)
{
    HttpRequestSpec& r = item.request;
    QJsonObject o;
    if (value.isString()) {
        r.url = value.toString();
    } else if (value.isObject()) {
        o = value.toObject();
        r.url = postmanText(o, QStringLiteral("raw"));
        if (r.url.isEmpty()) {
            // No raw: put the URL together from its parts (schema: protocol, host, port, path, query, hash).
            QString url;
            const QString protocol = postmanText(o, QStringLiteral("protocol"));
            if (!protocol.isEmpty())
                url += protocol + QStringLiteral("://");
            // url.auth: the schema's user info, in the URL as Postman sends it.
            const QJsonObject userInfo = o.value(QStringLiteral("auth")).toObject();
            const QString user = postmanText(userInfo, QStringLiteral("user"));
            const QString password = postmanText(userInfo, QStringLiteral("password"));
            if (!user.isEmpty() || !password.isEmpty())
                url += postmanUserInfo(user, true) +
                       (password.isEmpty() ? QString() : QLatin1Char(':') + postmanUserInfo(password, false)) +
                       QLatin1Char('@');
            const QJsonValue host = o.value(QStringLiteral("host"));
            if (host.isArray()) {
                QStringList parts;
                for (const auto& p : host.toArray())
                    parts << ImportText::scalarText(p);
                url += parts.join(QLatin1Char('.'));
            } else {
                url += ImportText::scalarText(host);
            }
            const QString port = postmanText(o, QStringLiteral("port"));
            if (!port.isEmpty())
                url += QLatin1Char(':') + port;
            const QJsonValue pathValue = o.value(QStringLiteral("path"));
            if (pathValue.isArray()) {
                for (const auto& segment : pathValue.toArray())
                    url += QLatin1Char('/') + (segment.isObject()
                                                   ? postmanText(segment.toObject(), QStringLiteral("value"))
                                                   : ImportText::scalarText(segment));
            } else if (pathValue.isString() && !pathValue.toString().isEmpty()) {
                url += (pathValue.toString().startsWith(QLatin1Char('/')) ? QString() : QStringLiteral("/")) +
                       pathValue.toString();
            }
            QStringList query;
            for (const auto& q : o.value(QStringLiteral("query")).toArray()) {
                const QJsonObject row = q.toObject();
                if (postmanDisabled(row))
                    continue;
                const QJsonValue v = row.value(QStringLiteral("value"));
                QString pair = postmanText(row, QStringLiteral("key"));
                if (!v.isNull() && !v.isUndefined())
                    pair += QLatin1Char('=') + ImportText::scalarText(v);
                query << pair;
            }
            if (!query.isEmpty())
                url += QLatin1Char('?') + query.join(QLatin1Char('&'));
            const QString hash = postmanText(o, QStringLiteral("hash"));
            if (!hash.isEmpty())
                url += QLatin1Char('#') + hash;
            r.url = url;
            if (!url.isEmpty())
                notes << QStringLiteral("URL put together from its parts (no \"raw\")");
        }
    } else if (!value.isUndefined() && !value.isNull()) {
        notes << QStringLiteral("\"url\" is neither a string nor an object");
    }
    r.syncQueryFromUrl();
    noteRowDescriptions(o.value(QStringLiteral("query")), "query parameters", notes);
    // Switched-off query parameters are only in url.query (raw has the enabled ones).
    for (const auto& q : o.value(QStringLiteral("query")).toArray()) {
        const QJsonObject row = q.toObject();
        if (postmanDisabled(row))
            r.queryRows.append(
                {postmanText(row, QStringLiteral("key")), postmanText(row, QStringLiteral("value")), false});
    }
    // Path variables: ":id" segments with values in url.variable[] (Postman substitutes them when sending).
    const QJsonArray pathVariables = o.value(QStringLiteral("variable")).toArray();
    QStringList replaced;
    for (const auto& entry : pathVariables) {
        const QJsonObject v = entry.toObject();
        QString key = postmanText(v, QStringLiteral("key"));
        if (key.isEmpty())
            key = postmanText(v, QStringLiteral("id"));
        if (key.isEmpty())
            continue;
        qsizetype end = [&] {
            const qsizetype q = r.url.indexOf(QLatin1Char('?'));
            const qsizetype h = r.url.indexOf(QLatin1Char('#'));
            if (q < 0)
                return h < 0 ? r.url.size() : h;
            return h < 0 ? q : std::min(q, h);
        }();
        // Whole path segments only: "/:id" followed by "/" or the end of the path, never "/:idx".
        const QString needle = QStringLiteral("/:") + key;
        bool found = false;
        for (qsizetype at = r.url.indexOf(needle); at >= 0 && at < end; at = r.url.indexOf(needle, at + 1)) {
            const qsizetype after = at + needle.size();
            if (after > end || (after < end && r.url.at(after) != QLatin1Char('/')))
                continue;
            const QString replacement = QStringLiteral("/{{") + key + QStringLiteral("}}");
            r.url.replace(at, needle.size(), replacement);
            end += replacement.size() - needle.size();
            found = true;
        }
        if (!found)
            continue;
        item.variables.append({key, postmanText(v, QStringLiteral("value")), false, true});
        replaced << QString(QLatin1Char(':') + key);
    }
    if (!replaced.isEmpty())
        notes << QStringLiteral("path variables %1 became {{variables}} of the request")
                     .arg(replaced.join(QStringLiteral(", ")));
}

QList<HttpRequestSpec::Row> PostmanImporter::headers(const QJsonValue& value, QStringList& notes)
{
    QList<HttpRequestSpec::Row> rows;
    if (value.isString()) {
        // Postman's bulk-edit text: "Name: value" lines; "//" switches a line off.
        for (QString line : value.toString().split(QLatin1Char('\n'))) {
            line = line.trimmed();
            if (line.isEmpty())
                continue;
            bool enabled = true;
            if (line.startsWith(QLatin1String("//"))) {
                enabled = false;
                line = line.mid(2).trimmed();
            }
            const qsizetype colon = line.indexOf(QLatin1Char(':'));
            rows.append({(colon < 0 ? line : line.left(colon)).trimmed(),
                         colon < 0 ? QString() : line.mid(colon + 1).trimmed(), enabled});
        }
        if (!rows.isEmpty())
            notes << QStringLiteral("headers read from text lines");
        return rows;
    }
    noteRowDescriptions(value, "headers", notes);
    for (const auto& entry : value.toArray()) {
        const QJsonObject o = entry.toObject();
        QString name = postmanText(o, QStringLiteral("key"));
        if (name.isEmpty())
            name = postmanText(o, QStringLiteral("name"));
        if (name.isEmpty() && postmanText(o, QStringLiteral("value")).isEmpty())
            continue; // an empty row of the editor
        rows.append({name, postmanText(o, QStringLiteral("value")), !postmanDisabled(o)});
    }
    return rows;
}

void PostmanImporter::body(const QJsonValue& value, RequestItem& item, const QString& path, QStringList& notes)
{
    HttpRequestSpec& r = item.request;
    const QJsonObject b = value.toObject();
    const QString mode = b.value(QStringLiteral("mode")).toString();
    if (b.isEmpty() || mode.isEmpty() || mode == QLatin1String("none"))
        return;
    if (b.value(QStringLiteral("disabled")).toBool(false)) {
        m_report->add(ImportReport::Outcome::Dropped, QStringLiteral("body"), path,
                      QStringLiteral("%1 body switched off in Postman (never sent) not kept").arg(mode));
        return;
    }
    // postman-collection's RequestBody.isEmpty(): "If the request body is set to a mode, but does not contain data,
    // then we should not be sending it". Exports keep such bodies (Wise's GETs carry `"formdata": []`); an empty
    // multipart or form body would be sent here, with its Content-Type. Nothing is lost: no body.
    if ((mode == QLatin1String("raw") && postmanText(b, QStringLiteral("raw")).isEmpty()) ||
        ((mode == QLatin1String("urlencoded") || mode == QLatin1String("formdata")) && b.value(mode).isArray() &&
         b.value(mode).toArray().isEmpty()))
        return;
    if (mode == QLatin1String("raw")) {
        r.bodyKind = HttpRequestSpec::BodyKind::Raw;
        r.rawBody = postmanText(b, QStringLiteral("raw"));
        const QString language = b.value(QStringLiteral("options"))
                                     .toObject()
                                     .value(QStringLiteral("raw"))
                                     .toObject()
                                     .value(QStringLiteral("language"))
                                     .toString();
        r.rawType = HttpRequestSpec::RawType::Text;
        if (language == QLatin1String("json")) {
            r.rawType = HttpRequestSpec::RawType::Json;
        } else if (language == QLatin1String("xml")) {
            r.rawType = HttpRequestSpec::RawType::Xml;
        } else if (language == QLatin1String("javascript") || language == QLatin1String("html")) {
            // Postman sends these languages with their own Content-Type; keep that with an explicit header.
            const QString type = language == QLatin1String("html") ? QStringLiteral("text/html")
                                                                   : QStringLiteral("application/javascript");
            if (!r.hasHeader(QStringLiteral("Content-Type"))) {
                r.headers.append({QStringLiteral("Content-Type"), type, true});
                notes << QStringLiteral("raw %1 body: Content-Type %2 header added").arg(language, type);
            }
        } else if (!language.isEmpty() && language != QLatin1String("text")) {
            notes << QStringLiteral("raw body language %1 treated as text").arg(quoted(language));
        }
    } else if (mode == QLatin1String("urlencoded")) {
        r.bodyKind = HttpRequestSpec::BodyKind::FormUrlEncoded;
        noteRowDescriptions(b.value(QStringLiteral("urlencoded")), "form fields", notes);
        for (const auto& entry : b.value(QStringLiteral("urlencoded")).toArray()) {
            const QJsonObject o = entry.toObject();
            r.formRows.append(
                {postmanText(o, QStringLiteral("key")), postmanText(o, QStringLiteral("value")), !postmanDisabled(o)});
        }
    } else if (mode == QLatin1String("formdata")) {
        r.bodyKind = HttpRequestSpec::BodyKind::Multipart;
        noteRowDescriptions(b.value(QStringLiteral("formdata")), "form fields", notes);
        for (const auto& entry : b.value(QStringLiteral("formdata")).toArray()) {
            const QJsonObject o = entry.toObject();
            HttpRequestSpec::MultipartPart part;
            part.name = postmanText(o, QStringLiteral("key"));
            part.enabled = !postmanDisabled(o);
            part.contentType = postmanText(o, QStringLiteral("contentType"));
            if (o.value(QStringLiteral("type")).toString() != QLatin1String("file")) {
                part.value = postmanText(o, QStringLiteral("value"));
                r.multipartParts.append(part);
                continue;
            }
            part.isFile = true;
            const QJsonValue src = o.value(QStringLiteral("src"));
            if (src.isArray() && src.toArray().size() > 1) {
                // Several files under one name: one part each (what Postman sends).
                for (const auto& file : src.toArray()) {
                    part.filePath = ImportText::scalarText(file);
                    r.multipartParts.append(part);
                }
                notes << QStringLiteral("form field %1 with %2 files: one part per file")
                             .arg(quoted(part.name))
                             .arg(src.toArray().size());
                continue;
            }
            part.filePath = src.isArray() ? ImportText::scalarText(src.toArray().first()) : ImportText::scalarText(src);
            if (part.filePath.isEmpty())
                notes << QStringLiteral("form field %1 has no file chosen").arg(quoted(part.name));
            r.multipartParts.append(part);
        }
    } else if (mode == QLatin1String("file")) {
        const QJsonObject file = b.value(QStringLiteral("file")).toObject();
        const QString src = postmanText(file, QStringLiteral("src"));
        const QString content = postmanText(file, QStringLiteral("content"));
        if (!src.isEmpty()) {
            r.bodyKind = HttpRequestSpec::BodyKind::BinaryFile;
            r.binaryFilePath = src;
        } else if (!content.isEmpty()) {
            r.bodyKind = HttpRequestSpec::BodyKind::Raw;
            r.rawType = HttpRequestSpec::RawType::Text;
            r.rawBody = content;
            notes << QStringLiteral("file body given as content: kept as a raw text body");
        } else {
            // Kept as a file body without a path it failed at every send; there is nothing to send.
            notes << QStringLiteral("file body has no file chosen: sent without a body");
        }
    } else if (mode == QLatin1String("graphql")) {
        // GraphQL over HTTP: a POST with {"query", "variables"} as JSON (what Postman sends).
        const QJsonObject g = b.value(QStringLiteral("graphql")).toObject();
        const QJsonValue varsValue = g.value(QStringLiteral("variables"));
        QString vars =
            varsValue.isObject() ? ImportText::scalarText(varsValue) : postmanText(g, QStringLiteral("variables"));
        QString text =
            QStringLiteral("{\"query\":") +
            QString::fromUtf8(
                QJsonDocument(QJsonArray{postmanText(g, QStringLiteral("query"))}).toJson(QJsonDocument::Compact))
                .chopped(1)
                .mid(1);
        if (!vars.trimmed().isEmpty()) {
            QJsonParseError error{};
            QJsonDocument::fromJson(vars.toUtf8(), &error);
            if (error.error != QJsonParseError::NoError) {
                notes << QStringLiteral("GraphQL variables are not JSON: sent as a string");
                vars =
                    QString::fromUtf8(QJsonDocument(QJsonArray{vars}).toJson(QJsonDocument::Compact)).chopped(1).mid(1);
            }
            text += QStringLiteral(",\"variables\":") + vars.trimmed();
        }
        text += QLatin1Char('}');
        r.bodyKind = HttpRequestSpec::BodyKind::Raw;
        r.rawType = HttpRequestSpec::RawType::Json;
        r.rawBody = text;
        notes << QStringLiteral("GraphQL body kept as a JSON body {\"query\", \"variables\"}");
    } else {
        m_report->add(ImportReport::Outcome::Dropped, QStringLiteral("body"), path,
                      QStringLiteral("body mode %1 is not supported: not kept").arg(quoted(mode)));
    }
}

void PostmanImporter::behaviour(const QJsonValue& value, RequestItem& item, QStringList& notes)
{
    const QJsonObject o = value.toObject();
    QStringList other;
    for (auto it = o.begin(); it != o.end(); ++it) {
        if (it.key() == QLatin1String("followRedirects") && it.value().isBool())
            item.request.followRedirects = it.value().toBool();
        else if (it.key() == QLatin1String("strictSSL") && it.value().isBool())
            item.request.verifyTls = it.value().toBool();
        else if (it.key() == QLatin1String("disableBodyPruning"))
            continue; // Tokenscope sends a body on GET too: what this setting asks for
        else if ((it.value().isBool() && !it.value().toBool()) || it.value().isNull() ||
                 (it.value().isObject() && it.value().toObject().isEmpty()) ||
                 (it.value().isArray() && it.value().toArray().isEmpty()))
            continue; // Postman's default (false, {}, []), e.g. the `"disabledSystemHeaders": {}` Graph's exports
                      // carry: nothing is lost
        else
            other << it.key();
    }
    if (!other.isEmpty())
        notes << QStringLiteral("protocolProfileBehavior not kept: %1").arg(other.join(QStringLiteral(", ")));
}

void PostmanImporter::examples(const QJsonValue& responses, const QString& path)
{
    for (const auto& entry : responses.toArray()) {
        const QJsonObject o = entry.toObject();
        QString what = postmanText(o, QStringLiteral("name"));
        const QString code = postmanText(o, QStringLiteral("code"));
        if (!code.isEmpty())
            what += (what.isEmpty() ? QString() : QStringLiteral(", ")) + QStringLiteral("status ") + code;
        m_report->add(ImportReport::Outcome::Dropped, QStringLiteral("example"), path,
                      QStringLiteral("saved example response %1 not kept (Tokenscope has no saved responses yet)")
                          .arg(quoted(what)));
    }
}

namespace {

/// Deeper than this, importSplit() leaves the file to the serial parse, whose nesting limit then applies to the whole
/// document (the parts alone would be less deep than the file).
constexpr int kMaxSplitDepth = 512;

/// Where the elements of the root object's "item" array are: a byte scan that follows only strings and brackets.
/// It validates nothing; the parses of the parts do (see importSplit()).
struct ItemSlices
{
    qsizetype open = -1;                                   // the '[' of "item"
    qsizetype close = -1;                                  // its ']'
    std::vector<std::pair<qsizetype, qsizetype>> elements; // [begin, end) of each element, separators excluded
};

std::optional<ItemSlices> findItemSlices(const QByteArray& text)
{
    ItemSlices found;
    const char* p = text.constData();
    const qsizetype n = text.size();
    qsizetype i = 0;
    while (i < n && (p[i] == ' ' || p[i] == '\t' || p[i] == '\n' || p[i] == '\r'))
        ++i;
    if (i == n || p[i] != '{')
        return std::nullopt;
    int depth = 0;
    bool expectKey = false;   // at depth 1: the next string is a member name
    bool valueOfItem = false; // at depth 1: after the member name "item", before the next ','
    bool inItems = false;     // between the '[' and ']' of "item"
    qsizetype elementStart = -1;
    // Only these bytes matter outside strings; the indentation between them is skipped in a tight loop.
    static constexpr auto kStructural = [] {
        std::array<bool, 256> table{};
        for (const unsigned char c : {'"', '{', '}', '[', ']', ','})
            table[c] = true;
        return table;
    }();
    for (; i < n; ++i) {
#ifdef __SSE2__
        // 16 bytes at a time while none of them matters (an indented export is mostly runs of spaces).
        while (i + 16 <= n) {
            const __m128i chunk = _mm_loadu_si128(reinterpret_cast<const __m128i*>(p + i));
            const __m128i hits = _mm_or_si128(
                _mm_or_si128(
                    _mm_or_si128(_mm_cmpeq_epi8(chunk, _mm_set1_epi8('"')), _mm_cmpeq_epi8(chunk, _mm_set1_epi8(','))),
                    _mm_or_si128(_mm_cmpeq_epi8(chunk, _mm_set1_epi8('{')), _mm_cmpeq_epi8(chunk, _mm_set1_epi8('}')))),
                _mm_or_si128(_mm_cmpeq_epi8(chunk, _mm_set1_epi8('[')), _mm_cmpeq_epi8(chunk, _mm_set1_epi8(']'))));
            const int mask = _mm_movemask_epi8(hits);
            if (mask != 0) {
                i += __builtin_ctz(unsigned(mask));
                break;
            }
            i += 16;
        }
#endif
        while (i < n && !kStructural[static_cast<unsigned char>(p[i])])
            ++i;
        if (i == n)
            break;
        switch (p[i]) {
        case '"': {
            // The closing quote is the first one after an even run of backslashes (memchr: most of the bytes of a
            // collection are inside strings).
            const qsizetype start = i + 1;
            for (qsizetype from = start;;) {
                const void* hit = std::memchr(p + from, '"', size_t(n - from));
                if (!hit)
                    return std::nullopt;
                i = static_cast<const char*>(hit) - p;
                qsizetype backslashes = 0;
                while (i - 1 - backslashes >= start && p[i - 1 - backslashes] == '\\')
                    ++backslashes;
                if (backslashes % 2 == 0)
                    break;
                from = i + 1;
            }
            if (depth == 1 && expectKey) {
                // "\u0069tem" is "item" too: leave such files to the serial parse
                if (std::memchr(p + start, '\\', size_t(i - start)))
                    return std::nullopt;
                valueOfItem = i - start == 4 && std::memcmp(p + start, "item", 4) == 0;
                if (valueOfItem && found.open >= 0) // written twice
                    return std::nullopt;
                expectKey = false;
            }
            break;
        }
        case '{':
        case '[':
            if (++depth > kMaxSplitDepth)
                return std::nullopt;
            if (depth == 1) {
                expectKey = true; // (a second root value makes the skeleton's parse fail)
            } else if (depth == 2 && p[i] == '[' && valueOfItem) {
                inItems = true;
                found.open = i;
                elementStart = i + 1;
            }
            break;
        case '}':
        case ']':
            if (depth == 2 && inItems) {
                found.elements.emplace_back(elementStart, i);
                found.close = i;
                inItems = false;
            }
            if (--depth < 0)
                return std::nullopt;
            break;
        case ',':
            if (depth == 2 && inItems) {
                found.elements.emplace_back(elementStart, i);
                elementStart = i + 1;
            } else if (depth == 1) {
                expectKey = true;
                valueOfItem = false;
            }
            break;
        default:
            break;
        }
    }
    if (found.open < 0 || found.close < 0)
        return std::nullopt;
    return found;
}

/// fn(0) … fn(count - 1) on up to `threads` threads (the caller's among them), each helper following the caller's
/// interruption.
void forEachOnThreads(size_t count, int threads, const std::function<void(size_t)>& fn)
{
    std::atomic<size_t> next{0};
    const QThread* caller = QThread::currentThread();
    auto work = [&] {
        for (size_t i = next++; i < count; i = next++)
            fn(i);
    };
    std::vector<std::thread> helpers;
    for (int t = 1; t < threads && size_t(t) < count; ++t) {
        helpers.emplace_back([&] {
            ImportText::followInterruptionOf(caller);
            work();
            ImportText::followInterruptionOf(nullptr);
        });
    }
    work();
    for (std::thread& helper : helpers)
        helper.join();
}

} // namespace

std::optional<Result<ImportResult>> PostmanImporter::importSplit(const QByteArray& data, int threads)
{
    // Why this is the same import: if the document with "item": [] parses, and each element's text parses on its own
    // as an object or array, then the whole text is JSON (an array of values separated by commas) and its parse is
    // made of exactly these parts, whatever the scan got wrong; if anything does not parse, the serial path decides.
    const QByteArray text = ImportText::withoutBom(data);
    const auto slices = findItemSlices(text);
    if (!slices || slices->elements.size() < 2)
        return std::nullopt;
    QJsonParseError error{};
    const QJsonDocument skeleton =
        QJsonDocument::fromJson(text.left(slices->open + 1) + text.mid(slices->close), &error);
    if (error.error != QJsonParseError::NoError || !skeleton.isObject())
        return std::nullopt;
    const QJsonObject root = skeleton.object();
    if ((!root.contains(QStringLiteral("info")) && root.value(QStringLiteral("requests")).isArray()) ||
        !recognizes(root))
        return std::nullopt;

    const size_t count = slices->elements.size();
    std::vector<QJsonValue> items(count);
    std::atomic<bool> unparsed{false};
    forEachOnThreads(count, threads, [&](size_t i) {
        if (unparsed || ImportText::interrupted())
            return;
        const auto [begin, end] = slices->elements[i];
        // Qt's parser skips a UTF-8 byte order mark at the start of a text, which inside the file's array is an
        // error (found by FuzzPostman): a part must start with its object or array, after JSON whitespace only.
        qsizetype first = begin;
        while (first < end && (text[first] == ' ' || text[first] == '\t' || text[first] == '\n' || text[first] == '\r'))
            ++first;
        if (first == end || (text[first] != '{' && text[first] != '[')) {
            unparsed = true;
            return;
        }
        QJsonParseError partError{};
        const QJsonDocument part =
            QJsonDocument::fromJson(QByteArray::fromRawData(text.constData() + begin, end - begin), &partError);
        if (partError.error != QJsonParseError::NoError)
            unparsed = true;
        else if (part.isObject())
            items[i] = part.object();
        else
            items[i] = part.array();
    });
    if (ImportText::interrupted())
        return Result<ImportResult>(ImportText::cancelled());
    if (unparsed)
        return std::nullopt;

    // In document order on this thread: the collection, the names of its items (each depends on the names before
    // it), its folders (empty) and its requests; each item's report lines go to a part of their own.
    ImportResult result;
    PostmanImporter importer(result);
    auto collection = importer.makeCollection(root);
    struct Part
    {
        ImportResult result;
        CollectionNode* folder = nullptr;
        QStringList notes;
    };
    std::vector<Part> parts(count);
    for (size_t i = 0; i < count; ++i) {
        if (ImportText::interrupted())
            return Result<ImportResult>(ImportText::cancelled());
        importer.m_report = &parts[i].result.report;
        if (!items[i].isObject()) {
            importer.m_report->add(ImportReport::Outcome::Dropped, QStringLiteral("item"),
                                   Workspace::joinPath(collection->path()),
                                   QStringLiteral("an entry of \"item\" that is not an object"));
            continue;
        }
        const QJsonObject item = items[i].toObject();
        if (item.value(QStringLiteral("item")).isArray())
            parts[i].folder = importer.addFolder(item, *collection, 1, parts[i].notes);
        else
            importer.importRequest(item, *collection);
    }
    importer.m_report = &result.report;
    // The folders' contents on every thread: each folder is a tree of its own (its names, its lines).
    forEachOnThreads(count, threads, [&](size_t i) {
        if (!parts[i].folder)
            return;
        PostmanImporter worker(parts[i].result);
        worker.fillFolder(items[i].toObject(), *parts[i].folder, parts[i].notes, 1);
        items[i] = QJsonValue(); // freed here, on this thread, not one after the other at the end
    });
    if (ImportText::interrupted())
        return Result<ImportResult>(ImportText::cancelled());
    for (Part& part : parts) {
        if (!part.result.authProfiles.isEmpty()) // named after the profiles before them in the whole file
            return std::nullopt;
        result.report.append(part.result.report);
    }
    result.collections.push_back(std::move(collection));
    return Result<ImportResult>(std::move(result));
}
