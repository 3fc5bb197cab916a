#!/usr/bin/env python3
"""The fidelity pipeline of issue 16, for each database of the corpus (tests/fidelity/corpus/*.sql,
plus `django`: a real Django project's `migrate` output, made at test time):

  original db -> schemac pull -> the schema compiles (schemac sql) -> schemac generate into an
  empty directory -> schemac migrate into an empty db -> sqlite_semantics(original, migrated)
  finds 0 differences -> schemac baseline + status on a copy of the original: no drift ->
  each outside change (drop a trigger, replace a view, change a collation, drop a partial
  index's WHERE, make a deferrable key immediate) is reported as drift by status -> a schema
  edit that forces a rebuild of the table named by `-- @rebuild` (a CHECK is added): generate
  + migrate keep every row (full-text shadow tables and sqlite_sequence included), every
  trigger, view and index, and the behaviour checks of the corpus file still hold.

--target tursodb runs pull, generate and migrate against tursodb servers (the databases are
compared afterwards through SQLite on the files tursodb wrote) and says what tursodb lacks.

Prints a table: one row per database, one column per step ("ok", a count, "FAIL", "n/a" when
the database has nothing of that kind, "-" when an earlier step failed). Exits 1 when any step
failed, 0 when all passed, 77 (ctest SKIP) when a needed tool is missing.
Usage: run_corpus.py --schemac BIN [--db NAME]... [--target file|tursodb] [--keep]"""

import argparse
import os
import re
import shutil
import subprocess
import sys
import tempfile
import traceback
from pathlib import Path

import fidelity_lib as fl
import sqlite_semantics as sem
from fidelity_lib import StepFailed, log

HERE = Path(__file__).resolve().parent
CORPUS = HERE / "corpus"
COLUMNS = ["pull", "compiles", "migrate", "differences", "status", "drift", "rebuild",
           "rows kept", "behaviour"]
REBUILD_CHECK = "fidelity_rebuild"


class Result:
    def __init__(self, name):
        self.name = name
        self.cells = {c: "-" for c in COLUMNS}
        self.notes = []

    def failed(self):
        return any(v.startswith("FAIL") or v.startswith("ERR") for v in self.cells.values())


def add_rebuild_check(schema_text, table):
    """The pulled schema with `check fidelity_rebuild (1 = 1)` added to table: a change SQLite
    cannot make with ALTER TABLE, so the migration rebuilds the table."""
    name = re.escape(table)
    m = re.search(rf"^table\s+(`{name}`|{name})\b[^{{\n]*\{{", schema_text, re.M | re.I)
    if not m:
        raise StepFailed(f"the pulled schema has no `table {table}`")
    end = schema_text.index("\n}", m.end())
    return (schema_text[:end] + f"\n\n  check {REBUILD_CHECK} (1 = 1)" + schema_text[end:])


def without_rebuild_check(desc):
    for t in desc["tables"].values():
        t["checks"] = [c for c in t["checks"] if c["name"] != REBUILD_CHECK]
    return desc


