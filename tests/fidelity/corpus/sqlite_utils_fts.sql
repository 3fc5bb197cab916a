-- What sqlite-utils writes: `sqlite-utils insert` tables ([bracketed] names, FLOAT, a TEXT
-- primary key declared without NOT NULL, which SQLite lets hold NULL), and
-- `sqlite-utils enable-fts docs title body --create-triggers` (an external-content FTS5 table
-- kept in sync by three triggers).
-- @rebuild docs
-- @tursodb-lacks docs_ai, docs_ad, docs_au, docs_fts: fts5 virtual tables (no such module: fts5), so their sync triggers too
-- @expect INSERT INTO docs (id, title, body, author) VALUES (10, 'zebra crossing', 'stripes', 'ada'); SELECT count(*) FROM docs_fts WHERE docs_fts MATCH 'zebra' => 1
-- @expect UPDATE docs SET title = 'okapi' WHERE id = 1; SELECT count(*) FROM docs_fts WHERE docs_fts MATCH 'okapi' => 1
-- @ok INSERT INTO authors (slug, name) VALUES (NULL, 'anonymous')
CREATE TABLE [authors] (
   [slug] TEXT PRIMARY KEY,
   [name] TEXT,
   [weight] FLOAT
);
CREATE TABLE [docs] (
   [id] INTEGER PRIMARY KEY,
   [title] TEXT,
   [body] TEXT,
   [author] TEXT REFERENCES [authors]([slug])
);
CREATE VIRTUAL TABLE [docs_fts] USING FTS5 (
    [title], [body],
    content=[docs]
);
CREATE TRIGGER [docs_ai] AFTER INSERT ON [docs] BEGIN
  INSERT INTO [docs_fts] (rowid, [title], [body]) VALUES (new.rowid, new.[title], new.[body]);
END;
CREATE TRIGGER [docs_ad] AFTER DELETE ON [docs] BEGIN
  INSERT INTO [docs_fts] ([docs_fts], rowid, [title], [body]) VALUES('delete', old.rowid, old.[title], old.[body]);
END;
CREATE TRIGGER [docs_au] AFTER UPDATE ON [docs] BEGIN
  INSERT INTO [docs_fts] ([docs_fts], rowid, [title], [body]) VALUES('delete', old.rowid, old.[title], old.[body]);
  INSERT INTO [docs_fts] (rowid, [title], [body]) VALUES (new.rowid, new.[title], new.[body]);
END;
INSERT INTO [authors] VALUES ('ada', 'Ada Lovelace', 1.5), ('bob', 'Bob', NULL);
INSERT INTO [docs] VALUES (1, 'Notes on the engine', 'The analytical engine weaves algebraic patterns', 'ada');
INSERT INTO [docs] VALUES (2, 'Gardening', 'Tomatoes need sun', 'bob');
