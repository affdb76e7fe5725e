// SPDX-License-Identifier: MIT
#include "cli/ExportCommand.h"

#include "cli/CliWorkspace.h"
#include "formats/CurlExporter.h"
#include "formats/HttpFileExporter.h"
#include "formats/PostmanExporter.h"
#include "storage/AtomicFile.h"
#include "workspace/WorkspaceStore.h"

namespace {
bool isSecretValue(const QString& value)
{
    return !value.isEmpty() && !WorkspaceStore::isOnlyReferences(value);
}

/// Counts the secret values below `node` that are more than {{references}}; with `strip`, empties them too.
int secretsBelow(CollectionNode& node, bool strip)
{
    int n = 0;
    const auto visit = [&n, strip](AuthConfig& a, QList<EnvironmentVariable>& variables) {
        for (const QString& member : AuthConfig::secretMembers()) {
            if (isSecretValue(a.secret(member))) {
                ++n;
                if (strip)
                    a.setSecret(member, QString());
            }
        }
        for (auto& v : variables) {
            if (v.secret && isSecretValue(v.value)) {
                ++n;
                if (strip)
                    v.value.clear();
            }
        }
    };
    if (node.kind() == CollectionNode::Kind::Request) {
        visit(node.request().auth, node.request().variables);
        return n;
    }
    visit(node.settings().auth, node.settings().variables);
    for (int i = 0; i < node.childCount(); ++i)
        n += secretsBelow(*node.child(i), strip);
    return n;
}

int profileSecrets(QList<AuthProfile>& profiles, bool strip)
{
    int n = 0;
    for (AuthProfile& p : profiles) {
        for (const QString& member : AuthProfile::secretMembers()) {
            if (isSecretValue(p.secret(member))) {
                ++n;
                if (strip)
                    p.setSecret(member, QString());
            }
        }
    }
    return n;
}
} // namespace

int ExportCommand::run(const QStringList& arguments, CliContext& ctx)
{
    QCommandLineParser parser;
    const QCommandLineOption workspaceOption = CliWorkspace::option();
    const QCommandLineOption format(QStringLiteral("format"),
                                    QStringLiteral("postman, http (a .http file) or curl (one command per request)."),
                                    QStringLiteral("FORMAT"));
    const QCommandLineOption out(QStringLiteral("out"), QStringLiteral("Write to this file instead of stdout."),
                                 QStringLiteral("F"));
    // A collection file is made to be shared: secrets (kept in the keychain, never in workspace files) stay out of
    // it unless asked for.
    const QCommandLineOption includeSecrets(
        QStringLiteral("include-secrets"),
        QStringLiteral("Write secret values from the keychain into the file (default: left empty)."));
    parser.addOptions({workspaceOption, format, out, includeSecrets});
    parser.addPositionalArgument(QStringLiteral("PATH"), QStringLiteral("A collection or folder of the workspace."));
    if (const int r = parse(
            parser, arguments, ctx,
            QStringLiteral("export PATH [--workspace DIR] --format postman|http|curl [--out F] [--include-secrets]"));
        r >= 0)
        return r;
    if (parser.positionalArguments().size() != 1)
        return ctx.usage(QStringLiteral("export takes one PATH"));
    const QString chosen = parser.value(format);
    if (chosen != QLatin1String("postman") && chosen != QLatin1String("http") && chosen != QLatin1String("curl"))
        return ctx.usage(QStringLiteral("export needs --format postman, http or curl"));
    CliWorkspace w;
    if (auto ok = w.open(parser.value(workspaceOption), ctx, CliWorkspace::Access::ReadOnly); !ok)
        return ctx.fail(ok.error());
    const QString path = parser.positionalArguments().first();
    const CollectionNode* node = w.workspace().find(path);
    if (!node || !node->isContainer())
        return ctx.usage(
            QStringLiteral("no collection or folder \"%1\" in the workspace").arg(CliWorkspace::printable(path)));
    const bool withSecrets = parser.isSet(includeSecrets);
    const std::unique_ptr<CollectionNode> copy = node->clone(false);
    QList<AuthProfile> profiles = w.workspace().authProfiles;
    const int secrets = secretsBelow(*copy, !withSecrets) + profileSecrets(profiles, !withSecrets);
    QByteArray json;
    if (chosen == QLatin1String("postman")) {
        json = PostmanExporter::toJson(*copy, profiles);
    } else {
        // Secrets left empty above become placeholder variables; the report says what the format could not hold.
        const ExportResult exported = chosen == QLatin1String("http") ? HttpFileExporter::exportNode(*copy, withSecrets)
                                                                      : CurlExporter::exportNode(*copy, withSecrets);
        json = exported.text;
        for (const ImportReport::Entry& e : exported.report.entries()) {
            if (e.outcome != ImportReport::Outcome::Imported)
                ctx.errLine(QStringLiteral("tokenscope-cli: %1 %2 %3: %4")
                                .arg(ImportReport::outcomeName(e.outcome), e.kind, CliWorkspace::printable(e.path),
                                     CliWorkspace::printable(e.detail)));
        }
    }
    if (parser.isSet(out)) {
        if (auto ok = AtomicFile::write(parser.value(out), json); !ok)
            return ctx.fail(ok.error());
    } else {
        ctx.outBytes(json);
    }
    if (secrets > 0 && withSecrets)
        ctx.errLine(QStringLiteral("tokenscope-cli: warning: the export holds %1 secret value(s) from the keychain")
                        .arg(secrets));
    else if (secrets > 0)
        ctx.errLine(QStringLiteral("tokenscope-cli: %1 secret value(s) left empty (--include-secrets writes them)")
                        .arg(secrets));
    return ExitOk;
}
