// The SQLite end-to-end test. For every schema of the repository (each .schema file under
// tests/, each part of a split-file test alone and all parts together, and each directory of
// examples/ as one multi-file schema) that compiles without errors:
//   1. lower it with createSchemaScript (twice: the bytes must be equal) and apply it to a fresh
//      SQLite database file;
//   2. PRAGMA integrity_check must say ok, PRAGMA foreign_key_check nothing;
//   3. db::inspect must equal db::normalizeForSqlite(IR), and lowering the inspected IR again
//      must give a database that inspects the same;
//   4. SQLite's own pragmas (table_xinfo, index_list, index_xinfo, foreign_key_list) and the
//      stored SQL must show exactly the IR's columns, types, nullability, defaults, keys,
//      generated columns, indexes, checks and foreign keys with their actions.
// Failures print what differs.
#include <gtest/gtest.h>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <set>
#include <sstream>

#include "runtime/temp_dir.h"
#include "schemac/codegen/sqlite.h"
#include "schemac/compile.h"
#include "schemac/db/inspect.h"
#include "schemac/ir_json.h"
#include "schemac/rt/apply.h"
#include "schemac/rt/connection.h"

namespace schemac {
namespace {

namespace fs = std::filesystem;
namespace sq = codegen::sqlite;

struct Case {
  std::string name;                // for messages: path relative to the source dir (+ part)
  std::vector<std::string> files;  // compiled together
  bool mustCompile = false;        // examples must compile
};

std::string readFile(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

// Scratch files for the parts of split-file tests; lives as long as the process.
testing::TempDir& scratch() {
  static testing::TempDir dir;
  return dir;
}

// `//--- name` parts of a lit split-file test (nothing when the file has none).
std::vector<std::pair<std::string, std::string>> splitParts(const std::string& text) {
  std::vector<std::pair<std::string, std::string>> parts;
  std::istringstream in(text);
  std::string line;
  while (std::getline(in, line)) {
    if (line.rfind("//--- ", 0) == 0) {
      parts.push_back({line.substr(6), ""});
    } else if (!parts.empty()) {
      parts.back().second += line + "\n";
    }
  }
  return parts;
}

std::vector<Case> discoverCases() {
  // SCHEMAC_E2E_ROOT points the suite at another checkout (e.g. a colleague's worktree).
  const char* override = std::getenv("SCHEMAC_E2E_ROOT");
  const fs::path root = override && *override ? override : SCHEMAC_SOURCE_DIR;
  std::vector<Case> cases;
  std::vector<fs::path> testFiles;
  for (const auto& e : fs::recursive_directory_iterator(root / "tests")) {
    std::string ext = e.path().extension().string();
    if (e.is_regular_file() && (ext == ".schema" || ext == ".test")) testFiles.push_back(e.path());
  }
  std::sort(testFiles.begin(), testFiles.end());
  int scratchId = 0;
  for (const fs::path& p : testFiles) {
    std::string rel = fs::relative(p, root).string();
    std::string text = readFile(p);
    auto parts = splitParts(text);
    if (parts.empty()) {
      if (p.extension() == ".schema") cases.push_back({rel, {p.string()}, false});
      continue;
    }
    std::vector<std::string> partFiles;
    for (const auto& [name, content] : parts) {
      if (fs::path(name).extension() != ".schema") continue;
      std::string file = scratch().file("p" + std::to_string(scratchId++) + "/" + name);
      scratch().write("p" + std::to_string(scratchId - 1) + "/" + name, content);
      partFiles.push_back(file);
      cases.push_back({rel + " [" + name + "]", {file}, false});
    }
    if (partFiles.size() > 1) cases.push_back({rel + " [all parts]", partFiles, false});
  }
  // Each directory of examples/ holding .schema files is one schema (schemac.toml globs them).
  std::map<fs::path, std::vector<std::string>> exampleDirs;
  if (fs::exists(root / "examples")) {
    for (const auto& e : fs::recursive_directory_iterator(root / "examples")) {
      if (e.is_regular_file() && e.path().extension() == ".schema") {
        exampleDirs[e.path().parent_path()].push_back(e.path().string());
      }
    }
  }
  for (auto& [dir, files] : exampleDirs) {
    std::sort(files.begin(), files.end());
    cases.push_back({fs::relative(dir, root).string() + "/*.schema", files, true});
  }
  return cases;
}

// ---- reading the database ----

std::string str(const rt::Value& v) {
  if (std::holds_alternative<std::monostate>(v)) return "NULL";
  if (const auto* i = std::get_if<std::int64_t>(&v)) return std::to_string(*i);
  if (const auto* s = std::get_if<std::string>(&v)) return *s;
  if (const auto* d = std::get_if<double>(&v)) return std::to_string(*d);
  return "<blob>";
}

// Rows of a table-valued pragma as maps column -> text.
std::vector<std::map<std::string, std::string>> pragma(rt::Connection& c, const std::string& fn,
                                                       const std::string& arg) {
  std::vector<rt::Value> params{arg};
  rt::ResultSet rs = c.query("SELECT * FROM " + fn + "(?1)", params);
  std::vector<std::map<std::string, std::string>> out;
  for (const auto& row : rs.rows) {
    std::map<std::string, std::string> m;
    for (std::size_t i = 0; i < rs.columns.size(); ++i) m[rs.columns[i]] = str(row[i]);
    out.push_back(std::move(m));
  }
  return out;
}

const char* actionName(ir::FkAction a) {
  switch (a) {
    case ir::FkAction::NoAction:
      return "NO ACTION";
    case ir::FkAction::Restrict:
      return "RESTRICT";
    case ir::FkAction::Cascade:
      return "CASCADE";
    case ir::FkAction::SetNull:
      return "SET NULL";
    case ir::FkAction::SetDefault:
      return "SET DEFAULT";
  }
  return "?";
}

std::string joined(const std::vector<std::string>& v) {
  std::string out;
  for (const std::string& s : v) out += (out.empty() ? "" : ",") + s;
  return out;
}

// Every fact SQLite reports about `t`, compared with the IR; returns one line per mismatch.
std::vector<std::string> crossCheck(rt::Connection& c, const ir::Schema& s, const ir::Table& t) {
  std::vector<std::string> errs;
  auto expect = [&](const std::string& what, const std::string& want, const std::string& got) {
    if (want != got)
      errs.push_back(t.name + ": " + what + ": IR says " + want + ", SQLite says " + got);
  };
  // Columns: name, declared type, notnull, default, key position, generated kind.
  auto cols = pragma(c, "pragma_table_xinfo", t.name);
  expect("column count", std::to_string(t.columns.size()), std::to_string(cols.size()));
  for (std::size_t i = 0; i < t.columns.size() && i < cols.size(); ++i) {
    const ir::Column& ic = t.columns[i];
    auto& row = cols[i];
    std::string where = "column " + std::to_string(i);
    expect(where + " name", ic.name, row["name"]);
    // The sqltype, else the type's name; SQLite upper-cases some names (integer -> INTEGER).
    std::string declared = sq::declaredType(ic);
    expect(ic.name + " declared type", declared,
           sq::sameDeclaredType(declared, row["type"]) ? declared : row["type"]);
    expect(ic.name + " notnull", ic.nullable ? "0" : "1", row["notnull"]);
    expect(ic.name + " default",
           ic.defaultValue ? sq::renderExpr(s, t, *ic.defaultValue) : std::string("NULL"),
           row["dflt_value"]);
    auto pk = std::find(t.primaryKey.begin(), t.primaryKey.end(), ic.name);
    expect(ic.name + " pk position",
           std::to_string(pk == t.primaryKey.end() ? 0 : pk - t.primaryKey.begin() + 1), row["pk"]);
    expect(ic.name + " hidden (generated)",
           !ic.generated          ? "0"
           : ic.generated->stored ? "3"
                                  : "2",
           row["hidden"]);
  }
  // Stored SQL: AUTOINCREMENT and every named check.
  rt::ResultSet sqlRs = c.query("SELECT sql FROM sqlite_schema WHERE type = 'table' AND name = ?1",
                                std::vector<rt::Value>{t.name});
  std::string sql = sqlRs.rows.empty() ? "" : str(sqlRs.rows[0][0]);
  bool autoinc = std::any_of(t.columns.begin(), t.columns.end(),
                             [](const ir::Column& x) { return x.autoincrement; });
  expect("AUTOINCREMENT in stored SQL", autoinc ? "yes" : "no",
         sql.find("AUTOINCREMENT") != std::string::npos ? "yes" : "no");
  // A type-implied CHECK is there exactly when the column is not `unchecked`.
  for (const ir::Column& ic : t.columns) {
    ir::Column checked = ic;
    checked.unchecked = false;
    std::string implied = sq::impliedCheck(s, checked);
    if (implied.empty()) continue;
    expect(ic.name + " implied check", ic.unchecked ? "absent" : "present",
           sql.find("CHECK (" + implied + ")") != std::string::npos ? "present" : "absent");
  }
  for (const ir::Check& ch : t.checks) {
    std::string clause = (ch.unnamed ? "" : "CONSTRAINT " + sq::quoteIdent(ch.name) + " ") +
                         "CHECK (" + sq::renderExpr(s, t, ch.expr) + ")";
    expect("check " + ch.name, "present",
           sql.find(clause) != std::string::npos ? "present" : "absent");
  }
  // Indexes: names, uniqueness, partial flag, key columns and directions.
  std::map<std::string, const ir::Index*> want;
  std::size_t wantConstraints = 0, gotConstraints = 0;
  for (const ir::Index& ix : t.indexes) {
    // A UNIQUE constraint is SQLite's sqlite_autoindex_*: counted here, read by inspect().
    if (ix.constraint) {
      ++wantConstraints;
    } else {
      want[ix.name] = &ix;
    }
  }
  std::set<std::string> seen;
  for (auto& row : pragma(c, "pragma_index_list", t.name)) {
    if (row["origin"] == "pk") continue;
    if (row["origin"] == "u") {
      ++gotConstraints;
      continue;
    }
    const std::string& name = row["name"];
    seen.insert(name);
    auto it = want.find(name);
    if (it == want.end()) {
      errs.push_back(t.name + ": unexpected index " + name + " (origin " + row["origin"] + ")");
      continue;
    }
    const ir::Index& ix = *it->second;
    expect("index " + name + " origin", "c", row["origin"]);
    expect("index " + name + " unique", ix.unique ? "1" : "0", row["unique"]);
    expect("index " + name + " partial", ix.where ? "1" : "0", row["partial"]);
    std::vector<std::string> wantCols, gotCols;
    // An expression part has no column name: pragma index_xinfo says NULL.
    auto partName = [](const ir::IndexColumn& ic) { return ic.expr ? "NULL" : ic.column; };
    for (const ir::IndexColumn& ic : ix.columns)
      wantCols.push_back(partName(ic) + (ic.desc ? " desc" : ""));
    for (auto& r : pragma(c, "pragma_index_xinfo", name)) {
      if (r["key"] == "1") gotCols.push_back(r["name"] + (r["desc"] == "1" ? " desc" : ""));
    }
    expect("index " + name + " columns", joined(wantCols), joined(gotCols));
    std::vector<std::string> infoCols;
    for (auto& r : pragma(c, "pragma_index_info", name)) infoCols.push_back(r["name"]);
    std::vector<std::string> plain;
    for (const ir::IndexColumn& ic : ix.columns) plain.push_back(partName(ic));
    expect("index " + name + " index_info columns", joined(plain), joined(infoCols));
  }
  for (const auto& [name, ix] : want) {
    if (!seen.count(name)) errs.push_back(t.name + ": index " + name + " is missing");
  }
  expect("UNIQUE constraints", std::to_string(wantConstraints), std::to_string(gotConstraints));
  // Foreign keys, as a multiset of (columns, target, target columns, actions).
  std::map<std::string, std::vector<std::map<std::string, std::string>>> byId;
  for (auto& row : pragma(c, "pragma_foreign_key_list", t.name)) byId[row["id"]].push_back(row);
  std::multiset<std::string> gotFks, wantFks;
  for (auto& [id, rows] : byId) {
    std::sort(rows.begin(), rows.end(),
              [](auto& a, auto& b) { return std::stoi(a["seq"]) < std::stoi(b["seq"]); });
    std::vector<std::string> from, to;
    for (auto& r : rows) {
      from.push_back(r["from"]);
      to.push_back(r["to"]);
    }
    gotFks.insert(joined(from) + " -> " + rows[0]["table"] + "(" + joined(to) + ") on delete " +
                  rows[0]["on_delete"] + " on update " + rows[0]["on_update"] + " match " +
                  rows[0]["match"]);
  }
  for (const ir::ForeignKey& fk : t.foreignKeys) {
    wantFks.insert(joined(fk.columns) + " -> " + fk.refTable + "(" + joined(fk.refColumns) +
                   ") on delete " + actionName(fk.onDelete) + " on update " +
                   actionName(fk.onUpdate) + " match NONE");
  }
  for (const std::string& f : wantFks) {
    if (!gotFks.count(f)) errs.push_back(t.name + ": foreign key " + f + " is missing");
  }
  for (const std::string& f : gotFks) {
    if (!wantFks.count(f)) errs.push_back(t.name + ": unexpected foreign key " + f);
  }
  return errs;
}

std::string lines(const std::vector<std::string>& v) {
  std::string out;
  for (const std::string& l : v) out += "  " + l + "\n";
  return out;
}

std::string scalar(rt::Connection& c, const std::string& sql) {
  rt::ResultSet rs = c.query(sql);
  return rs.rows.empty() ? "<no row>" : str(rs.rows[0][0]);
}

std::vector<std::string> roundTrip(const Case& cs, const ir::Schema& ir,
                                   const testing::TempDir& dir) {
  std::vector<std::string> problems;
  std::string script = sq::createSchemaScript(ir);
  if (script != sq::createSchemaScript(ir))
    problems.push_back("createSchemaScript is not deterministic");
  auto conn = rt::open(dir.file("e2e.db"));
  try {
    rt::applyScript(*conn, script);
  } catch (const rt::DbError& e) {
    problems.push_back(std::string("script does not apply: ") + e.what() + "\n" + script);
    return problems;
  }
  std::string integrity = scalar(*conn, "PRAGMA integrity_check");
  if (integrity != "ok") problems.push_back("integrity_check: " + integrity);
  if (!conn->query("PRAGMA foreign_key_check").rows.empty())
    problems.push_back("foreign_key_check reports rows");
  ir::Schema got = db::inspect(*conn, &ir);
  ir::Schema want = db::normalizeForSqlite(ir);
  if (got != want) {
    problems.push_back("inspect(db) != normalizeForSqlite(IR):\n" +
                       lines(db::describeDifferences(want, got)));
  }
  for (const ir::Table& t : ir.tables) {
    for (const std::string& e : crossCheck(*conn, ir, t)) problems.push_back(e);
  }
  // Lowering what introspection returned reproduces the same database.
  auto again = rt::open(dir.file("e2e-again.db"));
  try {
    rt::applyScript(*again, sq::createSchemaScript(got));
    ir::Schema got2 = db::inspect(*again, &got);
    if (got2 != got)
      problems.push_back("re-lowered inspection differs:\n" +
                         lines(db::describeDifferences(got, got2)));
  } catch (const std::exception& e) {
    problems.push_back(std::string("re-lowering the inspected schema fails: ") + e.what());
  }
  (void)cs;
  return problems;
}

TEST(SqliteEndToEnd, EverySchemaAppliesAndReadsBackEqual) {
  std::vector<Case> cases = discoverCases();
  int compiled = 0, skipped = 0, tables = 0;
  for (const Case& cs : cases) {
    SourceManager sm;
    DiagEngine diags(sm);
    std::optional<ir::Schema> ir = compileFiles(cs.files, sm, diags);
    if (!ir) {
      ++skipped;
      if (cs.mustCompile) {
        std::ostringstream os;
        diags.print(os);
        ADD_FAILURE() << cs.name << ": example does not compile:\n" << os.str();
      }
      continue;
    }
    ++compiled;
    tables += static_cast<int>(ir->tables.size());
    testing::TempDir dir;
    std::vector<std::string> problems;
    try {
      problems = roundTrip(cs, *ir, dir);
    } catch (const std::exception& e) {
      problems.push_back(std::string("exception: ") + e.what());
    }
    if (!problems.empty()) {
      ADD_FAILURE() << cs.name << ":\n" << lines(problems) << "IR:\n" << ir::toCanonicalJson(*ir);
    } else {
      std::printf("ok    %s (%zu tables)\n", cs.name.c_str(), ir->tables.size());
    }
  }
  std::printf("%d schemas compiled and checked (%d tables), %d did not compile (error tests)\n",
              compiled, tables, skipped);
  EXPECT_GT(compiled, 0);
}

}  // namespace
}  // namespace schemac
