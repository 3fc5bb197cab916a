// Generated C++ for what other tools' tables hold: a `nullable_legacy` key (its Key is
// optional, like its row field) and `timestamp(text)` (std::string). The header is compiled,
// with a use of find/insert, by the system's C++ compiler under -Wall -Wextra -Werror.
#include <gtest/gtest.h>

#include <cstdlib>
#include <fstream>

#include "runtime/temp_dir.h"
#include "schemac/codegen/cpp.h"

namespace schemac {
namespace {

ir::Schema legacySchema() {
  ir::Schema s;
  s.ns = "legacy.db";
  ir::Table t;
  t.name = "items";
  ir::Column code;
  code.name = "code";
  code.type.kind = ir::TypeKind::Text;
  code.nullable = true;  // PRIMARY KEY without NOT NULL (sqlite-utils)
  ir::Column at;
  at.name = "created_at";
  at.type.kind = ir::TypeKind::Timestamp;
  at.type.unit = ir::TimeUnit::Text;
  t.columns = {code, at};
  t.primaryKey = {"code"};
  s.tables = {t};
  return s;
}

TEST(CppLegacyKeys, NullableKeyAndTimestampTextCompile) {
  std::string header = codegen::cpp::generateHeader(legacySchema(), {});
  EXPECT_NE(header.find("using ItemsKey = std::optional<std::string>;"), std::string::npos)
      << header;
  EXPECT_NE(header.find("std::string created_at"), std::string::npos) << header;
  testing::TempDir dir;
  std::ofstream(dir.file("legacy.h")) << header;
  std::ofstream(dir.file("use.cpp")) << R"(#include "legacy.h"
#include "schemac/rt/query.h"
void use(schemac::rt::Connection& db) {
  legacy::db::ItemsInsert row;
  row.code = std::nullopt;
  row.created_at = "2024-01-02 03:04:05";
  schemac::rt::insert(db, legacy::db::items, row);
  std::optional<legacy::db::Items> found =
      schemac::rt::find(db, legacy::db::items, std::optional<std::string>("k"));
  std::string at = found ? found->created_at : std::string();
  (void)at;
}
)";
  std::string src = SCHEMAC_SOURCE_DIR;
  std::string cmd = "c++ -std=c++20 -fsyntax-only -Wall -Wextra -Werror -I" + src +
                    "/runtime/include -I" + src + "/support/include " + dir.file("use.cpp") +
                    " > " + dir.file("out.txt") + " 2>&1";
  int rc = std::system(cmd.c_str());
  std::ifstream in(dir.file("out.txt"));
  std::string out((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  EXPECT_EQ(rc, 0) << out;
}

}  // namespace
}  // namespace schemac
