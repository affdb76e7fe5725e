// SPDX-License-Identifier: MIT
#pragma once

#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>

/// Loads a JSON vector file from tests/data (see tests/data/README.md for sources and licences).
inline QJsonObject loadVectorFile(const char* relativePath)
{
    QFile f(QStringLiteral(TOKENSCOPE_TEST_DATA "/") + QLatin1String(relativePath));
    if (!f.open(QIODevice::ReadOnly)) {
        qFatal("cannot open test data %s", relativePath);
    }
    return QJsonDocument::fromJson(f.readAll()).object();
}

inline QByteArray compactJson(const QJsonObject& o)
{
    return QJsonDocument(o).toJson(QJsonDocument::Compact);
}
