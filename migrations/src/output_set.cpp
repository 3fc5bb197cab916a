// All-or-nothing output (protoc's WriteAllToDisk): every changed file goes to a temporary
// next to its target first; only when all are written are they renamed into place, and a
// failure part-way restores what was there before.
#include <fmt/core.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <cerrno>
#include <cstring>
#include <optional>
#include <set>
#include <system_error>
#include <thread>
#include <vector>

#include "schemac/migrations/migrations.h"
#include "schemac/support/atomic_file.h"

namespace fs = std::filesystem;

namespace schemac::migrations {

void OutputSet::add(std::string path, std::string content) {
  files_[std::move(path)] = std::move(content);
}

void OutputSet::addDeferred(std::string path, std::function<std::string(const OutputSet&)> make) {
  deferred_[std::move(path)] = std::move(make);
}

namespace {

using support::writeAndSync;

struct Pending {
  std::string rel;
  fs::path target;
  fs::path temp;
  std::optional<std::string> previous;  // content before, when the file existed
  bool renamed = false;
  bool deferred = false;  // content made during the write (addDeferred)
};

// Runs work(0..n-1) on up to 8 threads started at once (the calls wait for the disk, not the
// CPU); wait() lets the calling thread take what is left, joins, and returns what each call
// returned, in index order. A thread that cannot be started (a process limit) only makes it
// slower: never an exception with joinable threads left behind (std::terminate).
class Concurrently {
 public:
  Concurrently(std::size_t n, std::size_t threads, std::function<std::string(std::size_t)> work)
      : work_(std::move(work)), results_(n) {
    threads = std::min<std::size_t>(threads, 8);
    threads_.reserve(threads);
    for (std::size_t k = 0; k < threads && k < n; ++k) {
      try {
        threads_.emplace_back([this] { run(); });
      } catch (const std::system_error&) {
        break;
      }
    }
  }
  Concurrently(const Concurrently&) = delete;
  Concurrently& operator=(const Concurrently&) = delete;
  ~Concurrently() { wait(); }

  std::vector<std::string>& wait() {
    run();
    for (std::thread& t : threads_) t.join();
    threads_.clear();
    return results_;
  }

 private:
  void run() {
    for (std::size_t i = next_++; i < results_.size(); i = next_++) results_[i] = work_(i);
  }

