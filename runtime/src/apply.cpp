#include "schemac/rt/apply.h"

#include <algorithm>
#include <chrono>
#include <thread>

#include "fk_shadow.h"
#include "schemac/rt/migrator.h"
#include "schemac/rt/sql_script.h"
#include "sql_text.h"

namespace schemac::rt {
namespace detail {

std::string oneLine(const std::string& sql) {
  std::string code;
  std::size_t pos = 0;
  while (pos < sql.size()) {
    std::size_t nl = sql.find('\n', pos);
    std::string line = sql.substr(pos, nl == std::string::npos ? std::string::npos : nl - pos);
    std::size_t first = line.find_first_not_of(" \t");
    if (first == std::string::npos || line.compare(first, 2, "--") != 0) code += line + "\n";
    if (nl == std::string::npos) break;
    pos = nl + 1;
  }
  std::string out;
  bool space = false;
  for (char c : code) {
    if (c == '\n' || c == '\r' || c == '\t' || c == ' ') {
      space = !out.empty();
      continue;
    }
    if (space) out.push_back(' ');
    space = false;
    out.push_back(c);
  }
  if (out.size() > 240) out = out.substr(0, 237) + "...";
  return out;
}

}  // namespace detail

namespace {

std::string plural(std::size_t n, const char* word) {
  return std::to_string(n) + " " + word + (n == 1 ? "" : "s");
}

// PRAGMA foreign_key_check as a step that fails on its first row.
const char* kForeignKeyCheck =
    "SELECT \"table\", rowid, parent, fkid FROM pragma_foreign_key_check";

}  // namespace

ScriptApplier::ScriptApplier(Connection& db) : db_(db), caps_(db.capabilities()) {}
ScriptApplier::~ScriptApplier() = default;

// The checks to run before COMMIT; `what` receives a description per derived check. Keeps the
// schema copy in step with every step once it exists, checks wanted or not.
std::vector<BatchStep> ScriptApplier::foreignKeyChecks(const ApplyStep& step,
                                                       std::vector<std::string>* what) {
  bool want = step.rebuildsTables;
  if (caps_.foreignKeyCheck) {
    if (!want) return {};
    return {BatchStep{kForeignKeyCheck, {}, true}};
  }
  if (!shadow_ && want) shadow_ = std::make_unique<detail::SchemaShadow>(db_);
  if (!shadow_) return {};
  auto unusable = [&](const char* why) {
    return MigrateError("cannot derive the foreign key checks for " + db_.displayUrl() + ": " +
                        why);
  };
  if (shadowBroken_) {
    if (want) throw unusable("an earlier statement did not replay on a local copy of the schema");
    return {};
  }
  if (!shadow_->apply(step.statements)) {
    shadowBroken_ = true;
    if (want) throw unusable("the statements do not replay on a local copy of the schema");
    return {};
  }
  if (!want) return {};
  std::vector<BatchStep> out;
  for (auto& c : shadow_->foreignKeyChecks()) {
    out.push_back(BatchStep{std::move(c.sql), {}});
    what->push_back(std::move(c.description));
  }
  return out;
}

ApplyResult ScriptApplier::apply(const ApplyStep& step) {
  std::vector<BatchStep> body = step.guards;
  for (const std::string& s : step.statements) body.push_back(BatchStep{s, {}});
  const std::size_t firstCheck = body.size();
  std::vector<std::string> derived;
  for (BatchStep& c : foreignKeyChecks(step, &derived)) body.push_back(std::move(c));
  const std::size_t firstTrailer = body.size();
  for (const BatchStep& t : step.trailer) body.push_back(t);

  TransactionOptions options;
  options.foreignKeysOff = step.rebuildsTables;
  // A batch that met another writer was rolled back whole, so it is sent again, for a bounded
  // time.
  BatchOutcome outcome;
  auto start = std::chrono::steady_clock::now();
  for (int wait = 20;; wait = std::min(wait * 2, 500)) {
    outcome = db_.transaction(body, options);
    if (outcome.ok()) return ApplyResult::Applied;
    if (!outcome.locked) break;
    if (std::chrono::steady_clock::now() - start > std::chrono::milliseconds(step.lockWaitMs)) {
      throw MigrateError("the database is locked by another writer (waited " +
                             std::to_string(step.lockWaitMs / 1000) +
                             " s); is another migrator running?",
                         step.tag);
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(wait));
  }

  const std::string on = caps_.remote ? " on " + db_.displayUrl() : "";
  const std::string& error = outcome.error;
  int k = outcome.failedStep;
  if (k < 0) {
    throw MigrateError(step.subject + " was not applied" + on + ": " + error, step.tag, "BEGIN",
                       error);
  }
  std::size_t idx = static_cast<std::size_t>(k);
  if (idx < step.guards.size()) {
    const std::string& meaning = step.guardMeaning.at(idx);
    if (meaning.empty()) return ApplyResult::AlreadyDone;
    throw MigrateError(step.subject + " was not applied" + on + ": " + meaning, step.tag,
                       step.guards[idx].sql, error);
  }
  if (idx >= firstCheck && idx < firstTrailer) {
    const std::string what = step.subject + " broke foreign keys" + on + " and was rolled back: ";
    if (!derived.empty()) {
      throw MigrateError(
          what + "rows of " + derived.at(idx - firstCheck) + " reference missing parent rows",
          step.tag, body[idx].sql, "FOREIGN KEY constraint failed");
    }
    std::string found;
    if (idx < outcome.results.size() && outcome.results[idx] &&
        !outcome.results[idx]->rows.empty()) {
      const auto& rows = outcome.results[idx]->rows;
      const auto& r = rows[0];  // table, rowid, parent, fkid
      found = plural(rows.size(), "foreign key violation") + " (first: " + detail::valueText(r[0]) +
              " rowid " + detail::valueText(r[1]) + " references a missing row of " +
              detail::valueText(r[2]) + ")";
    } else {
      found = error;
    }
    throw MigrateError(what + found, step.tag, "PRAGMA foreign_key_check",
                       "FOREIGN KEY constraint failed");
  }
  if (idx < body.size()) {
    const std::string& failing = body[idx].sql;
    throw MigrateError(step.subject + " failed" + on + " and was rolled back: " + error +
                           " in statement: " + detail::oneLine(failing),
                       step.tag, failing, error);
  }
  throw MigrateError(step.subject + " was rolled back" + on + ": " + error, step.tag, "COMMIT",
                     error);
}

void applyScript(Connection& db, std::string_view script, const ScriptOptions& options) {
  ApplyStep step;
  step.subject = options.subject;
  step.statements = splitScript(script, options.breakpoints);
  step.rebuildsTables = options.rebuildsTables;
  step.lockWaitMs = options.lockWaitMs;
  ScriptApplier(db).apply(step);
}

void applyInTransaction(Connection& db, const std::vector<std::string>& statements,
                        bool rebuildsTables, const std::string& label, int lockTimeoutMs) {
  ApplyStep step;
  step.subject = label;
  for (const std::string& chunk : statements) {
    for (std::string& s : splitScript(chunk, false)) step.statements.push_back(std::move(s));
  }
  step.rebuildsTables = rebuildsTables;
  step.lockWaitMs = lockTimeoutMs;
  ScriptApplier(db).apply(step);
}

}  // namespace schemac::rt
