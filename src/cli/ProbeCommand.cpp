// SPDX-License-Identifier: MIT
#include "cli/ProbeCommand.h"

#include "cli/CliWorkspace.h"
#include "cli/KeySource.h"
#include "cli/RequestOptions.h"
#include "cli/SavedRequestOptions.h"
#include "core/DisplayText.h"
#include "jose/CompactToken.h"
#include "jose/TokenMutator.h"
#include "net/ProbeRunner.h"
#include "storage/AtomicFile.h"

namespace {

/// The public key the key-confusion rows use: the set's key for the token's kid and alg, else its first asymmetric
/// key.
std::optional<Jwk> keyForToken(const Jwks& keys, const QByteArray& token)
{
    const CompactToken parsed = CompactToken::parse(token);
    if (auto selected = keys.select({parsed.alg(), parsed.kid(), parsed.hasKid()}); selected)
        return selected.value();
    for (const Jwk& key : keys.keys()) {
        if (!key.isSymmetric())
            return key;
    }
    return std::nullopt;
}

void printList(CliContext& ctx)
{
    for (const MutationInfo& info : TokenMutator::catalogue())
        ctx.outLine(QStringLiteral("%1 %2 %3  (%4)")
                        .arg(info.id, -28)
                        .arg(severityName(info.severity), -6)
                        .arg(info.description, info.reference));
}

void printText(const ProbeReport& report, CliContext& ctx)
{
    ctx.outLine(QStringLiteral("control: %1%2")
                    .arg(report.control.received ? QString::number(report.control.status) : QStringLiteral("no answer"),
                         report.control.accepted ? QStringLiteral(" accepted")
                                                 : QStringLiteral(" NOT accepted: %1 (inconclusive)")
                                                       .arg(DisplayText::escapeControls(report.control.error))));
    if (report.rows.isEmpty())
        return;
    ctx.outLine(QStringLiteral("%1 %2 %3 %4 %5")
                    .arg(QStringLiteral("VERDICT"), -10)
                    .arg(QStringLiteral("ID"), -40)
                    .arg(QStringLiteral("SEVERITY"), -8)
                    .arg(QStringLiteral("STATUS"), -6)
                    .arg(QStringLiteral("WHY / NOTE")));
    for (const ProbeRow& row : report.rows) {
        ctx.outLine(QStringLiteral("%1 %2 %3 %4 %5")
                        .arg(ProbeReport::verdictName(row.verdict), -10)
                        .arg(row.label(), -40)
                        .arg(severityName(row.info.severity), -8)
                        .arg(row.received ? QString::number(row.status) : QStringLiteral("-"), -6)
                        .arg(row.diagnosisText()));
    }
    ctx.outLine(report.summaryLine());
    for (const ProbeRow& row : report.rows) {
        if (row.verdict == ProbeVerdict::Vulnerable || row.verdict == ProbeVerdict::Unexpected)
            ctx.outLine(
                QStringLiteral("%1 %2: %3 [%4]")
                    .arg(ProbeReport::verdictName(row.verdict), row.label(), row.info.reason, row.info.reference));
    }
}

} // namespace

