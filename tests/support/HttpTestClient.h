// SPDX-License-Identifier: MIT
#pragma once

#include <QByteArray>
#include <QElapsedTimer>
#include <QJsonDocument>
#include <QJsonObject>
#include <QList>
#include <QPair>
#include <QTcpSocket>

#include <memory>
#include <optional>

/// A parsed response as the test client saw it on the wire.
struct RawResponse
{
    int status = 0;
    QByteArray statusLine;
    QList<QPair<QByteArray, QByteArray>> headers;
    QByteArray body;

    QByteArray header(QByteArrayView name) const
    {
        for (const auto& h : headers) {
            if (h.first.compare(name, Qt::CaseInsensitive) == 0) {
                return h.second;
            }
        }
        return {};
    }
    bool hasHeader(QByteArrayView name) const
    {
        for (const auto& h : headers) {
            if (h.first.compare(name, Qt::CaseInsensitive) == 0) {
                return true;
            }
        }
        return false;
    }
    QJsonObject json() const { return QJsonDocument::fromJson(body).object(); }
    QString code() const { return json().value(QStringLiteral("code")).toString(); }
};

/// A raw HTTP/1.1 client over a real loopback socket. The servers under test run in their own threads, so
/// blocking waits here (bounded by timeouts) never starve them.
class HttpTestClient
{
public:
    bool connectTo(quint16 port, int timeoutMs = 5000)
    {
        m_socket = std::make_unique<QTcpSocket>();
        m_socket->connectToHost(QHostAddress(QHostAddress::LocalHost), port);
        return m_socket->waitForConnected(timeoutMs);
    }
    void send(const QByteArray& bytes)
    {
        m_socket->write(bytes);
        m_socket->flush();
    }
    QTcpSocket* socket() { return m_socket.get(); }

    /// Reads one response (Content-Length framed; no body for HEAD, 204 and 304).
    std::optional<RawResponse> readResponse(int timeoutMs = 5000, bool headRequest = false)
    {
        QElapsedTimer timer;
        timer.start();
        qsizetype headEnd = -1;
        while ((headEnd = m_buffer.indexOf("\r\n\r\n")) < 0) {
            if (!fill(timeoutMs - timer.elapsed())) {
                return std::nullopt;
            }
        }
        RawResponse r;
        const QList<QByteArray> lines = m_buffer.left(headEnd).split('\n');
        r.statusLine = lines.value(0).trimmed();
        r.status = r.statusLine.split(' ').value(1).toInt();
        for (qsizetype i = 1; i < lines.size(); ++i) {
            const QByteArray line = lines.at(i).trimmed();
            const qsizetype colon = line.indexOf(':');
            if (colon > 0) {
                r.headers.append({line.left(colon), line.mid(colon + 1).trimmed()});
            }
        }
        m_buffer.remove(0, headEnd + 4);
        const qsizetype length =
            (headRequest || r.status == 204 || r.status == 304) ? 0 : r.header("Content-Length").toLongLong();
        while (m_buffer.size() < length) {
            if (!fill(timeoutMs - timer.elapsed())) {
                return std::nullopt;
            }
        }
        r.body = m_buffer.left(length);
        m_buffer.remove(0, length);
        return r;
    }

    /// True when the server closed the connection (EOF) within the timeout; data read meanwhile is kept.
    bool waitForClosed(int timeoutMs = 5000)
    {
        QElapsedTimer timer;
        timer.start();
        while (m_socket->state() == QAbstractSocket::ConnectedState && timer.elapsed() < timeoutMs) {
            if (!m_socket->waitForReadyRead(std::max<qint64>(1, timeoutMs - timer.elapsed()))) {
                if (m_socket->state() != QAbstractSocket::ConnectedState) {
                    break;
                }
            }
            m_buffer.append(m_socket->readAll());
        }
        m_buffer.append(m_socket->readAll());
        return m_socket->state() != QAbstractSocket::ConnectedState;
    }

    /// One request on a fresh connection.
    static std::optional<RawResponse> request(quint16 port, const QByteArray& method, const QByteArray& path,
                                              const QList<QPair<QByteArray, QByteArray>>& headers = {},
                                              const QByteArray& body = {})
    {
        HttpTestClient client;
        if (!client.connectTo(port)) {
            return std::nullopt;
        }
        client.send(build(method, path, headers, body));
        return client.readResponse(10000, method == "HEAD");
    }

    static QByteArray build(const QByteArray& method, const QByteArray& path,
                            const QList<QPair<QByteArray, QByteArray>>& headers = {}, const QByteArray& body = {})
    {
        QByteArray out = method + ' ' + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\n";
        for (const auto& h : headers) {
            out += h.first + ": " + h.second + "\r\n";
        }
        if (!body.isEmpty() || method == "POST") {
            out += "Content-Length: " + QByteArray::number(body.size()) + "\r\n";
        }
        out += "\r\n" + body;
        return out;
    }

private:
    bool fill(qint64 remainingMs)
    {
        if (m_socket->bytesAvailable() == 0 &&
            (remainingMs <= 0 || !m_socket->waitForReadyRead(static_cast<int>(remainingMs)))) {
            return false;
        }
        m_buffer.append(m_socket->readAll());
        return true;
    }

    std::unique_ptr<QTcpSocket> m_socket;
    QByteArray m_buffer;
};
