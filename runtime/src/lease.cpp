#include "schemac/rt/lease.h"

#include <signal.h>
#include <unistd.h>

#include <algorithm>
#include <cctype>
#include <cerrno>
#include <chrono>
#include <random>
#include <thread>

#include "schemac/rt/migrator.h"

namespace schemac::rt {
namespace {

// Unix ms in the database's clock: every lease time is compared on one clock, whatever the
// clients' clocks say.
const char* kNow = "CAST((julianday('now') - 2440587.5) * 86400000 AS INTEGER)";

std::string randomHolder() {
  std::random_device rd;
  static const char* hex = "0123456789abcdef";
  std::string out;
  for (int i = 0; i < 32; ++i) out += hex[rd() & 15];
  return out;
}

std::string hostName() {
  char buf[256] = {0};
  if (gethostname(buf, sizeof buf - 1) != 0) return "unknown";
  return buf;
}

void createLockTable(Connection& db) {
  db.execute(
      "CREATE TABLE IF NOT EXISTS \"__schemac_lock\" (\n"
      "  \"id\" INTEGER PRIMARY KEY CHECK (\"id\" = 1),\n"
      "  \"holder\" TEXT NOT NULL,\n"
      "  \"host\" TEXT NOT NULL,\n"
      "  \"pid\" INTEGER NOT NULL,\n"
      "  \"acquired_at\" INTEGER NOT NULL,\n"
      "  \"expires_at\" INTEGER NOT NULL\n"
      ")");
}

std::string describe(const LeaseInfo& l) {
  std::int64_t left = l.expiresAt - l.now;
  return "held by " + l.host + " pid " + std::to_string(l.pid) +
         (left > 0 ? ", expires in " + std::to_string((left + 999) / 1000) + " s"
                   : ", expired " + std::to_string(-left / 1000) + " s ago");
}

// "database is locked" / SQLITE_BUSY: another writer is in a transaction; the statement did
// nothing, so trying again is safe.
bool isBusy(const DbError& e) {
  int primary = e.code() & 0xff;
  if (primary == 5 || primary == 6) return true;
  std::string m = e.dbMessage();
  for (char& c : m) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return m.find("locked") != std::string::npos || m.find("busy") != std::string::npos;
}

bool processGone(std::int64_t pid) {
  return pid > 0 && ::kill(static_cast<pid_t>(pid), 0) != 0 && errno == ESRCH;
}

}  // namespace

std::optional<LeaseInfo> readLease(Connection& db) {
  std::vector<Value> name = {std::string(kLockTable)};
  if (db.query("SELECT 1 FROM sqlite_schema WHERE type = 'table' AND name = ?1", name)
          .rows.empty()) {
    return std::nullopt;
  }
  auto rs = db.query(std::string("SELECT holder, host, pid, acquired_at, expires_at, ") + kNow +
                     " FROM \"__schemac_lock\" WHERE id = 1");
  if (rs.rows.empty()) return std::nullopt;
  const auto& r = rs.rows[0];
  LeaseInfo l;
  l.holder = std::get<std::string>(r[0]);
  l.host = std::get<std::string>(r[1]);
  l.pid = std::get<std::int64_t>(r[2]);
  l.acquiredAt = std::get<std::int64_t>(r[3]);
  l.expiresAt = std::get<std::int64_t>(r[4]);
  l.now = std::get<std::int64_t>(r[5]);
  return l;
}

std::optional<LeaseInfo> clearLease(Connection& db) {
  std::optional<LeaseInfo> l = readLease(db);
  if (l) {
    std::vector<Value> holder = {l->holder};
    db.query("DELETE FROM \"__schemac_lock\" WHERE id = 1 AND holder = ?1", holder);
  }
  return l;
}

std::unique_ptr<Lease> Lease::acquire(Connection& db, const LeaseOptions& options) {
  auto start = std::chrono::steady_clock::now();
  auto stayedLocked = [&] {
    return MigrateError("the database " + db.displayUrl() +
                        " stayed locked by another writer for " +
                        std::to_string(options.waitMs / 1000) + " s");
  };
  auto waitedMs = [&] {
    return std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() -
                                                                 start)
        .count();
  };
  // Two migrators starting together may both find no lock table: the second one's CREATE then
  // waits for the first one's write, which may be a migration longer than the busy timeout.
  while (true) {
    try {
      createLockTable(db);
      break;
    } catch (const DbError& e) {
      if (!isBusy(e)) throw;
      if (waitedMs() >= options.waitMs) throw stayedLocked();
      std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
  }
  std::string holder = randomHolder();
  std::string host = hostName();
  bool announced = false;
  // One conditional statement: insert, or take over a row that expired (or is ours). RETURNING
  // says whether it was taken (some servers report no affected-row count).
  std::string take = std::string(
                         "INSERT INTO \"__schemac_lock\" (id, holder, host, pid, acquired_at, "
                         "expires_at) VALUES (1, ?1, ?2, ?3, ") +
                     kNow + ", " + kNow +
                     " + ?4) ON CONFLICT (id) DO UPDATE SET holder = excluded.holder, host = "
                     "excluded.host, pid = excluded.pid, acquired_at = excluded.acquired_at, "
                     "expires_at = excluded.expires_at WHERE \"__schemac_lock\".expires_at < "
                     "excluded.acquired_at OR \"__schemac_lock\".holder = excluded.holder "
                     "RETURNING holder";
  std::vector<Value> params = {holder, host, std::int64_t{getpid()}, std::int64_t{options.ttlMs}};
  while (true) {
    std::optional<LeaseInfo> current;
    try {
      if (!db.query(take, params).rows.empty()) {
        std::unique_ptr<Lease> lease(new Lease(db, holder, options.ttlMs));
        lease->renewer_ = std::thread([l = lease.get()] { l->renewInBackground(); });
        return lease;
      }
      current = readLease(db);
      if (!current) continue;  // released between the two statements
    } catch (const DbError& e) {
      if (!isBusy(e)) throw;
      if (waitedMs() >= options.waitMs) throw stayedLocked();
      std::this_thread::sleep_for(std::chrono::milliseconds(20));
      continue;
    }
    if (!db.isRemote() && current->host == host && processGone(current->pid)) {
      // The holder died on this machine (a file database is only shared on one host here).
      std::vector<Value> stale = {current->holder};
      db.query("DELETE FROM \"__schemac_lock\" WHERE id = 1 AND holder = ?1", stale);
      if (options.log) {
        options.log("took over the migration lease of pid " + std::to_string(current->pid) +
                    " on this host (the process is gone)");
      }
      continue;
    }
    if (waitedMs() >= options.waitMs) {
      throw MigrateError("another migrator holds the migration lease of " + db.displayUrl() + " (" +
                         describe(*current) + "; waited " + std::to_string(options.waitMs / 1000) +
                         " s); if it died, wait for the lease to expire or run `schemac "
                         "migrate --unlock`");
    }
    if (!announced && options.log) {
      options.log("waiting for the migration lease (" + describe(*current) + ")");
      announced = true;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(db.isRemote() ? 250 : 50));
  }
}

Lease::~Lease() {
  try {
    release();
  } catch (...) {
  }
  stopRenewer();  // if release() threw before stopping it
}

void Lease::renewInBackground() {
  const auto interval = std::chrono::milliseconds(std::max(ttlMs_ / 3, 10));
  std::unique_ptr<Connection> own;
  std::vector<Value> params = {holder_, std::int64_t{ttlMs_}};
  const std::string sql = std::string("UPDATE \"__schemac_lock\" SET expires_at = ") + kNow +
                          " + ?2 WHERE id = 1 AND holder = ?1 RETURNING holder";
  std::unique_lock<std::mutex> lock(mutex_);
  while (!wake_.wait_for(lock, interval, [this] { return stop_.load(); })) {
    lock.unlock();
    try {
      if (!own) {
        // Opened here, not in acquire(): opening a file reads it, which may wait for a lock.
        own = db_.openAnother([&](OpenOptions& o) {
          o.cancel = &stop_;
          o.busyTimeoutMs = static_cast<int>(interval.count());  // then the next tick
          o.readRetries = 0;
          o.httpLog = nullptr;  // --verbose counts the migration's own requests
        });
        if (!own) return;  // an in-memory database: nobody else can see the lease anyway
      }
      // No row back: the lease was cleared (--unlock) or taken over after it expired; stop.
      // The migrator's next guard or renew() then fails with "lost the migration lease".
      if (own->query(sql, params).rows.empty()) return;
    } catch (const std::exception&) {
      // Busy or locked (a migration transaction holds the database), a transport failure, a
      // timeout, or cancelled by stopRenewer(): nothing changed; try again at the next tick.
    }
    lock.lock();
  }
}

void Lease::stopRenewer() {
  {
    std::lock_guard<std::mutex> lock(mutex_);
    stop_ = true;
  }
  wake_.notify_all();
  if (renewer_.joinable()) renewer_.join();
}

std::vector<BatchStep> Lease::guardSteps() const {
  return {
      BatchStep{"SELECT CASE WHEN EXISTS (SELECT 1 FROM \"__schemac_lock\" WHERE id = 1 AND "
                "holder = ?1) THEN 1 ELSE json('schemac: lease lost') END",
                {holder_}},
      BatchStep{std::string("UPDATE \"__schemac_lock\" SET expires_at = ") + kNow +
                    " + ?2 WHERE id = 1 AND holder = ?1",
                {holder_, std::int64_t{ttlMs_}}},
  };
}

BatchStep Lease::renewStep() const {
  return BatchStep{std::string("UPDATE \"__schemac_lock\" SET expires_at = ") + kNow +
                       " + ?2 WHERE id = 1 AND holder = ?1",
                   {holder_, std::int64_t{ttlMs_}}};
}

void Lease::renew(const std::string& subject) {
  std::vector<Value> params = {holder_, std::int64_t{ttlMs_}};
  auto rs = db_.query(std::string("UPDATE \"__schemac_lock\" SET expires_at = ") + kNow +
                          " + ?2 WHERE id = 1 AND holder = ?1 RETURNING holder",
                      params);
  if (rs.rows.empty()) {
    held_ = false;
    throw MigrateError(subject + " was not applied: this migrator lost the migration lease of " +
                       db_.displayUrl() + " (it expired and another migrator took it over)");
  }
}

void Lease::release() {
  stopRenewer();
  if (!held_) return;
  held_ = false;
  std::vector<Value> params = {holder_};
  db_.query("DELETE FROM \"__schemac_lock\" WHERE id = 1 AND holder = ?1", params);
}

}  // namespace schemac::rt
