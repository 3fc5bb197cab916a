#!/usr/bin/env python3
"""Real-browser test of `schemac studio`: Debian's chromium, headless, driven through
chromium-driver by python3-selenium, at 1280x720 (and 390 px for the phone layout).

Two projects: a small one with a column of every logical type (typed rendering and input,
export, internal tables) and the LumenR example (foreign keys both ways, staged edits applied,
discarded and refused by a CHECK, paging, keyboard, diagram links, mismatch, dark mode).
Screenshots go to --artifacts; with --screenshots DIR the documentation's set
(grid, relations, review, dark, phone) is written there too."""
import argparse
import csv
import io
import json
import os
import re
import shutil
import signal
import sqlite3
import subprocess
import sys
import tempfile
import time

from selenium import webdriver
from selenium.common.exceptions import StaleElementReferenceException, TimeoutException
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.support import expected_conditions as EC
from selenium.webdriver.support.select import Select
from selenium.webdriver.support.ui import WebDriverWait

TYPES_SCHEMA = """namespace t
enum mood { happy sad }
table parents {
  id    int  primary autoincrement
  name  text
}
table kinds {
  id         int              primary autoincrement
  parent_id  int?             references parents(id)
  ts_ms      timestamp?
  ts_s       timestamp(s)?
  ts_text    timestamp(text)?
  day        date?
  flag       bool             default false
  price      decimal(10, 2)?
  ratio      real?
  small      int32?
  code       varchar(8)?
  uid        uuid?
  doc        json?
  feeling    mood?
  data       blob?
  note       text?
}
"""
LONG_TEXT = "long text, " * 40 + "the end"
BLOB = bytes(range(40))


def fill_types(db_path):
    db = sqlite3.connect(db_path)
    with db:
        db.execute("INSERT INTO parents (name) VALUES ('first'), ('second, with \"quotes\"')")
        db.execute(
            "INSERT INTO kinds (parent_id, ts_ms, ts_s, ts_text, day, flag, price, ratio, small,"
            " code, uid, doc, feeling, data, note) VALUES (1, 1700000000123, 1700000000,"
            " '2024-05-01 12:00:00', '2024-05-01', 1, '12.50', 0.25, -7, 'ab', "
            " '123e4567-e89b-12d3-a456-426614174000', '{\"a\": 1, \"b\": [true, null]}', 'happy',"
            " ?, ?)", (BLOB, LONG_TEXT))
        db.execute("INSERT INTO kinds (parent_id, flag, note) VALUES (2, 0, '')")
        db.execute("INSERT INTO kinds (flag, note) VALUES (0, NULL)")
        db.execute("INSERT INTO kinds (flag, note, price) VALUES (0, 'line 1\r\nline \"2\", end', 3)")
    db.close()


def fill_lumenr(db_path):
    db = sqlite3.connect(db_path)
    db.execute("PRAGMA foreign_keys = ON")
    with db:
        for i in range(1, 41):
            db.execute(
                "INSERT INTO users (email, name, password_hash, email_verified) VALUES (?, ?, ?, ?)",
                (f"user{i}@lumenr.test", None if i % 9 == 0 else f"User {i}", "x" * 60, i % 2))
        for i in range(1, 4):
            db.execute("INSERT INTO organisations (name, slug, settings) VALUES (?, ?, ?)",
                       (f"Org {i}", f"org-{i}", '{"plan": "pro", "seats": %d}' % (i * 5)))
            for u in range(i, 4):
                db.execute("INSERT INTO memberships (organisation_id, user_id, role) VALUES (?, ?, ?)",
                           (i, u, "owner" if u == i else "viewer"))
            db.execute("INSERT INTO customers (organisation_id, name, email) VALUES (?, ?, ?)",
                       (i, f"Customer {i}", f"billing{i}@example.com"))
    db.close()


class Studio:
    """`schemac studio --port 0` in a project directory; .url is the page with its token."""

    def __init__(self, schemac, cwd, log):
        self.proc = subprocess.Popen([schemac, "studio", "--port", "0"], cwd=cwd,
                                     stdout=subprocess.PIPE, stderr=log, text=True)
        self.url = None
        deadline = time.time() + 20
        while time.time() < deadline and self.url is None:
            line = self.proc.stdout.readline()
            if not line:
                break
            log.write(line)
            m = re.search(r"open (http://\S+)", line)
            if m:
                self.url = m.group(1)
        if not self.url:
            sys.exit("studio did not print its URL")

    def stop(self):
        self.proc.send_signal(signal.SIGTERM)
        try:
            self.proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.proc.kill()


