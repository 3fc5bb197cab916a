// support::Error: the message is what(), the hint travels separately, and the library's own
// error types are support::Errors (so a caller can catch them all in one place).
#include "schemac/support/error.h"

#include <gtest/gtest.h>

#include <type_traits>

namespace schemac::support {
namespace {

TEST(Error, MessageAndHint) {
  Error plain("migrations directory 'm' not found");
  EXPECT_STREQ(plain.what(), "migrations directory 'm' not found");
  EXPECT_EQ(plain.hint(), "");
  Error hinted("no migrations yet", "run `schemac generate`");
  EXPECT_STREQ(hinted.what(), "no migrations yet");
  EXPECT_EQ(hinted.hint(), "run `schemac generate`");
  static_assert(std::is_base_of_v<std::runtime_error, Error>);
}

}  // namespace
}  // namespace schemac::support
