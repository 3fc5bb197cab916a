#!/usr/bin/env bash
# Benchmark: whole `schemac sql` and `schemac generate` processes on generated schemas of
# 10, 100, 1,000 and 5,000 tables (10 columns, 2 indexes, 1 foreign key each); prints the
# median of 5 runs and peak RSS; then incremental generate and status on 1,000 tables.
# Usage: scripts/bench.sh [--sizes 10,100] [--runs N]
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh default >/dev/null
python3 tests/bench/bench.py build/default/tools/schemac/schemac "$@"
# Incremental generate (one column added, verified) and status on 1,000 tables (issues 4, 5).
python3 tests/bench/incremental_bench.py build/default/tools/schemac/schemac --tables 1000
