// Turning introspected SQL text back into `.schema` expressions, for `schemac pull`.
//
// Introspection sees defaults, checks, generated columns, partial-index predicates and
// expression index parts only as the SQL stored in the database, so they arrive as raw `sql"..."`
// expressions. Written that way a pulled file is correct but reads poorly (`default sql"0"` on a
// bool). Here each raw expression is parsed as SQL into a candidate `.schema` expression, typed by
// its column where that matters (0/1 on a bool is false/true, a string on an enum column is an enum
// value, the SQL of `now` is `now`), and kept only if the SQLite lowering of the candidate gives
// back the same SQL (token for token: detail::sameSql). Anything else stays raw. pull.cpp then
// compiles the file and keeps raw, one by one, the expressions that do not come back from it.
#include <cctype>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "inspect_internal.h"
#include "pull_internal.h"
#include "schemac/codegen/sqlite.h"
#include "schemac/db/pull.h"

namespace schemac::db {
namespace {

struct Fail {};  // the text is not SQL this parser turns into a candidate

class SqlExprParser {
 public:
  // `table`: whose columns a bare name may be.
  SqlExprParser(std::string_view sql, const ir::Table& table) : s_(sql), table_(table) {}

  ir::Expr parseAll() {
    ir::Expr e = orExpr();
    skipSpace();
    if (i_ != s_.size()) throw Fail{};
    return e;
  }

 private:
  void skipSpace() {
    while (i_ < s_.size() && std::isspace(static_cast<unsigned char>(s_[i_]))) ++i_;
  }
  // Consumes `word` if it comes next as a whole keyword (case-insensitive).
  bool keyword(std::string_view word) {
    skipSpace();
    if (s_.size() - i_ < word.size()) return false;
    for (std::size_t k = 0; k < word.size(); ++k) {
      if (std::toupper(static_cast<unsigned char>(s_[i_ + k])) != word[k]) return false;
    }
    std::size_t end = i_ + word.size();
    if (end < s_.size() && (std::isalnum(static_cast<unsigned char>(s_[end])) || s_[end] == '_'))
      return false;
    i_ = end;
    return true;
  }
  bool symbol(std::string_view sym) {
    skipSpace();
    if (s_.substr(i_, sym.size()) != sym) return false;
    i_ += sym.size();
    return true;
  }

  static ir::Expr node(ir::ExprKind kind, std::string text, std::vector<ir::Expr> args = {}) {
    ir::Expr e;
    e.kind = kind;
    e.text = std::move(text);
    e.args = std::move(args);
    return e;
  }
  static ir::Expr binary(std::string op, ir::Expr l, ir::Expr r) {
    std::vector<ir::Expr> args;
    args.push_back(std::move(l));
    args.push_back(std::move(r));
    return node(ir::ExprKind::Binary, std::move(op), std::move(args));
  }

  ir::Expr orExpr() {
    ir::Expr l = andExpr();
    while (keyword("OR")) l = binary("or", std::move(l), andExpr());
    return l;
  }
  ir::Expr andExpr() {
    ir::Expr l = notExpr();
    while (keyword("AND")) l = binary("and", std::move(l), notExpr());
    return l;
  }
  ir::Expr notExpr() {
    if (keyword("NOT")) return node(ir::ExprKind::Unary, "not", {notExpr()});
    return equality();
  }
  // = != IS [NOT] NULL, [NOT] IN (...), [NOT] LIKE, [NOT] BETWEEN ... AND ...
  ir::Expr equality() {
    ir::Expr l = compare();
    for (;;) {
      if (symbol("!=")) {
        l = binary("!=", std::move(l), compare());
      } else if (symbol("=")) {
        l = binary("=", std::move(l), compare());
      } else if (keyword("IS")) {
        bool negated = keyword("NOT");
        if (!keyword("NULL")) throw Fail{};
        ir::Expr e = node(ir::ExprKind::IsNull, "", {std::move(l)});
        e.negated = negated;
        l = std::move(e);
      } else {
        std::size_t save = i_;
        bool negated = keyword("NOT");
        if (keyword("IN")) {
          if (!symbol("(")) throw Fail{};
          std::vector<ir::Expr> args;
          args.push_back(std::move(l));
          do {
            args.push_back(orExpr());
          } while (symbol(","));
          if (!symbol(")")) throw Fail{};
          l = node(ir::ExprKind::In, "", std::move(args));
        } else if (keyword("LIKE")) {
          l = node(ir::ExprKind::Like, "", {std::move(l), compare()});
        } else if (keyword("BETWEEN")) {
          ir::Expr lo = compare();
          if (!keyword("AND")) throw Fail{};
          l = node(ir::ExprKind::Between, "", {std::move(l), std::move(lo), compare()});
        } else {
          i_ = save;
          return l;
        }
        l.negated = negated;
      }
    }
  }
  ir::Expr compare() {
    ir::Expr l = add();
    for (;;) {
      if (symbol("<>")) throw Fail{};  // not in the language: the expression stays raw
      if (symbol("<=")) {
        l = binary("<=", std::move(l), add());
      } else if (symbol(">=")) {
        l = binary(">=", std::move(l), add());
      } else if (symbol("<")) {
        l = binary("<", std::move(l), add());
      } else if (symbol(">")) {
        l = binary(">", std::move(l), add());
      } else {
        return l;
      }
    }
  }
  ir::Expr add() {
    ir::Expr l = mul();
    for (;;) {
      if (symbol("+")) {
        l = binary("+", std::move(l), mul());
      } else if (symbol("-")) {
        l = binary("-", std::move(l), mul());
      } else {
        return l;
      }
    }
  }
  ir::Expr mul() {
    ir::Expr l = concat();
    for (;;) {
      if (symbol("*")) {
        l = binary("*", std::move(l), concat());
      } else if (symbol("/")) {
        l = binary("/", std::move(l), concat());
      } else if (symbol("%")) {
        l = binary("%", std::move(l), concat());
      } else {
        return l;
      }
    }
  }
  ir::Expr concat() {
    ir::Expr l = unary();
    while (symbol("||")) l = binary("||", std::move(l), unary());
    return l;
  }
  ir::Expr unary() {
    if (symbol("-")) return node(ir::ExprKind::Unary, "-", {unary()});
    return atom();
  }

