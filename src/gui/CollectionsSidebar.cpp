// SPDX-License-Identifier: MIT
#include "gui/CollectionsSidebar.h"

#include "gui/CollectionFilterModel.h"
#include "gui/CollectionTreeModel.h"
#include "gui/WorkspaceDocument.h"

#include <QAction>
#include <QEvent>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLineEdit>
#include <QMenu>
#include <QMessageBox>
#include <QScopedValueRollback>
#include <QScrollBar>
#include <QSortFilterProxyModel>
#include <QToolButton>
#include <QTreeView>
#include <QUndoStack>
#include <QVBoxLayout>

namespace {
QToolButton* toolButton(const QString& objectName, const QString& text, const QString& tip, QWidget* parent)
{
    auto* b = new QToolButton(parent);
    b->setObjectName(objectName);
    b->setText(text);
    b->setToolTip(tip);
    b->setAutoRaise(true);
    return b;
}
} // namespace

CollectionsSidebar::CollectionsSidebar(WorkspaceDocument* document, QWidget* parent)
    : QWidget(parent)
    , m_document(document)
    , m_model(new CollectionTreeModel(document, this))
    , m_proxy(new CollectionFilterModel(this))
{
    setObjectName(QStringLiteral("collectionsSidebar"));
    m_proxy->setSourceModel(m_model);

    m_filter = new QLineEdit(this);
    m_filter->setObjectName(QStringLiteral("collectionFilterLineEdit"));
    m_filter->setPlaceholderText(tr("Filter requests"));
    m_filter->setClearButtonEnabled(true);

    m_tree = new QTreeView(this);
    m_tree->setObjectName(QStringLiteral("collectionTreeView"));
    m_tree->setModel(m_proxy);
    m_tree->setHeaderHidden(true);
    m_tree->setUniformRowHeights(true); // 10,000 rows: no per-row size hint
    m_tree->setDragDropMode(QAbstractItemView::InternalMove);
    m_tree->setDefaultDropAction(Qt::MoveAction);
    m_tree->setDragEnabled(true);
    m_tree->setAcceptDrops(true);
    m_tree->setDropIndicatorShown(true);
    m_tree->setEditTriggers(QAbstractItemView::EditKeyPressed | QAbstractItemView::SelectedClicked);
    m_tree->setContextMenuPolicy(Qt::CustomContextMenu);

    auto* newRequestButton = toolButton(QStringLiteral("newRequestButton"), tr("+ Request"),
                                        tr("New request in the selected folder (Ctrl+N)"), this);
    auto* newFolderButton =
        toolButton(QStringLiteral("newFolderButton"), tr("+ Folder"), tr("New folder in the selected folder"), this);
    auto* newCollectionButton =
        toolButton(QStringLiteral("newCollectionButton"), tr("+ Collection"), tr("New collection"), this);
    auto* buttons = new QHBoxLayout;
    buttons->setContentsMargins(0, 0, 0, 0);
    buttons->addWidget(newRequestButton);
    buttons->addWidget(newFolderButton);
    buttons->addWidget(newCollectionButton);
    buttons->addStretch(1);

    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_filter);
    layout->addLayout(buttons);
    layout->addWidget(m_tree, 1);

    auto addAction = [this](const QString& name, const QString& text, const QKeySequence& key, auto slot) {
        auto* action = new QAction(text, this);
        action->setObjectName(name);
        action->setShortcut(key);
        action->setShortcutContext(Qt::WidgetWithChildrenShortcut);
        connect(action, &QAction::triggered, this, slot);
        m_tree->addAction(action);
        return action;
    };
    QAction* rename = addAction(QStringLiteral("renameAction"), tr("Rename"), QKeySequence(Qt::Key_F2),
                                &CollectionsSidebar::renameCurrent);
    QAction* duplicate = addAction(QStringLiteral("duplicateAction"), tr("Duplicate"), QKeySequence(tr("Ctrl+D")),
                                   &CollectionsSidebar::duplicateCurrent);
    QAction* remove = addAction(QStringLiteral("deleteAction"), tr("Delete"), QKeySequence::Delete,
                                &CollectionsSidebar::deleteCurrent);
    QAction* undo = m_document->undoStack()->createUndoAction(this, tr("Undo"));
    undo->setObjectName(QStringLiteral("undoAction"));
    undo->setShortcut(QKeySequence::Undo);
    undo->setShortcutContext(Qt::WidgetWithChildrenShortcut);
    QAction* redo = m_document->undoStack()->createRedoAction(this, tr("Redo"));
    redo->setObjectName(QStringLiteral("redoAction"));
    redo->setShortcut(QKeySequence::Redo);
    redo->setShortcutContext(Qt::WidgetWithChildrenShortcut);
    m_tree->addAction(undo);
    m_tree->addAction(redo);

    connect(m_tree, &QWidget::customContextMenuRequested, this, [=, this](const QPoint& pos) {
        QMenu menu(this);
        menu.addAction(tr("New request"), this, &CollectionsSidebar::newRequest);
        menu.addAction(tr("New folder"), this, &CollectionsSidebar::newFolder);
        if (const CollectionNode* n = currentNode(); n && n->isContainer()) {
            const QString id = n->id();
            menu.addAction(tr("Run…"), this, [this, id] { Q_EMIT runRequested(id); })
                ->setObjectName(QStringLiteral("runCollectionAction"));
        }
        menu.addSeparator();
        for (QAction* a : {rename, duplicate, remove})
            menu.addAction(a);
        menu.addSeparator();
        menu.addAction(undo);
        menu.addAction(redo);
        menu.exec(m_tree->viewport()->mapToGlobal(pos));
    });
    connect(newRequestButton, &QToolButton::clicked, this, &CollectionsSidebar::newRequest);
    connect(newFolderButton, &QToolButton::clicked, this, &CollectionsSidebar::newFolder);
    connect(newCollectionButton, &QToolButton::clicked, this, &CollectionsSidebar::newCollection);
    connect(m_filter, &QLineEdit::textChanged, this, &CollectionsSidebar::setFilterText);
    connect(m_tree, &QTreeView::activated, this, &CollectionsSidebar::activate);
    connect(m_tree, &QTreeView::clicked, this, &CollectionsSidebar::activate);
    connect(m_document, &WorkspaceDocument::aboutToChangeStructure, this, &CollectionsSidebar::rememberExpansion);
    connect(m_document, &WorkspaceDocument::structureChanged, this, &CollectionsSidebar::restoreExpansion);
    connect(m_tree, &QTreeView::expanded, this, [this](const QModelIndex& i) {
        if (!m_filterExpanding)
            m_expanded.insert(i.data(CollectionTreeModel::IdRole).toString());
    });
    connect(m_tree, &QTreeView::collapsed, this,
            [this](const QModelIndex& i) { m_expanded.remove(i.data(CollectionTreeModel::IdRole).toString()); });
    // What scrolls into view, or shows when the tree grows, opens too while filtering.
    connect(m_tree->verticalScrollBar(), &QScrollBar::valueChanged, this, &CollectionsSidebar::expandVisibleMatches);
    m_tree->viewport()->installEventFilter(this);
    restoreExpansion();
}

