// SPDX-License-Identifier: MIT
#include "cli/CliApplication.h"

#include "cli/CommandCatalog.h"
#include "crypto/CryptoInit.h"

#include <QCoreApplication>

namespace {

bool isHelp(const QString& argument)
{
    return argument == QLatin1String("--help") || argument == QLatin1String("-h") || argument == QLatin1String("help");
}

void printHelp(CliContext& ctx)
{
    ctx.outLine(
        QStringLiteral("Usage: tokenscope-cli COMMAND [options]   (tokenscope-cli COMMAND --help for details)"));
    ctx.outLine(QString());
    ctx.outLine(QStringLiteral("Tokenscope %1: decode, verify and create JWTs; inspect keys.")
                    .arg(QLatin1String(TOKENSCOPE_VERSION)));
    ctx.outLine(QString());
    ctx.outLine(QStringLiteral("Commands:"));
    for (const CommandCatalog::Entry& c : CommandCatalog::entries()) {
        ctx.outLine(QStringLiteral("  %1 %2").arg(QLatin1String(c.name), -12).arg(QString::fromUtf8(c.summary)));
    }
    ctx.outLine(QString());
    ctx.outLine(
        QStringLiteral("Exit codes: 0 success/valid, 1 invalid, 2 usage or I/O error (probe: 3 inconclusive)."));
}

} // namespace

QStringList CliApplication::arguments(int argc, char** argv)
{
    QStringList out;
    for (int i = 1; i < argc; ++i) {
        out.append(QString::fromLocal8Bit(argv[i]));
    }
    return out;
}

QStringList CliApplication::commandArguments(const QStringList& arguments)
{
    if (arguments.isEmpty() || arguments.first() == QLatin1String("--version")) {
        return {};
    }
    if (isHelp(arguments.first())) {
        if (arguments.size() >= 2 && arguments.first() == QLatin1String("help")) {
            return QStringList{arguments[1], QStringLiteral("--help")};
        }
        return {};
    }
    return arguments;
}

int CliApplication::run(int argc, char** argv, const Setup& setup)
{
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("tokenscope-cli"));
    QCoreApplication::setOrganizationName(QStringLiteral("Tokenscope"));
    QCoreApplication::setApplicationVersion(QLatin1String(TOKENSCOPE_VERSION));
    CliContext ctx;
    ctx.setRemoteKeys(setup.remoteKeys);
    if (auto ok = setup.selfTests == SelfTests::All ? CryptoInit::init() : CryptoInit::initDigests(); !ok) {
        return ctx.fail(ok.error());
    }
    QStringList all = QCoreApplication::arguments();
    all.removeFirst();
    const QStringList args = commandArguments(all);
    if (args.isEmpty()) {
        if (!all.isEmpty() && all.first() == QLatin1String("--version")) {
            ctx.outLine(
                QStringLiteral("tokenscope-cli %1 (Qt %2, %3)")
                    .arg(QLatin1String(TOKENSCOPE_VERSION), QLatin1String(qVersion()), CryptoInit::openSslVersion()));
            return ExitOk;
        }
        printHelp(ctx);
        return all.isEmpty() ? ExitUsage : ExitOk;
    }
    for (const auto& c : *setup.commands) {
        if (c->name() == args.first()) {
            const int code = c->run(args, ctx);
            ctx.flush();
            return code;
        }
    }
    return ctx.usage(QStringLiteral("unknown command \"%1\" (see tokenscope-cli --help)").arg(args.first()));
}
