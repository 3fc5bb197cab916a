// One task on a second thread, for the compiler's two-core phases (parse halves, per-table
// sema, lowering). The task allocates from bump chunks of its own (support/bump_heap.h), so the
// two threads never wait on the one malloc lock. join() rethrows what the task threw.
//
// Inside a HelperThread::Session (compileFiles opens one) every task of this thread runs on one
// long-lived thread, started at the first task: a compile has a dozen such phases, and a new
// thread each time costs its start and a chunk of its own. Without a session each task gets a
// thread of its own (library callers of parse() or sema::analyze alone).
#pragma once

#include <atomic>
#include <condition_variable>
#include <cstddef>
#include <exception>
#include <functional>
#include <mutex>
#include <optional>
#include <thread>
#include <utility>

#include "schemac/support/bump_heap.h"

namespace schemac {

class HelperThread {
 public:
  class Session;

  template <class F>
  explicit HelperThread(F&& fn) : session_(tSession) {
    if (session_) {
      session_->start(std::function<void()>(std::forward<F>(fn)));
    } else {
      own_.emplace([this, f = std::forward<F>(fn)]() mutable { run(f, error_); });
    }
  }
  HelperThread(const HelperThread&) = delete;
  HelperThread& operator=(const HelperThread&) = delete;
  ~HelperThread() {
    if (!joined_) wait();
  }

  void join() {
    joined_ = true;
    if (std::exception_ptr e = wait()) std::rethrow_exception(e);
  }

  // The long-lived thread of a compile; tasks run one at a time.
  class Session {
   public:
    Session() : previous_(tSession) { tSession = this; }
    ~Session() {
      tSession = previous_;
      if (!thread_.joinable()) return;
      {
        std::lock_guard<std::mutex> lock(mutex_);
        stop_ = true;
        wake_.notify_all();  // under the lock: race detectors (helgrind) then stay quiet
      }
      thread_.join();
    }
    Session(const Session&) = delete;
    Session& operator=(const Session&) = delete;

   private:
    friend class HelperThread;
    void start(std::function<void()> task) {
      std::lock_guard<std::mutex> lock(mutex_);
      task_ = std::move(task);
      done_ = false;
      if (!thread_.joinable()) {
        thread_ = std::thread([this] { loop(); });
      } else {
        wake_.notify_all();
      }
    }
    std::exception_ptr wait() {
      std::unique_lock<std::mutex> lock(mutex_);
      wake_.wait(lock, [this] { return done_; });
      return std::exchange(error_, nullptr);
    }
    void loop() {
      support::bump::Scope scope;
      std::unique_lock<std::mutex> lock(mutex_);
      for (;;) {
        wake_.wait(lock, [this] { return stop_ || task_; });
        if (!task_) return;
        std::function<void()> task = std::exchange(task_, nullptr);
        lock.unlock();
        std::exception_ptr error;
        run(task, error);
        lock.lock();
        error_ = error;
        done_ = true;
        wake_.notify_all();
      }
    }

    Session* previous_;
    std::mutex mutex_;
    std::condition_variable wake_;
    std::function<void()> task_;  // guarded by mutex_, as are the three below
    bool done_ = true;
    bool stop_ = false;
    std::exception_ptr error_;
    std::thread thread_;
  };

 private:
  template <class F>
  static void run(F& f, std::exception_ptr& error) {
    support::bump::Scope scope;
    try {
      f();
    } catch (...) {
      error = std::current_exception();
    }
  }
  std::exception_ptr wait() {
    if (session_) return session_->wait();
    own_->join();
    return std::exchange(error_, nullptr);
  }

  static inline thread_local Session* tSession = nullptr;
  Session* session_;
  bool joined_ = false;
  std::exception_ptr error_;        // before own_: set by the task, read after the join
  std::optional<std::thread> own_;  // without a session
};

// Schemas with fewer tables than this are checked and lowered on one thread: starting one costs
// more than it saves. Tests change it to compare both ways.
inline std::atomic<std::size_t> gMinTablesForHelper{64};
inline bool useHelperFor(std::size_t tables) {
  return tables >= gMinTablesForHelper.load(std::memory_order_relaxed);
}

}  // namespace schemac
