// compileFiles: reading, parsing and checking several files into one schema.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "schemac/compile.h"

namespace schemac {
namespace {

namespace fs = std::filesystem;

class CompileFilesTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() /
           ("schemac_sema_compile_" +
            std::to_string(::testing::UnitTest::GetInstance()->random_seed()) + "_" +
            ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::remove_all(dir_);
    fs::create_directories(dir_);
  }
  void TearDown() override { fs::remove_all(dir_); }

  std::string write(const std::string& name, const std::string& text) {
    fs::path p = dir_ / name;
    std::ofstream(p) << text;
    return p.string();
  }

  struct Out {
    std::optional<ir::Schema> schema;
    std::vector<Diagnostic> diags;
    std::string rendered;
  };
  Out compile(const std::vector<std::string>& paths) {
    SourceManager sm;
    DiagEngine diags(sm);
    Out out;
    out.schema = compileFiles(paths, sm, diags);
    out.diags = diags.diagnostics();
    std::ostringstream os;
    diags.print(os);
    out.rendered = os.str();
    return out;
  }

  fs::path dir_;
};

TEST_F(CompileFilesTest, FilesShareTablesAndNamespace) {
  std::string a =
      write("users.schema", "namespace app.db\n/// People.\ntable users {\n  id int primary\n}\n");
  std::string b = write("posts.schema",
                        "namespace app.db\ntable posts {\n  id int primary\n"
                        "  author int references users(id) on delete cascade\n}\n");
  Out out = compile({b, a});  // a table may reference one from a later file
  ASSERT_TRUE(out.schema) << out.rendered;
  EXPECT_EQ(out.rendered, "");
  EXPECT_EQ(out.schema->ns, "app.db");
  ASSERT_EQ(out.schema->tables.size(), 2u);
  EXPECT_EQ(out.schema->tables[1].doc, "People.");
  const ir::ForeignKey& fk = out.schema->tables[0].foreignKeys.at(0);
  EXPECT_EQ(fk.name, "posts_author_fkey");
  EXPECT_EQ(fk.onDelete, ir::FkAction::Cascade);
  // The same input compiles to the same IR.
  EXPECT_EQ(*compile({b, a}).schema, *out.schema);
}

TEST_F(CompileFilesTest, UnitsDeclaredTypesAndUncheckedReachTheIr) {
  std::string a = write("t.schema",
                        "enum role { admin member }\n"
                        "table t {\n"
                        "  id    int           primary autoincrement sqltype \"INTEGER\"\n"
                        "  at    timestamp(s)  sqltype \"integer\" default now\n"
                        "  ms    timestamp(ms) default now\n"
                        "  plain timestamp?\n"
                        "  ok    bool          unchecked\n"
                        "  r     role          unchecked sqltype 'text'\n"
                        "}\n");
  Out out = compile({a});
  ASSERT_TRUE(out.schema) << out.rendered;
  const ir::Table* t = out.schema->findTable("t");
  ASSERT_NE(t, nullptr);
  auto column = [&](const std::string& n) -> const ir::Column& {
    for (const ir::Column& c : t->columns) {
      if (c.name == n) return c;
    }
    ADD_FAILURE() << "no column " << n;
    return t->columns.front();
  };
  EXPECT_EQ(column("id").sqlType, "INTEGER");
  EXPECT_FALSE(column("id").unchecked);
  EXPECT_EQ(column("at").type.unit, ir::TimeUnit::Seconds);
  EXPECT_EQ(column("at").sqlType, "integer");
  ASSERT_TRUE(column("at").defaultValue);
  EXPECT_EQ(column("at").defaultValue->kind, ir::ExprKind::Now);
  EXPECT_EQ(column("at").defaultValue->text, "timestamp_s");
  EXPECT_EQ(column("ms").type, column("plain").type);  // timestamp(ms) is timestamp
  EXPECT_EQ(column("ms").defaultValue->text, "timestamp");
  EXPECT_TRUE(column("ms").sqlType.empty());
  EXPECT_TRUE(column("ok").unchecked);
  EXPECT_TRUE(column("r").unchecked);
  EXPECT_EQ(column("r").sqlType, "text");
  EXPECT_EQ(ir::typeToString(column("at").type), "timestamp(s)");
}

TEST_F(CompileFilesTest, UnreadableFileIsAnErrorWithoutLocation) {
  std::string ok = write("ok.schema", "table t { id int primary }\n");
  Out out = compile({ok, (dir_ / "missing.schema").string()});
  EXPECT_FALSE(out.schema);
  ASSERT_EQ(out.diags.size(), 1u);
  EXPECT_FALSE(out.diags[0].range);
  EXPECT_EQ(out.rendered, "schemac: error: cannot open '" + (dir_ / "missing.schema").string() +
                              "': No such file or directory\n");
}

TEST_F(CompileFilesTest, ByteOrderMarkIsSkipped) {
  std::string bom = write("bom.schema", "\xEF\xBB\xBFtable t { id int primary }\n");
  Out out = compile({bom});
  ASSERT_TRUE(out.schema) << out.rendered;
  EXPECT_EQ(out.schema->tables.size(), 1u);
}

// More than DiagEngine::kMaxShownErrors errors: the first ones, then one line with the count.
TEST_F(CompileFilesTest, PrintedErrorsAreCapped) {
  std::string text;
  for (int i = 0; i < 50; ++i) text += "table t { id int primary }\n";
  Out out = compile({write("dup.schema", text)});
  EXPECT_EQ(out.diags.size(), 49u);  // every error is still collected
  std::size_t shown = 0;
  for (std::size_t at = 0; (at = out.rendered.find("error: redefinition", at)) != std::string::npos;
       ++at) {
    ++shown;
  }
  EXPECT_EQ(shown, DiagEngine::kMaxShownErrors);
  EXPECT_NE(out.rendered.find("schemac: error: too many errors (29 more not shown)\n"),
            std::string::npos);
}

TEST_F(CompileFilesTest, SyntaxErrorsDoNotCascade) {
  // The table with the syntax error is incomplete; its references must not be reported as
  // unknown on top of the syntax error.
  std::string a = write("a.schema", "table users { id int primary email }\n");
  std::string b =
      write("b.schema", "table posts { id int primary\n author int references users(id) }\n");
  Out out = compile({a, b});
  EXPECT_FALSE(out.schema);
  ASSERT_FALSE(out.diags.empty());
  for (const Diagnostic& d : out.diags) {
    EXPECT_EQ(d.message.find("unknown"), std::string::npos) << d.message;
  }
}

TEST_F(CompileFilesTest, ReportsEveryErrorWithLocations) {
  std::string a = write("a.schema",
                        "table users {\n"
                        "  id int primary\n"
                        "  id text\n"
                        "  age int default \"x\"\n"
                        "}\n");
  Out out = compile({a});
  EXPECT_FALSE(out.schema);
  EXPECT_EQ(out.rendered,
            a +
                ":3:3: error: duplicate column 'id' in table 'users'\n"
                "  id text\n"
                "  ^~\n" +
                a +
                ":2:3: note: previous definition is here\n"
                "  id int primary\n"
                "  ^~\n" +
                a +
                ":4:19: error: default of type text does not match column 'age' of type int\n"
                "  age int default \"x\"\n"
                "                  ^~~\n");
}

TEST_F(CompileFilesTest, ExampleSchemasCompile) {
  fs::path examples = fs::path(SCHEMAC_SOURCE_DIR) / "examples";
  if (!fs::exists(examples)) GTEST_SKIP() << "no examples directory";
  for (const auto& entry : fs::directory_iterator(examples)) {
    fs::path schemaDir = entry.path() / "schema";
    if (!fs::is_directory(schemaDir)) continue;
    std::vector<std::string> files;
    for (const auto& f : fs::directory_iterator(schemaDir)) {
      if (f.path().extension() == ".schema") files.push_back(f.path().string());
    }
    std::sort(files.begin(), files.end());
    Out out = compile(files);
    EXPECT_TRUE(out.schema) << entry.path() << "\n" << out.rendered;
  }
}

}  // namespace
}  // namespace schemac
