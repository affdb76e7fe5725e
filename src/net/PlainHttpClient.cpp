// SPDX-License-Identifier: MIT
#include "net/PlainHttpClient.h"

#include "http/HttpResponseParser.h"

#include <QElapsedTimer>
#include <QNetworkProxyFactory>
#include <QNetworkReply>
#include <QTcpSocket>
#include <QTimerEvent>

namespace {

// Idle keep-alive connections kept per host:port; the runner needs one per worker thread, a GUI a few.
constexpr int kMaxIdlePerHost = 8;

bool headerRowIsSafe(const QString& text)
{
    for (const QChar c : text) {
        if (c == QLatin1Char('\r') || c == QLatin1Char('\n') || c.unicode() == 0)
            return false;
    }
    return true;
}

/// RFC 9110 §15.4: the redirects QNetworkAccessManager follows.
bool isRedirect(int status)
{
    return status == 301 || status == 302 || status == 303 || status == 305 || status == 307 || status == 308;
}

QString hostKey(const QUrl& url)
{
    return url.host() + QLatin1Char(':') + QString::number(url.port(80));
}

/// The request target as QNetworkAccessManager 6.4 writes it (QHttpNetworkRequest::uri): origin-form, fully
/// encoded, "/" for an empty path, dot segments normalised.
QByteArray requestTarget(const QUrl& url)
{
    QUrl::FormattingOptions format(QUrl::RemoveFragment | QUrl::RemoveUserInfo | QUrl::FullyEncoded |
                                   QUrl::RemoveScheme | QUrl::RemoveAuthority);
    QUrl copy = url;
    if (copy.path().isEmpty())
        copy.setPath(QStringLiteral("/"));
    else
        format |= QUrl::NormalizePathSegments;
    return copy.toEncoded(format);
}

QByteArray hostHeader(const QUrl& url)
{
    QByteArray host = url.host(QUrl::FullyEncoded).toLatin1();
    if (host.contains(':'))
        host = '[' + host + ']'; // an IPv6 literal (RFC 9112 §3.2)
    if (url.port() != -1)
        host += ':' + QByteArray::number(url.port());
    return host;
}

bool hasBody(const HttpRequestSpec& spec)
{
    return spec.bodyKind == HttpRequestSpec::BodyKind::Raw ||
           spec.bodyKind == HttpRequestSpec::BodyKind::FormUrlEncoded;
}

/// The bytes of `spec` (effective) to `url`. Repeated header names are folded into one comma-separated value
/// (RFC 9110 §5.3) as HttpClient does; Content-Length is always the body's own.
QByteArray serialise(const QUrl& url, const HttpRequestSpec& spec, const HttpClientOptions& options)
{
    QByteArray body;
    if (spec.bodyKind == HttpRequestSpec::BodyKind::Raw)
        body = spec.rawBody.toUtf8();
    else if (spec.bodyKind == HttpRequestSpec::BodyKind::FormUrlEncoded)
        body = spec.formUrlEncodedBody().toUtf8();
    QList<QPair<QByteArray, QByteArray>> headers;
    for (const auto& row : spec.headers) {
        const QByteArray name = row.name.toUtf8();
        if (name.compare("Content-Length", Qt::CaseInsensitive) == 0)
            continue;
        auto it = std::find_if(headers.begin(), headers.end(),
                               [&](const auto& h) { return h.first.compare(name, Qt::CaseInsensitive) == 0; });
        if (it == headers.end())
            headers.append({name, row.value.toUtf8()});
        else
            it->second += ", " + row.value.toUtf8();
    }
    QByteArray out;
    out.reserve(256 + body.size());
    out += spec.method.toUtf8() + ' ' + requestTarget(url) + " HTTP/1.1\r\n";
    if (!spec.hasHeader(QStringLiteral("Host")))
        out += "Host: " + hostHeader(url) + "\r\n";
    for (const auto& [name, value] : std::as_const(headers))
        out += name + ": " + value + "\r\n";
    if (!spec.hasHeader(QStringLiteral("User-Agent")))
        out += "User-Agent: " +
               (options.userAgent.isEmpty() ? QByteArrayLiteral("Tokenscope/" TOKENSCOPE_VERSION) : options.userAgent) +
               "\r\n";
    if (hasBody(spec))
        out += "Content-Length: " + QByteArray::number(body.size()) + "\r\n";
    out += "\r\n";
    out += body;
    return out;
}

/// Response headers as QNetworkReply::rawHeaderPairs() gives them: a repeated name is combined into its first
/// occurrence with ", " (Set-Cookie with "\n"), and only the last Location is kept.
QList<QPair<QByteArray, QByteArray>> combinedHeaders(const QList<QPair<QByteArray, QByteArray>>& raw)
{
    QList<QPair<QByteArray, QByteArray>> out;
    out.reserve(raw.size());
    for (const auto& field : raw) {
        // Not a structured binding: clang 14 (the sanitizer build, clang-tidy) cannot capture one in a lambda.
        const QByteArray& name = field.first;
        const QByteArray& value = field.second;
        auto it = std::find_if(out.begin(), out.end(),
                               [&](const auto& h) { return h.first.compare(name, Qt::CaseInsensitive) == 0; });
        if (it == out.end()) {
            out.append({name, value});
        } else if (name.compare("Location", Qt::CaseInsensitive) == 0) {
            it->second = value;
        } else {
            it->second += name.compare("Set-Cookie", Qt::CaseInsensitive) == 0 ? QByteArray("\n") : QByteArray(", ");
            it->second += value;
        }
    }
    return out;
}

} // namespace

