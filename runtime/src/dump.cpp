#include "schemac/rt/dump.h"

#include <cmath>
#include <cstdio>
#include <map>
#include <set>

#include "schemac/rt/apply.h"
#include "schemac/rt/migrator.h"
#include "schemac/rt/sql_script.h"
#include "sql_text.h"

namespace schemac::rt {
namespace {

using detail::quoteIdent;
using detail::valueText;

std::string hex(const std::uint8_t* p, std::size_t n) {
  static const char* digits = "0123456789ABCDEF";
  std::string out;
  out.reserve(n * 2);
  for (std::size_t i = 0; i < n; ++i) {
    out += digits[p[i] >> 4];
    out += digits[p[i] & 15];
  }
  return out;
}

std::string literal(const Value& v) {
  if (std::holds_alternative<std::monostate>(v)) return "NULL";
  if (auto i = std::get_if<std::int64_t>(&v)) return std::to_string(*i);
  if (auto d = std::get_if<double>(&v)) {
    if (std::isnan(*d)) return "NULL";
    if (std::isinf(*d)) return *d > 0 ? "1e999" : "-1e999";
    char buf[40];
    std::snprintf(buf, sizeof buf, "%.17g", *d);
    std::string s = buf;
    // Keep it a REAL when read back: 1 -> 1.0.
    if (s.find_first_of(".eEn") == std::string::npos) s += ".0";
    return s;
  }
  if (auto s = std::get_if<std::string>(&v)) {
    if (s->find('\0') != std::string::npos) {
      return "CAST(X'" + hex(reinterpret_cast<const std::uint8_t*>(s->data()), s->size()) +
             "' AS TEXT)";
    }
    return support::quoteString(*s);
  }
  const Blob& b = std::get<Blob>(v);
  return "X'" + hex(b.bytes.data(), b.bytes.size()) + "'";
}

bool isInternal(const std::string& name) {
  return name.rfind("sqlite_", 0) == 0 || name == "__schemac_lock";
}

// Parents before children (tables referenced by foreign keys first); a cycle keeps the
// creation order for the tables in it.
std::vector<std::string> foreignKeyOrder(Connection& db, const std::vector<std::string>& tables) {
  std::map<std::string, std::set<std::string>> parents;
  for (const std::string& t : tables) {
    auto fks = db.query("SELECT \"table\" FROM pragma_foreign_key_list(?1)", std::vector<Value>{t});
    for (const auto& r : fks.rows) {
      std::string p = valueText(r[0]);
      if (p != t) parents[t].insert(p);
    }
  }
  std::vector<std::string> out;
  std::set<std::string> done;
  std::set<std::string> known(tables.begin(), tables.end());
  while (out.size() < tables.size()) {
    bool progressed = false;
    for (const std::string& t : tables) {
      if (done.count(t)) continue;
      bool ready = true;
      for (const std::string& p : parents[t]) {
        if (known.count(p) && !done.count(p)) ready = false;
      }
      if (ready) {
        out.push_back(t);
        done.insert(t);
        progressed = true;
      }
    }
    if (!progressed) {
      for (const std::string& t : tables) {
        if (!done.count(t)) {
          out.push_back(t);
          done.insert(t);
          break;
        }
      }
    }
  }
  return out;
}

}  // namespace

std::string dumpDatabase(Connection& db, DumpStats* stats,
                         const std::function<bool(const std::string&)>& skipTable) {
  auto skipped = [&](const std::string& name) {
    return isInternal(name) || (skipTable && skipTable(name));
  };
  DumpStats local;
  DumpStats& st = stats ? *stats : local;
  auto schema = db.query(
      "SELECT type, name, tbl_name, sql FROM sqlite_schema WHERE sql IS NOT NULL ORDER BY rowid");
  std::vector<std::string> tables;
  std::string out = "PRAGMA foreign_keys=OFF;\nBEGIN TRANSACTION;\n";
  std::string later;
  for (const auto& r : schema.rows) {
    std::string type = valueText(r[0]), name = valueText(r[1]), sql = valueText(r[3]);
    if (skipped(name) || skipped(valueText(r[2]))) continue;
    if (type == "table") {
      tables.push_back(name);
      out += sql + ";\n";
    } else {
      later += sql + ";\n";
    }
  }
  for (const std::string& t : foreignKeyOrder(db, tables)) {
    // Generated columns are computed again on insert: list only the stored ones.
    std::vector<std::string> columns;
    ResultSet cols;
    try {
      cols = db.query("SELECT name, hidden FROM pragma_table_xinfo(?1)", std::vector<Value>{t});
    } catch (const DbError&) {
      cols = db.query("SELECT name, 0 FROM pragma_table_info(?1)", std::vector<Value>{t});
    }
    for (const auto& c : cols.rows) {
      auto hidden = std::get_if<std::int64_t>(&c[1]);
      if (!hidden || *hidden == 0 || *hidden == 1) columns.push_back(valueText(c[0]));
    }
    std::string list;
    for (const std::string& c : columns) list += (list.empty() ? "" : ",") + quoteIdent(c);
    auto rows = db.query("SELECT " + list + " FROM " + quoteIdent(t));
    ++st.tables;
    for (const auto& row : rows.rows) {
      out += "INSERT INTO " + quoteIdent(t) + "(" + list + ") VALUES(";
      for (std::size_t i = 0; i < row.size(); ++i) out += (i ? "," : "") + literal(row[i]);
      out += ");\n";
      ++st.rows;
    }
  }
  bool hasSequence = false;
  for (const auto& r : schema.rows)
    hasSequence = hasSequence || valueText(r[1]) == "sqlite_sequence";
  if (hasSequence) {
    auto seq = db.query("SELECT name, seq FROM sqlite_sequence ORDER BY name");
    // The INSERTs above already moved the counters; set them to exactly what they were. An
    // UPDATE, or an INSERT where no row exists yet, not DELETE: tursodb refuses DELETE on
    // sqlite_sequence.
    for (const auto& r : seq.rows) {
      if (skipped(valueText(r[0]))) continue;
      std::string name = literal(r[0]), value = literal(r[1]);
      out += "UPDATE sqlite_sequence SET seq=" + value + " WHERE name=" + name + ";\n";
      out += "INSERT INTO sqlite_sequence(name,seq) SELECT " + name + "," + value +
             " WHERE NOT EXISTS(SELECT 1 FROM sqlite_sequence WHERE name=" + name + ");\n";
    }
  }
  out += later;
  out += "COMMIT;\n";
  return out;
}

void restoreDatabase(Connection& db, const std::string& dumpSql) {
  auto existing = db.query(
      "SELECT count(*) FROM sqlite_schema WHERE type IN ('table', 'view') AND name NOT LIKE "
      "'sqlite_%'");
  std::int64_t n = std::get<std::int64_t>(existing.rows.at(0).at(0));
  if (n != 0) {
    throw MigrateError("restore needs an empty database, but " + db.displayUrl() + " has " +
                       std::to_string(n) + " table(s) or view(s)");
  }
  std::vector<std::string> statements;
  for (std::string& s : splitScript(dumpSql, false)) {
    std::string upper;
    for (char c : s.substr(0, 24))
      upper += static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    if (upper == "BEGIN TRANSACTION" || upper == "BEGIN" || upper == "COMMIT" ||
        upper.rfind("PRAGMA FOREIGN_KEYS", 0) == 0) {
      continue;  // the restore's own transaction and foreign key handling replace them
    }
    statements.push_back(std::move(s));
  }
  applyInTransaction(db, statements, true, "restore");
}

}  // namespace schemac::rt
