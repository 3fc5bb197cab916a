// Dependency order of tables (referenced before referencing), deterministic: Kahn's algorithm
// taking the smallest ready name first; the tables of a cycle follow in name order. Works on
// indices so that thousands of tables cost a few milliseconds.
#include <algorithm>
#include <set>
#include <string_view>
#include <unordered_map>

#include "diff/diff_internal.h"

namespace schemac::diff::detail {

std::vector<const ir::Table*> dependencyOrder(const std::vector<const ir::Table*>& input) {
  std::vector<const ir::Table*> byName = input;
  std::sort(byName.begin(), byName.end(),
            [](const ir::Table* a, const ir::Table* b) { return a->name < b->name; });
  const std::size_t n = byName.size();
  std::unordered_map<std::string_view, std::size_t> index;
  index.reserve(n);
  for (std::size_t i = 0; i < n; ++i) index.emplace(byName[i]->name, i);

  std::vector<std::vector<std::size_t>> dependents(n);
  std::vector<std::size_t> pending(n, 0);
  for (std::size_t i = 0; i < n; ++i) {
    std::vector<std::size_t> refs;
    for (const ir::ForeignKey& fk : byName[i]->foreignKeys) {
      auto it = index.find(fk.refTable);
      if (it == index.end() || it->second == i) continue;
      refs.push_back(it->second);
    }
    std::sort(refs.begin(), refs.end());
    refs.erase(std::unique(refs.begin(), refs.end()), refs.end());
    pending[i] = refs.size();
    for (std::size_t r : refs) dependents[r].push_back(i);
  }

  std::vector<const ir::Table*> out;
  out.reserve(n);
  std::vector<bool> done(n, false);
  std::set<std::size_t> ready;  // index order is name order
  for (std::size_t i = 0; i < n; ++i) {
    if (pending[i] == 0) ready.insert(i);
  }
  std::size_t nextUndone = 0;
  while (out.size() < n) {
    if (ready.empty()) {
      // A cycle: release the smallest remaining name.
      while (done[nextUndone]) ++nextUndone;
      ready.insert(nextUndone);
    }
    std::size_t i = *ready.begin();
    ready.erase(ready.begin());
    if (done[i]) continue;
    done[i] = true;
    out.push_back(byName[i]);
    for (std::size_t child : dependents[i]) {
      if (done[child] || pending[child] == 0) continue;
      if (--pending[child] == 0) ready.insert(child);
    }
  }
  return out;
}

std::vector<const ir::Table*> dependencyOrder(const ir::Schema& s) {
  std::vector<const ir::Table*> v;
  v.reserve(s.tables.size());
  for (const ir::Table& t : s.tables) v.push_back(&t);
  return dependencyOrder(v);
}

}  // namespace schemac::diff::detail
