// SPDX-License-Identifier: MIT
#include "storage/AtomicFile.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QTemporaryDir>
#include <QTest>

#include <sys/stat.h>

#include <unistd.h>

/// AtomicFile: the whole file or the old one (never half of one, never a temporary left behind), the mode asked
/// for, parent directories created, failures as ERR_IO.
namespace {
/// The file's POSIX permission bits (0600, 0644), as `ls -l` shows them.
int unixMode(const QString& path)
{
    struct stat info = {};
    return ::stat(QFile::encodeName(path).constData(), &info) == 0 ? int(info.st_mode & 0777) : -1;
}
} // namespace

class TestAtomicFile : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void init();
    void privateFileIsOwnerOnly();
    void sharedFileIsWorldReadable();
    void replacesAndKeepsPrivateMode();
    void crashKeepsOldFileAndLeavesNoTemporary();
    void crashOnNewFileLeavesNothing();
    void createsMissingParentDirectories();
    void unwritableDirectoryIsIoError();
    void createNewNeverReplaces();
    void createNewCrashLeavesNothing();

private:
    static QByteArray readAll(const QString& path);
    QStringList entries() const;
    std::unique_ptr<QTemporaryDir> m_dir;
};

void TestAtomicFile::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
    AtomicFile::simulateCrashAfterBytesForTest(-1);
}