class Browser:
    def __init__(self, downloads):
        opts = webdriver.ChromeOptions()
        opts.binary_location = "/usr/bin/chromium"
        for a in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                  "--window-size=1280,720", "--hide-scrollbars", "--force-device-scale-factor=1"):
            opts.add_argument(a)
        opts.set_capability("goog:loggingPrefs", {"browser": "ALL"})
        # A fixed zone west of UTC, so that "local time" differs from UTC in the assertions.
        service = Service("/usr/bin/chromedriver", env={**os.environ, "TZ": "America/New_York"})
        self.d = webdriver.Chrome(service=service, options=opts)
        self.size(1280, 720)
        self.downloads = downloads
        self.d.execute_cdp_cmd("Page.setDownloadBehavior", {"behavior": "allow", "downloadPath": downloads})
        # The page redraws often: an element read while it is replaced is simply read again.
        self.wait = WebDriverWait(self.d, 15, ignored_exceptions=[StaleElementReferenceException])

    def size(self, width, height):
        """Makes the viewport (not the window) width x height; below the smallest window
        Chromium makes, a phone's viewport is emulated."""
        if width < 500:
            self.d.execute_cdp_cmd("Emulation.setDeviceMetricsOverride", {
                "width": width, "height": height, "deviceScaleFactor": 1, "mobile": True})
            return
        self.d.execute_cdp_cmd("Emulation.clearDeviceMetricsOverride", {})
        self.d.set_window_size(width, height)
        dw, dh = self.d.execute_script(
            "return [window.outerWidth - window.innerWidth, window.outerHeight - window.innerHeight]")
        if dw or dh:
            self.d.set_window_size(width + dw, height + dh)

    def css(self, sel):
        return self.d.find_element(By.CSS_SELECTOR, sel)

    def all(self, sel):
        return self.d.find_elements(By.CSS_SELECTOR, sel)

    def until(self, sel):
        return self.wait.until(EC.presence_of_element_located((By.CSS_SELECTOR, sel)))

    def until_text(self, sel, text):
        try:
            self.wait.until(EC.text_to_be_present_in_element((By.CSS_SELECTOR, sel), text))
        except TimeoutException:
            got = [e.text for e in self.all(sel)]
            raise AssertionError(f"{sel}: expected {text!r}, got {got!r}")
        return self.css(sel)

    def open(self, url):
        """Loads the page fresh (hash routes alone would not reload) and waits for it."""
        self.d.get("about:blank")
        self.d.get(url)
        self.wait.until(lambda d: d.execute_script("return window.__studioReady !== undefined"))

    def cell(self, row, column):
        return self.css(f'#rows tr:not(.inserted):nth-of-type({row}) td[data-column="{column}"]')

    def edit(self, row, column):
        webdriver.ActionChains(self.d).double_click(self.cell(row, column)).perform()
        return self.until(".editor .edit-value")

    def download(self, click_sel, name):
        path = os.path.join(self.downloads, name)
        if os.path.exists(path):
            os.remove(path)
        self.css(click_sel).click()
        # Chromium writes NAME.crdownload and renames it to NAME once complete.
        self.wait.until(lambda d: os.path.exists(path) and not os.path.exists(path + ".crdownload"))
        with open(path, "rb") as f:
            return f.read()

    def js_errors(self):
        return [e["message"] for e in self.d.get_log("browser")
                if e["level"] == "SEVERE" and "Failed to load resource" not in e["message"]]


