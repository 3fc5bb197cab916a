// verifyMigration(), the proof generate runs before writing a migration: it applies the
// scripts through rt::applyScript, the path `schemac migrate` takes.
#include "schemac/db/verify.h"

#include <set>
#include <type_traits>
#include <variant>

#include "schemac/codegen/sqlite.h"
#include "schemac/db/inspect.h"
#include "schemac/rt/apply.h"
#include "schemac/rt/migrator.h"

namespace schemac::db {
namespace {

// Docs are not changes (a doc edit generates no migration), so they are not compared.
ir::Schema withoutDocs(ir::Schema s) {
  s.doc.clear();
  for (ir::Table& t : s.tables) {
    t.doc.clear();
    for (ir::Column& c : t.columns) c.doc.clear();
  }
  for (ir::Enum& e : s.enums) {
    e.doc.clear();
    for (ir::EnumValue& v : e.values) v.doc.clear();
  }
  for (ir::View& v : s.views) v.doc.clear();
  for (ir::Trigger& t : s.triggers) t.doc.clear();
  for (ir::VirtualTable& v : s.virtualTables) v.doc.clear();
  return s;
}

// The names of the tables a plan concerns (either side's names).
void planTables(const diff::Plan& plan, const ir::Schema& from, const ir::Schema& to,
                std::set<std::string>& out) {
  auto usersOf = [&](const std::string& enumName) {
    for (const ir::Schema* s : {&from, &to}) {
      for (const ir::Table& t : s->tables) {
        for (const ir::Column& c : t.columns) {
          if (c.type.kind == ir::TypeKind::Enum && c.type.enumName == enumName) out.insert(t.name);
        }
      }
    }
  };
  for (const diff::Change& c : plan.changes) {
    std::visit(
        [&](const auto& x) {
          using T = std::decay_t<decltype(x)>;
          if constexpr (std::is_same_v<T, diff::CreateTable> ||
                        std::is_same_v<T, diff::DropTable>) {
            out.insert(x.table.name);
          } else if constexpr (std::is_same_v<T, diff::RenameTable>) {
            out.insert(x.from);
            out.insert(x.to);
          } else if constexpr (std::is_same_v<T, diff::CreateEnum> ||
                               std::is_same_v<T, diff::DropEnum>) {
            usersOf(x.e.name);
          } else if constexpr (std::is_same_v<T, diff::RenameEnum>) {
            usersOf(x.from);
            usersOf(x.to);
          } else if constexpr (std::is_same_v<T, diff::AddEnumValue> ||
                               std::is_same_v<T, diff::DropEnumValue> ||
                               std::is_same_v<T, diff::RenameEnumValue> ||
                               std::is_same_v<T, diff::ReorderEnumValues>) {
            usersOf(x.enumName);
          } else if constexpr (std::is_same_v<T, diff::CreateTrigger> ||
                               std::is_same_v<T, diff::DropTrigger>) {
            out.insert(x.trigger.table);
          } else if constexpr (std::is_same_v<T, diff::CreateView> ||
                               std::is_same_v<T, diff::DropView> ||
                               std::is_same_v<T, diff::CreateVirtualTable> ||
                               std::is_same_v<T, diff::DropVirtualTable>) {
            // concernedTables() takes every table when a schema has such objects.
          } else {
            out.insert(x.table);
          }
        },
        c.kind);
  }
}

std::set<std::string> concernedTables(const ir::Schema& prev, const ir::Schema& next,
                                      const codegen::sqlite::Migration& m) {
  std::set<std::string> names;
  // Views and triggers name tables in raw SQL, and SQLite's RENAME (end of a rebuild) checks
  // them all: with any of them, the whole schema is built.
  auto hasObjects = [](const ir::Schema& s) {
    return !s.views.empty() || !s.triggers.empty() || !s.virtualTables.empty();
  };
  if (hasObjects(prev) || hasObjects(next)) {
    for (const ir::Schema* s : {&prev, &next}) {
      for (const ir::Table& t : s->tables) names.insert(t.name);
    }
    return names;
  }
  planTables(m.upPlan, prev, next, names);
  planTables(m.downPlan, next, prev, names);
  for (const std::string& t : m.up.rebuiltTables) names.insert(t);
  for (const std::string& t : m.down.rebuiltTables) names.insert(t);
  // One hop along foreign keys, both ways, on both sides.
  std::set<std::string> out = names;
  for (const ir::Schema* s : {&prev, &next}) {
    for (const ir::Table& t : s->tables) {
      for (const ir::ForeignKey& fk : t.foreignKeys) {
        if (names.count(t.name)) out.insert(fk.refTable);
        if (names.count(fk.refTable)) out.insert(t.name);
      }
    }
  }
  return out;
}

ir::Schema subset(const ir::Schema& s, const std::set<std::string>& names) {
  ir::Schema out;
  out.ns = s.ns;
  out.doc = s.doc;
  out.enums = s.enums;
  for (const ir::Table& t : s.tables) {
    if (names.count(t.name)) out.tables.push_back(t);
  }
  out.views = s.views;
  out.triggers = s.triggers;
  out.virtualTables = s.virtualTables;
  return out;
}

}  // namespace

std::string compareWithFreshBuild(rt::Connection& db, const ir::Schema& schema) {
  auto fresh = rt::open("file::memory:");
  fresh->execute(codegen::sqlite::createSchemaScript(schema));
  std::string out = describeDifference(describeSchema(*fresh), describeSchema(db));
  std::vector<std::string> lines =
      describeDifferences(withoutDocs(inspect(*fresh, &schema)), withoutDocs(inspect(db, &schema)));
  for (const std::string& l : lines) out += "* " + l + "\n";
  return out;
}

VerifyResult verifyMigration(const ir::Schema& fullPrev, const ir::Schema& fullNext,
                             const codegen::sqlite::Migration& m) {
  std::set<std::string> names = concernedTables(fullPrev, fullNext, m);
  const ir::Schema prev = subset(fullPrev, names);
  const ir::Schema next = subset(fullNext, names);
  const codegen::sqlite::MigrationSql& up = m.up;
  const codegen::sqlite::MigrationSql& down = m.down;
  VerifyResult res;
  auto fail = [&](std::string stage, std::string difference) {
    res.ok = false;
    res.stage = std::move(stage);
    res.difference = std::move(difference);
    return res;
  };
  std::string stage = "build";
  try {
    auto db = rt::open("file::memory:");
    db->execute(codegen::sqlite::createSchemaScript(prev));
    stage = "apply up";
    // Exactly what `schemac migrate` runs: the one splitter and apply path (rt/apply.h).
    rt::applyScript(*db, up.body(),
                    {.subject = "migration", .rebuildsTables = up.rebuildsTables()});
    stage = "up";
    std::string d = compareWithFreshBuild(*db, next);
    if (!d.empty()) return fail("up", d);
    stage = "apply down";
    rt::applyScript(*db, down.body(),
                    {.subject = "down migration", .rebuildsTables = down.rebuildsTables()});
    stage = "down";
    d = compareWithFreshBuild(*db, prev);
    if (!d.empty()) return fail("down", d);
  } catch (const rt::DbError& e) {
    return fail(stage, e.what());
  } catch (const rt::MigrateError& e) {
    return fail(stage, e.what());
  } catch (const InspectError& e) {
    return fail(stage, e.what());
  }
  return res;
}

}  // namespace schemac::db
