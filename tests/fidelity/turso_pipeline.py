"""run_corpus.py's pipeline against tursodb: every schemac command that reads or writes a
database (pull, migrate, baseline, status) talks to a tursodb server (`tursodb FILE
--sync-server 127.0.0.1:PORT`, started for that command) instead of opening the file. The
comparisons, row checks and behaviour checks then read the files tursodb wrote through SQLite,
so the comparator is the same independent one as for files.

A corpus file that holds a construct tursodb does not support says so with
`-- @tursodb-lacks NAME, NAME: WHAT`: for tursodb those objects are dropped from the database
before the pipeline starts (and behaviour checks that name them are left out), and the output
says so; everything else must pass as on a file."""

import re

import sqlite3
from pathlib import Path

import fidelity_lib as fl
import sqlite_semantics as sem
from fidelity_lib import log
from run_corpus import Pipeline


class TursoPipeline(Pipeline):
    def __init__(self, args, corpus, work):
        super().__init__(args, corpus, work)
        self.source_dir = args.source_dir
        self.build_dir = args.build_dir or str(Path(args.source_dir) / "build" / "default")

    def url(self, db):
        return Path(db)

    def schemac(self, *a, expect=0, url=None):
        if url is None:
            return super().schemac(*a, expect=expect)
        db = Path(url)
        if not db.exists():  # an empty database: tursodb creates it
            sqlite3.connect(db).close()
        with fl.adopt_lib.tursodb_server(self.source_dir, self.build_dir, db) as http:
            out = super().schemac(*a, expect=expect, url=http)
        _checkpoint(db)
        return out

    def run(self):
        drop = []
        for entry in self.c.tursodb_lacks:
            names, what = entry.split(":", 1)
            names = [n.strip() for n in names.split(",")]
            drop += names
            log(f"tursodb lacks {what.strip()}: {', '.join(names)} left out")
            self.r.notes.append(f"tursodb lacks {what.strip()} ({', '.join(names)} left out)")
        if drop:
            build, checks = self.c.build, self.c.checks
            words = {n.lower() for n in drop}
            # A check that uses a dropped trigger names its table or view: leave it out too.
            scratch = self.work / "lacks-scratch.db"
            build(scratch)
            con = sqlite3.connect(scratch)
            words |= {r[0].lower() for r in con.execute(
                "SELECT tbl_name FROM sqlite_schema WHERE type = 'trigger' AND name IN (%s)"
                % ",".join("?" * len(drop)), drop)}
            con.close()

            def build_without(db):
                build(db)
                con = sqlite3.connect(db)
                try:
                    for n in drop:
                        typ = con.execute("SELECT type FROM sqlite_schema WHERE name = ?",
                                          (n,)).fetchone()[0]
                        con.execute(f'DROP {typ.upper()} "{n}"')
                    con.commit()
                finally:
                    con.close()
            self.c.build = build_without
            self.c.checks = [c for c in checks
                             if not words & set(re.findall(r"\w+", c[1].lower()))]
        return super().run()

    def differences(self):
        # tursodb 0.6 stores the name of a table it creates in lower case (`CREATE TABLE "Post"`
        # makes `post`; docs/remote.md). SQLite compares names without regard to case, so that
        # alone changes no behaviour: it is named in the output and not counted. Every other
        # difference counts.
        diffs = sem.differences(self.orig_desc, sem.describe_file(self.fresh, self.c.ignore))
        lowered = [d for d in diffs if (m := re.fullmatch(r"table \S+: name: (\S+) -> (\S+)", d))
                   and m.group(1).lower() == m.group(2) and m.group(1) != m.group(2)]
        if lowered:
            note = (f"tursodb lower-cased the names of {len(lowered)} tables it created "
                    f"(not counted)")
            log(note)
            self.r.notes.append(note)
        rest = [d for d in diffs if d not in lowered]
        for d in rest:
            log("  diff: " + d)
        self.r.notes += [f"difference: {d}" for d in rest[:8]]
        return "0" if not rest else f"FAIL {len(rest)}"

    def rebuild(self):
        # tursodb 0.6.0 corrupts a file SQLite wrote when it drops or renames a table whose name
        # has upper-case letters (its sqlite_schema rows stay while their pages are reused;
        # docs/remote.md). A rebuild of such a table is that tursodb bug, not schemac's: say so
        # and leave the step out on tursodb; the same rebuild runs on a file.
        if self.c.rebuild != self.c.rebuild.lower():
            note = (f"tursodb 0.6 corrupts a SQLite-made file on DROP TABLE of a mixed-case "
                    f"table: rebuild of {self.c.rebuild} not run on tursodb")
            log(note)
            self.r.notes.append(note)
            raise _NotRun(note)
        return super().rebuild()

    def step(self, name, fn):
        try:
            return super().step(name, fn)
        except _NotRun:
            self.r.cells[name] = "n/a (tursodb bug)"
            return False


class _NotRun(Exception):
    pass


def _checkpoint(db):
    """Folds a WAL tursodb left into the file, so that SQLite (and a copy of the file) sees
    every change."""
    if Path(str(db) + "-wal").exists():
        con = sqlite3.connect(db)
        try:
            con.execute("PRAGMA wal_checkpoint(TRUNCATE)")
            con.execute("PRAGMA journal_mode = DELETE")
        finally:
            con.close()
    log(f"(tursodb stopped; {db.name} checkpointed)")
