#!/usr/bin/env python3
"""Adoption's error paths, end to end on a database drizzle-kit made (a SQLite file): each is
refused with a clear message, and the database and the files are left exactly as they were.

- migrate, status and push on the unmanaged (Drizzle) database before baseline: one line that
  says what to do, non-zero exit, the file's bytes unchanged;
- baseline on a database that differs from the schema (a column added by hand): refused, the
  difference printed, the file unchanged;
- baseline on a database schemac already manages: nothing written;
- import of a drizzle folder whose journal names a missing snapshot, of a snapshot of another
  dialect and of an unknown snapshot version: refused, no .schema written.
Usage: bad_input.py --schemac BIN --source-dir DIR --build-dir DIR [--keep]"""

import argparse
import json
import shutil
from pathlib import Path

import adopt_lib as lib
from adopt_lib import check, run, step


def refused(cmd, cwd, env, db, *, one_line=False, mentions=()):
    """Runs cmd, which must fail without touching db; returns its output."""
    fp = db.fingerprint()
    code, out, err = run(cmd, cwd=cwd, env=env, expect=None)
    text = out + err
    check(code != 0, f"`{' '.join(map(str, cmd))}` exited 0")
    check(db.fingerprint() == fp, f"`{' '.join(map(str, cmd))}` changed the database")
    if one_line:  # the error: one line on stderr (stdout may say what was being done)
        lines = [line for line in err.splitlines() if line.strip()]
        check(len(lines) == 1, f"expected one error line, got {lines}")
    for word in mentions:
        check(word in text, f"the message does not mention {word!r}: {text}")
    return text


def adopt(args):
    work = Path(lib.workdir("schemac-adopt-bad-"))
    try:
        body(args, work)
    finally:
        if args.keep:
            print(f"kept {work}")
        else:
            shutil.rmtree(work, ignore_errors=True)


def body(args, work):
    S = args.schemac
    modules = lib.drizzle_modules(args.source_dir, args.build_dir)
    step("a Drizzle database (drizzle-kit generate x3, migrate, seed)")
    proj = lib.make_drizzle_project(args.source_dir, modules, work)
    pristine = proj / "pristine.db"
    lib.drizzle_migrate_and_seed(proj, modules, f"file:{pristine}")

    step("import drizzle + generate (no database involved)")
    run([S, "import", "drizzle"], cwd=proj)
    run([S, "generate", "--name", "adopt"], cwd=proj)

    db_file = proj / "app.db"
    shutil.copy(pristine, db_file)
    url = f"file:{db_file}"
    db = lib.Database(url)
    env = {"DATABASE_URL": url}
    for cmd in (["migrate"], ["status"], ["push", "--force"]):
        step(f"schemac {cmd[0]} on the unmanaged database: refused")
        refused([S, *cmd], proj, env, db, one_line=True, mentions=("baseline",))
    check(db.tables().count("__schemac_migrations") == 0, "a refused command made tables")

    step("baseline on a database with a column added by hand: refused, the difference printed")
    db.execute("ALTER TABLE users ADD COLUMN nickname text")
    refused([S, "baseline"], proj, env, db, mentions=("users", "nickname"))

    step("baseline on the database as Drizzle made it, then on the now managed database")
    shutil.copy(pristine, db_file)
    run([S, "baseline"], cwd=proj, env=env)
    fp = db.fingerprint()
    run([S, "baseline"], cwd=proj, env=env, expect=None)
    check(db.fingerprint() == fp, "baseline on a managed database changed it")
    rows = db.rows("__schemac_migrations", order="1")
    check(len(rows) == 1, f"__schemac_migrations holds {rows}")

    step("baseline on a database schemac made with migrate")
    fresh = proj / "fresh.db"
    fresh_db = lib.Database(f"file:{fresh}")
    run([S, "migrate"], cwd=proj, env={"DATABASE_URL": f"file:{fresh}"})
    fp = fresh_db.fingerprint()
    run([S, "baseline"], cwd=proj, env={"DATABASE_URL": f"file:{fresh}"}, expect=None)
    check(fresh_db.fingerprint() == fp, "baseline on a managed database changed it")
    step("baseline of a newer migration on a managed database that has not applied it")
    schema = proj / "schema" / "app.schema"
    saved_schema = schema.read_text()
    shutil.copytree(proj / "migrations", work / "migrations.saved")
    schema.write_text(saved_schema + "\ntable notes {\n  id  int  primary\n}\n")
    run([S, "generate", "--name", "notes"], cwd=proj)
    refused([S, "baseline"], proj, {"DATABASE_URL": f"file:{fresh}"}, fresh_db,
            mentions=("notes",))
    shutil.rmtree(proj / "migrations")
    shutil.move(work / "migrations.saved", proj / "migrations")
    schema.write_text(saved_schema)

    step("baseline --drizzle on a database that has not applied Drizzle's newest migration")
    partial = work / "partial"
    shutil.copytree(proj / "drizzle", partial / "drizzle")
    journal = partial / "drizzle" / "meta" / "_journal.json"
    data = json.loads(journal.read_text())
    data["entries"] = data["entries"][:2]
    journal.write_text(json.dumps(data, indent=2))
    for f in ("drizzle.config.ts", "schema.ts", "node_modules"):
        (partial / f).symlink_to(proj / f)
    partial_db = partial / "partial.db"
    run([modules / ".bin" / "drizzle-kit", "migrate"], cwd=partial,
        env={"DATABASE_URL": f"file:{partial_db}"})
    refused([S, "baseline", "--drizzle", "drizzle"], proj,
            {"DATABASE_URL": f"file:{partial_db}"}, lib.Database(f"file:{partial_db}"),
            mentions=("0002_v3",))

    meta = proj / "drizzle" / "meta"
    for case, breaks, mentions in [
        ("a journal naming a missing snapshot",
         lambda: (meta / "0002_snapshot.json").rename(meta / "moved.json"), ("0002",)),
        ("a snapshot of another dialect",
         lambda: edit_json(meta / "0002_snapshot.json", dialect="postgresql"), ("postgresql",)),
        ("a snapshot of an unknown version",
         lambda: edit_json(meta / "0002_snapshot.json", version="99"), ("99",)),
    ]:
        step(f"import drizzle of {case}: refused, nothing written")
        saved = work / "drizzle.saved"
        shutil.copytree(proj / "drizzle", saved)
        breaks()
        out = proj / "imported.schema"
        code, o, e = run([S, "import", "drizzle", "-o", out], cwd=proj, expect=None)
        check(code != 0, f"import of {case} exited 0")
        check(not out.exists(), f"import of {case} wrote {out}")
        for word in mentions:
            check(word in o + e, f"the message does not mention {word!r}")
        shutil.rmtree(proj / "drizzle")
        shutil.move(saved, proj / "drizzle")


def edit_json(path, **changes):
    data = json.loads(path.read_text())
    data.update(changes)
    path.write_text(json.dumps(data, indent=2))


if __name__ == "__main__":
    ap = argparse.ArgumentParser()
    ap.add_argument("--schemac", required=True)
    ap.add_argument("--source-dir", required=True)
    ap.add_argument("--build-dir", required=True)
    ap.add_argument("--keep", action="store_true")
    lib.main(lambda: adopt(ap.parse_args()))
