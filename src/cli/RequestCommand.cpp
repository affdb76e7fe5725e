// SPDX-License-Identifier: MIT
#include "cli/RequestCommand.h"

#include "cli/CliWorkspace.h"
#include "cli/RequestOptions.h"
#include "cli/SavedRequestOptions.h"
#include "core/JsonText.h"
#include "net/RemoteJwksFetcher.h"
#include "net/RequestSession.h"
#include "net/UnauthorizedDiagnosis.h"
#include "workspace/Workspace.h"

namespace {

/// Status line, headers (unless bodyOnly) and body; the truncation and transfer errors on stderr.
void printResponse(const HttpClientResponse& response, bool bodyOnly, bool pretty, CliContext& ctx)
{
    if (!bodyOnly) {
        ctx.outLine(response.statusLine());
        for (const auto& [name, value] : response.headers) {
            for (const QByteArray& line : value.split('\n'))
                ctx.outLine(QString(QString::fromLatin1(name) + QStringLiteral(": ") + QString::fromLatin1(line)));
        }
        ctx.outLine(QString());
    }
    const QByteArray body = pretty && response.isJson() ? JsonText::pretty(response.body) : response.body;
    ctx.outBytes(body);
    if (!body.isEmpty() && !body.endsWith('\n'))
        ctx.outBytes("\n");
    if (response.bodyTruncated)
        ctx.errLine(QStringLiteral("tokenscope-cli: body truncated at %1 of %2 bytes")
                        .arg(response.body.size())
                        .arg(response.bodySize));
    if (response.error)
        ctx.errLine(QString(QStringLiteral("tokenscope-cli: ") + response.error->codeString() + QStringLiteral(": ") +
                            response.error->message));
}

} // namespace

int RequestCommand::runItem(const QCommandLineParser& parser, const SavedRequestOptions& saved,
                            const ItemOutput& output, CliContext& ctx)
{
    if (!parser.positionalArguments().isEmpty())
        return ctx.usage(QStringLiteral("--item sends a saved request: no METHOD or URL"));
    CliWorkspace w;
    auto loaded = saved.load(parser, w, ctx);
    if (!loaded)
        return ctx.fail(loaded.error());
    return runSession(loaded.value(), output, ctx, w.tokenPrefix());
}

int RequestCommand::runSession(const SessionRequest& request, const ItemOutput& output, CliContext& ctx,
                               const QString& tokenPrefix)
{
    RequestSession session;
    if (!tokenPrefix.isEmpty())
        session.tokenManager().setSecretStore(CliWorkspace::tokenStore(), tokenPrefix);
    const SessionResult result = RequestSession::runAndWait(session, request);
    if (result.authError)
        return ctx.fail(result.authError.value()); // nothing was sent: exit 2, as before
    if (!result.authNote.isEmpty())
        ctx.errLine(QString(QStringLiteral("tokenscope-cli: auth: ") + CliWorkspace::printable(result.authNote)));
    if (!result.unknownVariables.isEmpty())
        ctx.errLine(QStringLiteral("tokenscope-cli: warning: unknown variables: %1")
                        .arg(CliWorkspace::printable(result.unknownVariables.join(QStringLiteral(", ")))));
    const HttpClientResponse& response = result.response;
    if (!response.received) {
        ctx.errLine(QString(QStringLiteral("tokenscope-cli: ") +
                            (response.error ? response.error->codeString() : QStringLiteral("ERR_NET_FAILURE")) +
                            QStringLiteral(": ") + response.explanation()));
        return ExitUsage;
    }
    printResponse(response, output.bodyOnly, output.pretty, ctx);
    if (output.diagnose && result.diagnosis) {
        ctx.outLine(QString());
        ctx.outLine(result.diagnosis->toText());
    }
    return response.isSuccess() ? ExitOk : ExitInvalid;
}

