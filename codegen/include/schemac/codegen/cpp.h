// C++20 header generation (spec section 7, docs/cpp.md): one header per schema with, for each
// table, a row struct, an insertable struct, a key type and a descriptor of typed columns for
// the runtime's typed queries; enum classes with string conversion; the schema's fingerprint
// and its migrations embedded for rt::migrate and verify().
#pragma once

#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include "schemac/ir.h"
#include "schemac/support/error.h"

namespace schemac::codegen::cpp {

// One migration of the migrations directory, as embedded in the header.
struct EmbeddedMigration {
  int idx = 0;
  std::string tag;
  std::string upSql;
  std::optional<std::string> downSql;
  std::string checksum;
  bool breakpoints = true;
  bool rebuildsTables = false;
  bool dataLoss = false;
  std::string fingerprint;
  std::string snapshot;
};

struct HeaderOptions {
  // C++ namespace, `a::b` or `a.b`; empty: the schema's namespace (or `db` without one).
  std::string ns;
  // ir::fingerprint of the schema (computed by the caller: the codegen library does not hash).
  std::string fingerprint;
  std::vector<EmbeddedMigration> migrations;
};

// A schema that cannot be expressed in C++ as generated (two names that map to the same C++
// name, more than 64 columns with defaults in one table). One line.
class CppGenError : public support::Error {
 public:
  using support::Error::Error;
};

std::string generateHeader(const ir::Schema& schema, const HeaderOptions& options);

// ---- names (codegen/src/cpp/names.cpp) ----

// `invoice_items` -> `InvoiceItems`.
std::string pascalCase(std::string_view name);
// A C++ identifier for a schema name: keywords and the names in `reserved` get a trailing `_`.
std::string identifier(std::string_view name, const std::vector<std::string_view>& reserved = {});
// `lumenr.db` or `lumenr::db` -> `lumenr::db` (each part made an identifier).
std::string cppNamespace(std::string_view ns);
// A C++ string literal for `text` (escapes `\`, `"` and control characters).
std::string stringLiteral(std::string_view text);

}  // namespace schemac::codegen::cpp
