// SPDX-License-Identifier: MIT
// RequestEditor (ui/RequestEditor.ui): an item loaded shows in every field, edits through the widgets come back in
// item(), a load round-trips unchanged, and modified() follows edits but never loads.
#include "gui/AuthEditor.h"
#include "gui/KeyValueTable.h"
#include "gui/RequestEditor.h"
#include "support/GuiTestSupport.h"

#include <QCheckBox>
#include <QComboBox>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSignalSpy>
#include <QSpinBox>
#include <QTabWidget>
#include <QTest>

using GuiTest::child;

namespace {

using Rows = QList<HttpRequestSpec::Row>;

/// A request with every field the editor shows set to something other than its default.
RequestItem fullItem()
{
    RequestItem item;
    item.id = QStringLiteral("7d1c0a52-3f0e-4d0b-9a55-2f6f2b7c1e01");
    item.name = QStringLiteral("Update item");
    item.description = QStringLiteral("Kept although the editor has no field for it");
    HttpRequestSpec& r = item.request;
    r.method = QStringLiteral("PATCH");
    r.url = QStringLiteral("{{baseUrl}}/items/42?page=2&q={{term}}");
    r.queryRows = {{QStringLiteral("page"), QStringLiteral("2"), true},
                   {QStringLiteral("q"), QStringLiteral("{{term}}"), true}};
    r.headers = {{QStringLiteral("Accept"), QStringLiteral("application/json"), true},
                 {QStringLiteral("X-Debug"), QStringLiteral("1"), false}};
    r.bodyKind = HttpRequestSpec::BodyKind::Raw;
    r.rawType = HttpRequestSpec::RawType::Json;
    r.rawBody = QStringLiteral("{\"name\": \"{{name}}\"}");
    r.formRows = {{QStringLiteral("grant_type"), QStringLiteral("password"), true}};
    HttpRequestSpec::MultipartPart text;
    text.name = QStringLiteral("meta");
    text.value = QStringLiteral("{}");
    text.contentType = QStringLiteral("application/json");
    HttpRequestSpec::MultipartPart file;
    file.name = QStringLiteral("upload");
    file.isFile = true;
    file.filePath = QStringLiteral("/tmp/a.png");
    file.enabled = false;
    r.multipartParts = {text, file};
    r.binaryFilePath = QStringLiteral("/tmp/body.bin");
    r.followRedirects = false;
    r.verifyTls = false;
    r.timeoutMs = 5000;
    item.auth.type = AuthConfig::Type::Bearer;
    item.auth.token = QStringLiteral("{{accessToken}}");
    item.transport.caFile = QStringLiteral("/etc/ca.pem");
    item.transport.clientCertFile = QStringLiteral("/etc/client.pem");
    item.transport.clientKeyFile = QStringLiteral("/etc/client.key");
    item.transport.proxyMode = TransportSettings::ProxyMode::Manual;
    item.transport.proxyUrl = QStringLiteral("http://proxy:3128");
    item.variables = {{QStringLiteral("term"), QStringLiteral("shoes"), false, true},
                      {QStringLiteral("apiSecret"), QStringLiteral("s3cr3t"), true, false}};
    return item;
}

void setCell(KeyValueTable* table, int row, int column, const QString& text)
{
    QTableWidgetItem* cell = table->item(row, column);
    QVERIFY(cell);
    cell->setText(text); // what the cell's editor does on commit: itemChanged, then rowsEdited
}

} // namespace

class TestRequestEditor : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void loadShowsEveryField();
    void roundTripsEveryAuthType_data();
    void roundTripsEveryAuthType();
    void editsThroughTheWidgets();
    void urlAndQueryTableFollowEachOther();
    void curlPasteImports();
    void tabGoesThroughTheRequestLine();
};

