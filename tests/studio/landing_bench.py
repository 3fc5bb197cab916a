#!/usr/bin/env python3
"""Bench (run by hand, not a test): how long the studio page takes to become interactive in
Chromium on a database with a 1,000,000-row table.

    /usr/bin/python3 tests/studio/landing_bench.py --schemac build/default/tools/schemac/schemac [--rows N] [--runs R]

Builds a project (one schema, `schemac push`, N rows inserted by python3's sqlite3), starts
`schemac studio --port 0` on it and loads each page R times in headless Chromium at 1280x720
(the pages in turn, after one round that is not counted).
"Interactive" is window.__studioReady, which the page sets once its first view is drawn (data
fetched and rendered), in ms since navigation start; printed as min / median / max, with the
navigation's domContentLoaded for comparison, then where the time went (medians, from the
Navigation and Resource Timing entries): the HTML's request start and first byte (TTFB) and
last byte, each other request the page made (assets, API) from start to last byte, and render
= interactive minus the later of the script's start and the last byte of the last request. `--floor` also loads a one-line static
page (served by python3's http.server, an inline script sets the mark) as this machine's
Chromium floor."""
import argparse
import http.server
import os
import re
import shutil
import signal
import sqlite3
import statistics
import subprocess
import tempfile
import threading
import time

from selenium import webdriver
from selenium.webdriver.chrome.service import Service

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


# One load's timings, in ms since navigation start.
TIMINGS_JS = """
const n = performance.getEntriesByType('navigation')[0];
const mark = performance.getEntriesByName('studio-script')[0];
const fcp = performance.getEntriesByName('first-contentful-paint')[0];
const out = {ready: window.__studioReady, html_request: n.requestStart, html_ttfb: n.responseStart,
             html_done: n.responseEnd, script: mark ? mark.startTime : null,
             fcp: fcp ? fcp.startTime : null, dcl: n.domContentLoadedEventEnd, requests: []};
for (const r of performance.getEntriesByType('resource')) {
  const u = new URL(r.name);
  if (r.startTime > out.ready) continue;  // e.g. the floor page's /favicon.ico
  out.requests.push({name: u.pathname + (u.pathname.startsWith('/api/') ? u.search : ''),
                     start: r.startTime, ttfb: r.responseStart, end: r.responseEnd});
}
return out;
"""


def report(page, loads, runs):
    med = lambda xs: statistics.median(xs) if xs else float("nan")
    ready = [t["ready"] for t in loads]
    print(f"{page:16} interactive (__studioReady): min {min(ready):.0f} ms, median "
          f"{med(ready):.0f} ms, max {max(ready):.0f} ms; "
          f"domContentLoaded median {med([t['dcl'] for t in loads]):.0f} ms ({runs} runs)")
    parts = [f"html request {med([t['html_request'] for t in loads]):.1f}",
             f"ttfb {med([t['html_ttfb'] for t in loads]):.1f}",
             f"done {med([t['html_done'] for t in loads]):.1f}"]
    for key, label in (("script", "script starts"), ("fcp", "first contentful paint")):
        xs = [t[key] for t in loads if t[key] is not None]
        if xs:
            parts.append(f"{label} {med(xs):.1f}")
    names = []
    for t in loads:
        for r in t["requests"]:
            if r["name"] not in names:
                names.append(r["name"])
    for name in names:
        rs = [r for t in loads for r in t["requests"] if r["name"] == name]
        parts.append(f"{name} {med([r['start'] for r in rs]):.1f}..{med([r['end'] for r in rs]):.1f}"
                     + ("" if len(rs) == len(loads) else f" ({len(rs)}/{len(loads)} loads)"))
    last = [max([t["html_done"], t["script"] or 0] + [r["end"] for r in t["requests"]]) for t in loads]
    parts.append(f"render {med([t['ready'] - e for t, e in zip(loads, last)]):.1f}")
    print(f"{'':16} phases (median ms since navigation start): " + "; ".join(parts))


# Waiting and reading go through CDP's Runtime.evaluate, not WebDriver's execute_script:
# chromedriver's first execute_script in a document compiles a large helper script on the page's
# main thread (a 50-80 ms long task on this VM), which would land inside the measured window.
WAIT_JS = """new Promise(done => { const poll = () => window.__studioReady !== undefined ? done(true)
                                                   : setTimeout(poll, 5); poll(); })"""


def evaluate(driver, expression):
    r = driver.execute_cdp_cmd("Runtime.evaluate", {"expression": expression, "awaitPromise": True,
                                                    "returnByValue": True})
    if "exceptionDetails" in r:
        raise SystemExit(f"page script failed: {r['exceptionDetails']}")
    return r["result"].get("value")


def measure(driver, pages, runs):
    """Loads each of `pages` (label -> URL) in turn, runs + 1 rounds, the pages interleaved so
    that each meets the browser in the same state (its first loads are the slowest); the
    first round warms the caches and is not counted."""
    loads = {label: [] for label in pages}
    for _ in range(runs + 1):
        for label, url in pages.items():
            driver.get("about:blank")
            driver.get(url)
            evaluate(driver, WAIT_JS)
            time.sleep(0.3)  # let the first contentful paint be recorded
            loads[label].append(evaluate(driver, "(() => {" + TIMINGS_JS + "})()"))
    return {label: got[1:] for label, got in loads.items()}


class FloorPage(http.server.BaseHTTPRequestHandler):
    BODY = (b"<!doctype html><link rel=icon href='data:,'><script>performance.mark('studio-script');"
            b" window.__studioReady = performance.now()</script>floor\n")

    def do_GET(self):
        self.send_response(200)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(self.BODY)))
        self.end_headers()
        self.wfile.write(self.BODY)

    def log_message(self, *args):
        pass


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--schemac", required=True)
    ap.add_argument("--rows", type=int, default=1_000_000)
    ap.add_argument("--runs", type=int, default=7)
    ap.add_argument("--keep", help="build the fixture in this directory once and reuse it")
    ap.add_argument("--floor", action="store_true", help="also time a one-line static page")
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
        driver.set_page_load_timeout(60)
        pages = {page: url + page for page in ("#/tables", "#/table/events")}
        floor = None
        if args.floor:
            floor = http.server.ThreadingHTTPServer(("127.0.0.1", 0), FloorPage)
            threading.Thread(target=floor.serve_forever, daemon=True).start()
            pages["static floor"] = f"http://127.0.0.1:{floor.server_port}/"
        for label, loads in measure(driver, pages, args.runs).items():
            report(label, loads, args.runs)
        if floor is not None:
            floor.shutdown()
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
