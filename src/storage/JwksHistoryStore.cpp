// SPDX-License-Identifier: MIT
#include "storage/JwksHistoryStore.h"

#include "core/JsonText.h"
#include "jose/KeySetAnalysis.h"
#include "storage/AtomicFile.h"
#include "storage/DataDirectory.h"

#include <QCryptographicHash>
#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QJsonArray>

namespace {
QJsonObject snapshotJson(const JwksSnapshot& s)
{
    QJsonArray keys;
    for (const auto& k : s.keys.keys()) {
        if (!k.isSymmetric()) {
            keys.append(k.toJson(false)); // public members only
        }
    }
    return QJsonObject{{QStringLiteral("fetchedAt"), QString::number(s.fetchedAtMs)},
                       {QStringLiteral("fetchedAtUtc"),
                        QDateTime::fromMSecsSinceEpoch(s.fetchedAtMs, Qt::UTC).toString(Qt::ISODateWithMs)},
                       {QStringLiteral("jwks"), QJsonObject{{QStringLiteral("keys"), keys}}}};
}

Result<JwksSnapshot> snapshotFrom(const QJsonObject& o, const QString& url)
{
    JwksSnapshot s;
    s.url = url;
    bool ok = false;
    s.fetchedAtMs = o.value(QLatin1String("fetchedAt")).toString().toLongLong(&ok);
    auto keys = Jwks::fromJsonObject(o.value(QLatin1String("jwks")).toObject(), KeySetAnalysis::viewerImportOptions());
    if (!ok || !keys) {
        return Error(ErrorCode::JsonInvalid, QStringLiteral("damaged JWKS history entry for %1").arg(url));
    }
    s.keys = keys.value();
    return s;
}
} // namespace

JwksHistoryStore::JwksHistoryStore(QString directory)
    : m_directory(std::move(directory))
{
}

QString JwksHistoryStore::defaultDirectory()
{
    return DataDirectory::jwksHistoryDirectory();
}

QString JwksHistoryStore::fileFor(const QString& url) const
{
    const QByteArray hash = QCryptographicHash::hash(url.toUtf8(), QCryptographicHash::Sha256).toHex();
    return QDir(m_directory).filePath(QString(QString::fromLatin1(hash) + QStringLiteral(".json")));
}

Result<std::optional<JwksRotation>> JwksHistoryStore::load(const QString& url) const
{
    QFile file(fileFor(url));
    if (!file.exists()) {
        return std::optional<JwksRotation>();
    }
    if (!file.open(QIODevice::ReadOnly)) {
        return Error(ErrorCode::Io, QStringLiteral("cannot read %1: %2").arg(file.fileName(), file.errorString()));
    }
    if (file.size() > kMaxFileSize) {
        return Error(ErrorCode::InputTooLarge, QStringLiteral("%1 is too large").arg(file.fileName()));
    }
    auto object = JsonText::parseObject(file.readAll(), false);
    if (!object) {
        return Error(ErrorCode::JsonInvalid,
                     QStringLiteral("damaged JWKS history %1: %2").arg(file.fileName(), object.error().message));
    }
    if (object->value(QLatin1String("url")).toString() != url) {
        return std::optional<JwksRotation>(); // a hash collision or a foreign file: not this URL's history
    }
    JwksRotation rotation;
    auto current = snapshotFrom(object->value(QLatin1String("current")).toObject(), url);
    if (!current) {
        return current.error();
    }
    rotation.current = current.value();
    if (object->contains(QLatin1String("previous"))) {
        auto previous = snapshotFrom(object->value(QLatin1String("previous")).toObject(), url);
        if (!previous) {
            return previous.error();
        }
        rotation.previous = previous.value();
        rotation.diff = JwksDiff::compare(previous->keys, current->keys);
    } else {
        rotation.diff = JwksDiff::compare(Jwks(), current->keys);
    }
    return std::optional<JwksRotation>(rotation);
}

Result<JwksRotation> JwksHistoryStore::record(const QString& url, const Jwks& keys, qint64 fetchedAtMs)
{
    auto before = load(url);
    JwksRotation rotation;
    if (before && before->has_value()) {
        rotation.previous = before->value().current;
    }
    // Round-trip through the public form so that the diff compares what is stored.
    JwksSnapshot current{url, fetchedAtMs, Jwks()};
    auto stored = snapshotFrom(snapshotJson(JwksSnapshot{url, fetchedAtMs, keys}), url);
    if (!stored) {
        return stored.error();
    }
    current.keys = stored->keys;
    rotation.current = current;
    rotation.diff = JwksDiff::compare(rotation.previous ? rotation.previous->keys : Jwks(), current.keys);

    QJsonObject file{{QStringLiteral("url"), url}, {QStringLiteral("current"), snapshotJson(current)}};
    if (rotation.previous) {
        file.insert(QStringLiteral("previous"), snapshotJson(*rotation.previous));
    }
    // Public keys only, but which APIs someone looks at is still personal: private like the other stores.
    if (auto written =
            AtomicFile::write(fileFor(url), JsonText::pretty(JsonText::compact(file)), AtomicFile::Mode::Private);
        !written) {
        return written.error();
    }
    return rotation;
}
