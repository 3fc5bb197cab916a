// Typed queries over generated table descriptors (docs/cpp.md), lowered to prepared SQL:
//
//   auto id = rt::insert(db, users, UsersInsert{.email = "a@b.c", .name = "Ada"});
//   for (const Users& u : rt::select(db, users).where(users.email.like("%@b.c")).orderBy(
//            users.created_at.desc()).limit(10)) ...
//   std::optional<Users> u = rt::find(db, users, id);
//   rt::update(db, users).set(users.name = "Ada L.").where(users.id == id).run();
//   rt::remove(db, users).where(users.id == id).run();
//   std::int64_t n = rt::count(db, users, users.name.isNull());
//
// Each distinct SQL text is prepared once per connection and kept in the connection's
// StatementCache; a query only binds and steps.
#pragma once

#include <cstdint>
#include <functional>
#include <iterator>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

#include "schemac/rt/column.h"
#include "schemac/rt/connection.h"
#include "schemac/rt/table.h"

namespace schemac::rt {

// Prepared statements of one connection, by SQL text (Connection::statementCache()).
class StatementCache {
 public:
  explicit StatementCache(Connection& db) : db_(&db) {}
  StatementCache(const StatementCache&) = delete;
  StatementCache& operator=(const StatementCache&) = delete;

  // Exclusive use of a cached statement until the Lease is destroyed (which resets it). When the
  // cached one is already leased (a query run while iterating the same query), the lease holds
  // a fresh statement of its own instead.
  class Lease {
   public:
    Lease(Lease&& o) noexcept : st_(o.st_), busy_(o.busy_), owned_(std::move(o.owned_)) {
      o.st_ = nullptr;
      o.busy_ = nullptr;
    }
    Lease& operator=(Lease&&) = delete;
    ~Lease();
    Statement& operator*() const { return *st_; }
    Statement* operator->() const { return st_; }

   private:
    friend class StatementCache;
    Lease(Statement* st, bool* busy, std::unique_ptr<Statement> owned)
        : st_(st), busy_(busy), owned_(std::move(owned)) {}
    Statement* st_;
    bool* busy_;
    std::unique_ptr<Statement> owned_;
  };

  Lease acquire(std::string_view sql);
  // The same, with the SQL found by a cheap key (the address of a descriptor and a variant
  // number) so that hot paths such as insert do not build their SQL text each time.
  Lease acquire(const void* owner, std::uint64_t variant,
                const std::function<std::string()>& makeSql);

  std::size_t size() const { return bySql_.size(); }
  void clear();

 private:
  struct Entry {
    std::unique_ptr<Statement> st;
    bool busy = false;
  };
  struct KeyHash {
    std::size_t operator()(const std::pair<const void*, std::uint64_t>& k) const noexcept {
      return std::hash<const void*>()(k.first) ^ (std::hash<std::uint64_t>()(k.second) * 31);
    }
  };
  struct SqlHash {
    using is_transparent = void;
    std::size_t operator()(std::string_view s) const noexcept {
      return std::hash<std::string_view>()(s);
    }
  };
  Lease lease(Entry& e);

  Connection* db_;
  std::unordered_map<std::string, std::unique_ptr<Entry>, SqlHash, std::equal_to<>> bySql_;
  std::unordered_map<std::pair<const void*, std::uint64_t>, Entry*, KeyHash> byKey_;
};

namespace detail {
void bindParams(Statement& st, const std::vector<Value>& params, int first = 1);
std::string insertSql(std::string_view table, const std::string_view* columns, const bool* optional,
                      std::size_t n, std::uint64_t mask, std::string_view returning);
std::string updateSql(std::string_view table, std::string_view assignments,
                      const std::string& where);
}  // namespace detail

// ---- select ----

template <TableDescriptor Table>
class Select;

// Input iteration over the rows of a running select: each row is read once into the
// iterator and handed out by reference.
template <TableDescriptor Table>
class Cursor {
 public:
  using Row = typename Table::Row;
  struct End {};
  class Iterator {
   public:
    using value_type = Row;
    using difference_type = std::ptrdiff_t;
    using reference = const Row&;
    explicit Iterator(Cursor* c) : c_(c) {}
    const Row& operator*() const { return *c_->row_; }
    const Row* operator->() const { return &*c_->row_; }
    Iterator& operator++() {
      c_->advance();
      return *this;
    }
    void operator++(int) { c_->advance(); }
    friend bool operator==(const Iterator& it, End) { return it.c_->done(); }

   private:
    Cursor* c_;
  };

