// SPDX-License-Identifier: MIT
#include "storage/RequestDraftStore.h"

#include "storage/AtomicFile.h"
#include "storage/DataDirectory.h"
#include "storage/SecretStore.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>

namespace {

/// Leaves of `original` that differ from `redacted`, keyed by their path ("headers/0/value").
void collectSecrets(const QJsonValue& original, const QJsonValue& redacted, const QString& path, QJsonObject& out)
{
    if (original.isObject()) {
        const QJsonObject o = original.toObject();
        const QJsonObject r = redacted.toObject();
        for (auto it = o.begin(); it != o.end(); ++it)
            collectSecrets(it.value(), r.value(it.key()), QString(path + QLatin1Char('/') + it.key()), out);
    } else if (original.isArray()) {
        const QJsonArray o = original.toArray();
        const QJsonArray r = redacted.toArray();
        for (qsizetype i = 0; i < o.size(); ++i)
            collectSecrets(o.at(i), r.at(i), QString(path + QLatin1Char('/') + QString::number(i)), out);
    } else if (original != redacted) {
        out.insert(path, original);
    }
}

QJsonValue restore(const QJsonValue& value, const QString& path, const QJsonObject& secrets)
{
    if (value.isObject()) {
        QJsonObject o = value.toObject();
        for (auto it = o.begin(); it != o.end(); ++it)
            it.value() = restore(it.value(), QString(path + QLatin1Char('/') + it.key()), secrets);
        return o;
    }
    if (value.isArray()) {
        QJsonArray a = value.toArray();
        for (qsizetype i = 0; i < a.size(); ++i)
            a[i] = restore(a.at(i), QString(path + QLatin1Char('/') + QString::number(i)), secrets);
        return a;
    }
    return secrets.contains(path) ? secrets.value(path) : value;
}

} // namespace

RequestDraftStore::RequestDraftStore(QString path, SecretStore* secrets)
    : m_path(std::move(path))
    , m_secrets(secrets)
{
}

QString RequestDraftStore::defaultPath()
{
    return DataDirectory::draftFile();
}

Result<void> RequestDraftStore::save(const HttpRequestSpec& request, const QStringList& extraSecrets)
{
    const QJsonObject original = request.toJson();
    const QJsonObject redacted = request.redacted(extraSecrets).toJson();
    QJsonObject secrets;
    collectSecrets(original, redacted, QString(), secrets);

    const auto written =
        AtomicFile::write(m_path,
                          QJsonDocument(QJsonObject{{QStringLiteral("version"), 1},
                                                    {QStringLiteral("request"), redacted},
                                                    {QStringLiteral("hasSecrets"), !secrets.isEmpty()}})
                              .toJson(QJsonDocument::Indented),
                          AtomicFile::Mode::Private);
    if (!written)
        return written.error();

    if (!m_secrets)
        return secrets.isEmpty() ? Result<void>::success()
                                 : Result<void>(Error(ErrorCode::Io, QStringLiteral("no secret store: the draft's "
                                                                                    "secrets were not kept")));
    const auto stored = secrets.isEmpty() ? m_secrets->remove(QLatin1String(kSecretKey))
                                          : m_secrets->write(QLatin1String(kSecretKey),
                                                             QJsonDocument(secrets).toJson(QJsonDocument::Compact));
    if (!stored)
        return Error(ErrorCode::Io,
                     QStringLiteral("the draft's secrets were not kept: %1").arg(stored.error().message));
    return Result<void>::success();
}

Result<std::optional<LoadedDraft>> RequestDraftStore::load()
{
    QFile file(m_path);
    if (!file.exists())
        return std::optional<LoadedDraft>();
    if (!file.open(QIODevice::ReadOnly))
        return Error(ErrorCode::Io, QStringLiteral("cannot read %1: %2").arg(m_path, file.errorString()));
    const QJsonDocument doc = QJsonDocument::fromJson(file.readAll());
    if (!doc.isObject())
        return Error(ErrorCode::JsonInvalid, QStringLiteral("draft: %1 is not JSON").arg(m_path));
    QJsonObject requestJson = doc.object().value(QStringLiteral("request")).toObject();
    LoadedDraft draft;
    if (doc.object().value(QStringLiteral("hasSecrets")).toBool()) {
        const auto secretText =
            m_secrets ? m_secrets->read(QLatin1String(kSecretKey)) : Result<QByteArray>(QByteArray());
        const QJsonObject secrets = secretText ? QJsonDocument::fromJson(secretText.value()).object() : QJsonObject();
        draft.secretsRestored = !secrets.isEmpty();
        requestJson = restore(requestJson, QString(), secrets).toObject();
    }
    auto request = HttpRequestSpec::fromJson(requestJson);
    if (!request)
        return request.error();
    draft.request = request.value();
    return std::optional<LoadedDraft>(draft);
}

void RequestDraftStore::clear()
{
    QFile::remove(m_path);
    if (m_secrets)
        (void)m_secrets->remove(QLatin1String(kSecretKey));
}
