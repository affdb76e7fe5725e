// SPDX-License-Identifier: MIT
#include "cli/JwksCommand.h"

#include "cli/TokenReport.h"
#include "jose/JwksDiff.h"
#include "jose/KeySetAnalysis.h"
#include "net/RemoteJwksFetcher.h"

#include <QJsonArray>
#include <QUrl>

namespace {
QString sizeText(const Jwk& k)
{
    return JwkSummary::sizeText(k);
}

QJsonObject keyJson(const Jwk& k)
{
    return JwkSummary::of(k).toJson();
}

// What `jwks show` loaded, and from where.
struct LoadedSet
{
    KeySetAnalysis analysis;
    QString origin;
    std::optional<OidcDiscovery> discovery;
    bool tlsVerificationDisabled = false;
    bool plainHttpJwksUri = false;
};

// Loads a set from a file, a URL, or an issuer's discovery document (OpenID Connect Discovery 1.0 §4) through the
// same engine as the GUI's Keys workspace: RemoteJwksFetcher for the network, KeySetAnalysis for files.
// --insecure is the one explicit switch for insecure loads, as in the GUI: no certificate verification, and an https
// discovery document may name a plain-http jwks_uri. Both are reported on stderr.
Result<LoadedSet> loadSet(const QString& source, bool issuer, bool insecure, const QString& caFile, CliContext& ctx)
{
    LoadedSet loaded;
    loaded.origin = source;
    if (issuer || RemoteJwksFetcher::looksLikeUrl(source)) {
        JwksFetchOptions options;
        options.verifyTls = !insecure;
        options.allowPlainHttpJwksUri = insecure;
        options.caFile = caFile;
        options.useCache = false;
        auto fetched = RemoteJwksFetcher::fetchBlocking(source, issuer, options);
        if (!fetched) {
            return fetched.error();
        }
        for (const auto& warning : fetched->warnings) {
            ctx.errLine(QStringLiteral("tokenscope-cli: warning: %1").arg(warning));
        }
        if (fetched->tlsVerificationDisabled) {
            ctx.errLine(QStringLiteral("tokenscope-cli: warning: TLS certificate verification is OFF (--insecure)"));
            for (const auto& problem : fetched->ignoredTlsProblems) {
                ctx.errLine(
                    QStringLiteral("tokenscope-cli: warning: verification would have refused: %1").arg(problem));
            }
        }
        loaded.analysis = fetched->analysis;
        loaded.origin = fetched->url.toString();
        loaded.discovery = fetched->discovery;
        loaded.tlsVerificationDisabled = fetched->tlsVerificationDisabled;
        loaded.plainHttpJwksUri = fetched->plainHttpJwksUri;
        return loaded;
    }
    auto read = ctx.readInput(source, KeyText::kMaxSize);
    if (!read) {
        return read.error();
    }
    auto analysis = KeySetAnalysis::analyse(read.value());
    if (!analysis) {
        return Error(analysis.error().code, QStringLiteral("%1: %2").arg(source, analysis.error().message));
    }
    loaded.analysis = analysis.value();
    return loaded;
}
} // namespace

