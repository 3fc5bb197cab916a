// Where a command's database comes from, as in the Drizzle workflow: a flag wins over the
// environment (DATABASE_URL, DATABASE_AUTH_TOKEN), which wins over the default file:./local.db.
#pragma once

#include <string>

namespace schemac::rt {

inline constexpr const char* kDefaultDatabaseUrl = "file:./local.db";

struct DatabaseSettings {
  std::string url;
  std::string authToken;
  std::string urlSource;  // "--url", "DATABASE_URL" or "default", for messages
};

// Empty flag values mean "not given". An empty environment variable counts as unset.
DatabaseSettings resolveDatabaseSettings(const std::string& urlFlag = {},
                                         const std::string& authTokenFlag = {});

}  // namespace schemac::rt
