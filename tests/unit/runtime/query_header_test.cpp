// The header generator: the checked-in query_test_schema.h (compiled into the typed-query
// tests) is exactly what generateHeader writes for query_test_ir.h, output is deterministic,
// and names that cannot be C++ are reported.
#include <gtest/gtest.h>

#include <cstdlib>
#include <fstream>
#include <sstream>

#include "query_test_ir.h"
#include "schemac/migrations/migrations.h"

namespace schemac {
namespace {

codegen::cpp::HeaderOptions queryTestOptions() {
  codegen::cpp::HeaderOptions o;
  o.fingerprint = testing::kQueryTestFingerprint;
  codegen::cpp::EmbeddedMigration m;
  m.idx = 0;
  m.tag = "0000_init";
  m.upSql = testing::kQueryTestDdl;
  m.downSql =
      "DROP TABLE \"line_items\";\n--> statement-breakpoint\nDROP TABLE \"invoices\";\n"
      "--> statement-breakpoint\nDROP TABLE \"users\";\n--> statement-breakpoint\n"
      "DROP TABLE \"audit_log\";\n";
  m.checksum = migrations::sha256Hex(m.upSql);
  m.fingerprint = testing::kQueryTestFingerprint;
  m.snapshot = migrations::snapshotId(migrations::kRootSnapshotId, m.fingerprint);
  o.migrations.push_back(m);
  return o;
}

TEST(QueryHeader, CheckedInHeaderIsUpToDate) {
  std::string path = std::string(SCHEMAC_SOURCE_DIR) + "/tests/unit/runtime/query_test_schema.h";
  std::string generated =
      codegen::cpp::generateHeader(testing::queryTestSchema(), queryTestOptions());
  if (std::getenv("SCHEMAC_UPDATE_GOLDENS")) std::ofstream(path, std::ios::binary) << generated;
  std::ifstream in(path, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  EXPECT_TRUE(ss.str() == generated)
      << path << " is stale: regenerate with SCHEMAC_UPDATE_GOLDENS=1";
}

TEST(QueryHeader, Deterministic) {
  auto a = codegen::cpp::generateHeader(testing::queryTestSchema(), queryTestOptions());
  auto b = codegen::cpp::generateHeader(testing::queryTestSchema(), queryTestOptions());
  EXPECT_EQ(a, b);
}

TEST(QueryHeader, NamespaceOverrideAndDefault) {
  auto s = testing::queryTestSchema();
  codegen::cpp::HeaderOptions o;
  o.ns = "app.model";
  EXPECT_NE(codegen::cpp::generateHeader(s, o).find("namespace app::model {"), std::string::npos);
  o.ns = "x::y";
  EXPECT_NE(codegen::cpp::generateHeader(s, o).find("namespace x::y {"), std::string::npos);
  s.ns.clear();
  EXPECT_NE(codegen::cpp::generateHeader(s, {}).find("namespace db {"), std::string::npos);
}

TEST(QueryHeader, NameClashesAreErrors) {
  auto s = testing::queryTestSchema();
  ir::Enum e;
  e.name = "users";  // PascalCase `Users` is the row struct of table users
  e.values = {{"a", "", {}}};
  s.enums.push_back(e);
  try {
    codegen::cpp::generateHeader(s, {});
    FAIL() << "expected CppGenError";
  } catch (const codegen::cpp::CppGenError& err) {
    EXPECT_STREQ(err.what(), "table users and enum users both map to the C++ name 'Users'");
  }
}

TEST(QueryHeader, Names) {
  using namespace codegen::cpp;
  EXPECT_EQ(pascalCase("invoice_items"), "InvoiceItems");
  EXPECT_EQ(identifier("class"), "class_");
  EXPECT_EQ(identifier("a__b"), "a__b_");
  EXPECT_EQ(identifier("migrations", {"migrations"}), "migrations_");
  EXPECT_EQ(cppNamespace("lumenr.db"), "lumenr::db");
  EXPECT_EQ(stringLiteral("a\"b\\c\n\x01"
                          "9"),
            "\"a\\\"b\\\\c\\n\\0019\"");
}

}  // namespace
}  // namespace schemac