void CollectionsSidebar::setFilterText(const QString& text)
{
    if (m_filter->text() != text)
        m_filter->setText(text);
    const QString previous = m_proxy->needle();
    m_proxy->setNeedle(text);
    if (text.isEmpty()) {
        m_filterOpened.clear();
        restoreExpansion();
        return;
    }
    // Matches deep in folders are shown, not hidden under collapsed parents. Typing on only narrows the matches:
    // what the user closed meanwhile stays closed. A new or wider filter opens what is on screen again.
    if (previous.isEmpty() || !text.contains(previous, Qt::CaseInsensitive))
        m_filterOpened.clear();
    expandVisibleMatches();
}

bool CollectionsSidebar::eventFilter(QObject* watched, QEvent* event)
{
    if (watched == m_tree->viewport() && event->type() == QEvent::Resize)
        expandVisibleMatches();
    return QWidget::eventFilter(watched, event);
}

void CollectionsSidebar::expandVisibleMatches()
{
    if (m_proxy->needle().isEmpty())
        return;
    const QScopedValueRollback<bool> filtering(m_filterExpanding, true);
    // Top to bottom through the rows on screen; an opened container's rows come next and push the rest down.
    const int bottom = m_tree->viewport()->height();
    for (QModelIndex index = m_tree->indexAt(QPoint(0, 0)); index.isValid() && m_tree->visualRect(index).top() < bottom;
         index = m_tree->indexBelow(index)) {
        if (!m_proxy->hasChildren(index))
            continue;
        const QString id = index.data(CollectionTreeModel::IdRole).toString();
        if (m_filterOpened.contains(id))
            continue;
        m_filterOpened.insert(id);
        m_tree->expand(index);
    }
}

