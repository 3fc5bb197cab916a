// Columns of two tables compared.
// expect-error: (no match for [^ ]*operator|invalid operands to binary expression|no viable overloaded '=')
// expect-error: Column<(qt::db::)?UsersTable
#include "query_test_schema.h"

namespace rt = schemac::rt;

void query_compare_columns_of_two_tables(rt::Connection& db) {
#ifdef SCHEMAC_CONTROL
  rt::select(db, qt::db::invoices).where(qt::db::invoices.user_id == qt::db::invoices.id).all();
#else
  rt::select(db, qt::db::invoices).where(qt::db::invoices.user_id == qt::db::users.id).all();
#endif
}
