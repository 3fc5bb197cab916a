// One `.schema` text compiled to its IR, for the db tests; compile errors fail the test.
#pragma once

#include <gtest/gtest.h>

#include <optional>
#include <string>
#include <vector>

#include "schemac/diag.h"
#include "schemac/ir.h"
#include "schemac/parse.h"
#include "schemac/sema.h"

namespace schemac::testing {

inline ir::Schema compileSchemaText(const std::string& text) {
  SourceManager sm;
  DiagEngine diags(sm);
  FileId file = sm.addBuffer("t.schema", text);
  std::vector<ast::Module> modules;
  modules.push_back(parse(sm, file, diags));
  std::optional<ir::Schema> schema = sema::analyze(modules, diags);
  std::string errors;
  for (const Diagnostic& d : diags.diagnostics()) errors += renderText(d, sm);
  EXPECT_TRUE(schema && !diags.hadErrors()) << errors;
  return schema && !diags.hadErrors() ? *schema : ir::Schema{};
}

}  // namespace schemac::testing
