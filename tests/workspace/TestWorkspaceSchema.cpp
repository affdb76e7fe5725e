// SPDX-License-Identifier: MIT
#include "storage/MemorySecretStore.h"
#include "workspace/WorkspaceStore.h"

#include "WorkspaceTestData.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QTemporaryDir>
#include <QTest>

using namespace WorkspaceTestData;

namespace {

/// A small checker for the subset of JSON Schema 2020-12 that docs/workspace.schema.json uses: $ref (local),
/// allOf, type, const, enum, required, properties, items, minimum, maximum. Stricter than the schema in one way:
/// a member an object schema does not list under "properties" is an error, so every member the store writes
/// must be documented.
class SchemaChecker
{
public:
    explicit SchemaChecker(QJsonObject root)
        : m_root(std::move(root))
    {
    }

    QStringList check(const QJsonValue& value, const QString& defName) const
    {
        QStringList errors;
        validate(def(defName), value, QStringLiteral("$"), errors);
        return errors;
    }

private:
    QJsonObject def(const QString& name) const
    {
        return m_root.value(QStringLiteral("$defs")).toObject().value(name).toObject();
    }
    QJsonObject resolve(QJsonObject schema) const
    {
        while (schema.contains(QStringLiteral("$ref"))) {
            const QString ref = schema.value(QStringLiteral("$ref")).toString();
            Q_ASSERT(ref.startsWith(QLatin1String("#/$defs/")));
            schema = def(ref.mid(8));
        }
        return schema;
    }
    static bool hasType(const QJsonValue& v, const QString& type)
    {
        if (type == QLatin1String("object"))
            return v.isObject();
        if (type == QLatin1String("array"))
            return v.isArray();
        if (type == QLatin1String("string"))
            return v.isString();
        if (type == QLatin1String("boolean"))
            return v.isBool();
        if (type == QLatin1String("integer"))
            return v.isDouble() && v.toDouble() == double(qint64(v.toDouble()));
        if (type == QLatin1String("number"))
            return v.isDouble();
        return false;
    }
    /// Properties of `schema` and of its allOf parts.
    QJsonObject properties(const QJsonObject& schema) const
    {
        QJsonObject props = schema.value(QStringLiteral("properties")).toObject();
        for (const auto& part : schema.value(QStringLiteral("allOf")).toArray()) {
            const QJsonObject inner = properties(resolve(part.toObject()));
            for (auto it = inner.begin(); it != inner.end(); ++it) {
                if (!props.contains(it.key()))
                    props.insert(it.key(), it.value());
            }
        }
        return props;
    }
    void validate(QJsonObject schema, const QJsonValue& v, const QString& at, QStringList& errors) const
    {
        schema = resolve(schema);
        for (const auto& part : schema.value(QStringLiteral("allOf")).toArray()) {
            QJsonObject partSchema = resolve(part.toObject());
            partSchema.remove(QStringLiteral("properties")); // checked below, merged
            validate(partSchema, v, at, errors);
        }
        if (schema.contains(QStringLiteral("type")) && !hasType(v, schema.value(QStringLiteral("type")).toString()))
            errors.append(QStringLiteral("%1: not a %2").arg(at, schema.value(QStringLiteral("type")).toString()));
        if (schema.contains(QStringLiteral("const")) && v != schema.value(QStringLiteral("const")))
            errors.append(QStringLiteral("%1: not the constant").arg(at));
        if (schema.contains(QStringLiteral("enum")) && !schema.value(QStringLiteral("enum")).toArray().contains(v))
            errors.append(QStringLiteral("%1: %2 is not one of the listed values").arg(at, v.toVariant().toString()));
        if (schema.contains(QStringLiteral("minimum")) &&
            v.toDouble() < schema.value(QStringLiteral("minimum")).toDouble())
            errors.append(QStringLiteral("%1: below the minimum").arg(at));
        if (schema.contains(QStringLiteral("maximum")) &&
            v.toDouble() > schema.value(QStringLiteral("maximum")).toDouble())
            errors.append(QStringLiteral("%1: above the maximum").arg(at));
        if (v.isObject()) {
            const QJsonObject o = v.toObject();
            QStringList required;
            for (const auto& r : schema.value(QStringLiteral("required")).toArray())
                required.append(r.toString());
            for (const auto& part : schema.value(QStringLiteral("allOf")).toArray()) {
                for (const auto& r : resolve(part.toObject()).value(QStringLiteral("required")).toArray())
                    required.append(r.toString());
            }
            for (const QString& r : required) {
                if (!o.contains(r))
                    errors.append(QStringLiteral("%1: \"%2\" is required").arg(at, r));
            }
            const QJsonObject props = properties(schema);
            if (!props.isEmpty()) {
                for (auto it = o.begin(); it != o.end(); ++it) {
                    if (!props.contains(it.key()))
                        errors.append(QStringLiteral("%1: \"%2\" is not in the schema").arg(at, it.key()));
                    else
                        validate(props.value(it.key()).toObject(), it.value(), at + QLatin1Char('.') + it.key(),
                                 errors);
                }
            }
        }
        if (v.isArray() && schema.contains(QStringLiteral("items"))) {
            const QJsonArray a = v.toArray();
            for (qsizetype i = 0; i < a.size(); ++i)
                validate(schema.value(QStringLiteral("items")).toObject(), a.at(i),
                         QStringLiteral("%1[%2]").arg(at).arg(i), errors);
        }
    }

