// A decimal column compared with a double (inexact).
// expect-error: (no match for [^ ]*operator|invalid operands to binary expression|no viable overloaded '=')
#include "query_test_schema.h"

namespace rt = schemac::rt;

void query_decimal_column_vs_double(rt::Connection& db) {
#ifdef SCHEMAC_CONTROL
  rt::count(db, qt::db::invoices, qt::db::invoices.amount > schemac::rt::Decimal("1.5"));
#else
  rt::count(db, qt::db::invoices, qt::db::invoices.amount > 1.5);
#endif
}
