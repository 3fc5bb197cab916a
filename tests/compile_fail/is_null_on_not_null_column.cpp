// is NULL on a NOT NULL column.
// expect-error: (no matching (member )?function for call to|invalid reference to function|invalid initialization of reference)
// expect-error: isNull
#include "query_test_schema.h"

namespace rt = schemac::rt;

void query_is_null_on_not_null_column(rt::Connection& db) {
#ifdef SCHEMAC_CONTROL
  rt::count(db, qt::db::users, qt::db::users.name.isNull());
#else
  rt::count(db, qt::db::users, qt::db::users.email.isNull());
#endif
}
