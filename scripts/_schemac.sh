# Sourced by the db scripts: finds the schemac executable, and keeps tokens off command lines.
# $SCHEMAC, else `schemac` on PATH, else this checkout's build (build/default).
schemac_bin() {
  if [ -n "${SCHEMAC:-}" ]; then
    echo "$SCHEMAC"
  elif command -v schemac >/dev/null 2>&1; then
    command -v schemac
  else
    local here
    here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
    if [ -x "$here/build/default/tools/schemac/schemac" ]; then
      echo "$here/build/default/tools/schemac/schemac"
    else
      echo "schemac not found: set SCHEMAC, put it on PATH, or build with cmake --preset default" >&2
      return 1
    fi
  fi
}

# Splits the script's arguments into `args` (for schemac) and `url_args` (`--url VALUE` when
# given, for `schemac redact --database-url`). An --auth-token VALUE is moved into the
# environment ($DATABASE_AUTH_TOKEN), so that it is on no schemac command line (`ps`) and in no
# log; --auth-token-file PATH stays (a path is no secret).
schemac_split_args() {
  args=()
  url_args=()
  while (($#)); do
    case "$1" in
      --auth-token)
        if (($# < 2)); then
          echo "--auth-token needs a value (better: set DATABASE_AUTH_TOKEN or pass --auth-token-file)" >&2
          return 2
        fi
        export DATABASE_AUTH_TOKEN="$2"
        shift 2
        continue
        ;;
      --auth-token=*)
        export DATABASE_AUTH_TOKEN="${1#--auth-token=}"
        shift
        continue
        ;;
      --url)
        (($# >= 2)) && url_args=(--url "$2")
        ;;
      --url=*)
        url_args=(--url "${1#--url=}")
        ;;
    esac
    args+=("$1")
    shift
  done
}
