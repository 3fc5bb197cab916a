#include "dir_read.h"

namespace schemac::workflow {

DirRead readAndCheckDir(const std::string& migrationsDir, const migrations::ReadOptions& options) {
  DirRead r;
  if (migrations::readMigrationsDir(migrationsDir, &r.dir, &r.error, options)) {
    r.problems = migrations::checkIntegrity(r.dir);
  }
  return r;
}

}  // namespace schemac::workflow
