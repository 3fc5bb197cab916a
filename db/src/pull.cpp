#include "schemac/db/pull.h"

#include "schemac/db/inspect.h"

namespace schemac::db {

std::string pullSchemaText(rt::Connection& conn) { return renderSchemaText(inspect(conn)); }

}  // namespace schemac::db
