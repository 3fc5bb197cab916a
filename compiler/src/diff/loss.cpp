// Data-loss analysis: what each change can do to rows that already exist.
//   Safe      cannot fail and keeps every stored value
//   MayFail   fails, and the migration rolls back, when existing rows violate the new shape
//   LosesData succeeds but drops or rewrites stored values
// The reason is the warning text that generate prints and writes atop the migration.
#include <fmt/core.h>

#include "diff/diff_internal.h"

namespace schemac::diff::detail {
namespace {

using ir::TypeKind;

bool isIntegerLike(TypeKind k) { return k == TypeKind::Int || k == TypeKind::Int32; }
bool isTextLike(TypeKind k) {
  return k == TypeKind::Text || k == TypeKind::Varchar || k == TypeKind::Uuid ||
         k == TypeKind::Json || k == TypeKind::Enum || k == TypeKind::Date;
}

// How converting stored values from `a` to `b` behaves.
Safety typeChangeSafety(const ir::Type& a, const ir::Type& b, std::string* why) {
  TypeKind x = a.kind, y = b.kind;
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
    if (x.what & kType) {
      std::string why;
      Safety s = typeChangeSafety(x.from.type, x.to.type, &why);
      if (s == Safety::LosesData) {
        set(s, fmt::format("changes type of {} from {} to {}: {} (data loss)", name,
                           ir::typeToString(x.from.type), ir::typeToString(x.to.type), why));
        return;
      }
      if (s == Safety::MayFail) {
        set(s, fmt::format("changes type of {} from {} to {}: {}", name,
                           ir::typeToString(x.from.type), ir::typeToString(x.to.type), why));
        return;
      }
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
    set(Safety::MayFail,
        fmt::format("changes the primary key of {} (fails on duplicate or NULL keys)", x.table));
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
