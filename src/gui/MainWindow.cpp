// SPDX-License-Identifier: MIT
#include "gui/MainWindow.h"

#include "gui/AboutDialog.h"
#include "gui/EncoderPanel.h"
#include "gui/ImportDialog.h"
#include "gui/KeyToolsPanel.h"
#include "gui/KeysWorkspace.h"
#include "gui/ProbePanel.h"
#include "gui/RequestWorkspace.h"
#include "gui/ServerWorkspace.h"
#include "gui/TokenWorkbench.h"
#include "gui/ValidationPanel.h"
#include "gui/WorkspaceDocument.h"
#include "storage/DataDirectory.h"
#include "workspace/Workspace.h"

#include <QAction>
#include <QApplication>
#include <QCloseEvent>
#include <QDir>
#include <QDragEnterEvent>
#include <QDropEvent>
#include <QFileDialog>
#include <QFileInfo>
#include <QHBoxLayout>
#include <QLabel>
#include <QListWidget>
#include <QMenuBar>
#include <QMimeData>
#include <QSettings>
#include <QStackedWidget>
#include <QStatusBar>
#include <QStyle>
#include <QTimer>

void MainWindow::initResources()
{
    static const bool done = [] {
        Q_INIT_RESOURCE(tokenscope);
        return true;
    }();
    Q_UNUSED(done);
}

