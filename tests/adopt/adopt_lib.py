"""Shared pieces of the adoption tests (tests/adopt): running schemac and the real tools they
adopt databases from (drizzle-kit from npm, Django from Debian), a tursodb server, and reading a
database (a file through sqlite3, a tursodb server through Hrana over HTTP) to compare its rows
and schema before and after a command.

Every step prints the command it runs and its output, so a failing ctest log shows the whole
session. A missing tool the test cannot install is a loud SKIP (exit 77), and a failure under
CI=1."""

import base64
import contextlib
import hashlib
import json
import os
import shutil
import signal
import socket
import sqlite3
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

SKIP = 77  # ctest SKIP_RETURN_CODE


class Failure(Exception):
    pass


def fail(msg):
    raise Failure(msg)


def check(cond, msg):
    if not cond:
        fail(msg)


def skip(msg):
    """A missing prerequisite: loud, and fatal under CI (where setup installed everything)."""
    print(f"SKIP: {msg}", file=sys.stderr, flush=True)
    if os.environ.get("CI"):
        print("FAIL: CI is set, so a missing prerequisite is an error", file=sys.stderr)
        sys.exit(1)
    sys.exit(SKIP)


def main(body):
    """Runs body(); a Failure prints one FAIL line and exits 1."""
    try:
        body()
    except Failure as e:
        print(f"FAIL: {e}", file=sys.stderr, flush=True)
        sys.exit(1)
    print("PASS", flush=True)


def step(title):
    print(f"\n=== {title}", flush=True)


def run(cmd, cwd=None, env=None, expect=0, quiet=False, timeout=120):
    """Runs cmd, prints it and its output; expect is the exit code wanted (None: any).
    Returns (code, stdout, stderr)."""
    full_env = dict(os.environ)
    full_env.update(env or {})
    shown = " ".join(str(c) for c in cmd)
    extra = " ".join(f"{k}={v}" for k, v in (env or {}).items())
    print(f"$ {extra + ' ' if extra else ''}{shown}", flush=True)
    p = subprocess.run([str(c) for c in cmd], cwd=cwd, env=full_env, capture_output=True,
                       text=True, timeout=timeout)
    if not quiet:
        for stream in (p.stdout, p.stderr):
            if stream.strip():
                print(stream.rstrip(), flush=True)
    print(f"[exit {p.returncode}]", flush=True)
    if expect is not None and p.returncode != expect:
        if quiet:
            print(p.stdout + p.stderr, flush=True)
        fail(f"`{shown}` exited {p.returncode}, expected {expect}")
    return p.returncode, p.stdout, p.stderr


# --- tools -----------------------------------------------------------------------------------

def npm_install(source_dir, build_dir, script, what, installed):
    """Runs scripts/<script> (pinned npm packages into the build directory) unless installed()
    already holds; skips loudly when npm cannot deliver them."""
    if installed():
        return
    path = Path(source_dir) / "scripts" / script
    print(f"{what} is not installed in {build_dir}: running {path}", flush=True)
    p = subprocess.run(["bash", str(path), str(build_dir)], capture_output=True, text=True)
    if p.returncode != 0 or not installed():
        skip(f"cannot install {what} from npm (npm unreachable?): {path} exited "
             f"{p.returncode} {(p.stdout + p.stderr).strip()[-400:]}")


def drizzle_modules(source_dir, build_dir):
    """BUILD_DIR/npm-drizzle/node_modules, installing the pinned packages when missing."""
    modules = Path(build_dir) / "npm-drizzle" / "node_modules"
    npm_install(source_dir, build_dir, "install-drizzle.sh",
                "drizzle-kit, drizzle-orm and @libsql/client",
                lambda: (modules / ".bin" / "drizzle-kit").exists())
    return modules


def tursodb_binary(source_dir, build_dir):
    root = Path(build_dir) / "npm" / "node_modules" / "@tursodatabase"
    npm_install(source_dir, build_dir, "install-tursodb.sh", "tursodb (npm package turso)",
                lambda: bool(list(root.glob("*/tursodb"))))
    return sorted(root.glob("*/tursodb"))[0]


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextlib.contextmanager
def tursodb_server(source_dir, build_dir, db_file):
    """A tursodb serving db_file on a free loopback port; yields its http:// URL."""
    binary = tursodb_binary(source_dir, build_dir)
    for _ in range(3):
        port = free_port()
        log = open(f"{db_file}.server.log", "w")
        proc = subprocess.Popen([str(binary), str(db_file), "--experimental-generated-columns",
                                 "--sync-server", f"127.0.0.1:{port}"],
                                stdout=log, stderr=subprocess.STDOUT)
        deadline = time.time() + 20
        up = False
        while time.time() < deadline and proc.poll() is None:
            with socket.socket() as s:
                if s.connect_ex(("127.0.0.1", port)) == 0:
                    up = True
                    break
            time.sleep(0.05)
        if up:
            try:
                yield f"http://127.0.0.1:{port}"
            finally:
                proc.send_signal(signal.SIGKILL)
                proc.wait()
                log.close()
            return
        proc.kill()
        proc.wait()
        log.close()
    fail(f"tursodb did not start serving {db_file} (see {db_file}.server.log)")


