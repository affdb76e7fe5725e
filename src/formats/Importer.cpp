// SPDX-License-Identifier: MIT
#include "formats/Importer.h"

#include "formats/BodySecrets.h"
#include "formats/CurlImporter.h"
#include "formats/HarImporter.h"
#include "formats/HttpEnvironmentImporter.h"
#include "formats/HttpFileImporter.h"
#include "formats/ImportText.h"
#include "formats/InsomniaImporter.h"
#include "formats/OpenApiImporter.h"
#include "formats/PostmanEnvironmentImporter.h"
#include "formats/PostmanImporter.h"
#include "formats/YamlReader.h"
#include "workspace/Workspace.h"
#include "workspace/WorkspaceStore.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonObject>

#include <algorithm>
#include <thread>

std::optional<Importer::Format> Importer::formatFromName(const QString& name)
{
    for (const Format f : {Format::Auto, Format::Postman, Format::PostmanEnvironment, Format::Curl, Format::Http,
                           Format::HttpEnvironment, Format::OpenApi, Format::Insomnia, Format::Har}) {
        if (formatName(f) == name)
            return f;
    }
    return std::nullopt;
}

QString Importer::formatName(Format format)
{
    switch (format) {
    case Format::Auto:
        return QStringLiteral("auto");
    case Format::Postman:
        return QStringLiteral("postman");
    case Format::PostmanEnvironment:
        return QStringLiteral("postman-env");
    case Format::Curl:
        return QStringLiteral("curl");
    case Format::Http:
        return QStringLiteral("http");
    case Format::HttpEnvironment:
        return QStringLiteral("http-env");
    case Format::OpenApi:
        return QStringLiteral("openapi");
    case Format::Insomnia:
        return QStringLiteral("insomnia");
    case Format::Har:
        return QStringLiteral("har");
    }
    return QStringLiteral("auto");
}

QStringList Importer::formatNames()
{
    return {formatName(Format::Auto),    formatName(Format::Postman),  formatName(Format::PostmanEnvironment),
            formatName(Format::Curl),    formatName(Format::Http),     formatName(Format::HttpEnvironment),
            formatName(Format::OpenApi), formatName(Format::Insomnia), formatName(Format::Har)};
}

std::optional<Importer::Format> Importer::detect(const QByteArray& data, const QString& fileName)
{
    return detectParsed(data, fileName, nullptr);
}

std::optional<Importer::Format> Importer::detectParsed(const QByteArray& data, const QString& fileName,
                                                       QJsonDocument* parsed)
{
    if (const auto byName = formatOfName(fileName))
        return byName;
    const QByteArray text = ImportText::withoutBom(data);
    const QByteArray head = text.left(64).trimmed();
    if (head.startsWith("curl ") || head.startsWith("curl\t") || head.startsWith("curl.exe "))
        return Format::Curl;
    if (!head.startsWith('{') && !head.startsWith('[')) {
        if (YamlReader::looksLikeYaml(text)) {
            const auto yaml = YamlReader::parse(text);
            if (yaml && yaml->isObject())
                return detectObject(yaml->toObject(), true);
        }
        return HttpFileImporter::recognizes(text) ? std::optional(Format::Http) : std::nullopt;
    }
    const auto doc = ImportText::parseJson(text);
    if (!doc) {
        const auto yaml = YamlReader::parse(text); // YAML flow style starts with '{' too
        return yaml && yaml->isObject() ? detectObject(yaml->toObject(), true) : std::nullopt;
    }
    if (parsed)
        *parsed = doc.value();
    if (doc->isObject()) {
        if (const auto format = detectObject(doc->object(), false))
            return format;
    }
    if (PostmanEnvironmentImporter::recognizes(doc.value()))
        return Format::PostmanEnvironment;
    if (HttpEnvironmentImporter::recognizes(doc.value()))
        return Format::HttpEnvironment;
    return std::nullopt;
}

std::optional<Importer::Format> Importer::formatOfName(const QString& fileName)
{
    const QString base = QFileInfo(fileName).fileName().toLower();
    if (base.endsWith(QLatin1String(".http")) || base.endsWith(QLatin1String(".rest")))
        return Format::Http;
    if (base.endsWith(QLatin1String(".env.json")))
        return Format::HttpEnvironment;
    return std::nullopt;
}

std::optional<Importer::Format> Importer::detectObject(const QJsonObject& root, bool isYaml)
{
    if (!isYaml && PostmanImporter::recognizes(root))
        return Format::Postman;
    if (OpenApiImporter::recognizes(root))
        return Format::OpenApi;
    if (InsomniaImporter::recognizes(root))
        return Format::Insomnia;
    if (!isYaml && HarImporter::recognizes(root))
        return Format::Har;
    return std::nullopt;
}

