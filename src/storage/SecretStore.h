// SPDX-License-Identifier: MIT
#pragma once

#include "core/Result.h"

#include <QByteArray>
#include <QString>

/// Where secrets (tokens, passwords, API keys, secret environment values) live: the OS keychain for users
/// (KeychainSecretStore, through QtKeychain), memory for tests and for sessions without a keychain. Secrets are
/// never written to plain files; a backend that cannot persist says so through isPersistent() so the UI can tell
/// the user plainly.
class SecretStore
{
public:
    virtual ~SecretStore() = default;
    /// "memory", "keychain (Secret Service)", ...
    virtual QString backendName() const = 0;
    /// False when secrets last only as long as the process.
    virtual bool isPersistent() const = 0;
    /// Errors: ERR_IO (backend failure, no keychain available).
    virtual Result<void> write(const QString& key, const QByteArray& secret) = 0;
    /// A missing key is not an error: it reads as a null QByteArray.
    virtual Result<QByteArray> read(const QString& key) = 0;
    virtual Result<void> remove(const QString& key) = 0;
};
