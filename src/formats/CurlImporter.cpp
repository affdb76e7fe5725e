// SPDX-License-Identifier: MIT
#include "formats/CurlImporter.h"

#include "request/CommandLineTokenizer.h"

#include <QUrl>

namespace {

enum class Opt
{
    Request,
    Header,
    Data,       // -d, --data, --data-ascii: @file allowed
    DataRaw,    // no @ interpretation
    DataBinary, // @file allowed, binary
    DataUrlEncode,
    Json,
    Form,
    FormString,
    User,
    OAuth2Bearer,
    Url,
    UrlQuery,
    Get,
    Head,
    UserAgent,
    Cookie,
    Referer,
    Insecure,
    Location,
    LocationTrusted,
    MaxTime,
    Compressed,
    Basic,
    IgnoredOutput,    // affects only what curl prints or writes
    IgnoredOutputArg, // same, with an argument
    Unsupported,
    UnsupportedArg,
};

struct OptionInfo
{
    const char* longName; // without "--"
    char shortName;       // 0 if none
    Opt opt;
};

// Long names are curl's; only options whose argument must be skipped need to be listed among the unsupported
// ones, the rest fall through to "unknown option" (also reported).
constexpr OptionInfo kOptions[] = {
    {"request", 'X', Opt::Request},
    {"header", 'H', Opt::Header},
    {"data", 'd', Opt::Data},
    {"data-ascii", 0, Opt::Data},
    {"data-raw", 0, Opt::DataRaw},
    {"data-binary", 0, Opt::DataBinary},
    {"data-urlencode", 0, Opt::DataUrlEncode},
    {"json", 0, Opt::Json},
    {"form", 'F', Opt::Form},
    {"form-string", 0, Opt::FormString},
    {"user", 'u', Opt::User},
    {"oauth2-bearer", 0, Opt::OAuth2Bearer},
    {"url", 0, Opt::Url},
    {"url-query", 0, Opt::UrlQuery},
    {"get", 'G', Opt::Get},
    {"head", 'I', Opt::Head},
    {"user-agent", 'A', Opt::UserAgent},
    {"cookie", 'b', Opt::Cookie},
    {"referer", 'e', Opt::Referer},
    {"insecure", 'k', Opt::Insecure},
    {"location", 'L', Opt::Location},
    {"location-trusted", 0, Opt::LocationTrusted},
    {"max-time", 'm', Opt::MaxTime},
    {"compressed", 0, Opt::Compressed},
    {"basic", 0, Opt::Basic},
    {"silent", 's', Opt::IgnoredOutput},
    {"show-error", 'S', Opt::IgnoredOutput},
    {"verbose", 'v', Opt::IgnoredOutput},
    {"include", 'i', Opt::IgnoredOutput},
    {"fail", 'f', Opt::IgnoredOutput},
    {"fail-with-body", 0, Opt::IgnoredOutput},
    {"progress-bar", '#', Opt::IgnoredOutput},
    {"no-progress-meter", 0, Opt::IgnoredOutput},
    {"no-buffer", 'N', Opt::IgnoredOutput},
    {"globoff", 'g', Opt::IgnoredOutput},
    {"output", 'o', Opt::IgnoredOutputArg},
    {"write-out", 'w', Opt::IgnoredOutputArg},
    {"dump-header", 'D', Opt::IgnoredOutputArg},
    {"stderr", 0, Opt::IgnoredOutputArg},
    {"trace", 0, Opt::IgnoredOutputArg},
    {"trace-ascii", 0, Opt::IgnoredOutputArg},
    {"proxy", 'x', Opt::UnsupportedArg},
    {"proxy-user", 'U', Opt::UnsupportedArg},
    {"proxy-header", 0, Opt::UnsupportedArg},
    {"cert", 'E', Opt::UnsupportedArg},
    {"cert-type", 0, Opt::UnsupportedArg},
    {"key", 0, Opt::UnsupportedArg},
    {"key-type", 0, Opt::UnsupportedArg},
    {"pass", 0, Opt::UnsupportedArg},
    {"cacert", 0, Opt::UnsupportedArg},
    {"capath", 0, Opt::UnsupportedArg},
    {"ciphers", 0, Opt::UnsupportedArg},
    {"resolve", 0, Opt::UnsupportedArg},
    {"connect-to", 0, Opt::UnsupportedArg},
    {"connect-timeout", 0, Opt::UnsupportedArg},
    {"cookie-jar", 'c', Opt::UnsupportedArg},
    {"upload-file", 'T', Opt::UnsupportedArg},
    {"max-redirs", 0, Opt::UnsupportedArg},
    {"range", 'r', Opt::UnsupportedArg},
    {"time-cond", 'z', Opt::UnsupportedArg},
    {"config", 'K', Opt::UnsupportedArg},
    {"retry", 0, Opt::UnsupportedArg},
    {"retry-delay", 0, Opt::UnsupportedArg},
    {"retry-max-time", 0, Opt::UnsupportedArg},
    {"limit-rate", 0, Opt::UnsupportedArg},
    {"interface", 0, Opt::UnsupportedArg},
    {"unix-socket", 0, Opt::UnsupportedArg},
    {"abstract-unix-socket", 0, Opt::UnsupportedArg},
    {"speed-time", 'y', Opt::UnsupportedArg},
    {"speed-limit", 'Y', Opt::UnsupportedArg},
    {"continue-at", 'C', Opt::UnsupportedArg},
    {"quote", 'Q', Opt::UnsupportedArg},
    {"telnet-option", 't', Opt::UnsupportedArg},
    {"dns-servers", 0, Opt::UnsupportedArg},
    {"local-port", 0, Opt::UnsupportedArg},
    {"aws-sigv4", 0, Opt::UnsupportedArg},
    {"variable", 0, Opt::UnsupportedArg},
    {"noproxy", 0, Opt::UnsupportedArg},
    {"netrc-file", 0, Opt::UnsupportedArg},
    {"tls-max", 0, Opt::UnsupportedArg},
    {"pinnedpubkey", 0, Opt::UnsupportedArg},
    {"preproxy", 0, Opt::UnsupportedArg},
    {"request-target", 0, Opt::UnsupportedArg},
    {"digest", 0, Opt::Unsupported},
    {"ntlm", 0, Opt::Unsupported},
    {"negotiate", 0, Opt::Unsupported},
    {"anyauth", 0, Opt::Unsupported},
    {"http1.0", '0', Opt::Unsupported},
    {"http1.1", 0, Opt::Unsupported},
    {"http2", 0, Opt::Unsupported},
    {"http2-prior-knowledge", 0, Opt::Unsupported},
    {"http3", 0, Opt::Unsupported},
    {"ipv4", '4', Opt::Unsupported},
    {"ipv6", '6', Opt::Unsupported},
    {"netrc", 'n', Opt::Unsupported},
    {"junk-session-cookies", 'j', Opt::Unsupported},
    {"remote-name", 'O', Opt::Unsupported},
    {"remote-header-name", 'J', Opt::Unsupported},
    {"parallel", 'Z', Opt::Unsupported},
    {"proxytunnel", 'p', Opt::Unsupported},
    {"path-as-is", 0, Opt::Unsupported},
    {"raw", 0, Opt::Unsupported},
    {"tr-encoding", 0, Opt::Unsupported},
    {"post301", 0, Opt::Unsupported},
    {"post302", 0, Opt::Unsupported},
    {"post303", 0, Opt::Unsupported},
};

const OptionInfo* findLong(const QString& name)
{
    for (const auto& o : kOptions) {
        if (name == QLatin1String(o.longName))
            return &o;
    }
    return nullptr;
}

const OptionInfo* findShort(QChar c)
{
    for (const auto& o : kOptions) {
        if (o.shortName != 0 && c == QLatin1Char(o.shortName))
            return &o;
    }
    return nullptr;
}

bool takesArgument(Opt opt)
{
    switch (opt) {
    case Opt::Get:
    case Opt::Head:
    case Opt::Insecure:
    case Opt::Location:
    case Opt::LocationTrusted:
    case Opt::Compressed:
    case Opt::Basic:
    case Opt::IgnoredOutput:
    case Opt::Unsupported:
        return false;
    default:
        return true;
    }
}

struct DataPiece
{
    QString text; // literal data, or the file path when fromFile
    bool fromFile = false;
    bool binary = false;  // --data-binary/--json: file sent as is (-d strips CR/LF)
    bool json = false;    // --json: concatenated without '&'
    bool encoded = false; // from --data-urlencode
};

QString percentEncode(const QString& text)
{
    return QString::fromLatin1(QUrl::toPercentEncoding(text));
}

// application/x-www-form-urlencoded decoding ('+' is a space).
QString formDecode(const QString& text)
{
    QString t = text;
    t.replace(QLatin1Char('+'), QLatin1Char(' '));
    return QUrl::fromPercentEncoding(t.toUtf8());
}

// k=v&k=v with no whitespace: what curl users mean by form data.
bool looksLikeForm(const QString& text)
{
    if (text.isEmpty())
        return false;
    for (const QChar c : text) {
        if (c.isSpace() || c == QLatin1Char('{') || c == QLatin1Char('[') || c == QLatin1Char('<') ||
            c == QLatin1Char('"'))
            return false;
    }
    const QStringList pieces = text.split(QLatin1Char('&'));
    for (const QString& piece : pieces) {
        if (piece.indexOf(QLatin1Char('=')) <= 0)
            return false;
    }
    return true;
}

// --data-urlencode's five forms (curl manual).
DataPiece urlEncodePiece(const QString& arg, QStringList& notes)
{
    DataPiece piece;
    piece.encoded = true;
    const qsizetype eq = arg.indexOf(QLatin1Char('='));
    const qsizetype at = arg.indexOf(QLatin1Char('@'));
    if (eq >= 0 && (at < 0 || eq < at)) {
        const QString name = arg.left(eq);
        const QString content = arg.mid(eq + 1);
        piece.text =
            name.isEmpty() ? percentEncode(content) : QString(name + QLatin1Char('=') + percentEncode(content));
    } else if (at >= 0) {
        const QString name = arg.left(at);
        const QString path = arg.mid(at + 1);
        notes.append(QString(QStringLiteral("--data-urlencode reads file \"") + path +
                             QStringLiteral("\"; not read, left as a placeholder")));
        piece.text = name.isEmpty() ? QString(QStringLiteral("{{file:") + path + QStringLiteral("}}"))
                                    : QString(name + QStringLiteral("={{file:") + path + QStringLiteral("}}"));
    } else {
        piece.text = percentEncode(arg);
    }
    return piece;
}

// curl -F: name=value[;type=..][;filename=..], name=@file[;type=..], name=<file. Double-quoted words may
// contain ';' and ',' with \" and \\ escapes (curl's get_param_word()).
QString readFormWord(const QString& text, qsizetype& i)
{
    QString word;
    if (i < text.size() && text[i] == QLatin1Char('"')) {
        qsizetype j = i + 1;
        QString quoted;
        while (j < text.size() && text[j] != QLatin1Char('"')) {
            if (text[j] == QLatin1Char('\\') && j + 1 < text.size() &&
                (text[j + 1] == QLatin1Char('"') || text[j + 1] == QLatin1Char('\\')))
                ++j;
            quoted += text[j++];
        }
        if (j < text.size()) {
            i = j + 1;
            // Anything up to the next ';' after the closing quote is ignored, as curl does.
            while (i < text.size() && text[i] != QLatin1Char(';'))
                ++i;
            return quoted;
        }
    }
    while (i < text.size() && text[i] != QLatin1Char(';'))
        word += text[i++];
    return word;
}

HttpRequestSpec::MultipartPart parseFormArg(const QString& arg, bool literal, QStringList& notes)
{
    HttpRequestSpec::MultipartPart part;
    const qsizetype eq = arg.indexOf(QLatin1Char('='));
    part.name = eq < 0 ? arg : arg.left(eq);
    const QString rest = eq < 0 ? QString() : arg.mid(eq + 1);
    if (literal) {
        part.value = rest;
        return part;
    }
    qsizetype i = 0;
    const bool file = rest.startsWith(QLatin1Char('@'));
    const bool contentFromFile = rest.startsWith(QLatin1Char('<'));
    if (file || contentFromFile)
        i = 1;
    const QString first = readFormWord(rest, i);
    while (i < rest.size() && rest[i] == QLatin1Char(';')) {
        ++i;
        const qsizetype keyEnd = rest.indexOf(QLatin1Char('='), i);
        if (keyEnd < 0)
            break;
        const QString key = rest.mid(i, keyEnd - i).trimmed().toLower();
        i = keyEnd + 1;
        const QString value = readFormWord(rest, i);
        if (key == QLatin1String("type"))
            part.contentType = value;
        else
            notes.append(QString(QStringLiteral("-F parameter \"") + key + QStringLiteral("\" ignored")));
    }
    if (file || contentFromFile) {
        part.isFile = true;
        part.filePath = first;
        if (contentFromFile)
            notes.append(QString(QStringLiteral("-F ") + part.name +
                                 QStringLiteral("=<file sends the file content as a text field; imported as a file "
                                                "part")));
    } else {
        part.value = first;
    }
    return part;
}

} // namespace

