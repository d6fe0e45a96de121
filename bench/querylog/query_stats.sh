#!/usr/bin/env bash
# Times `tether audit --query-stats FILE.csv` on a pg_stat_statements snapshot of 5,000 statement
# shapes (the issue's target: under 1 s whole process). No other tool maps statistics to ORM
# relationships, so there is no peer to run beside it: the figure is printed with the target and
# the load average (wall times mean little on a busy machine).
#   bench/querylog/query_stats.sh [SHAPES]     (default 5000; TETHER=path/to/tether)
set -euo pipefail
cd "$(dirname "$0")/../.."
SHAPES=${1:-5000}
TETHER=${TETHER:-build/tether}
[ -x "$TETHER" ] || { echo "bench: $TETHER not built (cmake --build build)" >&2; exit 2; }
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
python3 - "$SHAPES" >"$WORK/stats.csv" <<'PY'
import sys
n = int(sys.argv[1])
print("userid,dbid,queryid,query,calls,total_exec_time,rows")
for i in range(n):
    table = "orders" if i % 5 == 0 else "table_%d" % (i % 700)
    extra = "" if i % 5 == 0 else " AND %s.k%d = $2" % (table, i)
    print('10,5,%d,"SELECT %s.id, %s.c%d FROM %s\nWHERE %s.user_id = $1%s",%d,%d.5,%d'
          % (i, table, table, i, table, table, extra, 5 + i % 50, i, i % 90))
PY
start=$(date +%s.%N)
"$TETHER" audit --models examples/ecommerce --query-stats "$WORK/stats.csv" --format json >/dev/null
end=$(date +%s.%N)
secs=$(echo "$end - $start" | bc -l)
printf 'tether audit --query-stats, %d shapes: %.3f s (target < 1 s); load average: %s\n' \
  "$SHAPES" "$secs" "$(cut -d' ' -f1-3 /proc/loadavg)"
