// SPDX-License-Identifier: MIT
#pragma once

#include <QHash>
#include <QHostAddress>
#include <QList>
#include <QSslServer>
#include <QTcpServer>
#include <QTcpSocket>

#include <functional>
#include <memory>

/// A tiny HTTP/1.1 server on 127.0.0.1 for the key-set tests: one canned response per path (or a handler), every
/// request recorded. A response with `hang` accepts the request and never answers (timeouts). Connection: close.
/// With a TLS configuration (TestPki::serverConfiguration) it speaks https; base() and url() say so.
class JwksTestServer
{
public:
    struct Response
    {
        int status = 200;
        QByteArray body;
        QList<std::pair<QByteArray, QByteArray>> headers;
        bool hang = false;
    };
    struct Request
    {
        QByteArray method;
        QByteArray path;
        QHash<QByteArray, QByteArray> headers; // lower-case names
    };
    /// Decides the answer for a request (overrides the fixed routes when set).
    std::function<Response(const Request&)> handler;

    explicit JwksTestServer(const QSslConfiguration* tls = nullptr)
    {
        if (tls) {
            auto* ssl = new QSslServer;
            ssl->setSslConfiguration(*tls);
            m_server.reset(ssl);
        } else {
            m_server = std::make_unique<QTcpServer>();
        }
        m_server->listen(QHostAddress::LocalHost, 0);
        // pendingConnectionAvailable: for QSslServer only after the handshake (Qt 6.4).
        QObject::connect(m_server.get(), &QTcpServer::pendingConnectionAvailable, m_server.get(), [this] {
            while (QTcpSocket* socket = m_server->nextPendingConnection()) {
                QObject::connect(socket, &QTcpSocket::readyRead, socket, [this, socket] { onReadyRead(socket); });
                QObject::connect(socket, &QTcpSocket::disconnected, socket, &QObject::deleteLater);
            }
        });
    }

    QString url(const QString& path) const { return QString(base() + path); }
    QString base() const
    {
        return QStringLiteral("%1://127.0.0.1:%2")
            .arg(qobject_cast<QSslServer*>(m_server.get()) ? QStringLiteral("https") : QStringLiteral("http"))
            .arg(m_server->serverPort());
    }
    void route(const QByteArray& path, const Response& response) { m_routes.insert(path, response); }
    const QList<Request>& requests() const { return m_requests; }

private:
    void onReadyRead(QTcpSocket* socket)
    {
        QByteArray& buffer = m_buffers[socket];
        buffer += socket->readAll();
        const qsizetype end = buffer.indexOf("\r\n\r\n");
        if (end < 0) {
            return;
        }
        const QList<QByteArray> lines = buffer.left(end).split('\n');
        m_buffers.remove(socket);
        Request request;
        const QList<QByteArray> first = lines.value(0).trimmed().split(' ');
        request.method = first.value(0);
        request.path = first.value(1);
        for (qsizetype i = 1; i < lines.size(); ++i) {
            const qsizetype colon = lines[i].indexOf(':');
            if (colon > 0) {
                request.headers.insert(lines[i].left(colon).trimmed().toLower(), lines[i].mid(colon + 1).trimmed());
            }
        }
        m_requests.append(request);
        Response response;
        if (handler) {
            response = handler(request);
        } else if (m_routes.contains(request.path)) {
            response = m_routes.value(request.path);
        } else {
            response.status = 404;
            response.body = "not found";
        }
        if (response.hang) {
            return;
        }
        QByteArray out = "HTTP/1.1 " + QByteArray::number(response.status) + " " + reason(response.status) + "\r\n";
        for (const auto& [name, value] : response.headers) {
            out += name + ": " + value + "\r\n";
        }
        out += "Content-Length: " + QByteArray::number(response.body.size()) + "\r\nConnection: close\r\n\r\n";
        out += response.body;
        socket->write(out);
        socket->disconnectFromHost();
    }
    static QByteArray reason(int status)
    {
        switch (status) {
        case 200:
            return "OK";
        case 301:
            return "Moved Permanently";
        case 302:
            return "Found";
        case 304:
            return "Not Modified";
        case 404:
            return "Not Found";
        default:
            return "Status";
        }
    }

    std::unique_ptr<QTcpServer> m_server;
    QHash<QByteArray, Response> m_routes;
    QHash<QTcpSocket*, QByteArray> m_buffers;
    QList<Request> m_requests;
};
