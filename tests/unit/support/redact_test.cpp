// support::redact: every kind of secret the CLI, the runtime and the scripts may print.
#include "schemac/support/redact.h"

#include <gtest/gtest.h>

#include <string>

namespace schemac::support {
namespace {

TEST(RedactTest, UserinfoOfAnyScheme) {
  EXPECT_EQ(redact("postgres://user:secret@host/db"), "postgres://user:***@host/db");
  EXPECT_EQ(redact("https://TOKEN@db.example.com"), "https://***@db.example.com");
  EXPECT_EQ(redact("libsql://a:b@c@host:8080/x?y=1"), "libsql://a:***@host:8080/x?y=1");
  // An '@' in the path is no userinfo.
  EXPECT_EQ(redact("https://registry.example/@scope/pkg"), "https://registry.example/@scope/pkg");
}

TEST(RedactTest, CredentialQueryParameters) {
  EXPECT_EQ(redact("libsql://x.turso.io?authToken=abc&tls=1"),
            "libsql://x.turso.io?authToken=***&tls=1");
  EXPECT_EQ(redact("http://h/?tls=0&AUTH_TOKEN=a.b-c#frag"), "http://h/?tls=0&AUTH_TOKEN=***#frag");
  EXPECT_EQ(redact("file:./x.db?password=p&token=t&passwd=q&access_token=z"),
            "file:./x.db?password=***&token=***&passwd=***&access_token=***");
  // Keys that merely contain a credential word, and empty values, are kept.
  EXPECT_EQ(redact("http://h/?max_token=5&tokens=2&authToken="),
            "http://h/?max_token=5&tokens=2&authToken=");
}

TEST(RedactTest, ArgumentsHeadersAndEnvironment) {
  EXPECT_EQ(redact("schemac migrate --auth-token abc --url x"),
            "schemac migrate --auth-token *** --url x");
  EXPECT_EQ(redact("--auth-token=abc"), "--auth-token=***");
  EXPECT_EQ(redact("--auth-token-file /run/secrets/t"), "--auth-token-file /run/secrets/t");
  EXPECT_EQ(redact("Authorization: Bearer eyJ.x.y"), "Authorization: ***");
  EXPECT_EQ(redact("sent bearer eyJ.x.y, then"), "sent bearer ***, then");
  EXPECT_EQ(redact("DATABASE_AUTH_TOKEN=eyJ.x.y make"), "DATABASE_AUTH_TOKEN=*** make");
  EXPECT_EQ(redact("a URL in a sentence: 'libsql://u:p@h?authToken=t' (quoted)"),
            "a URL in a sentence: 'libsql://u:***@h?authToken=***' (quoted)");
}

TEST(RedactTest, KeepsEverythingElseAndIsIdempotent) {
  for (std::string s : {"file:./local.db", "", "://", "x://@", "SELECT password FROM users",
                        "a token of respect", "http://127.0.0.1:8080/v3/pipeline"}) {
    EXPECT_EQ(redact(s), s);
  }
  std::string once = redact("libsql://u:p@h?authToken=t --auth-token x Bearer y");
  EXPECT_EQ(redact(once), once);
  EXPECT_EQ(once.find('p', once.find("u:")), std::string::npos);
}

TEST(RedactTest, ShortensLongTextInTheMiddle) {
  std::string url = "file:./" + std::string(100000, 'a') + "/end.db";
  std::string shown = forDisplay(url);
  EXPECT_EQ(shown.size(), 200u);
  EXPECT_EQ(shown.substr(0, 7), "file:./");
  EXPECT_EQ(shown.substr(shown.size() - 7), "/end.db");
  EXPECT_NE(shown.find("..."), std::string::npos);
  EXPECT_EQ(shortenMiddle("short", 200), "short");
  // Never cuts a UTF-8 sequence in two.
  std::string utf8;
  for (int i = 0; i < 200; ++i) utf8 += "\xC3\xA9";  // é
  std::string cut = shortenMiddle(utf8, 101);
  EXPECT_LE(cut.size(), 101u);
  EXPECT_EQ(cut.find("\xC3..."), std::string::npos);
  EXPECT_NE(cut[cut.find("...") + 3], '\xA9');
  // A secret past the cut is hidden before shortening, never half-shown.
  std::string tail = forDisplay(std::string(300, 'x') + "?authToken=sekrit");
  EXPECT_EQ(tail.find("sek"), std::string::npos);
}

}  // namespace
}  // namespace schemac::support
