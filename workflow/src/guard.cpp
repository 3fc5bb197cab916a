#include "guard.h"

#include "schemac/db/inspect.h"
#include "schemac/migrations/load.h"
#include "schemac/rt/connection.h"
#include "schemac/rt/migrator.h"
#include "schemac/workflow/error.h"

namespace schemac::workflow {

void runGuarded(const std::function<void()>& work) {
  try {
    work();
  } catch (const rt::MigrateError& e) {
    throw Error(e.what());
  } catch (const rt::DbError& e) {
    throw Error(e.what());
  } catch (const migrations::MigrationsDirError& e) {
    throw Error(e.what());
  } catch (const db::InspectError& e) {
    throw Error(e.what());
  }
}

}  // namespace schemac::workflow
