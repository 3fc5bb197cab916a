#!/bin/sh
# glibc >= 2.31 (docs/building.md, "Which glibc"): the portable schemac (argument 1), linked
# against the glibc 2.31 sysroot (argument 2, scripts/glibc-sysroot.sh), needs no glibc symbol
# version newer than GLIBC_2.31, and it runs on that glibc: started by the sysroot's own
# ld.so with the sysroot's libraries, it prints its version, compiles an example schema to the
# same SQL as on this machine, generates and applies the npm seed's migration, and reports
# errors that are C++ exceptions (a TOML syntax error, a schema syntax error, libcurl that
# cannot be loaded) with the documented exit code; a broken unwinder (the _dl_find_object shim) would abort instead. Without a sysroot (no
# network to deb.debian.org when setup.sh ran) a loud SKIP (77) that says so, in CI too.
set -u
bin=$(realpath "$1")
sysroot=${2:-}
examples=$3
fail() { echo "FAIL: $*"; exit 1; }
if [ -z "$sysroot" ]; then
  msg="schemac was linked against this machine's glibc (no sysroot): run scripts/glibc-sysroot.sh and reconfigure"
  echo "SKIP: $msg"
  exit 77
fi

newest=$(objdump -T "$bin" | grep -o 'GLIBC_[0-9.]*' | sed 's/GLIBC_//' | sort -uV | tail -1)
echo "newest glibc symbol version: GLIBC_$newest"
[ "$(printf '%s\n2.31\n' "$newest" | sort -V | tail -1)" = 2.31 ] ||
  fail "needs GLIBC_$newest > 2.31: $(objdump -T "$bin" | grep -E 'GLIBC_2\.(3[2-9]|[4-9][0-9])' | awk '{print $NF}' | tr '\n' ' ')"

dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
# schemac on glibc 2.31: the sysroot's loader and libraries instead of this machine's.
old() {
  "$sysroot/lib64/ld-linux-x86-64.so.2" \
    --library-path "$sysroot/lib/x86_64-linux-gnu:$sysroot/usr/lib/x86_64-linux-gnu" "$bin" "$@"
}
"$sysroot/lib64/ld-linux-x86-64.so.2" --library-path "$sysroot/lib/x86_64-linux-gnu" --list "$bin" \
  >"$dir/list" || fail "the glibc 2.31 loader cannot load $bin"
grep -q "libc.so.6 => $sysroot/lib/x86_64-linux-gnu/libc.so.6" "$dir/list" ||
  fail "libc.so.6 did not come from the sysroot: $(cat "$dir/list")"

out=$(old --version) || fail "--version on glibc 2.31 exited with $?"
[ "$out" = "$("$bin" --version)" ] || fail "--version on glibc 2.31 printed '$out'"
echo "glibc 2.31: $out"

old sql "$examples"/lumenr/schema/*.schema >"$dir/old.sql" || fail "sql on glibc 2.31 exited with $?"
"$bin" sql "$examples"/lumenr/schema/*.schema >"$dir/new.sql" || fail "sql exited with $?"
[ -s "$dir/old.sql" ] && cmp -s "$dir/old.sql" "$dir/new.sql" ||
  fail "sql of examples/lumenr differs on glibc 2.31"

# A project on glibc 2.31: generate writes a migration, migrate applies it to a SQLite file,
# status finds no drift (files, fsync, SQLite, threads of the migration lock).
cp -r "$examples/npm-seed" "$dir/seed"
(cd "$dir/seed" && old generate && DATABASE_URL="file:$dir/seed.db" old migrate &&
  DATABASE_URL="file:$dir/seed.db" old status) >"$dir/seed.log" 2>&1 ||
  { cat "$dir/seed.log"; fail "generate/migrate/status on glibc 2.31"; }
ls "$dir"/seed/migrations/0000_*.sql >/dev/null 2>&1 || fail "generate on glibc 2.31 wrote no migration"
grep -q "drift: none" "$dir/seed.log" || { cat "$dir/seed.log"; fail "status on glibc 2.31"; }

# expect CODE PATTERN ARGS...: exit CODE, the first stderr line matches PATTERN (run in $dir/p).
expect() {
  code=$1
  pattern=$2
  shift 2
  (cd "$dir/p" && old "$@") >"$dir/stdout" 2>"$dir/stderr"
  rc=$?
  cat "$dir/stderr"
  [ $rc -eq "$code" ] || fail "schemac $* on glibc 2.31: exit code $rc, expected $code"
  ! grep -q "terminate called" "$dir/stderr" || fail "schemac $*: std::terminate"
  head -n 1 "$dir/stderr" | grep -q "$pattern" || fail "schemac $*: the error does not match '$pattern'"
}
mkdir "$dir/p"
printf 'schema = [\n' >"$dir/p/schemac.toml"
expect 2 '^schemac: error: schemac.toml:1:' check
rm "$dir/p/schemac.toml"
printf 'table t { id int pk\n' >"$dir/p/bad.schema"
expect 1 '^bad.schema:1:.*error:' sql bad.schema
# This machine's libcurl needs a newer glibc (or is absent): the dlopen error path.
expect 1 "libcurl.*install the Debian package libcurl4" pull --url http://127.0.0.1:9/ -o out.schema
echo ok
