// A schema's canonical JSON taken apart table by table, for readers that need only some of its
// tables: a snapshot of a 5,000-table schema is 22 MB, and an incremental `generate` concerns a
// few of them. The cuts rely on the strict layout of toCanonicalJson (two-space indentation,
// one key per line, no raw newline inside a string); any other text is refused, and the caller
// reads it whole with fromJson.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "schemac/ir.h"

namespace schemac::ir {

// One element of the `tables` array: the table's name (as written, no escapes) and its text
// from `{` to `}` (indented as inside the schema).
struct TableText {
  std::string_view name;
  std::string_view text;
};

// Cuts `json` (the canonical JSON of a schema without views, triggers or virtual tables, from
// its `{` to its `}`, a final newline allowed; with `base` more spaces after every newline when
// nested, as in a snapshot: 2) into the schema without its tables (*rest: namespace, doc,
// enums) and its tables' texts, in the text's order. False when the text is not laid out that
// way or *rest cannot be read by the fast reader; the views point into `json`.
bool splitCanonicalTables(std::string_view json, int base, Schema* rest,
                          std::vector<TableText>* tables);

// Reads one TableText::text; false when fromJson's fast reader would not read it.
bool tableFromJson(std::string_view text, Table* out);

// Whether `text` is exactly the canonical JSON of `t` without its hints, as a schema's text
// nested `base` spaces deeper has it (so that reading `text` gives `t` without hints). `t` must
// not use what usesSqliteExtras() looks for. *scratch is reused between calls.
bool sameTableJson(const Table& t, std::string_view text, int base, std::string* scratch);
// sameTableJson(*tables[i], texts[i], base) into (*same)[i] (0 or 1) for many tables: written
// in batches into one buffer, cheaper than one call per table.
void sameTablesJson(const std::vector<const Table*>& tables,
                    const std::vector<std::string_view>& texts, int base, std::vector<char>* same);

}  // namespace schemac::ir
