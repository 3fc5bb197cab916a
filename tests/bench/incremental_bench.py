#!/usr/bin/env python3
"""Times the incremental commands on a generated N-table schema (issues 4 and 5 speed figures).

Setup (not timed): `generate` of the first migration, two more migrations that each add a
column, and `migrate` of a file database to the newest one. Then, RUNS times each:
  generate  one more column added, verification on, into a fresh copy of the directory;
  status    applied/pending list and drift check of the migrated database.
Prints the median wall time and CPU time (user + sys, from wait4) of whole processes.
Usage: incremental_bench.py SCHEMAC [--tables 1000] [--runs 5]
"""
import argparse
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from gen_schema import schema  # noqa: E402


def run(argv, cwd):
    """(wall seconds, CPU seconds) of one process; fails loudly on a non-zero exit."""
    start = time.perf_counter()
    proc = subprocess.Popen(argv, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - start
    err = proc.stderr.read().decode(errors="replace")
    proc.stderr.close()
    if os.waitstatus_to_exitcode(status) != 0:
        sys.exit(f"bench: {' '.join(argv)} failed:\n{err}")
    return wall, usage.ru_utime + usage.ru_stime


def add_column(text, table, column):
    out, n = re.subn(rf"^table {table} {{$", f"table {table} {{\n  {column} int?", text,
                     flags=re.M)
    assert n == 1, table
    return out


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("schemac")
    ap.add_argument("--tables", type=int, default=1000)
    ap.add_argument("--runs", type=int, default=5)
    args = ap.parse_args()
    schemac = os.path.abspath(args.schemac)
    n = args.tables
    env = dict(os.environ, SOURCE_DATE_EPOCH="1700000000")

    work = tempfile.mkdtemp(prefix="schemac-incr-")
    try:
        base = os.path.join(work, "base")
        os.makedirs(base)
        text = schema(n)
        path = os.path.join(base, "s.schema")
        for step, table in enumerate([None, "t5", f"t{n // 100}"]):
            if table:
                text = add_column(text, table, f"extra{step}")
            with open(path, "w") as f:
                f.write(text)
            subprocess.run([schemac, "generate", "s.schema", "--out", "mig"], cwd=base, env=env,
                           check=True, stdout=subprocess.DEVNULL)
        with open(os.path.join(base, "next.schema"), "w") as f:
            f.write(add_column(text, f"t{n // 2}", "extra_next"))
        db = os.path.join(base, "db.sqlite")
        subprocess.run([schemac, "migrate", "--out", "mig", "--url", "file:" + db], cwd=base,
                       env=env, check=True, stdout=subprocess.DEVNULL)

        gen, status = [], []
        for _ in range(args.runs):
            copy = os.path.join(work, "copy")
            shutil.rmtree(copy, ignore_errors=True)
            shutil.copytree(base, copy)
            gen.append(run([schemac, "generate", "next.schema", "--out", "mig"], copy))
            status.append(run([schemac, "status", "--out", "mig", "--url", "file:" + db], base))

        print(f"schemac incremental bench: {n} tables, 3 migrations of history, "
              f"median of {args.runs} runs, whole process")
        for name, rows in (("generate (+1 column, verified)", gen), ("status (drift check)", status)):
            wall = statistics.median(r[0] for r in rows) * 1000
            cpu = statistics.median(r[1] for r in rows) * 1000
            print(f"  {name:<32} wall {wall:7.1f} ms   cpu {cpu:7.1f} ms")
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
