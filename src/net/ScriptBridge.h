// SPDX-License-Identifier: MIT
#pragma once

#include "net/ResponseAssertions.h"
#include "request/Environment.h"

#include <QJSValue>
#include <QObject>

struct ScriptContext;

/// The native side of ScriptSandbox's JavaScript API: variable scopes, response headers and the test record. Only
/// these calls reach C++ from a script; none of them touches files, processes or the network.
class ScriptBridge : public QObject
{
    Q_OBJECT
public:
    explicit ScriptBridge(QObject* parent = nullptr);

    /// For one script run; `context` must outlive it.
    void begin(ScriptContext* context);
    QList<AssertionOutcome> takeTests();
    void addOutcome(const AssertionOutcome& outcome) { m_tests.append(outcome); }

    /// scope: "globals", "collectionVariables", "environment", "variables" (local, then every layer). Undefined when
    /// the variable is not there.
    Q_INVOKABLE QJSValue varGet(const QString& scope, const QString& name) const;
    Q_INVOKABLE void varSet(const QString& scope, const QString& name, const QString& value);
    Q_INVOKABLE void varUnset(const QString& scope, const QString& name);
    Q_INVOKABLE bool varHas(const QString& scope, const QString& name) const;
    /// The first response header `name` (case-insensitive); undefined when absent.
    Q_INVOKABLE QJSValue header(const QString& name) const;
    Q_INVOKABLE QStringList headerValues(const QString& name) const;
    /// The request header `name` as it was sent (or will be); undefined when absent.
    Q_INVOKABLE QJSValue requestHeader(const QString& name) const;
    Q_INVOKABLE void record(const QString& name, bool passed, bool errored, const QString& message);

private:
    Environment* scope(const QString& name) const;

    ScriptContext* m_context = nullptr;
    QList<AssertionOutcome> m_tests;
};
