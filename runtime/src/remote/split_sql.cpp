// Splitting a script into statements for protocols that run one statement per request step.
#include <sqlite3.h>

#include <cctype>

#include "schemac/rt/remote.h"
#include "sql_text.h"

namespace schemac::rt {
namespace {

// True when the text holds nothing but whitespace, comments and semicolons.
bool onlyComments(std::string_view s) {
  std::size_t i = 0;
  while (i < s.size()) {
    if (std::isspace(static_cast<unsigned char>(s[i])) || s[i] == ';') {
      ++i;
    } else if (!detail::skipComment(s, &i)) {
      return false;
    }
  }
  return true;
}

std::string trim(std::string_view s) {
  std::size_t b = 0, e = s.size();
  while (b < e && std::isspace(static_cast<unsigned char>(s[b]))) ++b;
  while (e > b && std::isspace(static_cast<unsigned char>(s[e - 1]))) --e;
  return std::string(s.substr(b, e - b));
}

}  // namespace

std::vector<std::string> splitSqlScript(std::string_view script) {
  std::vector<std::string> out;
  std::size_t start = 0;
  std::string candidate;
  for (std::size_t i = 0; i < script.size(); ++i) {
    if (script[i] != ';') continue;
    // sqlite3_complete knows strings, comments and trigger bodies: a ';' ends the statement
    // only when everything so far is complete.
    candidate.assign(script.substr(start, i + 1 - start));
    if (!sqlite3_complete(candidate.c_str())) continue;
    if (!onlyComments(candidate)) {
      candidate.pop_back();
      out.push_back(trim(candidate));
    }
    start = i + 1;
  }
  std::string_view tail = script.substr(start);
  if (!onlyComments(tail)) out.push_back(trim(tail));
  return out;
}

}  // namespace schemac::rt
