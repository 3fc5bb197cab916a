// The UI files (studio/assets/*), embedded at build time by studio/cmake/embed_assets.cmake.
#pragma once

#include <cstddef>
#include <string_view>
#include <vector>

namespace schemac::studio {

struct Asset {
  const char* name;  // file name, e.g. "studio.js"
  const char* mime;
  const unsigned char* data;
  std::size_t size;

  std::string_view text() const { return {reinterpret_cast<const char*>(data), size}; }
};

const std::vector<Asset>& assets();

// The embedded file named `name`, or nullptr.
inline const Asset* findAsset(std::string_view name) {
  for (const Asset& a : assets()) {
    if (name == a.name) return &a;
  }
  return nullptr;
}

}  // namespace schemac::studio
