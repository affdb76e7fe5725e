// SPDX-License-Identifier: MIT
#include "formats/YamlReader.h"

#include "formats/ImportText.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>

#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <cmath>
#include <string>

namespace {

/// The YAML 1.2 core schema's resolution of a plain (untagged, unquoted) scalar.
QJsonValue yamlPlainScalar(const QString& text)
{
    static const QRegularExpression nullForm(QStringLiteral("^(?:~|null|Null|NULL|)$"));
    static const QRegularExpression trueForm(QStringLiteral("^(?:true|True|TRUE)$"));
    static const QRegularExpression falseForm(QStringLiteral("^(?:false|False|FALSE)$"));
    static const QRegularExpression intForm(QStringLiteral("^[-+]?[0-9]+$"));
    static const QRegularExpression octForm(QStringLiteral("^0o[0-7]+$"));
    static const QRegularExpression hexForm(QStringLiteral("^0x[0-9a-fA-F]+$"));
    static const QRegularExpression floatForm(
        QStringLiteral("^[-+]?(?:\\.[0-9]+|[0-9]+(?:\\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?$"));
    static const QRegularExpression specialFloat(QStringLiteral("^(?:[-+]?\\.(?:inf|Inf|INF)|\\.(?:nan|NaN|NAN))$"));
    if (nullForm.match(text).hasMatch() || specialFloat.match(text).hasMatch())
        return QJsonValue::Null;
    if (trueForm.match(text).hasMatch())
        return true;
    if (falseForm.match(text).hasMatch())
        return false;
    bool ok = false;
    if (octForm.match(text).hasMatch()) {
        const qulonglong v = text.mid(2).toULongLong(&ok, 8);
        return ok ? QJsonValue(double(v)) : QJsonValue(text);
    }
    if (hexForm.match(text).hasMatch()) {
        const qulonglong v = text.mid(2).toULongLong(&ok, 16);
        return ok ? QJsonValue(double(v)) : QJsonValue(text);
    }
    // Core schema: "1.0" is a number (as in JSON), "3.0.0" (two dots) a string. Integers beyond 2^53 keep their text:
    // a double would change the digits of an id.
    if (intForm.match(text).hasMatch() || floatForm.match(text).hasMatch()) {
        const double d = text.toDouble(&ok);
        if (!ok || !std::isfinite(d))
            return text;
        if (intForm.match(text).hasMatch() && std::fabs(d) > 9.0e15)
            return text; // beyond 2^53: a double would change the digits (ids), so keep them
        return d;
    }
    return text;
}

class YamlConverter
{
public:
    explicit YamlConverter(qint64 budget)
        : m_budget(budget)
    {
    }
    QJsonValue convert(const YAML::Node& node, int depth)
    {
        if (++m_nodes > m_budget || depth > YamlReader::kMaxDepth) {
            m_exceeded = true;
            return QJsonValue::Null;
        }
        switch (node.Type()) {
        case YAML::NodeType::Undefined:
        case YAML::NodeType::Null:
            return QJsonValue::Null;
        case YAML::NodeType::Scalar: {
            const QString text = QString::fromStdString(node.Scalar());
            // "?" is the tag of a plain scalar; "!" a quoted one (a string); explicit tags are honoured for the
            // core types and otherwise ignored (kept as text).
            const std::string& tag = node.Tag();
            if (tag == "?")
                return yamlPlainScalar(text);
            if (tag == "tag:yaml.org,2002:int" || tag == "tag:yaml.org,2002:float" || tag == "tag:yaml.org,2002:bool" ||
                tag == "tag:yaml.org,2002:null") {
                return yamlPlainScalar(text);
            }
            return text;
        }
        case YAML::NodeType::Sequence: {
            QJsonArray out;
            for (const YAML::Node& child : node) {
                out.append(convert(child, depth + 1));
                if (m_exceeded)
                    return QJsonValue::Null;
            }
            return out;
        }
        case YAML::NodeType::Map: {
            QJsonObject out;
            for (const auto& entry : node) {
                QString key;
                if (entry.first.IsScalar()) {
                    key = QString::fromStdString(entry.first.Scalar());
                } else {
                    key = ImportText::scalarText(convert(entry.first, depth + 1));
                }
                // "<<" merge keys (YAML 1.1) are not applied: kept as a member named "<<".
                out.insert(key, convert(entry.second, depth + 1));
                if (m_exceeded)
                    return QJsonValue::Null;
            }
            return out;
        }
        }
        return QJsonValue::Null;
    }
    bool exceeded() const { return m_exceeded; }

private:
    qint64 m_budget;
    qint64 m_nodes = 0;
    bool m_exceeded = false;
};
} // namespace

Result<QJsonValue> YamlReader::parse(const QByteArray& data)
{
    const QByteArray text = ImportText::withoutBom(data);
    // yaml-cpp stops at a NUL byte without saying so; a file with one is not text.
    if (text.contains('\0'))
        return Error(ErrorCode::JsonInvalid, QStringLiteral("YAML: the file holds a NUL byte"));
    YAML::Node root;
    try {
        root = YAML::Load(std::string(text.constData(), size_t(text.size())));
        const qint64 budget = std::max(kMinNodeBudget, kNodesPerByte * qint64(text.size()));
        YamlConverter converter(budget);
        QJsonValue value = converter.convert(root, 0);
        if (converter.exceeded())
            return Error(ErrorCode::JsonInvalid,
                         QStringLiteral("YAML: more than %1 nodes or %2 levels once aliases are expanded")
                             .arg(budget)
                             .arg(kMaxDepth));
        return value;
    } catch (const YAML::Exception& e) {
        const QString reason = QString::fromStdString(e.msg);
        if (e.mark.is_null())
            return Error(ErrorCode::JsonInvalid, QStringLiteral("YAML: %1").arg(reason));
        return Error(
            ErrorCode::JsonInvalid,
            QStringLiteral("YAML line %1, column %2: %3").arg(e.mark.line + 1).arg(e.mark.column + 1).arg(reason));
    }
}

Result<QJsonValue> YamlReader::parseJsonOrYaml(const QByteArray& data)
{
    const QByteArray head = ImportText::withoutBom(data).left(64).trimmed();
    if (head.startsWith('{') || head.startsWith('[')) {
        auto doc = ImportText::parseJson(data);
        if (!doc) {
            // YAML flow style (`{_type: export, ...}`, as inso writes) starts with '{' too.
            auto yaml = parse(data);
            return yaml ? yaml : Result<QJsonValue>(doc.error());
        }
        return doc->isObject() ? QJsonValue(doc->object()) : QJsonValue(doc->array());
    }
    return parse(data);
}

bool YamlReader::looksLikeYaml(const QByteArray& data)
{
    static const QRegularExpression mapKey(QStringLiteral("^(?:\"[^\"]*\"|'[^']*'|[A-Za-z_$][^:#]*):(?:\\s|$)"));
    const QByteArray text = ImportText::withoutBom(data);
    qsizetype start = 0;
    while (start < text.size()) {
        qsizetype end = text.indexOf('\n', start);
        if (end < 0)
            end = text.size();
        const QByteArray line = text.mid(start, end - start).trimmed();
        start = end + 1;
        if (line.isEmpty() || line.startsWith('#'))
            continue;
        if (line.startsWith("---") || line.startsWith("%YAML"))
            return true;
        return mapKey.match(QString::fromUtf8(line)).hasMatch();
    }
    return false;
}