void TestRequestEditor::loadShowsEveryField()
{
    RequestEditor editor;
    QSignalSpy modified(&editor, &RequestEditor::modified);
    const RequestItem item = fullItem();
    editor.setItem(item);
    QCOMPARE(modified.count(), 0);

    QCOMPARE(child<QComboBox>(&editor, "methodComboBox")->currentText(), QStringLiteral("PATCH"));
    QCOMPARE(child<QLineEdit>(&editor, "urlLineEdit")->text(), item.request.url);
    QCOMPARE(child<KeyValueTable>(&editor, "queryTableWidget")->rows(), item.request.queryRows);
    QCOMPARE(child<KeyValueTable>(&editor, "headersTableWidget")->rows(), item.request.headers);
    QCOMPARE(child<QComboBox>(&editor, "bodyKindComboBox")->currentIndex(), int(HttpRequestSpec::BodyKind::Raw));
    QCOMPARE(child<QComboBox>(&editor, "rawTypeComboBox")->currentIndex(), int(HttpRequestSpec::RawType::Json));
    QCOMPARE(child<QPlainTextEdit>(&editor, "bodyPlainTextEdit")->toPlainText(), item.request.rawBody);
    QCOMPARE(child<KeyValueTable>(&editor, "formTableWidget")->rows(), item.request.formRows);
    QCOMPARE(child<KeyValueTable>(&editor, "multipartTableWidget")->rows(),
             (Rows{{QStringLiteral("meta"), QStringLiteral("{}"), true},
                   {QStringLiteral("upload"), QStringLiteral("@/tmp/a.png"), false}}));
    QCOMPARE(child<QLineEdit>(&editor, "binaryFileLineEdit")->text(), QStringLiteral("/tmp/body.bin"));
    QCOMPARE(child<QComboBox>(&editor, "authKindComboBox")->currentIndex(), int(HttpRequestSpec::AuthKind::Bearer));
    // The request's own Bearer field, not the one inside the embedded AuthEditor.
    QCOMPARE(child<QLineEdit>(child<QWidget>(&editor, "authBearerPage"), "bearerTokenLineEdit")->text(),
             QStringLiteral("{{accessToken}}"));
    QVERIFY(!child<QCheckBox>(&editor, "followRedirectsCheckBox")->isChecked());
    QVERIFY(!child<QCheckBox>(&editor, "verifyTlsCheckBox")->isChecked());
    QVERIFY(!child<QLabel>(&editor, "tlsWarningLabel")->isHidden());
    QCOMPARE(child<QTabWidget>(&editor, "requestTabWidget")->tabText(5), QStringLiteral("Settings ⚠"));
    QCOMPARE(child<QSpinBox>(&editor, "timeoutSpinBox")->value(), 5000);
    QCOMPARE(child<QLineEdit>(&editor, "caFileLineEdit")->text(), QStringLiteral("/etc/ca.pem"));
    QCOMPARE(child<QLineEdit>(&editor, "clientCertLineEdit")->text(), QStringLiteral("/etc/client.pem"));
    QCOMPARE(child<QLineEdit>(&editor, "clientKeyLineEdit")->text(), QStringLiteral("/etc/client.key"));
    QCOMPARE(child<QComboBox>(&editor, "proxyModeComboBox")->currentIndex(), int(TransportSettings::ProxyMode::Manual));
    QCOMPARE(child<QLineEdit>(&editor, "proxyLineEdit")->text(), QStringLiteral("http://proxy:3128"));
    QVERIFY(child<QLineEdit>(&editor, "proxyLineEdit")->isEnabled());
    QCOMPARE(child<KeyValueTable>(&editor, "requestVariablesTableWidget")->rows(),
             (Rows{{QStringLiteral("term"), QStringLiteral("shoes"), true},
                   {QStringLiteral("apiSecret"), QStringLiteral("s3cr3t"), false}}));

    // Round trip: what was loaded comes back unchanged (id, name, description, secret marks and part content types
    // included, which have no field of their own).
    QCOMPARE(editor.item(), item);
    QCOMPARE(editor.item().toJson(true), item.toJson(true));
    QCOMPARE(modified.count(), 0);

    // Loading another item is not an edit either, and replaces every field.
    RequestItem other;
    other.id = QStringLiteral("other");
    editor.setItem(other);
    QCOMPARE(modified.count(), 0);
    QCOMPARE(editor.item(), other);
    QVERIFY(child<QLabel>(&editor, "tlsWarningLabel")->isHidden());
}

