#include "format/expr_text.h"

#include <algorithm>
#include <iterator>

#include "parse/literals.h"
#include "schemac/format.h"

namespace schemac::format {
namespace {

// Keywords the grammar's `name` rule does not accept: they need backticks as names.
constexpr std::string_view kReserved[] = {
    "was",     "primary",   "autoincrement", "unique",    "default", "references",
    "check",   "generated", "sqltype",       "unchecked", "index",   "foreign",
    "and",     "or",        "not",           "is",        "in",      "like",
    "between", "null",      "true",          "false",     "now",     "on"};
// Keywords accepted as names (soft keywords), and the words of the SQLite table constructs:
// `unnamed` where a check's or foreign key's name goes and `constraint` after `unique` would
// not read back as names, so formatName (pull) quotes them all, as fmt does for column names.
// clang-format off
constexpr std::string_view kSoft[] = {"namespace", "enum",   "table",  "stored",  "virtual",
                                      "where",     "delete", "update", "cascade", "restrict",
                                      "set",       "no",     "action", "asc",     "desc",
                                      // SQLite table constructs
                                      "collate", "constraint", "deferrable", "initially",
                                      "nullable_legacy", "strict", "without", "unnamed"};
// clang-format on

bool isBare(std::string_view name) {
  if (name.empty()) return false;
  auto alpha = [](char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_'; };
  if (!alpha(name[0])) return false;
  return std::all_of(name.begin(), name.end(),
                     [&](char c) { return alpha(c) || (c >= '0' && c <= '9'); });
}

template <std::size_t N>
bool contains(const std::string_view (&list)[N], std::string_view word) {
  return std::find(std::begin(list), std::end(list), word) != std::end(list);
}

const char* actionText(ast::FkAction a) {
  switch (a) {
    case ast::FkAction::NoAction:
      return "no action";
    case ast::FkAction::Restrict:
      return "restrict";
    case ast::FkAction::Cascade:
      return "cascade";
    case ast::FkAction::SetNull:
      return "set null";
    case ast::FkAction::SetDefault:
      return "set default";
  }
  return "no action";
}

std::string joined(const std::vector<ast::Expr>& args, std::size_t from) {
  std::string out;
  for (std::size_t i = from; i < args.size(); ++i) {
    if (i > from) out += ", ";
    out += exprText(args[i]);
  }
  return out;
}

}  // namespace

std::string nameText(std::string_view name, NameContext ctx, bool backticked) {
  bool quote = backticked || !isBare(name);
  switch (ctx) {
    case NameContext::Name:
      quote = quote || contains(kReserved, name);
      break;
    case NameContext::Column:
      quote = quote || contains(kReserved, name) || contains(kSoft, name);
      break;
    case NameContext::EnumValue:
      quote = quote || name == "was";
      break;
  }
  return quote ? syntax::encodeQuotedIdent(name) : std::string(name);
}

std::string identText(const ast::Ident& id, NameContext ctx) {
  return nameText(id.name, ctx, id.backticked);
}

std::string typeText(const ast::TypeRef& type) {
  std::string out = identText(type.name);
  // timestamp(ms) is the default unit: written as plain `timestamp` (only there: `int(ms)`
  // stays, for sema to reject).
  bool defaultUnit = type.unit && type.unit->name == "ms" && !type.unit->backticked &&
                     type.name.name == "timestamp";
  if (type.unit && !defaultUnit) out += "(" + identText(*type.unit) + ")";
  if (!type.args.empty()) {
    out += '(';
    for (std::size_t i = 0; i < type.args.size(); ++i) {
      if (i > 0) out += ", ";
      out += std::to_string(type.args[i]);
    }
    out += ')';
  }
  if (type.nullable) out += '?';
  return out;
}

std::string referencesText(const ast::References& ref) {
  std::string out = "references " + identText(ref.table) + "(";
  for (std::size_t i = 0; i < ref.columns.size(); ++i) {
    if (i > 0) out += ", ";
    out += identText(ref.columns[i]);
  }
  out += ')';
  if (ref.actions.onDelete) out += std::string(" on delete ") + actionText(*ref.actions.onDelete);
  if (ref.actions.onUpdate) out += std::string(" on update ") + actionText(*ref.actions.onUpdate);
  if (ref.deferral == ast::Deferral::Deferrable) out += " deferrable";
  if (ref.deferral == ast::Deferral::InitiallyImmediate) out += " deferrable initially immediate";
  if (ref.deferral == ast::Deferral::InitiallyDeferred) out += " deferrable initially deferred";
  return out;
}

std::string exprText(const ast::Expr& e) {
  std::string out;
  const auto& a = e.args;
  std::string_view neg = e.negated ? "not " : "";
  switch (e.kind) {
    case ast::ExprKind::Null:
      out = "null";
      break;
    case ast::ExprKind::Bool:
    case ast::ExprKind::Int:
    case ast::ExprKind::Decimal:
      out = e.text;
      break;
    case ast::ExprKind::Now:
      out = "now";
      break;
    case ast::ExprKind::String:
      out = syntax::encodeString(e.text, e.quote);
      break;
    case ast::ExprKind::Raw:
      out = "sql" + syntax::encodeString(e.text, e.quote);
      break;
    case ast::ExprKind::Name:
      out = nameText(e.text, NameContext::Name);
      break;
    case ast::ExprKind::Unary: {
      std::string operand = a.empty() ? "" : exprText(a[0]);
      if (e.text == "not") {
        out = "not " + operand;
      } else {
        // `- -x`, not `--x`: keep the two operators apart.
        out = e.text + (operand.starts_with('-') ? " " : "") + operand;
      }
      break;
    }
    case ast::ExprKind::Binary:
      if (a.size() == 2) out = exprText(a[0]) + " " + e.text + " " + exprText(a[1]);
      break;
    case ast::ExprKind::IsNull:
      if (!a.empty()) out = exprText(a[0]) + (e.negated ? " is not null" : " is null");
      break;
    case ast::ExprKind::In:
      if (!a.empty()) out = exprText(a[0]) + " " + std::string(neg) + "in (" + joined(a, 1) + ")";
      break;
    case ast::ExprKind::Like:
      if (a.size() == 2) out = exprText(a[0]) + " " + std::string(neg) + "like " + exprText(a[1]);
      break;
    case ast::ExprKind::Between:
      if (a.size() == 3) {
        out = exprText(a[0]) + " " + std::string(neg) + "between " + exprText(a[1]) + " and " +
              exprText(a[2]);
      }
      break;
    case ast::ExprKind::Call:
      out = nameText(e.text, NameContext::Name) + "(" + joined(a, 0) + ")";
      break;
  }
  return e.parenthesized ? "(" + out + ")" : out;
}

}  // namespace schemac::format

namespace schemac {

// Column context: the strictest, so the name reads back wherever it is written.
std::string formatName(std::string_view name) {
  return format::nameText(name, format::NameContext::Column, false);
}

std::string formatString(std::string_view value) { return syntax::encodeString(value, '"'); }

}  // namespace schemac
