// SPDX-License-Identifier: MIT
#include "formats/BodySecrets.h"

#include "workspace/CollectionNode.h"
#include "workspace/SecretLint.h"
#include "workspace/Workspace.h"
#include "workspace/WorkspaceStore.h"

#include <QRegularExpression>

#include <algorithm>

namespace {
bool isLiteral(const QString& value)
{
    return !value.isEmpty() && !WorkspaceStore::isOnlyReferences(value);
}

/// A variable name for field `field` that the request does not use yet: the field's own name when it is a plain
/// identifier, else "body_secret"; " 2", " 3"… would not be valid in `{{…}}`, so "_2", "_3".
QString freeName(const RequestItem& item, const QString& field)
{
    static const QRegularExpression plain(QStringLiteral("^[A-Za-z_][A-Za-z0-9_.-]*$"));
    const QString base = plain.match(field).hasMatch() ? field : QStringLiteral("body_secret");
    const auto taken = [&item](const QString& name) {
        return std::any_of(item.variables.cbegin(), item.variables.cend(),
                           [&name](const EnvironmentVariable& v) { return v.name == name; });
    };
    QString name = base;
    for (int n = 2; taken(name); ++n)
        name = base + QLatin1Char('_') + QString::number(n);
    return name;
}

void moveValue(RequestItem& item, const char* what, const QString& field, QString& value, const QString& path,
               ImportReport& report)
{
    const QString name = freeName(item, field);
    item.variables.append({name, value, true, true});
    value = QStringLiteral("{{") + name + QStringLiteral("}}");
    report.add(ImportReport::Outcome::Secret, QStringLiteral("body"), path,
               QStringLiteral("the value of %1 \"%2\" goes to the keychain as the request's secret variable "
                              "{{%3}}, not into the workspace files")
                   .arg(QLatin1String(what), field, name));
}

void visit(CollectionNode& node, ImportReport& report)
{
    if (node.isContainer()) {
        for (int i = 0; i < node.childCount(); ++i)
            visit(*node.child(i), report);
        return;
    }
    RequestItem& item = node.request();
    const QString path = Workspace::joinPath(node.path());
    for (auto& row : item.request.formRows) {
        if (SecretLint::isSecretName(row.name) && isLiteral(row.value))
            moveValue(item, "form field", row.name, row.value, path, report);
    }
    for (auto& row : item.request.headers) {
        if (SecretLint::isSecretName(row.name) && isLiteral(row.value))
            moveValue(item, "header", row.name, row.value, path, report);
    }
    for (auto& part : item.request.multipartParts) {
        if (!part.isFile && SecretLint::isSecretName(part.name) && isLiteral(part.value))
            moveValue(item, "form field", part.name, part.value, path, report);
    }
}
} // namespace

void BodySecrets::moveToVariables(ImportResult& result)
{
    for (const auto& collection : result.collections)
        visit(*collection, result.report);
}
