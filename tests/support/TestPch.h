// SPDX-License-Identifier: MIT
#pragma once

// The precompiled header every test program shares when TOKENSCOPE_TEST_PCH is on (CI): Qt Core, Qt Test's case
// machinery and the standard library, parsed once instead of once per test source. Only headers that read no macro
// which differs between test programs: not <QTest> (qtest.h picks QTEST_MAIN's application class by QT_WIDGETS_LIB
// and QT_GUI_LIB), nothing of ours (it would rebuild every test on each change).
#include <QtTest/qsignalspy.h>
#include <QtTest/qtestcase.h>
#include <QtTest/qtestdata.h>

#include <QByteArray>
#include <QCoreApplication>
#include <QDateTime>
#include <QDir>
#include <QDirIterator>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QFile>
#include <QFileInfo>
#include <QHash>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QList>
#include <QMap>
#include <QObject>
#include <QProcess>
#include <QRegularExpression>
#include <QSet>
#include <QStandardPaths>
#include <QString>
#include <QStringList>
#include <QTemporaryDir>
#include <QThread>
#include <QTimer>
#include <QUrl>
#include <QVariant>

#include <algorithm>
#include <atomic>
#include <functional>
#include <memory>
#include <optional>
#include <vector>
