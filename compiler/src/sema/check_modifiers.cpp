// Pass 3: column modifiers that are written more than once, rename hints, generated
// columns that also have a default (a generated value leaves no room for a default), and
// what `sqltype` and `unchecked` say about the database.
#include <map>
#include <string>

#include "sema/context.h"
#include "sema/parallel.h"
#include "sema/sql_type_name.h"

namespace schemac::sema {
namespace {

void repeated(Context& ctx, const char* what, const std::vector<SourceRange>& ranges,
              const char* hint = "") {
  for (std::size_t i = 1; i < ranges.size(); ++i) {
    ctx.diags().errorWithNote(ranges[i], std::string("repeated modifier '") + what + "'" + hint,
                              ranges[0], "first written here");
  }
}

// `repeated` over the ranges of `v`; a modifier written once (nearly always) allocates nothing.
template <typename T, typename F>
void repeatedOf(Context& ctx, const char* what, const std::vector<T>& v, F range,
                const char* hint = "") {
  if (v.size() < 2) return;
  std::vector<SourceRange> ranges;
  for (const T& x : v) ranges.push_back(range(x));
  repeated(ctx, what, ranges, hint);
}

// `was` hints of one declaration: never its own name, never the same name twice.
void checkHints(Context& ctx, const ast::Ident& self, const std::vector<ast::Ident>& was,
                const char* kind) {
  for (std::size_t i = 0; i < was.size(); ++i) {
    if (was[i].name == self.name) {
      ctx.diags().error(was[i].range, std::string("rename hint 'was ") + was[i].name +
                                          "' names the " + kind + " itself");
      continue;
    }
    for (std::size_t j = 0; j < i; ++j) {
      if (was[j].name == was[i].name) {
        ctx.diags().errorWithNote(was[i].range, "repeated rename hint 'was " + was[i].name + "'",
                                  was[j].range, "first written here");
        break;
      }
    }
  }
}

// Two declarations that both claim to have been renamed from the same old name: the differ
// could not tell which one keeps the data.
class HintClaims {
 public:
  HintClaims(Context& ctx, const char* kind) : ctx_(ctx), kind_(kind) {}
  void add(const ast::Ident& self, const std::vector<ast::Ident>& was) {
    for (const ast::Ident& w : was) {
      if (w.name == self.name) continue;
      auto [it, inserted] = claims_.try_emplace(w.name, Claim{self.name, w.range});
      if (!inserted && it->second.owner != self.name) {
        ctx_.diags().errorWithNote(w.range,
                                   std::string(kind_) + "s '" + it->second.owner + "' and '" +
                                       self.name + "' are both renamed from '" + w.name + "'",
                                   it->second.range, "other rename hint is here");
      }
    }
  }

