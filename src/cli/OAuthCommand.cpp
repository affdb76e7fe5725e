// SPDX-License-Identifier: MIT
#include "cli/OAuthCommand.h"

#include "cli/CliWorkspace.h"
#include "cli/EnvironmentSecret.h"
#include "core/DisplayText.h"
#include "core/SystemClock.h"
#include "jose/IdTokenVerifier.h"
#include "net/AuthorizationCodeFlow.h"
#include "net/DeviceAuthorizationFlow.h"
#include "net/IntrospectionWords.h"
#include "net/MetadataResolver.h"
#include "net/OAuthActionClient.h"
#include "net/OAuthActions.h"
#include "net/OAuthTokenFlow.h"
#include "net/RemoteJwksFetcher.h"
#include "net/TokenEndpointClient.h"
#include "net/TokenManager.h"
#include "request/VariableResolver.h"
#include "workspace/Workspace.h"

#include <QEventLoop>
#include <QJsonDocument>

namespace {

const QString kTokenUsage = QStringLiteral(
    "oauth token --grant client_credentials|authorization_code|device_code|refresh_token|password|token_exchange "
    "(--issuer URL | --token-url URL [--authorize-url URL] [--device-url URL]) "
    "--client-id ID [--client-secret-env VAR | --client-secret-file FILE | --client-key FILE] "
    "[--client-auth basic|post|client_secret_jwt|private_key_jwt|none] [--scope S] [--audience A] [--resource R] "
    "[--pkce S256|plain|off] [--redirect-port N] [--username U --password-env VAR] [--refresh-token-env VAR] "
    "[--subject-token-env VAR [--subject-token-type T]] [--dpop] "
    "[--print access_token|id_token|refresh_token|json] | oauth token --profile NAME [--workspace DIR] [--fresh] | "
    "oauth forget --profile NAME [--workspace DIR]");

std::optional<AuthProfile::ClientAuth> clientAuthFromFlag(const QString& value)
{
    if (value == QLatin1String("basic"))
        return AuthProfile::ClientAuth::Basic;
    if (value == QLatin1String("post"))
        return AuthProfile::ClientAuth::Post;
    if (value == QLatin1String("none"))
        return AuthProfile::ClientAuth::None;
    return AuthProfile::clientAuthFromName(value); // client_secret_jwt, private_key_jwt and the long names
}

/// --client-secret-env VAR, else --client-secret-file FILE (one line); empty when neither is given.
Result<QString> clientSecretFrom(const QCommandLineParser& parser, const QCommandLineOption& env,
                                 const QCommandLineOption& file, CliContext& ctx)
{
    if (parser.isSet(env))
        return EnvironmentSecret::text(parser.value(env), QStringLiteral("--client-secret-env"));
    if (!parser.isSet(file))
        return QString();
    auto text = ctx.readInput(parser.value(file), 64 * 1024);
    if (!text)
        return text.error();
    return QString::fromUtf8(text->trimmed());
}

/// The saved auth profile `name` of the workspace of --workspace with its {{variables}} resolved from the globals and
/// the environment `envName` (default: the workspace's active one), as RequestSession resolves them; an unknown one
/// stays {{name}} (a flag may still set it). With `tokens`, that manager keeps its tokens in the keychain.
Result<AuthProfile> savedProfile(const QCommandLineParser& parser, const QString& name, const QCommandLineOption& env,
                                 CliContext& ctx, TokenManager* tokens)
{
    CliWorkspace w;
    if (auto opened = w.open(parser.value(CliWorkspace::option()), ctx, CliWorkspace::Access::ReadOnly); !opened)
        return opened.error();
    auto saved = w.authProfile(name);
    if (!saved)
        return saved.error();
    if (tokens)
        tokens->setSecretStore(CliWorkspace::tokenStore(), w.tokenPrefix());
    const Workspace& ws = w.workspace();
    const QString envName = parser.isSet(env) ? parser.value(env) : ws.activeEnvironment;
    const Environment* environment = envName.isEmpty() ? nullptr : ws.environment(envName);
    if (!environment && parser.isSet(env))
        return Error(ErrorCode::NotFound,
                     QStringLiteral("no environment \"%1\"").arg(CliWorkspace::printable(envName)));
    QList<Environment> layers{Environment(QStringLiteral("globals"), ws.globals)};
    if (environment)
        layers.append(*environment);
    AuthProfile p = saved.value();
    const VariableResolver resolver(layers);
    for (QString* field :
         {&p.issuer, &p.tokenUrl, &p.authorizeUrl, &p.deviceAuthorizationUrl, &p.introspectionUrl, &p.revocationUrl,
          &p.userinfoUrl, &p.clientId, &p.clientSecret, &p.scope, &p.audience, &p.resource, &p.username, &p.password})
        *field = resolver.resolve(*field).text;
    return p;
}

} // namespace

