#!/usr/bin/env bash
# Times the whole `tether audit` process on 2,000,000 order items with 1,000 orphans against the
# databases' own tools, in the same script:
#   SQLite:      PRAGMA foreign_key_check (sqlite3 CLI)
#   PostgreSQL:  hand-written NOT EXISTS count queries for the same foreign keys (psql)
# Target: tether within 1.5x of each. Prints seconds and ratios; checks the counts agree.
#
#   bench/audit/run.sh [ROWS]       (default 2000000; TETHER=path/to/tether)
set -euo pipefail
cd "$(dirname "$0")/../.."
ROWS=${1:-2000000}
ORPHANS=1000
TETHER=${TETHER:-build/tether}
[ -x "$TETHER" ] || { echo "bench: $TETHER not built (cmake --build build)" >&2; exit 2; }
WORK=$(mktemp -d /tmp/tether-audit-bench.XXXXXX)
trap 'rm -rf "$WORK"' EXIT
now() { date +%s.%N; }
best_of_3() { # prints the best wall time of three runs of "$@" (output discarded)
  local best=""
  for _ in 1 2 3; do
    local t0 t1 d
    t0=$(now); "$@" >/dev/null 2>&1 || true; t1=$(now)
    d=$(echo "$t1 - $t0" | bc -l)
    if [ -z "$best" ] || (( $(echo "$d < $best" | bc -l) )); then best=$d; fi
  done
  printf '%.3f' "$best"
}

# The shared shape: users, products, orders, order_items; orphans point at missing orders.
SCHEMA_SQL="
CREATE TABLE users(id INTEGER PRIMARY KEY, email VARCHAR(255));
CREATE TABLE products(id INTEGER PRIMARY KEY, name VARCHAR(200));
CREATE TABLE orders(id INTEGER PRIMARY KEY, user_id INTEGER NOT NULL REFERENCES users(id));
CREATE TABLE order_items(id INTEGER PRIMARY KEY, order_id INTEGER NOT NULL REFERENCES orders(id),
  product_id INTEGER NOT NULL REFERENCES products(id), quantity INTEGER NOT NULL);
CREATE INDEX ix_orders_user_id ON orders(user_id);
CREATE INDEX ix_order_items_order_id ON order_items(order_id);
CREATE INDEX ix_order_items_product_id ON order_items(product_id);"
ORDERS=$((ROWS / 4))

echo "== SQLite: $ROWS order items, $ORPHANS orphans"
DB=$WORK/shop.db
sqlite3 "$DB" <<SQL
$SCHEMA_SQL
WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 10000)
  INSERT INTO users SELECT i, 'u' || i FROM n;
WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 1000)
  INSERT INTO products SELECT i, 'p' || i FROM n;
WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < $ORDERS)
  INSERT INTO orders SELECT i, 1 + i % 10000 FROM n;
WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < $ROWS)
  INSERT INTO order_items SELECT i, CASE WHEN i <= $ORPHANS THEN $ORDERS + i ELSE 1 + i % $ORDERS END, 1 + i % 1000, 1 FROM n;
SQL
pragma_count=$(sqlite3 "$DB" "SELECT count(*) FROM pragma_foreign_key_check")
tether_count=$("$TETHER" audit --db "sqlite:///$DB" --format json --fail-on never |
  /usr/bin/python3 -c 'import json,sys; print(sum(f.get("count",0) for f in json.load(sys.stdin)["findings"] if f["check"]=="orphan_rows"))')
echo "orphans: PRAGMA foreign_key_check $pragma_count, tether $tether_count"
[ "$pragma_count" = "$tether_count" ] || { echo "bench: counts differ" >&2; exit 1; }
t_pragma=$(best_of_3 sqlite3 "$DB" "PRAGMA foreign_key_check")
t_tether=$(best_of_3 "$TETHER" audit --db "sqlite:///$DB" --format json --fail-on never)
printf '%-44s %8s s\n' "sqlite3 PRAGMA foreign_key_check" "$t_pragma" "tether audit (whole process)" "$t_tether"
printf 'ratio tether/PRAGMA: %.2fx (target <= 1.5x)\n' "$(echo "$t_tether / $t_pragma" | bc -l)"

echo
echo "== PostgreSQL: $ROWS order items, $ORPHANS orphans"
export SCHEMA_SQL ROWS ORDERS ORPHANS TETHER
bash scripts/pg-temp.sh -- bash -c '
  set -euo pipefail
  URL=${TETHER_TEST_PG_URL%/*}/bench
  psql -X -q "$TETHER_TEST_PG_URL" -c "CREATE DATABASE bench"
  psql -X -q -v ON_ERROR_STOP=1 "$URL" -c "$SCHEMA_SQL" -c "ALTER TABLE order_items DROP CONSTRAINT order_items_order_id_fkey" \
    -c "INSERT INTO users SELECT i, md5(i::text) FROM generate_series(1, 10000) i" \
    -c "INSERT INTO products SELECT i, md5(i::text) FROM generate_series(1, 1000) i" \
    -c "INSERT INTO orders SELECT i, 1 + i % 10000 FROM generate_series(1, $ORDERS) i" \
    -c "INSERT INTO order_items SELECT i, CASE WHEN i <= $ORPHANS THEN $ORDERS + i ELSE 1 + i % $ORDERS END, 1 + i % 1000, 1 FROM generate_series(1, $ROWS) i" \
    -c "ALTER TABLE order_items ADD FOREIGN KEY (order_id) REFERENCES orders(id) NOT VALID" -c "VACUUM ANALYZE"
  HAND="SELECT count(*) FROM orders c WHERE c.user_id IS NOT NULL AND NOT EXISTS (SELECT 1 FROM users p WHERE p.id = c.user_id);
SELECT count(*) FROM order_items c WHERE c.order_id IS NOT NULL AND NOT EXISTS (SELECT 1 FROM orders p WHERE p.id = c.order_id);
SELECT count(*) FROM order_items c WHERE c.product_id IS NOT NULL AND NOT EXISTS (SELECT 1 FROM products p WHERE p.id = c.product_id);"
  hand_count=$(psql -X -At "$URL" -c "SELECT count(*) FROM order_items c WHERE NOT EXISTS (SELECT 1 FROM orders p WHERE p.id = c.order_id)")
  tether_count=$("$TETHER" audit --db "$URL" --format json --fail-on never |
    /usr/bin/python3 -c "import json,sys; print(sum(f.get(\"count\",0) for f in json.load(sys.stdin)[\"findings\"] if f[\"check\"]==\"orphan_rows\"))")
  echo "orphans: hand-written NOT EXISTS $hand_count, tether $tether_count"
  [ "$hand_count" = "$tether_count" ] || { echo "bench: counts differ" >&2; exit 1; }
  best() { local b=""; for _ in 1 2 3; do t0=$(date +%s.%N); "$@" >/dev/null 2>&1 || true; t1=$(date +%s.%N);
    d=$(echo "$t1 - $t0" | bc -l); if [ -z "$b" ] || (( $(echo "$d < $b" | bc -l) )); then b=$d; fi; done; printf "%.3f" "$b"; }
  t_hand=$(best psql -X -q "$URL" -c "$HAND")
  t_tether=$(best "$TETHER" audit --db "$URL" --format json --fail-on never)
  printf "%-44s %8s s\n" "psql hand-written NOT EXISTS (3 FKs)" "$t_hand" "tether audit (whole process)" "$t_tether"
  printf "ratio tether/hand-written: %.2fx (target <= 1.5x)\n" "$(echo "$t_tether / $t_hand" | bc -l)"
'
