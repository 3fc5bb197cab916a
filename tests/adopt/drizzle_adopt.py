#!/usr/bin/env python3
"""Adopting a database drizzle-kit made, end to end with the real tools.

drizzle-kit (npm) generates three migrations from tests/adopt/drizzle_project/schema.v1..3.ts,
applies them to a SQLite file or a tursodb server, and drizzle-orm inserts rows. Then, as the
README's "Coming from Drizzle" says:

    schemac import drizzle            -> schema/app.schema (modes from schema.ts), schemac.toml
                                         with ignore = ["__drizzle_migrations"]
    schemac generate --name adopt     -> migration 0000 = the imported schema
    schemac baseline                  -> 0000 marked applied, after proving the database equals it
    schemac status                    -> exit 0, no drift
    edit app.schema (add a column, rename one with `was`, add an index)
    schemac generate --name edit
    schemac migrate                   -> every row kept, __drizzle_migrations untouched
    schemac status                    -> clean

and a C++ program built from `schemac codegen` reads the seconds timestamp Drizzle wrote as the
same instant. Usage: drizzle_adopt.py --target file|tursodb --schemac BIN --source-dir DIR
--build-dir DIR --cxx CXX [--cxx-flags FLAGS] --runtime-lib LIB --support-lib LIB"""

import argparse
import re
import shutil
from pathlib import Path

import adopt_lib as lib
from adopt_lib import check, run, step

# What seed.ts wrote (see there): seconds for users.created_at and sessions.expires_at,
# milliseconds for invoices.issued_at.
CREATED_S = 1709296496  # 2024-03-01T12:34:56Z
ISSUED_MS = 1709366400123  # 2024-03-02T08:00:00.123Z

USER_TABLES = ["invoice_items", "invoice_labels", "invoices", "labels", "sessions", "users"]

CPP_PROGRAM = r"""
#include <chrono>
#include <cstdio>

#include "schema.h"

namespace rt = schemac::rt;
using std::chrono::duration_cast;
using std::chrono::milliseconds;

template <class T>
long long ms(const T& t) {
  return static_cast<long long>(duration_cast<milliseconds>(t.time_since_epoch()).count());
}

// Prints the timestamps Drizzle wrote, as milliseconds since the epoch, read through the
// generated header (and refuses a database that is not at the schema's last migration).
int main(int, char** argv) {
  auto conn = rt::open(argv[1]);
  adopt::verify(*conn);
  for (const auto& u : rt::select(*conn, adopt::users).orderBy(adopt::users.id))
    std::printf("user %lld created_at %lld\n", static_cast<long long>(u.id), ms(u.created_at));
  for (const auto& s : rt::select(*conn, adopt::sessions).orderBy(adopt::sessions.id))
    std::printf("session %s expires_at %lld created_at %lld revoked %d\n", s.id.c_str(),
                ms(s.expires_at), ms(s.created_at), s.revoked ? 1 : 0);
  for (const auto& i : rt::select(*conn, adopt::invoices).orderBy(adopt::invoices.id))
    std::printf("invoice %lld issued_at %lld status %s\n", static_cast<long long>(i.id),
                i.issued_at ? ms(*i.issued_at) : -1LL, std::string(to_string(i.status)).c_str());
  return 0;
}
"""


def snapshot(db):
    rows = {t: db.rows(t) for t in USER_TABLES}
    drizzle = db.rows("__drizzle_migrations", order="created_at")
    return rows, drizzle


def table_block(text, table):
    m = re.search(r"^table " + re.escape(table) + r"\b[^{]*\{\n(.*?)^\}", text, re.S | re.M)
    check(m, f"no `table {table}` in the imported schema")
    return m


def edit_schema(path):
    """The three edits of the test: users gains `phone`, invoices.total_cents becomes
    amount_cents (`was total_cents`), invoice_items gains an index on description."""
    text = path.read_text()
    m = table_block(text, "users")
    text = text[:m.end(1)] + "  phone text?\n" + text[m.end(1):]
    m = table_block(text, "invoices")
    body = m.group(1)
    new_body, n = re.subn(r"^(\s+)total_cents(\s+)(.*)$", r"\1amount_cents\2\3 was total_cents",
                          body, count=1, flags=re.M)
    check(n == 1, "no total_cents column in the imported invoices table")
    text = text[:m.start(1)] + new_body + text[m.end(1):]
    m = table_block(text, "invoice_items")
    text = text[:m.end(1)] + "\n  index invoice_items_description (description)\n" + text[m.end(1):]
    path.write_text(text)


def expected_after(before):
    rows = {t: [dict(r) for r in rs] for t, rs in before.items()}
    for r in rows["users"]:
        r["phone"] = None
    for r in rows["invoices"]:
        r["amount_cents"] = r.pop("total_cents")
    return rows


def compile_reader(args, proj, work):
    step("C++: codegen + a program built against the runtime")
    gen = Path(work) / "gen"
    run([args.schemac, "codegen", "--cpp-out", gen, "--namespace", "adopt"], cwd=proj)
    src = Path(work) / "reader.cpp"
    src.write_text(CPP_PROGRAM)
    exe = Path(work) / "reader"
    src_dir = Path(args.source_dir)
    run([args.cxx, *args.cxx_flags.split(), "-std=c++20", "-O0", "-Wall", "-Wextra", "-Werror",
         "-I", gen,
         "-I", src_dir / "runtime" / "include", "-I", src_dir / "support" / "include",
         src, "-o", exe, args.runtime_lib, args.support_lib, "-lsqlite3", "-lcurl"],
        timeout=300)
    return exe


