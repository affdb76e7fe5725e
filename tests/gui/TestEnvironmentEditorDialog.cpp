// SPDX-License-Identifier: MIT
#include "gui/EnvironmentEditorDialog.h"
#include "gui/SecretValueDelegate.h"
#include "support/GuiTestSupport.h"

#include <QCheckBox>
#include <QDialogButtonBox>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPushButton>
#include <QTableWidget>
#include <QTest>

using GuiTest::child;

/// The environment editor offscreen, through its objectNames: list operations, the variables table, secret
/// masking with the show toggle, unique names, and the active environment followed through edits.
class TestEnvironmentEditorDialog : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void showsAndEditsVariables();
    void secretValuesMaskedUntilShown();
    void addDuplicateRenameDelete();
    void duplicateNamesBlockOk();
    void activeFollowsDeletion();

private:
    static QList<Environment> sample()
    {
        Environment dev(QStringLiteral("dev"));
        dev.setVariable(QStringLiteral("baseUrl"), QStringLiteral("http://127.0.0.1:8000"));
        dev.setVariable(QStringLiteral("apiKey"), QStringLiteral("k-123"), true);
        Environment prod(QStringLiteral("prod"));
        prod.setVariable(QStringLiteral("baseUrl"), QStringLiteral("https://api.example.com"));
        return {dev, prod};
    }
};

void TestEnvironmentEditorDialog::showsAndEditsVariables()
{
    EnvironmentEditorDialog dialog(sample(), 1);
    auto* list = child<QListWidget>(&dialog, "environmentsListWidget");
    auto* table = child<QTableWidget>(&dialog, "variablesTableWidget");
    QCOMPARE(list->count(), 2);
    QCOMPARE(list->currentRow(), 1); // the active one is shown first
    QCOMPARE(table->rowCount(), 1);
    list->setCurrentRow(0);
    QCOMPARE(table->rowCount(), 2);
    QCOMPARE(table->item(1, EnvironmentEditorDialog::NameColumn)->text(), QStringLiteral("apiKey"));
    QCOMPARE(table->item(1, EnvironmentEditorDialog::SecretColumn)->checkState(), Qt::Checked);
    table->item(0, EnvironmentEditorDialog::ValueColumn)->setText(QStringLiteral("http://localhost:9000"));
    table->item(0, EnvironmentEditorDialog::EnabledColumn)->setCheckState(Qt::Unchecked);
    child<QPushButton>(&dialog, "addVariableButton")->click();
    QCOMPARE(table->rowCount(), 3);
    table->item(2, EnvironmentEditorDialog::NameColumn)->setText(QStringLiteral("tenant"));
    table->item(2, EnvironmentEditorDialog::ValueColumn)->setText(QStringLiteral("acme"));
    list->setCurrentRow(1); // edits are kept when switching environments
    list->setCurrentRow(0);
    QCOMPARE(table->rowCount(), 3);
    table->setCurrentCell(1, EnvironmentEditorDialog::NameColumn);
    child<QPushButton>(&dialog, "removeVariableButton")->click();
    child<QDialogButtonBox>(&dialog, "environmentButtonBox")->button(QDialogButtonBox::Ok)->click();
    QCOMPARE(dialog.result(), int(QDialog::Accepted));
    const Environment dev = dialog.environments().at(0);
    QCOMPARE(dev.variables().size(), 2);
    QCOMPARE(dev.variables().at(0).value, QStringLiteral("http://localhost:9000"));
    QVERIFY(!dev.variables().at(0).enabled);
    QCOMPARE(dev.variable(QStringLiteral("tenant"))->value, QStringLiteral("acme"));
    QVERIFY(!dev.contains(QStringLiteral("apiKey")));
    QCOMPARE(dialog.activeIndex(), 1);
}