void TestRequestEditor::roundTripsEveryAuthType_data()
{
    QTest::addColumn<AuthConfig>("auth");
    AuthConfig a;
    QTest::newRow("inherit") << a;
    a.type = AuthConfig::Type::None;
    QTest::newRow("none") << a;
    a.type = AuthConfig::Type::Basic;
    a.username = QStringLiteral("bob");
    a.password = QStringLiteral("{{password}}");
    QTest::newRow("basic") << a;
    a = {};
    a.type = AuthConfig::Type::ApiKey;
    a.apiKeyName = QStringLiteral("X-API-Key");
    a.apiKeyValue = QStringLiteral("k-123");
    a.apiKeyInQuery = true;
    QTest::newRow("apikey in query") << a;
    a = {};
    a.type = AuthConfig::Type::Jwt;
    a.jwtAlgorithm = QStringLiteral("ES256");
    a.jwtKey = QStringLiteral("{{signingKey}}");
    a.jwtClaims = QStringLiteral("{\"sub\": \"{{user}}\"}");
    a.jwtLifetimeSeconds = 120;
    QTest::newRow("jwt") << a;
    a = {};
    a.type = AuthConfig::Type::OAuth2;
    a.profile = QStringLiteral("Quickstart issuer");
    QTest::newRow("oauth2 profile") << a;
}

void TestRequestEditor::roundTripsEveryAuthType()
{
    QFETCH(AuthConfig, auth);
    RequestEditor editor;
    QSignalSpy modified(&editor, &RequestEditor::modified);
    RequestItem item;
    item.request.url = QStringLiteral("https://api.example.com/");
    item.auth = auth;
    editor.setItem(item);
    QCOMPARE(editor.item().auth, auth);
    QCOMPARE(editor.item(), item);
    QCOMPARE(modified.count(), 0);
}

