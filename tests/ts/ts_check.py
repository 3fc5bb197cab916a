"""The TypeScript module, proved (issue 17): for one schema, schemac migrates a fresh SQLite
database and generates schema.ts and types.ts; then
  - tsc --noEmit --strict passes on them, and types.ts's row types are exactly drizzle-orm's
    $inferSelect / $inferInsert of schema.ts;
  - drizzle-kit, comparing schema.ts with its own snapshot of the database (drizzle-kit pull),
    finds nothing to change (drizzle_equal.cjs; docs/typescript.md "Proof");
  - with --example: the example's program (src/main.ts) compiles and runs on the database;
  - with --roundtrip: roundtrip.ts inserts and reads back every column type through
    drizzle-orm and @libsql/client, and wrong_query.ts fails tsc with the expected messages.
npm packages come from scripts/install-ts.sh (BUILD_DIR/npm-ts); npm unreachable is a loud SKIP.

Usage: ts_check.py --schemac BIN --source-dir DIR --build-dir DIR --name NAME [--roundtrip]
                   SCHEMA...
"""

import argparse
import json
import os
import re
import shutil
import sqlite3
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "adopt"))
from adopt_lib import check, fail, main, npm_install, run, step  # noqa: E402

HERE = Path(__file__).resolve().parent
TSCONFIG = {
    "compilerOptions": {
        "strict": True,
        "noEmit": True,
        "target": "ES2022",
        "module": "CommonJS",
        "moduleResolution": "node10",
        "esModuleInterop": True,
        "skipLibCheck": True,
        "types": ["node"],
    },
}


def pascal(name):
    return "".join(p[:1].upper() + p[1:] for p in re.split(r"[_\- ]", name) if p)


def same_types_ts(schema_ts):
    """A module that compiles only if every table's row types in types.ts are drizzle-orm's."""
    lines = [
        'import * as s from "./gen/schema";',
        'import type * as t from "./gen/types";',
        "type Equal<A, B> = (<X>() => X extends A ? 1 : 2) extends <X>() => X extends B ? 1 : 2",
        "  ? true",
        "  : false;",
    ]
    tables = re.findall(r'export const (\w+) = sqliteTable\(\n\s*"([^"]+)"', schema_ts)
    check(tables, "schema.ts declares no table")
    for const, name in tables:
        p = pascal(name)
        lines.append(f"export const {const}Select: Equal<typeof s.{const}.$inferSelect, t.{p}Select> = true;")
        lines.append(f"export const {const}Insert: Equal<typeof s.{const}.$inferInsert, t.{p}Insert> = true;")
    return "\n".join(lines) + "\n", len(tables)