class Pipeline:
    def __init__(self, args, corpus, work):
        self.args = args
        self.S = args.schemac
        self.c = corpus
        self.work = work
        self.proj = work / "proj"
        self.proj.mkdir()
        ignore = ", ".join(f'"{n}"' for n in corpus.ignore)
        (self.proj / "schemac.toml").write_text(
            f'schema = ["app.schema"]\nout = "migrations"\nignore = [{ignore}]\n')
        self.r = Result(corpus.name)

    def schemac(self, *a, expect=0, url=None):
        cmd = [self.S, *a]
        if url:
            cmd += ["--url", url]
        return fl.run(cmd, cwd=self.proj, expect=expect)

    def url(self, db):
        return f"file:{db}"

    def step(self, cell, fn):
        """Runs one step; a StepFailed marks the cell FAIL with the reason and returns False."""
        log(f"\n=== {self.c.name}: {cell}")
        try:
            value = fn()
            self.r.cells[cell] = value if isinstance(value, str) else "ok"
            return not self.r.cells[cell].startswith("FAIL")
        except StepFailed as e:
            self.r.cells[cell] = "FAIL"
            self.r.notes.append(f"{cell}: {e}")
            log(f"FAIL {cell}: {e}")
            return False

    def run(self):
        orig = self.work / "orig.db"
        self.c.build(orig)
        bad = fl.behaviour(orig, self.c)
        if bad:  # the corpus file itself is wrong: its checks must hold on the original
            self.r.cells["behaviour"] = "ERR corpus"
            self.r.notes += [f"corpus check fails on the original: {b}" for b in bad]
            return self.r
        self.orig_desc = sem.describe_file(orig, self.c.ignore)
        self.orig_rows = fl.all_rows(orig)
        if not self.step("pull", lambda: self.pull(orig)):
            return self.r
        if not self.step("compiles", lambda: self.schemac("sql", "app.schema") and None):
            return self.r
        if not self.step("migrate", self.generate_and_migrate):
            return self.r
        self.step("differences", self.differences)
        if not self.step("status", lambda: self.baseline(orig)):
            return self.r
        self.step("drift", self.drift)
        if self.c.rebuild:
            if self.step("rebuild", self.rebuild):
                self.step("rows kept", self.rows_kept)
                self.step("behaviour", self.behaviour_after_rebuild)
        else:
            self.r.cells["rebuild"] = "FAIL: no @rebuild"
        return self.r

    def pull(self, orig):
        self.schemac("pull", "-o", "app.schema", url=self.url(orig))
        text = (self.proj / "app.schema").read_text()
        log(text)

    def generate_and_migrate(self):
        self.schemac("generate", "--name", "init")
        self.fresh = self.work / "fresh.db"
        self.schemac("migrate", url=self.url(self.fresh))

    def differences(self):
        diffs = sem.differences(self.orig_desc, sem.describe_file(self.fresh, self.c.ignore))
        for d in diffs:
            log("  diff: " + d)
        self.r.notes += [f"difference: {d}" for d in diffs[:8]]
        if len(diffs) > 8:
            self.r.notes.append(f"... and {len(diffs) - 8} more differences")
        return "0" if not diffs else f"FAIL {len(diffs)}"

    def baseline(self, orig):
        self.base = fl.copy(orig, self.work / "base.db")
        self.schemac("baseline", url=self.url(self.base))
        _, out, _ = self.schemac("status", url=self.url(self.base))
        if "drift: none" not in out:
            raise StepFailed("status after baseline does not say `drift: none`")
        return "clean"

    def drift(self):
        done, applicable, missed = 0, 0, []
        for k, (label, apply) in enumerate(fl.drift_mutations(self.base)):
            if apply is None:
                log(f"drift: {label}: n/a (the database has none)")
                continue
            applicable += 1
            m = fl.copy(self.base, self.work / f"drift{k}.db")
            apply(m)
            changed = sem.differences(sem.describe_file(self.base, self.c.ignore),
                                      sem.describe_file(m, self.c.ignore))
            if not changed:
                raise StepFailed(f"the outside change `{label}` changed nothing (test bug)")
            log(f"drift: {label}: {changed[0]}")
            code, out, err = self.schemac("status", url=self.url(m), expect=None)
            if code == 1 and "drift: none" not in out:
                done += 1
            else:
                missed.append(label)
        if missed:
            self.r.notes.append("status missed: " + ", ".join(missed))
        cell = f"{done}/{applicable}"
        return cell if not missed else "FAIL " + cell

    def rebuild(self):
        schema = self.proj / "app.schema"
        schema.write_text(add_rebuild_check(schema.read_text(), self.c.rebuild))
        self.schemac("generate", "--name", "rebuild")
        up = next((self.proj / "migrations").glob("0001_*.sql"))
        sql = up.read_text()
        if "INSERT INTO" not in sql.upper() or "DROP TABLE" not in sql.upper():
            raise StepFailed(f"{up.name} does not rebuild {self.c.rebuild}")
        self.rebuilt = fl.copy(self.base, self.work / "rebuilt.db")
        self.schemac("migrate", url=self.url(self.rebuilt))
        _, out, _ = self.schemac("status", url=self.url(self.rebuilt))
        if "drift: none" not in out:
            raise StepFailed("status after the rebuild does not say `drift: none`")
        after = without_rebuild_check(sem.describe_file(self.rebuilt, self.c.ignore))
        diffs = sem.differences(self.orig_desc, after)
        for d in diffs:
            log("  rebuild diff: " + d)
        if diffs:
            self.r.notes += [f"after rebuild: {d}" for d in diffs[:8]]
            raise StepFailed(f"{len(diffs)} differences after the rebuild (besides its CHECK)")

    def rows_kept(self):
        after = fl.all_rows(self.rebuilt)
        lost = [t for t in self.orig_rows if self.orig_rows[t] != after.get(t)]
        if lost:
            raise StepFailed("rows changed in " + ", ".join(lost))
        return f"{sum(len(r) for r in self.orig_rows.values())} rows"

    def behaviour_after_rebuild(self):
        bad = fl.behaviour(self.rebuilt, self.c)
        self.r.notes += bad
        n = len(self.c.checks)
        return f"{n - len(bad)}/{n}" if not bad else f"FAIL {n - len(bad)}/{n}"


