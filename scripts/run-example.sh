#!/usr/bin/env bash
# The main job on the embedded default: the e-commerce example models and a SQLite file.
# Installs what is missing, builds, then checks, draws, plans, applies and audits.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install-deps.sh
cmake -S . -B build -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DTETHER_TESTS=OFF >/dev/null
cmake --build build -j "$(nproc)" >/dev/null
T=./build/tether
M=examples/ecommerce
mkdir -p out
step() { printf '\n\033[1m$ %s\033[0m\n' "$*"; }
step tether check --models $M
$T check --models $M
step tether erd --models $M
$T erd --models $M | tee out/ecommerce.mmd
if $T plan --help >/dev/null 2>&1 && ! $T plan --help 2>&1 | grep -q "not built yet"; then
  rm -f out/example.db
  step tether plan --models $M --db sqlite:///out/example.db
  $T plan --models $M --db sqlite:///out/example.db
  step tether apply --models $M --db sqlite:///out/example.db --yes
  $T apply --models $M --db sqlite:///out/example.db --yes
  step tether plan --models $M --db sqlite:///out/example.db --exit-code
  $T plan --models $M --db sqlite:///out/example.db --exit-code && echo "in sync"
fi
