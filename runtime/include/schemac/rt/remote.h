// The remote libSQL implementation of rt::Connection: Hrana over HTTP (POST /v3/pipeline, or
// /v2/pipeline when the server lacks v3) through libcurl. Commands hold a plain Connection;
// the migrator downcasts to reach batches (one HTTP request per migration).
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <nlohmann/json_fwd.hpp>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "schemac/rt/connection.h"
#include "schemac/rt/url.h"

namespace schemac::rt {

namespace remote {
class HttpClient;
}

// One statement of a batch.
struct BatchStep {
  std::string sql;
  std::vector<Value> params;
};

// What a batch did: results[i] is set for each step that ran and succeeded; `failedStep` is the
// first step that failed (-1: none) with the server's message.
struct BatchOutcome {
  std::vector<std::optional<ResultSet>> results;
  int failedStep = -1;
  std::string error;
};

class RemoteConnection : public Connection {
 public:
  // Opens a classified remote URL (UrlKind::RemoteLibsql). Sends nothing yet. Throws DbError.
  static std::unique_ptr<RemoteConnection> open(const DatabaseUrl& url,
                                                const OpenOptions& options = {});
  ~RemoteConnection() override;
  RemoteConnection(const RemoteConnection&) = delete;
  RemoteConnection& operator=(const RemoteConnection&) = delete;

  // One HTTP request each; a read (SELECT, read-only PRAGMA, EXPLAIN) is retried on a
  // transport failure or a 5xx, with backoff; a write never.
  ResultSet query(std::string_view sql, std::span<const Value> params = {}) override;
  // The script's statements in one batch request, each only if the previous succeeded.
  void execute(std::string_view sql) override;
  std::unique_ptr<Statement> prepare(std::string_view sql) override;
  std::string displayUrl() const override { return display_; }
  bool isRemote() const override { return true; }
  std::unique_ptr<Connection> openAnother(
      const std::function<void(OpenOptions&)>& adjust = {}) const override;

  // Runs `body` atomically in one HTTP request: `before` steps (outside the transaction, e.g.
  // PRAGMA foreign_keys=OFF), BEGIN, each body step only if every earlier one succeeded,
  // COMMIT, ROLLBACK when anything failed, then the `after` steps whatever happened. The
  // outcome's indexes are those of `body` (-1: BEGIN failed, size(): COMMIT failed, -2-i: the
  // i-th `before` step failed and nothing else ran). Throws DbError on a transport or protocol
  // failure (then nothing was committed unless the COMMIT's answer was lost, which the message
  // says).
  BatchOutcome transaction(std::span<const BatchStep> body, std::span<const BatchStep> before = {},
                           std::span<const BatchStep> after = {});

  // HTTP requests sent so far (for --verbose: requests per migration).
  std::int64_t requestCount() const { return requests_; }
  const std::string& host() const { return host_; }
  // Where requests go: the pipeline endpoint in use (v3 or v2).
  std::string endpoint() const;

 private:
  RemoteConnection(std::string baseUrl, std::string host, std::string display, std::string token,
                   const OpenOptions& options);
  DatabaseUrl url_;      // for openAnother
  OpenOptions options_;  // likewise, without the token (token_ holds it)
  // Sends one pipeline (`requests`: a JSON array) and returns one result per request.
  // Handles the v3 -> v2 fallback, the baton, retries of reads.
  std::vector<nlohmann::json> pipeline(nlohmann::json requests, bool readOnly,
                                       const std::string& what, const std::string& sql = {});
  // Refuses (before sending when known, else after, rolling back) a statement that would
  // leave a transaction open on a server that keeps no stream between requests.
  void requireStreamFor(std::string_view sql, bool sent);
  [[noreturn]] void fail(const std::string& what, const std::string& problem,
                         const std::string& advice, const std::string& sql = {}) const;

  std::unique_ptr<remote::HttpClient> http_;
  std::string baseUrl_;  // https://host:port (no trailing slash)
  std::string host_;
  std::string display_;
  std::string token_;
  std::optional<std::string> baton_;
  std::string streamBaseUrl_;  // base_url returned by the server, if any
  int version_ = 3;            // 3 until the server answers 404 to /v3/pipeline
  int retries_ = 2;
  bool foreignKeys_ = true;
  std::function<void(const std::string&)> httpLog_;
  int batons_ = -1;  // does the server return batons: -1 not known yet, 0 no, 1 yes
  std::int64_t requests_ = 0;
};

// Splits an SQL script into its statements (a trigger body stays whole), each without the
// trailing semicolon; comment-only pieces are dropped.
std::vector<std::string> splitSqlScript(std::string_view script);

}  // namespace schemac::rt
