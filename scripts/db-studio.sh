#!/usr/bin/env bash
# Starts `schemac studio` on $DATABASE_URL (or --url, or schemac.toml), logging to a file
# (default ./studio.log; $STUDIO_LOG or --log FILE). The terminal shows the studio's URL with
# its access token; the log gets every line through `schemac redact` (no token, no password).
# An --auth-token given here goes to schemac through the environment, not its command line.
# Other arguments go to `schemac studio`.
#   scripts/db-studio.sh [--log FILE] [--port P] [--host ADDR] [--open] [--read-only] ...
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/_schemac.sh"
bin="$(schemac_bin)" || exit 2
log="${STUDIO_LOG:-studio.log}"
rest=()
while (($#)); do
  case "$1" in
    --log) log="$2"; shift 2 ;;
    --log=*) log="${1#--log=}"; shift ;;
    *) rest+=("$1"); shift ;;
  esac
done
schemac_split_args ${rest[@]+"${rest[@]}"} || exit 2
echo "db-studio: logging to $log (redacted)" >&2
# Line-buffered so the URL reaches the terminal and the log at once.
stdbuf -oL -eL "$bin" studio ${args[@]+"${args[@]}"} 2>&1 | tee >("$bin" redact >>"$log")
