// The IR built from each real drizzle-kit snapshot: names, keys, actions, defaults, and the
// column types that schema.ts's modes give.
#include "schemac/import/drizzle_import.h"

#include <gtest/gtest.h>

#include "import/fixtures.h"

namespace schemac::importer {
namespace {

using testing::drizzleFixture;
using testing::drizzleKitVersions;
using testing::readText;

DrizzleSnapshot newest(const std::string& kit) {
  auto dir = drizzleFixture(kit) / "drizzle";
  return readNewestDrizzleSnapshot(dir, readDrizzleJournal(dir));
}

TsSchema modesOf(const std::string& kit) {
  auto file = drizzleFixture(kit) / "schema.ts";
  return scanDrizzleSchemaTs(readText(file), "schema.ts");
}

const ir::Column& column(const ir::Schema& s, const std::string& t, const std::string& c) {
  const ir::Table* table = s.findTable(t);
  EXPECT_NE(table, nullptr) << t;
  static const ir::Column none;
  if (!table) return none;
  const ir::Column* col = table->findColumn(c);
  EXPECT_NE(col, nullptr) << t << "." << c;
  return col ? *col : none;
}

TEST(DrizzleImportTest, PlainTypesWithoutSchemaTs) {
  for (const std::string& kit : drizzleKitVersions()) {
    SCOPED_TRACE(kit);
    DrizzleImport imp = importDrizzleSnapshot(newest(kit), nullptr);
    EXPECT_TRUE(imp.warnings.empty()) << imp.warnings.front();
    const ir::Schema& s = imp.schema;
    EXPECT_TRUE(s.enums.empty());
    const ir::Column& id = column(s, "users", "id");
    EXPECT_EQ(id.type.kind, ir::TypeKind::Int);
    EXPECT_TRUE(id.autoincrement);
    EXPECT_FALSE(id.nullable);
    EXPECT_EQ(id.sqlType, "");
    const ir::Column& email = column(s, "users", "email");
    EXPECT_EQ(email.type.kind, ir::TypeKind::Text);
    EXPECT_EQ(email.sqlType, "text(256)");
    EXPECT_FALSE(email.nullable);
    const ir::Column& rating = column(s, "users", "rating");
    EXPECT_EQ(rating.type.kind, ir::TypeKind::Real);
    EXPECT_EQ(rating.sqlType, "numeric");
    EXPECT_TRUE(rating.nullable);
    const ir::Column& created = column(s, "users", "created_at");
    EXPECT_EQ(created.type.kind, ir::TypeKind::Int);
    ASSERT_TRUE(created.defaultValue);
    EXPECT_EQ(created.defaultValue->kind, ir::ExprKind::Raw);
    EXPECT_EQ(created.defaultValue->text, "unixepoch()");  // as SQLite keeps DEFAULT (...)
    EXPECT_EQ(column(s, "users", "is_active").defaultValue->text, "true");
    EXPECT_EQ(column(s, "users", "balance").defaultValue->text, "1.5");
    EXPECT_FALSE(column(s, "users", "token").defaultValue);  // $defaultFn is not in the database

    const ir::Table& tags = *s.findTable("invoice_tags");
    EXPECT_EQ(tags.primaryKey, (std::vector<std::string>{"invoice_id", "tag"}));
    ASSERT_EQ(tags.foreignKeys.size(), 3u);  // sorted by name
    EXPECT_EQ(tags.foreignKeys[0].name, "invoice_tags_added_by_fkey");
    EXPECT_EQ(tags.foreignKeys[0].onDelete, ir::FkAction::SetNull);
    EXPECT_EQ(tags.foreignKeys[0].onUpdate, ir::FkAction::Cascade);
    EXPECT_EQ(tags.foreignKeys[1].name, "invoice_tags_invoice_id_fkey");
    EXPECT_EQ(tags.foreignKeys[1].onDelete, ir::FkAction::Cascade);
    EXPECT_EQ(tags.foreignKeys[2].name, "invoice_tags_tag_fkey");
    EXPECT_EQ(tags.foreignKeys[2].refTable, "tags");
    EXPECT_EQ(tags.foreignKeys[2].refColumns, (std::vector<std::string>{"name"}));
    EXPECT_EQ(tags.foreignKeys[2].onDelete, ir::FkAction::Restrict);

    const ir::Table& invoices = *s.findTable("invoices");
    ASSERT_EQ(invoices.indexes.size(), 4u);
    EXPECT_EQ(invoices.indexes[0].name, "invoices_number_uq");
    EXPECT_TRUE(invoices.indexes[0].unique);
    EXPECT_EQ(invoices.indexes[0].columns[0].column, "number");
    EXPECT_EQ(invoices.indexes[2].name, "invoices_unpaid_idx");
    ASSERT_TRUE(invoices.indexes[2].where);
    EXPECT_EQ(invoices.indexes[2].where->text, "\"invoices\".\"paid_at\" is null");
    EXPECT_EQ(invoices.indexes[3].name, "invoices_user_number_unique");
    if (kit == "0.31.10") {
      ASSERT_EQ(invoices.checks.size(), 1u);
      EXPECT_EQ(invoices.checks[0].name, "invoices_amount_positive");
      EXPECT_EQ(invoices.checks[0].expr.text, "\"invoices\".\"amount_cents\" >= 0");
    } else {
      EXPECT_TRUE(invoices.checks.empty());
    }
  }
}

TEST(DrizzleImportTest, SchemaTsModesBecomeTypes) {
  for (const std::string& kit : drizzleKitVersions()) {
    SCOPED_TRACE(kit);
    TsSchema ts = modesOf(kit);
    EXPECT_TRUE(ts.warnings.empty()) << ts.warnings.front();
    DrizzleImport imp = importDrizzleSnapshot(newest(kit), &ts);
    EXPECT_TRUE(imp.warnings.empty()) << imp.warnings.front();
    const ir::Schema& s = imp.schema;

    const ir::Column& created = column(s, "users", "created_at");
    EXPECT_EQ(created.type.kind, ir::TypeKind::Timestamp);
    EXPECT_EQ(created.type.unit, ir::TimeUnit::Seconds);
    EXPECT_EQ(created.sqlType, "integer");
    const ir::Column& updated = column(s, "users", "updated_at");
    EXPECT_EQ(updated.type.kind, ir::TypeKind::Timestamp);
    EXPECT_EQ(updated.type.unit, ir::TimeUnit::Millis);
    EXPECT_EQ(updated.sqlType, "integer");
    const ir::Column& active = column(s, "users", "is_active");
    EXPECT_EQ(active.type.kind, ir::TypeKind::Bool);
    EXPECT_TRUE(active.unchecked);
    EXPECT_EQ(active.sqlType, "integer");
    const ir::Column& settings = column(s, "users", "settings");
    EXPECT_EQ(settings.type.kind, ir::TypeKind::Json);
    EXPECT_TRUE(settings.unchecked);
    EXPECT_EQ(column(s, "users", "email").type.kind, ir::TypeKind::Text);
    EXPECT_EQ(column(s, "users", "email").sqlType, "text(256)");
    EXPECT_EQ(column(s, "users", "avatar").type.kind, ir::TypeKind::Blob);
    EXPECT_EQ(column(s, "invoices", "meta").type.kind, ir::TypeKind::Blob);  // blob json
    EXPECT_EQ(column(s, "users", "score").type.kind, ir::TypeKind::Int);

    // `enum: roles` names a shared const array: the enum takes its name.
    const ir::Column& role = column(s, "users", "role");
    EXPECT_EQ(role.type.kind, ir::TypeKind::Enum);
    EXPECT_EQ(role.type.enumName, "roles");
    EXPECT_TRUE(role.unchecked);
    EXPECT_EQ(role.sqlType, "");
    const ir::Column& status = column(s, "invoices", "status");
    EXPECT_EQ(status.type.enumName, "invoices_status");
    ASSERT_EQ(s.enums.size(), 2u);
    EXPECT_EQ(s.enums[0].name, "invoices_status");
    ASSERT_EQ(s.enums[0].values.size(), 3u);
    EXPECT_EQ(s.enums[0].values[2].name, "paid");
    EXPECT_EQ(s.enums[1].name, "roles");
    if (kit == "0.31.10") {  // weight: integer() takes its key as its name
      EXPECT_EQ(column(s, "tags", "weight").type.kind, ir::TypeKind::Int);
    }
  }
}

TEST(DrizzleImportTest, WhatTheScannerCannotReadIsAWarningNamingTableAndColumn) {
  const char* ts = R"(
import { sqliteTable, integer, text } from 'drizzle-orm/sqlite-core';
const common = { note: text('note') };
export const t = sqliteTable('t', {
  id: integer('id').primaryKey(),
  ...common,
  when: integer('when', { mode: 'datetime' }),
  ghost: text('ghost'),
  label: text(labelName),
  kind: text('kind', { enum: KINDS }),
});
)";
  TsSchema modes = scanDrizzleSchemaTs(ts, "s.ts");
  ASSERT_EQ(modes.warnings.size(), 2u);
  EXPECT_EQ(modes.warnings[0],
            "s.ts:6: table \"t\": a spread (...) in the columns is not read; "
            "its columns have the plain types of their SQL types");
  EXPECT_EQ(modes.warnings[1],
            "s.ts:9: table \"t\" column \"label\": the column name is not a "
            "string literal; not read");
  DrizzleSnapshot snap;
  DrizzleTable t;
  t.name = "t";
  for (const char* c : {"id", "when", "kind", "note", "label"}) {
    DrizzleColumn col;
    col.name = c;
    col.type = std::string(c) == "id" || std::string(c) == "when" ? "integer" : "text";
    t.columns.push_back(col);
  }
  snap.tables.push_back(t);
  DrizzleImport imp = importDrizzleSnapshot(snap, &modes);
  // Columns schema.ts has that the snapshot lacks first, then each column's mode.
  std::vector<std::string> want = {
      "s.ts:8: table \"t\" column \"ghost\": not in the newest snapshot (run drizzle-kit "
      "generate?); ignored",
      "s.ts:7: table \"t\" column \"when\": mode 'datetime' of integer() is not one schemac "
      "knows; the column has the plain type int",
      "s.ts:10: table \"t\" column \"kind\": enum 'KINDS' is not a const array of string "
      "literals in this file; the column stays text",
      "table \"t\" column \"note\": not found in s.ts; it has the plain type of its SQL type",
      "table \"t\" column \"label\": not found in s.ts; it has the plain type of its SQL type",
  };
  EXPECT_EQ(imp.warnings, want);
  EXPECT_EQ(imp.schema.tables[0].findColumn("when")->type.kind, ir::TypeKind::Int);
}

TEST(DrizzleImportTest, ScannerReadsColumnsFunctionsKeylessBuildersAndTypes) {
  const char* ts = R"(
export const statuses = ['open', 'done'] as const;
export const a = sqliteTable("a", (t) => ({
  createdAt: t.integer({ mode: 'timestamp_ms' }).notNull(),
  state: t.text({ enum: statuses }).$type<'open' | 'done'>(),
  body: t.text('body', { length: 80 }), // a comment: text('x', { mode: 'json' })
}));
)";
  TsSchema modes = scanDrizzleSchemaTs(ts, "s.ts");
  EXPECT_TRUE(modes.warnings.empty());
  ASSERT_EQ(modes.columns.size(), 3u);
  EXPECT_EQ(modes.columns[0].name, "createdAt");
  EXPECT_TRUE(modes.columns[0].nameFromKey);
  EXPECT_EQ(modes.columns[0].mode, "timestamp_ms");
  EXPECT_EQ(modes.columns[1].enumConst, "statuses");
  EXPECT_EQ(modes.columns[1].enumValues, (std::vector<std::string>{"open", "done"}));
  EXPECT_EQ(modes.columns[1].tsType, "'open' | 'done'");
  EXPECT_EQ(modes.columns[2].name, "body");
  EXPECT_EQ(modes.columns[2].length, 80);
  EXPECT_EQ(modes.columns[2].line, 6);
  // Under drizzle's casing: 'snake_case' the key createdAt names the column created_at.
  DrizzleSnapshot snap;
  DrizzleTable t;
  t.name = "a";
  t.columns.push_back({"created_at", "integer", false, true, false, std::nullopt});
  t.columns.push_back({"state", "text", false, false, false, std::nullopt});
  t.columns.push_back({"body", "text(80)", false, false, false, std::nullopt});
  snap.tables.push_back(t);
  DrizzleImport imp = importDrizzleSnapshot(snap, &modes);
  EXPECT_TRUE(imp.warnings.empty()) << imp.warnings.front();
  EXPECT_EQ(imp.schema.tables[0].columns[0].type.kind, ir::TypeKind::Timestamp);
  EXPECT_EQ(imp.schema.tables[0].columns[1].type.enumName, "statuses");
}

}  // namespace
}  // namespace schemac::importer

