// SPDX-License-Identifier: MIT
#pragma once

#include "jose/DpopCheck.h"

#include <QWidget>

class Clock;
class QFormLayout;
class QLabel;
class QLineEdit;
class QPlainTextEdit;
class QTableWidget;

/// The Token workbench's DPoP page (RFC 9449), shown for a DPoP proof (typ dpop+jwt) or an access token bound to a
/// DPoP key (cnf.jkt): the request the proof came with (method, URL, the access token or proof sent with it, the
/// server's nonce), then DpopCheck's checklist, one row per RFC 9449 §4.3 check with its section, and the binding
/// (§6.1: the proof key's RFC 7638 thumbprint against cnf.jkt). A thin shell: the checks are jose/DpopCheck's.
class TokenWorkbenchDpopPanel : public QWidget
{
    Q_OBJECT

public:
    explicit TokenWorkbenchDpopPanel(QWidget* parent = nullptr);

    /// Whether the page has anything to say about `token` (a DPoP proof, or a JWT with cnf.jkt).
    static bool appliesTo(const QByteArray& token);
    /// The token under test and the clock of the workbench (its virtual clock when set); rechecks.
    void setToken(const QByteArray& token, const Clock* clock);
    const DpopCheckReport& report() const { return m_report; }

private:
    void recheck();

    QByteArray m_token;
    bool m_tokenIsProof = false;
    const Clock* m_clock = nullptr;
    DpopCheckReport m_report;

    QFormLayout* m_form;
    QLabel* m_summary;
    QLineEdit* m_method;
    QLineEdit* m_url;
    QLabel* m_companionLabel;
    QPlainTextEdit* m_companion;
    QLineEdit* m_nonce;
    QTableWidget* m_rows;
};
