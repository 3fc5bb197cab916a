// The printer every emitter writes through: variables, indentation, raw-string re-indenting.
#include "schemac/codegen/printer.h"

#include <gtest/gtest.h>

#include <stdexcept>
#include <string>

namespace schemac::codegen {
namespace {

TEST(Printer, SubstitutesVariablesAndDollars) {
  Printer p;
  std::string temporary = "users";
  p.emit({{"name", temporary}, {"n", "3"}}, "table $name$ costs $$$n$\n");
  EXPECT_EQ(p.str(), "table users costs $3\n");
}

TEST(Printer, IndentsEveryNonEmptyLine) {
  Printer p;
  p.emit("a {\n");
  {
    auto in = p.withIndent();
    p.emit({{"v", "x\ny"}}, "$v$\n\n");
    p.emitRaw("raw\nlines");
    p.emit(" continued\n");
  }
  p.emit("}\n");
  EXPECT_EQ(p.str(), "a {\n  x\n  y\n\n  raw\n  lines continued\n}\n");
}

TEST(Printer, ReindentsRawStringsStartingWithANewline) {
  Printer p;
  auto in = p.withIndent();
  p.emit({{"name", "T"}}, R"(
      struct $name$ {
        int x;
      };
  )");
  EXPECT_EQ(p.str(), "  struct T {\n    int x;\n  };\n");
}

TEST(Printer, UnknownOrUnclosedVariablesAreBugs) {
  Printer p;
  EXPECT_THROW(p.emit({{"a", "1"}}, "$b$"), std::logic_error);
  EXPECT_THROW(p.emit("$open"), std::logic_error);
  EXPECT_THROW(p.outdent(), std::logic_error);
}

}  // namespace
}  // namespace schemac::codegen
