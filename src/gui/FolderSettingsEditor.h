// SPDX-License-Identifier: MIT
#pragma once

#include "workspace/FolderSettings.h"

#include <QWidget>

#include <memory>

class AuthEditor;
class KeyValueTable;
class WorkspaceDocument;
namespace Ui {
class FolderSettingsEditor;
}

/// The settings of a collection or folder in the editor area (form: ui/FolderSettingsEditor.ui): name,
/// description, variables, headers and auth, saved to its collection.json / folder.json with Ctrl+S or Save.
class FolderSettingsEditor : public QWidget
{
    Q_OBJECT
public:
    explicit FolderSettingsEditor(WorkspaceDocument* document, QWidget* parent = nullptr);
    ~FolderSettingsEditor() override;

    /// Shows the container with this id (discarding unsaved edits of the previous one).
    void showContainer(const QString& id);
    QString containerId() const { return m_id; }
    FolderSettings settings() const;
    bool isDirty() const { return m_dirty; }
    /// The auth editor; its OAuth 2.0 page edits the chosen profile (AuthProfileEditor) like a request's does.
    AuthEditor* authEditor() const { return m_auth; }

public Q_SLOTS:
    bool save();

Q_SIGNALS:
    void dirtyChanged(bool dirty);

private:
    void setDirty(bool dirty);

    std::unique_ptr<Ui::FolderSettingsEditor> m_ui;
    WorkspaceDocument* m_document;
    KeyValueTable* m_variables;
    KeyValueTable* m_headers;
    AuthEditor* m_auth;
    QString m_id;
    FolderSettings m_loaded;
    bool m_dirty = false;
    bool m_loading = false;
};
