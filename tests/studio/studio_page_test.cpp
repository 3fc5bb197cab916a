// The landing page as served (issue 19 §4): one document with the CSS and scripts inlined and
// allowed by their sha256 in the CSP (no 'unsafe-inline'), the session and table list inside it
// as inert JSON that a table name cannot break out of, and the separate assets revalidated by
// ETag.
#include <regex>

#include "schemac/support/sha256.h"
#include "studio_fixture.h"

namespace {

using namespace studio_test;

// Standard base64 of a SHA-256 digest, written out here (not page.cpp's) so the test checks it.
std::string cspHash(const std::string& text) {
  schemac::support::Sha256 h;
  h.update(text);
  auto d = h.finish();
  static const std::string abc = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
  std::string bits;
  for (unsigned char b : d) {
    for (int i = 7; i >= 0; --i) bits += (b >> i & 1) ? '1' : '0';
  }
  while (bits.size() % 6) bits += '0';
  std::string out;
  for (std::size_t i = 0; i < bits.size(); i += 6)
    out += abc[std::stoi(bits.substr(i, 6), nullptr, 2)];
  while (out.size() % 4) out += '=';
  return "'sha256-" + out + "'";
}

// The text between `open` and the next `close`, after `from`.
std::string between(const std::string& s, const std::string& open, const std::string& close,
                    std::size_t from = 0) {
  std::size_t a = s.find(open, from);
  if (a == std::string::npos) return {};
  a += open.size();
  std::size_t b = s.find(close, a);
  return b == std::string::npos ? std::string() : s.substr(a, b - a);
}

class StudioPageTest : public StudioApiTest {
 protected:
  std::string page() {
    auto r = client_->Get("/?token=" + server_->token());
    EXPECT_TRUE(r);
    if (!r) return {};
    EXPECT_EQ(r->status, 200);
    csp_ = r->get_header_value("Content-Security-Policy");
    EXPECT_EQ(r->get_header_value("Cache-Control"), "no-store");
    return r->body;
  }
  json boot(const std::string& body) {
    std::string text =
        between(body, "<script type=\"application/json\" id=\"studio-boot\">", "</script>");
    return json::parse(text, nullptr, false);
  }
  std::string csp_;
};

TEST_F(StudioPageTest, OneDocumentWithItsScriptsAndStyleAllowedByHash) {
  std::string body = page();
  EXPECT_EQ(body.find("<script src="), std::string::npos);
  EXPECT_EQ(body.find("<link rel=\"stylesheet\""), std::string::npos);
  std::string script = between(body, "<script>", "</script>");
  std::string style = between(body, "<style>", "</style>");
  // All six files, in index.html's order: core's helpers first, start-up last.
  EXPECT_LT(script.find("function el("), script.find("async function startStudio("));
  EXPECT_NE(script.find("X-Studio-Token"), std::string::npos);
  EXPECT_NE(style.find("prefers-color-scheme"), std::string::npos);
  EXPECT_NE(csp_.find("script-src " + cspHash(script) + ";"), std::string::npos) << csp_;
  EXPECT_NE(csp_.find("style-src " + cspHash(style) + ";"), std::string::npos) << csp_;
  EXPECT_EQ(csp_.find("unsafe"), std::string::npos) << csp_;
  EXPECT_NE(csp_.find("frame-ancestors 'none'"), std::string::npos) << csp_;
  EXPECT_NE(csp_.find("object-src 'none'"), std::string::npos) << csp_;
}

TEST_F(StudioPageTest, BootDataEqualsTheSessionAndTableListTheApiGives) {
  json b = boot(page());
  ASSERT_TRUE(b.is_object());
  EXPECT_EQ(b["session"], getJson("/api/session"));
  EXPECT_EQ(b["session"]["csrf"], csrf_);
  EXPECT_EQ(b["tables"], getJson("/api/tables"));
  ASSERT_EQ(b["tables"]["tables"].size(), 4u);
}

TEST_F(StudioPageTest, ATableNameCannotEndTheBootBlock) {
  const std::string evil = "</script><script>alert(1)</script><!--";
  schemac::rt::open("file:" + dbPath_.string())
      ->execute("CREATE TABLE \"" + evil + "\" (x INTEGER)");
  std::string body = page();
  EXPECT_EQ(body.find("alert(1)</script>"), std::string::npos);
  EXPECT_EQ(body.find("<!--"), std::string::npos);
  json b = boot(body);
  ASSERT_TRUE(b.is_object());
  bool listed = false;
  for (const json& t : b["tables"]["tables"]) listed = listed || t["name"] == evil;
  EXPECT_TRUE(listed) << b.dump();
}

TEST_F(StudioPageTest, NoBootDataWithoutTheToken) {
  auto r = client_->Get("/?token=wrong");
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, 401);
  EXPECT_EQ(r->body.find(csrf_), std::string::npos);
  EXPECT_EQ(r->body.find("studio-boot"), std::string::npos);
}

TEST_F(StudioPageTest, AssetsRevalidateByETag) {
  auto first = client_->Get("/assets/core.js");
  ASSERT_TRUE(first);
  EXPECT_EQ(first->status, 200);
  std::string tag = first->get_header_value("ETag");
  EXPECT_TRUE(std::regex_match(tag, std::regex("\"[0-9a-f]{32}\""))) << tag;
  EXPECT_EQ(first->get_header_value("Cache-Control"), "no-cache");
  auto again = client_->Get("/assets/core.js", {{"If-None-Match", tag}});
  ASSERT_TRUE(again);
  EXPECT_EQ(again->status, 304);
  EXPECT_TRUE(again->body.empty());
  auto other = client_->Get("/assets/studio.js", {{"If-None-Match", tag}});
  ASSERT_TRUE(other);
  EXPECT_EQ(other->status, 200);  // another file's tag does not match
}

}  // namespace
