// The one statement splitter: every path that runs a script (migrate, down, push, restore,
// generate's verification, the tests) splits it here, so they all run the same statements.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace schemac::rt {

inline constexpr std::string_view kStatementBreakpoint = "--> statement-breakpoint";

// Splits a SQL script into its statements, each trimmed and without its terminating ';'.
// A statement ends at a ';' outside strings, quoted names and comments where SQLite's own
// sqlite3_complete() says it is complete, so a trigger's BEGIN ... END body stays whole. With
// `breakpoints`, a line that is exactly `--> statement-breakpoint` (the migrations format,
// docs/migrations-format.md) also ends a statement that lacks its ';', unless it is inside a
// string, a comment or a trigger body. Pieces holding only comments and whitespace are
// dropped. Linear in the script's size apart from sqlite3_complete() on each statement that
// contains a trigger body.
std::vector<std::string> splitScript(std::string_view script, bool breakpoints = true);

}  // namespace schemac::rt
