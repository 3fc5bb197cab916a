#include "schemac/ir.h"

#include <algorithm>

namespace schemac::ir {
namespace {

template <typename T>
void sortByName(std::vector<T>& v) {
  auto byName = [](const T& a, const T& b) { return a.name < b.name; };
  // Mostly sorted already (sema hands them over in name order): std::sort would still move
  // every table.
  if (!std::is_sorted(v.begin(), v.end(), byName)) std::sort(v.begin(), v.end(), byName);
}

template <typename T>
const T* findByName(const std::vector<T>& v, const std::string& n) {
  for (const T& x : v) {
    if (x.name == n) return &x;
  }
  return nullptr;
}

}  // namespace

const Column* Table::findColumn(const std::string& n) const { return findByName(columns, n); }
const Table* Schema::findTable(const std::string& n) const { return findByName(tables, n); }
const Enum* Schema::findEnum(const std::string& n) const { return findByName(enums, n); }
const View* Schema::findView(const std::string& n) const { return findByName(views, n); }
const Trigger* Schema::findTrigger(const std::string& n) const { return findByName(triggers, n); }
const VirtualTable* Schema::findVirtualTable(const std::string& n) const {
  return findByName(virtualTables, n);
}

void canonicalize(Schema& s) {
  sortByName(s.tables);
  sortByName(s.enums);
  sortByName(s.views);
  sortByName(s.triggers);
  sortByName(s.virtualTables);
  for (Table& t : s.tables) {
    sortByName(t.indexes);
    sortByName(t.checks);
    sortByName(t.foreignKeys);
  }
}

Schema withoutHints(Schema s) {
  for (Table& t : s.tables) {
    t.renamedFrom.clear();
    for (Column& c : t.columns) c.renamedFrom.clear();
  }
  for (Enum& e : s.enums) {
    e.renamedFrom.clear();
    for (EnumValue& v : e.values) v.renamedFrom.clear();
  }
  return s;
}

const char* typeKindName(TypeKind k) {
  switch (k) {
    case TypeKind::Int:
      return "int";
    case TypeKind::Int32:
      return "int32";
    case TypeKind::Real:
      return "real";
    case TypeKind::Decimal:
      return "decimal";
    case TypeKind::Text:
      return "text";
    case TypeKind::Varchar:
      return "varchar";
    case TypeKind::Bool:
      return "bool";
    case TypeKind::Timestamp:
      return "timestamp";
    case TypeKind::Date:
      return "date";
    case TypeKind::Uuid:
      return "uuid";
    case TypeKind::Json:
      return "json";
    case TypeKind::Blob:
      return "blob";
    case TypeKind::Enum:
      return "enum";
  }
  return "int";
}

std::string typeToString(const Type& t) {
  switch (t.kind) {
    case TypeKind::Decimal:
      return "decimal(" + std::to_string(t.precision) + ", " + std::to_string(t.scale) + ")";
    case TypeKind::Varchar:
      return "varchar(" + std::to_string(t.length) + ")";
    case TypeKind::Enum:
      return t.enumName;
    case TypeKind::Timestamp:
      return t.unit == TimeUnit::Seconds ? "timestamp(s)"
             : t.unit == TimeUnit::Text  ? "timestamp(text)"
                                         : "timestamp";
    default:
      return typeKindName(t.kind);
  }
}

const char* fkActionName(FkAction a) {
  switch (a) {
    case FkAction::NoAction:
      return "no action";
    case FkAction::Restrict:
      return "restrict";
    case FkAction::Cascade:
      return "cascade";
    case FkAction::SetNull:
      return "set null";
    case FkAction::SetDefault:
      return "set default";
  }
  return "no action";
}

const char* deferralName(Deferral d) {
  switch (d) {
    case Deferral::NotDeferrable:
      return "";
    case Deferral::Immediate:
      return "immediate";
    case Deferral::Deferred:
      return "deferred";
  }
  return "";
}

const char* triggerTimingName(TriggerTiming t) {
  switch (t) {
    case TriggerTiming::Before:
      return "before";
    case TriggerTiming::After:
      return "after";
    case TriggerTiming::InsteadOf:
      return "instead of";
  }
  return "before";
}

const char* triggerEventName(TriggerEvent e) {
  switch (e) {
    case TriggerEvent::Insert:
      return "insert";
    case TriggerEvent::Delete:
      return "delete";
    case TriggerEvent::Update:
      return "update";
  }
  return "insert";
}

bool usesSqliteExtras(const Schema& s) {
  if (!s.views.empty() || !s.triggers.empty() || !s.virtualTables.empty()) return true;
  for (const Table& t : s.tables) {
    if (t.withoutRowid || t.strict || !t.primaryKeyName.empty()) return true;
    for (const Column& c : t.columns) {
      if (!c.collation.empty() || !c.tsType.empty() || c.type.unit == TimeUnit::Text) return true;
    }
    for (const Index& ix : t.indexes) {
      if (ix.constraint || ix.unnamed) return true;
      for (const IndexColumn& c : ix.columns) {
        if (c.expr || !c.collation.empty()) return true;
      }
    }
    for (const Check& c : t.checks) {
      if (c.unnamed) return true;
    }
    for (const ForeignKey& fk : t.foreignKeys) {
      if (fk.unnamed || fk.deferral != Deferral::NotDeferrable) return true;
    }
  }
  return false;
}

}  // namespace schemac::ir
