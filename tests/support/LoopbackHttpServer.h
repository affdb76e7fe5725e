// SPDX-License-Identifier: MIT
#pragma once

#include "support/TestPki.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QSslServer>
#include <QSslSocket>
#include <QTcpServer>
#include <QTcpSocket>

#include <functional>
#include <memory>

/// A tiny HTTP/1.1 server on 127.0.0.1 for the client tests (plain or TLS). Routes:
///   /echo...        200 JSON {method, path, headers{lower-case name: value}, bodyBase64, clientCert}
///   /redirect       302 Location: /echo/redirected
///   /redirect-loop  302 to itself
///   /hang           never answers
///   /status/N       status N, text body
///   /big/N          N bytes of 'x'
///   /tokens         JSON with access_token/id_token + a JWT cookie + a JWT header (token from setToken)
///   /unauthorized   401 with a Bearer challenge (from setChallenge)
///   /binary         bytes 0..255
/// Anything else: 404.
class LoopbackHttpServer
{
public:
    explicit LoopbackHttpServer(bool tls = false, const QSslConfiguration& config = {})
    {
        if (tls) {
            auto* ssl = new QSslServer;
            ssl->setSslConfiguration(config);
            m_server.reset(ssl);
        } else {
            m_server = std::make_unique<QTcpServer>();
        }
        QObject::connect(m_server.get(), &QTcpServer::pendingConnectionAvailable, [this]() { acceptAll(); });
        m_server->listen(QHostAddress::LocalHost, 0);
    }
    ~LoopbackHttpServer()
    {
        for (auto* s : m_sockets)
            s->disconnect();
        m_server->close();
    }

    bool isListening() const { return m_server->isListening(); }
    quint16 port() const { return m_server->serverPort(); }
    QString url(const QString& path, bool https = false) const
    {
        return QStringLiteral("%1://127.0.0.1:%2%3")
            .arg(https ? QStringLiteral("https") : QStringLiteral("http"))
            .arg(port())
            .arg(path);
    }
    void setToken(const QByteArray& token) { m_token = token; }
    void setChallenge(const QByteArray& challenge, const QByteArray& body)
    {
        m_challenge = challenge;
        m_challengeBody = body;
    }
    int requestCount() const { return m_requests; }
    int proxiedCount() const { return m_proxied; }

private:
    void acceptAll()
    {
        while (m_server->hasPendingConnections()) {
            QTcpSocket* socket = m_server->nextPendingConnection();
            m_sockets.append(socket);
            auto buffer = std::make_shared<QByteArray>();
            QObject::connect(socket, &QTcpSocket::readyRead, socket, [this, socket, buffer]() {
                buffer->append(socket->readAll());
                serve(socket, *buffer);
            });
            QObject::connect(socket, &QTcpSocket::disconnected, socket, [this, socket]() {
                m_sockets.removeAll(socket);
                socket->deleteLater();
            });
            if (socket->bytesAvailable() > 0)
                Q_EMIT socket->readyRead();
        }
    }

    static void respond(QTcpSocket* socket, int status, const QByteArray& reason, const QByteArray& body,
                        const QList<QPair<QByteArray, QByteArray>>& headers = {})
    {
        QByteArray out = "HTTP/1.1 " + QByteArray::number(status) + ' ' + reason + "\r\n";
        for (const auto& [k, v] : headers)
            out += k + ": " + v + "\r\n";
        out += "Content-Length: " + QByteArray::number(body.size()) + "\r\n\r\n";
        out += body;
        socket->write(out);
    }

