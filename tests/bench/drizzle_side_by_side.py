#!/usr/bin/env python3
"""schemac and drizzle-kit side by side on the same generated schemas (issue 20's comparison).

The schema is gen_schema.py's: N tables of 10 columns, a self/parent foreign key, two CHECKs,
a UNIQUE and a partial index each. drizzle_schema() writes the same tables as Drizzle's
schema.ts (sqlite-core), as close as Drizzle can say them: decimal becomes numeric, the enum a
text column with `enum`, timestamps integer `timestamp_ms`, booleans integer `boolean`.
For each size, RUNS times each, interleaved:
  generate     the first migration into an empty directory (schemac generate / drizzle-kit generate);
  incremental  one more column into a copy of a directory holding three migrations
               (schemac: verification on);
  check        schemac check / drizzle-kit check of that directory.
Both tools' generated SQL is applied to an empty SQLite file once per size as a sanity check
(the table count must be N). Prints median wall ms and median CPU ms (user + sys of the whole
process tree, from wait4) and the wall ratio.
drizzle-kit comes from BUILD_DIR/npm-drizzle (scripts/install-drizzle.sh installs it).
Usage: drizzle_side_by_side.py SCHEMAC [--drizzle build/default/npm-drizzle] [--sizes 100,1000] [--runs 3]
"""
import argparse
import os
import shutil
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from gen_schema import schema  # noqa: E402
from incremental_bench import add_column  # noqa: E402

DRIZZLE_HEAD = """import { sql } from "drizzle-orm";
import { sqliteTable, integer, text, numeric, index, uniqueIndex, check,
         type AnySQLiteColumn } from "drizzle-orm/sqlite-core";
"""


def drizzle_table(i, extra_columns):
    parent = (i - 1) // 2 if i > 0 else 0
    ref = f"(): AnySQLiteColumn => t{parent}.id"
    extra = "".join(f"  {c}: integer(\"{c}\"),\n" for c in extra_columns)
    return f"""export const t{i} = sqliteTable("t{i}", {{
{extra}  id: integer("id").primaryKey({{ autoIncrement: true }}),
  parent_id: integer("parent_id").references({ref}, {{ onDelete: "set null" }}),
  code: text("code", {{ length: 32 }}).notNull(),
  name: text("name").notNull(),
  amount: numeric("amount").notNull().default("0.00"),
  quantity: integer("quantity").notNull().default(1),
  status: text("status", {{ enum: ["active", "archived", "deleted"] }}).notNull().default("active"),
  active: integer("active", {{ mode: "boolean" }}).notNull().default(true),
  payload: text("payload", {{ mode: "json" }}),
  created_at: integer("created_at", {{ mode: "timestamp_ms" }}).notNull().default(sql`(unixepoch() * 1000)`),
}}, (t) => [
  uniqueIndex("t{i}_code_unique").on(t.code),
  index("t{i}_by_parent").on(t.parent_id, sql`${{t.created_at}} desc`).where(sql`${{t.active}} = 1`),
  check("t{i}_name_check", sql`length(${{t.name}}) > 0`),
  check("t{i}_amount_check", sql`${{t.amount}} >= 0`),
]);
"""


def drizzle_schema(n, extra=None):
    """schema.ts text; extra maps a table index to the columns added to it."""
    extra = extra or {}
    return DRIZZLE_HEAD + "\n".join(drizzle_table(i, extra.get(i, [])) for i in range(n))


CONFIG = """import { defineConfig } from "drizzle-kit";
export default defineConfig({ dialect: "sqlite", schema: "./schema.ts", out: "./drizzle" });
"""


