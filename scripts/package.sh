#!/usr/bin/env bash
# Builds a stripped Release tether and dist/tether_<version>_amd64.deb with CPack: /usr/bin/tether,
# the man page, bash/zsh/fish completions, README and changelog, and Depends computed by
# dpkg-shlibdeps from the binary, so `apt install ./dist/tether_*.deb` pulls Debian's libraries.
# BUILD_DIR (default build-release) and JOBS (default: every core) can be set.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install-deps.sh --package
BUILD=${BUILD_DIR:-build-release}
launcher=()
if command -v ccache >/dev/null; then launcher=(-DCMAKE_CXX_COMPILER_LAUNCHER=ccache); fi
start=$(date +%s)
cmake -S . -B "$BUILD" -G Ninja -DCMAKE_BUILD_TYPE=Release -DTETHER_TESTS=OFF "${launcher[@]}" >/dev/null
cmake --build "$BUILD" -j "${JOBS:-$(nproc)}"
mkdir -p dist
cpack --config "$BUILD/CPackConfig.cmake" -B "$PWD/dist"
rm -rf dist/_CPack_Packages
deb=$(ls -t dist/tether_*.deb | head -n 1)
echo
dpkg-deb --field "$deb" Package Version Architecture Installed-Size Depends
echo "$deb: $(du -k "$deb" | cut -f1) KiB, built in $(($(date +%s) - start)) s"
