// SPDX-License-Identifier: MIT
#pragma once

#include "Error.h"

#include <QByteArray>
#include <QObject>
#include <QPointer>
#include <QUrl>

class QNetworkAccessManager;
class QNetworkReply;

/// Fetches a JWK Set from a URL, or an issuer's OpenID discovery document (`iss` +
/// `/.well-known/openid-configuration`, OpenID Connect Discovery 1.0 §4) and then its `jwks_uri`. Only ever
/// started by an explicit click: decoding and verifying never touch the network. Responses are capped at 1 MiB.
/// To be replaced by the net layer's client once src/net has one.
class JwksFetcher : public QObject
{
    Q_OBJECT

public:
    static constexpr qint64 kMaxResponseSize = 1024 * 1024;
    explicit JwksFetcher(QObject* parent = nullptr);

    void fetchJwks(const QUrl& url);
    void fetchDiscovery(const QString& issuer);
    void cancel();
    bool isBusy() const { return !m_reply.isNull(); }
    static QUrl discoveryUrl(const QString& issuer);

Q_SIGNALS:
    void progress(const QString& message);
    void jwksFetched(const QByteArray& document, const QUrl& url);
    void failed(const Error& error);

private:
    enum class Stage
    {
        Discovery,
        Jwks
    };
    void start(const QUrl& url, Stage stage);
    void onFinished();

    QNetworkAccessManager* m_manager;
    QPointer<QNetworkReply> m_reply;
    Stage m_stage = Stage::Jwks;
};
