// SPDX-License-Identifier: MIT
#pragma once

#include "core/Result.h"
#include "formats/ImportResult.h"

#include <QJsonDocument>

#include <optional>

/// The one entry point of the importers: recognises a file's format and runs the importer for it. Used by
/// `tokenscope-cli import` (and later by the GUI's import dialog).
class Importer
{
public:
    enum class Format
    {
        Auto,
        Postman,            // Postman Collection v2.0 / v2.1 (PostmanImporter)
        PostmanEnvironment, // Postman environment or globals (PostmanEnvironmentImporter)
        Curl,               // one curl command line (CurlImporter): a collection named by the file with one request
        Http,               // a .http / .rest file (HttpFileImporter): a collection named by the file
        HttpEnvironment,    // http-client(.private).env.json (HttpEnvironmentImporter)
        OpenApi,            // OpenAPI 3.0/3.1 or Swagger 2.0, JSON or YAML (OpenApiImporter)
        Insomnia,           // Insomnia v4 export (JSON or YAML) or v5 YAML (InsomniaImporter)
        Har,                // HAR 1.2 (HarImporter): a collection named by the file
    };

    /// Files larger than this are refused (ERR_INPUT_TOO_LARGE): a 10,000-request collection is about 10 MB.
    static constexpr qint64 kMaxFileBytes = 256 * 1024 * 1024;
    /// Postman collections from this size on are imported on all cores (PostmanImporter::importSplit()).
    static constexpr qint64 kSplitBytes = 1024 * 1024;

    /// "auto", "postman", "postman-env", "curl", "http", "http-env", "openapi", "insomnia",
    /// "har"; nullopt for anything else.
    static std::optional<Format> formatFromName(const QString& name);
    static QString formatName(Format format);
    static QStringList formatNames();

    /// The format of `data`: by the file name first (`.http`/`.rest`, `*.env.json`), then by content: a JSON object
    /// with "info" and "item" is a collection, one with "values" an environment, an object of objects an http-client
    /// env file, text starting with `curl` a curl command, a request line or `###` a .http file. nullopt when none
    /// fits. YAML (YamlReader::looksLikeYaml, or a '{' that is not JSON: YAML flow style) is parsed and recognised
    /// as OpenAPI/Swagger or Insomnia; JSON objects are also checked for those and for HAR (`log.entries`).
    static std::optional<Format> detect(const QByteArray& data, const QString& fileName = {});

    /// Imports `data`. `fileName` names the curl collection (its base name) and the report's source.
    /// Errors: ERR_USAGE when `format` is Auto and nothing fits; the chosen importer's errors otherwise.
    static Result<ImportResult> importData(const QByteArray& data, const QString& fileName, Format format);
    /// Reads and imports a file. An http-client env file is merged with its private sibling when there is one
    /// (`x.env.json` with `x.private.env.json`, HttpEnvironmentImporter::mergePrivate); a `.http` file takes the
    /// default headers of the `http-client.env.json` beside it (HttpEnvironmentImporter::applyDefaultHeaders). Errors:
    /// ERR_IO, ERR_INPUT_TOO_LARGE, and those of importData(). With `format` Auto, `detected` (when not null) receives
    /// the format detection found (Auto when none fits), even when the import then fails.
    static Result<ImportResult> importFile(const QString& path, Format format, Format* detected = nullptr);
    /// One environment of an environment file, as `run --env-file F [--env NAME]` and the GUI Runner's environment
    /// file take it: a Postman environment or globals file, or an http-client env file (with its private sibling).
    /// `name` chooses among the file's environments; empty takes the only one. Errors: those of importFile();
    /// ERR_USAGE when the file holds no environment, or several and no `name`; ERR_NOT_FOUND when none is `name`.
    static Result<Environment> loadEnvironment(const QString& path, const QString& name = {});
    /// loadEnvironment()'s choice among environments already read from `file` (its name, for the messages), for a
    /// caller that read the file elsewhere (the GUI Runner, off its thread). Errors as loadEnvironment()'s.
    static Result<Environment> chooseEnvironment(const QList<Environment>& environments, const QString& file,
                                                 const QString& name);

private:
    /// importFile() without the private sibling and "$shared": reads `path` and imports it; `format` (Auto) is set to
    /// the format detected.
    static Result<ImportResult> readFile(const QString& path, Format& format);
    /// detect(); when the data is JSON, the parsed document goes to `parsed` (not null) for the import to reuse.
    static std::optional<Format> detectParsed(const QByteArray& data, const QString& fileName, QJsonDocument* parsed);

    /// The format of a parsed JSON/YAML object whose importer reads objects; nullopt when none fits.
    static std::optional<Format> detectObject(const QJsonObject& root, bool isYaml);
    static Result<ImportResult> importCurl(const QByteArray& data, const QString& fileName);
    /// importData() with the format known; `parsed` is detection's parse of `data` (or null), imported as it is.
    static Result<ImportResult> importDetected(const QByteArray& data, const QString& fileName, Format format,
                                               const QJsonDocument& parsed);
    /// The format the file name alone decides (`.http`/`.rest`, `*.env.json`), else nullopt.
    static std::optional<Format> formatOfName(const QString& fileName);
    /// `result` with literal form-body credentials moved to secret variables (BodySecrets) and every report line
    /// naming `fileName` as its source.
    static Result<ImportResult> finished(Result<ImportResult> result, const QString& fileName);
};
