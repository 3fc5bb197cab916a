// All-or-nothing output (protoc's WriteAllToDisk): every changed file goes to a temporary
// next to its target first; only when all are written are they renamed into place, and a
// failure part-way restores what was there before.
#include <fcntl.h>
#include <fmt/core.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <optional>
#include <system_error>

#include "schemac/migrations/migrations.h"

namespace fs = std::filesystem;

namespace schemac::migrations {

void OutputSet::add(std::string path, std::string content) {
  files_[std::move(path)] = std::move(content);
}

namespace {

// Writes `content` to `path` (created or truncated) and syncs it, so a rename that follows
// never exposes a half-written file after a crash.
bool writeAndSync(const fs::path& path, const std::string& content, std::string* error) {
  int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
  if (fd < 0) {
    *error = fmt::format("cannot write {}: {}", path.string(), std::strerror(errno));
    return false;
  }
  std::size_t done = 0;
  while (done < content.size()) {
    ssize_t n = ::write(fd, content.data() + done, content.size() - done);
    if (n < 0) {
      if (errno == EINTR) continue;
      *error = fmt::format("cannot write {}: {}", path.string(), std::strerror(errno));
      ::close(fd);
      return false;
    }
    done += static_cast<std::size_t>(n);
  }
  if (::fsync(fd) != 0 || ::close(fd) != 0) {
    *error = fmt::format("cannot write {}: {}", path.string(), std::strerror(errno));
    return false;
  }
  return true;
}

struct Pending {
  std::string rel;
  fs::path target;
  fs::path temp;
  std::optional<std::string> previous;  // content before, when the file existed
  bool renamed = false;
};

}  // namespace

OutputSet::Result OutputSet::writeAll(const fs::path& root) const {
  Result result;
  std::vector<std::string> order;
  for (const auto& [path, content] : files_) {
    if (std::find(last_.begin(), last_.end(), path) == last_.end()) order.push_back(path);
  }
  for (const std::string& p : last_) {
    if (files_.contains(p)) order.push_back(p);
  }

  std::vector<Pending> pending;
  std::vector<fs::path> createdDirs;  // removed again on failure, deepest first
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
    const std::string& content = files_.at(rel);
    fs::path target = root / rel;
    std::error_code ec;
    std::optional<std::string> previous;
    if (fs::is_regular_file(target, ec)) {
      std::string old, why;
      if (!readFile(target, &old, &why)) return fail(why);
      if (old == content) {
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
    Pending p{rel, target,
              dir / fmt::format(".schemac-tmp-{}-{}", target.filename().string(), ::getpid()),
              std::move(previous)};
    std::string why;
    if (!writeAndSync(p.temp, content, &why)) {
      std::error_code ignored;
      fs::remove(p.temp, ignored);
      return fail(why);
    }
    pending.push_back(std::move(p));
  }

  for (Pending& p : pending) {
    if (::rename(p.temp.c_str(), p.target.c_str()) != 0) {
      return fail(fmt::format("cannot write {}: {}", p.target.string(), std::strerror(errno)));
    }
    p.renamed = true;
    result.written.push_back(p.rel);
  }
  return result;
}

}  // namespace schemac::migrations
