// Pass 7: expressions. Every default, check, generated expression and index predicate is
// type-checked; names are resolved to columns of the same table or to enum values, and the
// decisions are recorded for the lowering. sql"..." passes through unchecked.
//
// A name is an enum value when an enum is expected there (the column's type for a default,
// the other operand's type in a comparison) and it is one of that enum's values; otherwise it
// is a column of the same table.
#include <algorithm>
#include <array>
#include <cctype>
#include <string>

#include "sema/context.h"
#include "sema/expr_types.h"
#include "sema/parallel.h"

namespace schemac::sema {
namespace {

enum class Site { Default, Check, Generated, Where };

enum class FnRule { TextToText, Length, Abs, Same, Round, Substr, Replace, Instr };

struct Function {
  const char* name;
  std::size_t minArgs;
  std::size_t maxArgs;  // kVariadic: no limit
  FnRule rule;
};

constexpr std::size_t kVariadic = static_cast<std::size_t>(-1);

// The portable function set; each dialect lowers these (docs/language.md lists them).
constexpr std::array<Function, 16> kFunctions{{
    {"abs", 1, 1, FnRule::Abs},
    {"coalesce", 2, kVariadic, FnRule::Same},
    {"ifnull", 2, 2, FnRule::Same},
    {"instr", 2, 2, FnRule::Instr},
    {"length", 1, 1, FnRule::Length},
    {"lower", 1, 1, FnRule::TextToText},
    {"ltrim", 1, 2, FnRule::TextToText},
    {"max", 2, kVariadic, FnRule::Same},
    {"min", 2, kVariadic, FnRule::Same},
    {"nullif", 2, 2, FnRule::Same},
    {"replace", 3, 3, FnRule::Replace},
    {"round", 1, 2, FnRule::Round},
    {"rtrim", 1, 2, FnRule::TextToText},
    {"substr", 2, 3, FnRule::Substr},
    {"trim", 1, 2, FnRule::TextToText},
    {"upper", 1, 1, FnRule::TextToText},
}};

const Function* findFunction(const std::string& name) {
  for (const Function& f : kFunctions) {
    if (name == f.name) return &f;
  }
  return nullptr;
}

std::string lowerCase(std::string s) {
  for (char& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

std::string arityText(const Function& f) {
  auto args = [](std::size_t n) {
    return std::to_string(n) + (n == 1 ? " argument" : " arguments");
  };
  if (f.maxArgs == kVariadic) return "at least " + args(f.minArgs);
  if (f.minArgs == f.maxArgs) return args(f.minArgs);
  return std::to_string(f.minArgs) + " or " + args(f.maxArgs);
}

bool isBinaryArithmetic(const std::string& op) {
  return op == "+" || op == "-" || op == "*" || op == "/" || op == "%";
}
bool isComparison(const std::string& op) {
  return op == "=" || op == "!=" || op == "<>" || op == "<" || op == "<=" || op == ">" ||
         op == ">=";
}

class ExprChecker {
 public:
  ExprChecker(Context& ctx, TableInfo& table, Site site, const ColumnInfo* column)
      : ctx_(ctx), table_(table), notes_(table.exprNotes), site_(site), column_(column) {}

  ValueType check(const ast::Expr& e, const EnumInfo* hint) {
    switch (e.kind) {
      case ast::ExprKind::Null:
        return {ValueKind::Null};
      case ast::ExprKind::Bool:
        return {ValueKind::Bool};
      case ast::ExprKind::Int:
        checkIntLiteral(e, false);
        return {ValueKind::Int};
      case ast::ExprKind::Decimal:
        return {ValueKind::Real};
      case ast::ExprKind::String: {
        ValueType t{ValueKind::Text};
        t.stringLiteral = &e;
        return t;
      }
      case ast::ExprKind::Raw:
        return {ValueKind::Unknown};
      case ast::ExprKind::Now:
        return now(e);
      case ast::ExprKind::Name:
        return name(e, hint);
      case ast::ExprKind::Unary:
        return unary(e);
      case ast::ExprKind::Binary:
        return binary(e);
      case ast::ExprKind::IsNull:
        if (!e.args.empty()) check(e.args[0], nullptr);
        return {ValueKind::Bool};
      case ast::ExprKind::In:
      case ast::ExprKind::Between:
        return compareAll(e);
      case ast::ExprKind::Like:
        for (const ast::Expr& a : e.args) requireText(a, check(a, nullptr), "like");
        return {ValueKind::Bool};
      case ast::ExprKind::Call:
        return call(e, hint);
    }
    return {ValueKind::Unknown};
  }

  // Whether a value of type `from` may be compared with one of type `to`; a string literal
  // is accepted where its text is a valid value of the other side (reported if not).
  bool compatible(const ValueType& a, const ValueType& b) {
    if (a.isWildcard() || b.isWildcard()) return true;
    if (a.isNumeric() && b.isNumeric()) return true;
    if (a.kind == b.kind) return a.kind != ValueKind::Enum || a.enumName == b.enumName;
    if (a.stringLiteral) return literalAs(*a.stringLiteral, b);
    if (b.stringLiteral) return literalAs(*b.stringLiteral, a);
    return false;
  }

  // The enum a name would compare against: the enum type of a column operand.
  const EnumInfo* enumOf(const ast::Expr& e) {
    if (e.kind == ast::ExprKind::Name && site_ != Site::Default) {
      const ColumnInfo* c = table_.findColumn(e.text);
      if (c && c->type && c->type->kind == ir::TypeKind::Enum)
        return ctx_.findEnum(c->type->enumName);
    }
    if (e.kind == ast::ExprKind::Call) {
      const Function* f = findFunction(lowerCase(e.text));
      if (f && f->rule == FnRule::Same) {
        for (const ast::Expr& a : e.args) {
          if (const EnumInfo* en = enumOf(a)) return en;
        }
      }
    }
    return nullptr;
  }

 private:
  // A string literal standing for a value of type `want`: an enum value, a date, a uuid, a
  // json document. Reports a literal of the right kind but a wrong value, and returns true
  // then (the mismatch is already explained).
  bool literalAs(const ast::Expr& lit, const ValueType& want) {
    switch (want.kind) {
      case ValueKind::Enum: {
        const EnumInfo* en = ctx_.findEnum(want.enumName);
        if (!en) return true;
        if (en->hasValue(lit.text)) {
          notes_[&lit] = {ExprNote::Kind::EnumValue};
        } else {
          ctx_.diags().error(lit.range, "'" + lit.text + "' is not a value of enum '" + en->name() +
                                            "'" + didYouMean(lit.text, values(*en)));
        }
        return true;
      }
      case ValueKind::Date:
        if (!isValidDate(lit.text)) {
          ctx_.diags().error(lit.range,
                             "'" + lit.text + "' is not a valid date (expected YYYY-MM-DD)");
        }
        return true;
      case ValueKind::Uuid:
        if (!isValidUuid(lit.text)) {
          ctx_.diags().error(lit.range, "'" + lit.text + "' is not a valid uuid");
        }
        return true;
      case ValueKind::Json:
        if (!isValidJson(lit.text)) {
          ctx_.diags().error(lit.range, "'" + lit.text + "' is not a valid json document");
        }
        return true;
      default:
        return false;
    }
  }

  static std::vector<std::string> values(const EnumInfo& en) {
    std::vector<std::string> out;
    for (const ast::EnumValueDecl& v : en.decl->values) out.push_back(v.name.name);
    return out;
  }

  void checkIntLiteral(const ast::Expr& e, bool negative) {
    std::string digits = e.text;
    if (!digits.empty() && digits[0] == '-') {
      negative = !negative;
      digits.erase(0, 1);
    }
    if (!intLiteralFits(digits, negative, 64)) {
      ctx_.diags().error(e.range, "integer literal " + std::string(negative ? "-" : "") + digits +
                                      " does not fit in 64 bits");
    }
  }

  ValueType now(const ast::Expr& e) {
    if (site_ != Site::Default) {
      ctx_.diags().error(e.range,
                         "'now' can only be used in a default (checks, generated columns and index "
                         "predicates must not depend on the time)");
      return {ValueKind::Unknown};
    }
    if (column_->type && column_->type->kind == ir::TypeKind::Timestamp) {
      notes_[&e] = {column_->type->unit == ir::TimeUnit::Seconds
                        ? ExprNote::Kind::NowTimestampSeconds
                    : column_->type->unit == ir::TimeUnit::Text ? ExprNote::Kind::NowTimestampText
                                                                : ExprNote::Kind::NowTimestamp};
      return {ValueKind::Timestamp};
    }
    if (column_->type && column_->type->kind == ir::TypeKind::Date) {
      notes_[&e] = {ExprNote::Kind::NowDate};
      return {ValueKind::Date};
    }
    ctx_.diags().error(e.range, "'now' is only a default of timestamp or date columns ('" +
                                    column_->decl->name.name + "' is " +
                                    ir::typeToString(*column_->type) + ")");
    return {ValueKind::Unknown};
  }

  ValueType name(const ast::Expr& e, const EnumInfo* hint) {
    if (hint && hint->hasValue(e.text)) {
      notes_[&e] = {ExprNote::Kind::EnumValue};
      ValueType t{ValueKind::Enum};
      t.enumName = hint->name();
      return t;
    }
    if (site_ == Site::Default) {
      if (hint) {
        ctx_.diags().error(e.range, "'" + e.text + "' is not a value of enum '" + hint->name() +
                                        "'" + didYouMean(e.text, values(*hint)));
      } else if (table_.findColumn(e.text)) {
        ctx_.diags().error(e.range, "a default cannot refer to column '" + e.text + "'");
      } else {
        ctx_.diags().error(e.range,
                           "unknown name '" + e.text +
                               "' in default (use a literal, an enum value or a function)");
      }
      return {ValueKind::Unknown};
    }
    if (const ColumnInfo* c = table_.findColumn(e.text)) {
      notes_[&e] = {ExprNote::Kind::Column};
      return c->type ? valueTypeOf(*c->type) : ValueType{ValueKind::Unknown};
    }
    if (hint) {
      ctx_.diags().error(e.range, "'" + e.text + "' is not a value of enum '" + hint->name() +
                                      "' nor a column of table '" + table_.name() + "'" +
                                      didYouMean(e.text, values(*hint)));
    } else {
      ctx_.diags().error(e.range, "unknown column '" + e.text + "' in table '" + table_.name() +
                                      "'" + didYouMean(e.text, columnNames(table_)));
    }
    return {ValueKind::Unknown};
  }

  void requireNumeric(const ast::Expr& at, const ValueType& t, const std::string& op) {
    if (t.isWildcard() || t.isNumeric()) return;
    ctx_.diags().error(at.range,
                       "operand of '" + op + "' must be a number (got " + describe(t) + ")");
  }
  void requireText(const ast::Expr& at, const ValueType& t, const std::string& op) {
    if (t.isWildcard() || t.kind == ValueKind::Text) return;
    ctx_.diags().error(at.range, "operand of '" + op + "' must be text (got " + describe(t) + ")");
  }
  void requireBool(const ast::Expr& at, const ValueType& t, const std::string& op) {
    if (t.kind == ValueKind::Unknown || t.kind == ValueKind::Bool) return;
    ctx_.diags().error(at.range,
                       "operand of '" + op + "' must be a boolean (got " + describe(t) + ")");
  }

  ValueType unary(const ast::Expr& e) {
    if (e.args.empty()) return {ValueKind::Unknown};
    const ast::Expr& a = e.args[0];
    if (e.text == "-") {
      ValueType t = a.kind == ast::ExprKind::Int
                        ? (checkIntLiteral(a, true), ValueType{ValueKind::Int})
                        : check(a, nullptr);
      requireNumeric(a, t, "-");
      return t.isNumeric() || t.kind == ValueKind::Null ? t : ValueType{ValueKind::Unknown};
    }
    ValueType t = check(a, nullptr);
    requireBool(a, t, e.text);
    return {ValueKind::Bool};
  }

  ValueType binary(const ast::Expr& e) {
    if (e.args.size() != 2) return {ValueKind::Unknown};
    const ast::Expr& l = e.args[0];
    const ast::Expr& r = e.args[1];
    const std::string& op = e.text;
    if (isComparison(op)) {
      const EnumInfo* hint = enumOf(l);
      if (!hint) hint = enumOf(r);
      ValueType lt = check(l, hint), rt = check(r, hint);
      if (!compatible(lt, rt)) {
        ctx_.diags().error(e.range, "cannot compare " + describe(lt) + " with " + describe(rt));
      }
      return {ValueKind::Bool};
    }
    ValueType lt = check(l, nullptr), rt = check(r, nullptr);
    if (op == "and" || op == "or") {
      requireBool(l, lt, op);
      requireBool(r, rt, op);
      return {ValueKind::Bool};
    }
    if (op == "||") {
      requireText(l, lt, op);
      requireText(r, rt, op);
      return {ValueKind::Text};
    }
    if (isBinaryArithmetic(op)) {
      if (op == "+" && lt.kind == ValueKind::Text && rt.kind == ValueKind::Text) {
        ctx_.diags().error(e.range,
                           "operands of '+' must be numbers (got text); use '||' to "
                           "concatenate text");
        return {ValueKind::Unknown};
      }
      requireNumeric(l, lt, op);
      requireNumeric(r, rt, op);
      if (lt.kind == ValueKind::Unknown || rt.kind == ValueKind::Unknown)
        return {ValueKind::Unknown};
      if (!lt.isNumeric() && !rt.isNumeric()) {
        return lt.kind == ValueKind::Null && rt.kind == ValueKind::Null
                   ? ValueType{ValueKind::Null}
                   : ValueType{ValueKind::Unknown};
      }
      if (!lt.isWildcard() && !lt.isNumeric()) return {ValueKind::Unknown};
      if (!rt.isWildcard() && !rt.isNumeric()) return {ValueKind::Unknown};
      bool real = lt.kind == ValueKind::Real || rt.kind == ValueKind::Real;
      return {real ? ValueKind::Real : ValueKind::Int};
    }
    return {ValueKind::Unknown};
  }

  // `in` and `between`: every operand compares with the first.
  ValueType compareAll(const ast::Expr& e) {
    const EnumInfo* hint = nullptr;
    for (const ast::Expr& a : e.args) {
      if ((hint = enumOf(a))) break;
    }
    if (e.args.empty()) return {ValueKind::Bool};
    ValueType first = check(e.args[0], hint);
    for (std::size_t i = 1; i < e.args.size(); ++i) {
      ValueType t = check(e.args[i], hint);
      if (!compatible(first, t)) {
        ctx_.diags().error(e.args[i].range,
                           "cannot compare " + describe(first) + " with " + describe(t));
      }
    }
    return {ValueKind::Bool};
  }

  ValueType call(const ast::Expr& e, const EnumInfo* hint) {
    std::string fname = lowerCase(e.text);
    const Function* f = findFunction(fname);
    if (!f) {
      std::vector<std::string> names;
      for (const Function& fn : kFunctions) names.emplace_back(fn.name);
      ctx_.diags().error(e.range, "unknown function '" + e.text + "'" + didYouMean(fname, names));
      for (const ast::Expr& a : e.args) check(a, nullptr);
      return {ValueKind::Unknown};
    }
    std::size_t n = e.args.size();
    if (n < f->minArgs || n > f->maxArgs) {
      ctx_.diags().error(e.range, "function '" + fname + "' takes " + arityText(*f) + ", but " +
                                      std::to_string(n) + (n == 1 ? " was" : " were") + " given");
    }
    if (f->rule == FnRule::Same) return sameTypeCall(e, fname, hint);
    std::vector<ValueType> args;
    for (const ast::Expr& a : e.args) args.push_back(check(a, nullptr));
    auto arg = [&](std::size_t i, bool text) {
      if (i >= args.size()) return;
      if (text) {
        requireText(e.args[i], args[i], fname);
      } else if (!args[i].isWildcard() && args[i].kind != ValueKind::Int) {
        ctx_.diags().error(e.args[i].range, "argument " + std::to_string(i + 1) + " of '" + fname +
                                                "' must be an integer (got " + describe(args[i]) +
                                                ")");
      }
    };
    switch (f->rule) {
      case FnRule::TextToText:
        for (std::size_t i = 0; i < args.size(); ++i) arg(i, true);
        return {ValueKind::Text};
      case FnRule::Length:
        if (!args.empty() && !args[0].isWildcard() && args[0].kind != ValueKind::Text &&
            args[0].kind != ValueKind::Blob) {
          ctx_.diags().error(e.args[0].range, "operand of 'length' must be text or blob (got " +
                                                  describe(args[0]) + ")");
        }
        return {ValueKind::Int};
      case FnRule::Abs:
        if (!args.empty()) {
          requireNumeric(e.args[0], args[0], fname);
          if (args[0].isNumeric()) return {args[0].kind};
        }
        return {ValueKind::Unknown};
      case FnRule::Round:
        if (!args.empty()) requireNumeric(e.args[0], args[0], fname);
        arg(1, false);
        return {ValueKind::Real};
      case FnRule::Substr:
        arg(0, true);
        arg(1, false);
        arg(2, false);
        return {ValueKind::Text};
      case FnRule::Replace:
        for (std::size_t i = 0; i < args.size(); ++i) arg(i, true);
        return {ValueKind::Text};
      case FnRule::Instr:
        for (std::size_t i = 0; i < args.size(); ++i) arg(i, true);
        return {ValueKind::Int};
      case FnRule::Same:
        break;
    }
    return {ValueKind::Unknown};
  }

  // coalesce, ifnull, nullif, min, max: arguments of one type, which is the result's.
  ValueType sameTypeCall(const ast::Expr& e, const std::string& fname, const EnumInfo* hint) {
    for (const ast::Expr& a : e.args) {
      if (const EnumInfo* en = enumOf(a)) {
        hint = en;
        break;
      }
    }
    ValueType result{ValueKind::Null};
    for (const ast::Expr& a : e.args) {
      ValueType t = check(a, hint);
      if (!compatible(result, t)) {
        ctx_.diags().error(a.range, "arguments of '" + fname + "' must have one type (got " +
                                        describe(result) + " and " + describe(t) + ")");
        return {ValueKind::Unknown};
      }
      if (result.kind == ValueKind::Unknown) continue;
      if (t.kind == ValueKind::Unknown) {
        result = t;
      } else if (result.kind == ValueKind::Null ||
                 (result.kind == ValueKind::Int && t.kind == ValueKind::Real)) {
        result = t;
      }
    }
    if (fname == "nullif" && result.kind == ValueKind::Null) return {ValueKind::Null};
    result.stringLiteral = nullptr;
    return result;
  }

  Context& ctx_;
  const TableInfo& table_;
  std::unordered_map<const ast::Expr*, ExprNote>& notes_;  // table_'s
  Site site_;
  const ColumnInfo* column_;
};

// Whether a value fits a column: the rules of comparison plus integer-to-decimal widening,
// string literal length for varchar, integer range for int32, and no null on NOT NULL.
void checkAssign(Context& ctx, ExprChecker& checker, const ast::Expr& e, const ValueType& t,
                 const ColumnInfo& col, const char* what) {
  if (t.kind == ValueKind::Unknown) return;
  const ir::Type& type = *col.type;
  const std::string& name = col.decl->name.name;
  if (t.kind == ValueKind::Null) {
    if (!col.nullable() && std::string(what) == "default") {
      ctx.diags().error(e.range, "default is null but column '" + name + "' is not nullable");
    }
    return;
  }
  ValueType want = valueTypeOf(type);
  bool ok = false;
  if (want.kind == ValueKind::Real) {
    ok = t.isNumeric();  // an integer widens to real and decimal
  } else if (want.kind == ValueKind::Int) {
    ok = t.kind == ValueKind::Int;
  } else {
    ok = !t.isNumeric() && checker.compatible(t, want);
  }
  if (!ok) {
    ctx.diags().error(e.range, std::string(what) + " of type " + describe(t) +
                                   " does not match column '" + name + "' of type " +
                                   ir::typeToString(type));
    return;
  }
  if (type.kind == ir::TypeKind::Varchar && t.stringLiteral) {
    std::size_t chars = 0;
    for (unsigned char c : t.stringLiteral->text) chars += (c & 0xC0) != 0x80;
    if (chars > static_cast<std::size_t>(type.length)) {
      ctx.diags().error(e.range, std::string(what) + " is " + std::to_string(chars) +
                                     " characters long but column '" + name + "' is " +
                                     ir::typeToString(type));
    }
  }
  if (type.kind == ir::TypeKind::Int32) {
    const ast::Expr* lit = &e;
    bool negative = false;
    if (lit->kind == ast::ExprKind::Unary && lit->text == "-" && lit->args.size() == 1) {
      negative = true;
      lit = &lit->args[0];
    }
    if (lit->kind == ast::ExprKind::Int) {
      std::string digits = lit->text;
      if (!digits.empty() && digits[0] == '-') {
        negative = !negative;
        digits.erase(0, 1);
      }
      if (!intLiteralFits(digits, negative, 32)) {
        ctx.diags().error(e.range,
                          std::string(what) + " does not fit column '" + name + "' of type int32");
      }
    }
  }
}

const EnumInfo* enumOfColumn(const Context& ctx, const ColumnInfo& c) {
  return c.type && c.type->kind == ir::TypeKind::Enum ? ctx.findEnum(c.type->enumName) : nullptr;
}

void requireBoolean(Context& ctx, const ast::Expr& e, const ValueType& t, const char* what) {
  if (t.kind == ValueKind::Unknown || t.kind == ValueKind::Bool) return;
  ctx.diags().error(e.range,
                    std::string(what) + " must be a boolean condition (got " + describe(t) + ")");
}

void checkTable(Context& ctx, TableInfo& t) {
  for (const ColumnInfo& c : t.columns) {
    const ast::ColumnDecl& d = *c.decl;
    // A default's type is only checkable against a known column type; a generated column's
    // default is already an error of its own.
    if (!d.defaults.empty() && d.generated.empty() && c.type) {
      ExprChecker checker(ctx, t, Site::Default, &c);
      ValueType vt = checker.check(d.defaults[0], enumOfColumn(ctx, c));
      checkAssign(ctx, checker, d.defaults[0], vt, c, "default");
    }
    if (!d.generated.empty()) {
      ExprChecker checker(ctx, t, Site::Generated, &c);
      ValueType vt = checker.check(d.generated[0].expr, enumOfColumn(ctx, c));
      if (c.type) checkAssign(ctx, checker, d.generated[0].expr, vt, c, "generated value");
    }
  }
  for (const CheckPlan& p : t.checks) {
    ExprChecker checker(ctx, t, Site::Check, nullptr);
    requireBoolean(ctx, *p.expr, checker.check(*p.expr, nullptr), "check");
  }
  for (const IndexPlan& p : t.indexes) {
    // Expression parts (`lower(email)`): any type; the names must be columns, as in a predicate.
    for (const ast::Expr* e : p.exprs) {
      if (!e) continue;
      ExprChecker checker(ctx, t, Site::Where, nullptr);
      checker.check(*e, nullptr);
    }
    if (!p.where) continue;
    ExprChecker checker(ctx, t, Site::Where, nullptr);
    requireBoolean(ctx, *p.where, checker.check(*p.where, nullptr), "index predicate");
  }
}

}  // namespace

void checkExpressions(Context& ctx) {
  forEachTable(ctx, [&](TableInfo& t) {
    // About one note per column (a name or `now` in its default or check): grow it once.
    t.exprNotes.reserve(t.columns.size());
    checkTable(ctx, t);
  });
}

}  // namespace schemac::sema
