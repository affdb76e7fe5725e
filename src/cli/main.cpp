// SPDX-License-Identifier: MIT
// tokenscope-cli: the headless twin of the GUI. Never links Qt Widgets.
#include "cli/CollectionCommand.h"
#include "cli/CurlImportCommand.h"
#include "cli/DecodeCommand.h"
#include "cli/DecryptCommand.h"
#include "cli/EncryptCommand.h"
#include "cli/ExportCommand.h"
#include "cli/ImportCommand.h"
#include "cli/JwkCommand.h"
#include "cli/JwksCommand.h"
#include "cli/KeysCommand.h"
#include "cli/OAuthCommand.h"
#include "cli/PemCommand.h"
#include "cli/ProbeCommand.h"
#include "cli/RequestCommand.h"
#include "cli/RunCommand.h"
#include "cli/ServeCommand.h"
#include "cli/SignCommand.h"
#include "cli/SnippetCommand.h"
#include "cli/VerifyCommand.h"
#include "crypto/CryptoInit.h"

#include <QCoreApplication>

#include <memory>
#include <vector>

namespace {
std::vector<std::unique_ptr<Command>> makeCommands()
{
    std::vector<std::unique_ptr<Command>> commands;
    commands.push_back(std::make_unique<DecodeCommand>());
    commands.push_back(std::make_unique<VerifyCommand>());
    commands.push_back(std::make_unique<SignCommand>());
    commands.push_back(std::make_unique<DecryptCommand>());
    commands.push_back(std::make_unique<EncryptCommand>());
    commands.push_back(std::make_unique<KeysCommand>());
    commands.push_back(std::make_unique<JwkCommand>());
    commands.push_back(std::make_unique<PemCommand>());
    commands.push_back(std::make_unique<JwksCommand>());
    commands.push_back(std::make_unique<RequestCommand>());
    commands.push_back(std::make_unique<ProbeCommand>());
    commands.push_back(std::make_unique<SnippetCommand>());
    commands.push_back(std::make_unique<CurlImportCommand>());
    commands.push_back(std::make_unique<ImportCommand>());
    commands.push_back(std::make_unique<ExportCommand>());
    commands.push_back(std::make_unique<ServeCommand>());
    commands.push_back(std::make_unique<CollectionCommand>());
    commands.push_back(std::make_unique<RunCommand>());
    commands.push_back(std::make_unique<OAuthCommand>());
    return commands;
}

void printHelp(CliContext& ctx, const std::vector<std::unique_ptr<Command>>& commands)
{
    ctx.outLine(
        QStringLiteral("Usage: tokenscope-cli COMMAND [options]   (tokenscope-cli COMMAND --help for details)"));
    ctx.outLine(QString());
    ctx.outLine(QStringLiteral("Tokenscope %1: decode, verify and create JWTs; inspect keys.")
                    .arg(QLatin1String(TOKENSCOPE_VERSION)));
    ctx.outLine(QString());
    ctx.outLine(QStringLiteral("Commands:"));
    for (const auto& c : commands) {
        ctx.outLine(QStringLiteral("  %1 %2").arg(c->name(), -12).arg(c->summary()));
    }
    ctx.outLine(QString());
    ctx.outLine(
        QStringLiteral("Exit codes: 0 success/valid, 1 invalid, 2 usage or I/O error (probe: 3 inconclusive)."));
}
} // namespace

int main(int argc, char** argv)
{
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("tokenscope-cli"));
    QCoreApplication::setOrganizationName(QStringLiteral("Tokenscope"));
    QCoreApplication::setApplicationVersion(QLatin1String(TOKENSCOPE_VERSION));
    CliContext ctx;
    if (auto ok = CryptoInit::init(); !ok) {
        return ctx.fail(ok.error());
    }
    const auto commands = makeCommands();
    QStringList args = QCoreApplication::arguments();
    args.removeFirst();
    if (args.isEmpty() || args.first() == QLatin1String("--help") || args.first() == QLatin1String("-h") ||
        args.first() == QLatin1String("help")) {
        if (args.size() >= 2 && args.first() == QLatin1String("help")) {
            args = QStringList{args[1], QStringLiteral("--help")};
        } else {
            printHelp(ctx, commands);
            return args.isEmpty() ? ExitUsage : ExitOk;
        }
    }
    if (args.first() == QLatin1String("--version")) {
        ctx.outLine(
            QStringLiteral("tokenscope-cli %1 (Qt %2, %3)")
                .arg(QLatin1String(TOKENSCOPE_VERSION), QLatin1String(qVersion()), CryptoInit::openSslVersion()));
        return ExitOk;
    }
    for (const auto& c : commands) {
        if (c->name() == args.first()) {
            const int code = c->run(args, ctx);
            ctx.flush();
            return code;
        }
    }
    return ctx.usage(QStringLiteral("unknown command \"%1\" (see tokenscope-cli --help)").arg(args.first()));
}
