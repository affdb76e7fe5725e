// SPDX-License-Identifier: MIT
#include "formats/Importer.h"
#include "gui/CollectionTreeModel.h"
#include "gui/CollectionsSidebar.h"
#include "gui/FolderSettingsEditor.h"
#include "gui/ImportDialog.h"
#include "gui/RequestWorkspace.h"
#include "gui/ResponseViewer.h"
#include "gui/RunnerPanel.h"
#include "gui/WorkspaceDocument.h"
#include "server/MockApiServer.h"
#include "storage/MemorySecretStore.h"
#include "support/GuiTestSupport.h"
#include "support/ServerTestSupport.h"
#include "workspace/Workspace.h"
#include "workspace/WorkspaceStore.h"

#include <QComboBox>
#include <QCryptographicHash>
#include <QDirIterator>
#include <QIcon>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLabel>
#include <QLineEdit>
#include <QMimeData>
#include <QPlainTextEdit>
#include <QProgressBar>
#include <QPushButton>
#include <QSignalSpy>
#include <QSpinBox>
#include <QStandardPaths>
#include <QTabBar>
#include <QTemporaryDir>
#include <QTest>
#include <QTextBrowser>
#include <QToolButton>
#include <QTreeView>
#include <QTreeWidget>
#include <QUndoStack>

#include <memory>

using GuiTest::child;

/// The Request workspace on a workspace directory: the collections tree and its undoable edits (on disk too),
/// tabs with unsaved markers, save and save-as, inherited auth at send time against the mock API, external edits,
/// and secrets that never reach the files.
class TestCollectionsWorkspace : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void init();
    void cleanupTestCase();
    void treeShowsTheWorkspaceAndFilters();
    void filterOpensTheFoldersOnScreen();
    void filterFollowsEdits();
    void treeEditsAreUndoableOnDisk();
    void dragAndDropMovesAndUndoes();
    void tabsSaveOnlyTheirFile();
    void closingADirtyTab();
    void scratchSaveAs();
    void inheritedAuthIsSentAndShown();
    void responsePaneFollowsTheTab();
    void settingsEditorSavesHeadersAndAuth();
    void externalEditWhileDirty();
    void secretsNeverInFiles();
    void importPreviewsThenWrites();
    void importErrorsAndCancel();
    void runnerShowsEachAssertionAndExports();
    void runnerStops();
    void runnerOptionsEnvFileAndRerunFailed();
    void runnerReadsTheEnvironmentFileOffTheGuiThread();
    void runnerWindowClosedWhileReadingTheEnvironmentFile();

private:
    static QHash<QString, QByteArray> fileHashes(const QString& dir);
    static QString allText(const QString& dir);
    /// Gives the two requests of `folder` the assertion "status eq 200" (Private fails it: 401 without a token).
    static bool expectStatus200(WorkspaceDocument& doc, CollectionNode& folder);

    QTemporaryDir m_serverDir;
    MockApiServer m_server;
    std::unique_ptr<QTemporaryDir> m_dir;
};

QHash<QString, QByteArray> TestCollectionsWorkspace::fileHashes(const QString& dir)
{
    QHash<QString, QByteArray> hashes;
    QDirIterator it(dir, QDir::Files, QDirIterator::Subdirectories);
    while (it.hasNext()) {
        const QString path = it.next();
        QFile f(path);
        if (f.open(QIODevice::ReadOnly))
            hashes.insert(path, QCryptographicHash::hash(f.readAll(), QCryptographicHash::Sha1));
    }
    return hashes;
}

QString TestCollectionsWorkspace::allText(const QString& dir)
{
    QString text;
    QDirIterator it(dir, QDir::Files, QDirIterator::Subdirectories);
    while (it.hasNext()) {
        QFile f(it.next());
        if (f.open(QIODevice::ReadOnly))
            text += QString::fromUtf8(f.readAll());
    }
    return text;
}

bool TestCollectionsWorkspace::expectStatus200(WorkspaceDocument& doc, CollectionNode& folder)
{
    for (int i = 0; i < 2; ++i) {
        RequestItem item = folder.child(i)->request();
        ItemAssertion status;
        status.value = 200;
        item.assertions = {status};
        if (!doc.saveRequest(folder.child(i), item).ok())
            return false;
    }
    return true;
}

void TestCollectionsWorkspace::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    QVERIFY(m_serverDir.isValid());
    ServerConfig config = ServerTestSupport::loopbackConfig(m_serverDir.path());
    config.clientSecret = "demo-secret";
    const QString error = ServerTestSupport::startError(m_server, config);
    QVERIFY2(error.isEmpty(), qPrintable(error));
}

void TestCollectionsWorkspace::cleanupTestCase()
{
    m_server.stop();
}

void TestCollectionsWorkspace::init()
{
    // A fresh workspace per test: "Quickstart API" with a folder "Protected" holding two requests, an environment
    // with the mock API's base URL, and the collection's auth a bearer {{accessToken}}.
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
    Workspace ws;
    ws.name = QStringLiteral("Test workspace");
    Environment env(QStringLiteral("Local mock API"));
    env.setVariable(QStringLiteral("baseUrl"), m_server.baseUrl());
    ws.environments.append(env);
    ws.activeEnvironment = env.name();
    auto collection = CollectionNode::makeCollection(QStringLiteral("Quickstart API"));
    collection->settings().auth.type = AuthConfig::Type::Bearer;
    collection->settings().auth.token = QStringLiteral("{{accessToken}}");
    auto folder = CollectionNode::makeFolder(QStringLiteral("Protected"));
    RequestItem priv;
    priv.name = QStringLiteral("Private");
    priv.request.url = QStringLiteral("{{baseUrl}}/api/private");
    folder->insertChild(0, CollectionNode::makeRequest(priv));
    RequestItem pub;
    pub.name = QStringLiteral("Public");
    pub.request.url = QStringLiteral("{{baseUrl}}/api/public");
    pub.auth.type = AuthConfig::Type::None;
    folder->insertChild(1, CollectionNode::makeRequest(pub));
    collection->insertChild(0, std::move(folder));
    ws.insertCollection(0, std::move(collection));
    MemorySecretStore secrets;
    WorkspaceStore store(m_dir->path(), &secrets);
    QVERIFY(store.saveAll(ws).ok());
}

