#!/usr/bin/env bash
# Debian 12 ships SQLAlchemy 1.4; `tether import sqlalchemy` must also read applications written
# for 2.0 (DeclarativeBase, Mapped[...], mapped_column). This unpacks Debian 13's pure-Python
# SQLAlchemy 2.0, Alembic 1.13 and typing-extensions (which 2.0 needs newer than Debian 12's) into
# a private folder, pinned by SHA-256 and never installed system-wide, and prints the folder to use
# as PYTHONPATH. The suite runs the same oracles with it as with the system's 1.4.
#   scripts/fetch-sqlalchemy2.sh [DIR]     default: ~/.cache/tether/sqlalchemy2
set -euo pipefail
DIR=${1:-${XDG_CACHE_HOME:-$HOME/.cache}/tether/sqlalchemy2}
MIRROR=${DEBIAN_MIRROR:-http://deb.debian.org/debian}
PKGS=(
  "pool/main/s/sqlalchemy/python3-sqlalchemy_2.0.40+ds1-1_all.deb 207640cf7bd30292d892406c4cf96c8784b09b21ec9e2fedabb0cab3fd34eb73"
  "pool/main/a/alembic/python3-alembic_1.13.2-4_all.deb 9f0eda2d981101fec8046b9d830690b0404659351bceaf78f02d389821818e0d"
  "pool/main/p/python-typing-extensions/python3-typing-extensions_4.13.2-1_all.deb b67662f211c35c17c74a0725bc7c8ffc3b126c650e2a2525593adee06f2bbf69"
)
SITE="$DIR/root/usr/lib/python3/dist-packages"
if [ -f "$DIR/.complete" ] && [ -d "$SITE/sqlalchemy" ]; then
  echo "$SITE"
  exit 0
fi
command -v curl >/dev/null || { echo "fetch-sqlalchemy2: curl is missing (scripts/install-deps.sh --test installs it)" >&2; exit 2; }
rm -rf "$DIR"
mkdir -p "$DIR/debs"
for entry in "${PKGS[@]}"; do
  read -r path sum <<<"$entry"
  deb="$DIR/debs/$(basename "$path")"
  curl -fsS --retry 3 --max-time 300 -o "$deb" "$MIRROR/$path"
  echo "$sum  $deb" | sha256sum --quiet -c - || { echo "fetch-sqlalchemy2: checksum mismatch for $path" >&2; exit 2; }
  dpkg-deb -x "$deb" "$DIR/root"
done
touch "$DIR/.complete"
echo "$SITE"
