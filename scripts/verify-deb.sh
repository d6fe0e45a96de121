#!/usr/bin/env bash
# Proves a tether .deb installs on a clean Debian 12 and works there: lists its contents, builds a
# minimal bookworm root with mmdebstrap from apt's configured mirror (Essential + apt, like
# debian:12-slim), installs the .deb with apt (so every Depends must resolve from Debian), and runs
# the example job with the installed binary: check, erd, plan, apply, plan --exit-code, migrate
# apply/status, audit of a planted orphan, N+1 in the example log, man page, completions.
# Needs root and the Debian archive (a few minutes, mostly downloads), so it is not part of CI.
#   bash scripts/verify-deb.sh [dist/tether_<version>_amd64.deb]
set -euo pipefail
cd "$(dirname "$0")/.."
deb=$(realpath "${1:-$(ls -t dist/tether_*_amd64.deb | head -n 1)}")
command -v mmdebstrap >/dev/null || apt-get install -y -qq --no-install-recommends mmdebstrap >/dev/null
start=$(date +%s)

echo "== $deb"
dpkg-deb --field "$deb" Package Version Depends
files=$(dpkg-deb -c "$deb" | awk '{print $6}')
for f in ./usr/bin/tether ./usr/share/man/man1/tether.1 ./usr/share/bash-completion/completions/tether \
  ./usr/share/zsh/vendor-completions/_tether ./usr/share/fish/vendor_completions.d/tether.fish \
  ./usr/share/doc/tether/README.md ./usr/share/doc/tether/CHANGELOG.md; do
  grep -qx -- "$f" <<<"$files" || { echo "verify-deb: $f is not in the package" >&2; exit 1; }
done
echo "contents: ok"

root=$(mktemp -d)
trap 'rm -rf "$root"' EXIT
# The job, run inside the new root as a user would after `apt install`.
job=$(mktemp)
cat >"$job" <<'JOB'
set -eu
cd /tmp/project
M=examples/ecommerce
tether --version
tether check --models $M
tether erd --models $M >/dev/null
tether plan --models $M --db sqlite:///example.db >/dev/null
tether apply --models $M --db sqlite:///example.db --yes >/dev/null
tether plan --models $M --db sqlite:///example.db --exit-code
tether migrate apply --db sqlite:///migrated.db --dir migrations/sqlite
tether migrate status --db sqlite:///migrated.db --dir migrations/sqlite
sqlite3 example.db "INSERT INTO orders (id, user_id, total_amount, status) VALUES (1, 42, 9, 'paid');"
rc=0; tether audit --models $M --db sqlite:///example.db >audit.txt || rc=$?
[ $rc -eq 1 ] && grep -q 'orphan_rows (1)' audit.txt
rc=0; tether audit --models $M --log $M/logs/postgresql-lazy-loading.log >nplus1.txt || rc=$?
[ $rc -eq 0 ] && grep -q 'selectinload(User.orders)' nplus1.txt
MANPAGER=cat man tether | grep -q 'tether audit'
bash -c '. /usr/share/bash-completion/completions/tether; COMP_WORDS=(tether migrate ""); COMP_CWORD=2; _tether; echo "${COMPREPLY[*]}"' | grep -q lint
echo "example job: ok"
JOB
mmdebstrap --variant=apt --include=sqlite3,man-db \
  --customize-hook="copy-in $deb $job /tmp" \
  --customize-hook="mkdir \"\$1/tmp/project\"" \
  --customize-hook="copy-in examples migrations /tmp/project" \
  --customize-hook="chroot \"\$1\" env DEBIAN_FRONTEND=noninteractive apt-get install -y -q /tmp/$(basename "$deb")" \
  --customize-hook="chroot \"\$1\" sh /tmp/$(basename "$job")" \
  bookworm "$root" \
  "deb http://deb.debian.org/debian bookworm main" \
  "deb http://deb.debian.org/debian bookworm-updates main" \
  "deb http://deb.debian.org/debian-security bookworm-security main" </dev/null
echo "verify-deb: $(basename "$deb") installs and runs on a clean Debian 12 ($(($(date +%s) - start)) s)"
