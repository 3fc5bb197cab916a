#!/usr/bin/env python3
"""Property test of issue 16: for random schemas that use every construct SQLite databases hold
(seeded, so a failure is reproducible with --seed and --case):

  schemac sql S1 -> SQL1 -> a database D1 -> schemac pull D1 -> S2 -> schemac sql S2 -> SQL2

must give SQL2 == SQL1 (a fixed point), and sqlite_semantics must find 0 differences between D1
and the database D2 that SQL2 makes.

Constructs drawn: table options (without rowid, strict), column types with and without sqltype,
nullability, collations, defaults, unique (index and inline constraint), checks (named,
unnamed), foreign keys (actions, deferrable initially deferred/immediate, unnamed), composite
and named primary keys, nullable legacy keys, indexes on expressions with collate/desc and
WHERE, views (also on views), triggers (before/after/instead of, update of, when), virtual
tables. `--base` draws only what the language had before issue 16 (a check of the harness).

Usage: property_test.py --schemac BIN [--cases N] [--seed S] [--case K] [--base] [--keep]"""

import argparse
import difflib
import random
import shutil
import sqlite3
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import sqlite_semantics as sem

TIME_BUDGET = 30  # seconds: the label must stay small on 2 cores

STRICT_TYPES = ["int", "text", "real", "blob"]
TYPES = ["int", "text", "real", "bool", "decimal(10, 2)", "varchar(40)", "blob", "timestamp",
         "timestamp(text)", "date"]
# A declared type that differs from schemac's own spelling of the inferred type only in case
# (`varchar(30)` vs VARCHAR(30)) is not kept as a sqltype (SQLite ignores the case of type names;
# keeping it would put `int sqltype "integer"` on every Drizzle column; docs/sqlite-lowering.md),
# so the drawn sqltypes are spelled as pull writes them back.
SQLTYPES = {"text": ["NVARCHAR(120)", "VARCHAR(30)", "CHAR(8)"], "decimal(10, 2)": ["NUMERIC(10,2)"],
            "bool": ["bool"], "timestamp(text)": ["datetime"], "int": ["bigint"], "real": ["float"]}
COLLATIONS = ["nocase", "rtrim", "binary"]
ACTIONS = ["cascade", "set null", "restrict", "no action"]


