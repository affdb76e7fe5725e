// SPDX-License-Identifier: MIT
#include "formats/CurlExporter.h"

#include "core/DisplayText.h"
#include "formats/SharedAuth.h"
#include "request/CodeStringEscaper.h"
#include "request/SnippetGenerator.h"
#include "workspace/ItemInheritance.h"
#include "workspace/Workspace.h"

namespace {
void curlRequests(const CollectionNode& container, bool includeSecrets, QString& out, ImportReport& report,
                  bool& variables)
{
    for (int i = 0; i < container.childCount(); ++i) {
        const CollectionNode& node = *container.child(i);
        const QString path = Workspace::joinPath(node.path());
        if (node.isContainer()) {
            for (const ItemScript& s : node.settings().scripts)
                report.add(ImportReport::Outcome::Dropped, QStringLiteral("script"), path,
                           QStringLiteral("%1 script not written (curl runs no scripts)").arg(s.event));
            curlRequests(node, includeSecrets, out, report, variables);
            continue;
        }
        if (node.request().request.url.trimmed().isEmpty()) {
            report.add(ImportReport::Outcome::Dropped, QStringLiteral("request"), path,
                       QStringLiteral("no URL: there is no command to write"));
            continue;
        }
        QStringList notes;
        QStringList dropped;
        const QString command = CurlExporter::command(node, includeSecrets, &notes, &dropped);
        variables = variables || command.contains(QLatin1String("{{"));
        // The path is from the file: control characters escaped so that the comment stays one line.
        out +=
            QStringLiteral("# ") + DisplayText::escapeControls(path) + QLatin1Char('\n') + command + QLatin1Char('\n');
        report.add(notes.isEmpty() ? ImportReport::Outcome::Imported : ImportReport::Outcome::Converted,
                   QStringLiteral("request"), path, notes.join(QStringLiteral("; ")));
        for (const QString& d : std::as_const(dropped))
            report.add(ImportReport::Outcome::Dropped, d.section(QLatin1Char(':'), 0, 0), path,
                       d.section(QLatin1Char(':'), 1).trimmed());
    }
}
} // namespace

QString CurlExporter::command(const CollectionNode& node, bool includeSecrets, QStringList* notes, QStringList* dropped)
{
    Q_ASSERT(!node.isContainer());
    QStringList ownNotes;
    QStringList ownDropped;
    QStringList& n = notes ? *notes : ownNotes;
    QStringList& d = dropped ? *dropped : ownDropped;
    const RequestItem& item = node.request();
    HttpRequestSpec spec = item.request;
    spec.method = spec.normalizedMethod();
    spec.headers.clear();
    for (const auto& h : ItemInheritance::effectiveHeaders(node)) {
        if (h.enabled)
            spec.headers.append(h);
    }
    spec.auth = {};
    const AuthConfig auth = SharedAuth::withPlaceholders(ItemInheritance::effectiveAuth(node).auth, includeSecrets, n);
    QString user;
    switch (auth.type) {
    case AuthConfig::Type::Bearer:
        spec.setHeader(QStringLiteral("Authorization"), QStringLiteral("Bearer ") + auth.token);
        break;
    case AuthConfig::Type::Basic:
        user = auth.username + QLatin1Char(':') + auth.password;
        spec.removeHeader(QStringLiteral("Authorization"));
        break;
    case AuthConfig::Type::ApiKey:
        if (auth.apiKeyInQuery)
            spec.setQueryParameter(auth.apiKeyName, auth.apiKeyValue);
        else
            spec.setHeader(auth.apiKeyName, auth.apiKeyValue);
        break;
    case AuthConfig::Type::OAuth2:
        spec.setHeader(QStringLiteral("Authorization"), QStringLiteral("Bearer {{accessToken}}"));
        n << QStringLiteral("OAuth 2 profile %1 written as Bearer {{accessToken}}").arg(auth.profile);
        break;
    default:
        break;
    }
    for (const ItemScript& s : item.scripts)
        d << QStringLiteral("script: %1 script not written (curl runs no scripts)").arg(s.event);
    for (const ItemAssertion& a : item.assertions)
        d << QStringLiteral("assertion: not written: %1").arg(a.describe());
    if (!item.captures.isEmpty())
        d << QStringLiteral("capture: %1 capture(s) not written").arg(item.captures.size());
    if (!item.transport.isDefault())
        d << QStringLiteral("setting: transport settings (proxy, certificates) not written");
    const auto code = SnippetGenerator::generate(QStringLiteral("curl"), spec);
    Q_ASSERT(code.ok()); // "curl" is always a language
    QString out = code.value();
    if (!user.isEmpty()) {
        // curl encodes -u user:password itself (RFC 7617), also when the parts are {{variables}} to fill in.
        while (out.endsWith(QLatin1Char('\n')))
            out.chop(1);
        out += QStringLiteral(" \\\n  --user ") + CodeStringEscaper::posixShell(user) + QLatin1Char('\n');
    }
    return out;
}

ExportResult CurlExporter::exportNode(const CollectionNode& container, bool includeSecrets)
{
    Q_ASSERT(container.isContainer());
    ExportResult result;
    QString out;
    bool variables = false;
    for (const ItemScript& s : container.settings().scripts)
        result.report.add(ImportReport::Outcome::Dropped, QStringLiteral("script"),
                          Workspace::joinPath(container.path()),
                          QStringLiteral("%1 script not written (curl runs no scripts)").arg(s.event));
    curlRequests(container, includeSecrets, out, result.report, variables);
    if (variables)
        result.report.add(ImportReport::Outcome::Converted, QStringLiteral("variable"),
                          Workspace::joinPath(container.path()),
                          QStringLiteral("{{variables}} are left as written: replace them before running"));
    result.text = out.toUtf8();
    return result;
}
