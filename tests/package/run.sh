#!/usr/bin/env bash
# The package tests (suite.cmake): run.sh build|npm|deb|docs, with BUILD_DIR, SOURCE_DIR,
# DIST_DIR and SCHEMAC_VERSION in the environment.
set -euo pipefail
kind=$1
fail() { echo "FAIL: $*" >&2; exit 1; }
# A missing tool is a loud skip locally and a failure in CI.
need() {
  command -v "$1" >/dev/null && return 0
  if [[ -n ${CI:-} ]]; then fail "$1 not found (CI=1)"; fi
  echo "SKIP: $1 not found (Debian package $2)" >&2
  exit 77
}
tgz=$DIST_DIR/schemac-$SCHEMAC_VERSION.tgz
deb=$DIST_DIR/schemac_${SCHEMAC_VERSION}_amd64.deb
tmp=$(mktemp -d "${TMPDIR:-/tmp}/schemac-package-test-XXXXXX")
trap 'rm -rf "$tmp"' EXIT

case $kind in
build)
  need npm npm
  need dpkg-deb dpkg
  rm -rf "$DIST_DIR"
  "$SOURCE_DIR/scripts/package.sh" all >"$tmp/log" 2>&1 || { cat "$tmp/log"; fail "package.sh failed"; }
  grep -v '^\[' "$tmp/log" || true
  [[ -s $tgz ]] || fail "no $tgz"
  [[ -s $deb ]] || fail "no $deb"
  ;;

npm)
  need npm npm
  # An empty project: the seed's package.json, schema and schemac.toml; nothing on PATH but
  # the system's node/npm (no schemac), no registry (offline: the tgz brings everything).
  cp -r "$SOURCE_DIR/examples/npm-seed" "$tmp/app"
  cd "$tmp/app"
  export PATH=/usr/bin:/bin npm_config_cache=$tmp/npm-cache
  command -v schemac >/dev/null && fail "schemac already on PATH"
  npm install --offline --no-audit --no-fund --save-dev "$tgz" >"$tmp/log" 2>&1 ||
    { cat "$tmp/log"; fail "npm install of the tgz failed"; }
  out=$(npx --no-install schemac --version)
  [[ $out == "schemac $SCHEMAC_VERSION" ]] || fail "npx schemac --version printed: $out"
  npm run --silent db:generate >"$tmp/log" 2>&1 || { cat "$tmp/log"; fail "db:generate failed"; }
  ls migrations/0000_*.sql >/dev/null || fail "db:generate wrote no migration"
  [[ -f src/db/schema.ts ]] || fail "db:generate wrote no src/db/schema.ts"
  DATABASE_URL="file:$tmp/app.db" npm run --silent db:migrate >"$tmp/log" 2>&1 ||
    { cat "$tmp/log"; fail "db:migrate failed"; }
  DATABASE_URL="file:$tmp/app.db" npm run --silent db:check >"$tmp/log" 2>&1 ||
    { cat "$tmp/log"; fail "db:check after db:migrate failed"; }
  [[ -s $tmp/app.db ]] || fail "db:migrate left no database"
  # The exit code passes through the launcher: a schema error is exit 1.
  echo "table broken { id nosuchtype }" >>schema/app.schema
  set +e
  npx --no-install schemac check >"$tmp/log" 2>&1
  rc=$?
  set -e
  [[ $rc == 1 ]] || { cat "$tmp/log"; fail "schemac check of a bad schema exited $rc, not 1"; }
  # An unsupported platform is one clear line.
  echo 'Object.defineProperty(process, "arch", { value: "arm64" });' >"$tmp/arm.js"
  set +e
  msg=$(node -r "$tmp/arm.js" node_modules/schemac/bin/schemac.js --version 2>&1)
  rc=$?
  set -e
  [[ $rc == 1 && $msg == *"no binary for linux-arm64"* ]] || fail "arm64: exit $rc: $msg"
  # So is a glibc older than the 2.31 the binary is linked against.
  cat >"$tmp/glibc.js" <<'JS'
const real = process.report.getReport.bind(process.report);
process.report.getReport = () => { const r = real(); r.header.glibcVersionRuntime = "2.28"; return r; };
JS
  set +e
  msg=$(node -r "$tmp/glibc.js" node_modules/schemac/bin/schemac.js --version 2>&1)
  rc=$?
  set -e
  [[ $rc == 1 && $msg == *"needs glibc 2.31 or newer (this system has 2.28)"* ]] || fail "glibc 2.28: exit $rc: $msg"
  [[ -f node_modules/schemac/man/schemac.1 && -f node_modules/schemac/completions/schemac.bash ]] ||
    fail "man page or completions missing from the npm package"
  echo "package.npm: ok"
  ;;