class Gen:
    def __init__(self, rnd, base):
        self.r = rnd
        self.base = base
        # What the database made from the schema must hold, checked on its description (so
        # that a construct the lowering drops silently cannot pass as a fixed point).
        self.expect = []

    def want(self, what, fn):
        self.expect.append((what, fn))

    def maybe(self, p):
        return self.r.random() < p

    def schema(self):
        r = self.r
        n_tables = r.randint(1, 4)
        tables, lines = [], []
        for ti in range(n_tables):
            t = self.table(ti, tables)
            tables.append(t)
            lines.append(t["text"])
        if not self.base:
            lines += self.views_triggers_virtual(tables)
        return "\n".join(lines) + "\n"

    def table(self, ti, earlier):
        r, name = self.r, f"t{ti}"
        strict = not self.base and self.maybe(0.2)
        composite = self.maybe(0.3)
        without_rowid = not self.base and composite and self.maybe(0.5)
        legacy = not self.base and not composite and not strict and self.maybe(0.15)
        cols, items = [], []
        text_cols, int_cols = [], []
        # The key.
        if composite:
            cols.append("  k1 int")
            cols.append("  k2 text" + (f" collate {r.choice(COLLATIONS)}" if not self.base and
                                      self.maybe(0.3) else ""))
            pk_name = f" pk_{name}" if not self.base and self.maybe(0.4) else ""
            items.append(f"  primary{pk_name} (k1, k2)")
            if pk_name:
                self.want(f"table {name}: primary key name pk_{name}",
                          lambda d, n=name: d["tables"][n]["primary key name"] == f"pk_{n}")
            int_cols.append("k1")
            text_cols.append("k2")
            key = "k1"
        elif legacy:
            cols.append("  id text? primary nullable_legacy")
            text_cols.append("id")
            key = "id"
        else:
            auto = " autoincrement" if self.maybe(0.4) else ""
            cols.append(f"  id int primary{auto}")
            int_cols.append("id")
            key = "id"
        for ci in range(r.randint(1, 5)):
            cname = f"c{ci}"
            typ = r.choice(STRICT_TYPES if strict else TYPES if not self.base else
                           [t for t in TYPES if t != "timestamp(text)"])
            nullable = self.maybe(0.4)
            mods = []
            if typ in SQLTYPES and not strict and self.maybe(0.3):
                st = r.choice(SQLTYPES[typ])
                mods.append(f'sqltype "{st}"')
            if typ in ("text", "varchar(40)") and not self.base and self.maybe(0.35):
                coll = r.choice(COLLATIONS)
                mods.append(f"collate {coll}")
                self.want(f"table {name}: column {cname} collate {coll}",
                          lambda d, n=name, c=cname, x=coll.upper(): next(
                              col for col in d["tables"][n]["columns"]
                              if col["name"] == c)["collation"] == x)
            if typ == "int" and not nullable and self.maybe(0.3):
                mods.append(f"default {r.randint(-5, 99)}")
            if typ == "text" and self.maybe(0.2):
                mods.append("default 'x'")
            if typ in ("int", "text") and self.maybe(0.2):
                mods.append("unique constraint" if not self.base and self.maybe(0.5) else "unique")
            if typ == "int" and self.maybe(0.2):
                mods.append(f"check ({cname} >= 0)")
            if earlier and typ == "int" and self.maybe(0.35):
                parent = r.choice(earlier)
                if parent["single_int_key"]:
                    ref = f"references {parent['name']}(id)"
                    if self.maybe(0.5):
                        ref += f" on delete {r.choice(ACTIONS if nullable else ['cascade', 'restrict', 'no action'])}"
                    if not self.base and self.maybe(0.5):
                        init = r.choice(["", " initially deferred", " initially immediate"])
                        ref += " deferrable" + init
                        state = "deferrable initially " + ("deferred" if "deferred" in init
                                                           else "immediate")
                        self.want(f"table {name}: {cname} references ... {state}",
                                  lambda d, n=name, c=cname, x=state: any(
                                      f["from"] == [c] and f["deferral"] == x
                                      for f in d["tables"][n]["foreign keys"]))
                    mods.append(ref)
            cols.append(f"  {cname} {typ}{'?' if nullable else ''} {' '.join(mods)}".rstrip())
            if typ in ("text", "varchar(40)"):
                text_cols.append(cname)
            if typ == "int":
                int_cols.append(cname)
        # Table items.
        if len(int_cols) >= 2 and self.maybe(0.3):
            kw = "unique constraint" if not self.base and self.maybe(0.5) else "unique"
            nm = f" {name}_pair_uq" if self.maybe(0.5) else ""
            items.append(f"  {kw}{nm} ({int_cols[0]}, {int_cols[1]})")
        if int_cols and self.maybe(0.4):
            c = r.choice(int_cols)
            nm = r.choice([f" {name}_ck", " unnamed"] if not self.base else [f" {name}_ck", ""])
            items.append(f"  check{nm} ({c} < 1000000)")
        if text_cols and self.maybe(0.6):
            c = r.choice(text_cols)
            parts = []
            if not self.base and self.maybe(0.5):
                parts.append(f"lower({c})")
            else:
                parts.append(c + (f" collate {r.choice(COLLATIONS)}" if not self.base and
                                  self.maybe(0.3) else ""))
            if int_cols and self.maybe(0.5):
                parts.append(f"{r.choice(int_cols)} desc")
            where = f" where {c} is not null" if self.maybe(0.4) else ""
            items.append(f"  index {name}_ix ({', '.join(parts)}){where}")
            self.want(f"index {name}_ix ({', '.join(parts)}){where}",
                      lambda d, n=f"{name}_ix", e=parts[0].startswith("lower"), w=bool(where):
                      n in d["indexes"] and d["indexes"][n]["parts"][0]["part"].startswith("expr")
                      == e and bool(d["indexes"][n]["where"]) == w)
        if earlier and not self.base and self.maybe(0.3):
            parent = r.choice(earlier)
            if parent["single_int_key"] and int_cols:
                nm = r.choice([" unnamed", f" {name}_fk"])
                items.append(f"  foreign{nm} ({int_cols[-1]}) references {parent['name']}(id)"
                             f" deferrable initially deferred")
        opts = (" without rowid" if without_rowid else "") + (" strict" if strict else "")
        self.want(f"table {name}: without rowid {without_rowid}, strict {strict}",
                  lambda d, n=name, w=without_rowid, st=strict:
                  d["tables"][n]["without rowid"] == w and d["tables"][n]["strict"] == st)
        body = "\n".join(cols) + ("\n\n" + "\n".join(items) if items else "")
        return {"name": name, "text": f"table {name}{opts} {{\n{body}\n}}\n",
                "single_int_key": not composite and not legacy, "text_cols": text_cols,
                "int_cols": int_cols, "key": key, "without_rowid": without_rowid}

    def views_triggers_virtual(self, tables):
        out = self._views_triggers_virtual(tables)
        for line in out:
            kind, name = line.split()[0], line.split()[1]
            if kind == "virtual":
                kind, name = "virtual tables", line.split()[2]
            else:
                kind += "s"
            self.want(f"{kind[:-1]} {name}", lambda d, k=kind, n=name: n in d[k])
        return out

    def _views_triggers_virtual(self, tables):
        r, out = self.r, []
        t = r.choice(tables)
        cols = [t["key"]] + t["text_cols"][:2]
        cols = list(dict.fromkeys(cols))
        if self.maybe(0.7):
            out.append(f'view v_{t["name"]} as sql"SELECT {", ".join(cols)} FROM {t["name"]}'
                       f' WHERE {cols[0]} IS NOT NULL"')
            if self.maybe(0.5):
                out.append(f'view vv_{t["name"]} as sql"SELECT * FROM v_{t["name"]}"')
            if len(cols) > 1 and self.maybe(0.5) and not t["without_rowid"]:
                c = cols[-1]
                out.append(f'trigger v_{t["name"]}_ins instead of insert on v_{t["name"]} '
                           f'sql"BEGIN INSERT INTO {t["name"]}({c}) VALUES (NEW.{c}); END"')
        for k, tt in enumerate(tables):
            if not self.maybe(0.5):
                continue
            timing = r.choice(["before", "after"])
            event = r.choice(["insert", "update", "delete"])
            row = "OLD" if event == "delete" else "NEW"
            of = ""
            if event == "update" and tt["text_cols"] and self.maybe(0.5):
                of = " of " + ", ".join(tt["text_cols"][:2])
            each = " for each row" if self.maybe(0.5) else ""
            when = f' when sql"{row}.{tt["key"]} IS NOT NULL"' if self.maybe(0.5) else ""
            out.append(f'trigger {tt["name"]}_tr{k} {timing} {event}{of} on {tt["name"]}{each}'
                       f'{when} sql"BEGIN SELECT {row}.{tt["key"]}; END"')
        if self.maybe(0.4):
            args = r.choice(["title, body", "title, body, tokenize = 'porter'"])
            out.append(f'virtual table docs_fts using fts5 sql"{args}"')
        return [x + "\n" for x in out]