struct PlainHttpClient::Call
{
    quint64 id = 0;
    QUrl url;
    HttpRequestSpec spec;
    HttpClientOptions options;
    QByteArray wire;
    HttpClientResponse response;
    HttpResponseParser parser;
    QElapsedTimer clock;
    int timerId = 0;
    int timeoutMs = 0;
    int redirectsLeft = 0;
    bool retried = false;
    bool reusedConnection = false;
    Connection* connection = nullptr;
};

struct PlainHttpClient::Connection
{
    QTcpSocket* socket = nullptr;
    QString key;
    QByteArray buffer;
    std::shared_ptr<Call> call;
};

PlainHttpClient::PlainHttpClient(QObject* parent)
    : QObject(parent)
{
}

PlainHttpClient::~PlainHttpClient()
{
    // Quietly: no finished() from a destructor.
    for (Connection* connection : std::as_const(m_connections)) {
        connection->socket->disconnect(this);
        connection->socket->abort();
        delete connection->socket;
        delete connection;
    }
}

int PlainHttpClient::idleConnectionCount() const
{
    int n = 0;
    for (const auto& list : m_idle)
        n += int(list.size());
    return n;
}

bool PlainHttpClient::proxyFree(const QUrl& url, const HttpClientOptions& options)
{
    switch (options.proxy.mode) {
    case ProxyOptions::Mode::None:
        return true;
    case ProxyOptions::Mode::Manual:
        return false;
    case ProxyOptions::Mode::System:
        break;
    }
    if (HttpClient::isLoopbackHost(url.host()))
        return true; // HttpClient's system proxy factory never proxies loopback either
    const QString key = hostKey(url);
    auto it = m_proxyFree.constFind(key);
    if (it == m_proxyFree.constEnd()) {
        const auto proxies = QNetworkProxyFactory::systemProxyForQuery(QNetworkProxyQuery(url));
        it = m_proxyFree.insert(key, proxies.isEmpty() || proxies.first().type() == QNetworkProxy::NoProxy);
    }
    return it.value();
}

