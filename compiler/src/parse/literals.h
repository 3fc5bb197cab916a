// Decoding and encoding of string literals and backtick identifiers, shared by the parser
// (source text -> value) and fmt (value -> source text), so the two always agree.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace schemac::syntax {

struct DecodeError {
  std::size_t offset = 0;  // byte offset of the bad escape within the literal
  std::size_t length = 2;  // bytes the diagnostic underlines
  std::string message;
};

// `literal` includes its quotes ('"' or '\''). Escapes: \\ \" \' \n \r \t. A raw control
// character other than tab is an error.
// Returns the decoded value, or nullopt with *error set.
std::optional<std::string> decodeString(std::string_view literal, DecodeError* error);
// The inverse of decodeString for the given quote character.
std::string encodeString(std::string_view value, char quote);

// `quoted` includes the backticks; a doubled backtick stands for one.
std::string decodeQuotedIdent(std::string_view quoted);
std::string encodeQuotedIdent(std::string_view name);

}  // namespace schemac::syntax
