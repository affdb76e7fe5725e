// SPDX-License-Identifier: MIT
#include "net/HttpClient.h"

#include "net/PlainHttpClient.h"

#include <QDateTime>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QFile>
#include <QFileInfo>
#include <QHostAddress>
#include <QHttpMultiPart>
#include <QNetworkAccessManager>
#include <QNetworkProxyFactory>
#include <QNetworkReply>
#include <QPointer>
#include <QSslCertificate>
#include <QSslConfiguration>
#include <QSslKey>
#include <QTimer>

namespace {

/// System proxy settings, but never for loopback (the local mock server must not go through a corporate proxy).
class SystemProxyFactory final : public QNetworkProxyFactory
{
public:
    QList<QNetworkProxy> queryProxy(const QNetworkProxyQuery& query) override
    {
        if (HttpClient::isLoopbackHost(query.peerHostName()))
            return {QNetworkProxy(QNetworkProxy::NoProxy)};
        return systemProxyForQuery(query);
    }
};

QByteArray defaultUserAgent()
{
    return QByteArrayLiteral("Tokenscope/" TOKENSCOPE_VERSION);
}

Result<QSslKey> loadKey(const QString& path, const QByteArray& passphrase)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return Error(ErrorCode::Io, QStringLiteral("cannot read client key %1: %2").arg(path, file.errorString()));
    const QByteArray pem = file.readAll();
    for (const QSsl::KeyAlgorithm algorithm : {QSsl::Rsa, QSsl::Ec, QSsl::Dsa}) {
        QSslKey key(pem, algorithm, QSsl::Pem, QSsl::PrivateKey, passphrase);
        if (!key.isNull())
            return key;
    }
    return Error(
        ErrorCode::PemInvalid,
        QStringLiteral("client key %1 is not an RSA/EC/DSA private key in PEM (or the passphrase is wrong)").arg(path));
}

/// The TLS configuration for a profile. Errors: ERR_IO, ERR_PEM_INVALID, ERR_CERTIFICATE_INVALID.
Result<QSslConfiguration> sslConfigurationFor(const TlsOptions& tls, bool verify, bool http2)
{
    QSslConfiguration config = QSslConfiguration::defaultConfiguration();
    config.setPeerVerifyMode(verify ? QSslSocket::VerifyPeer : QSslSocket::VerifyNone);
    if (http2)
        config.setAllowedNextProtocols({QSslConfiguration::ALPNProtocolHTTP2, QSslConfiguration::NextProtocolHttp1_1});
    if (!tls.caFile.isEmpty()) {
        const QList<QSslCertificate> cas = QSslCertificate::fromPath(tls.caFile, QSsl::Pem);
        if (cas.isEmpty())
            return Error(ErrorCode::CertificateInvalid,
                         QStringLiteral("no PEM certificate found in CA file %1").arg(tls.caFile));
        config.addCaCertificates(cas);
    }
    if (!tls.pkcs12File.isEmpty()) {
        QFile file(tls.pkcs12File);
        if (!file.open(QIODevice::ReadOnly))
            return Error(ErrorCode::Io,
                         QStringLiteral("cannot read PKCS#12 file %1: %2").arg(tls.pkcs12File, file.errorString()));
        QSslKey key;
        QSslCertificate certificate;
        QList<QSslCertificate> chain;
        if (!QSslCertificate::importPkcs12(&file, &key, &certificate, &chain, tls.keyPassphrase))
            return Error(ErrorCode::CertificateInvalid,
                         QStringLiteral("PKCS#12 file %1 could not be read (wrong passphrase?)").arg(tls.pkcs12File));
        config.setPrivateKey(key);
        config.setLocalCertificateChain(QList<QSslCertificate>{certificate} + chain);
    } else if (!tls.clientCertFile.isEmpty()) {
        const QList<QSslCertificate> chain = QSslCertificate::fromPath(tls.clientCertFile, QSsl::Pem);
        if (chain.isEmpty())
            return Error(ErrorCode::CertificateInvalid,
                         QStringLiteral("no PEM certificate found in %1").arg(tls.clientCertFile));
        auto key = loadKey(tls.clientKeyFile.isEmpty() ? tls.clientCertFile : tls.clientKeyFile, tls.keyPassphrase);
        if (!key)
            return key.error();
        config.setLocalCertificateChain(chain);
        config.setPrivateKey(key.value());
    }
    return config;
}

