#!/usr/bin/env bash
# Makes the glibc 2.31 sysroot the portable schemac is linked against, so the binary runs on
# glibc >= 2.31 (Debian 11, Ubuntu 20.04 and newer; docs/building.md, "Which glibc"): Debian 11
# (bullseye)'s libc6 and libc6-dev, fetched with apt from deb.debian.org (signatures checked
# with the Debian archive keyring) into a private apt state, and unpacked with dpkg-deb.
# Only the C library's link files are used (crt1.o, libc.so, libc_nonshared.a, ...); headers,
# GCC and libstdc++ stay Debian 12's.
# Usage: scripts/glibc-sysroot.sh [DIR]
#   DIR default: $SCHEMAC_GLIBC_SYSROOT, else ${XDG_CACHE_HOME:-~/.cache}/schemac/glibc-2.31-amd64
#   (where CMake looks by default). Does nothing when DIR already holds the sysroot.
set -euo pipefail
die() { echo "glibc-sysroot.sh: error: $*" >&2; exit 1; }
dir=${1:-${SCHEMAC_GLIBC_SYSROOT:-${XDG_CACHE_HOME:-$HOME/.cache}/schemac/glibc-2.31-amd64}}
suite=bullseye
version=2.31
if [[ -f $dir/.schemac-sysroot ]]; then
  echo "$dir"
  exit 0
fi
[[ ! -e $dir ]] || die "$dir exists but is not a sysroot made by this script (remove it first)"
[[ $(dpkg --print-architecture 2>/dev/null) == amd64 ]] || die "only amd64 hosts are supported"
command -v apt-get >/dev/null || die "apt-get not found (a Debian or Ubuntu host is needed)"

work=$(mktemp -d "${TMPDIR:-/tmp}/schemac-sysroot-XXXXXX")
trap 'rm -rf "$work"' EXIT
mkdir -p "$work"/{lists/partial,archives/partial,debs,root}
# Signed by the Debian archive keys (package debian-archive-keyring: on every Debian, installable
# on Ubuntu); the mirror is deb.debian.org, or $SCHEMAC_DEBIAN_MIRROR.
keyring=/usr/share/keyrings/debian-archive-keyring.gpg
[[ -f $keyring ]] || die "$keyring not found (Debian package debian-archive-keyring)"
echo "deb [signed-by=$keyring] ${SCHEMAC_DEBIAN_MIRROR:-http://deb.debian.org/debian} $suite main" \
  >"$work/sources.list"
touch "$work/status"
apt=(apt-get -q -o Dir::Etc::SourceList="$work/sources.list" -o Dir::Etc::SourceParts=/dev/null
  -o Dir::State::Lists="$work/lists" -o Dir::State::Status="$work/status"
  -o Dir::Cache="$work" -o Dir::Cache::Archives="$work/archives" -o APT::Architecture=amd64
  -o Debug::NoLocking=1 -o APT::Sandbox::User="$(id -un)")
"${apt[@]}" update >"$work/apt.log" 2>&1 || { cat "$work/apt.log" >&2; die "apt-get update of $suite failed"; }
(cd "$work/debs" && "${apt[@]}" download libc6 libc6-dev >>"$work/apt.log" 2>&1) ||
  { cat "$work/apt.log" >&2; die "apt-get download of libc6/libc6-dev ($suite) failed"; }
for deb in "$work"/debs/*.deb; do dpkg-deb -x "$deb" "$work/root"; done
root=$work/root
[[ -f $root/lib/x86_64-linux-gnu/libc-$version.so ]] || die "the $suite libc6 is not glibc $version"
# The packages' symlinks are absolute (/lib/...); inside a sysroot they must stay inside it.
while IFS= read -r link; do
  target=$(readlink "$link")
  ln -sfn "$(realpath -m --relative-to="$(dirname "$link")" "$root$target")" "$link"
done < <(find "$root" -type l -lname '/*')
ls "$work"/debs >"$root/.schemac-sysroot"
mkdir -p "$(dirname "$dir")"
mv -T "$root" "$dir"
echo "$dir"
