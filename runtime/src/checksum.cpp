#include "schemac/rt/checksum.h"

#include <array>
#include <fstream>
#include <stdexcept>

namespace schemac::rt {

std::string sha256File(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw std::runtime_error("cannot read '" + path.string() + "'");
  // In chunks: a database file may be large.
  support::Sha256 hasher;
  std::array<char, 1 << 16> buf{};
  while (in) {
    in.read(buf.data(), buf.size());
    if (in.gcount() > 0) hasher.update(buf.data(), static_cast<std::size_t>(in.gcount()));
  }
  if (in.bad()) throw std::runtime_error("cannot read '" + path.string() + "'");
  return hasher.finishHex();
}

}  // namespace schemac::rt
