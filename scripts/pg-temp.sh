#!/usr/bin/env bash
# Runs a command with a throwaway PostgreSQL server: a fresh cluster in a temporary directory,
# listening on 127.0.0.1 only, stopped and deleted when the command ends, whatever happens.
# The command sees TETHER_TEST_PG_URL (a superuser with a password, so masking is testable),
# TETHER_TEST_PG_PORT, TETHER_TEST_PG_PASSWORD, TETHER_TEST_PG_DIR (the cluster is in its data/)
# and PG_BINDIR. PG_TEMP_CONF, when set, is appended to postgresql.conf (e.g. logging settings).
#   scripts/pg-temp.sh -- ctest --output-on-failure
set -euo pipefail
[ "${1:-}" = "--" ] && shift
PG_BINDIR=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n1)
[ -x "$PG_BINDIR/initdb" ] || { echo "pg-temp: no PostgreSQL server found (run scripts/install-deps.sh --test)" >&2; exit 2; }
PGTMP=$(mktemp -d /tmp/tether-pg.XXXXXX)
RUNAS=()
if [ "$(id -u)" -eq 0 ]; then
  # PostgreSQL refuses to run as root.
  id postgres >/dev/null 2>&1 || useradd --system --home "$PGTMP" postgres
  chown postgres "$PGTMP"
  RUNAS=(runuser -u postgres --)
fi
cleanup() {
  "${RUNAS[@]}" "$PG_BINDIR/pg_ctl" -D "$PGTMP/data" -m immediate stop >/dev/null 2>&1 || true
  rm -rf "$PGTMP"
}
trap cleanup EXIT INT TERM
PORT=${TETHER_PG_PORT:-$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')}
echo "tether-test-pw" > "$PGTMP/pw"; chmod 644 "$PGTMP/pw"
"${RUNAS[@]}" "$PG_BINDIR/initdb" -D "$PGTMP/data" -U tether --pwfile="$PGTMP/pw" \
  --auth-local=trust --auth-host=scram-sha-256 -E UTF8 --locale=C.UTF-8 >"$PGTMP/initdb.log" 2>&1 \
  || { cat "$PGTMP/initdb.log" >&2; exit 2; }
cat >>"$PGTMP/data/postgresql.conf" <<CONF
listen_addresses = '127.0.0.1'
port = $PORT
unix_socket_directories = '$PGTMP'
fsync = off
synchronous_commit = off
full_page_writes = off
max_connections = 100
logging_collector = off
CONF
if [ -n "${PG_TEMP_CONF:-}" ]; then printf '%s\n' "$PG_TEMP_CONF" >>"$PGTMP/data/postgresql.conf"; fi
"${RUNAS[@]}" "$PG_BINDIR/pg_ctl" -D "$PGTMP/data" -l "$PGTMP/server.log" -w -t 60 start >/dev/null \
  || { cat "$PGTMP/server.log" >&2; exit 2; }
export TETHER_TEST_PG_URL="postgresql://tether:tether-test-pw@127.0.0.1:$PORT/postgres"
export TETHER_TEST_PG_PORT=$PORT
export TETHER_TEST_PG_PASSWORD=tether-test-pw
export TETHER_TEST_PG_DIR=$PGTMP
export TETHER_TEST_PG_SOCKET_DIR=$PGTMP
export PG_BINDIR
echo "pg-temp: PostgreSQL $("$PG_BINDIR/postgres" --version | awk '{print $3}') on 127.0.0.1:$PORT" >&2
set +e
"$@"
rc=$?
exit $rc
