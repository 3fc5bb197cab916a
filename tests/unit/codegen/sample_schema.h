// Hand-built IR used by the JSON, lowering and introspection tests: every logical type, every
// expression kind, every foreign key action, composite keys, a self reference, a reference
// cycle, partial and descending indexes, docs, rename hints and awkward identifiers. It is
// what sema would build (canonical order), so it must also apply cleanly to SQLite.
#pragma once

#include <string>
#include <utility>
#include <vector>

#include "schemac/ir.h"

namespace schemac::testing {

inline ir::Expr lit(ir::ExprKind k, std::string text = {}) {
  ir::Expr e;
  e.kind = k;
  e.text = std::move(text);
  return e;
}
inline ir::Expr col(std::string name) { return lit(ir::ExprKind::Column, std::move(name)); }
inline ir::Expr num(std::string v) { return lit(ir::ExprKind::Int, std::move(v)); }
inline ir::Expr str(std::string v) { return lit(ir::ExprKind::String, std::move(v)); }
inline ir::Expr op(ir::ExprKind k, std::string text, std::vector<ir::Expr> args,
                   bool negated = false) {
  ir::Expr e = lit(k, std::move(text));
  e.args = std::move(args);
  e.negated = negated;
  return e;
}
inline ir::Expr bin(std::string o, ir::Expr a, ir::Expr b) {
  return op(ir::ExprKind::Binary, std::move(o), {std::move(a), std::move(b)});
}
inline ir::Expr call(std::string f, std::vector<ir::Expr> args) {
  return op(ir::ExprKind::Call, std::move(f), std::move(args));
}

inline ir::Type type(ir::TypeKind k) {
  ir::Type t;
  t.kind = k;
  return t;
}
inline ir::Type decimalType(int p, int s) {
  ir::Type t = type(ir::TypeKind::Decimal);
  t.precision = p;
  t.scale = s;
  return t;
}
inline ir::Type varcharType(int n) {
  ir::Type t = type(ir::TypeKind::Varchar);
  t.length = n;
  return t;
}
inline ir::Type enumType(std::string name) {
  ir::Type t = type(ir::TypeKind::Enum);
  t.enumName = std::move(name);
  return t;
}

inline ir::Column column(std::string name, ir::Type t, bool nullable = false) {
  ir::Column c;
  c.name = std::move(name);
  c.type = std::move(t);
  c.nullable = nullable;
  return c;
}
inline ir::Column withDefault(ir::Column c, ir::Expr d) {
  c.defaultValue = std::move(d);
  return c;
}
inline ir::Column generatedColumn(ir::Column c, ir::Expr e, bool stored) {
  c.generated = ir::Generated{std::move(e), stored};
  return c;
}

inline ir::Index index(std::string name, bool unique, std::vector<ir::IndexColumn> cols) {
  ir::Index ix;
  ix.name = std::move(name);
  ix.unique = unique;
  ix.columns = std::move(cols);
  return ix;
}

inline ir::ForeignKey fk(std::string name, std::vector<std::string> cols, std::string refTable,
                         std::vector<std::string> refCols, ir::FkAction onDelete,
                         ir::FkAction onUpdate = ir::FkAction::NoAction) {
  ir::ForeignKey f;
  f.name = std::move(name);
  f.columns = std::move(cols);
  f.refTable = std::move(refTable);
  f.refColumns = std::move(refCols);
  f.onDelete = onDelete;
  f.onUpdate = onUpdate;
  return f;
}

inline ir::Schema sampleSchema() {
  using K = ir::ExprKind;
  using T = ir::TypeKind;
  ir::Schema s;
  s.ns = "shop.db";
  s.doc = "The shop schema.";

  ir::Enum status;
  status.name = "invoice_status";
  status.doc = "Where an invoice is.";
  for (const char* v : {"draft", "sent", "paid", "void"}) status.values.push_back({v, "", {}});
  status.values[2].doc = "Money arrived.";
  status.values[3].renamedFrom = {"cancelled"};
  ir::Enum priority;
  priority.name = "priority";
  priority.values = {{"low", "", {}}, {"high", "", {}}};
  priority.renamedFrom = {"urgency"};
  ir::Enum unused;
  unused.name = "unused_kind";
  unused.values = {{"a", "", {}}};
  s.enums = {status, priority, unused};

  // users: every type.
  ir::Table users;
  users.name = "users";
  users.doc = "People who can sign in.\nSecond line.";
  ir::Column id = column("id", type(T::Int));
  id.autoincrement = true;
  id.doc = "Surrogate key.";
  users.columns.push_back(id);
  ir::Column email = column("email", varcharType(120));
  email.doc = "Login.\n\n  Indented line -- with dashes.";
  users.columns.push_back(email);
  ir::Column name = column("name", type(T::Text), true);
  name.renamedFrom = {"full_name"};
  users.columns.push_back(name);
  users.columns.push_back(withDefault(column("active", type(T::Bool)), lit(K::Bool, "true")));
  users.columns.push_back(withDefault(column("admin", type(T::Bool)), lit(K::Bool, "false")));
  users.columns.push_back(withDefault(column("score", type(T::Real)), lit(K::Decimal, "0.5")));
  users.columns.push_back(
      withDefault(column("balance", decimalType(12, 2)), lit(K::Decimal, "0.00")));
  users.columns.push_back(
      withDefault(column("created_at", type(T::Timestamp)), lit(K::Now, "timestamp")));
  users.columns.push_back(column("birthday", type(T::Date), true));
  users.columns.push_back(withDefault(column("joined_on", type(T::Date)), lit(K::Now, "date")));
  users.columns.push_back(column("token", type(T::Uuid)));
  users.columns.push_back(column("meta", type(T::Json), true));
  users.columns.push_back(withDefault(column("prefs", type(T::Json)), str("{}")));
  users.columns.push_back(column("avatar", type(T::Blob), true));
  users.columns.push_back(withDefault(column("age", type(T::Int32), true), lit(K::Null)));
  users.columns.push_back(withDefault(column("level", type(T::Int32)), num("-1")));
  users.columns.push_back(generatedColumn(column("slug", type(T::Text)),
                                          call("lower", {call("trim", {col("email")})}), true));
  users.columns.push_back(generatedColumn(
      column("display", type(T::Text), true),
      bin("||", bin("||", col("name"), str(" <")), bin("||", col("email"), str(">"))), false));
  users.primaryKey = {"id"};
  users.indexes.push_back(index("users_email_key", true, {{"email", false}}));
  ir::Index byName = index("users_name_idx", false, {{"name", true}, {"id", false}});
  byName.where = op(K::IsNull, "", {col("name")}, true);
  users.indexes.push_back(byName);
  users.checks.push_back(
      {"users_age_check", op(K::Between, "", {col("age"), num("0"), num("150")})});
  users.checks.push_back({"users_check", op(K::Unary, "not",
                                            {bin("or", bin("<", col("score"), num("0")),
                                                 bin(">", col("score"), num("100")))})});
  users.checks.push_back({"users_check1", op(K::Like, "", {col("email"), str("%@%")})});
  users.checks.push_back(
      {"users_check2", op(K::In, "", {col("level"), num("-1"), num("0"), num("1")}, false)});
  // An empty range (low > high), so NOT BETWEEN holds for every row.
  users.checks.push_back(
      {"users_check3", op(K::Between, "",
                          {col("score"), bin("*", bin("+", num("1"), num("2")), num("50")),
                           op(K::Unary, "-", {num("5")})},
                          true)});
  users.checks.push_back({"users_check4", lit(K::Raw, "abs(\"score\") >= 0")});
  users.checks.push_back(
      {"users_check5", bin("and", bin("=", bin("%", col("level"), num("1")), num("0")),
                           bin("!=", call("coalesce", {col("name"), str("it's")}), str("")))});
  users.checks.push_back(
      {"users_check6",
       bin(">=", bin("-", bin("/", col("balance"), num("2")), bin("-", num("1"), num("1"))),
           op(K::Unary, "-", {col("score")}))});
  users.checks.push_back({"users_email_check", bin(">", call("length", {col("email")}), num("3"))});

  // orgs: self reference, non-autoincrement int key.
  ir::Table orgs;
  orgs.name = "orgs";
  orgs.renamedFrom = {"groups"};
  orgs.columns.push_back(column("id", type(T::Int)));
  orgs.columns.push_back(column("parent_id", type(T::Int), true));
  orgs.columns.push_back(column("title", type(T::Text)));
  orgs.primaryKey = {"id"};
  orgs.indexes.push_back(index("orgs_title_key", true, {{"title", false}}));
  orgs.foreignKeys.push_back(
      fk("orgs_parent_id_fkey", {"parent_id"}, "orgs", {"id"}, ir::FkAction::SetNull));

  // invoices: enums, every action.
  ir::Table invoices;
  invoices.name = "invoices";
  ir::Column invId = column("id", type(T::Int));
  invId.autoincrement = true;
  invoices.columns.push_back(invId);
  invoices.columns.push_back(column("user_id", type(T::Int)));
  invoices.columns.push_back(column("org_id", type(T::Int), true));
  invoices.columns.push_back(column("number", type(T::Text)));
  invoices.columns.push_back(
      withDefault(column("status", enumType("invoice_status")), lit(K::EnumValue, "draft")));
  invoices.columns.push_back(column("priority", enumType("priority"), true));
  invoices.columns.push_back(column("amount", decimalType(12, 2)));
  invoices.columns.push_back(withDefault(column("note", type(T::Text)), str("it's \"quoted\"")));
  invoices.primaryKey = {"id"};
  invoices.indexes.push_back(
      index("invoices_user_id_number_key", true, {{"user_id", false}, {"number", false}}));
  ir::Index open = index("invoices_open_by_user", false, {{"user_id", false}, {"status", false}});
  open.where =
      op(K::In, "", {col("status"), lit(K::EnumValue, "paid"), lit(K::EnumValue, "void")}, true);
  invoices.indexes.push_back(open);
  invoices.checks.push_back({"invoices_amount_check", bin(">=", col("amount"), num("0"))});
  invoices.foreignKeys.push_back(fk("invoices_org_id_fkey", {"org_id"}, "orgs", {"id"},
                                    ir::FkAction::SetNull, ir::FkAction::Cascade));
  invoices.foreignKeys.push_back(fk("invoices_user_id_fkey", {"user_id"}, "users", {"id"},
                                    ir::FkAction::Cascade, ir::FkAction::Restrict));

  // memberships: composite key, set default, no action.
  ir::Table memberships;
  memberships.name = "memberships";
  memberships.columns.push_back(column("user_id", type(T::Int)));
  memberships.columns.push_back(withDefault(column("org_id", type(T::Int)), num("0")));
  memberships.columns.push_back(withDefault(column("role", type(T::Text)), str("member")));
  memberships.columns.push_back(withDefault(column("since", type(T::Date)), lit(K::Now, "date")));
  memberships.primaryKey = {"user_id", "org_id"};
  memberships.foreignKeys.push_back(fk("memberships_org_id_fkey", {"org_id"}, "orgs", {"id"},
                                       ir::FkAction::SetDefault, ir::FkAction::SetDefault));
  memberships.foreignKeys.push_back(fk("memberships_user_id_fkey", {"user_id"}, "users", {"id"},
                                       ir::FkAction::NoAction, ir::FkAction::NoAction));

  // A reference cycle: teams <-> people, plus a composite foreign key.
  ir::Table people;
  people.name = "people";
  people.columns.push_back(column("team", type(T::Text)));
  people.columns.push_back(column("nick", varcharType(30)));
  people.columns.push_back(column("mentor", varcharType(30), true));
  people.primaryKey = {"team", "nick"};
  people.foreignKeys.push_back(
      fk("people_team_fkey", {"team"}, "teams", {"code"}, ir::FkAction::Restrict));
  people.foreignKeys.push_back(fk("people_mentor_fkey", {"team", "mentor"}, "people",
                                  {"team", "nick"}, ir::FkAction::NoAction));
  people.indexes.push_back(index("people_mentor_idx", false, {{"team", false}, {"mentor", false}}));
  ir::Table teams;
  teams.name = "teams";
  teams.columns.push_back(column("code", type(T::Text)));
  teams.columns.push_back(column("lead_team", type(T::Text), true));
  teams.columns.push_back(column("lead_nick", varcharType(30), true));
  teams.primaryKey = {"code"};
  teams.indexes.push_back(
      index("teams_lead_key", true, {{"lead_team", false}, {"lead_nick", false}}));
  teams.foreignKeys.push_back(fk("teams_lead_fkey", {"lead_team", "lead_nick"}, "people",
                                 {"team", "nick"}, ir::FkAction::SetNull));

  // Awkward names: quotes, spaces, keywords, non-ASCII.
  ir::Table odd;
  odd.name = "odd \"table\" name";
  odd.columns.push_back(column("select", type(T::Int)));
  odd.columns.push_back(column("order by", type(T::Text), true));
  odd.columns.push_back(withDefault(column("größe", type(T::Real)), lit(K::Decimal, "1.5")));
  odd.columns.push_back(column("\"q\"", type(T::Text), true));
  odd.primaryKey = {"select"};
  odd.indexes.push_back(index("odd \"idx\"", false, {{"order by", true}, {"\"q\"", false}}));
  odd.checks.push_back({"odd check \"1\"", bin(">", col("größe"), num("0"))});

  s.tables = {invoices, memberships, odd, orgs, people, teams, users};
  ir::canonicalize(s);
  return s;
}

}  // namespace schemac::testing
