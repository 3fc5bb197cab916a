#!/usr/bin/env python3
"""Times whole `schemac` processes on generated schemas and reports peak memory.

For each size: `schemac sql` (compile + SQLite lowering) and `schemac generate` of a first
migration into an empty directory. Each is run RUNS times; the table shows the median wall
time and the largest peak RSS (from wait4's rusage, per process).
Usage: bench.py SCHEMAC [--sizes 10,100,1000,5000] [--runs 5]
"""
import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from gen_schema import schema  # noqa: E402


def run_once(argv, cwd):
    """Returns (seconds, peak RSS in KiB) of one process; fails loudly on a non-zero exit."""
    start = time.perf_counter()
    proc = subprocess.Popen(argv, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(proc.pid, 0)
    elapsed = time.perf_counter() - start
    proc.returncode = os.waitstatus_to_exitcode(status)
    err = proc.stderr.read().decode(errors="replace")
    proc.stderr.close()
    if proc.returncode != 0:
        sys.exit(f"bench: {' '.join(argv)} exited {proc.returncode}:\n{err}")
    return elapsed, usage.ru_maxrss


def measure(argv, cwd, runs, before=None):
    times, rss = [], []
    for _ in range(runs):
        if before:
            before()
        t, m = run_once(argv, cwd)
        times.append(t)
        rss.append(m)
    return statistics.median(times), max(rss)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("schemac")
    ap.add_argument("--sizes", default="10,100,1000,5000")
    ap.add_argument("--runs", type=int, default=5)
    args = ap.parse_args()
    schemac = os.path.abspath(args.schemac)
    sizes = [int(s) for s in args.sizes.split(",")]

    work = tempfile.mkdtemp(prefix="schemac-bench-")
    try:
        rows = []
        for n in sizes:
            path = os.path.join(work, f"t{n}.schema")
            with open(path, "w") as f:
                f.write(schema(n))
            out = os.path.join(work, f"m{n}")

            def clean():
                shutil.rmtree(out, ignore_errors=True)

            sql_t, sql_m = measure([schemac, "sql", path], work, args.runs)
            gen_t, gen_m = measure([schemac, "generate", path, "--out", out], work, args.runs, clean)
            rows.append((n, os.path.getsize(path), sql_t, sql_m, gen_t, gen_m))

        print(f"schemac bench: median of {args.runs} runs, whole process, peak RSS (max of runs)")
        print(f"{'tables':>7} {'schema KiB':>10} | {'sql ms':>8} {'sql MiB':>8} | "
              f"{'generate ms':>11} {'generate MiB':>12}")
        for n, size, st, sm, gt, gm in rows:
            print(f"{n:>7} {size / 1024:>10.0f} | {st * 1000:>8.1f} {sm / 1024:>8.1f} | "
                  f"{gt * 1000:>11.1f} {gm / 1024:>12.1f}")
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
