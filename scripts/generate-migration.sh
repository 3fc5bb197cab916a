#!/usr/bin/env bash
# Writes the next migration from the schema (like `drizzle-kit generate --name NAME`).
#   scripts/generate-migration.sh add_paid_at [--out DIR] [SCHEMA...]
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/_schemac.sh"
if [ $# -lt 1 ] || [[ "$1" == -* ]]; then
  echo "usage: $0 NAME [schemac generate options...]" >&2
  exit 2
fi
name="$1"
shift
exec "$(schemac_bin)" generate --name "$name" "$@"
