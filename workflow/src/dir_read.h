// A migrations directory read and checked with no logging, so that generate and check can do
// it on a second core while the schema compiles and report what it found afterwards.
#pragma once

#include <string>
#include <vector>

#include "schemac/migrations/migrations.h"

namespace schemac::workflow {

struct DirRead {
  migrations::MigrationsDir dir;
  std::string error;                  // set: the directory could not be read
  std::vector<std::string> problems;  // migrations::checkIntegrity's, when it could
};

DirRead readAndCheckDir(const std::string& migrationsDir,
                        const migrations::ReadOptions& options = {});

}  // namespace schemac::workflow
