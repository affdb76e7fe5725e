// SPDX-License-Identifier: MIT
#pragma once

#include "formats/ImportResult.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonObject>
#include <QString>

/// Helpers the importer tests share: reading a test data file, finding a request by path, counting and searching
/// report lines.
namespace ImportTestSupport {

/// The bytes of tests/data/<relative> (empty when it cannot be read).
inline QByteArray testData(const QString& relative)
{
    QFile f(QStringLiteral(TOKENSCOPE_TEST_DATA "/") + relative);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

/// The whole model of a tree without the ids (new on every import): settings or request, kind, and the children.
inline QJsonObject modelOf(const CollectionNode& node)
{
    if (node.kind() == CollectionNode::Kind::Request) {
        QJsonObject o = node.request().toJson(true);
        o.remove(QStringLiteral("id"));
        return o;
    }
    QJsonObject o = node.settings().toJson();
    o.remove(QStringLiteral("id"));
    o.insert(QStringLiteral("kind"), node.kindName());
    QJsonArray children;
    for (int i = 0; i < node.childCount(); ++i)
        children.append(modelOf(*node.child(i)));
    o.insert(QStringLiteral("children"), children);
    return o;
}

/// The request at `path` below the collection `c` (names below the collection), or nullptr.
inline const RequestItem* requestAt(const CollectionNode& c, const QStringList& path)
{
    const CollectionNode* node = const_cast<CollectionNode&>(c).find(path);
    return node && node->kind() == CollectionNode::Kind::Request ? &node->request() : nullptr;
}

/// Report lines of kind "request", whatever their outcome: one per request of the source.
inline int requestLines(const ImportReport& report)
{
    using Outcome = ImportReport::Outcome;
    return report.count(Outcome::Imported, QStringLiteral("request")) +
           report.count(Outcome::Converted, QStringLiteral("request")) +
           report.count(Outcome::Dropped, QStringLiteral("request"));
}

/// True when a line has this outcome and kind and its detail contains `detailPart`.
inline bool reportHas(const ImportReport& report, ImportReport::Outcome outcome, const QString& kind,
                      const QString& detailPart)
{
    for (const auto& e : report.entries()) {
        if (e.outcome == outcome && e.kind == kind && e.detail.contains(detailPart))
            return true;
    }
    return false;
}

/// The value of variable `name` in `vars`, "<none>" when there is none.
inline QString variableValue(const QList<EnvironmentVariable>& vars, const QString& name)
{
    for (const auto& v : vars) {
        if (v.name == name)
            return v.value;
    }
    return QStringLiteral("<none>");
}
} // namespace ImportTestSupport
