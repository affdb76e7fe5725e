// SPDX-License-Identifier: MIT
#include "jose/JwtBuilder.h"
#include "storage/HistoryWriter.h"
#include "storage/RequestHistory.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QTest>

#include <sys/stat.h>

#include <atomic>

/// The history log: JSON Lines appended on the writer thread, bounded by compaction, read from the tail, damaged
/// lines skipped, secrets never in the file, the old history.json migrated once.
namespace {
/// The file's POSIX permission bits (0600, 0644), as `ls -l` shows them.
int unixMode(const QString& path)
{
    struct stat info = {};
    return ::stat(QFile::encodeName(path).constData(), &info) == 0 ? int(info.st_mode & 0777) : -1;
}
} // namespace

class TestHistoryWriter : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void init();
    void appendsOneLinePerEntryOffTheCallingThread();
    void boundedByCompaction();
    void loadReadsTheTail();
    void damagedLineIsSkippedAndReported();
    void lineCutShortByACrashDoesNotSwallowTheNext();
    void noSecretInTheFile();
    void removeAndClearRewrite();
    void legacyHistoryIsMigratedOnce();
    void damagedLegacyHistoryIsLeftAlone();
    void unwritableLogIsReported();

private:
    static HttpRequestSpec request(const QString& url);
    static HttpClientResponse response(const QByteArray& body = "{}");
    static QList<QByteArray> lines(const QString& path);
    QString path() const { return m_dir->filePath(QStringLiteral("history.jsonl")); }
    std::unique_ptr<QTemporaryDir> m_dir;
};

void TestHistoryWriter::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
}

HttpRequestSpec TestHistoryWriter::request(const QString& url)
{
    HttpRequestSpec r;
    r.method = QStringLiteral("GET");
    r.url = url;
    return r;
}

HttpClientResponse TestHistoryWriter::response(const QByteArray& body)
{
    HttpClientResponse r;
    r.received = true;
    r.status = 200;
    r.body = body;
    r.bodySize = body.size();
    return r;
}

QList<QByteArray> TestHistoryWriter::lines(const QString& path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return {};
    QList<QByteArray> out = file.readAll().split('\n');
    out.removeIf([](const QByteArray& l) { return l.isEmpty(); });
    return out;
}

void TestHistoryWriter::appendsOneLinePerEntryOffTheCallingThread()
{
    RequestHistory history;
    QVERIFY(history.open(path()).ok());
    history.add(request(QStringLiteral("https://api.example/one")), response(), 1);
    history.add(request(QStringLiteral("https://api.example/two")), response(), 2);
    history.waitForWrites();
    const QList<QByteArray> written = lines(path());
    QCOMPARE(written.size(), 2);
    // Oldest first, each line one whole entry.
    QCOMPARE(QJsonDocument::fromJson(written.at(0)).object().value(QStringLiteral("url")).toString(),
             QStringLiteral("https://api.example/one"));
    QCOMPARE(QJsonDocument::fromJson(written.at(1)).object().value(QStringLiteral("url")).toString(),
             QStringLiteral("https://api.example/two"));
    QCOMPARE(unixMode(path()), 0600);
    // The disk work happened on the writer's thread, not here.
    QVERIFY(history.writer() != nullptr);
    QCOMPARE(history.writer()->lastWriteThread(), history.writer()->writerThread());
    QVERIFY(history.writer()->lastWriteThread() != std::this_thread::get_id());
}

void TestHistoryWriter::boundedByCompaction()
{
    constexpr int kCap = 5;
    RequestHistory history(kCap);
    QVERIFY(history.open(path()).ok());
    for (int i = 1; i <= kCap * HistoryWriter::kCompactFactor; ++i)
        history.add(request(QStringLiteral("https://api.example/%1").arg(i)), response(), i);
    history.waitForWrites();
    QCOMPARE(lines(path()).size(), kCap * HistoryWriter::kCompactFactor); // at the bound: appended, not rewritten
    QCOMPARE(history.writer()->compactions(), 0);
    history.add(request(QStringLiteral("https://api.example/11")), response(), 11);
    history.waitForWrites();
    QCOMPARE(history.writer()->compactions(), 1);
    const QList<QByteArray> kept = lines(path());
    QCOMPARE(kept.size(), kCap); // the newest kCap entries
    QCOMPARE(QJsonDocument::fromJson(kept.first()).object().value(QStringLiteral("url")).toString(),
             QStringLiteral("https://api.example/7"));
    QCOMPARE(QJsonDocument::fromJson(kept.last()).object().value(QStringLiteral("url")).toString(),
             QStringLiteral("https://api.example/11"));
    // Appending goes on after a compaction.
    history.add(request(QStringLiteral("https://api.example/12")), response(), 12);
    history.waitForWrites();
    QCOMPARE(lines(path()).size(), kCap + 1);
    QVERIFY(QDir(m_dir->path()).entryList(QDir::Files | QDir::Hidden).size() == 1); // no temporary left behind
}

