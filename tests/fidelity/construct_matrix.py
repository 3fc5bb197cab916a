#!/usr/bin/env python3
"""Issue 16's matrix, one construct per row, each cell proved on a real SQLite file:
  language  the construct compiles (`schemac sql`) and its SQL holds the expected clause;
  lowering  `generate` + `migrate` build a database where the construct behaves (a probe);
  rebuild   a change that rebuilds table t keeps it: the probe still holds, status is clean;
  pull      `pull` writes it back in the language (and pull itself proves the round trip);
  status    status is clean on the database, and reports drift after an outside change to it.
Prints the matrix; exits 1 when any cell is not "yes". Usage: construct_matrix.py --schemac BIN"""

import argparse
import re
import shutil
import sqlite3
import sys
import tempfile
from pathlib import Path

import fidelity_lib as fl

# name, schema, SQL the lowering must contain (regex), probe (kind, script, expected),
# text pull must write (regex), outside change: a list of SQL statements or
# ("recreate", table, regex, replacement): the table re-created from its edited CREATE text.
CONSTRUCTS = [
    ("column collation",
     "table t {\n  id int primary\n  email text collate nocase unique\n}\n",
     r'"email" TEXT NOT NULL COLLATE NOCASE',
     ("fails", "INSERT INTO t VALUES (1, 'a@x'); INSERT INTO t VALUES (2, 'A@X')", None),
     r"email\s+text\s+collate nocase",
     ("recreate", "t", r" COLLATE NOCASE", "")),
    ("deferrable foreign key",
     "table p {\n  id int primary\n}\ntable t {\n  id int primary\n"
     "  p_id int references p(id) deferrable initially deferred\n}\n",
     r"DEFERRABLE INITIALLY DEFERRED",
     ("ok", "INSERT INTO t VALUES (1, 5); INSERT INTO p VALUES (5)", None),
     r"deferrable initially deferred",
     ("recreate", "t", r" DEFERRABLE INITIALLY DEFERRED", "")),
    ("without rowid",
     "table t without rowid {\n  id text primary\n  v int\n}\n",
     r"\) WITHOUT ROWID",
     ("expect", "SELECT wr FROM pragma_table_list WHERE name = 't'", "1"),
     r"table t without rowid",
     ("recreate", "t", r"\) WITHOUT ROWID", ")")),
    ("strict",
     "table t strict {\n  id int primary\n  v text\n}\n",
     r"\) STRICT",
     ("fails", "INSERT INTO t VALUES (1, x'00')", None),
     r"table t strict",
     ("recreate", "t", r"\) STRICT", ")")),
    ("expression index",
     "table t {\n  id int primary\n  email text\n  index t_lower (lower(email))\n}\n",
     r'CREATE INDEX "t_lower" ON "t" \(lower\("email"\)\)',
     ("expect", "SELECT count(*) FROM pragma_index_xinfo('t_lower') WHERE cid = -2", "1"),
     r"index t_lower \(lower\(email\)\)",
     ["DROP INDEX t_lower", "CREATE INDEX t_lower ON t(upper(email))"]),
    ("partial index",
     "table t {\n  id int primary\n  email text\n  active bool\n"
     "  index t_active (email) where active\n}\n",
     r'CREATE INDEX "t_active" ON "t" \("email"\) WHERE',
     ("expect", "SELECT partial FROM pragma_index_list('t') WHERE name = 't_active'", "1"),
     r"index t_active \(email\) where",
     ["DROP INDEX t_active", "CREATE INDEX t_active ON t(email)"]),
    ("index part collation",
     "table t {\n  id int primary\n  name text\n  unique index t_name (name collate nocase)\n}\n",
     r'\("name" COLLATE NOCASE\)',
     ("fails", "INSERT INTO t VALUES (1, 'Ann'); INSERT INTO t VALUES (2, 'ANN')", None),
     r"name collate nocase",
     ["DROP INDEX t_name", "CREATE UNIQUE INDEX t_name ON t(name)"]),
    ("inline UNIQUE constraint",
     "table t {\n  id int primary\n  tag text unique constraint\n}\n",
     r'UNIQUE \("tag"\)',
     ("expect", "SELECT count(*) FROM pragma_index_list('t') WHERE origin = 'u'", "1"),
     r"unique constraint",
     ("recreate", "t", r',\s*UNIQUE \("tag"\)', "")),
    ("unnamed CHECK",
     "table t {\n  id int primary\n  n int\n  check unnamed (n >= 0)\n}\n",
     r'\n  CHECK \("n" >= 0\)',
     ("fails", "INSERT INTO t VALUES (1, -1)", None),
     r"check unnamed",
     ("recreate", "t", r'CHECK \("n" >= 0\)', 'CONSTRAINT "n_check" CHECK ("n" >= 0)')),
    ("named primary key",
     "table t {\n  a int\n  b int\n  primary pk_t (b, a)\n}\n",
     r'CONSTRAINT "pk_t" PRIMARY KEY \("b", "a"\)',
     ("expect", "SELECT group_concat(name) FROM "
      "(SELECT name FROM pragma_table_info('t') WHERE pk > 0 ORDER BY pk)", "b,a"),
     r"primary pk_t \(b, a\)",
     ("recreate", "t", r'"pk_t"', '"pk_other"')),
    ("nullable legacy key",
     "table t {\n  code text? primary nullable_legacy\n  v int\n}\n",
     r'"code" TEXT,',
     ("ok", "INSERT INTO t VALUES (NULL, 1)", None),
     r"nullable_legacy",
     ("recreate", "t", r'"code" TEXT,', '"code" TEXT NOT NULL,')),
    ("timestamp(text)",
     "table t {\n  id int primary\n  at timestamp(text) default now\n}\n",
     r'"at" TIMESTAMP_TEXT NOT NULL DEFAULT CURRENT_TIMESTAMP',
     ("expect", "INSERT INTO t(id) VALUES (1); SELECT typeof(at) FROM t", "text"),
     r"timestamp\(text\)",
     ("recreate", "t", r"TIMESTAMP_TEXT", "INTEGER")),
    ("declared type (sqltype)",
     "table t {\n  id int primary\n  price decimal(10, 2) sqltype \"NUMERIC(10,2)\"\n}\n",
     r'"price" NUMERIC\(10,2\)',
     ("expect", "SELECT type FROM pragma_table_info('t') WHERE name = 'price'", "NUMERIC(10,2)"),
     r'sqltype "NUMERIC\(10,2\)"',
     ("recreate", "t", r"NUMERIC\(10,2\)", "REAL")),
    ("view",
     "table t {\n  id int primary\n}\nview v as sql\"SELECT id FROM t WHERE id > 0\"\n",
     r'CREATE VIEW "v" AS SELECT id FROM t WHERE id > 0',
     ("expect", "INSERT INTO t VALUES (1); INSERT INTO t VALUES (-1); SELECT count(*) FROM v",
      "1"),
     r'view v as sql"SELECT id FROM t WHERE id > 0"',
     ["DROP VIEW v", "CREATE VIEW v AS SELECT id FROM t"]),
    ("trigger",
     "table t {\n  id int primary\n  n int\n}\n"
     "trigger t_ai after insert on t for each row "
     "sql\"BEGIN UPDATE t SET n = n + 1 WHERE id = NEW.id; END\"\n",
     r'CREATE TRIGGER "t_ai" AFTER INSERT ON "t" FOR EACH ROW',
     ("expect", "INSERT INTO t VALUES (1, 0); SELECT n FROM t", "1"),
     r"trigger t_ai after insert on t for each row",
     ["DROP TRIGGER t_ai"]),
    ("INSTEAD OF trigger on a view",
     "table t {\n  id int primary\n}\nview v as sql\"SELECT id FROM t\"\n"
     "trigger v_ins instead of insert on v sql\"BEGIN INSERT INTO t(id) VALUES (NEW.id); END\"\n",
     r'CREATE TRIGGER "v_ins" INSTEAD OF INSERT ON "v"',
     ("expect", "INSERT INTO v VALUES (7); SELECT count(*) FROM t", "1"),
     r"trigger v_ins instead of insert on v",
     ["DROP TRIGGER v_ins"]),
    ("virtual table (fts5)",
     "table t {\n  id int primary\n}\nvirtual table f using fts5 sql\"body\"\n",
     r'CREATE VIRTUAL TABLE "f" USING fts5\(body\)',
     ("expect", "INSERT INTO f VALUES ('hello world'); "
      "SELECT count(*) FROM f WHERE f MATCH 'hello'", "1"),
     r'virtual table f using fts5 sql"body"',
     ["DROP TABLE f", "CREATE VIRTUAL TABLE f USING fts5(body, title)"]),
]