void TestRequestEditor::editsThroughTheWidgets()
{
    RequestEditor editor;
    QSignalSpy modified(&editor, &RequestEditor::modified);
    RequestItem loaded;
    loaded.id = QStringLiteral("id-1");
    loaded.name = QStringLiteral("Edited");
    editor.setItem(loaded);
    QCOMPARE(modified.count(), 0);

    int edits = 0;
    const auto expectEdit = [&] {
        QVERIFY2(modified.count() > edits, "no modified() after an edit");
        edits = int(modified.count());
    };

    auto* method = child<QComboBox>(&editor, "methodComboBox");
    method->setCurrentIndex(method->findText(QStringLiteral("PUT")));
    expectEdit();
    QTest::keyClicks(child<QLineEdit>(&editor, "urlLineEdit"), QStringLiteral("https://api.example.com/x?a=1"));
    expectEdit();
    setCell(child<KeyValueTable>(&editor, "headersTableWidget"), 0, 0, QStringLiteral("X-Trace"));
    expectEdit();
    setCell(child<KeyValueTable>(&editor, "headersTableWidget"), 0, 1, QStringLiteral("on"));
    expectEdit();
    child<QComboBox>(&editor, "bodyKindComboBox")->setCurrentIndex(int(HttpRequestSpec::BodyKind::Raw));
    expectEdit();
    QVERIFY(!child<QComboBox>(&editor, "rawTypeComboBox")->isHidden());
    child<QComboBox>(&editor, "rawTypeComboBox")->setCurrentIndex(int(HttpRequestSpec::RawType::Text));
    expectEdit();
    QTest::keyClicks(child<QPlainTextEdit>(&editor, "bodyPlainTextEdit"), QStringLiteral("hello"));
    expectEdit();
    setCell(child<KeyValueTable>(&editor, "formTableWidget"), 0, 0, QStringLiteral("f"));
    expectEdit();
    setCell(child<KeyValueTable>(&editor, "multipartTableWidget"), 0, 0, QStringLiteral("file"));
    setCell(child<KeyValueTable>(&editor, "multipartTableWidget"), 0, 1, QStringLiteral("@/tmp/up.txt"));
    expectEdit();
    QTest::keyClicks(child<QLineEdit>(&editor, "binaryFileLineEdit"), QStringLiteral("/tmp/b"));
    expectEdit();
    child<QComboBox>(&editor, "authKindComboBox")->setCurrentIndex(int(HttpRequestSpec::AuthKind::ApiKey));
    expectEdit();
    QTest::keyClicks(child<QLineEdit>(child<QWidget>(&editor, "authApiKeyPage"), "apiKeyNameLineEdit"),
                     QStringLiteral("X-Key"));
    expectEdit();
    QTest::keyClicks(child<QLineEdit>(child<QWidget>(&editor, "authApiKeyPage"), "apiKeyValueLineEdit"),
                     QStringLiteral("v"));
    expectEdit();
    child<QComboBox>(&editor, "apiKeyLocationComboBox")->setCurrentIndex(1);
    expectEdit();
    child<QCheckBox>(&editor, "followRedirectsCheckBox")->click();
    expectEdit();
    child<QCheckBox>(&editor, "verifyTlsCheckBox")->click();
    expectEdit();
    QVERIFY(!child<QLabel>(&editor, "tlsWarningLabel")->isHidden());
    child<QSpinBox>(&editor, "timeoutSpinBox")->setValue(7000);
    expectEdit();
    QTest::keyClicks(child<QLineEdit>(&editor, "caFileLineEdit"), QStringLiteral("/ca.pem"));
    expectEdit();
    QTest::keyClicks(child<QLineEdit>(&editor, "clientCertLineEdit"), QStringLiteral("/client.p12"));
    expectEdit();
    child<QComboBox>(&editor, "proxyModeComboBox")->setCurrentIndex(int(TransportSettings::ProxyMode::Manual));
    expectEdit();
    QTest::keyClicks(child<QLineEdit>(&editor, "proxyLineEdit"), QStringLiteral("proxy:8080"));
    expectEdit();
    setCell(child<KeyValueTable>(&editor, "requestVariablesTableWidget"), 0, 0, QStringLiteral("v1"));
    setCell(child<KeyValueTable>(&editor, "requestVariablesTableWidget"), 0, 1, QStringLiteral("x"));
    expectEdit();
    // The key passphrase is not part of the item: no edit of it.
    QTest::keyClicks(child<QLineEdit>(&editor, "keyPassphraseLineEdit"), QStringLiteral("pw"));
    QCOMPARE(int(modified.count()), edits);
    QCOMPARE(editor.keyPassphrase(), QByteArray("pw"));

    RequestItem expected = loaded;
    HttpRequestSpec& r = expected.request;
    r.method = QStringLiteral("PUT");
    r.url = QStringLiteral("https://api.example.com/x?a=1");
    r.queryRows = {{QStringLiteral("a"), QStringLiteral("1"), true}};
    r.headers = {{QStringLiteral("X-Trace"), QStringLiteral("on"), true}};
    r.bodyKind = HttpRequestSpec::BodyKind::Raw;
    r.rawType = HttpRequestSpec::RawType::Text;
    r.rawBody = QStringLiteral("hello");
    r.formRows = {{QStringLiteral("f"), QString(), true}};
    HttpRequestSpec::MultipartPart part;
    part.name = QStringLiteral("file");
    part.isFile = true;
    part.filePath = QStringLiteral("/tmp/up.txt");
    r.multipartParts = {part};
    r.binaryFilePath = QStringLiteral("/tmp/b");
    r.followRedirects = false;
    r.verifyTls = false;
    r.timeoutMs = 7000;
    expected.auth.type = AuthConfig::Type::ApiKey;
    expected.auth.apiKeyName = QStringLiteral("X-Key");
    expected.auth.apiKeyValue = QStringLiteral("v");
    expected.auth.apiKeyInQuery = true;
    expected.transport.caFile = QStringLiteral("/ca.pem");
    expected.transport.pkcs12File = QStringLiteral("/client.p12"); // a .p12 is certificate and key in one
    expected.transport.proxyMode = TransportSettings::ProxyMode::Manual;
    expected.transport.proxyUrl = QStringLiteral("proxy:8080");
    expected.variables = {{QStringLiteral("v1"), QStringLiteral("x"), false, true}};
    const RequestItem edited = editor.item();
    QCOMPARE(edited.request, expected.request);
    QCOMPARE(edited.auth, expected.auth);
    QCOMPARE(edited.transport, expected.transport);
    QCOMPARE(edited.variables, expected.variables);
    QCOMPARE(edited, expected);
    // The wire-level request carries the API key; the item's request does not (its auth is `auth`).
    QCOMPARE(editor.request().auth.kind, HttpRequestSpec::AuthKind::ApiKey);
    QCOMPARE(edited.request.auth, HttpRequestSpec::Auth());

    // The JWT kind is edited in the embedded AuthEditor; its edits are edits of the request.
    child<QComboBox>(&editor, "authKindComboBox")->setCurrentIndex(5);
    expectEdit();
    QCOMPARE(editor.authConfig().type, AuthConfig::Type::Jwt);
    QTest::keyClicks(child<QPlainTextEdit>(&editor, "jwtClaimsPlainTextEdit"), QStringLiteral("{}"));
    expectEdit();
    QCOMPARE(editor.item().auth.jwtClaims, QStringLiteral("{}"));
}

