// SPDX-License-Identifier: MIT
#include "net/ScriptBridge.h"

#include "net/ScriptSandbox.h"

#include <utility>

namespace {
// A script cannot make the run keep unbounded state through the bridge.
constexpr qsizetype kMaxVariableBytes = 1024 * 1024;
constexpr qsizetype kMaxTests = 10000;
} // namespace

ScriptBridge::ScriptBridge(QObject* parent)
    : QObject(parent)
{
}

void ScriptBridge::begin(ScriptContext* context)
{
    m_context = context;
    m_tests.clear();
}

QList<AssertionOutcome> ScriptBridge::takeTests()
{
    m_context = nullptr;
    return std::exchange(m_tests, {});
}

Environment* ScriptBridge::scope(const QString& name) const
{
    if (!m_context)
        return nullptr;
    if (name == QLatin1String("globals"))
        return m_context->globals;
    if (name == QLatin1String("collectionVariables"))
        return m_context->collectionVariables;
    if (name == QLatin1String("environment"))
        return m_context->environment;
    return m_context->local;
}

QJSValue ScriptBridge::varGet(const QString& scopeName, const QString& name) const
{
    if (!m_context)
        return QJSValue(QJSValue::UndefinedValue);
    if (scopeName == QLatin1String("variables")) {
        // pm.variables.get: the value a {{name}} would take (local first, then the layers from the top).
        if (m_context->local) {
            if (const auto v = m_context->local->variable(name))
                return QJSValue(v->value);
        }
        for (qsizetype i = m_context->layers.size() - 1; i >= 0; --i) {
            if (const auto v = m_context->layers.at(i).variable(name))
                return QJSValue(v->value);
        }
        return QJSValue(QJSValue::UndefinedValue);
    }
    const Environment* env = scope(scopeName);
    if (!env)
        return QJSValue(QJSValue::UndefinedValue);
    const auto v = env->variable(name);
    return v ? QJSValue(v->value) : QJSValue(QJSValue::UndefinedValue);
}

void ScriptBridge::varSet(const QString& scopeName, const QString& name, const QString& value)
{
    Environment* env = scope(scopeName);
    if (!env || name.isEmpty() || value.size() > kMaxVariableBytes)
        return;
    env->setVariable(name, value);
}

void ScriptBridge::varUnset(const QString& scopeName, const QString& name)
{
    if (Environment* env = scope(scopeName))
        env->removeVariable(name);
}

bool ScriptBridge::varHas(const QString& scopeName, const QString& name) const
{
    return !varGet(scopeName, name).isUndefined();
}

QJSValue ScriptBridge::header(const QString& name) const
{
    if (!m_context || !m_context->response)
        return QJSValue(QJSValue::UndefinedValue);
    const QByteArray value = m_context->response->headerValue(name.toLatin1());
    return value.isNull() ? QJSValue(QJSValue::UndefinedValue) : QJSValue(QString::fromLatin1(value));
}

QStringList ScriptBridge::headerValues(const QString& name) const
{
    QStringList out;
    if (!m_context || !m_context->response)
        return out;
    for (const QByteArray& v : m_context->response->headerValues(name.toLatin1()))
        out.append(QString::fromLatin1(v));
    return out;
}

QJSValue ScriptBridge::requestHeader(const QString& name) const
{
    if (!m_context)
        return QJSValue(QJSValue::UndefinedValue);
    for (const auto& row : m_context->request.headers) {
        if (row.enabled && row.name.compare(name, Qt::CaseInsensitive) == 0)
            return QJSValue(row.value);
    }
    return QJSValue(QJSValue::UndefinedValue);
}

void ScriptBridge::record(const QString& name, bool passed, bool errored, const QString& message)
{
    if (m_tests.size() >= kMaxTests)
        return;
    AssertionOutcome o;
    o.name = name;
    o.status = passed ? AssertionOutcome::Status::Passed
                      : (errored ? AssertionOutcome::Status::Errored : AssertionOutcome::Status::Failed);
    o.message = passed ? QString() : message;
    m_tests.append(o);
}