void TestEnvironmentEditorDialog::secretValuesMaskedUntilShown()
{
    EnvironmentEditorDialog dialog(sample(), 0);
    dialog.setStorageNote(QStringLiteral("Secret values are kept in memory."));
    auto* table = child<QTableWidget>(&dialog, "variablesTableWidget");
    auto* delegate =
        qobject_cast<SecretValueDelegate*>(table->itemDelegateForColumn(EnvironmentEditorDialog::ValueColumn));
    QVERIFY(delegate);
    const QModelIndex plain = table->model()->index(0, EnvironmentEditorDialog::ValueColumn);
    const QModelIndex secret = table->model()->index(1, EnvironmentEditorDialog::ValueColumn);
    QVERIFY(!delegate->isMasked(plain));
    QVERIFY(delegate->isMasked(secret));
    // What is painted: the mask, not the value (and not its length).
    QStyleOptionViewItem option;
    delegate->initStyleOption(&option, secret);
    QCOMPARE(option.text, SecretValueDelegate::mask());
    // The editor of a masked value is a password field.
    std::unique_ptr<QWidget> editor(delegate->createEditor(table->viewport(), option, secret));
    auto* line = qobject_cast<QLineEdit*>(editor.get());
    QVERIFY(line);
    QCOMPARE(line->echoMode(), QLineEdit::Password);
    child<QCheckBox>(&dialog, "showSecretsCheckBox")->setChecked(true);
    QVERIFY(!delegate->isMasked(secret));
    QStyleOptionViewItem shown;
    delegate->initStyleOption(&shown, secret);
    QCOMPARE(shown.text, QStringLiteral("k-123"));
    child<QCheckBox>(&dialog, "showSecretsCheckBox")->setChecked(false);
    table->item(0, EnvironmentEditorDialog::SecretColumn)->setCheckState(Qt::Checked); // marking masks at once
    QVERIFY(delegate->isMasked(plain));
    QCOMPARE(child<QLabel>(&dialog, "environmentStorageLabel")->text(),
             QStringLiteral("Secret values are kept in memory."));
}

void TestEnvironmentEditorDialog::addDuplicateRenameDelete()
{
    EnvironmentEditorDialog dialog(sample(), -1);
    auto* list = child<QListWidget>(&dialog, "environmentsListWidget");
    auto* name = child<QLineEdit>(&dialog, "environmentNameLineEdit");
    list->setCurrentRow(0);
    child<QPushButton>(&dialog, "duplicateEnvironmentButton")->click();
    QCOMPARE(list->count(), 3);
    QCOMPARE(list->currentRow(), 2);
    QCOMPARE(name->text(), QStringLiteral("dev copy"));
    name->clear();
    QTest::keyClicks(name, QStringLiteral("staging"));
    QCOMPARE(list->item(2)->text(), QStringLiteral("staging"));
    child<QPushButton>(&dialog, "addEnvironmentButton")->click();
    child<QPushButton>(&dialog, "addEnvironmentButton")->click();
    QCOMPARE(list->item(3)->text(), QStringLiteral("New environment"));
    QCOMPARE(list->item(4)->text(), QStringLiteral("New environment 2"));
    list->setCurrentRow(1);
    child<QPushButton>(&dialog, "deleteEnvironmentButton")->click();
    QCOMPARE(list->count(), 4);
    const QList<Environment> result = dialog.environments();
    QCOMPARE(result.size(), 4);
    QCOMPARE(result.at(1).name(), QStringLiteral("staging"));
    QCOMPARE(result.at(1).variables(), sample().at(0).variables()); // the copy keeps the variables and secrets
    // None was active: the one being edited becomes active.
    QCOMPARE(dialog.activeIndex(), list->currentRow());
}

void TestEnvironmentEditorDialog::duplicateNamesBlockOk()
{
    EnvironmentEditorDialog dialog(sample(), 0);
    auto* name = child<QLineEdit>(&dialog, "environmentNameLineEdit");
    QPushButton* ok = child<QDialogButtonBox>(&dialog, "environmentButtonBox")->button(QDialogButtonBox::Ok);
    auto* problem = child<QLabel>(&dialog, "environmentProblemLabel");
    name->clear();
    QTest::keyClicks(name, QStringLiteral("prod"));
    QVERIFY(!ok->isEnabled());
    QVERIFY(problem->text().contains(QLatin1String("unique")));
    name->clear();
    QTest::keyClicks(name, QStringLiteral("develop"));
    QVERIFY(ok->isEnabled());
    name->clear();
    QTest::keyClick(name, Qt::Key_Space); // trimmed: empty
    QVERIFY(!ok->isEnabled());
}

void TestEnvironmentEditorDialog::activeFollowsDeletion()
{
    QList<Environment> three = sample();
    three.append(Environment(QStringLiteral("qa")));
    EnvironmentEditorDialog dialog(three, 2);
    auto* list = child<QListWidget>(&dialog, "environmentsListWidget");
    list->setCurrentRow(0);
    child<QPushButton>(&dialog, "deleteEnvironmentButton")->click();
    QCOMPARE(dialog.activeIndex(), 1); // "qa" moved up
    QCOMPARE(dialog.environments().at(1).name(), QStringLiteral("qa"));
    list->setCurrentRow(1);
    child<QPushButton>(&dialog, "deleteEnvironmentButton")->click();
    QCOMPARE(dialog.environments().size(), 1);
    QCOMPARE(dialog.activeIndex(), list->currentRow()); // the active one is gone: the selected one
}

QTEST_MAIN(TestEnvironmentEditorDialog)
#include "TestEnvironmentEditorDialog.moc"
