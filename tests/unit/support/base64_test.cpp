#include "schemac/support/base64.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace schemac::support {
namespace {

std::vector<std::uint8_t> bytes(std::string_view s) { return {s.begin(), s.end()}; }

// RFC 4648 section 10's test vectors, each length modulo 3 and its padding.
TEST(Base64, EncodesTheRfcVectors) {
  EXPECT_EQ(base64Encode(bytes("")), "");
  EXPECT_EQ(base64Encode(bytes("f")), "Zg==");
  EXPECT_EQ(base64Encode(bytes("fo")), "Zm8=");
  EXPECT_EQ(base64Encode(bytes("foo")), "Zm9v");
  EXPECT_EQ(base64Encode(bytes("foob")), "Zm9vYg==");
  EXPECT_EQ(base64Encode(bytes("fooba")), "Zm9vYmE=");
  EXPECT_EQ(base64Encode(bytes("foobar")), "Zm9vYmFy");
}

TEST(Base64, DecodesPaddedUnpaddedAndUrlSafeText) {
  std::vector<std::uint8_t> out;
  ASSERT_TRUE(base64Decode("Zm9vYg==", &out));
  EXPECT_EQ(out, bytes("foob"));
  ASSERT_TRUE(base64Decode("Zm9vYg", &out));  // tursodb leaves the padding out
  EXPECT_EQ(out, bytes("foob"));
  ASSERT_TRUE(base64Decode("-_8", &out));  // URL-safe alphabet
  EXPECT_EQ(out, (std::vector<std::uint8_t>{0xfb, 0xff}));
  EXPECT_FALSE(base64Decode("Zm9v!", &out));
  EXPECT_FALSE(base64Decode("Z", &out));  // one digit cannot hold a byte
}

TEST(Base64, RoundTripsEveryByteValue) {
  std::vector<std::uint8_t> all;
  for (int i = 0; i < 256; ++i) all.push_back(static_cast<std::uint8_t>(255 - i));
  for (std::size_t n = 0; n <= all.size(); n += 37) {
    std::vector<std::uint8_t> in(all.begin(), all.begin() + static_cast<std::ptrdiff_t>(n));
    std::vector<std::uint8_t> out;
    ASSERT_TRUE(base64Decode(base64Encode(in), &out));
    EXPECT_EQ(out, in) << n;
  }
}

}  // namespace
}  // namespace schemac::support
