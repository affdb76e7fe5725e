// SPDX-License-Identifier: MIT
#include "storage/KeychainSecretStore.h"

#include <qt6keychain/keychain.h>

#include <QEventLoop>
#include <QTimer>
#include <memory>

namespace {

struct JobOutcome
{
    QKeychain::Error error = QKeychain::NoBackendAvailable;
    QString message = QStringLiteral("the keychain did not answer");
    QByteArray data;
};

/// Runs a heap-allocated QtKeychain job (it deletes itself when done, also after a timeout here) and waits.
JobOutcome runJob(QKeychain::Job* job)
{
    auto outcome = std::make_shared<JobOutcome>();
    job->setAutoDelete(true);
    QEventLoop loop;
    QObject::connect(job, &QKeychain::Job::finished, &loop, [outcome, &loop](QKeychain::Job* done) {
        outcome->error = done->error();
        outcome->message = done->errorString();
        if (auto* read = qobject_cast<QKeychain::ReadPasswordJob*>(done))
            outcome->data = read->binaryData();
        loop.quit();
    });
    QTimer::singleShot(KeychainSecretStore::kTimeoutMs, &loop, &QEventLoop::quit);
    job->start();
    loop.exec();
    return *outcome;
}

bool isBackendMissing(QKeychain::Error error)
{
    return error == QKeychain::NoBackendAvailable || error == QKeychain::NotImplemented ||
           error == QKeychain::AccessDenied || error == QKeychain::AccessDeniedByUser;
}

} // namespace

KeychainSecretStore::KeychainSecretStore(QString service)
    : m_service(std::move(service))
{
}

QString KeychainSecretStore::backendName() const
{
    return m_available ? QStringLiteral("OS keychain") : QStringLiteral("memory (no keychain available)");
}

void KeychainSecretStore::markUnavailable(const QString& why)
{
    m_available = false;
    m_note = QStringLiteral("No keychain is available (%1): secrets are kept for this session only.").arg(why);
}

Result<void> KeychainSecretStore::write(const QString& key, const QByteArray& secret)
{
    if (m_available) {
        auto* job = new QKeychain::WritePasswordJob(m_service);
        job->setKey(key);
        job->setBinaryData(secret);
        const JobOutcome r = runJob(job);
        if (r.error == QKeychain::NoError)
            return Result<void>::success();
        if (!isBackendMissing(r.error))
            return Error(ErrorCode::Io, QStringLiteral("keychain: %1").arg(r.message));
        markUnavailable(r.message);
    }
    return m_fallback.write(key, secret);
}

Result<QByteArray> KeychainSecretStore::read(const QString& key)
{
    if (m_available) {
        auto* job = new QKeychain::ReadPasswordJob(m_service);
        job->setKey(key);
        const JobOutcome r = runJob(job);
        if (r.error == QKeychain::NoError)
            return r.data;
        if (r.error == QKeychain::EntryNotFound)
            return QByteArray();
        if (!isBackendMissing(r.error))
            return Error(ErrorCode::Io, QStringLiteral("keychain: %1").arg(r.message));
        markUnavailable(r.message);
    }
    return m_fallback.read(key);
}

Result<void> KeychainSecretStore::remove(const QString& key)
{
    (void)m_fallback.remove(key);
    if (!m_available)
        return Result<void>::success();
    auto* job = new QKeychain::DeletePasswordJob(m_service);
    job->setKey(key);
    const JobOutcome r = runJob(job);
    if (r.error == QKeychain::NoError || r.error == QKeychain::EntryNotFound)
        return Result<void>::success();
    if (isBackendMissing(r.error)) {
        markUnavailable(r.message);
        return Result<void>::success();
    }
    return Error(ErrorCode::Io, QStringLiteral("keychain: %1").arg(r.message));
}
