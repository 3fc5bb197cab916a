// An int column compared with a string.
// expect-error: (no match for [^ ]*operator|invalid operands to binary expression|no viable overloaded '=')
#include "query_test_schema.h"

namespace rt = schemac::rt;

void query_int_column_vs_string(rt::Connection& db) {
#ifdef SCHEMAC_CONTROL
  rt::count(db, qt::db::users, qt::db::users.id == 42);
#else
  rt::count(db, qt::db::users, qt::db::users.id == "42");
#endif
}
