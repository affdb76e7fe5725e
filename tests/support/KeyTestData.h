// SPDX-License-Identifier: MIT
#pragma once

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

/// Key material for the key-set tests (net and gui): the keys of tests/data/attacks/attack_tokens.json.
namespace KeyTestData {

inline QJsonObject attackKeys()
{
    QFile f(QStringLiteral(TOKENSCOPE_TEST_DATA "/attacks/attack_tokens.json"));
    if (!f.open(QIODevice::ReadOnly)) {
        qFatal("cannot open attacks/attack_tokens.json");
    }
    return QJsonDocument::fromJson(f.readAll()).object().value(QLatin1String("keys")).toObject();
}

/// {"keys": [...]} as compact JSON.
inline QByteArray setText(const QJsonArray& keys)
{
    return QJsonDocument(QJsonObject{{QStringLiteral("keys"), keys}}).toJson(QJsonDocument::Compact);
}

/// The attack vectors' RSA and EC public keys as a set.
inline QByteArray publicSet()
{
    const QJsonObject k = attackKeys();
    return setText({k.value(QLatin1String("rsa_pub")), k.value(QLatin1String("ec_pub"))});
}

} // namespace KeyTestData