MainWindow::MainWindow(QWidget* parent)
    : QMainWindow(parent)
{
    initResources();
    setObjectName(QStringLiteral("mainWindow"));
    setWindowTitle(tr("Tokenscope"));
    setWindowIcon(QIcon(QStringLiteral(":/icons/tokenscope.svg")));

    m_sidebar = new QListWidget(this);
    m_sidebar->setObjectName(QStringLiteral("workspaceListWidget"));
    m_sidebar->setAccessibleName(tr("Workspaces"));
    m_sidebar->setIconSize(QSize(24, 24));
    m_sidebar->setSpacing(2);
    m_sidebar->setFixedWidth(140);
    m_sidebar->setFrameShape(QFrame::NoFrame);
    m_stack = new QStackedWidget(this);
    m_stack->setObjectName(QStringLiteral("workspaceStackedWidget"));
    connect(m_sidebar, &QListWidget::currentRowChanged, m_stack, &QStackedWidget::setCurrentIndex);

    auto* central = new QWidget(this);
    auto* layout = new QHBoxLayout(central);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(0);
    layout->addWidget(m_sidebar);
    layout->addWidget(m_stack, 1);
    setCentralWidget(central);
    statusBar()->setObjectName(QStringLiteral("mainStatusBar"));

    buildMenus();

    m_workbench = new TokenWorkbench(this);
    addWorkspace(m_workbench, tr("Token"), windowIcon());
    // Keys workspace (issue 5). "::" because MainWindow::KeysWorkspace is also the enumerator of its page.
    auto* keys = new ::KeysWorkspace(this);
    addWorkspace(keys, tr("Keys"), style()->standardIcon(QStyle::SP_FileDialogContentsView));
    connect(keys, &::KeysWorkspace::useToVerify, this, [this](const Jwks& set) {
        m_workbench->validationPanel()->setWorkspaceKeys(set);
        m_workbench->validationPanel()->setKeySource(ValidationPanel::KeySource::KeysWorkspace);
        setCurrentWorkspace(TokenWorkspace);
    });
    connect(keys, &::KeysWorkspace::statusMessage, this,
            [this](const QString& message) { statusBar()->showMessage(message, 8000); });
    // The Encoder may encrypt to the public half of a key pair loaded or generated here; "Use This Token" then hands
    // the private half to the Decrypt page (private keys stay in memory, as everywhere in the Keys workspace).
    const auto shareKeysWithEncoder = [this, keys]() {
        QList<Jwk> known = keys->analysis().keys.keys();
        known += keys->keyTools()->collectedKeys();
        if (!keys->keyTools()->generatedKey().isNull())
            known.append(keys->keyTools()->generatedKey());
        m_workbench->encoderPanel()->setKnownKeys(known);
    };
    connect(keys, &::KeysWorkspace::loaded, this, shareKeysWithEncoder);
    connect(keys->keyTools(), &KeyToolsPanel::generated, this, shareKeysWithEncoder);
    connect(m_sidebar, &QListWidget::currentRowChanged, keys, [this, keys](int row) {
        if (row == KeysWorkspace) {
            keys->setCurrentToken(m_workbench->currentToken());
        }
    });
    // Request workspace (issue 6). "::" because MainWindow::RequestWorkspace is also the enumerator of its page.
    auto* request = new ::RequestWorkspace(this);
    m_request = request;
    addWorkspace(request, tr("Request"), style()->standardIcon(QStyle::SP_ArrowRight));
    connect(this, &MainWindow::tokenForRequest, request, [this, request](const QByteArray& token) {
        request->setBearerToken(QString::fromLatin1(token));
        setCurrentWorkspace(RequestWorkspace);
    });
    connect(request, &::RequestWorkspace::openTokenRequested, this, [this](const QByteArray& token) {
        setCurrentWorkspace(TokenWorkspace);
        m_workbench->openToken(token, tr("the Request workspace"));
    });
    connect(request, &::RequestWorkspace::statusMessage, this,
            [this](const QString& message) { statusBar()->showMessage(message, 8000); });
    // "Why 401/403?" verifies the sent token with the keys loaded in the Keys workspace and checks iss/aud/alg
    // against the Token workbench's policy (its first issuer and audience: a server expects one of each).
    const auto updateDiagnosisContext = [this, keys, request]() {
        const Jwks& loaded = keys->analysis().keys;
        const VerifyOptions policy = m_workbench->validationPanel()->verifyOptions();
        request->setDiagnosisContext(loaded.isEmpty() ? std::nullopt : std::optional<Jwks>(loaded),
                                     policy.claims.issuers.value(0), policy.claims.audiences.value(0),
                                     policy.allowedAlgorithms);
    };
    connect(keys, &::KeysWorkspace::loaded, request, updateDiagnosisContext);
    // The probe offers the Keys workspace's keys as the issuer's key.
    connect(keys, &::KeysWorkspace::loaded, request,
            [keys, request] { request->probePanel()->setKeys(keys->analysis().keys); });
    connect(m_workbench, &TokenWorkbench::tokenForProbe, this, [this, request](const QByteArray& token) {
        request->probeToken(token);
        setCurrentWorkspace(RequestWorkspace);
    });
    connect(m_workbench->validationPanel(), &ValidationPanel::changed, request, updateDiagnosisContext);
    updateDiagnosisContext();
    // Server workspace (issue 4). "::" because MainWindow::ServerWorkspace is also the enumerator of its page.
    auto* server = new ::ServerWorkspace(this);
    addWorkspace(server, tr("Server"), style()->standardIcon(QStyle::SP_DriveNetIcon));
    connect(server, &::ServerWorkspace::openTokenRequested, this, [this](const QByteArray& token) {
        setCurrentWorkspace(TokenWorkspace);
        m_workbench->openToken(token, tr("the Server workspace"));
    });
    connect(server, &::ServerWorkspace::statusMessage, this,
            [this](const QString& message) { statusBar()->showMessage(message, 8000); });
    // The running mock API fills the "Local mock API" environment and the token endpoint fields of Bearer auth.
    connect(server, &::ServerWorkspace::started, request, [server, request](const QString& baseUrl) {
        const ServerStartResult& result = server->startResult();
        ClientCredentialsRequest credentials;
        if (result.embeddedIssuer) {
            credentials.tokenUrl =
                result.embeddedIssuer->openIdConfiguration().value(QStringLiteral("token_endpoint")).toString();
            if (credentials.tokenUrl.isEmpty())
                credentials.tokenUrl = QString(baseUrl + QStringLiteral("/oauth/token"));
            credentials.clientId = result.embeddedIssuer->clientId();
            credentials.clientSecret = QString::fromUtf8(result.embeddedIssuer->clientSecret());
            credentials.audience = result.audience;
            credentials.scope = result.requiredScope;
        }
        request->useLocalMockServer(baseUrl, credentials);
        // The embedded issuer's key re-signs the probe's claim rows (it is the key the mock API trusts).
        request->probePanel()->setExtraKey(
            tr("Embedded issuer of the mock API (private)"),
            result.embeddedIssuer ? std::optional<Jwk>(result.embeddedIssuer->signingKey()) : std::nullopt);
    });
    setCurrentWorkspace(TokenWorkspace);

    connect(m_workbench, &TokenWorkbench::statusMessage, this,
            [this](const QString& message) { statusBar()->showMessage(message, 8000); });
    connect(m_workbench, &TokenWorkbench::tokenForRequest, this, [this](const QByteArray& token) {
        Q_EMIT tokenForRequest(token);
        statusBar()->showMessage(tr("Token handed to the Request workspace."), 5000);
    });
    statusBar()->showMessage(tr("Ready. Decoding never touches the network."));
    openWorkspaceDirectory(startupWorkspace());
    resize(1280, 820);
    setAcceptDrops(true); // a collection file dropped on the window opens the import dialog
    loadSettings();
}