void TestCollectionsWorkspace::treeShowsTheWorkspaceAndFilters()
{
    RequestWorkspace w;
    QVERIFY(w.openWorkspace(m_dir->path()));
    auto* tree = child<QTreeView>(&w, "collectionTreeView");
    QCOMPARE(tree->model()->rowCount(), 1);
    const QModelIndex collection = tree->model()->index(0, 0);
    QCOMPARE(collection.data().toString(), QStringLiteral("Quickstart API"));
    const QModelIndex folder = tree->model()->index(0, 0, collection);
    QCOMPARE(tree->model()->rowCount(folder), 2);
    QCOMPARE(tree->model()->index(0, 0, folder).data().toString(), QStringLiteral("GET  Private"));
    QVERIFY(tree->isExpanded(collection)); // a new workspace shows its collections open
    // The icons come from the style once, not again for every row painted (the same icon each time).
    const auto iconKey = [](const QModelIndex& index) {
        return index.data(Qt::DecorationRole).value<QIcon>().cacheKey();
    };
    const QModelIndex request = tree->model()->index(0, 0, folder);
    QVERIFY(!request.data(Qt::DecorationRole).value<QIcon>().isNull());
    QCOMPARE(iconKey(request), iconKey(tree->model()->index(1, 0, folder)));
    QCOMPARE(iconKey(folder), iconKey(folder));
    QVERIFY(iconKey(folder) != iconKey(request));

    QTest::keyClicks(child<QLineEdit>(&w, "collectionFilterLineEdit"), QStringLiteral("publ"));
    // The match stays visible with the folders above it; the other request is filtered out.
    QCOMPARE(tree->model()->rowCount(), 1);
    const QModelIndex filteredFolder = tree->model()->index(0, 0, tree->model()->index(0, 0));
    QCOMPARE(tree->model()->rowCount(filteredFolder), 1);
    QCOMPARE(tree->model()->index(0, 0, filteredFolder).data().toString(), QStringLiteral("GET  Public"));
    child<QLineEdit>(&w, "collectionFilterLineEdit")->clear();
    QCOMPARE(tree->model()->rowCount(tree->model()->index(0, 0, tree->model()->index(0, 0))), 2);
}

void TestCollectionsWorkspace::filterOpensTheFoldersOnScreen()
{
    // 80 folders of 3 requests: many more rows than the tree shows at once.
    QTemporaryDir dir;
    {
        Workspace ws;
        auto collection = CollectionNode::makeCollection(QStringLiteral("Big"));
        for (int f = 0; f < 80; ++f) {
            auto folder = CollectionNode::makeFolder(QStringLiteral("Folder %1").arg(f));
            for (int r = 0; r < 3; ++r) {
                RequestItem item;
                item.name = QStringLiteral("Request %1-%2").arg(f).arg(r);
                item.request.url = QStringLiteral("https://h.example/%1/%2").arg(f).arg(r);
                folder->insertChild(r, CollectionNode::makeRequest(item));
            }
            collection->insertChild(f, std::move(folder));
        }
        ws.insertCollection(0, std::move(collection));
        MemorySecretStore secrets;
        WorkspaceStore store(dir.path(), &secrets);
        QVERIFY(store.saveAll(ws).ok());
    }
    RequestWorkspace w;
    w.resize(1000, 700);
    w.show();
    QVERIFY(QTest::qWaitForWindowExposed(&w));
    QVERIFY(w.openWorkspace(dir.path()));
    auto* tree = child<QTreeView>(&w, "collectionTreeView");
    auto* filter = child<QLineEdit>(&w, "collectionFilterLineEdit");
    const QAbstractItemModel* model = tree->model();
    const QModelIndex big = model->index(0, 0);
    QVERIFY(tree->isExpanded(big));
    QVERIFY(!tree->isExpanded(model->index(0, 0, big))); // folders start closed

    QTest::keyClicks(filter, QStringLiteral("request"));
    const QModelIndex first = model->index(0, 0, big);
    const QModelIndex last = model->index(model->rowCount(big) - 1, 0, big);
    QVERIFY(tree->isExpanded(first)); // on screen: open, its matches show
    QVERIFY(tree->visualRect(model->index(2, 0, first)).isValid());
    QVERIFY(!tree->isExpanded(last)); // far below the viewport: not opened yet
    // Scrolled into view: opened. Each folder opened on screen pushes the ones below it down, so the end of the
    // tree is reached after a few scrolls, as a user scrolling down sees it.
    for (int i = 0; i < 100 && !tree->isExpanded(last); ++i)
        tree->scrollToBottom();
    QVERIFY(tree->isExpanded(last));
    QVERIFY(tree->visualRect(model->index(2, 0, last)).isValid());

    // A folder the user closes stays closed while the filter only narrows; a wider filter opens it again.
    tree->scrollToTop();
    tree->collapse(first);
    QTest::keyClicks(filter, QStringLiteral(" 0-"));
    QCOMPARE(model->rowCount(big), 1);
    QVERIFY(!tree->isExpanded(model->index(0, 0, big)));
    filter->setText(QStringLiteral("request"));
    QVERIFY(tree->isExpanded(model->index(0, 0, big)));

    // What the filter opened is not taken as the user's choice: with the filter cleared and the workspace
    // reloaded, only the collection is open again.
    filter->clear();
    QVERIFY(w.document()->reload().ok());
    QVERIFY(tree->isExpanded(model->index(0, 0)));
    QVERIFY(!tree->isExpanded(model->index(0, 0, model->index(0, 0))));
}

void TestCollectionsWorkspace::filterFollowsEdits()
{
    RequestWorkspace w;
    QVERIFY(w.openWorkspace(m_dir->path()));
    auto* tree = child<QTreeView>(&w, "collectionTreeView");
    auto* filter = child<QLineEdit>(&w, "collectionFilterLineEdit");
    const QAbstractItemModel* model = tree->model();
    auto shownRequests = [&] {
        QStringList names;
        const QModelIndex collection = model->index(0, 0);
        for (int f = 0; f < model->rowCount(collection); ++f) {
            const QModelIndex folder = model->index(f, 0, collection);
            for (int r = 0; r < model->rowCount(folder); ++r)
                names.append(model->index(r, 0, folder).data(CollectionTreeModel::NameRole).toString());
        }
        return names;
    };
    // The tree: Quickstart API / Protected / {Private, Public}: four names. "p" is in all of them.
    QTest::keyClicks(filter, QStringLiteral("p"));
    QCOMPARE(shownRequests(), (QStringList{QStringLiteral("Private"), QStringLiteral("Public")}));
    QTest::keyClicks(filter, QStringLiteral("r"));
    QCOMPARE(shownRequests(), QStringList{QStringLiteral("Private")}); // "Protected" is the folder above it
    QTest::keyClicks(filter, QStringLiteral("I"));                     // case-insensitive
    QCOMPARE(shownRequests(), QStringList{QStringLiteral("Private")});
    // A folder that matches by its own name shows, without its requests that do not match.
    QTest::keyClick(filter, Qt::Key_Backspace);
    QTest::keyClicks(filter, QStringLiteral("ot"));
    QCOMPARE(model->rowCount(model->index(0, 0)), 1);
    QCOMPARE(shownRequests(), QStringList());
    filter->setText(QStringLiteral("pu"));
    QCOMPARE(shownRequests(), QStringList{QStringLiteral("Public")});

    // The tree changes while the filter is on: a new matching request shows, a renamed one follows its new name.
    CollectionNode* folder = w.document()->workspace()->find(QStringLiteral("Quickstart API/Protected"));
    RequestItem added;
    added.name = QStringLiteral("Publish");
    w.document()->addRequest(folder, added);
    QCOMPARE(shownRequests(), (QStringList{QStringLiteral("Public"), QStringLiteral("Publish")}));
    w.document()->rename(w.document()->workspace()->find(QStringLiteral("Quickstart API/Protected/Public")),
                         QStringLiteral("Open"));
    QCOMPARE(shownRequests(), QStringList{QStringLiteral("Publish")});
    filter->setText(QStringLiteral("pub"));
    QCOMPARE(shownRequests(), QStringList{QStringLiteral("Publish")});
    filter->clear();
    QCOMPARE(shownRequests(),
             (QStringList{QStringLiteral("Private"), QStringLiteral("Open"), QStringLiteral("Publish")}));
}

