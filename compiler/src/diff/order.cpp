// Dependency order of tables (referenced before referencing), deterministic: Kahn's algorithm
// taking the smallest ready name first; the tables of a cycle follow in name order.
#include <map>
#include <set>

#include "diff/diff_internal.h"

namespace schemac::diff::detail {

std::vector<const ir::Table*> dependencyOrder(const ir::Schema& s) {
  std::map<std::string, const ir::Table*> byName;
  for (const ir::Table& t : s.tables) byName[t.name] = &t;

  std::map<std::string, std::set<std::string>> deps;        // table -> tables it references
  std::map<std::string, std::set<std::string>> dependents;  // table -> tables referencing it
  for (const ir::Table& t : s.tables) {
    auto& d = deps[t.name];
    for (const ir::ForeignKey& fk : t.foreignKeys) {
      if (fk.refTable == t.name || !byName.count(fk.refTable)) continue;
      d.insert(fk.refTable);
      dependents[fk.refTable].insert(t.name);
    }
  }

  std::vector<const ir::Table*> out;
  out.reserve(s.tables.size());
  std::set<std::string> ready;
  std::map<std::string, std::size_t> pending;
  for (const auto& [name, d] : deps) {
    pending[name] = d.size();
    if (d.empty()) ready.insert(name);
  }
  std::set<std::string> done;
  while (done.size() < byName.size()) {
    if (ready.empty()) {
      // A cycle: release the smallest remaining name.
      for (const auto& [name, t] : byName) {
        if (!done.count(name)) {
          ready.insert(name);
          break;
        }
      }
    }
    std::string name = *ready.begin();
    ready.erase(ready.begin());
    if (!done.insert(name).second) continue;
    out.push_back(byName[name]);
    for (const std::string& child : dependents[name]) {
      if (done.count(child)) continue;
      if (--pending[child] == 0) ready.insert(child);
    }
  }
  return out;
}

}  // namespace schemac::diff::detail
