// SPDX-License-Identifier: MIT
#pragma once

#include "storage/SecretStore.h"

#include <memory>

/// The process-wide choice of SecretStore, the same for the GUI and the CLI: the OS keychain (KeychainSecretStore)
/// when the build has QtKeychain and a D-Bus session exists (it is how QtKeychain reaches the Secret Service),
/// otherwise memory.
class SecretStores
{
public:
    /// One store per process while anyone holds it, so a draft's secrets survive closing and reopening a window.
    /// The memory store is kept for the whole session, so secrets written without a keychain are not lost when the
    /// last holder lets go.
    static std::shared_ptr<SecretStore> shared();
};
