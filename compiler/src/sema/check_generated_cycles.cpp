// Pass 8: generated columns computed from each other in a circle have no value. Runs after
// the expression checks, which recorded which names are columns.
#include <functional>
#include <string>

#include "sema/context.h"
#include "sema/parallel.h"

namespace schemac::sema {
namespace {

struct Edge {
  std::size_t to;
  SourceRange at;  // where the name is written
};

void collectRefs(const TableInfo& t, const ast::Expr& e, std::vector<Edge>& out) {
  if (e.kind == ast::ExprKind::Name) {
    auto note = t.exprNotes.find(&e);
    if (note != t.exprNotes.end() && note->second.kind == ExprNote::Kind::Column) {
      std::size_t i = t.columnIndex.find(e.text);
      if (i != NameIndex::npos && t.columns[i].generated()) {
        out.push_back({i, e.range});
      }
    }
  }
  for (const ast::Expr& a : e.args) collectRefs(t, a, out);
}

void checkTable(Context& ctx, const TableInfo& t) {
  std::size_t n = t.columns.size();
  std::vector<std::vector<Edge>> edges(n);
  for (std::size_t i = 0; i < n; ++i) {
    const ColumnInfo& c = t.columns[i];
    if (c.generated() && !c.duplicate) collectRefs(t, c.decl->generated[0].expr, edges[i]);
  }
  enum class State { New, OnPath, Done };
  std::vector<State> state(n, State::New);
  std::vector<bool> reported(n, false);
  std::vector<std::pair<std::size_t, const Edge*>> path;  // node, edge taken from it

  std::function<void(std::size_t)> visit = [&](std::size_t v) {
    state[v] = State::OnPath;
    for (const Edge& e : edges[v]) {
      path.push_back({v, &e});
      if (state[e.to] == State::OnPath) {
        // The cycle is the tail of the path starting at e.to.
        std::size_t start = 0;
        while (path[start].first != e.to) ++start;
        bool fresh = true;
        for (std::size_t k = start; k < path.size(); ++k) fresh = fresh && !reported[path[k].first];
        if (fresh) {
          const std::string& name = t.columns[e.to].decl->name.name;
          Diagnostic d{
              Severity::Error,
              t.columns[e.to].decl->name.range,
              path.size() - start == 1
                  ? "generated column '" + name + "' depends on itself"
                  : "generated columns of table '" + t.name() + "' depend on each other in a cycle",
              {}};
          for (std::size_t k = start; k < path.size(); ++k) {
            const std::string& from = t.columns[path[k].first].decl->name.name;
            const std::string& to = t.columns[path[k].second->to].decl->name.name;
            d.notes.push_back({path[k].second->at, "'" + from + "' uses '" + to + "' here"});
            reported[path[k].first] = true;
          }
          ctx.diags().report(std::move(d));
        }
      } else if (state[e.to] == State::New) {
        visit(e.to);
      }
      path.pop_back();
    }
    state[v] = State::Done;
  };
  for (std::size_t i = 0; i < n; ++i) {
    if (state[i] == State::New && !edges[i].empty()) visit(i);
  }
}

}  // namespace

void checkGeneratedCycles(Context& ctx) {
  forEachTable(ctx, [&](const TableInfo& t) { checkTable(ctx, t); });
}

}  // namespace schemac::sema
