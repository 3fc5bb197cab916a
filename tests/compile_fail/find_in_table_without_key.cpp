// find() in a table without a primary key.
// expect-error: (no matching (member )?function for call to|invalid reference to function|invalid initialization of reference)
// expect-error: find
#include "query_test_schema.h"

namespace rt = schemac::rt;

void query_find_in_table_without_key(rt::Connection& db) {
#ifdef SCHEMAC_CONTROL
  rt::select(db, qt::db::audit_log).first();
#else
  rt::find(db, qt::db::audit_log, std::int64_t{1});
#endif
}