void TestCollectionsWorkspace::treeEditsAreUndoableOnDisk()
{
    RequestWorkspace w;
    QVERIFY(w.openWorkspace(m_dir->path()));
    WorkspaceDocument* doc = w.document();
    CollectionsSidebar* sidebar = w.sidebar();
    sidebar->setConfirmDeletes(false);
    const QString folderDir = m_dir->filePath(QStringLiteral("collections/Quickstart API/Protected"));
    QVERIFY(QFileInfo::exists(folderDir + QStringLiteral("/Private.json")));

    // Rename (as F2 + typing does: setData on the model).
    CollectionNode* priv = doc->workspace()->find(QStringLiteral("Quickstart API/Protected/Private"));
    const QString id = priv->id();
    sidebar->model()->setData(sidebar->model()->indexOf(id), QStringLiteral("Private renamed"));
    QVERIFY(QFileInfo::exists(folderDir + QStringLiteral("/Private renamed.json")));
    QVERIFY(!QFileInfo::exists(folderDir + QStringLiteral("/Private.json")));
    doc->undoStack()->undo();
    QVERIFY(QFileInfo::exists(folderDir + QStringLiteral("/Private.json")));
    QCOMPARE(doc->node(id)->name(), QStringLiteral("Private"));
    doc->undoStack()->redo();
    QCOMPARE(doc->node(id)->name(), QStringLiteral("Private renamed"));

    // Duplicate, then delete the copy; undo brings it back with its content.
    sidebar->selectNode(id);
    sidebar->duplicateCurrent();
    CollectionNode* copy = doc->workspace()->find(QStringLiteral("Quickstart API/Protected/Private renamed copy"));
    QVERIFY(copy);
    QVERIFY(copy->id() != id);
    QCOMPARE(copy->request().request.url, QStringLiteral("{{baseUrl}}/api/private"));
    QVERIFY(QFileInfo::exists(folderDir + QStringLiteral("/Private renamed copy.json")));
    const QString copyId = copy->id();
    sidebar->selectNode(copyId);
    sidebar->deleteCurrent();
    QVERIFY(!doc->node(copyId));
    QVERIFY(!QFileInfo::exists(folderDir + QStringLiteral("/Private renamed copy.json")));
    doc->undoStack()->undo();
    QVERIFY(doc->node(copyId));
    QVERIFY(QFileInfo::exists(folderDir + QStringLiteral("/Private renamed copy.json")));

    // New folder and new request from the buttons; deleting the whole folder (with its requests) is one undo.
    sidebar->selectNode(doc->workspace()->find(QStringLiteral("Quickstart API"))->id());
    child<QToolButton>(sidebar, "newFolderButton")->click();
    QVERIFY(QFileInfo(m_dir->filePath(QStringLiteral("collections/Quickstart API/New folder"))).isDir());
    child<QToolButton>(sidebar, "newRequestButton")->click();
    CollectionNode* added = doc->workspace()->find(QStringLiteral("Quickstart API/New folder/New request"));
    QVERIFY(added);
    QCOMPARE(w.tabItemId(w.currentTab()), added->id()); // a new request opens in its tab
    sidebar->selectNode(doc->workspace()->find(QStringLiteral("Quickstart API/Protected"))->id());
    const int before = doc->workspace()->requestCount();
    sidebar->deleteCurrent();
    QVERIFY(!QFileInfo::exists(folderDir));
    QCOMPARE(doc->workspace()->requestCount(), before - 3);
    doc->undoStack()->undo();
    QVERIFY(QFileInfo::exists(folderDir + QStringLiteral("/Private renamed.json")));
    QCOMPARE(doc->workspace()->requestCount(), before);

    // What is on disk is what the tree says: a fresh load sees the same tree.
    MemorySecretStore secrets;
    WorkspaceStore reader(m_dir->path(), &secrets);
    auto reloaded = reader.load();
    QVERIFY(reloaded.ok());
    QVERIFY(reader.problems().isEmpty());
    QCOMPARE(reloaded.value()->collection(0)->toShowJson(), doc->workspace()->collection(0)->toShowJson());
}

void TestCollectionsWorkspace::dragAndDropMovesAndUndoes()
{
    RequestWorkspace w;
    QVERIFY(w.openWorkspace(m_dir->path()));
    WorkspaceDocument* doc = w.document();
    CollectionTreeModel* model = w.sidebar()->model();
    CollectionNode* pub = doc->workspace()->find(QStringLiteral("Quickstart API/Protected/Public"));
    const QString id = pub->id();
    const QModelIndex collection = model->indexOf(doc->workspace()->collection(0)->id());
    std::unique_ptr<QMimeData> data(model->mimeData({model->indexOf(id)}));
    QVERIFY(model->canDropMimeData(data.get(), Qt::MoveAction, 0, 0, collection));
    // A folder cannot go into itself, and an item cannot become a collection.
    std::unique_ptr<QMimeData> folderData(model->mimeData({model->indexOf(pub->parent()->id())}));
    QVERIFY(!model->canDropMimeData(folderData.get(), Qt::MoveAction, 0, 0, model->indexOf(pub->parent()->id())));
    QVERIFY(!model->canDropMimeData(data.get(), Qt::MoveAction, 0, 0, QModelIndex()));

    model->dropMimeData(data.get(), Qt::MoveAction, 0, 0, collection);
    QCOMPARE(doc->node(id)->parent(), doc->workspace()->collection(0));
    QCOMPARE(doc->node(id)->row(), 0);
    QVERIFY(QFileInfo::exists(m_dir->filePath(QStringLiteral("collections/Quickstart API/Public.json"))));
    QVERIFY(!QFileInfo::exists(m_dir->filePath(QStringLiteral("collections/Quickstart API/Protected/Public.json"))));
    doc->undoStack()->undo();
    QCOMPARE(doc->node(id)->parent()->name(), QStringLiteral("Protected"));
    QCOMPARE(doc->node(id)->row(), 1);
    QVERIFY(QFileInfo::exists(m_dir->filePath(QStringLiteral("collections/Quickstart API/Protected/Public.json"))));

    // Reorder inside the folder: Public above Private; the folder's order is what is written.
    std::unique_ptr<QMimeData> again(model->mimeData({model->indexOf(id)}));
    model->dropMimeData(again.get(), Qt::MoveAction, 0, 0, model->indexOf(doc->node(id)->parent()->id()));
    QCOMPARE(doc->node(id)->row(), 0);
    QFile folderJson(m_dir->filePath(QStringLiteral("collections/Quickstart API/Protected/folder.json")));
    QVERIFY(folderJson.open(QIODevice::ReadOnly));
    const QByteArray text = folderJson.readAll();
    QVERIFY(text.indexOf("Public.json") < text.indexOf("Private.json"));
}

