// SPDX-License-Identifier: MIT
#pragma once

#include <QSet>
#include <QWidget>

class CollectionFilterModel;
class CollectionNode;
class CollectionTreeModel;
class QLineEdit;
class QToolButton;
class QTreeView;
class WorkspaceDocument;

/// The collections tree of the Request workspace: a filter box, the tree, and the tree edits (new request, folder
/// or collection, rename with F2, duplicate, delete, drag and drop), all undoable through the document's stack.
class CollectionsSidebar : public QWidget
{
    Q_OBJECT
public:
    explicit CollectionsSidebar(WorkspaceDocument* document, QWidget* parent = nullptr);

    QTreeView* treeView() const { return m_tree; }
    CollectionTreeModel* model() const { return m_model; }
    /// The selected node (null when none).
    CollectionNode* currentNode() const;
    void selectNode(const QString& id);
    void setFilterText(const QString& text);
    /// Deleting a non-empty folder asks first (default); tests switch it off.
    void setConfirmDeletes(bool confirm) { m_confirmDeletes = confirm; }

    bool eventFilter(QObject* watched, QEvent* event) override;

public Q_SLOTS:
    void newRequest();
    void newFolder();
    void newCollection();
    void renameCurrent();
    void duplicateCurrent();
    void deleteCurrent();

Q_SIGNALS:
    /// A request was activated (double-click, Enter) or selected.
    void requestActivated(const QString& id);
    /// "Run…" from the context menu of a collection or folder.
    void runRequested(const QString& id);
    /// A collection or folder was activated: its settings open in the editor area.
    void settingsActivated(const QString& id);

private:
    /// While filtering: opens the collections and folders on screen, so their matches show. Only those on screen:
    /// opening all of them (expandAll) made the first keystroke in a 10,000-request tree take 30-40 ms. Runs
    /// again when the tree scrolls or its viewport grows, so what comes into view opens too; a folder the user
    /// closes stays closed until the filter widens.
    void expandVisibleMatches();
    void rememberExpansion();
    void restoreExpansion();
    void activate(const QModelIndex& proxyIndex);
    CollectionNode* targetContainer() const;

    WorkspaceDocument* m_document;
    CollectionTreeModel* m_model;
    CollectionFilterModel* m_proxy;
    QLineEdit* m_filter;
    QTreeView* m_tree;
    QSet<QString> m_expanded;
    QString m_selectedId;
    bool m_confirmDeletes = true;
    bool m_filterExpanding = false; // the filter opens folders: not the user's expansion state to remember
    QSet<QString> m_filterOpened;   // ids the filter has opened (or found open) since the filter last widened
};
