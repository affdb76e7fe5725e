// SPDX-License-Identifier: MIT
#include "storage/StagedDirectory.h"

#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QTemporaryDir>
#include <QTest>

#include <fcntl.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

namespace {

QByteArray readAll(const QString& path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

/// Every entry below `dir` (hidden ones too), relative, sorted.
QStringList everything(const QString& dir)
{
    QStringList out;
    QDirIterator it(dir, QDir::AllEntries | QDir::Hidden | QDir::NoDotAndDotDot, QDirIterator::Subdirectories);
    while (it.hasNext())
        out.append(QDir(dir).relativeFilePath(it.next()));
    out.sort();
    return out;
}

std::vector<StagedDirectory::File> someFiles()
{
    return {{QStringLiteral("collection.json"), "{}\n"},
            {QStringLiteral("Folder/folder.json"), "{\"a\": 1}\n"},
            {QStringLiteral("Folder/Deeper/Request.json"), QByteArray(10000, 'x')},
            {QStringLiteral("Top.json"), "top\n"}};
}

} // namespace

/// StagedDirectory: a whole new tree appears at once (staged, synced, renamed), or not at all.
class TestStagedDirectory : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void createsTheWholeTree();
    void createsMissingParentAndEmptyDirectories();
    void neverReplacesAnExistingTarget();
    void failureLeavesNothing();
    void crashLeavesOnlyAStaleStagingDirectory();
    void liveStagingDirectoryIsNotRemoved();
    void onlyStagingNamesAreRemoved();
};

void TestStagedDirectory::createsTheWholeTree()
{
    QTemporaryDir dir;
    const QString target = dir.filePath(QStringLiteral("New"));
    QVERIFY(StagedDirectory::create(target, {}, someFiles()).ok());
    for (const auto& file : someFiles())
        QCOMPARE(readAll(target + QLatin1Char('/') + file.relativePath), file.data);
    QCOMPARE(everything(dir.path()),
             QStringList({QStringLiteral("New"), QStringLiteral("New/Folder"), QStringLiteral("New/Folder/Deeper"),
                          QStringLiteral("New/Folder/Deeper/Request.json"), QStringLiteral("New/Folder/folder.json"),
                          QStringLiteral("New/Top.json"), QStringLiteral("New/collection.json")})); // no staging left
    struct stat st
    {
    };
    QCOMPARE(::stat(QFile::encodeName(target + QStringLiteral("/Top.json")).constData(), &st), 0);
    QCOMPARE(st.st_mode & 0777, mode_t(0644)); // as AtomicFile's shared files (umask 022 or less)
}

void TestStagedDirectory::createsMissingParentAndEmptyDirectories()
{
    QTemporaryDir dir;
    const QString target = dir.filePath(QStringLiteral("a/b/New"));
    QVERIFY(StagedDirectory::create(target, {QStringLiteral("Empty"), QStringLiteral("x/y")}, {}).ok());
    QVERIFY(QFileInfo(target + QStringLiteral("/Empty")).isDir());
    QVERIFY(QFileInfo(target + QStringLiteral("/x/y")).isDir());
}

void TestStagedDirectory::neverReplacesAnExistingTarget()
{
    QTemporaryDir dir;
    const QString target = dir.filePath(QStringLiteral("New"));
    QVERIFY(QDir().mkpath(target)); // empty: rename(2) alone would replace it
    const auto created = StagedDirectory::create(target, {}, someFiles());
    QVERIFY(!created.ok());
    QCOMPARE(created.error().code, ErrorCode::Io);
    QVERIFY2(created.error().message.contains(QLatin1String("exists")), qPrintable(created.error().message));
    QCOMPARE(everything(dir.path()), QStringList{QStringLiteral("New")});
}