void TestCollectionsWorkspace::tabsSaveOnlyTheirFile()
{
    RequestWorkspace w;
    QVERIFY(w.openWorkspace(m_dir->path()));
    WorkspaceDocument* doc = w.document();
    const QString privId = doc->workspace()->find(QStringLiteral("Quickstart API/Protected/Private"))->id();
    const QString pubId = doc->workspace()->find(QStringLiteral("Quickstart API/Protected/Public"))->id();
    w.openItem(privId);
    w.openItem(pubId);
    QCOMPARE(w.tabCount(), 3);
    auto* tabs = child<QTabBar>(&w, "requestTabBar");
    QCOMPARE(tabs->tabText(2), QStringLiteral("Public"));
    auto* url = child<QLineEdit>(&w, "urlLineEdit");
    QCOMPARE(url->text(), QStringLiteral("{{baseUrl}}/api/public"));
    url->clear();
    QTest::keyClicks(url, QStringLiteral("{{baseUrl}}/api/public?x=1"));
    QVERIFY(w.isTabDirty(2));
    QVERIFY(tabs->tabText(2).startsWith(QStringLiteral("● ")));
    // Switching tabs keeps each tab's edits.
    w.setCurrentTab(1);
    QCOMPARE(url->text(), QStringLiteral("{{baseUrl}}/api/private"));
    QVERIFY(!w.isTabDirty(1));
    w.setCurrentTab(2);
    QCOMPARE(url->text(), QStringLiteral("{{baseUrl}}/api/public?x=1"));

    const auto before = fileHashes(m_dir->path());
    QVERIFY(w.saveCurrent());
    QVERIFY(!w.isTabDirty(2));
    QCOMPARE(tabs->tabText(2), QStringLiteral("Public"));
    const auto after = fileHashes(m_dir->path());
    QStringList changed;
    for (auto it = after.begin(); it != after.end(); ++it) {
        if (before.value(it.key()) != it.value())
            changed.append(QFileInfo(it.key()).fileName());
    }
    QCOMPARE(changed, QStringList{QStringLiteral("Public.json")});
    QCOMPARE(doc->node(pubId)->request().request.url, QStringLiteral("{{baseUrl}}/api/public?x=1"));
    // Editing back to the saved text is not "unsaved".
    url->clear();
    QTest::keyClicks(url, QStringLiteral("{{baseUrl}}/api/public?x=1"));
    QVERIFY(!w.isTabDirty(2));
}

void TestCollectionsWorkspace::closingADirtyTab()
{
    RequestWorkspace w;
    QVERIFY(w.openWorkspace(m_dir->path()));
    const QString privId = w.document()->workspace()->find(QStringLiteral("Quickstart API/Protected/Private"))->id();
    w.openItem(privId);
    auto* url = child<QLineEdit>(&w, "urlLineEdit");
    QTest::keyClicks(url, QStringLiteral("/more"));
    QVERIFY(w.isTabDirty(1));
    QVERIFY(!w.closeTab(1, RequestWorkspace::CloseChoice::Cancel));
    QCOMPARE(w.tabCount(), 2);
    QVERIFY(w.closeTab(1, RequestWorkspace::CloseChoice::Discard));
    QCOMPARE(w.tabCount(), 1);
    QCOMPARE(w.document()->node(privId)->request().request.url, QStringLiteral("{{baseUrl}}/api/private"));
    w.openItem(privId);
    QTest::keyClicks(url, QStringLiteral("/saved"));
    QVERIFY(w.closeTab(1, RequestWorkspace::CloseChoice::Save));
    QCOMPARE(w.document()->node(privId)->request().request.url, QStringLiteral("{{baseUrl}}/api/private/saved"));
    QCOMPARE(w.currentTab(), 0);
}

void TestCollectionsWorkspace::scratchSaveAs()
{
    RequestWorkspace w;
    QVERIFY(w.openWorkspace(m_dir->path()));
    QCOMPARE(w.currentTab(), 0);
    auto* url = child<QLineEdit>(&w, "urlLineEdit");
    url->setText(QStringLiteral("{{baseUrl}}/ping"));
    const QString folderId = w.document()->workspace()->find(QStringLiteral("Quickstart API/Protected"))->id();
    QVERIFY(w.saveScratchAs(folderId, QStringLiteral("Ping")));
    CollectionNode* saved = w.document()->workspace()->find(QStringLiteral("Quickstart API/Protected/Ping"));
    QVERIFY(saved);
    QCOMPARE(saved->request().request.url, QStringLiteral("{{baseUrl}}/ping"));
    QCOMPARE(w.tabItemId(w.currentTab()), saved->id());
    QVERIFY(QFileInfo::exists(m_dir->filePath(QStringLiteral("collections/Quickstart API/Protected/Ping.json"))));
}

void TestCollectionsWorkspace::inheritedAuthIsSentAndShown()
{
    const auto minted = m_server.embeddedIssuer()->mint(
        m_server.embeddedIssuer()->preset(MintPreset::Valid, m_server.audience(), QStringLiteral("read:messages")));
    QVERIFY(minted.ok());
    RequestWorkspace w;
    QVERIFY(w.openWorkspace(m_dir->path()));
    QList<Environment> environments = w.environments();
    environments[0].setVariable(QStringLiteral("accessToken"), QString::fromLatin1(minted.value()), true);
    w.setEnvironments(environments, 0);
    const QString privId = w.document()->workspace()->find(QStringLiteral("Quickstart API/Protected/Private"))->id();
    w.openItem(privId);
    // The request inherits: the auth page says from where.
    QCOMPARE(w.authConfig().type, AuthConfig::Type::Inherit);
    auto* inherited = child<QLabel>(child<QWidget>(&w, "itemAuthEditor"), "inheritedAuthLabel");
    QVERIFY2(inherited->text().contains(QLatin1String("Bearer token from Quickstart API")),
             qPrintable(inherited->text()));
    QSignalSpy received(&w, &RequestWorkspace::responseReceived);
    child<QPushButton>(&w, "sendButton")->click();
    QVERIFY(received.count() > 0 || received.wait(10000));
    QCOMPARE(w.responseViewer()->response().status, 200);
    QVERIFY2(w.lastAuthNote().contains(QLatin1String("inherited from Quickstart API")), qPrintable(w.lastAuthNote()));

    // The public request sets "No auth" itself: no Authorization header goes out, and the API still answers.
    w.openItem(w.document()->workspace()->find(QStringLiteral("Quickstart API/Protected/Public"))->id());
    child<QPushButton>(&w, "sendButton")->click();
    QVERIFY(received.wait(10000));
    QCOMPARE(w.responseViewer()->response().status, 200);
    QVERIFY(w.lastAuthNote().isEmpty());
    // The secret environment value went to the secret store, not into environments/*.json.
    QVERIFY(!allText(m_dir->path()).contains(QString::fromLatin1(minted.value())));
}

