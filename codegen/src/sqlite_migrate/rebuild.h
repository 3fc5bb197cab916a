// The pieces of a SQLite migration that depend on what ALTER TABLE allows.
#pragma once

#include <string>
#include <vector>

#include "schemac/diff.h"
#include "schemac/ir.h"

namespace schemac::codegen::sqlite {

// Whether `ALTER TABLE ADD COLUMN` can add `c` to `table` (of `schema`): not part of the
// primary key, not generated, not autoincrement, and nullable or with a default that the
// lowering writes as a plain literal (ADD COLUMN refuses CURRENT_* and parenthesised
// defaults). Type-implied CHECKs are column constraints, which ADD COLUMN accepts.
bool canAddInPlace(const ir::Schema& schema, const ir::Table& table, const ir::Column& c);
// Whether `ALTER TABLE DROP COLUMN` can drop `c` from `table`: not in the primary key, not
// generated, and not used by a check, foreign key, generated column or another table's
// foreign key. Indexes on it are dropped before (they cannot survive the column).
bool canDropInPlace(const ir::Schema& schema, const ir::Table& table, const ir::Column& c);
// The column definition ADD COLUMN takes.
std::string addColumnDefinition(const ir::Schema& schema, const ir::Table& table,
                                const ir::Column& c);
// The storage affinity SQLite derives from `c`'s declared type (its sqltype, else its
// type's; INTEGER, TEXT, BLOB, REAL, NUMERIC), by its documented rules
// (https://sqlite.org/datatype3.html#affname).
std::string affinity(const ir::Column& c);

// The rebuild of one kept table: `prev` is its previous shape with renames applied (the
// live table already carries the new names), `next` its new shape in `schema`.
std::vector<std::string> rebuildTable(const ir::Schema& schema, const ir::Table& prev,
                                      const ir::Table& next, const diff::Renames& renames);

}  // namespace schemac::codegen::sqlite