def body(args):
    modules = Path(args.build_dir) / "npm-ts" / "node_modules"
    npm_install(args.source_dir, args.build_dir, "install-ts.sh",
                "typescript, drizzle-orm, drizzle-kit and @libsql/client",
                lambda: (modules / ".bin" / "tsc").exists() and (modules / ".bin" / "drizzle-kit").exists())
    bin_dir = modules / ".bin"
    work = Path(tempfile.mkdtemp(prefix=f"schemac-ts-{args.name}-"))
    try:
        (work / "node_modules").symlink_to(modules.resolve())
        db = work / "app.db"
        schemas = [str(Path(s).resolve()) for s in args.schema]

        step(f"{args.name}: schemac generate + migrate a fresh database")
        run([args.schemac, "generate", *schemas, "--out", work / "migrations"])
        run([args.schemac, "migrate", "--out", work / "migrations", "--url", f"file:{db}"])

        step(f"{args.name}: schemac codegen --ts-out (twice: the second writes nothing)")
        codegen = [args.schemac, "codegen", *schemas, "--ts-out", work / "gen", "--migrations", work / "migrations"]
        run(codegen)
        _, out, _ = run(codegen)
        check(out.count("unchanged") == 2, "a second codegen rewrote a file")
        schema_ts = (work / "gen" / "schema.ts").read_text()
        fingerprint = re.search(r'SCHEMA_FINGERPRINT = "([0-9a-f]{64})"', schema_ts)
        check(fingerprint, "schema.ts exports no SCHEMA_FINGERPRINT")
        journal = json.loads((work / "migrations" / "meta" / "_journal.json").read_text())
        recorded = [e.get("fingerprint") for e in journal.get("entries", [])]
        check(recorded and recorded[-1] == fingerprint.group(1),
              f"SCHEMA_FINGERPRINT {fingerprint.group(1)} is not the newest migration's {recorded[-1:]}")
        tag = journal["entries"][-1]["tag"]
        check(f'SCHEMA_MIGRATION: string | null = "{tag}";' in schema_ts, f"SCHEMA_MIGRATION is not {tag}")

        step(f"{args.name}: tsc --noEmit --strict (and types.ts = drizzle-orm's row types)")
        same, count = same_types_ts(schema_ts)
        (work / "same_types.ts").write_text(same)
        files = ["gen/schema.ts", "gen/types.ts", "same_types.ts"]
        if args.roundtrip:
            shutil.copy(HERE / "roundtrip.ts", work / "roundtrip.ts")
            files.append("roundtrip.ts")
        (work / "tsconfig.json").write_text(json.dumps({**TSCONFIG, "files": files}, indent=2))
        run([bin_dir / "tsc", "-p", work], cwd=work, timeout=300)
        print(f"tsc --strict: OK ({len(files)} files, {count} tables' row types equal)", flush=True)

        step(f"{args.name}: drizzle-kit finds no change between schema.ts and the database")
        run([bin_dir / "tsc", "-p", work, "--noEmit", "false", "--outDir", work / "js"], cwd=work, timeout=300)
        run([bin_dir / "drizzle-kit", "pull", "--dialect", "sqlite", "--url", f"file:{db}",
             "--out", work / "pulled", "--tablesFilter", "!__schemac*"], cwd=work, quiet=True)
        shutil.copy(HERE / "drizzle_equal.cjs", work / "drizzle_equal.cjs")  # resolves node_modules
        code, out, _ = run(["node", work / "drizzle_equal.cjs", work / "js" / "gen" / "schema.js",
                            work / "pulled" / "meta" / "0000_snapshot.json", db], cwd=work, expect=None)
        check(code == 0 and "No changes detected" in out, "drizzle-kit sees differences (above)")

        if args.example:
            step(f"{args.name}: the example's TypeScript program on the same database")
            example = Path(args.example)
            app = work / "example"
            shutil.copytree(example / "src", app / "src", ignore=shutil.ignore_patterns("db"))
            shutil.copytree(work / "gen", app / "src" / "db")
            shutil.copy(example / "tsconfig.json", app / "tsconfig.json")
            (app / "node_modules").symlink_to(modules.resolve())
            with sqlite3.connect(db) as conn:  # what the C++ example seeds, in short
                conn.execute("INSERT INTO organisations (name, slug) VALUES ('Acme', 'acme')")
                conn.execute("INSERT INTO customers (organisation_id, name) VALUES (1, 'Babbage & Co')")
                conn.execute("INSERT INTO invoices (public_id, organisation_id, customer_id, number, status,"
                             " subtotal, tax, issued_on) VALUES ('u1', 1, 1, 'INV-1', 'sent', 100, 20, '2026-11-03')")
            run([bin_dir / "tsc", "-p", app], cwd=app, timeout=300)
            _, out, _ = run(["node", app / "dist" / "main.js", f"file:{db}"], cwd=app)
            check("recorded a payment of 120 for INV-1" in out and "1 paid" in out,
                  "the example did not record the payment")
            _, _, err = run(["node", app / "dist" / "main.js", f"file:{work / 'none.db'}"], cwd=app, expect=1)
            check("is at no migration, this build needs 0000_init" in err, "the start-up check did not refuse")

        if args.roundtrip:
            step(f"{args.name}: a typed query through drizzle-orm and @libsql/client")
            _, out, _ = run(["node", work / "js" / "roundtrip.js", db], cwd=work)
            check("ROUNDTRIP OK" in out, "roundtrip did not finish")

            step(f"{args.name}: wrong queries fail tsc")
            shutil.copy(HERE / "wrong_query.ts", work / "wrong_query.ts")
            (work / "tsconfig.json").write_text(
                json.dumps({**TSCONFIG, "files": ["gen/schema.ts", "wrong_query.ts"]}, indent=2))
            code, out, err = run([bin_dir / "tsc", "-p", work], cwd=work, expect=None, timeout=300)
            check(code != 0, "tsc accepted wrong_query.ts")
            for want in ["Property 'nosuchColumn' does not exist",
                         "Type '\"furious\"' is not assignable",
                         "Type '\"blue\"' is not assignable"]:
                check(want in out + err, f"tsc's errors do not mention {want}")
            errors = re.findall(r"wrong_query\.ts\((\d+),\d+\): error", out + err)
            check(len(set(errors)) == 3, f"expected an error on each of 3 lines, got lines {sorted(set(errors))}")
    finally:
        if os.environ.get("SCHEMAC_KEEP_TEMP"):
            print(f"kept {work}")
        else:
            shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    parser = argparse.ArgumentParser()
    parser.add_argument("--schemac", required=True)
    parser.add_argument("--source-dir", required=True)
    parser.add_argument("--build-dir", required=True)
    parser.add_argument("--name", required=True)
    parser.add_argument("--roundtrip", action="store_true")
    parser.add_argument("--example", help="an example's ts/ directory: compile and run src/main.ts")
    parser.add_argument("schema", nargs="+")
    a = parser.parse_args()
    main(lambda: body(a))
