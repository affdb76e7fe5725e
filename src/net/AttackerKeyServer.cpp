// SPDX-License-Identifier: MIT
#include "net/AttackerKeyServer.h"

#include "http/TcpHttpTransport.h"

#include <atomic>
#include <mutex>

struct AttackerKeyServer::State
{
    std::mutex mutex; // the documents may be set after start(), while the worker thread answers
    QByteArray jwks;
    QByteArray certificate;
    std::atomic<int> jwksFetches{0};
    std::atomic<int> certificateFetches{0};
    std::atomic<int> requests{0};
};

AttackerKeyServer::AttackerKeyServer() = default;

AttackerKeyServer::~AttackerKeyServer()
{
    stop();
}

Result<void> AttackerKeyServer::start(const QByteArray& jwksJson, const QByteArray& certificatePem)
{
    stop();
    auto state = std::make_shared<State>();
    state->jwks = jwksJson;
    state->certificate = certificatePem;
    TransportConfig config;
    config.address = QHostAddress(QHostAddress::LocalHost);
    config.port = 0;
    config.workerThreads = 1;
    config.listenBacklog = 64;
    auto transport = std::make_unique<TcpHttpTransport>();
    // The handler runs on the transport's worker thread; it only reads the documents and bumps counters.
    auto started = transport->start(config, [state](const HttpRequest& request) {
        ++state->requests;
        // The query is ignored: an API may add its own cache busters.
        if (request.path == "/jwks.json") {
            ++state->jwksFetches;
            const std::lock_guard lock(state->mutex);
            return HttpResponse(200, QByteArrayLiteral("application/jwk-set+json"), state->jwks);
        }
        if (request.path == "/cert.pem") {
            ++state->certificateFetches;
            const std::lock_guard lock(state->mutex);
            return HttpResponse(200, QByteArrayLiteral("application/pem-certificate-chain"), state->certificate);
        }
        return HttpResponse::text(404, QByteArrayLiteral("not found\n"));
    });
    if (!started)
        return started.error();
    m_state = std::move(state);
    m_transport = std::move(transport);
    return {};
}

void AttackerKeyServer::setDocuments(const QByteArray& jwksJson, const QByteArray& certificatePem)
{
    if (!m_state)
        return;
    const std::lock_guard lock(m_state->mutex);
    m_state->jwks = jwksJson;
    m_state->certificate = certificatePem;
}

void AttackerKeyServer::stop()
{
    if (m_transport)
        m_transport->stop();
    m_transport.reset();
}

bool AttackerKeyServer::isRunning() const
{
    return m_transport && m_transport->isRunning();
}

QString AttackerKeyServer::url(const char* path) const
{
    if (!isRunning())
        return QString();
    return QStringLiteral("http://127.0.0.1:%1%2").arg(m_transport->port()).arg(QLatin1String(path));
}

QString AttackerKeyServer::jwksUrl() const
{
    return url("/jwks.json");
}

QString AttackerKeyServer::certificateUrl() const
{
    return url("/cert.pem");
}

int AttackerKeyServer::jwksFetches() const
{
    return m_state ? m_state->jwksFetches.load() : 0;
}

int AttackerKeyServer::certificateFetches() const
{
    return m_state ? m_state->certificateFetches.load() : 0;
}

int AttackerKeyServer::requestCount() const
{
    return m_state ? m_state->requests.load() : 0;
}
