// SPDX-License-Identifier: MIT
#include "formats/HttpEnvironmentImporter.h"

#include "formats/ImportText.h"
#include "workspace/SecretLint.h"
#include "workspace/Workspace.h"
#include "workspace/WorkspaceStore.h"

#include <QJsonObject>

#include <QDir>
#include <QFileInfo>

#include <algorithm>

namespace {

QString httpEnvQuoted(const QString& text)
{
    return QLatin1Char('"') + text + QLatin1Char('"');
}

/// JetBrains HTTP Client `Security.Auth.<id>` (https://www.jetbrains.com/help/idea/oauth-2-0-authorization.html):
/// one auth profile per OAuth 2.0 entry; other types are dropped with a line. In the private file an entry without
/// "Type" is the secret part (client secret, password) of the public file's entry of that id, merged into it by
/// mergePrivate(): read as OAuth 2.0.
void securityAuth(const QJsonValue& security, const QString& environment, ImportResult& result, bool isPrivate)
{
    using Outcome = ImportReport::Outcome;
    ImportReport& report = result.report;
    const QJsonObject auth = security.toObject().value(QStringLiteral("Auth")).toObject();
    if (auth.isEmpty()) {
        report.add(Outcome::Dropped, QStringLiteral("auth"), environment,
                   QStringLiteral("\"Security\" without \"Auth\" entries: nothing imported"));
        return;
    }
    for (auto it = auth.begin(); it != auth.end(); ++it) {
        const QJsonObject o = it.value().toObject();
        const QString type = ImportText::scalarText(o.value(QStringLiteral("Type")));
        const bool privatePart = isPrivate && !o.contains(QStringLiteral("Type"));
        if (!privatePart && type.compare(QLatin1String("OAuth2"), Qt::CaseInsensitive) != 0) {
            report.add(Outcome::Dropped, QStringLiteral("auth"), environment,
                       QStringLiteral("Security.Auth %1 of type %2 has no equivalent")
                           .arg(httpEnvQuoted(it.key()), httpEnvQuoted(type)));
            continue;
        }
        auto text = [&](const char* key) { return ImportText::scalarText(o.value(QString::fromLatin1(key))); };
        AuthProfile p;
        p.name = it.key();
        const QString grant = text("Grant Type").toLower();
        p.grant = grant == QLatin1String("client credentials")     ? AuthProfile::Grant::ClientCredentials
                  : grant == QLatin1String("password")             ? AuthProfile::Grant::Password
                  : grant == QLatin1String("implicit")             ? AuthProfile::Grant::Implicit
                  : grant == QLatin1String("device authorization") ? AuthProfile::Grant::DeviceCode
                                                                   : AuthProfile::Grant::AuthorizationCode;
        QStringList notes;
        if (!grant.isEmpty() && grant != QLatin1String("authorization code") &&
            p.grant == AuthProfile::Grant::AuthorizationCode)
            notes << QStringLiteral("unknown grant %1: authorization code").arg(httpEnvQuoted(text("Grant Type")));
        p.authorizeUrl = text("Auth URL");
        p.tokenUrl = text("Token URL");
        p.deviceAuthorizationUrl = text("Device Auth URL");
        p.clientId = text("Client ID");
        p.clientSecret = text("Client Secret");
        p.scope = text("Scope");
        p.username = text("Username");
        p.password = text("Password");
        const QJsonValue pkce = o.value(QStringLiteral("PKCE"));
        if (pkce.isObject()) {
            p.pkce = ImportText::scalarText(pkce.toObject().value(QStringLiteral("Code Challenge Method")))
                                 .compare(QLatin1String("Plain"), Qt::CaseInsensitive) == 0
                         ? QStringLiteral("plain")
                         : QStringLiteral("S256");
        } else {
            p.pkce = pkce.toBool() ? QStringLiteral("S256") : QStringLiteral("off");
        }
        const QString clientAuth = text("Client Credentials").toLower();
        p.clientAuth = clientAuth == QLatin1String("in body") ? AuthProfile::ClientAuth::Post
                       : clientAuth == QLatin1String("none")  ? AuthProfile::ClientAuth::None
                                                              : AuthProfile::ClientAuth::Basic;
        const QJsonObject custom = o.value(QStringLiteral("Custom Request Parameters")).toObject();
        p.audience = ImportText::scalarText(custom.value(QStringLiteral("audience")));
        p.resource = ImportText::scalarText(custom.value(QStringLiteral("resource")));
        static const QSet<QString> kept{QStringLiteral("Type"),
                                        QStringLiteral("Grant Type"),
                                        QStringLiteral("Auth URL"),
                                        QStringLiteral("Token URL"),
                                        QStringLiteral("Device Auth URL"),
                                        QStringLiteral("Client ID"),
                                        QStringLiteral("Client Secret"),
                                        QStringLiteral("Scope"),
                                        QStringLiteral("Username"),
                                        QStringLiteral("Password"),
                                        QStringLiteral("PKCE"),
                                        QStringLiteral("Client Credentials"),
                                        QStringLiteral("Redirect URL"),
                                        QStringLiteral("Acquire Automatically")};
        QStringList notKept;
        for (auto k = o.begin(); k != o.end(); ++k) {
            if (k.key() == QLatin1String("Custom Request Parameters")) {
                for (auto c = custom.begin(); c != custom.end(); ++c) {
                    if (c.key() != QLatin1String("audience") && c.key() != QLatin1String("resource"))
                        notKept << k.key() + QLatin1Char('.') + c.key();
                }
            } else if (!kept.contains(k.key())) {
                notKept << k.key();
            }
        }
        if (!text("Redirect URL").isEmpty())
            notes << QStringLiteral("redirect URL %1 not kept (Tokenscope listens on a loopback port)")
                         .arg(httpEnvQuoted(text("Redirect URL")));
        if (!notKept.isEmpty())
            notes << QStringLiteral("settings not kept: %1").arg(notKept.join(QStringLiteral(", ")));
        for (const auto& [member, value] : {std::pair{QStringLiteral("client secret"), p.clientSecret},
                                            std::pair{QStringLiteral("password"), p.password}}) {
            if (!value.isEmpty() && !WorkspaceStore::isOnlyReferences(value))
                report.add(
                    Outcome::Secret, QStringLiteral("auth"), p.name,
                    QStringLiteral("the OAuth 2.0 %1 goes to the keychain, not into the workspace files").arg(member));
        }
        // The same id in several environments: the first keeps the id; a different one gets the environment's name.
        bool same = false;
        bool taken = false;
        for (const AuthProfile& existing : std::as_const(result.authProfiles)) {
            taken = taken || existing.name == p.name;
            same = same || existing == p;
        }
        if (same)
            continue;
        if (taken) {
            QStringList names;
            for (const AuthProfile& e : std::as_const(result.authProfiles))
                names << e.name;
            p.name = CollectionNode::uniqueName(p.name + QStringLiteral(" (") + environment + QLatin1Char(')'), names);
        }
        if (privatePart)
            notes.prepend(QStringLiteral("private part of Security.Auth %1 of environment %2")
                              .arg(httpEnvQuoted(it.key()), httpEnvQuoted(environment)));
        else
            notes.prepend(
                QStringLiteral("Security.Auth %1 of environment %2 (%3)")
                    .arg(httpEnvQuoted(it.key()), httpEnvQuoted(environment), AuthProfile::grantName(p.grant)));
        result.authProfiles.append(p);
        report.add(Outcome::Converted, QStringLiteral("auth profile"), p.name, notes.join(QStringLiteral("; ")));
    }
}
} // namespace

