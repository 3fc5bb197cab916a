// A schema using what databases made by other tools hold: a NOCASE unique email, a deferrable
// unnamed foreign key, a UNIQUE table constraint, a WITHOUT ROWID + STRICT table, triggers
// (one naming another table in its body, one INSTEAD OF on a view), views on views and an
// fts5 virtual table. Built as IR values (no language needed).
#pragma once

#include "schemac/ir.h"

namespace schemac::testing {

inline ir::Column objCol(std::string name, ir::TypeKind k = ir::TypeKind::Int,
                         bool nullable = false) {
  ir::Column c;
  c.name = std::move(name);
  c.type.kind = k;
  c.nullable = nullable;
  return c;
}

inline ir::Schema objectsSchema() {
  using K = ir::TypeKind;
  ir::Schema s;

  ir::Table users;
  users.name = "users";
  ir::Column email = objCol("email", K::Text);
  email.collation = "nocase";
  users.columns = {objCol("id"), email, objCol("name", K::Text)};
  users.primaryKey = {"id"};
  ir::Index ue;
  ue.name = "users_email_key";
  ue.unique = true;
  ue.columns = {ir::IndexColumn("email")};
  users.indexes = {ue};

  ir::Table posts;
  posts.name = "posts";
  posts.columns = {objCol("id"), objCol("user_id"), objCol("title", K::Text)};
  posts.primaryKey = {"id"};
  ir::ForeignKey fk;
  fk.name = "posts_user_id_fkey";
  fk.columns = {"user_id"};
  fk.refTable = "users";
  fk.refColumns = {"id"};
  fk.onDelete = ir::FkAction::Cascade;
  fk.deferral = ir::Deferral::Deferred;
  fk.unnamed = true;
  posts.foreignKeys = {fk};
  ir::Index lowerTitle;  // an expression index
  lowerTitle.name = "posts_lower_title_idx";
  ir::IndexColumn part;
  part.expr = ir::Expr{ir::ExprKind::Call, "lower", {ir::Expr{ir::ExprKind::Column, "title", {}}}};
  lowerTitle.columns = {part};
  posts.indexes = {lowerTitle};

  ir::Table teams;
  teams.name = "teams";
  teams.columns = {objCol("id"), objCol("name", K::Text)};
  teams.primaryKey = {"id"};
  teams.primaryKeyName = "teams_pk";
  ir::Index tn;
  tn.name = "teams_name_key";
  tn.unique = true;
  tn.constraint = true;
  tn.unnamed = true;
  tn.columns = {ir::IndexColumn("name")};
  teams.indexes = {tn};
  ir::Check positive;
  positive.name = "teams_check";
  positive.unnamed = true;
  positive.expr = ir::Expr{ir::ExprKind::Raw, "id > 0", {}};
  teams.checks = {positive};

  ir::Table tags;
  tags.name = "tags";
  tags.columns = {objCol("code", K::Text), objCol("label", K::Text, true)};
  tags.primaryKey = {"code"};
  tags.withoutRowid = true;
  tags.strict = true;

  ir::Table audit;
  audit.name = "audit";
  audit.columns = {objCol("id"), objCol("note", K::Text)};
  audit.primaryKey = {"id"};

  s.tables = {audit, posts, tags, teams, users};

  s.views = {
      {"user_emails", "SELECT id, email FROM users", ""},
      {"user_email_count", "SELECT count(*) AS n FROM \"user_emails\"", ""},
  };
  ir::Trigger usersAi;
  usersAi.name = "users_ai";
  usersAi.table = "users";
  usersAi.timing = ir::TriggerTiming::After;
  usersAi.event = ir::TriggerEvent::Insert;
  usersAi.forEachRow = true;
  usersAi.body = "BEGIN INSERT INTO audit(note) VALUES ('user ' || NEW.email); END";
  ir::Trigger postsAu;  // on posts, names users in its body
  postsAu.name = "posts_au";
  postsAu.table = "posts";
  postsAu.timing = ir::TriggerTiming::After;
  postsAu.event = ir::TriggerEvent::Update;
  postsAu.columns = {"title"};
  postsAu.when = "NEW.title <> OLD.title";
  postsAu.body = "BEGIN UPDATE users SET name = NEW.title WHERE id = NEW.user_id; END";
  ir::Trigger viaView;  // INSTEAD OF on a view
  viaView.name = "user_emails_ins";
  viaView.table = "user_emails";
  viaView.timing = ir::TriggerTiming::InsteadOf;
  viaView.event = ir::TriggerEvent::Insert;
  viaView.body = "BEGIN INSERT INTO users(email, name) VALUES (NEW.email, 'via view'); END";
  s.triggers = {usersAi, postsAu, viaView};
  s.virtualTables = {{"docs_fts", "fts5", "title, body", ""}};
  ir::canonicalize(s);
  return s;
}

}  // namespace schemac::testing
