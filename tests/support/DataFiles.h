// SPDX-License-Identifier: MIT
#pragma once

#include <QDirIterator>
#include <QFileInfo>
#include <QStringList>
#include <QTest>

/// Adds one `_data()` row per file of `dir` matching `patterns` (column "path", rows named by file name, sorted), so a
/// data-driven test runs over every collected real-world file.
inline void addDataFileRows(const QString& dir, const QStringList& patterns)
{
    QTest::addColumn<QString>("path");
    QDirIterator it(dir, patterns, QDir::Files);
    QStringList files;
    while (it.hasNext())
        files << it.next();
    files.sort();
    for (const QString& f : files)
        QTest::newRow(qPrintable(QFileInfo(f).fileName())) << f;
}