bool PlainHttpClient::takes(const QUrl& url, const HttpRequestSpec& spec, const HttpClientOptions& options)
{
    if (url.scheme() != QLatin1String("http") || !url.userInfo().isEmpty() || url.host().isEmpty())
        return false;
    if (spec.bodyKind == HttpRequestSpec::BodyKind::BinaryFile || spec.bodyKind == HttpRequestSpec::BodyKind::Multipart)
        return false;
    if (!headerRowIsSafe(spec.method) || spec.method.contains(QLatin1Char(' ')))
        return false;
    for (const auto& row : spec.headers) {
        if (!headerRowIsSafe(row.name) || !headerRowIsSafe(row.value) ||
            row.name.compare(QLatin1String("Transfer-Encoding"), Qt::CaseInsensitive) == 0)
            return false;
    }
    return proxyFree(url, options);
}

void PlainHttpClient::send(quint64 id, const QUrl& url, const HttpRequestSpec& spec, const HttpClientOptions& options,
                           const HttpClientResponse& base)
{
    auto call = std::make_shared<Call>();
    call->id = id;
    call->url = url;
    call->spec = spec;
    call->options = options;
    call->response = base;
    call->redirectsLeft = options.maxRedirects;
    call->timeoutMs = spec.timeoutMs > 0 ? spec.timeoutMs : options.defaultTimeoutMs;
    call->clock.start();
    if (call->timeoutMs > 0)
        call->timerId = startTimer(call->timeoutMs);
    m_calls.insert(id, call);
    start(call);
}

void PlainHttpClient::start(const std::shared_ptr<Call>& call)
{
    call->wire = serialise(call->url, call->spec, call->options);
    call->parser.begin(call->spec.method.toUtf8(), call->options.maxBodyBytes);
    const QString key = hostKey(call->url);
    if (!call->retried) {
        auto& idle = m_idle[key];
        while (!idle.isEmpty()) {
            Connection* connection = idle.takeLast();
            if (connection->socket->state() == QAbstractSocket::ConnectedState) {
                call->reusedConnection = true;
                attach(call, connection);
                writeRequest(connection);
                return;
            }
            drop(connection);
        }
    }
    call->reusedConnection = false;
    auto* connection = new Connection;
    connection->socket = new QTcpSocket(this);
    connection->key = key;
    m_connections.insert(connection->socket, connection);
    connect(connection->socket, &QTcpSocket::connected, this, [this, connection]() {
        connection->socket->setSocketOption(QAbstractSocket::LowDelayOption, 1);
        if (connection->call)
            writeRequest(connection);
    });
    connect(connection->socket, &QTcpSocket::readyRead, this, [this, connection]() { onReadyRead(connection); });
    connect(connection->socket, &QTcpSocket::errorOccurred, this, [this, connection]() { onSocketError(connection); });
    attach(call, connection);
    if (call->response.timings.connectStartedMs < 0)
        call->response.timings.connectStartedMs = call->clock.elapsed();
    connection->socket->connectToHost(call->url.host(), quint16(call->url.port(80)));
}

void PlainHttpClient::attach(const std::shared_ptr<Call>& call, Connection* connection)
{
    connection->call = call;
    connection->buffer.clear();
    call->connection = connection;
}

void PlainHttpClient::writeRequest(Connection* connection)
{
    const auto& call = connection->call;
    connection->socket->write(call->wire);
    connection->socket->flush();
    call->response.timings.requestSentMs = call->clock.elapsed();
}

void PlainHttpClient::onReadyRead(Connection* connection)
{
    if (!connection->call) {
        // Bytes on an idle connection answer nothing we asked: the connection cannot be trusted for the next one.
        drop(connection);
        return;
    }
    readAndParse(connection);
}