  // A quoted token ('...' or "...") with doubled quotes inside, decoded.
  std::string quoted(char q) {
    std::string out;
    for (++i_; i_ < s_.size(); ++i_) {
      if (s_[i_] == q) {
        if (i_ + 1 < s_.size() && s_[i_ + 1] == q) {
          out += q;
          ++i_;
          continue;
        }
        ++i_;
        return out;
      }
      out += s_[i_];
    }
    throw Fail{};
  }

  ir::Expr atom() {
    skipSpace();
    if (i_ >= s_.size()) throw Fail{};
    for (const char* kind : {"timestamp", "timestamp_s", "date", "timestamp_text"}) {
      if (auto n = detail::sqlPrefixLength(s_.substr(i_), codegen::sqlite::nowSql(kind))) {
        i_ += *n;
        return node(ir::ExprKind::Now, kind);
      }
    }
    char c = s_[i_];
    if (c == '\'') return node(ir::ExprKind::String, quoted('\''));
    if (c == '"') return node(ir::ExprKind::Column, quoted('"'));
    if (c == '(') {
      ++i_;
      ir::Expr e = orExpr();
      if (!symbol(")")) throw Fail{};
      return e;
    }
    if (std::isdigit(static_cast<unsigned char>(c))) {
      std::size_t start = i_;
      while (i_ < s_.size() && std::isdigit(static_cast<unsigned char>(s_[i_]))) ++i_;
      bool decimal = false;
      if (i_ + 1 < s_.size() && s_[i_] == '.' &&
          std::isdigit(static_cast<unsigned char>(s_[i_ + 1]))) {
        decimal = true;
        ++i_;
        while (i_ < s_.size() && std::isdigit(static_cast<unsigned char>(s_[i_]))) ++i_;
      }
      return node(decimal ? ir::ExprKind::Decimal : ir::ExprKind::Int,
                  std::string(s_.substr(start, i_ - start)));
    }
    if (keyword("NULL")) return node(ir::ExprKind::Null, "");
    if (std::isalpha(static_cast<unsigned char>(c)) || c == '_') {
      std::size_t start = i_;
      while (i_ < s_.size() && (std::isalnum(static_cast<unsigned char>(s_[i_])) || s_[i_] == '_'))
        ++i_;
      std::string name(s_.substr(start, i_ - start));
      if (!symbol("(")) return bareName(name);
      std::vector<ir::Expr> args;
      if (!symbol(")")) {
        do {
          args.push_back(orExpr());
        } while (symbol(","));
        if (!symbol(")")) throw Fail{};
      }
      return node(ir::ExprKind::Call, std::move(name), std::move(args));
    }
    throw Fail{};
  }

  // A bare word not followed by `(`: a column of the table (SQLite matches names without
  // regard to case; the IR's spelling is kept), else a keyword this parser does not know.
  ir::Expr bareName(const std::string& name) const {
    for (const ir::Column& c : table_.columns) {
      if (c.name.size() != name.size()) continue;
      bool same = true;
      for (std::size_t k = 0; k < name.size() && same; ++k) {
        same = std::tolower(static_cast<unsigned char>(c.name[k])) ==
               std::tolower(static_cast<unsigned char>(name[k]));
      }
      if (same) return node(ir::ExprKind::Column, c.name);
    }
    throw Fail{};
  }

