// A string assigned to an int column.
// expect-error: (no match for [^ ]*operator|invalid operands to binary expression|no viable overloaded '=')
#include "query_test_schema.h"

namespace rt = schemac::rt;

void query_assign_string_to_int(rt::Connection& db) {
#ifdef SCHEMAC_CONTROL
  rt::update(db, qt::db::users).set(qt::db::users.age = 42).run();
#else
  rt::update(db, qt::db::users).set(qt::db::users.age = "old").run();
#endif
}