QString profileKey(const HttpClientOptions& o, bool verify)
{
    return QStringList{verify ? QStringLiteral("verify") : QStringLiteral("noverify"),
                       o.tls.caFile,
                       o.tls.clientCertFile,
                       o.tls.clientKeyFile,
                       o.tls.pkcs12File,
                       QString::number(qHash(o.tls.keyPassphrase)),
                       QString::number(int(o.proxy.mode)),
                       o.proxy.socks5 ? QStringLiteral("socks") : QStringLiteral("http"),
                       o.proxy.host,
                       QString::number(o.proxy.port),
                       o.proxy.user,
                       o.allowHttp2 ? QStringLiteral("h2") : QStringLiteral("h1")}
        .join(QChar(0x1f));
}

} // namespace

Error HttpClient::describeFailure(int networkError, const QUrl& url, const QString& qtMessage)
{
    const auto code = QNetworkReply::NetworkError(networkError);
    const QString host = url.host();
    const int port = url.port(url.scheme() == QLatin1String("https") ? 443 : 80);
    switch (code) {
    case QNetworkReply::HostNotFoundError:
        return Error(ErrorCode::NetFailure,
                     QStringLiteral("DNS lookup failed: host \"%1\" could not be resolved").arg(host));
    case QNetworkReply::ConnectionRefusedError:
        return Error(ErrorCode::NetFailure,
                     QStringLiteral("connection refused by %1:%2: nothing is listening on that port "
                                    "(or a firewall rejects the connection)")
                         .arg(host)
                         .arg(port));
    case QNetworkReply::RemoteHostClosedError:
        return Error(
            ErrorCode::NetFailure,
            QStringLiteral("%1:%2 closed the connection before sending a complete response").arg(host).arg(port));
    case QNetworkReply::TimeoutError:
        return Error(ErrorCode::NetTimeout, QStringLiteral("connection to %1:%2 timed out").arg(host).arg(port));
    case QNetworkReply::SslHandshakeFailedError:
        return Error(ErrorCode::TlsFailure,
                     QStringLiteral("TLS handshake with %1:%2 failed: %3").arg(host).arg(port).arg(qtMessage));
    case QNetworkReply::TemporaryNetworkFailureError:
    case QNetworkReply::NetworkSessionFailedError:
        return Error(ErrorCode::NetFailure, QStringLiteral("the network is not available: %1").arg(qtMessage));
    case QNetworkReply::ProxyConnectionRefusedError:
    case QNetworkReply::ProxyConnectionClosedError:
    case QNetworkReply::ProxyNotFoundError:
    case QNetworkReply::ProxyTimeoutError:
    case QNetworkReply::ProxyAuthenticationRequiredError:
        return Error(ErrorCode::NetFailure, QStringLiteral("proxy error: %1").arg(qtMessage));
    case QNetworkReply::ProtocolUnknownError:
        return Error(ErrorCode::Usage, QStringLiteral("unsupported URL scheme \"%1\"").arg(url.scheme()));
    default:
        break;
    }
    return Error(ErrorCode::NetFailure, qtMessage);
}

Error HttpClient::timeoutError(bool received, int timeoutMs, qint64 bodySize, const QUrl& url)
{
    return Error(ErrorCode::NetTimeout,
                 received ? QStringLiteral("timed out after %1 ms while receiving the body (%2 bytes so far)")
                                .arg(timeoutMs)
                                .arg(bodySize)
                          : QStringLiteral("no response from %1 within %2 ms").arg(url.authority()).arg(timeoutMs));
}

bool HttpClient::isLoopbackHost(const QString& host)
{
    if (host.compare(QLatin1String("localhost"), Qt::CaseInsensitive) == 0)
        return true;
    const QHostAddress address(host);
    return !address.isNull() && address.isLoopback();
}

struct HttpClient::Call
{
    QPointer<QNetworkReply> reply;
    HttpClientResponse response;
    QElapsedTimer clock;
    QTimer* timer = nullptr;
    int timeoutMs = 0;
    bool timedOut = false;
    bool cancelled = false;
    qint64 maxBody = 0;
    qint64 elapsedBefore = 0; // spent on PlainHttpClient's redirects before it handed the request over
};

HttpClient::HttpClient(QObject* parent)
    : QObject(parent)
{
}

