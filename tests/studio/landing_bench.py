#!/usr/bin/env python3
"""Bench (run by hand, not a test): how long the studio page takes to become interactive in
Chromium on a database with a 1,000,000-row table.

    /usr/bin/python3 tests/studio/landing_bench.py --schemac build/default/tools/schemac/schemac [--rows N] [--runs R]

Builds a project (one schema, `schemac push`, N rows inserted by python3's sqlite3), starts
`schemac studio --port 0` on it and loads each page R times in headless Chromium at 1280x720.
"Interactive" is window.__studioReady, which the page sets once its first view is drawn (data
fetched and rendered), in ms since navigation start; printed as min / median / max, with the
navigation's domContentLoaded for comparison."""
import argparse
import os
import re
import shutil
import signal
import sqlite3
import statistics
import subprocess
import tempfile
import time

from selenium import webdriver
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.support.ui import WebDriverWait

SCHEMA = """namespace bench
enum event_kind { view click buy }
table accounts {
  id    int   primary autoincrement
  name  text
}
table events {
  id          int         primary autoincrement
  account_id  int         references accounts(id)
  kind        event_kind
  amount      decimal(12, 2)?
  created_at  timestamp
  payload     json?
  note        text?
  index (account_id)
}
"""


def build(work, schemac, rows):
    with open(os.path.join(work, "s.schema"), "w") as f:
        f.write(SCHEMA)
    with open(os.path.join(work, "schemac.toml"), "w") as f:
        f.write('schema = ["s.schema"]\nout = "migrations"\nurl = "file:./bench.db"\n')
    open(os.path.join(work, "bench.db"), "w").close()
    subprocess.run([schemac, "push"], cwd=work, check=True, stdout=subprocess.DEVNULL)
    db = sqlite3.connect(os.path.join(work, "bench.db"))
    with db:
        db.executemany("INSERT INTO accounts (name) VALUES (?)", ((f"account {i}",) for i in range(1000)))
        kinds = ("view", "click", "buy")
        db.executemany(
            "INSERT INTO events (account_id, kind, amount, created_at, payload, note) VALUES (?, ?, ?, ?, ?, ?)",
            ((i % 1000 + 1, kinds[i % 3], f"{i % 10000}.{i % 100:02d}", 1700000000000 + i * 1000,
              '{"n": %d}' % i if i % 7 == 0 else None, None if i % 5 == 0 else f"event {i}")
             for i in range(rows)))
    db.execute("ANALYZE")
    db.close()


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--schemac", required=True)
    ap.add_argument("--rows", type=int, default=1_000_000)
    ap.add_argument("--runs", type=int, default=7)
    ap.add_argument("--keep", help="build the fixture in this directory once and reuse it")
    args = ap.parse_args()
    schemac = os.path.abspath(args.schemac)
    work = os.path.abspath(args.keep) if args.keep else tempfile.mkdtemp(prefix="schemac-landing-bench-")
    server = driver = None
    try:
        if not os.path.exists(os.path.join(work, "bench.db.done")):
            os.makedirs(work, exist_ok=True)
            t0 = time.time()
            build(work, schemac, args.rows)
            open(os.path.join(work, "bench.db.done"), "w").close()
            print(f"fixture: {args.rows:,} rows in events ({time.time() - t0:.1f} s to build)")
        else:
            print(f"fixture: reusing {work}")
        server = subprocess.Popen([schemac, "studio", "--port", "0"], cwd=work,
                                  stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
        url = None
        while url is None:
            line = server.stdout.readline()
            if not line:
                raise SystemExit("studio did not print its URL")
            m = re.search(r"open (http://\S+)", line)
            url = m.group(1) if m else None
        opts = webdriver.ChromeOptions()
        opts.binary_location = "/usr/bin/chromium"
        for a in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                  "--window-size=1280,720"):
            opts.add_argument(a)
        driver = webdriver.Chrome(service=Service("/usr/bin/chromedriver"), options=opts)
        wait = WebDriverWait(driver, 60)
        for page in ("#/tables", "#/table/events"):
            ready, dcl = [], []
            for _ in range(args.runs + 1):  # the first load warms the caches; not counted
                driver.get("about:blank")
                driver.get(url + page)
                wait.until(lambda d: d.execute_script("return window.__studioReady !== undefined"))
                ready.append(driver.execute_script("return window.__studioReady"))
                dcl.append(driver.execute_script(
                    "return performance.getEntriesByType('navigation')[0].domContentLoadedEventEnd"))
            ready, dcl = ready[1:], dcl[1:]
            print(f"{page:16} interactive (__studioReady): min {min(ready):.0f} ms, median "
                  f"{statistics.median(ready):.0f} ms, max {max(ready):.0f} ms; "
                  f"domContentLoaded median {statistics.median(dcl):.0f} ms ({args.runs} runs)")
    finally:
        if driver is not None:
            driver.quit()
        if server is not None:
            server.send_signal(signal.SIGTERM)
            server.wait(timeout=10)
        if not args.keep:
            shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
