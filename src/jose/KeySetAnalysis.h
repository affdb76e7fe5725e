// SPDX-License-Identifier: MIT
#pragma once

#include "jose/JwkSummary.h"
#include "jose/KeyText.h"

/// Everything a key viewer shows about a key text: the parsed set (KeyText::parse, so a JWK Set, a JWK, a PEM
/// key or a certificate), a summary per usable key, the set's lint findings and each key's worst severity.
/// Pure and thread-safe: the GUI runs it on a worker thread for large documents; the CLI calls it directly.
/// Keys are imported as a viewer needs them: weak RSA and short HMAC keys load (and lint reports them).
class KeySetAnalysis
{
public:
    enum class Status
    {
        Ok,
        Warning,
        Critical
    };

    ParsedKeyText::Format format = ParsedKeyText::Format::JwkSet;
    Jwks keys;
    QList<JwkSummary> summaries; // parallel to keys.keys()
    QList<Status> statuses;      // parallel to keys.keys(): worst finding about the key
    LintFindings findings;

    /// Errors: those of KeyText::parse (ERR_JSON_INVALID, ERR_JWKS_INVALID, ERR_JWK_INVALID, ERR_PEM_INVALID,
    /// ERR_INPUT_TOO_LARGE, ...).
    static Result<KeySetAnalysis> analyse(const QByteArray& text, const QByteArray& passphrase = {});
    static KeySetAnalysis ofSet(const Jwks& keys, ParsedKeyText::Format format = ParsedKeyText::Format::JwkSet);
    /// The options analyse() imports with.
    static JwkImportOptions viewerImportOptions();

    bool hasCritical() const;
    static QString statusName(Status status); // "ok", "warning", "critical"
};
