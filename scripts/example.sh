#!/usr/bin/env bash
# The main job on a fresh Debian 12 machine: installs the packages, configures and builds
# (scripts/setup.sh), then compiles examples/lumenr, generates its first migration into a
# temporary directory, prints the SQL, applies it with `schemac migrate`, and runs the example
# program (typed C++ generated from the schema).
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh default >&2
schemac="$PWD/build/default/tools/schemac/schemac"
out="$(mktemp -d "${TMPDIR:-/tmp}/lumenr-migrations.XXXXXX")"

cd examples/lumenr  # its schemac.toml names the schema files
"$schemac" generate --out "$out/migrations" >&2
"$schemac" check --out "$out/migrations" >&2

for f in "$out"/migrations/0000_*.sql; do
  [[ $f == *.down.sql ]] && continue
  echo "==> $f"
  cat "$f"
done

# Apply it with schemac's migrator, as an application's deploy step would.
"$schemac" migrate --out "$out/migrations" --url "file:$out/lumenr.db"
"$schemac" status --out "$out/migrations" --url "file:$out/lumenr.db"

# The example program: typed C++ generated from the same schema, migrating its own database
# at start-up and printing an invoice report.
echo "==> build/default/examples/lumenr/lumenr $out/app.db"
"$OLDPWD/build/default/examples/lumenr/lumenr" "$out/app.db"
echo "(migrations directory kept in $out/migrations)" >&2
