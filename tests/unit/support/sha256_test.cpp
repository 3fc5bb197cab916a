// support::Sha256 against the FIPS 180-4 / NIST example vectors, messages at the padding
// boundaries (checked with coreutils sha256sum), and incremental == one-shot.
#include "schemac/support/sha256.h"

#include <gtest/gtest.h>

#include <string>

namespace schemac::support {
namespace {

TEST(Sha256, NistVectors) {
  EXPECT_EQ(sha256Hex(""), "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
  EXPECT_EQ(sha256Hex("abc"), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  // 448 bits: the padding no longer fits in the first block.
  EXPECT_EQ(sha256Hex("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq"),
            "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1");
  // 896 bits.
  EXPECT_EQ(sha256Hex("abcdefghbcdefghicdefghijdefghijkefghijklfghijklmghijklmnhijklmnoijklmnopjklm"
                      "nopqklmnopqrlmnopqrsmnopqrstnopqrstu"),
            "cf5b16a778af8380036ce59e7b0492370b249b11e8f07a51afac45037afee9d1");
  EXPECT_EQ(sha256Hex(std::string(1000000, 'a')),
            "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0");
}

TEST(Sha256, PaddingBoundaries) {
  // 55 bytes is the longest message whose padding fits in one block; 56..63 need a second.
  EXPECT_EQ(sha256Hex(std::string(55, 'a')),
            "9f4390f8d30c2dd92ec9f095b65e2b9ae9b0a925a5258e241c9f1e910f734318");
  EXPECT_EQ(sha256Hex(std::string(56, 'a')),
            "b35439a4ac6f0948b6d6f9e3c6af0f5f590ce20f1bde7090ef7970686ec6738a");
  EXPECT_EQ(sha256Hex(std::string(63, 'a')),
            "7d3e74a05d7db15bce4ad9ec0658ea98e3f06eeecf16b4c6fff2da457ddc2f34");
  EXPECT_EQ(sha256Hex(std::string(64, 'a')),
            "ffe054fe7ae0cb6dc65c3af9b61d5209f439851db43d0ba5997337df154668eb");
  EXPECT_EQ(sha256Hex(std::string(119, 'a')),
            "31eba51c313a5c08226adf18d4a359cfdfd8d2e816b13f4af952f7ea6584dcfb");
  EXPECT_EQ(sha256Hex(std::string(120, 'a')),
            "2f3d335432c70b580af0e8e1b3674a7c020d683aa5f73aaaedfdc55af904c21c");
}

TEST(Sha256, IncrementalEqualsOneShotAtEverySplit) {
  // 200 bytes of varied content: splits fall before, on and after the 64- and 128-byte
  // block boundaries, and the second piece may itself span blocks.
  std::string msg;
  for (int i = 0; i < 200; ++i) msg += static_cast<char>((i * 37 + 11) & 0xff);
  for (std::size_t len : {0u, 1u, 55u, 56u, 63u, 64u, 65u, 127u, 128u, 129u, 200u}) {
    std::string_view m(msg.data(), len);
    const std::string expected = sha256Hex(m);
    for (std::size_t cut = 0; cut <= len; ++cut) {
      Sha256 h;
      h.update(m.substr(0, cut));
      h.update(m.substr(cut));
      ASSERT_EQ(h.finishHex(), expected) << "length " << len << ", split at " << cut;
    }
  }
}

TEST(Sha256, ByteAtATimeAndThreeWaySplits) {
  const std::string msg(300, 'x');
  const std::string expected = sha256Hex(msg);
  Sha256 bytes;
  for (char c : msg) bytes.update(&c, 1);
  EXPECT_EQ(bytes.finishHex(), expected);
  for (std::size_t a : {1u, 63u, 64u, 100u}) {
    for (std::size_t b : {a, a + 1, a + 64, a + 130}) {
      Sha256 h;
      h.update(std::string_view(msg).substr(0, a));
      h.update(std::string_view(msg).substr(a, b - a));
      h.update(std::string_view(msg).substr(b));
      EXPECT_EQ(h.finishHex(), expected) << a << " " << b;
    }
  }
}

// Sha256 takes the SHA-extension path on a CPU that has it: both block functions must agree
// on every block count (1 to 40 blocks of varied bytes, chained over the same state).
TEST(Sha256, ShaExtensionsAgreeWithPortableRounds) {
  if (!detail::cpuHasShaExtensions()) GTEST_SKIP() << "this CPU has no SHA extensions";
  std::string data;
  for (int i = 0; i < 64 * 40; ++i) data += static_cast<char>((i * 131 + i / 7) & 0xff);
  const auto* bytes = reinterpret_cast<const std::uint8_t*>(data.data());
  for (std::size_t blocks = 1; blocks <= 40; ++blocks) {
    std::uint32_t portable[8] = {1, 2, 3, 4, 5, 6, 7, 0xffffffff};
    std::uint32_t shaNi[8] = {1, 2, 3, 4, 5, 6, 7, 0xffffffff};
    detail::compressPortable(portable, bytes, blocks);
    detail::compressShaNi(shaNi, bytes, blocks);
    for (int i = 0; i < 8; ++i) ASSERT_EQ(portable[i], shaNi[i]) << blocks << " blocks, word " << i;
  }
}

TEST(Sha256, FinishResetsTheHasher) {
  Sha256 h;
  h.update("something else");
  h.finish();
  h.update("abc");
  EXPECT_EQ(h.finishHex(), sha256Hex("abc"));
}

}  // namespace
}  // namespace schemac::support
