// SPDX-License-Identifier: MIT
// import-bench gen FILE [REQUESTS] [FOLDERS]: writes a generated Postman v2.1 collection (REQUESTS requests in FOLDERS
// folders, each with headers, a query, a JSON body on writes, a test script and a path variable; bearer auth on the
// collection, inherited).
// import-bench run FILE [RUNS]: PostmanImporter::import of FILE's bytes (JSON parse + model + report), RUNS times;
// prints min/median/max wall time in ms and the request count.
// import-bench cancel FILE [RUNS]: the reading thread's CPU time for a whole import and for one interrupted (Cancel).
// import-bench write FILE NEWDIR: what `tokenscope-cli import FILE --into NEWDIR` does, without the CLI around it.
#include "formats/Importer.h"
#include "formats/PostmanImporter.h"
#include "storage/MemorySecretStore.h"
#include "workspace/WorkspaceStore.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTextStream>
#include <QThread>

#include <algorithm>
#include <ctime>
#include <memory>
#include <vector>

namespace {

QJsonObject request(int n, int folder)
{
    static const QStringList methods{QStringLiteral("GET"), QStringLiteral("POST"), QStringLiteral("PUT"),
                                     QStringLiteral("DELETE")};
    const QString method = methods.at(n % methods.size());
    QJsonObject req{
        {QStringLiteral("method"), method},
        {QStringLiteral("header"),
         QJsonArray{QJsonObject{{QStringLiteral("key"), QStringLiteral("Accept")},
                                {QStringLiteral("value"), QStringLiteral("application/json")}},
                    QJsonObject{{QStringLiteral("key"), QStringLiteral("X-Request")}, {QStringLiteral("value"), n}}}},
        {QStringLiteral("url"),
         QJsonObject{
             {QStringLiteral("raw"), QStringLiteral("{{baseUrl}}/r%1/items/:id?page=%2&size=20").arg(folder).arg(n)},
             {QStringLiteral("host"), QJsonArray{QStringLiteral("{{baseUrl}}")}},
             {QStringLiteral("path"),
              QJsonArray{QStringLiteral("r%1").arg(folder), QStringLiteral("items"), QStringLiteral(":id")}},
             {QStringLiteral("query"),
              QJsonArray{QJsonObject{{QStringLiteral("key"), QStringLiteral("page")}, {QStringLiteral("value"), n}},
                         QJsonObject{{QStringLiteral("key"), QStringLiteral("size")},
                                     {QStringLiteral("value"), QStringLiteral("20")}}}},
             {QStringLiteral("variable"), QJsonArray{QJsonObject{{QStringLiteral("key"), QStringLiteral("id")},
                                                                 {QStringLiteral("value"), QString::number(n)}}}}}}};
    if (method == QLatin1String("POST") || method == QLatin1String("PUT"))
        req.insert(QStringLiteral("body"),
                   QJsonObject{{QStringLiteral("mode"), QStringLiteral("raw")},
                               {QStringLiteral("raw"),
                                QStringLiteral("{\n  \"name\": \"item %1\",\n  \"qty\": %2\n}").arg(n).arg(n % 7)},
                               {QStringLiteral("options"),
                                QJsonObject{{QStringLiteral("raw"),
                                             QJsonObject{{QStringLiteral("language"), QStringLiteral("json")}}}}}});
    const QJsonArray exec{QStringLiteral("pm.test(\"status\", function () {"),
                          QStringLiteral("    pm.response.to.have.status(200);"), QStringLiteral("});")};
    return {{QStringLiteral("name"), QStringLiteral("Request %1").arg(n)},
            {QStringLiteral("event"),
             QJsonArray{QJsonObject{
                 {QStringLiteral("listen"), QStringLiteral("test")},
                 {QStringLiteral("script"), QJsonObject{{QStringLiteral("type"), QStringLiteral("text/javascript")},
                                                        {QStringLiteral("exec"), exec}}}}}},
            {QStringLiteral("request"), req},
            {QStringLiteral("response"), QJsonArray{}}};
}

int generate(const QString& path, int requests, int folders)
{
    QJsonArray items;
    int made = 0;
    for (int f = 0; f < folders; ++f) {
        QJsonArray children;
        const int perFolder = (requests + folders - 1) / folders;
        for (int i = 0; i < perFolder && made < requests; ++i)
            children.append(request(made++, f));
        items.append(QJsonObject{{QStringLiteral("name"), QStringLiteral("Resource %1").arg(f)},
                                 {QStringLiteral("item"), children}});
    }
    const QJsonObject root{
        {QStringLiteral("info"),
         QJsonObject{{QStringLiteral("name"), QStringLiteral("Generated")},
                     {QStringLiteral("schema"),
                      QStringLiteral("https://schema.getpostman.com/json/collection/v2.1.0/collection.json")}}},
        {QStringLiteral("auth"),
         QJsonObject{{QStringLiteral("type"), QStringLiteral("bearer")},
                     {QStringLiteral("bearer"),
                      QJsonArray{QJsonObject{{QStringLiteral("key"), QStringLiteral("token")},
                                             {QStringLiteral("value"), QStringLiteral("{{accessToken}}")}}}}}},
        {QStringLiteral("variable"),
         QJsonArray{QJsonObject{{QStringLiteral("key"), QStringLiteral("baseUrl")},
                                {QStringLiteral("value"), QStringLiteral("https://api.example.com")}}}},
        {QStringLiteral("item"), items}};
    QFile f(path);
    if (!f.open(QIODevice::WriteOnly | QIODevice::Truncate))
        return 1;
    f.write(QJsonDocument(root).toJson(QJsonDocument::Indented));
    QTextStream(stdout) << "wrote " << made << " requests in " << folders << " folders, " << f.size() << " bytes\n";
    return 0;
}

int run(const QString& path, int runs)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly))
        return 1;
    const QByteArray data = f.readAll();
    std::vector<double> ms;
    int requests = 0;
    for (int i = 0; i < runs; ++i) {
        QElapsedTimer timer;
        timer.start();
        const auto result = PostmanImporter::import(data);
        ms.push_back(double(timer.nsecsElapsed()) / 1e6);
        if (!result)
            return 2;
        requests = result->collections.front()->requestCount();
    }
    std::sort(ms.begin(), ms.end());
    QTextStream(stdout) << "import of " << requests << " requests (" << data.size() / 1024 << " KiB): min "
                        << QString::number(ms.front(), 'f', 1) << " ms, median "
                        << QString::number(ms[ms.size() / 2], 'f', 1) << " ms, max "
                        << QString::number(ms.back(), 'f', 1) << " ms over " << runs << " runs\n";
    return 0;
}

