// SPDX-License-Identifier: MIT
#pragma once

#include "core/Error.h"
#include "jose/Jwk.h"
#include "jose/VerificationStep.h"

#include <span>

/// The step-list bookkeeping shared by JwtVerifier and JweDecrypter: a fixed pipeline of steps (id, title), each
/// recorded in order; a failure marks every later pipeline step "not reached". Messages quote header values from the
/// token as received and reach logs and terminals, so control characters are escaped once here (issue 15 #5).
class StepRecorder
{
public:
    struct Step
    {
        QString id;
        QString title;
    };

    StepRecorder(VerificationSteps& steps, std::span<const Step> pipeline)
        : m_steps(steps)
        , m_pipeline(pipeline)
    {
    }

    void pass(int index, const QString& message = QString())
    {
        add(index, Status::Passed, ErrorCode::None, {}, message);
    }
    void info(int index, const QString& message) { add(index, Status::Info, ErrorCode::None, {}, message); }
    void skip(int index, const QString& message) { add(index, Status::Skipped, ErrorCode::None, {}, message); }
    /// Records the failure, marks the later pipeline steps as not reached and returns the error with its message
    /// escaped as recorded.
    Error fail(int index, const Error& error);
    /// The error as fail() returns it (its message escaped), for a caller that keeps no step list.
    static Error escaped(const Error& error);

    /// A key as step messages name it: "RSA 2048-bit kid \"a\"", "EC P-256".
    static QString describeKey(const Jwk& key);

private:
    using Status = VerificationStep::Status;
    /// Appends the step; `message` is escaped here.
    void add(int index, Status status, ErrorCode code, const QString& reason, const QString& message);

    VerificationSteps& m_steps;
    std::span<const Step> m_pipeline;
};