void TestRequestEditor::urlAndQueryTableFollowEachOther()
{
    RequestEditor editor;
    auto* url = child<QLineEdit>(&editor, "urlLineEdit");
    auto* query = child<KeyValueTable>(&editor, "queryTableWidget");
    QTest::keyClicks(url, QStringLiteral("https://h/p?x=1&y=2"));
    QCOMPARE(query->rows(), (Rows{{QStringLiteral("x"), QStringLiteral("1"), true},
                                  {QStringLiteral("y"), QStringLiteral("2"), true}}));
    setCell(query, 1, 1, QStringLiteral("3"));
    QCOMPARE(url->text(), QStringLiteral("https://h/p?x=1&y=3"));
}

void TestRequestEditor::curlPasteImports()
{
    RequestEditor editor;
    QSignalSpy modified(&editor, &RequestEditor::modified);
    QSignalSpy imported(&editor, &RequestEditor::curlImported);
    child<QLineEdit>(&editor, "urlLineEdit")
        ->setText(QStringLiteral("curl -X POST -H 'Accept: text/plain' https://example.com/x -d a=1"));
    QCOMPARE(imported.count(), 1);
    QVERIFY(imported.at(0).at(0).toBool());
    QCOMPARE(modified.count(), 1); // an import replaces the request: an edit
    const HttpRequestSpec r = editor.request();
    QCOMPARE(r.method, QStringLiteral("POST"));
    QCOMPARE(r.url, QStringLiteral("https://example.com/x"));
    QCOMPARE(r.headerValue(QStringLiteral("Accept")), QStringLiteral("text/plain"));
    QVERIFY(!editor.importCurl(QStringLiteral("curl")));
    QCOMPARE(imported.count(), 2);
    QVERIFY(!imported.at(1).at(0).toBool());
}

void TestRequestEditor::tabGoesThroughTheRequestLine()
{
    // The workspace's Send and friends sit after the URL: Tab from the URL reaches them before the request's tabs.
    QWidget window;
    auto* editor = new RequestEditor(&window);
    auto* environment = new QComboBox(&window);
    auto* send = new QPushButton(QStringLiteral("Send"), &window);
    editor->addRequestLineWidget(environment);
    editor->addRequestLineWidget(send);
    QCOMPARE(child<QLineEdit>(editor, "urlLineEdit")->nextInFocusChain(), environment);
    QCOMPARE(environment->nextInFocusChain(), send);
    auto* tabs = child<QTabWidget>(editor, "requestTabWidget");
    QWidget* next = send->nextInFocusChain();
    QVERIFY(next == tabs || next == tabs->focusProxy());
}

QTEST_MAIN(TestRequestEditor)
#include "TestRequestEditor.moc"