def run(argv, cwd, env=None):
    start = time.perf_counter()
    proc = subprocess.Popen(argv, cwd=cwd, env=env, stdin=subprocess.DEVNULL,
                            stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    out = proc.stdout.read().decode(errors="replace")
    _, status, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - start
    proc.stdout.close()
    # drizzle-kit exits 0 after some errors: a stack trace in its output is a failure too.
    if os.waitstatus_to_exitcode(status) != 0 or "Error" in out:
        sys.exit(f"bench: {' '.join(argv)} (in {cwd}) failed:\n{out[-2000:]}")
    # wait4's rusage covers the process and the children it waited for (node's workers).
    return wall, usage.ru_utime + usage.ru_stime


def apply_sql_files(directory, pattern_ok):
    """Applies the migration SQL files (sorted) to a new in-memory database; returns table count."""
    db = sqlite3.connect(":memory:")
    for root, _, files in sorted(os.walk(directory)):
        for name in sorted(files):
            if name.endswith(".sql") and pattern_ok(name):
                with open(os.path.join(root, name)) as f:
                    text = f.read().replace("--> statement-breakpoint", "")
                db.executescript(text)
    (count,) = db.execute(
        "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name GLOB 't[0-9]*'").fetchone()
    return count


def prepare(work, n, schemac, drizzle_kit, env):
    """Directories for both tools: empty ones for `generate`, three-migration ones for the rest."""
    s_base = os.path.join(work, "schemac")
    d_base = os.path.join(work, "drizzle")
    for d in (s_base, d_base):
        os.makedirs(d)
    text = schema(n)
    extra = {}
    for step, table in enumerate([None, 5, n // 100]):
        if table is not None:
            text = add_column(text, f"t{table}", f"extra{step}")
            extra.setdefault(table, []).append(f"extra{step}")
        with open(os.path.join(s_base, "s.schema"), "w") as f:
            f.write(text)
        with open(os.path.join(d_base, "schema.ts"), "w") as f:
            f.write(drizzle_schema(n, extra))
        with open(os.path.join(d_base, "drizzle.config.ts"), "w") as f:
            f.write(CONFIG)
        run([schemac, "generate", "s.schema", "--out", "mig"], s_base, env)
        run(drizzle_kit + ["generate"], d_base, env)
    nxt = n // 2
    with open(os.path.join(s_base, "next.schema"), "w") as f:
        f.write(add_column(text, f"t{nxt}", "extra_next"))
    extra.setdefault(nxt, []).append("extra_next")
    with open(os.path.join(d_base, "next.ts"), "w") as f:
        f.write(drizzle_schema(n, extra))
    with open(os.path.join(work, "first.schema"), "w") as f:
        f.write(schema(n))
    with open(os.path.join(work, "first.ts"), "w") as f:
        f.write(drizzle_schema(n))
    s_tables = apply_sql_files(os.path.join(s_base, "mig"), lambda name: not name.endswith(".down.sql"))
    d_tables = apply_sql_files(os.path.join(d_base, "drizzle"), lambda name: True)
    if s_tables != n or d_tables != n:
        sys.exit(f"bench: applied SQL has {s_tables} (schemac) / {d_tables} (drizzle-kit) tables, want {n}")
    return s_base, d_base


def bench_size(n, runs, schemac, drizzle_kit, root, env):
    work = os.path.join(root, f"n{n}")
    os.makedirs(work)
    s_base, d_base = prepare(work, n, schemac, drizzle_kit, env)
    times = {}

    def timed(key, argv, cwd):
        times.setdefault(key, []).append(run(argv, cwd, env))

    for r in range(runs):
        # generate from scratch
        s = os.path.join(work, f"sg{r}")
        os.makedirs(s)
        shutil.copy(os.path.join(work, "first.schema"), os.path.join(s, "s.schema"))
        timed(("schemac", "generate"), [schemac, "generate", "s.schema", "--out", "mig"], s)
        d = os.path.join(work, f"dg{r}")
        os.makedirs(d)
        shutil.copy(os.path.join(work, "first.ts"), os.path.join(d, "schema.ts"))
        shutil.copy(os.path.join(d_base, "drizzle.config.ts"), d)
        timed(("drizzle-kit", "generate"), drizzle_kit + ["generate"], d)
        # incremental: one more column into a copy of the three-migration directory
        s = os.path.join(work, f"si{r}")
        shutil.copytree(s_base, s)
        shutil.copy(os.path.join(s, "next.schema"), os.path.join(s, "s.schema"))
        timed(("schemac", "incremental"), [schemac, "generate", "s.schema", "--out", "mig"], s)
        d = os.path.join(work, f"di{r}")
        shutil.copytree(d_base, d)
        shutil.copy(os.path.join(d, "next.ts"), os.path.join(d, "schema.ts"))
        timed(("drizzle-kit", "incremental"), drizzle_kit + ["generate"], d)
        # check of the three-migration directory
        timed(("schemac", "check"), [schemac, "check", "s.schema", "--out", "mig"], s_base)
        timed(("drizzle-kit", "check"), drizzle_kit + ["check"], d_base)
        for path in (os.path.join(work, f"sg{r}"), os.path.join(work, f"dg{r}"),
                     os.path.join(work, f"si{r}"), os.path.join(work, f"di{r}")):
            shutil.rmtree(path)
    return times


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("schemac")
    ap.add_argument("--drizzle", default="build/default/npm-drizzle",
                    help="directory with node_modules/drizzle-kit (scripts/install-drizzle.sh)")
    ap.add_argument("--sizes", default="100,1000")
    ap.add_argument("--runs", type=int, default=3)
    args = ap.parse_args()
    schemac = os.path.abspath(args.schemac)
    bin_cjs = os.path.abspath(os.path.join(args.drizzle, "node_modules", "drizzle-kit", "bin.cjs"))
    if not os.path.exists(bin_cjs):
        sys.exit(f"bench: {bin_cjs} not found: run scripts/install-drizzle.sh first")
    drizzle_kit = ["node", bin_cjs]
    env = dict(os.environ, SOURCE_DATE_EPOCH="1700000000", NODE_PATH=os.path.dirname(bin_cjs) + "/..")
    version = subprocess.run(drizzle_kit + ["--version"], capture_output=True, text=True).stdout.split()
    print(f"schemac vs drizzle-kit ({' '.join(version[:4])}): median of {args.runs} runs, whole process")
    print(f"{'tables':>7} {'command':12} | {'schemac ms':>10} {'cpu':>7} | {'drizzle ms':>10} {'cpu':>7} | {'wall ratio':>10}")
    root = tempfile.mkdtemp(prefix="schemac-vs-drizzle-")
    try:
        for n in (int(s) for s in args.sizes.split(",")):
            times = bench_size(n, args.runs, schemac, drizzle_kit, root, env)
            for cmd in ("generate", "incremental", "check"):
                sw = statistics.median(t[0] for t in times[("schemac", cmd)]) * 1000
                sc = statistics.median(t[1] for t in times[("schemac", cmd)]) * 1000
                dw = statistics.median(t[0] for t in times[("drizzle-kit", cmd)]) * 1000
                dc = statistics.median(t[1] for t in times[("drizzle-kit", cmd)]) * 1000
                print(f"{n:>7} {cmd:12} | {sw:>10.1f} {sc:>7.1f} | {dw:>10.1f} {dc:>7.1f} | {dw / sw:>9.1f}x",
                      flush=True)
    finally:
        shutil.rmtree(root, ignore_errors=True)


if __name__ == "__main__":
    main()
