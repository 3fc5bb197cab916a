#!/usr/bin/env python3
"""Real-browser test of `schemac studio` on the LumenR example: Debian's chromium, headless,
driven through chromium-driver by python3-selenium. Browses a table, edits a cell and checks
the database changed, then alters the database from outside and opens the diagram and the
mismatch view. Screenshots go to --artifacts (table.png, diagram.png, mismatch.png)."""
import argparse
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
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By
from selenium.webdriver.support import expected_conditions as EC
from selenium.webdriver.support.ui import WebDriverWait


def fill_rows(db_path):
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
            db.execute("INSERT INTO memberships (organisation_id, user_id, role) VALUES (?, ?, 'owner')",
                       (i, i))
            db.execute("INSERT INTO customers (organisation_id, name, email) VALUES (?, ?, ?)",
                       (i, f"Customer {i}", f"billing{i}@example.com"))
    db.close()


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--schemac", required=True)
    ap.add_argument("--example", required=True)
    ap.add_argument("--artifacts", required=True)
    args = ap.parse_args()
    args.schemac = os.path.abspath(args.schemac)
    os.makedirs(args.artifacts, exist_ok=True)
    work = tempfile.mkdtemp(prefix="schemac-studio-browser-")
    server = None
    driver = None
    log = open(os.path.join(args.artifacts, "studio.log"), "w")
    try:
        for part in ("schema", "migrations", "schemac.toml"):
            src = os.path.join(args.example, part)
            (shutil.copytree if os.path.isdir(src) else shutil.copy)(src, os.path.join(work, part))
        subprocess.run([args.schemac, "migrate"], cwd=work, check=True, stdout=log, stderr=log)
        db_path = os.path.join(work, "lumenr.db")
        fill_rows(db_path)

        server = subprocess.Popen([args.schemac, "studio", "--port", "0"], cwd=work,
                                  stdout=subprocess.PIPE, stderr=log, text=True)
        url = None
        deadline = time.time() + 20
        while time.time() < deadline and url is None:
            line = server.stdout.readline()
            if not line:
                break
            log.write(line)
            m = re.search(r"open (http://\S+)", line)
            if m:
                url = m.group(1)
        if not url:
            sys.exit("studio did not print its URL")

        opts = webdriver.ChromeOptions()
        opts.binary_location = "/usr/bin/chromium"
        for a in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                  "--window-size=1400,900"):
            opts.add_argument(a)
        driver = webdriver.Chrome(service=Service("/usr/bin/chromedriver"), options=opts)
        wait = WebDriverWait(driver, 15)

        # Browse: the table list with counts, then the users table.
        driver.get(url + "#/table/users")
        wait.until(EC.presence_of_element_located((By.CSS_SELECTOR, "#rows tr")))
        rows = driver.find_elements(By.CSS_SELECTOR, "#rows tr")
        assert len(rows) == 40, f"expected 40 rows on the first page, got {len(rows)}"
        count = driver.find_element(By.CSS_SELECTOR, 'a[data-table="users"] .count').text
        assert count == "40", count
        nulls = driver.find_elements(By.CSS_SELECTOR, '#rows td[data-column="name"] .null')
        assert len(nulls) == 4, f"expected 4 NULL names, got {len(nulls)}"
        driver.save_screenshot(os.path.join(args.artifacts, "table.png"))

        # Edit a cell; the database must hold the new value.
        cell = driver.find_element(By.CSS_SELECTOR, '#rows tr:first-child td[data-column="name"]')
        webdriver.ActionChains(driver).double_click(cell).perform()
        field = wait.until(EC.presence_of_element_located((By.CSS_SELECTOR, ".edit-value")))
        field.clear()
        field.send_keys("Edited in the browser")
        driver.find_element(By.CSS_SELECTOR, ".edit-save").click()
        wait.until(EC.text_to_be_present_in_element(
            (By.CSS_SELECTOR, '#rows tr:first-child td[data-column="name"]'), "Edited in the browser"))
        got = sqlite3.connect(db_path).execute("SELECT name FROM users WHERE id = 1").fetchone()[0]
        assert got == "Edited in the browser", got

        # A constraint failure is shown at the row and changes nothing.
        cell = driver.find_element(By.CSS_SELECTOR, '#rows tr:nth-child(2) td[data-column="email"]')
        webdriver.ActionChains(driver).double_click(cell).perform()
        field = wait.until(EC.presence_of_element_located((By.CSS_SELECTOR, ".edit-value")))
        field.clear()
        field.send_keys("NOT lower case")
        driver.find_element(By.CSS_SELECTOR, ".edit-save").click()
        err = wait.until(EC.presence_of_element_located((By.CSS_SELECTOR, "tr.error-row td")))
        assert "CHECK constraint failed" in err.text, err.text
        got = sqlite3.connect(db_path).execute("SELECT email FROM users WHERE id = 2").fetchone()[0]
        assert got == "user2@lumenr.test", got
        driver.save_screenshot(os.path.join(args.artifacts, "table-constraint-error.png"))

        # Someone changes the database behind the migrations' back.
        outside = sqlite3.connect(db_path)
        outside.execute("ALTER TABLE users ADD COLUMN nickname TEXT")
        outside.commit()
        outside.close()

        driver.get(url + "#/diagram")
        wait.until(lambda d: d.execute_script(
            "const i = document.getElementById('diagram'); return i && i.complete && i.naturalWidth > 0;"))
        driver.save_screenshot(os.path.join(args.artifacts, "diagram.png"))

        driver.get(url + "#/mismatch")
        drift = wait.until(EC.presence_of_element_located((By.ID, "drift")))
        assert "+ column users.nickname" in drift.text, drift.text
        push = driver.find_element(By.ID, "push").text
        assert "users.nickname" in push, push
        live_diff = driver.find_elements(By.CSS_SELECTOR, "#side-live li.diff")
        assert any("nickname" in li.text for li in live_diff), [li.text for li in live_diff]
        driver.save_screenshot(os.path.join(args.artifacts, "mismatch.png"))
        print("browser test passed; screenshots in", args.artifacts)
    finally:
        if driver is not None:
            driver.quit()
        if server is not None:
            server.send_signal(signal.SIGTERM)
            try:
                server.wait(timeout=10)
            except subprocess.TimeoutExpired:
                server.kill()
        log.close()
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
