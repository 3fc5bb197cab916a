// LIKE on an int column.
// expect-error: (no matching (member )?function for call to|invalid reference to function|invalid initialization of reference)
// expect-error: like
#include "query_test_schema.h"

namespace rt = schemac::rt;

void query_like_on_int_column(rt::Connection& db) {
#ifdef SCHEMAC_CONTROL
  rt::count(db, qt::db::users, qt::db::users.email.like("a%"));
#else
  rt::count(db, qt::db::users, qt::db::users.id.like("1%"));
#endif
}
