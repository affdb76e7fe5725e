// SPDX-License-Identifier: MIT
#pragma once

#include <QFutureWatcher>
#include <QObject>
#include <QPromise>
#include <QThreadPool>

#include <functional>
#include <memory>

/// Runs pure work (parsing, lint, key generation) on the global thread pool and delivers its result in the
/// thread of `context`, so the GUI thread never blocks on it. If `context` is destroyed first, the result is
/// dropped. `work` must not touch `context` or any QObject.
class BackgroundTask
{
public:
    template <typename T> static void run(QObject* context, std::function<T()> work, std::function<void(T)> done)
    {
        auto promise = std::make_shared<QPromise<T>>();
        auto* watcher = new QFutureWatcher<T>(context);
        QObject::connect(watcher, &QFutureWatcherBase::finished, context, [watcher, done = std::move(done)] {
            watcher->deleteLater();
            if (watcher->future().resultCount() > 0) {
                done(watcher->future().result());
            }
        });
        watcher->setFuture(promise->future());
        promise->start();
        QThreadPool::globalInstance()->start([promise, work = std::move(work)] {
            promise->addResult(work());
            promise->finish();
        });
    }
};
