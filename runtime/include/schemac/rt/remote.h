// The remote libSQL implementation of rt::Connection: Hrana over HTTP (POST /v3/pipeline, or
// /v2/pipeline when the server lacks v3) through libcurl. Commands hold a plain Connection;
// transaction() sends a whole batch as one HTTP request (one request per migration).
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
  Capabilities capabilities() const override;
  // The script's statements in one batch request (tursodb has no PRAGMA foreign_key_check).
  BatchOutcome transaction(std::span<const BatchStep> body,
                           const TransactionOptions& options = {}) override;
  // A SQL dump (schemac/rt/dump.h) into `<host>.backup-<UTC time>-<label>.sql` in the working
  // directory, written through a temporary file and a rename.
  std::string backup(const std::string& label) override;
  std::unique_ptr<Connection> openAnother(
      const std::function<void(OpenOptions&)>& adjust = {}) const override;

  // HTTP requests sent so far (for --verbose: requests per migration).
  std::int64_t requestCount() const override { return requests_; }
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

}  // namespace schemac::rt
