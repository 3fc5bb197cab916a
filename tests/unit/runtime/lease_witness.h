// What the lease tests use in place of timing a migration: a workload sized for this machine at
// run time, and witnesses in the database itself that a migration (or a backup) outlived the
// lease it started with. The test asserts the witness, never a measured duration, so it means
// the same on a fast, a slow or a loaded machine. Shared by the file and the tursodb lease tests.
#pragma once

#include <algorithm>
#include <chrono>
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <thread>

#include "schemac/rt/connection.h"

namespace schemac::testing {

// Unix ms in the database's clock, as the lease computes its expiry (runtime/src/lease.cpp).
inline const char* kDbNowMs = "CAST((julianday('now') - 2440587.5) * 86400000 AS INTEGER)";

// Polls `done` until it holds; false once `limit` has passed. The limit only bounds a failure.
inline bool pollUntil(const std::function<bool()>& done,
                      std::chrono::milliseconds limit = std::chrono::seconds(60)) {
  auto deadline = std::chrono::steady_clock::now() + limit;
  while (!done()) {
    if (std::chrono::steady_clock::now() > deadline) return false;
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
  }
  return true;
}

// The best of three timings of `run` (a moment of load must not make the machine look slower).
inline double bestOfThreeMs(const std::function<void()>& run) {
  double best = 1e18;
  for (int i = 0; i < 3; ++i) {
    auto start = std::chrono::steady_clock::now();
    run();
    best = std::min(
        best, std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start)
                  .count());
  }
  return best;
}

// How many units of a workload take about `targetMs` here and now: `run(probeUnits)` is timed
// against `run(0)`, the part that does not grow with the units (a process start, a request),
// and scaled. The fixed part counts for at most three quarters of the probe: timings taken
// under load are noisy, and a probe that looks free must not ask for a workload that outlasts
// the test. Only sizes the work; whether it outlived the lease is observed, not inferred.
inline std::int64_t unitsLasting(std::int64_t targetMs, std::int64_t probeUnits,
                                 const std::function<void(std::int64_t)>& run) {
  double fixed = bestOfThreeMs([&] { run(0); });
  double probe = bestOfThreeMs([&] { run(probeUnits); });
  double growing = std::max({probe - fixed, probe / 4, 1.0});
  double units = static_cast<double>(targetMs) / growing * static_cast<double>(probeUnits);
  return std::max<std::int64_t>(probeUnits, static_cast<std::int64_t>(units));
}

// The witness of a long migration: its first statement records the expiry its lease had when
// it started (the migrator renews the lease right after BEGIN, before the statements), its
// last statement the database clock when its work was done, both into `lease_marks`, which is
// committed with the migration. The migration outlived its lease when the work ended after that
// expiry: had the migrator not renewed before COMMIT, a waiting migrator could take it over.
inline const char* kLeaseMarksTable = "CREATE TABLE lease_marks (what TEXT NOT NULL, at INTEGER)";
inline std::string markLeaseExpiry() {
  return "INSERT INTO lease_marks (what, at) SELECT 'lease_expires', expires_at FROM "
         "__schemac_lock WHERE id = 1;";
}
inline std::string markWorkDone() {
  return std::string("INSERT INTO lease_marks (what, at) VALUES ('work_done', ") + kDbNowMs + ");";
}

struct LeaseMarks {
  std::int64_t leaseExpires = 0, workDone = 0;
  bool complete = false;  // both marks present (the migration was applied)
  bool outlived() const { return complete && workDone > leaseExpires; }
  // ms of database clock past the lease's expiry (negative: ended before it).
  std::int64_t pastExpiry() const { return workDone - leaseExpires; }
};

inline LeaseMarks readLeaseMarks(rt::Connection& db) {
  LeaseMarks m;
  auto at = [&](const std::string& what) -> std::optional<std::int64_t> {
    auto rs = db.query("SELECT at FROM lease_marks WHERE what = '" + what + "'");
    if (rs.rows.size() != 1) return std::nullopt;
    return std::get<std::int64_t>(rs.rows[0][0]);
  };
  std::optional<std::int64_t> expires = at("lease_expires"), done = at("work_done");
  m.complete = expires && done;
  if (m.complete) {
    m.leaseExpires = *expires;
    m.workDone = *done;
  }
  return m;
}

}  // namespace schemac::testing