PlainHttpClient* HttpClient::plainClient()
{
    if (!m_plain) {
        m_plain = new PlainHttpClient(this);
        connect(m_plain, &PlainHttpClient::finished, this, &HttpClient::finished);
        connect(m_plain, &PlainHttpClient::handOver, this,
                [this](quint64 id, const HttpRequestSpec& spec, const HttpClientResponse& partial) {
                    sendViaQt(id, spec, partial);
                });
    }
    return m_plain;
}

HttpClient::~HttpClient()
{
    // Replies are children of their managers; abort quietly without emitting finished().
    for (const auto& call : std::as_const(m_calls)) {
        if (call->reply) {
            call->reply->disconnect(this);
            call->reply->abort();
        }
    }
}

void HttpClient::setOptions(const HttpClientOptions& options)
{
    m_options = options;
}

QNetworkAccessManager* HttpClient::managerFor(bool verifyTls)
{
    const QString key = profileKey(m_options, verifyTls);
    if (auto* manager = m_managers.value(key))
        return manager;
    auto* manager = new QNetworkAccessManager(this);
    manager->setAutoDeleteReplies(false);
    manager->setStrictTransportSecurityEnabled(false);
    switch (m_options.proxy.mode) {
    case ProxyOptions::Mode::System:
        manager->setProxyFactory(new SystemProxyFactory);
        break;
    case ProxyOptions::Mode::None:
        manager->setProxy(QNetworkProxy(QNetworkProxy::NoProxy));
        break;
    case ProxyOptions::Mode::Manual:
        manager->setProxy(QNetworkProxy(m_options.proxy.socks5 ? QNetworkProxy::Socks5Proxy : QNetworkProxy::HttpProxy,
                                        m_options.proxy.host, m_options.proxy.port, m_options.proxy.user,
                                        m_options.proxy.password));
        break;
    }
    m_managers.insert(key, manager);
    return manager;
}

int HttpClient::managerCount() const
{
    return int(m_managers.size());
}

bool HttpClient::isRunning(quint64 id) const
{
    return m_calls.contains(id) || (m_plain && m_plain->isRunning(id));
}

int HttpClient::runningCount() const
{
    return int(m_calls.size()) + (m_plain ? m_plain->runningCount() : 0);
}

void HttpClient::failEarly(quint64 id, HttpClientResponse response)
{
    response.timings.totalMs = 0;
    QTimer::singleShot(0, this, [this, id, response]() { Q_EMIT finished(id, response); });
}

quint64 HttpClient::send(const HttpRequestSpec& request)
{
    const quint64 id = m_nextId++;
    const HttpRequestSpec spec = request.effective();
    HttpClientResponse base;
    base.method = spec.method;
    base.url = spec.url;
    sendViaQt(id, spec, base);
    return id;
}

