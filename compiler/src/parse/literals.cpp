#include "parse/literals.h"

namespace schemac::syntax {
namespace {

std::string hexByte(unsigned char c) {
  const char* digits = "0123456789abcdef";
  return std::string("\\x") + digits[c >> 4] + digits[c & 0xf];
}

}  // namespace

std::optional<std::string> decodeString(std::string_view literal, DecodeError* error) {
  std::string out;
  // Skip the opening and closing quotes; the lexer guarantees both are there.
  for (std::size_t i = 1; i + 1 < literal.size(); ++i) {
    char c = literal[i];
    auto u = static_cast<unsigned char>(c);
    // A NUL ends a statement in SQLite's C API and other control characters are invisible in
    // the generated SQL: only a raw tab may stand in a literal (escapes say the rest).
    if ((u < 0x20 && c != '\t') || u == 0x7f) {
      error->offset = i;
      error->length = 1;
      error->message = std::string("control character ") + hexByte(u) +
                       " in string (write \\n, \\r or \\t, or leave it out)";
      return std::nullopt;
    }
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
          shown = hexByte(static_cast<unsigned char>(e));
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
