#include "remote/remote_statement.h"

#include <cctype>
#include <charconv>
#include <cstdio>
#include <set>

#include "sql_text.h"

namespace schemac::rt::remote {

int countParameters(std::string_view sql) {
  int count = 0;
  std::set<std::string> named;
  std::size_t i = 0;
  auto skipQuoted = [&](char close) {
    for (++i; i < sql.size(); ++i) {
      if (sql[i] == close) {
        if (i + 1 < sql.size() && sql[i + 1] == close) {
          ++i;
          continue;
        }
        break;
      }
    }
    ++i;
  };
  while (i < sql.size()) {
    char c = sql[i];
    if (c == '\'' || c == '"' || c == '`') {
      skipQuoted(c);
    } else if (c == '[') {
      std::size_t end = sql.find(']', i);
      i = end == std::string_view::npos ? sql.size() : end + 1;
    } else if (detail::skipComment(sql, &i)) {
    } else if (c == '?') {
      std::size_t j = i + 1;
      while (j < sql.size() && std::isdigit(static_cast<unsigned char>(sql[j]))) ++j;
      if (j > i + 1) {
        int n = 0;
        std::from_chars(sql.data() + i + 1, sql.data() + j, n);
        count = std::max(count, n);
      } else {
        ++count;
      }
      i = j;
    } else if ((c == ':' || c == '@' || c == '$') && i + 1 < sql.size() &&
               (std::isalpha(static_cast<unsigned char>(sql[i + 1])) || sql[i + 1] == '_')) {
      std::size_t j = i + 1;
      while (j < sql.size() &&
             (std::isalnum(static_cast<unsigned char>(sql[j])) || sql[j] == '_')) {
        ++j;
      }
      if (named.insert(std::string(sql.substr(i, j - i))).second) ++count;
      i = j;
    } else {
      ++i;
    }
  }
  return count;
}

RemoteStatement::RemoteStatement(RemoteConnection& db, std::string sql)
    : db_(db), sql_(std::move(sql)), parameterCount_(countParameters(sql_)) {}

void RemoteStatement::set(int index, Value v) {
  if (index < 1 || index > parameterCount_) {
    throw DbError("parameter index " + std::to_string(index) +
                      " is out of range (the statement takes " + std::to_string(parameterCount_) +
                      ")",
                  sql_);
  }
  bindings_[index] = std::move(v);
}

bool RemoteStatement::step() {
  if (!ran_) {
    std::vector<Value> params;
    for (int i = 1; i <= parameterCount_; ++i) {
      auto it = bindings_.find(i);
      params.push_back(it == bindings_.end() ? Value{} : it->second);
    }
    result_ = db_.query(sql_, params);
    changes_ = result_.changes;
    ran_ = true;
    next_ = 0;
  }
  if (next_ >= result_.rows.size()) return false;
  ++next_;
  return true;
}

void RemoteStatement::reset() {
  ran_ = false;
  next_ = 0;
  result_ = ResultSet{};
}

std::string RemoteStatement::columnName(int column) const {
  if (column < 0 || column >= columnCount()) {
    throw DbError("column " + std::to_string(column) + " is out of range", sql_);
  }
  return result_.columns[column];
}

const Value& RemoteStatement::at(int column) const {
  if (next_ == 0 || next_ > result_.rows.size()) throw DbError("no current row", sql_);
  const auto& row = result_.rows[next_ - 1];
  if (column < 0 || column >= static_cast<int>(row.size())) {
    throw DbError("column " + std::to_string(column) + " is out of range", sql_);
  }
  return row[column];
}

bool RemoteStatement::isNull(int column) const {
  return std::holds_alternative<std::monostate>(at(column));
}

// Conversions as sqlite3_column_* does them.
std::int64_t RemoteStatement::getInt64(int column) const {
  const Value& v = at(column);
  if (auto i = std::get_if<std::int64_t>(&v)) return *i;
  if (auto d = std::get_if<double>(&v)) return static_cast<std::int64_t>(*d);
  if (auto s = std::get_if<std::string>(&v)) return std::strtoll(s->c_str(), nullptr, 10);
  return 0;
}

double RemoteStatement::getDouble(int column) const {
  const Value& v = at(column);
  if (auto d = std::get_if<double>(&v)) return *d;
  if (auto i = std::get_if<std::int64_t>(&v)) return static_cast<double>(*i);
  if (auto s = std::get_if<std::string>(&v)) return std::strtod(s->c_str(), nullptr);
  return 0.0;
}

std::string RemoteStatement::getText(int column) const {
  const Value& v = at(column);
  if (auto s = std::get_if<std::string>(&v)) return *s;
  if (auto i = std::get_if<std::int64_t>(&v)) return std::to_string(*i);
  if (auto d = std::get_if<double>(&v)) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "%.15g", *d);
    return buf;
  }
  if (auto b = std::get_if<Blob>(&v)) return std::string(b->bytes.begin(), b->bytes.end());
  return {};
}

Blob RemoteStatement::getBlob(int column) const {
  const Value& v = at(column);
  if (auto b = std::get_if<Blob>(&v)) return *b;
  std::string text = getText(column);
  return Blob{{text.begin(), text.end()}};
}

Value RemoteStatement::value(int column) const { return at(column); }

}  // namespace schemac::rt::remote
