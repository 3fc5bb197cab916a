#!/usr/bin/env bash
# Installs every Debian package schemac needs to build and test, then configures and builds.
# Usage: scripts/setup.sh [preset]   (default preset: "default")
set -euo pipefail
cd "$(dirname "$0")/.."
preset="${1:-default}"

packages=(
  build-essential cmake ninja-build git ccache python3
  default-jre-headless antlr4 libantlr4-runtime-dev
  libfmt-dev libcli11-dev nlohmann-json3-dev libtomlplusplus-dev
  libsqlite3-dev sqlite3 libssl-dev libcurl4-openssl-dev libcpp-httplib-dev
  libgtest-dev libgmock-dev libbenchmark-dev
  pkg-config libcpp-httplib-dev graphviz chromium chromium-driver python3-selenium
  llvm-14-tools clang-14 libclang-rt-14-dev  # lit + FileCheck; clang tests and libFuzzer
  python3-django  # tests/adopt: a database made by Django's migrate
  dpkg-dev groff-base zsh fish  # tests/package: .deb Depends, man page, completions parse
)
# npm installs the libSQL test server (tests/remote) and drizzle-kit (tests/adopt); a machine
# with Node.js from elsewhere has it.
command -v npm >/dev/null || packages+=(nodejs npm)
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if ((${#missing[@]})); then
  SUDO=""; [ "$(id -u)" -eq 0 ] || SUDO=sudo
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi

# The glibc 2.31 sysroot the portable schemac links against (~5 MB from deb.debian.org, once per
# machine; docs/building.md, "Which glibc"). The sanitizer and fuzz presets are not portable.
# Without it (no network to deb.debian.org) the build links this machine's glibc, loudly.
case $preset in
  default | release)
    scripts/glibc-sysroot.sh >/dev/null ||
      echo "setup.sh: warning: no glibc 2.31 sysroot; schemac will need this machine's glibc" >&2
    ;;
esac
cmake --preset "$preset" >/dev/null
# The libSQL server the remote tests run against (tests/remote) and the Drizzle toolchain the
# adoption tests drive (tests/adopt), into the build directory (the fuzz preset builds and runs
# only the parser fuzzer).
if [ "$preset" != fuzz ]; then
  scripts/install-tursodb.sh "build/$preset"
  scripts/install-drizzle.sh "build/$preset"
  scripts/install-ts.sh "build/$preset"  # tests/ts: tsc, drizzle-orm, drizzle-kit
fi
cmake --build --preset "$preset"
