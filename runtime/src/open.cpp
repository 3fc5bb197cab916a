// rt::open: the one entry point that turns a DATABASE_URL into a Connection.
#include <string>

#include "schemac/rt/connection.h"
#include "schemac/rt/remote.h"
#include "schemac/rt/sqlite.h"
#include "schemac/rt/url.h"

namespace schemac::rt {

std::unique_ptr<Connection> open(const std::string& url, const OpenOptions& options) {
  DatabaseUrl parsed = parseDatabaseUrl(url);
  switch (parsed.kind) {
    case UrlKind::SqliteFile:
    case UrlKind::SqliteMemory:
      return SqliteConnection::open(parsed, options);
    case UrlKind::RemoteLibsql:
      return RemoteConnection::open(parsed, options);
    case UrlKind::Postgres:
      throw DbError("PostgreSQL is not supported yet: " + parsed.display +
                        " (use a local file: URL such as file:./local.db)",
                    "");
  }
  throw DbError("unsupported database URL: " + parsed.display, "");
}

}  // namespace schemac::rt
