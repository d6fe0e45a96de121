#!/usr/bin/env bash
# Schema benchmark: a 2,000-table PostgreSQL schema (FKs, uniques, indexes) on a throwaway server;
# times `tether inspect` and `tether plan` against it beside Alembic's autogenerate comparison of
# the same schema, and counts the catalog queries each one sends (log_statement = all).
#   bench/schema/run.sh [TABLES] [TETHER_BINARY]
set -euo pipefail
HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(cd "$HERE/../.." && pwd)
TABLES=${1:-2000}
TETHER=${2:-$ROOT/build/tether}
[ -x "$TETHER" ] || { echo "bench: no tether binary at $TETHER (pass it as the second argument)" >&2; exit 2; }

if [ -z "${TETHER_TEST_PG_URL:-}" ]; then
  exec bash "$ROOT/scripts/pg-temp.sh" -- bash "$0" "$TABLES" "$TETHER"
fi
LOG="$TETHER_TEST_PG_SOCKET_DIR/server.log"
[ -f "$LOG" ] || { echo "bench: server log not found at $LOG" >&2; exit 2; }
PY=/usr/bin/python3
WORK=$(mktemp -d /tmp/tether-bench.XXXXXX)
trap 'rm -rf "$WORK"' EXIT
ADMIN="$TETHER_TEST_PG_URL"
DB_URL="${ADMIN%/*}/bench"

now() { date +%s.%N; }
elapsed() { echo "$2 - $1" | bc; }
# Statements logged for one application_name since a log offset.
count_statements() { tail -c +"$(( $1 + 1 ))" "$LOG" | grep -c "^$2|.*LOG:  \(statement\|execute\)" || true; }

psql -X -q -v ON_ERROR_STOP=1 "$ADMIN" -c "CREATE DATABASE bench" >/dev/null
echo "bench: building $TABLES tables with SQLAlchemy create_all()..." >&2
"$PY" "$HERE/schema.py" create "$DB_URL" "$TABLES"
# The catalogs' statistics as autovacuum leaves them a minute after any schema change: without them
# the planner sizes pg_attribute and friends by what initdb left, and tether plan took 0.40 s
# instead of 0.35 s on a database built seconds ago, which no real database is when tools read it.
psql -X -q -v ON_ERROR_STOP=1 "$DB_URL" -c "ANALYZE pg_catalog.pg_class; ANALYZE pg_catalog.pg_attribute;
  ANALYZE pg_catalog.pg_constraint; ANALYZE pg_catalog.pg_index; ANALYZE pg_catalog.pg_attrdef;
  ANALYZE pg_catalog.pg_depend; ANALYZE pg_catalog.pg_type; ANALYZE pg_catalog.pg_sequence" >/dev/null
"$PY" "$HERE/schema.py" models "$TABLES" "$WORK/models.yaml"
# Timings first, with the server logging nothing; tether's best of three runs.
best_of_3() { # name, command…
  local name=$1 best=""; shift
  for _ in 1 2 3; do
    local t0; t0=$(now)
    "$@" >"$WORK/$name.out" 2>"$WORK/$name.err" || { echo "bench: $name failed:" >&2; cat "$WORK/$name.err" >&2; exit 2; }
    local s; s=$(elapsed "$t0" "$(now)")
    if [ -z "$best" ] || [ "$(echo "$s < $best" | bc)" = 1 ]; then best=$s; fi
  done
  echo "$best"
}
inspect_s=$(best_of_3 inspect "$TETHER" inspect --db "$DB_URL" -o "$WORK/inspected.yaml")
plan_s=$(best_of_3 plan "$TETHER" plan --models "$WORK/models.yaml" --db "$DB_URL")
plan_lines=$(grep -cv '^\s*\(--.*\)\?$' "$WORK/plan.out" || true)
t0=$(now)
read -r alembic_compare_s alembic_diffs < <("$PY" "$HERE/schema.py" compare "$DB_URL" "$TABLES")
alembic_total_s=$(elapsed "$t0" "$(now)")

# Then the statements each one sends, counted in the server's log by application_name.
psql -X -q "$ADMIN" -c "ALTER SYSTEM SET log_statement = 'all'" \
     -c "ALTER SYSTEM SET log_line_prefix = '%a|'" -c "SELECT pg_reload_conf()" >/dev/null
sleep 0.5
count_run() { # application_name, command…
  local app=$1; shift
  local offset; offset=$(stat -c %s "$LOG")
  "$@" >/dev/null 2>&1
  sleep 0.5 # let the server flush its log
  count_statements "$offset" "$app"
}
inspect_q=$(count_run tether "$TETHER" inspect --db "$DB_URL" -o "$WORK/inspected2.yaml")
plan_q=$(count_run tether "$TETHER" plan --models "$WORK/models.yaml" --db "$DB_URL")
echo "bench: counting Alembic's statements (a second comparison)..." >&2
alembic_q=$(count_run alembic "$PY" "$HERE/schema.py" compare "$DB_URL" "$TABLES")

printf '\nschema: %s tables, each with a primary key, a unique constraint, a foreign key and an index\n' "$TABLES"
printf '%-34s %10s %10s\n' "" "seconds" "statements"
printf '%-34s %10.3f %10s\n' "tether inspect (whole process)" "$inspect_s" "$inspect_q"
printf '%-34s %10.3f %10s\n' "tether plan (whole process)" "$plan_s" "$plan_q"
printf '%-34s %10.3f %10s\n' "alembic compare_metadata" "$alembic_compare_s" "$alembic_q"
printf '%-34s %10.3f\n' "alembic (whole process)" "$alembic_total_s"
printf 'ratio (alembic compare_metadata / tether plan whole process): %.1fx\n' \
  "$(echo "$alembic_compare_s / $plan_s" | bc -l)"
printf 'drift found: tether plan %s statement line(s), alembic %s difference(s) (both should be 0)\n' \
  "$plan_lines" "$alembic_diffs"