 private:
  struct Claim {
    std::string owner;
    SourceRange range;
  };
  Context& ctx_;
  const char* kind_;
  std::map<std::string, Claim> claims_;
};

void checkColumn(Context& ctx, const ast::ColumnDecl& c) {
  repeated(ctx, "primary", c.primary);
  repeated(ctx, "autoincrement", c.autoincrement);
  repeated(ctx, "unique", c.unique);
  auto exprRange = [](const ast::Expr& e) { return e.range; };
  repeatedOf(ctx, "default", c.defaults, exprRange);
  repeatedOf(
      ctx, "references", c.references, [](const ast::References& r) { return r.range; },
      " (declare a 'foreign' item for each further key)");
  repeatedOf(ctx, "check", c.checks, exprRange, " (combine the conditions with 'and')");
  repeatedOf(ctx, "generated", c.generated, [](const ast::Generated& g) { return g.range; });
  repeatedOf(ctx, "sqltype", c.sqlTypes, exprRange);
  repeatedOf(ctx, "tstype", c.tsTypes, exprRange);
  repeated(ctx, "unchecked", c.unchecked);
  checkHints(ctx, c.name, c.was, "column");
  if (!c.generated.empty() && !c.defaults.empty()) {
    ctx.diags().errorWithNote(c.defaults[0].range,
                              "generated column '" + c.name.name + "' cannot have a default",
                              c.generated[0].range, "generated here");
  }
}

// `tstype` gives the TypeScript type of a json column's value (the generated drizzle-orm
// module's `.$type<...>()`); other types have a fixed TypeScript type. The text goes into
// generated code as written, so it is one non-empty line.
void checkTsType(Context& ctx, const ColumnInfo& c, const ast::Expr& ts) {
  const std::string& name = c.decl->name.name;
  if (c.type && c.type->kind != ir::TypeKind::Json) {
    ctx.diags().error(ts.range, "'tstype' applies only to json columns; '" + name + "' is " +
                                    ir::typeToString(*c.type));
    return;
  }
  bool blank = true;
  for (char ch : ts.text) {
    if (static_cast<unsigned char>(ch) < 0x20 || ch == 0x7f) {
      ctx.diags().error(ts.range, "tstype of column '" + name +
                                      "' must be one line without "
                                      "control characters");
      return;
    }
    if (ch != ' ') blank = false;
  }
  if (blank) ctx.diags().error(ts.range, "tstype of column '" + name + "' is empty");
}

// `sqltype` must be a type name SQLite reads back as written; `unchecked` only means something
// where the type implies a CHECK.
void checkStorage(Context& ctx, const ColumnInfo& c) {
  const ast::ColumnDecl& d = *c.decl;
  if (!d.sqlTypes.empty()) {
    const ast::Expr& st = d.sqlTypes[0];
    if (std::optional<std::string> problem = sqlTypeNameProblem(st.text)) {
      ctx.diags().error(st.range, "sqltype of column '" + d.name.name + "' " + *problem);
    }
  }
  if (!d.tsTypes.empty()) checkTsType(ctx, c, d.tsTypes[0]);
  if (!d.unchecked.empty() && c.type) {
    switch (c.type->kind) {
      case ir::TypeKind::Enum:
      case ir::TypeKind::Bool:
      case ir::TypeKind::Json:
      case ir::TypeKind::Varchar:
        break;
      default:
        ctx.diags().error(d.unchecked[0],
                          "'unchecked' applies only to enum, bool, json and varchar columns (the "
                          "types that imply a CHECK); '" +
                              d.name.name + "' is " + ir::typeToString(*c.type));
    }
  }
}

}  // namespace

void checkModifiers(Context& ctx) {
  auto columns = [&](const TableInfo& t) {
    HintClaims columnClaims(ctx, "column");
    for (const ColumnInfo& c : t.columns) {
      checkColumn(ctx, *c.decl);
      checkStorage(ctx, c);
      if (!c.duplicate) columnClaims.add(c.decl->name, c.decl->was);
    }
  };
  // A table's rename hints claim names across tables, reported before its columns' findings.
  // Without any (nearly always) the tables are independent of each other.
  bool tableHints = false;
  for (const TableInfo& t : ctx.tables) tableHints = tableHints || !t.decl->was.empty();
  if (!tableHints) {
    forEachTable(ctx, columns);
  } else {
    HintClaims tableClaims(ctx, "table");
    for (const TableInfo& t : ctx.tables) {
      const ast::TableDecl& decl = *t.decl;
      checkHints(ctx, decl.name, decl.was, "table");
      if (!t.duplicate) tableClaims.add(decl.name, decl.was);
      columns(t);
    }
  }
  HintClaims enumClaims(ctx, "enum");
  for (const EnumInfo& e : ctx.enums) {
    checkHints(ctx, e.decl->name, e.decl->was, "enum");
    if (!e.duplicate) enumClaims.add(e.decl->name, e.decl->was);
    HintClaims valueClaims(ctx, "enum value");
    for (const ast::EnumValueDecl& v : e.decl->values) {
      checkHints(ctx, v.name, v.was, "enum value");
      valueClaims.add(v.name, v.was);
    }
  }
}

}  // namespace schemac::sema
