// An invoice inserted into users.
// expect-error: (no matching (member )?function for call to|invalid reference to function|invalid initialization of reference)
// expect-error: (insert|UsersTable::Insert)
#include "query_test_schema.h"

namespace rt = schemac::rt;

void query_insert_row_of_other_table(rt::Connection& db) {
#ifdef SCHEMAC_CONTROL
  rt::insert(db, qt::db::users, qt::db::UsersInsert{.email = "a"});
#else
  rt::insert(db, qt::db::users, qt::db::InvoicesInsert{.number = "a"});
#endif
}
