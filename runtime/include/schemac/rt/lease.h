// The migration lease: one row in __schemac_lock (holder id, host, pid, acquired_at,
// expires_at, in the database's clock) that a migrator takes with one conditional statement,
// renews with every migration it applies, releases at the end, and that another migrator may
// take over only once it has expired. It serialises migrators across machines on a remote
// database, where no connection-level lock outlives a request; files keep BEGIN IMMEDIATE too.
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "schemac/rt/connection.h"
#include "schemac/rt/remote.h"

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
  // Steps for a remote migration batch: fail unless this lease is still held, then renew it.
  std::vector<BatchStep> guardSteps() const;
  // Inside a local transaction: renews, or throws MigrateError when the lease was lost.
  void renew(const std::string& subject);
  void release();

 private:
  Lease(Connection& db, std::string holder, int ttlMs)
      : db_(db), holder_(std::move(holder)), ttlMs_(ttlMs) {}
  Connection& db_;
  std::string holder_;
  int ttlMs_;
  bool held_ = true;
};

// The current lease row, if any (nullopt also when the table does not exist).
std::optional<LeaseInfo> readLease(Connection& db);
// Deletes the lease row whoever holds it (`schemac migrate --unlock`); returns what it cleared.
std::optional<LeaseInfo> clearLease(Connection& db);

}  // namespace schemac::rt
