#!/usr/bin/env bash
# Installs the libSQL test server (npm package `turso`, which ships the `tursodb` binary) into
# BUILD_DIR/npm, where tests/remote looks for it. Pinned: the remote tests were verified against
# this version. Usage: scripts/install-tursodb.sh [BUILD_DIR]   (default: build/default)
set -euo pipefail
cd "$(dirname "$0")/.."
build="${1:-build/default}"
version=0.6.0
prefix="$build/npm"
if [ -x "$prefix/node_modules/.bin/turso" ] &&
   grep -q "\"version\": \"$version\"" "$prefix/node_modules/turso/package.json" 2>/dev/null; then
  exit 0
fi
mkdir -p "$prefix"
npm install --silent --no-audit --no-fund --prefix "$prefix" "turso@$version"
ls "$prefix"/node_modules/@tursodatabase/cli-*/tursodb >/dev/null
