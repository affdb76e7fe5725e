// SPDX-License-Identifier: MIT
// response-bench FILE: how fast a large JSON response becomes a pretty view, and how long the GUI thread is ever
// blocked meanwhile. Prints one JSON line:
//   formatMs     ResponseFormatter::formatNow (validate + pretty-print with exact literals + pages), this thread
//   viewReadyMs  ResponseViewer::setResponse until the first pretty page is on screen (formatting runs on the
//                viewer's worker thread; the GUI thread keeps its event loop)
//   maxStallMs   the longest gap between 5 ms timer ticks on the GUI thread while the view got ready
// Mode "tree" (the Tree tab is current when the response arrives):
//   treeReadyMs  setResponse until the JSON tree shows the top level (index built on the thread pool)
//   expandMs     expanding the largest top-level array or object (rows for all its children), GUI thread, timed
//                after the pretty view is done as well
//   searchMs     search for the last member name of the document (opens its branches and selects it), GUI thread
//   maxStallMs   as above, up to treeReady
#include "gui/JsonTreeModel.h"
#include "gui/JsonTreePanel.h"
#include "gui/ResponseFormatter.h"
#include "gui/ResponseViewer.h"

#include <QApplication>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTabWidget>
#include <QTimer>
#include <QTreeView>

#include <cstdio>

namespace {

// Resident set size in MiB from /proc/self/status ("VmRSS" now, "VmHWM" peak); -1 where there is no procfs.
double rssMiB(const char* field)
{
    QFile status(QStringLiteral("/proc/self/status"));
    if (!status.open(QIODevice::ReadOnly))
        return -1;
    for (const QByteArray& line : status.readAll().split('\n')) {
        if (line.startsWith(field))
            return line.mid(qstrlen(field) + 1).trimmed().split(' ').first().toDouble() / 1024.0;
    }
    return -1;
}

} // namespace

