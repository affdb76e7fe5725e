// SPDX-License-Identifier: MIT
#pragma once

#include "workspace/AuthProfile.h"
#include "workspace/CollectionNode.h"

#include <QJsonObject>

/// Writes a collection of the workspace model as a Postman Collection v2.1
/// (https://schema.postman.com/collection/json/v2.1.0/draft-07/docs/index.html), the shape PostmanImporter reads, so
/// that import → export → import gives the same model (TestPostmanExporter checks it on the real collections of
/// tests/data/postman).
///
/// Folders nest; variables, headers, auth (inherit = absent, none = `noauth`, bearer, basic, apikey, jwt, oauth2 from
/// the named profile of `profiles`), descriptions and scripts (`event[]`) are written at every level; bodies as
/// raw (with its language), urlencoded, formdata (text and file parts) or file; switched-off rows with `disabled`;
/// followRedirects and verifyTls as `protocolProfileBehavior`. Secrets are written as they are in the model:
/// callers decide whether the file may hold them (values only `{{references}}` are safe to share).
class PostmanExporter
{
public:
    static QJsonObject exportCollection(const CollectionNode& collection, const QList<AuthProfile>& profiles = {});
    /// exportCollection() as indented JSON with a trailing newline.
    static QByteArray toJson(const CollectionNode& collection, const QList<AuthProfile>& profiles = {});
};
