#!/usr/bin/env bash
# Benchmark: whole `schemac sql` and `schemac generate` processes on generated schemas of
# 10, 100, 1,000 and 5,000 tables (10 columns, 2 indexes, 1 foreign key each); prints the
# median of 5 runs and peak RSS. Usage: scripts/bench.sh [--sizes 10,100] [--runs N]
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh default >/dev/null
python3 tests/bench/bench.py build/default/compiler/driver/schemac "$@"
