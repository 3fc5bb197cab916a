#!/usr/bin/env bash
# Applies pending migrations to $DATABASE_URL (or --url, or schemac.toml's url), logging
# everything to a file too. Passwords and tokens never reach the log (`schemac redact`), and an
# --auth-token given here goes to schemac through the environment, not its command line.
#   scripts/migrate.sh [schemac migrate options...]
# Log: $SCHEMAC_LOG_DIR (default ./logs)/migrate-<UTC time with ns>-<pid>.log; the path is
# printed at the end.
set -uo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/_schemac.sh"
bin="$(schemac_bin)" || exit 2
schemac_split_args "$@" || exit 2
logdir="${SCHEMAC_LOG_DIR:-logs}"
mkdir -p "$logdir" || exit 2
log="$logdir/migrate-$(date -u +%Y%m%dT%H%M%S.%NZ)-$$.log"
shown=""
((${#args[@]})) && shown=" $("$bin" redact -- "${args[@]}")"
{
  echo "# schemac migrate${shown} at $(date -u +%Y-%m-%dT%H:%M:%SZ)"
  echo "# database: $("$bin" redact --database-url ${url_args[@]+"${url_args[@]}"} 2>&1)"
} >"$log"
"$bin" migrate ${args[@]+"${args[@]}"} 2>&1 | "$bin" redact | tee -a "$log"
status=${PIPESTATUS[0]}
echo "# exit $status" >>"$log"
echo "log: $log" >&2
exit "$status"
