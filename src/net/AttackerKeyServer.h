// SPDX-License-Identifier: MIT
#pragma once

#include "core/Result.h"

#include <QByteArray>
#include <QString>

#include <memory>

class HttpTransport;

/// The token probe's "attacker" host (issue 13, rows jku-attacker and x5u-attacker): serves the attacker's JWK Set
/// at /jwks.json and the attacker's certificate (PEM) at /cert.pem on an ephemeral loopback port, with the `http`
/// transport, and records whether anything fetched them. An API that fetches a key set a token's `jku` or `x5u`
/// names without checking it against an allowlist lets anyone sign tokens it accepts (RFC 8725 §3.10; RFC 7515
/// §4.1.2 and §4.1.5 require the URL to be trusted). Only reachable by an API on the same machine.
class AttackerKeyServer
{
public:
    AttackerKeyServer();
    ~AttackerKeyServer();
    AttackerKeyServer(const AttackerKeyServer&) = delete;
    AttackerKeyServer& operator=(const AttackerKeyServer&) = delete;

    /// Binds 127.0.0.1 on a free port and serves. Errors: ERR_IO.
    Result<void> start(const QByteArray& jwksJson, const QByteArray& certificatePem);
    /// Replaces the documents served (the probe binds first, so its tokens can name the URLs, and sets the keys
    /// once they are generated).
    void setDocuments(const QByteArray& jwksJson, const QByteArray& certificatePem);
    void stop();
    bool isRunning() const;

    /// "http://127.0.0.1:<port>/jwks.json"; empty when not running.
    QString jwksUrl() const;
    /// "http://127.0.0.1:<port>/cert.pem"; empty when not running.
    QString certificateUrl() const;
    /// Counts of GETs of each document since start() (thread-safe: the transport answers on its own thread).
    int jwksFetches() const;
    int certificateFetches() const;
    /// Every request, including those for other paths.
    int requestCount() const;

private:
    struct State;
    QString url(const char* path) const;

    std::shared_ptr<State> m_state;
    std::unique_ptr<HttpTransport> m_transport;
};
