// SPDX-License-Identifier: MIT
#include "server/DpopVerifier.h"

DpopVerifier::DpopVerifier(DpopMode mode, QString baseUrl, const Clock* clock)
    : m_mode(mode)
    , m_baseUrl(std::move(baseUrl))
    , m_clock(clock)
{
    if (m_baseUrl.endsWith(QLatin1Char('/'))) {
        m_baseUrl.chop(1);
    }
}

DpopVerifier::Outcome DpopVerifier::check(const HttpRequest& request, const QByteArray& accessToken) const
{
    Outcome outcome;
    const QList<QByteArray> headers = request.headerValues("DPoP");
    if (headers.isEmpty() || m_mode == DpopMode::Off) {
        return outcome;
    }
    outcome.present = true;
    if (headers.size() > 1) {
        outcome.error = Error(ErrorCode::JwsInvalid, QStringLiteral("more than one DPoP header"));
        return outcome;
    }
    DpopValidationOptions options;
    options.htm = QString::fromLatin1(request.method);
    options.htu = m_baseUrl + QString::fromLatin1(request.path);
    options.accessToken = accessToken;
    options.clock = m_clock;
    options.replayCache = &m_replay;
    auto info = DpopProof::validate(headers.first().trimmed(), options);
    if (!info) {
        outcome.error = info.error();
    } else {
        outcome.info = std::move(info).value();
    }
    return outcome;
}
