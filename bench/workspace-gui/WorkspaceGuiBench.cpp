// SPDX-License-Identifier: MIT
// Opens a generated workspace of N requests in F folders in the Request workspace and measures: the time to a
// usable tree (load + model + first layout and paint), and the filter box per keystroke (filter + relayout +
// paint). Usage: tokenscope_bench_workspace_gui [REQUESTS=10000] [FOLDERS=500] [RUNS=5] [DIR]
// DIR: generate the workspace there (kept) instead of in a temporary directory, or use the one a previous run left
// there (generating 10,000 files takes about a minute on a shared machine; an A/B comparison reads the same files).
//
// "Usable" means: RequestWorkspace::openWorkspace() has returned and the first layout and paint of the tree are
// done, so every request of the workspace is in the model with its method, URL and settings (nothing is filled
// in later): a click opens it, the filter searches all of it, F2/drag/delete work. Times are wall clock, the GUI
// thread's CPU time and the whole process's CPU time (the load reads files on every core).
#include "gui/CollectionsSidebar.h"
#include "gui/RequestWorkspace.h"
#include "gui/WorkspaceDocument.h"
#include "storage/MemorySecretStore.h"
#include "workspace/WorkspaceStore.h"

#include <QApplication>
#include <QDir>
#include <QElapsedTimer>
#include <QFileInfo>
#include <QLineEdit>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTreeView>

#include <algorithm>
#include <cstdio>
#include <ctime>

namespace {
/// CPU time of this thread in ms: on a machine shared with other work, wall time measures the neighbours too.
double cpuMs()
{
    timespec ts{};
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
    return double(ts.tv_sec) * 1e3 + double(ts.tv_nsec) / 1e6;
}
double processCpuMs()
{
    timespec ts{};
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
    return double(ts.tv_sec) * 1e3 + double(ts.tv_nsec) / 1e6;
}
double median(std::vector<double> v)
{
    std::sort(v.begin(), v.end());
    return v.empty() ? 0 : v[v.size() / 2];
}
double percentile(std::vector<double> v, double p)
{
    std::sort(v.begin(), v.end());
    return v.empty() ? 0 : v[std::min(v.size() - 1, size_t(p * double(v.size())))];
}
} // namespace

int main(int argc, char* argv[])
{
    QApplication app(argc, argv);
    QStandardPaths::setTestModeEnabled(true);
    const int requests = argc > 1 ? std::atoi(argv[1]) : 10000;
    const int folders = argc > 2 ? std::atoi(argv[2]) : 500;
    const int runs = argc > 3 ? std::atoi(argv[3]) : 5;
    QTemporaryDir temporary;
    const QDir dir(argc > 4 ? QString::fromLocal8Bit(argv[4]) : temporary.path());
    if (!QFileInfo::exists(dir.filePath(QStringLiteral("workspace.json")))) {
        Workspace ws;
        auto collection = CollectionNode::makeCollection(QStringLiteral("Generated"));
        for (int f = 0; f < folders; ++f) {
            auto folder = CollectionNode::makeFolder(QStringLiteral("Folder %1").arg(f));
            for (int r = 0; r < requests / folders; ++r) {
                RequestItem item;
                item.name = QStringLiteral("Request %1-%2").arg(f).arg(r);
                item.request.method = r % 3 == 0 ? QStringLiteral("POST") : QStringLiteral("GET");
                item.request.url = QStringLiteral("{{baseUrl}}/api/items/%1/%2").arg(f).arg(r);
                item.request.headers.append({QStringLiteral("Accept"), QStringLiteral("application/json"), true});
                folder->insertChild(folder->childCount(), CollectionNode::makeRequest(item));
            }
            collection->insertChild(collection->childCount(), std::move(folder));
        }
        ws.insertCollection(0, std::move(collection));
        MemorySecretStore secrets;
        WorkspaceStore store(dir.path(), &secrets);
        if (!store.saveAll(ws).ok())
            return 1;
    }
    std::printf("workspace: %d requests in %d folders at %s\n", requests, folders, qPrintable(dir.path()));

    std::vector<double> opens;
    std::vector<double> loads;
    std::vector<double> keystrokes;
    std::vector<double> openCpu;
    std::vector<double> openProcessCpu;
    std::vector<double> loadCpu;
    std::vector<double> keystrokeCpu;
    for (int run = 0; run < runs; ++run) {
        {
            MemorySecretStore secrets;
            WorkspaceStore store(dir.path(), &secrets);
            QElapsedTimer loadTimer;
            loadTimer.start();
            const double c0 = cpuMs();
            auto loaded = store.load();
            loads.push_back(double(loadTimer.nsecsElapsed()) / 1e6);
            loadCpu.push_back(cpuMs() - c0);
            if (!loaded)
                return 3;
        }
        RequestWorkspace w;
        w.resize(1280, 820);
        w.show();
        QApplication::processEvents();
        QElapsedTimer timer;
        timer.start();
        double c0 = cpuMs();
        const double p0 = processCpuMs();
        w.openWorkspace(dir.path());
        QTreeView* tree = w.sidebar()->treeView();
        tree->repaint();
        QApplication::processEvents();
        opens.push_back(double(timer.nsecsElapsed()) / 1e6);
        openCpu.push_back(cpuMs() - c0);
        openProcessCpu.push_back(processCpuMs() - p0);
        if (tree->model()->rowCount() != 1 || w.document()->workspace()->requestCount() != requests / folders * folders)
            return 2;
        auto* filter = w.sidebar()->findChild<QLineEdit*>(QStringLiteral("collectionFilterLineEdit"));
        const QString query = QStringLiteral("Request 42-1");
        QString typed;
        for (const QChar c : query) {
            typed += c;
            timer.restart();
            c0 = cpuMs();
            filter->setText(typed); // what a keystroke does: textChanged -> filter
            tree->repaint();
            QApplication::processEvents();
            keystrokes.push_back(double(timer.nsecsElapsed()) / 1e6);
            keystrokeCpu.push_back(cpuMs() - c0);
        }
        filter->clear();
        QApplication::processEvents();
    }
    std::printf("filter keystrokes of the first run (CPU of the GUI thread, ms):");
    for (std::size_t i = 0; i < keystrokeCpu.size() / std::size_t(runs); ++i)
        std::printf(" %.1f", keystrokeCpu[i]);
    std::printf("\n");
    std::printf("WorkspaceStore::load alone: median %.1f ms wall, %.1f ms CPU\n", median(loads), median(loadCpu));
    std::printf("open to usable tree (CPU of the GUI thread): median %.1f ms; of the process: median %.1f ms\n",
                median(openCpu), median(openProcessCpu));
    std::printf("filter keystroke (CPU of the GUI thread): median %.2f ms, p95 %.2f ms, max %.2f ms\n",
                median(keystrokeCpu), percentile(keystrokeCpu, 0.95),
                *std::max_element(keystrokeCpu.begin(), keystrokeCpu.end()));
    std::printf("open to usable tree: median %.1f ms, max %.1f ms (%d runs)\n", median(opens),
                *std::max_element(opens.begin(), opens.end()), runs);
    std::printf("filter keystroke: median %.2f ms, p95 %.2f ms, max %.2f ms (%zu keystrokes)\n", median(keystrokes),
                percentile(keystrokes, 0.95), *std::max_element(keystrokes.begin(), keystrokes.end()),
                keystrokes.size());
    return 0;
}
