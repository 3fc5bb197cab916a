// The builder follows two facts: the logical type (what the app sees: Date, boolean, string
// union, ...) and the SQL type the database declares, which decides what drizzle-kit compares.
// drizzle-orm's own builder is used when its SQL type is the declared one (`integer` for
// INTEGER, `text(16)` for VARCHAR(16), ...). schemac's own declared names for booleans,
// timestamps, dates and UUIDs (BOOLEAN, TIMESTAMP, DATE, UUID: NUMERIC affinity) read as
// `numeric` in drizzle-kit, which no drizzle-orm builder with those modes reports, so those
// columns use a small customType with the same conversions as drizzle-orm's modes.
#include "ts/ts_columns.h"

#include <algorithm>
#include <array>
#include <cctype>

#include "schemac/codegen/sqlite.h"
#include "ts/ts_names.h"

namespace schemac::codegen::ts {
namespace {

bool startsWithAny(const std::string& s, std::initializer_list<std::string_view> prefixes) {
  return std::any_of(prefixes.begin(), prefixes.end(),
                     [&](std::string_view p) { return s.rfind(p, 0) == 0; });
}

// The family without a length: `text(16)` -> `text`.
std::string familyBase(const std::string& family) { return family.substr(0, family.find('(')); }

// The `length` of a text(N) family, or empty.
std::string familyLength(const std::string& family) {
  std::size_t open = family.find('(');
  if (open == std::string::npos) return {};
  return family.substr(open + 1, family.size() - open - 2);
}

struct Natural {
  std::string family;   // integer | real | numeric | text | blob
  std::string options;  // drizzle-orm builder options, without braces
  std::string tsType;
  std::string kind;  // conversion kind for a customType: ms, s, bool, json, plain
};

Natural natural(const ir::Column& c, const std::string& enumConst, const std::string& enumType) {
  switch (c.type.kind) {
    case ir::TypeKind::Int:
    case ir::TypeKind::Int32:
      return {"integer", "", "number", "plain"};
    case ir::TypeKind::Real:
      return {"real", "", "number", "plain"};
    case ir::TypeKind::Decimal:
      // Exact: drizzle-orm's numeric() reads and writes strings.
      return {"numeric", "", "string", "plain"};
    case ir::TypeKind::Text:
    case ir::TypeKind::Varchar:
    case ir::TypeKind::Date:
    case ir::TypeKind::Uuid:
      return {"text", "", "string", "plain"};
    case ir::TypeKind::Bool:
      return {"integer", "mode: \"boolean\"", "boolean", "bool"};
    case ir::TypeKind::Timestamp:
      switch (c.type.unit) {
        case ir::TimeUnit::Millis:
          return {"integer", "mode: \"timestamp_ms\"", "Date", "ms"};
        case ir::TimeUnit::Seconds:
          return {"integer", "mode: \"timestamp\"", "Date", "s"};
        case ir::TimeUnit::Text:
          return {"text", "", "string", "plain"};
      }
      break;
    case ir::TypeKind::Json:
      return {"text", "mode: \"json\"", c.tsType.empty() ? "unknown" : c.tsType, "json"};
    case ir::TypeKind::Blob:
      return {"blob", "mode: \"buffer\"", "Buffer", "plain"};
    case ir::TypeKind::Enum:
      return {"text", "enum: " + enumConst, enumType, "plain"};
  }
  return {"blob", "mode: \"buffer\"", "Buffer", "plain"};
}

}  // namespace

std::string drizzleSqlType(const std::string& declared) {
  std::string t;
  for (char ch : declared) t += static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
  if (startsWithAny(t, {"int", "integer", "tinyint", "smallint", "mediumint", "bigint",
                        "unsigned big int", "int2", "int8"}))
    return "integer";
  if (startsWithAny(t, {"character", "varchar", "varying character", "national varying character",
                        "nchar", "native character", "nvarchar", "text", "clob"})) {
    auto digit = std::find_if(t.begin(), t.end(),
                              [](char ch) { return std::isdigit(static_cast<unsigned char>(ch)); });
    if (digit == t.end()) return "text";
    auto end = std::find_if(digit, t.end(),
                            [](char ch) { return !std::isdigit(static_cast<unsigned char>(ch)); });
    return "text(" + std::string(digit, end) + ")";
  }
  if (startsWithAny(t, {"blob"})) return "blob";
  if (startsWithAny(t, {"real", "double", "double precision", "float"})) return "real";
  return "numeric";
}

ColumnBuilder columnBuilder(const ir::Schema&, const ir::Column& c, const std::string& enumConst,
                            const std::string& enumType) {
  std::string family = drizzleSqlType(sqlite::declaredType(c));
  std::string base = familyBase(family);
  Natural n = natural(c, enumConst, enumType);
  std::string options = n.options;
  std::string length = familyLength(family);
  if (base == "text" && !length.empty()) {
    options = options.empty() ? "length: " + length : options + ", length: " + length;
  }
  ColumnBuilder b;
  b.tsType = n.tsType;
  std::string name = stringLiteral(c.name);
  if (base == n.family) {
    b.call = n.family + "(" + name + (options.empty() ? "" : ", { " + options + " }") + ")";
  } else {
    // Same value type and conversion as drizzle-orm's mode, under the declared SQL type.
    std::string conv = n.kind == "plain" ? (n.tsType == "number"   ? "number"
                                            : n.tsType == "Buffer" ? "buffer"
                                                                   : "string")
                                         : n.kind;
    b.helper = conv + "As" + pascalCase(base) + (length.empty() ? "" : length);
    b.call = b.helper + "(" + name + ")";
  }
  if (n.kind == "json" && !c.tsType.empty()) b.call += ".$type<" + c.tsType + ">()";
  if (c.type.kind == ir::TypeKind::Enum && !b.helper.empty())
    b.call += ".$type<" + enumType + ">()";
  return b;
}

std::string customHelper(const std::string& helper) {
  std::size_t as = helper.find("As");
  std::string conv = helper.substr(0, as);
  std::string rest = helper.substr(as + 2);
  std::string family;
  for (char ch : rest) {
    if (std::isdigit(static_cast<unsigned char>(ch)) && family.find('(') == std::string::npos)
      family += '(';
    family += static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
  }
  if (family.find('(') != std::string::npos) family += ')';
  std::string data, driver, to, from;
  if (conv == "ms") {
    data = "Date", driver = "number", to = "(value) => value.getTime()",
    from = "(value) => new Date(Number(value))";
  } else if (conv == "s") {
    data = "Date", driver = "number", to = "(value) => Math.floor(value.getTime() / 1000)",
    from = "(value) => new Date(Number(value) * 1000)";
  } else if (conv == "bool") {
    data = "boolean", driver = "number", to = "(value) => (value ? 1 : 0)",
    from = "(value) => Boolean(value)";
  } else if (conv == "json") {
    data = "unknown", driver = "string", to = "(value) => JSON.stringify(value)",
    from = "(value) => JSON.parse(value)";
  } else if (conv == "number") {
    data = "number", driver = "number";
  } else if (conv == "buffer") {
    data = "Buffer", driver = "Buffer";
  } else {
    data = "string", driver = "string";
  }
  std::string out = "const " + helper + " = customType<{ data: " + data +
                    "; driverData: " + driver + " }>({\n  dataType: () => " +
                    stringLiteral(family) + ",\n";
  if (!to.empty()) out += "  toDriver: " + to + ",\n  fromDriver: " + from + ",\n";
  return out + "});\n";
}

}  // namespace schemac::codegen::ts