bool HttpEnvironmentImporter::recognizes(const QJsonDocument& doc)
{
    QJsonObject root = doc.object();
    // Editors write a "$schema" reference to the env file's JSON schema (kulala.nvim's, for one) beside the
    // environments: it is not an environment.
    root.remove(QStringLiteral("$schema"));
    return doc.isObject() && !root.isEmpty() &&
           std::all_of(root.begin(), root.end(), [](const QJsonValue& v) { return v.isObject(); });
}

Result<ImportResult> HttpEnvironmentImporter::import(const QByteArray& data, bool isPrivate)
{
    auto doc = ImportText::parseJson(data);
    if (!doc)
        return doc.error();
    if (!recognizes(doc.value()))
        return Error(ErrorCode::JsonInvalid,
                     QStringLiteral("not an http-client env file: it is {\"<environment>\": {\"<variable>\": ...}}"));
    using Outcome = ImportReport::Outcome;
    ImportResult result;
    ImportReport& report = result.report;
    QJsonObject root = doc->object();
    root.remove(QStringLiteral("$schema"));
    for (auto env = root.begin(); env != root.end(); ++env) {
        const QString name = env.key();
        QStringList notes;
        QList<EnvironmentVariable> variables;
        const QJsonObject values = env.value().toObject();
        for (auto it = values.begin(); it != values.end(); ++it) {
            if (it.key() == QLatin1String("Security")) {
                securityAuth(it.value(), name, result, isPrivate);
                continue;
            }
            EnvironmentVariable v;
            v.name = it.key();
            v.value = ImportText::scalarText(it.value());
            if (it.value().isObject() || it.value().isArray())
                notes << QStringLiteral("variable \"%1\" is JSON: kept as its compact text").arg(v.name);
            const bool real = !v.value.isEmpty() && !WorkspaceStore::isOnlyReferences(v.value);
            v.secret = isPrivate || (real && SecretLint::isSecretName(v.name));
            if (v.secret && real)
                report.add(Outcome::Secret, QStringLiteral("variable"), name,
                           QStringLiteral("the value of variable \"%1\" goes to the keychain, not into the workspace "
                                          "files")
                               .arg(v.name));
            variables.append(v);
        }
        result.environments.append(Environment(name, variables));
        const QString detail = QStringLiteral("%1 variables").arg(variables.size());
        if (notes.isEmpty())
            report.add(Outcome::Imported, QStringLiteral("environment"), name, detail);
        else
            report.add(Outcome::Converted, QStringLiteral("environment"), name,
                       detail + QStringLiteral("; ") + notes.join(QStringLiteral("; ")));
    }
    return result;
}

