// SPDX-License-Identifier: MIT
#pragma once

#include "storage/MemorySecretStore.h"
#include "storage/SecretStore.h"

/// Secrets in the OS keychain through QtKeychain (Secret Service/KWallet over D-Bus on Linux). QtKeychain's jobs
/// are asynchronous; each call here waits for its job in a local event loop (bounded by kTimeoutMs).
///
/// When no keychain answers (headless machines, CI) the secret is kept in memory for this session only,
/// isPersistent() turns false and availabilityNote() says so in words: never a silent plain-file fallback.
class KeychainSecretStore final : public SecretStore
{
public:
    static constexpr int kTimeoutMs = 5000;

    explicit KeychainSecretStore(QString service = QStringLiteral("Tokenscope"));

    QString backendName() const override;
    bool isPersistent() const override { return m_available; }
    Result<void> write(const QString& key, const QByteArray& secret) override;
    Result<QByteArray> read(const QString& key) override;
    Result<void> remove(const QString& key) override;

    /// Empty while the keychain works; otherwise why secrets last only for this session.
    QString availabilityNote() const { return m_note; }

private:
    void markUnavailable(const QString& why);

    QString m_service;
    bool m_available = true;
    QString m_note;
    MemorySecretStore m_fallback;
};
