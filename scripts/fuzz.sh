#!/usr/bin/env bash
# Builds the parser fuzzer (tests/fuzz/parser_fuzzer.cpp) with clang-14, libFuzzer, ASan and
# UBSan in build/fuzz, then runs it for N seconds (default 60) from the seed corpus in
# tests/fuzz/corpus; new interesting inputs go to build/fuzz/corpus, crashes to
# build/fuzz/crash-*. Prints executions and coverage at the end.
# Usage: scripts/fuzz.sh [seconds]
set -euo pipefail
cd "$(dirname "$0")/.."
seconds="${1:-60}"
san="-fsanitize=address,undefined -fno-sanitize-recover=undefined -fno-omit-frame-pointer"

# clang cannot compile one header of Debian's ANTLR 4.9 runtime (a defaulted constructor
# that is implicitly deleted); build against a copy without that unused constructor.
antlr_inc=build/fuzz/antlr4-include
if [ ! -f "$antlr_inc/antlr4-runtime.h" ]; then
  mkdir -p build/fuzz && rm -rf "$antlr_inc" && cp -r /usr/include/antlr4-runtime "$antlr_inc"
  sed -i 's|InterpreterData() {}; // For invalid content.||' "$antlr_inc/misc/InterpreterDataReader.h"
fi

CC=clang-14 CXX=clang++-14 cmake -S . -B build/fuzz -G Ninja \
  -DCMAKE_BUILD_TYPE=RelWithDebInfo -DSCHEMAC_FUZZ=ON -DSCHEMAC_BUILD_BENCH=OFF \
  -DSCHEMAC_ANTLR4_INCLUDE_DIR="$PWD/$antlr_inc" \
  -DCMAKE_C_FLAGS="-fsanitize=fuzzer-no-link $san" \
  -DCMAKE_CXX_FLAGS="-fsanitize=fuzzer-no-link $san" \
  -DCMAKE_EXE_LINKER_FLAGS="$san" -DCMAKE_SHARED_LINKER_FLAGS="$san" >/dev/null
cmake --build build/fuzz --target parser_fuzzer -j2

mkdir -p build/fuzz/corpus
log=build/fuzz/fuzz.log
# detect_leaks=0: ANTLR's runtime keeps static caches (DFA, ATN) alive on purpose.
ASAN_OPTIONS=detect_leaks=0 UBSAN_OPTIONS=print_stacktrace=1 \
  build/fuzz/tests/parser_fuzzer build/fuzz/corpus tests/fuzz/corpus \
  -dict=tests/fuzz/schema.dict -max_total_time="$seconds" -max_len=4096 -timeout=10 \
  -rss_limit_mb=2048 -print_final_stats=1 -artifact_prefix=build/fuzz/ 2>&1 | tee "$log" |
  grep -E "^#[0-9]+[[:space:]]+(INITED|DONE|pulse)|ERROR|SUMMARY|property violated" || true
status=${PIPESTATUS[0]}

echo "---"
grep -E "^#[0-9]+[[:space:]]+DONE" "$log" | tail -1 | sed -E 's/^#([0-9]+)[[:space:]]+DONE +cov: ([0-9]+) ft: ([0-9]+).*/executions: \1, coverage: \2 edges, \3 features/' || true
grep -E "stat::number_of_executed_units|stat::average_exec_per_sec|stat::peak_rss_mb" "$log" || true
exit "$status"