def expected_csv(db_path, table):
    """The table as the export's CSV should spell it (docs/studio.md)."""
    db = sqlite3.connect(db_path)
    cur = db.execute(f'SELECT * FROM "{table}" ORDER BY rowid')
    names = [c[0] for c in cur.description]
    decl = {r[1]: r[2].upper() for r in db.execute(f'PRAGMA table_info("{table}")')}
    exact = {n: [r[0] for r in db.execute(f'SELECT CAST("{n}" AS TEXT) FROM "{table}" ORDER BY rowid')]
             for n in names if decl[n].startswith("DECIMAL")}

    def field(v, name, i):
        if v is None:
            return ""
        if name in exact:
            v = exact[name][i]
        elif isinstance(v, bytes):
            return "\\x" + v.hex()
        elif isinstance(v, float):
            v = repr(v)
        v = str(v)
        if v == "" or any(ch in v for ch in ',"\r\n'):
            return '"' + v.replace('"', '""') + '"'
        return v

    lines = [",".join(names)]
    for i, row in enumerate(cur.fetchall()):
        lines.append(",".join(field(v, names[j], i) for j, v in enumerate(row)))
    db.close()
    return "\r\n".join(lines) + "\r\n"


def check_types(b, url, db_path, shots):
    b.open(url + "#/table/kinds")
    b.until("#rows tr")
    # Timestamps: local time (the browser runs in New York) and UTC, both units and text.
    if b.css("#zone-button").text == "UTC":
        b.css("#zone-button").click()
    assert b.cell(1, "ts_ms").text == "2023-11-14 17:13:20.123-05:00", b.cell(1, "ts_ms").text
    assert b.cell(1, "ts_s").text == "2023-11-14 17:13:20-05:00", b.cell(1, "ts_s").text
    b.css("#zone-button").click()
    assert b.css("#zone-button").text == "UTC"
    assert b.cell(1, "ts_ms").text == "2023-11-14 22:13:20.123Z", b.cell(1, "ts_ms").text
    assert b.cell(1, "ts_s").text == "2023-11-14 22:13:20Z", b.cell(1, "ts_s").text
    assert b.cell(1, "ts_text").text == "2024-05-01 12:00:00Z", b.cell(1, "ts_text").text
    assert "1700000000123" in b.cell(1, "ts_ms").find_element(By.CSS_SELECTOR, ".timestamp").get_attribute("title")
    # Booleans as check boxes; decimals as the database's exact text; enum, date, uuid as text.
    assert b.cell(1, "flag").find_element(By.CSS_SELECTOR, "input.bool").is_selected()
    assert not b.cell(2, "flag").find_element(By.CSS_SELECTOR, "input.bool").is_selected()
    db = sqlite3.connect(db_path)
    price = db.execute("SELECT CAST(price AS TEXT) FROM kinds WHERE id = 1").fetchone()[0]
    assert b.cell(1, "price").text == price, (b.cell(1, "price").text, price)
    assert b.cell(1, "ratio").text == "0.25"
    assert b.cell(1, "small").text == "-7"
    assert b.cell(1, "feeling").find_element(By.CSS_SELECTOR, ".enum").text == "happy"
    assert b.cell(1, "day").text == "2024-05-01"
    assert b.cell(1, "uid").text == "123e4567-e89b-12d3-a456-426614174000"
    # JSON folded (a one-line summary) and pretty-printed when opened.
    doc = b.cell(1, "doc").find_element(By.CSS_SELECTOR, "details.json")
    assert doc.find_element(By.CSS_SELECTOR, "summary").text.startswith('{"a":1,"b":[true,null]}')
    doc.find_element(By.CSS_SELECTOR, "summary").click()
    assert '"b": [\n' in doc.find_element(By.CSS_SELECTOR, "pre.json").text.replace("\r", "")
    # Blobs and long text shortened in the grid, whole in the full view.
    assert b.cell(1, "data").text.startswith("blob 40 B 0x0001020304"), b.cell(1, "data").text
    b.cell(1, "data").find_element(By.CSS_SELECTOR, "a.more").click()
    full = b.until("dialog[open] pre")
    assert full.text.replace("\n", "") == BLOB.hex(), full.text
    b.css("dialog[open] button").click()
    assert len(b.cell(1, "note").text) < 120, b.cell(1, "note").text
    b.cell(1, "note").find_element(By.CSS_SELECTOR, "a.more").click()
    assert b.until("dialog[open] pre").text == LONG_TEXT
    b.css("dialog[open] button").click()
    # NULL and the empty string are different things.
    assert b.cell(2, "note").find_element(By.CSS_SELECTOR, ".empty").text == '""'
    assert b.cell(3, "note").find_element(By.CSS_SELECTOR, ".null").text == "NULL"
    assert not b.cell(2, "note").find_elements(By.CSS_SELECTOR, ".null")
    # FK cell of a nullable reference: a link when set, none when NULL.
    assert b.cell(1, "parent_id").find_elements(By.CSS_SELECTOR, "a.fk")
    assert not b.cell(3, "parent_id").find_elements(By.CSS_SELECTOR, "a.fk")

    # Typed input: an enum drop-down, a check box, a date-time in the shown zone (UTC), and
    # client-side validation before anything is staged.
    field = b.edit(1, "feeling")
    assert field.tag_name == "select"
    assert [o.text for o in field.find_elements(By.TAG_NAME, "option")] == ["happy", "sad"]
    Select(field).select_by_value("sad")
    field.send_keys(Keys.ENTER)
    b.until('#rows td.staged[data-column="feeling"]')
    box = b.edit(1, "flag")
    assert box.get_attribute("type") == "checkbox"
    box.click()
    b.css(".edit-save").click()
    field = b.edit(1, "ts_s")
    field.clear()
    field.send_keys("2024-01-02 03:04:05", Keys.ENTER)
    b.until_text('#rows td.staged[data-column="ts_s"]', "2024-01-02 03:04:05Z")
    field = b.edit(1, "price")
    field.clear()
    field.send_keys("12.5x", Keys.ENTER)
    assert "not a decimal" in b.until(".edit-error").text
    field.clear()
    field.send_keys("1.234", Keys.ENTER)
    assert "decimal place" in b.until_text(".edit-error", "decimal place").text
    field.send_keys(Keys.ESCAPE)
    assert not b.all(".editor")
    field = b.edit(1, "uid")
    field.clear()
    field.send_keys("not-a-uuid", Keys.ENTER)
    assert "not a UUID" in b.until(".edit-error").text
    field.send_keys(Keys.ESCAPE)
    assert db.execute("SELECT feeling, flag, ts_s FROM kinds WHERE id = 1").fetchone() == ("happy", 1, 1700000000)
    b.css("#staged-button").click()
    sql = b.until_text("#review-sql", "UPDATE").text
    assert "'sad'" in sql and "1704164645" in sql, sql
    b.css("#review-apply").click()
    b.wait.until(lambda d: not b.all("#panel"))
    got = db.execute("SELECT feeling, flag, ts_s, price FROM kinds WHERE id = 1").fetchone()
    assert got[:3] == ("sad", 0, 1704164645), got

    # A staged insert: listed on top of the grid until applied.
    b.open(url + "#/table/parents")
    b.until("#rows tr")
    b.css("#insert-row").click()
    b.until('fieldset[data-column="name"] .edit-value').send_keys("third, inserted")
    b.css("#insert-submit").click()
    b.until_text("#rows tr.inserted", "third, inserted")
    assert db.execute("SELECT count(*) FROM parents").fetchone()[0] == 2
    b.css("#staged-button").click()
    assert "INSERT" in b.until_text("#review-sql", "third, inserted").text
    b.css("#review-apply").click()
    b.until_text("#rows tr:last-child", "third, inserted")
    assert db.execute("SELECT name FROM parents WHERE id = 3").fetchone()[0] == "third, inserted"
    b.open(url + "#/table/kinds")
    b.until("#rows tr")

    # Export: the file holds the whole table exactly (CSV quoting, NULL vs "", decimals, blobs).
    got = b.download("#export-csv", "kinds.csv").decode()
    want = expected_csv(db_path, "kinds")
    assert got == want, f"CSV export differs:\n{got!r}\n!=\n{want!r}"
    rows = json.loads(b.download("#export-json", "kinds.json"))
    assert len(rows) == 4 and rows[1]["note"] == "" and rows[2]["note"] is None, rows
    assert rows[0]["data"] == {"b": BLOB.hex()} and rows[0]["note"] == LONG_TEXT
    assert [r["id"] for r in rows] == [1, 2, 3, 4]
    # A filtered view exports only its rows.
    b.open(url + "#/table/kinds?filters=" + json.dumps([{"column": "note", "op": "notnull"}]))
    b.wait.until(lambda d: len(b.all("#rows tr")) == 3)
    filtered = list(csv.reader(io.StringIO(b.download("#export-csv", "kinds.csv").decode())))
    assert [r[0] for r in filtered] == ["id", "1", "2", "4"], filtered

    db.close()

    # The console: results, export, and the history kept per database across reloads.
    b.open(url + "#/sql")
    b.css("#sql-text").send_keys("SELECT id, note FROM kinds WHERE id > 1 ORDER BY id")
    b.css("#sql-run").click()
    b.until_text("#sql-summary", "3 row(s)")
    got = b.download("#sql-export-csv", "query.csv").decode()
    assert got == 'id,note\r\n2,""\r\n3,\r\n4,"line 1\r\nline ""2"", end"\r\n', repr(got)
    b.open(url + "#/sql")
    options = [o.get_attribute("textContent") for o in b.all("#sql-history option")]
    assert any("SELECT id, note FROM kinds" in o for o in options), options


