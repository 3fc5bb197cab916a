// touchedSchemas(): the previous and next schemas cut down to the tables a migration concerns
// (the argument for each kept table is in schemac/diff_touched.h).
#include <algorithm>
#include <deque>
#include <set>
#include <string>
#include <vector>

#include "schemac/diff_touched.h"
#include "schemac/ir_json_tables.h"
#include "schemac/support/ascii.h"

namespace schemac::diff {
namespace {

// Enums compare without their hints (a snapshot has none): a hint that renames makes the
// names differ anyway.
bool sameEnum(ir::Enum a, ir::Enum b) {
  for (ir::Enum* e : {&a, &b}) {
    e->renamedFrom.clear();
    for (ir::EnumValue& v : e->values) v.renamedFrom.clear();
  }
  return a == b;
}

template <typename T>
bool strictlySorted(const std::vector<T>& v, std::string_view (*name)(const T&)) {
  for (std::size_t i = 1; i < v.size(); ++i) {
    if (!(name(v[i - 1]) < name(v[i]))) return false;
  }
  return true;
}

// A table name of either side.
struct Entry {
  std::string_view name;
  const ir::Table* next = nullptr;      // the next schema's table
  const ir::Table* previous = nullptr;  // the previous one (`next` when unchanged)
  std::string_view previousText;        // its text, when the previous schema has it
  bool inPrevious = false;
  bool changed = false;  // differs, added or removed
  bool seed = false;     // changed, or uses a changed enum
  bool kept = false;     // in the cut-down schemas
};

class Cut {
 public:
  explicit Cut(std::vector<Entry> entries) : entries_(std::move(entries)) {}

  Entry* find(std::string_view name) {
    auto it = std::lower_bound(entries_.begin(), entries_.end(), name,
                               [](const Entry& e, std::string_view n) { return e.name < n; });
    return it != entries_.end() && it->name == name ? &*it : nullptr;
  }

  std::vector<Entry>& entries() { return entries_; }

  // Everything the kept tables reference on either side, transitively.
  void closeOverReferences() {
    std::vector<Entry*> work;
    for (Entry& e : entries_) {
      if (e.kept) work.push_back(&e);
    }
    while (!work.empty()) {
      Entry* e = work.back();
      work.pop_back();
      for (const ir::Table* t : {e->next, e->previous}) {
        if (!t) continue;
        for (const ir::ForeignKey& fk : t->foreignKeys) {
          Entry* r = find(fk.refTable);
          if (r && !r->kept) {
            r->kept = true;
            work.push_back(r);
          }
        }
      }
    }
  }

  // Whether the kept tables of one side reference each other in a cycle (a table referencing
  // itself does not count: both orders ignore it).
  bool hasCycle(bool previousSide) {
    auto side = [&](const Entry& e) { return previousSide ? e.previous : e.next; };
    enum Color : unsigned char { White, Grey, Black };
    std::vector<Color> color(entries_.size(), White);
    auto indexOf = [&](const Entry* e) { return static_cast<std::size_t>(e - entries_.data()); };
    for (std::size_t root = 0; root < entries_.size(); ++root) {
      if (!entries_[root].kept || !side(entries_[root]) || color[root] != White) continue;
      // Iterative depth-first search: (entry, next foreign key to follow).
      std::vector<std::pair<std::size_t, std::size_t>> stack{{root, 0}};
      color[root] = Grey;
      while (!stack.empty()) {
        auto& [i, k] = stack.back();
        const std::vector<ir::ForeignKey>& fks = side(entries_[i])->foreignKeys;
        if (k == fks.size()) {
          color[i] = Black;
          stack.pop_back();
          continue;
        }
        const ir::ForeignKey& fk = fks[k++];
        Entry* r = find(fk.refTable);
        if (!r || !r->kept || !side(*r)) continue;
        std::size_t j = indexOf(r);
        if (j == i) continue;
        if (color[j] == Grey) return true;
        if (color[j] == White) {
          color[j] = Grey;
          stack.push_back({j, 0});
        }
      }
    }
    return false;
  }

