#include "schemac/support/quote.h"

namespace schemac::support {
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

std::string quoteIdent(std::string_view name) { return quoteWith(name, '"'); }

std::string quoteString(std::string_view text) { return quoteWith(text, '\''); }

}  // namespace schemac::support
