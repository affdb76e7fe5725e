// SPDX-License-Identifier: MIT
#include "jose/StepRecorder.h"

#include "core/DisplayText.h"

Error StepRecorder::fail(int index, const Error& error)
{
    add(index, Status::Failed, error.code, error.reason, error.message);
    Error recorded = error;
    recorded.message = m_steps.last().message;
    for (int i = index + 1; i < int(m_pipeline.size()); ++i) {
        skip(i, QStringLiteral("not reached"));
    }
    return recorded;
}

Error StepRecorder::escaped(const Error& error)
{
    Error recorded = error;
    recorded.message = DisplayText::escapeControls(error.message);
    return recorded;
}

void StepRecorder::add(int index, Status status, ErrorCode code, const QString& reason, const QString& message)
{
    const Step& step = m_pipeline[size_t(index)];
    m_steps.append(
        VerificationStep{step.id, step.title, status, code, DisplayText::escapeControls(message), QString(), reason});
}

QString StepRecorder::describeKey(const Jwk& key)
{
    QString d = key.ktyName();
    if (key.curve()) {
        d += QLatin1Char(' ') + curveName(*key.curve());
    } else {
        d += QStringLiteral(" %1-bit").arg(key.bits());
    }
    if (!key.kid().isEmpty()) {
        d += QStringLiteral(" kid \"%1\"").arg(key.kid());
    }
    return d;
}
