#!/usr/bin/env bash
# Development only: applies the schema directly to $DATABASE_URL (or --url, or schemac.toml's
# url) without a migration, after a confirmation prompt. Prints the target (redacted) and where
# it came from first, also with -y. `schemac push` itself asks again before data loss.
#   scripts/db-push.sh [-y] [schemac push options...]
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/_schemac.sh"
bin="$(schemac_bin)" || exit 2
yes=0
rest=()
for a in "$@"; do
  case "$a" in
    -y | --yes) yes=1 ;;
    *) rest+=("$a") ;;
  esac
done
schemac_split_args ${rest[@]+"${rest[@]}"} || exit 2
target="$("$bin" redact --database-url ${url_args[@]+"${url_args[@]}"})" || exit 2
echo "db-push: target ${target}" >&2
if [ "$yes" -ne 1 ]; then
  if [ ! -t 0 ]; then
    echo "db-push: refusing to push without a terminal; pass -y to confirm" >&2
    exit 1
  fi
  read -r -p "Push the schema to this database (development databases only)? [y/N] " answer
  case "$answer" in
    y | Y | yes | YES) ;;
    *) echo "db-push: cancelled" >&2; exit 1 ;;
  esac
fi
exec "$bin" push ${args[@]+"${args[@]}"}
