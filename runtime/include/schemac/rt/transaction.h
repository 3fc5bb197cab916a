// RAII transactions: commit() makes the work durable; leaving the scope without commit()
// (an exception, an early return) rolls it back.
//
//   rt::Transaction tx(db, rt::TransactionMode::Immediate);
//   db.execute("...");
//   tx.commit();
#pragma once

#include <type_traits>

#include "schemac/rt/connection.h"

namespace schemac::rt {

enum class TransactionMode {
  Deferred,   // BEGIN: takes the write lock at the first write
  Immediate,  // BEGIN IMMEDIATE: takes the write lock now, so writers queue instead of failing
              // half-way (SQLite); the same as Deferred where the backend has no such notion
};

class Transaction {
 public:
  explicit Transaction(Connection& db, TransactionMode mode = TransactionMode::Deferred);
  ~Transaction();
  Transaction(const Transaction&) = delete;
  Transaction& operator=(const Transaction&) = delete;

  void commit();
  // Rolls back now; a no-op once committed or rolled back. Never throws: SQLite may already
  // have rolled back on its own (SQLITE_FULL, SQLITE_IOERR, ...).
  void rollback() noexcept;
  bool active() const { return active_; }

 private:
  Connection& db_;
  bool active_ = true;
};

// Runs `fn` in a transaction: committed when it returns, rolled back when it throws.
template <typename Fn>
auto withTransaction(Connection& db, Fn&& fn, TransactionMode mode = TransactionMode::Deferred) {
  Transaction tx(db, mode);
  if constexpr (std::is_void_v<decltype(fn())>) {
    fn();
    tx.commit();
  } else {
    auto result = fn();
    tx.commit();
    return result;
  }
}

}  // namespace schemac::rt
