// SPDX-License-Identifier: MIT
#pragma once

#include <QJsonObject>
#include <QList>
#include <QString>
#include <QStringList>

/// What an import did with each thing it found, so that nothing is lost silently (issue 11).
///
/// Every request of a source file gets exactly one entry of kind "request": `imported` (as it was), `converted`
/// (imported with changes; the detail says what and why) or `dropped` (not imported; the detail says why). Parts of
/// an item that are not kept (a saved example response, an auth type Tokenscope does not have, an external script)
/// get their own `dropped` entry with the part's kind. Secrets that will be kept in the keychain instead of the
/// workspace files get a `secret` entry. Paths are workspace paths ("Collection/Folder/Request", Workspace::joinPath).
class ImportReport
{
public:
    enum class Outcome
    {
        Imported,
        Converted,
        Dropped,
        Secret, // a secret value that goes to the SecretStore, not into the workspace files
    };
    struct Entry
    {
        Outcome outcome = Outcome::Imported;
        QString kind;   // "collection", "folder", "request", "environment", "variable", "auth", "body", "script", ...
        QString path;   // workspace path of the item, or the environment's name
        QString detail; // what changed, why it was dropped, which secret moved; empty for a plain import
        QString source; // the file it came from (set by setSource(); may be empty)
        friend bool operator==(const Entry&, const Entry&) = default;
    };

    /// The file later entries come from.
    void setSource(const QString& source) { m_source = source; }
    void add(Outcome outcome, const QString& kind, const QString& path, const QString& detail = {});
    void append(const ImportReport& other);

    const QList<Entry>& entries() const { return m_entries; }
    int count(Outcome outcome) const;
    int count(Outcome outcome, const QString& kind) const;
    bool hasDropped() const { return count(Outcome::Dropped) > 0; }

    /// `{"summary": {"imported", "converted", "dropped", "secrets", "requests"}, "entries": [{"outcome", "kind",
    /// "path", "detail"?, "source"?}]}`.
    QJsonObject toJson() const;
    /// One line per entry ("converted  request  API/Users/Get user: ..."), then a summary line. Control characters
    /// from the file (names, URLs) are escaped (DisplayText), so a collection cannot drive the terminal.
    QStringList toLines() const;

    /// "imported", "converted", "dropped", "secret".
    static QString outcomeName(Outcome outcome);

private:
    QString m_source;
    QList<Entry> m_entries;
};
