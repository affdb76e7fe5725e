// SPDX-License-Identifier: MIT
#include "cli/SignCommand.h"

#include "core/Base64Url.h"
#include "core/JsonText.h"
#include "core/SystemClock.h"
#include "jose/JwtBuilder.h"
#include "jose/KeyText.h"

std::optional<qint64> SignCommand::parseDuration(const QString& text)
{
    if (text.isEmpty()) {
        return std::nullopt;
    }
    qint64 unit = 1;
    QString number = text;
    const QChar last = text.back();
    if (!last.isDigit()) {
        number.chop(1);
        switch (last.toLatin1()) {
        case 's':
            unit = 1;
            break;
        case 'm':
            unit = 60;
            break;
        case 'h':
            unit = 3600;
            break;
        case 'd':
            unit = 86400;
            break;
        default:
            return std::nullopt;
        }
    }
    bool ok = false;
    const qint64 value = number.toLongLong(&ok);
    if (!ok || value < 0 || value > 100LL * 365 * 86400 / unit) {
        return std::nullopt;
    }
    return value * unit;
}

int SignCommand::run(const QStringList& arguments, CliContext& ctx)
{
    QCommandLineParser parser;
    const QCommandLineOption alg(QStringLiteral("alg"), QStringLiteral("Signing algorithm."), QStringLiteral("ALG"));
    const QCommandLineOption secret(QStringLiteral("secret"), QStringLiteral("HMAC secret (UTF-8)."),
                                    QStringLiteral("S"));
    const QCommandLineOption secretB64(QStringLiteral("secret-base64url"), QStringLiteral("HMAC secret (base64url)."),
                                       QStringLiteral("S"));
    const QCommandLineOption key(QStringLiteral("key"), QStringLiteral("Private key file: JWK or PEM."),
                                 QStringLiteral("FILE"));
    const QCommandLineOption passphrase(QStringLiteral("passphrase"),
                                        QStringLiteral("Passphrase of an encrypted PEM key."), QStringLiteral("P"));
    const QCommandLineOption kid(QStringLiteral("kid"), QStringLiteral("kid header (default: the key's kid)."),
                                 QStringLiteral("KID"));
    const QCommandLineOption header(QStringLiteral("header"), QStringLiteral("Extra header members as a JSON object."),
                                    QStringLiteral("JSON"));
    const QCommandLineOption claims(QStringLiteral("claims"), QStringLiteral("Claims as a JSON object, or @FILE."),
                                    QStringLiteral("JSON|@FILE"));
    const QCommandLineOption exp(QStringLiteral("exp"), QStringLiteral("Set exp to now + duration (e.g. 15m, 1h, 2d)."),
                                 QStringLiteral("DURATION"));
    const QCommandLineOption iat(QStringLiteral("iat"), QStringLiteral("Set iat to now."));
    const QCommandLineOption now(QStringLiteral("now"), QStringLiteral("Use this Unix time as now."),
                                 QStringLiteral("EPOCH"));
    const QCommandLineOption count(QStringLiteral("count"),
                                   QStringLiteral("Print N distinct tokens, one per line (jti = 0..N-1; for tests and "
                                                  "benchmarks)."),
                                   QStringLiteral("N"), QStringLiteral("1"));
    parser.addOptions({alg, secret, secretB64, key, passphrase, kid, header, claims, exp, iat, now, count});
    if (const int r = parse(parser, arguments, ctx,
                            QStringLiteral("sign --alg A (--secret S | --secret-base64url S | --key FILE) [--kid K] "
                                           "[--header JSON] (--claims JSON | --claims @FILE) [--exp 1h] [--iat]"));
        r >= 0) {
        return r;
    }
    if (!parser.positionalArguments().isEmpty()) {
        return ctx.usage(QStringLiteral("sign takes no positional arguments"));
    }
    if (!parser.isSet(alg) || !parser.isSet(claims)) {
        return ctx.usage(QStringLiteral("sign needs --alg and --claims"));
    }
    const int sources = int(parser.isSet(secret)) + int(parser.isSet(secretB64)) + int(parser.isSet(key));
    if (sources != 1) {
        return ctx.usage(QStringLiteral("give exactly one of --secret, --secret-base64url, --key"));
    }
    Jwk signingKey;
    if (parser.isSet(key)) {
        auto text = ctx.readInput(parser.value(key), KeyText::kMaxSize);
        if (!text) {
            return ctx.fail(text.error());
        }
        QByteArray pass = parser.value(passphrase).toUtf8();
        if (pass.isEmpty()) {
            pass = qgetenv("TOKENSCOPE_PASSPHRASE");
        }
        auto parsed = KeyText::parse(text.value(), pass, JwkImportOptions{true, true});
        if (!parsed) {
            return ctx.fail(
                Error(parsed.error().code, parser.value(key) + QStringLiteral(": ") + parsed.error().message));
        }
        if (parsed->format == ParsedKeyText::Format::JwkSet) {
            return ctx.usage(QStringLiteral("--key needs one key, not a JWK Set"));
        }
        signingKey = parsed->keys.keys().first();
    } else if (parser.isSet(secret)) {
        signingKey = Jwk::fromSecret(parser.value(secret).toUtf8());
    } else {
        auto decoded = Base64Url::decode(parser.value(secretB64).toLatin1());
        if (!decoded) {
            return ctx.usage(QStringLiteral("--secret-base64url: %1").arg(decoded.error().message));
        }
        signingKey = Jwk::fromSecret(decoded.value());
    }

    QByteArray claimsText = parser.value(claims).toUtf8();
    if (claimsText.startsWith('@')) {
        auto read = ctx.readInput(QString::fromUtf8(claimsText.mid(1)));
        if (!read) {
            return ctx.fail(read.error());
        }
        claimsText = read.value();
    }
    auto claimsObject = JsonText::parseObject(claimsText);
    if (!claimsObject) {
        return ctx.fail(
            Error(ErrorCode::JsonInvalid, QStringLiteral("--claims: %1").arg(claimsObject.error().message)));
    }
    QJsonObject extra;
    if (parser.isSet(header)) {
        auto h = JsonText::parseObject(parser.value(header).toUtf8());
        if (!h) {
            return ctx.fail(Error(ErrorCode::JsonInvalid, QStringLiteral("--header: %1").arg(h.error().message)));
        }
        extra = h.value();
    }
    if (parser.isSet(kid)) {
        extra.insert(QStringLiteral("kid"), parser.value(kid));
    }
    bool ok = true;
    const qint64 nowValue =
        parser.isSet(now) ? parser.value(now).toLongLong(&ok) : SystemClock::instance().nowSeconds();
    if (!ok) {
        return ctx.usage(QStringLiteral("--now needs a Unix time in seconds"));
    }
    QJsonObject payload = claimsObject.value();
    if (parser.isSet(iat)) {
        payload.insert(QStringLiteral("iat"), nowValue);
    }
    if (parser.isSet(exp)) {
        const auto seconds = parseDuration(parser.value(exp));
        if (!seconds) {
            return ctx.usage(
                QStringLiteral("--exp: \"%1\" is not a duration like 90s, 15m, 1h or 2d").arg(parser.value(exp)));
        }
        payload.insert(QStringLiteral("exp"), nowValue + *seconds);
    }
    const QString algName = parser.value(alg);
    const AlgorithmInfo* info = AlgorithmTable::find(algName);
    if (!info || info->isNone()) {
        return ctx.fail(Error(ErrorCode::AlgNotAllowed,
                              QStringLiteral("cannot sign with \"%1\"; use one of %2")
                                  .arg(algName, AlgorithmTable::signingNames().join(QLatin1String(", ")))));
    }
    const int n = parser.value(count).toInt(&ok);
    if (!ok || n < 1 || n > 10000000) {
        return ctx.usage(QStringLiteral("--count needs a number from 1 to 10000000"));
    }
    for (int i = 0; i < n; ++i) {
        if (n > 1) {
            payload.insert(QStringLiteral("jti"), QString::number(i));
        }
        auto token = JwtBuilder::sign(algName, payload, signingKey, extra);
        if (!token) {
            return ctx.fail(token.error());
        }
        ctx.outBytes(token.value() + '\n');
    }
    return ExitOk;
}
