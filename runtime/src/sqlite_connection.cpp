// SqliteConnection: open, query, execute and prepare over the SQLite C API.
#include <cctype>
#include <chrono>
#include <filesystem>
#include <string>
#include <system_error>
#include <thread>

#include "schemac/rt/lease.h"
#include "schemac/rt/sqlite.h"
#include "schemac/support/atomic_file.h"
#include "schemac/support/redact.h"
#include "sqlite_statement.h"
#include "utc_stamp.h"

namespace schemac::rt {
namespace {

std::string trimmed(std::string_view s) {
  std::size_t b = 0, e = s.size();
  while (b < e && std::isspace(static_cast<unsigned char>(s[b]))) ++b;
  while (e > b && std::isspace(static_cast<unsigned char>(s[e - 1]))) --e;
  return std::string(s.substr(b, e - b));
}

// Prepares the first statement of `sql`; `stmt` is null when only whitespace or comments remain.
// `tail` receives the unparsed rest.
void prepareFirst(sqlite3* db, std::string_view sql, sqlite3_stmt** stmt, std::string_view* tail) {
  const char* end = nullptr;
  int rc = sqlite3_prepare_v3(db, sql.data(), static_cast<int>(sql.size()), 0, stmt, &end);
  if (rc != SQLITE_OK) {
    // The statement text is up to the next ';' SQLite did not get past: report the whole rest.
    throw sqliteError(db, trimmed(sql));
  }
  *tail = end ? sql.substr(static_cast<std::size_t>(end - sql.data())) : std::string_view();
}

// The busy timeout, but giving up as soon as OpenOptions::cancel is set.
int cancellableBusyWait(void* arg, int attempt) {
  const auto* options = static_cast<const OpenOptions*>(arg);
  constexpr int kStepMs = 5;
  if (options->cancel->load() || attempt * kStepMs >= options->busyTimeoutMs) return 0;
  std::this_thread::sleep_for(std::chrono::milliseconds(kStepMs));
  return 1;
}

bool isBusy(int code) {
  int primary = code & 0xff;
  return primary == SQLITE_BUSY || primary == SQLITE_LOCKED;
}

}  // namespace

DbError sqliteError(sqlite3* db, std::string_view sql, std::string_view context) {
  std::string msg = db ? sqlite3_errmsg(db) : "out of memory";
  if (!context.empty()) msg = std::string(context) + ": " + msg;
  return DbError(std::move(msg), std::string(sql),
                 db ? sqlite3_extended_errcode(db) : SQLITE_NOMEM);
}

namespace {

// A read-only connection cannot roll back a hot journal (a writer killed mid-transaction) or
// recover a WAL: SQLite answers "attempt to write a readonly database".
bool needsRecovery(int code) {
  return code == SQLITE_READONLY_ROLLBACK || code == SQLITE_READONLY_RECOVERY ||
         code == SQLITE_READONLY_CANTINIT;
}

// Rolls a hot journal back (or recovers the WAL) the way any writer would on its first read:
// the file returns to its last committed state. Without write access, one line naming the
// journal and what to do.
void recoverHotJournal(const DatabaseUrl& url, const std::string& where) {
  std::string journal = url.path + "-journal";
  if (!std::filesystem::exists(journal)) journal = url.path + "-wal";
  // The permission bits count as in open(), so a read-only file is refused even for root.
  using std::filesystem::perms;
  std::error_code ec;
  perms p = std::filesystem::status(url.path, ec).permissions();
  bool writable =
      (p & (perms::owner_write | perms::group_write | perms::others_write)) != perms::none;
  sqlite3* db = nullptr;
  int rc = writable ? sqlite3_open_v2(url.sqliteName.c_str(), &db,
                                      SQLITE_OPEN_URI | SQLITE_OPEN_READWRITE, nullptr)
                    : SQLITE_READONLY;
  if (rc == SQLITE_OK && sqlite3_db_readonly(db, "main") == 0) {
    sqlite3_busy_timeout(db, 5000);
    rc = sqlite3_exec(db, "SELECT count(*) FROM sqlite_schema", nullptr, nullptr, nullptr);
  } else if (rc == SQLITE_OK) {
    rc = SQLITE_READONLY;
  }
  sqlite3_close(db);
  if (rc != SQLITE_OK) {
    throw DbError(where + ": '" + journal +
                      "' is the journal of a transaction that was interrupted (a process was "
                      "killed or crashed); SQLite must roll it back before the database can be "
                      "read, which needs write access to the file and its directory: run the "
                      "command once as a user who can write them (never delete the journal)",
                  "", SQLITE_READONLY_ROLLBACK);
  }
}

}  // namespace

std::unique_ptr<SqliteConnection> SqliteConnection::open(const DatabaseUrl& url,
                                                         const OpenOptions& options) {
  const std::string where = "cannot open database '" + url.display + "'";
  const std::string shownPath = support::forDisplay(url.path);  // one short line, however long
  if (url.kind == UrlKind::SqliteFile) {
    std::error_code ec;
    auto status = std::filesystem::status(url.path, ec);
    if (std::filesystem::is_directory(status)) {
      throw DbError(where + ": '" + shownPath + "' is a directory", "", SQLITE_CANTOPEN);
    }
    if (!std::filesystem::exists(status) && (!options.create || options.readOnly)) {
      throw DbError(where + ": the file '" + shownPath + "' does not exist", "", SQLITE_CANTOPEN);
    }
    // Permission bits are checked here as well as by the kernel, so a file made unreadable or
    // read-only is refused the same way when running as root (which bypasses them).
    using std::filesystem::perms;
    if (std::filesystem::exists(status)) {
      perms p = status.permissions();
      if ((p & (perms::owner_read | perms::group_read | perms::others_read)) == perms::none) {
        throw DbError(where + ": permission denied reading '" + shownPath + "'", "",
                      SQLITE_CANTOPEN);
      }
      if (!options.readOnly &&
          (p & (perms::owner_write | perms::group_write | perms::others_write)) == perms::none) {
        throw DbError(where + " for writing: the file is read-only", "", SQLITE_READONLY);
      }
    }
  }

  int flags = SQLITE_OPEN_URI;
  flags |= options.readOnly ? SQLITE_OPEN_READONLY
                            : SQLITE_OPEN_READWRITE | (options.create ? SQLITE_OPEN_CREATE : 0);
  sqlite3* db = nullptr;
  int rc = sqlite3_open_v2(url.sqliteName.c_str(), &db, flags, nullptr);
  if (rc != SQLITE_OK) {
    DbError err = sqliteError(db, "", where);
    sqlite3_close(db);
    throw err;
  }
  sqlite3_extended_result_codes(db, 1);
  sqlite3_busy_timeout(db, options.busyTimeoutMs);

  std::string path;
  if (const char* name = sqlite3_db_filename(db, "main"); name && *name) path = name;
  std::unique_ptr<SqliteConnection> conn(new SqliteConnection(db, url.display, path));
  conn->url_ = url;
  conn->options_ = options;
  conn->options_.authToken.clear();  // not needed by a file; never kept
  if (options.cancel) sqlite3_busy_handler(db, cancellableBusyWait, &conn->options_);

  // Read the header now, so "not a database" and unreadable files fail at open with one line
  // instead of at the first statement of some later step.
  try {
    conn->query("SELECT count(*) FROM sqlite_schema");
  } catch (const DbError& e) {
    if (options.readOnly && needsRecovery(e.code()) && url.kind == UrlKind::SqliteFile) {
      conn.reset();
      recoverHotJournal(url, where);
      return open(url, options);  // rolled back: the journal is gone, so this does not recur
    }
    throw DbError(where + ": " + e.dbMessage(), "", e.code());
  }
  if (!options.readOnly && sqlite3_db_readonly(db, "main") == 1) {
    throw DbError(where + " for writing: the file is read-only", "", SQLITE_READONLY);
  }
  if (options.foreignKeys) conn->execute("PRAGMA foreign_keys=ON");
  return conn;
}

SqliteConnection::~SqliteConnection() { sqlite3_close_v2(db_); }

std::unique_ptr<Connection> SqliteConnection::openAnother(
    const std::function<void(OpenOptions&)>& adjust) const {
  if (isMemory()) return nullptr;  // a second connection would see another, empty database
  OpenOptions options = options_;
  options.create = false;
  if (adjust) adjust(options);
  return open(url_, options);
}

bool SqliteConnection::inTransaction() const { return sqlite3_get_autocommit(db_) == 0; }

std::unique_ptr<Statement> SqliteConnection::prepare(std::string_view sql) {
  sqlite3_stmt* stmt = nullptr;
  std::string_view tail;
  prepareFirst(db_, sql, &stmt, &tail);
  if (!stmt) throw DbError("no SQL statement to prepare", std::string(sql));
  auto out = std::make_unique<SqliteStatement>(db_, stmt,
                                               trimmed(sql.substr(0, sql.size() - tail.size())));
  sqlite3_stmt* extra = nullptr;
  std::string_view rest;
  prepareFirst(db_, tail, &extra, &rest);
  if (extra) {
    sqlite3_finalize(extra);
    throw DbError("expected one SQL statement, found more (use execute() for scripts)",
                  std::string(sql));
  }
  return out;
}

ResultSet SqliteConnection::query(std::string_view sql, std::span<const Value> params) {
  auto stmt = prepare(sql);
  stmt->bindAll(params);
  ResultSet rs;
  int n = stmt->columnCount();
  rs.columns.reserve(static_cast<std::size_t>(n));
  for (int i = 0; i < n; ++i) rs.columns.push_back(stmt->columnName(i));
  while (stmt->step()) {
    std::vector<Value> row;
    row.reserve(static_cast<std::size_t>(n));
    for (int i = 0; i < n; ++i) row.push_back(stmt->value(i));
    rs.rows.push_back(std::move(row));
  }
  rs.changes = stmt->changes();
  rs.lastInsertRowid = sqlite3_last_insert_rowid(db_);
  return rs;
}

void SqliteConnection::execute(std::string_view sql) {
  // Statement by statement (not sqlite3_exec) so an error names the statement that failed.
  std::string_view rest = sql;
  while (!rest.empty()) {
    sqlite3_stmt* stmt = nullptr;
    std::string_view tail;
    prepareFirst(db_, rest, &stmt, &tail);
    if (!stmt) break;
    SqliteStatement st(db_, stmt, trimmed(rest.substr(0, rest.size() - tail.size())));
    st.run();
    rest = tail;
  }
}

Capabilities SqliteConnection::capabilities() const {
  Capabilities caps;
  caps.backup = !isMemory();
  return caps;
}

BatchOutcome SqliteConnection::transaction(std::span<const BatchStep> body,
                                           const TransactionOptions& options) {
  BatchOutcome out;
  auto fail = [&](int step, const DbError& e, const char* prefix = "") {
    out.failedStep = step;
    out.error = prefix + e.dbMessage();
    out.locked = isBusy(e.code());
  };
  // PRAGMA foreign_keys is a no-op inside a transaction: switched before BEGIN, and back to
  // what it was after, whatever happens.
  bool restoreForeignKeys = false;
  if (options.foreignKeysOff) {
    auto rs = query("PRAGMA foreign_keys");
    const auto* on = rs.rows.empty() ? nullptr : std::get_if<std::int64_t>(&rs.rows[0][0]);
    if (on && *on != 0) {
      execute("PRAGMA foreign_keys=OFF");
      restoreForeignKeys = true;
    }
  }
  auto finish = [&] {
    if (restoreForeignKeys) execute("PRAGMA foreign_keys=ON");
    return out;
  };
  try {
    execute("BEGIN IMMEDIATE");
  } catch (const DbError& e) {
    fail(-1, e, "BEGIN failed: ");
    return finish();
  }
  for (std::size_t i = 0; i < body.size() && out.ok(); ++i) {
    const BatchStep& step = body[i];
    try {
      if (step.params.empty() && !step.failIfRows) {
        execute(step.sql);
        out.results.emplace_back(ResultSet{});
        continue;
      }
      ResultSet rs = query(step.sql, step.params);
      bool rowsFail = step.failIfRows && !rs.rows.empty();
      out.results.emplace_back(std::move(rs));
      if (rowsFail) {
        out.failedStep = static_cast<int>(i);
        out.error = "the check returned rows: " + step.sql;
      }
    } catch (const DbError& e) {
      out.results.emplace_back(std::nullopt);
      fail(static_cast<int>(i), e);
    }
  }
  if (out.ok()) {
    try {
      execute("COMMIT");
    } catch (const DbError& e) {
      fail(static_cast<int>(body.size()), e, "COMMIT failed: ");
    }
  }
  if (!out.ok() && inTransaction()) {
    try {
      execute("ROLLBACK");
    } catch (const DbError&) {
      // SQLite may already have rolled back (e.g. after SQLITE_FULL); nothing more to undo.
    }
  }
  return finish();
}

std::string SqliteConnection::backup(const std::string& label) {
  if (isMemory()) throw DbError("cannot back up " + display_ + ": not a database file", "");
  std::string base = filePath_ + ".backup-" + detail::utcStamp() + "-" + label;
  std::string path = base;
  for (int n = 2; std::filesystem::exists(path); ++n) path = base + "-" + std::to_string(n);
  // Written under a hidden temporary name and renamed once complete and synced: a killed
  // backup leaves no partial file under the backup's name.
  std::filesystem::path temp = support::temporaryPathFor(path);
  auto discard = [&] {
    std::error_code ignored;
    std::filesystem::remove(temp, ignored);
    std::filesystem::remove(temp.string() + "-journal", ignored);
  };
  discard();  // VACUUM INTO refuses an existing file: a stale one of a reused pid
  try {
    std::vector<Value> params = {temp.string()};
    query("VACUUM INTO ?1", params);
    // The copy must not carry this run's migration lease: restored, it would block the next
    // run until the lease expired.
    auto copy = SqliteConnection::open(parseDatabaseUrl(temp.string()), OpenOptions{});
    std::vector<Value> lockTable = {std::string(kLockTable)};
    if (!copy->query("SELECT 1 FROM sqlite_schema WHERE type = 'table' AND name = ?1", lockTable)
             .rows.empty()) {
      copy->execute("DELETE FROM \"__schemac_lock\"");
    }
  } catch (...) {
    discard();
    throw;
  }
  std::string error;
  if (!support::syncFile(temp, &error) || !support::publishFile(temp, path, &error)) {
    discard();
    throw DbError("cannot back up " + display_ + ": " + error, "");
  }
  return path;
}

}  // namespace schemac::rt