  explicit Cursor(StatementCache::Lease lease) : lease_(std::move(lease)) { advance(); }
  Iterator begin() { return Iterator(this); }
  End end() { return {}; }
  bool done() const { return !row_; }

 private:
  // Converts to the row read from the statement: emplace() then builds the row in place (the
  // prvalue readRow returns initialises the optional's storage), not a moved temporary.
  struct ReadRow {
    const Statement& st;
    operator Row() const { return Table::readRow(st); }
  };
  void advance() {
    if (lease_->step()) {
      row_.emplace(ReadRow{*lease_});
    } else {
      row_.reset();
    }
  }
  StatementCache::Lease lease_;
  std::optional<Row> row_;
};

template <TableDescriptor Table>
class Select {
 public:
  using Row = typename Table::Row;
  explicit Select(Connection& db) : db_(&db) {}

  // Conditions of several where() calls are joined with AND.
  Select& where(Condition<Table> c) & {
    addWhere(std::move(c));
    return *this;
  }
  // On a temporary, each step returns a new value so that a range-for over the whole chain
  // keeps the query alive.
  Select where(Condition<Table> c) && {
    addWhere(std::move(c));
    return std::move(*this);
  }
  template <typename... O>
  Select& orderBy(const O&... terms) & {
    (addOrder(terms), ...);
    return *this;
  }
  template <typename... O>
  Select orderBy(const O&... terms) && {
    (addOrder(terms), ...);
    return std::move(*this);
  }
  Select& limit(std::int64_t n) & {
    limit_ = n;
    return *this;
  }
  Select limit(std::int64_t n) && {
    limit_ = n;
    return std::move(*this);
  }
  Select& offset(std::int64_t n) & {
    offset_ = n;
    return *this;
  }
  Select offset(std::int64_t n) && {
    offset_ = n;
    return std::move(*this);
  }

  // Runs the query; rows are read as the cursor advances.
  Cursor<Table> run() const { return Cursor<Table>(start(sql(Table::kSelectSql))); }
  std::vector<Row> all() const {
    std::vector<Row> out;
    auto st = start(sql(Table::kSelectSql));
    while (st->step()) out.push_back(Table::readRow(*st));
    return out;
  }
  std::optional<Row> first() const {
    Select one = *this;
    if (!one.limit_ || *one.limit_ > 1) one.limit_ = 1;
    auto st = one.start(one.sql(Table::kSelectSql));
    if (!st->step()) return std::nullopt;
    return Table::readRow(*st);
  }
  // COUNT(*) of the rows the query would return (ignores order; honours limit/offset).
  std::int64_t count() const {
    std::string inner = sql(Table::kSelectSql);
    auto st = start("SELECT COUNT(*) FROM (" + inner + ")");
    st->step();
    return st->getInt64(0);
  }

  // Range-for over a select runs it: for (const auto& row : rt::select(db, t).where(...))
  typename Cursor<Table>::Iterator begin() {
    cursor_ = std::make_shared<Cursor<Table>>(start(sql(Table::kSelectSql)));
    return cursor_->begin();
  }
  typename Cursor<Table>::End end() { return {}; }

  // The SQL this select runs (for logging and tests).
  std::string sql() const { return sql(Table::kSelectSql); }
  const std::vector<Value>& params() const { return params_; }

 private:
  void addWhere(Condition<Table>&& c) {
    where_ = where_.empty() ? std::move(c.sql) : "(" + where_ + " AND " + c.sql + ")";
    for (auto& p : c.params) params_.push_back(std::move(p));
  }
  void addOrder(const Ordering<Table>& o) {
    order_ += order_.empty() ? "" : ", ";
    order_ += o.column;
    if (o.desc) order_ += " DESC";
  }
  template <typename T, bool N>
  void addOrder(const Column<Table, T, N>& c) {
    addOrder(c.asc());
  }
  std::string sql(std::string_view head) const {
    std::string s(head);
    if (!where_.empty()) s += " WHERE " + where_;
    if (!order_.empty()) s += " ORDER BY " + order_;
    if (limit_ || offset_) s += " LIMIT " + std::to_string(limit_ ? *limit_ : -1);
    if (offset_) s += " OFFSET " + std::to_string(*offset_);
    return s;
  }
  StatementCache::Lease start(const std::string& text) const {
    auto st = db_->statementCache().acquire(text);
    detail::bindParams(*st, params_);
    return st;
  }