# --- the Drizzle project ---------------------------------------------------------------------

def make_drizzle_project(source_dir, modules, workdir):
    """Copies tests/adopt/drizzle_project to workdir/app and lets drizzle-kit generate its three
    migrations from schema.v1.ts, v2 and v3 (each copied to schema.ts first). Returns the dir."""
    proj = Path(workdir) / "app"
    shutil.copytree(Path(source_dir) / "tests" / "adopt" / "drizzle_project", proj)
    (proj / "node_modules").symlink_to(modules)
    for v in (1, 2, 3):
        shutil.copy(proj / f"schema.v{v}.ts", proj / "schema.ts")
        run([modules / ".bin" / "drizzle-kit", "generate", "--name", f"v{v}"], cwd=proj)
    journal = json.loads((proj / "drizzle" / "meta" / "_journal.json").read_text())
    check([e["tag"] for e in journal["entries"]] == ["0000_v1", "0001_v2", "0002_v3"],
          f"drizzle-kit wrote the journal {journal['entries']}")
    return proj


def drizzle_migrate_and_seed(proj, modules, url):
    """Applies the drizzle/ migrations to url and inserts the test rows with drizzle-orm.
    A file gets `drizzle-kit migrate` itself; tursodb gets drizzle-orm's libSQL migrator (what
    drizzle-kit migrate runs for dialect turso) through a fetch that drops the Hrana `close`
    requests tursodb rejects (drizzle_project/tursodb_fetch.ts explains)."""
    env = {"DATABASE_URL": url}
    if url.startswith("file:"):
        run([modules / ".bin" / "drizzle-kit", "migrate"], cwd=proj, env=env)
    else:
        env["TURSODB"] = "1"
        run([modules / ".bin" / "tsx", "migrate.ts"], cwd=proj, env=env)
    run([modules / ".bin" / "tsx", "seed.ts"], cwd=proj, env=env)


# --- reading a database ----------------------------------------------------------------------

def _hrana_value(v):
    t = v["type"]
    if t == "null":
        return None
    if t == "integer":
        return int(v["value"])
    if t == "float":
        return float(v["value"])
    if t == "text":
        return v["value"]
    if t == "blob":
        return base64.b64decode(v.get("base64", ""))
    fail(f"unknown Hrana value {v}")


class Database:
    """Reads (and, for test set-up only, writes) a database by URL: file: through sqlite3,
    http: through Hrana 2 pipelines (one request per statement, no baton: tursodb has none)."""

    def __init__(self, url):
        self.url = url

    def file(self):
        check(self.url.startswith("file:"), "not a file URL")
        return Path(self.url[len("file:"):])

    def query(self, sql):
        if self.url.startswith("file:"):
            con = sqlite3.connect(self.file())
            try:
                cur = con.execute(sql)
                cols = [d[0] for d in cur.description] if cur.description else []
                rows = cur.fetchall()
                con.commit()
            finally:
                con.close()
            return cols, [tuple(r) for r in rows]
        body = json.dumps({"baton": None, "requests": [
            {"type": "execute", "stmt": {"sql": sql, "want_rows": True}}]}).encode()
        req = urllib.request.Request(self.url + "/v2/pipeline", data=body,
                                     headers={"content-type": "application/json"})
        with urllib.request.urlopen(req, timeout=30) as resp:
            out = json.loads(resp.read())
        res = out["results"][0]
        if res["type"] != "ok":
            fail(f"{sql}: {res.get('error')}")
        r = res["response"]["result"]
        return [c["name"] for c in r["cols"]], [tuple(_hrana_value(v) for v in row)
                                                  for row in r["rows"]]

    def execute(self, sql):
        self.query(sql)

    def tables(self):
        _, rows = self.query("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT "
                             "LIKE 'sqlite_%' ORDER BY name")
        return [r[0] for r in rows]

    def rows(self, table, order="rowid"):
        """Every row of table as a list of {column: value}, in order."""
        cols, rows = self.query(f'SELECT * FROM "{table}" ORDER BY {order}')
        return [dict(zip(cols, r)) for r in rows]

    def fingerprint(self):
        """What `changes nothing` compares: the file's bytes (sha256) for a file; the schema and
        every row for a server."""
        if self.url.startswith("file:"):
            f = self.file()
            check(not Path(str(f) + "-wal").exists() or Path(str(f) + "-wal").stat().st_size == 0,
                  f"{f}-wal holds uncheckpointed pages")
            return hashlib.sha256(f.read_bytes()).hexdigest()
        parts = [self.query("SELECT type, name, tbl_name, sql FROM sqlite_master ORDER BY name")]
        for t in self.tables():
            parts.append(self.query(f'SELECT * FROM "{t}"'))
        return hashlib.sha256(repr(parts).encode()).hexdigest()


def workdir(prefix):
    return tempfile.mkdtemp(prefix=prefix, dir=os.environ.get("TMPDIR", "/tmp"))
