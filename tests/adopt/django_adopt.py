#!/usr/bin/env python3
"""Adopting a database another ORM made: Django (Debian's python3-django) runs `migrate` for its
stock apps (auth, contenttypes, sessions, admin) on a SQLite file and its ORM writes rows; then

    schemac pull                  -> app.schema: what the database has
    schemac generate --name adopt -> migration 0000 = that schema
    schemac baseline              -> 0000 marked applied, after proving the database equals it
    schemac status                -> exit 0, no drift

and Django still sees its database as fully migrated, every row as it was.

`ignore = ["django_migrations"]`: that table is Django's migration history, like
__drizzle_migrations is Drizzle's; schemac leaves it to Django. The other django_* tables
(django_content_type, django_session, django_admin_log) are application data that auth tables
reference by foreign key, so they belong in the schema and are not ignored.
Usage: django_adopt.py --schemac BIN --source-dir DIR [--keep]"""

import argparse
import os
import shutil
import subprocess
import sys
from pathlib import Path

import adopt_lib as lib
from adopt_lib import check, run, step


def django_python():
    """A python3 that imports django: this one, $DJANGO_PYTHON, or Debian's /usr/bin/python3
    (python3-django), which a pyenv or venv python3 on PATH does not see."""
    candidates = [os.environ.get("DJANGO_PYTHON"), sys.executable, "/usr/bin/python3"]
    for py in filter(None, candidates):
        if subprocess.run([py, "-c", "import django"], capture_output=True).returncode == 0:
            return py
    lib.skip("no python3 with Django: install the Debian package python3-django "
             "(scripts/setup.sh does), or set DJANGO_PYTHON")


def snapshot(db):
    return {t: db.rows(t) for t in db.tables() if not t.startswith("__schemac")}


def adopt(args):
    work = Path(lib.workdir("schemac-adopt-django-"))
    try:
        body(args, work)
    finally:
        if args.keep:
            print(f"kept {work}")
        else:
            shutil.rmtree(work, ignore_errors=True)


def body(args, work):
    S = args.schemac
    py = django_python()
    proj = work / "site"
    shutil.copytree(Path(args.source_dir) / "tests" / "adopt" / "django_project", proj)
    db_file = proj / "django.db"
    denv = {"DJANGO_DB": str(db_file), "PYTHONPATH": str(proj),
            "DJANGO_SETTINGS_MODULE": "adoptsite.settings"}
    step("django migrate + rows through the ORM")
    run([py, "-m", "django", "migrate", "-v", "1"], cwd=proj, env=denv, quiet=True)
    run([py, "seed.py"], cwd=proj, env=denv)
    url = f"file:{db_file}"
    db = lib.Database(url)
    before = snapshot(db)
    check(len(before["auth_user"]) == 2 and len(before["django_migrations"]) > 10,
          f"Django made {[(t, len(r)) for t, r in before.items()]}")
    print("rows before:", {t: len(r) for t, r in before.items()})

    (proj / "schemac.toml").write_text(
        '# Django keeps its own migration history in django_migrations: schemac leaves it alone.\n'
        'schema = ["app.schema"]\nout = "migrations"\nignore = ["django_migrations"]\n')
    env = {"DATABASE_URL": url}
    step("schemac status before baseline: an unmanaged database is refused")
    fp = db.fingerprint()
    code, _, _ = run([S, "status"], cwd=proj, env=env, expect=None)
    check(code != 0, "status on an unmanaged database exited 0")
    check(db.fingerprint() == fp, "status on an unmanaged database changed it")

    step("schemac pull")
    run([S, "pull", "-o", "app.schema"], cwd=proj, env=env)
    text = (proj / "app.schema").read_text()
    print(text)
    check("django_migrations" not in text, "pull wrote the ignored table django_migrations")
    check(db.fingerprint() == fp, "pull changed the database")

    step("schemac generate + baseline + status")
    run([S, "generate", "--name", "adopt"], cwd=proj)
    run([S, "baseline"], cwd=proj, env=env)
    _, out, _ = run([S, "status"], cwd=proj, env=env)
    check("drift: none" in out and "0 pending" in out, "status after baseline is not clean")
    after = snapshot(db)
    check(after == before, "baseline changed rows of the Django database")

    step("Django still sees its database fully migrated")
    run([py, "-m", "django", "migrate", "--check"], cwd=proj, env=denv)


if __name__ == "__main__":
    ap = argparse.ArgumentParser()
    ap.add_argument("--schemac", required=True)
    ap.add_argument("--source-dir", required=True)
    ap.add_argument("--keep", action="store_true")
    lib.main(lambda: adopt(ap.parse_args()))