/// CPU time of the calling thread in ms (CLOCK_THREAD_CPUTIME_ID: what a Cancel must stop spending; wall time means
/// little on a shared machine).
double threadCpuMs()
{
    timespec ts{};
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
    return double(ts.tv_sec) * 1e3 + double(ts.tv_nsec) / 1e6;
}

/// The GUI's Cancel (ImportDialog: QThread::requestInterruption): the CPU the reading thread spends on a whole import,
/// and on one interrupted before its first item (what remains is the whole-document JSON parse, not interruptible).
int cancel(const QString& path, int runs)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly))
        return 1;
    const QByteArray data = f.readAll();
    for (const bool interrupt : {false, true}) {
        std::vector<double> ms;
        bool cancelled = false;
        for (int i = 0; i < runs; ++i) {
            double spent = 0;
            std::unique_ptr<QThread> thread(QThread::create([&] {
                if (interrupt)
                    QThread::currentThread()->requestInterruption();
                const double start = threadCpuMs();
                const auto result = PostmanImporter::import(data);
                spent = threadCpuMs() - start;
                cancelled = !result && result.error().code == ErrorCode::Cancelled;
            }));
            thread->start();
            thread->wait();
            ms.push_back(spent);
        }
        std::sort(ms.begin(), ms.end());
        QTextStream(stdout) << (interrupt ? "interrupted before the first item" : "whole import") << ": thread CPU min "
                            << QString::number(ms.front(), 'f', 1) << " ms, median "
                            << QString::number(ms[ms.size() / 2], 'f', 1) << " ms over " << runs << " runs"
                            << (interrupt ? (cancelled ? " (ERR_CANCELLED)" : " (NOT cancelled)") : "") << "\n";
    }
    return 0;
}

/// What `tokenscope-cli import FILE --into DIR` does without the CLI around it: detect and import the file, then
/// write it into a new workspace (one WorkspaceStore::addNode per collection), secrets in memory.
int write(const QString& path, const QString& directory)
{
    QElapsedTimer timer;
    timer.start();
    auto imported = Importer::importFile(path, Importer::Format::Auto);
    if (!imported)
        return 2;
    const qint64 importNs = timer.nsecsElapsed();
    MemorySecretStore secrets;
    WorkspaceStore store(directory, &secrets);
    Workspace workspace;
    workspace.name = QStringLiteral("bench");
    if (auto ok = imported->addTo(workspace, store); !ok) {
        QTextStream(stderr) << ok.error().message << "\n";
        return 1;
    }
    QTextStream(stdout) << "import " << QString::number(double(importNs) / 1e6, 'f', 1) << " ms, write "
                        << QString::number(double(timer.nsecsElapsed() - importNs) / 1e6, 'f', 1) << " ms\n";
    return 0;
}

} // namespace

int main(int argc, char** argv)
{
    QCoreApplication app(argc, argv);
    const QStringList args = app.arguments();
    if (args.size() >= 3 && args.at(1) == QLatin1String("gen"))
        return generate(args.at(2), args.value(3, QStringLiteral("10000")).toInt(),
                        args.value(4, QStringLiteral("100")).toInt());
    if (args.size() >= 3 && args.at(1) == QLatin1String("run"))
        return run(args.at(2), std::max(1, args.value(3, QStringLiteral("10")).toInt()));
    if (args.size() >= 3 && args.at(1) == QLatin1String("cancel"))
        return cancel(args.at(2), std::max(1, args.value(3, QStringLiteral("5")).toInt()));
    if (args.size() >= 4 && args.at(1) == QLatin1String("write"))
        return write(args.at(2), args.at(3));
    QTextStream(stderr) << "usage: import-bench gen FILE [REQUESTS] [FOLDERS] | run FILE [RUNS] | cancel FILE [RUNS] | "
                           "write FILE NEWDIR\n";
    return 2;
}
