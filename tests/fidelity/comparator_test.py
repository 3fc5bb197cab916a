#!/usr/bin/env python3
"""Tests of sqlite_semantics.py itself: a comparator that says "0 differences" is only proof when
it can say something else. Each SAME pair is written differently but behaves the same (quoting,
whitespace, keyword case, comments); each DIFFERENT pair behaves differently and must produce a
difference line containing the given words."""

import sqlite3
import sys
import tempfile
from pathlib import Path

import sqlite_semantics as sem

BASE = """
CREATE TABLE users (id INTEGER PRIMARY KEY AUTOINCREMENT, email TEXT NOT NULL COLLATE NOCASE,
  score decimal(10,2) DEFAULT 0, CONSTRAINT users_score_ck CHECK (score >= 0));
CREATE TABLE posts (id INTEGER PRIMARY KEY, user_id INTEGER REFERENCES users (id)
  ON DELETE CASCADE DEFERRABLE INITIALLY DEFERRED, title TEXT, UNIQUE (user_id, title));
CREATE INDEX posts_title ON posts (lower(title) DESC) WHERE title IS NOT NULL;
CREATE VIEW v AS SELECT id, title FROM posts WHERE title <> 'x';
CREATE TRIGGER tr AFTER INSERT ON posts BEGIN UPDATE users SET score = score + 1 WHERE id = NEW.user_id; END;
CREATE VIRTUAL TABLE f USING fts5(title, body);
CREATE TABLE kv (k TEXT, v TEXT, PRIMARY KEY (k, v)) WITHOUT ROWID;
"""

SAME = {
    "quoting, case and whitespace": BASE.replace("CREATE TABLE users (id", 'create table "users" ( [id]')
    .replace("email TEXT NOT NULL COLLATE NOCASE", "`email` text not null collate nocase")
    .replace("WHERE title IS NOT NULL", "where  \"title\"   is not null -- a comment\n"),
    "NOT NULL on a rowid alias": BASE.replace("posts (id INTEGER PRIMARY KEY,",
                                              "posts (id INTEGER NOT NULL PRIMARY KEY,"),
    "a column's key written as a table constraint": BASE.replace(
        "user_id INTEGER REFERENCES users (id)\n  ON DELETE CASCADE DEFERRABLE INITIALLY DEFERRED, title TEXT,",
        "user_id INTEGER, title TEXT, FOREIGN KEY (user_id) REFERENCES users (id)\n"
        "  ON DELETE CASCADE DEFERRABLE INITIALLY DEFERRED,"),
    "<> and !=": BASE.replace("title <> 'x'", "title != 'x'"),
    "FOR EACH ROW and DEFAULT (0)": BASE.replace("AFTER INSERT ON posts BEGIN",
                                                 "AFTER INSERT ON posts FOR EACH ROW BEGIN")
    .replace("DEFAULT 0", "DEFAULT (0)"),
}

DIFFERENT = {
    "collation": (BASE.replace("COLLATE NOCASE", "COLLATE RTRIM"), "collation"),
    "no collation": (BASE.replace("COLLATE NOCASE", ""), "collation"),
    "deferrable": (BASE.replace("DEFERRABLE INITIALLY DEFERRED", ""), "deferral"),
    "initially immediate": (BASE.replace("INITIALLY DEFERRED", "INITIALLY IMMEDIATE"), "deferral"),
    "declared type": (BASE.replace("decimal(10,2)", "real"), "type"),
    "check name": (BASE.replace("CONSTRAINT users_score_ck ", ""), "checks"),
    "check text": (BASE.replace("score >= 0", "score > 0"), "checks"),
    "on delete": (BASE.replace("ON DELETE CASCADE", ""), "on delete"),
    "partial WHERE": (BASE.replace(" WHERE title IS NOT NULL", ""), "where"),
    "index order": (BASE.replace("lower(title) DESC", "lower(title)"), "desc"),
    "index expression": (BASE.replace("lower(title) DESC", "upper(title) DESC"), "part"),
    "view": (BASE.replace("title <> 'x'", "title <> 'X'"), "view v"),
    "trigger": (BASE.replace("score + 1", "score + 2"), "trigger tr"),
    "trigger gone": (BASE.replace(BASE[BASE.index("CREATE TRIGGER"):BASE.index("CREATE VIRTUAL")], ""),
                     "only in A"),
    "virtual args": (BASE.replace("fts5(title, body)", "fts5(title, body, prefix=2)"), "args"),
    "without rowid": (BASE.replace(") WITHOUT ROWID", ")"), "without rowid"),
    "strict": (BASE.replace("PRIMARY KEY (k, v)) WITHOUT ROWID", "PRIMARY KEY (k, v)) STRICT"),
               "strict"),
    "primary key order": (BASE.replace("PRIMARY KEY (k, v)", "PRIMARY KEY (v, k)"), "primary key"),
    "autoincrement": (BASE.replace(" AUTOINCREMENT", ""), "autoincrement"),
    "unique constraint": (BASE.replace(", UNIQUE (user_id, title)", ""), "unique constraints"),
    "not null": (BASE.replace("email TEXT NOT NULL", "email TEXT"), "notnull"),
    "default": (BASE.replace("DEFAULT 0", "DEFAULT 1"), "default"),
    "name case": (BASE.replace("CREATE TABLE kv (k TEXT", "CREATE TABLE kv (K TEXT"), "name"),
}


def make(sql, d):
    path = Path(d) / f"db{make.n}.db"
    make.n += 1
    con = sqlite3.connect(path)
    con.executescript(sql)
    con.close()
    return path


make.n = 0


def main():
    failures = []
    with tempfile.TemporaryDirectory(prefix="schemac-comparator-") as d:
        base = make(BASE, d)
        self_diff = sem.compare_files(base, base)
        if self_diff:
            failures.append(f"a database differs from itself: {self_diff}")
        for label, sql in SAME.items():
            if sql == BASE:
                failures.append(f"{label}: the test's replacement changed nothing")
                continue
            diffs = sem.compare_files(base, make(sql, d))
            print(f"same      {label}: {len(diffs)} differences")
            if diffs:
                failures.append(f"{label}: expected none, got {diffs}")
        for label, (sql, word) in DIFFERENT.items():
            if sql == BASE:
                failures.append(f"{label}: the test's replacement changed nothing")
                continue
            diffs = sem.compare_files(base, make(sql, d))
            print(f"different {label}: {diffs}")
            if not any(word in line for line in diffs):
                failures.append(f"{label}: no difference mentions {word!r}: {diffs}")
    for f in failures:
        print("FAIL:", f)
    if failures:
        sys.exit(1)
    print("PASS")


if __name__ == "__main__":
    main()
