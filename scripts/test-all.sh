#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# Sets up a fresh Debian 12 machine and runs every check: format, layering, normal build + tests, clang-tidy,
# sanitized (ASan+UBSan) build + tests. This is what CI runs (.ci/run).
set -euo pipefail
cd "$(dirname "$0")/.."
# Each phase prints its wall time, so a slow CI run says where its minutes went (the whole run must stay under
# 30 minutes on a fresh 2-core machine).
phase_start=$SECONDS
phase_done() { echo "== $1: $((SECONDS - phase_start)) s (total $SECONDS s)"; phase_start=$SECONDS; }
bash scripts/install-deps.sh --skip-npm
phase_done "install-deps"
# npm's download of the interop peers waits on the network, not the CPU: it runs beside the first build and is
# waited for before the first tests.
bash scripts/install-npm.sh > npm-install.log 2>&1 &
npm_pid=$!
export QT_QPA_PLATFORM=offscreen
# ccache (if installed) uses its default directory; paths relative to the checkout, so a fresh clone in another
# folder reuses the cache.
export CCACHE_BASEDIR="$PWD"
jobs=$(nproc)

echo "== format check (.clang-format)"
mapfile -t sources < <(git ls-files '*.cpp' '*.h' 2>/dev/null || find src tests bench -name '*.cpp' -o -name '*.h')
clang-format --dry-run --Werror "${sources[@]}"

echo "== layering check: only src/gui and src/app may include Qt Widgets"
if grep -rnE '#include\s*[<"](QtWidgets/|QApplication|QWidget|QMainWindow|QDialog|QAbstractButton|QPushButton|QLabel|QLineEdit|QTextEdit|QPlainTextEdit|QTreeWidget|QTableWidget|QTableView|QTreeView|QMessageBox|QFileDialog|QStyle|QLayout|QVBoxLayout|QHBoxLayout|QGridLayout|QFormLayout|QComboBox|QCheckBox|QSpinBox|QSplitter|QTabWidget|QToolBar|QMenu|QMenuBar|QStatusBar|QAction)[>"]' \
    src --include='*.h' --include='*.cpp' | grep -vE '^src/(gui|app)/'; then
    echo "Widgets header included outside src/gui or src/app" >&2
    exit 1
fi
if grep -rnE '#include\s*<openssl/' src tests bench 2>/dev/null | grep -vE '^src/crypto/|^tests/crypto/'; then
    echo "OpenSSL included outside src/crypto" >&2
    exit 1
fi

phase_done "format and layering checks"

configure() {
    local dir=$1; shift
    echo "== configure $dir ($*)"
    # TOKENSCOPE_TEST_PCH: the test programs share two precompiled headers (tests/CMakeLists.txt): 40 % less compile
    # CPU per test source with clang, 15-45 % with g++.
    cmake -S . -B "$dir" -G Ninja -DTOKENSCOPE_WERROR=ON -DTOKENSCOPE_UNITY_BUILD=ON -DTOKENSCOPE_TEST_PCH=ON "$@"
}
run_tests() {
    local dir=$1 parallel=$2
    echo "== test $dir"
    (cd "$dir" && ctest --output-on-failure -j "$parallel")
}
# The npm download still running when a step fails is stopped with the script.
trap 'kill $(jobs -p) 2>/dev/null || true' EXIT

# -g1 (line tables only): sanitizer reports and backtraces keep file:line, and the compile and link of two full
# builds need noticeably less CPU than with full -g (KeysWorkspace.cpp: 8.6 s vs 11.7 s of CPU at -O2).
# QT_FORCE_ASSERTS: Q_ASSERT stays active in the optimised suite (the fuzz replay's properties use FUZZ_CHECK,
# which holds in every build; Q_ASSERT covers the contracts in src/).
configure build-ci -DCMAKE_BUILD_TYPE=RelWithDebInfo -DTOKENSCOPE_FORCE_ASSERTS=ON "-DCMAKE_CXX_FLAGS_RELWITHDEBINFO=-O2 -g1 -DNDEBUG"
cmake --build build-ci -j "$jobs"
phase_done "build build-ci"
wait "$npm_pid" || true
cat npm-install.log
phase_done "npm install (waited for)"

# The sanitized suite is built with clang when it is there (install-deps installs it): at -O0 with ASan+UBSan clang
# compiles our unity batches in about half of g++'s CPU time (net: 11 s vs 21 s, gui: 12 s vs 26 s), and the two
# suites then check the code with two compilers.
sanitize_compiler=()
if command -v clang++-14 >/dev/null 2>&1; then sanitize_compiler=(-DCMAKE_CXX_COMPILER=clang++-14); fi
configure build-ci-sanitize "${sanitize_compiler[@]}" -DCMAKE_BUILD_TYPE=Debug -DTOKENSCOPE_SANITIZE=ON \
    "-DCMAKE_CXX_FLAGS_DEBUG=-g1"
# The optimised suite waits on child processes and sockets more than it computes: two tests per core took it from
# 85 s to 62 s. (Running clang-tidy and the sanitized build beside it, niced, was tried in session 11: the three
# together took ~80 s longer than one after the other — docs/PERFORMANCE.md, "CI time, session 11".)
run_tests build-ci $((jobs * 2))
phase_done "test build-ci"
echo "== clang-tidy (src/, the checks that hold as errors)"
bash scripts/clang-tidy.sh build-ci
phase_done "clang-tidy"
cmake --build build-ci-sanitize -j "$jobs"
phase_done "build build-ci-sanitize"
# The sanitized suite is CPU-bound (230 s either way) and keeps one test per core.
run_tests build-ci-sanitize "$jobs"
phase_done "test build-ci-sanitize"
echo "== all suites passed"