void HttpClient::sendViaQt(quint64 id, const HttpRequestSpec& spec, const HttpClientResponse& before)
{
    HttpClientResponse base = before;
    // A request PlainHttpClient handed over after redirects: Qt follows the rest, within what is left of the limit.
    const bool handedOver = !before.redirectChain.isEmpty();
    QString urlText = spec.url.trimmed();
    if (!urlText.contains(QLatin1String("://")))
        urlText.prepend(QLatin1String("http://"));
    const QUrl url(urlText, QUrl::TolerantMode);
    if (!url.isValid() || url.host().isEmpty() ||
        (url.scheme() != QLatin1String("http") && url.scheme() != QLatin1String("https"))) {
        base.error = Error(ErrorCode::Usage, QStringLiteral("not an http(s) URL: \"%1\"").arg(spec.url));
        failEarly(id, base);
        return;
    }
    // The TLS files are checked for every request (a broken --cacert fails http requests too), unless none is set.
    const bool noTlsFiles = m_options.tls.caFile.isEmpty() && m_options.tls.clientCertFile.isEmpty() &&
                            m_options.tls.clientKeyFile.isEmpty() && m_options.tls.pkcs12File.isEmpty();
    if (m_options.plainHttpTransport && !handedOver && noTlsFiles && url.scheme() == QLatin1String("http") &&
        plainClient()->takes(url, spec, m_options)) {
        m_plain->send(id, url, spec, m_options, base);
        return;
    }

    auto tls = sslConfigurationFor(m_options.tls, spec.verifyTls, m_options.allowHttp2);
    if (!tls) {
        base.error = tls.error();
        failEarly(id, base);
        return;
    }

    QNetworkRequest qreq(url);
    qreq.setSslConfiguration(tls.value());
    qreq.setAttribute(QNetworkRequest::Http2AllowedAttribute, m_options.allowHttp2);
    qreq.setAttribute(QNetworkRequest::CookieLoadControlAttribute, QNetworkRequest::Manual);
    qreq.setAttribute(QNetworkRequest::CookieSaveControlAttribute, QNetworkRequest::Manual);
    qreq.setAttribute(QNetworkRequest::AuthenticationReuseAttribute, QNetworkRequest::Manual);
    qreq.setAttribute(QNetworkRequest::CacheLoadControlAttribute, QNetworkRequest::AlwaysNetwork);
    qreq.setAttribute(QNetworkRequest::RedirectPolicyAttribute, spec.followRedirects
                                                                    ? QNetworkRequest::NoLessSafeRedirectPolicy
                                                                    : QNetworkRequest::ManualRedirectPolicy);
    qreq.setMaximumRedirectsAllowed(qMax(0, m_options.maxRedirects - int(before.redirectChain.size())));

    // Repeated header names are folded into one comma-separated value (RFC 9110 §5.3).
    QList<QPair<QByteArray, QByteArray>> headers;
    for (const auto& row : spec.headers) {
        const QByteArray name = row.name.toUtf8();
        auto it = std::find_if(headers.begin(), headers.end(),
                               [&](const auto& h) { return h.first.compare(name, Qt::CaseInsensitive) == 0; });
        if (it == headers.end())
            headers.append({name, row.value.toUtf8()});
        else
            it->second += QByteArray(", " + row.value.toUtf8());
    }
    const bool multipart = spec.bodyKind == HttpRequestSpec::BodyKind::Multipart;
    for (const auto& [name, value] : std::as_const(headers)) {
        // QHttpMultiPart supplies Content-Type with its boundary; a boundary-less one would break the body.
        if (multipart && name.compare("Content-Type", Qt::CaseInsensitive) == 0 && !value.contains("boundary="))
            continue;
        qreq.setRawHeader(name, value);
    }
    if (!spec.hasHeader(QStringLiteral("User-Agent")))
        qreq.setRawHeader("User-Agent", m_options.userAgent.isEmpty() ? defaultUserAgent() : m_options.userAgent);

    QNetworkAccessManager* manager = managerFor(spec.verifyTls);
    const QByteArray verb = spec.method.toUtf8();
    QNetworkReply* reply = nullptr;
    switch (spec.bodyKind) {
    case HttpRequestSpec::BodyKind::None:
        reply = manager->sendCustomRequest(qreq, verb);
        break;
    case HttpRequestSpec::BodyKind::Raw:
        reply = manager->sendCustomRequest(qreq, verb, spec.rawBody.toUtf8());
        break;
    case HttpRequestSpec::BodyKind::FormUrlEncoded:
        reply = manager->sendCustomRequest(qreq, verb, spec.formUrlEncodedBody().toUtf8());
        break;
    case HttpRequestSpec::BodyKind::BinaryFile: {
        auto* file = new QFile(spec.binaryFilePath);
        if (!file->open(QIODevice::ReadOnly)) {
            base.error =
                Error(ErrorCode::Io,
                      QStringLiteral("cannot read body file %1: %2").arg(spec.binaryFilePath, file->errorString()));
            delete file;
            failEarly(id, base);
            return;
        }
        reply = manager->sendCustomRequest(qreq, verb, file);
        file->setParent(reply);
        break;
    }
    case HttpRequestSpec::BodyKind::Multipart: {
        auto* parts = new QHttpMultiPart(QHttpMultiPart::FormDataType);
        for (const auto& part : spec.multipartParts) {
            QHttpPart httpPart;
            QString disposition = QStringLiteral("form-data; name=\"%1\"").arg(part.name);
            if (part.isFile) {
                auto* file = new QFile(part.filePath, parts);
                if (!file->open(QIODevice::ReadOnly)) {
                    base.error = Error(
                        ErrorCode::Io,
                        QStringLiteral("cannot read multipart file %1: %2").arg(part.filePath, file->errorString()));
                    delete parts;
                    failEarly(id, base);
                    return;
                }
                disposition += QStringLiteral("; filename=\"%1\"").arg(QFileInfo(part.filePath).fileName());
                httpPart.setBodyDevice(file);
                httpPart.setHeader(QNetworkRequest::ContentTypeHeader, part.contentType.isEmpty()
                                                                           ? QStringLiteral("application/octet-stream")
                                                                           : part.contentType);
            } else {
                httpPart.setBody(part.value.toUtf8());
                if (!part.contentType.isEmpty())
                    httpPart.setHeader(QNetworkRequest::ContentTypeHeader, part.contentType);
            }
            httpPart.setRawHeader("Content-Disposition", disposition.toUtf8());
            parts->append(httpPart);
        }
        reply = manager->sendCustomRequest(qreq, verb, parts);
        parts->setParent(reply);
        break;
    }
    }

    auto call = std::make_shared<Call>();
    call->reply = reply;
    call->response = base;
    call->maxBody = m_options.maxBodyBytes;
    call->timeoutMs = spec.timeoutMs > 0 ? spec.timeoutMs : m_options.defaultTimeoutMs;
    call->clock.start();
    call->elapsedBefore = handedOver ? qMax<qint64>(0, before.timings.totalMs) : 0;
    m_calls.insert(id, call);
    if (call->timeoutMs > 0) {
        call->timer = new QTimer(reply);
        call->timer->setSingleShot(true);
        connect(call->timer, &QTimer::timeout, this, [call]() {
            call->timedOut = true;
            if (call->reply)
                call->reply->abort();
        });
        call->timer->start(call->timeoutMs);
    }
    wire(id, reply);
}

