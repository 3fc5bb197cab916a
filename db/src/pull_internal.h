// Inside db only: what pull.cpp and pull_recover.cpp share.
#pragma once

#include <cstddef>
#include <map>
#include <string>
#include <utility>
#include <vector>

#include "schemac/ir.h"

namespace schemac::db::detail {

// One expression of a schema that pull may write either as sql"..." or in the language: a
// default, a generated column, a check, a partial-index predicate or an expression index part.
struct ExprSlot {
  // Names the expression in any IR with the same names ("users\tcheck\tusers_email_check"), so
  // the slots of the live schema and of the compiled text pair up.
  std::string key;
  const ir::Table* table = nullptr;
  const ir::Column* column = nullptr;  // the column whose default this is; null otherwise
  ir::Expr* expr = nullptr;
  // A check without a name in the database: its name is a default the compiled text may
  // choose differently, so it is matched by table and SQL instead of by `key`.
  bool unnamedCheck = false;
};

// Every such expression of `s`, in a fixed order (tables, then per table: column defaults and
// generated expressions, checks, index predicates and parts).
std::vector<ExprSlot> expressionSlots(ir::Schema& s);

// Where each expression of a rendered schema is in the text: [begin, end) byte offsets.
using ExprSpans = std::map<const ir::Expr*, std::pair<std::size_t, std::size_t>>;

}  // namespace schemac::db::detail

namespace schemac::db {

// renderSchemaText, also filling `spans` (when not null) for the expressions of `schema`.
std::string renderSchemaText(const ir::Schema& schema, detail::ExprSpans* spans);

}  // namespace schemac::db
