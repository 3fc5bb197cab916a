// The ER diagram of a schema: tables with their columns, types and keys, and one edge per
// foreign key labelled with its actions. DOT and Mermaid are written here; SVG is DOT laid out
// by Graphviz `dot` (Debian package graphviz).
#pragma once

#include <stdexcept>
#include <string>

#include "schemac/ir.h"

namespace schemac::studio {

class ErdError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

std::string erdDot(const ir::Schema& schema);
std::string erdMermaid(const ir::Schema& schema);
// Runs `dot -Tsvg` on erdDot(schema). Throws ErdError when dot is missing or fails.
std::string erdSvg(const ir::Schema& schema);
// Lays out any DOT text as SVG with Graphviz.
std::string renderDotToSvg(const std::string& dot);

}  // namespace schemac::studio
