// SPDX-License-Identifier: MIT
#include "storage/RequestHistory.h"

#include "request/JwtPattern.h"
#include "storage/AtomicFile.h"
#include "storage/DataDirectory.h"
#include "storage/HistoryWriter.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QRegularExpression>
#include <QStringDecoder>

namespace {

const char* const kSecretFieldPattern =
    "access_token|refresh_token|id_token|client_secret|password|api_key|apikey|secret|private_key|token";

QJsonValue bytesToJson(const QByteArray& bytes)
{
    QStringDecoder decoder(QStringDecoder::Utf8, QStringDecoder::Flag::Stateless);
    const QString text = decoder(bytes);
    if (!decoder.hasError())
        return QJsonObject{{QStringLiteral("text"), text}};
    return QJsonObject{{QStringLiteral("base64"), QString::fromLatin1(bytes.toBase64())}};
}

QByteArray bytesFromJson(const QJsonValue& value)
{
    const QJsonObject o = value.toObject();
    if (o.contains(QStringLiteral("base64")))
        return QByteArray::fromBase64(o.value(QStringLiteral("base64")).toString().toLatin1());
    return o.value(QStringLiteral("text")).toString().toUtf8();
}

QByteArray redactResponseHeader(const QByteArray& name, const QByteArray& value)
{
    const QByteArray lower = name.toLower();
    if (lower == "set-cookie") {
        QList<QByteArray> lines;
        for (const QByteArray& line : value.split('\n')) {
            const qsizetype eq = line.indexOf('=');
            const qsizetype semi = line.indexOf(';');
            lines.append(
                eq < 0 ? line
                       : QByteArray(line.left(eq + 1) + "<COOKIE>" + (semi > eq ? line.mid(semi) : QByteArray())));
        }
        return lines.join('\n');
    }
    if (lower == "authorization" || lower == "proxy-authorization" || lower == "x-api-key")
        return QByteArrayLiteral("<SECRET>");
    return JwtPattern::scrub(value);
}

} // namespace

QJsonObject HistoryEntry::toJson() const
{
    QJsonArray headerArray;
    for (const auto& [name, value] : responseHeaders)
        headerArray.append(QJsonArray{QString::fromLatin1(name), QString::fromLatin1(value)});
    QJsonObject json{{QStringLiteral("id"), id},
                     {QStringLiteral("time"), timeMs},
                     {QStringLiteral("method"), method},
                     {QStringLiteral("url"), url},
                     {QStringLiteral("status"), status},
                     {QStringLiteral("durationMs"), durationMs},
                     {QStringLiteral("error"), errorMessage},
                     {QStringLiteral("request"), request.toJson()},
                     {QStringLiteral("responseHeaders"), headerArray},
                     {QStringLiteral("responseBody"), bytesToJson(responseBody)},
                     {QStringLiteral("responseSize"), responseSize},
                     {QStringLiteral("responseBodyTruncated"), responseBodyTruncated},
                     {QStringLiteral("secretsKept"), secretsKept}};
    if (sentToken)
        json.insert(QStringLiteral("sentToken"), sentToken->toJson());
    return json;
}

Result<HistoryEntry> HistoryEntry::fromJson(const QJsonObject& json)
{
    HistoryEntry e;
    auto request = HttpRequestSpec::fromJson(json.value(QStringLiteral("request")).toObject());
    if (!request)
        return request.error();
    e.request = request.value();
    e.id = qint64(json.value(QStringLiteral("id")).toDouble());
    e.timeMs = qint64(json.value(QStringLiteral("time")).toDouble());
    e.method = json.value(QStringLiteral("method")).toString();
    e.url = json.value(QStringLiteral("url")).toString();
    e.status = json.value(QStringLiteral("status")).toInt();
    e.durationMs = qint64(json.value(QStringLiteral("durationMs")).toDouble());
    e.errorMessage = json.value(QStringLiteral("error")).toString();
    for (const auto& item : json.value(QStringLiteral("responseHeaders")).toArray()) {
        const QJsonArray pair = item.toArray();
        e.responseHeaders.append({pair.at(0).toString().toLatin1(), pair.at(1).toString().toLatin1()});
    }
    e.responseBody = bytesFromJson(json.value(QStringLiteral("responseBody")));
    e.responseSize = qint64(json.value(QStringLiteral("responseSize")).toDouble());
    e.responseBodyTruncated = json.value(QStringLiteral("responseBodyTruncated")).toBool();
    e.secretsKept = json.value(QStringLiteral("secretsKept")).toBool();
    if (const QJsonValue sent = json.value(QStringLiteral("sentToken")); sent.isObject())
        e.sentToken = SentTokenFacts::fromJson(sent.toObject());
    if (e.id <= 0 || e.method.isEmpty())
        return Error(ErrorCode::JsonInvalid, QStringLiteral("history: entry without id or method"));
    return e;
}

