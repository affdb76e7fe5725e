// SPDX-License-Identifier: MIT
#include "gui/JsonTreePanel.h"

#include "gui/JsonTreeModel.h"
#include "net/BackgroundTask.h"

#include <QApplication>
#include <QClipboard>
#include <QElapsedTimer>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QKeyEvent>
#include <QLabel>
#include <QLineEdit>
#include <QMenu>
#include <QPushButton>
#include <QStyledItemDelegate>
#include <QTreeView>
#include <QVBoxLayout>

#include <optional>

namespace {

/// JWT strings in bold and in the accent colour, so they stand out in a long response.
class JwtMarkDelegate : public QStyledItemDelegate
{
public:
    using QStyledItemDelegate::QStyledItemDelegate;

protected:
    void initStyleOption(QStyleOptionViewItem* option, const QModelIndex& index) const override
    {
        QStyledItemDelegate::initStyleOption(option, index);
        if (index.column() != JsonTreeModel::KeyColumn && index.data(JsonTreeModel::IsJwtRole).toBool()) {
            option->font.setBold(true);
            option->palette.setColor(QPalette::Text, QColor(0x8e, 0x44, 0xad));
        }
    }
};

/// What the worker hands back: the index, or why there is none (with line and column for the status line).
struct IndexOutcome
{
    std::optional<JsonIndex> index;
    QString error;
    qint64 elapsedMs = 0;
};

IndexOutcome buildIndex(const QByteArray& json)
{
    QElapsedTimer timer;
    timer.start();
    IndexOutcome out;
    qsizetype at = -1;
    auto built = JsonIndex::build(json, JsonIndex::kDefaultMaxDepth, &at);
    if (built) {
        out.index = std::move(built).value();
    } else {
        const QByteArrayView before = QByteArrayView(json).first(qBound<qsizetype>(0, at, json.size()));
        const qsizetype line = before.count('\n') + 1;
        const qsizetype column = before.size() - (before.lastIndexOf('\n') + 1) + 1;
        out.error = JsonTreePanel::tr("Invalid JSON, so no tree: %1 (line %2, column %3).")
                        .arg(built.error().message)
                        .arg(line)
                        .arg(column);
    }
    out.elapsedMs = timer.elapsed();
    return out;
}

} // namespace

JsonTreePanel::JsonTreePanel(QWidget* parent)
    : QWidget(parent)
    , m_model(new JsonTreeModel(this))
{
    setObjectName(QStringLiteral("responseTreePanel"));
    m_search = new QLineEdit(this);
    m_search->setObjectName(QStringLiteral("responseTreeSearch"));
    m_search->setPlaceholderText(tr("Find a name or value (Enter for next)"));
    m_search->setClearButtonEnabled(true);
    m_expandAll = new QPushButton(tr("Expand all"), this);
    m_expandAll->setObjectName(QStringLiteral("responseTreeExpandAllButton"));
    m_collapseAll = new QPushButton(tr("Collapse all"), this);
    m_collapseAll->setObjectName(QStringLiteral("responseTreeCollapseAllButton"));
    m_status = new QLabel(this);
    m_status->setObjectName(QStringLiteral("responseTreeStatusLabel"));
    m_status->setWordWrap(true);
    m_status->setTextInteractionFlags(Qt::TextSelectableByMouse);

    m_view = new QTreeView(this);
    m_view->setObjectName(QStringLiteral("responseJsonTree"));
    m_view->setAccessibleName(tr("Response JSON tree"));
    m_view->setModel(m_model);
    m_view->setUniformRowHeights(true); // constant-time layout for rows with thousands of children
    m_view->setAlternatingRowColors(true);
    m_view->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_view->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_view->setContextMenuPolicy(Qt::CustomContextMenu);
    m_view->setItemDelegate(new JwtMarkDelegate(m_view));
    m_view->setTextElideMode(Qt::ElideRight);
    m_view->header()->setStretchLastSection(false);
    m_view->header()->setSectionResizeMode(JsonTreeModel::ValueColumn, QHeaderView::Stretch);
    m_view->header()->resizeSection(JsonTreeModel::KeyColumn, 240);
    m_view->header()->resizeSection(JsonTreeModel::TypeColumn, 110);
    m_view->installEventFilter(this);

    auto* row = new QHBoxLayout;
    row->addWidget(m_search, 1);
    row->addWidget(m_expandAll);
    row->addWidget(m_collapseAll);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addLayout(row);
    layout->addWidget(m_status);
    layout->addWidget(m_view, 1);

    connect(m_search, &QLineEdit::returnPressed, this, [this]() { findNext(m_search->text()); });
    connect(m_search, &QLineEdit::textChanged, this, [this]() { m_lastHit = -1; });
    connect(m_expandAll, &QPushButton::clicked, this, &JsonTreePanel::expandAll);
    connect(m_collapseAll, &QPushButton::clicked, m_view, &QTreeView::collapseAll);
    connect(m_view, &QTreeView::customContextMenuRequested, this, &JsonTreePanel::showContextMenu);
    connect(m_view, &QTreeView::doubleClicked, this, &JsonTreePanel::openToken);
    clear();
}

void JsonTreePanel::clear(const QString& message)
{
    ++m_generation; // a pending index is dropped when it arrives
    m_ready = false;
    m_lastHit = -1;
    m_model->clear();
    m_status->setText(message);
    m_status->setVisible(!message.isEmpty());
    m_expandAll->setEnabled(false);
    m_collapseAll->setEnabled(false);
    m_search->setEnabled(false);
}

