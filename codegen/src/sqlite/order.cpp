// Creation order: a table after the tables it references, so a reader (and any database that
// checks references at CREATE time) sees targets first. Kahn's algorithm, always taking the
// smallest name among the ready tables; a cycle is broken by taking the smallest remaining name.
#include <map>
#include <set>

#include "schemac/codegen/sqlite.h"

namespace schemac::codegen::sqlite {

std::vector<const ir::Table*> creationOrder(const ir::Schema& schema) {
  std::map<std::string, const ir::Table*> byName;
  for (const ir::Table& t : schema.tables) byName.emplace(t.name, &t);
  // pending[t] = referenced tables not yet placed; dependents[r] = tables waiting on r.
  std::map<std::string, std::set<std::string>> pending;
  std::map<std::string, std::set<std::string>> dependents;
  for (const auto& [name, t] : byName) {
    pending[name];
    for (const ir::ForeignKey& fk : t->foreignKeys) {
      if (fk.refTable == name || !byName.count(fk.refTable)) continue;  // self or external
      pending[name].insert(fk.refTable);
      dependents[fk.refTable].insert(name);
    }
  }
  std::set<std::string> ready;
  for (const auto& [name, deps] : pending) {
    if (deps.empty()) ready.insert(name);
  }
  std::vector<const ir::Table*> out;
  std::set<std::string> placed;
  while (placed.size() < byName.size()) {
    std::string next;
    if (!ready.empty()) {
      next = *ready.begin();
      ready.erase(ready.begin());
    } else {
      for (const auto& [name, t] : byName) {  // cycle: smallest unplaced name
        if (!placed.count(name)) {
          next = name;
          break;
        }
      }
    }
    placed.insert(next);
    out.push_back(byName[next]);
    for (const std::string& d : dependents[next]) {
      auto& deps = pending[d];
      deps.erase(next);
      if (deps.empty() && !placed.count(d)) ready.insert(d);
    }
  }
  return out;
}

}  // namespace schemac::codegen::sqlite
