// SPDX-License-Identifier: MIT
#pragma once

#include <QByteArray>
#include <QWidget>

class JsonTreeModel;
class QLabel;
class QLineEdit;
class QMenu;
class QPushButton;
class QTreeView;

/// A collapsible tree of a JSON text of any size (the response viewer's "Tree" tab). The index (JsonIndex) is built
/// on the thread pool; rows are created as branches open (JsonTreeModel), so a 50 MB body costs only what is
/// browsed. Search finds member names and scalar values (bytes as written) and opens and selects the hit; Ctrl+C /
/// Ctrl+Shift+C and the context menu copy the value (whole) or its JSON path; JWT strings are marked and open in
/// the Token workbench on double-click. Invalid JSON shows why and where instead of an empty tree.
class JsonTreePanel : public QWidget
{
    Q_OBJECT
public:
    /// "Expand all" is offered for documents with at most this many non-empty objects and arrays.
    static constexpr qsizetype kExpandAllMaxContainers = 2000;

    explicit JsonTreePanel(QWidget* parent = nullptr);

    /// Indexes `json` off the GUI thread and shows it (ready() when done); a newer call or clear() supersedes.
    void setJson(const QByteArray& json);
    /// Empties the tree and shows `message` instead (e.g. why there is no tree).
    void clear(const QString& message = QString());
    bool isReady() const { return m_ready; }
    JsonTreeModel* model() const { return m_model; }
    QTreeView* view() const { return m_view; }
    /// What the status line says (errors, counts, search results).
    QString statusText() const;

    /// Selects the next row whose name or value contains `text`, opening its branch; false if there is none.
    bool findNext(const QString& text);
    void copyValue() const;
    void copyPath() const;
    void expandAll();

Q_SIGNALS:
    void ready();
    void openTokenRequested(const QByteArray& token);

protected:
    bool eventFilter(QObject* watched, QEvent* event) override;

private:
    void showContextMenu(const QPoint& pos);
    void openToken(const QModelIndex& index);

    JsonTreeModel* m_model;
    QTreeView* m_view;
    QLineEdit* m_search;
    QPushButton* m_expandAll;
    QPushButton* m_collapseAll;
    QLabel* m_status;
    QMenu* m_menu;
    quint64 m_generation = 0;
    bool m_ready = false;
    qsizetype m_lastHit = -1;
};
