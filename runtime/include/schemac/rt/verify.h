// The schema fingerprint check (docs/cpp.md "Schema fingerprint"): a generated header knows the
// fingerprint of the schema it was generated from (ir::fingerprint, the hash carried by the
// migration snapshots) and embeds the migrations with the fingerprint after each one. The
// database records the migrations applied to it in __schemac_migrations (idx, tag, checksum).
// So the schema a database has is the fingerprint of its last applied migration, looked up in
// the embedded list; verify compares it with the program's and fails at start-up, with one
// clear line, instead of failing later on a missing column.
//
//   auto db = schemac::rt::open("file:./app.db");
//   lumenr::db::verify(*db);   // = rt::verifySchema(*db, kFingerprint, migrations())
#pragma once

#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include "schemac/rt/connection.h"
#include "schemac/rt/migration.h"
#include "schemac/support/error.h"

namespace schemac::rt {

class SchemaMismatch : public support::Error {
 public:
  using support::Error::Error;
};

struct SchemaCheck {
  bool ok = false;
  std::string message;        // one line when !ok
  std::string appliedTag;     // the database's last applied migration; empty when none
  std::string dbFingerprint;  // its schema fingerprint, when the migration is known
};

// Never throws for a mismatch (see verifySchema); a database error throws DbError.
SchemaCheck checkSchema(Connection& db, std::string_view fingerprint,
                        const std::vector<Migration>& migrations);
// Throws SchemaMismatch with checkSchema's message when the database's schema is not
// `fingerprint`.
void verifySchema(Connection& db, std::string_view fingerprint,
                  const std::vector<Migration>& migrations);

}  // namespace schemac::rt
