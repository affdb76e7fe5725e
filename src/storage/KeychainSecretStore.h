// SPDX-License-Identifier: MIT
#pragma once

#include "storage/MemorySecretStore.h"
#include "storage/SecretStore.h"

#include <QMutex>

class QThread;

/// Secrets in the OS keychain through QtKeychain (Secret Service/KWallet over D-Bus on Linux). QtKeychain's jobs
/// are asynchronous and need an event loop; they run on one keychain thread shared by every store of the process,
/// and each call blocks its caller until the job has finished (bounded by kTimeoutMs). No event loop ever runs
/// nested on the calling thread, so a GUI thread saving a draft is not re-entered (no timers, paints or clicks
/// delivered inside write()). Calls are serialised. Not to be called from the keychain thread itself.
///
/// One thread for the process, not one per store: libsecret caches its D-Bus proxy for the Secret Service and
/// delivers its signals to the GLib context of the thread that created it, so a second store on a second thread
/// would wait forever for answers sent to the first (measured: reads after the first store was gone timed out).
/// The thread stops when the QCoreApplication is destroyed.
///
/// When no keychain answers (headless machines, CI) the secret is kept in memory for this session only,
/// isPersistent() turns false and availabilityNote() says so in words: never a silent plain-file fallback.
class KeychainSecretStore final : public SecretStore
{
public:
    static constexpr int kTimeoutMs = 5000;

    explicit KeychainSecretStore(QString service = QStringLiteral("Tokenscope"));
    ~KeychainSecretStore() override = default;
    KeychainSecretStore(const KeychainSecretStore&) = delete;
    KeychainSecretStore& operator=(const KeychainSecretStore&) = delete;

    QString backendName() const override;
    bool isPersistent() const override;
    Result<void> write(const QString& key, const QByteArray& secret) override;
    Result<QByteArray> read(const QString& key) override;
    Result<void> remove(const QString& key) override;

    /// Empty while the keychain works; otherwise why secrets last only for this session.
    QString availabilityNote() const;

    /// The thread the QtKeychain jobs run on (for tests).
    static const QThread* workerThread();

private:
    enum class Operation
    {
        Write,
        Read,
        Remove,
    };
    struct Outcome;
    Outcome run(Operation operation, const QString& key, const QByteArray& secret = {});
    void markUnavailable(const QString& why);

    QString m_service;
    mutable QMutex m_mutex; // one call at a time; guards the members below
    bool m_available = true;
    QString m_note;
    MemorySecretStore m_fallback;
};
