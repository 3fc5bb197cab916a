// Runs Graphviz `dot` to lay out a diagram: DOT on its stdin through a temp file, SVG read
// back from another, so no pipe can deadlock on a large diagram.
#include <fcntl.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <vector>

#include "schemac/studio/erd.h"

extern char** environ;

namespace schemac::studio {
namespace {

class TempFile {
 public:
  TempFile() {
    std::string pattern = (std::filesystem::temp_directory_path() / "schemac-erd-XXXXXX").string();
    int fd = mkstemp(pattern.data());
    if (fd < 0) throw ErdError("cannot create a temporary file for Graphviz");
    close(fd);
    path_ = pattern;
  }
  ~TempFile() { std::remove(path_.c_str()); }
  TempFile(const TempFile&) = delete;
  TempFile& operator=(const TempFile&) = delete;
  const std::string& path() const { return path_; }

 private:
  std::string path_;
};

}  // namespace

std::string renderDotToSvg(const std::string& dot) {
  TempFile in, out, err;
  {
    std::ofstream f(in.path(), std::ios::binary);
    f << dot;
    if (!f) throw ErdError("cannot write a temporary file for Graphviz");
  }
  std::vector<std::string> args = {"dot", "-Tsvg", "-o", out.path(), in.path()};
  std::vector<char*> argv;
  for (std::string& a : args) argv.push_back(a.data());
  argv.push_back(nullptr);
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_addopen(&actions, STDIN_FILENO, "/dev/null", O_RDONLY, 0);
  posix_spawn_file_actions_addopen(&actions, STDERR_FILENO, err.path().c_str(), O_WRONLY | O_TRUNC,
                                   0);
  pid_t pid = 0;
  int rc = posix_spawnp(&pid, "dot", &actions, nullptr, argv.data(), environ);
  posix_spawn_file_actions_destroy(&actions);
  if (rc != 0) {
    throw ErdError("cannot run Graphviz 'dot' (install the graphviz package): " +
                   std::string(std::strerror(rc)));
  }
  int status = 0;
  while (waitpid(pid, &status, 0) < 0) {
    if (errno != EINTR) throw ErdError("cannot wait for Graphviz 'dot'");
  }
  auto slurp = [](const std::string& path) {
    std::ifstream f(path, std::ios::binary);
    std::ostringstream s;
    s << f.rdbuf();
    return s.str();
  };
  if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) {
    std::string msg = slurp(err.path());
    if (auto nl = msg.find('\n'); nl != std::string::npos) msg.resize(nl);
    if (WIFEXITED(status) && WEXITSTATUS(status) == 127) {
      msg = "not found (install the graphviz package)";
    }
    throw ErdError("Graphviz 'dot' failed: " + (msg.empty() ? "no output" : msg));
  }
  return slurp(out.path());
}

}  // namespace schemac::studio
