// SPDX-License-Identifier: MIT
#include "net/JwksComparison.h"

#include "jose/KeySetAnalysis.h"
#include "jose/KeyText.h"
#include "net/BackgroundTask.h"

#include <QFile>

#include <utility>

namespace {
// A side's set from a file: read and parsed on a worker thread (a large set takes longer than a frame).
Result<Jwks> readSet(const QString& path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        return Error(ErrorCode::Io, QStringLiteral("cannot open %1: %2").arg(path, file.errorString()));
    }
    if (file.size() > KeyText::kMaxSize) {
        return Error(
            ErrorCode::InputTooLarge,
            QStringLiteral("%1 is %2 bytes; at most %3 are read").arg(path).arg(file.size()).arg(KeyText::kMaxSize));
    }
    auto analysis = KeySetAnalysis::analyse(file.readAll());
    if (!analysis) {
        return Error(analysis.error().code, QStringLiteral("%1: %2").arg(path, analysis.error().message));
    }
    return analysis->keys;
}
} // namespace

JwksComparison::JwksComparison(QObject* parent)
    : QObject(parent)
{
    m_options.useCache = false;
    for (int i = 0; i < 2; ++i) {
        m_fetchers[i] = new RemoteJwksFetcher(this);
        connect(m_fetchers[i], &RemoteJwksFetcher::finished, this, [this, i](const JwksFetchResult& r) {
            if (std::exchange(m_fetching[i], false)) {
                sideLoaded(i, r.analysis.keys, r.url.toString(), r.isInsecure());
            }
        });
        connect(m_fetchers[i], &RemoteJwksFetcher::failed, this, [this, i](const Error& e) {
            if (std::exchange(m_fetching[i], false)) {
                sideFailed(i, e);
            }
        });
    }
}

JwksComparison::~JwksComparison()
{
    stop();
}

void JwksComparison::setOptions(const JwksFetchOptions& options)
{
    m_options = options;
    m_options.useCache = false;
}

bool JwksComparison::isUrl(const QString& source)
{
    return source.startsWith(QLatin1String("https://"), Qt::CaseInsensitive) ||
           source.startsWith(QLatin1String("http://"), Qt::CaseInsensitive);
}

void JwksComparison::start(const QString& before, const QString& after)
{
    stop();
    m_running = true;
    m_sides = {Side{before, std::nullopt, QString(), false}, Side{after, std::nullopt, QString(), false}};
    Q_EMIT progress(0, 2);
    for (int i = 0; i < 2; ++i) {
        if (!m_running) {
            return; // the first side failed at once (cannot happen today: failures are delivered later)
        }
        if (isUrl(m_sides[i].source)) {
            m_fetchers[i]->setOptions(m_options);
            m_fetching[i] = true;
            m_fetchers[i]->fetchUrl(QUrl(m_sides[i].source));
        } else {
            loadFile(i);
        }
    }
}

void JwksComparison::loadFile(int index)
{
    const quint64 generation = m_generation;
    const QString path = m_sides[index].source;
    BackgroundTask::run<Result<Jwks>>(
        this, [path] { return readSet(path); },
        [this, generation, index, path](Result<Jwks> keys) {
            if (generation != m_generation) {
                return;
            }
            if (!keys) {
                return sideFailed(index, keys.error());
            }
            sideLoaded(index, keys.value(), path, false);
        });
}

void JwksComparison::sideLoaded(int index, const Jwks& keys, const QString& origin, bool insecure)
{
    if (!m_running) {
        return;
    }
    Side& side = m_sides[index];
    side.keys = keys;
    side.origin = origin;
    side.insecure = insecure;
    const int loaded = int(m_sides[0].keys.has_value()) + int(m_sides[1].keys.has_value());
    Q_EMIT progress(loaded, 2);
    if (loaded < 2) {
        return;
    }
    m_running = false;
    JwksComparisonResult result;
    result.before = m_sides[0].source;
    result.after = m_sides[1].source;
    result.beforeOrigin = m_sides[0].origin;
    result.afterOrigin = m_sides[1].origin;
    result.diff = JwksDiff::compare(*m_sides[0].keys, *m_sides[1].keys);
    result.insecure = m_sides[0].insecure || m_sides[1].insecure;
    Q_EMIT finished(result);
}

void JwksComparison::sideFailed(int index, const Error& error)
{
    if (!m_running) {
        return;
    }
    stop();
    if (error.code == ErrorCode::Cancelled) {
        Q_EMIT failed(error);
        return;
    }
    Q_EMIT failed(Error(error.code, QStringLiteral("%1 (%2): %3")
                                        .arg(index == 0 ? QStringLiteral("before") : QStringLiteral("after"),
                                             m_sides[index].source, error.message)));
}

void JwksComparison::cancel()
{
    if (!m_running) {
        return;
    }
    stop();
    Q_EMIT failed(Error(ErrorCode::Cancelled, QStringLiteral("cancelled")));
}

void JwksComparison::stop()
{
    // Whatever the fetchers or workers still deliver belongs to this generation and is dropped.
    m_running = false;
    ++m_generation;
    for (int i = 0; i < 2; ++i) {
        if (std::exchange(m_fetching[i], false)) {
            m_fetchers[i]->cancel(); // its failed(ERR_CANCELLED) is not ours any more
        }
    }
}