int OAuthCommand::run(const QStringList& arguments, CliContext& ctx)
{
    const QString sub = arguments.size() > 1 ? arguments.at(1) : QString();
    if (sub == QLatin1String("token"))
        return runToken(arguments.mid(1), ctx);
    if (sub == QLatin1String("forget"))
        return runForget(arguments.mid(1), ctx);
    if (sub == QLatin1String("introspect") || sub == QLatin1String("revoke") || sub == QLatin1String("userinfo"))
        return runAction(sub, arguments.mid(1), ctx);
    if (sub == QLatin1String("--help") || sub == QLatin1String("-h")) {
        ctx.outLine(QString(QStringLiteral("Usage: tokenscope-cli ") + kTokenUsage));
        ctx.outLine(
            QStringLiteral("       tokenscope-cli oauth introspect|revoke (--issuer URL | --introspect-url URL | "
                           "--revoke-url URL | --profile NAME [--workspace DIR] [--env NAME]) [--client-id ID] "
                           "[--client-secret-env VAR | --client-secret-file FILE] [--client-auth "
                           "basic|post|none] --token-env VAR [--token-type-hint access_token|refresh_token]"));
        ctx.outLine(
            QStringLiteral("       tokenscope-cli oauth userinfo (--issuer URL | --userinfo-url URL | --profile "
                           "NAME [--workspace DIR] [--env NAME]) --token-env VAR"));
        return ExitOk;
    }
    return ctx.usage(QStringLiteral(
        "oauth: expected token, forget, introspect, revoke or userinfo (see: tokenscope-cli oauth --help)"));
}

