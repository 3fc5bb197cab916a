// Pieces of the differ shared between its files (not part of the public interface).
#pragma once

#include <string>
#include <vector>

#include "schemac/diff.h"

namespace schemac::diff::detail {

// Resolves hints, explicit renames and confirmed guesses into one set of renames.
Renames resolveRenames(const ir::Schema& from, const ir::Schema& to, const DiffOptions& options);

// Whether renameTable() would change `t` (a table of the previous schema).
bool touchedByRenames(const ir::Table& t, const Renames& renames);
// Applies the renames to one table of the previous schema: its name, its columns, and every
// reference (keys, indexes, checks, generated columns, defaults, foreign keys).
void renameTable(ir::Table& t, const Renames& renames);
void renameEnum(ir::Enum& e, const Renames& renames);

// Classifies `c` in place: sets safety and reason.
void classify(Change& c);

// Tables in dependency order: a referenced table before the tables referencing it; ties and
// cycles broken by name.
std::vector<const ir::Table*> dependencyOrder(const std::vector<const ir::Table*>& tables);
std::vector<const ir::Table*> dependencyOrder(const ir::Schema& s);

}  // namespace schemac::diff::detail