    void serve(QTcpSocket* socket, QByteArray& buffer)
    {
        while (true) {
            const qsizetype end = buffer.indexOf("\r\n\r\n");
            if (end < 0)
                return;
            const QList<QByteArray> lines = buffer.left(end).split('\n');
            const QList<QByteArray> requestLine = lines.first().trimmed().split(' ');
            QJsonObject headers;
            qsizetype length = 0;
            for (qsizetype i = 1; i < lines.size(); ++i) {
                const QByteArray line = lines.at(i).trimmed();
                const qsizetype colon = line.indexOf(':');
                if (colon <= 0)
                    continue;
                const QString name = QString::fromLatin1(line.left(colon).trimmed().toLower());
                const QString value = QString::fromUtf8(line.mid(colon + 1).trimmed());
                headers.insert(name, headers.contains(name)
                                         ? QString(headers.value(name).toString() + QStringLiteral(", ") + value)
                                         : value);
                if (name == QLatin1String("content-length"))
                    length = value.toLongLong();
            }
            if (buffer.size() < end + 4 + length)
                return;
            const QByteArray body = buffer.mid(end + 4, length);
            buffer.remove(0, end + 4 + length);
            ++m_requests;
            const QByteArray method = requestLine.value(0);
            QByteArray path = requestLine.value(1);
            if (path.startsWith("http://")) { // absolute-form (RFC 9112 §3.2.2): we are used as a proxy
                const qsizetype slash = path.indexOf('/', 7);
                path = slash < 0 ? QByteArray("/") : path.mid(slash);
                ++m_proxied;
            }
            route(socket, method, path, headers, body);
        }
    }

    void route(QTcpSocket* socket, const QByteArray& method, const QByteArray& path, const QJsonObject& headers,
               const QByteArray& body)
    {
        const QByteArray json = "application/json";
        if (path.startsWith("/echo")) {
            QString clientCert;
            if (auto* ssl = qobject_cast<QSslSocket*>(socket); ssl && !ssl->peerCertificate().isNull())
                clientCert = ssl->peerCertificate().subjectInfo(QSslCertificate::CommonName).value(0);
            const QJsonObject o{{QStringLiteral("method"), QString::fromLatin1(method)},
                                {QStringLiteral("path"), QString::fromLatin1(path)},
                                {QStringLiteral("headers"), headers},
                                {QStringLiteral("bodyBase64"), QString::fromLatin1(body.toBase64())},
                                {QStringLiteral("clientCert"), clientCert}};
            respond(socket, 200, "OK", QJsonDocument(o).toJson(QJsonDocument::Compact), {{"Content-Type", json}});
        } else if (path == "/redirect") {
            respond(socket, 302, "Found", "moved", {{"Location", "/echo/redirected"}});
        } else if (path == "/redirect-loop") {
            respond(socket, 302, "Found", "again", {{"Location", "/redirect-loop"}});
        } else if (path == "/hang") {
            // never answer
        } else if (path.startsWith("/status/")) {
            const int status = path.mid(8).toInt();
            respond(socket, status, "Status", "status " + path.mid(8));
        } else if (path.startsWith("/big/")) {
            respond(socket, 200, "OK", QByteArray(path.mid(5).toLongLong(), 'x'), {{"Content-Type", "text/plain"}});
        } else if (path == "/binary") {
            QByteArray bytes;
            for (int i = 0; i < 256; ++i)
                bytes.append(char(i));
            respond(socket, 200, "OK", bytes, {{"Content-Type", "application/octet-stream"}});
        } else if (path == "/tokens") {
            const QByteArray b = "{\"token_type\":\"Bearer\",\"access_token\":\"" + m_token +
                                 "\",\"nested\":{\"list\":[\"x\",\"" + m_token + "\"]},\"expires_in\":3600}";
            respond(socket, 200, "OK", b,
                    {{"Content-Type", json},
                     {"Set-Cookie", "session=" + m_token + "; Path=/; HttpOnly"},
                     {"X-Id-Token", m_token}});
        } else if (path == "/unauthorized") {
            respond(socket, 401, "Unauthorized", m_challengeBody,
                    {{"Content-Type", json}, {"WWW-Authenticate", m_challenge}});
        } else {
            respond(socket, 404, "Not Found", "not found");
        }
    }

    std::unique_ptr<QTcpServer> m_server;
    QList<QTcpSocket*> m_sockets;
    QByteArray m_token;
    QByteArray m_challenge;
    QByteArray m_challengeBody;
    int m_requests = 0;
    int m_proxied = 0;
};
