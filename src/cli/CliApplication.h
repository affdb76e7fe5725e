// SPDX-License-Identifier: MIT
#pragma once

#include "cli/Command.h"

#include <memory>
#include <vector>

/// The body of tokenscope-cli's main(), shared by the executable (its own commands: decode, decrypt, encrypt) and
/// the command module (every command): QCoreApplication, the crypto self-test, --help and --version, and the run
/// of one command. See CommandModule for which process part runs what.
class CliApplication
{
public:
    /// Which of CryptoInit's known-answer tests run before the command: the executable's commands need the digests
    /// only and run the signature test themselves when they verify (decode's DPoP proofs, decrypt --verify-jwks).
    enum class SelfTests
    {
        Digests,
        All,
    };

    struct Setup
    {
        const std::vector<std::unique_ptr<Command>>* commands = nullptr;
        SelfTests selfTests = SelfTests::All;
        const RemoteKeys* remoteKeys = nullptr; // see CliContext::setRemoteKeys
    };

    static int run(int argc, char** argv, const Setup& setup);

    /// The command's arguments (from the command name on) as run() dispatches them: "help X" is "X --help"; empty
    /// for no arguments, --help and --version. Works before QCoreApplication exists (the executable's routing).
    static QStringList commandArguments(const QStringList& arguments);
    /// argv without argv[0], decoded as QCoreApplication::arguments() does on Unix.
    static QStringList arguments(int argc, char** argv);
};
