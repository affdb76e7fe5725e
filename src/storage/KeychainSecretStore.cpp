// SPDX-License-Identifier: MIT
#include "storage/KeychainSecretStore.h"

#include <qt6keychain/keychain.h>

#include <QCoreApplication>
#include <QMutexLocker>
#include <QThread>

#include <chrono>
#include <future>

struct KeychainSecretStore::Outcome
{
    QKeychain::Error error = QKeychain::NoBackendAvailable;
    QString message = QStringLiteral("the keychain did not answer");
    QByteArray data;
};

namespace {

/// The process's keychain thread and an object living on it (the context and parent of the jobs). Created on first
/// use and deliberately never deleted: it is stopped by a post routine of QCoreApplication (thread objects must
/// not outlive the application's event machinery, and static destructors run after it).
struct KeychainThread
{
    QThread thread;
    QObject* context = nullptr;

    static KeychainThread& instance()
    {
        static KeychainThread* const shared = [] {
            auto* created = new KeychainThread;
            created->thread.setObjectName(QStringLiteral("KeychainSecretStore"));
            created->context = new QObject;
            created->context->moveToThread(&created->thread);
            QObject::connect(&created->thread, &QThread::finished, created->context, &QObject::deleteLater);
            created->thread.start();
            qAddPostRoutine([] {
                instance().thread.quit();
                instance().thread.wait();
            });
            return created;
        }();
        return *shared;
    }
};

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

const QThread* KeychainSecretStore::workerThread()
{
    return &KeychainThread::instance().thread;
}

KeychainSecretStore::Outcome KeychainSecretStore::run(Operation operation, const QString& key, const QByteArray& secret)
{
    KeychainThread& keychain = KeychainThread::instance();
    Q_ASSERT_X(QThread::currentThread() != &keychain.thread, "KeychainSecretStore", "called on the keychain thread");
    // Shared with the worker: after a timeout here the job may still finish and set the promise nobody waits for.
    auto promise = std::make_shared<std::promise<Outcome>>();
    std::future<Outcome> future = promise->get_future();
    const QString service = m_service;
    QObject* worker = keychain.context;
    QMetaObject::invokeMethod(
        worker,
        [promise, worker, service, operation, key, secret] {
            QKeychain::Job* job = nullptr;
            switch (operation) {
            case Operation::Write: {
                auto* write = new QKeychain::WritePasswordJob(service, worker);
                write->setBinaryData(secret);
                job = write;
                break;
            }
            case Operation::Read:
                job = new QKeychain::ReadPasswordJob(service, worker);
                break;
            case Operation::Remove:
                job = new QKeychain::DeletePasswordJob(service, worker);
                break;
            }
            job->setKey(key);
            job->setAutoDelete(true);
            QObject::connect(job, &QKeychain::Job::finished, worker, [promise](QKeychain::Job* done) {
                Outcome outcome;
                outcome.error = done->error();
                outcome.message = done->errorString();
                if (auto* read = qobject_cast<QKeychain::ReadPasswordJob*>(done))
                    outcome.data = read->binaryData();
                promise->set_value(std::move(outcome));
            });
            job->start();
        },
        Qt::QueuedConnection);
    if (future.wait_for(std::chrono::milliseconds(kTimeoutMs)) != std::future_status::ready)
        return Outcome{};
    return future.get();
}

QString KeychainSecretStore::backendName() const
{
    QMutexLocker lock(&m_mutex);
    return m_available ? QStringLiteral("OS keychain") : QStringLiteral("memory (no keychain available)");
}

bool KeychainSecretStore::isPersistent() const
{
    QMutexLocker lock(&m_mutex);
    return m_available;
}

QString KeychainSecretStore::availabilityNote() const
{
    QMutexLocker lock(&m_mutex);
    return m_note;
}

void KeychainSecretStore::markUnavailable(const QString& why)
{
    m_available = false;
    m_note = QStringLiteral("No keychain is available (%1): secrets are kept for this session only.").arg(why);
}

Result<void> KeychainSecretStore::write(const QString& key, const QByteArray& secret)
{
    QMutexLocker lock(&m_mutex);
    if (m_available) {
        const Outcome r = run(Operation::Write, key, secret);
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
    QMutexLocker lock(&m_mutex);
    if (m_available) {
        const Outcome r = run(Operation::Read, key);
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
    QMutexLocker lock(&m_mutex);
    (void)m_fallback.remove(key);
    if (!m_available)
        return Result<void>::success();
    const Outcome r = run(Operation::Remove, key);
    if (r.error == QKeychain::NoError || r.error == QKeychain::EntryNotFound)
        return Result<void>::success();
    if (isBackendMissing(r.error)) {
        markUnavailable(r.message);
        return Result<void>::success();
    }
    return Error(ErrorCode::Io, QStringLiteral("keychain: %1").arg(r.message));
}