void JsonTreePanel::setJson(const QByteArray& json)
{
    clear(tr("Building the tree…"));
    const quint64 generation = m_generation;
    BackgroundTask::run<IndexOutcome>(
        this, [json]() { return buildIndex(json); },
        [this, generation](IndexOutcome outcome) {
            if (generation != m_generation)
                return;
            if (!outcome.index) {
                m_status->setText(outcome.error);
            } else {
                const qsizetype containers = outcome.index->containerCount();
                m_model->setJsonIndex(std::move(*outcome.index));
                m_status->clear();
                m_status->hide();
                m_expandAll->setEnabled(containers <= kExpandAllMaxContainers);
                m_expandAll->setToolTip(containers <= kExpandAllMaxContainers
                                            ? QString()
                                            : tr("%1 objects and arrays: too many to open at once; open branches "
                                                 "or search instead")
                                                  .arg(containers));
                m_collapseAll->setEnabled(true);
                m_search->setEnabled(true);
                // Names as wide as the top level needs (only its rows exist now), within reason.
                m_view->resizeColumnToContents(JsonTreeModel::KeyColumn);
                m_view->header()->resizeSection(
                    JsonTreeModel::KeyColumn, qBound(120, m_view->header()->sectionSize(JsonTreeModel::KeyColumn) + 16,
                                                     qMax(240, width() * 2 / 5)));
            }
            m_ready = true;
            Q_EMIT ready();
        });
}

QString JsonTreePanel::statusText() const
{
    return m_status->text();
}

bool JsonTreePanel::findNext(const QString& text)
{
    if (text.isEmpty() || m_model->isEmpty())
        return false;
    if (m_search->text() != text)
        m_search->setText(text); // called from code: show what was searched (starts from the top)
    qsizetype hit = -1;
    const QModelIndex found = m_model->find(text.toUtf8(), m_lastHit + 1, &hit);
    if (!found.isValid()) {
        m_status->setText(tr("\"%1\" is not in any name or value.").arg(text));
        m_status->show();
        return false;
    }
    m_status->hide();
    m_lastHit = hit;
    QList<QModelIndex> ancestors;
    for (QModelIndex p = found.parent(); p.isValid(); p = p.parent())
        ancestors.prepend(p);
    for (const QModelIndex& p : std::as_const(ancestors))
        m_view->expand(p);
    m_view->setCurrentIndex(found);
    m_view->scrollTo(found, QAbstractItemView::PositionAtCenter);
    return true;
}

void JsonTreePanel::copyValue() const
{
    const QModelIndex current = m_view->currentIndex();
    if (current.isValid())
        QApplication::clipboard()->setText(m_model->copyText(current));
}

void JsonTreePanel::copyPath() const
{
    const QModelIndex current = m_view->currentIndex();
    if (current.isValid())
        QApplication::clipboard()->setText(m_model->jsonPath(current));
}

void JsonTreePanel::expandAll()
{
    if (m_model->fetchAll(kExpandAllMaxContainers))
        m_view->expandAll();
}

void JsonTreePanel::openToken(const QModelIndex& index)
{
    const QByteArray token = m_model->jwt(index);
    if (!token.isEmpty())
        Q_EMIT openTokenRequested(token);
}

void JsonTreePanel::showContextMenu(const QPoint& pos)
{
    const QModelIndex index = m_view->indexAt(pos);
    if (!index.isValid())
        return;
    QMenu menu(this);
    QAction* value = menu.addAction(tr("Copy value"), this, &JsonTreePanel::copyValue);
    value->setShortcut(QKeySequence::Copy);
    QAction* path = menu.addAction(tr("Copy JSON path"), this, &JsonTreePanel::copyPath);
    path->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_C));
    const QByteArray token = m_model->jwt(index);
    if (!token.isEmpty()) {
        menu.addSeparator();
        menu.addAction(tr("Open in Token workbench"), this, [this, token]() { Q_EMIT openTokenRequested(token); });
    }
    menu.exec(m_view->viewport()->mapToGlobal(pos));
}

bool JsonTreePanel::eventFilter(QObject* watched, QEvent* event)
{
    // The tree's own keys win over window shortcuts (the main window uses Ctrl+Shift+C for "Copy Token") and over
    // QAbstractItemView's Ctrl+C, which would copy the elided display text.
    if (watched == m_view && (event->type() == QEvent::ShortcutOverride || event->type() == QEvent::KeyPress)) {
        auto* key = static_cast<QKeyEvent*>(event);
        const QKeyCombination combination = key->keyCombination();
        const bool copyPathKey = combination == QKeyCombination(Qt::CTRL | Qt::SHIFT, Qt::Key_C);
        const bool copyValueKey = key->matches(QKeySequence::Copy);
        if (copyPathKey || copyValueKey) {
            event->accept();
            if (event->type() == QEvent::KeyPress) {
                if (copyPathKey)
                    copyPath();
                else
                    copyValue();
            }
            return event->type() == QEvent::KeyPress;
        }
        if (event->type() == QEvent::KeyPress && (key->key() == Qt::Key_Return || key->key() == Qt::Key_Enter)) {
            openToken(m_view->currentIndex());
        }
    }
    return QWidget::eventFilter(watched, event);
}
