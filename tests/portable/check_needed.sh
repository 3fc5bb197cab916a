#!/bin/sh
# Fails when schemac (argument 1) needs a shared library other than glibc's: its ELF NEEDED
# entries may only be libc, libm, the dynamic loader, libdl and libpthread (the last two are
# part of libc since glibc 2.34). libstdc++ and libgcc_s are linked statically.
set -eu
bin=$1
needed=$(readelf -d "$bin" | sed -n 's/.*(NEEDED).*\[\(.*\)\]/\1/p')
[ -n "$needed" ] || { echo "no NEEDED entries read from $bin"; exit 1; }
bad=0
for lib in $needed; do
  case $lib in
    libc.so.6 | libm.so.6 | ld-linux-*.so.* | libdl.so.2 | libpthread.so.0) echo "ok: $lib" ;;
    *) echo "not allowed: $bin needs $lib"; bad=1 ;;
  esac
done
# For the record (not a failure: it follows from the build machine's glibc and toolchain).
if command -v objdump >/dev/null; then
  echo "newest glibc symbol version: $(objdump -T "$bin" | grep -o 'GLIBC_[0-9.]*' | sort -uV | tail -1)"
fi
exit $bad
