// Small, line-based edits of a schemac.toml that keep everything else (comments, order,
// formatting) as it is. Only top-level keys are touched; anything the editor cannot change
// safely is reported instead of guessed.
#pragma once

#include <optional>
#include <string>

namespace schemac::workflow::toml_edit {

// A TOML basic string with its quotes: "a\"b".
std::string quoted(const std::string& s);

// `text` with `value` added to the top-level string array `key` (created when absent, left
// alone when the value is already in it); nullopt when the existing entry is not an array
// this editor can change safely.
std::optional<std::string> addToArray(const std::string& text, const std::string& key,
                                      const std::string& value);

// `text` with the top-level `key` set to the string `value` (added when absent); nullopt when
// the existing entry cannot be replaced safely (a multi-line value).
std::optional<std::string> setString(const std::string& text, const std::string& key,
                                     const std::string& value);

// True when the top-level `key` is present.
bool hasKey(const std::string& text, const std::string& key);

}  // namespace schemac::workflow::toml_edit