void TestCollectionsWorkspace::responsePaneFollowsTheTab()
{
    // "Private" inherits a bearer {{accessToken}} that no environment defines: the mock API answers 401. "Public"
    // sends no auth: 200. The response pane and the diagnosis show the answer of the tab on display, or nothing.
    RequestWorkspace w;
    QVERIFY(w.openWorkspace(m_dir->path()));
    const QString privId = w.document()->workspace()->find(QStringLiteral("Quickstart API/Protected/Private"))->id();
    const QString pubId = w.document()->workspace()->find(QStringLiteral("Quickstart API/Protected/Public"))->id();
    auto* status = child<QLabel>(&w, "responseStatusLabel");
    auto* diagnosis = child<QTextBrowser>(&w, "diagnosisTextBrowser");
    auto* send = child<QPushButton>(&w, "sendButton");
    QSignalSpy received(&w, &RequestWorkspace::responseReceived);
    w.openItem(privId);
    send->click();
    QVERIFY(received.wait(10000));
    QCOMPARE(w.responseViewer()->response().status, 401);
    const QString privStatus = status->text();
    QVERIFY2(privStatus.contains(QLatin1String("401")), qPrintable(privStatus));
    QVERIFY2(diagnosis->toPlainText().contains(QLatin1String("401")), qPrintable(diagnosis->toPlainText()));

    // A tab that sent nothing shows nothing (it showed Private's 401 before the fix).
    w.openItem(pubId);
    QVERIFY(!w.responseViewer()->response().received);
    QCOMPARE(w.responseViewer()->response().status, 0);
    QVERIFY2(!status->text().contains(QLatin1String("401")), qPrintable(status->text()));
    QVERIFY(diagnosis->toPlainText().isEmpty());
    w.setCurrentTab(0); // the scratch tab sent nothing either
    QVERIFY(!w.responseViewer()->response().received);

    w.setCurrentTab(2);
    send->click();
    QVERIFY(received.wait(10000));
    QCOMPARE(w.responseViewer()->response().status, 200);
    // Each tab shows its own answer again when it comes back.
    w.setCurrentTab(1);
    QCOMPARE(w.responseViewer()->response().status, 401);
    QCOMPARE(status->text(), privStatus);
    QVERIFY(diagnosis->toPlainText().contains(QLatin1String("401")));
    w.setCurrentTab(2);
    QCOMPARE(w.responseViewer()->response().status, 200);

    // An answer that arrives after the user switched away goes to its own tab, not to the one on display.
    w.setCurrentTab(1);
    send->click();
    w.setCurrentTab(0);
    QVERIFY(received.wait(10000));
    QVERIFY(!w.responseViewer()->response().received);
    w.setCurrentTab(1);
    QCOMPARE(w.responseViewer()->response().status, 401);
}

void TestCollectionsWorkspace::settingsEditorSavesHeadersAndAuth()
{
    RequestWorkspace w;
    QVERIFY(w.openWorkspace(m_dir->path()));
    const QString folderId = w.document()->workspace()->find(QStringLiteral("Quickstart API/Protected"))->id();
    w.openSettings(folderId);
    auto* editor = child<FolderSettingsEditor>(&w, "folderSettingsEditor");
    QVERIFY(editor->isVisible() || !w.isVisible());
    QCOMPARE(editor->containerId(), folderId);
    auto* inherited = child<QLabel>(editor, "inheritedAuthLabel");
    QVERIFY2(inherited->text().contains(QLatin1String("Bearer token from Quickstart API")),
             qPrintable(inherited->text()));
    auto* save = child<QPushButton>(editor, "saveSettingsButton");
    QVERIFY(!save->isEnabled());
    QTest::keyClicks(child<QLineEdit>(editor, "bearerTokenLineEdit"), QStringLiteral("x")); // page hidden: no-op
    FolderSettings s = editor->settings();
    QCOMPARE(s.auth.type, AuthConfig::Type::Inherit);
    auto* description = child<QPlainTextEdit>(editor, "settingsDescriptionPlainTextEdit");
    description->setPlainText(QStringLiteral("Needs a token"));
    QVERIFY(save->isEnabled());
    QVERIFY(w.saveCurrent());
    QCOMPARE(w.document()->node(folderId)->settings().description, QStringLiteral("Needs a token"));
    QFile folderJson(m_dir->filePath(QStringLiteral("collections/Quickstart API/Protected/folder.json")));
    QVERIFY(folderJson.open(QIODevice::ReadOnly));
    QVERIFY(folderJson.readAll().contains("\"description\": \"Needs a token\""));
}

void TestCollectionsWorkspace::externalEditWhileDirty()
{
    RequestWorkspace w;
    QVERIFY(w.openWorkspace(m_dir->path()));
    const QString privId = w.document()->workspace()->find(QStringLiteral("Quickstart API/Protected/Private"))->id();
    w.openItem(privId);
    auto* url = child<QLineEdit>(&w, "urlLineEdit");
    QTest::keyClicks(url, QStringLiteral("/mine"));
    QVERIFY(w.isTabDirty(1));
    const QString path = m_dir->filePath(QStringLiteral("collections/Quickstart API/Protected/Private.json"));
    auto rewrite = [&path](const QByteArray& from, const QByteArray& to) {
        QFile f(path);
        QVERIFY(f.open(QIODevice::ReadOnly));
        QByteArray text = f.readAll();
        f.close();
        text.replace(from, to);
        QVERIFY(f.open(QIODevice::WriteOnly | QIODevice::Truncate));
        f.write(text);
    };
    QSignalSpy changed(w.document(), &WorkspaceDocument::externallyChanged);
    w.setExternalChangeAnswer(false); // keep my edits
    rewrite("/api/private", "/api/private-scoped");
    QVERIFY(changed.wait(5000));
    QCOMPARE(url->text(), QStringLiteral("{{baseUrl}}/api/private/mine"));
    QVERIFY(w.isTabDirty(1));

    w.setExternalChangeAnswer(true); // reload from disk
    rewrite("/api/private-scoped", "/api/private-scoped2");
    QVERIFY(changed.wait(5000));
    QTRY_COMPARE(url->text(), QStringLiteral("{{baseUrl}}/api/private-scoped2"));
    QVERIFY(!w.isTabDirty(w.currentTab()));
    QCOMPARE(w.tabItemId(w.currentTab()), privId);
}

void TestCollectionsWorkspace::secretsNeverInFiles()
{
    RequestWorkspace w;
    QVERIFY(w.openWorkspace(m_dir->path()));
    const QString privId = w.document()->workspace()->find(QStringLiteral("Quickstart API/Protected/Private"))->id();
    w.openItem(privId);
    AuthConfig basic;
    basic.type = AuthConfig::Type::Basic;
    basic.username = QStringLiteral("alice");
    basic.password = QStringLiteral("correct horse battery staple");
    w.setAuthConfig(basic);
    QVERIFY(w.saveCurrent());
    const QString collectionId = w.document()->workspace()->collection(0)->id();
    w.openSettings(collectionId);
    auto* editor = child<FolderSettingsEditor>(&w, "folderSettingsEditor");
    auto* token = child<QLineEdit>(editor, "bearerTokenLineEdit");
    token->clear();
    QTest::keyClicks(token, QStringLiteral("literal-bearer-token-value"));
    QVERIFY(w.saveCurrent());
    const QString text = allText(m_dir->path());
    QVERIFY(!text.contains(QLatin1String("correct horse battery staple")));
    QVERIFY(!text.contains(QLatin1String("literal-bearer-token-value")));
    QVERIFY(text.contains(QLatin1String("\"username\": \"alice\"")));
    // They are in memory for this session and in the secret store for the next: a new window reads them back.
    RequestWorkspace again;
    QVERIFY(again.openWorkspace(m_dir->path()));
    QCOMPARE(again.document()->node(privId)->request().auth.password, QStringLiteral("correct horse battery staple"));
    QCOMPARE(again.document()->node(collectionId)->settings().auth.token, QStringLiteral("literal-bearer-token-value"));
}