Result<ImportResult> Importer::importData(const QByteArray& data, const QString& fileName, Format format)
{
    QJsonDocument parsed;
    if (format == Format::Auto) {
        const auto detected = detectParsed(data, fileName, &parsed);
        if (!detected) {
            // Say why when the file is damaged JSON: that is more useful than "not recognised".
            const QByteArray head = ImportText::withoutBom(data).left(64).trimmed();
            if (head.startsWith('{') || head.startsWith('[')) {
                if (auto doc = ImportText::parseJson(data); !doc)
                    return doc.error();
            } else if (YamlReader::looksLikeYaml(data)) {
                if (auto yaml = YamlReader::parse(data); !yaml)
                    return yaml.error();
            }
            return Error(ErrorCode::Usage, QStringLiteral("format not recognised (give --format %1)")
                                               .arg(formatNames().mid(1).join(QLatin1Char('|'))));
        }
        format = *detected;
    }
    auto result = importDetected(data, fileName, format, parsed);
    if (result && format == Format::HttpEnvironment)
        HttpEnvironmentImporter::applyShared(result.value());
    return result;
}

Result<ImportResult> Importer::importDetected(const QByteArray& data, const QString& fileName, Format format,
                                              const QJsonDocument& parsed)
{
    if (ImportText::interrupted()) // cancelled while the file was read or parsed for detection
        return ImportText::cancelled();
    Result<ImportResult> result = Error(ErrorCode::Usage, QStringLiteral("no format"));
    switch (format) {
    case Format::Postman:
        result = parsed.isObject() ? PostmanImporter::import(parsed.object()) : PostmanImporter::import(data);
        break;
    case Format::PostmanEnvironment:
        result = PostmanEnvironmentImporter::import(data);
        break;
    case Format::Curl:
        result = importCurl(data, fileName);
        break;
    case Format::Http: {
        QString name = QFileInfo(fileName).completeBaseName().trimmed();
        result = HttpFileImporter::import(data, name.isEmpty() ? QStringLiteral("requests") : name);
        break;
    }
    case Format::HttpEnvironment:
        result = HttpEnvironmentImporter::import(
            data, QFileInfo(fileName).fileName().contains(QLatin1String(".private."), Qt::CaseInsensitive));
        break;
    case Format::OpenApi:
        result = OpenApiImporter::import(data);
        break;
    case Format::Insomnia:
        result = InsomniaImporter::import(data);
        break;
    case Format::Har: {
        const QString name = QFileInfo(fileName).completeBaseName().trimmed();
        result = HarImporter::import(data, name.isEmpty() ? QStringLiteral("HAR") : name);
        break;
    }
    case Format::Auto:
        break;
    }
    return finished(std::move(result), fileName);
}

Result<ImportResult> Importer::finished(Result<ImportResult> result, const QString& fileName)
{
    if (result) {
        // Every format and both Postman paths end here: literal credentials in form bodies go to the keychain.
        BodySecrets::moveToVariables(result.value());
        ImportReport& report = result.value().report;
        ImportReport sourced;
        sourced.setSource(fileName);
        for (const ImportReport::Entry& e : report.entries())
            sourced.add(e.outcome, e.kind, e.path, e.detail);
        report = sourced;
    }
    return result;
}

Result<ImportResult> Importer::importFile(const QString& path, Format format, Format* detected)
{
    auto result = readFile(path, format); // `format`: the one detected
    if (detected)
        *detected = format;
    // kulala.nvim (like the JetBrains client) reads http-client.env.json from the .http file's directory; its
    // "$default_headers" go with every request.
    if (result && format == Format::Http) {
        QFile env(QFileInfo(path).dir().filePath(QStringLiteral("http-client.env.json")));
        if (env.size() <= kMaxFileBytes && env.open(QIODevice::ReadOnly))
            HttpEnvironmentImporter::applyDefaultHeaders(result.value(), env.readAll(), env.fileName());
    }
    // The JetBrains client reads http-client.private.env.json beside the public file and merges it in; so does the
    // import (its values are secrets, reported as such). "$shared" goes into each environment after that merge, so
    // that an environment's own value (public or private) wins over a shared one (public or private).
    if (!result || format != Format::HttpEnvironment)
        return result;
    const QString privatePath = HttpEnvironmentImporter::privateSibling(path);
    if (!privatePath.isEmpty() && QFileInfo::exists(privatePath)) {
        Format privateFormat = Format::HttpEnvironment;
        auto privateResult = readFile(privatePath, privateFormat);
        if (!privateResult)
            return privateResult.error();
        HttpEnvironmentImporter::mergePrivate(result.value(), std::move(privateResult).value());
    }
    HttpEnvironmentImporter::applyShared(result.value());
    return result;
}

