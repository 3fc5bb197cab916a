// The direct JSON paths (writer, reader, canonical snapshot reader) against the nlohmann ones
// they replace on the common path: the same bytes, the same IR, the same errors.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "codegen/sample_schema.h"
#include "schemac/compile.h"
#include "schemac/ir_json.h"
#include "schemac/migrations/migrations.h"

namespace schemac {
namespace {

using testing::sampleSchema;

// Strings that exercise every escape rule of nlohmann's dump (ensure_ascii off).
ir::Schema awkwardStrings() {
  ir::Schema s = sampleSchema();
  s.doc = std::string("quote \" backslash \\ slash / tab \t nl \n cr \r bs \b ff \f") +
          std::string(1, '\0') + "\x01\x1f del \x7f é 中 😀";
  s.tables[0].doc = "größe";
  s.tables[0].columns[0].doc = std::string("\x0b\x1e");
  s.tables[0].renamedFrom = {"a b", "a", "a!"};
  s.enums[0].values[0].renamedFrom = {"x\ny"};
  return s;
}

ir::Schema compiledExample() {
  SourceManager sm;
  DiagEngine diags(sm);
  const std::string dir = std::string(SCHEMAC_SOURCE_DIR) + "/examples/lumenr/schema/";
  auto s = compileFiles({dir + "accounts.schema", dir + "audit.schema", dir + "billing.schema"}, sm,
                        diags);
  EXPECT_TRUE(s.has_value());
  return s ? *s : ir::Schema{};
}

TEST(IrJsonFast, WriterMatchesNlohmann) {
  for (const ir::Schema& s : {sampleSchema(), ir::withoutHints(sampleSchema()), awkwardStrings(),
                              ir::Schema{}, compiledExample()}) {
    EXPECT_EQ(ir::toCanonicalJson(s), ir::detail::toCanonicalJsonNlohmann(s));
  }
}

TEST(IrJsonFast, InvalidUtf8TakesTheNlohmannPath) {
  ir::Schema s = sampleSchema();
  for (std::string bad : {"\xff", "\xc0\x80", "\xed\xa0\x80", "ab\xe2\x82", "\xf4\x90\x80\x80"}) {
    s.doc = bad;
    EXPECT_EQ(ir::toCanonicalJson(s), ir::detail::toCanonicalJsonNlohmann(s));
  }
}

TEST(IrJsonFast, ReaderMatchesNlohmann) {
  for (const ir::Schema& s : {sampleSchema(), awkwardStrings(), compiledExample()}) {
    std::string text = ir::toCanonicalJson(s);
    ir::Schema fast, slow;
    std::string error;
    ASSERT_TRUE(ir::fromJson(text, &fast, &error)) << error;
    ASSERT_TRUE(ir::detail::fromJsonNlohmann(text, &slow, &error)) << error;
    EXPECT_EQ(fast, slow);
    EXPECT_EQ(fast, s);
  }
}

// Input the direct reader leaves to nlohmann: the result (or error) is nlohmann's.
TEST(IrJsonFast, UnusualInputGivesTheNlohmannResult) {
  const std::string t = R"("name": "t", "columns": [])";
  for (const std::string& text : std::vector<std::string>{
           R"({"tables": [], "tables": []})",                               // duplicate key
           R"({"tables": []} x)",                                           // trailing text
           R"({"tables": [{)" + t + R"(, "doc": "\u00e9\ud83d\ude00"}]})",  // \u escapes
           R"({"tables": [{)" + t + R"(, "doc": "a\/b"}]})",
           std::string("\xef\xbb\xbf") + R"({"tables": []})",  // byte order mark
           R"({"tables": [{"name": "t", "columns": [{"name": "c", "type": {"kind": "varchar",
                "length": 012}}]}]})",
           R"({"tables": [{"name": "t", "columns": [{"name": "c", "type": {"kind": "varchar",
                "length": -0}}]}]})",
           R"({"tables": [{"name": "t", "columns": [{"name": "c", "type": {"kind": "varchar",
                "length": 1e2}}]}]})",
           R"({"tables": [{"name": "t", "columns": [{"name": "c", "type": {"kind": "varchar",
                "length": 2147483648}}]}]})",
           R"({"tables": [{"name": "t", "columns": [{"name": "c", "type": {"kind": "varchar",
                "length": -2147483648}}]}]})",
           R"({"tables": [{)" + t + R"(, "doc": "tab	inside"}]})",  // raw control character
           R"({"tables": [{)" + t + "\n, \"doc\": \"\xff\"}]})",       // invalid UTF-8
           R"({"tables": [{)" + t + R"(, "foreignKeys": [{"name": "f", "columns": [],
                "refTable": "u", "refColumns": [], "onDelete": ""}]}]})",
           R"( {"enums": [], "tables": [ ] , "namespace" : "x"} )",
           R"({"tables": [{)" + t + R"(, "checks": [{"name": "c", "expr": {"kind": "raw",
                "negated": null}}]}]})",
           R"({"tables": [{)" + t + R"(, "bogus": 1}]})",
           R"({"tables": [{"name": "t"}]})",
           R"({"tables": [{)" + t + R"(, "primaryKey": ["a", 1]}]})",
           R"({"tables": [)",
           "",
       }) {
    ir::Schema a, b;
    std::string ea, eb;
    bool okA = ir::fromJson(text, &a, &ea);
    bool okB = ir::detail::fromJsonNlohmann(text, &b, &eb);
    EXPECT_EQ(okA, okB) << text;
    EXPECT_EQ(ea, eb) << text;
    if (okA && okB) {
      EXPECT_EQ(a, b) << text;
    }
  }
}

