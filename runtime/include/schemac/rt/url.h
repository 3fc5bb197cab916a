// Classifies a DATABASE_URL before anything is opened, so every command rejects unsupported
// or malformed URLs with the same one-line message.
#pragma once

#include <string>

namespace schemac::rt {

enum class UrlKind {
  SqliteFile,    // file:./local.db, file:/abs/path, ./local.db, /abs/path
  SqliteMemory,  // file::memory:, :memory:
  RemoteLibsql,  // libsql://, https://, http://, ws://, wss://
  Postgres,      // postgres://, postgresql://
};

struct DatabaseUrl {
  UrlKind kind = UrlKind::SqliteFile;
  std::string original;  // as given
  std::string display;   // credentials removed, safe to print
  // For SQLite: the name handed to sqlite3_open_v2 (with SQLITE_OPEN_URI). For a file URL this
  // is the URL itself (so `?mode=ro` and friends keep working); for a plain path, the path.
  std::string sqliteName;
  // For SqliteFile: the file path (percent-decoded, query removed). Empty otherwise.
  std::string path;
};

// Throws DbError with one clear line for an empty URL or an unknown scheme. Remote and
// PostgreSQL URLs are classified, not rejected: open() decides what it supports.
DatabaseUrl parseDatabaseUrl(const std::string& url);

// The URL safe to print: support::redact's secrets (`user:password@`, `authToken=`, `token=`,
// ...) replaced by `***`, and shortened to 200 bytes as head...tail.
std::string redactUrl(const std::string& url);

}  // namespace schemac::rt
