// The backend-independent half of rt::Statement: Value binding and NULL checks.
#include "schemac/rt/statement.h"

#include <string>

#include "schemac/rt/connection.h"

namespace schemac::rt {

void Statement::bind(int index, const Value& v) {
  std::visit(
      [&](const auto& x) {
        using T = std::decay_t<decltype(x)>;
        if constexpr (std::is_same_v<T, std::monostate>) {
          bindNull(index);
        } else if constexpr (std::is_same_v<T, std::int64_t>) {
          bindInt64(index, x);
        } else if constexpr (std::is_same_v<T, double>) {
          bindDouble(index, x);
        } else if constexpr (std::is_same_v<T, std::string>) {
          bindText(index, x);
        } else {
          bindBlob(index, x.bytes);
        }
      },
      v);
}

void Statement::bindAll(std::span<const Value> values) {
  if (static_cast<int>(values.size()) != parameterCount()) {
    throw DbError("the statement takes " + std::to_string(parameterCount()) + " parameter(s) but " +
                      std::to_string(values.size()) + " were given",
                  sql());
  }
  clearBindings();
  for (std::size_t i = 0; i < values.size(); ++i) bind(static_cast<int>(i + 1), values[i]);
}

std::int64_t Statement::run() {
  while (step()) {
  }
  return changes();
}

void Statement::requireNotNull(int column) const {
  if (isNull(column)) {
    throw DbError("column '" + columnName(column) + "' is NULL (read it as std::optional)", sql());
  }
}

}  // namespace schemac::rt
