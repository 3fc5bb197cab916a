// What every API handler shares: the database connections, the tokens and the bound address.
// One mutex serialises all database work: a connection is used by one thread at a time.
#pragma once

#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "schemac/db/inspect.h"
#include "schemac/rt/connection.h"
#include "schemac/studio/server.h"

namespace schemac::studio {

struct Caches;  // caches.h

struct Context {
  StudioOptions options;
  db::IgnoreList ignore() const { return {options.ignore}; }  // schemac.toml `ignore`
  std::mutex mu;
  std::unique_ptr<rt::Connection> db;
  bool readOnly = false;
  std::string token;  // access token: every /api/ call
  std::string csrf;   // CSRF token: every /api/ write, from GET /api/session
  std::string host;   // as bound
  int port = 0;
  // Why the authorizer (protect.cpp) last refused a statement, for the error response.
  std::string denied;
  // Tables the statement being prepared creates a trigger on (the authorizer cannot see a
  // trigger's body at CREATE TRIGGER; sql_api.cpp probes it).
  std::vector<std::string> triggerTables;
  // The table list with row counts and the logical column types, kept between requests and
  // refreshed when the database changes (caches.cpp).
  std::shared_ptr<Caches> caches;  // shared_ptr: Caches is incomplete here

  // A second connection opened read-only, for the SQL console: SQLite itself refuses any
  // write on it, whatever the statement is. Opened on first use.
  rt::Connection& readOnlyDb();

 private:
  std::unique_ptr<rt::Connection> readOnlyDb_;
};

}  // namespace schemac::studio
