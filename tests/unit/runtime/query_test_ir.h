// The IR of the schema the typed-query tests use (built by hand so these tests do not depend on
// the parser), its SQLite DDL (written by hand, as its 0000_init migration) and the header
// options. query_test_schema.h is `generateHeader` of this; query_header_test.cpp checks it
// is up to date (SCHEMAC_UPDATE_GOLDENS=1 rewrites it).
#pragma once

#include <string>

#include "schemac/codegen/cpp.h"
#include "schemac/ir.h"

namespace schemac::testing {

inline ir::Column col(std::string name, ir::TypeKind kind, bool nullable = false,
                      std::string doc = {}) {
  ir::Column c;
  c.name = std::move(name);
  c.type.kind = kind;
  c.nullable = nullable;
  c.doc = std::move(doc);
  return c;
}

inline ir::Expr lit(ir::ExprKind kind, std::string text) {
  ir::Expr e;
  e.kind = kind;
  e.text = std::move(text);
  return e;
}

inline ir::Schema queryTestSchema() {
  ir::Schema s;
  s.ns = "qt.db";
  s.doc = "The schema of the typed-query tests.";

  ir::Enum status;
  status.name = "invoice_status";
  status.doc = "Where an invoice is in its life.";
  status.values = {{"draft", "Not sent yet.", {}},
                   {"sent", "", {}},
                   {"paid", "", {}},
                   {"void", "A C++ keyword.", {}}};
  s.enums.push_back(status);

  ir::Table users;
  users.name = "users";
  users.doc = "A person who can log in.\nSecond doc line.";
  auto id = col("id", ir::TypeKind::Int);
  id.autoincrement = true;
  auto email = col("email", ir::TypeKind::Varchar, false, "Unique, lower-case.");
  email.type.length = 120;
  auto active = col("active", ir::TypeKind::Bool);
  active.defaultValue = lit(ir::ExprKind::Bool, "true");
  auto created = col("created_at", ir::TypeKind::Timestamp);
  created.defaultValue = lit(ir::ExprKind::Now, "timestamp");
  users.columns = {
      id,     email,  col("name", ir::TypeKind::Text, true), col("age", ir::TypeKind::Int32, true),
      active, created};
  users.primaryKey = {"id"};

  ir::Table invoices;
  invoices.name = "invoices";
  auto iid = col("id", ir::TypeKind::Int);
  auto st = col("status", ir::TypeKind::Enum);
  st.type.enumName = "invoice_status";
  st.defaultValue = lit(ir::ExprKind::EnumValue, "draft");
  auto amount = col("amount", ir::TypeKind::Decimal);
  amount.type.precision = 12;
  amount.type.scale = 2;
  auto numberKey = col("number_key", ir::TypeKind::Text);
  ir::Expr lower;
  lower.kind = ir::ExprKind::Call;
  lower.text = "lower";
  lower.args = {lit(ir::ExprKind::Column, "number")};
  numberKey.generated = ir::Generated{lower, true};
  invoices.columns = {iid,
                      col("user_id", ir::TypeKind::Int),
                      col("number", ir::TypeKind::Text),
                      st,
                      amount,
                      numberKey,
                      col("paid_at", ir::TypeKind::Timestamp, true),
                      col("due", ir::TypeKind::Date, true),
                      col("meta", ir::TypeKind::Json, true),
                      col("ref", ir::TypeKind::Uuid, true),
                      col("pdf", ir::TypeKind::Blob, true),
                      col("ratio", ir::TypeKind::Real, true),
                      col("class", ir::TypeKind::Text, true, "A column named like a keyword.")};
  invoices.primaryKey = {"id"};

  ir::Table lines;
  lines.name = "line_items";
  auto total = col("total", ir::TypeKind::Decimal);
  total.type.precision = 14;
  total.type.scale = 4;
  lines.columns = {col("invoice_id", ir::TypeKind::Int), col("line", ir::TypeKind::Int32),
                   col("description", ir::TypeKind::Text), total};
  lines.primaryKey = {"invoice_id", "line"};

  ir::Table audit;
  audit.name = "audit_log";
  audit.doc = "A table without a primary key.";
  auto at = col("at", ir::TypeKind::Timestamp);
  at.defaultValue = lit(ir::ExprKind::Now, "timestamp");
  audit.columns = {col("message", ir::TypeKind::Text), at};

  s.tables = {audit, invoices, lines, users};  // sorted by name
  return s;
}

inline const char* kQueryTestDdl =
    "CREATE TABLE \"audit_log\" (\n"
    "  \"message\" TEXT NOT NULL,\n"
    "  \"at\" TIMESTAMP NOT NULL DEFAULT (CAST((julianday('now') - 2440587.5) * 86400000 AS "
    "INTEGER))\n"
    ");\n"
    "--> statement-breakpoint\n"
    "CREATE TABLE \"users\" (\n"
    "  \"id\" INTEGER PRIMARY KEY AUTOINCREMENT,\n"
    "  \"email\" VARCHAR(120) NOT NULL CHECK (length(\"email\") <= 120),\n"
    "  \"name\" TEXT,\n"
    "  \"age\" INT,\n"
    "  \"active\" BOOLEAN NOT NULL DEFAULT 1 CHECK (\"active\" IN (0, 1)),\n"
    "  \"created_at\" TIMESTAMP NOT NULL DEFAULT (CAST((julianday('now') - 2440587.5) * 86400000 "
    "AS INTEGER))\n"
    ");\n"
    "--> statement-breakpoint\n"
    "CREATE UNIQUE INDEX \"users_email_key\" ON \"users\" (\"email\");\n"
    "--> statement-breakpoint\n"
    "CREATE TABLE \"invoices\" (\n"
    "  \"id\" INTEGER PRIMARY KEY,\n"
    "  \"user_id\" INTEGER NOT NULL REFERENCES \"users\" (\"id\"),\n"
    "  \"number\" TEXT NOT NULL,\n"
    "  \"status\" TEXT NOT NULL DEFAULT 'draft' CHECK (\"status\" IN ('draft', 'sent', 'paid', "
    "'void')),\n"
    "  \"amount\" DECIMAL(12, 2) NOT NULL,\n"
    "  \"number_key\" TEXT NOT NULL GENERATED ALWAYS AS (lower(\"number\")) STORED,\n"
    "  \"paid_at\" TIMESTAMP,\n"
    "  \"due\" DATE,\n"
    "  \"meta\" TEXT CHECK (\"meta\" IS NULL OR json_valid(\"meta\")),\n"
    "  \"ref\" UUID,\n"
    "  \"pdf\" BLOB,\n"
    "  \"ratio\" REAL,\n"
    "  \"class\" TEXT\n"
    ");\n"
    "--> statement-breakpoint\n"
    "CREATE TABLE \"line_items\" (\n"
    "  \"invoice_id\" INTEGER NOT NULL REFERENCES \"invoices\" (\"id\") ON DELETE CASCADE,\n"
    "  \"line\" INT NOT NULL,\n"
    "  \"description\" TEXT NOT NULL,\n"
    "  \"total\" DECIMAL(14, 4) NOT NULL,\n"
    "  PRIMARY KEY (\"invoice_id\", \"line\")\n"
    ");\n";

inline constexpr const char* kQueryTestFingerprint =
    "9f2c4e1d0b7a65438f1e2d3c4b5a69788796a5b4c3d2e1f00112233445566778";

}  // namespace schemac::testing