// The snapshot reader: a file as snapshotToJson writes it, and the same content formatted
// otherwise (which takes the nlohmann path), give the same snapshot.
TEST(IrJsonFast, SnapshotReaderMatchesNlohmann) {
  for (const ir::Schema& s : {sampleSchema(), awkwardStrings(), ir::Schema{}, compiledExample()}) {
    ir::Schema stored = ir::withoutHints(s);
    migrations::Snapshot snap =
        migrations::makeSnapshot("sqlite", ir::fingerprint(stored), migrations::kRootSnapshotId,
                                 ir::toCanonicalJson(stored));
    std::string text = migrations::snapshotToJson(snap);
    migrations::Snapshot back;
    std::string error;
    ASSERT_TRUE(migrations::parseSnapshot(text, &back, &error)) << error;
    EXPECT_EQ(back, snap);

    // Re-indented by 4: not canonical, so read through nlohmann; same result.
    std::string wide;
    for (char c : text) {
      wide += c;
      if (c == '\n') wide += "  ";
    }
    migrations::Snapshot back2;
    ASSERT_TRUE(migrations::parseSnapshot(wide, &back2, &error)) << error;
    EXPECT_EQ(back2, snap);
  }
}

TEST(IrJsonFast, NonCanonicalSnapshotsAreReadThroughNlohmann) {
  ir::Schema stored = ir::withoutHints(sampleSchema());
  migrations::Snapshot snap = migrations::makeSnapshot(
      "sqlite", ir::fingerprint(stored), migrations::kRootSnapshotId, ir::toCanonicalJson(stored));
  const std::string text = migrations::snapshotToJson(snap);
  auto replaced = [&](const std::string& from, const std::string& to) {
    std::string s = text;
    std::size_t at = s.find(from);
    EXPECT_NE(at, std::string::npos) << from;
    return s.replace(at, from.size(), to);
  };
  // Each edit keeps valid JSON whose canonical dump differs from the text: the result must be
  // nlohmann's re-serialisation, not the edited text.
  for (const std::string& edited : {
           replaced("\"enums\": [", "\"enums\":  ["),                 // spacing
           replaced("\"kind\": \"int\"", "\"kind\": \"\\u0069nt\""),  // \u escape
           replaced("\"nullable\": false", "\"nullable\": false, \"nullable\": false"),
           replaced("\"precision\": 12", "\"precision\": 12.0"),
           replaced("\"precision\": 12", "\"precision\": -0"),
       }) {
    migrations::Snapshot fast;
    std::string error;
    bool ok = migrations::parseSnapshot(edited, &fast, &error);
    // The reference: nlohmann's tree of the nested schema, dumped canonically.
    if (!ok) continue;
    ir::Schema viaFast, viaSlow;
    std::string e1, e2;
    bool a = ir::fromJson(fast.schemaJson, &viaFast, &e1);
    bool b = ir::detail::fromJsonNlohmann(fast.schemaJson, &viaSlow, &e2);
    EXPECT_EQ(a, b);
    EXPECT_EQ(e1, e2);
    // A canonical re-serialisation never keeps the odd spelling.
    EXPECT_EQ(fast.schemaJson.find("\"enums\":  ["), std::string::npos);
    EXPECT_EQ(fast.schemaJson.find("\\u0069"), std::string::npos);
  }
  migrations::Snapshot s;
  std::string error;
  EXPECT_FALSE(migrations::parseSnapshot(text.substr(0, text.size() - 3), &s, &error));
  EXPECT_EQ(error, "not valid JSON");
  EXPECT_FALSE(migrations::parseSnapshot(replaced("\"id\": \"", "\"id\": \"\xff"), &s, &error));
  EXPECT_EQ(error, "not valid JSON");
}

}  // namespace
}  // namespace schemac
