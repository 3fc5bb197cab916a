// Typed queries vs hand-written sqlite3 C API code doing the same work with prepared
// statements (same connection settings, same SQL shape: INSERT ... RETURNING, row structs
// with the same fields), and header generation for a 1,000-table schema.
//   build/default/tests/query_bench [--benchmark_repetitions=N]
#include <benchmark/benchmark.h>
#include <sqlite3.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "query_test_schema.h"
#include "schemac/codegen/cpp.h"
#include "schemac/compile.h"
#include "schemac/ir_json.h"
#include "schemac/rt/sqlite.h"
#include "schemac/rt/transaction.h"

namespace rt = schemac::rt;
namespace fs = std::filesystem;

namespace {

constexpr int kRows = 100000;

struct Db {
  fs::path path;
  std::unique_ptr<rt::Connection> conn;
  explicit Db(const char* name) {
    path = fs::temp_directory_path() /
           (std::string("schemac-bench-") + name + "-" + std::to_string(::getpid()) + ".db");
    fs::remove(path);
    conn = rt::open("file:" + path.string());
    qt::db::migrate(*conn);
  }
  ~Db() {
    conn.reset();
    fs::remove(path);
    fs::remove(path.string() + "-wal");
    fs::remove(path.string() + "-shm");
  }
  sqlite3* handle() { return static_cast<rt::SqliteConnection&>(*conn).handle(); }
};

std::string email(int i) { return "user" + std::to_string(i) + "@example.com"; }

void BM_TypedInsert100k(benchmark::State& state) {
  for (auto _ : state) {
    state.PauseTiming();
    Db db("typed-insert");
    state.ResumeTiming();
    rt::withTransaction(*db.conn, [&] {
      for (int i = 0; i < kRows; ++i) {
        auto id =
            rt::insert(*db.conn, qt::db::users, {.email = email(i), .name = "Name", .age = i % 90});
        benchmark::DoNotOptimize(id);
      }
    });
  }
}

void BM_HandWrittenInsert100k(benchmark::State& state) {
  for (auto _ : state) {
    state.PauseTiming();
    Db db("hand-insert");
    state.ResumeTiming();
    sqlite3* h = db.handle();
    sqlite3_exec(h, "BEGIN", nullptr, nullptr, nullptr);
    sqlite3_stmt* st = nullptr;
    sqlite3_prepare_v2(h,
                       "INSERT INTO \"users\" (\"email\", \"name\", \"age\") VALUES (?, ?, ?) "
                       "RETURNING \"id\"",
                       -1, &st, nullptr);
    for (int i = 0; i < kRows; ++i) {
      std::string e = email(i);
      std::string name = "Name";
      sqlite3_bind_text(st, 1, e.data(), static_cast<int>(e.size()), SQLITE_TRANSIENT);
      sqlite3_bind_text(st, 2, name.data(), static_cast<int>(name.size()), SQLITE_TRANSIENT);
      sqlite3_bind_int64(st, 3, i % 90);
      if (sqlite3_step(st) != SQLITE_ROW) state.SkipWithError("insert failed");
      std::int64_t id = sqlite3_column_int64(st, 0);
      benchmark::DoNotOptimize(id);
      sqlite3_reset(st);
    }
    sqlite3_finalize(st);
    sqlite3_exec(h, "COMMIT", nullptr, nullptr, nullptr);
  }
}

// One database with 100k users for both select benchmarks.
Db& selectDb() {
  static Db db("select");
  static bool filled = [] {
    rt::withTransaction(*db.conn, [&] {
      for (int i = 0; i < kRows; ++i)
        rt::insert(*db.conn, qt::db::users,
                   {.email = email(i),
                    .name = i % 3 ? std::optional<std::string>("Name") : std::nullopt,
                    .age = i % 90});
    });
    return true;
  }();
  (void)filled;
  return db;
}

void BM_TypedSelect100k(benchmark::State& state) {
  Db& db = selectDb();
  for (auto _ : state) {
    std::int64_t sum = 0;
    for (const qt::db::Users& u : rt::select(*db.conn, qt::db::users).where(qt::db::users.id > 0))
      sum += u.id + static_cast<std::int64_t>(u.email.size());
    benchmark::DoNotOptimize(sum);
  }
}

void BM_HandWrittenSelect100k(benchmark::State& state) {
  Db& db = selectDb();
  sqlite3_stmt* st = nullptr;
  sqlite3_prepare_v2(db.handle(),
                     "SELECT \"id\", \"email\", \"name\", \"age\", \"active\", \"created_at\" "
                     "FROM \"users\" WHERE \"id\" > ?",
                     -1, &st, nullptr);
  for (auto _ : state) {
    std::int64_t sum = 0;
    sqlite3_bind_int64(st, 1, 0);
    while (sqlite3_step(st) == SQLITE_ROW) {
      qt::db::Users u;
      u.id = sqlite3_column_int64(st, 0);
      u.email.assign(reinterpret_cast<const char*>(sqlite3_column_text(st, 1)),
                     static_cast<std::size_t>(sqlite3_column_bytes(st, 1)));
      if (sqlite3_column_type(st, 2) != SQLITE_NULL)
        u.name.emplace(reinterpret_cast<const char*>(sqlite3_column_text(st, 2)),
                       static_cast<std::size_t>(sqlite3_column_bytes(st, 2)));
      if (sqlite3_column_type(st, 3) != SQLITE_NULL)
        u.age = static_cast<std::int32_t>(sqlite3_column_int64(st, 3));
      u.active = sqlite3_column_int64(st, 4) != 0;
      u.created_at = rt::Timestamp(std::chrono::milliseconds(sqlite3_column_int64(st, 5)));
      sum += u.id + static_cast<std::int64_t>(u.email.size());
    }
    sqlite3_reset(st);
    benchmark::DoNotOptimize(sum);
  }
  sqlite3_finalize(st);
}

// The synthetic schema of tests/bench/gen_schema.py with 1,000 tables.
std::string benchSchema(int n) {
  std::ostringstream out;
  out << "/// Synthetic benchmark schema: " << n << " tables.\nnamespace bench\n\n"
      << "enum row_status { active archived deleted }\n\n";
  for (int i = 0; i < n; ++i) {
    int parent = i > 0 ? (i - 1) / 2 : 0;
    out << "/// Table " << i << " of " << n << ".\ntable t" << i << " {\n"
        << "  id          int            primary autoincrement\n"
        << "  parent_id   int?           references t" << parent << "(id) on delete set null\n"
        << "  code        varchar(32)\n"
        << "  name        text           check (length(name) > 0)\n"
        << "  amount      decimal(12, 2) default 0.00 check (amount >= 0)\n"
        << "  quantity    int32          default 1\n"
        << "  status      row_status     default active\n"
        << "  active      bool           default true\n"
        << "  payload     json?\n"
        << "  created_at  timestamp      default now\n\n"
        << "  unique (code)\n"
        << "  index t" << i << "_by_parent (parent_id, created_at desc) where active = true\n"
        << "}\n\n";
  }
  return out.str();
}

const schemac::ir::Schema& bench1000() {
  static schemac::ir::Schema schema = [] {
    fs::path p =
        fs::temp_directory_path() / ("schemac-bench-" + std::to_string(::getpid()) + ".schema");
    std::ofstream(p) << benchSchema(1000);
    schemac::SourceManager sm;
    schemac::DiagEngine diags(sm);
    auto s = schemac::compileFiles({p.string()}, sm, diags);
    fs::remove(p);
    if (!s) std::abort();
    return *s;
  }();
  return schema;
}

void BM_GenerateHeader1000Tables(benchmark::State& state) {
  const auto& schema = bench1000();
  for (auto _ : state) {
    schemac::codegen::cpp::HeaderOptions o;
    o.fingerprint = schemac::ir::fingerprint(schema);
    auto h = schemac::codegen::cpp::generateHeader(schema, o);
    benchmark::DoNotOptimize(h);
    state.counters["bytes"] = static_cast<double>(h.size());
  }
}

}  // namespace

BENCHMARK(BM_TypedInsert100k)->Unit(benchmark::kMillisecond)->UseRealTime();
BENCHMARK(BM_HandWrittenInsert100k)->Unit(benchmark::kMillisecond)->UseRealTime();
BENCHMARK(BM_TypedSelect100k)->Unit(benchmark::kMillisecond)->UseRealTime();
BENCHMARK(BM_HandWrittenSelect100k)->Unit(benchmark::kMillisecond)->UseRealTime();
BENCHMARK(BM_GenerateHeader1000Tables)->Unit(benchmark::kMillisecond)->UseRealTime();
BENCHMARK_MAIN();
