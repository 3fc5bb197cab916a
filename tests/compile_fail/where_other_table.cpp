// A condition on invoices in a select of users.
// expect-error: (no matching (member )?function for call to|invalid reference to function|invalid initialization of reference)
// expect-error: Condition<qt::db::InvoicesTable>
#include "query_test_schema.h"

namespace rt = schemac::rt;

void query_where_other_table(rt::Connection& db) {
#ifdef SCHEMAC_CONTROL
  rt::select(db, qt::db::users).where(qt::db::users.name == "x").all();
#else
  rt::select(db, qt::db::users).where(qt::db::invoices.number == "x").all();
#endif
}
