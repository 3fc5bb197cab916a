// The migration lease: one row in __schemac_lock (holder id, host, pid, acquired_at,
// expires_at, in the database's clock) that a migrator takes with one conditional statement,
// renews at the start and at the end of every migration it applies and in the background while
// held, releases at the end, and that another migrator may take over only once it has expired.
// It serialises migrators across machines on a remote database, where no connection-level lock
// outlives a request; files keep BEGIN IMMEDIATE too.
#pragma once

#include <atomic>
#include <condition_variable>
#include <cstdint>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include "schemac/rt/connection.h"

namespace schemac::rt {

inline constexpr const char* kLockTable = "__schemac_lock";

struct LeaseInfo {
  std::string holder;
  std::string host;
  std::int64_t pid = 0;
  std::int64_t acquiredAt = 0;  // unix ms, database clock
  std::int64_t expiresAt = 0;
  std::int64_t now = 0;  // the database clock when read
};

struct LeaseOptions {
  int ttlMs = 30000;   // how long the lease lasts without renewal
  int waitMs = 60000;  // how long to wait for another holder before giving up
  std::function<void(const std::string&)> log;
};

class Lease {
 public:
  // Takes the lease, waiting while another live holder has it. A holder on this host whose
  // process is gone is taken over at once for a file database (its row lives on this machine);
  // otherwise only after expiry. Throws MigrateError when the wait times out.
  static std::unique_ptr<Lease> acquire(Connection& db, const LeaseOptions& options);
  ~Lease();  // releases (best effort; an unreleased lease simply expires)
  Lease(const Lease&) = delete;
  Lease& operator=(const Lease&) = delete;

  const std::string& holder() const { return holder_; }
  // The first steps of a migration's transaction batch (rt/apply.h): fail unless this lease is
  // still held, then renew it.
  std::vector<BatchStep> guardSteps() const;
  // The last step of a migration's batch, before COMMIT: renews the lease (still ours: the
  // guard checked it in this transaction), so that a migration running longer than the TTL does
  // not commit with an expired lease that a waiting migrator takes over before our next one.
  BatchStep renewStep() const;
  // Renews now, or throws MigrateError when the lease was lost.
  void renew(const std::string& subject);
  // Stops the background renewer, then deletes the row if it is still ours.
  void release();

 private:
  Lease(Connection& db, std::string holder, int ttlMs)
      : db_(db), holder_(std::move(holder)), ttlMs_(ttlMs) {}
  // Renews every ttl/3 on a connection of its own (Connection::openAnother): it covers what
  // runs outside a migration's transaction while the lease is held (the backup before a
  // data-losing migration, waiting for another writer). While the migration transaction holds
  // the database it meets "database is locked" and tries again at the next tick: nobody else
  // can take the lease then either. It only ever extends a row that is still ours.
  void renewInBackground();
  void stopRenewer();

  Connection& db_;
  std::string holder_;
  int ttlMs_;
  bool held_ = true;
  std::mutex mutex_;
  std::condition_variable wake_;
  std::atomic<bool> stop_{false};  // also cancels the renewer connection's waits
  std::thread renewer_;
};

// The current lease row, if any (nullopt also when the table does not exist).
std::optional<LeaseInfo> readLease(Connection& db);
// Deletes the lease row whoever holds it (`schemac migrate --unlock`); returns what it cleared.
std::optional<LeaseInfo> clearLease(Connection& db);

}  // namespace schemac::rt
