// SPDX-License-Identifier: MIT
#pragma once

#include <QWidget>

class QLabel;

/// Stands in for a workspace that another issue fills, and says what it will hold.
class PlaceholderWorkspace : public QWidget
{
    Q_OBJECT

public:
    PlaceholderWorkspace(const QString& title, const QString& description, QWidget* parent = nullptr);
    /// A line under the description (e.g. "A token was handed over").
    void setNote(const QString& note);

private:
    QLabel* m_noteLabel;
};
