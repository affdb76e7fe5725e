// SPDX-License-Identifier: MIT
#pragma once

#include "core/Result.h"

#include <QJsonObject>
#include <QList>
#include <QString>
#include <optional>

/// One variable of an environment. `secret` only marks the value (masked in the UI and in exported code);
/// where secret values are stored is decided elsewhere.
struct EnvironmentVariable
{
    QString name;
    QString value;
    bool secret = false;
    bool enabled = true;
    friend bool operator==(const EnvironmentVariable&, const EnvironmentVariable&) = default;
};

/// A named key-value set ("dev", "prod") whose variables fill `{{name}}` placeholders. Names are case-sensitive;
/// when a name occurs twice the first enabled one wins.
class Environment
{
public:
    Environment() = default;
    explicit Environment(QString name, QList<EnvironmentVariable> variables = {});

    const QString& name() const { return m_name; }
    void setName(const QString& name) { m_name = name; }

    const QList<EnvironmentVariable>& variables() const { return m_variables; }
    void setVariables(const QList<EnvironmentVariable>& variables) { m_variables = variables; }

    /// Sets the first variable called `name` or appends one.
    void setVariable(const QString& name, const QString& value, bool secret = false);
    bool removeVariable(const QString& name);
    /// The first enabled variable called `name`.
    std::optional<EnvironmentVariable> variable(const QString& name) const;
    bool contains(const QString& name) const { return variable(name).has_value(); }

    /// Values of enabled secret variables (for SnippetOptions::extraSecrets / HttpRequestSpec::redacted()).
    QStringList secretValues() const;

    /// `{"name":..., "variables":[{name, value, secret, enabled}]}`. With includeSecretValues false the value of
    /// a secret variable is written as "" (the key stays so the variable is known to exist).
    QJsonObject toJson(bool includeSecretValues = false) const;
    /// ERR_JSON_INVALID when a member has the wrong type.
    static Result<Environment> fromJson(const QJsonObject& json);

    friend bool operator==(const Environment&, const Environment&) = default;

private:
    QString m_name;
    QList<EnvironmentVariable> m_variables;
};
