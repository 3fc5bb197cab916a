// IR expressions -> SQLite SQL. The IR keeps no parentheses, so they are added from SQLite's
// operator precedence (parse.y): only where needed, plus around comparison chains, NOT operands
// and raw SQL, where they make the meaning obvious to a reader.
#include <cctype>
#include <stdexcept>

#include "schemac/codegen/sqlite.h"

namespace schemac::codegen::sqlite {
namespace {

// Binding strength, weakest first (SQLite's %left/%right order).
enum Prec : int {
  kRaw = 0,  // verbatim SQL: always parenthesised when nested
  kOr = 1,
  kAnd = 2,
  kNot = 3,
  kEquality = 4,  // = != IS IN LIKE BETWEEN ISNULL
  kCompare = 5,   // < <= > >=
  kAdd = 6,
  kMul = 7,
  kConcat = 8,
  kUnary = 9,  // prefix - +
  kAtom = 10,
};

struct Rendered {
  std::string sql;
  int prec;
};

std::string lowerAscii(std::string s) {
  for (char& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

int binaryPrec(const std::string& op) {
  if (op == "or") return kOr;
  if (op == "and") return kAnd;
  if (op == "=" || op == "==" || op == "!=" || op == "<>") return kEquality;
  if (op == "<" || op == "<=" || op == ">" || op == ">=") return kCompare;
  if (op == "+" || op == "-") return kAdd;
  if (op == "*" || op == "/" || op == "%") return kMul;
  if (op == "||") return kConcat;
  throw std::logic_error("sqlite: unknown binary operator '" + op + "'");
}

std::string paren(const Rendered& r, bool need) { return need ? "(" + r.sql + ")" : r.sql; }

// The SQLite name of a portable function (sema has checked that it is one).
std::string functionName(const std::string& portable) {
  if (portable == "substring") return "substr";
  if (portable == "char_length" || portable == "character_length") return "length";
  if (portable == "ceiling") return "ceil";
  if (portable == "greatest") return "max";
  if (portable == "least") return "min";
  return portable;
}

class ExprRenderer {
 public:
  Rendered render(const ir::Expr& e) {
    using K = ir::ExprKind;
    switch (e.kind) {
      case K::Null:
        return {"NULL", kAtom};
      case K::Bool:
        return {lowerAscii(e.text) == "true" ? "1" : "0", kAtom};
      case K::Int:
      case K::Decimal:
        return {e.text, kAtom};
      case K::String:
        return {quoteString(e.text), kAtom};
      case K::Now:
        return {nowSql(e.text), kAtom};
      case K::EnumValue:
        return {quoteString(e.text), kAtom};
      case K::Column:
        return {quoteIdent(e.text), kAtom};
      case K::Raw:
        return {e.text, kRaw};
      case K::Unary:
        return unary(e);
      case K::Binary:
        return binary(e);
      case K::IsNull: {
        need(e, 1);
        Rendered a = render(e.args[0]);
        return {paren(a, a.prec <= kCompare) + (e.negated ? " IS NOT NULL" : " IS NULL"),
                kEquality};
      }
      case K::In: {
        need(e, 1);
        Rendered a = render(e.args[0]);
        std::string out = paren(a, a.prec <= kCompare) + (e.negated ? " NOT IN (" : " IN (");
        for (std::size_t i = 1; i < e.args.size(); ++i) {
          if (i > 1) out += ", ";
          out += render(e.args[i]).sql;  // list items are full expressions
        }
        return {out + ")", kEquality};
      }
      case K::Like: {
        need(e, 2);
        Rendered a = render(e.args[0]);
        Rendered b = render(e.args[1]);
        return {paren(a, a.prec <= kCompare) + (e.negated ? " NOT LIKE " : " LIKE ") +
                    paren(b, b.prec <= kCompare),
                kEquality};
      }
      case K::Between: {
        need(e, 3);
        Rendered a = render(e.args[0]);
        Rendered lo = render(e.args[1]);
        Rendered hi = render(e.args[2]);
        return {paren(a, a.prec <= kCompare) + (e.negated ? " NOT BETWEEN " : " BETWEEN ") +
                    paren(lo, lo.prec <= kCompare) + " AND " + paren(hi, hi.prec <= kCompare),
                kEquality};
      }
      case K::Call:
        return call(e);
    }
    throw std::logic_error("sqlite: unknown expression kind");
  }

 private:
  static void need(const ir::Expr& e, std::size_t n) {
    if (e.args.size() < n) throw std::logic_error("sqlite: malformed expression (missing operand)");
  }

  Rendered unary(const ir::Expr& e) {
    need(e, 1);
    Rendered a = render(e.args[0]);
    std::string op = lowerAscii(e.text);
    if (op == "not") return {"NOT " + paren(a, a.prec < kAtom), kNot};
    if (op != "-" && op != "+")
      throw std::logic_error("sqlite: unknown unary operator '" + op + "'");
    // "--" would start a comment: -(-5), never --5.
    bool signedOperand = !a.sql.empty() && (a.sql[0] == '-' || a.sql[0] == '+');
    return {op + paren(a, a.prec < kUnary || signedOperand), kUnary};
  }

  Rendered binary(const ir::Expr& e) {
    need(e, 2);
    std::string op = lowerAscii(e.text);
    int p = binaryPrec(op);
    Rendered l = render(e.args[0]);
    Rendered r = render(e.args[1]);
    // Left-associative: an equal-strength left operand needs no parentheses, except in
    // comparison chains (a = b = c), which read ambiguously.
    bool comparison = p == kEquality || p == kCompare;
    bool lp = l.prec < p || (comparison && l.prec <= kCompare && l.prec >= kEquality);
    bool rp = r.prec <= p || (comparison && r.prec <= kCompare && r.prec >= kEquality);
    std::string sqlOp = op == "and" ? "AND" : op == "or" ? "OR" : op;
    return {paren(l, lp) + " " + sqlOp + " " + paren(r, rp), p};
  }

  Rendered call(const ir::Expr& e) {
    std::string name = lowerAscii(e.text);
    if (name == "concat") {
      // concat() arrived in SQLite 3.44; NULL arguments count as empty strings, as there.
      if (e.args.empty()) return {"''", kAtom};
      std::string out;
      for (std::size_t i = 0; i < e.args.size(); ++i) {
        if (i) out += " || ";
        out += "coalesce(" + render(e.args[i]).sql + ", '')";
      }
      return {out, e.args.size() == 1 ? kAtom : kConcat};
    }
    std::string out = functionName(name) + "(";
    for (std::size_t i = 0; i < e.args.size(); ++i) {
      if (i) out += ", ";
      out += render(e.args[i]).sql;
    }
    return {out + ")", kAtom};
  }
};

}  // namespace

// The schema and table are part of the signature for dialects whose lowering depends on column
// types; in SQLite, sema's resolution (the kind of `now`, enum values) is enough.
std::string renderExpr(const ir::Schema&, const ir::Table&, const ir::Expr& e) {
  return ExprRenderer().render(e).sql;
}

}  // namespace schemac::codegen::sqlite