/// File → Import…: the preview and the report come before anything is written; Import adds the collection
/// through ImportResult::addTo (the CLI's path) and the tree shows it.
void TestCollectionsWorkspace::importPreviewsThenWrites()
{
    RequestWorkspace w;
    QVERIFY(w.openWorkspace(m_dir->path()));
    const QHash<QString, QByteArray> before = fileHashes(m_dir->path());
    const QString source =
        QStringLiteral(TOKENSCOPE_TEST_DATA "/postman/newman-multi-level-folders-v2.postman_collection.json");
    const auto expected = Importer::importFile(source, Importer::Format::Auto);
    QVERIFY(expected.ok());
    const CollectionNode& collection = *expected->collections.front();

    ImportDialog dialog(w.document());
    dialog.load(source);
    QVERIFY(dialog.isLoading());
    QTRY_VERIFY_WITH_TIMEOUT(!dialog.isLoading(), 20000);
    QVERIFY(dialog.hasResult());
    auto* preview = child<QTreeWidget>(&dialog, "importPreviewTreeWidget");
    QCOMPARE(preview->topLevelItemCount(), 1);
    QCOMPARE(preview->topLevelItem(0)->text(0), collection.name());
    QCOMPARE(preview->topLevelItem(0)->childCount(), collection.childCount());
    auto* report = child<QTreeWidget>(&dialog, "importReportTreeWidget");
    QCOMPARE(report->topLevelItemCount(), int(expected->report.entries().size()));
    QCOMPARE(report->topLevelItem(0)->text(0), ImportReport::outcomeName(expected->report.entries().front().outcome));
    const QString status = child<QLabel>(&dialog, "importStatusLabel")->text();
    QVERIFY2(status.startsWith(
                 QStringLiteral("Postman collection (v2.0, v2.1) — %1 request").arg(collection.requestCount())),
             qPrintable(status));
    QCOMPARE(fileHashes(m_dir->path()), before); // nothing written yet

    QSignalSpy imported(&dialog, &ImportDialog::imported);
    child<QPushButton>(&dialog, "importButton")->click();
    QCOMPARE(imported.size(), 1);
    QCOMPARE(w.document()->workspace()->collectionCount(), 2);
    QCOMPARE(w.document()->workspace()->collection(1)->name(), collection.name());
    QCOMPARE(w.document()->workspace()->collection(1)->requestCount(), collection.requestCount());
    QVERIFY(fileHashes(m_dir->path()) != before);
    QCOMPARE(child<QTreeView>(&w, "collectionTreeView")->model()->rowCount(), 2);
    // The same files as `tokenscope-cli import --into` writes: a fresh read of the directory finds the collection.
    MemorySecretStore secrets;
    WorkspaceDocument reread(&secrets);
    QVERIFY(reread.open(m_dir->path()).ok());
    QCOMPARE(reread.workspace()->collection(1)->requestCount(), collection.requestCount());
    QVERIFY(!child<QPushButton>(&dialog, "importButton")->isEnabled()); // once
    QTRY_COMPARE_WITH_TIMEOUT(ImportDialog::readsInFlight(), 0, 20000); // its thread deleted, not leaked
}

void TestCollectionsWorkspace::importErrorsAndCancel()
{
    RequestWorkspace w;
    QVERIFY(w.openWorkspace(m_dir->path()));
    ImportDialog dialog(w.document());
    auto* status = child<QLabel>(&dialog, "importStatusLabel");
    dialog.load(m_dir->filePath(QStringLiteral("missing.json")));
    QTRY_VERIFY_WITH_TIMEOUT(!dialog.isLoading(), 20000);
    QVERIFY(!dialog.hasResult());
    QVERIFY2(status->text().startsWith(QLatin1String("missing.json cannot be imported: cannot read")),
             qPrintable(status->text()));
    QVERIFY(!child<QPushButton>(&dialog, "importButton")->isEnabled());

    // Cancel while reading: no preview, nothing to import, and the late result is dropped.
    dialog.load(QStringLiteral(TOKENSCOPE_TEST_DATA "/postman/newman-echo-v2.postman_collection.json"));
    QVERIFY(child<QPushButton>(&dialog, "importCancelButton")->isVisibleTo(&dialog));
    child<QPushButton>(&dialog, "importCancelButton")->click();
    QVERIFY(!dialog.isLoading());
    QCOMPARE(status->text(), QStringLiteral("Cancelled. Nothing was imported."));
    QTRY_COMPARE_WITH_TIMEOUT(ImportDialog::readsInFlight(), 0, 20000);
    QCoreApplication::processEvents();
    QVERIFY(!dialog.hasResult());
    QCOMPARE(child<QTreeWidget>(&dialog, "importPreviewTreeWidget")->topLevelItemCount(), 0);
    QCOMPARE(w.document()->workspace()->collectionCount(), 1);
}