int RequestCommand::run(const QStringList& arguments, CliContext& ctx)
{
    QCommandLineParser parser;
    const RequestOptions requestOptions;
    requestOptions.addTo(parser);
    const QCommandLineOption diagnose(QStringLiteral("diagnose"), QStringLiteral("Explain a 401/403 answer."));
    const QCommandLineOption jwks(QStringLiteral("jwks"),
                                  QStringLiteral("Issuer's JWKS (file or URL) for --diagnose: verify the token."),
                                  QStringLiteral("FILE|URL"));
    const QCommandLineOption issuer(QStringLiteral("issuer"), QStringLiteral("Expected iss for --diagnose."),
                                    QStringLiteral("ISS"));
    const QCommandLineOption audience(QStringLiteral("audience"), QStringLiteral("Expected aud for --diagnose."),
                                      QStringLiteral("AUD"));
    const QCommandLineOption pretty(QStringLiteral("pretty"), QStringLiteral("Re-indent a JSON body."));
    const QCommandLineOption bodyOnly(QStringLiteral("body-only"), QStringLiteral("Print only the body."));
    const SavedRequestOptions saved(QStringLiteral("Send the saved request at PATH (\"Collection/Folder/Request\") "
                                                   "with what it inherits."));
    saved.addTo(parser);
    const QCommandLineOption authProfile(QStringLiteral("auth-profile"),
                                         QStringLiteral("Authorize METHOD URL with the OAuth 2.0 auth profile NAME of "
                                                        "the workspace (--workspace DIR)."),
                                         QStringLiteral("NAME"));
    parser.addOptions({diagnose, jwks, issuer, audience, pretty, bodyOnly, authProfile});
    if (const int r = parse(parser, arguments, ctx,
                            QString(QStringLiteral("request ") + RequestOptions::usage() +
                                    QStringLiteral(" [--auth-profile NAME [--workspace DIR] [--env NAME] [--env-var "
                                                   "K=V]...] [--diagnose [--jwks F|URL] [--issuer "
                                                   "ISS] [--audience AUD]] [--pretty] | request --item PATH "
                                                   "[--env NAME] [--env-var K=V]... [--workspace DIR]")));
        r >= 0)
        return r;
    if (saved.itemSet(parser))
        return runItem(parser, saved, {parser.isSet(diagnose), parser.isSet(pretty), parser.isSet(bodyOnly)}, ctx);
    if (parser.isSet(authProfile)) {
        auto spec = requestOptions.build(parser, parser.positionalArguments(), ctx);
        if (!spec)
            return ctx.fail(spec.error());
        CliWorkspace w;
        if (auto opened = w.open(parser.value(QStringLiteral("workspace")), ctx, CliWorkspace::Access::ReadOnly);
            !opened)
            return ctx.fail(opened.error());
        const auto profile = w.authProfile(parser.value(authProfile));
        if (!profile)
            return ctx.fail(profile.error());
        SessionRequest s;
        s.request = spec.value();
        s.auth.type = AuthConfig::Type::OAuth2;
        s.auth.profile = profile->name;
        s.profile = profile.value();
        // The profile's (and the URL's) {{variables}}: globals and the environment, as for a saved item.
        if (auto applied = saved.applyVariables(parser, w.workspace(), s); !applied)
            return ctx.fail(applied.error());
        return runSession(s, {parser.isSet(diagnose), parser.isSet(pretty), parser.isSet(bodyOnly)}, ctx,
                          w.tokenPrefix());
    }
    if (saved.itemOnlyOptionSet(parser))
        return ctx.usage(QStringLiteral("--env, --env-var and --workspace go with --item"));
    auto spec = requestOptions.build(parser, parser.positionalArguments(), ctx);
    if (!spec)
        return ctx.fail(spec.error());

    const HttpClientResponse response = HttpClient::sendAndWait(spec.value(), requestOptions.clientOptions(parser));
    if (!response.received) {
        ctx.errLine(QString(QStringLiteral("tokenscope-cli: ") + response.error->codeString() + QStringLiteral(": ") +
                            response.explanation()));
        return ExitUsage;
    }
    printResponse(response, parser.isSet(bodyOnly), parser.isSet(pretty), ctx);

    if (parser.isSet(diagnose) && (response.status == 401 || response.status == 403)) {
        DiagnosisInput input = UnauthorizedDiagnosis::inputFor(spec.value(), response);
        input.expectedIssuer = parser.value(issuer);
        input.expectedAudience = parser.value(audience);
        if (parser.isSet(jwks)) {
            const QString source = parser.value(jwks);
            Result<QByteArray> text = QByteArray();
            if (RemoteJwksFetcher::looksLikeUrl(source)) {
                // The GUI's fetcher, with the request's own TLS settings (--cacert, --insecure).
                JwksFetchOptions options;
                options.caFile = requestOptions.clientOptions(parser).tls.caFile;
                options.verifyTls = spec->verifyTls;
                options.useCache = false;
                auto fetched = RemoteJwksFetcher::fetchBlocking(source, false, options);
                text = fetched ? Result<QByteArray>(fetched->body) : Result<QByteArray>(fetched.error());
            } else {
                text = ctx.readInput(source);
            }
            if (!text)
                return ctx.fail(text.error());
            auto keys = Jwks::fromJson(text.value());
            if (!keys)
                return ctx.fail(keys.error());
            input.keys = keys.value();
        }
        ctx.outLine(QString());
        ctx.outLine(UnauthorizedDiagnosis::diagnose(input).toText());
    }
    return response.isSuccess() ? ExitOk : ExitInvalid;
}
