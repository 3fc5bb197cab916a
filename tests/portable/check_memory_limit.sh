#!/bin/sh
# Under a memory limit (ulimit -d, -v): the heap tuning (a 256 MiB pad, a 1 GiB bump region) is
# left out below 2 GiB, and the same files come out as without a limit. Under a limit too small
# for the schema: one error line, exit 1, nothing written. (The tuning is the portable build's;
# the sanitizers reserve terabytes of shadow memory and cannot run under such limits at all.)
set -u
bin=$1
gen=$2  # tests/bench/gen_schema.py
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
fail() { echo "FAIL: $*"; exit 1; }
export SOURCE_DATE_EPOCH=1700000000

python3 "$gen" 300 >"$dir/s.schema" || fail "gen_schema.py"
"$bin" generate "$dir/s.schema" --out "$dir/free" >/dev/null || fail "generate without a limit"
for limit in "-d 200000" "-v 400000"; do
  # shellcheck disable=SC2086 # the option and its value
  (ulimit $limit && "$bin" generate "$dir/s.schema" --out "$dir/limited") >/dev/null 2>"$dir/stderr" ||
    { cat "$dir/stderr"; fail "generate under ulimit $limit"; }
  diff -r "$dir/free" "$dir/limited" || fail "ulimit $limit: other files than without a limit"
  rm -rf "$dir/limited"
done

python3 "$gen" 1000 >"$dir/big.schema" || fail "gen_schema.py"
(ulimit -d 30000 && "$bin" generate "$dir/big.schema" --out "$dir/small") >"$dir/stdout" 2>"$dir/stderr"
rc=$?
cat "$dir/stderr"
[ $rc -eq 1 ] || fail "exit code $rc under ulimit -d 30000, expected 1"
[ "$(cat "$dir/stderr")" = "schemac: error: out of memory" ] || fail "expected one 'out of memory' line"
[ ! -e "$dir/small" ] || fail "a migrations directory was written"
echo ok
