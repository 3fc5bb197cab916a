// Data-loss analysis: what each change can do to rows that already exist.
//   Safe      cannot fail and keeps every stored value
//   MayFail   fails, and the migration rolls back, when existing rows violate the new shape
//   LosesData succeeds but drops or rewrites stored values
// The reason is the warning text that generate prints and writes atop the migration.
#include <fmt/core.h>

#include <cctype>

#include "diff/diff_internal.h"

namespace schemac::diff::detail {
namespace {

using ir::TypeKind;

bool isIntegerLike(TypeKind k) { return k == TypeKind::Int || k == TypeKind::Int32; }
bool isTextLike(TypeKind k) {
  return k == TypeKind::Text || k == TypeKind::Varchar || k == TypeKind::Uuid ||
         k == TypeKind::Json || k == TypeKind::Enum || k == TypeKind::Date;
}

// SQLite's column affinity (section 3.1 of its datatype docs), which decides how a value is
// stored: a declared type that changes affinity may change stored values in the rebuild copy.
enum class Affinity { Integer, Text, Blob, Real, Numeric };

Affinity affinityOf(const std::string& declared) {
  std::string up;
  for (char c : declared) up += static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  auto has = [&](const char* w) { return up.find(w) != std::string::npos; };
  if (has("INT")) return Affinity::Integer;
  if (has("CHAR") || has("CLOB") || has("TEXT")) return Affinity::Text;
  if (has("BLOB") || up.empty()) return Affinity::Blob;
  if (has("REAL") || has("FLOA") || has("DOUB")) return Affinity::Real;
  return Affinity::Numeric;
}

// The affinity of the declared type the SQLite lowering derives from a logical type
// (docs/sqlite-lowering.md): used when a column has no `sqltype`.
Affinity derivedAffinity(const ir::Type& t) {
  switch (t.kind) {
    case TypeKind::Int:
    case TypeKind::Int32:
      return Affinity::Integer;
    case TypeKind::Real:
      return Affinity::Real;
    case TypeKind::Text:
    case TypeKind::Varchar:
    case TypeKind::Json:
    case TypeKind::Enum:
      return Affinity::Text;
    case TypeKind::Blob:
      return Affinity::Blob;
    case TypeKind::Timestamp:  // TIMESTAMP_TEXT has TEXT affinity
      return t.unit == ir::TimeUnit::Text ? Affinity::Text : Affinity::Numeric;
    default:  // decimal, bool, date, uuid
      return Affinity::Numeric;
  }
}

Affinity columnAffinity(const ir::Column& c) {
  return c.sqlType.empty() ? derivedAffinity(c.type) : affinityOf(c.sqlType);
}

std::string declaredText(const ir::Column& c) {
  return c.sqlType.empty() ? "the default of " + ir::typeToString(c.type) : c.sqlType;
}

// How converting stored values from `a` to `b` behaves.
Safety typeChangeSafety(const ir::Type& a, const ir::Type& b, std::string* why) {
  TypeKind x = a.kind, y = b.kind;
  // The lowering converts timestamps between units while it copies the rows: seconds to
  // milliseconds is exact, milliseconds to seconds drops the sub-second part.
  if (x == TypeKind::Timestamp && y == TypeKind::Timestamp) {
    // ISO-8601 text is parsed on the way out: text that is no date becomes NULL.
    if (a.unit == ir::TimeUnit::Text) {
      *why = "values that are not ISO-8601 dates become NULL";
      return Safety::LosesData;
    }
    if (b.unit == ir::TimeUnit::Text) return Safety::Safe;  // every instant has a text form
    if (b.unit == ir::TimeUnit::Millis) return Safety::Safe;
    *why = "values are converted to whole seconds; milliseconds are dropped";
    return Safety::LosesData;
  }
  // Widening: every value survives unchanged.
  if (x == TypeKind::Int32 && y == TypeKind::Int) return Safety::Safe;
  if (x == TypeKind::Bool && isIntegerLike(y)) return Safety::Safe;
  if (isIntegerLike(x) && (y == TypeKind::Real || y == TypeKind::Decimal)) return Safety::Safe;
  if (y == TypeKind::Text && x != TypeKind::Blob) return Safety::Safe;
  if (x == TypeKind::Varchar && y == TypeKind::Varchar && b.length >= a.length) return Safety::Safe;
  if (x == TypeKind::Decimal && y == TypeKind::Decimal && b.scale >= a.scale &&
      b.precision - b.scale >= a.precision - a.scale) {
    return Safety::Safe;
  }
  if (x == TypeKind::Enum && y == TypeKind::Enum) {
    *why = "values outside enum " + b.enumName + " fail its check";
    return Safety::MayFail;
  }
  // Narrowing to a checked representation: bad values fail the type's check.
  if (isTextLike(x) && (y == TypeKind::Varchar || y == TypeKind::Enum || y == TypeKind::Json)) {
    *why = "values that do not fit " + ir::typeToString(b) + " fail its check";
    return Safety::MayFail;
  }
  if (isIntegerLike(x) && y == TypeKind::Bool) {
    *why = "values other than 0 and 1 fail the bool check";
    return Safety::MayFail;
  }
  if (x == TypeKind::Int && y == TypeKind::Int32) {
    *why = "values outside the 32-bit range are not representable";
    return Safety::LosesData;
  }
  *why = "values are converted with CAST; those that do not convert are changed";
  return Safety::LosesData;
}

std::string col(const std::string& t, const std::string& c) { return t + "." + c; }

struct Classifier {
  Change& c;