void HttpClient::wire(quint64 id, QNetworkReply* reply)
{
    const auto call = m_calls.value(id);
    connect(reply, &QNetworkReply::socketStartedConnecting, this, [call]() {
        if (call->response.timings.connectStartedMs < 0)
            call->response.timings.connectStartedMs = call->clock.elapsed();
    });
    connect(reply, &QNetworkReply::encrypted, this, [call]() {
        call->response.timings.tlsDoneMs = call->clock.elapsed();
        if (call->reply) {
            call->response.peerCertificates.clear();
            for (const auto& c : call->reply->sslConfiguration().peerCertificateChain())
                call->response.peerCertificates.append(PeerCertificateSummary::of(c));
        }
    });
    connect(reply, &QNetworkReply::requestSent, this,
            [call]() { call->response.timings.requestSentMs = call->clock.elapsed(); });
    connect(reply, &QNetworkReply::metaDataChanged, this, [call]() {
        if (call->response.timings.headersMs < 0)
            call->response.timings.headersMs = call->clock.elapsed();
        if (!call->reply)
            return;
        // Reserve once when the length is announced (within the cap) so a large body is not copied repeatedly.
        const qint64 length = call->reply->header(QNetworkRequest::ContentLengthHeader).toLongLong();
        if (length > 0 && call->response.body.isEmpty())
            call->response.body.reserve(qMin(length, call->maxBody));
    });
    connect(reply, &QNetworkReply::redirected, this,
            [call](const QUrl& url) { call->response.redirectChain.append(url.toString()); });
    connect(reply, &QNetworkReply::sslErrors, this, [call](const QList<QSslError>& errors) {
        for (const auto& e : errors)
            call->response.tlsErrors.append(e.errorString());
        if (call->reply) {
            call->response.peerCertificates.clear();
            for (const auto& c : call->reply->sslConfiguration().peerCertificateChain())
                call->response.peerCertificates.append(PeerCertificateSummary::of(c));
            if (call->response.peerCertificates.isEmpty() && !errors.isEmpty() &&
                !errors.first().certificate().isNull())
                call->response.peerCertificates.append(PeerCertificateSummary::of(errors.first().certificate()));
        }
    });
    connect(reply, &QNetworkReply::readyRead, this, [call]() {
        if (!call->reply)
            return;
        auto& r = call->response;
        if (r.timings.firstByteMs < 0)
            r.timings.firstByteMs = call->clock.elapsed();
        const QByteArray chunk = call->reply->readAll();
        r.bodySize += chunk.size();
        const qint64 room = call->maxBody - r.body.size();
        if (chunk.size() <= room) {
            r.body.append(chunk);
        } else {
            if (room > 0)
                r.body.append(chunk.left(room));
            r.bodyTruncated = true;
        }
    });
    connect(reply, &QNetworkReply::downloadProgress, this,
            [this, id](qint64 received, qint64 total) { Q_EMIT downloadProgress(id, received, total); });
    connect(reply, &QNetworkReply::uploadProgress, this,
            [this, id](qint64 sent, qint64 total) { Q_EMIT uploadProgress(id, sent, total); });
    connect(reply, &QNetworkReply::finished, this, [this, id]() { finishCall(id); });
}

