// The values that cross the boundary between C++ and the database.
#pragma once

#include <cstdint>
#include <string>
#include <variant>
#include <vector>

namespace schemac::rt {

struct Blob {
  std::vector<std::uint8_t> bytes;
  bool operator==(const Blob&) const = default;
};

// A value as the database sees it: NULL, INTEGER, REAL, TEXT or BLOB.
using Value = std::variant<std::monostate, std::int64_t, double, std::string, Blob>;

}  // namespace schemac::rt
