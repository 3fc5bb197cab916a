#!/usr/bin/env bash
# The main job on a fresh Debian 12 machine: installs the packages, configures and builds
# (scripts/setup.sh), then compiles examples/lumenr, generates its first migration into a
# temporary directory, prints the SQL, and applies it to a scratch SQLite database.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh default >&2
schemac="$PWD/build/default/compiler/driver/schemac"
out="$(mktemp -d "${TMPDIR:-/tmp}/lumenr-migrations.XXXXXX")"

cd examples/lumenr  # its schemac.toml names the schema files
"$schemac" generate --out "$out/migrations" >&2
"$schemac" check --out "$out/migrations" >&2

for f in "$out"/migrations/0000_*.sql; do
  [[ $f == *.down.sql ]] && continue
  echo "==> $f"
  cat "$f"
done

# The migration is plain SQLite: apply it and list what it created.
sqlite3 "$out/lumenr.db" <"$(ls "$out"/migrations/0000_*.sql | grep -v '\.down\.sql$')"
echo "==> tables in $out/lumenr.db"
sqlite3 "$out/lumenr.db" "SELECT name FROM sqlite_schema WHERE type = 'table' ORDER BY name;"
echo "(migrations directory kept in $out/migrations)" >&2