int main(int argc, char** argv)
{
    if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM"))
        qputenv("QT_QPA_PLATFORM", "offscreen");
    QApplication app(argc, argv);
    const QStringList args = QApplication::arguments();
    if (args.size() < 2) {
        std::fprintf(stderr, "usage: response-bench FILE [format|view|tree]\n");
        return 2;
    }
    const QString mode = args.value(2, QStringLiteral("view"));
    QFile file(args.at(1));
    if (!file.open(QIODevice::ReadOnly)) {
        std::fprintf(stderr, "cannot read %s\n", qPrintable(args.at(1)));
        return 2;
    }
    HttpClientResponse response;
    response.received = true;
    response.status = 200;
    response.reason = QStringLiteral("OK");
    response.headers = {{"Content-Type", "application/json"}};
    response.body = file.readAll();
    response.bodySize = response.body.size();
    QJsonObject out{{QStringLiteral("bytes"), double(response.body.size())}};

    if (mode == QLatin1String("format")) {
        QElapsedTimer timer;
        timer.start();
        const FormattedBody body = ResponseFormatter::formatNow(response.body, response.contentType());
        out.insert(QStringLiteral("formatMs"), double(timer.elapsed()));
        out.insert(QStringLiteral("pages"), body.pageCount());
        out.insert(QStringLiteral("prettyBytes"), double(body.text.size()));
    } else if (mode == QLatin1String("tree")) {
        ResponseViewer viewer;
        viewer.resize(1000, 700);
        viewer.show();
        JsonTreePanel* tree = viewer.treePanel();
        viewer.findChild<QTabWidget*>(QStringLiteral("responseTabWidget"))->setCurrentWidget(tree);
        QElapsedTimer clock;
        qint64 last = 0;
        qint64 maxStall = 0;
        QTimer ticker;
        ticker.setInterval(5);
        QObject::connect(&ticker, &QTimer::timeout, [&]() {
            const qint64 now = clock.elapsed();
            maxStall = qMax(maxStall, now - last);
            last = now;
        });
        QEventLoop loop;
        QObject::connect(tree, &JsonTreePanel::ready, &loop, &QEventLoop::quit);
        clock.start();
        ticker.start();
        viewer.setResponse(response);
        const qint64 setMs = clock.elapsed();
        maxStall = qMax(maxStall, setMs);
        last = setMs;
        loop.exec();
        const qint64 readyMs = clock.elapsed();
        maxStall = qMax(maxStall, readyMs - last);
        ticker.stop();
        QCoreApplication::processEvents(); // first paint of the top level
        out.insert(QStringLiteral("treeReadyMs"), double(clock.elapsed()));
        out.insert(QStringLiteral("maxStallMs"), double(maxStall));
        out.insert(QStringLiteral("containers"), double(tree->model()->jsonIndex().containerCount()));
        out.insert(QStringLiteral("peakRssAtTreeReadyMiB"), rssMiB("VmHWM:"));
        // The steps below are timed once the pretty view is done too (its worker would otherwise share the cores).
        if (!viewer.isBodyFormatted()) {
            QObject::connect(&viewer, &ResponseViewer::bodyFormatted, &loop, &QEventLoop::quit);
            loop.exec();
        }
        // The biggest top-level child, expanded as a user would.
        JsonTreeModel* model = tree->model();
        QModelIndex biggest;
        qlonglong biggestCount = 0;
        for (int row = 0; row < model->rowCount(); ++row) {
            const QString summary = model->index(row, JsonTreeModel::ValueColumn).data().toString(); // "[217000]"
            const qlonglong count = summary.startsWith(QLatin1Char('[')) || summary.startsWith(QLatin1Char('{'))
                                        ? summary.mid(1, summary.size() - 2).toLongLong()
                                        : 0;
            if (count > biggestCount) {
                biggestCount = count;
                biggest = model->index(row, 0);
            }
        }
        const double rssBefore = rssMiB("VmRSS:");
        QElapsedTimer step;
        step.start();
        if (biggest.isValid()) {
            tree->view()->expand(biggest);
            QCoreApplication::processEvents();
        }
        out.insert(QStringLiteral("expandMs"), double(step.elapsed()));
        out.insert(QStringLiteral("rssBeforeExpandMiB"), rssBefore);
        out.insert(QStringLiteral("rssAfterExpandMiB"), rssMiB("VmRSS:"));
        out.insert(QStringLiteral("expandedRows"), biggest.isValid() ? model->rowCount(biggest) : 0);
        // Search for the document's last member name: lexes (almost) the whole text, opens the branch, selects.
        const QByteArray& text = model->jsonIndex().text();
        const qsizetype quote = text.lastIndexOf("\":");
        const qsizetype open = quote > 0 ? text.lastIndexOf('"', quote - 1) : -1;
        step.restart();
        const bool found = open >= 0 && tree->findNext(QString::fromUtf8(text.mid(open, quote - open + 1)));
        QCoreApplication::processEvents();
        out.insert(QStringLiteral("searchMs"), double(step.elapsed()));
        out.insert(QStringLiteral("searchFound"), found);
        out.insert(QStringLiteral("rowsCreated"), double(model->nodeCount()));
        out.insert(QStringLiteral("setResponseMs"), double(setMs));
        out.insert(QStringLiteral("peakRssMiB"), rssMiB("VmHWM:"));
    } else {
        ResponseViewer viewer;
        viewer.resize(1000, 700);
        viewer.show();
        QElapsedTimer clock;
        qint64 last = 0;
        qint64 maxStall = 0;
        QTimer ticker;
        ticker.setInterval(5);
        QObject::connect(&ticker, &QTimer::timeout, [&]() {
            const qint64 now = clock.elapsed();
            maxStall = qMax(maxStall, now - last);
            last = now;
        });
        QEventLoop loop;
        QObject::connect(&viewer, &ResponseViewer::bodyFormatted, &loop, &QEventLoop::quit);
        clock.start();
        ticker.start();
        viewer.setResponse(response); // runs on the GUI thread: counts as a stall too
        const qint64 setMs = clock.elapsed();
        maxStall = qMax(maxStall, setMs);
        last = setMs;
        loop.exec();
        const qint64 readyMs = clock.elapsed();
        maxStall = qMax(maxStall, readyMs - last);
        out.insert(QStringLiteral("setResponseMs"), double(setMs));
        out.insert(QStringLiteral("viewReadyMs"), double(readyMs));
        out.insert(QStringLiteral("rssAfterViewMiB"), rssMiB("VmRSS:"));
        out.insert(QStringLiteral("maxStallMs"), double(maxStall));
        out.insert(QStringLiteral("formatMs"), double(viewer.formattedBody().elapsedMs));
        out.insert(QStringLiteral("pages"), viewer.formattedBody().pageCount());
        out.insert(QStringLiteral("prettyBytes"), double(viewer.formattedBody().text.size()));
    }
    std::printf("%s\n", QJsonDocument(out).toJson(QJsonDocument::Compact).constData());
    return 0;
}
