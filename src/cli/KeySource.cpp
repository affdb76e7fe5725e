// SPDX-License-Identifier: MIT
#include "cli/KeySource.h"

#include "jose/KeyText.h"

Result<KeySource::Loaded> KeySource::load(const Request& request, CliContext& ctx)
{
    QString source = request.location;
    QByteArray text;
    if (request.issuer || (request.wantSet && RemoteKeys::looksLikeUrl(source))) {
        auto fetched = ctx.fetchKeySet(source, request.issuer, request.caFile);
        if (!fetched) {
            return fetched.error();
        }
        for (const auto& warning : fetched->warnings) {
            ctx.errLine(QStringLiteral("tokenscope-cli: warning: %1").arg(warning));
        }
        if (request.issuer) {
            source = fetched->url; // the jwks_uri the discovery document named
        }
        // Parsed below like a file, so the import options and the form checks apply the same way.
        text = fetched->body;
    } else {
        auto read = ctx.readInput(source, KeyText::kMaxSize);
        if (!read) {
            return read.error();
        }
        text = read.value();
    }
    auto parsed = KeyText::parse(text, request.passphrase, request.importOptions);
    if (!parsed) {
        return Error(parsed.error().code, QStringLiteral("%1: %2").arg(source, parsed.error().message));
    }
    Loaded loaded;
    loaded.keys = parsed->keys;
    loaded.single = parsed->format != ParsedKeyText::Format::JwkSet;
    if (request.wantSet && loaded.single) {
        return Error(ErrorCode::JwksInvalid,
                     QStringLiteral("%1 is a single key, not a JWK Set (use --jwk)").arg(source));
    }
    if (!request.wantSet && !loaded.single) {
        return Error(ErrorCode::JwkInvalid, QStringLiteral("%1 is a JWK Set (%2)").arg(source, request.setAdvice));
    }
    loaded.description = loaded.single && !loaded.keys.isEmpty()
                             ? QStringLiteral("%1 key from %2").arg(loaded.keys.keys().first().ktyName(), source)
                             : QStringLiteral("JWK Set from %1 (%2 keys)").arg(source).arg(loaded.keys.keys().size());
    for (const auto& r : loaded.keys.rejected()) {
        ctx.errLine(QStringLiteral("tokenscope-cli: warning: key %1 of %2 skipped: %3")
                        .arg(r.index)
                        .arg(source, r.error.toString()));
    }
    return loaded;
}
