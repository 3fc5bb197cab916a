// Views, triggers and virtual tables. Their SQL is raw text that schemac passes through, so
// only what the declaration itself states is checked: names (views and virtual tables live in
// SQLite's one namespace of tables, views and indexes; enums share it in schemac), what a
// trigger is on, its `of` columns, and that the SQL pieces are there at all.
#include <cctype>
#include <map>
#include <string>
#include <string_view>

#include "schemac/support/ascii.h"
#include "sema/context.h"

namespace schemac::sema {
namespace {

std::string_view trimmed(std::string_view s) {
  auto blank = [](char c) { return std::isspace(static_cast<unsigned char>(c)) != 0; };
  while (!s.empty() && blank(s.front())) s.remove_prefix(1);
  while (!s.empty() && blank(s.back())) s.remove_suffix(1);
  return s;
}

bool isWordChar(char c) { return std::isalnum(static_cast<unsigned char>(c)) != 0 || c == '_'; }

using support::equalsIgnoreCase;

// `BEGIN ... END`: the body SQLite's CREATE TRIGGER wants after its header, as whole words.
bool isBeginEnd(std::string_view body) {
  body = trimmed(body);
  if (body.size() < 8) return false;
  return equalsIgnoreCase(body.substr(0, 5), "begin") && !isWordChar(body[5]) &&
         equalsIgnoreCase(body.substr(body.size() - 3), "end") &&
         !isWordChar(body[body.size() - 4]);
}

const char* timingWord(ast::TriggerTiming t) {
  switch (t) {
    case ast::TriggerTiming::Before:
      return "before";
    case ast::TriggerTiming::After:
      return "after";
    case ast::TriggerTiming::InsteadOf:
      return "instead of";
  }
  return "before";
}

const char* eventWord(ast::TriggerEvent e) {
  switch (e) {
    case ast::TriggerEvent::Insert:
      return "insert";
    case ast::TriggerEvent::Delete:
      return "delete";
    case ast::TriggerEvent::Update:
      return "update";
  }
  return "insert";
}

struct Named {
  const char* kind;  // "view" or "virtual table"
  SourceRange range;
};

class ObjectChecker {
 public:
  explicit ObjectChecker(Context& ctx) : ctx_(ctx) {}

  void run() {
    for (const ast::Module* m : ctx_.modules) collect(*m);
    // Nothing to check (most schemas): skip gathering every index name.
    if (ctx_.views.empty() && ctx_.triggers.empty() && ctx_.virtualTables.empty()) return;
    for (const TableInfo& t : ctx_.tables) {
      if (t.duplicate) continue;
      for (const IndexPlan& p : t.indexes) indexes_.try_emplace(p.name, p.nameRange);
    }
    // Views and virtual tables first, so a trigger can be on a view declared after it.
    std::size_t v = 0, vt = 0;
    for (ast::Module::DeclKind kind : order_) {
      if (kind == ast::Module::DeclKind::View) {
        view(*ctx_.views[v++]);
      } else if (kind == ast::Module::DeclKind::VirtualTable) {
        virtualTable(*ctx_.virtualTables[vt++]);
      }
    }
    for (const ast::TriggerDecl* t : ctx_.triggers) trigger(*t);
  }

 private:
  void collect(const ast::Module& m) {
    std::size_t total = m.enums.size() + m.tables.size() + m.views.size() + m.triggers.size() +
                        m.virtualTables.size();
    auto add = [&](ast::Module::DeclKind kind, std::size_t i) {
      switch (kind) {
        case ast::Module::DeclKind::View:
          ctx_.views.push_back(&m.views[i]);
          break;
        case ast::Module::DeclKind::Trigger:
          ctx_.triggers.push_back(&m.triggers[i]);
          break;
        case ast::Module::DeclKind::VirtualTable:
          ctx_.virtualTables.push_back(&m.virtualTables[i]);
          break;
        default:
          return;
      }
      order_.push_back(kind);
    };
    if (m.order.size() == total) {
      for (const auto& [kind, i] : m.order) add(kind, i);
      return;
    }
    // A module built without `order` (by hand): each kind in source order.
    for (std::size_t i = 0; i < m.views.size(); ++i) add(ast::Module::DeclKind::View, i);
    for (std::size_t i = 0; i < m.triggers.size(); ++i) add(ast::Module::DeclKind::Trigger, i);
    for (std::size_t i = 0; i < m.virtualTables.size(); ++i) {
      add(ast::Module::DeclKind::VirtualTable, i);
    }
  }

