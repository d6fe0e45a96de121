#!/usr/bin/env bash
# The whole test suite, as CI runs it: installs what is missing, checks the layout, builds the
# release and the sanitizer builds, runs both suites through ctest against a throwaway PostgreSQL,
# then fuzzes the loaders for a bounded time.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install-deps.sh --test
# SQLAlchemy 2.0 beside the system's 1.4, for the importer's oracle tests (see the script).
TETHER_SQLA2_PATH=$(bash scripts/fetch-sqlalchemy2.sh)
export TETHER_SQLA2_PATH
JOBS=${JOBS:-$(nproc)}
# ccache, where the machine has it, makes a rerun on the same machine a matter of minutes; the
# build is the same without it.
LAUNCHER=()
if command -v ccache >/dev/null 2>&1; then LAUNCHER=(-DCMAKE_C_COMPILER_LAUNCHER=ccache -DCMAKE_CXX_COMPILER_LAUNCHER=ccache); fi
echo "== layout (clang-format)"
git ls-files '*.cpp' '*.h' | xargs clang-format --dry-run --Werror
cmake -S . -B build -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo "${LAUNCHER[@]}" >/dev/null
cmake --build build -j "$JOBS"
cmake -S . -B build-asan -G Ninja -DCMAKE_BUILD_TYPE=Debug -DTETHER_SANITIZE=ON "${LAUNCHER[@]}" >/dev/null
cmake --build build-asan -j "$JOBS"
cmake -S . -B build-fuzz -G Ninja -DCMAKE_BUILD_TYPE=Debug -DTETHER_TESTS=OFF -DTETHER_FUZZ=ON \
  -DTETHER_SANITIZE=ON -DCMAKE_C_COMPILER=clang -DCMAKE_CXX_COMPILER=clang++ "${LAUNCHER[@]}" >/dev/null
cmake --build build-fuzz -j "$JOBS"
export ASAN_OPTIONS=detect_leaks=1 UBSAN_OPTIONS=print_stacktrace=1 LSAN_OPTIONS=suppressions=$PWD/tests/lsan.supp
LOG=$(mktemp)
trap 'rm -f "$LOG"' EXIT
bash scripts/pg-temp.sh -- bash -c '
  set -e
  echo "== release build"; ctest --test-dir build --output-on-failure -j 2
  echo "== sanitizer build"; ctest --test-dir build-asan --output-on-failure -j 2
' 2>&1 | tee "$LOG"
bash scripts/fuzz.sh "${FUZZ_SECONDS:-20}"
# One plain closing line for both builds (each ctest run prints its own as well).
awk '/tests passed, [0-9]+ tests failed out of/ { f += $4; t += $NF } END { printf "tether: %d passed, %d failed\n", t - f, f }' "$LOG"
