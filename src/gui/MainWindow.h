// SPDX-License-Identifier: MIT
#pragma once

#include <QMainWindow>

class ImportDialog;
class QListWidget;
class QMenu;
class QStackedWidget;
class RequestWorkspace;
class TokenWorkbench;

/// One window, several workspaces (Token, Keys, Request, Server) in a sidebar. Adding a workspace is one call to
/// addWorkspace(). Geometry and non-secret options persist in QSettings.
class MainWindow : public QMainWindow
{
    Q_OBJECT

public:
    enum Workspace
    {
        TokenWorkspace = 0,
        KeysWorkspace,
        RequestWorkspace,
        ServerWorkspace,
    };
    explicit MainWindow(QWidget* parent = nullptr);
    ~MainWindow() override;

    /// Loads the Qt resources of the static GUI library (icon, demo data); idempotent.
    static void initResources();

    /// Adds a workspace page, its sidebar entry and a View menu action with Ctrl+<n>. Returns its index.
    int addWorkspace(QWidget* workspace, const QString& title, const QIcon& icon);
    /// Replaces a placeholder with the real workspace (for the issues that fill Keys, Request and Server).
    void replaceWorkspace(int index, QWidget* workspace);
    /// Opens a workspace directory in the Request workspace and remembers it (recent workspaces, next start).
    bool openWorkspaceDirectory(const QString& directory);
    /// The directory opened at start: the last one used, else the shared data directory's default workspace.
    static QString startupWorkspace();
    QWidget* workspace(int index) const;
    int workspaceCount() const;
    int currentWorkspace() const;
    void setCurrentWorkspace(int index);

    TokenWorkbench* tokenWorkbench() const { return m_workbench; }

    /// True until the demo has been shown once.
    bool isFirstRun() const;
    void openDemo();

    /// File → Import… and a file dropped on the window: the import dialog (non-modal) on the open workspace,
    /// reading `path` at once when given.
    ImportDialog* openImportDialog(const QString& path = {});

    void loadSettings();
    void saveSettings() const;

public Q_SLOTS:
    void showAbout();

Q_SIGNALS:
    /// "Use in request" from the Token workbench, for the Request workspace.
    void tokenForRequest(const QByteArray& token);

protected:
    void closeEvent(QCloseEvent* event) override;
    void changeEvent(QEvent* event) override;
    void dragEnterEvent(QDragEnterEvent* event) override;
    void dropEvent(QDropEvent* event) override;

private:
    void buildMenus();

    QListWidget* m_sidebar;
    QStackedWidget* m_stack;
    QMenu* m_viewMenu = nullptr;
    QMenu* m_recentWorkspacesMenu = nullptr;
    ::RequestWorkspace* m_request = nullptr;
    QAction* m_workspaceSeparator = nullptr;
    TokenWorkbench* m_workbench;
};
