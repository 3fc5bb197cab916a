#include "fk_shadow.h"

#include <algorithm>
#include <map>

#include "schemac/rt/sqlite.h"
#include "sql_text.h"

namespace schemac::rt::detail {

SchemaShadow::SchemaShadow(Connection& source) {
  DatabaseUrl url = parseDatabaseUrl(":memory:");
  OpenOptions options;
  options.foreignKeys = false;
  db_ = SqliteConnection::open(url, options);
  auto rs = source.query(
      "SELECT type, name, sql FROM sqlite_schema WHERE sql IS NOT NULL AND name NOT LIKE "
      "'sqlite_%' ORDER BY CASE type WHEN 'table' THEN 0 ELSE 1 END, rowid");
  for (const auto& row : rs.rows) {
    try {
      db_->execute(valueText(row[2]));
    } catch (const DbError&) {
      // A schema object local SQLite cannot parse: checks derived from the copy may miss
      // its foreign keys, never invent one.
    }
  }
}

SchemaShadow::~SchemaShadow() = default;

bool SchemaShadow::apply(const std::vector<std::string>& statements) {
  for (const std::string& s : statements) {
    try {
      db_->execute(s);
    } catch (const DbError&) {
      return false;
    }
  }
  return true;
}

std::vector<SchemaShadow::ForeignKeyCheck> SchemaShadow::foreignKeyChecks() {
  std::vector<ForeignKeyCheck> out;
  auto tables = db_->query(
      "SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite\\_%' "
      "ESCAPE '\\' ORDER BY name");
  for (const auto& t : tables.rows) {
    std::string child = valueText(t[0]);
    auto fks = db_->query(
        "SELECT id, seq, \"table\", \"from\", \"to\" FROM "
        "pragma_foreign_key_list(?1) ORDER BY id, seq",
        std::vector<Value>{child});
    std::map<std::int64_t, std::vector<std::vector<Value>>> byId;
    for (auto& r : fks.rows) byId[std::get<std::int64_t>(r[0])].push_back(r);
    for (auto& [id, cols] : byId) {
      std::string parent = valueText(cols[0][2]);
      std::vector<std::string> from, to;
      for (auto& c : cols) {
        from.push_back(valueText(c[3]));
        to.push_back(valueText(c[4]));
      }
      if (std::any_of(to.begin(), to.end(), [](const std::string& s) { return s.empty(); })) {
        // REFERENCES parent without columns: the parent's primary key.
        auto pk = db_->query("SELECT name FROM pragma_table_info(?1) WHERE pk > 0 ORDER BY pk",
                             std::vector<Value>{parent});
        to.clear();
        for (auto& r : pk.rows) to.push_back(valueText(r[0]));
        if (to.size() != from.size()) continue;  // SQLite reports this as a schema error
      }
      std::string notNull, match, fromList, toList;
      for (std::size_t i = 0; i < from.size(); ++i) {
        notNull += " AND c." + quoteIdent(from[i]) + " IS NOT NULL";
        match += std::string(i ? " AND " : "") + "p." + quoteIdent(to[i]) + " = c." +
                 quoteIdent(from[i]);
        fromList += (i ? ", " : "") + from[i];
        toList += (i ? ", " : "") + to[i];
      }
      ForeignKeyCheck check;
      check.sql = "SELECT CASE WHEN EXISTS (SELECT 1 FROM " + quoteIdent(child) + " AS c WHERE " +
                  notNull.substr(5) + " AND NOT EXISTS (SELECT 1 FROM " + quoteIdent(parent) +
                  " AS p WHERE " + match +
                  ")) THEN json('schemac: foreign key violation') ELSE 1 END";
      check.description = child + "(" + fromList + ") -> " + parent + "(" + toList + ")";
      out.push_back(std::move(check));
    }
  }
  return out;
}

}  // namespace schemac::rt::detail
