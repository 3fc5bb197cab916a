#!/usr/bin/env bash
# Installs the Drizzle toolchain the adoption tests (tests/adopt) drive for real: drizzle-kit
# (generate, migrate), drizzle-orm and @libsql/client (the node script that inserts rows, and the
# driver drizzle-kit migrate uses for `file:` and `http:` URLs), into BUILD_DIR/npm-drizzle.
# Pinned: the tests were verified against these versions on Node 20.
# Usage: scripts/install-drizzle.sh [BUILD_DIR]   (default: build/default)
set -euo pipefail
cd "$(dirname "$0")/.."
build="${1:-build/default}"
prefix="$build/npm-drizzle"
packages=(drizzle-kit@0.31.11 drizzle-orm@0.45.4 @libsql/client@0.15.15)
stamp="$prefix/.installed"
if [ -x "$prefix/node_modules/.bin/drizzle-kit" ] && [ "$(cat "$stamp" 2>/dev/null)" = "${packages[*]}" ]; then
  exit 0
fi
mkdir -p "$prefix"
npm install --silent --no-audit --no-fund --save-exact --prefix "$prefix" "${packages[@]}"
test -x "$prefix/node_modules/.bin/drizzle-kit"
echo "${packages[*]}" > "$stamp"
