// Views, triggers and virtual tables: their CREATE statements, the names their raw SQL
// mentions (what a table rebuild must drop and re-create around the table) and the order in
// which views are created (a view after the views it reads).
#include <algorithm>
#include <cctype>
#include <map>
#include <set>

#include "schemac/codegen/printer.h"
#include "schemac/codegen/sqlite.h"
#include "schemac/codegen/sqlite_tokenizer.h"
#include "schemac/support/ascii.h"

namespace schemac::codegen::sqlite {
namespace {

using support::lowerAscii;

// `-- line` per doc line before the statement, as createTable writes a table's doc.
std::string docLines(const std::string& doc) {
  Printer p;
  emitDocComment(p, doc, "");
  return p.take();
}

bool mentions(std::string_view sql, std::string_view name) {
  std::vector<std::string> names = namesInSql(sql);
  return std::binary_search(names.begin(), names.end(), lowerAscii(name));
}

}  // namespace

std::string createView(const ir::View& view) {
  return docLines(view.doc) + "CREATE VIEW " + quoteIdent(view.name) + " AS " + view.sql + ";";
}

std::string createTrigger(const ir::Trigger& t) {
  std::string out = docLines(t.doc) + "CREATE TRIGGER " + quoteIdent(t.name) + " ";
  switch (t.timing) {
    case ir::TriggerTiming::Before:
      out += "BEFORE ";
      break;
    case ir::TriggerTiming::After:
      out += "AFTER ";
      break;
    case ir::TriggerTiming::InsteadOf:
      out += "INSTEAD OF ";
      break;
  }
  switch (t.event) {
    case ir::TriggerEvent::Insert:
      out += "INSERT";
      break;
    case ir::TriggerEvent::Delete:
      out += "DELETE";
      break;
    case ir::TriggerEvent::Update:
      out += "UPDATE";
      break;
  }
  if (!t.columns.empty()) {
    out += " OF ";
    for (std::size_t i = 0; i < t.columns.size(); ++i) {
      if (i) out += ", ";
      out += quoteIdent(t.columns[i]);
    }
  }
  out += " ON " + quoteIdent(t.table);
  if (t.forEachRow) out += " FOR EACH ROW";
  if (!t.when.empty()) out += " WHEN " + t.when;
  out += "\n" + t.body + ";";
  return out;
}

std::string createVirtualTable(const ir::VirtualTable& vt) {
  return docLines(vt.doc) + "CREATE VIRTUAL TABLE " + quoteIdent(vt.name) + " USING " + vt.module +
         "(" + vt.args + ");";
}

std::vector<std::string> namesInSql(std::string_view sql) {
  std::set<std::string> out;
  for (const Token& t : tokenize(sql)) {
    // 'x' is accepted as a name by SQLite in some places (FROM 'x'): counted too, which can
    // only make a dependency look wider than it is.
    if (t.kind == TokenKind::Word || t.kind == TokenKind::QuotedIdent ||
        t.kind == TokenKind::String) {
      out.insert(lowerAscii(t.identValue()));
    }
  }
  return {out.begin(), out.end()};
}

bool viewReads(const ir::View& view, std::string_view name) { return mentions(view.sql, name); }

bool triggerNames(const ir::Trigger& trigger, std::string_view name) {
  return lowerAscii(trigger.table) == lowerAscii(name) || mentions(trigger.when, name) ||
         mentions(trigger.body, name);
}

std::vector<const ir::View*> viewOrder(const std::vector<ir::View>& views) {
  std::vector<const ir::View*> byName;
  for (const ir::View& v : views) byName.push_back(&v);
  std::sort(byName.begin(), byName.end(),
            [](const ir::View* a, const ir::View* b) { return a->name < b->name; });
  const std::size_t n = byName.size();
  // deps[i]: the views view i reads.
  std::vector<std::set<std::size_t>> deps(n);
  for (std::size_t i = 0; i < n; ++i) {
    std::vector<std::string> names = namesInSql(byName[i]->sql);
    for (std::size_t j = 0; j < n; ++j) {
      if (i != j && std::binary_search(names.begin(), names.end(), lowerAscii(byName[j]->name))) {
        deps[i].insert(j);
      }
    }
  }
  // Kahn's algorithm, smallest ready name first; a cycle releases its smallest name.
  std::vector<const ir::View*> out;
  std::vector<bool> placed(n, false);
  while (out.size() < n) {
    std::size_t next = n;
    for (std::size_t i = 0; i < n && next == n; ++i) {
      if (placed[i]) continue;
      bool ready =
          std::all_of(deps[i].begin(), deps[i].end(), [&](std::size_t d) { return placed[d]; });
      if (ready) next = i;
    }
    if (next == n) {
      next =
          static_cast<std::size_t>(std::find(placed.begin(), placed.end(), false) - placed.begin());
    }
    placed[next] = true;
    out.push_back(byName[next]);
  }
  return out;
}

}  // namespace schemac::codegen::sqlite
