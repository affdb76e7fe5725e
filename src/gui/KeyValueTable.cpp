// SPDX-License-Identifier: MIT
#include "gui/KeyValueTable.h"

#include <QHeaderView>

KeyValueTable::KeyValueTable(const QString& nameTitle, const QString& valueTitle, QWidget* parent)
    : QTableWidget(0, 2, parent)
{
    setHorizontalHeaderLabels({nameTitle, valueTitle});
    horizontalHeader()->setSectionResizeMode(0, QHeaderView::Interactive);
    horizontalHeader()->setStretchLastSection(true);
    horizontalHeader()->resizeSection(0, 200);
    verticalHeader()->setVisible(false);
    verticalHeader()->setDefaultSectionSize(verticalHeader()->minimumSectionSize() + 6);
    ensureBlankRow();
    connect(this, &QTableWidget::itemChanged, this, [this]() {
        if (m_updating)
            return;
        m_updating = true;
        ensureBlankRow();
        m_updating = false;
        Q_EMIT rowsEdited();
    });
}

void KeyValueTable::appendRow(const HttpRequestSpec::Row& row)
{
    const int r = rowCount();
    insertRow(r);
    auto* name = new QTableWidgetItem(row.name);
    name->setFlags(name->flags() | Qt::ItemIsUserCheckable);
    name->setCheckState(row.enabled ? Qt::Checked : Qt::Unchecked);
    setItem(r, 0, name);
    setItem(r, 1, new QTableWidgetItem(row.value));
}

void KeyValueTable::ensureBlankRow()
{
    const int last = rowCount() - 1;
    const bool lastBlank = last >= 0 && item(last, 0) && item(last, 0)->text().isEmpty() && item(last, 1) &&
                           item(last, 1)->text().isEmpty();
    if (!lastBlank)
        appendRow({QString(), QString(), true});
}

void KeyValueTable::setRows(const QList<HttpRequestSpec::Row>& rows)
{
    m_updating = true;
    setRowCount(0);
    for (const auto& row : rows)
        appendRow(row);
    ensureBlankRow();
    m_updating = false;
}

QList<HttpRequestSpec::Row> KeyValueTable::rows() const
{
    QList<HttpRequestSpec::Row> out;
    for (int r = 0; r < rowCount(); ++r) {
        const QTableWidgetItem* name = item(r, 0);
        const QTableWidgetItem* value = item(r, 1);
        const QString n = name ? name->text() : QString();
        const QString v = value ? value->text() : QString();
        if (n.isEmpty() && v.isEmpty())
            continue;
        out.append({n, v, !name || name->checkState() == Qt::Checked});
    }
    return out;
}

void KeyValueTable::setVariables(const QList<EnvironmentVariable>& variables)
{
    QList<HttpRequestSpec::Row> out;
    for (const auto& v : variables)
        out.append({v.name, v.value, v.enabled});
    setRows(out);
}

QList<EnvironmentVariable> KeyValueTable::variables(const QList<EnvironmentVariable>& previous) const
{
    QList<EnvironmentVariable> out;
    for (const auto& row : rows()) {
        bool secret = false;
        for (const auto& old : previous) {
            if (old.name == row.name)
                secret = old.secret;
        }
        out.append({row.name, row.value, secret, row.enabled});
    }
    return out;
}
