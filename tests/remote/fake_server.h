// A fake Hrana server (cpp-httplib) on a free loopback port, for the remote client's failure
// paths: every POST is recorded (path, body, Authorization, Accept-Encoding) and answered by
// the test's handler.
#pragma once

#include <httplib.h>

#include <atomic>
#include <chrono>
#include <functional>
#include <mutex>
#include <nlohmann/json.hpp>
#include <string>
#include <thread>
#include <vector>

#include "process.h"
#include "schemac/rt/connection.h"

namespace schemac::testing {

using nlohmann::json;

// Answers a pipeline like an empty libSQL database would: no rows, except that the lease's
// INSERT ... RETURNING returns its row; a batch step whose SQL contains "nowhere" fails, the
// steps after it do not run (their conditions fail) except the ROLLBACK.
inline json emptyDatabaseAnswer(const json& body) {
  json results = json::array();
  auto ok = [](json rows) {
    return json{{"cols", json::array({json{{"name", "x"}}})},
                {"rows", std::move(rows)},
                {"affected_row_count", 0},
                {"last_insert_rowid", nullptr}};
  };
  for (const json& req : body.at("requests")) {
    if (req.at("type") == "execute") {
      std::string sql = req.at("stmt").at("sql");
      json rows = json::array();
      if (sql.find("RETURNING holder") != std::string::npos) {
        rows.push_back(json::array({json{{"type", "text"}, {"value", "h"}}}));
      }
      results.push_back(
          {{"type", "ok"}, {"response", {{"type", "execute"}, {"result", ok(rows)}}}});
    } else if (req.at("type") == "batch") {
      json stepResults = json::array(), stepErrors = json::array();
      bool failed = false;
      for (const json& step : req.at("batch").at("steps")) {
        std::string sql = step.at("stmt").at("sql");
        if (sql == "ROLLBACK") {
          stepResults.push_back(failed ? ok(json::array()) : json(nullptr));
          stepErrors.push_back(nullptr);
        } else if (failed && step.contains("condition")) {
          stepResults.push_back(nullptr);
          stepErrors.push_back(nullptr);
        } else if (sql.find("nowhere") != std::string::npos) {
          failed = true;
          stepResults.push_back(nullptr);
          stepErrors.push_back(
              {{"message", "SQLite error: no such table: nowhere"}, {"code", "SQLITE_ERROR"}});
        } else {
          stepResults.push_back(ok(json::array()));
          stepErrors.push_back(nullptr);
        }
      }
      results.push_back(
          {{"type", "ok"},
           {"response",
            {{"type", "batch"},
             {"result", {{"step_results", stepResults}, {"step_errors", stepErrors}}}}}});
    }
  }
  return json{{"baton", nullptr}, {"base_url", nullptr}, {"results", results}};
}

class FakeServer {
 public:
  using Handler = std::function<void(const httplib::Request&, httplib::Response&)>;
  explicit FakeServer(Handler handler) : handler_(std::move(handler)) {
    server_.Post(".*", [this](const httplib::Request& req, httplib::Response& res) {
      {
        std::lock_guard<std::mutex> lock(mu_);
        paths_.push_back(req.path);
        bodies_.push_back(req.body);
        authorization_ = req.get_header_value("Authorization");
        acceptEncoding_ = req.get_header_value("Accept-Encoding");
      }
      ++requests_;
      handler_(req, res);
    });
    port_ = server_.bind_to_any_port("127.0.0.1");
    thread_ = std::thread([this] { server_.listen_after_bind(); });
    while (!server_.is_running()) std::this_thread::sleep_for(std::chrono::milliseconds(1));
  }
  ~FakeServer() {
    server_.stop();
    thread_.join();
  }
  std::string url() const { return "http://127.0.0.1:" + std::to_string(port_); }
  std::string host() const { return "127.0.0.1:" + std::to_string(port_); }
  int requests() const { return requests_; }
  std::string authorization() {
    std::lock_guard<std::mutex> lock(mu_);
    return authorization_;
  }
  std::string acceptEncoding() {
    std::lock_guard<std::mutex> lock(mu_);
    return acceptEncoding_;
  }
  std::vector<std::string> bodies() {
    std::lock_guard<std::mutex> lock(mu_);
    return bodies_;
  }
  std::vector<std::string> paths() {
    std::lock_guard<std::mutex> lock(mu_);
    return paths_;
  }

 private:
  Handler handler_;
  httplib::Server server_;
  std::thread thread_;
  int port_ = 0;
  std::atomic<int> requests_{0};
  std::mutex mu_;
  std::string authorization_, acceptEncoding_;
  std::vector<std::string> bodies_, paths_;
};

// The error text a remote call ends with, or "(no error)".
inline std::string dbErrorOf(const std::function<void()>& fn) {
  try {
    fn();
  } catch (const rt::DbError& e) {
    return e.what();
  }
  return "(no error)";
}

// The fake server answers at once (or fails at once): the timeouts only bound a failure, and
// are generous so that a loaded machine (a TLS handshake or a handler thread waiting for the
// CPU) does not turn an answer into a timeout.
inline rt::OpenOptions fakeServerOptions() {
  rt::OpenOptions o;
  o.authToken = kTestToken;
  o.connectTimeoutMs = 30000;
  o.requestTimeoutMs = 30000;
  return o;
}

}  // namespace schemac::testing