  std::function<std::string(std::size_t)> work_;
  std::vector<std::string> results_;
  std::atomic<std::size_t> next_{0};
  std::vector<std::thread> threads_;
};

// The calling thread works too: n - 1 more threads.
std::vector<std::string> forEachConcurrently(std::size_t n,
                                             std::function<std::string(std::size_t)> work) {
  Concurrently all(n, n == 0 ? 0 : n - 1, std::move(work));
  return std::move(all.wait());
}

}  // namespace

OutputSet::Result OutputSet::writeAll(const fs::path& root) const {
  Result result;
  std::vector<std::string> order;
  std::set<std::string> all;
  for (const auto& [path, content] : files_) all.insert(path);
  for (const auto& [path, make] : deferred_) all.insert(path);
  for (const std::string& path : all) {
    if (std::find(last_.begin(), last_.end(), path) == last_.end()) order.push_back(path);
  }
  for (const std::string& p : last_) {
    if (all.contains(p)) order.push_back(p);
  }

  std::vector<Pending> pending;
  std::vector<fs::path> createdDirs;                      // removed again on failure, deepest first
  std::vector<std::pair<fs::path, fs::path>> movedAside;  // (target, hidden name) of removals
  auto fail = [&](std::string why) {
    for (auto it = pending.rbegin(); it != pending.rend(); ++it) {
      std::error_code ec;
      if (it->renamed) {
        std::string ignored;
        if (it->previous) {
          writeAndSync(it->target, *it->previous, &ignored);
        } else {
          fs::remove(it->target, ec);
        }
      }
      fs::remove(it->temp, ec);
    }
    for (auto it = movedAside.rbegin(); it != movedAside.rend(); ++it) {
      ::rename(it->second.c_str(), it->first.c_str());
    }
    for (auto it = createdDirs.rbegin(); it != createdDirs.rend(); ++it) {
      std::error_code ec;
      fs::remove(*it, ec);  // only succeeds when empty, which is what we want
    }
    result.ok = false;
    result.error = std::move(why);
    result.written.clear();
    return result;
  };

  for (const std::string& rel : order) {
    const bool deferred = !files_.contains(rel);
    fs::path target = root / rel;
    std::error_code ec;
    std::optional<std::string> previous;
    if (fs::is_regular_file(target, ec)) {
      std::string old, why;
      if (!readFile(target, &old, &why)) return fail(why);
      if (!deferred && old == files_.at(rel)) {  // a deferred file is compared once it is made
        result.unchanged.push_back(rel);
        continue;
      }
      previous = std::move(old);
    }
    // Create missing parent directories one by one, remembering which were ours.
    fs::path dir = target.parent_path();
    std::vector<fs::path> missing;
    for (fs::path p = dir; !p.empty() && !fs::exists(p, ec); p = p.parent_path()) {
      missing.push_back(p);
      if (p == p.parent_path()) break;
    }
    for (auto it = missing.rbegin(); it != missing.rend(); ++it) {
      if (!fs::create_directory(*it, ec) && ec) {
        return fail(fmt::format("cannot create directory {}: {}", it->string(), ec.message()));
      }
      createdDirs.push_back(*it);
    }
    if (!dir.empty() && !fs::is_directory(dir, ec)) {
      return fail(
          fmt::format("cannot write {}: {} is not a directory", target.string(), dir.string()));
    }
    pending.push_back(Pending{rel, target, support::temporaryPathFor(target), std::move(previous),
                              false, deferred});
  }
  // Every temporary written and synced before the first rename, as one after the other would,
  // but all at once: each fsync waits for the disk (2-7 ms each on a virtual disk), and
  // waiting for five in turn was most of a 1,000-table `generate`'s wall time. The deferred
  // files are made and written by this thread meanwhile.
  {
    std::vector<std::size_t> now, later;
    for (std::size_t i = 0; i < pending.size(); ++i) {
      (pending[i].deferred ? later : now).push_back(i);
    }
    std::vector<std::string> errors(pending.size());
    {
      Concurrently writing(now.size(), later.empty() ? now.size() - 1 : now.size(),
                           [&](std::size_t k) {
                             const Pending& p = pending[now[k]];
                             std::string why;
                             if (!writeAndSync(p.temp, files_.at(p.rel), &why)) return why;
                             return std::string();
                           });
      for (std::size_t i : later) {
        Pending& p = pending[i];
        std::string content;
        try {
          content = deferred_.at(p.rel)(*this);
        } catch (const std::exception& e) {
          errors[i] = fmt::format("cannot write {}: {}", p.target.string(), e.what());
          continue;
        }
        if (p.previous && *p.previous == content) {
          p.deferred = false;  // unchanged: no temporary, no rename
          p.temp.clear();
          continue;
        }
        writeAndSync(p.temp, content, &errors[i]);
      }
      std::vector<std::string>& done = writing.wait();
      for (std::size_t k = 0; k < now.size(); ++k) errors[now[k]] = std::move(done[k]);
    }
    for (const std::string& why : errors) {
      if (!why.empty()) return fail(why);  // the first failure in write order
    }
    // Deferred files found unchanged: no temporary, nothing to rename.
    for (const Pending& p : pending) {
      if (p.temp.empty()) result.unchanged.push_back(p.rel);
    }
    std::erase_if(pending, [](const Pending& p) { return p.temp.empty(); });
  }

  for (const std::string& rel : removals_) {
    fs::path target = root / rel;
    std::error_code ec;
    if (!fs::exists(target, ec)) continue;
    fs::path aside = target.parent_path() / (".schemac-del-" + target.filename().string() + "-" +
                                             std::to_string(::getpid()));
    if (::rename(target.c_str(), aside.c_str()) != 0) {
      return fail(fmt::format("cannot remove {}: {}", target.string(), std::strerror(errno)));
    }
    movedAside.emplace_back(target, aside);
  }
  for (Pending& p : pending) {
    if (::rename(p.temp.c_str(), p.target.c_str()) != 0) {
      return fail(fmt::format("cannot write {}: {}", p.target.string(), std::strerror(errno)));
    }
    p.renamed = true;
    result.written.push_back(p.rel);
  }
  for (const auto& [target, aside] : movedAside) {
    std::error_code ec;
    fs::remove(aside, ec);
    result.removed.push_back(target.lexically_relative(root).generic_string());
  }
  // The renames last only once their directories are synced (new directories: their parents).
  std::set<fs::path> dirs;
  for (const auto& [target, aside] : movedAside) dirs.insert(target.parent_path());
  for (const Pending& p : pending) dirs.insert(p.target.parent_path());
  for (const fs::path& d : createdDirs) dirs.insert(d.parent_path());
  const std::vector<fs::path> dirList(dirs.begin(), dirs.end());
  std::vector<std::string> errors = forEachConcurrently(dirList.size(), [&](std::size_t i) {
    std::string why;
    return support::syncDirectory(dirList[i], &why) ? std::string() : why;
  });
  for (const std::string& why : errors) {
    if (!why.empty()) return fail(why);
  }
  return result;
}

}  // namespace schemac::migrations
