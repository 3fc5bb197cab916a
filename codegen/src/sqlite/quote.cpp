#include "schemac/codegen/sqlite.h"

namespace schemac::codegen::sqlite {
namespace {

std::string quoteWith(std::string_view s, char q) {
  std::string out;
  out.reserve(s.size() + 2);
  out += q;
  for (char c : s) {
    out += c;
    if (c == q) out += q;
  }
  out += q;
  return out;
}

}  // namespace

// Identifiers are always quoted, so keywords, spaces and mixed case need no special casing.
std::string quoteIdent(std::string_view name) { return quoteWith(name, '"'); }

std::string quoteString(std::string_view s) { return quoteWith(s, '\''); }

}  // namespace schemac::codegen::sqlite
