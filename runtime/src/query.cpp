// The non-template half of typed queries: the per-connection statement cache and SQL text.
#include "schemac/rt/query.h"

#include <string>

namespace schemac::rt {

StatementCache& Connection::statementCache() {
  if (!statementCache_) statementCache_ = std::make_shared<StatementCache>(*this);
  return *statementCache_;
}

StatementCache::Lease::~Lease() {
  if (!st_) return;
  try {
    st_->reset();  // releases read locks and makes it ready for the next user
  } catch (...) {
  }
  if (busy_) *busy_ = false;
}

StatementCache::Lease StatementCache::lease(Entry& e) {
  if (e.busy) {
    // Nested use of the same query: a private statement, finalized with the lease.
    auto own = db_->prepare(e.st->sql());
    Statement* raw = own.get();
    return Lease(raw, nullptr, std::move(own));
  }
  e.busy = true;
  return Lease(e.st.get(), &e.busy, nullptr);
}

StatementCache::Lease StatementCache::acquire(std::string_view sql) {
  auto it = bySql_.find(sql);
  if (it == bySql_.end()) {
    auto e = std::make_unique<Entry>();
    e->st = db_->prepare(sql);
    it = bySql_.emplace(std::string(sql), std::move(e)).first;
  }
  return lease(*it->second);
}

StatementCache::Lease StatementCache::acquire(const void* owner, std::uint64_t variant,
                                              const std::function<std::string()>& makeSql) {
  auto key = std::make_pair(owner, variant);
  auto it = byKey_.find(key);
  if (it != byKey_.end()) return lease(*it->second);
  std::string sql = makeSql();
  auto found = bySql_.find(sql);
  if (found == bySql_.end()) {
    auto e = std::make_unique<Entry>();
    e->st = db_->prepare(sql);
    found = bySql_.emplace(std::move(sql), std::move(e)).first;
  }
  byKey_.emplace(key, found->second.get());
  return lease(*found->second);
}

void StatementCache::clear() {
  for (const auto& [sql, e] : bySql_) {
    if (e->busy) throw DbError("cannot clear the statement cache while a query is running", sql);
  }
  byKey_.clear();
  bySql_.clear();
}

namespace detail {

void bindParams(Statement& st, const std::vector<Value>& params, int first) {
  for (std::size_t i = 0; i < params.size(); ++i) st.bind(first + static_cast<int>(i), params[i]);
}

std::string insertSql(std::string_view table, const std::string_view* columns, const bool* optional,
                      std::size_t n, std::uint64_t mask, std::string_view returning) {
  std::string cols, values;
  int bit = 0;
  for (std::size_t i = 0; i < n; ++i) {
    if (optional[i] && !(mask & (std::uint64_t{1} << bit++))) continue;
    if (!cols.empty()) {
      cols += ", ";
      values += ", ";
    }
    cols += columns[i];
    values += "?";
  }
  std::string sql = "INSERT INTO " + std::string(table);
  sql += cols.empty() ? " DEFAULT VALUES" : " (" + cols + ") VALUES (" + values + ")";
  if (!returning.empty()) sql += " RETURNING " + std::string(returning);
  return sql;
}

std::string updateSql(std::string_view table, std::string_view assignments,
                      const std::string& where) {
  std::string sql = "UPDATE " + std::string(table) + " SET " + std::string(assignments);
  if (!where.empty()) sql += " WHERE " + where;
  return sql;
}

}  // namespace detail
}  // namespace schemac::rt
