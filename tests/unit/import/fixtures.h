// The real drizzle-kit fixtures (tests/unit/import/fixtures/README.md), for the import tests.
#pragma once

#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

namespace schemac::testing {

inline std::filesystem::path drizzleFixture(const std::string& kitVersion) {
  return std::filesystem::path(SCHEMAC_SOURCE_DIR) / "tests/unit/import/fixtures" /
         ("drizzle-kit-" + kitVersion);
}

inline const std::vector<std::string>& drizzleKitVersions() {
  static const std::vector<std::string> v = {"0.20.18", "0.22.8", "0.24.2", "0.31.10"};
  return v;
}

inline std::string readText(const std::filesystem::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

}  // namespace schemac::testing
