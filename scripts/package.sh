#!/usr/bin/env bash
# Builds the schemac packages into dist/ (docs/building.md, "Packages"):
#   dist/schemac-VERSION.tgz         the npm package (bin: schemac; the linux-x64 binary inside)
#   dist/schemac_VERSION_amd64.deb   the Debian package (CPack): binary, man page, completions,
#                                    C++ runtime headers and library, CMake package
# Usage: scripts/package.sh [all|npm|deb]
#   BUILD_DIR=dir  package this configured build directory (it is built first);
#                  default: configure and build the `release` preset (build/release)
#   DIST_DIR=dir   where the packages go (default: dist/ in the source tree)
set -euo pipefail
src=$(cd "$(dirname "$0")/.." && pwd)
what=${1:-all}
die() { echo "package.sh: error: $*" >&2; exit 1; }
case $what in all | npm | deb) ;; *) die "unknown package kind '$what' (all, npm or deb)" ;; esac
need() { command -v "$1" >/dev/null || die "$1 not found (Debian package: $2)"; }
need cmake cmake
[[ $what == deb ]] || need npm npm
[[ $what == npm ]] || { need cpack cmake; need dpkg-deb dpkg; }

tmp=$(mktemp -d "${TMPDIR:-/tmp}/schemac-package-XXXXXX")
trap 'rm -rf "$tmp"' EXIT

if [[ -n ${BUILD_DIR:-} ]]; then
  build=$(cd "$BUILD_DIR" 2>/dev/null && pwd) || die "BUILD_DIR $BUILD_DIR does not exist"
  [[ -f $build/CMakeCache.txt ]] || die "BUILD_DIR $build is not a configured build directory"
else
  # glibc >= 2.31 for the packaged binary: the sysroot it links against (docs/building.md).
  "$src/scripts/glibc-sysroot.sh" >/dev/null || die "cannot make the glibc 2.31 sysroot"
  (cd "$src" && cmake --preset release >/dev/null)
  build=$src/build/release
fi
# Everything `cmake --install` (and so CPack) takes; a no-op when the build is up to date.
echo "package.sh: building $build"
cmake --build "$build" -j"${JOBS:-2}" >"$tmp/build.log" 2>&1 ||
  { tail -n 40 "$tmp/build.log" >&2; die "the build of $build failed"; }

bin=$build/tools/schemac/schemac
[[ -x $bin ]] || die "$bin was not built"
version=$("$bin" --version | awk '{print $2}')
[[ -n $version ]] || die "cannot read the version of $bin"
dist=${DIST_DIR:-$src/dist}
mkdir -p "$dist"
dist=$(cd "$dist" && pwd)

# The npm package runs on any glibc Linux only if the binary needs nothing but glibc.
extra=$(ldd "$bin" | awk '{print $1}' |
  grep -Ev '^(linux-vdso\.so|/lib64/ld-linux-x86-64\.so|ld-linux-x86-64\.so|libc\.so|libm\.so|libpthread\.so|libdl\.so|librt\.so|libresolv\.so)' |
  tr '\n' ' ' || true)
if [[ -n $extra ]]; then
  echo "package.sh: warning: $bin links more than glibc: ${extra% }; the npm package runs" \
    "only where these libraries are installed (the .deb depends on them)" >&2
fi
glibc=$(objdump -T "$bin" 2>/dev/null | grep -o 'GLIBC_[0-9.]*' | sed 's/GLIBC_//' | sort -uV | tail -1 || true)
if [[ -n $glibc && $(printf '%s\n2.31\n' "$glibc" | sort -V | tail -1) != 2.31 ]]; then
  echo "package.sh: warning: $bin needs glibc $glibc (not 2.31): it was not linked against the" \
    "sysroot of scripts/glibc-sysroot.sh (reconfigure $build after running it)" >&2
fi

if [[ $what != deb ]]; then
  stage=$tmp/npm
  cp -r "$src/packaging/npm" "$stage"
  install -D -m 0755 "$bin" "$stage/native/linux-x64/schemac"
  strip "$stage/native/linux-x64/schemac" 2>/dev/null || true
  install -D -m 0644 "$build/share/man/man1/schemac.1" "$stage/man/schemac.1"
  install -d "$stage/completions"
  install -m 0644 "$build"/share/completions/{schemac.bash,_schemac,schemac.fish} "$stage/completions/"
  (cd "$stage" && npm pkg set "version=$version" && npm pack --silent --pack-destination "$tmp" >/dev/null)
  mv -f "$tmp/schemac-$version.tgz" "$dist/schemac-$version.tgz"
  echo "$dist/schemac-$version.tgz ($(du -k "$dist/schemac-$version.tgz" | cut -f1) KiB)"
fi

if [[ $what != npm ]]; then
  (cd "$build" && cpack -G DEB -B "$tmp/deb" >"$tmp/cpack.log" 2>&1) ||
    { cat "$tmp/cpack.log" >&2; die "cpack failed"; }
  deb=$(ls "$tmp"/deb/schemac_*.deb)
  mv -f "$deb" "$dist/"
  deb=$dist/$(basename "$deb")
  echo "$deb ($(du -k "$deb" | cut -f1) KiB)"
fi
