#!/usr/bin/env bash
# The main job on the embedded default: the e-commerce example models and SQLite files under out/.
# Installs what is missing, builds, then checks and draws the models, plans and applies them to a
# SQLite file, applies the example's migration history to a second file, audits both (with a
# planted orphan and an unindexed foreign key), and audits the example query log for N+1.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install-deps.sh
cmake -S . -B build -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
# Ninja prints its [done/total] status line, so a first build (minutes) is never silent.
cmake --build build -j "$(nproc)" --target tether
T=./build/tether
M=examples/ecommerce
mkdir -p out
rm -f out/example.db out/migrated.db
step() { printf '\n\033[1m$ %s\033[0m\n' "$*"; }
# Findings are the point of an audit: exit 1 is expected here, only exit 2 is a failure.
expect_findings() { "$@" || { rc=$?; [ $rc -eq 1 ] || exit $rc; }; }

step tether check --models $M
$T check --models $M
step tether erd --models $M
$T erd --models $M | tee out/ecommerce.mmd

step tether plan --models $M --db sqlite:///out/example.db
$T plan --models $M --db sqlite:///out/example.db
step tether apply --models $M --db sqlite:///out/example.db --yes
$T apply --models $M --db sqlite:///out/example.db --yes
step tether plan --models $M --db sqlite:///out/example.db --exit-code
$T plan --models $M --db sqlite:///out/example.db --exit-code && echo "in sync: nothing to do"

if [ -f migrations/sqlite/tether.sum ]; then
  step tether migrate apply --db sqlite:///out/migrated.db --dir migrations/sqlite
  $T migrate apply --db sqlite:///out/migrated.db --dir migrations/sqlite
  step tether migrate status --db sqlite:///out/migrated.db --dir migrations/sqlite
  $T migrate status --db sqlite:///out/migrated.db --dir migrations/sqlite
fi

# Plant what an audit exists to find: an order whose user is gone, and a foreign key whose
# index someone dropped.
sqlite3 out/example.db <<'SQL'
INSERT INTO users (id, email, full_name) VALUES (1, 'ada@example.com', 'Ada');
INSERT INTO products (id, name, price) VALUES (1, 'Tea', 4.50);
INSERT INTO orders (id, user_id, total_amount, status) VALUES (1, 1, 9.00, 'paid'), (2, 42, 4.50, 'paid');
INSERT INTO order_items (order_id, product_id, quantity, unit_price) VALUES (1, 1, 2, 4.50), (2, 1, 1, 4.50);
DROP INDEX ix_order_items_product_id;
SQL
step tether audit --models $M --db sqlite:///out/example.db
expect_findings $T audit --models $M --db sqlite:///out/example.db
if [ -f out/migrated.db ]; then
  step tether audit --models $M --db sqlite:///out/migrated.db
  expect_findings $T audit --models $M --db sqlite:///out/migrated.db
fi
step tether audit --models $M --log $M/logs/postgresql-lazy-loading.log
expect_findings $T audit --models $M --log $M/logs/postgresql-lazy-loading.log
