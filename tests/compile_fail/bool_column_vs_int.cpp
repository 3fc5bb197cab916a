// A bool column compared with an int.
// expect-error: (no match for [^ ]*operator|invalid operands to binary expression|no viable overloaded '=')
#include "query_test_schema.h"

namespace rt = schemac::rt;

void query_bool_column_vs_int(rt::Connection& db) {
#ifdef SCHEMAC_CONTROL
  rt::count(db, qt::db::users, qt::db::users.active == true);
#else
  rt::count(db, qt::db::users, qt::db::users.active == 1);
#endif
}
