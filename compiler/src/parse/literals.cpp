#include "parse/literals.h"

namespace schemac::syntax {

std::optional<std::string> decodeString(std::string_view literal, DecodeError* error) {
  std::string out;
  // Skip the opening and closing quotes; the lexer guarantees both are there.
  for (std::size_t i = 1; i + 1 < literal.size(); ++i) {
    char c = literal[i];
    if (c != '\\') {
      out += c;
      continue;
    }
    char e = literal[i + 1];
    switch (e) {
      case '\\':
      case '"':
      case '\'':
        out += e;
        break;
      case 'n':
        out += '\n';
        break;
      case 'r':
        out += '\r';
        break;
      case 't':
        out += '\t';
        break;
      default: {
        error->offset = i;
        std::string shown(1, e);
        if (static_cast<unsigned char>(e) < 0x20 || static_cast<unsigned char>(e) >= 0x7f) {
          shown = "\\x" + std::string(1, "0123456789abcdef"[(e >> 4) & 0xf]) +
                  std::string(1, "0123456789abcdef"[e & 0xf]);
        }
        error->message = "unknown escape sequence '\\" + shown +
                         "' in string (use \\\\, \\\", \\', \\n, \\r or \\t)";
        return std::nullopt;
      }
    }
    ++i;
  }
  return out;
}

std::string encodeString(std::string_view value, char quote) {
  std::string out(1, quote);
  for (char c : value) {
    switch (c) {
      case '\\':
        out += "\\\\";
        break;
      case '\n':
        out += "\\n";
        break;
      case '\r':
        out += "\\r";
        break;
      case '\t':
        out += "\\t";
        break;
      default:
        if (c == quote) out += '\\';
        out += c;
    }
  }
  out += quote;
  return out;
}

std::string decodeQuotedIdent(std::string_view quoted) {
  std::string out;
  for (std::size_t i = 1; i + 1 < quoted.size(); ++i) {
    out += quoted[i];
    if (quoted[i] == '`') ++i;  // `` -> `
  }
  return out;
}

std::string encodeQuotedIdent(std::string_view name) {
  std::string out = "`";
  for (char c : name) {
    out += c;
    if (c == '`') out += '`';
  }
  out += '`';
  return out;
}

}  // namespace schemac::syntax
