#!/usr/bin/env bash
# Runs every libFuzzer target for a bounded time each, seeded from the test fixtures.
set -uo pipefail
cd "$(dirname "$0")/.."
SECONDS_EACH=${1:-20}
status=0
for bin in build-fuzz/*_fuzz; do
  [ -x "$bin" ] || continue
  name=$(basename "$bin")
  corpus=$(mktemp -d)
  seeds=fuzz/seeds/${name%_fuzz}
  [ -d "$seeds" ] && cp -r "$seeds"/. "$corpus"/
  echo "== fuzz $name for ${SECONDS_EACH}s"
  log=$(mktemp)
  "$bin" -max_total_time="$SECONDS_EACH" -max_len=65536 -timeout=30 -rss_limit_mb=2048 \
    -print_final_stats=1 "$corpus" >"$log" 2>&1
  rc=$?
  grep -E 'stat::number_of_executed_units|==ERROR|SUMMARY' "$log"
  if [ $rc -ne 0 ]; then tail -n 60 "$log" >&2; echo "fuzz: $name failed (exit $rc)" >&2; status=1; fi
  rm -rf "$corpus" "$log"
done
exit $status
