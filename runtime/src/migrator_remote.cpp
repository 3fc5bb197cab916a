#include "migrator_remote.h"

#include <algorithm>
#include <cctype>
#include <chrono>
#include <map>
#include <thread>

#include "schemac/rt/migrator.h"
#include "schemac/rt/sqlite.h"
#include "sql_text.h"

namespace schemac::rt::detail {
namespace {

bool isLocked(const std::string& message) {
  std::string m = message;
  for (char& c : m) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return m.find("database is locked") != std::string::npos || m.find("busy") != std::string::npos;
}

}  // namespace

SchemaShadow::SchemaShadow(Connection& remote) {
  DatabaseUrl url = parseDatabaseUrl(":memory:");
  OpenOptions options;
  options.foreignKeys = false;
  db_ = SqliteConnection::open(url, options);
  auto rs = remote.query(
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

std::vector<std::string> remoteStatements(const std::string& sql, bool breakpoints) {
  std::vector<std::string> out;
  for (const std::string& chunk : splitStatements(sql, breakpoints)) {
    for (std::string& s : splitSqlScript(chunk)) out.push_back(std::move(s));
  }
  return out;
}

RemoteApplied runRemoteStep(RemoteConnection& db, const RemoteMigrationStep& step) {
  std::vector<BatchStep> body = step.guards;
  for (const std::string& s : step.statements) body.push_back(BatchStep{s, {}});
  std::size_t firstCheck = body.size();
  for (const auto& c : step.fkChecks) body.push_back(BatchStep{c.sql, {}});
  std::size_t firstTrailer = body.size();
  for (const auto& t : step.trailer) body.push_back(t);

  std::vector<BatchStep> before, after;
  if (step.foreignKeysOff) {
    // PRAGMA foreign_keys is a no-op inside a transaction: off before BEGIN, on after.
    before.push_back(BatchStep{"PRAGMA foreign_keys=OFF", {}});
    after.push_back(BatchStep{"PRAGMA foreign_keys=ON", {}});
  }
  // A batch that met another writer's transaction ("database is locked") was rolled back
  // whole (its ROLLBACK step ran), so it is sent again, for a bounded time.
  BatchOutcome outcome;
  auto start = std::chrono::steady_clock::now();
  for (int wait = 20;; wait = std::min(wait * 2, 500)) {
    outcome = db.transaction(body, before, after);
    if (outcome.error.empty()) return RemoteApplied::Applied;
    if (!isLocked(outcome.error) ||
        std::chrono::steady_clock::now() - start > std::chrono::milliseconds(step.lockWaitMs)) {
      break;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(wait));
  }

  std::string on = " on " + db.displayUrl();
  int k = outcome.failedStep;
  if (k <= -2) {
    throw MigrateError(step.subject + " was not applied" + on + ": " + before[-2 - k].sql +
                           " failed: " + outcome.error,
                       step.tag, before[-2 - k].sql, outcome.error);
  }
  if (k == -1) {
    throw MigrateError(step.subject + " was not applied" + on + ": " + outcome.error, step.tag,
                       "BEGIN", outcome.error);
  }
  std::size_t idx = static_cast<std::size_t>(k);
  if (idx < step.guards.size()) {
    const std::string& meaning = step.guardMeaning[idx];
    if (meaning.empty()) return RemoteApplied::AlreadyDone;
    throw MigrateError(step.subject + " was not applied" + on + ": " + meaning, step.tag,
                       step.guards[idx].sql, outcome.error);
  }
  if (idx < firstCheck) {
    const std::string& failing = body[idx].sql;
    throw MigrateError(step.subject + " failed" + on + " and was rolled back: " + outcome.error +
                           " in statement: " + oneLine(failing),
                       step.tag, failing, outcome.error);
  }
  if (idx < firstTrailer) {
    const auto& c = step.fkChecks[idx - firstCheck];
    throw MigrateError(step.subject + " broke foreign keys" + on +
                           " and was rolled back: rows of " + c.description +
                           " reference missing parent rows",
                       step.tag, c.sql, "FOREIGN KEY constraint failed");
  }
  if (idx < body.size()) {
    throw MigrateError(step.subject + " failed" + on + " and was rolled back: " + outcome.error +
                           " in statement: " + oneLine(body[idx].sql),
                       step.tag, body[idx].sql, outcome.error);
  }
  throw MigrateError(step.subject + " was rolled back" + on + ": " + outcome.error, step.tag,
                     "COMMIT", outcome.error);
}

}  // namespace schemac::rt::detail