  Connection* db_;
  std::string where_;
  std::vector<Value> params_;
  std::string order_;
  std::optional<std::int64_t> limit_, offset_;
  std::shared_ptr<Cursor<Table>> cursor_;
};

template <TableDescriptor Table>
Select<Table> select(Connection& db, const Table&) {
  return Select<Table>(db);
}

// The row with primary key `key`, if any.
template <TableDescriptor Table>
requires kHasKey<Table> std::optional<typename Table::Row> find(Connection& db, const Table&,
                                                                const typename Table::Key& key) {
  static const std::string sql =
      std::string(Table::kSelectSql) + " WHERE " + std::string(Table::kKeyWhere);
  auto st = db.statementCache().acquire(sql);
  Table::bindKey(*st, 1, key);
  if (!st->step()) return std::nullopt;
  return Table::readRow(*st);
}

// COUNT(*) of the table's rows, or of those matching `where`.
template <TableDescriptor Table>
std::int64_t count(Connection& db, const Table&) {
  static const std::string sql = "SELECT COUNT(*) FROM " + std::string(Table::kQuotedName);
  auto st = db.statementCache().acquire(sql);
  st->step();
  return st->getInt64(0);
}
template <TableDescriptor Table>
std::int64_t count(Connection& db, const Table& t, Condition<Table> where) {
  return select(db, t).where(std::move(where)).count();
}

// ---- insert ----

// Inserts one row and returns its primary key (as stored, including an autoincrement value);
// nothing for a table without a key. Optional fields left empty take the column's default.
template <TableDescriptor Table>
auto insert(Connection& db, const Table& table, const typename Table::Insert& row) {
  std::uint64_t mask = Table::insertMask(row);
  auto st = db.statementCache().acquire(&table, mask, [mask] {
    return detail::insertSql(Table::kQuotedName, Table::kInsertColumns.data(),
                             Table::kInsertOptional.data(), Table::kInsertColumns.size(), mask,
                             Table::kKeyColumns);
  });
  Table::bindInsert(*st, row, mask);
  if constexpr (kHasKey<Table>) {
    if (!st->step()) throw DbError("INSERT ... RETURNING returned no row", st->sql());
    return Table::readKey(*st, 0);  // the lease resets the statement when it goes
  } else {
    st->run();
  }
}

// ---- update / remove ----

template <TableDescriptor Table>
class Update {
 public:
  explicit Update(Connection& db) : db_(&db) {}
  template <typename... A>
  requires(std::is_same_v<A, Assignment<Table>>&&...) Update& set(A... assignments) {
    (add(std::move(assignments)), ...);
    return *this;
  }
  Update& where(Condition<Table> c) {
    where_ = where_.empty() ? std::move(c.sql) : "(" + where_ + " AND " + c.sql + ")";
    for (auto& p : c.params) whereParams_.push_back(std::move(p));
    return *this;
  }
  // Runs the update; returns the number of rows changed. Without where(), every row.
  std::int64_t run() {
    if (sets_.empty())
      throw DbError("update of \"" + std::string(Table::kName) + "\" sets nothing", "");
    auto st = db_->statementCache().acquire(detail::updateSql(Table::kQuotedName, sets_, where_));
    detail::bindParams(*st, setParams_);
    detail::bindParams(*st, whereParams_, static_cast<int>(setParams_.size()) + 1);
    return st->run();
  }

 private:
  void add(Assignment<Table>&& a) {
    sets_ += sets_.empty() ? "" : ", ";
    sets_ += a.column;
    sets_ += " = ?";
    setParams_.push_back(std::move(a.value));
  }
  Connection* db_;
  std::string sets_, where_;
  std::vector<Value> setParams_, whereParams_;
};

template <TableDescriptor Table>
Update<Table> update(Connection& db, const Table&) {
  return Update<Table>(db);
}

template <TableDescriptor Table>
class Remove {
 public:
  explicit Remove(Connection& db) : db_(&db) {}
  Remove& where(Condition<Table> c) {
    where_ = where_.empty() ? std::move(c.sql) : "(" + where_ + " AND " + c.sql + ")";
    for (auto& p : c.params) params_.push_back(std::move(p));
    return *this;
  }
  // Runs the delete; returns the number of rows removed. Without where(), every row.
  std::int64_t run() {
    std::string sql = "DELETE FROM " + std::string(Table::kQuotedName);
    if (!where_.empty()) sql += " WHERE " + where_;
    auto st = db_->statementCache().acquire(sql);
    detail::bindParams(*st, params_);
    return st->run();
  }

 private:
  Connection* db_;
  std::string where_;
  std::vector<Value> params_;
};

template <TableDescriptor Table>
Remove<Table> remove(Connection& db, const Table&) {
  return Remove<Table>(db);
}

}  // namespace schemac::rt
