// SPDX-License-Identifier: MIT
#include "cli/ExportCommand.h"

#include "cli/CliWorkspace.h"
#include "formats/PostmanExporter.h"
#include "storage/AtomicFile.h"
#include "workspace/WorkspaceStore.h"

namespace {
/// Secret values below `node` that are not only {{references}} (they go into the exported file).
int exportedSecrets(const CollectionNode& node)
{
    int n = 0;
    const auto count = [&n](const AuthConfig& a, const QList<EnvironmentVariable>& variables) {
        for (const QString& member : AuthConfig::secretMembers()) {
            const QString value = a.secret(member);
            n += !value.isEmpty() && !WorkspaceStore::isOnlyReferences(value) ? 1 : 0;
        }
        for (const auto& v : variables)
            n += v.secret && !v.value.isEmpty() && !WorkspaceStore::isOnlyReferences(v.value) ? 1 : 0;
    };
    if (node.kind() == CollectionNode::Kind::Request) {
        count(node.request().auth, node.request().variables);
        return n;
    }
    count(node.settings().auth, node.settings().variables);
    for (int i = 0; i < node.childCount(); ++i)
        n += exportedSecrets(*node.child(i));
    return n;
}
} // namespace

int ExportCommand::run(const QStringList& arguments, CliContext& ctx)
{
    QCommandLineParser parser;
    const QCommandLineOption workspaceOption = CliWorkspace::option();
    const QCommandLineOption format(QStringLiteral("format"), QStringLiteral("postman (http and curl: not yet)."),
                                    QStringLiteral("FORMAT"));
    const QCommandLineOption out(QStringLiteral("out"), QStringLiteral("Write to this file instead of stdout."),
                                 QStringLiteral("F"));
    parser.addOptions({workspaceOption, format, out});
    parser.addPositionalArgument(QStringLiteral("PATH"), QStringLiteral("A collection or folder of the workspace."));
    if (const int r = parse(parser, arguments, ctx,
                            QStringLiteral("export PATH [--workspace DIR] --format postman|http|curl [--out F]"));
        r >= 0)
        return r;
    if (parser.positionalArguments().size() != 1)
        return ctx.usage(QStringLiteral("export takes one PATH"));
    const QString chosen = parser.value(format);
    if (chosen != QLatin1String("postman"))
        return ctx.usage(chosen == QLatin1String("http") || chosen == QLatin1String("curl")
                             ? QStringLiteral("--format %1 is not implemented yet (postman is)").arg(chosen)
                             : QStringLiteral("export needs --format postman"));
    CliWorkspace w;
    if (auto ok = w.open(parser.value(workspaceOption), ctx, CliWorkspace::Access::ReadOnly); !ok)
        return ctx.fail(ok.error());
    const QString path = parser.positionalArguments().first();
    const CollectionNode* node = w.workspace().find(path);
    if (!node || !node->isContainer())
        return ctx.usage(
            QStringLiteral("no collection or folder \"%1\" in the workspace").arg(CliWorkspace::printable(path)));
    const QByteArray json = PostmanExporter::toJson(*node, w.workspace().authProfiles);
    if (parser.isSet(out)) {
        if (auto ok = AtomicFile::write(parser.value(out), json); !ok)
            return ctx.fail(ok.error());
    } else {
        ctx.outBytes(json);
    }
    if (const int secrets = exportedSecrets(*node); secrets > 0)
        ctx.errLine(QStringLiteral("tokenscope-cli: warning: the export holds %1 secret values from the keychain")
                        .arg(secrets));
    return ExitOk;
}
