#!/usr/bin/env python3
"""Runtime speed figures (issue 5):
  - `schemac migrate` applying N small migrations to an empty file database (target < 5 s for 500)
  - `schemac status` on a database with T tables (target < 300 ms for 1,000)

Usage: bench_runtime.py SCHEMAC [--migrations N] [--tables T] [--enforce]
Without --enforce the figures are printed only (shared CI machines are too noisy for limits).
Migration directories are written by hand following docs/migrations-format.md."""
import argparse, hashlib, json, os, shutil, sqlite3, subprocess, sys, tempfile, time


def write_migrations(root, statements):
    """statements: list of (name, up_sql, down_sql)."""
    os.makedirs(os.path.join(root, "meta"), exist_ok=True)
    entries = []
    for idx, (name, up, down) in enumerate(statements):
        tag = "%04d_%s" % (idx, name)
        up_text = "-- schemac migration %s (up)\n%s\n" % (tag, up)
        down_text = "-- schemac migration %s (down)\n%s\n" % (tag, down)
        with open(os.path.join(root, tag + ".sql"), "w") as f:
            f.write(up_text)
        with open(os.path.join(root, tag + ".down.sql"), "w") as f:
            f.write(down_text)
        entries.append({
            "breakpoints": True,
            "checksum": hashlib.sha256(up_text.encode()).hexdigest(),
            "created": 1700000000000,
            "dataLoss": False,
            "downChecksum": hashlib.sha256(down_text.encode()).hexdigest(),
            "fingerprint": "",
            "idx": idx,
            "rebuildsTables": False,
            "snapshot": "",
            "tag": tag,
        })
    with open(os.path.join(root, "meta", "_journal.json"), "w") as f:
        json.dump({"dialect": "sqlite", "entries": entries, "version": 1}, f, indent=2,
                  sort_keys=True)
        f.write("\n")


def timed(cmd, cwd):
    env = dict(os.environ)
    env.pop("DATABASE_URL", None)
    start = time.perf_counter()
    proc = subprocess.run(cmd, cwd=cwd, env=env, capture_output=True, text=True)
    elapsed = time.perf_counter() - start
    return proc, elapsed


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("schemac")
    ap.add_argument("--migrations", type=int, default=500)
    ap.add_argument("--tables", type=int, default=1000)
    ap.add_argument("--enforce", action="store_true")
    ap.add_argument("--dir", help="work directory (default: a temp dir on the same disk as cwd)")
    args = ap.parse_args()
    args.schemac = os.path.abspath(args.schemac)
    work = args.dir or tempfile.mkdtemp(prefix="schemac-bench-", dir=os.getcwd())
    os.makedirs(work, exist_ok=True)
    failures = []
    try:
        # 1. N small migrations (each creates a table with an index) to an empty file database.
        mdir = os.path.join(work, "m500")
        stmts = []
        for i in range(args.migrations):
            up = ('CREATE TABLE "t%d" ("id" INTEGER PRIMARY KEY, "name" TEXT NOT NULL);\n'
                  '--> statement-breakpoint\n'
                  'CREATE INDEX "t%d_name" ON "t%d" ("name");' % (i, i, i))
            stmts.append(("create_t%d" % i, up, 'DROP TABLE "t%d";' % i))
        write_migrations(mdir, stmts)
        db = os.path.join(work, "m500.db")
        proc, elapsed = timed([args.schemac, "migrate", "--out", mdir, "--url", "file:" + db], work)
        if proc.returncode != 0:
            print(proc.stderr, file=sys.stderr)
            return 1
        count = sqlite3.connect(db).execute("SELECT count(*) FROM __schemac_migrations").fetchone()[0]
        assert count == args.migrations, count
        print("migrate: %d migrations to an empty file database: %.2f s" % (args.migrations, elapsed))
        if args.enforce and args.migrations >= 500 and elapsed >= 5.0:
            failures.append("migrate took %.2f s (limit 5 s)" % elapsed)

        # 2. status on a database with T tables, all migrations applied.
        if "status" in subprocess.run([args.schemac, "--help"], capture_output=True,
                                      text=True).stdout:
            sdir = os.path.join(work, "status")
            n = args.tables
            # One migration creating every table (a realistic 1,000-table schema has indexes
            # and foreign keys too).
            parts = []
            for i in range(n):
                ref = ', "parent_id" INTEGER REFERENCES "s%d" ("id")' % (i - 1) if i else ""
                parts.append('CREATE TABLE "s%d" ("id" INTEGER PRIMARY KEY, "name" TEXT NOT NULL, '
                             '"n" INTEGER DEFAULT 0%s);' % (i, ref))
                parts.append('CREATE INDEX "s%d_name" ON "s%d" ("name");' % (i, i))
            write_migrations(sdir, [("init", "\n--> statement-breakpoint\n".join(parts), "")])
            sdb = os.path.join(work, "status.db")
            proc, _ = timed([args.schemac, "migrate", "--out", sdir, "--url", "file:" + sdb], work)
            if proc.returncode != 0:
                print(proc.stderr, file=sys.stderr)
                return 1
            best = None
            for _ in range(5):
                proc, elapsed = timed([args.schemac, "status", "--out", sdir, "--url",
                                       "file:" + sdb], work)
                if proc.returncode not in (0, 1):
                    print(proc.stderr, file=sys.stderr)
                    return 1
                best = elapsed if best is None else min(best, elapsed)
            print("status: %d-table database: %.0f ms (best of 5)" % (n, best * 1000))
            if args.enforce and n >= 1000 and best >= 0.3:
                failures.append("status took %.0f ms (limit 300 ms)" % (best * 1000))
    finally:
        if not args.dir:
            shutil.rmtree(work, ignore_errors=True)
    for f in failures:
        print("FAIL: " + f, file=sys.stderr)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
