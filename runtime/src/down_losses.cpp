// What a down migration loses: `down` asks (or needs --force) and backs up first when this is
// not empty (docs/cli.md, "Data loss needs consent").
#include <regex>

#include "schemac/rt/migrator.h"
#include "schemac/rt/sql_script.h"

namespace schemac::rt {
namespace {

// "users", `users`, [users] or users -> users.
std::string unquoted(const std::string& name) {
  if (name.size() >= 2 && (name.front() == '"' || name.front() == '`' || name.front() == '[')) {
    std::string inner = name.substr(1, name.size() - 2);
    if (name.front() == '"') {
      std::string out;
      for (std::size_t i = 0; i < inner.size(); ++i) {
        out += inner[i];
        if (inner[i] == '"' && i + 1 < inner.size() && inner[i + 1] == '"') ++i;
      }
      return out;
    }
    return inner;
  }
  return name;
}

const char* kName = R"(("(?:[^"]|"")+"|`[^`]+`|\[[^\]]+\]|[A-Za-z_][A-Za-z0-9_$]*))";

}  // namespace

std::vector<std::string> downLosses(const Migration& m) {
  std::vector<std::string> out;
  if (!m.downSql) return out;
  const std::string& sql = *m.downSql;
  // A generated down file names its losses in its header: "-- warning: drops column t.c (data
  // loss)".
  static const std::regex warning(R"(^-- warning: (.*\(data loss\))\s*$)", std::regex::multiline);
  for (std::sregex_iterator it(sql.begin(), sql.end(), warning), end; it != end; ++it) {
    out.push_back((*it)[1].str());
  }
  if (!out.empty()) return out;
  // The first migration's down file and hand-written ones: their DROP statements. A DROP TABLE
  // followed by a RENAME TO of the same name is a table rebuild, which keeps the rows.
  static const std::regex dropTable(
      std::string(R"(^\s*DROP\s+TABLE\s+(?:IF\s+EXISTS\s+)?)") + kName, std::regex::icase);
  static const std::regex dropColumn(
      std::string(R"(^\s*ALTER\s+TABLE\s+)") + kName + R"(\s+DROP\s+(?:COLUMN\s+)?)" + kName,
      std::regex::icase);
  static const std::regex renameTo(std::string(R"(RENAME\s+TO\s+)") + kName, std::regex::icase);
  std::vector<std::string> renamedTo;
  for (std::sregex_iterator it(sql.begin(), sql.end(), renameTo), end; it != end; ++it) {
    renamedTo.push_back(unquoted((*it)[1].str()));
  }
  for (std::string statement : splitScript(sql, m.breakpoints)) {
    // Leading comment lines are not part of the statement's verb.
    while (statement.starts_with("--")) {
      std::size_t nl = statement.find('\n');
      statement = nl == std::string::npos ? "" : statement.substr(nl + 1);
    }
    std::smatch match;
    if (std::regex_search(statement, match, dropTable, std::regex_constants::match_continuous)) {
      std::string table = unquoted(match[1].str());
      if (std::find(renamedTo.begin(), renamedTo.end(), table) == renamedTo.end()) {
        out.push_back("drops table " + table + " and all its rows (data loss)");
      }
    } else if (std::regex_search(statement, match, dropColumn,
                                 std::regex_constants::match_continuous)) {
      out.push_back("drops column " + unquoted(match[1].str()) + "." + unquoted(match[2].str()) +
                    " (data loss)");
    }
  }
  return out;
}

}  // namespace schemac::rt
