// Whole-schema scripts and splitting scripts back into statements.
#include "schemac/codegen/printer.h"
#include "schemac/codegen/sqlite.h"
#include "schemac/codegen/sqlite_tokenizer.h"

namespace schemac::codegen::sqlite {
namespace {

std::string_view trimBlankLines(std::string_view s) {
  while (!s.empty()) {
    std::size_t nl = s.find('\n');
    std::string_view line = s.substr(0, nl);
    if (line.find_first_not_of(" \t\r") != std::string_view::npos) break;
    s.remove_prefix(nl == std::string_view::npos ? s.size() : nl + 1);
  }
  while (!s.empty() &&
         (s.back() == '\n' || s.back() == '\r' || s.back() == ' ' || s.back() == '\t')) {
    s.remove_suffix(1);
  }
  return s;
}

}  // namespace

std::string createSchemaScript(const ir::Schema& schema) {
  Printer p;
  bool first = true;
  for (const ir::Table* t : creationOrder(schema)) {
    for (const std::string& stmt : createTableAndIndexes(schema, *t)) {
      if (!first) p.emitRaw("\n" + std::string(kBreakpoint) + "\n");
      first = false;
      p.emitRaw(stmt);
    }
  }
  if (!first) p.emitRaw("\n");
  return p.take();
}

std::vector<std::string> splitStatements(std::string_view script) {
  // A breakpoint is a line comment that is alone on its line; found through the tokenizer so
  // that the same text inside a string literal does not split.
  std::vector<std::string> out;
  std::size_t start = 0;
  auto flush = [&](std::size_t end) {
    std::string_view chunk = trimBlankLines(script.substr(start, end - start));
    if (!isBlankOrComment(chunk)) out.emplace_back(chunk);
  };
  for (const Token& t : tokenize(script)) {
    if (t.kind != TokenKind::LineComment) continue;
    std::string_view text = t.text;
    while (!text.empty() && (text.back() == '\r' || text.back() == ' ' || text.back() == '\t')) {
      text.remove_suffix(1);
    }
    if (text != kBreakpoint) continue;
    std::size_t lineStart = script.rfind('\n', t.begin == 0 ? 0 : t.begin - 1);
    lineStart = (t.begin == 0 || lineStart == std::string_view::npos) ? 0 : lineStart + 1;
    if (script.substr(lineStart, t.begin - lineStart).find_first_not_of(" \t") !=
        std::string_view::npos) {
      continue;  // something precedes it on its line
    }
    flush(lineStart);
    start = t.end;
  }
  flush(script.size());
  return out;
}

}  // namespace schemac::codegen::sqlite
