#include "schemac/support/input_file.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstdlib>
#include <cstring>

namespace schemac::support {
namespace {

constexpr std::uint64_t kDefaultMaxInputBytes = 64ull << 20;

const char* kindOf(mode_t mode) {
  if (S_ISDIR(mode)) return "a directory";
  if (S_ISFIFO(mode)) return "a FIFO";
  if (S_ISCHR(mode)) return "a character device";
  if (S_ISBLK(mode)) return "a block device";
  if (S_ISSOCK(mode)) return "a socket";
  return "a special file";
}

class Fd {
 public:
  explicit Fd(int fd) : fd_(fd) {}
  Fd(const Fd&) = delete;
  Fd& operator=(const Fd&) = delete;
  ~Fd() {
    if (fd_ >= 0) ::close(fd_);
  }
  int get() const { return fd_; }

 private:
  int fd_;
};

std::string tooLarge(const std::string& path, std::uint64_t limit) {
  return "cannot read '" + path + "': it is larger than the input limit of " +
         std::to_string(limit) + " bytes (set SCHEMAC_MAX_INPUT_BYTES to raise it)";
}

}  // namespace

std::uint64_t maxInputBytes() {
  const char* env = std::getenv("SCHEMAC_MAX_INPUT_BYTES");
  if (env == nullptr || *env == '\0') return kDefaultMaxInputBytes;
  char* end = nullptr;
  errno = 0;
  unsigned long long v = std::strtoull(env, &end, 10);
  if (errno != 0 || *end != '\0' || v == 0 || *env == '-') return kDefaultMaxInputBytes;
  return v;
}

bool readInputFile(const std::string& path, std::string* out, std::string* error) {
  // O_NONBLOCK: opening a FIFO for reading would otherwise wait for a writer forever.
  Fd fd(::open(path.c_str(), O_RDONLY | O_NONBLOCK | O_CLOEXEC | O_NOCTTY));
  if (fd.get() < 0) {
    *error = "cannot open '" + path + "': " + std::strerror(errno);
    return false;
  }
  struct stat st {};
  if (::fstat(fd.get(), &st) != 0) {
    *error = "cannot read '" + path + "': " + std::strerror(errno);
    return false;
  }
  if (!S_ISREG(st.st_mode)) {
    *error = "cannot read '" + path + "': it is " + kindOf(st.st_mode) + ", not a regular file";
    return false;
  }
  std::uint64_t limit = maxInputBytes();
  auto size = static_cast<std::uint64_t>(st.st_size);
  if (size > limit) {
    *error = tooLarge(path, limit);
    return false;
  }
  std::string content;
  content.resize(static_cast<std::size_t>(size));
  std::size_t have = 0;
  while (have < content.size()) {
    ssize_t n = ::read(fd.get(), content.data() + have, content.size() - have);
    if (n == 0) break;
    if (n < 0) {
      if (errno == EINTR) continue;
      *error = "cannot read '" + path + "': " + std::strerror(errno);
      return false;
    }
    have += static_cast<std::size_t>(n);
  }
  content.resize(have);
  // A file that grew since fstat is read on to its end, within the limit.
  char buf[1 << 16];
  for (;;) {
    ssize_t n = ::read(fd.get(), buf, sizeof buf);
    if (n == 0) break;
    if (n < 0) {
      if (errno == EINTR) continue;
      *error = "cannot read '" + path + "': " + std::strerror(errno);
      return false;
    }
    if (content.size() + static_cast<std::size_t>(n) > limit) {
      *error = tooLarge(path, limit);
      return false;
    }
    content.append(buf, static_cast<std::size_t>(n));
  }
  *out = std::move(content);
  return true;
}

}  // namespace schemac::support
