#!/usr/bin/env bash
# Installs what the TypeScript codegen tests (tests/ts) drive for real: typescript (tsc --strict on
# the generated module), drizzle-orm and @libsql/client (a typed query against a database
# schemac migrated) and drizzle-kit (which must find nothing to change), into BUILD_DIR/npm-ts.
# Pinned: the tests were verified against these versions on Node 20.
# Usage: scripts/install-ts.sh [BUILD_DIR]   (default: build/default)
set -euo pipefail
cd "$(dirname "$0")/.."
build="${1:-build/default}"
prefix="$build/npm-ts"
packages=(typescript@5.9.3 drizzle-kit@0.31.11 drizzle-orm@0.45.4 @libsql/client@0.15.15)
stamp="$prefix/.installed"
if [ -x "$prefix/node_modules/.bin/tsc" ] && [ "$(cat "$stamp" 2>/dev/null)" = "${packages[*]}" ]; then
  exit 0
fi
mkdir -p "$prefix"
npm install --silent --no-audit --no-fund --save-exact --prefix "$prefix" "${packages[@]}"
test -x "$prefix/node_modules/.bin/tsc"
test -x "$prefix/node_modules/.bin/drizzle-kit"
echo "${packages[*]}" > "$stamp"
