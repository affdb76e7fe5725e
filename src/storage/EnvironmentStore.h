// SPDX-License-Identifier: MIT
#pragma once

#include "core/Result.h"
#include "request/Environment.h"

#include <QHash>
#include <QSet>
#include <QStringList>

class SecretStore;

/// The environments of the Request workspace and which one is active, as loaded or to be saved.
struct EnvironmentSet
{
    QList<Environment> environments;
    QString active; // name of the active environment; empty = none
    /// After load(): "environment/variable" of secret variables whose value the secret store did not have (e.g.
    /// it kept secrets for the last session only); their value is empty and must be entered again.
    QStringList missingSecrets;

    int activeIndex() const;
};

/// Keeps the environments across restarts: a JSON file (written atomically with QSaveFile, mode 0600) holds the
/// names, variables and flags; the value of every secret variable is written there as "" and goes to the
/// SecretStore instead, one entry per environment (key secretKey(name), a JSON array of {name, value} of its
/// non-empty secret values in variable order), so no secret ever lands in the plain file and a keychain is asked once
/// per environment, not once per variable. Renaming or deleting an environment, or deleting or un-marking a secret
/// variable, removes the secret entry that is no longer needed.
///
/// When the secret store fails to answer at load time, the secrets of that environment are reported missing and
/// its entry is left alone by save() until new values are entered, so a keychain hiccup does not wipe them.
///
/// A file that exists but cannot be read or parsed is never overwritten: load() and save() both return the error
/// (ERR_IO or ERR_JSON_INVALID, naming the file), so what the user had is not lost.
class EnvironmentStore
{
public:
    static constexpr int kVersion = 1;

    EnvironmentStore(QString path, SecretStore* secrets);

    /// DataDirectory::environmentsFile()
    static QString defaultPath();
    /// "environment/<name>" with the name percent-encoded (so "/" in a name cannot collide with another key).
    static QString secretKey(const QString& environmentName);

    /// A missing file is an empty set, not an error. Errors: ERR_IO, ERR_JSON_INVALID (the file is left as is).
    Result<EnvironmentSet> load();
    /// Errors: ERR_IO (file or secret store), ERR_JSON_INVALID (the existing file is damaged: nothing written).
    /// When only the secret store fails the file is still written and the error says which secrets were not kept.
    Result<void> save(const EnvironmentSet& set);

    QString path() const { return m_path; }
    const SecretStore* secretStore() const { return m_secrets; }

private:
    /// Environments and active name of the file as stored (secret values empty); empty set when there is no file.
    Result<EnvironmentSet> readFile() const;

    QString m_path;
    SecretStore* m_secrets;
    QHash<QString, QByteArray> m_storedSecrets; // what the secret store holds per key, as far as this store knows
    QSet<QString> m_unreadable;                 // keys the secret store failed to read at load time
};
