// SPDX-License-Identifier: MIT
#pragma once

// The GUI tests' precompiled header (TOKENSCOPE_TEST_PCH): TestPch.h and the Qt Widgets classes they use most. Its
// anchor links Qt Widgets, so QT_GUI_LIB and QT_WIDGETS_LIB are defined as in every GUI test.
#include "support/TestPch.h"

#include <QApplication>
#include <QCheckBox>
#include <QComboBox>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSpinBox>
#include <QTabWidget>
#include <QTableWidget>
#include <QTreeWidget>
