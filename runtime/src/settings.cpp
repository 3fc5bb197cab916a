#include "schemac/rt/settings.h"

#include <cstdlib>

namespace schemac::rt {
namespace {

std::string env(const char* name) {
  const char* v = std::getenv(name);
  return v ? std::string(v) : std::string();
}

}  // namespace

DatabaseSettings resolveDatabaseSettings(const std::string& urlFlag,
                                         const std::string& authTokenFlag) {
  DatabaseSettings s;
  if (!urlFlag.empty()) {
    s.url = urlFlag;
    s.urlSource = "--url";
  } else if (std::string e = env("DATABASE_URL"); !e.empty()) {
    s.url = e;
    s.urlSource = "DATABASE_URL";
  } else {
    s.url = kDefaultDatabaseUrl;
    s.urlSource = "default";
  }
  s.authToken = !authTokenFlag.empty() ? authTokenFlag : env("DATABASE_AUTH_TOKEN");
  return s;
}

}  // namespace schemac::rt
