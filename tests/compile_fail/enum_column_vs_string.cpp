// An enum column compared with a string.
// expect-error: (no match for [^ ]*operator|invalid operands to binary expression|no viable overloaded '=')
#include "query_test_schema.h"

namespace rt = schemac::rt;

void query_enum_column_vs_string(rt::Connection& db) {
#ifdef SCHEMAC_CONTROL
  rt::count(db, qt::db::invoices, qt::db::invoices.status == qt::db::InvoiceStatus::paid);
#else
  rt::count(db, qt::db::invoices, qt::db::invoices.status == "paid");
#endif
}
