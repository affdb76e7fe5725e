// SPDX-License-Identifier: MIT
#include "storage/MemorySecretStore.h"

Result<void> MemorySecretStore::write(const QString& key, const QByteArray& secret)
{
    m_secrets.insert(key, secret);
    return Result<void>::success();
}

Result<QByteArray> MemorySecretStore::read(const QString& key)
{
    return m_secrets.value(key);
}

Result<void> MemorySecretStore::remove(const QString& key)
{
    m_secrets.remove(key);
    return Result<void>::success();
}