RequestHistory::RequestHistory(int maxEntries, qint64 maxBodyBytes)
    : m_maxEntries(qMax(1, maxEntries))
    , m_maxBodyBytes(qMax<qint64>(0, maxBodyBytes))
{
}

RequestHistory::~RequestHistory() = default;

QByteArray RequestHistory::redactText(const QByteArray& text)
{
    QByteArray out = JwtPattern::scrub(text, "<JWT>");
    if (!out.contains("token") && !out.contains("secret") && !out.contains("password") && !out.contains("key"))
        return out;
    // JSON members ("access_token": "...") and form fields (access_token=...).
    static const QRegularExpression json(QString(QStringLiteral("(\"(?:") + QLatin1String(kSecretFieldPattern) +
                                                 QStringLiteral(")\"\\s*:\\s*\")((?:[^\"\\\\]|\\\\.)*)(\")")),
                                         QRegularExpression::CaseInsensitiveOption);
    static const QRegularExpression form(QString(QStringLiteral("((?:^|[&?])(?:") + QLatin1String(kSecretFieldPattern) +
                                                 QStringLiteral(")=)([^&\\s]*)")),
                                         QRegularExpression::CaseInsensitiveOption);
    QString s = QString::fromUtf8(out);
    s.replace(json, QStringLiteral("\\1<SECRET>\\3"));
    s.replace(form, QStringLiteral("\\1<SECRET>"));
    return s.toUtf8();
}

const HistoryEntry& RequestHistory::add(const HttpRequestSpec& request, const HttpClientResponse& response,
                                        qint64 timeMs, const QStringList& extraSecrets,
                                        const std::optional<SentTokenFacts>& sentToken)
{
    HistoryEntry e;
    e.id = m_nextId++;
    e.sentToken = sentToken;
    e.timeMs = timeMs;
    e.secretsKept = m_keepSecrets;
    e.status = response.received ? response.status : 0;
    e.durationMs = qMax<qint64>(0, response.timings.totalMs);
    e.errorMessage = response.error ? response.error->message : QString();
    e.responseSize = response.bodySize;
    e.responseBody = response.body.left(m_maxBodyBytes);
    e.responseBodyTruncated = response.bodyTruncated || response.body.size() > m_maxBodyBytes;
    e.responseHeaders = response.headers;
    HttpRequestSpec stored = request;
    if (stored.bodyKind == HttpRequestSpec::BodyKind::Raw && stored.rawBody.size() > m_maxBodyBytes)
        stored.rawBody.truncate(m_maxBodyBytes);
    if (!m_keepSecrets) {
        stored = stored.redacted(extraSecrets);
        stored.url = JwtPattern::scrubText(stored.url);
        stored.rawBody = QString::fromUtf8(redactText(stored.rawBody.toUtf8()));
        for (auto& row : stored.headers)
            row.value = JwtPattern::scrubText(row.value);
        for (auto& row : stored.formRows)
            row.value = QString::fromUtf8(redactText(QString(row.name + QLatin1Char('=') + row.value).toUtf8()))
                            .mid(row.name.size() + 1);
        e.responseBody = redactText(e.responseBody);
        for (const QString& secret : extraSecrets)
            if (!secret.isEmpty())
                e.responseBody.replace(secret.toUtf8(), "<SECRET>");
        for (auto& [name, value] : e.responseHeaders)
            value = redactResponseHeader(name, value);
    }
    e.request = stored;
    e.method = stored.normalizedMethod();
    e.url = stored.url;
    m_entries.prepend(e);
    while (m_entries.size() > m_maxEntries)
        m_entries.removeLast();
    if (m_writer)
        m_writer->append(m_entries.first());
    return m_entries.first();
}

std::optional<HistoryEntry> RequestHistory::entry(qint64 id) const
{
    for (const auto& e : m_entries)
        if (e.id == id)
            return e;
    return std::nullopt;
}

bool RequestHistory::remove(qint64 id)
{
    const bool removed = m_entries.removeIf([id](const HistoryEntry& e) { return e.id == id; }) > 0;
    if (removed && m_writer)
        m_writer->rewrite(m_entries);
    return removed;
}

