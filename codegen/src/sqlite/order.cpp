// Creation order: a table after the tables it references, so a reader (and any database that
// checks references at CREATE time) sees targets first. Reference cycles are strongly connected
// components (Tarjan); the components are ordered topologically, ties by their smallest table
// name, and inside a component tables follow the same rule with the cycle broken at the
// smallest remaining name. SQLite itself does not check targets at CREATE time.
#include <algorithm>
#include <map>
#include <set>

#include "schemac/codegen/sqlite.h"

namespace schemac::codegen::sqlite {
namespace {

using Graph = std::vector<std::vector<std::size_t>>;  // edges: table -> tables it references

// Tarjan's algorithm, iterative so deep reference chains cannot exhaust the stack.
std::vector<std::size_t> components(const Graph& g, std::size_t* count) {
  const std::size_t n = g.size(), none = static_cast<std::size_t>(-1);
  std::vector<std::size_t> index(n, none), low(n, 0), comp(n, none), stack;
  std::vector<bool> onStack(n, false);
  std::size_t next = 0;
  *count = 0;
  for (std::size_t root = 0; root < n; ++root) {
    if (index[root] != none) continue;
    std::vector<std::pair<std::size_t, std::size_t>> work{{root, 0}};  // node, next edge
    while (!work.empty()) {
      auto& [v, e] = work.back();
      if (e == 0 && index[v] == none) {
        index[v] = low[v] = next++;
        stack.push_back(v);
        onStack[v] = true;
      }
      if (e < g[v].size()) {
        std::size_t w = g[v][e++];
        if (index[w] == none) {
          work.push_back({w, 0});
        } else if (onStack[w]) {
          low[v] = std::min(low[v], index[w]);
        }
        continue;
      }
      if (low[v] == index[v]) {
        std::size_t w;
        do {
          w = stack.back();
          stack.pop_back();
          onStack[w] = false;
          comp[w] = *count;
        } while (w != v);
        ++*count;
      }
      std::size_t done = v;
      work.pop_back();
      if (!work.empty()) low[work.back().first] = std::min(low[work.back().first], low[done]);
    }
  }
  return comp;
}

// Kahn's algorithm over `nodes` (indices sorted by name) with `deps[i]` = nodes i waits for;
// when nothing is ready, the smallest remaining node goes next.
std::vector<std::size_t> kahn(const std::vector<std::size_t>& nodes,
                              std::map<std::size_t, std::set<std::size_t>> deps) {
  std::map<std::size_t, std::vector<std::size_t>> dependents;
  for (const auto& [n, ds] : deps) {
    for (std::size_t d : ds) dependents[d].push_back(n);
  }
  std::set<std::size_t> ready, placed;
  for (std::size_t n : nodes) {
    if (deps[n].empty()) ready.insert(n);
  }
  std::vector<std::size_t> out;
  while (out.size() < nodes.size()) {
    std::size_t next;
    if (!ready.empty()) {
      next = *ready.begin();
      ready.erase(ready.begin());
    } else {
      next = *std::find_if(nodes.begin(), nodes.end(),
                           [&](std::size_t n) { return !placed.count(n); });
    }
    placed.insert(next);
    out.push_back(next);
    for (std::size_t d : dependents[next]) {
      if (placed.count(d)) continue;
      deps[d].erase(next);
      if (deps[d].empty()) ready.insert(d);
    }
  }
  return out;
}

}  // namespace

std::vector<const ir::Table*> creationOrder(const ir::Schema& schema) {
  // Nodes are tables sorted by name, so a smaller index is a smaller name.
  std::vector<const ir::Table*> tables;
  for (const ir::Table& t : schema.tables) tables.push_back(&t);
  std::sort(tables.begin(), tables.end(),
            [](const ir::Table* a, const ir::Table* b) { return a->name < b->name; });
  std::map<std::string, std::size_t> id;
  for (std::size_t i = 0; i < tables.size(); ++i) id.emplace(tables[i]->name, i);
  Graph g(tables.size());
  for (std::size_t i = 0; i < tables.size(); ++i) {
    std::set<std::size_t> refs;
    for (const ir::ForeignKey& fk : tables[i]->foreignKeys) {
      auto it = id.find(fk.refTable);
      if (it != id.end() && it->second != i) refs.insert(it->second);  // self / external: ignored
    }
    g[i].assign(refs.begin(), refs.end());
  }
  std::size_t count = 0;
  std::vector<std::size_t> comp = components(g, &count);
  // A component is named by its smallest table: renumber components in that order.
  std::vector<std::size_t> firstOf(count, tables.size());
  for (std::size_t i = 0; i < tables.size(); ++i) firstOf[comp[i]] = std::min(firstOf[comp[i]], i);
  std::vector<std::size_t> compNodes;
  std::map<std::size_t, std::set<std::size_t>> compDeps;
  std::map<std::size_t, std::vector<std::size_t>> members;
  for (std::size_t c = 0; c < count; ++c) compNodes.push_back(firstOf[c]);
  std::sort(compNodes.begin(), compNodes.end());
  for (std::size_t i = 0; i < tables.size(); ++i) {
    std::size_t ci = firstOf[comp[i]];
    members[ci].push_back(i);
    compDeps[ci];
    for (std::size_t r : g[i]) {
      if (comp[r] != comp[i]) compDeps[ci].insert(firstOf[comp[r]]);
    }
  }
  std::vector<const ir::Table*> out;
  for (std::size_t c : kahn(compNodes, compDeps)) {
    const std::vector<std::size_t>& nodes = members[c];
    std::map<std::size_t, std::set<std::size_t>> deps;
    for (std::size_t n : nodes) {
      deps[n];
      for (std::size_t r : g[n]) {
        if (comp[r] == comp[n]) deps[n].insert(r);
      }
    }
    for (std::size_t n : kahn(nodes, deps)) out.push_back(tables[n]);
  }
  return out;
}

}  // namespace schemac::codegen::sqlite
