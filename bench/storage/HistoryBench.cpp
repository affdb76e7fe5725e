// SPDX-License-Identifier: MIT
// Time spent on the calling thread per recorded response, with 256 KB bodies and the default cap of 200 entries:
// add() + save() (the whole history rewritten, as RequestWorkspace did after every response until the log) against
// add() on an opened log (appended by HistoryWriter on its own thread). Prints milliseconds; see docs/PERFORMANCE.md.
#include "storage/HistoryWriter.h"
#include "storage/RequestHistory.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QTemporaryDir>

#include <algorithm>
#include <cstdio>

int main(int argc, char** argv)
{
    QCoreApplication app(argc, argv);
    QTemporaryDir dir;
    HttpRequestSpec request;
    request.method = QStringLiteral("GET");
    request.url = QStringLiteral("https://api.example/items");
    HttpClientResponse response;
    response.received = true;
    response.status = 200;
    response.body = QByteArray(256 * 1024, 'x');
    response.bodySize = response.body.size();
    const auto ms = [](qint64 ns) { return double(ns) / 1e6; };
    {
        RequestHistory history;
        for (int i = 0; i < history.maxEntries(); ++i)
            history.add(request, response, i); // a full history, not saved yet
        QList<qint64> times;
        QElapsedTimer timer;
        for (int i = 0; i < 11; ++i) {
            timer.start();
            history.add(request, response, i);
            (void)history.save(dir.filePath(QStringLiteral("rewrite.jsonl")));
            times.append(timer.nsecsElapsed());
        }
        std::sort(times.begin(), times.end());
        std::printf("add + full rewrite: median %.1f ms, max %.1f ms (11 responses, full history)\n", ms(times.at(5)),
                    ms(times.last()));
    }
    {
        RequestHistory history;
        (void)history.open(dir.filePath(QStringLiteral("log.jsonl")));
        const int n = 2 * HistoryWriter::kCompactFactor * history.maxEntries() + 1; // compacts at least once
        QList<qint64> times;
        QElapsedTimer timer;
        QElapsedTimer total;
        total.start();
        for (int i = 0; i < n; ++i) {
            timer.start();
            history.add(request, response, i);
            times.append(timer.nsecsElapsed());
        }
        history.waitForWrites();
        std::sort(times.begin(), times.end());
        std::printf("add to the log: median %.2f ms, max %.2f ms (%d responses); writer done after %.0f ms, "
                    "%d compactions\n",
                    ms(times.at(n / 2)), ms(times.last()), n, ms(total.nsecsElapsed()),
                    history.writer()->compactions());
    }
    return 0;
}
