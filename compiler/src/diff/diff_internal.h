// Pieces of the differ shared between its files (not part of the public interface).
#pragma once

#include <string>
#include <vector>

#include "schemac/diff.h"

namespace schemac::diff::detail {

// Resolves hints, explicit renames and confirmed guesses into one set of renames.
Renames resolveRenames(const ir::Schema& from, const ir::Schema& to, const DiffOptions& options);

// Classifies `c` in place: sets safety and reason.
void classify(Change& c, const ir::Schema& from, const ir::Schema& to);

// Tables in dependency order: a referenced table before the tables referencing it; ties and
// cycles broken by name.
std::vector<const ir::Table*> dependencyOrder(const ir::Schema& s);

}  // namespace schemac::diff::detail