  std::string_view s_;
  const ir::Table& table_;
  std::size_t i_ = 0;
};

const ir::Column* columnOf(const ir::Table& table, const ir::Expr& e) {
  return e.kind == ir::ExprKind::Column ? table.findColumn(e.text) : nullptr;
}

// A literal given for, or compared with, `column` in the column's own terms: 0 and 1 for a
// bool are false and true; a string naming a value of its enum is that enum value.
void typeAgainst(const ir::Schema& schema, const ir::Column* column, ir::Expr& e) {
  if (column == nullptr) return;
  if (column->type.kind == ir::TypeKind::Bool && e.kind == ir::ExprKind::Int &&
      (e.text == "0" || e.text == "1")) {
    e.kind = ir::ExprKind::Bool;
    e.text = e.text == "1" ? "true" : "false";
    return;
  }
  if (e.kind == ir::ExprKind::String && column->type.kind == ir::TypeKind::Enum) {
    const ir::Enum* en = schema.findEnum(column->type.enumName);
    if (en == nullptr) return;
    for (const ir::EnumValue& v : en->values) {
      if (v.name == e.text) e.kind = ir::ExprKind::EnumValue;
    }
  }
}

// Literals compared with, or listed against, a column.
void typeComparisons(const ir::Schema& schema, const ir::Table& table, ir::Expr& e) {
  for (ir::Expr& a : e.args) typeComparisons(schema, table, a);
  bool compares = (e.kind == ir::ExprKind::Binary && (e.text == "=" || e.text == "!=")) ||
                  e.kind == ir::ExprKind::In;
  if (!compares || e.args.empty()) return;
  const ir::Column* column = columnOf(table, e.args[0]);
  for (std::size_t i = 1; i < e.args.size(); ++i) typeAgainst(schema, column, e.args[i]);
}

// The `now` kind sema gives a default of `column`'s type; empty when `now` is no default of it.
std::string nowKind(const ir::Column* column) {
  if (column == nullptr) return {};
  if (column->type.kind == ir::TypeKind::Date) return "date";
  if (column->type.kind != ir::TypeKind::Timestamp) return {};
  switch (column->type.unit) {
    case ir::TimeUnit::Seconds:
      return "timestamp_s";
    case ir::TimeUnit::Text:
      return "timestamp_text";
    case ir::TimeUnit::Millis:
      break;
  }
  return "timestamp";
}

// Whether every `now` in `e` is the default of a column of its kind: `unixepoch()` on an int
// column (a Drizzle table pulled without its modes) stays raw SQL.
bool nowFits(const ir::Expr& e, const std::string& kind) {
  if (e.kind == ir::ExprKind::Now && e.text != kind) return false;
  for (const ir::Expr& a : e.args) {
    if (!nowFits(a, kind)) return false;
  }
  return true;
}

std::optional<ir::Expr> candidate(const ir::Schema& schema, const ir::Table& table,
                                  const ir::Column* column, const std::string& sql) {
  ir::Expr e;
  try {
    e = SqlExprParser(sql, table).parseAll();
  } catch (const Fail&) {
    return std::nullopt;
  }
  if (!nowFits(e, nowKind(column))) return std::nullopt;  // no Now has an empty kind
  typeComparisons(schema, table, e);
  typeAgainst(schema, column, e);  // a default: typed by its column
  return e;
}

void recover(const ir::Schema& schema, const ir::Table& table, const ir::Column* column,
             ir::Expr& e) {
  if (e.kind != ir::ExprKind::Raw) return;
  std::optional<ir::Expr> c = candidate(schema, table, column, e.text);
  // The same SQL up to spacing and quoting: a server may re-print what it stores (tursodb).
  if (c && detail::sameSql(codegen::sqlite::renderExpr(schema, table, *c), e.text)) {
    e = std::move(*c);
  }
}

}  // namespace

ir::Schema recoverExpressions(const ir::Schema& live) {
  ir::Schema out = live;
  for (const detail::ExprSlot& slot : detail::expressionSlots(out)) {
    // Typed and lowered against `live`: lowering looks the table's columns up, and they do
    // not change here.
    const ir::Table& original = *live.findTable(slot.table->name);
    const ir::Column* column = slot.column ? original.findColumn(slot.column->name) : nullptr;
    recover(live, original, column, *slot.expr);
  }
  return out;
}

namespace detail {

std::vector<ExprSlot> expressionSlots(ir::Schema& s) {
  std::vector<ExprSlot> out;
  for (ir::Table& t : s.tables) {
    auto add = [&](const std::string& what, const ir::Column* column, ir::Expr& e) {
      out.push_back({t.name + "\t" + what, &t, column, &e});
    };
    for (ir::Column& c : t.columns) {
      if (c.defaultValue) add("default\t" + c.name, &c, *c.defaultValue);
      if (c.generated) add("generated\t" + c.name, nullptr, c.generated->expr);
    }
    for (ir::Check& ck : t.checks) {
      add("check\t" + ck.name, nullptr, ck.expr);
      out.back().unnamedCheck = ck.unnamed;
    }
    for (ir::Index& ix : t.indexes) {
      if (ix.where) add("where\t" + ix.name, nullptr, *ix.where);
      for (std::size_t i = 0; i < ix.columns.size(); ++i) {
        if (ix.columns[i].expr) {
          add("part\t" + ix.name + "\t" + std::to_string(i), nullptr, *ix.columns[i].expr);
        }
      }
    }
  }
  return out;
}

}  // namespace detail

}  // namespace schemac::db
