#!/usr/bin/env bash
# Times tether's N+1 detection against pgBadger on the same real PostgreSQL log.
#
# Starts a throwaway PostgreSQL (log_statement = all, Debian's log_line_prefix, stderr through the
# logging collector), runs pgbench with the extended protocol until the log reaches the wanted size,
# then times, one core each (tether counts the cores taskset allows it: one thread):
#   tether audit --log FILE --format json     (needs the `audit` command: build/tether)
#   pgbadger -j 1 on the same file
# and prints MB/s for both, the ratio (target: tether >= 30x pgBadger), and tether's peak memory on
# half of the log and on all of it (it must stay flat as the log grows); then, on two cores,
# tether against pgbadger -j 2 from the same run, and the load average (wall times mean little on
# a busy machine).
#
#   bench/querylog/run.sh [SIZE_MB]        (default 200; TETHER=path/to/tether to pick the binary)
set -euo pipefail
cd "$(dirname "$0")/../.."
SIZE_MB=${1:-200}
TETHER=${TETHER:-build/tether}
[ -x "$TETHER" ] || { echo "bench: $TETHER not built (cmake --build build)" >&2; exit 2; }
command -v pgbadger >/dev/null || { echo "bench: pgbadger not installed" >&2; exit 2; }
if [ -z "${TETHER_BENCH_PG:-}" ]; then
  # A throwaway server (scripts/pg-temp.sh) that logs every statement through the logging collector.
  export TETHER_BENCH_PG=1 PG_TEMP_CONF="logging_collector = on
log_destination = 'stderr'
log_directory = 'log'
log_filename = 'postgresql.log'
log_rotation_age = 0
log_rotation_size = 0
log_statement = 'all'
log_line_prefix = '%m [%p] %q%u@%d '"
  exec bash scripts/pg-temp.sh -- bash bench/querylog/run.sh "$SIZE_MB"
fi
WORK=$(mktemp -d /tmp/tether-bench.XXXXXX)
trap 'rm -rf "$WORK"' EXIT
export PGPASSWORD=$TETHER_TEST_PG_PASSWORD
PGB=("$PG_BINDIR/pgbench" -h 127.0.0.1 -p "$TETHER_TEST_PG_PORT" -U tether)
"$PG_BINDIR/createdb" -h 127.0.0.1 -p "$TETHER_TEST_PG_PORT" -U tether bench
"${PGB[@]}" -i -q -s 2 bench >/dev/null 2>&1
LOG="$TETHER_TEST_PG_DIR/data/log/postgresql.log"
echo "bench: generating a ${SIZE_MB} MB log with pgbench -M extended …" >&2
while [ "$(stat -c %s "$LOG")" -lt $((SIZE_MB * 1024 * 1024)) ]; do
  "${PGB[@]}" -n -M extended -c 4 -j 2 -T 5 bench >/dev/null 2>&1
done
cp "$LOG" "$WORK/full.log"
head -c $(( $(stat -c %s "$WORK/full.log") / 2 )) "$WORK/full.log" >"$WORK/half.log"
MB=$(awk -v b="$(stat -c %s "$WORK/full.log")" 'BEGIN{printf "%.1f", b/1048576}')

# Runs a command pinned to one core (CORES=0) or two (CORES=0,1); prints "seconds peak_rss_kb".
# The logs are read into the page cache first: a VM may drop a freshly written file's pages within
# minutes, and a run that waits for the disk measures the disk (seconds more on 200 MB).
CORES=0
timed() {
  cat "$WORK"/*.log >/dev/null
  /usr/bin/time -f "%e %M" -o "$WORK/time" taskset -c "$CORES" "$@" >/dev/null 2>"$WORK/stderr" \
    || { cat "$WORK/stderr" >&2; echo "bench: $1 failed" >&2; exit 2; }
  cat "$WORK/time"
}
rate() { awk -v mb="$MB" -v s="$1" 'BEGIN{ if (s < 0.01) s = 0.01; printf "%.1f", mb/s }'; }

echo "bench: ${MB} MB, $(wc -l <"$WORK/full.log") lines" >&2
read -r T_SECS T_RSS < <(timed "$TETHER" audit --log "$WORK/full.log" --format json --fail-on never)
read -r H_SECS H_RSS < <(timed "$TETHER" audit --log "$WORK/half.log" --format json --fail-on never)
read -r B_SECS B_RSS < <(timed pgbadger -j 1 -f stderr --prefix '%m [%p] %q%u@%d ' -o "$WORK/report.html" "$WORK/full.log")

printf '%-10s %8s MB  %8s s  %9s MB/s  peak %7s MB\n' tether "$MB" "$T_SECS" "$(rate "$T_SECS")" $((T_RSS / 1024))
printf '%-10s %8s MB  %8s s  %9s MB/s  peak %7s MB\n' pgbadger "$MB" "$B_SECS" "$(rate "$B_SECS")" $((B_RSS / 1024))
RATIO=$(awk -v t="$T_SECS" -v b="$B_SECS" 'BEGIN{ if (t < 0.01) t = 0.01; printf "%.1f", b/t }')
echo "ratio: tether is ${RATIO}x pgBadger (target >= 30x)"
echo "memory: tether peak $((H_RSS / 1024)) MB on half the log, $((T_RSS / 1024)) MB on all of it"

# Both cores: tether parses the log in chunks on two threads while the main thread groups their
# statements in the file's order (files of 16 MiB or more; pinned to one core above, it reads on
# one thread); pgBadger parses with two processes (-j 2).
if [ "$(nproc)" -ge 2 ]; then
  CORES=0,1
  read -r T2_SECS T2_RSS < <(timed "$TETHER" audit --log "$WORK/full.log" --format json --fail-on never)
  read -r B2_SECS B2_RSS < <(timed pgbadger -j 2 -f stderr --prefix '%m [%p] %q%u@%d ' -o "$WORK/report2.html" "$WORK/full.log")
  printf '%-10s %8s MB  %8s s  %9s MB/s  peak %7s MB  (2 cores)\n' tether "$MB" "$T2_SECS" "$(rate "$T2_SECS")" $((T2_RSS / 1024))
  printf '%-10s %8s MB  %8s s  %9s MB/s  peak %7s MB  (-j 2)\n' pgbadger "$MB" "$B2_SECS" "$(rate "$B2_SECS")" $((B2_RSS / 1024))
  RATIO2=$(awk -v t="$T2_SECS" -v b="$B2_SECS" 'BEGIN{ if (t < 0.01) t = 0.01; printf "%.1f", b/t }')
  echo "ratio on 2 cores: tether is ${RATIO2}x pgBadger -j 2 (target: tether >= 600 MiB/s)"
fi
echo "load average during the run: $(cut -d' ' -f1-3 /proc/loadavg) on $(nproc) cores (figures are wall time)"
awk -v r="$RATIO" 'BEGIN{ exit !(r >= 30) }' || { echo "bench: below the 30x target" >&2; exit 1; }
