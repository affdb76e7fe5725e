// SPDX-License-Identifier: MIT
#pragma once

#include "request/Environment.h"

#include <QDialog>

#include <memory>

class QCheckBox;
class QDialogButtonBox;
class QLabel;
class QLineEdit;
class QListWidget;
class QPushButton;
class QTableWidget;
class SecretValueDelegate;
namespace Ui {
class EnvironmentEditorDialog;
}

/// Edits the Request workspace's environments: the list (add, duplicate, rename, delete) and the variables of the
/// selected one (enabled, name, value, secret). Secret values are masked unless "Show secret values" is on. Works
/// on a copy: nothing changes until the dialog is accepted, so Cancel undoes everything. Names are kept unique
/// (OK is disabled while two environments share a name or one has none).
class EnvironmentEditorDialog : public QDialog
{
    Q_OBJECT
public:
    enum Column
    {
        EnabledColumn = 0,
        NameColumn,
        ValueColumn,
        SecretColumn
    };

    EnvironmentEditorDialog(const QList<Environment>& environments, int activeIndex, QWidget* parent = nullptr);
    ~EnvironmentEditorDialog() override;

    QList<Environment> environments() const;
    /// The active environment after renames and deletions; when none was active and environments exist, the
    /// one selected in the dialog (the user was just editing it). -1 for none.
    int activeIndex() const;
    /// Where the environments file and the secret values are kept, shown at the bottom.
    void setStorageNote(const QString& note);
    /// A problem to show above the buttons (e.g. the file could not be loaded or saved).
    void setProblem(const QString& problem);

private:
    void selectEnvironment(int row);
    void storeVariables();
    void showVariables();
    void addEnvironment(const Environment& environment);
    void deleteEnvironment();
    void renameEnvironment(const QString& name);
    void addVariable();
    void removeVariables();
    void validate();
    QString uniqueName(const QString& base) const;

    std::unique_ptr<Ui::EnvironmentEditorDialog> m_ui;
    QList<Environment> m_environments;
    int m_active;
    int m_current = -1;
    bool m_filling = false;
    QString m_externalProblem;

    QListWidget* m_list;
    QPushButton* m_add;
    QPushButton* m_duplicate;
    QPushButton* m_delete;
    QLineEdit* m_name;
    QTableWidget* m_variables;
    SecretValueDelegate* m_delegate;
    QPushButton* m_addVariable;
    QPushButton* m_removeVariable;
    QCheckBox* m_showSecrets;
    QLabel* m_problem;
    QLabel* m_storage;
    QDialogButtonBox* m_buttons;
};
