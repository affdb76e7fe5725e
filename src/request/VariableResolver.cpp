// SPDX-License-Identifier: MIT
#include "request/VariableResolver.h"

namespace {

void appendOnce(QStringList& list, const QString& item)
{
    if (!list.contains(item))
        list.append(item);
}

void merge(QStringList& into, const QStringList& from)
{
    for (const QString& item : from)
        appendOnce(into, item);
}

} // namespace

VariableResolver::VariableResolver(const Environment& environment)
    : VariableResolver(QList<Environment>{environment})
{
}

VariableResolver::VariableResolver(const QList<Environment>& layers)
{
    for (const auto& env : layers)
        add(env);
}

void VariableResolver::add(const Environment& environment)
{
    // Lookup takes the last entry, so within one environment keep only the first enabled definition
    // (as Environment::variable() does) while later layers still override earlier ones.
    QStringList seen;
    for (const auto& v : environment.variables()) {
        if (!v.enabled || seen.contains(v.name))
            continue;
        seen.append(v.name);
        m_variables.append(v);
    }
}

void VariableResolver::setOverride(const QString& name, const QString& value, bool secret)
{
    m_variables.append(EnvironmentVariable{name, value, secret, true});
}

QStringList VariableResolver::referencedNames(const QString& text)
{
    QStringList names;
    qsizetype pos = 0;
    while (true) {
        const qsizetype open = text.indexOf(QLatin1String("{{"), pos);
        if (open < 0)
            break;
        const qsizetype close = text.indexOf(QLatin1String("}}"), open + 2);
        if (close < 0)
            break;
        const QString name = text.mid(open + 2, close - open - 2).trimmed();
        if (!name.isEmpty() && !name.contains(QLatin1Char('{')))
            appendOnce(names, name);
        pos = close + 2;
    }
    return names;
}

void VariableResolver::expand(const QString& text, QStringList& stack, VariableResolution& out, QString& result) const
{
    qsizetype pos = 0;
    while (pos < text.size()) {
        const qsizetype open = text.indexOf(QLatin1String("{{"), pos);
        const qsizetype close = open < 0 ? -1 : text.indexOf(QLatin1String("}}"), open + 2);
        if (open < 0 || close < 0) {
            result += QStringView(text).mid(pos);
            return;
        }
        // "{{{{x}}" : the innermost "{{" starts the placeholder.
        const qsizetype innerOpen = text.lastIndexOf(QLatin1String("{{"), close - 1);
        const qsizetype start = innerOpen > open ? innerOpen : open;
        result += QStringView(text).mid(pos, start - pos);
        const QString placeholder = text.mid(start, close + 2 - start);
        const QString name = text.mid(start + 2, close - start - 2).trimmed();
        pos = close + 2;

        const EnvironmentVariable* found = nullptr;
        for (qsizetype i = m_variables.size() - 1; i >= 0; --i) {
            if (m_variables[i].name == name) {
                found = &m_variables[i];
                break;
            }
        }
        if (name.isEmpty()) {
            result += placeholder;
            continue;
        }
        if (!found) {
            appendOnce(out.unknownVariables, name);
            result += placeholder;
            continue;
        }
        if (stack.contains(name) || stack.size() >= kMaxDepth) {
            appendOnce(out.cyclicVariables, name);
            result += placeholder;
            continue;
        }
        if (found->secret && !found->value.isEmpty())
            appendOnce(out.secretValuesUsed, found->value);
        stack.append(name);
        expand(found->value, stack, out, result);
        stack.removeLast();
    }
}

VariableResolution VariableResolver::resolve(const QString& text) const
{
    VariableResolution out;
    QStringList stack;
    expand(text, stack, out, out.text);
    return out;
}

ResolvedRequest VariableResolver::resolve(const HttpRequestSpec& request) const
{
    ResolvedRequest out;
    out.request = request;
    const auto apply = [&](QString& field) {
        if (!field.contains(QLatin1String("{{")))
            return;
        const VariableResolution r = resolve(field);
        field = r.text;
        merge(out.unknownVariables, r.unknownVariables);
        merge(out.cyclicVariables, r.cyclicVariables);
        merge(out.secretValuesUsed, r.secretValuesUsed);
    };
    HttpRequestSpec& spec = out.request;
    apply(spec.method);
    apply(spec.url);
    for (auto& row : spec.headers) {
        apply(row.name);
        apply(row.value);
    }
    for (auto& row : spec.queryRows) {
        apply(row.name);
        apply(row.value);
    }
    apply(spec.rawBody);
    for (auto& row : spec.formRows) {
        apply(row.name);
        apply(row.value);
    }
    for (auto& part : spec.multipartParts) {
        apply(part.name);
        apply(part.value);
        apply(part.filePath);
        apply(part.contentType);
    }
    apply(spec.binaryFilePath);
    apply(spec.auth.token);
    apply(spec.auth.username);
    apply(spec.auth.password);
    apply(spec.auth.apiKeyName);
    apply(spec.auth.apiKeyValue);
    return out;
}
