// SPDX-License-Identifier: MIT
// workspace-bench gen DIR [REQUESTS] [FOLDERS] [COLLECTIONS]: writes a generated workspace with WorkspaceStore.
// workspace-bench load DIR [RUNS] [THREADS]: WorkspaceStore::load of DIR, RUNS times with THREADS threads (default:
// the store's default, all cores); prints min/median/max wall time and the median CPU time of the process (user +
// system, all threads) in ms.
#include "storage/MemorySecretStore.h"
#include "workspace/WorkspaceStore.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QTextStream>

#include <algorithm>
#include <cstdio>
#include <ctime>

namespace {

int generate(const QString& dir, int requests, int folders, int collections)
{
    MemorySecretStore secrets;
    WorkspaceStore store(dir, &secrets);
    Workspace ws;
    ws.name = QStringLiteral("Generated");
    ws.environments.append(
        Environment(QStringLiteral("Dev"), {{QStringLiteral("baseUrl"), QStringLiteral("https://dev.example.com")}}));
    const QStringList methods{QStringLiteral("GET"), QStringLiteral("POST"), QStringLiteral("PUT"),
                              QStringLiteral("DELETE")};
    int made = 0;
    for (int c = 0; c < collections; ++c) {
        CollectionNode* collection =
            ws.insertCollection(c, CollectionNode::makeCollection(QStringLiteral("Service %1").arg(c + 1)));
        collection->settings().auth.type = AuthConfig::Type::Bearer;
        collection->settings().auth.token = QStringLiteral("{{accessToken}}");
        const int foldersHere = folders / collections + (c < folders % collections ? 1 : 0);
        for (int f = 0; f < foldersHere; ++f) {
            CollectionNode* folder = collection->insertChild(
                f, CollectionNode::makeFolder(QStringLiteral("Resource %1").arg(f + 1, 3, 10, QLatin1Char('0'))));
            folder->settings().headers = {{QStringLiteral("X-Resource"), QString::number(f), true}};
            const int perFolder = (requests + folders - 1) / folders;
            for (int r = 0; r < perFolder && made < requests; ++r, ++made) {
                RequestItem item;
                item.name = QStringLiteral("Request %1").arg(r + 1, 2, 10, QLatin1Char('0'));
                item.request.method = methods.at(made % methods.size());
                item.request.url =
                    QStringLiteral("{{baseUrl}}/v1/resource-%1/items/%2?page={{page}}&size=20").arg(f + 1).arg(r + 1);
                item.request.syncQueryFromUrl();
                item.request.headers = {{QStringLiteral("Accept"), QStringLiteral("application/json"), true},
                                        {QStringLiteral("X-Request-Id"), QStringLiteral("{{$uuid}}"), true}};
                if (item.request.method == QLatin1String("POST") || item.request.method == QLatin1String("PUT")) {
                    item.request.bodyKind = HttpRequestSpec::BodyKind::Raw;
                    item.request.rawType = HttpRequestSpec::RawType::Json;
                    item.request.rawBody = QStringLiteral("{\n  \"name\": \"item %1\",\n  \"tags\": [\"a\", \"b\"],\n"
                                                          "  \"count\": %2\n}")
                                               .arg(made)
                                               .arg(r);
                }
                item.description = QStringLiteral("Generated request %1.").arg(made + 1);
                folder->insertChild(r, CollectionNode::makeRequest(item));
            }
        }
    }
    if (auto ok = store.saveAll(ws); !ok) {
        std::fprintf(stderr, "%s\n", qPrintable(ok.error().toString()));
        return 2;
    }
    std::printf("%d requests in %d folders, %d collections\n", ws.requestCount(), folders, collections);
    return 0;
}

double processCpuMs()
{
    timespec ts{};
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
    return double(ts.tv_sec) * 1e3 + double(ts.tv_nsec) / 1e6;
}

int load(const QString& dir, int runs, int threads)
{
    QList<double> ms;
    QList<double> cpu;
    int requests = 0;
    for (int i = 0; i < runs; ++i) {
        MemorySecretStore secrets;
        WorkspaceStore store(dir, &secrets);
        if (threads > 0)
            store.setLoadThreads(threads);
        QElapsedTimer timer;
        timer.start();
        const double c0 = processCpuMs();
        auto ws = store.load();
        ms.append(double(timer.nsecsElapsed()) / 1e6);
        cpu.append(processCpuMs() - c0);
        if (!ws)
            return 2;
        requests = ws.value()->requestCount();
    }
    std::sort(ms.begin(), ms.end());
    std::sort(cpu.begin(), cpu.end());
    std::printf("load (%s threads): %d requests, %d runs: min %.1f ms, median %.1f ms, max %.1f ms wall; "
                "median %.1f ms CPU\n",
                threads > 0 ? qPrintable(QString::number(threads)) : "default", requests, runs, ms.first(),
                ms.at(ms.size() / 2), ms.last(), cpu.at(cpu.size() / 2));
    return 0;
}

} // namespace

int main(int argc, char** argv)
{
    QCoreApplication app(argc, argv);
    const QStringList args = QCoreApplication::arguments();
    if (args.size() >= 3 && args.at(1) == QLatin1String("gen"))
        return generate(args.at(2), args.value(3, QStringLiteral("10000")).toInt(),
                        args.value(4, QStringLiteral("500")).toInt(), args.value(5, QStringLiteral("5")).toInt());
    if (args.size() >= 3 && args.at(1) == QLatin1String("load"))
        return load(args.at(2), args.value(3, QStringLiteral("10")).toInt(),
                    args.value(4, QStringLiteral("0")).toInt());
    std::fprintf(stderr,
                 "usage: workspace-bench gen DIR [REQUESTS] [FOLDERS] [COLLECTIONS] | load DIR [RUNS] [THREADS]\n");
    return 2;
}
