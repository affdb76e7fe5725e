// SPDX-License-Identifier: MIT
#pragma once

#include "core/Result.h"
#include "request/HttpRequestSpec.h"

#include <optional>

class SecretStore;

/// What loading a draft gave.
struct LoadedDraft
{
    HttpRequestSpec request;
    bool secretsRestored = true; // false: the secret store had none (e.g. no keychain last session)
};

/// Keeps the unsent request across restarts. The file holds the request with its secrets redacted
/// (HttpRequestSpec::redacted() plus `extraSecrets`); the redacted values themselves go to the SecretStore as one
/// entry (a JSON map from field path to value), so no secret ever lands in the plain file.
class RequestDraftStore
{
public:
    static constexpr const char* kSecretKey = "request-draft";

    RequestDraftStore(QString path, SecretStore* secrets);

    /// DataDirectory::draftFile()
    static QString defaultPath();

    /// Errors: ERR_IO (file or secret store). When the secret store fails the file is still written (without the
    /// secrets) and the error says the secrets were not kept.
    Result<void> save(const HttpRequestSpec& request, const QStringList& extraSecrets = {});
    /// nullopt when there is no draft. Errors: ERR_IO, ERR_JSON_INVALID.
    Result<std::optional<LoadedDraft>> load();
    void clear();
    QString path() const { return m_path; }

private:
    QString m_path;
    SecretStore* m_secrets;
};