/// The Runner on CollectionRunner against the mock API: each request with its status and every assertion with its
/// message, the summary, and the JSON and JUnit exports of the run.
void TestCollectionsWorkspace::runnerShowsEachAssertionAndExports()
{
    RequestWorkspace w;
    QVERIFY(w.openWorkspace(m_dir->path()));
    WorkspaceDocument* doc = w.document();
    CollectionNode* collection = doc->workspace()->collection(0);
    CollectionNode* folder = collection->child(0);
    QVERIFY(expectStatus200(*doc, *folder));
    RunnerPanel* runner = w.openRunner(collection->id());
    QCOMPARE(runner->target(), collection->id());
    QCOMPARE(child<QComboBox>(runner, "runnerEnvironmentComboBox")->currentText(), QStringLiteral("Local mock API"));
    child<QPushButton>(runner, "runnerRunButton")->click();
    QVERIFY(runner->isRunning());
    QTRY_VERIFY_WITH_TIMEOUT(!runner->isRunning(), 30000);

    auto* results = child<QTreeWidget>(runner, "runnerResultsTreeWidget");
    QCOMPARE(results->topLevelItemCount(), 2);
    // Private: the collection's bearer {{accessToken}} is not set, so the mock API answers 401.
    const QTreeWidgetItem* priv = results->topLevelItem(0);
    QCOMPARE(priv->text(0), QStringLiteral("GET Quickstart API/Protected/Private"));
    QCOMPARE(priv->text(1), QStringLiteral("401"));
    QCOMPARE(priv->childCount(), 1);
    QCOMPARE(priv->child(0)->text(0), QStringLiteral("status eq 200"));
    QCOMPARE(priv->child(0)->text(1), QStringLiteral("FAIL"));
    QVERIFY2(priv->child(0)->text(3).contains(QLatin1String("401")), qPrintable(priv->child(0)->text(3)));
    QCOMPARE(priv->text(3), QStringLiteral("0 of 1 assertions passed"));
    const QTreeWidgetItem* pub = results->topLevelItem(1);
    QCOMPARE(pub->text(1), QStringLiteral("200"));
    QCOMPARE(pub->child(0)->text(1), QStringLiteral("pass"));
    QVERIFY(pub->text(2).endsWith(QLatin1String(" ms")));
    QCOMPARE(child<QLabel>(runner, "runnerSummaryLabel")->text(), runner->report().summaryLine());
    QCOMPARE(runner->report().assertionFailures, 1);
    QCOMPARE(child<QProgressBar>(runner, "runnerProgressBar")->value(), 2);

    QVERIFY(child<QPushButton>(runner, "runnerExportJUnitButton")->isEnabled());
    const QString junit = m_dir->filePath(QStringLiteral("run.xml"));
    const QString json = m_dir->filePath(QStringLiteral("run.json"));
    QVERIFY(runner->exportReport(junit, true));
    QVERIFY(runner->exportReport(json, false));
    QFile junitFile(junit);
    QVERIFY(junitFile.open(QIODevice::ReadOnly));
    QCOMPARE(junitFile.readAll(), runner->report().toJUnit());
    QFile jsonFile(json);
    QVERIFY(jsonFile.open(QIODevice::ReadOnly));
    QCOMPARE(QJsonDocument::fromJson(jsonFile.readAll()).object(), runner->report().toJson());
}

void TestCollectionsWorkspace::runnerStops()
{
    RequestWorkspace w;
    QVERIFY(w.openWorkspace(m_dir->path()));
    RunnerPanel* runner = w.openRunner(w.document()->workspace()->collection(0)->child(0)->id());
    child<QSpinBox>(runner, "runnerIterationsSpinBox")->setValue(50);
    child<QSpinBox>(runner, "runnerDelaySpinBox")->setValue(20);
    QVERIFY(runner->start());
    auto* results = child<QTreeWidget>(runner, "runnerResultsTreeWidget");
    QTRY_VERIFY_WITH_TIMEOUT(results->topLevelItemCount() > 0, 30000);
    child<QPushButton>(runner, "runnerStopButton")->click();
    QTRY_VERIFY_WITH_TIMEOUT(!runner->isRunning(), 30000);
    QVERIFY(runner->report().cancelled);
    QVERIFY(runner->report().requestCount < 100);
    QCOMPARE(results->topLevelItemCount(), runner->report().requestCount);
    QVERIFY(results->topLevelItem(0)->text(0).startsWith(QLatin1String("[1] GET ")));
    QVERIFY2(child<QLabel>(runner, "runnerSummaryLabel")->text().startsWith(QLatin1String("Stopped. ")),
             qPrintable(child<QLabel>(runner, "runnerSummaryLabel")->text()));
}

/// The Runner's options as `run` takes them: an environment file (http-client.env.json, one of its environments
/// chosen) instead of the workspace's, iterations in parallel, a timeout per request; then "Re-run Failed" runs only
/// the request that failed, once per iteration.
void TestCollectionsWorkspace::runnerOptionsEnvFileAndRerunFailed()
{
    RequestWorkspace w;
    QVERIFY(w.openWorkspace(m_dir->path()));
    WorkspaceDocument* doc = w.document();
    CollectionNode* collection = doc->workspace()->collection(0);
    CollectionNode* folder = collection->child(0);
    QVERIFY(expectStatus200(*doc, *folder));
    QTemporaryDir envDir;
    const QString envPath = envDir.filePath(QStringLiteral("http-client.env.json"));
    QFile envFile(envPath);
    QVERIFY(envFile.open(QIODevice::WriteOnly));
    envFile.write(
        QJsonDocument(
            QJsonObject{{QStringLiteral("nowhere"),
                         QJsonObject{{QStringLiteral("baseUrl"), QStringLiteral("http://127.0.0.1:9")}}},
                        {QStringLiteral("mock"), QJsonObject{{QStringLiteral("baseUrl"), m_server.baseUrl()}}}})
            .toJson());
    envFile.close();

    RunnerPanel* runner = w.openRunner(collection->id());
    // No workspace environment: {{baseUrl}} can only come from the file.
    child<QComboBox>(runner, "runnerEnvironmentComboBox")->setCurrentIndex(0);
    auto* envEdit = child<QLineEdit>(runner, "runnerEnvFileLineEdit");
    // The file is read in a thread of its own: wait for it (the signal is delivered by the event loop).
    auto readEnvFile = [&](const QString& path) {
        QSignalSpy read(runner, &RunnerPanel::environmentFileRead);
        envEdit->setText(path);
        Q_EMIT envEdit->editingFinished();
        return read.wait(20000);
    };
    QVERIFY(readEnvFile(envPath));
    auto* envNames = child<QComboBox>(runner, "runnerEnvFileEnvironmentComboBox");
    QCOMPARE(envNames->count(), 2);
    QVERIFY(envNames->isEnabled());
    QVERIFY(!child<QComboBox>(runner, "runnerEnvironmentComboBox")->isEnabled()); // replaced by the file
    envNames->setCurrentIndex(envNames->findText(QStringLiteral("mock")));
    child<QSpinBox>(runner, "runnerIterationsSpinBox")->setValue(2);
    child<QSpinBox>(runner, "runnerParallelSpinBox")->setValue(2);
    child<QSpinBox>(runner, "runnerTimeoutSpinBox")->setValue(15000);
    auto* rerun = child<QPushButton>(runner, "runnerRerunFailedButton");
    QVERIFY(!rerun->isEnabled());
    child<QPushButton>(runner, "runnerRunButton")->click();
    QVERIFY(runner->isRunning());
    QTRY_VERIFY_WITH_TIMEOUT(!runner->isRunning(), 30000);
    QCOMPARE(runner->lastOptions().parallel, 2);
    QCOMPARE(runner->lastOptions().timeoutMs, 15000);
    QCOMPARE(runner->lastOptions().iterations, 2);

    auto* results = child<QTreeWidget>(runner, "runnerResultsTreeWidget");
    QCOMPARE(results->topLevelItemCount(), 4);
    QCOMPARE(runner->report().requestCount, 4);
    QCOMPARE(runner->report().requestErrors, 0);     // the file's "mock" baseUrl reached the mock API
    QCOMPARE(runner->report().assertionFailures, 2); // Private: 401, in each iteration
    QStringList statuses;
    for (int i = 0; i < results->topLevelItemCount(); ++i)
        statuses << results->topLevelItem(i)->text(1);
    statuses.sort();
    QCOMPARE(statuses,
             (QStringList{QStringLiteral("200"), QStringLiteral("200"), QStringLiteral("401"), QStringLiteral("401")}));

    QVERIFY(rerun->isEnabled());
    rerun->click();
    QVERIFY(runner->isRunning());
    QTRY_VERIFY_WITH_TIMEOUT(!runner->isRunning(), 30000);
    QCOMPARE(results->topLevelItemCount(), 2);
    for (int i = 0; i < results->topLevelItemCount(); ++i) {
        QVERIFY2(results->topLevelItem(i)->text(0).endsWith(QLatin1String("GET Quickstart API/Protected/Private")),
                 qPrintable(results->topLevelItem(i)->text(0)));
        QCOMPARE(results->topLevelItem(i)->text(1), QStringLiteral("401"));
    }
    QCOMPARE(runner->report().requestCount, 2);

    // The other environment of the file: nothing listens there, every request errors.
    envNames->setCurrentIndex(envNames->findText(QStringLiteral("nowhere")));
    child<QSpinBox>(runner, "runnerIterationsSpinBox")->setValue(1);
    QVERIFY(runner->start());
    QTRY_VERIFY_WITH_TIMEOUT(!runner->isRunning(), 30000);
    QCOMPARE(runner->report().requestErrors, 2);

    // A file that is not an environment file: refused with the reason, nothing runs.
    QVERIFY(readEnvFile(QStringLiteral(TOKENSCOPE_TEST_DATA "/http/kulala-basic.http")));
    QVERIFY(!runner->start());
    QVERIFY2(child<QLabel>(runner, "runnerSummaryLabel")->text().contains(QLatin1String("holds no environment")),
             qPrintable(child<QLabel>(runner, "runnerSummaryLabel")->text()));
}

