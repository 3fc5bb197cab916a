// A text column compared with an int.
// expect-error: (no match for [^ ]*operator|invalid operands to binary expression|no viable overloaded '=')
#include "query_test_schema.h"

namespace rt = schemac::rt;

void query_text_column_vs_int(rt::Connection& db) {
#ifdef SCHEMAC_CONTROL
  rt::select(db, qt::db::users).where(qt::db::users.email == "x").all();
#else
  rt::select(db, qt::db::users).where(qt::db::users.email == 42).all();
#endif
}