QByteArray TestAtomicFile::readAll(const QString& path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

QStringList TestAtomicFile::entries() const
{
    return QDir(m_dir->path()).entryList(QDir::AllEntries | QDir::Hidden | QDir::NoDotAndDotDot);
}

void TestAtomicFile::privateFileIsOwnerOnly()
{
    const QString path = m_dir->filePath(QStringLiteral("secret.json"));
    QVERIFY(AtomicFile::write(path, "private", AtomicFile::Mode::Private).ok());
    QCOMPARE(readAll(path), QByteArray("private"));
    QCOMPARE(unixMode(path), 0600);
}

void TestAtomicFile::sharedFileIsWorldReadable()
{
    const QString path = m_dir->filePath(QStringLiteral("collection.json"));
    QVERIFY(AtomicFile::write(path, "shared", AtomicFile::Mode::Shared).ok());
    QCOMPARE(unixMode(path), 0644);
}

void TestAtomicFile::replacesAndKeepsPrivateMode()
{
    const QString path = m_dir->filePath(QStringLiteral("history.jsonl"));
    QVERIFY(AtomicFile::write(path, "old", AtomicFile::Mode::Shared).ok());
    QVERIFY(AtomicFile::write(path, "new", AtomicFile::Mode::Private).ok());
    QCOMPARE(readAll(path), QByteArray("new"));
    QCOMPARE(unixMode(path), 0600);
    QCOMPARE(entries(), QStringList{QStringLiteral("history.jsonl")});
}

void TestAtomicFile::crashKeepsOldFileAndLeavesNoTemporary()
{
    const QString path = m_dir->filePath(QStringLiteral("draft.json"));
    QVERIFY(AtomicFile::write(path, "the old content", AtomicFile::Mode::Private).ok());
    AtomicFile::simulateCrashAfterBytesForTest(4);
    const auto crashed = AtomicFile::write(path, "the new content, longer", AtomicFile::Mode::Private);
    QVERIFY(!crashed.ok());
    QCOMPARE(crashed.error().code, ErrorCode::Io);
    QCOMPARE(readAll(path), QByteArray("the old content"));
    QCOMPARE(entries(), QStringList{QStringLiteral("draft.json")});
    // The seam fires once: the next write goes through.
    QVERIFY(AtomicFile::write(path, "after", AtomicFile::Mode::Private).ok());
    QCOMPARE(readAll(path), QByteArray("after"));
}

void TestAtomicFile::crashOnNewFileLeavesNothing()
{
    const QString path = m_dir->filePath(QStringLiteral("fresh.json"));
    AtomicFile::simulateCrashAfterBytesForTest(0);
    QVERIFY(!AtomicFile::write(path, "content", AtomicFile::Mode::Private).ok());
    QVERIFY(entries().isEmpty());
}

void TestAtomicFile::createsMissingParentDirectories()
{
    const QString path = m_dir->filePath(QStringLiteral("a/b/c/key.pem"));
    QVERIFY(AtomicFile::write(path, "pem", AtomicFile::Mode::Private).ok());
    QCOMPARE(readAll(path), QByteArray("pem"));
}

void TestAtomicFile::unwritableDirectoryIsIoError()
{
    // A "directory" that is a regular file cannot be written into, not even by root.
    const QString notADirectory = m_dir->filePath(QStringLiteral("plain-file"));
    QVERIFY(AtomicFile::write(notADirectory, "x").ok());
    for (const QString& path :
         {QString(notADirectory + QStringLiteral("/x.json")), QString(notADirectory + QStringLiteral("/sub/x.json"))}) {
        const auto written = AtomicFile::write(path, "x", AtomicFile::Mode::Private);
        QVERIFY(!written.ok());
        QCOMPARE(written.error().code, ErrorCode::Io);
        QVERIFY2(written.error().message.contains(path), qPrintable(written.error().message));
        const auto created = AtomicFile::createNew(path, "x");
        QVERIFY(!created.ok());
        QCOMPARE(created.error().code, ErrorCode::Io);
    }
    if (::geteuid() == 0)
        QSKIP("the read-only directory case: root writes into a mode 0500 directory");
    const QString locked = m_dir->filePath(QStringLiteral("locked"));
    QVERIFY(QDir().mkpath(locked));
    QVERIFY(QFile::setPermissions(locked, QFileDevice::ReadOwner | QFileDevice::ExeOwner));
    const auto written = AtomicFile::write(QDir(locked).filePath(QStringLiteral("x.json")), "x");
    const auto created = AtomicFile::createNew(QDir(locked).filePath(QStringLiteral("y.json")), "y");
    const auto nested = AtomicFile::write(QDir(locked).filePath(QStringLiteral("sub/z.json")), "z");
    QFile::setPermissions(locked, QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ExeOwner);
    QVERIFY(!written.ok());
    QCOMPARE(written.error().code, ErrorCode::Io);
    QVERIFY2(written.error().message.contains(QStringLiteral("x.json")), qPrintable(written.error().message));
    QVERIFY(!created.ok());
    QCOMPARE(created.error().code, ErrorCode::Io);
    QVERIFY(!nested.ok());
    QCOMPARE(nested.error().code, ErrorCode::Io);
    QVERIFY(QDir(locked).entryList(QDir::AllEntries | QDir::Hidden | QDir::NoDotAndDotDot).isEmpty());
}

void TestAtomicFile::createNewNeverReplaces()
{
    const QString path = m_dir->filePath(QStringLiteral("issuer-rs256.pem"));
    QVERIFY(AtomicFile::createNew(path, "first", AtomicFile::Mode::Private).ok());
    QCOMPARE(readAll(path), QByteArray("first"));
    QCOMPARE(unixMode(path), 0600);
    const auto second = AtomicFile::createNew(path, "second", AtomicFile::Mode::Private);
    QVERIFY(!second.ok());
    QCOMPARE(second.error().code, ErrorCode::Io);
    QCOMPARE(readAll(path), QByteArray("first"));
    QCOMPARE(entries(), QStringList{QStringLiteral("issuer-rs256.pem")});
}

void TestAtomicFile::createNewCrashLeavesNothing()
{
    const QString path = m_dir->filePath(QStringLiteral("client-secret"));
    AtomicFile::simulateCrashAfterBytesForTest(3);
    QVERIFY(!AtomicFile::createNew(path, "secret", AtomicFile::Mode::Private).ok());
    QVERIFY(entries().isEmpty());
}

QTEST_GUILESS_MAIN(TestAtomicFile)
#include "TestAtomicFile.moc"
