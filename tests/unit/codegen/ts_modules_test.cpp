// codegen::ts::generateModules on compiled schemas: the mapping decisions drizzle-kit's
// comparison depends on (docs/typescript.md). tests/lit/ts has the golden output and tests/ts
// the proof with the real tools.
#include <gtest/gtest.h>

#include "db/compile_schema.h"
#include "schemac/codegen/ts.h"

namespace {

using schemac::codegen::ts::generateModules;
using schemac::codegen::ts::TsGenError;

schemac::ir::Schema compileOk(const std::string& text) {
  return schemac::testing::compileSchemaText(text);
}

bool has(const std::string& text, const std::string& part) {
  return text.find(part) != std::string::npos;
}

TEST(TsModules, BuilderFollowsTheDeclaredType) {
  auto m = generateModules(compileOk("table t {\n"
                                     "  id int primary\n"
                                     "  a bool\n"
                                     "  b bool sqltype \"integer\"\n"
                                     "  c timestamp(s) sqltype \"INTEGER\"\n"
                                     "  d text sqltype \"nvarchar(20)\"\n"
                                     "  e int sqltype \"bigint\"\n"
                                     "}\n"),
                           {"fp", ""});
  // BOOLEAN reads as `numeric` in drizzle-kit: a customType with that SQL type.
  EXPECT_TRUE(has(m.schemaTs, "a: boolAsNumeric(\"a\").notNull()")) << m.schemaTs;
  EXPECT_TRUE(has(m.schemaTs, "dataType: () => \"numeric\""));
  EXPECT_TRUE(has(m.schemaTs, "b: integer(\"b\", { mode: \"boolean\" }).notNull()"));
  EXPECT_TRUE(has(m.schemaTs, "c: integer(\"c\", { mode: \"timestamp\" }).notNull()"));
  EXPECT_TRUE(has(m.schemaTs, "d: text(\"d\", { length: 20 }).notNull()"));
  EXPECT_TRUE(has(m.schemaTs, "e: integer(\"e\").notNull()"));
  EXPECT_TRUE(has(m.schemaTs, "id: integer(\"id\").primaryKey().notNull()"));
}

TEST(TsModules, FingerprintAndTsType) {
  auto m = generateModules(
      compileOk("table t {\n  id int primary\n  j json tstype \"{ a: 1 }\"\n  k json?\n}\n"),
      {"abc123", ""});
  EXPECT_TRUE(has(m.schemaTs, "// Schema fingerprint: abc123\n"));
  EXPECT_TRUE(has(m.schemaTs, "export const SCHEMA_FINGERPRINT = \"abc123\";"));
  EXPECT_TRUE(has(m.typesTs, "// Schema fingerprint: abc123\n"));
  EXPECT_TRUE(has(m.schemaTs, "text(\"j\", { mode: \"json\" }).$type<{ a: 1 }>()"));
  EXPECT_TRUE(has(m.typesTs, "  j: { a: 1 };\n"));
  EXPECT_TRUE(has(m.typesTs, "  k: unknown | null;\n"));
  EXPECT_TRUE(has(m.typesTs, "  k?: unknown | null;\n"));
}

TEST(TsModules, DefaultsAsDrizzleKitReadsThemBack) {
  auto m = generateModules(compileOk("table t {\n"
                                     "  id int primary\n"
                                     "  n int default -3\n"
                                     "  s text default \"a`b${c}\\\\d'e\"\n"
                                     "  f bool default true\n"
                                     "}\n"),
                           {"fp", ""});
  EXPECT_TRUE(has(m.schemaTs, ".default(-3)")) << m.schemaTs;
  EXPECT_TRUE(has(m.schemaTs, ".default(sql`'a\\`b\\${c}\\\\d''e'`)")) << m.schemaTs;
  EXPECT_TRUE(has(m.schemaTs, ".default(numberDefault<boolean>(1))"));
}

TEST(TsModules, NamesAreEscapedOrRefused) {
  auto m = generateModules(compileOk("table `class` {\n  id int primary\n  `order-no` int\n}\n"),
                           {"fp", ""});
  EXPECT_TRUE(has(m.schemaTs, "export const classTable = sqliteTable(")) << m.schemaTs;
  EXPECT_TRUE(has(m.schemaTs, "orderNo: integer(\"order-no\")"));
  EXPECT_THROW(generateModules(compileOk("table a_b {\n  id int primary\n  x_y int\n  xY int\n}\n"),
                               {"fp", ""}),
               TsGenError);
}

}  // namespace
