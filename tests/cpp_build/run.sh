#!/usr/bin/env bash
# The C++ build loop end to end: install schemac to a temporary prefix, build a consumer project
# out of tree with find_package(schemac) + schemac_add_schema, then check incremental builds:
# a no-op rebuild does nothing, a formatting-only schema edit regenerates no header (and
# recompiles nothing), a real schema edit rewrites the header and recompiles its dependents.
# Finally builds examples/lumenr against the installed package (when its schema is there).
# Usage: run.sh <schemac build dir> <schemac source dir>
set -euo pipefail
build=$1
src=$2
tmp=$(mktemp -d "${TMPDIR:-/tmp}/schemac-cpp-build-XXXXXX")
trap 'rm -rf "$tmp"' EXIT
fail() { echo "FAIL: $*" >&2; exit 1; }

cmake --install "$build" --prefix "$tmp/prefix" >/dev/null
test -x "$tmp/prefix/bin/schemac" || fail "schemac not installed"
test -f "$tmp/prefix/lib/cmake/schemac/schemacConfig.cmake" || fail "package config not installed"

cp -r "$src/tests/cpp_build/project" "$tmp/proj"
cmake -S "$tmp/proj" -B "$tmp/b" -G Ninja -DCMAKE_PREFIX_PATH="$tmp/prefix" \
  -DCMAKE_BUILD_TYPE=Release >/dev/null
cmake --build "$tmp/b" >/dev/null
out=$("$tmp/b/app")
expected=$'kettle small 19.90\nsofa large 499.00'
[ "$out" = "$expected" ] || fail "app printed: $out"
header="$tmp/b/schemac_gen/app/db/schema.h"
grep -q "namespace shop::db {" "$header" || fail "NAMESPACE not applied"

# 1. Nothing changed: nothing to do.
log=$(cmake --build "$tmp/b" -- -d explain 2>&1)
echo "$log" | grep -q "no work to do" || fail "no-op rebuild did work: $log"

# 2. Formatting-only edit: codegen runs, the header keeps its bytes and mtime, nothing compiles.
before=$(stat -c %y "$header")
sleep 1.1
printf '\n// a comment, and different spacing\n' >> "$tmp/proj/app.schema"
sed -i 's/^  name   text$/  name text/' "$tmp/proj/app.schema"
log=$(cmake --build "$tmp/b" 2>&1)
echo "$log" | grep -q "schemac codegen" || fail "codegen did not run after a schema edit: $log"
echo "$log" | grep -q "Building CXX" && fail "formatting-only edit recompiled: $log"
after=$(stat -c %y "$header")
[ "$before" = "$after" ] || fail "formatting-only edit rewrote the header"
log=$(cmake --build "$tmp/b" -- -d explain 2>&1)
echo "$log" | grep -q "no work to do" || fail "rebuild after formatting edit did work: $log"

# 3. A real edit: the header changes and app (only app) recompiles.
sed -i 's/^  price  decimal(10, 2)$/  price  decimal(10, 2)\n  stock  int32  default 0/' \
  "$tmp/proj/app.schema"
log=$(cmake --build "$tmp/b" 2>&1)
echo "$log" | grep -q "main.cpp.o" || fail "schema edit did not recompile main.cpp: $log"
echo "$log" | grep -q "other.cpp.o" && fail "schema edit recompiled an unrelated target: $log"
grep -q "stock" "$header" || fail "header not regenerated"

# 4. Bad schema: the build fails with the compiler's diagnostic, the header stays.
cp "$header" "$tmp/header.before"
echo "table broken { id nosuchtype }" >> "$tmp/proj/app.schema"
if log=$(cmake --build "$tmp/b" 2>&1); then fail "a bad schema built"; fi
echo "$log" | grep -q "app.schema:[0-9]*:[0-9]*: error:" || fail "no diagnostic: $log"
cmp -s "$header" "$tmp/header.before" || fail "a failed codegen changed the header"

# 5. The example program against the installed package.
if [ -d "$src/examples/lumenr/schema" ] && [ -d "$src/examples/lumenr/migrations" ]; then
  cmake -S "$src/examples/lumenr" -B "$tmp/ex" -G Ninja -DCMAKE_PREFIX_PATH="$tmp/prefix" \
    >/dev/null
  cmake --build "$tmp/ex" >/dev/null
  (cd "$tmp" && "$tmp/ex/lumenr" "file:$tmp/lumenr.db") | grep -q "outstanding" ||
    fail "example did not print its report"
fi
echo "cpp_build: ok"