MainWindow::~MainWindow() = default;

QString MainWindow::startupWorkspace()
{
    const QString last = QSettings().value(QStringLiteral("workspace/current")).toString();
    return !last.isEmpty() && QFileInfo(last).isDir() ? last : DataDirectory::defaultWorkspace();
}

bool MainWindow::openWorkspaceDirectory(const QString& directory)
{
    if (!m_request->openWorkspace(directory))
        return false;
    const QString absolute = QDir(directory).absolutePath();
    QSettings settings;
    settings.setValue(QStringLiteral("workspace/current"), absolute);
    QStringList recent = settings.value(QStringLiteral("workspace/recent")).toStringList();
    recent.removeAll(absolute);
    recent.prepend(absolute);
    settings.setValue(QStringLiteral("workspace/recent"), recent.mid(0, 8));
    setWindowTitle(tr("%1 — Tokenscope").arg(m_request->document()->workspace()->name));
    return true;
}

void MainWindow::buildMenus()
{
    QMenu* file = menuBar()->addMenu(tr("&File"));
    QAction* open = file->addAction(tr("&Open Token File…"), this, [this] {
        setCurrentWorkspace(TokenWorkspace);
        m_workbench->openFileDialog();
    });
    open->setShortcuts(QKeySequence::Open);
    open->setObjectName(QStringLiteral("openTokenFileAction"));
    QAction* paste = file->addAction(tr("&Paste Token"), this, [this] {
        setCurrentWorkspace(TokenWorkspace);
        m_workbench->pasteToken();
    });
    paste->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_V));
    paste->setObjectName(QStringLiteral("pasteTokenAction"));
    file->addSeparator();
    QAction* openWorkspace = file->addAction(tr("Open &Workspace…"), this, [this] {
        const QString dir = QFileDialog::getExistingDirectory(this, tr("Open Workspace"), startupWorkspace());
        if (!dir.isEmpty())
            openWorkspaceDirectory(dir);
    });
    openWorkspace->setObjectName(QStringLiteral("openWorkspaceAction"));
    QAction* importAction = file->addAction(tr("&Import…"), this, [this] { openImportDialog(); });
    importAction->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_I));
    importAction->setObjectName(QStringLiteral("importAction"));
    m_recentWorkspacesMenu = file->addMenu(tr("Recent Workspaces"));
    m_recentWorkspacesMenu->setObjectName(QStringLiteral("recentWorkspacesMenu"));
    connect(m_recentWorkspacesMenu, &QMenu::aboutToShow, this, [this] {
        m_recentWorkspacesMenu->clear();
        for (const QString& dir : QSettings().value(QStringLiteral("workspace/recent")).toStringList())
            m_recentWorkspacesMenu->addAction(QDir::toNativeSeparators(dir), this,
                                              [this, dir] { openWorkspaceDirectory(dir); });
    });
    file->addSeparator();
    QAction* quit = file->addAction(tr("&Quit"), this, &QWidget::close);
    quit->setShortcuts(QKeySequence::Quit);
    quit->setMenuRole(QAction::QuitRole);
    quit->setObjectName(QStringLiteral("quitAction"));

    QMenu* edit = menuBar()->addMenu(tr("&Edit"));
    QAction* copy = edit->addAction(tr("&Copy Token"), this, [this] { m_workbench->copyToken(); });
    copy->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_C));
    copy->setObjectName(QStringLiteral("copyTokenAction"));
    edit->addAction(tr("Copy as &Authorization Header"), this, [this] { m_workbench->copyAuthorizationHeader(); })
        ->setObjectName(QStringLiteral("copyAuthorizationHeaderAction"));
    edit->addAction(tr("Copy &Decoded JSON"), this, [this] { m_workbench->copyDecodedJson(); })
        ->setObjectName(QStringLiteral("copyDecodedJsonAction"));
    edit->addSeparator();
    QAction* request = edit->addAction(tr("Use in &Request"), this, [this] { m_workbench->useInRequest(); });
    request->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_Return));
    request->setObjectName(QStringLiteral("useInRequestAction"));
    edit->addAction(tr("&Probe this API…"), this, [this] { m_workbench->probeThisApi(); })
        ->setObjectName(QStringLiteral("probeThisApiAction"));

    m_viewMenu = menuBar()->addMenu(tr("&View"));
    m_workspaceSeparator = m_viewMenu->addSeparator();
    QAction* fullScreen = m_viewMenu->addAction(tr("&Full Screen"), this, [this](bool on) {
        setWindowState(on ? (windowState() | Qt::WindowFullScreen) : (windowState() & ~Qt::WindowFullScreen));
    });
    fullScreen->setCheckable(true);
    // setShortcuts: all the platform's bindings (setShortcut(StandardKey) keeps only the first of them).
    fullScreen->setShortcuts(QKeySequence::FullScreen);
    fullScreen->setObjectName(QStringLiteral("fullScreenAction"));

    QMenu* help = menuBar()->addMenu(tr("&Help"));
    help->addAction(tr("Open &Demo"), this, &MainWindow::openDemo);
    help->addSeparator();
    QAction* about = help->addAction(tr("&About Tokenscope"), this, &MainWindow::showAbout);
    about->setObjectName(QStringLiteral("aboutAction"));
    about->setMenuRole(QAction::AboutRole);
    QAction* aboutQt = help->addAction(tr("About &Qt"), qApp, &QApplication::aboutQt);
    aboutQt->setMenuRole(QAction::AboutQtRole);
}

