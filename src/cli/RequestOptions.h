// SPDX-License-Identifier: MIT
#pragma once

#include "cli/CliContext.h"
#include "net/HttpClient.h"
#include "request/HttpRequestSpec.h"

#include <QCommandLineOption>
#include <QCommandLineParser>

/// The request options shared by `request` and `snippet`: METHOD URL [-H 'K: V']... [--data D | --json J]
/// [--bearer TOKEN] [-u USER:PASSWORD] [--insecure] [--timeout MS] [--no-follow] and the TLS files.
/// Mirrors curl where it can: --data without a Content-Type sends application/x-www-form-urlencoded, --json sets
/// Content-Type and Accept to application/json; `@file` reads a data argument from a file ("@-": stdin).
class RequestOptions
{
public:
    /// Request: every option. Probe (`probe`): no --json, --bearer or -u (the probe's --json is its output format
    /// and the token comes from --token), and --timeout is per request with the probe's default.
    enum class Mode
    {
        Request,
        Probe
    };
    explicit RequestOptions(Mode mode = Mode::Request);
    void addTo(QCommandLineParser& parser) const;
    static QString usage();

    /// `positional` = METHOD URL. Errors: ERR_USAGE, ERR_IO.
    Result<HttpRequestSpec> build(const QCommandLineParser& parser, const QStringList& positional,
                                  CliContext& ctx) const;
    /// TLS files and the like for HttpClient.
    HttpClientOptions clientOptions(const QCommandLineParser& parser) const;

private:
    Mode m_mode;
    QCommandLineOption m_header;
    QCommandLineOption m_data;
    QCommandLineOption m_json;
    QCommandLineOption m_bearer;
    QCommandLineOption m_user;
    QCommandLineOption m_insecure;
    QCommandLineOption m_timeout;
    QCommandLineOption m_noFollow;
    QCommandLineOption m_caCert;
    QCommandLineOption m_cert;
    QCommandLineOption m_key;
};
