// SPDX-License-Identifier: MIT
#include "cli/KeysCommand.h"

#include "crypto/SecureRandom.h"
#include "jose/Jwk.h"
#include "storage/AtomicFile.h"

#include <QJsonDocument>

int KeysCommand::run(const QStringList& arguments, CliContext& ctx)
{
    QCommandLineParser parser;
    const QCommandLineOption kty(QStringLiteral("kty"), QStringLiteral("RSA, EC, OKP or oct."), QStringLiteral("KTY"));
    const QCommandLineOption size(QStringLiteral("size"),
                                  QStringLiteral("RSA modulus bits (default 2048) or oct key bytes (default 32)."),
                                  QStringLiteral("N"));
    const QCommandLineOption crv(
        QStringLiteral("crv"),
        QStringLiteral("EC: P-256 (default), P-384, P-521, secp256k1; OKP: Ed25519 (default), Ed448."),
        QStringLiteral("CRV"));
    const QCommandLineOption kid(QStringLiteral("kid"), QStringLiteral("Key id (default: the RFC 7638 thumbprint)."),
                                 QStringLiteral("KID"));
    const QCommandLineOption alg(QStringLiteral("alg"), QStringLiteral("Bind the key to this algorithm."),
                                 QStringLiteral("ALG"));
    const QCommandLineOption use(QStringLiteral("use"), QStringLiteral("Key use (default sig)."), QStringLiteral("USE"),
                                 QStringLiteral("sig"));
    const QCommandLineOption format(QStringLiteral("format"), QStringLiteral("jwk (default) or pem."),
                                    QStringLiteral("FORMAT"), QStringLiteral("jwk"));
    const QCommandLineOption outPrivate(QStringLiteral("out-private"),
                                        QStringLiteral("Write the private key here (mode 0600)."),
                                        QStringLiteral("FILE"));
    const QCommandLineOption outPublic(QStringLiteral("out-public"), QStringLiteral("Write the public key here."),
                                       QStringLiteral("FILE"));
    parser.addOptions({kty, size, crv, kid, alg, use, format, outPrivate, outPublic});
    parser.addPositionalArgument(QStringLiteral("generate"), QStringLiteral("The action: generate."));
    if (const int r =
            parse(parser, arguments, ctx,
                  QStringLiteral("keys generate --kty RSA|EC|OKP|oct [--size N] [--crv C] [--kid K] [--alg A] "
                                 "[--format jwk|pem] [--out-private F] [--out-public F]"));
        r >= 0) {
        return r;
    }
    if (parser.positionalArguments() != QStringList{QStringLiteral("generate")}) {
        return ctx.usage(QStringLiteral("usage: keys generate --kty RSA|EC|OKP|oct ..."));
    }
    const QString type = parser.value(kty);
    const bool pem = parser.value(format) == QLatin1String("pem");
    if (!pem && parser.value(format) != QLatin1String("jwk")) {
        return ctx.usage(QStringLiteral("--format is jwk or pem"));
    }
    bool ok = true;
    Jwk key;
    if (type == QLatin1String("RSA")) {
        const int bits = parser.isSet(size) ? parser.value(size).toInt(&ok) : 2048;
        if (!ok || bits < 2048 || bits > 16384 || bits % 8 != 0) {
            return ctx.usage(QStringLiteral("--size for RSA: 2048 to 16384 bits, a multiple of 8 (RFC 7518 §3.3)"));
        }
        auto generated = AsymmetricKey::generateRsa(bits);
        if (!generated) {
            return ctx.fail(generated.error());
        }
        key = Jwk::fromKey(generated.value());
    } else if (type == QLatin1String("EC") || type == QLatin1String("OKP")) {
        const bool okp = type == QLatin1String("OKP");
        const QString name = parser.isSet(crv) ? parser.value(crv)
                             : okp             ? QStringLiteral("Ed25519")
                                               : QStringLiteral("P-256");
        const auto curve = curveFromName(name);
        if (!curve || curveIsOkp(*curve) != okp) {
            return ctx.usage(QStringLiteral("--crv \"%1\" does not fit kty %2").arg(name, type));
        }
        auto generated = AsymmetricKey::generateCurve(*curve);
        if (!generated) {
            return ctx.fail(generated.error());
        }
        key = Jwk::fromKey(generated.value());
    } else if (type == QLatin1String("oct")) {
        if (pem) {
            return ctx.usage(QStringLiteral("oct keys have no PEM form; use --format jwk"));
        }
        const int bytes = parser.isSet(size) ? parser.value(size).toInt(&ok) : 32;
        if (!ok || bytes < 32 || bytes > 1024) {
            return ctx.usage(
                QStringLiteral("--size for oct: 32 to 1024 bytes (RFC 7518 §3.2: at least the hash size)"));
        }
        auto random = SecureRandom::bytes(bytes);
        if (!random) {
            return ctx.fail(random.error());
        }
        key = Jwk::fromSecret(random.value());
    } else {
        return ctx.usage(QStringLiteral("--kty is RSA, EC, OKP or oct"));
    }
    if (parser.isSet(alg)) {
        if (!key.usableAlgorithms().contains(parser.value(alg))) {
            return ctx.usage(QStringLiteral("--alg %1 does not fit this key (%2)")
                                 .arg(parser.value(alg), key.usableAlgorithms().join(QLatin1String(", "))));
        }
        key = key.withAlg(parser.value(alg));
    }
    key = key.withUse(parser.value(use)).withKid(parser.isSet(kid) ? parser.value(kid) : key.thumbprint());

    auto render = [&](bool privatePart) -> Result<QByteArray> {
        if (!pem) {
            return QJsonDocument(key.toJson(privatePart)).toJson(QJsonDocument::Indented);
        }
        return privatePart ? key.asymmetricKey().toPem(PemFormat::Pkcs8)
                           : key.asymmetricKey().publicKey().toPem(PemFormat::Spki);
    };
    auto priv = render(true);
    auto pub = key.isSymmetric() ? Result<QByteArray>(QByteArray()) : render(false);
    if (!priv || !pub) {
        return ctx.fail(!priv ? priv.error() : pub.error());
    }
    if (parser.isSet(outPrivate)) {
        if (auto w = AtomicFile::write(parser.value(outPrivate), priv.value(), AtomicFile::Mode::Private); !w) {
            return ctx.fail(w.error());
        }
    }
    if (parser.isSet(outPublic)) {
        if (key.isSymmetric()) {
            return ctx.usage(QStringLiteral("an oct key has no public part"));
        }
        if (auto w = AtomicFile::write(parser.value(outPublic), pub.value(), AtomicFile::Mode::Shared); !w) {
            return ctx.fail(w.error());
        }
    }
    if (!parser.isSet(outPrivate)) {
        ctx.outBytes(priv.value());
    }
    if (!parser.isSet(outPublic) && !key.isSymmetric() && parser.isSet(outPrivate)) {
        ctx.outBytes(pub.value());
    }
    ctx.errLine(
        QStringLiteral("generated %1 key, kid %2, thumbprint %3").arg(key.ktyName(), key.kid(), key.thumbprint()));
    return ExitOk;
}
