// Enum naming shared by inspect() and normalizeForSqlite(): SQLite only keeps an enum's values
// (in the column's CHECK), so its name is recovered from a reference schema when one matches.
#include "inspect_internal.h"

namespace schemac::db::detail {

std::vector<std::string> enumValueNames(const ir::Enum& e) {
  std::vector<std::string> out;
  for (const ir::EnumValue& v : e.values) out.push_back(v.name);
  return out;
}

std::string EnumNamer::name(const std::string& table, const std::string& column,
                            const std::vector<std::string>& values) {
  std::string base;
  if (reference_) {
    // 1. The enum the reference gives this very column, when its values still match.
    if (tables_.empty()) {
      for (const ir::Table& t : reference_->tables) tables_.emplace(t.name, &t);
    }
    auto found = tables_.find(table);
    if (const ir::Table* t = found == tables_.end() ? nullptr : found->second) {
      if (const ir::Column* c = t->findColumn(column); c && c->type.kind == ir::TypeKind::Enum) {
        const ir::Enum* e = reference_->findEnum(c->type.enumName);
        if (e && enumValueNames(*e) == values) base = e->name;
      }
    }
    // 2. Any enum of the reference with the same values (smallest name: enums are sorted).
    if (base.empty()) {
      for (const ir::Enum& e : reference_->enums) {
        if (enumValueNames(e) == values) {
          base = e.name;
          break;
        }
      }
    }
  }
  if (base.empty()) base = table + "_" + column;
  // One name, one list of values: a clash with an earlier choice gets a numeric suffix.
  std::string name = base;
  for (int n = 2;; ++n) {
    auto it = chosen_.find(name);
    if (it == chosen_.end()) {
      chosen_.emplace(name, values);
      return name;
    }
    if (it->second == values) return name;
    name = base + "_" + std::to_string(n);
  }
}

std::vector<ir::Enum> EnumNamer::enums() const {
  std::vector<ir::Enum> out;
  for (const auto& [name, values] : chosen_) {  // std::map: sorted by name
    ir::Enum e;
    e.name = name;
    for (const std::string& v : values) e.values.push_back(ir::EnumValue{v, "", {}});
    out.push_back(std::move(e));
  }
  return out;
}

}  // namespace schemac::db::detail
