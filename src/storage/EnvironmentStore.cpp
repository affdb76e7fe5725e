// SPDX-License-Identifier: MIT
#include "storage/EnvironmentStore.h"

#include "storage/AtomicFile.h"
#include "storage/DataDirectory.h"
#include "storage/SecretStore.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QSet>
#include <QUrl>

namespace {

bool hasSecrets(const Environment& environment)
{
    for (const auto& v : environment.variables()) {
        if (v.secret)
            return true;
    }
    return false;
}

/// The secret store entry of one environment: its secret variables in order; empty when it has none.
QByteArray secretPayload(const Environment& environment)
{
    QJsonArray values;
    for (const auto& v : environment.variables()) {
        if (v.secret && !v.value.isEmpty())
            values.append(QJsonObject{{QStringLiteral("name"), v.name}, {QStringLiteral("value"), v.value}});
    }
    return values.isEmpty() ? QByteArray() : QJsonDocument(values).toJson(QJsonDocument::Compact);
}

/// Puts the stored values back into the secret variables (matched by name, in order, so two variables of the same
/// name keep their own values). Returns the names that got no value.
QStringList restoreSecrets(Environment& environment, const QByteArray& payload)
{
    QList<QPair<QString, QString>> stored;
    for (const auto& item : QJsonDocument::fromJson(payload).array()) {
        const QJsonObject o = item.toObject();
        stored.append({o.value(QStringLiteral("name")).toString(), o.value(QStringLiteral("value")).toString()});
    }
    QStringList missing;
    QList<EnvironmentVariable> variables = environment.variables();
    for (auto& v : variables) {
        if (!v.secret)
            continue;
        const auto it = std::find_if(stored.begin(), stored.end(), [&v](const auto& s) { return s.first == v.name; });
        if (it == stored.end()) {
            missing.append(v.name);
            continue;
        }
        v.value = it->second;
        stored.erase(it);
    }
    environment.setVariables(variables);
    return missing;
}

} // namespace

int EnvironmentSet::activeIndex() const
{
    if (active.isEmpty())
        return -1;
    for (qsizetype i = 0; i < environments.size(); ++i) {
        if (environments.at(i).name() == active)
            return int(i);
    }
    return -1;
}

EnvironmentStore::EnvironmentStore(QString path, SecretStore* secrets)
    : m_path(std::move(path))
    , m_secrets(secrets)
{
}

QString EnvironmentStore::defaultPath()
{
    return DataDirectory::environmentsFile();
}

QString EnvironmentStore::secretKey(const QString& environmentName)
{
    return QString(QStringLiteral("environment/") + QString::fromLatin1(QUrl::toPercentEncoding(environmentName)));
}

Result<EnvironmentSet> EnvironmentStore::readFile() const
{
    EnvironmentSet set;
    QFile file(m_path);
    if (!file.exists())
        return set;
    if (!file.open(QIODevice::ReadOnly))
        return Error(ErrorCode::Io, QStringLiteral("cannot read the environments file %1: %2 (it is left unchanged)")
                                        .arg(QDir::toNativeSeparators(m_path), file.errorString()));
    const auto damaged = [this](const QString& why) {
        return Error(ErrorCode::JsonInvalid,
                     QStringLiteral("the environments file %1 is damaged (%2); it is left unchanged: repair or "
                                    "move it away to edit environments again")
                         .arg(QDir::toNativeSeparators(m_path), why));
    };
    QJsonParseError parseError{};
    const QJsonDocument doc = QJsonDocument::fromJson(file.readAll(), &parseError);
    if (parseError.error != QJsonParseError::NoError)
        return damaged(QStringLiteral("%1 at offset %2").arg(parseError.errorString()).arg(parseError.offset));
    const QJsonObject root = doc.object();
    if (!doc.isObject() || !root.value(QStringLiteral("environments")).isArray())
        return damaged(QStringLiteral("no \"environments\" array"));
    if (root.value(QStringLiteral("version")).toInt(kVersion) > kVersion)
        return damaged(QStringLiteral("written by a newer version of Tokenscope"));
    for (const auto& item : root.value(QStringLiteral("environments")).toArray()) {
        auto environment = Environment::fromJson(item.toObject());
        if (!item.isObject() || !environment)
            return damaged(environment ? QStringLiteral("an environment is not an object")
                                       : environment.error().message);
        set.environments.append(environment.value());
    }
    set.active = root.value(QStringLiteral("active")).toString();
    return set;
}