int MainWindow::addWorkspace(QWidget* workspace, const QString& title, const QIcon& icon)
{
    const int index = m_stack->addWidget(workspace);
    auto* item = new QListWidgetItem(icon, title, m_sidebar);
    item->setSizeHint(QSize(0, 40));
    if (workspace->accessibleName().isEmpty())
        workspace->setAccessibleName(title);
    QAction* action = new QAction(icon, title, this);
    if (index < 9)
        action->setShortcut(QKeySequence(Qt::CTRL | Qt::Key(Qt::Key_1 + index)));
    connect(action, &QAction::triggered, this, [this, workspace] { setCurrentWorkspace(m_stack->indexOf(workspace)); });
    m_viewMenu->insertAction(m_workspaceSeparator, action);
    return index;
}

void MainWindow::replaceWorkspace(int index, QWidget* workspace)
{
    QWidget* old = m_stack->widget(index);
    if (!old)
        return;
    m_stack->insertWidget(index, workspace);
    m_stack->removeWidget(old);
    old->deleteLater();
}

QWidget* MainWindow::workspace(int index) const
{
    return m_stack->widget(index);
}

int MainWindow::workspaceCount() const
{
    return m_stack->count();
}

int MainWindow::currentWorkspace() const
{
    return m_stack->currentIndex();
}

