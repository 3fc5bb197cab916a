#!/usr/bin/env python3
"""Times whole `schemac` processes on generated schemas and reports peak memory.

For each size, each command is run RUNS times:
  sql          compile + SQLite lowering, printed to /dev/null;
  generate     the first migration, into an empty directory;
  check        the schema against that directory (every file hashed and checked);
  incremental  `generate` of one more column (verification on) into a copy of a directory with
               three migrations of history (incremental_bench.py's set-up).
The table shows the median wall time, the median CPU time (user + sys, from wait4; steadier
than wall time on a busy machine) and the largest peak RSS of the runs.
With --baseline OLD, OLD runs the same commands, interleaved run by run with SCHEMAC so that
both see the same machine load, and the table shows both and the ratio of their CPU times.
Usage: bench.py SCHEMAC [--baseline OLD] [--sizes 10,100,1000,5000] [--runs 5]
                [--commands sql,generate,check,incremental]
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
from incremental_bench import add_column  # noqa: E402

COMMANDS = ("sql", "generate", "check", "incremental")


def run_once(argv, cwd, env=None):
    """(wall seconds, CPU seconds, peak RSS in KiB) of one process; fails loudly on an error."""
    start = time.perf_counter()
    proc = subprocess.Popen(argv, cwd=cwd, env=env, stdout=subprocess.DEVNULL,
                            stderr=subprocess.PIPE)
    err = proc.stderr.read().decode(errors="replace")
    _, status, usage = os.wait4(proc.pid, 0)
    elapsed = time.perf_counter() - start
    proc.stderr.close()
    code = os.waitstatus_to_exitcode(status)
    proc.returncode = code
    if code != 0:
        sys.exit(f"bench: {' '.join(argv)} exited {code}:\n{err}")
    return elapsed, usage.ru_utime + usage.ru_stime, usage.ru_maxrss


def history(schemac, work, n, env):
    """A directory with three migrations of an n-table schema, and next.schema (one more
    column); the set-up of incremental_bench.py. Not timed."""
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
    return base


def bench_size(binaries, n, runs, commands, root):
    """{(label, command): [(wall, cpu, rss), ...]} for one schema size."""
    env = dict(os.environ, SOURCE_DATE_EPOCH="1700000000")
    results = {}
    work = os.path.join(root, f"n{n}")
    os.makedirs(work)
    path = os.path.join(work, "t.schema")
    with open(path, "w") as f:
        f.write(schema(n))
    prepared = {}
    for label, exe in binaries:
        d = os.path.join(work, label)
        os.makedirs(d)
        # `check` needs a directory that binary generated (its format, its sum).
        subprocess.run([exe, "generate", path, "--out", "checked"], cwd=d, env=env, check=True,
                       stdout=subprocess.DEVNULL)
        prepared[label] = (d, history(exe, d, n, env) if "incremental" in commands else None)
    for _ in range(runs):
        for label, exe in binaries:  # interleaved: both binaries see the same load
            d, base = prepared[label]
            for cmd in commands:
                if cmd == "sql":
                    r = run_once([exe, "sql", path], d, env)
                elif cmd == "generate":
                    shutil.rmtree(os.path.join(d, "fresh"), ignore_errors=True)
                    r = run_once([exe, "generate", path, "--out", "fresh"], d, env)
                elif cmd == "check":
                    r = run_once([exe, "check", path, "--out", "checked"], d, env)
                else:
                    copy = os.path.join(d, "copy")
                    shutil.rmtree(copy, ignore_errors=True)
                    shutil.copytree(base, copy)
                    r = run_once([exe, "generate", "next.schema", "--out", "mig"], copy, env)
                results.setdefault((label, cmd), []).append(r)
    return results


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("schemac")
    ap.add_argument("--baseline", help="an older schemac binary to compare against")
    ap.add_argument("--sizes", default="10,100,1000,5000")
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--commands", default=",".join(COMMANDS))
    args = ap.parse_args()
    binaries = [("new", os.path.abspath(args.schemac))]
    if args.baseline:
        binaries.insert(0, ("baseline", os.path.abspath(args.baseline)))
    sizes = [int(s) for s in args.sizes.split(",")]
    commands = [c for c in args.commands.split(",") if c]
    for c in commands:
        if c not in COMMANDS:
            sys.exit(f"bench: unknown command {c} (one of {', '.join(COMMANDS)})")

    root = tempfile.mkdtemp(prefix="schemac-bench-")
    try:
        rows = []
        for n in sizes:
            res = bench_size(binaries, n, args.runs, commands, root)
            for cmd in commands:
                cells = []
                for label, _ in binaries:
                    rs = res[(label, cmd)]
                    cells.append((statistics.median(r[0] for r in rs),
                                  statistics.median(r[1] for r in rs), max(r[2] for r in rs)))
                rows.append((n, cmd, cells))

        print(f"schemac bench: median of {args.runs} runs, whole process; cpu = user + sys; "
              f"peak RSS = max of runs")
        head = f"{'tables':>7} {'command':<12}"
        for label, _ in binaries:
            head += f" | {label + ' ms':>12} {'cpu ms':>8} {'MiB':>6}"
        if len(binaries) == 2:
            head += f" | {'cpu ratio':>9}"
        print(head)
        for n, cmd, cells in rows:
            line = f"{n:>7} {cmd:<12}"
            for wall, cpu, rss in cells:
                line += f" | {wall * 1000:>12.1f} {cpu * 1000:>8.1f} {rss / 1024:>6.1f}"
            if len(cells) == 2:
                ratio = cells[0][1] / cells[1][1] if cells[1][1] > 0 else float("inf")
                line += f" | {ratio:>8.1f}x"
            print(line)
    finally:
        shutil.rmtree(root, ignore_errors=True)


if __name__ == "__main__":
    main()