void TestHistoryWriter::loadReadsTheTail()
{
    {
        RequestHistory writer(1000);
        QVERIFY(writer.open(path()).ok());
        for (int i = 1; i <= 30; ++i)
            writer.add(request(QStringLiteral("https://api.example/%1").arg(i)), response(QByteArray(200, 'x')), i);
    } // the destructor finishes the queue
    QCOMPARE(lines(path()).size(), 30);
    RequestHistory loaded(4);
    const auto report = loaded.load(path());
    QVERIFY(report.ok());
    QCOMPARE(report->loaded, 4);
    QCOMPARE(report->skipped, 0);
    QCOMPARE(loaded.entries().size(), 4);
    QCOMPARE(loaded.entries().first().url, QStringLiteral("https://api.example/30")); // newest first
    QCOMPARE(loaded.entries().last().url, QStringLiteral("https://api.example/27"));
    // New ids continue after the ones on disk.
    QVERIFY(loaded.add(request(QStringLiteral("https://api.example/31")), response(), 31).id > 30);
    // A missing log is an empty history.
    QVERIFY(loaded.load(m_dir->filePath(QStringLiteral("missing.jsonl"))).ok());
    QVERIFY(loaded.entries().isEmpty());
}

void TestHistoryWriter::damagedLineIsSkippedAndReported()
{
    {
        RequestHistory history;
        QVERIFY(history.open(path()).ok());
        history.add(request(QStringLiteral("https://api.example/before")), response(), 1);
    }
    {
        QFile file(path());
        QVERIFY(file.open(QIODevice::Append));
        file.write("{\"id\": 2, \"method\": \"GET\", \"url\": \"https://api.exa\n"); // cut short
        file.write("[1, 2, 3]\n");                                                   // not an entry
    }
    {
        RequestHistory history;
        QVERIFY(history.open(path()).ok());
        history.add(request(QStringLiteral("https://api.example/after")), response(), 3);
    }
    RequestHistory loaded;
    const auto report = loaded.load(path());
    QVERIFY(report.ok());
    QCOMPARE(report->skipped, 2);
    QVERIFY2(report->firstProblem.startsWith(QStringLiteral("line 2:")), qPrintable(report->firstProblem));
    QCOMPARE(report->loaded, 2);
    QCOMPARE(loaded.entries().first().url, QStringLiteral("https://api.example/after"));
    QCOMPARE(loaded.entries().last().url, QStringLiteral("https://api.example/before"));
}

void TestHistoryWriter::lineCutShortByACrashDoesNotSwallowTheNext()
{
    {
        QFile file(path());
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write("{\"id\": 1, \"meth"); // a crash mid-append: no newline at the end
    }
    RequestHistory history;
    const auto opened = history.open(path());
    QVERIFY(opened.ok());
    QCOMPARE(opened->skipped, 1);
    history.add(request(QStringLiteral("https://api.example/next")), response(), 2);
    history.waitForWrites();
    RequestHistory loaded;
    const auto report = loaded.load(path());
    QCOMPARE(report->loaded, 1);
    QCOMPARE(loaded.entries().first().url, QStringLiteral("https://api.example/next"));
}

void TestHistoryWriter::noSecretInTheFile()
{
    const QByteArray jwt =
        JwtBuilder::sign(QStringLiteral("HS256"), QJsonObject{{QStringLiteral("sub"), QStringLiteral("alice")}},
                         Jwk::fromSecret(QByteArray(32, 'k')))
            .value();
    HttpRequestSpec r = request(QStringLiteral("https://api.example/token?client_secret=s3cr3t"));
    r.auth.kind = HttpRequestSpec::AuthKind::Bearer;
    r.auth.token = QString::fromLatin1(jwt);
    r.headers = {{QStringLiteral("X-Env"), QStringLiteral("env-secret-value"), true}};
    RequestHistory history;
    QVERIFY(history.open(path()).ok());
    history.add(r, response("{\"access_token\":\"" + jwt + "\",\"refresh_token\":\"opaque-refresh\"}"), 1,
                {QStringLiteral("env-secret-value")});
    history.waitForWrites();
    QFile file(path());
    QVERIFY(file.open(QIODevice::ReadOnly));
    const QByteArray stored = file.readAll();
    QVERIFY(stored.contains("https://api.example/token"));
    for (const QByteArray& secret :
         {jwt, QByteArray("s3cr3t"), QByteArray("opaque-refresh"), QByteArray("env-secret-value")})
        QVERIFY2(!stored.contains(secret), secret.constData());
}