  void set(Safety s, std::string reason) {
    c.safety = s;
    c.reason = std::move(reason);
  }

  void operator()(const DropTable& x) {
    set(Safety::LosesData,
        fmt::format("drops table {} and all its rows (data loss)", x.table.name));
  }
  void operator()(const AddColumn& x) {
    const ir::Column& k = x.column;
    if (!k.nullable && !k.defaultValue && !k.generated) {
      set(Safety::MayFail,
          fmt::format("adds NOT NULL column {} without a default (fails if {} has rows)",
                      col(x.table, k.name), x.table));
    }
  }
  void operator()(const DropColumn& x) {
    set(Safety::LosesData, fmt::format("drops column {} (data loss)", col(x.table, x.column.name)));
  }
  void operator()(const AlterColumn& x) {
    std::string name = col(x.table, x.to.name);
    if ((x.what & kGenerated) && x.to.generated && !x.from.generated) {
      set(Safety::LosesData,
          fmt::format("column {} becomes generated: its stored values are replaced (data loss)",
                      name));
      return;
    }
    std::string why;
    Safety typeSafety =
        (x.what & kType) ? typeChangeSafety(x.from.type, x.to.type, &why) : Safety::Safe;
    if (typeSafety == Safety::LosesData) {
      set(typeSafety, fmt::format("changes type of {} from {} to {}: {} (data loss)", name,
                                  ir::typeToString(x.from.type), ir::typeToString(x.to.type), why));
      return;
    }
    // A new `sqltype` matters only if it changes the affinity: `text(256)` and TEXT store
    // values alike. (Logical type changes alone are judged above, by their conversion.)
    if ((x.what & kSqlType) && columnAffinity(x.from) != columnAffinity(x.to)) {
      set(Safety::LosesData,
          fmt::format("declared type of {} changes from {} to {}: SQLite may store values "
                      "differently (data loss)",
                      name, declaredText(x.from), declaredText(x.to)));
      return;
    }
    // Every may-fail type change fails on the new type's CHECK, which an unchecked column
    // does not have.
    if (typeSafety == Safety::MayFail && !x.to.unchecked) {
      set(typeSafety, fmt::format("changes type of {} from {} to {}: {}", name,
                                  ir::typeToString(x.from.type), ir::typeToString(x.to.type), why));
      return;
    }
    if ((x.what & kUnchecked) && !x.to.unchecked) {
      set(Safety::MayFail,
          fmt::format("adds the check of type {} on {} (fails if a row violates it)",
                      ir::typeToString(x.to.type), name));
      return;
    }
    if ((x.what & kNullability) && !x.to.nullable && !x.to.defaultValue && !x.to.generated) {
      set(Safety::MayFail,
          fmt::format("makes {} NOT NULL without a default (fails if a row holds NULL)", name));
    }
  }
  void operator()(const CreateIndex& x) {
    if (!x.index.unique) return;
    set(Safety::MayFail, fmt::format("adds unique index {} on {} (fails on duplicate values)",
                                     x.index.name, x.table));
  }
  void operator()(const AddCheck& x) {
    set(Safety::MayFail,
        fmt::format("adds check {} on {} (fails if a row violates it)", x.check.name, x.table));
  }
  void operator()(const AddForeignKey& x) {
    set(Safety::MayFail,
        fmt::format("adds foreign key {} on {} (fails if a row has no matching {} row)", x.fk.name,
                    x.table, x.fk.refTable));
  }
  void operator()(const AlterPrimaryKey& x) {
    if (x.from == x.to) return;  // only the constraint's name changes
    set(Safety::MayFail,
        fmt::format("changes the primary key of {} (fails on duplicate or NULL keys)", x.table));
  }
  void operator()(const AlterTableOptions& x) {
    if (x.toStrict && !x.fromStrict) {
      set(Safety::MayFail,
          fmt::format("makes {} STRICT (fails if a value does not fit its column's type)",
                      x.table));
    } else if (x.toWithoutRowid && !x.fromWithoutRowid) {
      set(Safety::MayFail,
          fmt::format("makes {} WITHOUT ROWID (fails if a key column holds NULL)", x.table));
    }
  }
  void operator()(const DropVirtualTable& x) {
    set(Safety::LosesData,
        fmt::format("drops virtual table {} and the rows it holds (data loss)", x.table.name));
  }
  void operator()(const DropEnumValue& x) {
    set(Safety::MayFail, fmt::format("removes value {} from enum {} (fails if a row holds it)",
                                     x.value, x.enumName));
  }
  template <typename T>
  void operator()(const T&) {}
};

}  // namespace

void classify(Change& c) {
  c.safety = Safety::Safe;
  c.reason.clear();
  std::visit(Classifier{c}, c.kind);
}

}  // namespace schemac::diff::detail
