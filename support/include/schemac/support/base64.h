// Standard base64 (RFC 4648, with padding): libSQL's remote protocol carries blobs in it, and
// the studio's Content-Security-Policy names its inline blocks by base64 SHA-256.
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace schemac::support {

std::string base64Encode(std::span<const std::uint8_t> bytes);
// Accepts padded and unpadded input and the URL-safe alphabet (tursodb sends unpadded text);
// false on a character outside both alphabets or an impossible length.
bool base64Decode(std::string_view text, std::vector<std::uint8_t>* out);

}  // namespace schemac::support