bool PlainHttpClient::readAndParse(Connection* connection)
{
    if (connection->buffer.isEmpty())
        connection->buffer = connection->socket->readAll();
    else
        connection->buffer += connection->socket->readAll();
    const auto call = connection->call;
    const auto status = call->parser.parse(connection->buffer);
    auto& timings = call->response.timings;
    if (timings.headersMs < 0 && call->parser.headParsed())
        timings.headersMs = call->clock.elapsed();
    if (timings.firstByteMs < 0 && call->parser.bodySize() > 0)
        timings.firstByteMs = call->clock.elapsed();
    if (status == HttpResponseParser::Status::Complete) {
        complete(connection);
        return true;
    }
    if (status == HttpResponseParser::Status::Error) {
        drop(connection);
        fail(call, Error(ErrorCode::NetFailure,
                         QStringLiteral("invalid HTTP response from %1: %2")
                             .arg(call->url.authority(), QString::fromLatin1(call->parser.errorText()))));
        return true;
    }
    return false;
}

void PlainHttpClient::onSocketError(Connection* connection)
{
    const auto call = connection->call;
    const QAbstractSocket::SocketError socketError = connection->socket->error();
    const QString detail = connection->socket->errorString();
    if (!call) {
        drop(connection); // an idle connection the server closed
        return;
    }
    if (socketError == QAbstractSocket::RemoteHostClosedError) {
        // Bytes that came with the close are read before the error is reported.
        if (connection->socket->bytesAvailable() > 0 && readAndParse(connection))
            return;
        if (call->parser.finishAtEof() == HttpResponseParser::Status::Complete) {
            complete(connection);
            return;
        }
        // A kept-alive connection the server had closed before our request arrived: once more on a new one
        // (RFC 9112 §9.3.1 allows the retry when nothing of the response came back).
        if (call->reusedConnection && !call->retried && !call->parser.headParsed() && connection->buffer.isEmpty()) {
            call->retried = true;
            drop(connection);
            start(call);
            return;
        }
    }
    drop(connection);
    QNetworkReply::NetworkError code = QNetworkReply::UnknownNetworkError;
    switch (socketError) {
    case QAbstractSocket::ConnectionRefusedError:
        code = QNetworkReply::ConnectionRefusedError;
        break;
    case QAbstractSocket::HostNotFoundError:
        code = QNetworkReply::HostNotFoundError;
        break;
    case QAbstractSocket::RemoteHostClosedError:
        code = QNetworkReply::RemoteHostClosedError;
        break;
    case QAbstractSocket::SocketTimeoutError:
        code = QNetworkReply::TimeoutError;
        break;
    default:
        break;
    }
    fail(call, HttpClient::describeFailure(code, call->url, detail));
}

void PlainHttpClient::complete(Connection* connection)
{
    const auto call = connection->call;
    const auto& parser = call->parser;
    release(connection, parser.keepAlive() && connection->buffer.isEmpty());
    auto& r = call->response;
    takeResponse(*call);
    const QByteArray location = r.headerValue("Location");
    if (call->spec.followRedirects && isRedirect(r.status) && !location.isEmpty()) {
        const QUrl target = call->url.resolved(QUrl(QString::fromUtf8(location)));
        if (target.scheme() == QLatin1String("http") || target.scheme() == QLatin1String("https")) {
            if (call->redirectsLeft <= 0) {
                // As Qt: the status and headers of the last redirect, not its body.
                r.body.clear();
                r.bodySize = 0;
                r.bodyTruncated = false;
                fail(call, Error(ErrorCode::NetFailure, QStringLiteral("Too many redirects")));
                return;
            }
            --call->redirectsLeft;
            r.redirectChain.append(target.toString());
            // As QNetworkAccessManager: 307/308 repeat the method and body, the others become GET without a body.
            if (r.status != 307 && r.status != 308 && call->spec.method != QLatin1String("HEAD")) {
                call->spec.method = QStringLiteral("GET");
                call->spec.bodyKind = HttpRequestSpec::BodyKind::None;
                call->spec.headers.removeIf([](const HttpRequestSpec::HeaderRow& row) {
                    return row.name.compare(QLatin1String("Content-Type"), Qt::CaseInsensitive) == 0;
                });
            }
            call->url = target;
            call->spec.url = target.toString();
            r.received = false;
            r.status = 0;
            r.reason.clear();
            r.headers.clear();
            r.body.clear();
            r.bodySize = 0;
            r.bodyTruncated = false;
            if (takes(target, call->spec, call->options)) {
                call->retried = false;
                start(call);
                return;
            }
            if (call->timerId)
                killTimer(call->timerId);
            m_calls.remove(call->id);
            r.timings.totalMs = call->clock.elapsed();
            Q_EMIT handOver(call->id, call->spec, r);
            return;
        }
    }
    for (const QByteArray& setCookie : r.headerValues("Set-Cookie"))
        r.cookies.append(QNetworkCookie::parseCookies(setCookie));
    finishCall(call);
}

