// Runs one schema-evolution scenario (tests/scenarios/cases/*.scenario) on real SQLite files:
//   build prev (fresh CREATE script), insert rows, apply up (as the migrator does: foreign keys
//   off around the transaction when it rebuilds tables, foreign_key_check before commit),
//   check the data, check the schema equals a fresh build of next, foreign_key_check and
//   integrity_check clean; then apply down and check the schema equals prev (and the data).
// Also checks the warnings, the rebuilt tables, the generate-time verification and that the
// SQL is the same bytes when generated twice.
//
// File format: sections introduced by `--- NAME` lines; lines before the first are comments.
//   prev, next        the two schemas (.schema language)
//   rows              SQL run on prev before the migration
//   warnings          the expected warnings, one per line, in order (absent: none)
//   rebuilds          the tables the up migration rebuilds, comma-separated (absent: none)
//   up, down          `ok` (default) or `error: TEXT` (the apply fails with TEXT in the message,
//                     and the database is left as it was)
//   before-down       SQL run after up, before down (e.g. delete rows a down cannot restore)
//   up-data, down-data  queries and their rows: a query line, then its rows as `a|b` lines
//                     (NULL for null), queries separated by blank lines
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <map>
#include <sstream>

#include "schemac/codegen/sqlite.h"
#include "schemac/codegen/sqlite_migrate.h"
#include "schemac/compile.h"
#include "schemac/db/verify.h"
#include "schemac/diff.h"
#include "schemac/rt/apply.h"
#include "schemac/rt/connection.h"
#include "schemac/rt/migrator.h"

namespace fs = std::filesystem;
using namespace schemac;