int ProbeCommand::run(const QStringList& arguments, CliContext& ctx)
{
    QCommandLineParser parser;
    const RequestOptions requestOptions(RequestOptions::Mode::Probe);
    requestOptions.addTo(parser);
    const QCommandLineOption token(QStringLiteral("token"),
                                   QStringLiteral("The valid token the control request sends (@FILE reads a file, - "
                                                  "stdin). With --item: default the item's own auth."),
                                   QStringLiteral("T"));
    const SavedRequestOptions saved(
        QStringLiteral("Probe the saved request at PATH (\"Collection/Folder/Request\") with what it inherits."));
    saved.addTo(parser);
    const QCommandLineOption signingKey(QStringLiteral("signing-key"),
                                        QStringLiteral("The issuer's private key (PEM, JWK) or HMAC secret file: claim "
                                                       "rows are re-signed with it, else skipped."),
                                        QStringLiteral("FILE"));
    const QCommandLineOption publicKey(QStringLiteral("public-key"),
                                       QStringLiteral("The issuer's public key (PEM, JWK) for the key-confusion rows."),
                                       QStringLiteral("FILE"));
    const QCommandLineOption jwks(QStringLiteral("jwks"), QStringLiteral("The issuer's JWK Set (file or URL)."),
                                  QStringLiteral("FILE|URL"));
    const QCommandLineOption issuer(QStringLiteral("issuer"),
                                    QStringLiteral("The issuer: its keys through OpenID discovery."),
                                    QStringLiteral("URL"));
    const QCommandLineOption only(QStringLiteral("only"), QStringLiteral("Run only these mutation ids (repeatable)."),
                                  QStringLiteral("ID,..."));
    const QCommandLineOption skip(QStringLiteral("skip"), QStringLiteral("Leave out these mutation ids (repeatable)."),
                                  QStringLiteral("ID,..."));
    const QCommandLineOption concurrency(
        QStringLiteral("concurrency"), QStringLiteral("Requests in flight at once (default 4)."), QStringLiteral("N"));
    const QCommandLineOption acceptStatus(QStringLiteral("accept-status"),
                                          QStringLiteral("Statuses that mean \"accepted\" (default: the control's "
                                                         "status class)."),
                                          QStringLiteral("LIST"));
    const QCommandLineOption rejectBody(QStringLiteral("reject-body-match"),
                                        QStringLiteral("A body matching REGEX means \"rejected\" whatever the status."),
                                        QStringLiteral("REGEX"));
    const QCommandLineOption json(QStringLiteral("json"), QStringLiteral("Print the results as JSON."));
    const QCommandLineOption junit(QStringLiteral("junit-out"), QStringLiteral("Write JUnit XML to FILE."),
                                   QStringLiteral("FILE"));
    const QCommandLineOption strict(QStringLiteral("strict"), QStringLiteral("weak rows fail too (exit 1)."));
    const QCommandLineOption list(QStringLiteral("list"), QStringLiteral("List every mutation id and exit."));
    parser.addOptions({token, signingKey, publicKey, jwks, issuer, only, skip, concurrency, acceptStatus, rejectBody,
                       json, junit, strict, list});
    if (const int r =
            parse(parser, arguments, ctx,
                  QStringLiteral("probe METHOD URL --token T [-H 'K: V']... [--data D] | probe --item PATH "
                                 "[--workspace DIR] [--env NAME] [--env-var K=V]... [--token T] [--signing-key FILE] "
                                 "[--public-key FILE | --jwks FILE|URL | --issuer URL] [--only ID,...] "
                                 "[--skip ID,...] [--concurrency N] [--timeout MS] [--accept-status LIST] "
                                 "[--reject-body-match REGEX] [--json] [--junit-out F] [--strict] | probe "
                                 "--list"));
        r >= 0)
        return r;
    if (parser.isSet(list)) {
        printList(ctx);
        return ExitOk;
    }

    ProbeOptions options;
    // The request: a saved item, or METHOD URL with -H/--data.
    if (saved.itemSet(parser)) {
        if (!parser.positionalArguments().isEmpty())
            return ctx.usage(QStringLiteral("--item probes a saved request: no METHOD or URL"));
        CliWorkspace w;
        auto loaded = saved.load(parser, w, ctx);
        if (!loaded)
            return ctx.fail(loaded.error());
        options.request = loaded.value();
    } else {
        if (saved.itemOnlyOptionSet(parser))
            return ctx.usage(QStringLiteral("--env, --env-var and --workspace go with --item"));
        if (!parser.isSet(token))
            return ctx.usage(
                QStringLiteral("give the valid token with --token (or probe a saved request with --item)"));
        auto spec = requestOptions.build(parser, parser.positionalArguments(), ctx);
        if (!spec)
            return ctx.fail(spec.error());
        options.request.request = spec.value();
        options.request.auth.type = AuthConfig::Type::None;
    }
    const HttpRequestSpec& built = options.request.request;
    options.timeoutMs = built.timeoutMs > 0 ? built.timeoutMs : 10000;
    if (parser.isSet(token)) {
        // @FILE and "-" keep the token out of the process list.
        QString value = parser.value(token);
        if (value == QLatin1String("-") || value.startsWith(QLatin1Char('@'))) {
            auto read = ctx.readInput(value == QLatin1String("-") ? value : value.mid(1), CompactToken::kMaxLength);
            if (!read)
                return ctx.fail(read.error());
            value = QString::fromUtf8(read.value());
        }
        options.input.token = CompactToken::normalise(value.toUtf8());
        if (options.input.token.isEmpty())
            return ctx.usage(QStringLiteral("--token is empty"));
    }

    // Keys.
    const int keySources = int(parser.isSet(publicKey)) + int(parser.isSet(jwks)) + int(parser.isSet(issuer));
    if (keySources > 1)
        return ctx.usage(QStringLiteral("give only one of --public-key, --jwks and --issuer"));
    const QString caFile = requestOptions.clientOptions(parser).tls.caFile;
    if (parser.isSet(signingKey)) {
        KeySource::Request request;
        request.location = parser.value(signingKey);
        request.caFile = caFile;
        request.passphrase = qgetenv("TOKENSCOPE_PASSPHRASE");
        auto loaded = KeySource::load(request, ctx);
        const bool hmacToken = CompactToken::parse(options.input.token).alg().startsWith(QLatin1String("HS"));
        if (loaded && !loaded->keys.isEmpty()) {
            options.input.signingKey = loaded->keys.keys().constFirst();
        } else if (hmacToken) {
            // An HMAC secret is often kept as the bare bytes: the file's content without its line end.
            auto bytes = ctx.readInput(request.location);
            if (!bytes)
                return ctx.fail(bytes.error());
            QByteArray secret = bytes.value();
            while (secret.endsWith('\n') || secret.endsWith('\r'))
                secret.chop(1);
            options.input.signingKey = Jwk::fromSecret(secret);
        } else {
            return ctx.fail(loaded ? Error(ErrorCode::JwkInvalid, QStringLiteral("--signing-key: no key"))
                                   : loaded.error());
        }
    }
    if (keySources == 1) {
        KeySource::Request request;
        request.issuer = parser.isSet(issuer);
        request.wantSet = !parser.isSet(publicKey);
        request.location = parser.isSet(issuer) ? parser.value(issuer)
                           : parser.isSet(jwks) ? parser.value(jwks)
                                                : parser.value(publicKey);
        request.caFile = caFile;
        auto loaded = KeySource::load(request, ctx);
        if (!loaded)
            return ctx.fail(loaded.error());
        if (!loaded->single)
            options.diagnosisKeys = loaded->keys; // one key: the runner gives it the token's kid
        options.input.publicKey = loaded->single && !loaded->keys.isEmpty()
                                      ? std::optional<Jwk>(loaded->keys.keys().constFirst())
                                      : keyForToken(loaded->keys, options.input.token);
    }

    // Which rows.
    const QStringList onlyIds = listValues(parser, only);
    const QStringList skipIds = listValues(parser, skip);
    QStringList unknown;
    for (const QString& id : onlyIds + skipIds) {
        if (!TokenMutator::find(id) && !unknown.contains(id))
            unknown.append(id);
    }
    if (!unknown.isEmpty())
        return ctx.usage(QStringLiteral("unknown mutation id: %1 (see: tokenscope-cli probe --list)")
                             .arg(CliWorkspace::printable(unknown.join(QStringLiteral(", ")))));
    if (!skipIds.isEmpty() || !onlyIds.isEmpty()) {
        for (const MutationInfo& info : TokenMutator::catalogue()) {
            if ((onlyIds.isEmpty() || onlyIds.contains(info.id)) && !skipIds.contains(info.id))
                options.ids.append(info.id);
        }
        if (options.ids.isEmpty())
            return ctx.usage(QStringLiteral("--only and --skip leave no mutation to run"));
    }

    if (parser.isSet(concurrency)) {
        bool ok = false;
        options.concurrency = parser.value(concurrency).toInt(&ok);
        if (!ok || options.concurrency < 1 || options.concurrency > 64)
            return ctx.usage(QStringLiteral("--concurrency needs a number from 1 to 64"));
    }
    for (const QString& value : listValues(parser, acceptStatus)) {
        bool ok = false;
        const int status = value.toInt(&ok);
        if (!ok || status < 100 || status > 599)
            return ctx.usage(QStringLiteral("--accept-status needs HTTP statuses (100-599), e.g. 200,204"));
        options.acceptStatuses.append(status);
    }
    options.rejectBodyPattern = parser.value(rejectBody);

    ProbeRunner runner;
    runner.setClientOptions(requestOptions.clientOptions(parser));
    auto report = ProbeRunner::runAndWait(runner, options);
    if (!report)
        return ctx.fail(report.error());

    if (parser.isSet(junit)) {
        if (auto written = AtomicFile::write(parser.value(junit), report->toJUnit(parser.isSet(strict))); !written)
            return ctx.fail(written.error());
    }
    if (parser.isSet(json))
        ctx.outJson(report->toJson());
    else
        printText(report.value(), ctx);
    if (report->error)
        return ctx.fail(report->error.value());
    if (report->inconclusive())
        return ExitInconclusive;
    return report->hasFailures(parser.isSet(strict)) ? ExitInvalid : ExitOk;
}