def run(cmd, cwd):
    p = subprocess.run([str(c) for c in cmd], cwd=cwd, capture_output=True, text=True, timeout=60)
    return p.returncode, p.stdout, p.stderr


def one_case(S, gen_expect, schema_text, work):
    """None when the property holds, else a description of the failure."""
    work.mkdir()
    (work / "s1.schema").write_text(schema_text)
    code, sql1, err = run([S, "sql", "s1.schema"], work)
    if code:
        return f"`schemac sql` of the random schema failed: {err.strip()}"
    d1 = work / "d1.db"
    con = sqlite3.connect(d1)
    try:
        con.executescript(sql1.replace("--> statement-breakpoint", ""))
    except sqlite3.Error as e:
        return f"SQLite rejected `schemac sql`'s output: {e}"
    finally:
        con.close()
    d1_desc = sem.describe_file(d1)
    missing = []
    for what, fn in gen_expect:
        try:
            ok = fn(d1_desc)
        except (KeyError, StopIteration):
            ok = False
        if not ok:
            missing.append(what)
    if missing:
        return "the database `schemac sql` made lacks what the schema says:\n  " + \
            "\n  ".join(missing)
    code, _, err = run([S, "pull", "--url", f"file:{d1}", "-o", "s2.schema"], work)
    if code:
        return f"`schemac pull` failed: {err.strip()}"
    code, sql2, err = run([S, "sql", "s2.schema"], work)
    if code:
        return f"the pulled schema does not compile: {err.strip()}\n{(work / 's2.schema').read_text()}"
    problems = []
    if sql2 != sql1:
        diff = "".join(difflib.unified_diff(sql1.splitlines(True), sql2.splitlines(True),
                                            "sql(schema)", "sql(pull(schema))", n=1))
        problems.append("not a fixed point:\n" + diff)
    d2 = work / "d2.db"
    con = sqlite3.connect(d2)
    try:
        con.executescript(sql2.replace("--> statement-breakpoint", ""))
    finally:
        con.close()
    diffs = sem.compare_files(d1, d2)
    if diffs:
        problems.append(f"{len(diffs)} semantic differences:\n  " + "\n  ".join(diffs))
    return "\n".join(problems) or None


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--schemac", required=True)
    ap.add_argument("--cases", type=int, default=50)
    ap.add_argument("--seed", type=int, default=16)
    ap.add_argument("--case", type=int, default=None, help="run only this case")
    ap.add_argument("--base", action="store_true", help="only the pre-issue-16 language")
    ap.add_argument("--keep", action="store_true")
    args = ap.parse_args()
    S = str(Path(args.schemac).resolve())
    root = Path(tempfile.mkdtemp(prefix="schemac-property-"))
    failures, ran, start = [], 0, time.time()
    try:
        for k in range(args.cases):
            if args.case is not None and k != args.case:
                continue
            if time.time() - start > TIME_BUDGET:
                print(f"time budget of {TIME_BUDGET}s used after {ran} cases")
                break
            gen = Gen(random.Random(args.seed * 100003 + k), args.base)
            text = gen.schema()
            why = one_case(S, gen.expect, text, root / f"case{k}")
            ran += 1
            if why:
                failures.append(k)
                print(f"--- case {k} (--seed {args.seed} --case {k}) FAILED:\n{text}\n{why}\n",
                      flush=True)
    finally:
        if args.keep:
            print(f"kept {root}")
        else:
            shutil.rmtree(root, ignore_errors=True)
    print(f"{ran - len(failures)}/{ran} cases hold (seed {args.seed})")
    if failures or ran == 0:
        print(f"FAIL: cases {failures}")
        sys.exit(1)
    print("PASS")


if __name__ == "__main__":
    main()
