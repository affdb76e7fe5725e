// SPDX-License-Identifier: MIT
#include "gui/FolderSettingsEditor.h"

#include "gui/AuthEditor.h"
#include "gui/KeyValueTable.h"
#include "gui/WorkspaceDocument.h"
#include "workspace/ItemInheritance.h"

#include "ui_FolderSettingsEditor.h"

#include <QScrollArea>

FolderSettingsEditor::FolderSettingsEditor(WorkspaceDocument* document, QWidget* parent)
    : QWidget(parent)
    , m_ui(std::make_unique<Ui::FolderSettingsEditor>())
    , m_document(document)
{
    m_ui->setupUi(this);
    setObjectName(QStringLiteral("folderSettingsEditor"));
    m_variables = new KeyValueTable(tr("Variable"), tr("Value"), m_ui->variablesTab);
    m_variables->setObjectName(QStringLiteral("settingsVariablesTableWidget"));
    m_ui->variablesLayout->addWidget(m_variables);
    m_headers = new KeyValueTable(tr("Header"), tr("Value"), m_ui->headersTab);
    m_headers->setObjectName(QStringLiteral("settingsHeadersTableWidget"));
    m_ui->headersLayout->addWidget(m_headers);
    // In a scroll area: an OAuth 2.0 profile's fields and token actions are taller than the tab (they scroll
    // instead of being squeezed).
    auto* authScroll = new QScrollArea(m_ui->authTab);
    authScroll->setObjectName(QStringLiteral("settingsAuthScrollArea"));
    authScroll->setWidgetResizable(true);
    authScroll->setFrameShape(QFrame::NoFrame);
    m_auth = new AuthEditor(authScroll);
    m_auth->setObjectName(QStringLiteral("settingsAuthEditor"));
    authScroll->setWidget(m_auth);
    m_ui->authLayout->addWidget(authScroll, 1);

    auto edited = [this] {
        if (!m_loading)
            setDirty(true);
    };
    connect(m_ui->settingsNameLineEdit, &QLineEdit::textEdited, this, edited);
    connect(m_ui->settingsDescriptionPlainTextEdit, &QPlainTextEdit::textChanged, this, edited);
    connect(m_variables, &KeyValueTable::rowsEdited, this, edited);
    connect(m_headers, &KeyValueTable::rowsEdited, this, edited);
    connect(m_auth, &AuthEditor::edited, this, edited);
    connect(m_ui->saveSettingsButton, &QPushButton::clicked, this, &FolderSettingsEditor::save);
}

FolderSettingsEditor::~FolderSettingsEditor() = default;

void FolderSettingsEditor::showContainer(const QString& id)
{
    const CollectionNode* node = m_document->node(id);
    if (!node || !node->isContainer())
        return;
    m_id = id;
    m_loaded = node->settings();
    m_loading = true;
    m_ui->settingsTitleLabel->setText(
        QStringLiteral("<b>%1</b>")
            .arg((node->kind() == CollectionNode::Kind::Collection ? tr("Collection settings") : tr("Folder settings"))
                     .toHtmlEscaped()));
    m_ui->settingsNameLineEdit->setText(m_loaded.name);
    m_ui->settingsDescriptionPlainTextEdit->setPlainText(m_loaded.description);
    m_variables->setVariables(m_loaded.variables);
    m_headers->setRows(m_loaded.headers);
    // The profiles themselves, so the OAuth 2.0 page edits the chosen one (issue 12: OAuth in the Auth tab of a
    // request, folder or collection); what inherits this auth sends that profile's token.
    m_auth->setProfileList(m_document->workspace()->authProfiles);
    m_auth->setAuth(m_loaded.auth);
    if (node->parent()) {
        const auto inherited = ItemInheritance::effectiveAuth(*node->parent());
        m_auth->setInheritedText(inherited.source ? tr("%1 from %2")
                                                        .arg(AuthEditor::typeLabel(inherited.auth.type),
                                                             inherited.source->path().join(QStringLiteral(" / ")))
                                                  : QString());
    } else {
        m_auth->setInheritedText(QString());
    }
    // The file's path is on the line above the editor already; this label says what became of a save.
    m_ui->settingsStatusLabel->clear();
    m_loading = false;
    setDirty(false);
}

FolderSettings FolderSettingsEditor::settings() const
{
    FolderSettings s = m_loaded;
    s.name = m_ui->settingsNameLineEdit->text().trimmed();
    s.description = m_ui->settingsDescriptionPlainTextEdit->toPlainText();
    s.variables = m_variables->variables(m_loaded.variables);
    s.headers = m_headers->rows();
    s.auth = m_auth->auth();
    return s;
}

bool FolderSettingsEditor::save()
{
    CollectionNode* node = m_document->node(m_id);
    if (!node)
        return false;
    const auto saved = m_document->saveSettings(node, settings());
    if (!saved) {
        m_ui->settingsStatusLabel->setText(tr("Not saved: %1").arg(saved.error().message));
        return false;
    }
    showContainer(m_id);
    m_ui->settingsStatusLabel->setText(tr("Saved."));
    return true;
}

void FolderSettingsEditor::setDirty(bool dirty)
{
    m_ui->saveSettingsButton->setEnabled(dirty);
    if (m_dirty == dirty)
        return;
    m_dirty = dirty;
    Q_EMIT dirtyChanged(dirty);
}
