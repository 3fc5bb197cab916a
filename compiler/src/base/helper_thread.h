// One task on a second thread, for the compiler's two-core phases (parse halves, per-table
// sema). The task allocates from bump chunks of its own (support/bump_heap.h), so the two
// threads never wait on the one malloc lock. join() rethrows what the task threw.
#pragma once

#include <atomic>
#include <cstddef>
#include <exception>
#include <thread>
#include <utility>

#include "schemac/support/bump_heap.h"

namespace schemac {

class HelperThread {
 public:
  template <class F>
  explicit HelperThread(F&& fn)
      : thread_([this, f = std::forward<F>(fn)]() mutable {
          support::bump::Scope scope;
          try {
            f();
          } catch (...) {
            error_ = std::current_exception();
          }
        }) {}
  HelperThread(const HelperThread&) = delete;
  HelperThread& operator=(const HelperThread&) = delete;
  ~HelperThread() {
    if (thread_.joinable()) thread_.join();
  }

  void join() {
    thread_.join();
    if (error_) std::rethrow_exception(std::exchange(error_, nullptr));
  }

 private:
  std::exception_ptr error_;  // before thread_: set by the task, read after the join
  std::thread thread_;
};

// Schemas with fewer tables than this are checked and lowered on one thread: starting one costs
// more than it saves. Tests change it to compare both ways.
inline std::atomic<std::size_t> gMinTablesForHelper{64};
inline bool useHelperFor(std::size_t tables) {
  return tables >= gMinTablesForHelper.load(std::memory_order_relaxed);
}

}  // namespace schemac