int OAuthCommand::runAction(const QString& action, const QStringList& arguments, CliContext& ctx)
{
    const bool userinfo = action == QLatin1String("userinfo");
    const OAuthAction kind = userinfo                                ? OAuthAction::Userinfo
                             : action == QLatin1String("introspect") ? OAuthAction::Introspect
                                                                     : OAuthAction::Revoke;
    // --introspect-url, --revoke-url, --userinfo-url: named as --token-url is (--url, the older name, still works).
    const QString endpointFlag = action + QStringLiteral("-url");
    const QString where =
        QStringLiteral("(--issuer URL | --%1 URL | --profile NAME [--workspace DIR] [--env NAME])").arg(endpointFlag);
    const QString usage =
        userinfo ? QStringLiteral("oauth userinfo %1 --token-env VAR").arg(where)
                 : QStringLiteral("oauth %1 %2 [--client-id ID] [--client-secret-env VAR | --client-secret-file FILE] "
                                  "[--client-auth basic|post|none] --token-env VAR "
                                  "[--token-type-hint access_token|refresh_token]")
                       .arg(action, where);
    QCommandLineParser parser;
    const QCommandLineOption issuer(QStringLiteral("issuer"), QStringLiteral("Issuer: the endpoint from its metadata."),
                                    QStringLiteral("URL"));
    const QCommandLineOption url(QStringList{endpointFlag, QStringLiteral("url")}, QStringLiteral("The endpoint."),
                                 QStringLiteral("URL"));
    const QCommandLineOption profile(QStringLiteral("profile"),
                                     QStringLiteral("A saved auth profile: its typed endpoint, else its issuer's; its "
                                                    "client."),
                                     QStringLiteral("NAME"));
    const QCommandLineOption env(QStringLiteral("env"),
                                 QStringLiteral("--profile: the environment its {{variables}} come from."),
                                 QStringLiteral("NAME"));
    const QCommandLineOption clientId(QStringLiteral("client-id"), QStringLiteral("The client id."),
                                      QStringLiteral("ID"));
    const QCommandLineOption secretEnv(QStringLiteral("client-secret-env"),
                                       QStringLiteral("Environment variable holding the client secret."),
                                       QStringLiteral("VAR"));
    const QCommandLineOption secretFile(QStringLiteral("client-secret-file"),
                                        QStringLiteral("File holding the client secret."), QStringLiteral("FILE"));
    const QCommandLineOption clientAuth(QStringLiteral("client-auth"), QStringLiteral("basic (default), post, none."),
                                        QStringLiteral("METHOD"));
    const QCommandLineOption tokenEnv(QStringLiteral("token-env"),
                                      QStringLiteral("Environment variable holding the token."), QStringLiteral("VAR"));
    const QCommandLineOption hint(QStringLiteral("token-type-hint"), QStringLiteral("access_token or refresh_token."),
                                  QStringLiteral("HINT"));
    parser.addOptions({issuer, url, tokenEnv, profile, env, CliWorkspace::option()});
    if (!userinfo)
        parser.addOptions({clientId, secretEnv, secretFile, clientAuth, hint});
    if (const int r = parse(parser, arguments, ctx, usage); r >= 0)
        return r;
    if (!parser.positionalArguments().isEmpty())
        return ctx.usage(
            QStringLiteral("oauth %1 takes no positional arguments (tokens never go in argv)").arg(action));
    if (!parser.isSet(tokenEnv))
        return ctx.usage(QStringLiteral("oauth %1 needs --token-env VAR").arg(action));
    // The profile first (its {{variables}} resolved), then the flags on top of it.
    AuthProfile p;
    if (parser.isSet(profile)) {
        auto saved = savedProfile(parser, parser.value(profile), env, ctx, nullptr);
        if (!saved)
            return ctx.fail(saved.error());
        p = saved.value();
    } else if (parser.isSet(CliWorkspace::option()) || parser.isSet(env)) {
        return ctx.usage(QStringLiteral("--workspace and --env go with --profile"));
    }
    if (parser.isSet(issuer))
        p.issuer = parser.value(issuer);
    OAuthActionRequest request;
    auto token = EnvironmentSecret::text(parser.value(tokenEnv), QStringLiteral("--token-env"));
    if (!token)
        return ctx.fail(token.error());
    request.token = token.value();
    request.tokenTypeHint = userinfo ? QString() : parser.value(hint);
    // The endpoint: the flag, else typed in the profile, else from the issuer's metadata (RFC 8414 §2).
    request.url = parser.isSet(url) ? parser.value(url) : OAuthActionClient::endpointOf(kind, p, nullptr);
    if (request.url.isEmpty()) {
        if (p.issuer.isEmpty())
            return ctx.usage(QStringLiteral("--issuer, --%1 or a --profile with either is required").arg(endpointFlag));
        auto metadata = MetadataResolver::resolveAndWait(p.issuer);
        if (!metadata)
            return ctx.fail(metadata.error());
        request.url = OAuthActionClient::endpointOf(kind, p, &metadata.value());
        if (request.url.isEmpty())
            return ctx.fail(
                Error(ErrorCode::NotFound, QStringLiteral("the issuer's metadata names no %1 endpoint").arg(action)));
    }
    if (!userinfo) {
        if (parser.isSet(clientId))
            p.clientId = parser.value(clientId);
        if (p.clientId.isEmpty())
            return ctx.usage(QStringLiteral("--client-id (or --profile) is required"));
        if (parser.isSet(clientAuth)) {
            const auto method = clientAuthFromFlag(parser.value(clientAuth));
            if (!method || (*method != AuthProfile::ClientAuth::Basic && *method != AuthProfile::ClientAuth::Post &&
                            *method != AuthProfile::ClientAuth::None))
                return ctx.usage(QStringLiteral("--client-auth takes basic, post or none"));
            p.clientAuth = *method;
        }
        if (parser.isSet(secretEnv) || parser.isSet(secretFile)) {
            auto secret = clientSecretFrom(parser, secretEnv, secretFile, ctx);
            if (!secret)
                return ctx.fail(secret.error());
            p.clientSecret = secret.value();
        }
        request.client = OAuthTokenFlow::clientRequest(p).client;
    }
    const auto refused = [&ctx](const Error& error) {
        return ctx.fail(error, error.code == ErrorCode::OAuthError ? ExitInvalid : ExitUsage);
    };
    if (action == QLatin1String("revoke")) {
        if (auto revoked = OAuthActions::revoke(request); !revoked)
            return refused(revoked.error());
        ctx.errLine(QStringLiteral("tokenscope-cli: revoked (RFC 7009 §2.2: the same answer for an unknown token)"));
        return ExitOk;
    }
    const auto answer = userinfo ? OAuthActions::userinfo(request) : OAuthActions::introspect(request);
    if (!answer)
        return refused(answer.error());
    ctx.outJson(answer.value());
    // The JSON on stdout stays what a script parses; the same words as the GUI's tokens panel go to stderr.
    if (!userinfo) {
        for (const QString& line :
             IntrospectionWords::describe(answer.value(), request.url, SystemClock::instance().nowSeconds()))
            ctx.errLine(line);
    }
    // Exit 1 for an inactive token, so a script can test it (RFC 7662 §2.2: an answer, not an error).
    return userinfo || answer->value(QStringLiteral("active")).toBool() ? ExitOk : ExitInvalid;
}

