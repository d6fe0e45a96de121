#!/usr/bin/env bash
# Installs every Debian package tether needs to build, test, package and benchmark:
#   (none)     build: what scripts/run-example.sh needs, and clang-format, which scripts/test.sh runs
#   --test     + PostgreSQL, the Python oracles and the tools the suite calls (scripts/test.sh)
#   --package  + what scripts/package.sh needs to build the .deb (dpkg-shlibdeps, file)
#   --bench    + the peers the benchmarks compare against
# Skips apt entirely when everything is already there, so repeated runs are fast.
set -euo pipefail
BUILD_PKGS=(build-essential cmake ninja-build pkg-config clang clang-format libclang-rt-dev
  libcli11-dev libyaml-cpp-dev libyaml-dev libsqlite3-dev sqlite3 libpqxx-dev libpq-dev catch2
  libpg-query-dev zlib1g-dev libssl-dev nlohmann-json3-dev)
TEST_PKGS=(postgresql postgresql-contrib man-db python3 python3-sqlalchemy python3-alembic
  python3-psycopg2 python3-yaml python3-jsonschema python3-greenlet python3-mako graphviz git zsh fish locales
  gettext curl)
PACKAGE_PKGS=(dpkg-dev file)
BENCH_PKGS=(pgbadger bc)
want=("${BUILD_PKGS[@]}")
case "${1:-}" in
  --test) want+=("${TEST_PKGS[@]}") ;;
  --package) want+=("${PACKAGE_PKGS[@]}") ;;
  --bench) want+=("${TEST_PKGS[@]}" "${BENCH_PKGS[@]}") ;;
esac
missing=()
for p in "${want[@]}"; do
  dpkg -s "$p" >/dev/null 2>&1 || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  echo "installing: ${missing[*]}" >&2
  SUDO=""
  [ "$(id -u)" -eq 0 ] || SUDO=sudo
  $SUDO env DEBIAN_FRONTEND=noninteractive apt-get update -qq
  $SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi
# The query-log fixture generator runs PostgreSQL with lc_messages in German and French.
if [ "${1:-}" = "--test" ] || [ "${1:-}" = "--bench" ]; then
  for loc in de_DE fr_FR; do
    locale -a 2>/dev/null | grep -qi "^$loc.utf-\?8$" && continue
    SUDO=""
    [ "$(id -u)" -eq 0 ] || SUDO=sudo
    $SUDO localedef -i "$loc" -f UTF-8 "$loc.UTF-8"
  done
fi