void PlainHttpClient::takeResponse(Call& call)
{
    auto& r = call.response;
    HttpResponseParser& parser = call.parser;
    r.received = true;
    r.status = parser.status();
    r.reason = QString::fromLatin1(parser.reason());
    r.httpVersion = QStringLiteral("HTTP/1.1");
    r.headers = combinedHeaders(parser.headers());
    r.bodySize = parser.bodySize();
    r.bodyTruncated = parser.bodyTruncated();
    r.body = parser.takeBody();
    r.finalUrl = call.url.toString();
}

void PlainHttpClient::fail(const std::shared_ptr<Call>& call, Error error)
{
    auto& r = call->response;
    const auto& parser = call->parser;
    if (parser.headParsed() && !r.received)
        takeResponse(*call); // what arrived before the failure, as Qt reports it (status, headers, the body so far)
    r.finalUrl = call->url.toString();
    r.error = std::move(error);
    finishCall(call);
}

void PlainHttpClient::finishCall(const std::shared_ptr<Call>& call)
{
    if (call->timerId) {
        killTimer(call->timerId);
        call->timerId = 0;
    }
    if (call->connection) {
        if (call->connection->call == call)
            drop(call->connection);
        call->connection = nullptr;
    }
    m_calls.remove(call->id);
    call->response.timings.totalMs = call->clock.elapsed();
    Q_EMIT finished(call->id, call->response);
}

void PlainHttpClient::release(Connection* connection, bool keep)
{
    if (connection->call)
        connection->call->connection = nullptr;
    connection->call.reset();
    if (!keep || connection->socket->state() != QAbstractSocket::ConnectedState) {
        drop(connection);
        return;
    }
    auto& idle = m_idle[connection->key];
    if (idle.size() >= kMaxIdlePerHost) {
        drop(idle.takeFirst());
    }
    idle.append(connection);
}

void PlainHttpClient::drop(Connection* connection)
{
    if (connection->call)
        connection->call->connection = nullptr;
    connection->call.reset();
    auto it = m_idle.find(connection->key);
    if (it != m_idle.end())
        it->removeOne(connection);
    m_connections.remove(connection->socket);
    connection->socket->disconnect(this);
    connection->socket->abort();
    connection->socket->deleteLater();
    delete connection;
}

void PlainHttpClient::cancel(quint64 id)
{
    const auto call = m_calls.value(id);
    if (!call)
        return;
    fail(call, Error(ErrorCode::Cancelled, QStringLiteral("cancelled")));
}

void PlainHttpClient::cancelAll()
{
    const auto ids = m_calls.keys();
    for (const quint64 id : ids)
        cancel(id);
}

void PlainHttpClient::timerEvent(QTimerEvent* event)
{
    for (auto it = m_calls.cbegin(); it != m_calls.cend(); ++it) {
        if (it.value()->timerId != event->timerId())
            continue;
        const std::shared_ptr<Call> call = it.value(); // a copy: fail() removes it from m_calls
        killTimer(call->timerId);
        call->timerId = 0;
        const bool headers = call->parser.headParsed();
        fail(call, HttpClient::timeoutError(headers, call->timeoutMs, call->parser.bodySize(), call->url));
        return;
    }
    killTimer(event->timerId());
}