QString HttpEnvironmentImporter::privateSibling(const QString& publicPath)
{
    const QFileInfo info(publicPath);
    const QString name = info.fileName();
    if (!name.endsWith(QLatin1String(".env.json"), Qt::CaseInsensitive) ||
        name.contains(QLatin1String(".private."), Qt::CaseInsensitive))
        return {};
    return info.dir().filePath(name.chopped(int(qstrlen(".env.json"))) + QStringLiteral(".private.env.json"));
}

void HttpEnvironmentImporter::mergePrivate(ImportResult& publicResult, ImportResult&& privateResult)
{
    using Outcome = ImportReport::Outcome;
    QList<ImportReport::Entry> merged;
    for (Environment& priv : privateResult.environments) {
        auto target = std::find_if(publicResult.environments.begin(), publicResult.environments.end(),
                                   [&](const Environment& e) { return e.name() == priv.name(); });
        if (target == publicResult.environments.end()) {
            publicResult.environments.append(priv);
            continue;
        }
        for (const EnvironmentVariable& v : priv.variables())
            target->setVariable(v.name, v.value, true);
        merged.append(
            {Outcome::Converted,
             QStringLiteral("environment"),
             priv.name(),
             QStringLiteral("merged with %1 variables of the private file (secret)").arg(priv.variables().size()),
             {}});
    }
    for (AuthProfile& priv : privateResult.authProfiles) {
        auto target = std::find_if(publicResult.authProfiles.begin(), publicResult.authProfiles.end(),
                                   [&](const AuthProfile& p) { return p.name == priv.name; });
        if (target == publicResult.authProfiles.end()) {
            publicResult.authProfiles.append(priv);
            continue;
        }
        // The private file usually holds only the secrets of an entry the public file describes.
        for (QString AuthProfile::*member : {&AuthProfile::issuer, &AuthProfile::tokenUrl, &AuthProfile::authorizeUrl,
                                             &AuthProfile::deviceAuthorizationUrl, &AuthProfile::clientId,
                                             &AuthProfile::clientSecret, &AuthProfile::scope, &AuthProfile::audience,
                                             &AuthProfile::resource, &AuthProfile::username, &AuthProfile::password}) {
            if (!(priv.*member).isEmpty())
                (*target).*member = priv.*member;
        }
        merged.append({Outcome::Converted,
                       QStringLiteral("auth profile"),
                       priv.name,
                       QStringLiteral("merged with the private file's entry"),
                       {}});
    }
    publicResult.report.append(privateResult.report);
    for (const ImportReport::Entry& e : std::as_const(merged))
        publicResult.report.add(e.outcome, e.kind, e.path, e.detail);
}

