// SPDX-License-Identifier: MIT
#include "cli/EncryptCommand.h"

#include "cli/JweKeyOptions.h"
#include "jose/JweAlgorithmTable.h"
#include "jose/JweEncrypter.h"

int EncryptCommand::run(const QStringList& arguments, CliContext& ctx)
{
    QCommandLineParser parser;
    JweKeyOptions keyOptions;
    keyOptions.addTo(parser, false);
    const QCommandLineOption alg(QStringLiteral("alg"), QStringLiteral("Key management algorithm (required)."),
                                 QStringLiteral("ALG"));
    const QCommandLineOption enc(QStringLiteral("enc"), QStringLiteral("Content encryption algorithm (required)."),
                                 QStringLiteral("ENC"));
    const QCommandLineOption zip(QStringLiteral("zip"), QStringLiteral("Compress with DEFLATE (\"zip\": \"DEF\")."));
    const QCommandLineOption cty(QStringLiteral("cty"),
                                 QStringLiteral("Content type header, e.g. JWT for a nested signed token."),
                                 QStringLiteral("CTY"));
    const QCommandLineOption jsonSerialization(QStringLiteral("json-serialization"),
                                               QStringLiteral("Write the flattened JSON serialisation."));
    const QCommandLineOption p2c(QStringLiteral("p2c"), QStringLiteral("PBES2 iteration count (default 2048)."),
                                 QStringLiteral("N"), QStringLiteral("2048"));
    parser.addOptions({alg, enc, zip, cty, jsonSerialization, p2c});
    parser.addPositionalArgument(QStringLiteral("payload"),
                                 QStringLiteral("The plaintext, @FILE to read a file, or - for stdin."));
    if (const int r = parse(parser, arguments, ctx,
                            QStringLiteral("encrypt --alg A --enc E (--jwk F | --pem F | --secret-env VAR | "
                                           "--password-env VAR) [--zip] [--cty JWT] [--json-serialization] "
                                           "PAYLOAD|@file|-"));
        r >= 0) {
        return r;
    }
    const QStringList args = parser.positionalArguments();
    if (args.size() != 1) {
        return ctx.usage(QStringLiteral("encrypt takes one payload (text, @FILE or -)"));
    }
    if (!parser.isSet(alg) || !parser.isSet(enc)) {
        return ctx.usage(QStringLiteral("give --alg (%1) and --enc (%2)")
                             .arg(JweAlgorithmTable::keyNames().join(QLatin1String(", ")),
                                  JweAlgorithmTable::contentNames().join(QLatin1String(", "))));
    }
    const QString algName = parser.value(alg);
    const QString encName = parser.value(enc);
    const JweKeyAlgorithm* keyAlg = JweAlgorithmTable::findKey(algName);
    if (!keyAlg || keyAlg->family == JweKeyAlgorithm::Family::Rsa1_5) {
        return ctx.usage(QStringLiteral("--alg: \"%1\" is not a JWE key management algorithm this tool encrypts with "
                                        "(RSA1_5 is decrypt-only)")
                             .arg(algName));
    }
    if (!JweAlgorithmTable::findContent(encName)) {
        return ctx.usage(QStringLiteral("--enc: \"%1\" is not one of %2")
                             .arg(encName, JweAlgorithmTable::contentNames().join(QLatin1String(", "))));
    }
    auto keys = keyOptions.load(parser, ctx);
    if (!keys) {
        return ctx.fail(keys.error());
    }
    if ((keyAlg->family == JweKeyAlgorithm::Family::Pbes2) != keys->password) {
        return ctx.usage(keys->password ? QStringLiteral("--password-env is for the PBES2 algorithms only")
                                        : QStringLiteral("%1 needs --password-env").arg(algName));
    }
    QByteArray payload;
    const QString source = args.first();
    if (source == QLatin1String("-") || source.startsWith(QLatin1Char('@'))) {
        auto read = ctx.readInput(source == QLatin1String("-") ? source : source.mid(1));
        if (!read) {
            return ctx.fail(read.error());
        }
        payload = read.value();
    } else {
        payload = source.toUtf8();
    }
    EncryptOptions options;
    options.alg = algName;
    options.enc = encName;
    options.zip = parser.isSet(zip);
    options.cty = parser.value(cty);
    options.output =
        parser.isSet(jsonSerialization) ? EncryptOptions::Output::JsonFlattened : EncryptOptions::Output::Compact;
    bool ok = true;
    options.pbes2Count = parser.value(p2c).toInt(&ok);
    if (!ok || options.pbes2Count < 1000 || options.pbes2Count > 10000) {
        // Below 1,000 is what the token lint flags; above 10,000 is what decrypters (jose, Tokenscope) refuse.
        return ctx.usage(QStringLiteral("--p2c needs a number from 1000 to 10000"));
    }
    auto token = JweEncrypter::encrypt(keys->keys.keys().first(), payload, options);
    if (!token) {
        return ctx.fail(token.error(), ExitInvalid);
    }
    ctx.outBytes(token.value() + '\n');
    return ExitOk;
}
