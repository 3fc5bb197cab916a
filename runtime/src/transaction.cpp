#include "schemac/rt/transaction.h"

namespace schemac::rt {

Transaction::Transaction(Connection& db, TransactionMode mode) : db_(db) {
  db_.execute(mode == TransactionMode::Immediate ? "BEGIN IMMEDIATE" : "BEGIN");
}

Transaction::~Transaction() { rollback(); }

void Transaction::commit() {
  if (!active_) throw DbError("commit() on a transaction that is no longer active", "COMMIT");
  db_.execute("COMMIT");
  active_ = false;
}

void Transaction::rollback() noexcept {
  if (!active_) return;
  active_ = false;
  try {
    db_.execute("ROLLBACK");
  } catch (const DbError&) {
    // "no transaction is active": the database rolled back by itself after an error.
  }
}

}  // namespace schemac::rt
