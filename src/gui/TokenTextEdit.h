// SPDX-License-Identifier: MIT
#pragma once

#include <QPlainTextEdit>

/// The token input. Pastes and drops are size-checked before anything touches the document: laying out
/// megabytes in a QPlainTextEdit would block the UI for seconds, so oversized input is refused and reported
/// through inputRefused(). Dropped files are read here (after checking their size).
class TokenTextEdit : public QPlainTextEdit
{
    Q_OBJECT

public:
    explicit TokenTextEdit(QWidget* parent = nullptr);
    /// The largest input accepted (CompactToken::kMaxLength plus room for "Bearer " and whitespace).
    static qsizetype maxInputLength();

Q_SIGNALS:
    /// `size` is in bytes or characters as known; `source` says where it came from ("clipboard", a file name).
    void inputRefused(qint64 size, const QString& source);
    void fileDropped(const QString& path);
    void focusGained();

protected:
    bool canInsertFromMimeData(const QMimeData* source) const override;
    void insertFromMimeData(const QMimeData* source) override;
    void focusInEvent(QFocusEvent* event) override;
};
