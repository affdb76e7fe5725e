// SPDX-License-Identifier: MIT
#pragma once

#include <string>
#include <vector>

/// tokenscope-cli's other commands, in a module the executable loads only for them.
///
/// Why: `decrypt -` is benchmarked as a whole process (issue 14), and most of its serial start-up was the dynamic
/// loader mapping and relocating the 41 shared libraries every command links (Qt Network and Qml, qt6keychain with
/// DBus, glib, systemd and gcrypt, yaml-cpp), while decode, decrypt and encrypt need Qt Core and libcrypto only
/// (docs/PERFORMANCE.md, "JWE round 6" and "JWE round 8"). So the executable links core, crypto, jose and those three
/// commands (tokenscope_cli_base) and runs them itself; every other command, and a decrypt that would fetch a key
/// set over http(s) (Command::needsNetwork), runs from tokenscope-cli-commands.so, which links every layer.
///
/// For such a command the executable does nothing but this: no QCoreApplication, no CryptoInit, no CliContext; it
/// dlopen()s the module and calls its one C entry point with argc and argv, which runs exactly what main() did
/// before the split (CliApplication with all commands), so output and exit codes are unchanged. The module carries
/// its own copies of the static layer libraries, linked with -Wl,--exclude-libs,ALL and hidden visibility: nothing
/// of them is exported, and the executable exports nothing (no -rdynamic), so the two copies can neither interpose
/// nor be interposed, and only one of them is ever in use in a process. The module is never dlclose()d (its
/// QCoreApplication and Qt's global state outlive the call until exit, and LeakSanitizer must see its allocations
/// as reachable).
///
/// Where it is found: relative to the executable's own file (/proc/self/exe, symbolic links resolved), never the
/// working directory or an environment variable, which whoever starts the process controls: first next to it (the
/// build tree: build/src/cli/), then at the install location (`${CMAKE_INSTALL_LIBDIR}/tokenscope/`, as a path
/// relative to `${CMAKE_INSTALL_BINDIR}` computed at configure time). A missing or unloadable module, or one without
/// the entry point, is one line on stderr (with dlerror()) and exit 2.
class CommandModule
{
public:
    /// Loads the module and runs the command line through it; its exit code, or 2 if it cannot be loaded.
    static int run(int argc, char** argv);
    /// The places looked at, in order.
    static std::vector<std::string> candidates();
};