void TestStagedDirectory::failureLeavesNothing()
{
    QTemporaryDir dir;
    QVERIFY(QDir().mkpath(dir.filePath(QStringLiteral("Other"))));
    StagedDirectory::interruptAfterFilesForTest(2, StagedDirectory::Interruption::Failure);
    const auto created = StagedDirectory::create(dir.filePath(QStringLiteral("New")), {}, someFiles());
    QVERIFY(!created.ok());
    QCOMPARE(created.error().code, ErrorCode::Io);
    QCOMPARE(everything(dir.path()), QStringList{QStringLiteral("Other")});
    // The seam is used up: the next create() goes through.
    QVERIFY(StagedDirectory::create(dir.filePath(QStringLiteral("New")), {}, someFiles()).ok());
}

void TestStagedDirectory::crashLeavesOnlyAStaleStagingDirectory()
{
    QTemporaryDir dir;
    StagedDirectory::interruptAfterFilesForTest(3, StagedDirectory::Interruption::Crash);
    QVERIFY(!StagedDirectory::create(dir.filePath(QStringLiteral("New")), {}, someFiles()).ok());
    QVERIFY(!QFileInfo::exists(dir.filePath(QStringLiteral("New")))); // no half tree under the final name
    const QStringList left = QDir(dir.path()).entryList(QDir::AllEntries | QDir::Hidden | QDir::NoDotAndDotDot);
    QCOMPARE(left.size(), 1);
    QVERIFY2(StagedDirectory::isStagingName(left.first()), qPrintable(left.first()));
    QVERIFY(left.first().startsWith(QLatin1Char('.'))); // hidden: listings without QDir::Hidden skip it
    QVERIFY(StagedDirectory::removeIfStale(dir.path(), left.first()));
    QCOMPARE(everything(dir.path()), QStringList());
}

void TestStagedDirectory::liveStagingDirectoryIsNotRemoved()
{
    // A writer in another process holds the lock: flock(2) locks belong to the open file description, so a second
    // open in this process stands in for it.
    QTemporaryDir dir;
    const QString name = QStringLiteral(".tokenscope-staging-live");
    QVERIFY(StagedDirectory::isStagingName(name));
    const QString path = dir.filePath(name);
    QVERIFY(QDir().mkpath(path + QStringLiteral("/Folder")));
    const int fd = ::open(QFile::encodeName(path).constData(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    QVERIFY(fd >= 0);
    QCOMPARE(::flock(fd, LOCK_EX | LOCK_NB), 0);
    QVERIFY(!StagedDirectory::removeIfStale(dir.path(), name));
    QVERIFY(QFileInfo(path + QStringLiteral("/Folder")).isDir());
    ::close(fd); // the writer is gone
    QVERIFY(StagedDirectory::removeIfStale(dir.path(), name));
    QVERIFY(!QFileInfo::exists(path));
}

void TestStagedDirectory::onlyStagingNamesAreRemoved()
{
    QTemporaryDir dir;
    QVERIFY(QDir().mkpath(dir.filePath(QStringLiteral(".git"))));
    QVERIFY(QDir().mkpath(dir.filePath(QStringLiteral("Shop"))));
    QVERIFY(!StagedDirectory::removeIfStale(dir.path(), QStringLiteral(".git")));
    QVERIFY(!StagedDirectory::removeIfStale(dir.path(), QStringLiteral("Shop")));
    // A symbolic link with a staging name is not followed to delete what it points to.
    QVERIFY(QFile::link(dir.filePath(QStringLiteral("Shop")), dir.filePath(QStringLiteral(".tokenscope-staging-x"))));
    QVERIFY(!StagedDirectory::removeIfStale(dir.path(), QStringLiteral(".tokenscope-staging-x")));
    QVERIFY(QFileInfo(dir.filePath(QStringLiteral("Shop"))).isDir());
    QVERIFY(QFileInfo::exists(dir.filePath(QStringLiteral(".git"))));
}

QTEST_GUILESS_MAIN(TestStagedDirectory)
#include "TestStagedDirectory.moc"