deb)
  need dpkg-deb dpkg
  dpkg-deb -f "$deb" Package Version Architecture Depends
  root=$tmp/root
  dpkg-deb -x "$deb" "$root"
  for f in usr/bin/schemac usr/share/man/man1/schemac.1 \
    usr/share/bash-completion/completions/schemac usr/share/zsh/vendor-completions/_schemac \
    usr/share/fish/vendor_completions.d/schemac.fish usr/include/schemac/rt/connection.h; do
    [[ -e $root/$f ]] || fail "$f missing from the .deb"
  done
  config=$(find "$root/usr/lib" -name schemacConfig.cmake)
  [[ -n $config ]] || fail "schemacConfig.cmake missing from the .deb"
  [[ $("$root/usr/bin/schemac" --version) == "schemac $SCHEMAC_VERSION" ]] || fail "--version"
  # The LumenR example, built against the unpacked package only.
  cmake -S "$SOURCE_DIR/examples/lumenr" -B "$tmp/lumenr" -G Ninja \
    -DCMAKE_PREFIX_PATH="$root/usr" -DCMAKE_BUILD_TYPE=Release >"$tmp/log" 2>&1 ||
    { cat "$tmp/log"; fail "configure of examples/lumenr against the .deb failed"; }
  grep -q "schemac_DIR:PATH=$root/usr/lib" "$tmp/lumenr/CMakeCache.txt" ||
    fail "find_package(schemac) did not find the unpacked package"
  cmake --build "$tmp/lumenr" >"$tmp/log" 2>&1 || { cat "$tmp/log"; fail "lumenr build failed"; }
  grep -q "$root/usr/bin/schemac" "$tmp/lumenr/build.ninja" || fail "codegen did not use the .deb's schemac"
  (cd "$tmp" && "$tmp/lumenr/lumenr" "file:$tmp/lumenr.db") | grep -q "outstanding" ||
    fail "lumenr did not print its report"
  echo "package.deb: ok"
  ;;

docs)
  share=$BUILD_DIR/share
  [[ -s $share/man/man1/schemac.1 ]] || fail "no generated man page"
  # The man page renders without a groff warning and names every subcommand.
  need groff groff-base
  warnings=$(groff -man -Tutf8 -ww -z "$share/man/man1/schemac.1" 2>&1)
  [[ -z $warnings ]] || fail "groff: $warnings"
  page=$(groff -man -Tascii -P-cbou "$share/man/man1/schemac.1")  # plain text, no overstrikes
  commands=$("$BUILD_DIR/tools/schemac/schemac" --help | awk '/^Subcommands:/{s=1;next} s&&NF{print $1}')
  [[ -n $commands ]] || fail "no subcommands in --help"
  for c in $commands; do
    grep -q "schemac $c" <<<"$page" || fail "man page lacks 'schemac $c'"
    grep -q "$c" "$share/completions/schemac.bash" || fail "bash completion lacks $c"
  done
  # (The files' header comments name the generator; the content must not.)
  grep -q "__generate-docs" <<<"$page" && fail "the man page lists the hidden __generate-docs"
  grep -v '^#' "$share/completions/schemac.bash" | grep -q "__generate-docs" &&
    fail "the bash completion offers the hidden __generate-docs"
  bash -n "$share/completions/schemac.bash" || fail "bash -n"
  # The bash completion completes: a subcommand, a flag, an IsMember value.
  got=$(bash -c 'source "$1"; COMP_WORDS=(schemac mig); COMP_CWORD=1; _schemac; echo "${COMPREPLY[*]}"
    COMP_WORDS=(schemac migrate --lock-t); COMP_CWORD=2; _schemac; echo "${COMPREPLY[*]}"
    COMP_WORDS=(schemac sql --emit ""); COMP_CWORD=3; _schemac; echo "${COMPREPLY[*]}"' _ \
    "$share/completions/schemac.bash")
  [[ $got == $'migrate\n--lock-timeout\nsql ir' ]] || fail "bash completion gave: $got"
  # zsh and fish only when installed (not in the Debian package list).
  if command -v zsh >/dev/null; then zsh -n "$share/completions/_schemac" || fail "zsh -n"; fi
  if command -v fish >/dev/null; then
    fish -n "$share/completions/schemac.fish" || fail "fish -n"
    got=$(fish -c "source $share/completions/schemac.fish; complete -C 'schemac import '")
    [[ $got == drizzle* ]] || fail "fish completion gave: $got"
  fi
  echo "package.docs: ok"
  ;;
*) fail "unknown test $kind" ;;
esac
