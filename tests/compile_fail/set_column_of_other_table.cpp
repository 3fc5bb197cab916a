// update(users).set() of an invoices column.
// expect-error: (no matching (member )?function for call to|invalid reference to function|invalid initialization of reference)
// expect-error: (Assignment<qt::db::InvoicesTable>|no matching member function for call to 'set')
#include "query_test_schema.h"

namespace rt = schemac::rt;

void query_set_column_of_other_table(rt::Connection& db) {
#ifdef SCHEMAC_CONTROL
  rt::update(db, qt::db::users).set(qt::db::users.name = "x").run();
#else
  rt::update(db, qt::db::users).set(qt::db::invoices.number = "x").run();
#endif
}
