// SPDX-License-Identifier: MIT
#pragma once

#include <QSortFilterProxyModel>

/// The collections tree filtered by a plain, case-insensitive substring of the names: a request matches by its
/// name, and a folder stays visible while anything below it matches (recursive filtering). A substring test
/// instead of the base class's escaped regular expression: it is what a keystroke in a 10,000-row tree costs.
class CollectionFilterModel : public QSortFilterProxyModel
{
    Q_OBJECT
public:
    explicit CollectionFilterModel(QObject* parent = nullptr);
    void setNeedle(const QString& needle);
    QString needle() const { return m_needle; }

protected:
    bool filterAcceptsRow(int sourceRow, const QModelIndex& sourceParent) const override;

private:
    QString m_needle;
};
