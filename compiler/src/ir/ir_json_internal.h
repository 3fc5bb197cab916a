// Shared by ir_json.cpp (the nlohmann path, which decides every unusual case and words every
// error) and ir_json_fast.cpp (the direct fast paths).
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "schemac/ir.h"

namespace schemac::ir::detail {

const char* exprKindName(ExprKind k);
bool exprKindFromName(std::string_view name, ExprKind* out);
bool typeKindFromName(std::string_view name, TypeKind* out);
bool fkActionFromName(std::string_view name, FkAction* out);

// The canonical JSON written directly; nullopt when a string is not valid UTF-8 (nlohmann
// replaces those, and the nlohmann path is used).
std::optional<std::string> fastCanonicalJson(const Schema& s);
// The canonical JSON of withoutHints(s) appended to *out with `indent` more spaces after every
// newline and without the trailing newline, and its fingerprint (the SHA-256 of the text with
// indent 0 and the newline), hashed as it is written. keep false: *out only serves as a buffer
// and the text is dropped. nullopt (and *out as it was) where fastCanonicalJson gives up.
std::optional<std::string> fastNestedCanonicalJson(const Schema& s, int indent, std::string* out,
                                                   bool keep);
// Reads schema JSON directly; false for anything it does not handle, errors included.
bool fastFromJson(std::string_view text, Schema* out);
// Reads one table object (the text of one element of a schema's `tables`); false as above.
bool fastTableFromJson(std::string_view text, Table* out);
// Whether `text` is exactly what the fast writer writes for `t` without its hints as an element
// of a schema's `tables` (indentation 4, `base` more after each newline, no newline after it);
// false also where the writer
// gives up. Only meaningful for a table of a schema without usesSqliteExtras(), whose text the
// fast writer writes in full. *scratch is a reused buffer.
bool fastTableJsonEquals(const Table& t, std::string_view text, int base, std::string* scratch);
// fastTableJsonEquals of tables[i] and texts[i] into (*same)[i], for many tables at once.
void fastTablesJsonEqual(const std::vector<const Table*>& tables,
                         const std::vector<std::string_view>& texts, int base,
                         std::vector<char>* same);

}  // namespace schemac::ir::detail
