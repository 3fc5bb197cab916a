// Conditions of two tables joined with &&.
// expect-error: (no match for [^ ]*operator|invalid operands to binary expression|no viable overloaded '=')
// expect-error: Condition<qt::db::InvoicesTable>
#include "query_test_schema.h"

namespace rt = schemac::rt;

void query_and_across_tables(rt::Connection& db) {
#ifdef SCHEMAC_CONTROL
  rt::count(db, qt::db::users, qt::db::users.id == 1 && qt::db::users.age > 2);
#else
  rt::count(db, qt::db::users, qt::db::users.id == 1 && qt::db::invoices.id > 2);
#endif
}
