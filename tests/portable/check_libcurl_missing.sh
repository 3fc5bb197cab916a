#!/bin/sh
# A remote URL when libcurl cannot be loaded: one error line naming the Debian package, exit 1,
# no output file. SCHEMAC_LIBCURL (a test hook, docs/building.md) names a library that does not
# exist. Then without the hook: libcurl loads and the failure is the connection's (port 9 of
# 127.0.0.1: nothing listens), which shows the library was found and used.
set -u
bin=$1
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
fail() { echo "FAIL: $*"; exit 1; }

SCHEMAC_LIBCURL=/nonexistent/libcurl.so.4 "$bin" pull --url http://127.0.0.1:9/ -o "$dir/out.schema" \
  >"$dir/stdout" 2>"$dir/stderr"
rc=$?
cat "$dir/stderr"
[ $rc -eq 1 ] || fail "exit code $rc, expected 1"
[ "$(wc -l <"$dir/stderr")" -eq 1 ] || fail "expected one error line"
grep -q "^schemac: error: .*libcurl.*/nonexistent/libcurl.so.4.*install the Debian package libcurl4" \
  "$dir/stderr" || fail "the error does not name the library and the Debian package"
[ ! -e "$dir/out.schema" ] || fail "an output file was written"

"$bin" pull --url http://127.0.0.1:9/ -o "$dir/out.schema" >"$dir/stdout" 2>"$dir/stderr"
rc=$?
cat "$dir/stderr"
[ $rc -eq 1 ] || fail "exit code $rc against a closed port, expected 1"
if grep -q "libcurl" "$dir/stderr"; then fail "libcurl did not load"; fi
[ ! -e "$dir/out.schema" ] || fail "an output file was written"
echo ok
