// SPDX-License-Identifier: MIT
#pragma once

#include "request/Environment.h"
#include "request/HttpRequestSpec.h"

#include <QTableWidget>

/// Name/value rows with an enable checkbox on each name (headers, query parameters, form fields). A blank row at
/// the end takes new entries. rowsEdited() is emitted for user edits only, never for setRows().
class KeyValueTable : public QTableWidget
{
    Q_OBJECT
public:
    explicit KeyValueTable(const QString& nameTitle, const QString& valueTitle, QWidget* parent = nullptr);

    void setRows(const QList<HttpRequestSpec::Row>& rows);
    /// Rows with a name or a value (the blank row is left out).
    QList<HttpRequestSpec::Row> rows() const;

    /// Variables as rows (name, value, enabled), and back. The table has no column for the secret mark: a row keeps
    /// the mark of the variable of the same name in `previous` (what was shown).
    void setVariables(const QList<EnvironmentVariable>& variables);
    QList<EnvironmentVariable> variables(const QList<EnvironmentVariable>& previous) const;

Q_SIGNALS:
    void rowsEdited();

private:
    void appendRow(const HttpRequestSpec::Row& row);
    void ensureBlankRow();
    bool m_updating = false;
};