void RequestHistory::clear()
{
    m_entries.clear();
    if (m_writer)
        m_writer->rewrite(m_entries);
}

QList<HistoryEntry> RequestHistory::search(const QString& query) const
{
    const QStringList words = query.split(QLatin1Char(' '), Qt::SkipEmptyParts);
    QList<HistoryEntry> out;
    for (const auto& e : m_entries) {
        const QString haystack = QStringList{e.method,
                                             e.url,
                                             QString::number(e.status),
                                             e.errorMessage,
                                             e.request.rawBody,
                                             QString::fromUtf8(e.responseBody)}
                                     .join(QLatin1Char('\n'));
        if (std::all_of(words.begin(), words.end(),
                        [&](const QString& w) { return haystack.contains(w, Qt::CaseInsensitive); }))
            out.append(e);
    }
    return out;
}

QString RequestHistory::defaultPath()
{
    return DataDirectory::historyFile();
}

QString RequestHistory::legacyPath()
{
    return DataDirectory::legacyFile(QStringLiteral("history.json"));
}

Result<void> RequestHistory::save(const QString& path) const
{
    QByteArray bytes;
    for (auto it = m_entries.crbegin(); it != m_entries.crend(); ++it) // newest last, as the log appends
        bytes.append(HistoryWriter::line(*it)).append('\n');
    return AtomicFile::write(path, bytes, AtomicFile::Mode::Private);
}

Result<HistoryLoadReport> RequestHistory::load(const QString& path)
{
    const auto lines = HistoryWriter::readTail(path, m_maxEntries);
    if (!lines)
        return lines.error();
    HistoryLoadReport report;
    QList<HistoryEntry> entries;
    int number = 0;
    for (const QByteArray& line : lines.value()) {
        ++number;
        QJsonParseError parseError;
        const QJsonDocument doc = QJsonDocument::fromJson(line, &parseError);
        auto e = doc.isObject() ? HistoryEntry::fromJson(doc.object())
                                : Result<HistoryEntry>(Error(ErrorCode::JsonInvalid, parseError.errorString()));
        if (!e) {
            if (report.skipped++ == 0)
                report.firstProblem = QStringLiteral("line %1: %2").arg(number).arg(e.error().message);
            continue;
        }
        m_nextId = qMax(m_nextId, e->id + 1);
        entries.prepend(e.value()); // the log is oldest first; the list newest first
    }
    report.loaded = int(entries.size());
    m_entries = entries;
    return report;
}

Result<HistoryLoadReport> RequestHistory::open(const QString& path, const QString& legacyJsonPath)
{
    m_writer.reset(); // finishes what an earlier log still had queued
    bool migrated = false;
    if (!QFileInfo::exists(path) && !legacyJsonPath.isEmpty() && QFileInfo::exists(legacyJsonPath)) {
        // The old format: one document {"version": 1, "entries": [newest first]}, rewritten after every response.
        QFile legacy(legacyJsonPath);
        if (legacy.open(QIODevice::ReadOnly)) {
            const QJsonArray array =
                QJsonDocument::fromJson(legacy.readAll()).object().value(QStringLiteral("entries")).toArray();
            QByteArray bytes;
            for (qsizetype i = array.size() - 1; i >= 0; --i)
                bytes.append(QJsonDocument(array.at(i).toObject()).toJson(QJsonDocument::Compact)).append('\n');
            // An unreadable old file is left alone (and nothing is created), not converted into an empty log.
            migrated = !array.isEmpty() && AtomicFile::write(path, bytes, AtomicFile::Mode::Private).ok();
            legacy.close();
            // Once: renamed aside, so clearing the new log later does not bring the old entries back.
            if (migrated)
                QFile::rename(legacyJsonPath, legacyJsonPath + QStringLiteral(".migrated"));
        }
    }
    auto report = load(path);
    if (!report)
        return report.error();
    report->migrated = migrated;
    m_writer = std::make_unique<HistoryWriter>(path, m_maxEntries);
    m_writer->setErrorHandler(m_writeErrorHandler);
    return report;
}

void RequestHistory::waitForWrites() const
{
    if (m_writer)
        m_writer->waitForIdle();
}

void RequestHistory::setWriteErrorHandler(std::function<void(const Error&)> handler)
{
    m_writeErrorHandler = std::move(handler);
    if (m_writer)
        m_writer->setErrorHandler(m_writeErrorHandler);
}
