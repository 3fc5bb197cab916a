// Which tables introspection leaves out: schemac's and SQLite's own, and the project's
// `ignore` list (schemac.toml).
#include <fnmatch.h>

#include <cctype>
#include <string>

#include "schemac/db/inspect.h"

namespace schemac::db {
namespace {

bool startsWithIgnoreCase(std::string_view s, std::string_view prefix) {
  if (s.size() < prefix.size()) return false;
  for (std::size_t i = 0; i < prefix.size(); ++i) {
    if (std::tolower(static_cast<unsigned char>(s[i])) != prefix[i]) return false;
  }
  return true;
}

}  // namespace

bool isInternalTable(std::string_view table) {
  return startsWithIgnoreCase(table, "sqlite_") || startsWithIgnoreCase(table, "__schemac_");
}

bool IgnoreList::matches(std::string_view table) const {
  std::string name(table);
  for (const std::string& p : patterns) {
    // SQLite compares table names without regard to (ASCII) case; so does the list.
    if (fnmatch(p.c_str(), name.c_str(), FNM_CASEFOLD) == 0) return true;
  }
  return false;
}

}  // namespace schemac::db