 private:
  std::vector<Entry> entries_;  // by name
};

}  // namespace

std::optional<PreviousTables> previousTables(std::string_view previousJson, int base) {
  PreviousTables p;
  p.base = base;
  if (!ir::splitCanonicalTables(previousJson, base, &p.rest, &p.tables) ||
      !strictlySorted<ir::TableText>(p.tables, [](const ir::TableText& t) { return t.name; })) {
    return std::nullopt;
  }
  return p;
}

std::optional<TouchedSchemas> touchedSchemas(std::string_view previousJson,
                                             const ir::Schema& next) {
  std::optional<PreviousTables> previous = previousTables(previousJson);
  if (!previous) return std::nullopt;
  return touchedSchemas(*previous, next);
}

std::optional<TouchedSchemas> touchedSchemas(const PreviousTables& previous,
                                             const ir::Schema& next) {
  if (ir::usesSqliteExtras(next)) return std::nullopt;
  if (!strictlySorted<ir::Table>(next.tables,
                                 [](const ir::Table& t) { return std::string_view(t.name); })) {
    return std::nullopt;
  }
  const ir::Schema& rest = previous.rest;
  const std::vector<ir::TableText>& texts = previous.tables;

  // Both sides by name; a table on both sides is unchanged when its texts are equal.
  std::vector<Entry> merged;
  merged.reserve(next.tables.size() + 16);
  std::vector<const ir::Table*> bothNext;
  std::vector<std::string_view> bothText;
  bothNext.reserve(next.tables.size());
  bothText.reserve(next.tables.size());
  std::size_t i = 0, j = 0;
  while (i < next.tables.size() || j < texts.size()) {
    Entry e;
    const bool takeNext =
        j == texts.size() || (i < next.tables.size() && next.tables[i].name <= texts[j].name);
    const bool takeText =
        i == next.tables.size() || (j < texts.size() && texts[j].name <= next.tables[i].name);
    if (takeNext) {
      e.name = next.tables[i].name;
      e.next = &next.tables[i++];
    }
    if (takeText) {
      e.name = texts[j].name;
      e.previousText = texts[j++].text;
      e.inPrevious = true;
    }
    e.changed = !e.next || !e.inPrevious;
    if (!e.changed) {
      bothNext.push_back(e.next);
      bothText.push_back(e.previousText);
    }
    merged.push_back(e);
  }
  std::vector<char> same;
  ir::sameTablesJson(bothNext, bothText, previous.base, &same);
  std::size_t k = 0;
  for (Entry& e : merged) {
    if (e.changed) continue;
    e.changed = !same[k++];
    if (!e.changed) e.previous = e.next;
  }
  Cut cut(std::move(merged));

  // The changed tables' previous versions, read from their texts.
  std::deque<ir::Table> read;
  for (Entry& e : cut.entries()) {
    if (!e.changed || !e.inPrevious) continue;
    read.emplace_back();
    if (!ir::tableFromJson(e.previousText, &read.back())) return std::nullopt;
    e.previous = &read.back();
  }

  // Enums are kept whole; a changed one concerns every table using it (rebuilt for its CHECK).
  std::set<std::string_view> changedEnums;
  for (const ir::Enum& e : rest.enums) {
    const ir::Enum* n = next.findEnum(e.name);
    if (!n || !sameEnum(*n, e)) changedEnums.insert(e.name);
  }
  for (const ir::Enum& e : next.enums) {
    if (!rest.findEnum(e.name)) changedEnums.insert(e.name);
  }
  auto usesChangedEnum = [&](const ir::Table* t) {
    return t && std::any_of(t->columns.begin(), t->columns.end(), [&](const ir::Column& c) {
             return c.type.kind == ir::TypeKind::Enum && changedEnums.count(c.type.enumName);
           });
  };

  TouchedSchemas out;
  for (Entry& e : cut.entries()) {
    e.seed = e.changed ||
             (!changedEnums.empty() && (usesChangedEnum(e.next) || usesChangedEnum(e.previous)));
    e.kept = e.seed;
    if (e.changed) ++out.changed;
  }
  // One hop back: the tables referencing a seed (the unchanged ones are the same on both
  // sides; the changed ones are seeds themselves).
  for (Entry& e : cut.entries()) {
    if (e.kept || !e.next) continue;
    for (const ir::ForeignKey& fk : e.next->foreignKeys) {
      const Entry* r = cut.find(fk.refTable);
      if (r && r->seed) {
        e.kept = true;
        break;
      }
    }
  }
  cut.closeOverReferences();
  if (cut.hasCycle(true) || cut.hasCycle(false)) return std::nullopt;

  // The lowering drops early an index of a removed table whose name (any case) the next schema
  // gives another index, and (down) the same for an added table: a left-out table must not be
  // that other one.
  std::set<std::string> oneSided;
  for (const Entry& e : cut.entries()) {
    if (e.next && e.inPrevious) continue;
    for (const ir::Index& ix : (e.next ? e.next : e.previous)->indexes) {
      oneSided.insert(support::lowerAscii(ix.name));
    }
  }
  if (!oneSided.empty()) {
    for (const Entry& e : cut.entries()) {
      if (e.kept) continue;
      for (const ir::Index& ix : e.next->indexes) {
        if (oneSided.count(support::lowerAscii(ix.name))) return std::nullopt;
      }
    }
  }

  out.previous.ns = rest.ns;
  out.previous.doc = rest.doc;
  out.previous.enums = rest.enums;
  out.next.ns = next.ns;
  out.next.doc = next.doc;
  out.next.enums = next.enums;
  for (const Entry& e : cut.entries()) {
    if (!e.kept) {
      ++out.unchanged;
      continue;
    }
    if (e.previous) out.previous.tables.push_back(*e.previous);
    if (e.next) out.next.tables.push_back(*e.next);
  }
  // The previous side's extras too (the next side's were refused above): only a changed table
  // read from its text could bring some.
  if (ir::usesSqliteExtras(out.previous)) return std::nullopt;
  return out;
}

}  // namespace schemac::diff
