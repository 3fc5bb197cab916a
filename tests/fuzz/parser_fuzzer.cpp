// libFuzzer target for the front end: any bytes go through parse -> fmt -> sema -> IR JSON.
// Besides "no crash, no sanitizer report", it checks properties that must hold for every
// input: the fast parser never accepts what the ANTLR reference parser rejects, and builds
// the same AST when it accepts; for input that parses, fmt keeps the AST and is idempotent,
// and the IR's canonical JSON reads back to the same IR and the same bytes.
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <optional>
#include <sstream>
#include <string>
#include <string_view>
#include <vector>

#include "schemac/ast_dump.h"
#include "schemac/format.h"
#include "schemac/ir_json.h"
#include "schemac/parse.h"
#include "schemac/sema.h"

namespace {

[[noreturn]] void fail(const char* what, const std::string& a, const std::string& b) {
  std::fprintf(stderr, "property violated: %s\n--- first\n%s\n--- second\n%s\n", what, a.c_str(),
               b.c_str());
  std::abort();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace schemac;
  SourceManager sm;
  DiagEngine diags(sm);
  FileId file = sm.addBuffer("fuzz.schema", std::string(reinterpret_cast<const char*>(data), size));
  std::vector<ast::Module> modules;
  modules.push_back(parseReference(sm, file, diags));
  // Rendering diagnostics exercises line/column lookup and caret drawing on odd input.
  std::string reference;
  for (const Diagnostic& d : diags.diagnostics()) reference += renderText(d, sm);
  // The capped printout too (the window around the caret, escaping, the count line).
  std::ostringstream printed;
  diags.print(printed);
  if (diags.hadErrors() && printed.str().empty()) fail("errors print nothing", reference, "");

  DiagEngine fastDiags(sm);
  if (std::optional<ast::Module> fast = parseFast(sm, file, fastDiags)) {
    std::string fastText;
    for (const Diagnostic& d : fastDiags.diagnostics()) fastText += renderText(d, sm);
    if (diags.hadErrors()) fail("the fast parser accepts input the grammar rejects", reference, "");
    if (!(*fast == modules[0])) {
      fail("the fast parser builds another AST", ast::dump(modules[0]), ast::dump(*fast));
    }
    if (fastText != reference) fail("the parsers warn differently", reference, fastText);
  }
  if (diags.hadErrors()) return 0;

  // fmt: same AST, fixed point.
  std::string formatted = formatModule(modules[0], sm.contents(file));
  DiagEngine fmtDiags(sm);
  FileId again = sm.addBuffer("fmt.schema", formatted);
  ast::Module reparsed = parse(sm, again, fmtDiags);
  if (fmtDiags.hadErrors()) {
    std::string errors;
    for (const Diagnostic& d : fmtDiags.diagnostics()) errors += renderText(d, sm);
    fail("formatted text does not parse", formatted, errors);
  }
  // fmt writes timestamp(ms), the default unit, as plain `timestamp`: the same meaning.
  ast::Module written = modules[0];
  for (ast::TableDecl& t : written.tables) {
    for (ast::ColumnDecl& c : t.columns) {
      if (c.type.name.name == "timestamp" && c.type.unit && c.type.unit->name == "ms" &&
          !c.type.unit->backticked) {
        c.type.unit.reset();
      }
    }
  }
  std::string before = ast::dump(written);
  std::string after = ast::dump(reparsed);
  if (before != after) fail("fmt changed the AST", before, after);
  std::string twice = formatModule(reparsed, sm.contents(again));
  if (twice != formatted) fail("fmt is not idempotent", formatted, twice);

  // sema and the IR's JSON round trip.
  std::optional<ir::Schema> schema = sema::analyze(modules, diags);
  if (!schema) return 0;
  std::string json = ir::toCanonicalJson(*schema);
  ir::Schema back;
  std::string error;
  if (!ir::fromJson(json, &back, &error)) fail("canonical JSON does not read back", json, error);
  if (!(back == *schema)) fail("JSON round trip changed the IR", json, ir::toCanonicalJson(back));
  if (ir::toCanonicalJson(back) != json) fail("JSON round trip changed the bytes", json, "");
  return 0;
}
