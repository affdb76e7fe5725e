// SPDX-License-Identifier: MIT
#include "formats/HttpEnvironmentImporter.h"

#include "formats/ImportText.h"
#include "workspace/SecretLint.h"
#include "workspace/WorkspaceStore.h"

#include <QJsonObject>

#include <algorithm>

bool HttpEnvironmentImporter::recognizes(const QJsonDocument& doc)
{
    const QJsonObject root = doc.object();
    return doc.isObject() && !root.isEmpty() &&
           std::all_of(root.begin(), root.end(), [](const QJsonValue& v) { return v.isObject(); });
}

Result<ImportResult> HttpEnvironmentImporter::import(const QByteArray& data, bool isPrivate)
{
    auto doc = ImportText::parseJson(data);
    if (!doc)
        return doc.error();
    if (!recognizes(doc.value()))
        return Error(ErrorCode::JsonInvalid,
                     QStringLiteral("not an http-client env file: it is {\"<environment>\": {\"<variable>\": ...}}"));
    using Outcome = ImportReport::Outcome;
    ImportResult result;
    ImportReport& report = result.report;
    const QJsonObject root = doc->object();
    for (auto env = root.begin(); env != root.end(); ++env) {
        const QString name = env.key();
        QStringList notes;
        QList<EnvironmentVariable> variables;
        const QJsonObject values = env.value().toObject();
        for (auto it = values.begin(); it != values.end(); ++it) {
            if (it.key() == QLatin1String("Security")) {
                report.add(Outcome::Dropped, QStringLiteral("auth"), name,
                           QStringLiteral("\"Security\" (OAuth Auth entries) is not imported yet"));
                continue;
            }
            EnvironmentVariable v;
            v.name = it.key();
            v.value = ImportText::scalarText(it.value());
            if (it.value().isObject() || it.value().isArray())
                notes << QStringLiteral("variable \"%1\" is JSON: kept as its compact text").arg(v.name);
            const bool real = !v.value.isEmpty() && !WorkspaceStore::isOnlyReferences(v.value);
            v.secret = isPrivate || (real && SecretLint::isSecretName(v.name));
            if (v.secret && real)
                report.add(Outcome::Secret, QStringLiteral("variable"), name,
                           QStringLiteral("the value of variable \"%1\" goes to the keychain, not into the workspace "
                                          "files")
                               .arg(v.name));
            variables.append(v);
        }
        result.environments.append(Environment(name, variables));
        const QString detail = QStringLiteral("%1 variables").arg(variables.size());
        if (notes.isEmpty())
            report.add(Outcome::Imported, QStringLiteral("environment"), name, detail);
        else
            report.add(Outcome::Converted, QStringLiteral("environment"), name,
                       detail + QStringLiteral("; ") + notes.join(QStringLiteral("; ")));
    }
    return result;
}