Result<ImportResult> Importer::readFile(const QString& path, Format& format)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return Error(ErrorCode::Io, QStringLiteral("cannot read %1: %2").arg(path, file.errorString()));
    if (file.size() > kMaxFileBytes)
        return Error(ErrorCode::InputTooLarge,
                     QStringLiteral("%1 is larger than %2 MB").arg(path).arg(kMaxFileBytes >> 20));
    const QByteArray data = file.read(kMaxFileBytes + 1);
    if (data.size() > kMaxFileBytes)
        return Error(ErrorCode::InputTooLarge,
                     QStringLiteral("%1 is larger than %2 MB").arg(path).arg(kMaxFileBytes >> 20));
    // A large Postman collection is parsed and converted on every core, part by part (the same result; anything that
    // does not qualify takes the path below). Detection by content would take the Postman branch for it too: the
    // first object check is PostmanImporter::recognizes(), which importSplit() asks of the same top-level members.
    if (data.size() >= kSplitBytes && (format == Format::Postman || (format == Format::Auto && !formatOfName(path)))) {
        const int threads = int(std::clamp(std::thread::hardware_concurrency(), 1u, 8u));
        if (auto split = PostmanImporter::importSplit(data, threads)) {
            format = Format::Postman;
            return finished(std::move(*split), path);
        }
    }
    // Detection's parse is the one imported: a 24 MB Postman collection was parsed twice (once in detect(), once in
    // the importer), 15 % of the instructions of `tokenscope-cli import` of 10,000 requests.
    QJsonDocument parsed;
    if (format == Format::Auto) {
        if (const auto detected = detectParsed(data, path, &parsed))
            format = *detected;
    }
    return format == Format::Auto ? importData(data, path, format) : importDetected(data, path, format, parsed);
}

Result<Environment> Importer::loadEnvironment(const QString& path, const QString& name)
{
    auto imported = importFile(path, Format::Auto);
    if (!imported)
        return imported.error();
    return chooseEnvironment(imported->environments, QFileInfo(path).fileName(), name);
}

Result<Environment> Importer::chooseEnvironment(const QList<Environment>& envs, const QString& file,
                                                const QString& name)
{
    if (envs.isEmpty())
        return Error(ErrorCode::Usage, QStringLiteral("%1 holds no environment").arg(file));
    if (name.isEmpty()) {
        if (envs.size() == 1)
            return envs.first();
        QStringList names;
        for (const Environment& e : envs)
            names << e.name();
        return Error(ErrorCode::Usage, QStringLiteral("%1 holds several environments (%2): choose one by name")
                                           .arg(file, names.join(QStringLiteral(", "))));
    }
    for (const Environment& e : envs) {
        if (e.name() == name)
            return e;
    }
    return Error(ErrorCode::NotFound, QStringLiteral("no environment \"%1\" in %2").arg(name, file));
}

Result<ImportResult> Importer::importCurl(const QByteArray& data, const QString& fileName)
{
    using Outcome = ImportReport::Outcome;
    const auto parsed = CurlImporter::parse(QString::fromUtf8(ImportText::withoutBom(data)));
    if (!parsed)
        return parsed.error();
    const CurlImport& curl = parsed.value();
    ImportResult result;
    QString name = QFileInfo(fileName).completeBaseName().trimmed();
    if (name.isEmpty())
        name = QStringLiteral("curl");
    auto collection = CollectionNode::makeCollection(name);
    collection->settings().auth.type = AuthConfig::Type::None;
    result.report.add(Outcome::Imported, QStringLiteral("collection"), Workspace::joinPath({name}));
    RequestItem item;
    item.id = RequestItem::newId();
    item.request = curl.request;
    item.name = item.request.normalizedMethod() + QLatin1Char(' ') + HttpRequestSpec::urlWithoutQuery(item.request.url);
    // The curl importer puts credentials into the wire-level auth; the workspace keeps them in AuthConfig (the
    // source of truth RequestSession applies), which also sends them to the keychain.
    const HttpRequestSpec::Auth wire = item.request.auth;
    item.request.auth = {};
    switch (wire.kind) {
    case HttpRequestSpec::AuthKind::None:
        item.auth.type = AuthConfig::Type::None;
        break;
    case HttpRequestSpec::AuthKind::Bearer:
        item.auth.type = AuthConfig::Type::Bearer;
        item.auth.token = wire.token;
        break;
    case HttpRequestSpec::AuthKind::Basic:
        item.auth.type = AuthConfig::Type::Basic;
        item.auth.username = wire.username;
        item.auth.password = wire.password;
        break;
    case HttpRequestSpec::AuthKind::ApiKey:
        item.auth.type = AuthConfig::Type::ApiKey;
        item.auth.apiKeyName = wire.apiKeyName;
        item.auth.apiKeyValue = wire.apiKeyValue;
        item.auth.apiKeyInQuery = wire.apiKeyInQuery;
        break;
    }
    CollectionNode* node = collection->insertChild(0, CollectionNode::makeRequest(item));
    const QString path = Workspace::joinPath(node->path());
    if (curl.notes.isEmpty())
        result.report.add(Outcome::Imported, QStringLiteral("request"), path);
    else
        result.report.add(Outcome::Converted, QStringLiteral("request"), path, curl.notes.join(QStringLiteral("; ")));
    for (const QString& flag : curl.unsupportedFlags)
        result.report.add(Outcome::Dropped, QStringLiteral("option"), path,
                          QStringLiteral("curl option %1 has no equivalent: not applied").arg(flag));
    for (const QString& value : {item.auth.token, item.auth.password, item.auth.apiKeyValue}) {
        if (!value.isEmpty() && !WorkspaceStore::isOnlyReferences(value))
            result.report.add(Outcome::Secret, QStringLiteral("auth"), path,
                              QStringLiteral("the credentials go to the keychain, not into the workspace files"));
    }
    result.collections.push_back(std::move(collection));
    return result;
}
