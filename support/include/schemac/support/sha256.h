// SHA-256 (FIPS 180-4): migration checksums, the journal, schemac.sum and schema fingerprints.
// Implemented here, not taken from OpenSSL: schemac's own code links no libcrypto (libcurl and
// cpp-httplib still bring theirs).
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

namespace schemac::support {

// Incremental hasher, for input that arrives in pieces (a file read in chunks).
class Sha256 {
 public:
  using Digest = std::array<std::uint8_t, 32>;

  Sha256();
  void update(std::string_view data);
  void update(const void* data, std::size_t size);
  // The digest of everything passed to update(); the hasher is reset afterwards.
  Digest finish();
  // finish() as 64 lower-case hex digits.
  std::string finishHex();

 private:
  void compress(const std::uint8_t* blocks, std::size_t count);

  std::array<std::uint32_t, 8> state_;
  std::array<std::uint8_t, 64> buffer_;
  std::size_t buffered_ = 0;
  std::uint64_t length_ = 0;  // bytes hashed so far
};

// Lower-case hex SHA-256 of `data`.
std::string sha256Hex(std::string_view data);

namespace detail {
// The block function (`count` 64-byte blocks into `state`), portable and with the x86 SHA
// extensions; public so the tests can prove that both give the same digests.
void compressPortable(std::uint32_t* state, const std::uint8_t* blocks, std::size_t count);
void compressShaNi(std::uint32_t* state, const std::uint8_t* blocks, std::size_t count);
bool cpuHasShaExtensions();  // false off x86-64: compressShaNi is then the portable one
}  // namespace detail

}  // namespace schemac::support
