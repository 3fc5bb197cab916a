"""Shared pieces of the fidelity tests (tests/fidelity): the corpus files and their directives,
running schemac, behaviour checks on a database, outside changes ("drift") made the way another
tool or a person would, and copying rows. The comparison itself is sqlite_semantics.py."""

import os
import re
import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path

import sqlite_semantics as sem

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent / "adopt"))
import adopt_lib  # noqa: E402  (tursodb server, skip rules)

SKIP = 77


class StepFailed(Exception):
    pass


def log(*a):
    print(*a, flush=True)


def run(cmd, cwd=None, expect=0, env=None, timeout=60):
    """Runs a command and logs it with its output; returns (code, stdout, stderr). A code other
    than `expect` (None: any) raises StepFailed."""
    full = dict(os.environ)
    full.update(env or {})
    shown = " ".join(str(c) for c in cmd)
    p = subprocess.run([str(c) for c in cmd], cwd=cwd, env=full, capture_output=True, text=True,
                       timeout=timeout)
    log(f"$ {shown}  [exit {p.returncode}]")
    for stream in (p.stdout, p.stderr):
        if stream.strip():
            log("  " + stream.rstrip().replace("\n", "\n  "))
    if expect is not None and p.returncode != expect:
        lines = (p.stderr.strip() or p.stdout.strip()).splitlines()
        errors = [line for line in lines if "error" in line] or lines[-1:]
        raise StepFailed(f"`{Path(str(cmd[0])).name} {' '.join(str(c) for c in cmd[1:2])}` "
                         f"exited {p.returncode}: {errors[0] if errors else ''}")
    return p.returncode, p.stdout, p.stderr


# --- corpus files -------------------------------------------------------------------------------

class Corpus:
    """A corpus .sql file: the DDL and rows, plus directives in `-- @` comment lines:
      -- @rebuild TABLE          the table the rebuild step changes (a CHECK is added to it)
      -- @ok SQL; SQL            statements that must all succeed (then rolled back)
      -- @fails SQL; SQL         the last statement must fail, the ones before succeed
      -- @expect SQL; SELECT => V the last statement (a query) returns the single value V
      -- @ignore NAME            a table schemac is told to leave alone (schemac.toml ignore)
      -- @tursodb-lacks WHAT     a construct of this database tursodb does not support
    Behaviour checks run with foreign_keys=ON inside a transaction that is rolled back."""

    def __init__(self, path, db_file=None, name=None):
        self.path = Path(path)
        self.name = name or self.path.stem
        self.db_file = db_file  # a database another tool made; else the file's SQL makes it
        self.sql = self.path.read_text()
        self.rebuild = None
        self.checks = []
        self.ignore = []
        self.tursodb_lacks = []
        for line in self.sql.splitlines():
            m = re.match(r"--\s*@([\w-]+)\s+(.*)$", line.strip())
            if not m:
                continue
            key, rest = m.group(1), m.group(2).strip()
            if key == "rebuild":
                self.rebuild = rest
            elif key == "ignore":
                self.ignore.append(rest)
            elif key == "tursodb-lacks":
                self.tursodb_lacks.append(rest)
            elif key in ("ok", "fails", "expect"):
                expected = None
                if key == "expect":
                    rest, expected = (x.strip() for x in rest.rsplit("=>", 1))
                self.checks.append((key, rest, expected))
            else:
                raise ValueError(f"{self.path}: unknown directive @{key}")

    def build(self, db):
        if self.db_file:
            shutil.copyfile(self.db_file, db)
            return
        con = sqlite3.connect(db)
        try:
            con.executescript(self.sql)
            con.commit()
        finally:
            con.close()


def split_statements(script):
    out, cur = [], ""
    for piece in script.split(";"):
        cur += piece + ";"
        if sqlite3.complete_statement(cur):
            if cur.strip(" ;\n\t"):
                out.append(cur.strip())
            cur = ""
    if cur.strip(" ;\n\t"):
        out.append(cur.strip())
    return out


def run_check(db, kind, script, expected):
    """One behaviour check on db; returns None when it holds, else why not."""
    con = sqlite3.connect(db, isolation_level=None)
    con.execute("PRAGMA foreign_keys = ON")
    stmts = split_statements(script)
    cur = None
    try:
        con.execute("BEGIN")
        for k, s in enumerate(stmts):
            try:
                cur = con.execute(s)
            except sqlite3.Error as e:
                if kind == "fails" and k == len(stmts) - 1:
                    return None
                return f"{s!r} failed: {e}"
        if kind == "fails":
            return f"{stmts[-1]!r} succeeded, it must fail"
        if kind == "expect":
            row = cur.fetchone() if cur is not None else None
            got = None if row is None else str(row[0])
            if got != expected:
                return f"{stmts[-1]!r} returned {got!r}, expected {expected!r}"
        return None
    finally:
        if con.in_transaction:
            con.execute("ROLLBACK")
        con.close()


def behaviour(db, corpus):
    """Every behaviour check of corpus on db: a list of failures."""
    bad = []
    for kind, script, expected in corpus.checks:
        why = run_check(db, kind, script, expected)
        if why:
            bad.append(f"@{kind} {script}: {why}")
    return bad


# --- rows ----------------------------------------------------------------------------------------

def all_rows(db):
    """Every row of every table (shadow tables of virtual tables and sqlite_sequence included:
    a rebuild must not touch a full-text index or reuse ids), sorted, by table name."""
    con = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
    try:
        names = [r[0] for r in con.execute(
            "SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE '__schemac%' "
            "AND name NOT IN ('sqlite_stat1', 'sqlite_stat4') AND sql NOT LIKE 'CREATE VIRTUAL%'")]
        out = {}
        for n in names:
            rows = con.execute(f"SELECT * FROM {sem._q(n)}").fetchall()
            out[n] = sorted(rows, key=repr)
        return out
    finally:
        con.close()