void HttpClient::finishCall(quint64 id)
{
    const auto call = m_calls.take(id);
    if (!call || !call->reply)
        return;
    QNetworkReply* reply = call->reply;
    if (call->timer)
        call->timer->stop();
    auto& r = call->response;
    r.timings.totalMs = call->elapsedBefore + call->clock.elapsed();
    const QByteArray rest = reply->isOpen() ? reply->readAll() : QByteArray();
    if (!rest.isEmpty()) {
        r.bodySize += rest.size();
        const qint64 room = call->maxBody - r.body.size();
        r.body.append(rest.left(qMax<qint64>(0, room)));
        r.bodyTruncated = r.bodyTruncated || rest.size() > room;
    }
    r.finalUrl = reply->url().toString();
    const QVariant status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute);
    if (status.isValid()) {
        r.received = true;
        r.status = status.toInt();
        r.reason = QString::fromLatin1(reply->attribute(QNetworkRequest::HttpReasonPhraseAttribute).toByteArray());
        r.httpVersion = reply->attribute(QNetworkRequest::Http2WasUsedAttribute).toBool() ? QStringLiteral("HTTP/2")
                                                                                          : QStringLiteral("HTTP/1.1");
        r.headers = reply->rawHeaderPairs();
        for (const QByteArray& setCookie : r.headerValues("Set-Cookie"))
            r.cookies.append(QNetworkCookie::parseCookies(setCookie));
    }
    const auto code = reply->error();
    if (call->timedOut) {
        r.error = timeoutError(r.received, call->timeoutMs, r.bodySize, reply->url());
    } else if (call->cancelled || code == QNetworkReply::OperationCanceledError) {
        r.error = Error(ErrorCode::Cancelled, QStringLiteral("cancelled"));
    } else if (!r.received && code != QNetworkReply::NoError) {
        r.error = describeFailure(code, reply->url(), reply->errorString());
    } else if (r.received && code >= QNetworkReply::ConnectionRefusedError &&
               code < QNetworkReply::ProxyConnectionRefusedError && code != QNetworkReply::NoError) {
        // Transport failure after the headers (e.g. the connection dropped mid-body); HTTP status errors
        // (401 -> AuthenticationRequiredError, 404 -> ContentNotFoundError) are not failures here.
        r.error = describeFailure(code, reply->url(), reply->errorString());
    } else if (r.received && code == QNetworkReply::TooManyRedirectsError) {
        r.error = Error(ErrorCode::NetFailure, reply->errorString());
    } else if (!r.received && code == QNetworkReply::NoError) {
        r.error = Error(ErrorCode::NetFailure, QStringLiteral("no HTTP response"));
    }
    if (r.error && r.error->code == ErrorCode::TlsFailure && !r.tlsErrors.isEmpty())
        r.error->message += QString(QStringLiteral(" (") + r.tlsErrors.join(QStringLiteral("; ")) + QLatin1Char(')'));
    reply->disconnect(this);
    reply->deleteLater();
    Q_EMIT finished(id, r);
}

void HttpClient::cancel(quint64 id)
{
    if (m_plain && m_plain->isRunning(id)) {
        m_plain->cancel(id);
        return;
    }
    const auto call = m_calls.value(id);
    if (!call || !call->reply)
        return;
    call->cancelled = true;
    call->reply->abort();
}

void HttpClient::cancelAll()
{
    if (m_plain)
        m_plain->cancelAll();
    const auto ids = m_calls.keys();
    for (const quint64 id : ids)
        cancel(id);
}

HttpClientResponse HttpClient::sendAndWait(const HttpRequestSpec& request, const HttpClientOptions& options)
{
    HttpClient client;
    client.setOptions(options);
    QEventLoop loop;
    HttpClientResponse result;
    quint64 wanted = 0;
    bool done = false;
    connect(&client, &HttpClient::finished, &loop, [&](quint64 id, const HttpClientResponse& response) {
        if (id != wanted)
            return;
        result = response;
        done = true;
        loop.quit();
    });
    wanted = client.send(request);
    if (!done)
        loop.exec();
    return result;
}