void HttpEnvironmentImporter::applyShared(ImportResult& result)
{
    const QString sharedName = QStringLiteral("$shared");
    auto shared = std::find_if(result.environments.begin(), result.environments.end(),
                               [&](const Environment& e) { return e.name() == sharedName; });
    if (shared == result.environments.end() || result.environments.size() < 2)
        return;
    const Environment sharedEnvironment = *shared;
    result.environments.erase(shared);
    for (Environment& e : result.environments) {
        int added = 0;
        for (const EnvironmentVariable& v : sharedEnvironment.variables()) {
            if (!e.variable(v.name)) {
                e.setVariable(v.name, v.value, v.secret);
                ++added;
            }
        }
        result.report.add(ImportReport::Outcome::Converted, QStringLiteral("environment"), e.name(),
                          QStringLiteral("%1 variables from \"$shared\"").arg(added));
    }
    result.report.add(ImportReport::Outcome::Converted, QStringLiteral("environment"), sharedName,
                      QStringLiteral("%1 shared variables merged into each of the %2 environments, not an environment "
                                     "of its own (JetBrains HTTP Client)")
                          .arg(sharedEnvironment.variables().size())
                          .arg(result.environments.size()));
}

void HttpEnvironmentImporter::applyDefaultHeaders(ImportResult& result, const QByteArray& envData,
                                                  const QString& envFile)
{
    using Outcome = ImportReport::Outcome;
    const auto doc = ImportText::parseJson(envData);
    if (!doc || !doc->isObject())
        return; // not an env file: its own import says why; the .http file's requests are whole without it
    const QJsonObject root = doc->object();
    const QString file = QFileInfo(envFile).fileName();
    // kulala.nvim: "$shared"."$default_headers"; its later spelling "$kulalaShared"."$kulalaDefaultHeaders".
    auto headersOf = [](const QJsonObject& environment) {
        const QJsonValue v = environment.contains(QStringLiteral("$default_headers"))
                                 ? environment.value(QStringLiteral("$default_headers"))
                                 : environment.value(QStringLiteral("$kulalaDefaultHeaders"));
        return v.toObject();
    };
    QJsonObject shared = headersOf(root.value(QStringLiteral("$shared")).toObject());
    if (shared.isEmpty())
        shared = headersOf(root.value(QStringLiteral("$kulalaShared")).toObject());
    for (const auto& collection : result.collections) {
        const QString path = Workspace::joinPath({collection->name()});
        if (!shared.isEmpty()) {
            QList<HttpRequestSpec::Row>& headers = collection->settings().headers;
            for (auto it = shared.begin(); it != shared.end(); ++it) {
                const bool present = std::any_of(headers.begin(), headers.end(), [&](const auto& h) {
                    return h.name.compare(it.key(), Qt::CaseInsensitive) == 0;
                });
                if (!present)
                    headers.append({it.key(), ImportText::scalarText(it.value()), true});
            }
            result.report.add(Outcome::Converted, QStringLiteral("headers"), path,
                              QStringLiteral("the shared $default_headers of %1 (%2) are headers of the collection, "
                                             "sent with every request that does not set its own")
                                  .arg(file, shared.keys().join(QStringLiteral(", "))));
        }
        // Per-environment default headers depend on the environment chosen when sending; a collection's headers do
        // not, and an environment holds variables only.
        for (auto it = root.begin(); it != root.end(); ++it) {
            if (it.key().startsWith(QLatin1Char('$')))
                continue;
            const QJsonObject own = headersOf(it.value().toObject());
            if (!own.isEmpty())
                result.report.add(Outcome::Dropped, QStringLiteral("headers"), path,
                                  QStringLiteral("the $default_headers of environment \"%1\" in %2 (%3) not applied: "
                                                 "Tokenscope has no per-environment headers (the environment's import "
                                                 "keeps them as its $default_headers variable)")
                                      .arg(it.key(), file, own.keys().join(QStringLiteral(", "))));
        }
    }
}
