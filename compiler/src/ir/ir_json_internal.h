// Shared by ir_json.cpp (the nlohmann path, which decides every unusual case and words every
// error) and ir_json_fast.cpp (the direct fast paths).
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "schemac/ir.h"

namespace schemac::ir::detail {

const char* exprKindName(ExprKind k);
bool exprKindFromName(std::string_view name, ExprKind* out);
bool typeKindFromName(std::string_view name, TypeKind* out);
bool fkActionFromName(std::string_view name, FkAction* out);

// The canonical JSON written directly; nullopt when a string is not valid UTF-8 (nlohmann
// replaces those, and the nlohmann path is used).
std::optional<std::string> fastCanonicalJson(const Schema& s);
// Reads schema JSON directly; false for anything it does not handle, errors included.
bool fastFromJson(std::string_view text, Schema* out);

}  // namespace schemac::ir::detail
