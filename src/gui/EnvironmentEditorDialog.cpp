// SPDX-License-Identifier: MIT
#include "gui/EnvironmentEditorDialog.h"

#include "gui/SecretValueDelegate.h"

#include "ui_EnvironmentEditorDialog.h"

#include <QCheckBox>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPushButton>
#include <QSet>
#include <QSignalBlocker>
#include <QTableWidget>
#include <QVBoxLayout>

namespace {

QTableWidgetItem* checkItem(bool checked)
{
    auto* item = new QTableWidgetItem;
    item->setFlags(Qt::ItemIsEnabled | Qt::ItemIsSelectable | Qt::ItemIsUserCheckable);
    item->setCheckState(checked ? Qt::Checked : Qt::Unchecked);
    return item;
}

} // namespace

EnvironmentEditorDialog::EnvironmentEditorDialog(const QList<Environment>& environments, int activeIndex,
                                                 QWidget* parent)
    : QDialog(parent)
    , m_ui(std::make_unique<Ui::EnvironmentEditorDialog>())
    , m_environments(environments)
    , m_active(activeIndex >= 0 && activeIndex < environments.size() ? activeIndex : -1)
{
    // The form is ui/EnvironmentEditorDialog.ui; what Designer cannot say (column sizing, the secret delegate, the
    // button box's buttons' names) is set here.
    m_ui->setupUi(this);
    setObjectName(QStringLiteral("environmentEditorDialog"));
    m_list = m_ui->environmentsListWidget;
    m_add = m_ui->addEnvironmentButton;
    m_duplicate = m_ui->duplicateEnvironmentButton;
    m_delete = m_ui->deleteEnvironmentButton;
    m_name = m_ui->environmentNameLineEdit;
    m_variables = m_ui->variablesTableWidget;
    m_variables->horizontalHeader()->setSectionResizeMode(EnabledColumn, QHeaderView::ResizeToContents);
    m_variables->horizontalHeader()->setSectionResizeMode(NameColumn, QHeaderView::Interactive);
    m_variables->horizontalHeader()->setSectionResizeMode(ValueColumn, QHeaderView::Stretch);
    m_variables->horizontalHeader()->setSectionResizeMode(SecretColumn, QHeaderView::ResizeToContents);
    m_variables->setColumnWidth(NameColumn, 160);
    m_delegate = new SecretValueDelegate(SecretColumn, m_variables);
    m_variables->setItemDelegateForColumn(ValueColumn, m_delegate);
    m_addVariable = m_ui->addVariableButton;
    m_removeVariable = m_ui->removeVariableButton;
    m_showSecrets = m_ui->showSecretsCheckBox;
    m_problem = m_ui->environmentProblemLabel;
    m_problem->setStyleSheet(QStringLiteral("color: #c0392b"));
    m_problem->hide();
    m_storage = m_ui->environmentStorageLabel;
    m_buttons = m_ui->environmentButtonBox;
    m_buttons->button(QDialogButtonBox::Ok)->setObjectName(QStringLiteral("environmentOkButton"));
    m_buttons->button(QDialogButtonBox::Cancel)->setObjectName(QStringLiteral("environmentCancelButton"));

    connect(m_buttons, &QDialogButtonBox::accepted, this, [this]() {
        storeVariables();
        accept();
    });
    connect(m_buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(m_list, &QListWidget::currentRowChanged, this, &EnvironmentEditorDialog::selectEnvironment);
    connect(m_add, &QPushButton::clicked, this,
            [this]() { addEnvironment(Environment(uniqueName(tr("New environment")))); });
    connect(m_duplicate, &QPushButton::clicked, this, [this]() {
        if (m_current < 0)
            return;
        storeVariables();
        Environment copy = m_environments.at(m_current);
        copy.setName(uniqueName(tr("%1 copy").arg(copy.name())));
        addEnvironment(copy);
    });
    connect(m_delete, &QPushButton::clicked, this, &EnvironmentEditorDialog::deleteEnvironment);
    connect(m_name, &QLineEdit::textEdited, this, &EnvironmentEditorDialog::renameEnvironment);
    connect(m_addVariable, &QPushButton::clicked, this, &EnvironmentEditorDialog::addVariable);
    connect(m_removeVariable, &QPushButton::clicked, this, &EnvironmentEditorDialog::removeVariables);
    connect(m_showSecrets, &QCheckBox::toggled, this, [this](bool show) {
        m_delegate->setRevealed(show);
        m_variables->viewport()->update();
    });
    // A row marked secret (or not) repaints its value masked (or not).
    connect(m_variables, &QTableWidget::itemChanged, this, [this](QTableWidgetItem* item) {
        if (!m_filling && item->column() == SecretColumn)
            m_variables->viewport()->update();
    });

    for (const auto& environment : std::as_const(m_environments))
        m_list->addItem(environment.name());
    m_list->setCurrentRow(m_active >= 0 ? m_active : (m_environments.isEmpty() ? -1 : 0));
    selectEnvironment(m_list->currentRow());
    resize(820, 460);
}

EnvironmentEditorDialog::~EnvironmentEditorDialog() = default;

QList<Environment> EnvironmentEditorDialog::environments() const
{
    return m_environments;
}

int EnvironmentEditorDialog::activeIndex() const
{
    if (m_active >= 0)
        return m_active;
    return m_current;
}

void EnvironmentEditorDialog::setStorageNote(const QString& note)
{
    m_storage->setText(note);
}

void EnvironmentEditorDialog::setProblem(const QString& problem)
{
    m_externalProblem = problem;
    validate();
}

void EnvironmentEditorDialog::selectEnvironment(int row)
{
    storeVariables();
    m_current = row >= 0 && row < m_environments.size() ? row : -1;
    const bool has = m_current >= 0;
    m_name->setText(has ? m_environments.at(m_current).name() : QString());
    for (QWidget* w :
         {static_cast<QWidget*>(m_name), static_cast<QWidget*>(m_variables), static_cast<QWidget*>(m_addVariable),
          static_cast<QWidget*>(m_removeVariable), static_cast<QWidget*>(m_duplicate), static_cast<QWidget*>(m_delete)})
        w->setEnabled(has);
    showVariables();
    validate();
}

void EnvironmentEditorDialog::showVariables()
{
    m_filling = true;
    m_variables->setRowCount(0);
    if (m_current >= 0) {
        for (const auto& v : m_environments.at(m_current).variables()) {
            const int row = m_variables->rowCount();
            m_variables->insertRow(row);
            m_variables->setItem(row, EnabledColumn, checkItem(v.enabled));
            m_variables->setItem(row, NameColumn, new QTableWidgetItem(v.name));
            m_variables->setItem(row, ValueColumn, new QTableWidgetItem(v.value));
            m_variables->setItem(row, SecretColumn, checkItem(v.secret));
        }
    }
    m_filling = false;
}

void EnvironmentEditorDialog::storeVariables()
{
    if (m_current < 0 || m_current >= m_environments.size())
        return;
    const auto text = [this](int row, int column) {
        const QTableWidgetItem* item = m_variables->item(row, column);
        return item ? item->text() : QString();
    };
    const auto checked = [this](int row, int column) {
        const QTableWidgetItem* item = m_variables->item(row, column);
        return item && item->checkState() == Qt::Checked;
    };
    QList<EnvironmentVariable> variables;
    for (int row = 0; row < m_variables->rowCount(); ++row) {
        EnvironmentVariable v;
        v.name = text(row, NameColumn).trimmed();
        v.value = text(row, ValueColumn);
        v.enabled = checked(row, EnabledColumn);
        v.secret = checked(row, SecretColumn);
        if (!v.name.isEmpty() || !v.value.isEmpty())
            variables.append(v);
    }
    m_environments[m_current].setVariables(variables);
}

void EnvironmentEditorDialog::addEnvironment(const Environment& environment)
{
    m_environments.append(environment);
    m_list->addItem(environment.name());
    m_list->setCurrentRow(int(m_environments.size()) - 1);
    m_name->setFocus();
    m_name->selectAll();
}

void EnvironmentEditorDialog::deleteEnvironment()
{
    const int row = m_current;
    if (row < 0)
        return;
    m_current = -1; // its edits are dropped with it
    m_environments.removeAt(row);
    if (m_active == row)
        m_active = -1;
    else if (m_active > row)
        --m_active;
    {
        // While the row goes away the list reports the current row as it was before the removal (one too high):
        // select the neighbour from the final state instead.
        const QSignalBlocker blocker(m_list);
        delete m_list->takeItem(row);
    }
    selectEnvironment(m_list->currentRow());
}

void EnvironmentEditorDialog::renameEnvironment(const QString& name)
{
    if (m_current < 0)
        return;
    m_environments[m_current].setName(name.trimmed());
    m_list->item(m_current)->setText(name.trimmed());
    validate();
}

void EnvironmentEditorDialog::addVariable()
{
    if (m_current < 0)
        return;
    const int row = m_variables->rowCount();
    m_variables->insertRow(row);
    m_variables->setItem(row, EnabledColumn, checkItem(true));
    m_variables->setItem(row, NameColumn, new QTableWidgetItem);
    m_variables->setItem(row, ValueColumn, new QTableWidgetItem);
    m_variables->setItem(row, SecretColumn, checkItem(false));
    m_variables->setCurrentCell(row, NameColumn);
    m_variables->editItem(m_variables->item(row, NameColumn));
}

void EnvironmentEditorDialog::removeVariables()
{
    QList<int> rows;
    for (const QModelIndex& index : m_variables->selectionModel()->selectedIndexes())
        rows.append(index.row());
    if (rows.isEmpty() && m_variables->currentRow() >= 0)
        rows.append(m_variables->currentRow());
    std::sort(rows.begin(), rows.end(), std::greater<>());
    rows.erase(std::unique(rows.begin(), rows.end()), rows.end());
    for (int row : std::as_const(rows))
        m_variables->removeRow(row);
}

void EnvironmentEditorDialog::validate()
{
    QString problem;
    QSet<QString> names;
    for (const auto& environment : std::as_const(m_environments)) {
        if (environment.name().isEmpty())
            problem = tr("Every environment needs a name.");
        else if (names.contains(environment.name()))
            problem = tr("Two environments are called \"%1\"; names must be unique.").arg(environment.name());
        names.insert(environment.name());
    }
    const QString shown = problem.isEmpty() ? m_externalProblem : problem;
    m_problem->setText(shown);
    m_problem->setVisible(!shown.isEmpty());
    m_buttons->button(QDialogButtonBox::Ok)->setEnabled(problem.isEmpty());
}

QString EnvironmentEditorDialog::uniqueName(const QString& base) const
{
    QSet<QString> names;
    for (const auto& environment : m_environments)
        names.insert(environment.name());
    QString name = base;
    for (int i = 2; names.contains(name); ++i)
        name = QStringLiteral("%1 %2").arg(base).arg(i);
    return name;
}
