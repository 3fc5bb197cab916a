// A text key for an int primary key.
// expect-error: (no matching (member )?function for call to|invalid reference to function|invalid initialization of reference)
// expect-error: (find|UsersTable::Key)
#include "query_test_schema.h"

namespace rt = schemac::rt;

void query_find_with_wrong_key_type(rt::Connection& db) {
#ifdef SCHEMAC_CONTROL
  rt::find(db, qt::db::users, std::int64_t{1});
#else
  rt::find(db, qt::db::users, std::string("1"));
#endif
}
