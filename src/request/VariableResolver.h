// SPDX-License-Identifier: MIT
#pragma once

#include "request/Environment.h"
#include "request/HttpRequestSpec.h"

#include <QStringList>

/// What a substitution produced and what it could not do.
struct VariableResolution
{
    QString text;
    QStringList unknownVariables; // names without a value, each once, in order of first use
    QStringList cyclicVariables;  // names whose expansion referred back to themselves or went too deep
    QStringList secretValuesUsed; // values of secret variables that were substituted (to mask them later)
};

/// The request with every `{{name}}` replaced, plus the same reports for all its fields together.
struct ResolvedRequest
{
    HttpRequestSpec request;
    QStringList unknownVariables;
    QStringList cyclicVariables;
    QStringList secretValuesUsed;
};

/// Replaces `{{name}}` placeholders with variable values. Whitespace inside the braces is ignored
/// (`{{ host }}` == `{{host}}`). A value may itself contain placeholders; they are expanded up to
/// kMaxDepth levels, and a cycle (a -> b -> a) stops at the repeated name. Unknown and cyclic placeholders
/// are left as written and reported; nothing here fails.
class VariableResolver
{
public:
    static constexpr int kMaxDepth = 8;

    VariableResolver() = default;
    explicit VariableResolver(const Environment& environment);
    /// Later environments override earlier ones (e.g. globals, then the active environment).
    explicit VariableResolver(const QList<Environment>& layers);

    /// Runtime overrides (highest priority).
    void setOverride(const QString& name, const QString& value, bool secret = false);

    VariableResolution resolve(const QString& text) const;
    ResolvedRequest resolve(const HttpRequestSpec& request) const;

    /// Names referenced by `text` (each once, in order), without resolving.
    static QStringList referencedNames(const QString& text);

private:
    void add(const Environment& environment);
    void expand(const QString& text, QStringList& stack, VariableResolution& out, QString& result) const;

    QList<EnvironmentVariable> m_variables; // later entries win
};
