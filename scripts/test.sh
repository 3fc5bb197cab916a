#!/usr/bin/env bash
# Sets up the machine, builds, and runs every test (unit, lit golden, end-to-end) with ctest.
# Usage: scripts/test.sh [preset]   (default preset: "default"; "asan" for ASan+UBSan)
set -euo pipefail
cd "$(dirname "$0")/.."
preset="${1:-default}"
scripts/setup.sh "$preset"
ctest --preset "$preset"
