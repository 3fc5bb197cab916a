// Drift: the live schema (introspected) against the snapshot of the last applied migration.
#pragma once

#include <filesystem>
#include <string>

#include "schemac/rt/connection.h"

namespace schemac::driver {

// Prints "drift: none ..." or the differences as the change summary `generate` prints, and
// returns true when the live schema differs. Unreadable snapshots are CommandErrors.
bool reportDrift(rt::Connection& db, const std::filesystem::path& snapshotFile,
                 const std::string& tag);

}  // namespace schemac::driver
