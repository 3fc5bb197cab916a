-- Hand-made edge cases: WITHOUT ROWID, STRICT, expression and partial indexes, COLLATE on
-- indexed columns (a NOCASE unique email), named constraints of every kind, a deferrable
-- composite foreign key, views on views, an INSTEAD OF trigger on a view, an UPDATE OF trigger
-- with a WHEN clause, a generated column, a composite key in another order than its columns,
-- rtree and fts4 virtual tables.
-- @rebuild accounts
-- @tursodb-lacks memberships, kv: WITHOUT ROWID tables (tursodb 0.6 needs --experimental-without-rowid)
-- @tursodb-lacks places, wiki: rtree and fts4 virtual tables (no such module)
-- @tursodb-lacks active_accounts_insert: INSTEAD OF triggers on views (CREATE TRIGGER on a view: no such table)
-- @fails INSERT INTO accounts (email, handle, status) VALUES ('ADA@EXAMPLE.COM', 'ada2', 'active')
-- @ok INSERT INTO accounts (email, handle, status) VALUES ('eve@example.com', 'eve', 'active')
-- @expect UPDATE accounts SET status = 'closed' WHERE id = 1; SELECT count(*) FROM audit WHERE account_id = 1 => 1
-- @expect INSERT INTO active_accounts (email, handle) VALUES ('view@example.com', 'viewer'); SELECT status FROM accounts WHERE handle = 'viewer' => active
-- @expect SELECT count(*) FROM active_accounts_with_notes => 1
-- @ok INSERT INTO memberships (account_id, team, role) VALUES (77, 'red', 'x'); INSERT INTO accounts (id, email, handle, status) VALUES (77, 'late@example.com', 'late', 'active')
-- @fails INSERT INTO kv (k, v) VALUES ('A', 'dup')
-- @fails INSERT INTO measurements (sensor, at, value) VALUES ('s1', 5, 'not a number')
CREATE TABLE accounts (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  email TEXT NOT NULL COLLATE NOCASE,
  handle TEXT NOT NULL CONSTRAINT accounts_handle_uq UNIQUE,
  status TEXT NOT NULL DEFAULT 'active' CONSTRAINT accounts_status_ck CHECK (status IN ('active', 'closed')),
  display TEXT COLLATE RTRIM,
  created TEXT NOT NULL DEFAULT CURRENT_TIMESTAMP,
  email_domain TEXT GENERATED ALWAYS AS (substr(email, instr(email, '@') + 1)) VIRTUAL
);
CREATE UNIQUE INDEX accounts_email_uq ON accounts (email);
CREATE INDEX accounts_lower_handle ON accounts (lower(handle), created DESC);
CREATE INDEX accounts_active ON accounts (created) WHERE status = 'active';
CREATE INDEX accounts_display_nocase ON accounts (display COLLATE NOCASE);
CREATE TABLE audit (
  id INTEGER PRIMARY KEY,
  account_id INTEGER NOT NULL,
  old_status TEXT,
  new_status TEXT,
  CONSTRAINT audit_account_fk FOREIGN KEY (account_id) REFERENCES accounts (id) ON DELETE CASCADE
);
CREATE TABLE memberships (
  account_id INTEGER NOT NULL,
  team TEXT NOT NULL,
  role TEXT,
  CONSTRAINT memberships_pk PRIMARY KEY (team, account_id),
  CONSTRAINT memberships_account_fk FOREIGN KEY (account_id) REFERENCES accounts (id) DEFERRABLE INITIALLY DEFERRED,
  CONSTRAINT memberships_role_ck CHECK (role <> '')
) WITHOUT ROWID;
CREATE TABLE kv (k TEXT PRIMARY KEY COLLATE NOCASE, v TEXT) WITHOUT ROWID;
CREATE TABLE measurements (
  sensor TEXT NOT NULL,
  at INTEGER NOT NULL,
  value REAL,
  payload BLOB,
  extra ANY,
  PRIMARY KEY (sensor, at)
) STRICT;
-- A composite key in another order than its columns (tursodb's table_info marks every key
-- column pk=1: the order must come from the CREATE text).
CREATE TABLE task_labels (task_id INTEGER NOT NULL, label_id INTEGER NOT NULL, PRIMARY KEY (label_id, task_id));
CREATE TABLE notes (
  id INTEGER PRIMARY KEY,
  account_id INTEGER REFERENCES accounts (id) ON DELETE SET NULL DEFERRABLE INITIALLY IMMEDIATE,
  body TEXT,
  UNIQUE (account_id, body)
);
CREATE VIEW active_accounts AS SELECT id, email, handle FROM accounts WHERE status = 'active';
CREATE VIEW active_accounts_with_notes AS
  SELECT a.id, a.email, count(n.id) AS notes FROM active_accounts a JOIN notes n ON n.account_id = a.id GROUP BY a.id;
CREATE TRIGGER accounts_status_audit AFTER UPDATE OF status ON accounts FOR EACH ROW
  WHEN OLD.status <> NEW.status
BEGIN
  INSERT INTO audit (account_id, old_status, new_status) VALUES (OLD.id, OLD.status, NEW.status);
END;
CREATE TRIGGER active_accounts_insert INSTEAD OF INSERT ON active_accounts
BEGIN
  INSERT INTO accounts (email, handle) VALUES (NEW.email, NEW.handle);
END;
CREATE TRIGGER notes_no_empty BEFORE INSERT ON notes WHEN NEW.body = '' BEGIN SELECT RAISE(ABORT, 'empty note'); END;
CREATE VIRTUAL TABLE places USING rtree(id, min_x, max_x, min_y, max_y);
CREATE VIRTUAL TABLE wiki USING fts4(title, body, tokenize=porter);
INSERT INTO accounts (id, email, handle, status, display) VALUES (1, 'ada@example.com', 'ada', 'active', 'Ada  ');
INSERT INTO accounts (id, email, handle, status, display) VALUES (2, 'bob@example.com', 'bob', 'closed', NULL);
INSERT INTO notes VALUES (1, 1, 'first note');
INSERT INTO memberships VALUES (1, 'blue', 'owner');
INSERT INTO task_labels VALUES (1, 2), (2, 2);
INSERT INTO kv VALUES ('a', 'one');
INSERT INTO measurements VALUES ('s1', 1, 20.5, x'00ff', 'anything');
INSERT INTO places VALUES (1, 0, 10, 0, 5);
INSERT INTO wiki VALUES ('SQLite', 'An embedded database engine');