namespace {

struct Failure : std::runtime_error {
  using std::runtime_error::runtime_error;
};

std::map<std::string, std::string> readSections(const std::string& path) {
  std::ifstream in(path);
  if (!in) throw Failure("cannot read " + path);
  std::map<std::string, std::string> out;
  std::string current, line;
  bool inSection = false;
  while (std::getline(in, line)) {
    if (line.rfind("--- ", 0) == 0) {
      current = line.substr(4);
      out[current];
      inSection = true;
      continue;
    }
    if (inSection) out[current] += line + "\n";
  }
  return out;
}

std::vector<std::string> nonEmptyLines(const std::string& s) {
  std::vector<std::string> out;
  std::istringstream is(s);
  for (std::string l; std::getline(is, l);) {
    if (l.find_first_not_of(" \t") != std::string::npos) out.push_back(l);
  }
  return out;
}

std::string trim(std::string s) {
  s.erase(0, s.find_first_not_of(" \t\r\n"));
  s.erase(s.find_last_not_of(" \t\r\n") + 1);
  return s;
}

ir::Schema compile(const fs::path& dir, const std::string& name, const std::string& text) {
  fs::path p = dir / (name + ".schema");
  std::ofstream(p) << text;
  SourceManager sm;
  DiagEngine diags(sm);
  auto s = compileFiles({p.string()}, sm, diags);
  if (!s) {
    std::ostringstream os;
    diags.print(os);
    throw Failure(name + " does not compile:\n" + os.str());
  }
  return *s;
}

std::string cell(const rt::Value& v) {
  if (std::holds_alternative<std::monostate>(v)) return "NULL";
  if (auto* i = std::get_if<std::int64_t>(&v)) return std::to_string(*i);
  if (auto* d = std::get_if<double>(&v)) {
    std::ostringstream os;
    os << *d;
    return os.str();
  }
  if (auto* s = std::get_if<std::string>(&v)) return *s;
  return "<blob>";
}

void checkData(rt::Connection& db, const std::string& spec, const std::string& when) {
  std::istringstream is(spec);
  std::string line, query;
  std::vector<std::string> expected;
  auto run = [&] {
    if (query.empty()) return;
    rt::ResultSet r = db.query(query);
    std::vector<std::string> got;
    for (const auto& row : r.rows) {
      std::string l;
      for (std::size_t i = 0; i < row.size(); ++i) l += (i ? "|" : "") + cell(row[i]);
      got.push_back(l);
    }
    if (got != expected) {
      std::string msg = when + ": `" + query + "` returned:\n";
      for (const auto& g : got) msg += "  " + g + "\n";
      msg += "expected:\n";
      for (const auto& e : expected) msg += "  " + e + "\n";
      throw Failure(msg);
    }
    query.clear();
    expected.clear();
  };
  while (std::getline(is, line)) {
    if (trim(line).empty()) {
      run();
    } else if (query.empty()) {
      query = trim(line);
    } else {
      expected.push_back(trim(line));
    }
  }
  run();
}

void checkClean(rt::Connection& db, const std::string& when) {
  rt::ResultSet fk = db.query("PRAGMA foreign_key_check");
  if (!fk.rows.empty()) {
    throw Failure(when + ": foreign_key_check reports " + std::to_string(fk.rows.size()) +
                  " violation(s), first in " + cell(fk.rows[0][0]));
  }
  rt::ResultSet ic = db.query("PRAGMA integrity_check");
  if (ic.rows.size() != 1 || cell(ic.rows[0][0]) != "ok") {
    throw Failure(when + ": integrity_check: " + cell(ic.rows[0][0]));
  }
}

// Applies a migration, expecting `expect` ("ok" or "error: TEXT"). Returns true if applied.
bool apply(rt::Connection& db, const codegen::sqlite::MigrationSql& sql, const std::string& expect,
           const std::string& when) {
  std::string before = db::describeSchema(db);
  try {
    rt::applyScript(db, sql.body(),
                    {.subject = "migration", .rebuildsTables = sql.rebuildsTables()});
  } catch (const rt::MigrateError& e) {
    if (expect.rfind("error:", 0) != 0) {
      throw Failure(when + " failed: " + e.what() + "\nSQL:\n" + sql.body());
    }
    std::string want = trim(expect.substr(6));
    if (std::string(e.what()).find(want) == std::string::npos) {
      throw Failure(when + " failed with `" + e.what() + "`, expected `" + want + "`");
    }
    std::string after = db::describeSchema(db);
    if (after != before) {
      throw Failure(when + " failed but changed the schema:\n" +
                    db::describeDifference(before, after));
    }
    return false;
  }
  if (expect.rfind("error:", 0) == 0) {
    throw Failure(when + " succeeded, expected " + expect + "\nSQL:\n" + sql.body());
  }
  return true;
}

void runCase(const std::string& path, const fs::path& work) {
  auto sec = readSections(path);
  for (const char* required : {"prev", "next"}) {
    if (!sec.count(required)) throw Failure(std::string("missing section ") + required);
  }
  ir::Schema prev = compile(work, "prev", sec["prev"]);
  ir::Schema next = compile(work, "next", sec["next"]);

  codegen::sqlite::Migration m = codegen::sqlite::buildMigration(prev, next);
  codegen::sqlite::Migration again = codegen::sqlite::buildMigration(prev, next);
  if (m.up.body() != again.up.body() || m.down.body() != again.down.body()) {
    throw Failure("the migration is not deterministic");
  }
  if (m.upPlan.empty()) throw Failure("the scenario has no change");
  if (std::getenv("SCHEMAC_SCENARIO_SHOW")) {
    std::cout << "-- plan\n"
              << diff::summary(m.upPlan) << "-- up\n"
              << m.up.body() << "-- down\n"
              << m.down.body();
  }

  std::vector<std::string> warnings = diff::warnings(m.upPlan);
  std::vector<std::string> wantWarnings = nonEmptyLines(sec["warnings"]);
  if (warnings != wantWarnings) {
    std::string msg = "warnings differ; got:\n";
    for (const auto& w : warnings) msg += "  " + w + "\n";
    throw Failure(msg);
  }
  std::string rebuilt;
  for (const auto& t : m.up.rebuiltTables) rebuilt += (rebuilt.empty() ? "" : ", ") + t;
  if (rebuilt != trim(sec["rebuilds"])) {
    throw Failure("rebuilt tables: got `" + rebuilt + "`, expected `" + trim(sec["rebuilds"]) +
                  "`\nSQL:\n" + m.up.body());
  }

  db::VerifyResult v = db::verifyMigration(prev, next, m);
  if (!v.ok) throw Failure("generate-time verification failed (" + v.stage + "):\n" + v.difference);

  auto db = rt::open((work / "db.sqlite").string());
  db->execute(codegen::sqlite::createSchemaScript(prev));
  if (sec.count("rows")) db->execute(sec["rows"]);

  std::string upExpect = sec.count("up") ? trim(sec["up"]) : "ok";
  if (!apply(*db, m.up, upExpect, "up")) {
    checkClean(*db, "after the failed up");
    return;  // the failure was the expected outcome; the database is unchanged
  }
  if (sec.count("up-data")) checkData(*db, sec["up-data"], "after up");
  std::string d = db::compareWithFreshBuild(*db, next);
  if (!d.empty()) throw Failure("after up, the schema differs from a fresh build of next:\n" + d);
  checkClean(*db, "after up");

  if (sec.count("before-down")) db->execute(sec["before-down"]);
  std::string downExpect = sec.count("down") ? trim(sec["down"]) : "ok";
  if (!apply(*db, m.down, downExpect, "down")) {
    checkClean(*db, "after the failed down");
    return;
  }
  d = db::compareWithFreshBuild(*db, prev);
  if (!d.empty()) throw Failure("after down, the schema differs from a fresh build of prev:\n" + d);
  checkClean(*db, "after down");
  if (sec.count("down-data")) checkData(*db, sec["down-data"], "after down");
}

}  // namespace

int main(int argc, char** argv) {
  if (argc != 2) {
    std::cerr << "usage: schemac_scenario CASE.scenario\n";
    return 2;
  }
  fs::path work =
      fs::temp_directory_path() /
      ("schemac-scenario-" + fs::path(argv[1]).stem().string() + "-" + std::to_string(::getpid()));
  fs::remove_all(work);
  fs::create_directories(work);
  int rc = 0;
  try {
    runCase(argv[1], work);
    std::cout << "PASS " << argv[1] << "\n";
  } catch (const std::exception& e) {
    std::cerr << "FAIL " << argv[1] << "\n" << e.what() << "\n";
    rc = 1;
  }
  fs::remove_all(work);
  return rc;
}
