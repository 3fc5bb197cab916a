// Runs the schemac executable as a real child process (fork/exec), for CLI tests that need
// exit codes, separate stdout/stderr, concurrency and kill -9.
#pragma once

#include <fcntl.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <atomic>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <mutex>
#include <sstream>
#include <string>
#include <utility>
#include <vector>

namespace schemac::testing {

struct ProcessResult {
  int exitCode = -1;  // -N: killed by signal N
  std::string out;
  std::string err;
};

inline std::string slurp(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

// The auth token of the remote suite (tests/remote/suite.cmake defines it): every schemac a
// test runs gets it unless the test says otherwise, and the suite's last test greps every
// captured output for it. Elsewhere "\x01" (no token).
#ifdef SCHEMAC_TEST_TOKEN
inline constexpr const char* kTestToken = SCHEMAC_TEST_TOKEN;
#else
inline constexpr const char* kTestToken = "\x01";
#endif

// With $SCHEMAC_TEST_LOG_DIR set (the remote suite sets it), a copy of `file` goes there, for
// the suite's token grep.
inline void keepLog(const std::string& file) {
  const char* dir = std::getenv("SCHEMAC_TEST_LOG_DIR");
  if (!dir || !*dir) return;
  static std::atomic<int> n{0};
  std::error_code ec;
  std::filesystem::create_directories(dir, ec);
  std::filesystem::path to =
      std::filesystem::path(dir) / (std::to_string(getpid()) + "-" + std::to_string(n++) + "-" +
                                    std::filesystem::path(file).filename().string());
  std::filesystem::copy_file(file, to, std::filesystem::copy_options::overwrite_existing, ec);
}

// The output files of the children not reaped yet: waitFor() keeps a copy of them.
inline std::mutex& spawnedMutex() {
  static std::mutex mu;
  return mu;
}
inline std::map<pid_t, std::pair<std::string, std::string>>& spawnedOutputs() {
  static std::map<pid_t, std::pair<std::string, std::string>> outputs;
  return outputs;
}

// Starts `args` (args[0] is the program) in `cwd` with extra environment `env` (a value of
// "\x01" unsets the variable); stdout/stderr go to the given files.
inline pid_t spawn(const std::vector<std::string>& args, const std::string& cwd,
                   const std::map<std::string, std::string>& env, const std::string& outFile,
                   const std::string& errFile) {
  pid_t pid = fork();
  if (pid != 0) {
    if (pid > 0 && std::getenv("SCHEMAC_TEST_LOG_DIR")) {
      std::lock_guard<std::mutex> lock(spawnedMutex());
      spawnedOutputs()[pid] = {outFile, errFile};
    }
    return pid;
  }
  if (chdir(cwd.c_str()) != 0) _exit(126);
  for (const auto& [k, v] : env) {
    if (v == "\x01") {
      unsetenv(k.c_str());
    } else {
      setenv(k.c_str(), v.c_str(), 1);
    }
  }
  int out = ::open(outFile.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
  int err = ::open(errFile.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
  int in = ::open("/dev/null", O_RDONLY);
  dup2(out, 1);
  dup2(err, 2);
  dup2(in, 0);
  std::vector<char*> argv;
  for (const auto& a : args) argv.push_back(const_cast<char*>(a.c_str()));
  argv.push_back(nullptr);
  execv(argv[0], argv.data());
  _exit(127);
}

// The schemac under test: $SCHEMAC_TEST_BINARY (a copy, so long stress runs survive a rebuild),
// else the one this test binary was built with.
inline std::string schemacBinary() {
  const char* v = std::getenv("SCHEMAC_TEST_BINARY");
  return v && *v ? std::string(v) : std::string(SCHEMAC_BINARY);
}

inline int waitFor(pid_t pid) {
  int status = 0;
  while (waitpid(pid, &status, 0) < 0) {
  }
  std::pair<std::string, std::string> files;
  {
    std::lock_guard<std::mutex> lock(spawnedMutex());
    if (auto it = spawnedOutputs().find(pid); it != spawnedOutputs().end()) {
      files = it->second;
      spawnedOutputs().erase(it);
    }
  }
  if (!files.first.empty()) {
    keepLog(files.first);
    keepLog(files.second);
  }
  if (WIFEXITED(status)) return WEXITSTATUS(status);
  if (WIFSIGNALED(status)) return -WTERMSIG(status);
  return -1;
}

// Runs schemac with `args` in `cwd`; DATABASE_URL is cleared and DATABASE_AUTH_TOKEN is
// kTestToken unless `env` sets them.
inline ProcessResult runSchemac(const std::vector<std::string>& args, const std::string& cwd,
                                std::map<std::string, std::string> env = {}) {
  env.try_emplace("DATABASE_URL", "\x01");
  env.try_emplace("DATABASE_AUTH_TOKEN", kTestToken);
  std::vector<std::string> argv = {schemacBinary()};
  argv.insert(argv.end(), args.begin(), args.end());
  std::string base = cwd + "/.schemac-test-" + std::to_string(getpid());
  pid_t pid = spawn(argv, cwd, env, base + ".out", base + ".err");
  ProcessResult r;
  r.exitCode = waitFor(pid);
  r.out = slurp(base + ".out");
  r.err = slurp(base + ".err");
  std::remove((base + ".out").c_str());
  std::remove((base + ".err").c_str());
  return r;
}

}  // namespace schemac::testing
