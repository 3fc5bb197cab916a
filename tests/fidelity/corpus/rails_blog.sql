-- A Rails 7 app's db/schema as ActiveRecord's SQLite adapter creates it: `varchar` without a
-- length, `datetime(6)` timestamps, boolean columns, `index_*` names, fk_rails_* named foreign
-- keys, and the schema_migrations / ar_internal_metadata tables.
-- @rebuild posts
-- @fails INSERT INTO users (email, admin, created_at, updated_at) VALUES ('ada@example.com', 0, '2024-01-01', '2024-01-01')
-- @fails INSERT INTO posts (user_id, title, created_at, updated_at) VALUES (42, 'orphan', '2024-01-01', '2024-01-01')
CREATE TABLE "schema_migrations" ("version" varchar NOT NULL PRIMARY KEY);
CREATE TABLE "ar_internal_metadata" ("key" varchar NOT NULL PRIMARY KEY, "value" varchar, "created_at" datetime(6) NOT NULL, "updated_at" datetime(6) NOT NULL);
CREATE TABLE "users" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "email" varchar DEFAULT '' NOT NULL, "name" varchar, "admin" boolean DEFAULT 0 NOT NULL, "rating" decimal(10,2), "score" float, "created_at" datetime(6) NOT NULL, "updated_at" datetime(6) NOT NULL);
CREATE UNIQUE INDEX "index_users_on_email" ON "users" ("email");
CREATE TABLE "posts" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "user_id" integer NOT NULL, "title" varchar, "body" text, "published_at" datetime(6), "views" bigint DEFAULT 0, "created_at" datetime(6) NOT NULL, "updated_at" datetime(6) NOT NULL, CONSTRAINT "fk_rails_5b5ddfd518"
FOREIGN KEY ("user_id")
  REFERENCES "users" ("id")
);
CREATE INDEX "index_posts_on_user_id" ON "posts" ("user_id");
CREATE INDEX "index_posts_on_user_id_and_published_at" ON "posts" ("user_id", "published_at" DESC);
INSERT INTO schema_migrations VALUES ('20240301000000'), ('20240302000000');
INSERT INTO ar_internal_metadata VALUES ('environment', 'development', '2024-03-01 00:00:00.000000', '2024-03-01 00:00:00.000000');
INSERT INTO users VALUES (1, 'ada@example.com', 'Ada', 1, 4.5, 0.25, '2024-03-01 00:00:00.000000', '2024-03-01 00:00:00.000000');
INSERT INTO posts VALUES (1, 1, 'Hello', 'First post', NULL, 3, '2024-03-01 00:00:00.000000', '2024-03-01 00:00:00.000000');