int JwksCommand::run(const QStringList& arguments, CliContext& ctx)
{
    QCommandLineParser parser;
    const QCommandLineOption lint(QStringLiteral("lint"), QStringLiteral("Report findings; exit 1 on a critical one."));
    const QCommandLineOption json(QStringLiteral("json"), QStringLiteral("Machine-readable output."));
    const QCommandLineOption issuer(QStringLiteral("issuer"),
                                    QStringLiteral("Find the set through the issuer's OIDC discovery document."),
                                    QStringLiteral("URL"));
    const QCommandLineOption insecure(QStringLiteral("insecure"),
                                      QStringLiteral("Do not verify TLS certificates (test servers only; reported)."));
    const QCommandLineOption caCert(QStringLiteral("cacert"),
                                    QStringLiteral("Also trust the CA certificates in this PEM file."),
                                    QStringLiteral("FILE"));
    parser.addOptions({lint, json, issuer, insecure, caCert});
    parser.addPositionalArgument(QStringLiteral("action"), QStringLiteral("show or diff"));
    parser.addPositionalArgument(QStringLiteral("source"), QStringLiteral("FILE or URL (diff: OLD NEW)"));
    if (const int r =
            parse(parser, arguments, ctx,
                  QStringLiteral("jwks show (FILE|URL | --issuer URL) [--lint] [--json] [--insecure] [--cacert FILE] | "
                                 "jwks diff OLD NEW"));
        r >= 0) {
        return r;
    }
    const QStringList args = parser.positionalArguments();
    const QString action = args.value(0);
    if (action == QLatin1String("diff")) {
        if (args.size() != 3) {
            return ctx.usage(QStringLiteral("usage: jwks diff OLD NEW"));
        }
        auto before = loadSet(args[1], false, parser.isSet(insecure), parser.value(caCert), ctx);
        if (!before) {
            return ctx.fail(before.error());
        }
        auto after = loadSet(args[2], false, parser.isSet(insecure), parser.value(caCert), ctx);
        if (!after) {
            return ctx.fail(after.error());
        }
        const JwksDiff d = JwksDiff::compare(before->analysis.keys, after->analysis.keys);
        if (parser.isSet(json)) {
            QJsonArray added, removed, changed;
            for (const auto& k : d.added) {
                added.append(keyJson(k));
            }
            for (const auto& k : d.removed) {
                removed.append(keyJson(k));
            }
            for (const auto& c : d.changed) {
                changed.append(QJsonObject{{QStringLiteral("kid"), c.kid},
                                           {QStringLiteral("what"), QJsonArray::fromStringList(c.what)},
                                           {QStringLiteral("oldThumbprint"), c.oldThumbprint},
                                           {QStringLiteral("newThumbprint"), c.newThumbprint}});
            }
            ctx.outJson(QJsonObject{{QStringLiteral("added"), added},
                                    {QStringLiteral("removed"), removed},
                                    {QStringLiteral("changed"), changed},
                                    {QStringLiteral("unchanged"), d.unchanged}});
        } else {
            for (const auto& k : d.added) {
                ctx.outLine(QStringLiteral("+ %1  %2 %3  %4").arg(k.kid(), k.ktyName(), sizeText(k), k.thumbprint()));
            }
            for (const auto& k : d.removed) {
                ctx.outLine(QStringLiteral("- %1  %2 %3  %4").arg(k.kid(), k.ktyName(), sizeText(k), k.thumbprint()));
            }
            for (const auto& c : d.changed) {
                ctx.outLine(QStringLiteral("~ %1  changed: %2").arg(c.kid, c.what.join(QLatin1String(", "))));
            }
            ctx.outLine(QStringLiteral("%1 added, %2 removed, %3 changed, %4 unchanged")
                            .arg(d.added.size())
                            .arg(d.removed.size())
                            .arg(d.changed.size())
                            .arg(d.unchanged));
        }
        return d.isEmpty() ? ExitOk : ExitInvalid;
    }
    if (action != QLatin1String("show") || (args.size() != 2 && !(args.size() == 1 && parser.isSet(issuer)))) {
        return ctx.usage(QStringLiteral("usage: jwks show FILE|URL | jwks show --issuer URL | jwks diff OLD NEW"));
    }
    auto loaded = loadSet(parser.isSet(issuer) ? parser.value(issuer) : args[1], parser.isSet(issuer),
                          parser.isSet(insecure), parser.value(caCert), ctx);
    if (!loaded) {
        return ctx.fail(loaded.error());
    }
    const QString origin = loaded->origin;
    const Jwks* set = &loaded->analysis.keys;
    const LintFindings findings = parser.isSet(lint) ? loaded->analysis.findings : LintFindings();
    bool critical = false;
    for (const auto& f : findings) {
        critical = critical || f.severity == LintFinding::Severity::Critical;
    }
    if (parser.isSet(json)) {
        QJsonArray keys;
        for (const auto& k : set->keys()) {
            keys.append(keyJson(k));
        }
        QJsonArray rejected;
        for (const auto& r : set->rejected()) {
            rejected.append(QJsonObject{{QStringLiteral("index"), r.index},
                                        {QStringLiteral("kid"), r.kid},
                                        {QStringLiteral("code"), r.error.codeString()},
                                        {QStringLiteral("message"), r.error.message}});
        }
        QJsonObject o{
            {QStringLiteral("source"), origin}, {QStringLiteral("keys"), keys}, {QStringLiteral("rejected"), rejected}};
        if (parser.isSet(lint)) {
            o.insert(QStringLiteral("findings"), TokenReport::findingsJson(findings));
        }
        if (loaded->discovery) {
            o.insert(QStringLiteral("discovery"),
                     QJsonObject{{QStringLiteral("issuer"), loaded->discovery->advertisedIssuer},
                                 {QStringLiteral("issuerMatches"), loaded->discovery->issuerMatches()},
                                 {QStringLiteral("entraTenantTemplate"), loaded->discovery->isEntraTenantTemplate()},
                                 {QStringLiteral("jwks_uri"), loaded->discovery->jwksUri.toString()}});
        }
        if (loaded->tlsVerificationDisabled) {
            o.insert(QStringLiteral("tlsVerification"), false);
        }
        if (loaded->plainHttpJwksUri) {
            o.insert(QStringLiteral("plainHttpJwksUri"), true);
        }
        ctx.outJson(o);
    } else {
        ctx.outLine(QStringLiteral("%1: %2 usable key(s), %3 rejected")
                        .arg(origin)
                        .arg(set->keys().size())
                        .arg(set->rejected().size()));
        for (int i = 0; i < set->keys().size(); ++i) {
            const Jwk& k = set->keys()[i];
            ctx.outLine(QStringLiteral("  [%1] kid %2  %3 %4  alg %5  use %6%7  thumbprint %8")
                            .arg(i)
                            .arg(k.kid().isEmpty() ? QStringLiteral("(none)") : k.kid(), k.ktyName(), sizeText(k),
                                 k.alg().isEmpty() ? QStringLiteral("-") : k.alg(),
                                 k.use().isEmpty() ? QStringLiteral("-") : k.use(),
                                 k.isPrivate() ? QStringLiteral("  PRIVATE") : QString(), k.thumbprint()));
        }
        for (const auto& r : set->rejected()) {
            ctx.outLine(QStringLiteral("  [%1] rejected: %2").arg(r.index).arg(r.error.toString()));
        }
        if (parser.isSet(lint)) {
            ctx.outLine(findings.isEmpty() ? QStringLiteral("Findings: none") : QStringLiteral("Findings:"));
            if (!findings.isEmpty()) {
                ctx.outLine(TokenReport::findingsText(findings));
            }
        }
    }
    return critical ? ExitInvalid : ExitOk;
}
