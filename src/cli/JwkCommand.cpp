// SPDX-License-Identifier: MIT
#include "cli/JwkCommand.h"

#include "jose/KeyText.h"

int JwkCommand::run(const QStringList& arguments, CliContext& ctx)
{
    QCommandLineParser parser;
    const QCommandLineOption hash(QStringLiteral("hash"), QStringLiteral("sha256 (default), sha384 or sha512."),
                                  QStringLiteral("H"), QStringLiteral("sha256"));
    const QCommandLineOption priv(QStringLiteral("private"), QStringLiteral("to-pem: write the private key."));
    const QCommandLineOption format(
        QStringLiteral("format"),
        QStringLiteral("to-pem: spki (public default), pkcs1, pkcs8 (private default), sec1."), QStringLiteral("F"));
    const QCommandLineOption passphrase(QStringLiteral("passphrase"),
                                        QStringLiteral("to-pem --private: encrypt the PKCS#8 output."),
                                        QStringLiteral("P"));
    parser.addOptions({hash, priv, format, passphrase});
    parser.addPositionalArgument(QStringLiteral("action"), QStringLiteral("thumbprint or to-pem"));
    parser.addPositionalArgument(QStringLiteral("file"), QStringLiteral("The JWK file (- for stdin)."));
    if (const int r = parse(parser, arguments, ctx, QStringLiteral("jwk (thumbprint | to-pem) FILE [options]"));
        r >= 0) {
        return r;
    }
    const QStringList args = parser.positionalArguments();
    if (args.size() != 2 || (args[0] != QLatin1String("thumbprint") && args[0] != QLatin1String("to-pem"))) {
        return ctx.usage(QStringLiteral("usage: jwk thumbprint FILE | jwk to-pem FILE"));
    }
    auto text = ctx.readInput(args[1], KeyText::kMaxSize);
    if (!text) {
        return ctx.fail(text.error());
    }
    auto parsed = KeyText::parse(text.value(), {}, JwkImportOptions{true, true});
    if (!parsed) {
        return ctx.fail(Error(parsed.error().code, args[1] + QStringLiteral(": ") + parsed.error().message));
    }
    if (parsed->keys.keys().size() != 1) {
        return ctx.usage(QStringLiteral("%1 holds %2 keys; give one JWK").arg(args[1]).arg(parsed->keys.keys().size()));
    }
    const Jwk key = parsed->keys.keys().first();
    if (args[0] == QLatin1String("thumbprint")) {
        const QString h = parser.value(hash);
        const HashAlg alg = h == QLatin1String("sha384")   ? HashAlg::Sha384
                            : h == QLatin1String("sha512") ? HashAlg::Sha512
                                                           : HashAlg::Sha256;
        if (h != QLatin1String("sha256") && h != QLatin1String("sha384") && h != QLatin1String("sha512")) {
            return ctx.usage(QStringLiteral("--hash is sha256, sha384 or sha512"));
        }
        ctx.outLine(key.thumbprint(alg));
        return ExitOk;
    }
    if (key.isSymmetric()) {
        return ctx.fail(Error(ErrorCode::NotSupported, QStringLiteral("an oct key has no PEM form")));
    }
    const bool wantPrivate = parser.isSet(priv);
    if (wantPrivate && !key.isPrivate()) {
        return ctx.fail(Error(ErrorCode::KeyAlgMismatch, QStringLiteral("--private: this JWK has no private members")));
    }
    QString f = parser.value(format);
    if (f.isEmpty()) {
        f = wantPrivate ? QStringLiteral("pkcs8") : QStringLiteral("spki");
    }
    PemFormat pemFormat = PemFormat::Spki;
    if (f == QLatin1String("pkcs1")) {
        pemFormat = PemFormat::Pkcs1;
    } else if (f == QLatin1String("pkcs8")) {
        pemFormat = PemFormat::Pkcs8;
    } else if (f == QLatin1String("sec1")) {
        pemFormat = PemFormat::Sec1;
    } else if (f != QLatin1String("spki")) {
        return ctx.usage(QStringLiteral("--format is spki, pkcs1, pkcs8 or sec1"));
    }
    const AsymmetricKey k = wantPrivate ? key.asymmetricKey() : key.asymmetricKey().publicKey();
    auto pem = k.toPem(pemFormat, parser.value(passphrase).toUtf8());
    if (!pem) {
        return ctx.fail(pem.error());
    }
    ctx.outBytes(pem.value());
    return ExitOk;
}
