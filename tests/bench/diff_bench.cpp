// Differ speed: diffing two 5,000-table IRs (target < 50 ms); an incremental migration of a
// 1,000-table schema with and without generate-time verification. The next schema changes 1% of
// the tables (a column added, a type changed, an index added) and renames one by hint.
#include <benchmark/benchmark.h>

#include "schemac/codegen/sqlite_migrate.h"
#include "schemac/db/verify.h"
#include "schemac/diff.h"

namespace {

using namespace schemac;

ir::Column column(std::string name, ir::TypeKind k, bool nullable = false) {
  ir::Column c;
  c.name = std::move(name);
  c.type.kind = k;
  c.nullable = nullable;
  return c;
}

ir::Schema makeSchema(int tables, bool changed) {
  ir::Schema s;
  for (int i = 0; i < tables; ++i) {
    ir::Table t;
    char buf[32];
    std::snprintf(buf, sizeof buf, "table_%05d", i);
    t.name = buf;
    t.columns = {column("id", ir::TypeKind::Int),
                 column("name", ir::TypeKind::Text),
                 column("email", ir::TypeKind::Text, true),
                 column("amount", ir::TypeKind::Decimal),
                 column("created_at", ir::TypeKind::Timestamp),
                 column("parent_id", ir::TypeKind::Int, true),
                 column("meta", ir::TypeKind::Json, true),
                 column("active", ir::TypeKind::Bool)};
    t.columns[1].defaultValue = ir::Expr{ir::ExprKind::String, "x", {}, false};
    t.primaryKey = {"id"};
    t.indexes.push_back({t.name + "_email_key", true, {{"email", false}}, std::nullopt});
    t.indexes.push_back({t.name + "_name_idx", false, {{"name", false}}, std::nullopt});
    if (i > 0) {
      char ref[32];
      std::snprintf(ref, sizeof ref, "table_%05d", i - 1);
      t.foreignKeys.push_back({t.name + "_parent_id_fkey",
                               {"parent_id"},
                               ref,
                               {"id"},
                               ir::FkAction::Cascade,
                               ir::FkAction::NoAction});
    }
    ir::Expr gt{ir::ExprKind::Binary, ">=", {}, false};
    gt.args = {ir::Expr{ir::ExprKind::Column, "amount", {}, false},
               ir::Expr{ir::ExprKind::Int, "0", {}, false}};
    t.checks.push_back({t.name + "_amount_check", gt});
    if (changed && i % 100 == 0) {
      t.columns.push_back(column("paid_at", ir::TypeKind::Timestamp, true));
      t.columns[3].type.kind = ir::TypeKind::Real;
      t.indexes.push_back(
          {t.name + "_created_at_idx", false, {{"created_at", false}}, std::nullopt});
    }
    if (changed && i == 4999) {
      t.renamedFrom = {t.name};
      t.name = "renamed_table";
    }
    s.tables.push_back(std::move(t));
  }
  ir::canonicalize(s);
  return s;
}

void BM_Diff5000Tables(benchmark::State& state) {
  ir::Schema a = makeSchema(5000, false), b = makeSchema(5000, true);
  std::size_t changes = 0;
  for (auto _ : state) {
    diff::Plan p = diff::diff(a, b);
    changes = p.changes.size();
    benchmark::DoNotOptimize(p);
  }
  state.counters["changes"] = static_cast<double>(changes);
}
BENCHMARK(BM_Diff5000Tables)->Unit(benchmark::kMillisecond);

void BM_Diff5000TablesUnchanged(benchmark::State& state) {
  ir::Schema a = makeSchema(5000, false), b = makeSchema(5000, false);
  for (auto _ : state) benchmark::DoNotOptimize(diff::diff(a, b));
}
BENCHMARK(BM_Diff5000TablesUnchanged)->Unit(benchmark::kMillisecond);

// What an incremental generate does on a 1,000-table schema: diff, lower, verify.
void BM_GenerateOneColumn1000Tables(benchmark::State& state) {
  ir::Schema a = makeSchema(1000, false), b = a;
  b.tables[500].columns.push_back(column("paid_at", ir::TypeKind::Timestamp, true));
  for (auto _ : state) {
    codegen::sqlite::Migration m = codegen::sqlite::buildMigration(a, b);
    if (state.range(0)) {
      db::VerifyResult v = db::verifyMigration(a, b, m);
      if (!v.ok) state.SkipWithError(v.difference.c_str());
    }
    benchmark::DoNotOptimize(m);
  }
}
BENCHMARK(BM_GenerateOneColumn1000Tables)->Arg(0)->Arg(1)->Unit(benchmark::kMillisecond);

}  // namespace

BENCHMARK_MAIN();
