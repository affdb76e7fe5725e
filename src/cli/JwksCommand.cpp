// SPDX-License-Identifier: MIT
#include "JwksCommand.h"

#include "Certificate.h"
#include "JsonText.h"
#include "JwksDiff.h"
#include "KeyText.h"
#include "TokenReport.h"
#include "UrlLoader.h"

#include <QJsonArray>
#include <QUrl>

namespace {
QString sizeText(const Jwk& k)
{
    return k.curve() ? curveName(*k.curve()) : QStringLiteral("%1 bits").arg(k.bits());
}

QJsonObject keyJson(const Jwk& k)
{
    QJsonObject o{{QStringLiteral("kid"), k.kid()},
                  {QStringLiteral("kty"), k.ktyName()},
                  {QStringLiteral("alg"), k.alg()},
                  {QStringLiteral("use"), k.use()},
                  {QStringLiteral("size"), sizeText(k)},
                  {QStringLiteral("thumbprint"), k.thumbprint()},
                  {QStringLiteral("private"), k.isPrivate()},
                  {QStringLiteral("key_ops"), QJsonArray::fromStringList(k.keyOps())}};
    if (!k.x5c().isEmpty()) {
        if (auto cert = Certificate::fromDer(k.x5c().first())) {
            o.insert(QStringLiteral("x5c"),
                     QJsonObject{{QStringLiteral("subject"), cert->subject()},
                                 {QStringLiteral("issuer"), cert->issuer()},
                                 {QStringLiteral("notBefore"), cert->notBefore().toString(Qt::ISODate)},
                                 {QStringLiteral("notAfter"), cert->notAfter().toString(Qt::ISODate)}});
        }
    }
    return o;
}

// Loads a set from a file, a URL, or an issuer's discovery document (OpenID Connect Discovery 1.0 §4).
Result<Jwks> loadSet(const QString& source, bool issuer, CliContext& ctx, QString* origin)
{
    QByteArray text;
    *origin = source;
    if (issuer) {
        QString base = source;
        while (base.endsWith(QLatin1Char('/'))) {
            base.chop(1);
        }
        const QString discovery = base + QStringLiteral("/.well-known/openid-configuration");
        auto doc = UrlLoader::get(discovery);
        if (!doc) {
            return doc.error();
        }
        auto object = JsonText::parseObject(doc.value(), false);
        if (!object) {
            return Error(ErrorCode::JsonInvalid, QStringLiteral("%1: %2").arg(discovery, object.error().message));
        }
        const QString jwksUri = object->value(QLatin1String("jwks_uri")).toString();
        if (!UrlLoader::isUrl(jwksUri)) {
            return Error(ErrorCode::JwksInvalid, QStringLiteral("%1 has no http(s) jwks_uri").arg(discovery));
        }
        const QString advertised = object->value(QLatin1String("issuer")).toString();
        if (advertised != source) {
            // OpenID Connect Discovery 1.0 §4.3: the issuer value MUST be identical to the URL used.
            ctx.errLine(QStringLiteral("tokenscope-cli: warning: discovery says issuer \"%1\", not \"%2\"")
                            .arg(advertised, source));
        }
        *origin = jwksUri;
        auto fetched = UrlLoader::get(jwksUri);
        if (!fetched) {
            return fetched.error();
        }
        text = fetched.value();
    } else if (UrlLoader::isUrl(source)) {
        auto fetched = UrlLoader::get(source);
        if (!fetched) {
            return fetched.error();
        }
        text = fetched.value();
    } else {
        auto read = ctx.readInput(source, KeyText::kMaxSize);
        if (!read) {
            return read.error();
        }
        text = read.value();
    }
    auto parsed = KeyText::parse(text, {}, JwkImportOptions{true, true});
    if (!parsed) {
        return Error(parsed.error().code, QStringLiteral("%1: %2").arg(*origin, parsed.error().message));
    }
    return parsed->keys;
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
    parser.addOptions({lint, json, issuer});
    parser.addPositionalArgument(QStringLiteral("action"), QStringLiteral("show or diff"));
    parser.addPositionalArgument(QStringLiteral("source"), QStringLiteral("FILE or URL (diff: OLD NEW)"));
    if (const int r =
            parse(parser, arguments, ctx,
                  QStringLiteral("jwks show (FILE|URL | --issuer URL) [--lint] [--json] | jwks diff OLD NEW"));
        r >= 0) {
        return r;
    }
    const QStringList args = parser.positionalArguments();
    const QString action = args.value(0);
    if (action == QLatin1String("diff")) {
        if (args.size() != 3) {
            return ctx.usage(QStringLiteral("usage: jwks diff OLD NEW"));
        }
        QString o1, o2;
        auto before = loadSet(args[1], false, ctx, &o1);
        if (!before) {
            return ctx.fail(before.error());
        }
        auto after = loadSet(args[2], false, ctx, &o2);
        if (!after) {
            return ctx.fail(after.error());
        }
        const JwksDiff d = JwksDiff::compare(before.value(), after.value());
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
    QString origin;
    auto set = loadSet(parser.isSet(issuer) ? parser.value(issuer) : args[1], parser.isSet(issuer), ctx, &origin);
    if (!set) {
        return ctx.fail(set.error());
    }
    const LintFindings findings = parser.isSet(lint) ? set->lint() : LintFindings();
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