COLUMNS = ["language", "lowering", "rebuild keeps it", "pull", "status detects change"]


def schemac(binary, *args, expect=0):
    return fl.run([binary, *args], expect=expect)


def sqlite_schema_text(db):
    con = sqlite3.connect(db)
    try:
        return "\n".join(r[0] for r in con.execute(
            "SELECT sql FROM sqlite_schema WHERE sql IS NOT NULL ORDER BY name"))
    finally:
        con.close()


def outside_change(db, change):
    con = sqlite3.connect(db, isolation_level=None)
    try:
        if isinstance(change, tuple):
            _, table, pattern, repl = change
            sql = con.execute("SELECT sql FROM sqlite_schema WHERE name = ?", (table,)).fetchone()[0]
            new_sql, n = re.subn(pattern, repl, sql)
            if n == 0:
                raise fl.StepFailed(f"outside change: {pattern!r} not in {sql!r}")
            con.execute("PRAGMA foreign_keys = OFF")
            con.execute(f'DROP TABLE "{table}"')
            con.execute(new_sql)
        else:
            for s in change:
                con.execute(s)
    finally:
        con.close()


def probe(db, p):
    kind, script, expected = p
    why = fl.run_check(db, kind, script, expected)
    if why:
        raise fl.StepFailed(f"probe: {why}")


