// Pass 2: column types. Built-in type names are not reserved words, so an enum may not
// shadow them: a built-in name always means the built-in type.
#include <array>
#include <string>
#include <string_view>

#include "sema/context.h"
#include "sema/parallel.h"

namespace schemac::sema {
namespace {

struct Builtin {
  std::string_view name;  // (a view: comparing checks the length before the bytes)
  ir::TypeKind kind;
};

constexpr std::array<Builtin, 12> kBuiltins{{
    {"int", ir::TypeKind::Int},
    {"int32", ir::TypeKind::Int32},
    {"real", ir::TypeKind::Real},
    {"decimal", ir::TypeKind::Decimal},
    {"text", ir::TypeKind::Text},
    {"varchar", ir::TypeKind::Varchar},
    {"bool", ir::TypeKind::Bool},
    {"timestamp", ir::TypeKind::Timestamp},
    {"date", ir::TypeKind::Date},
    {"uuid", ir::TypeKind::Uuid},
    {"json", ir::TypeKind::Json},
    {"blob", ir::TypeKind::Blob},
}};

constexpr int kMaxDecimalPrecision = 1000;  // PostgreSQL's limit; SQLite has none

std::optional<ir::Type> resolveBuiltin(Context& ctx, const ast::TypeRef& ref, ir::TypeKind kind) {
  const std::string& name = ref.name.name;
  ir::Type t;
  t.kind = kind;
  const auto& args = ref.args;
  switch (kind) {
    case ir::TypeKind::Varchar:
      if (args.size() != 1 || ref.unit) {
        ctx.diags().error(ref.range, "varchar needs a length: varchar(n)");
        return std::nullopt;
      }
      if (args[0] < 1) {
        ctx.diags().error(
            ref.range, "varchar length must be at least 1 (got " + std::to_string(args[0]) + ")");
        return std::nullopt;
      }
      t.length = args[0];
      return t;
    case ir::TypeKind::Decimal:
      if (args.empty() || args.size() > 2 || ref.unit) {
        ctx.diags().error(ref.range, "decimal needs a precision and a scale: decimal(p, s)");
        return std::nullopt;
      }
      t.precision = args[0];
      t.scale = args.size() == 2 ? args[1] : 0;
      if (t.precision < 1 || t.precision > kMaxDecimalPrecision) {
        ctx.diags().error(ref.range, "decimal precision must be between 1 and " +
                                         std::to_string(kMaxDecimalPrecision) + " (got " +
                                         std::to_string(t.precision) + ")");
        return std::nullopt;
      }
      if (t.scale < 0) {
        ctx.diags().error(ref.range, "decimal scale must not be negative");
        return std::nullopt;
      }
      if (t.scale > t.precision) {
        ctx.diags().error(ref.range, "decimal scale (" + std::to_string(t.scale) +
                                         ") must not exceed its precision (" +
                                         std::to_string(t.precision) + ")");
        return std::nullopt;
      }
      return t;
    case ir::TypeKind::Timestamp:
      if (!args.empty()) {
        ctx.diags().error(ref.range,
                          "timestamp takes a unit, not a number: timestamp(s) for unix "
                          "seconds, timestamp or timestamp(ms) for milliseconds");
        return std::nullopt;
      }
      if (ref.unit) {
        if (ref.unit->name == "s") {
          t.unit = ir::TimeUnit::Seconds;
        } else if (ref.unit->name == "text") {
          t.unit = ir::TimeUnit::Text;
        } else if (ref.unit->name != "ms") {
          ctx.diags().error(ref.unit->range,
                            "unknown timestamp unit '" + ref.unit->name +
                                "' (use 's' for seconds, 'ms' for milliseconds or 'text' for "
                                "ISO-8601 text)");
          return std::nullopt;
        }
      }
      return t;
    default:
      if (!args.empty() || ref.unit) {
        ctx.diags().error(ref.range, "type '" + name + "' takes no arguments");
        return std::nullopt;
      }
      return t;
  }
}

std::optional<ir::Type> resolveType(Context& ctx, const ast::TypeRef& ref) {
  const std::string& name = ref.name.name;
  for (const Builtin& b : kBuiltins) {
    if (name == b.name) return resolveBuiltin(ctx, ref, b.kind);
  }
  if (const EnumInfo* e = ctx.findEnum(name)) {
    if (!ref.args.empty() || ref.unit) {
      ctx.diags().error(ref.range, "enum type '" + name + "' takes no arguments");
      return std::nullopt;
    }
    ir::Type t;
    t.kind = ir::TypeKind::Enum;
    t.enumName = e->name();
    return t;
  }
  if (ctx.findTable(name)) {
    ctx.diags().error(ref.name.range, "'" + name +
                                          "' is a table, not a type (to refer to a row, use a "
                                          "key column with 'references " +
                                          name + "(...)')");
    return std::nullopt;
  }
  std::vector<std::string> candidates;
  for (const Builtin& b : kBuiltins) candidates.emplace_back(b.name);
  for (const auto& [n, i] : ctx.enumIndex) candidates.emplace_back(n);
  ctx.diags().error(ref.name.range, "unknown type '" + name + "'" + didYouMean(name, candidates));
  return std::nullopt;
}

}  // namespace

void resolveTypes(Context& ctx) {
  forEachTable(ctx, [&](TableInfo& t) {
    for (ColumnInfo& c : t.columns) c.type = resolveType(ctx, c.decl->type);
  });
}

}  // namespace schemac::sema
