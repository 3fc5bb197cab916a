// Schema names -> C++ names (docs/cpp.md "Names").
#include <algorithm>
#include <array>
#include <cctype>
#include <string>

#include "schemac/codegen/cpp.h"

namespace schemac::codegen::cpp {

namespace {
constexpr std::array<std::string_view, 97> kKeywords = {"alignas",
                                                        "alignof",
                                                        "and",
                                                        "and_eq",
                                                        "asm",
                                                        "auto",
                                                        "bitand",
                                                        "bitor",
                                                        "bool",
                                                        "break",
                                                        "case",
                                                        "catch",
                                                        "char",
                                                        "char8_t",
                                                        "char16_t",
                                                        "char32_t",
                                                        "class",
                                                        "compl",
                                                        "concept",
                                                        "const",
                                                        "consteval",
                                                        "constexpr",
                                                        "constinit",
                                                        "const_cast",
                                                        "continue",
                                                        "co_await",
                                                        "co_return",
                                                        "co_yield",
                                                        "decltype",
                                                        "default",
                                                        "delete",
                                                        "do",
                                                        "double",
                                                        "dynamic_cast",
                                                        "else",
                                                        "enum",
                                                        "explicit",
                                                        "export",
                                                        "extern",
                                                        "false",
                                                        "float",
                                                        "for",
                                                        "friend",
                                                        "goto",
                                                        "if",
                                                        "inline",
                                                        "int",
                                                        "long",
                                                        "mutable",
                                                        "namespace",
                                                        "new",
                                                        "noexcept",
                                                        "not",
                                                        "not_eq",
                                                        "nullptr",
                                                        "operator",
                                                        "or",
                                                        "or_eq",
                                                        "private",
                                                        "protected",
                                                        "public",
                                                        "register",
                                                        "reinterpret_cast",
                                                        "requires",
                                                        "return",
                                                        "short",
                                                        "signed",
                                                        "sizeof",
                                                        "static",
                                                        "static_assert",
                                                        "static_cast",
                                                        "struct",
                                                        "switch",
                                                        "template",
                                                        "this",
                                                        "thread_local",
                                                        "throw",
                                                        "true",
                                                        "try",
                                                        "typedef",
                                                        "typeid",
                                                        "typename",
                                                        "union",
                                                        "unsigned",
                                                        "using",
                                                        "virtual",
                                                        "void",
                                                        "volatile",
                                                        "wchar_t",
                                                        "while",
                                                        "xor",
                                                        "xor_eq",
                                                        "final",
                                                        "override",
                                                        "import",
                                                        "module",
                                                        "std"};
}  // namespace

std::string pascalCase(std::string_view name) {
  std::string out;
  bool upper = true;
  for (char c : name) {
    if (c == '_') {
      upper = true;
      continue;
    }
    out += upper ? static_cast<char>(std::toupper(static_cast<unsigned char>(c))) : c;
    upper = false;
  }
  if (out.empty() || std::isdigit(static_cast<unsigned char>(out[0]))) out.insert(0, "T");
  return out;
}

std::string identifier(std::string_view name, const std::vector<std::string_view>& reserved) {
  std::string out;
  for (char c : name) {
    out += std::isalnum(static_cast<unsigned char>(c)) || c == '_' ? c : '_';
  }
  if (out.empty() || std::isdigit(static_cast<unsigned char>(out[0]))) out.insert(0, "_");
  bool clash = std::find(kKeywords.begin(), kKeywords.end(), out) != kKeywords.end() ||
               std::find(reserved.begin(), reserved.end(), out) != reserved.end();
  // Identifiers with a double underscore or `_` + capital are reserved to the implementation.
  if (clash || out.find("__") != std::string::npos ||
      (out.size() > 1 && out[0] == '_' && std::isupper(static_cast<unsigned char>(out[1]))))
    out += '_';
  return out;
}

std::string cppNamespace(std::string_view ns) {
  std::string out;
  std::string part;
  auto flush = [&] {
    if (part.empty()) return;
    if (!out.empty()) out += "::";
    out += identifier(part);
    part.clear();
  };
  for (std::size_t i = 0; i < ns.size(); ++i) {
    if (ns[i] == '.') {
      flush();
    } else if (ns[i] == ':') {
      flush();
      if (i + 1 < ns.size() && ns[i + 1] == ':') ++i;
    } else {
      part += ns[i];
    }
  }
  flush();
  return out;
}

std::string stringLiteral(std::string_view text) {
  std::string out = "\"";
  for (char c : text) {
    auto u = static_cast<unsigned char>(c);
    switch (c) {
      case '\\':
        out += "\\\\";
        break;
      case '"':
        out += "\\\"";
        break;
      case '\n':
        out += "\\n";
        break;
      case '\t':
        out += "\\t";
        break;
      case '\r':
        out += "\\r";
        break;
      default:
        if (u < 0x20 || u == 0x7f) {
          // Three octal digits always: a following digit cannot extend the escape.
          out += '\\';
          out += static_cast<char>('0' + ((u >> 6) & 7));
          out += static_cast<char>('0' + ((u >> 3) & 7));
          out += static_cast<char>('0' + (u & 7));
        } else {
          out += c;
        }
    }
  }
  out += '"';
  return out;
}

}  // namespace schemac::codegen::cpp