CollectionNode* CollectionsSidebar::currentNode() const
{
    return m_model->node(m_proxy->mapToSource(m_tree->currentIndex()));
}

void CollectionsSidebar::selectNode(const QString& id)
{
    const QModelIndex index = m_proxy->mapFromSource(m_model->indexOf(id));
    if (!index.isValid())
        return;
    for (QModelIndex p = index.parent(); p.isValid(); p = p.parent())
        m_tree->expand(p);
    m_tree->setCurrentIndex(index);
    m_tree->scrollTo(index);
    m_selectedId = id;
}

void CollectionsSidebar::rememberExpansion()
{
    if (const CollectionNode* n = currentNode())
        m_selectedId = n->id();
}

void CollectionsSidebar::restoreExpansion()
{
    const Workspace* ws = m_document->workspace();
    if (!ws)
        return;
    // The first time a workspace shows, its collections are open.
    if (m_expanded.isEmpty()) {
        for (int i = 0; i < ws->collectionCount(); ++i)
            m_expanded.insert(ws->collection(i)->id());
    }
    for (const QString& id : std::as_const(m_expanded)) {
        const QModelIndex index = m_proxy->mapFromSource(m_model->indexOf(id));
        if (index.isValid())
            m_tree->expand(index);
    }
    if (!m_selectedId.isEmpty())
        selectNode(m_selectedId);
}

void CollectionsSidebar::activate(const QModelIndex& proxyIndex)
{
    const CollectionNode* n = m_model->node(m_proxy->mapToSource(proxyIndex));
    if (!n)
        return;
    m_selectedId = n->id();
    if (n->isContainer())
        Q_EMIT settingsActivated(n->id());
    else
        Q_EMIT requestActivated(n->id());
}

CollectionNode* CollectionsSidebar::targetContainer() const
{
    CollectionNode* n = currentNode();
    if (n && !n->isContainer())
        n = n->parent();
    Workspace* ws = m_document->workspace();
    if (!n && ws && ws->collectionCount() > 0)
        n = ws->collection(0);
    return n;
}

void CollectionsSidebar::newRequest()
{
    CollectionNode* parent = targetContainer();
    if (!parent)
        parent = m_document->addCollection(tr("My collection"));
    if (!parent)
        return;
    RequestItem item;
    item.name = tr("New request");
    CollectionNode* current = currentNode();
    const int index = current && !current->isContainer() ? current->row() + 1 : -1;
    if (CollectionNode* added = m_document->addRequest(parent, item, index)) {
        selectNode(added->id());
        Q_EMIT requestActivated(added->id());
        m_tree->edit(m_tree->currentIndex());
    }
}

void CollectionsSidebar::newFolder()
{
    CollectionNode* parent = targetContainer();
    if (!parent)
        return newCollection();
    if (CollectionNode* added = m_document->addFolder(parent, tr("New folder"))) {
        selectNode(added->id());
        m_tree->edit(m_tree->currentIndex());
    }
}

void CollectionsSidebar::newCollection()
{
    if (CollectionNode* added = m_document->addCollection(tr("New collection"))) {
        selectNode(added->id());
        m_tree->edit(m_tree->currentIndex());
    }
}

void CollectionsSidebar::renameCurrent()
{
    if (m_tree->currentIndex().isValid())
        m_tree->edit(m_tree->currentIndex());
}

void CollectionsSidebar::duplicateCurrent()
{
    if (CollectionNode* n = currentNode()) {
        if (CollectionNode* copy = m_document->duplicate(n))
            selectNode(copy->id());
    }
}

void CollectionsSidebar::deleteCurrent()
{
    CollectionNode* n = currentNode();
    if (!n)
        return;
    // Undo brings it back, so no confirmation for a single request; a folder or collection says what it holds.
    if (m_confirmDeletes && n->isContainer() && n->requestCount() > 0) {
        const auto answer = QMessageBox::question(
            this, tr("Delete %1").arg(n->name()),
            tr("Delete \"%1\" and the %n request(s) in it? (Edit → Undo brings them back.)", nullptr, n->requestCount())
                .arg(n->name()));
        if (answer != QMessageBox::Yes)
            return;
    }
    m_selectedId.clear();
    m_document->remove(n);
}
