// SPDX-License-Identifier: MIT
#pragma once

#include "storage/SecretStore.h"

#include <QHash>

/// Secrets kept for the session only (tests; machines without a keychain).
class MemorySecretStore final : public SecretStore
{
public:
    QString backendName() const override { return QStringLiteral("memory (this session only)"); }
    bool isPersistent() const override { return false; }
    Result<void> write(const QString& key, const QByteArray& secret) override;
    Result<QByteArray> read(const QString& key) override;
    Result<void> remove(const QString& key) override;
    qsizetype size() const { return m_secrets.size(); }

private:
    QHash<QString, QByteArray> m_secrets;
};
