// SPDX-License-Identifier: MIT
#include "cli/CommandModule.h"

#include <climits>
#include <cstdio>

#include <dlfcn.h>
#include <unistd.h>

namespace {

using ModuleMain = int (*)(int, char**);

std::string executableDirectory()
{
    char path[PATH_MAX];
    const ssize_t n = readlink("/proc/self/exe", path, sizeof(path) - 1);
    if (n <= 0) {
        return {};
    }
    const std::string exe(path, size_t(n));
    return exe.substr(0, exe.rfind('/'));
}

std::string loaderError()
{
    const char* error = dlerror();
    return error != nullptr ? std::string(error) : std::string("unknown error");
}

int failure(const std::string& message)
{
    std::fprintf(stderr, "tokenscope-cli: ERR_IO: %s\n", message.c_str());
    return 2; // ExitUsage: the usage / I/O exit code of every command
}

} // namespace

std::vector<std::string> CommandModule::candidates()
{
    const std::string dir = executableDirectory();
    if (dir.empty()) {
        return {};
    }
    return {dir + "/" TOKENSCOPE_CLI_MODULE_FILE,
            dir + "/" TOKENSCOPE_CLI_MODULE_RELATIVE_DIR "/" TOKENSCOPE_CLI_MODULE_FILE};
}

int CommandModule::run(int argc, char** argv)
{
    const std::vector<std::string> places = candidates();
    for (const std::string& place : places) {
        if (access(place.c_str(), F_OK) != 0) {
            continue;
        }
        // RTLD_NOW: a missing symbol fails here, with dlerror(), not in the middle of a command. RTLD_LOCAL: the
        // module's symbols are for this one call, not for libraries loaded later.
        void* module = dlopen(place.c_str(), RTLD_NOW | RTLD_LOCAL);
        if (module == nullptr) {
            return failure("cannot load the command module: " + loaderError());
        }
        auto* entry = reinterpret_cast<ModuleMain>(dlsym(module, "tokenscope_cli_module_main"));
        if (entry == nullptr) {
            return failure("the command module " + place + " has no entry point: " + loaderError());
        }
        return entry(argc, argv); // never dlclose()d: see the class comment
    }
    std::string looked;
    for (const std::string& place : places) {
        looked += (looked.empty() ? "" : ", ") + place;
    }
    return failure("the command module is missing (looked for " + (looked.empty() ? "/proc/self/exe" : looked) +
                   "); this command needs it");
}
