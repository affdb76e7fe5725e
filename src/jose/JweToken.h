// SPDX-License-Identifier: MIT
#pragma once

#include "core/JsonText.h"
#include "core/Result.h"

#include <QByteArray>
#include <QJsonObject>
#include <QList>

/// One recipient of a JWE (RFC 7516 §7.2.1): its unprotected header and encrypted key.
struct JweRecipient
{
    QJsonObject header;      // per-recipient unprotected header ("header"); empty in the compact form
    QByteArray encryptedKey; // decoded
};

/// A JWE in any serialisation (RFC 7516 §7.1 compact, §7.2.1 general JSON, §7.2.2 flattened JSON), decoded but
/// neither decrypted nor authenticated. parse() checks the structure only: parts and members present, base64url
/// valid, the protected header a JSON object without duplicate names, and the three headers' names disjoint
/// (RFC 7516 §7.2.1). Errors are ERR_JWE_INVALID with reason "structure" or "header" (for the step they belong to),
/// or ERR_INPUT_TOO_LARGE.
class JweToken
{
public:
    enum class Serialization
    {
        Compact,
        JsonFlattened,
        JsonGeneral,
    };
    static constexpr qsizetype kMaxLength = 1024 * 1024;

    /// How a compact token's protected header is kept.
    enum class HeaderForm
    {
        Object,   ///< parsed into protectedHeader
        Deferred, ///< when Qt would read it exactly as the strict scan does (printable ASCII, no escapes, no
                  ///< numbers): only protectedMembers, as written; protectedHeader stays empty
                  ///< (protectedHeaderDeferred). The decryption reads the members; the checks are the same.
    };

    /// Compact (five dot-separated parts) or JSON (an object with "ciphertext"). Surrounding whitespace is ignored.
    /// `form` applies to the compact serialisation; JSON serialisations always get protectedHeader.
    static Result<JweToken> parse(QByteArrayView text, HeaderForm form = HeaderForm::Object);
    /// Five parts, or a JSON object with a "ciphertext" member: what the workbench and `decode` call a JWE.
    static bool looksLikeJwe(QByteArrayView text);

    Serialization serialization = Serialization::Compact;
    QByteArray protectedText;  // BASE64URL(UTF8(JWE Protected Header)) exactly as received (may be empty in JSON)
    QByteArray protectedBytes; // decoded
    QJsonObject protectedHeader;
    QList<JsonMember> protectedMembers; // the protected header's members as written (filled when deferred)
    bool protectedHeaderDeferred = false;
    QJsonObject sharedUnprotected; // "unprotected" (JSON only)
    QList<JweRecipient> recipients;
    QByteArray iv, ciphertext, tag;
    QByteArray aadText; // "aad" exactly as received (JSON only)
    bool hasAad = false;

    /// protectedHeader, or, when deferred, the object parsed from protectedBytes.
    QJsonObject protectedObject() const;
    /// The JOSE Header for one recipient: the union of protected, shared and per-recipient members.
    QJsonObject joseHeader(int recipient) const;
    /// RFC 7516 §5.2 step 14: ASCII(protectedText), then '.' || ASCII(aadText) when "aad" is present.
    QByteArray additionalAuthenticatedData() const;
};