def check_lumenr(b, url, db_path, shots):
    db = sqlite3.connect(db_path)
    b.open(url + "#/table/users")
    b.until("#rows tr")
    # Paging: page size, next / last / previous / first, the total.
    Select(b.css("#page-size")).select_by_value("25")
    b.wait.until(lambda d: len(b.all("#rows tr")) == 25)
    assert "40 rows" in b.css("#row-total").text, b.css("#row-total").text
    assert b.css("#page-prev").get_attribute("disabled") is not None
    b.css("#page-last").click()
    b.until_text('#rows tr:last-child td[data-column="id"]', "40")
    assert b.css("#page-next").get_attribute("disabled") is not None
    b.css("#page-prev").click()
    b.wait.until(lambda d: b.css('#rows tr:first-child td[data-column="id"]').text == "1")
    Select(b.css("#page-size")).select_by_value("50")
    b.wait.until(lambda d: len(b.all("#rows tr")) == 40)
    # Sorting on a column no index starts with warns (once).
    b.css('th[data-column="name"]').click()
    b.until_text("#toast", "No index starts with 'name'")
    warned = b.d.execute_script("return localStorage.getItem('schemac-studio.sortWarned')")
    assert "users.name" in warned, warned
    b.css('th[data-column="name"]').click()
    b.until_text('th[data-column="name"]', "▼")
    b.css('th[data-column="name"]').click()
    b.wait.until(lambda d: "▼" not in b.css('th[data-column="name"]').text)
    nulls = b.all('#rows td[data-column="name"] .null')
    assert len(nulls) == 4, f"expected 4 NULL names, got {len(nulls)}"
    if shots:
        b.d.save_screenshot(os.path.join(shots, "grid.png"))

    # Keyboard: arrows move, Enter edits, Esc cancels.
    b.cell(1, "email").click()
    active = b.d.switch_to.active_element
    active.send_keys(Keys.ARROW_DOWN, Keys.ARROW_RIGHT)
    active = b.d.switch_to.active_element
    assert active.get_attribute("data-column") == "name", active.get_attribute("data-column")
    active.send_keys(Keys.ENTER)
    field = b.until(".editor .edit-value")
    assert field.get_attribute("value") == "User 2"
    field.send_keys(Keys.ESCAPE)
    assert not b.all(".editor") and b.cell(2, "name").text == "User 2"

    # Staged edits: nothing reaches the file until applied; discard drops them.
    field = b.edit(1, "name")
    field.clear()
    field.send_keys("Edited in the browser", Keys.ENTER)
    b.until('#rows td.staged[data-column="name"]')
    b.cell(3, "id").find_element(By.XPATH, "..").find_element(By.CSS_SELECTOR, ".row-select").click()
    b.css("#delete-rows").click()
    b.until("#rows tr.deleted")
    assert db.execute("SELECT name FROM users WHERE id = 1").fetchone()[0] == "User 1"
    b.css("#staged-button").click()
    sql = b.until_text("#review-sql", "DELETE").text
    assert "UPDATE" in sql and "'Edited in the browser'" in sql and "BEGIN" in sql, sql
    if shots:
        b.d.save_screenshot(os.path.join(shots, "review.png"))
    b.css("#review-discard").click()
    b.wait.until(lambda d: not b.all("#rows td.staged") and not b.all("#rows tr.deleted"))
    assert db.execute("SELECT count(*) FROM users").fetchone()[0] == 40
    # ... and applied, all in one go.
    field = b.edit(1, "name")
    field.clear()
    field.send_keys("Edited in the browser", Keys.ENTER)
    b.css("#staged-button").click()
    b.until_text("#review-sql", "UPDATE")
    b.css("#review-apply").click()
    b.until_text('#rows tr:first-child td[data-column="name"]', "Edited in the browser")
    assert db.execute("SELECT name FROM users WHERE id = 1").fetchone()[0] == "Edited in the browser"
    # A CHECK failure: the database's message, nothing applied (the good edit before it neither).
    field = b.edit(3, "name")
    field.clear()
    field.send_keys("Fine", Keys.ENTER)
    field = b.edit(2, "email")
    field.clear()
    field.send_keys("NOT lower case", Keys.ENTER)
    b.css("#staged-button").click()
    b.until_text("#review-sql", "UPDATE")
    b.css("#review-apply").click()
    err = b.until_text("#review-error", "CHECK constraint failed")
    assert "change 2" in err.text, err.text
    assert db.execute("SELECT email FROM users WHERE id = 2").fetchone()[0] == "user2@lumenr.test"
    assert db.execute("SELECT name FROM users WHERE id = 3").fetchone()[0] == "User 3"
    assert b.all('#rows td.invalid[data-column="email"]')
    b.css("#review-discard").click()

    # Internal tables: absent by default, shown read-only on request.
    names = [a.get_attribute("data-table") for a in b.all("#table-list a")]
    assert "__schemac_migrations" not in names and "users" in names, names
    b.css("#show-internal").click()
    link = b.until('#table-list a[data-table="__schemac_migrations"]')
    assert "internal" in link.get_attribute("class")
    link.click()
    b.until_text("#table-title", "read-only")
    assert not b.all("#insert-row") and not b.all(".row-select")
    webdriver.ActionChains(b.d).double_click(b.cell(1, "checksum")).perform()
    assert not b.all(".editor")
    b.css("#show-internal").click()

    # Foreign keys: a cell links to the row it references ...
    b.open(url + "#/table/memberships")
    link = b.until('#rows tr:nth-of-type(2) td[data-column="organisation_id"] a.fk')
    link.click()
    b.wait.until(lambda d: "#/table/organisations" in d.current_url)
    b.wait.until(lambda d: len(b.all("#rows tr")) == 1)
    assert b.cell(1, "id").text == "1"
    # ... and a row lists who references it, with counts and filtered links.
    b.css("#rows tr .row-open").click()
    item = b.until_text('#relations-in li[data-table="memberships"]', "row(s)")
    want = db.execute("SELECT count(*) FROM memberships WHERE organisation_id = 1").fetchone()[0]
    assert f" {want} row(s)" in item.text, item.text
    if shots:
        b.d.save_screenshot(os.path.join(shots, "relations.png"))
    item.find_element(By.TAG_NAME, "a").click()
    b.wait.until(lambda d: "#/table/memberships" in d.current_url)
    b.wait.until(lambda d: len(b.all("#rows tr")) == want)
    assert {c.text.rstrip("→") for c in b.all('#rows td[data-column="organisation_id"]')} == {"1"}

    # Dark mode: following the system, then the manual choice overriding it.
    bg = lambda: b.d.execute_script("return getComputedStyle(document.body).backgroundColor")
    assert bg() == "rgb(246, 247, 249)", bg()
    b.d.execute_cdp_cmd("Emulation.setEmulatedMedia", {"features": [{"name": "prefers-color-scheme", "value": "dark"}]})
    assert bg() == "rgb(20, 24, 31)", bg()
    b.css("#theme-button").click()  # auto → light
    assert bg() == "rgb(246, 247, 249)", bg()
    b.d.execute_cdp_cmd("Emulation.setEmulatedMedia", {"features": [{"name": "prefers-color-scheme", "value": "light"}]})
    b.css("#theme-button").click()  # light → dark
    assert bg() == "rgb(20, 24, 31)", bg()
    b.open(url + "#/table/organisations")
    b.until("#rows tr")
    assert bg() == "rgb(20, 24, 31)", "the choice must survive a reload"
    if shots:
        b.d.save_screenshot(os.path.join(shots, "dark.png"))
    b.css("#theme-button").click()  # dark → auto
    assert bg() == "rgb(246, 247, 249)", bg()

    # Phone width: the page fits; the grid scrolls inside its box.
    b.size(390, 844)
    b.open(url + "#/table/users")
    b.until("#rows tr")
    width = b.d.execute_script("return document.documentElement.scrollWidth")
    assert width <= 390, f"page is {width} px wide at a 390 px window"
    if shots:
        b.d.save_screenshot(os.path.join(shots, "phone.png"))
    b.size(1280, 720)

    # The diagram's tables open their data.
    b.open(url + "#/diagram")
    b.until('#diagram g.node[data-table="customers"] text').click()
    b.wait.until(lambda d: d.current_url.endswith("#/table/customers"))
    b.until("#rows tr")

    # Someone changes the database behind the migrations' back: the mismatch view says so.
    outside = sqlite3.connect(db_path)
    outside.execute("ALTER TABLE users ADD COLUMN nickname TEXT")
    outside.commit()
    outside.close()
    b.open(url + "#/mismatch")
    drift = b.until("#drift")
    assert "+ column users.nickname" in drift.text, drift.text
    assert "users.nickname" in b.css("#push").text
    live_diff = b.all("#side-live li.diff")
    assert any("nickname" in li.text for li in live_diff), [li.text for li in live_diff]
    b.d.save_screenshot(os.path.join(os.path.dirname(b.downloads), "mismatch.png"))
    db.close()


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--schemac", required=True)
    ap.add_argument("--example", required=True)
    ap.add_argument("--artifacts", required=True)
    ap.add_argument("--screenshots", help="also write the documentation's screenshots here")
    args = ap.parse_args()
    args.schemac = os.path.abspath(args.schemac)
    os.makedirs(args.artifacts, exist_ok=True)
    shots = os.path.abspath(args.screenshots) if args.screenshots else None
    work = tempfile.mkdtemp(prefix="schemac-studio-browser-")
    downloads = os.path.join(os.path.abspath(args.artifacts), "downloads")
    os.makedirs(downloads, exist_ok=True)
    studios = []
    browser = None
    log = open(os.path.join(args.artifacts, "studio.log"), "w")
    try:
        types_dir = os.path.join(work, "types")
        os.makedirs(types_dir)
        with open(os.path.join(types_dir, "s.schema"), "w") as f:
            f.write(TYPES_SCHEMA)
        with open(os.path.join(types_dir, "schemac.toml"), "w") as f:
            f.write('schema = ["s.schema"]\nout = "migrations"\nurl = "file:./t.db"\n')
        open(os.path.join(types_dir, "t.db"), "w").close()
        subprocess.run([args.schemac, "push"], cwd=types_dir, check=True, stdout=log, stderr=log)
        fill_types(os.path.join(types_dir, "t.db"))

        lumenr = os.path.join(work, "lumenr")
        os.makedirs(lumenr)
        for part in ("schema", "migrations", "schemac.toml"):
            src = os.path.join(args.example, part)
            (shutil.copytree if os.path.isdir(src) else shutil.copy)(src, os.path.join(lumenr, part))
        subprocess.run([args.schemac, "migrate"], cwd=lumenr, check=True, stdout=log, stderr=log)
        fill_lumenr(os.path.join(lumenr, "lumenr.db"))

        studios.append(Studio(args.schemac, types_dir, log))
        studios.append(Studio(args.schemac, lumenr, log))
        browser = Browser(downloads)
        step = "types"
        try:
            check_types(browser, studios[0].url, os.path.join(types_dir, "t.db"), shots)
            step = "lumenr"
            check_lumenr(browser, studios[1].url, os.path.join(lumenr, "lumenr.db"), shots)
        except Exception:
            browser.d.save_screenshot(os.path.join(args.artifacts, f"failure-{step}.png"))
            print("browser console:", *browser.d.get_log("browser"), sep="\n  ")
            raise
        errors = browser.js_errors()
        assert not errors, f"JavaScript errors: {errors}"
        print("browser test passed; screenshots in", shots or args.artifacts)
    finally:
        if browser is not None:
            browser.d.quit()
        for s in studios:
            s.stop()
        log.close()
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