Result<EnvironmentSet> EnvironmentStore::load()
{
    auto loaded = readFile();
    if (!loaded)
        return loaded;
    EnvironmentSet set = std::move(loaded).value();
    m_storedSecrets.clear();
    m_unreadable.clear();
    for (auto& environment : set.environments) {
        if (!hasSecrets(environment))
            continue;
        const QString key = secretKey(environment.name());
        const auto payload = m_secrets ? m_secrets->read(key) : Result<QByteArray>(QByteArray());
        if (!payload)
            m_unreadable.insert(key); // kept as is by save(): the values may still be there next time
        else if (!payload.value().isNull())
            m_storedSecrets.insert(key, payload.value());
        const QByteArray stored = payload ? payload.value() : QByteArray();
        const QStringList missing = restoreSecrets(environment, stored);
        if (stored.isNull()) { // no entry: every secret value is lost (empty values need no entry)
            for (const QString& name : missing)
                set.missingSecrets.append(QString(environment.name() + QLatin1Char('/') + name));
        }
    }
    return set;
}

Result<void> EnvironmentStore::save(const EnvironmentSet& set)
{
    QSet<QString> names;
    for (const auto& environment : set.environments) {
        if (names.contains(environment.name()))
            return Error(
                ErrorCode::Usage,
                QStringLiteral("two environments are called \"%1\": names must be unique").arg(environment.name()));
        names.insert(environment.name());
    }
    // The old file tells which secret entries exist; a damaged one is kept rather than replaced.
    const auto old = readFile();
    if (!old)
        return old.error();

    QJsonArray environments;
    for (const auto& environment : set.environments)
        environments.append(environment.toJson(false));
    const auto saved = AtomicFile::write(m_path,
                                         QJsonDocument(QJsonObject{{QStringLiteral("version"), kVersion},
                                                                   {QStringLiteral("active"), set.active},
                                                                   {QStringLiteral("environments"), environments}})
                                             .toJson(QJsonDocument::Indented),
                                         AtomicFile::Mode::Private);
    if (!saved)
        return saved.error();

    // Secrets: write what changed, remove what is no longer needed (renamed or deleted environments, variables no
    // longer secret).
    QStringList failures;
    QString firstError;
    const auto note = [&](const QString& environment, const Result<void>& result) {
        if (result)
            return;
        failures.append(environment);
        if (firstError.isEmpty())
            firstError = result.error().message;
    };
    QSet<QString> keep;
    for (const auto& environment : set.environments) {
        const QString key = secretKey(environment.name());
        const QByteArray payload = secretPayload(environment);
        if (payload.isEmpty() && m_unreadable.contains(key)) {
            keep.insert(key); // the store failed to answer at load time: do not wipe what it may still hold
            continue;
        }
        if (payload.isEmpty())
            continue;
        keep.insert(key);
        if (m_storedSecrets.value(key) == payload)
            continue;
        if (!m_secrets) {
            failures.append(environment.name());
            continue;
        }
        const auto written = m_secrets->write(key, payload);
        if (written) {
            m_storedSecrets.insert(key, payload);
            m_unreadable.remove(key);
        }
        note(environment.name(), written);
    }
    QSet<QString> stale(m_storedSecrets.keyBegin(), m_storedSecrets.keyEnd());
    for (const auto& environment : old.value().environments) {
        if (hasSecrets(environment))
            stale.insert(secretKey(environment.name()));
    }
    for (const QString& key : std::as_const(stale)) {
        if (keep.contains(key) || !m_secrets)
            continue;
        m_storedSecrets.remove(key);
        note(key, m_secrets->remove(key));
    }
    if (failures.isEmpty())
        return Result<void>::success();
    return Error(ErrorCode::Io, QStringLiteral("environments saved, but the secret values of %1 were not kept%2")
                                    .arg(failures.join(QStringLiteral(", ")),
                                         firstError.isEmpty() ? QStringLiteral(" (no secret store)")
                                                              : QString(QStringLiteral(": ") + firstError)));
}