namespace schemac::importer {
namespace {

TEST(DrizzleImportTest, ExpressionIndexesAndViewsWarnAndAreLeftOut) {
  DrizzleSnapshot snap;
  DrizzleTable t;
  t.name = "users";
  t.columns.push_back({"id", "integer", true, true, false, std::nullopt});
  t.columns.push_back({"email", "text", false, true, false, std::nullopt});
  t.indexes.push_back({"users_email_lower", {"lower(\"email\")"}, true, std::nullopt});
  t.indexes.push_back({"users_email_idx", {"email"}, false, std::nullopt});
  t.uniqueConstraints.push_back({"users_email_unique", {"email"}});
  t.foreignKeys.push_back({"a", {"id"}, "users", {"id"}, "cascade", ""});
  t.foreignKeys.push_back({"b", {"id"}, "users", {"id"}, "", "set default"});
  snap.tables.push_back(t);
  snap.views.push_back("active_users");
  DrizzleImport imp = importDrizzleSnapshot(snap, nullptr);
  EXPECT_EQ(imp.warnings,
            (std::vector<std::string>{
                "table \"users\" index \"users_email_lower\": indexes an expression, which "
                "schemac cannot describe; it is not imported",
                "view \"active_users\": views are not imported; it is not in the .schema file"}));
  const ir::Table& users = imp.schema.tables[0];
  ASSERT_EQ(users.indexes.size(), 2u);
  EXPECT_EQ(users.indexes[0].name, "users_email_idx");
  // An inline UNIQUE constraint: SQLite's autoindex, named as introspection names it.
  EXPECT_EQ(users.indexes[1].name, "users_email_key");
  EXPECT_TRUE(users.indexes[1].unique);
  // Two unnamed keys on the same columns: numbered in declaration order, like inspect does.
  ASSERT_EQ(users.foreignKeys.size(), 2u);
  EXPECT_EQ(users.foreignKeys[0].name, "users_id_fkey");
  EXPECT_EQ(users.foreignKeys[0].onDelete, ir::FkAction::Cascade);
  EXPECT_EQ(users.foreignKeys[1].name, "users_id_fkey1");
  EXPECT_EQ(users.foreignKeys[1].onUpdate, ir::FkAction::SetDefault);
}

}  // namespace
}  // namespace schemac::importer
