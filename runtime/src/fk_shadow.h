// Foreign key checks for an executor without PRAGMA foreign_key_check (tursodb): derived from
// an in-memory SQLite copy of the database's schema (no rows), kept in step with the scripts
// being applied. Inside one batch the client cannot look at the schema a rebuild produced
// before it commits, so the checks are computed beforehand.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "schemac/rt/connection.h"

namespace schemac::rt::detail {

class SchemaShadow {
 public:
  explicit SchemaShadow(Connection& db);
  ~SchemaShadow();
  SchemaShadow(const SchemaShadow&) = delete;
  SchemaShadow& operator=(const SchemaShadow&) = delete;

  // Applies statements to the copy; false (and the copy is unusable) when one fails.
  bool apply(const std::vector<std::string>& statements);

  struct ForeignKeyCheck {
    std::string sql;          // errors (malformed JSON) when an orphan row exists
    std::string description;  // "pets(owner_id) -> people(id)"
  };
  std::vector<ForeignKeyCheck> foreignKeyChecks();

 private:
  std::unique_ptr<Connection> db_;
};

}  // namespace schemac::rt::detail