def with_rebuild(schema):
    """The schema with a CHECK added to table t: SQLite needs a rebuild of t for it."""
    return re.sub(r"(table t[^{]*\{\n)", r"\1  check rebuild_probe (1 = 1)\n", schema, count=1)


def one(binary, work, name, schema, lowered, p, pulled, change):
    cells = {}
    src = work / "schema.schema"
    src.write_text(schema)
    out = work / "m"
    db = work / "app.db"

    def cell(col, fn):
        if any(v != "yes" for v in cells.values()):
            cells[col] = "(not run)"
            return
        try:
            fn()
            cells[col] = "yes"
        except (fl.StepFailed, sqlite3.Error, OSError) as e:
            cells[col] = f"NO: {e}"

    def language():
        _, sql, _ = schemac(binary, "sql", src)
        if not re.search(lowered, sql):
            raise fl.StepFailed(f"`schemac sql` lacks {lowered!r}")

    def lowering():
        schemac(binary, "generate", src, "--out", out, "--name", "init")
        schemac(binary, "migrate", "--out", out, "--url", f"file:{db}")
        if not re.search(lowered, sqlite_schema_text(db)):
            raise fl.StepFailed(f"the database lacks {lowered!r}")
        probe(db, p)

    def rebuild():
        src.write_text(with_rebuild(schema))
        schemac(binary, "generate", src, "--out", out, "--name", "rebuild")
        last = sorted(out.glob("0001_*.sql"))
        if not last or 'CREATE TABLE "__new_t"' not in last[0].read_text():
            raise fl.StepFailed("the change did not rebuild t")
        schemac(binary, "migrate", "--out", out, "--url", f"file:{db}")
        if not re.search(lowered, sqlite_schema_text(db)):
            raise fl.StepFailed(f"after the rebuild the database lacks {lowered!r}")
        probe(db, p)
        schemac(binary, "status", "--out", out, "--url", f"file:{db}")

    def pull():
        target = work / "pulled.schema"
        schemac(binary, "pull", "--url", f"file:{db}", "-o", target)
        if not re.search(pulled, target.read_text(), re.IGNORECASE):
            raise fl.StepFailed(f"pulled schema lacks {pulled!r}")

    def status():
        schemac(binary, "status", "--out", out, "--url", f"file:{db}")
        changed = work / "changed.db"
        shutil.copyfile(db, changed)
        outside_change(changed, change)
        code, _, _ = schemac(binary, "status", "--out", out, "--url", f"file:{changed}",
                             expect=None)
        if code != 1:
            raise fl.StepFailed(f"status exited {code} after the outside change")

    cell("language", language)
    cell("lowering", lowering)
    cell("rebuild keeps it", rebuild)
    cell("pull", pull)
    cell("status detects change", status)
    return cells


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--schemac", required=True)
    ap.add_argument("--only", help="run the one construct whose name contains this")
    args = ap.parse_args()
    rows = []
    for c in CONSTRUCTS:
        if args.only and args.only not in c[0]:
            continue
        with tempfile.TemporaryDirectory(prefix="schemac-matrix-") as tmp:
            fl.log(f"--- {c[0]}")
            rows.append((c[0], one(args.schemac, Path(tmp), *c)))
    width = max(len(r[0]) for r in rows)
    print("\n| construct".ljust(width + 3) + " | " + " | ".join(COLUMNS) + " |")
    print("|" + "-" * (width + 2) + "|" + "|".join("-" * (len(c) + 2) for c in COLUMNS) + "|")
    bad = []
    for name, cells in rows:
        print(f"| {name.ljust(width)} | " +
              " | ".join(("yes" if cells[c] == "yes" else "NO").ljust(len(c)) for c in COLUMNS)
              + " |")
        bad += [f"{name}: {c}: {cells[c]}" for c in COLUMNS if cells[c] != "yes"]
    for b in bad:
        print(b)
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
