// SPDX-License-Identifier: MIT
// tokenscope-cli-commands.so: every tokenscope-cli command, for the commands the executable does not run itself
// (CommandModule). Its one exported symbol is the entry point below; everything else is hidden.
#include "cli/CliApplication.h"
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
#include "cli/NetRemoteKeys.h"
#include "cli/OAuthCommand.h"
#include "cli/PemCommand.h"
#include "cli/ProbeCommand.h"
#include "cli/RequestCommand.h"
#include "cli/RunCommand.h"
#include "cli/ServeCommand.h"
#include "cli/SignCommand.h"
#include "cli/SnippetCommand.h"
#include "cli/VerifyCommand.h"

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

} // namespace

/// What main() was before the split: all commands, all self-tests, key sets over the network.
extern "C" __attribute__((visibility("default"))) int tokenscope_cli_module_main(int argc, char** argv)
{
    const auto commands = makeCommands();
    const NetRemoteKeys remoteKeys;
    CliApplication::Setup setup;
    setup.commands = &commands;
    setup.selfTests = CliApplication::SelfTests::All;
    setup.remoteKeys = &remoteKeys;
    return CliApplication::run(argc, argv, setup);
}