# --- outside changes ------------------------------------------------------------------------------

def _exec(db, statements, writable=False):
    con = sqlite3.connect(db, isolation_level=None)
    try:
        if writable:
            con.execute("PRAGMA writable_schema = ON")
        for s in statements:
            if isinstance(s, tuple):
                con.execute(*s)
            else:
                con.execute(s)
        if writable:
            con.execute("PRAGMA writable_schema = OFF")
    finally:
        con.close()
    if writable:  # the edited schema is read again by a new connection; indexes follow it
        con = sqlite3.connect(db, isolation_level=None)
        try:
            con.execute("REINDEX")
            check = con.execute("PRAGMA integrity_check").fetchone()[0]
            if check != "ok":
                raise StepFailed(f"the outside change broke {db}: {check}")
        finally:
            con.close()


def _set_table_sql(db, table, new_sql):
    _exec(db, [("UPDATE sqlite_schema SET sql = ? WHERE type = 'table' AND name = ?",
                (new_sql, table))], writable=True)


def _table_sql(desc_db, table):
    con = sqlite3.connect(desc_db)
    try:
        return con.execute("SELECT sql FROM sqlite_schema WHERE name = ?", (table,)).fetchone()[0]
    finally:
        con.close()


def _items(sql):
    toks = sem.tokenize(sql)
    i = next(k for k, t in enumerate(toks) if sem.is_op(t, "("))
    return sem.split_top(toks[i + 1:sem.matching_paren(toks, i)])


def drift_mutations(db):
    """The outside changes the drift step makes to a copy of db, each (label, apply(copy)) or
    (label, None) when db has nothing of that kind."""
    d = sem.describe_file(db)
    out = []

    trig = sorted(d["triggers"].values(), key=lambda t: t["name"])
    out.append(("drop a trigger", (lambda p, n=trig[0]["name"]: _exec(p, [
        f"DROP TRIGGER {sem._q(n)}"])) if trig else None))

    views = sorted(d["views"].values(), key=lambda v: v["name"])

    def replace_view(p, n=views[0]["name"] if views else None):
        sql = _table_sql(p, n)
        toks = sem.tokenize(sql)
        k = next(k for k, t in enumerate(toks) if t.word() == "as" and t.kind == "id")
        select = sql[toks[k + 1].start:].rstrip("; \n")
        con = sqlite3.connect(p)  # DROP VIEW drops its INSTEAD OF triggers: put them back
        triggers = [r[0] for r in con.execute(
            "SELECT sql FROM sqlite_schema WHERE type = 'trigger' AND tbl_name = ?", (n,))]
        con.close()
        _exec(p, [f"DROP VIEW {sem._q(n)}",
                  f"CREATE VIEW {sem._q(n)} AS SELECT * FROM ({select}) WHERE 0", *triggers])
    out.append(("replace a view", replace_view if views else None))

    # A collation: change one the database has, else give a text column one.
    target = None
    for t in sorted(d["tables"].values(), key=lambda t: t["name"]):
        for c in t["columns"]:
            if c["hidden"] == "no" and c["collation"] != "BINARY":
                target = target or (t["name"], c["name"], True)
    if not target:
        for t in sorted(d["tables"].values(), key=lambda t: t["name"]):
            for c in t["columns"]:
                if c["hidden"] == "no" and c["affinity"] == "TEXT" and \
                        c["name"] not in t["primary key"]:
                    target = target or (t["name"], c["name"], False)

    def change_collation(p, target=target):
        table, col, has = target
        sql = _table_sql(p, table)
        item = next(it for it in _items(sql) if it[0].word() == col.lower())
        if has:
            k = next(k for k, t in enumerate(item) if t.word() == "collate")
            new = "BINARY" if item[k + 1].word() != "binary" else "NOCASE"
            sql = sql[:item[k + 1].start] + new + sql[item[k + 1].end:]
        else:
            sql = sql[:item[-1].end] + " COLLATE NOCASE" + sql[item[-1].end:]
        _set_table_sql(p, table, sql)
    out.append(("change a collation", change_collation if target else None))

    partial = sorted((i for i in d["indexes"].values() if i["where"]), key=lambda i: i["name"])

    def drop_where(p, n=partial[0]["name"] if partial else None):
        sql = _table_sql(p, n)
        toks = sem.tokenize(sql)
        on = next(k for k, t in enumerate(toks) if t.word() == "on")
        p0 = next(k for k in range(on, len(toks)) if sem.is_op(toks[k], "("))
        q = sem.matching_paren(toks, p0)
        _exec(p, [f"DROP INDEX {sem._q(n)}", sql[:toks[q].end]])
    out.append(("drop a partial index's WHERE", drop_where if partial else None))

    deferrable = [(t["name"], f) for t in sorted(d["tables"].values(), key=lambda t: t["name"])
                  for f in t["foreign keys"] if f["deferral"] != "not deferrable"]

    def drop_deferrable(p, target=deferrable[0] if deferrable else None):
        table, _ = target
        sql = _table_sql(p, table)
        toks = sem.tokenize(sql)
        k = next(k for k, t in enumerate(toks) if t.word() == "deferrable")
        end = toks[k].end
        if k + 2 < len(toks) and toks[k + 1].word() == "initially":
            end = toks[k + 2].end
        _set_table_sql(p, table, sql[:toks[k].start] + sql[end:])
    out.append(("make a deferrable key immediate", drop_deferrable if deferrable else None))
    return out


def copy(src, dst):
    shutil.copyfile(src, dst)
    return dst
