#!/usr/bin/env bash
# Applies pending migrations to $DATABASE_URL (or --url), logging everything to a file too.
#   scripts/migrate.sh [schemac migrate options...]
# Log: $SCHEMAC_LOG_DIR (default ./logs)/migrate-<UTC time>.log; the path is printed at the end.
set -uo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/_schemac.sh"
bin="$(schemac_bin)" || exit 2
logdir="${SCHEMAC_LOG_DIR:-logs}"
mkdir -p "$logdir" || exit 2
log="$logdir/migrate-$(date -u +%Y%m%dT%H%M%SZ).log"
{
  echo "# schemac migrate $* at $(date -u +%Y-%m-%dT%H:%M:%SZ)"
  echo "# DATABASE_URL=${DATABASE_URL:-<unset: file:./local.db>}" | sed -E 's#//[^/@]*@#//***@#; s#(authToken=)[^&]*#\1***#'
} >"$log"
"$bin" migrate "$@" 2>&1 | tee -a "$log"
status=${PIPESTATUS[0]}
echo "# exit $status" >>"$log"
echo "log: $log" >&2
exit "$status"
