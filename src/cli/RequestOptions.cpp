// SPDX-License-Identifier: MIT
#include "cli/RequestOptions.h"

RequestOptions::RequestOptions(Mode mode)
    : m_mode(mode)
    , m_header({QStringLiteral("H"), QStringLiteral("header")}, QStringLiteral("Add a header \"Name: value\"."),
               QStringLiteral("HEADER"))
    , m_data({QStringLiteral("d"), QStringLiteral("data")},
             QStringLiteral("Request body as given (@file reads a file, @- stdin)."), QStringLiteral("DATA"))
    , m_json(QStringLiteral("json"), QStringLiteral("JSON request body (@file, @-)."), QStringLiteral("JSON"))
    , m_bearer(QStringLiteral("bearer"), QStringLiteral("Send Authorization: Bearer TOKEN (RFC 6750 §2.1)."),
               QStringLiteral("TOKEN"))
    , m_user({QStringLiteral("u"), QStringLiteral("user")}, QStringLiteral("Basic authentication."),
             QStringLiteral("USER:PASSWORD"))
    , m_insecure({QStringLiteral("k"), QStringLiteral("insecure")},
                 QStringLiteral("Do not verify the server's TLS certificate."))
    , m_timeout(QStringLiteral("timeout"),
                mode == Mode::Probe ? QStringLiteral("Give up on one request after MS milliseconds (default 10000).")
                                    : QStringLiteral("Give up after MS milliseconds (default 30000)."),
                QStringLiteral("MS"))
    , m_noFollow(QStringLiteral("no-follow"), QStringLiteral("Do not follow redirects."))
    , m_caCert(QStringLiteral("cacert"), QStringLiteral("Also trust the CA certificates in this PEM file."),
               QStringLiteral("FILE"))
    , m_cert(QStringLiteral("cert"), QStringLiteral("Client certificate (PEM; or PKCS#12 with a .p12/.pfx name)."),
             QStringLiteral("FILE"))
    , m_key(QStringLiteral("key"), QStringLiteral("Private key of the client certificate (PEM)."),
            QStringLiteral("FILE"))
{
}

void RequestOptions::addTo(QCommandLineParser& parser) const
{
    if (m_mode == Mode::Request)
        parser.addOptions(
            {m_header, m_data, m_json, m_bearer, m_user, m_insecure, m_timeout, m_noFollow, m_caCert, m_cert, m_key});
    else
        parser.addOptions({m_header, m_data, m_insecure, m_timeout, m_noFollow, m_caCert, m_cert, m_key});
    parser.addPositionalArgument(QStringLiteral("method"), QStringLiteral("GET, POST, ... (or a custom method)."));
    parser.addPositionalArgument(QStringLiteral("url"), QStringLiteral("http:// or https:// URL."));
}

QString RequestOptions::usage()
{
    return QStringLiteral("METHOD URL [-H 'K: V']... [--data D | --json J] [--bearer TOKEN] [-u USER:PASS] "
                          "[--insecure] [--timeout MS] [--no-follow] [--cacert F] [--cert F [--key F]]");
}

Result<HttpRequestSpec> RequestOptions::build(const QCommandLineParser& parser, const QStringList& positional,
                                              CliContext& ctx) const
{
    if (positional.size() != 2)
        return Error(ErrorCode::Usage, QStringLiteral("expected METHOD and URL"));
    // Options of the other mode are not in the parser (isSet() would warn about them).
    const bool request = m_mode == Mode::Request;
    const bool jsonSet = request && parser.isSet(m_json);
    if (parser.isSet(m_data) && jsonSet)
        return Error(ErrorCode::Usage, QStringLiteral("--data and --json are exclusive"));
    HttpRequestSpec spec;
    spec.method = positional.at(0);
    spec.url = positional.at(1);
    spec.syncQueryFromUrl();
    for (const QString& header : parser.values(m_header)) {
        const qsizetype colon = header.indexOf(QLatin1Char(':'));
        if (colon <= 0)
            return Error(ErrorCode::Usage, QStringLiteral("header \"%1\" is not \"Name: value\"").arg(header));
        spec.headers.append({header.left(colon).trimmed(), header.mid(colon + 1).trimmed(), true});
    }
    auto readData = [&ctx](const QString& value) -> Result<QString> {
        if (!value.startsWith(QLatin1Char('@')))
            return value;
        auto bytes = ctx.readInput(value.mid(1));
        if (!bytes)
            return bytes.error();
        return QString::fromUtf8(bytes.value());
    };
    if (parser.isSet(m_data) || jsonSet) {
        auto body = readData(parser.value(parser.isSet(m_data) ? m_data : m_json));
        if (!body)
            return body.error();
        spec.bodyKind = HttpRequestSpec::BodyKind::Raw;
        spec.rawBody = body.value();
        if (jsonSet) {
            spec.rawType = HttpRequestSpec::RawType::Json;
            if (!spec.hasHeader(QStringLiteral("Accept")))
                spec.headers.append({QStringLiteral("Accept"), QStringLiteral("application/json"), true});
        } else {
            spec.rawType = HttpRequestSpec::RawType::Text;
            if (!spec.hasHeader(QStringLiteral("Content-Type")))
                spec.headers.append(
                    {QStringLiteral("Content-Type"), QStringLiteral("application/x-www-form-urlencoded"), true});
        }
    }
    if (request && parser.isSet(m_bearer)) {
        spec.auth.kind = HttpRequestSpec::AuthKind::Bearer;
        spec.auth.token = parser.value(m_bearer).trimmed();
    } else if (request && parser.isSet(m_user)) {
        const QString user = parser.value(m_user);
        spec.auth.kind = HttpRequestSpec::AuthKind::Basic;
        spec.auth.username = user.section(QLatin1Char(':'), 0, 0);
        spec.auth.password = user.section(QLatin1Char(':'), 1);
    }
    spec.verifyTls = !parser.isSet(m_insecure);
    spec.followRedirects = !parser.isSet(m_noFollow);
    if (parser.isSet(m_timeout)) {
        bool ok = false;
        spec.timeoutMs = parser.value(m_timeout).toInt(&ok);
        if (!ok || spec.timeoutMs <= 0)
            return Error(ErrorCode::Usage, QStringLiteral("--timeout needs a positive number of milliseconds"));
    }
    return spec;
}

HttpClientOptions RequestOptions::clientOptions(const QCommandLineParser& parser) const
{
    HttpClientOptions options;
    options.tls.caFile = parser.value(m_caCert);
    const QString cert = parser.value(m_cert);
    if (cert.endsWith(QLatin1String(".p12"), Qt::CaseInsensitive) ||
        cert.endsWith(QLatin1String(".pfx"), Qt::CaseInsensitive)) {
        options.tls.pkcs12File = cert;
        options.tls.keyPassphrase = qgetenv("TOKENSCOPE_CERT_PASSWORD");
    } else {
        options.tls.clientCertFile = cert;
        options.tls.clientKeyFile = parser.value(m_key);
    }
    return options;
}
