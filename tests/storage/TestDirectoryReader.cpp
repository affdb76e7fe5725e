// SPDX-License-Identifier: MIT
#include "storage/DirectoryReader.h"

#include <QDir>
#include <QFile>
#include <QTemporaryDir>
#include <QTest>

/// DirectoryReader lists what QDir lists (in the same order) and reads files whole, relative to the open directory.
class TestDirectoryReader : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void listsWhatQDirLists();
    void readsFilesWhole();
    void missingAndUnreadable();

private:
    static void write(const QString& path, const QByteArray& data)
    {
        QFile f(path);
        QVERIFY(f.open(QIODevice::WriteOnly));
        QCOMPARE(f.write(data), data.size());
    }
};

void TestDirectoryReader::listsWhatQDirLists()
{
    QTemporaryDir tmp;
    QDir dir(tmp.path());
    // Names whose order differs between byte, case-insensitive and locale order; a hidden file and directory; a
    // link to a directory, a link to a file and a broken link.
    for (const char* name : {"b.json", "B.json", "a b.json", "ä.json", "Z.json", "10.json", "9.json", ".hidden.json"})
        write(dir.filePath(QString::fromUtf8(name)), "{}");
    for (const char* name : {"Folder", "folder 2", ".git", "Ärger"})
        QVERIFY(dir.mkdir(QString::fromUtf8(name)));
    QVERIFY(QFile::link(dir.filePath(QStringLiteral("Folder")), dir.filePath(QStringLiteral("link-to-folder"))));
    QVERIFY(QFile::link(dir.filePath(QStringLiteral("b.json")), dir.filePath(QStringLiteral("link-to-file.json"))));
    QVERIFY(QFile::link(dir.filePath(QStringLiteral("gone")), dir.filePath(QStringLiteral("broken.json"))));

    QStringList expected;
    for (const QFileInfo& info : dir.entryInfoList(QDir::Dirs | QDir::Files | QDir::NoDotAndDotDot, QDir::Name))
        expected.append(info.fileName() + (info.isDir() ? QStringLiteral("/") : QString()));
    const DirectoryReader reader(tmp.path());
    QVERIFY(reader.isOpen());
    QStringList listed;
    for (const DirectoryReader::Entry& entry : reader.entries())
        listed.append(entry.name + (entry.isDirectory ? QStringLiteral("/") : QString()));
    QCOMPARE(listed, expected);
    QVERIFY(listed.contains(QStringLiteral("link-to-folder/")));
    QVERIFY(!listed.contains(QStringLiteral("broken.json")));
    QVERIFY(!listed.contains(QStringLiteral(".hidden.json")));
    // Asked for, the hidden names come separately (for the workspace load's stale staging directories).
    QStringList hidden;
    QCOMPARE(reader.entries(&hidden).size(), listed.size());
    hidden.sort();
    QCOMPARE(hidden, QStringList({QStringLiteral(".git"), QStringLiteral(".hidden.json")}));
}

void TestDirectoryReader::readsFilesWhole()
{
    QTemporaryDir tmp;
    QDir dir(tmp.path());
    QVERIFY(dir.mkdir(QStringLiteral("sub")));
    QByteArray big;
    for (int i = 0; i < 100000; ++i)
        big += QByteArray::number(i) + ',';
    write(dir.filePath(QStringLiteral("sub/big.json")), big);
    write(dir.filePath(QStringLiteral("sub/empty.json")), QByteArray());
    write(dir.filePath(QString::fromUtf8("sub/Grüße.json")), "{\"a\": 1}\n");
    const DirectoryReader reader(dir.filePath(QStringLiteral("sub")));
    const DirectoryReader::File file = reader.read(QStringLiteral("big.json"));
    QCOMPARE(file.status, DirectoryReader::File::Status::Read);
    QCOMPARE(file.data, big);
    QCOMPARE(reader.read(QString::fromUtf8("Grüße.json")).data, QByteArray("{\"a\": 1}\n"));
    const DirectoryReader::File empty = reader.read(QStringLiteral("empty.json"));
    QCOMPARE(empty.status, DirectoryReader::File::Status::Read);
    QVERIFY(empty.data.isEmpty());
    QCOMPARE(DirectoryReader::readPath(dir.filePath(QStringLiteral("sub/big.json"))).data, big);
}

void TestDirectoryReader::missingAndUnreadable()
{
    QTemporaryDir tmp;
    QDir dir(tmp.path());
    QVERIFY(dir.mkdir(QStringLiteral("sub")));
    const DirectoryReader reader(tmp.path());
    QCOMPARE(reader.read(QStringLiteral("nothing.json")).status, DirectoryReader::File::Status::Missing);
    QCOMPARE(DirectoryReader::readPath(dir.filePath(QStringLiteral("nothing.json"))).status,
             DirectoryReader::File::Status::Missing);
    // A directory where a file is expected is there but cannot be read as one, and says why.
    const DirectoryReader::File notAFile = reader.read(QStringLiteral("sub"));
    QCOMPARE(notAFile.status, DirectoryReader::File::Status::Failed);
    QVERIFY(!notAFile.error.isEmpty());
    const DirectoryReader missing(dir.filePath(QStringLiteral("nowhere")));
    QVERIFY(!missing.isOpen());
    QVERIFY(missing.entries().isEmpty());
    QCOMPARE(missing.read(QStringLiteral("x.json")).status, DirectoryReader::File::Status::Missing);
}

QTEST_GUILESS_MAIN(TestDirectoryReader)
#include "TestDirectoryReader.moc"