int OAuthCommand::runForget(const QStringList& arguments, CliContext& ctx)
{
    QCommandLineParser parser;
    const QCommandLineOption profile(QStringLiteral("profile"), QStringLiteral("The auth profile."),
                                     QStringLiteral("NAME"));
    parser.addOptions({profile, CliWorkspace::option()});
    if (const int r = parse(parser, arguments, ctx, QStringLiteral("oauth forget --profile NAME [--workspace DIR]"));
        r >= 0)
        return r;
    if (!parser.isSet(profile) || !parser.positionalArguments().isEmpty())
        return ctx.usage(QStringLiteral("oauth forget takes --profile NAME"));
    CliWorkspace w;
    if (auto opened = w.open(parser.value(CliWorkspace::option()), ctx, CliWorkspace::Access::ReadOnly); !opened)
        return ctx.fail(opened.error());
    const auto saved = w.authProfile(parser.value(profile));
    if (!saved)
        return ctx.fail(saved.error());
    TokenManager tokens;
    tokens.setSecretStore(CliWorkspace::tokenStore(), w.tokenPrefix());
    tokens.forget(saved->name);
    ctx.errLine(QStringLiteral("tokenscope-cli: the tokens of profile %1 are forgotten")
                    .arg(CliWorkspace::printable(saved->name)));
    return ExitOk;
}

