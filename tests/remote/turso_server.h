// A tursodb (libSQL server, npm package `turso`) on a free loopback port for one test: started
// in the constructor, waited for until its port answers, killed in the destructor.
#pragma once

#include <arpa/inet.h>
#include <netinet/in.h>
#include <signal.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

#include "process.h"

namespace schemac::testing {

// The tursodb binary under TURSODB_NPM_PREFIX; throws (failing the test) when it is missing.
inline std::string tursodbBinary() {
  std::filesystem::path root =
      std::filesystem::path(TURSODB_NPM_PREFIX) / "node_modules" / "@tursodatabase";
  std::error_code ec;
  for (auto& e : std::filesystem::directory_iterator(root, ec)) {
    auto bin = e.path() / "tursodb";
    if (std::filesystem::exists(bin)) return bin.string();
  }
  throw std::runtime_error("tursodb is not installed under " + std::string(TURSODB_NPM_PREFIX) +
                           ": run scripts/install-tursodb.sh (scripts/setup.sh does)");
}

inline int freePort() {
  int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  addr.sin_port = 0;
  ::bind(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr);
  socklen_t len = sizeof addr;
  ::getsockname(fd, reinterpret_cast<sockaddr*>(&addr), &len);
  int port = ntohs(addr.sin_port);
  ::close(fd);
  return port;
}

inline bool portAnswers(int port) {
  int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  addr.sin_port = htons(static_cast<std::uint16_t>(port));
  bool ok = ::connect(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) == 0;
  ::close(fd);
  return ok;
}

class TursoServer {
 public:
  // Serves `dbFile` (created when missing).
  explicit TursoServer(const std::string& dbFile) : dbFile_(dbFile) { start(); }
  ~TursoServer() { stop(); }
  TursoServer(const TursoServer&) = delete;
  TursoServer& operator=(const TursoServer&) = delete;

  std::string url() const { return "http://127.0.0.1:" + std::to_string(port_); }
  int port() const { return port_; }
  const std::string& log() const { return logFile_; }

  void stop() {
    if (pid_ <= 0) return;
    ::kill(pid_, SIGKILL);
    waitFor(pid_);  // keeps a copy of the server's log for the suite's token grep
    pid_ = -1;
  }

 private:
  void start() {
    std::string bin = tursodbBinary();
    for (int attempt = 0; attempt < 3; ++attempt) {
      port_ = freePort();
      logFile_ = dbFile_ + ".server.log";
      pid_ = spawn({bin, dbFile_, "--experimental-generated-columns", "--sync-server",
                    "127.0.0.1:" + std::to_string(port_)},
                   std::filesystem::path(dbFile_).parent_path().string(), {}, logFile_,
                   logFile_ + ".err");
      auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(20);
      while (std::chrono::steady_clock::now() < deadline) {
        if (portAnswers(port_)) return;
        int status = 0;
        if (waitpid(pid_, &status, WNOHANG) == pid_) {  // died (port taken?): retry
          pid_ = -1;
          break;
        }
        std::this_thread::sleep_for(std::chrono::milliseconds(20));
      }
      stop();
    }
    throw std::runtime_error("tursodb did not start serving " + dbFile_ + " (see " + logFile_ +
                             ".err)");
  }

  std::string dbFile_;
  std::string logFile_;
  int port_ = 0;
  pid_t pid_ = -1;
};

}  // namespace schemac::testing
