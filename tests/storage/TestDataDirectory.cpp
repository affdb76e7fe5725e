// SPDX-License-Identifier: MIT
#include "storage/DataDirectory.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

#include <sys/stat.h>

/// DataDirectory: one directory for the GUI and the CLI, overridable, and the one-time copy of files from the
/// program's old AppDataLocation.
namespace {
/// The file's POSIX permission bits (0600, 0644), as `ls -l` shows them.
int unixMode(const QString& path)
{
    struct stat info = {};
    return ::stat(QFile::encodeName(path).constData(), &info) == 0 ? int(info.st_mode & 0777) : -1;
}
} // namespace

class TestDataDirectory : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void init();
    void cleanup();
    void sameForEveryProgramName();
    void overriddenByEnvironment();
    void filesLiveUnderTheRoot();
    void oldFilesAreCopiedOnce();
    void oldDirectoryIsCopied();

private:
    static void writeFile(const QString& path, const QByteArray& content);
    static QByteArray readFile(const QString& path);
    std::unique_ptr<QTemporaryDir> m_home;
};

void TestDataDirectory::init()
{
    m_home = std::make_unique<QTemporaryDir>();
    QVERIFY(m_home->isValid());
    qputenv("XDG_DATA_HOME", m_home->filePath(QStringLiteral("data")).toUtf8());
    qunsetenv("TOKENSCOPE_DATA_DIR");
    QCoreApplication::setOrganizationName(QStringLiteral("Tokenscope"));
    QCoreApplication::setApplicationName(QStringLiteral("tokenscope"));
}

void TestDataDirectory::cleanup()
{
    qunsetenv("XDG_DATA_HOME");
    qunsetenv("TOKENSCOPE_DATA_DIR");
}

void TestDataDirectory::writeFile(const QString& path, const QByteArray& content)
{
    QDir().mkpath(QFileInfo(path).absolutePath());
    QFile file(path);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write(content);
}

QByteArray TestDataDirectory::readFile(const QString& path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

void TestDataDirectory::sameForEveryProgramName()
{
    const QString expected = m_home->filePath(QStringLiteral("data/tokenscope"));
    for (const QString& name : {QStringLiteral("tokenscope"), QStringLiteral("tokenscope-cli")}) {
        QCoreApplication::setApplicationName(name);
        QCOMPARE(DataDirectory::root(), expected);
    }
}

void TestDataDirectory::overriddenByEnvironment()
{
    const QString custom = m_home->filePath(QStringLiteral("custom"));
    qputenv("TOKENSCOPE_DATA_DIR", custom.toUtf8());
    QCOMPARE(DataDirectory::root(), custom);
    QCOMPARE(DataDirectory::issuerDirectory(), QString(custom + QStringLiteral("/server")));
}

void TestDataDirectory::filesLiveUnderTheRoot()
{
    const QString root = DataDirectory::root();
    QCOMPARE(DataDirectory::defaultWorkspace(), QString(root + QStringLiteral("/workspace")));
    QCOMPARE(DataDirectory::issuerDirectory(), QString(root + QStringLiteral("/server")));
    QCOMPARE(DataDirectory::historyFile(), QString(root + QStringLiteral("/history.jsonl")));
    QCOMPARE(DataDirectory::draftFile(), QString(root + QStringLiteral("/request-draft.json")));
    QCOMPARE(DataDirectory::environmentsFile(), QString(root + QStringLiteral("/environments.json")));
    QCOMPARE(DataDirectory::jwksHistoryDirectory(), QString(root + QStringLiteral("/jwks-history")));
    // The old location: the program's AppDataLocation (organisation/application).
    QCOMPARE(DataDirectory::legacyFile(QStringLiteral("history.json")),
             m_home->filePath(QStringLiteral("data/Tokenscope/tokenscope/history.json")));
}

void TestDataDirectory::oldFilesAreCopiedOnce()
{
    const QString legacy = DataDirectory::legacyFile(QStringLiteral("environments.json"));
    writeFile(legacy, "{\"version\":1}");
    const QString path = DataDirectory::environmentsFile();
    QCOMPARE(readFile(path), QByteArray("{\"version\":1}"));
    QCOMPARE(unixMode(path), 0600);
    QVERIFY(QFile::exists(legacy)); // copied, not moved: an older release still finds its file
    // Once the new file exists it wins; the old one is never copied over it again.
    writeFile(legacy, "{\"version\":2}");
    QCOMPARE(DataDirectory::environmentsFile(), path);
    QCOMPARE(readFile(path), QByteArray("{\"version\":1}"));
    // Nothing to migrate: nothing created.
    QVERIFY(!QFile::exists(DataDirectory::draftFile()));
}

void TestDataDirectory::oldDirectoryIsCopied()
{
    writeFile(DataDirectory::legacyFile(QStringLiteral("jwks-history/abc.json")), "{\"url\":\"x\"}");
    writeFile(DataDirectory::legacyFile(QStringLiteral("jwks-history/def.json")), "{\"url\":\"y\"}");
    const QDir dir(DataDirectory::jwksHistoryDirectory());
    QCOMPARE(dir.entryList(QDir::Files), (QStringList{QStringLiteral("abc.json"), QStringLiteral("def.json")}));
    QCOMPARE(readFile(dir.filePath(QStringLiteral("def.json"))), QByteArray("{\"url\":\"y\"}"));
}

QTEST_GUILESS_MAIN(TestDataDirectory)
#include "TestDataDirectory.moc"
