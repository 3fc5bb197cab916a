#!/usr/bin/env bash
# Builds the parser fuzzer (tests/fuzz/parser_fuzzer.cpp) with the `fuzz` preset (clang-14,
# libFuzzer, ASan + UBSan, build/fuzz, only that target), then runs its ctest test fuzz.parser:
# N seconds (default 60) of fuzzing on a copy of tests/fuzz/corpus with tests/fuzz/schema.dict.
# Exits non-zero on a crash, a sanitizer report, a property violation, a leak, a timeout or an
# out-of-memory; the reproducer and the full log are in build/fuzz/tests/fuzz-parser/.
# scripts/test.sh runs this preset after the default and asan suites.
# Usage: scripts/fuzz.sh [seconds]
set -euo pipefail
cd "$(dirname "$0")/.."
seconds="${1:-60}"
cmake --preset fuzz -DSCHEMAC_FUZZ_SECONDS="$seconds" >/dev/null
cmake --build --preset fuzz
ctest --preset fuzz
