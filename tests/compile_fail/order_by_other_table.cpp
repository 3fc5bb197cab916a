// ORDER BY a column of another table.
// expect-error: (no matching (member )?function for call to|invalid reference to function|invalid initialization of reference)
// expect-error: (Column<qt::db::InvoicesTable|addOrder)
#include "query_test_schema.h"

namespace rt = schemac::rt;

void query_order_by_other_table(rt::Connection& db) {
#ifdef SCHEMAC_CONTROL
  rt::select(db, qt::db::users).orderBy(qt::db::users.id).all();
#else
  rt::select(db, qt::db::users).orderBy(qt::db::invoices.id).all();
#endif
}
