// SPDX-License-Identifier: MIT
// tokenscope-cli: the headless twin of the GUI. Never links Qt Widgets. Runs decode, decrypt and encrypt itself and
// every other command from the command module (CommandModule explains why and how).
#include "cli/CliApplication.h"
#include "cli/CommandCatalog.h"
#include "cli/CommandModule.h"
#include "cli/DecodeCommand.h"
#include "cli/DecryptCommand.h"
#include "cli/EncryptCommand.h"

#include <algorithm>

namespace {

std::vector<std::unique_ptr<Command>> makeCommands()
{
    std::vector<std::unique_ptr<Command>> commands;
    commands.push_back(std::make_unique<DecodeCommand>());
    commands.push_back(std::make_unique<DecryptCommand>());
    commands.push_back(std::make_unique<EncryptCommand>());
    return commands;
}

/// Whether this process runs the command line itself: --help, --version, an unknown command (the same usage error
/// either way) and the commands above unless they would use the network. Decided from argv before anything else, so
/// that for the module the executable does nothing but load it.
bool runsHere(const QStringList& args, const std::vector<std::unique_ptr<Command>>& commands)
{
    if (args.isEmpty()) {
        return true;
    }
    const auto own = std::find_if(commands.begin(), commands.end(),
                                  [&](const std::unique_ptr<Command>& c) { return c->name() == args.first(); });
    if (own != commands.end()) {
        return !(*own)->needsNetwork(args);
    }
    return CommandCatalog::find(args.first()) == nullptr;
}

} // namespace

int main(int argc, char** argv)
{
    const auto commands = makeCommands();
    if (!runsHere(CliApplication::commandArguments(CliApplication::arguments(argc, argv)), commands)) {
        return CommandModule::run(argc, argv);
    }
    CliApplication::Setup setup;
    setup.commands = &commands;
    setup.selfTests = CliApplication::SelfTests::Digests;
    return CliApplication::run(argc, argv, setup);
}
