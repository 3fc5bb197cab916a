#include <gtest/gtest.h>

#include "schemac/db/pull.h"

namespace schemac::db {
namespace {

ir::Expr raw(std::string sql) { return ir::Expr{ir::ExprKind::Raw, std::move(sql), {}, false}; }
ir::Type ty(ir::TypeKind kind, int precision = 0, int scale = 0, int length = 0) {
  ir::Type t;
  t.kind = kind;
  t.precision = precision;
  t.scale = scale;
  t.length = length;
  return t;
}

ir::Column column(std::string name, ir::Type type, bool nullable = false) {
  ir::Column c;
  c.name = std::move(name);
  c.type = std::move(type);
  c.nullable = nullable;
  return c;
}

ir::Expr col(std::string name) {
  return ir::Expr{ir::ExprKind::Column, std::move(name), {}, false};
}

TEST(PullRenderTest, WritesEveryItemAsANamedTableItem) {
  ir::Schema s;
  s.enums.push_back(
      ir::Enum{"invoices_status", {{"draft", "", {}}, {"in progress", "", {}}}, "", {}});

  ir::Table users;
  users.name = "users";
  users.columns.push_back(column("id", ty(ir::TypeKind::Int)));
  users.columns.back().autoincrement = true;
  users.columns.push_back(column("email", ty(ir::TypeKind::Varchar, 0, 0, 120)));
  users.columns.back().doc = "Where we write.";
  users.columns.push_back(column("index", ty(ir::TypeKind::Text), true));
  users.columns.back().defaultValue = raw("'a\"b'");
  users.primaryKey = {"id"};
  users.indexes.push_back({"users_email_key", true, {{"email", false}}, std::nullopt});
  ir::Expr length{ir::ExprKind::Call, "length", {col("email")}, false};
  ir::Expr three{ir::ExprKind::Int, "3", {}, false};
  users.checks.push_back(
      {"users_email_check", ir::Expr{ir::ExprKind::Binary, ">", {length, three}, false}});

  ir::Table inv;
  inv.name = "invoices";
  inv.columns.push_back(column("user_id", ty(ir::TypeKind::Int)));
  inv.columns.push_back(column("number", ty(ir::TypeKind::Int)));
  ir::Type status = ty(ir::TypeKind::Enum);
  status.enumName = "invoices_status";
  inv.columns.push_back(column("status", status));
  inv.columns.back().defaultValue = ir::Expr{ir::ExprKind::EnumValue, "draft", {}, false};
  inv.columns.push_back(column("amount", ty(ir::TypeKind::Decimal, 12, 2), true));
  inv.columns.back().generated = ir::Generated{raw("\"number\" * 2"), true};
  inv.primaryKey = {"user_id", "number"};
  inv.indexes.push_back({"invoices_open",
                         false,
                         {{"user_id", false}, {"number", true}},
                         raw("\"status\" != 'paid'")});
  inv.foreignKeys.push_back({"invoices_user_id_fkey",
                             {"user_id"},
                             "users",
                             {"id"},
                             ir::FkAction::Cascade,
                             ir::FkAction::NoAction});
  s.tables = {inv, users};

  EXPECT_EQ(renderSchemaText(s),
            "enum invoices_status { draft `in progress` }\n"
            "\n"
            "table invoices {\n"
            "  user_id  int\n"
            "  number   int\n"
            "  status   invoices_status  default draft\n"
            "  amount   decimal(12, 2)?  generated (sql\"\\\"number\\\" * 2\") stored\n"
            "\n"
            "  primary (user_id, number)\n"
            "  index invoices_open (user_id, number desc) where sql\"\\\"status\\\" != 'paid'\"\n"
            "  foreign invoices_user_id_fkey (user_id) references users(id) on delete cascade\n"
            "}\n"
            "\n"
            "table users {\n"
            "  id       int           primary autoincrement\n"
            "  /// Where we write.\n"
            "  email    varchar(120)\n"
            "  `index`  text?         default sql\"'a\\\"b'\"\n"
            "\n"
            "  unique index users_email_key (email)\n"
            "  check users_email_check (length(email) > 3)\n"
            "}\n");
}

TEST(PullRenderTest, EmptySchemaIsEmptyText) { EXPECT_EQ(renderSchemaText(ir::Schema{}), ""); }

}  // namespace
}  // namespace schemac::db
