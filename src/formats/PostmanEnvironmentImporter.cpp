// SPDX-License-Identifier: MIT
#include "formats/PostmanEnvironmentImporter.h"

#include "formats/ImportText.h"
#include "workspace/SecretLint.h"
#include "workspace/WorkspaceStore.h"

#include <QJsonArray>
#include <QJsonObject>

#include <algorithm>

bool PostmanEnvironmentImporter::recognizes(const QJsonDocument& doc)
{
    auto keyedValues = [](const QJsonArray& values) {
        return !values.isEmpty() && std::all_of(values.begin(), values.end(), [](const QJsonValue& v) {
            return v.isObject() && v.toObject().contains(QStringLiteral("key"));
        });
    };
    if (doc.isArray())
        return keyedValues(doc.array());
    const QJsonObject o = doc.object();
    // newman also runs with `{"values": [...]}` alone (its inherited-entities test environment): no name, no scope.
    return o.value(QStringLiteral("values")).isArray() &&
           (o.contains(QStringLiteral("_postman_variable_scope")) || o.value(QStringLiteral("name")).isString() ||
            keyedValues(o.value(QStringLiteral("values")).toArray()));
}

Result<ImportResult> PostmanEnvironmentImporter::import(const QByteArray& data)
{
    auto doc = ImportText::parseJson(data);
    if (!doc)
        return doc.error();
    return import(doc.value());
}

Result<ImportResult> PostmanEnvironmentImporter::import(const QJsonDocument& doc)
{
    if (!recognizes(doc))
        return Error(ErrorCode::JsonInvalid,
                     QStringLiteral("not a Postman environment: it needs a \"values\" array and a \"name\" (or values "
                                    "with \"key\")"));
    using Outcome = ImportReport::Outcome;
    ImportResult result;
    ImportReport& report = result.report;
    const QJsonObject root = doc.object();
    const bool globals =
        doc.isArray() || root.value(QStringLiteral("_postman_variable_scope")).toString() == QLatin1String("globals");
    QStringList notes;
    QString name = ImportText::scalarText(root.value(QStringLiteral("name"))).trimmed();
    if (name.isEmpty()) {
        name = globals ? QStringLiteral("Globals") : QStringLiteral("Imported environment");
        notes << QStringLiteral("no name: named \"%1\"").arg(name);
    }
    Environment env(name);
    QList<EnvironmentVariable> variables;
    const QJsonArray values = doc.isArray() ? doc.array() : root.value(QStringLiteral("values")).toArray();
    for (const auto& entry : values) {
        const QJsonObject o = entry.toObject();
        EnvironmentVariable v;
        v.name = ImportText::scalarText(o.value(QStringLiteral("key")));
        if (v.name.isEmpty()) {
            report.add(Outcome::Dropped, QStringLiteral("variable"), name, QStringLiteral("a value without \"key\""));
            continue;
        }
        const QJsonValue value = o.value(QStringLiteral("value"));
        v.value = ImportText::scalarText(value);
        if (!value.isString() && !value.isUndefined() && !value.isNull())
            notes << QStringLiteral("variable \"%1\" is not a string: kept as its text").arg(v.name);
        // The app writes "enabled", newman's (postman-collection's) rows "disabled": either switches a value off.
        v.enabled = o.value(QStringLiteral("enabled")).toBool(true) && !o.value(QStringLiteral("disabled")).toBool();
        const bool real = !v.value.isEmpty() && !WorkspaceStore::isOnlyReferences(v.value);
        if (o.value(QStringLiteral("type")).toString() == QLatin1String("secret")) {
            v.secret = true;
        } else if (real && SecretLint::isSecretName(v.name)) {
            v.secret = true;
            notes << QStringLiteral("variable \"%1\" marked secret (its name holds credentials)").arg(v.name);
        }
        if (v.secret && real)
            report.add(Outcome::Secret, QStringLiteral("variable"), name,
                       QStringLiteral("the value of variable \"%1\" goes to the keychain, not into the workspace files")
                           .arg(v.name));
        variables.append(v);
    }
    env.setVariables(variables);
    if (notes.isEmpty())
        report.add(Outcome::Imported, QStringLiteral("environment"), name,
                   QStringLiteral("%1 variables").arg(variables.size()));
    else
        report.add(Outcome::Converted, QStringLiteral("environment"), name,
                   QStringLiteral("%1 variables; ").arg(variables.size()) + notes.join(QStringLiteral("; ")));
    result.environments.append(env);
    return result;
}