void MainWindow::setCurrentWorkspace(int index)
{
    m_sidebar->setCurrentRow(index);
}

bool MainWindow::isFirstRun() const
{
    return !QSettings().value(QStringLiteral("app/demoShown"), false).toBool();
}

void MainWindow::openDemo()
{
    setCurrentWorkspace(TokenWorkspace);
    m_workbench->openDemo();
    QSettings().setValue(QStringLiteral("app/demoShown"), true);
}

void MainWindow::showAbout()
{
    AboutDialog dialog(this);
    dialog.exec();
}

void MainWindow::loadSettings()
{
    const QSettings settings;
    const QByteArray geometry = settings.value(QStringLiteral("window/geometry")).toByteArray();
    if (!geometry.isEmpty())
        restoreGeometry(geometry);
    restoreState(settings.value(QStringLiteral("window/state")).toByteArray());
    setCurrentWorkspace(qBound(0, settings.value(QStringLiteral("window/workspace"), 0).toInt(), workspaceCount() - 1));
    m_workbench->loadSettings(settings);
}

void MainWindow::saveSettings() const
{
    // Geometry and options only: never tokens, keys or secrets.
    QSettings settings;
    settings.setValue(QStringLiteral("window/geometry"), saveGeometry());
    settings.setValue(QStringLiteral("window/state"), saveState());
    settings.setValue(QStringLiteral("window/workspace"), currentWorkspace());
    m_workbench->saveSettings(settings);
}

void MainWindow::closeEvent(QCloseEvent* event)
{
    saveSettings();
    event->accept();
}

ImportDialog* MainWindow::openImportDialog(const QString& path)
{
    auto* dialog = new ImportDialog(m_request->document(), this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &ImportDialog::imported, this, [this](const QString& summary) {
        setCurrentWorkspace(RequestWorkspace);
        statusBar()->showMessage(summary, 10000);
    });
    dialog->show();
    if (!path.isEmpty())
        dialog->load(path);
    return dialog;
}

namespace {
/// The one local file of a drag that looks like something to import (not a token file: the Token workbench takes
/// those where it accepts drops).
QString importableFile(const QMimeData* mime)
{
    if (!mime || !mime->hasUrls() || mime->urls().size() != 1 || !mime->urls().first().isLocalFile())
        return {};
    const QString path = mime->urls().first().toLocalFile();
    static const QStringList suffixes = {QStringLiteral("json"), QStringLiteral("yaml"), QStringLiteral("yml"),
                                         QStringLiteral("http"), QStringLiteral("rest"), QStringLiteral("har")};
    return suffixes.contains(QFileInfo(path).suffix().toLower()) ? path : QString();
}
} // namespace

void MainWindow::dragEnterEvent(QDragEnterEvent* event)
{
    if (!importableFile(event->mimeData()).isEmpty())
        event->acceptProposedAction();
}

void MainWindow::dropEvent(QDropEvent* event)
{
    const QString path = importableFile(event->mimeData());
    if (path.isEmpty())
        return;
    event->acceptProposedAction();
    openImportDialog(path);
}

void MainWindow::changeEvent(QEvent* event)
{
    QMainWindow::changeEvent(event);
    if (event->type() == QEvent::ActivationChange && isActiveWindow()) {
        // Let the activation settle before reading the clipboard (X11 clipboard owners answer asynchronously).
        QTimer::singleShot(0, this, [this] { m_workbench->checkClipboard(); });
    }
}
