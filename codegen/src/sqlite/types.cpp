// Logical type -> SQLite declared type and the CHECK the type implies. The declared names are
// chosen for their affinity (SQLite section 3.1 "Determination Of Column Affinity") and so that
// introspection can read the logical type back; docs/sqlite-lowering.md has the table.
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
      return "TIMESTAMP";  // NUMERIC; values are unix ms
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

std::string impliedCheck(const ir::Schema& schema, const ir::Column& column) {
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
  // SQLite 3.40 has no unixepoch('now', 'subsec'); julianday keeps the milliseconds.
  return "CAST((julianday('now') - 2440587.5) * 86400000 AS INTEGER)";
}

}  // namespace schemac::codegen::sqlite
