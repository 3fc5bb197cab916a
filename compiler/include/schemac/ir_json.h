// Canonical JSON for the IR: sorted keys, 2-space indent, trailing newline, no timestamps.
// The same schema always serialises to the same bytes, and fromJson(toJson(s)) == s.
#pragma once

#include <string>
#include <string_view>

#include "schemac/ir.h"

namespace schemac::ir {

std::string toCanonicalJson(const Schema& s);
// Parses canonical (or hand-edited) JSON. On failure returns false and sets *error to one line.
bool fromJson(std::string_view json, Schema* out, std::string* error);

// SHA-256 (hex) of the canonical JSON of withoutHints(s): the schema's fingerprint, shared by
// migration snapshots and generated headers.
// (Hashed while the text is written, table by table, without keeping it or copying the schema.)
std::string fingerprint(const Schema& s);

// The canonical JSON of withoutHints(s) as a snapshot nests it, appended to *out: `indent` more
// spaces after every newline, no trailing newline. Returns fingerprint(s), hashed from the
// plain text while it is written: one pass over the schema for the snapshot and its fingerprint.
std::string appendNestedCanonicalJson(const Schema& s, int indent, std::string* out);

namespace detail {
// The nlohmann-tree implementations. toCanonicalJson and fromJson use direct fast paths and
// fall back to these for unusual input (invalid UTF-8, errors); tests compare the two.
std::string toCanonicalJsonNlohmann(const Schema& s);
bool fromJsonNlohmann(std::string_view json, Schema* out, std::string* error);
}  // namespace detail

}  // namespace schemac::ir
