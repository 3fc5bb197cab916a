#!/usr/bin/env bash
# Development only: applies the schema directly to $DATABASE_URL (or --url) without a
# migration, after a confirmation prompt. `schemac push` itself asks again before data loss.
#   scripts/db-push.sh [-y] [schemac push options...]
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/_schemac.sh"
bin="$(schemac_bin)" || exit 2
yes=0
args=()
for a in "$@"; do
  case "$a" in
    -y | --yes) yes=1 ;;
    *) args+=("$a") ;;
  esac
done
target="${DATABASE_URL:-file:./local.db}"
for ((i = 0; i < ${#args[@]}; i++)); do
  [ "${args[$i]}" = "--url" ] && [ $((i + 1)) -lt ${#args[@]} ] && target="${args[$((i + 1))]}"
  [[ "${args[$i]}" == --url=* ]] && target="${args[$i]#--url=}"
done
if [ "$yes" -ne 1 ]; then
  if [ ! -t 0 ]; then
    echo "db-push: refusing to push without a terminal; pass -y to confirm" >&2
    exit 1
  fi
  read -r -p "Push the schema to ${target} (development databases only)? [y/N] " answer
  case "$answer" in
    y | Y | yes | YES) ;;
    *) echo "db-push: cancelled" >&2; exit 1 ;;
  esac
fi
exec "$bin" push ${args[@]+"${args[@]}"}