/// The Runner reads its environment file off the GUI thread (a big file or a slow share froze the window): Run is
/// disabled and the field's status says "Reading" until the file is read; then its environments are listed, or the
/// error is shown in words; a read that a later file replaced is ignored.
void TestCollectionsWorkspace::runnerReadsTheEnvironmentFileOffTheGuiThread()
{
    RequestWorkspace w;
    QVERIFY(w.openWorkspace(m_dir->path()));
    RunnerPanel* runner = w.openRunner(w.document()->workspace()->collection(0)->id());
    auto* envEdit = child<QLineEdit>(runner, "runnerEnvFileLineEdit");
    auto* run = child<QPushButton>(runner, "runnerRunButton");
    auto* status = child<QLabel>(runner, "runnerEnvFileStatusLabel");
    auto* names = child<QComboBox>(runner, "runnerEnvFileEnvironmentComboBox");
    QVERIFY(run->isEnabled());

    // A real kulala env file with its private sibling beside it (dev and prod; "$shared" merged in).
    QSignalSpy read(runner, &RunnerPanel::environmentFileRead);
    envEdit->setText(QStringLiteral(TOKENSCOPE_TEST_DATA "/http/kulala-requests-http-client.env.json"));
    Q_EMIT envEdit->editingFinished();
    // Nothing of the read is delivered before the event loop runs: the state while it reads, deterministically.
    QVERIFY(runner->isReadingEnvironmentFile());
    QVERIFY(!run->isEnabled());
    QVERIFY2(status->text().startsWith(QLatin1String("Reading kulala-requests-http-client.env.json")),
             qPrintable(status->text()));
    QVERIFY(!runner->start()); // Run is refused meanwhile, with the reason
    QVERIFY2(child<QLabel>(runner, "runnerSummaryLabel")->text().contains(QLatin1String("still being read")),
             qPrintable(child<QLabel>(runner, "runnerSummaryLabel")->text()));
    QVERIFY(read.wait(20000));
    QVERIFY(!runner->isReadingEnvironmentFile());
    QVERIFY(run->isEnabled());
    QCOMPARE(names->count(), 2);
    QCOMPARE(names->itemText(0), QStringLiteral("dev"));
    QCOMPARE(status->text(), QStringLiteral("2 environment(s) read from kulala-requests-http-client.env.json."));
    // The refusal's words are replaced once the file is read (the screenshot showed them under a finished run).
    QCOMPARE(child<QLabel>(runner, "runnerSummaryLabel")->text(),
             QStringLiteral("The environment file is read: press Run."));

    // A file that cannot be read: the error in words, and Run refuses with it.
    read.clear();
    const QString missing = m_dir->filePath(QStringLiteral("no-such-dir/http-client.env.json"));
    envEdit->setText(missing);
    Q_EMIT envEdit->editingFinished();
    QVERIFY(!run->isEnabled());
    QVERIFY(read.wait(20000));
    QVERIFY2(status->text().startsWith(QLatin1String("The environment file cannot be used: cannot read ")),
             qPrintable(status->text()));
    QCOMPARE(names->count(), 0);
    QVERIFY(run->isEnabled());
    QVERIFY(!runner->start());
    QCOMPARE(child<QLabel>(runner, "runnerSummaryLabel")->text(), status->text());

    // Two files in a row: only the later one's environments are listed, and it is read once.
    read.clear();
    envEdit->setText(missing);
    Q_EMIT envEdit->editingFinished();
    envEdit->setText(
        QStringLiteral(TOKENSCOPE_TEST_DATA "/postman/newman-v2-regression-tests.postman_environment.json"));
    Q_EMIT envEdit->editingFinished();
    QVERIFY(read.wait(20000));
    QCOMPARE(read.count(), 1);
    QCOMPARE(names->count(), 1);
    QVERIFY2(status->text().startsWith(QLatin1String("1 environment(s) read from newman-v2")),
             qPrintable(status->text()));
    QTRY_COMPARE_WITH_TIMEOUT(RunnerPanel::environmentFileReadsInFlight(), 0, 20000); // threads deleted, not leaked
}

/// Closing the Runner's window and then the whole workspace while the environment file is read is safe: the read
/// ends on its own thread, its result has no panel to go to and is dropped, and the thread is deleted, not leaked.
/// (The ASan build of the suite is what catches a use of the deleted panel here.)
void TestCollectionsWorkspace::runnerWindowClosedWhileReadingTheEnvironmentFile()
{
    auto w = std::make_unique<RequestWorkspace>();
    QVERIFY(w->openWorkspace(m_dir->path()));
    RunnerPanel* runner = w->openRunner(w->document()->workspace()->collection(0)->id());
    auto* envEdit = child<QLineEdit>(runner, "runnerEnvFileLineEdit");
    envEdit->setText(QStringLiteral(TOKENSCOPE_TEST_DATA "/http/kulala-requests-http-client.env.json"));
    Q_EMIT envEdit->editingFinished();
    QVERIFY(runner->isReadingEnvironmentFile());
    QCOMPARE(RunnerPanel::environmentFileReadsInFlight(), 1);
    runner->close();
    QVERIFY(runner->isReadingEnvironmentFile()); // closed is hidden: the read goes on
    w.reset();                                   // the panel is deleted with its workspace, the read still running
    QTRY_COMPARE_WITH_TIMEOUT(RunnerPanel::environmentFileReadsInFlight(), 0, 20000);
}

QTEST_MAIN(TestCollectionsWorkspace)
#include "TestCollectionsWorkspace.moc"
