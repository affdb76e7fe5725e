// SPDX-License-Identifier: MIT
#include "cli/PemCommand.h"

#include "jose/KeyText.h"

#include <QJsonDocument>

int PemCommand::run(const QStringList& arguments, CliContext& ctx)
{
    QCommandLineParser parser;
    const QCommandLineOption passphrase(QStringLiteral("passphrase"), QStringLiteral("Passphrase of an encrypted key."),
                                        QStringLiteral("P"));
    const QCommandLineOption priv(QStringLiteral("private"), QStringLiteral("Include private members."));
    const QCommandLineOption kid(QStringLiteral("kid"), QStringLiteral("kid (default: the RFC 7638 thumbprint)."),
                                 QStringLiteral("KID"));
    const QCommandLineOption alg(QStringLiteral("alg"), QStringLiteral("alg member."), QStringLiteral("ALG"));
    const QCommandLineOption use(QStringLiteral("use"), QStringLiteral("use member."), QStringLiteral("USE"));
    parser.addOptions({passphrase, priv, kid, alg, use});
    parser.addPositionalArgument(QStringLiteral("to-jwk"), QStringLiteral("The action."));
    parser.addPositionalArgument(QStringLiteral("file"), QStringLiteral("The PEM file (- for stdin)."));
    if (const int r = parse(parser, arguments, ctx, QStringLiteral("pem to-jwk FILE [options]")); r >= 0) {
        return r;
    }
    const QStringList args = parser.positionalArguments();
    if (args.size() != 2 || args[0] != QLatin1String("to-jwk")) {
        return ctx.usage(QStringLiteral("usage: pem to-jwk FILE"));
    }
    auto text = ctx.readInput(args[1], 1024 * 1024);
    if (!text) {
        return ctx.fail(text.error());
    }
    if (!text->trimmed().startsWith("-----BEGIN ")) {
        return ctx.fail(
            Error(ErrorCode::PemInvalid, QStringLiteral("%1 is not PEM (no -----BEGIN line)").arg(args[1])));
    }
    QByteArray pass = parser.value(passphrase).toUtf8();
    if (pass.isEmpty()) {
        pass = qgetenv("TOKENSCOPE_PASSPHRASE");
    }
    auto parsed = KeyText::parse(text.value(), pass, JwkImportOptions{true, true});
    if (!parsed) {
        return ctx.fail(Error(parsed.error().code, args[1] + QStringLiteral(": ") + parsed.error().message));
    }
    Jwk key = parsed->keys.keys().first();
    if (parser.isSet(priv) && !key.isPrivate()) {
        return ctx.fail(
            Error(ErrorCode::KeyAlgMismatch, QStringLiteral("--private: %1 holds a public key").arg(args[1])));
    }
    if (parser.isSet(alg)) {
        if (!key.usableAlgorithms().contains(parser.value(alg))) {
            return ctx.usage(QStringLiteral("--alg %1 does not fit this key").arg(parser.value(alg)));
        }
        key = key.withAlg(parser.value(alg));
    }
    if (parser.isSet(use)) {
        key = key.withUse(parser.value(use));
    }
    key = key.withKid(parser.isSet(kid) ? parser.value(kid) : key.thumbprint());
    ctx.outBytes(QJsonDocument(key.toJson(parser.isSet(priv))).toJson(QJsonDocument::Indented));
    return ExitOk;
}
