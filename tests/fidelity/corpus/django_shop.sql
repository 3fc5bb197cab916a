-- A Django shop as `manage.py migrate` writes it for SQLite (Django 3.2-5.x DDL style):
-- AutoField ids, deferrable inline foreign keys, bool/datetime/decimal/varchar(n) declared types,
-- unnamed column CHECKs of PositiveIntegerField, a named CheckConstraint, an inline UNIQUE, a
-- unique_together index and the hashed index names Django derives.
-- @rebuild shop_order
-- @fails INSERT INTO shop_customer (email, name, is_active, created, balance) VALUES ('ada@example.com', 'dup', 1, '2024-01-01 00:00:00', 0)
-- @ok INSERT INTO shop_order (total, quantity, placed_at, customer_id) VALUES (5, 1, '2024-01-02 00:00:00', 99); INSERT INTO shop_customer (id, email, name, is_active, created, balance) VALUES (99, 'late@example.com', 'Late', 1, '2024-01-01 00:00:00', 0)
-- @fails INSERT INTO shop_order (total, quantity, placed_at, customer_id) VALUES (5, 1, '2024-01-02 00:00:00', 98); COMMIT
-- @fails INSERT INTO shop_order (total, quantity, placed_at, customer_id) VALUES (-1, 1, '2024-01-02 00:00:00', 1)
-- @expect INSERT INTO shop_customer (id, email, name, is_active, created, balance) VALUES (50, 'n@example.com', 'N', 1, '2024-01-01 00:00:00', '12'); SELECT typeof(balance) FROM shop_customer WHERE id = 50 => integer
CREATE TABLE "shop_customer" ("id" integer NOT NULL PRIMARY KEY AUTOINCREMENT, "email" varchar(254) NOT NULL UNIQUE, "name" varchar(100) NOT NULL, "is_active" bool NOT NULL, "created" datetime NOT NULL, "balance" decimal NOT NULL);
CREATE TABLE "shop_product" ("id" integer NOT NULL PRIMARY KEY AUTOINCREMENT, "sku" varchar(32) NOT NULL UNIQUE, "title" varchar(200) NOT NULL, "price" decimal NOT NULL, "stock" integer unsigned NOT NULL CHECK ("stock" >= 0), "uuid" char(32) NOT NULL, "data" text NOT NULL CHECK ((JSON_VALID("data") OR "data" IS NULL)));
CREATE TABLE "shop_order" ("id" integer NOT NULL PRIMARY KEY AUTOINCREMENT, "total" decimal NOT NULL, "quantity" integer unsigned NOT NULL CHECK ("quantity" >= 0), "placed_at" datetime NOT NULL, "note" text NULL, "customer_id" integer NOT NULL REFERENCES "shop_customer" ("id") DEFERRABLE INITIALLY DEFERRED, CONSTRAINT "total_nonneg" CHECK ("total" >= 0));
CREATE TABLE "shop_orderline" ("id" integer NOT NULL PRIMARY KEY AUTOINCREMENT, "qty" smallint unsigned NOT NULL CHECK ("qty" >= 0), "order_id" integer NOT NULL REFERENCES "shop_order" ("id") DEFERRABLE INITIALLY DEFERRED, "product_id" integer NOT NULL REFERENCES "shop_product" ("id") DEFERRABLE INITIALLY DEFERRED);
CREATE INDEX "shop_order_customer_id_9c9cf0fa" ON "shop_order" ("customer_id");
CREATE INDEX "shop_orderline_order_id_ba6bb1ed" ON "shop_orderline" ("order_id");
CREATE INDEX "shop_orderline_product_id_0c8b2a5e" ON "shop_orderline" ("product_id");
CREATE UNIQUE INDEX "shop_orderline_order_id_product_id_6b4c0ef1_uniq" ON "shop_orderline" ("order_id", "product_id");
INSERT INTO shop_customer VALUES (1, 'ada@example.com', 'Ada', 1, '2024-03-01 12:34:56.789012', 12.5);
INSERT INTO shop_customer VALUES (2, 'bob@example.com', 'Bob', 0, '2024-03-02 08:00:00', 0);
INSERT INTO shop_product VALUES (1, 'A-1', 'Anvil', '19.99', 3, '0f8fad5bd9cb469fa16570867728950e', '{"w": 50}');
INSERT INTO shop_order VALUES (1, 19.99, 1, '2024-03-03 10:00:00', NULL, 1);
INSERT INTO shop_orderline VALUES (1, 1, 1, 1);
