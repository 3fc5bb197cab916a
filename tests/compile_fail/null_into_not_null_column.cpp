// NULL assigned to a NOT NULL column.
// expect-error: (no match for [^ ]*operator|invalid operands to binary expression|no viable overloaded '=')
#include "query_test_schema.h"

namespace rt = schemac::rt;

void query_null_into_not_null_column(rt::Connection& db) {
#ifdef SCHEMAC_CONTROL
  rt::update(db, qt::db::users).set(qt::db::users.name = std::nullopt).run();
#else
  rt::update(db, qt::db::users).set(qt::db::users.email = std::nullopt).run();
#endif
}
