#!/usr/bin/env bash
# Sets up the machine, builds, and runs every test (unit, lit golden, end-to-end, scenarios,
# C++ build and compile-fail tests) with ctest; then the same suite under ASan + UBSan
# (except the tests that build other programs); then 60 s of the parser fuzzer (the fuzz
# preset builds only the fuzzer; its one test, fuzz.parser, fails on a crash, leak or timeout).
# Usage: scripts/test.sh [preset]   (no argument: default, asan, fuzz; or one preset only)
set -euo pipefail
cd "$(dirname "$0")/.."
# Under CI the fuzzer runs with a fixed seed: reproducible, and not a coin toss per landing.
if [ -n "${CI:-}" ]; then export SCHEMAC_FUZZ_SEED="${SCHEMAC_FUZZ_SEED:-1}"; fi
presets=("${1:-default}")
[ $# -eq 0 ] && presets=(default asan fuzz)
for preset in "${presets[@]}"; do
  scripts/setup.sh "$preset"
  ctest --preset "$preset"
done
