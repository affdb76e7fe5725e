// SPDX-License-Identifier: MIT
#include "net/MetadataResolver.h"

#include <QEventLoop>
#include <QPointer>
#include <QTimer>

#include <utility>

MetadataResolver::MetadataResolver(QObject* parent)
    : QObject(parent)
    , m_http(new HttpClient(this))
{
    connect(m_http, &HttpClient::finished, this, &MetadataResolver::onAnswer);
}

MetadataResolver::~MetadataResolver() = default;

void MetadataResolver::setOptions(const HttpClientOptions& options)
{
    m_http->setOptions(options);
}

const AuthServerMetadata* MetadataResolver::cached(const QString& issuer) const
{
    const auto it = m_cache.constFind(issuer);
    return it == m_cache.constEnd() ? nullptr : &it.value();
}

void MetadataResolver::later(quint64 id, Callback done, const Result<AuthServerMetadata>& result)
{
    m_queued.insert(id, std::move(done));
    QTimer::singleShot(0, this, [this, id, result] {
        const Callback queued = m_queued.take(id);
        if (queued)
            queued(result);
    });
}

quint64 MetadataResolver::resolve(const QString& issuer, Callback done, bool verifyTls, int timeoutMs)
{
    Q_ASSERT(done);
    const quint64 id = m_nextId++;
    if (const AuthServerMetadata* metadata = cached(issuer)) {
        later(id, std::move(done), *metadata);
        return id;
    }
    const QUrl url(issuer.trimmed());
    if (!url.isValid() || url.host().isEmpty() ||
        (url.scheme() != QLatin1String("https") && url.scheme() != QLatin1String("http"))) {
        later(id, std::move(done),
              Error(ErrorCode::Usage, QStringLiteral("the issuer is not an http(s) URL: %1").arg(issuer)));
        return id;
    }
    auto running = m_fetches.find(issuer);
    if (running != m_fetches.end()) {
        // Joins the running discovery: a runner's parallel sends of one issuer-only profile make one.
        running->waiting.insert(id, std::move(done));
        return id;
    }
    Fetch& fetch = m_fetches[issuer];
    fetch.verifyTls = verifyTls;
    fetch.timeoutMs = timeoutMs;
    fetch.waiting.insert(id, std::move(done));
    step(issuer, 0);
    return id;
}

void MetadataResolver::step(const QString& issuer, int index)
{
    Fetch& fetch = m_fetches[issuer];
    fetch.index = index;
    const QUrl url = AuthServerMetadata::metadataUrls(issuer).value(index);
    fetch.httpId = m_http->send(AuthServerMetadata::metadataRequest(url, fetch.verifyTls, fetch.timeoutMs));
    m_issuerOfHttp.insert(fetch.httpId, issuer);
    ++m_requestCount;
}

void MetadataResolver::onAnswer(quint64 httpId, const HttpClientResponse& response)
{
    const QString issuer = m_issuerOfHttp.take(httpId);
    const auto it = m_fetches.find(issuer);
    if (issuer.isEmpty() || it == m_fetches.end())
        return; // cancelled
    bool tryNext = false;
    auto result = AuthServerMetadata::readAnswer(issuer, it->index, response, &tryNext);
    if (tryNext) {
        step(issuer, it->index + 1);
        return;
    }
    if (result)
        m_cache.insert(issuer, result.value());
    const Fetch done = m_fetches.take(issuer);
    // A callback may delete this resolver (its owner finished); the others are then not called.
    const QPointer<MetadataResolver> self(this);
    for (const Callback& callback : done.waiting) {
        callback(result);
        if (!self)
            return;
    }
}

void MetadataResolver::cancel(quint64 id)
{
    if (m_queued.remove(id))
        return;
    for (auto it = m_fetches.begin(); it != m_fetches.end(); ++it) {
        if (!it->waiting.remove(id))
            continue;
        if (it->waiting.isEmpty()) {
            const quint64 httpId = it->httpId;
            m_issuerOfHttp.remove(httpId);
            m_fetches.erase(it);
            m_http->cancel(httpId);
        }
        return;
    }
}

Result<AuthServerMetadata> MetadataResolver::resolveAndWait(const QString& issuer, const HttpClientOptions& options,
                                                            bool verifyTls, int timeoutMs)
{
    MetadataResolver resolver;
    resolver.setOptions(options);
    Result<AuthServerMetadata> out(Error(ErrorCode::Generic, QStringLiteral("no answer")));
    QEventLoop loop;
    resolver.resolve(
        issuer,
        [&out, &loop](const Result<AuthServerMetadata>& result) {
            out = result;
            loop.quit();
        },
        verifyTls, timeoutMs);
    loop.exec();
    return out;
}