int OAuthCommand::runToken(const QStringList& arguments, CliContext& ctx)
{
    QCommandLineParser parser;
    const QCommandLineOption grant(QStringLiteral("grant"), QStringLiteral("The grant (default client_credentials)."),
                                   QStringLiteral("GRANT"));
    const QCommandLineOption issuer(QStringLiteral("issuer"),
                                    QStringLiteral("Issuer: endpoints from OIDC discovery or RFC 8414 metadata."),
                                    QStringLiteral("URL"));
    const QCommandLineOption tokenUrl(QStringLiteral("token-url"), QStringLiteral("The token endpoint."),
                                      QStringLiteral("URL"));
    const QCommandLineOption clientId(QStringLiteral("client-id"), QStringLiteral("The client id."),
                                      QStringLiteral("ID"));
    const QCommandLineOption secretEnv(QStringLiteral("client-secret-env"),
                                       QStringLiteral("Environment variable holding the client secret."),
                                       QStringLiteral("VAR"));
    const QCommandLineOption secretFile(QStringLiteral("client-secret-file"),
                                        QStringLiteral("File holding the client secret (one line)."),
                                        QStringLiteral("FILE"));
    const QCommandLineOption clientKey(QStringLiteral("client-key"),
                                       QStringLiteral("private_key_jwt: the client's private key (PEM or JWK)."),
                                       QStringLiteral("FILE"));
    const QCommandLineOption clientAuth(QStringLiteral("client-auth"),
                                        QStringLiteral("basic (default), post, client_secret_jwt, private_key_jwt, "
                                                       "none."),
                                        QStringLiteral("METHOD"));
    const QCommandLineOption scope(QStringLiteral("scope"), QStringLiteral("Scopes, space-separated."),
                                   QStringLiteral("S"));
    const QCommandLineOption audience(QStringLiteral("audience"), QStringLiteral("Audience."), QStringLiteral("A"));
    const QCommandLineOption resource(QStringLiteral("resource"), QStringLiteral("RFC 8707 resource."),
                                      QStringLiteral("R"));
    const QCommandLineOption username(QStringLiteral("username"), QStringLiteral("password grant: the user."),
                                      QStringLiteral("U"));
    const QCommandLineOption passwordEnv(QStringLiteral("password-env"),
                                         QStringLiteral("password grant: environment variable with the password."),
                                         QStringLiteral("VAR"));
    const QCommandLineOption refreshEnv(QStringLiteral("refresh-token-env"),
                                        QStringLiteral("refresh_token grant: environment variable with the token."),
                                        QStringLiteral("VAR"));
    const QCommandLineOption subjectEnv(QStringLiteral("subject-token-env"),
                                        QStringLiteral("token_exchange: environment variable with the subject token."),
                                        QStringLiteral("VAR"));
    const QCommandLineOption subjectType(QStringLiteral("subject-token-type"),
                                         QStringLiteral("token_exchange: its type (default: an access token)."),
                                         QStringLiteral("URN"));
    const QCommandLineOption authorizeUrl(QStringLiteral("authorize-url"),
                                          QStringLiteral("authorization_code: the authorization endpoint."),
                                          QStringLiteral("URL"));
    const QCommandLineOption deviceUrl(QStringLiteral("device-url"),
                                       QStringLiteral("device_code: the device authorization endpoint."),
                                       QStringLiteral("URL"));
    const QCommandLineOption pkce(QStringLiteral("pkce"), QStringLiteral("S256 (default), plain or off."),
                                  QStringLiteral("METHOD"));
    const QCommandLineOption redirectPort(QStringLiteral("redirect-port"),
                                          QStringLiteral("authorization_code: the loopback port (default: any free "
                                                         "one)."),
                                          QStringLiteral("N"));
    const QCommandLineOption print(QStringLiteral("print"),
                                   QStringLiteral("access_token (default), id_token, refresh_token or json."),
                                   QStringLiteral("WHAT"));
    const QCommandLineOption profile(QStringLiteral("profile"), QStringLiteral("A saved auth profile."),
                                     QStringLiteral("NAME"));
    const QCommandLineOption dpop(QStringLiteral("dpop"),
                                  QStringLiteral("RFC 9449: a DPoP-bound token (a P-256 key kept with the token)."));
    const QCommandLineOption fresh(QStringLiteral("fresh"),
                                   QStringLiteral("--profile: get a new token even when one is kept."));
    const QCommandLineOption env(QStringLiteral("env"),
                                 QStringLiteral("--profile: the environment its {{variables}} come from (default: the "
                                                "workspace's active one)."),
                                 QStringLiteral("NAME"));
    parser.addOptions({dpop, fresh, env});
    parser.addOptions({grant,
                       issuer,
                       tokenUrl,
                       clientId,
                       secretEnv,
                       secretFile,
                       clientKey,
                       clientAuth,
                       scope,
                       audience,
                       resource,
                       username,
                       passwordEnv,
                       refreshEnv,
                       subjectEnv,
                       subjectType,
                       print,
                       profile,
                       authorizeUrl,
                       deviceUrl,
                       pkce,
                       redirectPort,
                       CliWorkspace::option()});
    if (const int r = parse(parser, arguments, ctx, kTokenUsage); r >= 0)
        return r;
    if (!parser.positionalArguments().isEmpty())
        return ctx.usage(QStringLiteral("oauth token takes no positional arguments (secrets never go in argv)"));

    // The profile first, then the flags on top of it.
    AuthProfile p;
    TokenManager tokens; // with --profile, backed by the keychain: tokens kept across runs
    if (parser.isSet(profile)) {
        auto saved = savedProfile(parser, parser.value(profile), env, ctx, &tokens);
        if (!saved)
            return ctx.fail(saved.error());
        p = saved.value();
    } else if (parser.isSet(CliWorkspace::option()) || parser.isSet(env) || parser.isSet(fresh)) {
        return ctx.usage(QStringLiteral("--workspace, --env and --fresh go with --profile"));
    }
    if (parser.isSet(grant)) {
        const auto g = AuthProfile::grantFromName(parser.value(grant));
        if (!g)
            return ctx.usage(QStringLiteral("unknown --grant %1").arg(CliWorkspace::printable(parser.value(grant))));
        p.grant = *g;
    }
    const auto set = [&parser](const QCommandLineOption& option, QString& target) {
        if (parser.isSet(option))
            target = parser.value(option);
    };
    set(issuer, p.issuer);
    set(tokenUrl, p.tokenUrl);
    set(clientId, p.clientId);
    set(clientKey, p.clientKeyFile);
    set(scope, p.scope);
    set(audience, p.audience);
    set(resource, p.resource);
    set(username, p.username);
    set(authorizeUrl, p.authorizeUrl);
    set(deviceUrl, p.deviceAuthorizationUrl);
    set(pkce, p.pkce);
    if (parser.isSet(dpop))
        p.dpop = true;
    quint16 port = 0;
    if (parser.isSet(redirectPort)) {
        bool ok = false;
        port = parser.value(redirectPort).toUShort(&ok);
        if (!ok)
            return ctx.usage(QStringLiteral("--redirect-port takes a port number"));
    }
    if (parser.isSet(clientAuth)) {
        const auto method = clientAuthFromFlag(parser.value(clientAuth));
        if (!method)
            return ctx.usage(
                QStringLiteral("unknown --client-auth %1").arg(CliWorkspace::printable(parser.value(clientAuth))));
        p.clientAuth = *method;
    } else if (!parser.isSet(profile) && parser.isSet(clientKey)) {
        p.clientAuth = AuthProfile::ClientAuth::PrivateKeyJwt;
    }
    if (parser.isSet(secretEnv) || parser.isSet(secretFile)) {
        auto secret = clientSecretFrom(parser, secretEnv, secretFile, ctx);
        if (!secret)
            return ctx.fail(secret.error());
        p.clientSecret = secret.value();
    }
    if (parser.isSet(passwordEnv)) {
        auto password = EnvironmentSecret::text(parser.value(passwordEnv), QStringLiteral("--password-env"));
        if (!password)
            return ctx.fail(password.error());
        p.password = password.value();
    }
    const QString printWhat = parser.isSet(print) ? parser.value(print) : QStringLiteral("access_token");
    if (!QStringList{QStringLiteral("access_token"), QStringLiteral("id_token"), QStringLiteral("refresh_token"),
                     QStringLiteral("json")}
             .contains(printWhat))
        return ctx.usage(QStringLiteral("--print takes access_token, id_token, refresh_token or json"));
    if (p.clientId.isEmpty())
        return ctx.usage(QStringLiteral("--client-id (or --profile) is required"));

    // What neither the environment nor a flag gave is said, not sent as "{{tokenUrl}}".
    for (const QString& value : {p.issuer, p.tokenUrl, p.authorizeUrl, p.deviceAuthorizationUrl, p.clientId,
                                 p.clientSecret, p.scope, p.audience, p.resource, p.username, p.password}) {
        if (const VariableResolution r = VariableResolver().resolve(value); !r.unknownVariables.isEmpty())
            return ctx.usage(QStringLiteral("auth profile \"%1\" uses variables without a value: %2 (choose the "
                                            "environment with --env NAME, or give the value as a flag)")
                                 .arg(CliWorkspace::printable(p.name),
                                      CliWorkspace::printable(r.unknownVariables.join(QStringLiteral(", ")))));
    }
    // A token kept by an earlier run (the key includes what the flags changed: another scope is another token).
    const QString tokenKey = TokenManager::keyFor(p);
    std::optional<ManagedToken> kept;
    if (parser.isSet(profile)) {
        if (auto restored = tokens.restore(tokenKey); !restored)
            ctx.errLine(QStringLiteral("tokenscope-cli: warning: kept tokens cannot be read: %1")
                            .arg(restored.error().message));
        if (parser.isSet(fresh))
            tokens.invalidate(tokenKey);
        const auto usable = tokens.usable(tokenKey);
        if (usable && printWhat != QLatin1String("json")) {
            const QString value = printWhat == QLatin1String("id_token")        ? usable->idToken
                                  : printWhat == QLatin1String("refresh_token") ? usable->refreshToken
                                                                                : usable->accessToken;
            if (!value.isEmpty()) {
                ctx.errLine(QStringLiteral("tokenscope-cli: kept %1 token of profile %2%3")
                                .arg(DisplayText::escapeControls(usable->tokenType), CliWorkspace::printable(p.name),
                                     usable->expiresAtMs ? QStringLiteral(", expires in %1 s")
                                                               .arg((usable->expiresAtMs - tokens.nowMs()) / 1000)
                                                         : QString()));
                ctx.outLine(DisplayText::escapeControls(value));
                return ExitOk;
            }
        }
        kept = tokens.stored(tokenKey);
    }
    // Endpoints: typed, or from the issuer's metadata (OIDC discovery or RFC 8414).
    std::optional<AuthServerMetadata> metadata;
    if (!p.issuer.isEmpty()) {
        auto fetched = MetadataResolver::resolveAndWait(p.issuer);
        if (!fetched)
            return ctx.fail(fetched.error());
        metadata = fetched.value();
        OAuthTokenFlow::applyMetadata(p, *metadata);
    }
    // The implicit grant has no token request: its token comes from the authorization endpoint.
    const bool implicit = p.grant == AuthProfile::Grant::Implicit;
    if (p.tokenUrl.isEmpty() && !implicit)
        return ctx.usage(QStringLiteral("--issuer or --token-url is required"));
    if (implicit && p.dpop)
        return ctx.usage(QStringLiteral("--dpop needs a token request, which the implicit grant does not make"));

    TokenEndpointRequest request = OAuthTokenFlow::clientRequest(p);
    if (p.clientAuth == AuthProfile::ClientAuth::PrivateKeyJwt) {
        if (p.clientKeyFile.isEmpty())
            return ctx.usage(QStringLiteral("private_key_jwt needs --client-key FILE"));
        auto key = ctx.readInput(p.clientKeyFile, 1024 * 1024);
        if (!key)
            return ctx.fail(key.error());
        request.client.privateKey = key.value();
        request.client.keyPassphrase = qgetenv("TOKENSCOPE_KEY_PASSWORD");
    }
    if (p.dpop) {
        // RFC 9449 §8: the key, and the nonce an earlier run was given (kept with the profile's token), so the
        // first proof has it.
        if (auto bound = tokens.bindDpop(request, tokenKey); !bound)
            return ctx.fail(bound.error());
    }
    const auto withGrant = [&request](const TokenEndpointRequest& grantRequest) {
        request.grantType = grantRequest.grantType;
        request.parameters = grantRequest.parameters;
    };
    const auto fetchToken = [&request, &tokens, &tokenKey] {
        QString nonce;
        auto fetched = TokenEndpointClient::fetchAndWait(request, {}, nullptr, &nonce);
        tokens.setDpopNonce(TokenManager::originOf(request.tokenUrl), nonce, tokenKey);
        return fetched;
    };

    Result<TokenGrant> result(Error(ErrorCode::Generic, QStringLiteral("no grant ran")));
    QString grantName = AuthProfile::grantName(p.grant);
    // A kept refresh token first (RFC 6749 §6); refused (expired, revoked, rotated elsewhere): the profile's grant.
    if (kept && !kept->refreshToken.isEmpty()) {
        withGrant(TokenEndpointRequest::refreshToken(kept->refreshToken, p.scope));
        result = fetchToken();
        if (result) {
            grantName = QStringLiteral("refresh_token");
            ctx.errLine(QStringLiteral("tokenscope-cli: refreshed the kept token of profile %1")
                            .arg(CliWorkspace::printable(p.name)));
        } else if (result.error().code == ErrorCode::OAuthError) {
            tokens.logFailure(p.name, QStringLiteral("refresh_token"), request.tokenUrl, result.error());
            tokens.forget(p.name); // else store() would keep the refused refresh token beside the new grant
            if (p.dpop)
                request.dpopKey = tokens.dpopKey(tokenKey).value(); // a new key for the new token
        } else {
            return ctx.fail(result.error());
        }
    }
    QString nonce; // the authorization code flow's, for the id_token check
    if (!result)
        switch (p.grant) {
        case AuthProfile::Grant::ClientCredentials:
            withGrant(TokenEndpointRequest::clientCredentials(p.scope, p.audience, p.resource));
            result = fetchToken();
            break;
        case AuthProfile::Grant::Password:
            if (p.username.isEmpty() || p.password.isEmpty())
                return ctx.usage(QStringLiteral("the password grant needs --username and --password-env"));
            ctx.errLine(QStringLiteral("tokenscope-cli: warning: the password grant is legacy (RFC 9700 §2.4: must not "
                                       "be used)"));
            withGrant(TokenEndpointRequest::password(p.username, p.password, p.scope));
            result = fetchToken();
            break;
        case AuthProfile::Grant::RefreshToken: {
            if (!parser.isSet(refreshEnv))
                return ctx.usage(QStringLiteral("the refresh_token grant needs --refresh-token-env VAR"));
            auto token = EnvironmentSecret::text(parser.value(refreshEnv), QStringLiteral("--refresh-token-env"));
            if (!token)
                return ctx.fail(token.error());
            withGrant(TokenEndpointRequest::refreshToken(token.value(), p.scope));
            result = fetchToken();
            break;
        }
        case AuthProfile::Grant::TokenExchange: {
            if (!parser.isSet(subjectEnv))
                return ctx.usage(QStringLiteral("the token_exchange grant needs --subject-token-env VAR"));
            auto token = EnvironmentSecret::text(parser.value(subjectEnv), QStringLiteral("--subject-token-env"));
            if (!token)
                return ctx.fail(token.error());
            withGrant(TokenEndpointRequest::tokenExchange(token.value(), parser.value(subjectType), p.audience,
                                                          p.resource, p.scope));
            result = fetchToken();
            break;
        }
        case AuthProfile::Grant::Implicit:
        case AuthProfile::Grant::AuthorizationCode: {
            if (p.authorizeUrl.isEmpty())
                return ctx.usage(QStringLiteral("the %1 grant needs --authorize-url (or --issuer)").arg(grantName));
            if (implicit)
                ctx.errLine(QStringLiteral("tokenscope-cli: warning: the implicit grant is legacy (RFC 9700 §2.1.2: "
                                           "should not be used; the token travels in the browser's URL)"));
            AuthorizationCodeRequest code = OAuthTokenFlow::codeRequest(p, request, metadata);
            code.redirectPort = port;
            // $BROWSER when set (the usual convention); else the printed URL is all there is.
            const QString browserVariable = qEnvironmentVariable("BROWSER");
            const BrowserLauncher printed([](const QUrl&) { return Result<void>::success(); });
            AuthorizationCodeFlow flow(browserVariable.isEmpty() ? printed : BrowserLauncher::command(browserVariable));
            QObject::connect(&flow, &AuthorizationCodeFlow::authorizationUrl, [&ctx](const QUrl& url) {
                ctx.errLine(QStringLiteral("tokenscope-cli: open this URL to authorize: %1")
                                .arg(DisplayText::escapeControls(url.toString(QUrl::FullyEncoded))));
                ctx.flush();
            });
            QEventLoop loop;
            Result<AuthorizationCodeResult> outcome(Error(ErrorCode::Generic, QStringLiteral("no answer")));
            QObject::connect(&flow, &AuthorizationCodeFlow::finished, &loop,
                             [&](const Result<AuthorizationCodeResult>& r) {
                                 outcome = r;
                                 loop.quit();
                             });
            flow.start(code);
            loop.exec();
            if (outcome) {
                result = outcome->grant;
                nonce = outcome->nonce;
            } else
                result = outcome.error();
            break;
        }
        case AuthProfile::Grant::DeviceCode: {
            if (p.deviceAuthorizationUrl.isEmpty())
                return ctx.usage(QStringLiteral("the device_code grant needs --device-url (or --issuer)"));
            const DeviceAuthorizationRequest device = OAuthTokenFlow::deviceRequest(p, request);
            // RFC 8628 §3.3: shown exactly as the server sent them, before polling starts.
            result = DeviceAuthorizationFlow::runAndWait(device, [&ctx](const DeviceAuthorization& a) {
                ctx.errLine(QStringLiteral("verification_uri: %1").arg(DisplayText::escapeControls(a.verificationUri)));
                if (!a.verificationUriComplete.isEmpty())
                    ctx.errLine(QStringLiteral("verification_uri_complete: %1")
                                    .arg(DisplayText::escapeControls(a.verificationUriComplete)));
                ctx.errLine(QStringLiteral("user_code: %1").arg(DisplayText::escapeControls(a.userCode)));
                ctx.errLine(QStringLiteral("tokenscope-cli: polling every %1 s for up to %2 s")
                                .arg(a.intervalSeconds)
                                .arg(a.expiresIn));
                ctx.flush();
            });
            break;
        }
        }

    if (!result)
        return ctx.fail(result.error(), result.error().code == ErrorCode::OAuthError ? ExitInvalid : ExitUsage);
    const TokenGrant& g = result.value();
    if (parser.isSet(profile))
        tokens.store(tokenKey, p.name, grantName, request.tokenUrl, g); // the keychain, for the next run
    // OIDC Core §3.1.3.7: an id_token is verified before it is believed; a failure is shown and ends with exit 1.
    if (!g.idToken.isEmpty()) {
        if (!metadata || metadata->jwksUri.isEmpty()) {
            ctx.errLine(QStringLiteral("tokenscope-cli: warning: the id_token is NOT verified (no --issuer, so no "
                                       "JWKS)"));
        } else {
            auto keys = RemoteJwksFetcher::fetchBlocking(metadata->jwksUri, false);
            if (!keys)
                return ctx.fail(Error(keys.error().code,
                                      QStringLiteral("the id_token cannot be verified: %1").arg(keys.error().message)));
            IdTokenExpectations expected;
            expected.issuer = metadata->issuer;
            expected.clientId = p.clientId;
            expected.nonce = nonce;
            expected.accessToken = g.accessToken;
            const VerificationResult checked =
                IdTokenVerifier::verify(g.idToken.toLatin1(), keys->analysis.keys, expected);
            for (const VerificationStep& step : checked.steps) {
                if (step.status == VerificationStep::Status::Failed || step.id == QLatin1String("signature") ||
                    step.id == QLatin1String("nonce"))
                    ctx.errLine(QStringLiteral("id_token %1: %2 — %3")
                                    .arg(step.id, VerificationStep::statusName(step.status),
                                         DisplayText::escapeControls(step.message)));
            }
            if (!checked.valid)
                return ctx.fail(Error(checked.error ? checked.error->code : ErrorCode::JwtClaimValidationFailed,
                                      QStringLiteral("the id_token failed verification: %1")
                                          .arg(checked.error ? checked.error->message : QString())),
                                ExitInvalid);
        }
    }
    ctx.errLine(QStringLiteral("tokenscope-cli: %1 token from %2%3%4")
                    .arg(DisplayText::escapeControls(g.tokenType.isEmpty() ? QStringLiteral("(untyped)") : g.tokenType),
                         DisplayText::escapeControls(request.tokenUrl),
                         g.expiresIn >= 0 ? QStringLiteral(", expires in %1 s").arg(g.expiresIn) : QString(),
                         g.scope.isEmpty()
                             ? QString()
                             : QString(QStringLiteral(", scope ") + DisplayText::escapeControls(g.scope))));
    if (printWhat == QLatin1String("json")) {
        ctx.outJson(g.raw);
        return ExitOk;
    }
    const QString value = printWhat == QLatin1String("id_token")        ? g.idToken
                          : printWhat == QLatin1String("refresh_token") ? g.refreshToken
                                                                        : g.accessToken;
    if (value.isEmpty())
        return ctx.fail(Error(ErrorCode::NotFound, QStringLiteral("the answer has no %1").arg(printWhat)));
    ctx.outLine(DisplayText::escapeControls(value));
    return ExitOk;
}
