#!/usr/bin/env bash
# Starts `schemac studio` on $DATABASE_URL (or --url, or schemac.toml), logging to a file
# (default ./studio.log; $STUDIO_LOG or --log FILE). The URL with its access token is printed
# on the terminal and written to the log. Other arguments go to `schemac studio`.
#   scripts/db-studio.sh [--log FILE] [--port P] [--host ADDR] [--open] [--read-only] ...
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/_schemac.sh"
bin="$(schemac_bin)" || exit 2
log="${STUDIO_LOG:-studio.log}"
args=()
while (($#)); do
  case "$1" in
    --log) log="$2"; shift 2 ;;
    --log=*) log="${1#--log=}"; shift ;;
    *) args+=("$1"); shift ;;
  esac
done
echo "db-studio: logging to $log" >&2
# Line-buffered so the URL reaches the terminal and the log at once.
stdbuf -oL -eL "$bin" studio ${args[@]+"${args[@]}"} 2>&1 | tee -a "$log"
