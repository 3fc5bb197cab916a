#include "ts/ts_names.h"

#include <algorithm>
#include <array>
#include <cctype>
#include <cstdio>

namespace schemac::codegen::ts {
namespace {

// ECMAScript reserved words and the strict-mode ones (modules are strict).
constexpr std::array<std::string_view, 46> kReserved = {
    "break",   "case",      "catch",  "class",  "const",      "continue",   "debugger", "default",
    "delete",  "do",        "else",   "enum",   "export",     "extends",    "false",    "finally",
    "for",     "function",  "if",     "import", "in",         "instanceof", "new",      "null",
    "return",  "super",     "switch", "this",   "throw",      "true",       "try",      "typeof",
    "var",     "void",      "while",  "with",   "implements", "interface",  "let",      "package",
    "private", "protected", "public", "static", "yield",      "await"};

bool isAsciiAlpha(char c) { return std::isalpha(static_cast<unsigned char>(c)) != 0; }
bool isAsciiAlnum(char c) { return std::isalnum(static_cast<unsigned char>(c)) != 0; }

std::string joinWords(std::string_view name, bool upperFirst) {
  std::string out;
  bool upper = upperFirst;
  for (char c : name) {
    if (c == '_' || c == ' ' || c == '-') {
      upper = !out.empty() || upperFirst;
      continue;
    }
    out += upper ? static_cast<char>(std::toupper(static_cast<unsigned char>(c))) : c;
    upper = false;
  }
  if (out.empty()) out = "_";
  if (std::isdigit(static_cast<unsigned char>(out[0]))) out = "_" + out;
  for (char& c : out) {
    if (!isAsciiAlnum(c) && c != '_' && c != '$') c = '_';
  }
  return out;
}

}  // namespace

std::string camelCase(std::string_view name) { return joinWords(name, false); }
std::string pascalCase(std::string_view name) { return joinWords(name, true); }

bool isReservedWord(std::string_view name) {
  return std::find(kReserved.begin(), kReserved.end(), name) != kReserved.end();
}

bool isIdentifier(std::string_view name) {
  if (name.empty() || !(isAsciiAlpha(name[0]) || name[0] == '_' || name[0] == '$')) return false;
  return std::all_of(name.begin(), name.end(),
                     [](char c) { return isAsciiAlnum(c) || c == '_' || c == '$'; });
}

std::string stringLiteral(std::string_view text) {
  std::string out = "\"";
  for (char c : text) {
    unsigned char u = static_cast<unsigned char>(c);
    if (c == '"' || c == '\\') {
      out += '\\';
      out += c;
    } else if (c == '\n') {
      out += "\\n";
    } else if (u < 0x20 || u == 0x7f) {
      char buf[8];
      std::snprintf(buf, sizeof buf, "\\x%02x", u);
      out += buf;
    } else {
      out += c;
    }
  }
  return out + "\"";
}

std::string propertyKey(std::string_view name) {
  return isIdentifier(name) ? std::string(name) : stringLiteral(name);
}

std::string templateBody(std::string_view text) {
  std::string out;
  for (std::size_t i = 0; i < text.size(); ++i) {
    char c = text[i];
    // Newlines escaped: the printer indents every line it writes, which would change the value.
    if (c == '\n') {
      out += "\\n";
      continue;
    }
    if (c == '\r') {
      out += "\\r";
      continue;
    }
    if (c == '\\' || c == '`' || (c == '$' && i + 1 < text.size() && text[i + 1] == '{')) {
      out += '\\';
    }
    out += c;
  }
  return out;
}

std::string tsDoc(std::string_view doc) {
  if (doc.empty()) return {};
  std::string out = "/**\n";
  std::size_t start = 0;
  while (true) {
    std::size_t nl = doc.find('\n', start);
    std::string line(doc.substr(start, nl == std::string_view::npos ? doc.npos : nl - start));
    // `*/` would end the comment early.
    for (std::size_t p; (p = line.find("*/")) != std::string::npos;) line.replace(p, 2, "*\\/");
    out += line.empty() ? " *\n" : " * " + line + "\n";
    if (nl == std::string_view::npos) break;
    start = nl + 1;
  }
  return out + " */\n";
}

}  // namespace schemac::codegen::ts
