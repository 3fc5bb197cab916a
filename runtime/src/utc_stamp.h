// The UTC time stamp in backup names (`.backup-20261206T181500Z-<label>`), for both kinds of
// backup (a file copy, a remote dump).
#pragma once

#include <chrono>
#include <ctime>
#include <string>

namespace schemac::rt::detail {

inline std::string utcStamp() {
  std::time_t t = std::chrono::system_clock::to_time_t(std::chrono::system_clock::now());
  std::tm tm{};
  gmtime_r(&t, &tm);
  char buf[32];
  std::strftime(buf, sizeof buf, "%Y%m%dT%H%M%SZ", &tm);
  return buf;
}

}  // namespace schemac::rt::detail