# --- Django: a real `migrate` ------------------------------------------------------------------

def django_corpus(work):
    """Runs Django's own `migrate` (Debian python3-django) for tests/fidelity/django_site and
    returns a Corpus of the database Django made; its directives are in directives.sql."""
    py = None
    for cand in (os.environ.get("DJANGO_PYTHON"), sys.executable, "/usr/bin/python3"):
        if cand and subprocess.run([cand, "-c", "import django"],
                                   capture_output=True).returncode == 0:
            py = cand
            break
    if not py:
        fl.adopt_lib.skip("no python3 with Django: install the Debian package python3-django "
                          "(scripts/setup.sh does), or set DJANGO_PYTHON")
    site = work / "django_site"
    shutil.copytree(HERE / "django_site", site)
    db = work / "django.db"
    env = {"DJANGO_DB": str(db), "PYTHONPATH": str(site),
           "DJANGO_SETTINGS_MODULE": "fidelitysite.settings"}
    fl.run([py, "-m", "django", "migrate", "--run-syncdb", "-v", "0"], cwd=site, env=env)
    fl.run([py, "seed.py"], cwd=site, env=env)
    import sqlite3
    con = sqlite3.connect(db)
    ddl = [r[0] for r in con.execute("SELECT sql FROM sqlite_schema WHERE sql IS NOT NULL")]
    con.close()
    log("Django's DDL:\n" + ";\n".join(ddl))
    return fl.Corpus(site / "directives.sql", db_file=db, name="django")


# --- the table ------------------------------------------------------------------------------------

def print_table(results, target):
    log(f"\nfidelity results (target {target}):")
    width = [max(len("database"), *(len(r.name) for r in results))]
    width += [max(len(c), *(len(r.cells[c]) for r in results)) for c in COLUMNS]
    head = ["database"] + COLUMNS
    line = lambda cells: "| " + " | ".join(x.ljust(w) for x, w in zip(cells, width)) + " |"
    log(line(head))
    log("|" + "|".join("-" * (w + 2) for w in width) + "|")
    for r in results:
        log(line([r.name] + [r.cells[c] for c in COLUMNS]))
    for r in results:
        for n in r.notes:
            log(f"  {r.name}: {n}")


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--schemac", required=True)
    ap.add_argument("--db", action="append", default=[],
                    help="a corpus name (file stem) or `django`; default: all")
    ap.add_argument("--target", choices=["file", "tursodb"], default="file")
    ap.add_argument("--source-dir", default=str(HERE.parent.parent))
    ap.add_argument("--build-dir", default=None)
    ap.add_argument("--keep", action="store_true")
    args = ap.parse_args()
    args.schemac = str(Path(args.schemac).resolve())
    names = args.db or sorted(p.stem for p in CORPUS.glob("*.sql")) + ["django"]
    root = Path(tempfile.mkdtemp(prefix="schemac-fidelity-"))
    results = []
    try:
        for name in names:
            work = root / name
            work.mkdir()
            try:
                corpus = django_corpus(work) if name == "django" else \
                    fl.Corpus(CORPUS / f"{name}.sql")
                if args.target == "tursodb":
                    import turso_pipeline
                    pipe = turso_pipeline.TursoPipeline(args, corpus, work)
                else:
                    pipe = Pipeline(args, corpus, work)
                results.append(pipe.run())
            except StepFailed as e:
                r = Result(name)
                r.cells["pull"] = "ERR"
                r.notes.append(str(e))
                results.append(r)
            except Exception:  # a bug of the harness: visible, never a pass
                r = Result(name)
                r.cells["pull"] = "ERR harness"
                log(traceback.format_exc())
                r.notes.append("harness error: " + traceback.format_exc().strip().splitlines()[-1])
                results.append(r)
    finally:
        if args.keep:
            log(f"kept {root}")
        else:
            shutil.rmtree(root, ignore_errors=True)
    print_table(results, args.target)
    failed = [r.name for r in results if r.failed()]
    if failed:
        log(f"FAIL: {', '.join(failed)}")
        sys.exit(1)
    log("PASS")


if __name__ == "__main__":
    main()
