// SPDX-License-Identifier: MIT
// response-bench FILE: how fast a large JSON response becomes a pretty view, and how long the GUI thread is ever
// blocked meanwhile. Prints one JSON line:
//   formatMs     ResponseFormatter::formatNow (validate + pretty-print with exact literals + pages), this thread
//   viewReadyMs  ResponseViewer::setResponse until the first pretty page is on screen (formatting runs on the
//                viewer's worker thread; the GUI thread keeps its event loop)
//   maxStallMs   the longest gap between 5 ms timer ticks on the GUI thread while the view got ready
#include "ResponseFormatter.h"
#include "ResponseViewer.h"

#include <QApplication>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTimer>

#include <cstdio>

int main(int argc, char** argv)
{
    if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM"))
        qputenv("QT_QPA_PLATFORM", "offscreen");
    QApplication app(argc, argv);
    const QStringList args = QApplication::arguments();
    if (args.size() < 2) {
        std::fprintf(stderr, "usage: response-bench FILE [format|view]\n");
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
        out.insert(QStringLiteral("maxStallMs"), double(maxStall));
        out.insert(QStringLiteral("formatMs"), double(viewer.formattedBody().elapsedMs));
        out.insert(QStringLiteral("pages"), viewer.formattedBody().pageCount());
        out.insert(QStringLiteral("prettyBytes"), double(viewer.formattedBody().text.size()));
    }
    std::printf("%s\n", QJsonDocument(out).toJson(QJsonDocument::Compact).constData());
    return 0;
}
