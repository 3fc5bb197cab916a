// A textual dump of an AST without source ranges or comments: two modules that dump the
// same mean the same. Test oracle for fmt (parse(fmt(x)) dumps like parse(x)) and the fuzzer.
#pragma once

#include <string>

#include "schemac/ast.h"

namespace schemac::ast {

std::string dump(const Module& module);

}  // namespace schemac::ast