void TestHistoryWriter::removeAndClearRewrite()
{
    RequestHistory history;
    QVERIFY(history.open(path()).ok());
    const qint64 first = history.add(request(QStringLiteral("https://api.example/1")), response(), 1).id;
    history.add(request(QStringLiteral("https://api.example/2")), response(), 2);
    QVERIFY(history.remove(first));
    history.waitForWrites();
    QCOMPARE(lines(path()).size(), 1);
    QVERIFY(lines(path()).first().contains("https://api.example/2"));
    history.clear();
    history.waitForWrites();
    QCOMPARE(lines(path()).size(), 0);
    QVERIFY(QFile::exists(path()));
}

void TestHistoryWriter::legacyHistoryIsMigratedOnce()
{
    // The old format: one document, newest first (as RequestHistory::save wrote it up to now).
    RequestHistory old;
    old.add(request(QStringLiteral("https://api.example/older")), response(), 1);
    old.add(request(QStringLiteral("https://api.example/newer")), response(), 2);
    QJsonArray entries;
    for (const auto& e : old.entries())
        entries.append(e.toJson());
    const QString legacy = m_dir->filePath(QStringLiteral("history.json"));
    {
        QFile file(legacy);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write(QJsonDocument(QJsonObject{{QStringLiteral("version"), 1}, {QStringLiteral("entries"), entries}})
                       .toJson(QJsonDocument::Compact));
    }
    {
        RequestHistory history;
        const auto report = history.open(path(), legacy);
        QVERIFY(report.ok());
        QVERIFY(report->migrated);
        QCOMPARE(report->loaded, 2);
        QCOMPARE(history.entries().first().url, QStringLiteral("https://api.example/newer"));
        history.add(request(QStringLiteral("https://api.example/newest")), response(), 3);
    }
    QCOMPARE(lines(path()).size(), 3);
    QVERIFY(!QFile::exists(legacy)); // renamed aside: migrated once, also if the log is cleared later
    QVERIFY(QFile::exists(legacy + QStringLiteral(".migrated")));
    RequestHistory again;
    const auto report = again.open(path(), legacy);
    QVERIFY(!report->migrated); // once: the log exists now
    QCOMPARE(again.entries().size(), 3);
    QCOMPARE(again.entries().first().url, QStringLiteral("https://api.example/newest"));
}

void TestHistoryWriter::damagedLegacyHistoryIsLeftAlone()
{
    const QString legacy = m_dir->filePath(QStringLiteral("history.json"));
    {
        QFile file(legacy);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write("{\"version\": 1, \"entries\": [{\"id\": 1, \"meth"); // cut short
    }
    RequestHistory history;
    const auto report = history.open(path(), legacy);
    QVERIFY(report.ok());
    QVERIFY(!report->migrated);
    QVERIFY(history.entries().isEmpty());
    QVERIFY(!QFile::exists(path())); // no empty log pretending to be the migrated history
}

void TestHistoryWriter::unwritableLogIsReported()
{
    const QString blocker = m_dir->filePath(QStringLiteral("not-a-directory"));
    {
        QFile file(blocker);
        QVERIFY(file.open(QIODevice::WriteOnly));
    }
    RequestHistory history;
    QVERIFY(history.open(blocker + QStringLiteral("/history.jsonl")).ok()); // nothing there yet: empty
    std::atomic<int> reported{0};
    history.setWriteErrorHandler([&reported](const Error& error) {
        if (error.code == ErrorCode::Io)
            ++reported;
    });
    history.add(request(QStringLiteral("https://api.example/1")), response(), 1);
    history.waitForWrites();
    QCOMPARE(reported.load(), 1);
    QVERIFY(history.writer()->lastError().has_value());
    QCOMPARE(history.entries().size(), 1); // still in memory for this session
}

QTEST_GUILESS_MAIN(TestHistoryWriter)
#include "TestHistoryWriter.moc"