Result<CurlImport> CurlImporter::parse(const QString& command)
{
    const auto dialect = CommandLineTokenizer::detectDialect(command);
    auto tokens = CommandLineTokenizer::split(command, dialect);
    if (!tokens)
        return tokens.error();
    CurlImport result;
    result.notes = tokens->notes;
    QStringList args = tokens->arguments;
    if (args.isEmpty())
        return Error(ErrorCode::Usage, QStringLiteral("empty command"));
    const QString program = args.first();
    const QString programName = program.section(QLatin1Char('/'), -1).section(QLatin1Char('\\'), -1).toLower();
    if (programName == QLatin1String("curl") || programName == QLatin1String("curl.exe"))
        args.removeFirst();
    else if (!program.startsWith(QLatin1Char('-')) && !program.contains(QLatin1String("://")))
        return Error(ErrorCode::Usage, QString(QStringLiteral("not a curl command: ") + program));
    if (dialect == CommandLineTokenizer::Dialect::WindowsCmd)
        result.notes.append(QStringLiteral("parsed with Windows cmd.exe quoting rules"));

    HttpRequestSpec& spec = result.request;
    spec.followRedirects = false; // curl's default
    QString method;
    bool head = false;
    bool get = false;
    QList<DataPiece> data;
    QList<HttpRequestSpec::MultipartPart> parts;
    QList<HttpRequestSpec::HeaderRow> headers;
    QString userAgent;
    QStringList cookies;
    QString referer;
    QString user;
    bool haveUser = false;
    QString bearer;
    QStringList urls;
    QStringList urlQueries;

    const auto handle = [&](const OptionInfo& info, const QString& written, const QString& arg) -> void {
        switch (info.opt) {
        case Opt::Request:
            method = arg;
            break;
        case Opt::Header: {
            if (arg.startsWith(QLatin1Char('@'))) {
                result.unsupportedFlags.append(QString(written + QStringLiteral(" @file")));
                break;
            }
            const qsizetype colon = arg.indexOf(QLatin1Char(':'));
            if (colon < 0 && arg.endsWith(QLatin1Char(';'))) {
                headers.append({arg.chopped(1).trimmed(), QString(QLatin1String("")), true});
            } else if (colon <= 0) {
                result.notes.append(QString(QStringLiteral("ignored malformed header \"") + arg + QLatin1Char('"')));
            } else {
                const QString name = arg.left(colon).trimmed();
                const QString value = arg.mid(colon + 1).trimmed();
                if (value.isEmpty())
                    result.notes.append(QString(QStringLiteral("\"") + name +
                                                QStringLiteral(":\" removes curl's own header; ignored")));
                else
                    headers.append({name, value, true});
            }
            break;
        }
        case Opt::Data:
        case Opt::DataBinary:
        case Opt::Json: {
            DataPiece piece;
            piece.binary = info.opt != Opt::Data;
            piece.json = info.opt == Opt::Json;
            if (arg.startsWith(QLatin1Char('@'))) {
                piece.fromFile = true;
                piece.text = arg.mid(1);
                result.notes.append(QString(written + QStringLiteral(" @") + piece.text +
                                            QStringLiteral(": file reference, not read")));
            } else {
                piece.text = arg;
            }
            data.append(piece);
            break;
        }
        case Opt::DataRaw:
            data.append(DataPiece{arg, false, false, false, false});
            break;
        case Opt::DataUrlEncode:
            data.append(urlEncodePiece(arg, result.notes));
            break;
        case Opt::Form:
        case Opt::FormString:
            parts.append(parseFormArg(arg, info.opt == Opt::FormString, result.notes));
            break;
        case Opt::User:
            user = arg;
            haveUser = true;
            break;
        case Opt::OAuth2Bearer:
            bearer = arg;
            break;
        case Opt::Url:
            urls.append(arg);
            break;
        case Opt::UrlQuery:
            urlQueries.append(arg.startsWith(QLatin1Char('+')) ? arg.mid(1) : urlEncodePiece(arg, result.notes).text);
            break;
        case Opt::Get:
            get = true;
            break;
        case Opt::Head:
            head = true;
            break;
        case Opt::UserAgent:
            userAgent = arg;
            break;
        case Opt::Cookie:
            if (arg.contains(QLatin1Char('=')))
                cookies.append(arg);
            else
                result.unsupportedFlags.append(QString(written + QStringLiteral(" (cookie file)")));
            break;
        case Opt::Referer:
            referer = arg;
            if (referer.endsWith(QLatin1String(";auto"))) {
                referer.chop(5);
                result.notes.append(QStringLiteral("--referer ;auto (set Referer on redirects) not supported"));
            }
            break;
        case Opt::Insecure:
            result.insecure = true;
            break;
        case Opt::Location:
            result.location = true;
            break;
        case Opt::LocationTrusted:
            result.location = true;
            result.notes.append(QStringLiteral("--location-trusted imported as --location (credentials are not "
                                               "sent to other hosts)"));
            break;
        case Opt::MaxTime: {
            bool ok = false;
            const double seconds = arg.toDouble(&ok);
            if (ok && seconds >= 0 && seconds < 2147483.0)
                spec.timeoutMs = int(seconds * 1000.0 + 0.5);
            else
                result.notes.append(QString(written + QStringLiteral(": invalid time \"") + arg + QLatin1Char('"')));
            break;
        }
        case Opt::Compressed:
            result.compressed = true;
            result.notes.append(QStringLiteral("--compressed: curl asks for a compressed response and decodes it"));
            break;
        case Opt::Basic:
            break;
        case Opt::IgnoredOutput:
        case Opt::IgnoredOutputArg:
            result.notes.append(QString(QStringLiteral("ignored output option ") + written));
            break;
        case Opt::Unsupported:
        case Opt::UnsupportedArg:
            result.unsupportedFlags.append(written);
            break;
        }
    };

    bool endOfOptions = false;
    for (qsizetype i = 0; i < args.size(); ++i) {
        const QString& a = args[i];
        if (endOfOptions || !a.startsWith(QLatin1Char('-')) || a == QLatin1String("-")) {
            urls.append(a);
            continue;
        }
        if (a == QLatin1String("--")) {
            endOfOptions = true;
            continue;
        }
        if (a.startsWith(QLatin1String("--"))) {
            QString name = a.mid(2);
            QString inlineArg;
            bool hasInline = false;
            const OptionInfo* info = findLong(name);
            if (!info && name.startsWith(QLatin1String("no-"))) {
                // --no-<boolean>: switches a boolean option off.
                const OptionInfo* base = findLong(name.mid(3));
                if (base && !takesArgument(base->opt)) {
                    if (base->opt == Opt::Location || base->opt == Opt::LocationTrusted)
                        result.location = false;
                    else if (base->opt == Opt::Insecure)
                        result.insecure = false;
                    else if (base->opt == Opt::Compressed)
                        result.compressed = false;
                    else if (base->opt == Opt::Get)
                        get = false;
                    else if (base->opt == Opt::Head)
                        head = false;
                    continue;
                }
            }
            if (!info && name.contains(QLatin1Char('='))) {
                // Not curl syntax, but common in hand-written commands.
                inlineArg = name.section(QLatin1Char('='), 1);
                name = name.section(QLatin1Char('='), 0, 0);
                info = findLong(name);
                hasInline = info != nullptr;
            }
            if (!info) {
                result.unsupportedFlags.append(a);
                continue;
            }
            QString arg;
            if (takesArgument(info->opt)) {
                if (hasInline) {
                    arg = inlineArg;
                } else {
                    if (i + 1 >= args.size())
                        return Error(ErrorCode::Usage, QString(a + QStringLiteral(" needs an argument")));
                    arg = args[++i];
                }
            }
            handle(*info, QString(QStringLiteral("--") + name), arg);
            continue;
        }
        // Short options, possibly combined (-sSLk) or with an attached argument (-XPOST).
        for (qsizetype j = 1; j < a.size(); ++j) {
            const QString written = QString(QLatin1Char('-') + a[j]);
            const OptionInfo* info = findShort(a[j]);
            if (!info) {
                result.unsupportedFlags.append(written);
                continue;
            }
            QString arg;
            if (takesArgument(info->opt)) {
                if (j + 1 < a.size()) {
                    arg = a.mid(j + 1);
                } else {
                    if (i + 1 >= args.size())
                        return Error(ErrorCode::Usage, QString(written + QStringLiteral(" needs an argument")));
                    arg = args[++i];
                }
                handle(*info, written, arg);
                break;
            }
            handle(*info, written, arg);
        }
    }

    // An empty word (`''`, `$''`) is an argument to curl but not a URL (found by FuzzCurl).
    urls.removeIf([](const QString& u) { return u.trimmed().isEmpty(); });
    if (urls.isEmpty())
        return Error(ErrorCode::Usage, QStringLiteral("no URL in the curl command"));
    spec.url = urls.first();
    for (qsizetype k = 1; k < urls.size(); ++k)
        result.notes.append(QString(QStringLiteral("extra URL or argument ignored: ") + urls[k]));
    for (const QString& q : std::as_const(urlQueries))
        spec.setQueryParameter(q.section(QLatin1Char('='), 0, 0), q.section(QLatin1Char('='), 1));

    spec.headers = headers;
    if (!userAgent.isNull() && !spec.hasHeader(QStringLiteral("User-Agent")))
        spec.headers.append({QStringLiteral("User-Agent"), userAgent, true});
    if (!referer.isNull() && !spec.hasHeader(QStringLiteral("Referer")))
        spec.headers.append({QStringLiteral("Referer"), referer, true});
    if (!cookies.isEmpty())
        spec.headers.append({QStringLiteral("Cookie"), cookies.join(QStringLiteral("; ")), true});

    // Auth: -u, --oauth2-bearer, or a single Authorization header that we can represent.
    if (haveUser) {
        spec.auth.kind = HttpRequestSpec::AuthKind::Basic;
        const qsizetype colon = user.indexOf(QLatin1Char(':'));
        spec.auth.username = colon < 0 ? user : user.left(colon);
        spec.auth.password = colon < 0 ? QString() : user.mid(colon + 1);
        if (colon < 0)
            result.notes.append(QStringLiteral("-u without a password: curl would prompt; password left empty"));
    } else if (!bearer.isNull()) {
        spec.auth.kind = HttpRequestSpec::AuthKind::Bearer;
        spec.auth.token = bearer;
    }
    int authorizationHeaders = 0;
    for (const auto& h : std::as_const(spec.headers))
        authorizationHeaders += h.name.compare(QLatin1String("Authorization"), Qt::CaseInsensitive) == 0 ? 1 : 0;
    if (authorizationHeaders == 1 && spec.auth.kind == HttpRequestSpec::AuthKind::None) {
        const QString value = spec.headerValue(QStringLiteral("Authorization"));
        const QString scheme = value.section(QLatin1Char(' '), 0, 0);
        const QString credentials = value.section(QLatin1Char(' '), 1).trimmed();
        if (scheme.compare(QLatin1String("Bearer"), Qt::CaseInsensitive) == 0 && !credentials.isEmpty() &&
            !credentials.contains(QLatin1Char(' '))) {
            spec.auth.kind = HttpRequestSpec::AuthKind::Bearer;
            spec.auth.token = credentials;
            spec.removeHeader(QStringLiteral("Authorization"));
        } else if (scheme.compare(QLatin1String("Basic"), Qt::CaseInsensitive) == 0) {
            const auto decoded =
                QByteArray::fromBase64Encoding(credentials.toLatin1(), QByteArray::AbortOnBase64DecodingErrors);
            const QString text = decoded ? QString::fromUtf8(decoded.decoded) : QString();
            const qsizetype colon = text.indexOf(QLatin1Char(':'));
            // Only when re-encoding gives the same header, so effective() reproduces it exactly.
            if (decoded && colon >= 0 && text.toUtf8() == decoded.decoded &&
                decoded.decoded.toBase64() == credentials.toLatin1()) {
                spec.auth.kind = HttpRequestSpec::AuthKind::Basic;
                spec.auth.username = text.left(colon);
                spec.auth.password = text.mid(colon + 1);
                spec.removeHeader(QStringLiteral("Authorization"));
            }
        }
    } else if (authorizationHeaders > 0 && spec.auth.kind != HttpRequestSpec::AuthKind::None) {
        result.notes.append(QStringLiteral("both -u/--oauth2-bearer and an Authorization header given; the header "
                                           "is replaced by the auth settings"));
    }

    // Body.
    if (!data.isEmpty() && !parts.isEmpty())
        result.notes.append(QStringLiteral("-d and -F together: curl refuses this; the form is used"));
    QString joined;
    for (qsizetype k = 0; k < data.size(); ++k) {
        if (k > 0 && !data[k].json)
            joined += QLatin1Char('&');
        joined += data[k].fromFile ? QString(QLatin1Char('@') + data[k].text) : data[k].text;
    }
    const QString contentType = spec.headerValue(QStringLiteral("Content-Type")).toLower();
    const bool anyJson = std::any_of(data.cbegin(), data.cend(), [](const DataPiece& p) { return p.json; });
    if (!parts.isEmpty()) {
        spec.bodyKind = HttpRequestSpec::BodyKind::Multipart;
        spec.multipartParts = parts;
    } else if (!data.isEmpty() && get) {
        const QString separator = spec.url.contains(QLatin1Char('?')) ? QStringLiteral("&") : QStringLiteral("?");
        const qsizetype hash = spec.url.indexOf(QLatin1Char('#'));
        if (hash >= 0)
            spec.url.truncate(hash);
        spec.url += QString(separator + joined);
    } else if (data.size() == 1 && data.first().fromFile) {
        spec.bodyKind = HttpRequestSpec::BodyKind::BinaryFile;
        spec.binaryFilePath = data.first().text;
        if (!data.first().binary)
            result.notes.append(QStringLiteral("-d @file: curl strips CR and LF from the file; imported as a binary "
                                               "file body"));
    } else if (!data.isEmpty()) {
        spec.bodyKind = HttpRequestSpec::BodyKind::Raw;
        spec.rawBody = joined;
        if (anyJson) {
            spec.rawType = HttpRequestSpec::RawType::Json;
            if (!spec.hasHeader(QStringLiteral("Content-Type")))
                spec.headers.append({QStringLiteral("Content-Type"), QStringLiteral("application/json"), true});
            if (!spec.hasHeader(QStringLiteral("Accept")))
                spec.headers.append({QStringLiteral("Accept"), QStringLiteral("application/json"), true});
        } else if (contentType.contains(QLatin1String("json"))) {
            spec.rawType = HttpRequestSpec::RawType::Json;
        } else if (contentType.contains(QLatin1String("xml"))) {
            spec.rawType = HttpRequestSpec::RawType::Xml;
        } else if ((contentType.isEmpty() ||
                    contentType.startsWith(QLatin1String("application/x-www-form-urlencoded"))) &&
                   looksLikeForm(joined)) {
            spec.bodyKind = HttpRequestSpec::BodyKind::FormUrlEncoded;
            spec.rawBody.clear();
            for (const QString& piece : joined.split(QLatin1Char('&'))) {
                const qsizetype eq = piece.indexOf(QLatin1Char('='));
                spec.formRows.append({formDecode(piece.left(eq)), formDecode(piece.mid(eq + 1)), true});
            }
        } else {
            spec.rawType = HttpRequestSpec::RawType::Text;
            if (contentType.isEmpty()) {
                // What curl sends for -d without a Content-Type.
                spec.headers.append(
                    {QStringLiteral("Content-Type"), QStringLiteral("application/x-www-form-urlencoded"), true});
                result.notes.append(QStringLiteral("curl sends -d data as application/x-www-form-urlencoded; "
                                                   "that Content-Type header was added"));
            }
        }
    }

    if (!method.isEmpty())
        spec.method = method;
    else if (head)
        spec.method = QStringLiteral("HEAD");
    else if (get)
        spec.method = QStringLiteral("GET");
    else if (!data.isEmpty() || !parts.isEmpty())
        spec.method = QStringLiteral("POST");
    else
        spec.method = QStringLiteral("GET");

    spec.verifyTls = !result.insecure;
    spec.followRedirects = result.location;
    spec.syncQueryFromUrl();
    return result;
}
