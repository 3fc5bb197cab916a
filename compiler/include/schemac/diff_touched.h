// The tables a migration concerns, so that an incremental `generate` on a schema of thousands
// of tables reads, diffs, lowers and verifies a handful of them instead of all of them.
//
// The previous schema comes as its canonical JSON text (a snapshot's `schema`): a table whose
// text equals the canonical text of the next schema's table of that name is unchanged and is
// neither read nor compared further. The cut-down schemas keep every table that the differ
// (compiler/src/diff), its SQLite lowering (codegen/src/sqlite_migrate) and db::verifyMigration
// look at for the changes, so that they produce, byte for byte, what they produce on the whole
// schemas:
//   - the changed, added and removed tables, and every table using an enum that changed;
//   - the tables referencing one of those (a column's DROP refuses a column another table's
//     foreign key references; verification builds one hop of references around a change);
//   - everything those tables reference, transitively: the creation and dependency orders
//     (Kahn's algorithm, smallest name first) of an ancestor-closed set without reference
//     cycles are the whole schema's orders restricted to it.
// The enums, namespace and doc are kept whole. Rename hints need nothing more: a hint renames
// only a table absent from the previous schema to one absent from the next (both changed),
// and a column only within a table whose columns changed; a hint that no longer applies is
// left in the next schema's tables as the whole-schema diff sees it. When the argument does
// not hold, the whole schemas are needed (nullopt): views, triggers, virtual tables and the
// other SQLite extras (whose text the fast writer does not write), a reference cycle among the
// kept tables, an index name of an added or removed table reused by a left-out table (the
// lowering drops it early), or a text not laid out canonically.
#pragma once

#include <optional>
#include <string_view>
#include <vector>

#include "schemac/ir.h"
#include "schemac/ir_json_tables.h"

namespace schemac::diff {

struct TouchedSchemas {
  ir::Schema previous;        // the previous schema's kept tables, enums, namespace and doc
  ir::Schema next;            // the next schema's kept tables, enums, namespace and doc
  std::size_t unchanged = 0;  // tables left out (the same on both sides)
  std::size_t changed = 0;    // tables that differ, were added or were removed
};

// `previousJson`: the canonical JSON of the previous schema (without hints, as snapshots hold
// it). nullopt: diff the whole schemas.
std::optional<TouchedSchemas> touchedSchemas(std::string_view previousJson, const ir::Schema& next);

// The same in two steps, so that the previous text can be cut up before the next schema is
// known (generate does it on the thread that reads the directory while the schema compiles).
struct PreviousTables {
  ir::Schema rest;                    // namespace, doc, enums
  std::vector<ir::TableText> tables;  // by name; views into the text
  int base = 0;                       // the text's nesting (ir::splitCanonicalTables)
};
// nullopt: the text is not laid out canonically (diff the whole schemas). `base`: 2 for the
// schema as a snapshot file nests it (migrations::snapshotSchemaText).
std::optional<PreviousTables> previousTables(std::string_view previousJson, int base = 0);
std::optional<TouchedSchemas> touchedSchemas(const PreviousTables& previous,
                                             const ir::Schema& next);

}  // namespace schemac::diff