    QJsonObject m_root;
};

QJsonObject loadSchema()
{
    QFile f(QStringLiteral(TOKENSCOPE_SOURCE_DIR "/docs/workspace.schema.json"));
    if (!f.open(QIODevice::ReadOnly))
        return {};
    return QJsonDocument::fromJson(f.readAll()).object();
}

} // namespace

/// docs/workspace.schema.json describes every file WorkspaceStore writes.
class TestWorkspaceSchema : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void schemaIsDraft2020();
    void everyWrittenFileMatches();
    void checkerFindsMistakes_data();
    void checkerFindsMistakes();
};

void TestWorkspaceSchema::schemaIsDraft2020()
{
    const QJsonObject schema = loadSchema();
    QCOMPARE(schema.value(QStringLiteral("$schema")).toString(),
             QStringLiteral("https://json-schema.org/draft/2020-12/schema"));
    const QJsonObject defs = schema.value(QStringLiteral("$defs")).toObject();
    for (const char* type : {"workspace", "environment", "collection", "folder", "request"})
        QVERIFY2(defs.contains(QLatin1String(type)), type);
}

void TestWorkspaceSchema::everyWrittenFileMatches()
{
    const SchemaChecker checker(loadSchema());
    QTemporaryDir dir;
    MemorySecretStore secrets;
    WorkspaceStore store(dir.path(), &secrets);
    QVERIFY(store.saveAll(*full()).ok());
    QSet<QString> types;
    for (const QString& path : filesBelow(dir.path())) {
        const QJsonObject o = QJsonDocument::fromJson(readAll(path)).object();
        const QString type = o.value(QStringLiteral("type")).toString();
        types.insert(type);
        const QStringList errors = checker.check(o, type);
        QVERIFY2(errors.isEmpty(), qPrintable(path + QLatin1String(": ") + errors.join(QStringLiteral("; "))));
    }
    QCOMPARE(types.size(), 5);
}

void TestWorkspaceSchema::checkerFindsMistakes_data()
{
    QTest::addColumn<QString>("type");
    QTest::addColumn<QByteArray>("json");
    QTest::addColumn<QString>("error");
    QTest::newRow("missing url") << QStringLiteral("request")
                                 << QByteArray(R"({"version":1,"type":"request","id":"i","name":"n","method":"GET",
                                               "headers":[],"body":{"mode":"none"},"auth":{"type":"none"}})")
                                 << QStringLiteral("\"url\" is required");
    QTest::newRow("headers not rows") << QStringLiteral("request")
                                      << QByteArray(R"({"version":1,"type":"request","id":"i","name":"n","method":"GET",
                                                    "url":"u","headers":[{"name":1,"value":"v"}],"body":{"mode":"none"},
                                                    "auth":{"type":"none"}})")
                                      << QStringLiteral("$.headers[0].name: not a string");
    QTest::newRow("unknown auth type") << QStringLiteral("folder")
                                       << QByteArray(R"({"version":1,"type":"folder","id":"i","name":"n","items":[],
                                                     "auth":{"type":"digest"}})")
                                       << QStringLiteral("$.auth.type");
    QTest::newRow("undocumented member") << QStringLiteral("environment")
                                         << QByteArray(R"({"version":1,"type":"environment","name":"n","variables":[],
                                                       "colour":"red"})")
                                         << QStringLiteral("\"colour\" is not in the schema");
    QTest::newRow("version 2") << QStringLiteral("workspace")
                               << QByteArray(R"({"version":2,"type":"workspace","id":"i","name":"n","collections":[]})")
                               << QStringLiteral("$.version: not the constant");
}

void TestWorkspaceSchema::checkerFindsMistakes()
{
    QFETCH(QString, type);
    QFETCH(QByteArray, json);
    QFETCH(QString, error);
    const SchemaChecker checker(loadSchema());
    const QStringList errors = checker.check(QJsonDocument::fromJson(json).object(), type);
    QVERIFY2(errors.join(QLatin1Char('\n')).contains(error), qPrintable(errors.join(QStringLiteral("; "))));
}

QTEST_GUILESS_MAIN(TestWorkspaceSchema)
#include "TestWorkspaceSchema.moc"
