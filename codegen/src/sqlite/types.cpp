// Logical type -> SQLite declared type and the CHECK the type implies. The declared names are
// chosen for their affinity (SQLite section 3.1 "Determination Of Column Affinity") and so that
// introspection can read the logical type back; docs/sqlite-lowering.md has the table.
#include <cctype>
#include <string>

#include "schemac/codegen/sqlite.h"

namespace schemac::codegen::sqlite {

std::string typeName(const ir::Type& t) {
  switch (t.kind) {
    case ir::TypeKind::Int:
      return "INTEGER";  // exactly INTEGER: a single key is the rowid
    case ir::TypeKind::Int32:
      return "INT";  // INTEGER affinity, but never a rowid alias
    case ir::TypeKind::Real:
      return "REAL";
    case ir::TypeKind::Decimal:  // NUMERIC affinity
      return "DECIMAL(" + std::to_string(t.precision) + ", " + std::to_string(t.scale) + ")";
    case ir::TypeKind::Text:
      return "TEXT";
    case ir::TypeKind::Varchar:
      return "VARCHAR(" + std::to_string(t.length) + ")";  // TEXT
    case ir::TypeKind::Bool:
      return "BOOLEAN";  // NUMERIC: '1' is stored as 1
    case ir::TypeKind::Timestamp:
      // NUMERIC; values are unix ms, or unix seconds under TIMESTAMP_S (a name of its own so
      // that introspection reads the unit back).
      // TIMESTAMP_TEXT: ISO-8601 text (Django/Rails `datetime`), TEXT affinity ("TEXT" in the
      // name) so '2024-01-01 10:00:00' is never read as a number.
      if (t.unit == ir::TimeUnit::Text) return "TIMESTAMP_TEXT";
      return t.unit == ir::TimeUnit::Seconds ? "TIMESTAMP_S" : "TIMESTAMP";
    case ir::TypeKind::Date:
      return "DATE";  // NUMERIC; 'YYYY-MM-DD' stays TEXT
    case ir::TypeKind::Uuid:
      return "UUID";  // NUMERIC; canonical UUID text stays TEXT
    case ir::TypeKind::Json:
      return "TEXT";  // JSON would be NUMERIC: '1' -> 1
    case ir::TypeKind::Blob:
      return "BLOB";
    case ir::TypeKind::Enum:
      return "TEXT";
  }
  return "BLOB";
}

std::string declaredType(const ir::Column& column) {
  return column.sqlType.empty() ? typeName(column.type) : column.sqlType;
}

namespace {

// Upper case, without whitespace: `decimal (12,2)` and `DECIMAL(12, 2)` agree.
std::string declaredKey(std::string_view s) {
  std::string out;
  for (char ch : s) {
    unsigned char u = static_cast<unsigned char>(ch);
    if (!std::isspace(u)) out += static_cast<char>(std::toupper(u));
  }
  return out;
}

}  // namespace

bool sameDeclaredType(std::string_view a, std::string_view b) {
  return declaredKey(a) == declaredKey(b);
}

std::string impliedCheck(const ir::Schema& schema, const ir::Column& column) {
  if (column.unchecked) return {};  // the database has none (a table made by another tool)
  std::string c = quoteIdent(column.name);
  switch (column.type.kind) {
    case ir::TypeKind::Bool:
      return c + " IN (0, 1)";
    case ir::TypeKind::Varchar:
      return "length(" + c + ") <= " + std::to_string(column.type.length);
    // json_valid(NULL) is 0, not NULL, so a nullable column needs the IS NULL arm; it is
    // written the same way for NOT NULL columns so the check depends on the type alone.
    case ir::TypeKind::Json:
      return c + " IS NULL OR json_valid(" + c + ")";
    case ir::TypeKind::Enum: {
      std::string out = c + " IN (";
      if (const ir::Enum* e = schema.findEnum(column.type.enumName)) {
        for (std::size_t i = 0; i < e->values.size(); ++i) {
          if (i) out += ", ";
          out += quoteString(e->values[i].name);
        }
      }
      return out + ")";
    }
    default:
      return {};
  }
}

std::string nowSql(std::string_view kind) {
  if (kind == "date") return "date('now')";
  // Whole seconds, spelled as drizzle-kit users write it (SQLite >= 3.38, tursodb).
  if (kind == "timestamp_s") return "unixepoch()";
  // 'YYYY-MM-DD HH:MM:SS' text, what Django and Rails store in a `datetime` column.
  if (kind == "timestamp_text") return "CURRENT_TIMESTAMP";
  // SQLite 3.40 has no unixepoch('now', 'subsec'); julianday keeps the milliseconds.
  return "CAST((julianday('now') - 2440587.5) * 86400000 AS INTEGER)";
}

}  // namespace schemac::codegen::sqlite