def adopt(args):
    work = lib.workdir(f"schemac-adopt-drizzle-{args.target}-")
    try:
        body(args, Path(work))
    finally:
        if not args.keep:
            shutil.rmtree(work, ignore_errors=True)
        else:
            print(f"kept {work}")


def body(args, work):
    modules = lib.drizzle_modules(args.source_dir, args.build_dir)
    step("drizzle-kit generate (three versions of schema.ts)")
    proj = lib.make_drizzle_project(args.source_dir, modules, work)
    if args.target == "file":
        flow(args, proj, work, modules, "file:" + str(proj / "app.db"))
    else:
        with lib.tursodb_server(args.source_dir, args.build_dir, work / "remote.db") as url:
            flow(args, proj, work, modules, url)


def flow(args, proj, work, modules, url):
    S = args.schemac
    db = lib.Database(url)
    step(f"drizzle migrate + seed ({url})")
    lib.drizzle_migrate_and_seed(proj, modules, url)
    before, drizzle_before = snapshot(db)
    check(len(drizzle_before) == 3, f"__drizzle_migrations has {drizzle_before}")
    check(before["users"][0]["created_at"] == CREATED_S, f"seed wrote {before['users'][0]}")
    print("rows before:", {t: len(r) for t, r in before.items()})

    step("schemac import drizzle")
    run([S, "import", "drizzle"], cwd=proj)
    schema = proj / "schema" / "app.schema"
    print(schema.read_text())
    toml = proj / "schemac.toml"
    check(toml.exists(), "import drizzle wrote no schemac.toml")
    check(re.search(r'^ignore = \[.*"__drizzle_migrations".*\]', toml.read_text(), re.M),
          "import drizzle did not add __drizzle_migrations to ignore")
    if args.target == "tursodb":
        # tursodb drops AUTOINCREMENT on ALTER TABLE ADD COLUMN (docs/remote.md).
        toml.write_text(toml.read_text() + "rebuild_autoincrement = true\n")
    print(toml.read_text())
    env = {"DATABASE_URL": url}

    step("schemac generate: migration 0000 = the imported schema")
    run([S, "generate", "--name", "adopt"], cwd=proj)
    check(any(p.name.startswith("0000_adopt") for p in (proj / "migrations").iterdir()),
          "generate wrote no 0000_adopt migration")
    fp = db.fingerprint()
    step("schemac status before baseline: an unmanaged database is refused")
    code, out, err = run([S, "status"], cwd=proj, env=env, expect=None)
    check(code != 0, "status on an unmanaged database exited 0")
    check(db.fingerprint() == fp, "status on an unmanaged database changed it")

    step("schemac baseline")
    run([S, "baseline"], cwd=proj, env=env)  # checks __drizzle_migrations too (toml `drizzle`)
    step("schemac baseline again (idempotent)")
    run([S, "baseline"], cwd=proj, env=env)
    step("schemac status: clean")
    code, out, err = run([S, "status"], cwd=proj, env=env)
    check("drift: none" in out, "status does not say `drift: none` after baseline")
    check(snapshot(db) == (before, drizzle_before), "baseline changed rows")

    step("edit app.schema: add users.phone, rename total_cents (was), add an index")
    edit_schema(schema)
    run([S, "generate", "--name", "edit"], cwd=proj)
    for f in sorted((proj / "migrations").glob("0001_edit*.sql")):
        print(f"--- {f.name}\n{f.read_text()}")
    step("schemac migrate")
    run([S, "migrate"], cwd=proj, env=env)
    after, drizzle_after = snapshot(db)
    print("rows after:", {t: len(r) for t, r in after.items()})
    check(drizzle_after == drizzle_before, f"__drizzle_migrations changed: {drizzle_after}")
    want = expected_after(before)
    for t in USER_TABLES:
        check(after[t] == want[t], f"{t}: rows before {want[t]} != after {after[t]}")
    _, idx = db.query("SELECT name FROM sqlite_master WHERE type = 'index' AND "
                      "name = 'invoice_items_description'")
    check(idx, "the new index is missing")
    step("schemac status after migrate: clean")
    _, out, _ = run([S, "status"], cwd=proj, env=env)
    check("drift: none" in out and "0 pending" in out, "status after migrate is not clean")

    exe = compile_reader(args, proj, work)
    step("the generated C++ reads what Drizzle wrote")
    _, out, _ = run([exe, url], cwd=work)
    check(f"user 1 created_at {CREATED_S * 1000}\n" in out,
          f"users.created_at (timestamp(s)) not read as {CREATED_S} s")
    check(f"session sess-a expires_at {CREATED_S * 1000} created_at {ISSUED_MS} revoked 1" in out,
          "sessions row not read as Drizzle wrote it")
    check(f"invoice 1 issued_at {ISSUED_MS} status paid" in out,
          "invoices.issued_at (timestamp ms) or the enum not read as Drizzle wrote it")


if __name__ == "__main__":
    ap = argparse.ArgumentParser()
    ap.add_argument("--target", choices=["file", "tursodb"], required=True)
    ap.add_argument("--schemac", required=True)
    ap.add_argument("--source-dir", required=True)
    ap.add_argument("--build-dir", required=True)
    ap.add_argument("--cxx", default="c++")
    ap.add_argument("--cxx-flags", default="", help="CMAKE_CXX_FLAGS (the sanitizers under asan)")
    ap.add_argument("--runtime-lib", required=True)
    ap.add_argument("--support-lib", required=True)
    ap.add_argument("--keep", action="store_true", help="keep the work directory")
    lib.main(lambda: adopt(ap.parse_args()))