  // Returns false (after reporting) when the name is taken by anything SQLite would confuse
  // it with, or by an enum.
  bool claim(const ast::Ident& name, const char* kind) {
    const std::string& n = name.name;
    std::string what = std::string(kind) + " '" + n + "'";
    if (const TableInfo* t = ctx_.findTable(n)) {
      ctx_.diags().errorWithNote(name.range, what + " conflicts with table '" + n + "'",
                                 t->decl->name.range, "table '" + n + "' is declared here");
      return false;
    }
    if (const EnumInfo* e = ctx_.findEnum(n)) {
      ctx_.diags().errorWithNote(
          name.range,
          what + " conflicts with enum '" + n +
              "' (enums, tables, views and virtual tables share one namespace)",
          e->decl->name.range, "enum '" + n + "' is declared here");
      return false;
    }
    if (auto it = objects_.find(n); it != objects_.end()) {
      std::string message = std::string(it->second.kind) == kind
                                ? "redefinition of " + what
                                : what + " conflicts with " + it->second.kind + " '" + n + "'";
      ctx_.diags().errorWithNote(name.range, message, it->second.range,
                                 "previous definition is here");
      return false;
    }
    if (auto it = indexes_.find(n); it != indexes_.end()) {
      ctx_.diags().errorWithNote(name.range,
                                 what + " conflicts with index '" + n +
                                     "' (SQLite keeps tables, views and indexes in one namespace)",
                                 it->second, "index '" + n + "' is declared here");
      return false;
    }
    objects_.emplace(n, Named{kind, name.range});
    return true;
  }

  void view(const ast::ViewDecl& v) {
    claim(v.name, "view");
    std::string_view query = trimmed(v.query.text);
    if (query.empty()) {
      ctx_.diags().error(v.query.range, "view '" + v.name.name + "' has an empty query");
    } else if (query.back() == ';') {
      ctx_.diags().error(v.query.range, "the query of view '" + v.name.name +
                                            "' ends with ';' (write the statement alone)");
    }
  }

  void virtualTable(const ast::VirtualTableDecl& v) { claim(v.name, "virtual table"); }

  void trigger(const ast::TriggerDecl& t) {
    const std::string& n = t.name.name;
    auto [it, inserted] = triggers_.try_emplace(n, t.name.range);
    if (!inserted) {
      ctx_.diags().errorWithNote(t.name.range, "redefinition of trigger '" + n + "'", it->second,
                                 "previous definition is here");
    }
    if (t.of && t.event != ast::TriggerEvent::Update) {
      ctx_.diags().error(*t.of, std::string("'of' columns are only allowed on an 'update' trigger, "
                                            "not on '") +
                                    eventWord(t.event) + "'");
    }
    target(t);
    if (t.when && trimmed(t.when->text).empty()) {
      ctx_.diags().error(t.when->range, "empty 'when' condition in trigger '" + n + "'");
    }
    if (!isBeginEnd(t.body.text)) {
      ctx_.diags().error(t.body.range,
                         "the body of trigger '" + n + "' must be 'BEGIN ... END' (as in SQLite)");
    }
  }

  // What `on NAME` names, and whether the trigger may be there.
  void target(const ast::TriggerDecl& t) {
    const ast::Ident& on = t.target;
    const std::string& n = on.name;
    bool insteadOf = t.timing == ast::TriggerTiming::InsteadOf;
    if (TableInfo* table = ctx_.findTable(n)) {
      if (insteadOf) {
        ctx_.diags().errorWithNote(on.range,
                                   "an 'instead of' trigger must be on a view, but '" + n +
                                       "' is a table (use 'before' or 'after')",
                                   t.timingRange, "'instead of' is here");
        return;
      }
      if (t.of && t.event == ast::TriggerEvent::Update) {
        for (const ast::Ident& c : t.columns) lookupColumn(ctx_, *table, c);
      }
      return;
    }
    if (auto it = objects_.find(n); it != objects_.end()) {
      if (std::string(it->second.kind) == "virtual table") {
        ctx_.diags().errorWithNote(on.range,
                                   "trigger '" + t.name.name + "' is on virtual table '" + n +
                                       "' (SQLite has no triggers on virtual tables)",
                                   it->second.range, "virtual table '" + n + "' is declared here");
      } else if (!insteadOf) {
        ctx_.diags().errorWithNote(
            on.range,
            std::string(t.timing == ast::TriggerTiming::After ? "an '" : "a '") +
                timingWord(t.timing) + "' trigger must be on a table, but '" + n +
                "' is a view (use 'instead of')",
            t.timingRange, std::string("'") + timingWord(t.timing) + "' is here");
      }
      return;
    }
    if (ctx_.findEnum(n) != nullptr) {
      ctx_.diags().error(on.range, "trigger '" + t.name.name + "' is on enum '" + n +
                                       "'; a trigger is on a table or a view");
      return;
    }
    std::vector<std::string> candidates;
    for (const TableInfo& table : ctx_.tables) candidates.push_back(table.name());
    for (const auto& [name, named] : objects_) {
      if (std::string(named.kind) == "view") candidates.push_back(name);
    }
    ctx_.diags().error(on.range, std::string(insteadOf ? "unknown view '" : "unknown table '") + n +
                                     "' in trigger '" + t.name.name + "'" +
                                     didYouMean(n, candidates));
  }

  Context& ctx_;
  std::vector<ast::Module::DeclKind> order_;  // of the collected declarations, across modules
  std::map<std::string, Named> objects_;      // views and virtual tables
  std::map<std::string, SourceRange> indexes_;
  std::map<std::string, SourceRange> triggers_;
};

}  // namespace

void checkObjects(Context& ctx) { ObjectChecker(ctx).run(); }

}  // namespace schemac::sema
