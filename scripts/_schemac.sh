# Sourced by the db scripts: finds the schemac executable.
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
